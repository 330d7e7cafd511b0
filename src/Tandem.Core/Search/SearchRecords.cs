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
/// A page of hits. <see cref="Total"/> counts every match the reader may see, unless more than
/// <see cref="SearchRecords.RankedLimit"/> match: then only the newest that many are ranked and paged, Total is that
/// limit and <see cref="TotalIsLowerBound"/> is true (shown as "1,000+ results").
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

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

    /// <summary>
    /// At most this many matches are counted and ranked: the newest ones (the most recently indexed records). When more
    /// match, the total says "1,000+" and a reader narrows the search with more words or a filter.
    /// </summary>
    public const int RankedLimit = 1000;

    /// <summary>How many of the newest visible, filtered rows are tested for the words before the full-text index is asked.</summary>
    private const int Window = 4096;

    /// <summary>SQLite: ids taken from FTS5 at a time, newest first; each further batch four times larger, up to the largest.</summary>
    private const int FirstBatch = 2048;

    private const int LargestBatch = 8192;

    /// <summary>Terms shorter than this cannot use the trigram index; they are matched by a plain substring test on the rows the other terms found.</summary>
    public const int ShortestIndexedTerm = 3;

    public static async Task<Result<SearchResults>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, SearchInput input, int? page, int? pageSize,
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
        var visible = await Visible(db, actor, viewer, ct);

        // The filters first, the access rule after them: the newest rows that pass the filters are then read through
        // an index whatever the planner guesses of the access rule's selectivity (ADR-010).
        var entries = db.Set<SearchEntry>().AsNoTracking();
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

        // Only the newest matches are ranked (ADR-010): a word found in most records would otherwise cost time in
        // proportion to all of them, for a count nobody reads and an order nobody pages through.
        var filtered = kinds.Count > 0 || !string.IsNullOrEmpty(party) || !string.IsNullOrWhiteSpace(input.Track) || level is not null
            || input.From is not null || input.To is not null;
        var (candidates, capped) = await Newest(db, entries, visible, terms, filtered, ct);
        var total = candidates.Count;
        var order = await RankOrder(db, candidates, terms, ct);
        var pageIds = order.Skip(request.Value.Skip).Take(request.Value.PageSize).ToList();
        var found = await db.Set<SearchEntry>().AsNoTracking().Where(e => pageIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Kind, e.RecordId, e.ParentId, e.Title, e.TitleJa, e.Marking, e.Date })
            .ToDictionaryAsync(e => e.Id, ct);
        var rows = pageIds.Where(found.ContainsKey).Select(id => found[id]).ToList();

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

        var details = JsonSerializer.Serialize(new { q, hits = total, hitsAtLeast = capped ? true : (bool?)null, kinds = kinds.Count == 0 ? null : string.Join(",", kinds) });
        await db.AuditReadAsync(AuditAction.Search, "Search", "", "", details, ct);
        return new SearchResults(hits, request.Value.Page, request.Value.PageSize, total, capped);
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

    /// <summary>A candidate's rank (lower is better) and date, to order a page.</summary>
    public sealed class IndexRank
    {
        public long EntryId { get; set; }

        public double Rank { get; set; }

        public DateTime Date { get; set; }
    }

    /// <summary>
    /// The ids of the visible entries that contain every term, newest first, at most <see cref="RankedLimit"/>, and
    /// whether more matched. Every query here carries the access rule and the filters, so nothing the reader may not
    /// see is counted. Two steps, so that neither a word found everywhere nor a rare word reads the whole index:
    /// <list type="number">
    /// <item>The newest <see cref="Window"/> rows that pass the filters, read through the filters' indexes (or the key),
    /// are admitted by the access rule and tested for the words in the row itself. A common word finds its 1,001 matches here, whatever
    /// the filters. PostgreSQL always starts here (its trigram index cannot stop early: it rechecks every row holding
    /// the word); SQLite only when filtered and when its LIKE folds case as FTS5 does for these words.</item>
    /// <item>Below that window, the full-text index is asked: on SQLite FTS5 hands out matching ids newest-first in
    /// batches, each joined to the visible rows, until enough match (FTS5 reads its lists lazily in id order, so a
    /// batch costs milliseconds); on PostgreSQL the pg_trgm index finds the rows holding the words, which after the
    /// window means a rare word or a selective filter, so few rows.</item>
    /// </list>
    /// </summary>
    private static async Task<(List<long> Ids, bool Capped)> Newest(TandemDbContext db, IQueryable<SearchEntry> filtered,
        Expression<Func<SearchEntry, bool>> visible, IReadOnlyList<string> terms, bool hasFilters, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var entries = filtered.Where(visible);
        var found = new List<long>();
        long? below = null;
        if (postgres || (hasFilters && LikeFoldsLikeIndex(terms)))
        {
            // The window is taken before the access rule, so that it is read through the filters' index or the key;
            // the rule then admits the window's rows the reader may see.
            var window = filtered.OrderByDescending(e => e.Id).Take(Window).Where(visible);
            found = await ContainsAll(window, terms, postgres).OrderByDescending(e => e.Id).Select(e => e.Id).Take(RankedLimit + 1).ToListAsync(ct);
            if (found.Count > RankedLimit)
            {
                return (found[..RankedLimit], true);
            }

            var last = await filtered.OrderByDescending(e => e.Id).Skip(Window - 1).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
            if (last is null)
            {
                // The window held every row that passes the filters: the count is exact.
                return (found, false);
            }

            below = last.Value;
        }

        var indexed = terms.Where(t => t.Length >= ShortestIndexedTerm).ToList();
        var shortTerms = terms.Where(t => t.Length < ShortestIndexedTerm).ToList();
        if (indexed.Count == 0)
        {
            // Only words too short for a trigram: a substring test on the visible rows, newest first, stopping at the limit.
            var rest = below is { } b ? entries.Where(e => e.Id < b) : entries;
            found.AddRange(await ContainsAll(rest, shortTerms, postgres).OrderByDescending(e => e.Id).Select(e => e.Id)
                .Take(RankedLimit + 1 - found.Count).ToListAsync(ct));
        }
        else if (postgres)
        {
            var conditions = string.Join(" AND ", indexed.Select((_, i) => $"{PostgresText} ILIKE {{{i + 1}}}"));
            object[] parameters = [below ?? long.MaxValue, .. indexed.Select(t => "%" + EscapeLike(t) + "%")];
            // Only placeholders and the fixed text expression go into the SQL; the words are parameters.
            var sql = "SELECT \"Id\" AS \"Value\" FROM \"SearchEntries\" WHERE \"Id\" < {0} AND " + conditions;
            var ids = db.Database.SqlQueryRaw<long>(sql, parameters);
            found.AddRange(await ContainsAll(entries.Where(e => ids.Contains(e.Id)), shortTerms, postgres).OrderByDescending(e => e.Id).Select(e => e.Id)
                .Take(RankedLimit + 1 - found.Count).ToListAsync(ct));
        }
        else
        {
            // Each term is a quoted FTS5 string, so its characters are never read as query syntax; terms are ANDed.
            var expression = string.Join(" ", indexed.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            var high = below ?? long.MaxValue;
            var batch = FirstBatch;
            while (found.Count <= RankedLimit)
            {
                var rowids = await db.Database.SqlQuery<long>(
                        $"SELECT rowid AS \"Value\" FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH {expression} AND rowid < {high} ORDER BY rowid DESC LIMIT {batch}")
                    .ToListAsync(ct);
                if (rowids.Count == 0)
                {
                    break;
                }

                var matched = ContainsAll(entries.Where(e => rowids.Contains(e.Id)), shortTerms, postgres);
                found.AddRange(await matched.OrderByDescending(e => e.Id).Select(e => e.Id).Take(RankedLimit + 1 - found.Count).ToListAsync(ct));
                if (rowids.Count < batch)
                {
                    break;
                }

                high = rowids.Min();
                batch = Math.Min(batch * 4, LargestBatch);
            }
        }

        var capped = found.Count > RankedLimit;
        return (capped ? found[..RankedLimit] : found, capped);
    }

    /// <summary>
    /// Whether SQLite's LIKE, which folds the case of ASCII letters only, finds exactly what FTS5's trigram index
    /// finds for these words: true unless a word holds a letter outside ASCII that has an upper and a lower case.
    /// </summary>
    private static bool LikeFoldsLikeIndex(IReadOnlyList<string> terms) =>
        terms.All(t => t.All(c => c < 128 || char.ToUpperInvariant(c) == char.ToLowerInvariant(c)));

    /// <summary>The entries whose own text holds every term (a substring test in the row: ILIKE on PostgreSQL, LIKE on SQLite).</summary>
    private static IQueryable<SearchEntry> ContainsAll(IQueryable<SearchEntry> entries, IReadOnlyList<string> terms, bool postgres)
    {
        foreach (var term in terms)
        {
            var pattern = "%" + EscapeLike(term) + "%";
            entries = postgres
                ? entries.Where(e => EF.Functions.ILike(e.Title + " " + e.TitleJa + " " + e.Body + " " + e.Content, pattern, "\\"))
                : entries.Where(e => EF.Functions.Like(e.Title + " " + e.TitleJa + " " + e.Body + " " + e.Content, pattern, "\\"));
        }

        return entries;
    }

    /// <summary>
    /// The candidates best first (then newest). PostgreSQL: the tsvector's ts_rank plus a bonus when the title holds the
    /// first word. SQLite: how often the words occur, ten times more for the title than for the record's own text.
    /// FTS5's bm25 is not used: its weighting reads every row holding each word in the whole index, the cost capping
    /// the candidates avoids.
    /// </summary>
    private static async Task<List<long>> RankOrder(TandemDbContext db, List<long> candidates, IReadOnlyList<string> terms, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var words = terms.Select(t => t.ToLowerInvariant()).ToList();
        var ids = candidates.ToArray();
        IQueryable<IndexRank> ranks;
        if (db.Database.IsNpgsql())
        {
            ranks = db.Database.SqlQueryRaw<IndexRank>(
                "SELECT \"Id\" AS \"EntryId\", \"Date\", -(ts_rank(\"SearchVector\", plainto_tsquery('simple', {0}))"
                + " + CASE WHEN (\"Title\" || ' ' || \"TitleJa\") ILIKE {1} THEN 1 ELSE 0 END) AS \"Rank\" FROM \"SearchEntries\" WHERE \"Id\" = ANY({2})",
                string.Join(" ", words), "%" + EscapeLike(words[0]) + "%", ids);
        }
        else
        {
            // Occurrences of a word in a column: how much shorter the column gets with the word taken out.
            string Occurrences(string column, int i) => $"((length({column}) - length(replace(lower({column}), {{{i}}}, ''))) / {{{i + words.Count}}})";
            var score = string.Join(" + ", words.Select((_, i) => $"10.0 * ({Occurrences("\"Title\"", i)} + {Occurrences("\"TitleJa\"", i)}) + {Occurrences("\"Body\"", i)}"));
            object[] parameters = [.. words, .. words.Select(w => (double)w.Length), .. ids];
            var list = string.Join(", ", ids.Select((_, i) => $"{{{2 * words.Count + i}}}"));
            // Only placeholders go into the SQL; the words and ids are parameters.
            var sql = "SELECT \"Id\" AS \"EntryId\", \"Date\", -(" + score + ") AS \"Rank\" FROM \"SearchEntries\" WHERE \"Id\" IN (" + list + ")";
            ranks = db.Database.SqlQueryRaw<IndexRank>(sql, parameters);
        }

        var ranked = await ranks.ToListAsync(ct);
        return ranked.OrderBy(r => r.Rank).ThenByDescending(r => r.Date).ThenByDescending(r => r.EntryId).Select(r => r.EntryId).ToList();
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
