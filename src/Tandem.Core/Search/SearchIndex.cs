using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Programmes;
using Tandem.Core.Sharing;

namespace Tandem.Core.Search;

/// <summary>
/// Builds index rows from records as stored. Each builder takes ids that are either records' own ids or their
/// parents' (a meeting's id refreshes its agenda items and papers), so one change refreshes everything it shows in.
/// </summary>
public static class SearchIndex
{
    private const int Batch = 500;

    private delegate Task<List<SearchEntry>> Builder(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct);

    /// <summary>The builders, each with the kinds of row it owns.</summary>
    private static readonly (string Key, string[] Kinds, Builder Build)[] Builders =
    [
        (SearchKinds.Document, [SearchKinds.Document], Documents),
        (SearchKinds.Meeting, [SearchKinds.Meeting, SearchKinds.AgendaItem], Meetings),
        (SearchKinds.Paper, [SearchKinds.Paper], Papers),
        (SearchKinds.Commitment, [SearchKinds.Commitment], Commitments),
        (SearchKinds.ProgressReport, [SearchKinds.ProgressReport], ProgressReports),
        (SearchKinds.Notice, [SearchKinds.Notice], Notices),
        (SearchKinds.CoercionIncident, [SearchKinds.CoercionIncident], CoercionIncidents),
        (SearchKinds.Programme, [SearchKinds.Programme], Programmes),
        (SearchKinds.Analysis, [SearchKinds.Analysis], Analyses),
        (SearchKinds.ConsultationCall, [SearchKinds.ConsultationCall], Calls),
        (SearchKinds.Submission, [SearchKinds.Submission], Submissions),
    ];

