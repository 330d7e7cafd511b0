using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Search;

/// <summary>What a reader searches for: words (all must occur), and optional filters.</summary>
public sealed record SearchInput(
    string? Q,
    IReadOnlyList<string>? Kinds = null,
    string? Party = null,
    string? Track = null,
    string? Label = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>
/// One hit. <see cref="Snippet"/> is HTML: the record's own text around the first match, escaped, with each match in
/// &lt;mark&gt;…&lt;/mark&gt;; it comes only from the record the hit names, which the reader may read.
/// </summary>
public sealed record SearchHit(string Kind, Guid Id, string Title, string Snippet, string Label, string Url, DateTime Date);

/// <summary>
/// One search across every kind of record, in the database's full-text index (ADR-010). The access rule of each
/// kind is part of the query, so totals and pages count only what the reader may see; every search is audited
/// with its words and number of hits.
/// </summary>
public static class SearchRecords
{
    public const int MaxQueryLength = 200;
    public const int DefaultPageSize = 20;
    private const int MaxTerms = 8;

    /// <summary>Terms shorter than this cannot use the trigram index; they are matched by a plain substring test on the rows the other terms found.</summary>
    public const int ShortestIndexedTerm = 3;

    public static async Task<Result<PagedList<SearchHit>>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, SearchInput input, int? page, int? pageSize,
        string culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation();
        var q = (input.Q ?? "").Trim();
        if (q.Length == 0)
        {
            validation.Add("q", "q is required: the words to search for.");
        }
        else if (q.Length > MaxQueryLength)
        {
            validation.Add("q", $"q must be at most {MaxQueryLength} characters.");
        }

        var kinds = (input.Kinds ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var bad in kinds.Where(k => !SearchKinds.All.Contains(k, StringComparer.Ordinal)))
        {
            validation.Add("kinds", $"'{bad}' is not a kind: use {string.Join(", ", SearchKinds.All)}.");
        }

        Tlp? level = null;
        if (!string.IsNullOrWhiteSpace(input.Label))
        {
            level = LabelRequest.ParseLevel(input.Label);
            if (level is null)
            {
                validation.Add("label", "label must be one of Clear, Green, Amber, AmberStrict, Red.");
            }
        }

        var party = input.Party?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(party) && party.Length != 3)
        {
            validation.Add("party", "party must be an ISO 3166 alpha-3 code, e.g. JPN.");
        }

        if (input.From is { } f && input.To is { } t && t < f)
        {
            validation.Add("to", "to must not be before from.");
        }

        var request = PageRequest.Create(page, pageSize ?? DefaultPageSize);
        if (!request.Succeeded)
        {
            foreach (var (field, messages) in request.Error!.Fields)
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

        var terms = Terms(q);
        var viewer = Viewer.Of(actor, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var entries = db.Set<SearchEntry>().AsNoTracking().Where(await Visible(db, actor, viewer, ct));
        if (kinds.Count > 0)
        {
            entries = entries.Where(e => kinds.Contains(e.Kind));
        }

        if (!string.IsNullOrEmpty(party))
        {
            var token = LabelData.Token(party);
            entries = entries.Where(e => e.Parties.Contains(token));
        }

        if (!string.IsNullOrWhiteSpace(input.Track))
        {
            var code = input.Track.Trim().ToUpperInvariant();
            var tracks = db.Tracks.Where(t => t.Code.ToUpper() == code).Select(t => (Guid?)t.Id);
            entries = entries.Where(e => tracks.Contains(e.TrackId));
        }

        if (level is { } l)
        {
            entries = entries.Where(e => e.Label.Level == l);
        }

        if (input.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.Date >= start);
        }

        if (input.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.Date < end);
        }

        var ranked = Match(db, entries, terms);
        var total = await ranked.CountAsync(ct);
        var rows = await ranked.OrderBy(r => r.Rank).ThenByDescending(r => r.Entry.Date).ThenBy(r => r.Entry.Id)
            .Skip(request.Value.Skip).Take(request.Value.PageSize)
            .Select(r => new { r.Entry.Id, r.Entry.Kind, r.Entry.RecordId, r.Entry.ParentId, r.Entry.Title, r.Entry.TitleJa, r.Entry.Marking, r.Entry.Date })
            .ToListAsync(ct);

        // The texts of this page's hits only, for their snippets; these rows already passed the access rule above.
        var ids = rows.Select(r => r.Id).ToList();
        var texts = await db.Set<SearchEntry>().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Body, e.Content }).ToDictionaryAsync(e => e.Id, ct);
        var hits = rows.Select(r =>
        {
            var title = Localized.Pick(culture, r.Title, r.TitleJa);
            var text = texts.TryGetValue(r.Id, out var t) ? t.Body + "\n" + t.Content : "";
            var snippet = Snippets.Make(text, terms);
            if (snippet.Length == 0)
            {
                snippet = Snippets.Make(r.Title + " " + r.TitleJa, terms);
            }

            return new SearchHit(r.Kind, r.RecordId, title, snippet, r.Marking, Url(r.Kind, r.RecordId, r.ParentId), r.Date);
        }).ToList();

        var details = JsonSerializer.Serialize(new { q, hits = total, kinds = kinds.Count == 0 ? null : string.Join(",", kinds) });
        await db.AuditReadAsync(AuditAction.Search, "Search", "", "", details, ct);
        return new PagedList<SearchHit>(hits, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>The words of a query: split on white space, quotes removed, duplicates dropped, at most eight.</summary>
    public static IReadOnlyList<string> Terms(string q) =>
        (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('"', '\'', '“', '”', '「', '」'))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxTerms)
            .ToList();

    /// <summary>Where the hit opens in the web app.</summary>
    public static string Url(string kind, Guid id, Guid? parent) => kind switch
    {
        SearchKinds.Document => $"/documents/{id:D}",
        SearchKinds.Meeting => $"/meetings/{id:D}",
        SearchKinds.AgendaItem => $"/meetings/{parent:D}",
        SearchKinds.Paper => $"/meetings/{parent:D}",
        SearchKinds.Commitment => $"/commitments/{id:D}",
        SearchKinds.ProgressReport => $"/commitments/{parent:D}",
        SearchKinds.Notice => $"/notices/{id:D}",
        SearchKinds.CoercionIncident => $"/coercion/{id:D}",
        SearchKinds.Programme => $"/programmes/{id:D}",
        SearchKinds.Analysis => $"/evidence/analyses/{id:D}",
        SearchKinds.ConsultationCall => $"/consultation/{id:D}",
        SearchKinds.Submission => $"/consultation/submissions/{id:D}",
        _ => "/",
    };

    /// <summary>A hit and its rank (lower is better).</summary>
    private sealed class Ranked
    {
        public required SearchEntry Entry { get; init; }

        public double Rank { get; init; }
    }

    /// <summary>A row of the full-text index's answer.</summary>
    public sealed class IndexMatch
    {
        public long EntryId { get; set; }

        public double Rank { get; set; }
    }

    /// <summary>
    /// The visible entries that contain every term, ranked by the database: FTS5's bm25 over the trigram index on
    /// SQLite; on PostgreSQL, matched through the trigram (pg_trgm) index and ranked by the tsvector's ts_rank with a
    /// bonus for matches in the title.
    /// </summary>
    private static IQueryable<Ranked> Match(TandemDbContext db, IQueryable<SearchEntry> entries, IReadOnlyList<string> terms)
    {
        var indexed = terms.Where(t => t.Length >= ShortestIndexedTerm).ToList();
        var shortTerms = terms.Where(t => t.Length < ShortestIndexedTerm).ToList();
        var postgres = db.Database.IsNpgsql();
        foreach (var term in shortTerms)
        {
            var pattern = "%" + EscapeLike(term) + "%";
            entries = postgres
                ? entries.Where(e => EF.Functions.ILike(e.Title, pattern, "\\") || EF.Functions.ILike(e.TitleJa, pattern, "\\")
                    || EF.Functions.ILike(e.Body, pattern, "\\") || EF.Functions.ILike(e.Content, pattern, "\\"))
                : entries.Where(e => EF.Functions.Like(e.Title, pattern, "\\") || EF.Functions.Like(e.TitleJa, pattern, "\\")
                    || EF.Functions.Like(e.Body, pattern, "\\") || EF.Functions.Like(e.Content, pattern, "\\"));
        }

        if (indexed.Count == 0)
        {
            return entries.Select(e => new Ranked { Entry = e, Rank = 0 });
        }

        IQueryable<IndexMatch> matches;
        if (postgres)
        {
            var conditions = string.Join(" AND ", indexed.Select((_, i) => $"{PostgresText} ILIKE {{{i + 2}}}"));
            var sql = "SELECT \"Id\" AS \"EntryId\", -(ts_rank(\"SearchVector\", plainto_tsquery('simple', {0}))"
                + $" + CASE WHEN (\"Title\" || ' ' || \"TitleJa\") ILIKE {{1}} THEN 1 ELSE 0 END) AS \"Rank\" FROM \"SearchEntries\" WHERE {conditions}";
            object[] parameters = [string.Join(" ", indexed), "%" + EscapeLike(indexed[0]) + "%", .. indexed.Select(t => "%" + EscapeLike(t) + "%")];
            matches = db.Database.SqlQueryRaw<IndexMatch>(sql, parameters);
        }
        else
        {
            // Each term is a quoted FTS5 string, so its characters are never read as query syntax; terms are ANDed.
            var expression = string.Join(" ", indexed.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            matches = db.Database.SqlQuery<IndexMatch>(
                $"SELECT rowid AS \"EntryId\", bm25(\"SearchIndex\", 10.0, 10.0, 1.0, 1.0) AS \"Rank\" FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH {expression}");
        }

        return from e in entries
               join m in matches on e.Id equals m.EntryId
               select new Ranked { Entry = e, Rank = m.Rank };
    }

    /// <summary>The text the PostgreSQL trigram index covers; the same expression as the index's (migration SearchIndex).</summary>
    public const string PostgresText = "(\"Title\" || ' ' || \"TitleJa\" || ' ' || \"Body\" || ' ' || \"Content\")";

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The access rule of every kind, over the copies of its facts in the index row, as one expression for the WHERE clause.</summary>
    private static async Task<Expression<Func<SearchEntry, bool>>> Visible(TandemDbContext db, Actor actor, Viewer viewer, CancellationToken ct)
    {
        var labelled = AccessPolicy.For<SearchEntry>(viewer);
        var forums = ForumCommunity.ForumIds(db, actor);
        var organiser = ForumCommunity.CanOrganise(actor);
        Expression<Func<SearchEntry, bool>> forum = e => e.ForumId != null && forums.Contains(e.ForumId.Value) && (organiser || !e.IsDraft);

        Expression<Func<SearchEntry, bool>> call;
        Expression<Func<SearchEntry, bool>> submission;
        if (actor.IsPrivateSector)
        {
            var organisation = await ConsultationAccess.OrganisationOf(db, actor, ct);
            if (organisation is null)
            {
                call = e => false;
            }
            else
            {
                var org = organisation.Id;
                var invitations = db.Set<CallInvitation>();
                call = And(AccessPolicy.For<SearchEntry>(viewer, addressed: true),
                    e => !e.IsDraft && (e.OpenToAllRegistered || invitations.Any(i => i.CallId == e.RecordId && i.OrganisationId == org)));
            }

            var own = actor.IsInRole(Accounts.Roles.Contributor) ? actor.AgencyId ?? Guid.Empty : Guid.Empty;
            submission = And(labelled, e => e.OwnerAgencyId == own);
        }
        else
        {
            var secretariat = ConsultationAccess.IsSecretariat(actor);
            call = And(labelled, e => secretariat || !e.IsDraft);
            submission = And(labelled, e => !e.IsDraft);
        }

        return Or(
            And(e => e.Scope == SearchScope.Labelled, labelled),
            And(e => e.Scope == SearchScope.Forum, forum),
            And(e => e.Scope == SearchScope.LabelledInForum, And(labelled, forum)),
            And(e => e.Scope == SearchScope.Call, call),
            And(e => e.Scope == SearchScope.Submission, submission));
    }

    private static Expression<Func<SearchEntry, bool>> And(Expression<Func<SearchEntry, bool>> a, Expression<Func<SearchEntry, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    private static Expression<Func<SearchEntry, bool>> Or(params Expression<Func<SearchEntry, bool>>[] parts) =>
        parts.Aggregate((a, b) => Combine(a, b, Expression.OrElse));

    private static Expression<Func<SearchEntry, bool>> Combine(Expression<Func<SearchEntry, bool>> a, Expression<Func<SearchEntry, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<SearchEntry, bool>>(join(a.Body, right), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
