using System.Globalization;
using Microsoft.AspNetCore.Components;
using Tandem.Core.Common;
using Tandem.Web.Components.Shared;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Components.Pages.Meetings;

/// <summary>
/// What the meeting, commitment and compliance pages share: the reader as an <see cref="Actor"/>,
/// the posted form's fields, error display and the post-redirect-get step after a change.
/// </summary>
public abstract class CyclePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    protected Error? FormError { get; set; }

    protected string? FormName { get; set; }

    protected Actor Actor => HttpContext?.User.ToActor() ?? Actor.Anonymous;

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected static string Culture => CultureInfo.CurrentUICulture.Name;

    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A field of the posted form, trimmed; null when absent or empty.</summary>
    protected string? Field(string name)
    {
        if (HttpContext?.Request.HasFormContentType != true)
        {
            return null;
        }

        var value = HttpContext.Request.Form[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    protected IReadOnlyList<string> Fields(string name) =>
        HttpContext?.Request.HasFormContentType == true ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList() : [];

    protected int? Number(string name) => int.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    protected double? Real(string name) => double.TryParse(Field(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    protected DateOnly? Date(string name) => DateOnly.TryParseExact(Field(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    protected TEnum? Choice<TEnum>(string name)
        where TEnum : struct, Enum => Enum.TryParse<TEnum>(Field(name), ignoreCase: false, out var e) && Enum.IsDefined(e) ? e : null;

    /// <summary>Shows a failed change beside its form and sets the answer's status code (400, 403, 404, 409).</summary>
    protected void Fail(string form, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        FormName = form;
        FormError = error;
        SetStatus(error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        });
    }

    protected void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.StatusCode = status;
        }
    }

    protected bool HasError(string form) => FormError is not null && FormName == form;

    /// <summary>aria-invalid and aria-describedby for a field of <paramref name="form"/> after it was refused: the error summary names its error.</summary>
    protected IReadOnlyDictionary<string, object> Aria(string form, string field) =>
        FieldAria.InSummary(HasError(form) ? FormError!.Fields : null, field, FormErrors.SummaryId);

    protected void Reload(string url) => Navigation.NavigateTo(url, forceLoad: true);

    protected static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.CurrentCulture) + " %" : "—";

    protected static string Score(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "—";

    protected static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    protected static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
