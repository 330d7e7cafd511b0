using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

public sealed record AuditEntryDto(long Sequence, DateTime At, Guid? ActorUserId, string ActorName, string ActorAgency, string Action,
    string ObjectType, string ObjectId, string Label, string Decision, string RequestId, string Details, string PreviousHash, string Hash);

/// <summary>What an auditor typed: text, so each surface (page, API, CLI) reports a bad value under its own field name.</summary>
public sealed record AuditFilterInput(string? From = null, string? To = null, string? Actor = null, string? Action = null,
    string? ObjectType = null, string? ObjectId = null, string? Decision = null);

/// <summary>A checked filter: <see cref="From"/> inclusive, <see cref="To"/> exclusive, both UTC.</summary>
public sealed record AuditFilter(DateTime? From = null, DateTime? To = null, string? Actor = null, string? Action = null,
    string? ObjectType = null, string? ObjectId = null, string? Decision = null)
{
    public string Describe()
    {
        var parts = new List<string>();
        Add("from", From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("O", CultureInfo.InvariantCulture));
        Add("actor", Actor);
        Add("action", Action);
        Add("objectType", ObjectType);
        Add("objectId", ObjectId);
        Add("decision", Decision);
        var text = parts.Count == 0 ? "all entries" : string.Join(" ", parts);
        return text.Length <= 1500 ? text : text[..1500];

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={value}");
            }
        }
    }
}

/// <summary>Who may read the audit log: auditors, and the operator running <c>tandem</c> on the server itself.</summary>
public static class AuditAccess
{
    public const string LogObject = "AuditLog";

    public static bool CanRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Auditor) || (actor.UserId is null && actor.IsInRole(Roles.Admin));
    }
}

/// <summary>Reading the audit log: filters, paging newest first; every read is itself one audit entry.</summary>
public static class AuditQueries
{
    public const int FieldLength = 256;

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
    ];

    private static readonly string[] Decisions = [AuditDecision.Allowed, AuditDecision.Denied, AuditDecision.Failed];

    /// <summary>
    /// Checks a date range. A date (yyyy-MM-dd) means the whole UTC day: <c>from</c> its start,
    /// <c>to</c> its end. A date-time without an offset is UTC; with one, it is converted to UTC.
    /// </summary>
    public static Result<(DateTime? From, DateTime? To)> ParseRange(string? from, string? to, string fromField = "from", string toField = "to")
    {
        var validation = new Validation();
        var start = ParseInstant(from, fromField, endOfDay: false, validation);
        var end = ParseInstant(to, toField, endOfDay: true, validation);
        if (validation.IsValid && start is { } s && end is { } e && e <= s)
        {
            validation.Add(toField, $"{toField} must be after {fromField}.");
        }

        return validation.IsValid ? (start, end) : validation.ToError();
    }

    public static Result<AuditFilter> ParseFilter(AuditFilterInput input, string fromField = "from", string toField = "to")
    {
        ArgumentNullException.ThrowIfNull(input);
        var range = ParseRange(input.From, input.To, fromField, toField);
        var validation = new Validation()
            .Optional("actor", input.Actor, FieldLength)
            .Optional("action", input.Action, 64)
            .Optional("objectType", input.ObjectType, 64)
            .Optional("objectId", input.ObjectId, 64);
        var decision = Clean(input.Decision)?.ToLowerInvariant();
        if (decision is not null && !Decisions.Contains(decision, StringComparer.Ordinal))
        {
            validation.Add("decision", $"decision must be one of {string.Join(", ", Decisions)}.");
        }

        if (!range.Succeeded)
        {
            foreach (var (field, messages) in range.Error!.Fields)
            {
                foreach (var message in messages)
                {
                    validation.Add(field, message);
                }
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return new AuditFilter(range.Value.From, range.Value.To, Clean(input.Actor), Clean(input.Action), Clean(input.ObjectType), Clean(input.ObjectId), decision);
    }

    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (filter.Actor is { } actor)
        {
            if (Guid.TryParse(actor, out var userId))
            {
                entries = entries.Where(e => e.ActorUserId == userId);
            }
            else
            {
                var term = actor.ToLowerInvariant();
                var agency = actor.ToUpperInvariant();
                entries = entries.Where(e => e.ActorName.ToLower().Contains(term) || e.ActorAgency == agency);
            }
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (filter.ObjectType is { } type)
        {
            entries = entries.Where(e => e.ObjectType == type);
        }

        if (filter.ObjectId is { } id)
        {
            entries = entries.Where(e => e.ObjectId == id);
        }

        if (filter.Decision is { } decision)
        {
            entries = entries.Where(e => e.Decision == decision);
        }

        return entries;
    }

    /// <summary>
    /// One page of the log, newest first. The read is audited once (not per row); a caller that audits the
    /// request otherwise (the page's verify button) passes <paramref name="recordRead"/> false.
    /// </summary>
    public static async Task<Result<PagedList<AuditEntryDto>>> List(TandemDbContext db, Actor actor, AuditFilter filter, int? page, int? pageSize,
        bool recordRead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        if (!AuditAccess.CanRead(actor))
        {
            db.Audit(AuditAction.List, AuditAccess.LogObject, "", AuditDecision.Denied, details: "not an auditor");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only auditors may read the audit log.");
        }

        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var query = Apply(db.AuditEntries.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Sequence).Skip(request.Value.Skip).Take(request.Value.PageSize)
            .Select(e => new AuditEntryDto(e.Sequence, e.At, e.ActorUserId, e.ActorName, e.ActorAgency, e.Action, e.ObjectType, e.ObjectId,
                e.Label, e.Decision, e.RequestId, e.Details, e.PreviousHash, e.Hash))
            .ToListAsync(ct);

        if (recordRead)
        {
            db.Audit(AuditAction.List, AuditAccess.LogObject, "", details: $"page {request.Value.Page}: {filter.Describe()}");
            await db.SaveChangesAsync(ct);
        }

        return new PagedList<AuditEntryDto>(items, request.Value.Page, request.Value.PageSize, total);
    }

    public static AuditEntryDto ToDto(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new AuditEntryDto(e.Sequence, e.At, e.ActorUserId, e.ActorName, e.ActorAgency, e.Action, e.ObjectType, e.ObjectId,
            e.Label, e.Decision, e.RequestId, e.Details, e.PreviousHash, e.Hash);
    }

    private static DateTime? ParseInstant(string? text, string field, bool endOfDay, Validation validation)
    {
        text = Clean(text);
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 40)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                return endOfDay ? start.AddDays(1) : start;
            }

            if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant.UtcDateTime;
            }
        }

        var shown = text.Length <= 40 ? text : text[..40] + "…";
        validation.Add(field, $"{field} '{shown}' is not a date (yyyy-MM-dd) or a UTC date-time (yyyy-MM-ddTHH:mm:ssZ).");
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
