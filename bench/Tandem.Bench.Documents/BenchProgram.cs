using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;
using Tandem.Web;
using Tandem.Web.Infrastructure;

namespace Tandem.Bench.Documents;

/// <summary>
/// What the access policy costs on the document list and search (docs/benchmarks.md, "Documents and the
/// access policy"). Seeds N documents of which the reader may see 10%, hosts the real app on Kestrel
/// (127.0.0.1), and measures the same list/search with and without the policy: over HTTP (a bench-only
/// endpoint in this process serves the unfiltered query) and in-process (the same EF query with and
/// without <c>VisibleTo</c>). Medians of repeated runs.
/// </summary>
internal static class BenchProgram
{
    private const string SearchTerm = "neon";

    private static readonly string[] Topics =
    [
        "neon", "photoresist", "gallium", "germanium", "lithium", "cobalt", "graphite", "rare earths", "wafers", "lithography",
        "batteries", "solar", "hydrogen", "LNG", "ammonia", "fertiliser", "shipping", "ports", "undersea cables", "5G",
        "quantum", "AI chips", "packaging", "substrates", "polysilicon", "magnets", "tungsten", "antimony", "nickel", "copper",
    ];

    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var all = new List<Measurement>();
        foreach (var provider in options.Providers)
        {
            Console.Error.WriteLine($"[bench] {provider}: seeding {options.Documents} documents");
            all.AddRange(await RunProvider(provider, options));
        }

