using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tandem.Core.Commitments;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Programmes;

namespace Tandem.Core.Search;

/// <summary>
/// Keeps the search index current in the same transaction as the records: before a save it notes which records
/// change (a document, a meeting through one of its agenda items, a submission through its answers…); after the
/// rows are written, and before the transaction commits, it rebuilds those records' index rows from the database,
/// so what is indexed is exactly what was saved. A save that fails or rolls back takes its index rows with it.
/// </summary>
public sealed class SearchIndexing : SaveChangesInterceptor
{
    public static readonly SearchIndexing Instance = new();

    private sealed class State
    {
        public Dictionary<string, HashSet<Guid>>? Dirty;
        public Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? OwnTransaction;
        public bool Indexing;
    }

    private static readonly ConditionalWeakTable<DbContext, State> States = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not TandemDbContext db)
        {
            return result;
        }

        var state = States.GetOrCreateValue(db);
        if (state.Indexing)
        {
            return result;
        }

        db.ChangeTracker.DetectChanges();
        var dirty = Collect(db);
        if (dirty.Count == 0)
        {
            return result;
        }

        state.Dirty = dirty;
        if (db.Database.CurrentTransaction is null)
        {
            state.OwnTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not TandemDbContext db || !States.TryGetValue(db, out var state) || state.Indexing || state.Dirty is not { } dirty)
        {
            return result;
        }

        state.Dirty = null;
        var own = state.OwnTransaction;
        state.OwnTransaction = null;
        state.Indexing = true;
        try
        {
            await SearchIndex.RefreshAsync(db, dirty, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            state.Indexing = false;
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Reset(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        Reset(eventData?.Context);

    /// <summary>A failed save leaves nothing half-indexed: the transaction this interceptor opened is rolled back.</summary>
    private static async Task Reset(DbContext? context)
    {
        if (context is not null && States.TryGetValue(context, out var state) && !state.Indexing)
        {
            state.Dirty = null;
            if (state.OwnTransaction is { } own)
            {
                state.OwnTransaction = null;
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Which indexed records this save touches, per index builder (record ids, or the ids of their parents).</summary>
    private static Dictionary<string, HashSet<Guid>> Collect(TandemDbContext db)
    {
        var dirty = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        void Mark(string kind, Guid id) => (dirty.TryGetValue(kind, out var set) ? set : dirty[kind] = []).Add(id);

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Document d:
                    Mark(SearchKinds.Document, d.Id);
                    break;
                case DocumentVersion v:
                    Mark(SearchKinds.Document, v.DocumentId);
                    break;
                case Meeting m:
                    Mark(SearchKinds.Meeting, m.Id);
                    Mark(SearchKinds.Paper, m.Id);
                    break;
                case AgendaItem a:
                    Mark(SearchKinds.Meeting, a.MeetingId);
                    break;
                case MeetingPaper p:
                    Mark(SearchKinds.Paper, p.Id);
                    break;
                case Commitment c:
                    Mark(SearchKinds.Commitment, c.Id);
                    Mark(SearchKinds.ProgressReport, c.Id);
                    break;
                case CommitmentResponsibility r:
                    Mark(SearchKinds.Commitment, r.CommitmentId);
                    break;
                case Milestone ms:
                    Mark(SearchKinds.Commitment, ms.CommitmentId);
                    break;
                case ProgressReport pr:
                    Mark(SearchKinds.ProgressReport, pr.Id);
                    break;
                case DisruptionNotice n:
                    Mark(SearchKinds.Notice, n.Id);
                    break;
                case CoercionIncident ci:
                    Mark(SearchKinds.CoercionIncident, ci.Id);
                    break;
                case CoercionPhaseEntry ce:
                    Mark(SearchKinds.CoercionIncident, ce.IncidentId);
                    break;
                case Programme pg:
                    Mark(SearchKinds.Programme, pg.Id);
                    break;
                case Analysis an:
                    Mark(SearchKinds.Analysis, an.Id);
                    break;
                case CallForInput call:
                    Mark(SearchKinds.ConsultationCall, call.Id);
                    Mark(SearchKinds.Submission, call.Id);
                    break;
                case Question q:
                    Mark(SearchKinds.ConsultationCall, q.CallId);
                    break;
                case Submission s:
                    Mark(SearchKinds.Submission, s.Id);
                    break;
                case SubmissionAnswer sa:
                    Mark(SearchKinds.Submission, sa.SubmissionId);
                    break;
            }
        }

        return dirty;
    }
}
