namespace Tandem.Core.Common;

/// <summary>A page request: 1-based page, size capped so no request can ask for the whole table.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public static Result<PageRequest> Create(int? page, int? pageSize)
    {
        var validation = new Validation();
        if (page is < 1)
        {
            validation.Add("page", "page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxSize)
        {
            validation.Add("pageSize", $"pageSize must be between 1 and {MaxSize}.");
        }

        return validation.IsValid ? new PageRequest(page ?? 1, pageSize ?? DefaultSize) : validation.ToError();
    }

    public int Skip => (Page - 1) * PageSize;
}

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>One page of a query or of a short list already in memory, in the envelope every API list answers.</summary>
public static class Paging
{
    public static async Task<Result<PagedList<T>>> Page<T>(IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        var items = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(query.Skip(request.Value.Skip).Take(request.Value.PageSize), ct);
        return new PagedList<T>(items, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>For lists that are short by nature (forums, tokens, a document's versions) and built in memory.</summary>
    public static Result<PagedList<T>> Page<T>(IReadOnlyList<T> all, int? page, int? pageSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        return new PagedList<T>(all.Skip(request.Value.Skip).Take(request.Value.PageSize).ToList(), request.Value.Page, request.Value.PageSize, all.Count);
    }
}