        var report = Report(all, options, args);
        Console.WriteLine(report);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report);
        }

        return 0;
    }

    private static async Task<List<Measurement>> RunProvider(string provider, BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string? pgDatabase = null;
        string connection;
        if (provider == "Sqlite")
        {
            connection = $"Data Source={Path.Combine(folder, "tandem.db")}";
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES") ?? throw new InvalidOperationException("Set TANDEM_TEST_POSTGRES for the PostgreSQL run.");
            pgDatabase = "tandem_bench_" + Guid.NewGuid().ToString("N");
            await Execute(admin, $"CREATE DATABASE \"{pgDatabase}\"");
            connection = new NpgsqlConnectionStringBuilder(admin) { Database = pgDatabase, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
        }

        var app = TandemApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Tandem={connection}",
            $"--Tandem:Database:Provider={provider}",
            "--Tandem:Demo=false",
            $"--Tandem:Audit:KeyPath={Path.Combine(folder, "audit-key.pem")}",
            "--Tandem:Security:RequireSecondFactor=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ]);

        // The baseline: the same query without the policy. It exists only in this benchmark process.
        app.MapGet("/bench/documents-without-policy", async (string? search, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var query = ListDocuments.Query(db, actor, Viewer.Of(actor, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), new DocumentFilter(search), applyPolicy: false).Value;
            return TypedResults.Ok(await ListDocuments.Page(db, query, new PageRequest(1, 50), ct));
        }).RequireAuthorization();

        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var (actor, token) = await Seed(app.Services, options.Documents);
            var results = new List<Measurement>();
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var cases = new (string Query, string Policy, string Path, string? Search)[]
            {
                ("list", "policy", "/api/v1/documents?pageSize=50", null),
                ("list", "none", "/bench/documents-without-policy", null),
                ("search", "policy", $"/api/v1/documents?pageSize=50&search={SearchTerm}", SearchTerm),
                ("search", "none", $"/bench/documents-without-policy?search={SearchTerm}", SearchTerm),
            };

            Console.Error.WriteLine($"[bench] {provider}: warming up");
            foreach (var c in cases)
            {
                await Http(client, c.Path, 1, TimeSpan.FromSeconds(1));
                await InProcess(app.Services, actor, c.Search, c.Policy == "policy", TimeSpan.FromSeconds(1));
            }

            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var c in cases)
                {
                    var http = await Http(client, c.Path, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
                    results.Add(http with { Provider = provider, Layer = "HTTP", Query = c.Query, Policy = c.Policy, Run = run });
                    var ef = await InProcess(app.Services, actor, c.Search, c.Policy == "policy", TimeSpan.FromSeconds(options.Seconds));
                    results.Add(ef with { Provider = provider, Layer = "EF in-process", Query = c.Query, Policy = c.Policy, Run = run });
                    Console.Error.WriteLine($"[bench] {provider} run {run} {c.Query}/{c.Policy}: HTTP {http.PerSecond:F0}/s p95 {http.P95:F1} ms; EF {ef.PerSecond:F0}/s p95 {ef.P95:F1} ms");
                }
            }

            return results;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteClear();
            if (pgDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await Execute(Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES")!, $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; nothing depends on it.
            }
        }
    }

    private static void SqliteClear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Agencies of two parties, the reader (DOC, USA) with a token, and the documents: 10% visible to the
    /// reader (AMBER naming DOC, GREEN, RED naming the reader) and 90% not (AMBER of other agencies, GREEN
    /// released to JPN only, RED for others, AMBER+STRICT of METI) — every kind of predicate the policy has.
    /// </summary>
    private static async Task<(Actor Actor, string Token)> Seed(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("bench");
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        db.Parties.AddRange(new Party { Iso3 = "USA", NameEn = "United States" }, new Party { Iso3 = "JPN", NameEn = "Japan" });
        var agencies = new[] { ("DOS", "USA"), ("DOC", "USA"), ("METI", "JPN"), ("MOFA", "JPN"), ("MOF", "JPN") }
            .Select(a => new Agency { Code = a.Item1, Party = a.Item2, Kind = AgencyKind.Ministry, NameEn = a.Item1 }).ToList();
        foreach (var agency in agencies)
        {
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        var created = await CreateUser.Handle(db, users, new UserInput("reader@bench.test", "Bench reader", "DOC", [Roles.Member], "bench password that is long 42"), CancellationToken.None);
        var token = await PersonalAccessTokens.Create(db, created.Value.Id, "bench", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None);
        var dos = agencies[0].Id;
        var doc = agencies[1].Id;
        var meti = agencies[2].Id;
        var mofa = agencies[3].Id;
        var reader = created.Value.Id;
        var stranger = Guid.NewGuid();

        // Without an audit context the bulk insert writes no audit entries (a seed, not a user's action).
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<TandemDbContext>>();
        var random = new Random(20261127);
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 5000)
        {
            await using var bulk = new TandemDbContext(options);
            bulk.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 5000); i++)
            {
                var slot = random.Next(100);
                var label = slot switch
                {
                    < 5 => new Label { Level = Tlp.Amber, Agencies = [doc, meti], Originator = meti, OriginatingParty = "JPN" },
                    < 8 => new Label { Level = Tlp.Green, CommunityOnly = true, Originator = dos, OriginatingParty = "USA" },
                    < 10 => new Label { Level = Tlp.Red, Users = [reader, stranger], Originator = doc, OriginatingParty = "USA" },
                    < 50 => new Label { Level = Tlp.Amber, Agencies = [meti, mofa], Originator = mofa, OriginatingParty = "JPN" },
                    < 70 => new Label { Level = Tlp.Green, CommunityOnly = true, Parties = ["JPN"], Originator = meti, OriginatingParty = "JPN" },
                    < 85 => new Label { Level = Tlp.Red, Users = [stranger], Originator = dos, OriginatingParty = "USA" },
                    _ => new Label { Level = Tlp.AmberStrict, Agencies = [meti], Originator = meti, OriginatingParty = "JPN" },
                };
                bulk.Documents.Add(new Document
                {
                    Title = $"Document {i:D6}: {Topics[random.Next(Topics.Length)]} and {Topics[random.Next(Topics.Length)]}",
                    Description = $"Fictitious benchmark record about {Topics[random.Next(Topics.Length)]} supply chains.",
                    OwnerAgencyId = label.Originator,
                    CurrentVersion = 1,
                    Label = LabelData.From(label),
                });
            }

            await bulk.SaveChangesAsync();
        }

        Console.Error.WriteLine($"[bench] seeded {count} documents in {stopwatch.Elapsed.TotalSeconds:F1} s");
        var readerAgency = agencies[1];
        var actor = new Actor(reader, "reader@bench.test", readerAgency.Id, "USA", new HashSet<string> { Roles.Member });
        return (actor, token.Value.Secret);
    }

    private static async Task<Measurement> Http(HttpClient client, string path, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                }

                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }));
        return Measurement.Of(latencies.SelectMany(l => l).ToList(), Stopwatch.GetElapsedTime(started));
    }

    private static async Task<Measurement> InProcess(IServiceProvider services, Actor actor, string? search, bool policy, TimeSpan duration)
    {
        var latencies = new List<double>();
        var viewer = Viewer.Of(actor, DateOnly.FromDateTime(DateTime.UtcNow));
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var query = ListDocuments.Query(db, actor, viewer, new DocumentFilter(search), applyPolicy: policy).Value;
            var page = await ListDocuments.Page(db, query, new PageRequest(1, 50), CancellationToken.None);
            if (page.Items.Count == 0)
            {
                throw new InvalidOperationException("The benchmark query returned nothing.");
            }

            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return Measurement.Of(latencies, Stopwatch.GetElapsedTime(started));
    }

    private static string Report(List<Measurement> all, BenchOptions options, string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}),");
        md.AppendLine(inv, $"{options.Documents:N0} documents, reader sees 10%; page of 50; HTTP with {options.Concurrency} concurrent clients for {options.Seconds} s per run;");
        md.AppendLine(inv, $"in-process: one caller, a new DbContext per query; medians of {options.Runs} runs (after a warm-up).");
        md.AppendLine("Command: `" + "dotnet run -c Release --project bench/Tandem.Bench.Documents -- " + string.Join(" ", args) + "`");
        md.AppendLine();
        md.AppendLine("| database | layer | request | req/s with policy | req/s without | time added by the policy | p95 ms with | p95 ms without |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in all.GroupBy(m => (m.Provider, m.Layer, m.Query)))
        {
            var with = group.Where(m => m.Policy == "policy").ToList();
            var without = group.Where(m => m.Policy == "none").ToList();
            var rpsWith = Median(with.Select(m => m.PerSecond));
            var rpsWithout = Median(without.Select(m => m.PerSecond));
            var added = (rpsWithout / rpsWith - 1) * 100;
            md.AppendLine(inv, $"| {group.Key.Provider} | {group.Key.Layer} | {group.Key.Query} | {rpsWith:F0} | {rpsWithout:F0} | {added:+0;-0}% | {Median(with.Select(m => m.P95)):F1} | {Median(without.Select(m => m.P95)):F1} |");
        }

        return md.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

internal sealed record Measurement(double PerSecond, double P95, int Count)
{
    public string Provider { get; init; } = "";

    public string Layer { get; init; } = "";

    public string Query { get; init; } = "";

    public string Policy { get; init; } = "";

    public int Run { get; init; }

    public static Measurement Of(List<double> latencies, TimeSpan elapsed)
    {
        latencies.Sort();
        var p95 = latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.95) - 1)];
        return new Measurement(latencies.Count / elapsed.TotalSeconds, p95, latencies.Count);
    }
}

internal sealed record BenchOptions(int Documents, int Runs, int Seconds, int Concurrency, IReadOnlyList<string> Providers, string? Out)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        var providers = (Value("--providers") ?? (Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES") is { Length: > 0 } ? "Sqlite,PostgreSQL" : "Sqlite"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BenchOptions(Number("--documents", 100_000), Number("--runs", 5), Number("--seconds", 5), Number("--concurrency", 4), providers, Value("--out"));
    }
}
