namespace Tandem.Web.Components.Shared;

/// <summary>
/// The attributes that tie a form field to its error after a refused submit: <c>aria-invalid="true"</c> and
/// <c>aria-describedby</c> naming the message, so a screen reader announces the error with the field.
/// Splat them onto the field: <c>&lt;input name="title" @attributes="@(FieldAria.For(errors, "title"))" /&gt;</c>.
/// </summary>
public static class FieldAria
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    /// <summary>For a field whose message is rendered beside it under <c>{prefix}{field}-error</c>.</summary>
    public static IReadOnlyDictionary<string, object> For(IReadOnlyDictionary<string, string[]>? errors, string field, string idPrefix = "") =>
        errors?.ContainsKey(field) == true
            ? new Dictionary<string, object> { ["aria-invalid"] = "true", ["aria-describedby"] = $"{idPrefix}{field}-error" }
            : None;

    /// <summary>For a field whose message is listed only in the form's error summary, which it names instead.</summary>
    public static IReadOnlyDictionary<string, object> InSummary(IReadOnlyDictionary<string, string[]>? errors, string field, string summaryId) =>
        errors?.ContainsKey(field) == true
            ? new Dictionary<string, object> { ["aria-invalid"] = "true", ["aria-describedby"] = summaryId }
            : None;

    /// <summary>For a field of a use case's form whose message <see cref="FieldMessage"/> renders beside it (the field already names it).</summary>
    public static IReadOnlyDictionary<string, object> Invalid(Tandem.Core.Common.Error? error, string field) =>
        error?.Fields.ContainsKey(field) == true ? new Dictionary<string, object> { ["aria-invalid"] = "true" } : None;
}
