using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// SECURITY.md row 20 for pages: a page's typed query parameters (<c>[SupplyParameterFromQuery] int? Page</c>) are
/// parsed by Blazor while it renders, and a value of the wrong type (<c>?page=abc</c>) throws there — a server error.
/// This checks the query against the page's declared parameters before the page runs, and answers 400 naming the
/// parameter instead. Parsing follows Blazor's (invariant culture), so whatever passes here parses there.
/// </summary>
public sealed class PageQueryValidationMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Declared = new();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page && context.Request.Query.Count > 0)
        {
            foreach (var (name, type) in Declared.GetOrAdd(page.Type, Parameters))
            {
                if (!context.Request.Query.TryGetValue(name, out var values))
                {
                    continue;
                }

                foreach (var value in values)
                {
                    if (!string.IsNullOrEmpty(value) && !Parses(value, type))
                    {
                        var given = context.Request.Query.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                            detail: $"The query parameter '{given}' must be {Describe(type)}.").ExecuteAsync(context);
                        return;
                    }
                }
            }
        }

        await next(context);
    }

    /// <summary>The page's query parameters that are not text, by the name they take in the query.</summary>
    private static IReadOnlyList<(string Name, Type Type)> Parameters(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Query is not null)
            .Select(p => (p.Query!.Name ?? p.Property.Name, Element(p.Property.PropertyType)))
            .Where(p => p.Item2 != typeof(string))
            .ToList();

    private static Type Element(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    private static bool Parses(string value, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, out _),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when type == typeof(float) => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ => true,
        };
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "an id (a GUID)",
        _ when type == typeof(DateOnly) || type == typeof(DateTime) => "a date (yyyy-mm-dd)",
        _ when type == typeof(TimeOnly) => "a time (hh:mm)",
        _ => "a number",
    };
}
