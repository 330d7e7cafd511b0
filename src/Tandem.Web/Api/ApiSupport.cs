using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>Paging, ETags and result mapping shared by every endpoint.</summary>
public static class ApiSupport
{
    public static async Task<Result<PagedList<T>>> Page<T>(IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var total = await query.CountAsync(ct);
        var items = await query.Skip(request.Value.Skip).Take(request.Value.PageSize).ToListAsync(ct);
        return new PagedList<T>(items, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>A short list built whole (a forum's tracks, a document's versions) answered in the same paged envelope as every list.</summary>
    public static IResult PageOf<T>(IReadOnlyList<T> all, int? page, int? pageSize) => Paging.Page(all, page, pageSize).ToHttp();

    public static IResult ToHttp<T>(this Result<T> result, HttpContext? context = null, int? version = null)
    {
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        if (context is not null && version is { } v)
        {
            context.Response.Headers.ETag = ETag(v);
        }

        return TypedResults.Ok(result.Value);
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an update is based on: the If-Match header wins over a body field.</summary>
    public static int? ExpectedVersion(HttpContext context, int? bodyVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.StartsWith("W/", StringComparison.Ordinal))
        {
            ifMatch = ifMatch[2..];
        }

        return int.TryParse(ifMatch.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : bodyVersion;
    }
}
