using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Audit;

/// <summary>
/// Any single edit of any cell of any audit row (entries, checkpoints, the head), or the deletion of any row,
/// is detected and the verifier names the first bad sequence — without throwing. One real chain per database;
/// each random edit runs inside a transaction that is rolled back after the verifier has looked.
/// </summary>
public sealed class VerifyAuditChainPropertyTests
{
    private const int Entries = 25;
    private const int Cases = 60;

    private static readonly string[] EntryColumns =
        ["Sequence", "At", "ActorUserId", "PreviousHash", "Hash", "delete", "ActorName", "ActorAgency", "Action", "ObjectType", "ObjectId", "Label", "Decision", "RequestId", "Details"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_AnySingleCellEditOrRowDeletion_IsDetectedNamingTheFirstBadSequence(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, Entries);
        var witness = await AuditTamper.WitnessReaches(factory, 21);
        await factory.WithDb(db => AuditTamper.DisableAppendOnly(factory, db));
        var signer = factory.Services.GetRequiredService<AuditSigner>();
        Assert.True((await factory.WithDb(db => VerifyAuditChain.Handle(db, signer, witness, CancellationToken.None))).Intact);

        var property = Prop.ForAll(Mutations(provider == TestDatabase.Sqlite).ToArbitrary(), (Mutation mutation) =>
            Task.Run(() => Detects(factory, signer, witness, mutation)).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        // Every edit was rolled back: the chain is as it was.
        Assert.True((await factory.WithDb(db => VerifyAuditChain.Handle(db, signer, witness, CancellationToken.None))).Intact);
    }

    private static async Task Detects(TandemFactory factory, AuditSigner signer, WitnessReading witness, Mutation mutation)
    {
        await factory.WithDb(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var sql in mutation.Sql)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            var result = await VerifyAuditChain.Handle(db, signer, witness, CancellationToken.None);
            await transaction.RollbackAsync();

            Assert.False(result.Intact, $"{mutation}: not detected");
            Assert.True(mutation.FirstBad == result.FirstBadSequence, $"{mutation}: named {result.FirstBadSequence} ({result.Problem}: {result.Message})");
            Assert.Contains(mutation.FirstBad.ToString(CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', result.Message);
        });
    }

    /// <summary>Random edits and deletions of the chain of 25 entries with checkpoints at 10 and 20, each with the sequence the verifier must name.</summary>
    private static Gen<Mutation> Mutations(bool sqlite)
    {
        // SQLite keeps whatever text it is given in a typed column; PostgreSQL refuses it, so only SQLite gets garbage.
        var garbage = sqlite ? new[] { false, true } : [false];
        var entry =
            from s in Gen.Choose(1, Entries)
            from column in Gen.Elements(EntryColumns)
            from bad in Gen.Elements(garbage)
            select EntryEdit(s, column, bad);
        var checkpoint =
            from c in Gen.Elements(10, 20)
            from column in Gen.Elements("Sequence", "Hash", "Signature", "KeyId", "At", "delete")
            from bad in Gen.Elements(garbage)
            select CheckpointEdit(c, column, bad);
        var head =
            from column in Gen.Elements("LastSequence", "LastHash", "Id", "delete")
            from k in Gen.Choose(0, Entries + 5).Where(k => k != Entries)
            from bad in Gen.Elements(garbage)
            select HeadEdit(column, k, bad);
        return Gen.Frequency((6, entry), (2, checkpoint), (1, head));
    }

    private static Mutation EntryEdit(int s, string column, bool garbage)
    {
        var where = $"WHERE \"Sequence\" = {s}";
        var sql = column switch
        {
            "delete" => $"DELETE FROM \"AuditEntries\" {where}",
            "Sequence" => $"UPDATE \"AuditEntries\" SET \"Sequence\" = {s + 1000} {where}",
            "At" => $"UPDATE \"AuditEntries\" SET \"At\" = '{(garbage ? "not a time" : "2001-02-03 04:05:06.123456")}' {where}",
            "ActorUserId" => $"UPDATE \"AuditEntries\" SET \"ActorUserId\" = '{(garbage ? "not a user" : "6F9619FF-8B86-D011-B42D-00C04FC964FF")}' {where}",
            "PreviousHash" or "Hash" => $"UPDATE \"AuditEntries\" SET \"{column}\" = '{new string('a', 64)}' {where}",
            _ => $"UPDATE \"AuditEntries\" SET \"{column}\" = \"{column}\" || 'x' {where}",
        };

        // Whatever is done to entry s, the chain is good up to s - 1 and bad at s (a gap, or a truncated tail when s is the last).
        return new Mutation($"entry {s}: {column}{(garbage ? " (garbage)" : "")}", [sql], s);
    }

    private static Mutation CheckpointEdit(int c, string column, bool garbage)
    {
        var where = $"WHERE \"Sequence\" = {c}";
        var sql = column switch
        {
            "delete" => $"DELETE FROM \"AuditCheckpoints\" {where}",
            "Sequence" => $"UPDATE \"AuditCheckpoints\" SET \"Sequence\" = {c + 1000} {where}",
            "Hash" => $"UPDATE \"AuditCheckpoints\" SET \"Hash\" = '{new string('c', 64)}' {where}",
            "Signature" => $"UPDATE \"AuditCheckpoints\" SET \"Signature\" = '{(garbage ? "not base64!" : Convert.ToBase64String(new byte[64]))}' {where}",
            "KeyId" => $"UPDATE \"AuditCheckpoints\" SET \"KeyId\" = '0000000000000000' {where}",
            _ => $"UPDATE \"AuditCheckpoints\" SET \"At\" = '{(garbage ? "not a time" : "2001-02-03 04:05:06.123456")}' {where}",
        };
        return new Mutation($"checkpoint {c}: {column}{(garbage ? " (garbage)" : "")}", [sql], c);
    }

    private static Mutation HeadEdit(string column, int k, bool garbage)
    {
        var (sql, firstBad) = column switch
        {
            "delete" => ("DELETE FROM \"AuditHeads\"", Entries),
            "Id" => ("UPDATE \"AuditHeads\" SET \"Id\" = 2", Entries),
            "LastHash" => ($"UPDATE \"AuditHeads\" SET \"LastHash\" = '{new string('d', 64)}'", Entries),
            _ when garbage => ("UPDATE \"AuditHeads\" SET \"LastSequence\" = 'many'", Entries),

            // A head claiming more entries is a truncated tail after the last; one claiming fewer no longer matches its entry.
            _ => ($"UPDATE \"AuditHeads\" SET \"LastSequence\" = {k}", k > Entries ? Entries + 1 : Math.Max(k, 1)),
        };
        return new Mutation($"head: {column} {(column == "LastSequence" ? k.ToString(CultureInfo.InvariantCulture) : "")}{(garbage ? " (garbage)" : "")}", [sql], firstBad);
    }

    public sealed record Mutation(string Description, string[] Sql, long FirstBad)
    {
        public override string ToString() => $"{Description} → expected sequence {FirstBad}";
    }
}
