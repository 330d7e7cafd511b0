using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Data;

/// <summary>
/// The one database of Tandem. Saving does three things besides writing rows: it stamps and
/// versions every <see cref="Entity"/> (optimistic concurrency), turns deletes into soft deletes,
/// and appends hash-chained audit entries in the same transaction as the change.
/// </summary>
public class TandemDbContext(DbContextOptions<TandemDbContext> options, AuditContext? audit = null, AuditSigner? signer = null, TimeProvider? clock = null,
    AuditWitness? witness = null, AuditBatchWriter? readAudit = null)
    : IdentityDbContext<TandemUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The chain end written by the current transaction, reported to the witness once it commits.</summary>
    private (long Sequence, string Hash, bool Checkpoint)? _uncommittedChainEnd;

    /// <summary>Distinct placeholder keys for queued entries, so one save can queue several; the chain assigns the real sequence.</summary>
    private long _placeholderSequence;

    /// <summary>Entries queued from other requests by the batch writer: they already name their actor.</summary>
    private readonly HashSet<AuditEntry> _stamped = [];

    public DbSet<Party> Parties => Set<Party>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Forum> Forums => Set<Forum>();

    public DbSet<ForumParty> ForumParties => Set<ForumParty>();

    public DbSet<Track> Tracks => Set<Track>();

    public DbSet<TrackParticipation> TrackParticipations => Set<TrackParticipation>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ChangeStamp> ChangeStamps => Set<ChangeStamp>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();

    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();

    public AuditContext? AuditScope => audit;

    /// <summary>Queue an audit entry; it is chained and written by the next save, in its transaction.</summary>
    public AuditEntry Audit(string action, string objectType, string objectId, string decision = AuditDecision.Allowed, string label = "", string details = "")
    {
        var entry = new AuditEntry
        {
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            Decision = decision,
            Label = label,
            Details = details,
            Sequence = --_placeholderSequence,
        };
        AuditEntries.Add(entry);
        return entry;
    }

    internal void AuditCommitted()
    {
        if (_uncommittedChainEnd is { } end)
        {
            _uncommittedChainEnd = null;
            witness?.Committed(end.Sequence, end.Hash, end.Checkpoint);
        }
    }

    internal void AuditRolledBack() => _uncommittedChainEnd = null;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        base.OnConfiguring(optionsBuilder);
        optionsBuilder.AddInterceptors(Search.SearchIndexing.Instance);
        if (witness is not null)
        {
            optionsBuilder.AddInterceptors(WitnessOnCommit.Instance);
        }
    }

    /// <summary>
    /// Audits a read and waits until the entry is committed: through the process's shared batch writer when the host
    /// has one (many concurrent reads share one chain append), otherwise by saving it at once. Use it only where
    /// nothing else is pending in this context: with the batch writer, other changes are not saved with the entry.
    /// </summary>
    public Task AuditReadAsync(string action, string objectType, string objectId, string label, string details, CancellationToken ct) =>
        AuditReadsAsync(action, objectType, objectId, label, [details], ct);

    /// <summary>Like <see cref="AuditReadAsync"/>, one entry per part of the details, all in one append.</summary>
    public async Task AuditReadsAsync(string action, string objectType, string objectId, string label, IReadOnlyList<string> details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (readAudit is null)
        {
            foreach (var part in details)
            {
                Audit(action, objectType, objectId, AuditDecision.Allowed, label, part);
            }

            await SaveChangesAsync(ct);
            return;
        }

        var entries = details.Select(part => new AuditEntry { Action = action, ObjectType = objectType, ObjectId = objectId, Label = label, Details = part }).ToList();
        foreach (var entry in entries)
        {
            StampActor(entry);
        }

        await readAudit.Append(entries).WaitAsync(ct);
    }

    /// <summary>Adds an entry whose actor is already filled in (the batch writer's entries) to be chained by the next save.</summary>
    internal void Queue(AuditEntry entry)
    {
        entry.Sequence = --_placeholderSequence;
        _stamped.Add(entry);
        AuditEntries.Add(entry);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TandemDbContext).Assembly);

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType) && t.BaseType is null).ToList())
        {
            builder.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
        }

        // Every labelled record keeps its label in its own row, so the access policy is a WHERE clause.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ILabelled).IsAssignableFrom(t.ClrType) && !t.IsOwned()).ToList())
        {
            builder.Entity(type.ClrType).OwnsOne(typeof(LabelData), nameof(ILabelled.Label), label =>
            {
                label.Property(nameof(LabelData.Level)).HasColumnName("LabelLevel");
                label.Property(nameof(LabelData.Parties)).HasColumnName("LabelParties").HasMaxLength(400);
                label.Property(nameof(LabelData.Agencies)).HasColumnName("LabelAgencies").HasMaxLength(4000);
                label.Property(nameof(LabelData.Users)).HasColumnName("LabelUsers").HasMaxLength(4000);
                label.Property(nameof(LabelData.CommunityOnly)).HasColumnName("LabelCommunityOnly");
                label.Property(nameof(LabelData.OriginatorOnly)).HasColumnName("LabelOriginatorOnly");
                label.Property(nameof(LabelData.Caveats)).HasColumnName("LabelCaveats").HasMaxLength(200);
                label.Property(nameof(LabelData.EmbargoedUntil)).HasColumnName("LabelEmbargoedUntil");
                label.Property(nameof(LabelData.Originator)).HasColumnName("LabelOriginator");
                label.Property(nameof(LabelData.OriginatingParty)).HasColumnName("LabelOriginatingParty").HasMaxLength(3);
            });
            builder.Entity(type.ClrType).Navigation(nameof(ILabelled.Label)).IsRequired();
        }
    }

    // Synchronous callers (data protection storing its first key, in the middle of a Blazor render) hold a
    // synchronization context; continuing on it from inside would deadlock on PostgreSQL, so run off it.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Task.Run(() => SaveChangesAsync(acceptAllChangesOnSuccess)).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = AuditChain.Normalize(_clock.GetUtcNow().UtcDateTime);
        StampEntities(now);

        var pending = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await ChainAsync(pending, now, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        catch
        {
            // The chain positions taken in this attempt must not leak into a retry, nor reach the witness.
            _uncommittedChainEnd = null;
            foreach (var entry in pending)
            {
                entry.Sequence = --_placeholderSequence;
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void StampEntities(DateTime now)
    {
        foreach (var entry in ChangeTracker.Entries<Entity>().ToList())
        {
            var name = entry.Metadata.ClrType.Name;
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    AutoAudit(AuditAction.Create, name, entry);
                    break;
                case EntityState.Deleted:
                    // Soft delete only (SECURITY.md row 18): the row stays, restorable and audited.
                    entry.State = EntityState.Modified;

                    // Removing the owner cascaded to its owned parts (a label kept in the same row); the row stays, so do they.
                    foreach (var owned in entry.References.Select(r => r.TargetEntry).Where(t => t is not null && t.Metadata.IsOwned() && t.State == EntityState.Deleted))
                    {
                        owned!.State = EntityState.Unchanged;
                    }

                    entry.Entity.DeletedAt = now;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version++;
                    AutoAudit(AuditAction.Delete, name, entry);
                    break;
                case EntityState.Modified:
                    var restoring = entry.Property(e => e.DeletedAt).IsModified && entry.Entity.DeletedAt is null;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version++;
                    AutoAudit(restoring ? AuditAction.Restore : AuditAction.Update, name, entry);
                    break;
            }
        }
    }

    private void AutoAudit(string action, string objectType, EntityEntry<Entity> entry)
    {
        if (audit is null)
        {
            return;
        }

        var label = entry.Entity is ILabelled labelled ? labelled.Label.ToLabel().Marking : "";
        var details = action == AuditAction.Update
            ? string.Join(",", entry.Properties.Where(p => p.IsModified && p.Metadata.Name is not (nameof(Entity.UpdatedAt) or nameof(Entity.Version))).Select(p => p.Metadata.Name))
            : "";
        Audit(action, objectType, entry.Entity.Id.ToString("D"), AuditDecision.Allowed, label, details);
    }

    private async Task ChainAsync(List<AuditEntry> pending, DateTime now, CancellationToken cancellationToken)
    {
        if (signer is null)
        {
            throw new InvalidOperationException("Audit entries need an AuditSigner: register one before saving.");
        }

        // Taking the head row's write lock first serialises chain writers on both providers
        // (a row lock in PostgreSQL, the database write lock in SQLite) before we read the chain end.
        await Database.ExecuteSqlRawAsync("UPDATE \"AuditHeads\" SET \"LastSequence\" = \"LastSequence\" WHERE \"Id\" = 1", cancellationToken);
        var head = await AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);

        var sequence = head.LastSequence;
        var previous = head.LastHash;
        var checkpoint = false;
        foreach (var entry in pending)
        {
            entry.Sequence = ++sequence;
            entry.At = now;
            if (!_stamped.Contains(entry))
            {
                StampActor(entry);
            }

            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeHash(entry, previous);
            previous = entry.Hash;

            if (entry.Sequence % signer.CheckpointInterval == 0)
            {
                checkpoint = true;
                AuditCheckpoints.Add(new AuditCheckpoint
                {
                    Sequence = entry.Sequence,
                    Hash = entry.Hash,
                    Signature = signer.Sign(entry.Sequence, entry.Hash),
                    KeyId = signer.KeyId,
                    At = now,
                });
            }
        }

        await Database.ExecuteSqlAsync($"UPDATE \"AuditHeads\" SET \"LastSequence\" = {sequence}, \"LastHash\" = {previous} WHERE \"Id\" = 1", cancellationToken);
        _uncommittedChainEnd = (sequence, previous, checkpoint || (_uncommittedChainEnd?.Checkpoint ?? false));
    }

    /// <summary>Names the acting user, agency and request of this unit of work, unless the entry already names someone.</summary>
    private void StampActor(AuditEntry entry)
    {
        if (string.IsNullOrEmpty(entry.ActorName))
        {
            var actor = audit?.Actor ?? Actor.Anonymous;
            entry.ActorUserId ??= actor.UserId;
            entry.ActorName = actor.Email ?? (actor.IsAuthenticated ? "" : "anonymous");
            entry.ActorAgency = audit?.ActorAgencyCode ?? "";
        }

        if (string.IsNullOrEmpty(entry.RequestId))
        {
            entry.RequestId = audit?.RequestId ?? "";
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
