using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

/// <summary>
/// Tells the witness about a chain end only once its transaction has committed: a save inside a caller's
/// transaction (an import, creating a user) may still be rolled back, and a witnessed chain end that never
/// reached the database would later look like a rollback attack.
/// </summary>
internal sealed class WitnessOnCommit : DbTransactionInterceptor
{
    public static readonly WitnessOnCommit Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        (eventData.Context as TandemDbContext)?.AuditCommitted();
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        (eventData.Context as TandemDbContext)?.AuditRolledBack();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        (eventData.Context as TandemDbContext)?.AuditRolledBack();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
