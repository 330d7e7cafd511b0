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
