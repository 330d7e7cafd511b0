using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Search;
using Tandem.Core.Sharing;

// Fills a fresh database with documents (with file text) and commitments in English and Japanese, written through
// TandemDbContext so the search index is built the way the app builds it, then times searches through the app's
// own use case (access policy, ranking, snippets and the audit entry included) as a METI officer.
//
//   dotnet run -c Release --project bench/Tandem.Bench.Search -- --provider Sqlite
//   dotnet run -c Release --project bench/Tandem.Bench.Search -- --provider PostgreSQL --postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"
//
// Seeding the full size takes many minutes; --keep NAME keeps the filled database (a PostgreSQL database of that
// name, or a SQLite file of that name in the temp folder) and a later run with the same NAME measures it again
// without seeding.
var options = Args.Parse(args);
var folder = Path.Combine(Path.GetTempPath(), "tandem-bench-search-" + (options.Keep ?? Guid.NewGuid().ToString("N")[..8]));
Directory.CreateDirectory(folder);
string? pgDatabase = null;
string connection;
var reuse = false;
if (options.Provider == "PostgreSQL")
{
    pgDatabase = options.Keep is null ? "tandem_bench_search_" + Guid.NewGuid().ToString("N")[..8] : "tandem_bench_search_" + options.Keep;
    await using (var admin = new NpgsqlConnection(options.Postgres))
    {
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", pgDatabase);
        reuse = (long)(await exists.ExecuteScalarAsync())! > 0;
        if (!reuse)
        {
            // Character classes from C.UTF-8 whatever the cluster's default: pg_trgm then makes trigrams of Japanese
            // (on a C database it makes none, and every Japanese query rechecks every row).
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{pgDatabase}\" TEMPLATE template0 LC_CTYPE 'C.utf8'", admin);
            await create.ExecuteNonQueryAsync();
        }
    }

    connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = pgDatabase }.ConnectionString;
}
else
{
    var file = Path.Combine(folder, "bench.db");
    reuse = File.Exists(file);
    connection = $"Data Source={file}";
}

var settings = DatabaseSettings.Parse(options.Provider, connection);
using var signer = AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(folder, "audit-key.pem") });
TandemDbContext NewContext(AuditContext? audit = null)
{
    var builder = new DbContextOptionsBuilder<TandemDbContext>();
    settings.Apply(builder);
    return new TandemDbContext(builder.Options, audit, signer);
}

