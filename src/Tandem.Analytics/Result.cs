namespace Tandem.Analytics;

/// <summary>Why an operation did not succeed; callers map these to exit codes or ProblemDetails.</summary>
public enum FailureKind
{
    /// <summary>The caller's input is wrong (bad code, bad fraction, too many bad rows, …).</summary>
    Invalid,
    /// <summary>Something asked for is not in the store (a year, a party, a basket).</summary>
    NotFound,
    /// <summary>The request clashes with the state of the store.</summary>
    Conflict,
}

public sealed record Failure(FailureKind Kind, string Message);

/// <summary>An expected outcome that is either a value or a <see cref="Failure"/>; only bugs throw.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public Failure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"Result is a failure: {Failure!.Message}");

#pragma warning disable CA1000 // Factories on the generic type read best at call sites: Result<T>.Invalid("…").
    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(FailureKind kind, string message) => new(default, new Failure(kind, message));

    public static Result<T> Fail(Failure failure) => new(default, failure);

    public static Result<T> Invalid(string message) => Fail(FailureKind.Invalid, message);

    public static Result<T> NotFound(string message) => Fail(FailureKind.NotFound, message);
#pragma warning restore CA1000

#pragma warning disable CA2225 // Ok(...) is the named alternative; the implicit conversion keeps handlers short.
    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Failure failure) => Fail(failure);
#pragma warning restore CA2225
}