    /// <summary>Rewrites the index rows of the given records (by builder key) from the database, inside the caller's transaction.</summary>
    public static async Task RefreshAsync(TandemDbContext db, IReadOnlyDictionary<string, HashSet<Guid>> dirty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dirty);
        foreach (var (key, kinds, build) in Builders)
        {
            if (dirty.TryGetValue(key, out var ids) && ids.Count > 0)
            {
                foreach (var chunk in ids.Chunk(Batch))
                {
                    await Refresh(db, kinds, build, [.. chunk], ct);
                }
            }
        }
    }

    /// <summary>Indexes every record when the index is empty (a database from before search, or one loaded outside the app).</summary>
    public static async Task<int> BuildIfEmptyAsync(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<SearchEntry>().AnyAsync(ct) ? 0 : await RebuildAsync(db, ct);
    }

    /// <summary>Indexes every record again, in batches; returns the number of index rows.</summary>
    public static async Task<int> RebuildAsync(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = new Dictionary<string, IQueryable<Guid>>(StringComparer.Ordinal)
        {
            [SearchKinds.Document] = db.Documents.Select(d => d.Id),
            [SearchKinds.Meeting] = db.Set<Meeting>().Select(m => m.Id),
            [SearchKinds.Paper] = db.Set<MeetingPaper>().Select(p => p.Id),
            [SearchKinds.Commitment] = db.Set<Commitment>().Select(c => c.Id),
            [SearchKinds.ProgressReport] = db.Set<ProgressReport>().Select(r => r.Id),
            [SearchKinds.Notice] = db.Set<DisruptionNotice>().Select(n => n.Id),
            [SearchKinds.CoercionIncident] = db.Set<CoercionIncident>().Select(i => i.Id),
            [SearchKinds.Programme] = db.Set<Programme>().Select(p => p.Id),
            [SearchKinds.Analysis] = db.Set<Analysis>().Select(a => a.Id),
            [SearchKinds.ConsultationCall] = db.Set<CallForInput>().Select(c => c.Id),
            [SearchKinds.Submission] = db.Set<Submission>().Select(s => s.Id),
        };
        foreach (var (key, kinds, build) in Builders)
        {
            var ids = await all[key].ToListAsync(ct);
            foreach (var chunk in ids.Chunk(Batch))
            {
                await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
                await Refresh(db, kinds, build, [.. chunk], ct);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(ct);
                }

                db.ChangeTracker.Clear();
            }
        }

        return await db.Set<SearchEntry>().CountAsync(ct);
    }

    private static async Task Refresh(TandemDbContext db, string[] kinds, Builder build, List<Guid> ids, CancellationToken ct)
    {
        var existing = await db.Set<SearchEntry>()
            .Where(e => kinds.Contains(e.Kind) && (ids.Contains(e.RecordId) || (e.ParentId != null && ids.Contains(e.ParentId.Value))))
            .ToListAsync(ct);
        var byRecord = existing.ToDictionary(e => e.RecordId);
        var built = await build(db, ids, byRecord, ct);
        var keep = new HashSet<Guid>();
        foreach (var entry in built)
        {
            keep.Add(entry.RecordId);
            if (byRecord.TryGetValue(entry.RecordId, out var row))
            {
                Copy(entry, row);
            }
            else
            {
                db.Set<SearchEntry>().Add(entry);
            }
        }

        // Deleted records, removed agenda items and withdrawn papers leave the index.
        db.Set<SearchEntry>().RemoveRange(existing.Where(e => !keep.Contains(e.RecordId)));
        await db.SaveChangesAsync(ct);
    }

    private static void Copy(SearchEntry from, SearchEntry to)
    {
        to.Kind = from.Kind;
        to.ParentId = from.ParentId;
        to.Scope = from.Scope;
        to.ForumId = from.ForumId;
        to.TrackId = from.TrackId;
        to.OwnerAgencyId = from.OwnerAgencyId;
        to.Parties = from.Parties;
        to.IsDraft = from.IsDraft;
        to.OpenToAllRegistered = from.OpenToAllRegistered;
        to.Date = from.Date;
        to.Title = from.Title;
        to.TitleJa = from.TitleJa;
        to.Body = from.Body;
        to.Content = from.Content;
        to.ContentVersion = from.ContentVersion;
        to.Marking = from.Marking;
        to.Label.CopyFrom(from.Label);
    }

    private static SearchEntry Labelled(string kind, Guid id, LabelData label, SearchScope scope = SearchScope.Labelled) => new()
    {
        Kind = kind,
        RecordId = id,
        Scope = scope,
        Label = label.Clone(),
        Marking = label.ToLabel().Marking,
        Parties = Parties(label.OriginatingParty),
    };

    private static string Parties(params IEnumerable<string?> parties)
    {
        var list = parties.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : "|" + string.Join("|", list) + "|";
    }

    private static string Text(params IEnumerable<string?> parts) =>
        TextExtraction.Clip(string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p))));

    private static string Clip(string title) => title.Length <= SearchEntry.TitleLength ? title : title[..SearchEntry.TitleLength];

    private static async Task<Dictionary<Guid, LabelData>> ForumAudiences(TandemDbContext db, IEnumerable<Guid> forumIds, CancellationToken ct)
    {
        var audiences = new Dictionary<Guid, LabelData>();
        foreach (var forum in forumIds.Distinct())
        {
            audiences[forum] = LabelData.From(await ForumCommunity.Audience(db, forum, ct));
        }

        return audiences;
    }

    private static async Task<List<SearchEntry>> Documents(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var documents = await db.Documents.IgnoreQueryFilters().AsNoTracking().Where(d => ids.Contains(d.Id) && d.DeletedAt == null).ToListAsync(ct);
        var entries = new List<SearchEntry>();
        foreach (var d in documents)
        {
            var entry = Labelled(SearchKinds.Document, d.Id, d.Label);
            entry.OwnerAgencyId = d.OwnerAgencyId;
            entry.Title = Clip(d.Title);
            entry.Body = Text(d.Description);
            entry.Date = d.UpdatedAt;
            entry.ParentId = d.ParentId;
            if (existing.TryGetValue(d.Id, out var old) && old.ContentVersion == d.CurrentVersion)
            {
                entry.Content = old.Content;
                entry.ContentVersion = old.ContentVersion;
            }
            else
            {
                var version = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == d.Id && v.Number == d.CurrentVersion)
                    .Select(v => new { v.ContentType, v.StorageKey }).FirstOrDefaultAsync(ct);
                var bytes = version is null ? null
                    : await db.DocumentContents.AsNoTracking().Where(c => c.StorageKey == version.StorageKey).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
                entry.Content = version is null || bytes is null ? "" : TextExtraction.Extract(version.ContentType, bytes);
                entry.ContentVersion = d.CurrentVersion;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<List<SearchEntry>> Meetings(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var meetings = await db.Set<Meeting>().IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id) && m.DeletedAt == null)
            .Include(m => m.Agenda).ThenInclude(a => a.PresentingAgency).AsSplitQuery().ToListAsync(ct);
        var audiences = await ForumAudiences(db, meetings.Select(m => m.ForumId), ct);
        var entries = new List<SearchEntry>();
        foreach (var m in meetings)
        {
            var audience = audiences[m.ForumId];
            entries.Add(new SearchEntry
            {
                Kind = SearchKinds.Meeting,
                RecordId = m.Id,
                Scope = SearchScope.Forum,
                ForumId = m.ForumId,
                IsDraft = m.Status == MeetingStatus.Draft,
                Date = m.StartsAt,
                Title = Clip(m.TitleEn),
                TitleJa = Clip(m.TitleJa),
                Body = Text(m.Venue, m.Notes),
                Label = audience.Clone(),
                Marking = audience.ToLabel().Marking,
            });
            foreach (var item in m.Agenda)
            {
                entries.Add(new SearchEntry
                {
                    Kind = SearchKinds.AgendaItem,
                    RecordId = item.Id,
                    ParentId = m.Id,
                    Scope = SearchScope.Forum,
                    ForumId = m.ForumId,
                    TrackId = item.TrackId,
                    Parties = Parties(item.PresentingAgency?.Party),
                    IsDraft = m.Status == MeetingStatus.Draft,
                    Date = m.StartsAt,
                    Title = Clip(item.TitleEn),
                    TitleJa = Clip(item.TitleJa),
                    Body = Text(item.DecisionSought, m.TitleEn, m.TitleJa),
                    Label = audience.Clone(),
                    Marking = audience.ToLabel().Marking,
                });
            }
        }

        return entries;
    }

    private static async Task<List<SearchEntry>> Papers(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var papers = await db.Set<MeetingPaper>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => (ids.Contains(p.Id) || ids.Contains(p.MeetingId)) && p.DeletedAt == null && p.Meeting!.DeletedAt == null)
            .Select(p => new { Paper = p, p.Meeting!.ForumId, p.Meeting.StartsAt, p.Meeting.Status })
            .ToListAsync(ct);
        return papers.Select(x =>
        {
            var entry = Labelled(SearchKinds.Paper, x.Paper.Id, x.Paper.Label, SearchScope.LabelledInForum);
            entry.ParentId = x.Paper.MeetingId;
            entry.ForumId = x.ForumId;
            entry.OwnerAgencyId = x.Paper.AgencyId;
            entry.IsDraft = x.Status == MeetingStatus.Draft;
            entry.Date = x.StartsAt;
            entry.Title = Clip(x.Paper.Title);
            entry.Body = Text(x.Paper.Text);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> Commitments(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var commitments = await db.Set<Commitment>().IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id) && c.DeletedAt == null)
            .Include(c => c.Responsibilities).Include(c => c.Milestones).AsSplitQuery().ToListAsync(ct);
        var audiences = await ForumAudiences(db, commitments.Select(c => c.ForumId), ct);
        return commitments.Select(c => new SearchEntry
        {
            Kind = SearchKinds.Commitment,
            RecordId = c.Id,
            Scope = SearchScope.Forum,
            ForumId = c.ForumId,
            TrackId = c.TrackId,
            Parties = Parties(c.Responsibilities.Select(r => r.Party)),
            Date = c.MadeOn is { } made ? made.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : c.CreatedAt,
            Title = Clip(c.Code + " " + c.TextEn),
            TitleJa = Clip(c.TextJa),
            Body = Text([c.Area, c.SourceStatement, .. c.Milestones.OrderBy(m => m.Position).SelectMany(m => new[] { m.TitleEn, m.TitleJa })]),
            Label = audiences[c.ForumId].Clone(),
            Marking = audiences[c.ForumId].ToLabel().Marking,
        }).ToList();
    }

    private static async Task<List<SearchEntry>> ProgressReports(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var reports = await db.Set<ProgressReport>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => (ids.Contains(r.Id) || ids.Contains(r.CommitmentId)) && r.DeletedAt == null && r.Commitment!.DeletedAt == null)
            .Select(r => new { Report = r, r.Commitment!.ForumId, r.Commitment.TrackId, r.Commitment.Code, r.Commitment.TextEn, r.Commitment.TextJa })
            .ToListAsync(ct);
        return reports.Select(x =>
        {
            var entry = Labelled(SearchKinds.ProgressReport, x.Report.Id, x.Report.Label, SearchScope.LabelledInForum);
            entry.ParentId = x.Report.CommitmentId;
            entry.ForumId = x.ForumId;
            entry.TrackId = x.TrackId;
            entry.OwnerAgencyId = x.Report.AgencyId;
            entry.Date = x.Report.ReportedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entry.Title = Clip($"{x.Code} ({x.Report.ReportedOn:yyyy-MM-dd}, {x.Report.Percent} %)");
            entry.Body = Text(x.Report.Narrative, x.TextEn, x.TextJa);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> Notices(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var notices = await db.Set<DisruptionNotice>().IgnoreQueryFilters().AsNoTracking().Where(n => ids.Contains(n.Id) && n.DeletedAt == null).ToListAsync(ct);
        return notices.Select(n =>
        {
            var entry = Labelled(SearchKinds.Notice, n.Id, n.Label);
            entry.ForumId = n.ForumId;
            entry.OwnerAgencyId = n.NotifyingAgencyId;
            entry.Parties = Parties(n.NotifyingParty, n.Label.OriginatingParty);
            entry.Date = n.SubmittedAt;
            entry.Title = Clip(n.Title);
            entry.Body = Text([n.Basket, .. n.Products, .. n.Sectors, n.SourceCountry, n.Cause, n.Impact, n.ExpectedDuration, n.MeasuresTaken, n.AssistanceSought, n.Outcome]);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> CoercionIncidents(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var incidents = await db.Set<CoercionIncident>().IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.Id) && i.DeletedAt == null)
            .Include(i => i.Entries).ToListAsync(ct);
        return incidents.Select(i =>
        {
            var entry = Labelled(SearchKinds.CoercionIncident, i.Id, i.Label);
            entry.ForumId = i.ForumId;
            entry.OwnerAgencyId = i.ReporterAgencyId;
            entry.Parties = Parties(i.TargetParty, i.CoercingParty);
            entry.Date = i.StartedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entry.Title = Clip(i.Title);
            entry.Body = Text([i.Description, .. i.Products, .. i.Entries.OrderBy(e => e.RecordedAt).Select(e => e.Notes)]);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> Programmes(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id) && p.DeletedAt == null)
            .Select(p => new { Programme = p, TechnologyEn = p.Technology!.NameEn, TechnologyJa = p.Technology.NameJa }).ToListAsync(ct);
        return programmes.Select(x =>
        {
            var p = x.Programme;
            var entry = Labelled(SearchKinds.Programme, p.Id, p.Label);
            entry.OwnerAgencyId = p.AgencyId;
            entry.Parties = Parties(p.Party);
            entry.Date = new DateTime(Math.Clamp(p.StartYear, 1, 9999), 1, 1, 0, 0, 0, DateTimeKind.Utc);
            entry.Title = Clip(p.Code + " " + p.NameEn);
            entry.TitleJa = Clip(p.NameJa);
            entry.Body = Text(x.TechnologyEn, x.TechnologyJa, p.LegalBasis, p.Source);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> Analyses(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var analyses = await db.Set<Analysis>().IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id) && a.DeletedAt == null)
            .Select(a => new { a.Id, a.Label, a.OwnerAgencyId, a.CreatedAt, a.Title, a.Summary, a.DataSources }).ToListAsync(ct);
        return analyses.Select(a =>
        {
            var entry = Labelled(SearchKinds.Analysis, a.Id, a.Label);
            entry.OwnerAgencyId = a.OwnerAgencyId;
            entry.Date = a.CreatedAt;
            entry.Title = Clip(a.Title);
            entry.Body = Text(a.Summary, a.DataSources);
            return entry;
        }).ToList();
    }

    private static async Task<List<SearchEntry>> Calls(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var calls = await db.Set<CallForInput>().IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id) && c.DeletedAt == null)
            .Include(c => c.Questions).ToListAsync(ct);
        return calls.Select(c =>
        {
            var entry = Labelled(SearchKinds.ConsultationCall, c.Id, c.Label, SearchScope.Call);
            entry.ForumId = c.ForumId;
            entry.TrackId = c.TrackId;
            entry.OwnerAgencyId = c.OwnerAgencyId;
            entry.IsDraft = c.State == CallState.Draft;
            entry.OpenToAllRegistered = c.Audience == CallAudience.AllRegistered;
            entry.Date = c.OpensAt;
            entry.Title = Clip(c.TitleEn);
            entry.TitleJa = Clip(c.TitleJa);
            entry.Body = Text([c.DescriptionEn, c.DescriptionJa, .. c.Questions.OrderBy(q => q.Number).SelectMany(q => new[] { q.TextEn, q.TextJa })]);
            return entry;
        }).ToList();
    }

    /// <summary>A submission's sent, non-confidential answers; its confidential (CBI) answers carry narrower labels and are never indexed.</summary>
    private static async Task<List<SearchEntry>> Submissions(TandemDbContext db, List<Guid> ids, Dictionary<Guid, SearchEntry> existing, CancellationToken ct)
    {
        var submissions = await db.Set<Submission>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => (ids.Contains(s.Id) || ids.Contains(s.CallId)) && s.DeletedAt == null)
            .ToListAsync(ct);
        var submissionIds = submissions.Select(s => s.Id).ToList();
        var organisationIds = submissions.Select(s => s.OrganisationId).Distinct().ToList();
        var callIds = submissions.Select(s => s.CallId).Distinct().ToList();
        var organisations = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (o.NameEn, o.NameJa), ct);
        var calls = await db.Set<CallForInput>().IgnoreQueryFilters().AsNoTracking().Where(c => callIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.TitleEn, c.TitleJa, c.TrackId, c.ForumId), ct);
        var answers = await db.Set<SubmissionAnswer>().AsNoTracking().Where(a => submissionIds.Contains(a.SubmissionId) && !a.IsCbi)
            .Select(a => new { a.SubmissionId, a.Revision, a.Text }).ToListAsync(ct);
        return submissions.Select(s =>
        {
            var entry = Labelled(SearchKinds.Submission, s.Id, s.Label, SearchScope.Submission);
            var organisation = organisations.GetValueOrDefault(s.OrganisationId);
            var call = calls.GetValueOrDefault(s.CallId);
            entry.ParentId = s.CallId;
            entry.ForumId = call.ForumId;
            entry.TrackId = call.TrackId;
            entry.OwnerAgencyId = s.AgencyId;
            entry.IsDraft = s.SubmittedRevision == 0;
            entry.Date = s.SubmittedAt ?? s.CreatedAt;
            entry.Title = Clip($"{s.Reference ?? ""} {organisation.NameEn}".Trim());
            entry.TitleJa = Clip(organisation.NameJa ?? "");
            entry.Body = Text([call.TitleEn, call.TitleJa, .. answers.Where(a => a.SubmissionId == s.Id && a.Revision == s.SubmittedRevision).Select(a => a.Text)]);
            return entry;
        }).ToList();
    }
}