try
{
    await using (var db = NewContext())
    {
        await db.Database.MigrateAsync();
    }

    World world;
    if (reuse)
    {
        world = await Seed.Existing(NewContext);
    }
    else
    {
        world = await Seed.World(NewContext);
        var clock = Stopwatch.StartNew();
        await Seed.Documents(NewContext, world, options.Documents);
        var documentsTime = clock.Elapsed;
        clock.Restart();
        await Seed.Commitments(NewContext, world, options.Commitments);
        var commitmentsTime = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Provider}: {options.Documents:N0} documents written and indexed in {documentsTime.TotalSeconds:F0} s, {options.Commitments:N0} commitments in {commitmentsTime.TotalSeconds:F0} s."));
    }

    await using (var db = NewContext())
    {
        var documents = await db.Documents.LongCountAsync();
        var commitments = await db.Set<Commitment>().LongCountAsync();
        var entries = await db.Set<SearchEntry>().LongCountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Provider}{(reuse ? " (kept database)" : "")}: {documents:N0} documents, {commitments:N0} commitments, {entries:N0} index rows; load average {LoadAverage()}."));
    }

    var actor = new Actor(world.MetiUser, "bench.meti@example.org", world.Meti, "JPN", new HashSet<string> { Roles.Member });
    var audit = new AuditContext { Actor = actor, ActorAgencyCode = "METI", RequestId = "bench" };
    (string Name, SearchInput Input)[] queries =
    [
        ("rare English word", new SearchInput("gallium")),
        ("common English word", new SearchInput("semiconductor")),
        ("two English words", new SearchInput("export controls")),
        ("Japanese, three characters", new SearchInput("半導体")),
        ("Japanese, longer phrase", new SearchInput("重要鉱物の供給")),
        ("common word, documents only", new SearchInput("semiconductor", Kinds: [SearchKinds.Document])),
        ("common word, AMBER only", new SearchInput("semiconductor", Label: "Amber")),
        ("common word, commitments of track P4", new SearchInput("supply", Kinds: [SearchKinds.Commitment], Track: "P4")),
        ("no match", new SearchInput("quokka")),
    ];

    Console.WriteLine();
    await using (var db = NewContext())
    {
        if (db.Database.IsNpgsql())
        {
            var ctype = await db.Database.SqlQueryRaw<string>("SELECT datctype AS \"Value\" FROM pg_database WHERE datname = current_database()").SingleAsync();
            Console.WriteLine($"Database LC_CTYPE: {ctype}");
        }
    }

    // CPU is this process's time per query: on SQLite the database engine runs in it too, so it shows the work done
    // whatever the load of a shared machine; on PostgreSQL it leaves out the server's share.
    Console.WriteLine($"| query ({options.Provider}) | hits (total) | p50 ms | p95 ms | CPU p50 ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    foreach (var (name, input) in queries)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var total = "";
        for (var i = 0; i < options.Warmup + options.Repeats; i++)
        {
            await using var db = NewContext(audit);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await SearchRecords.Handle(db, actor, TimeProvider.System, input, 1, 20, "en", CancellationToken.None);
            watch.Stop();
            var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{name}: {result.Error!.Message}");
            }

            total = result.Value.Total.ToString("N0", CultureInfo.InvariantCulture) + (result.Value.TotalIsLowerBound ? "+" : "");
            if (i >= options.Warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add(cpuUsed);
            }
        }

        times.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name}: `{input.Q}`{(input.Kinds is null ? "" : " kinds=" + string.Join(",", input.Kinds))}{(input.Label is null ? "" : " label=" + input.Label)}{(input.Track is null ? "" : " track=" + input.Track)} | {total} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {Percentile(cpu, 0.50):F0} |"));
    }
}
finally
{
    if (options.Keep is null)
    {
        SqliteCleanup();
    }

    if (pgDatabase is not null && options.Keep is null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(options.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

static string LoadAverage()
{
    try
    {
        return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

void SqliteCleanup()
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
        // Left for the temp folder's own clean-up.
    }
}

internal sealed record World(Guid Forum, Guid Track, Guid Doc, Guid Meti, Guid MetiUser);

internal sealed record Args(string Provider, string Postgres, int Documents, int Commitments, int Repeats, int Warmup, string? Keep)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Args(
            Get("--provider", "Sqlite"),
            Get("--postgres", Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"),
            int.Parse(Get("--documents", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--commitments", "50000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--repeats", "20"), CultureInfo.InvariantCulture),
            int.Parse(Get("--warmup", "3"), CultureInfo.InvariantCulture),
            KeepName(Get("--keep", "")));
    }

    /// <summary>A kept database's name: letters, digits and underscores only, since it becomes a database and a folder name.</summary>
    private static string? KeepName(string name)
    {
        if (name.Length == 0)
        {
            return null;
        }

        return name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name.ToLowerInvariant()
            : throw new ArgumentException("--keep takes letters, digits and underscores only.");
    }
}

/// <summary>Deterministic synthetic records: a vocabulary of English and Japanese words, mixed labels.</summary>
internal static class Seed
{
    private const int Batch = 2_000;

    private static readonly string[] English =
    [
        "semiconductor", "supply", "chain", "export", "controls", "critical", "minerals", "battery", "resilience", "investment",
        "screening", "quantum", "research", "cooperation", "shipbuilding", "energy", "security", "diversification", "stockpile", "coordination",
        "licensing", "standards", "talent", "infrastructure", "financing", "ports", "logistics", "pharmaceuticals", "lithium", "graphite",
    ];

    private static readonly string[] Japanese =
    [
        "半導体", "供給網", "輸出管理", "重要鉱物", "蓄電池", "強靱化", "投資審査", "量子技術", "共同研究", "造船",
        "エネルギー安全保障", "多角化", "備蓄", "調整", "人材育成", "基盤整備", "港湾", "医薬品", "経済安全保障", "国際標準",
    ];

    public static async Task<World> World(Func<AuditContext?, TandemDbContext> context)
    {
        await using var db = context(null);
        db.Parties.AddRange(new Party { Iso3 = "USA", NameEn = "United States", CapitalTimeZone = "America/New_York" },
            new Party { Iso3 = "JPN", NameEn = "Japan", CapitalTimeZone = "Asia/Tokyo" });
        var doc = new Agency { Code = "DOC", Party = "USA", Kind = AgencyKind.Ministry, NameEn = "Department of Commerce" };
        var meti = new Agency { Code = "METI", Party = "JPN", Kind = AgencyKind.Ministry, NameEn = "Ministry of Economy, Trade and Industry" };
        db.Agencies.AddRange(doc, meti);
        var forum = new Forum { Code = "BENCH", ShortName = "Bench", NameEn = "Benchmark forum" };
        forum.Parties.Add(new ForumParty { Party = "USA" });
        forum.Parties.Add(new ForumParty { Party = "JPN" });
        db.Forums.Add(forum);
        var track = new Track { Forum = forum, Code = "P4", NameEn = "Supply chains" };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return new World(forum.Id, track.Id, doc.Id, meti.Id, Guid.CreateVersion7());
    }

    /// <summary>The forum, track and agencies of a database filled by an earlier run with --keep.</summary>
    public static async Task<World> Existing(Func<AuditContext?, TandemDbContext> context)
    {
        await using var db = context(null);
        var forum = await db.Forums.SingleAsync(f => f.Code == "BENCH");
        var track = await db.Tracks.SingleAsync(t => t.ForumId == forum.Id && t.Code == "P4");
        var doc = await db.Agencies.SingleAsync(a => a.Code == "DOC");
        var meti = await db.Agencies.SingleAsync(a => a.Code == "METI");
        return new World(forum.Id, track.Id, doc.Id, meti.Id, Guid.CreateVersion7());
    }

    private static string Words(Random random, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(3) == 0 ? Japanese[random.Next(Japanese.Length)] : English[random.Next(English.Length)]);
            text.Append(random.Next(8) == 0 ? ". " : " ");
        }

        // One document in a thousand names a rare metal, so that a selective query has something to find.
        if (random.Next(1000) == 0)
        {
            text.Append("gallium ");
        }

        return text.ToString();
    }

    /// <summary>Labels in the mix a real forum would have: mostly community-wide, some for one agency, some for one party, a few for named people.</summary>
    private static LabelData Label(Random random, World world)
    {
        var roll = random.Next(100);
        var (originator, party) = random.Next(2) == 0 ? (world.Doc, "USA") : (world.Meti, "JPN");
        var label = roll switch
        {
            < 50 => new Label { Level = Tlp.Green, CommunityOnly = true, Originator = originator, OriginatingParty = party },
            < 65 => new Label { Level = Tlp.Clear, Originator = originator, OriginatingParty = party },
            < 80 => new Label { Level = Tlp.Amber, Agencies = [originator], Originator = originator, OriginatingParty = party },
            < 95 => new Label { Level = Tlp.Green, CommunityOnly = true, Parties = [party], OriginatorOnly = true, Originator = originator, OriginatingParty = party },
            _ => new Label { Level = Tlp.Red, Users = [Guid.CreateVersion7()], Originator = originator, OriginatingParty = party },
        };
        return LabelData.From(label);
    }

    public static async Task Documents(Func<AuditContext?, TandemDbContext> context, World world, int count)
    {
        var random = new Random(42);
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = context(null);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var label = Label(random, world);
                var document = new Document
                {
                    Title = $"Document {i}: {Words(random, 5)}".Trim(),
                    Description = Words(random, 20),
                    OwnerAgencyId = label.Originator,
                    CurrentVersion = 1,
                    Label = label,
                };
                var bytes = Encoding.UTF8.GetBytes(Words(random, 150));
                var key = Guid.CreateVersion7();
                db.Documents.Add(document);
                db.DocumentVersions.Add(new DocumentVersion
                {
                    DocumentId = document.Id, Number = 1, FileName = "note.txt", ContentType = "text/plain; charset=utf-8", Size = bytes.Length,
                    Sha256 = "", StorageKey = key, UploadedAt = DateTime.UtcNow,
                });
                db.DocumentContents.Add(new DocumentContent { StorageKey = key, Bytes = bytes });
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }

    public static async Task Commitments(Func<AuditContext?, TandemDbContext> context, World world, int count)
    {
        var random = new Random(7);
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = context(null);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var commitment = new Commitment
                {
                    ForumId = world.Forum,
                    TrackId = random.Next(3) == 0 ? world.Track : null,
                    Code = string.Create(CultureInfo.InvariantCulture, $"B{i}"),
                    TextEn = Words(random, 25),
                    TextJa = string.Concat(Enumerable.Range(0, 8).Select(_ => Japanese[random.Next(Japanese.Length)] + "の")),
                    MadeOn = new DateOnly(2020, 1, 1).AddDays(random.Next(2000)),
                    Status = CommitmentStatus.InProgress,
                };
                commitment.Responsibilities.Add(new CommitmentResponsibility { Party = random.Next(2) == 0 ? "USA" : "JPN", AgencyId = random.Next(2) == 0 ? world.Doc : world.Meti });
                db.Set<Commitment>().Add(commitment);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }
}
