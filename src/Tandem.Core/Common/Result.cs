namespace Tandem.Core.Common;

/// <summary>Why a use case did not succeed. Expected failures are values; only bugs throw.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>An expected failure, with the fields it concerns (field name → messages).</summary>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]> Fields)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found.", NoFields);

    public static Error Forbidden(string message = "You are not allowed to do this.") => new(ErrorKind.Forbidden, message, NoFields);

    public static Error Conflict(string message) => new(ErrorKind.Conflict, message, NoFields);

    public static Error Duplicate(string field, string message) =>
        new(ErrorKind.Conflict, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error StaleVersion() =>
        Conflict("Someone else changed this record since you loaded it. Reload it and apply your change again.");

    public static Error Invalid(string field, string message) =>
        new(ErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Invalid(Validation validation) =>
        new(ErrorKind.Invalid, "One or more fields are invalid.", validation.Errors);
}

/// <summary>The outcome of a use case: a value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error.Message}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => Error is null ? Result<TOut>.Ok(map(_value!)) : Result<TOut>.Fail(Error);
}

/// <summary>Collects field errors so a form or an API answer can list them all at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        return this;
    }

    public Validation Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        return this;
    }

    public Error ToError() => Error.Invalid(this);
}
