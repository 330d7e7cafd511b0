using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Web;

// Compliance dashboard and commitments list over HTTP against a seeded database:
// N commitments, P parties, C cycles (each cycle assesses N / C commitments, every party scored).
// Usage: dotnet run -c Release --project bench/Tandem.Bench.Cycle -- [--provider sqlite|postgresql|both]
//        [--commitments 50000] [--cycles 20] [--requests 400] [--concurrency 4] [--postgres "Host=…;Username=…;Database=postgres"]
//        [--keep] (keeps the seeded database and prints its connection string and token, for EXPLAIN and reruns)
var options = BenchOptions.Parse(args);
var results = new List<string>();
foreach (var provider in options.Providers)
{
    results.AddRange(await Bench.Run(provider, options));
}

Console.WriteLine();
Console.WriteLine("| provider | endpoint | requests | p50 ms | p95 ms | p99 ms | sequential req/s | concurrent req/s |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var line in results)
{
    Console.WriteLine(line);
}

internal sealed record BenchOptions(IReadOnlyList<string> Providers, int Commitments, int Cycles, int Parties, int Requests, int Concurrency, string? Postgres, bool Keep)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        var provider = (Value("--provider") ?? "both").ToLowerInvariant();
        var postgres = Value("--postgres") ?? Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES");
        var providers = provider switch
        {
            "sqlite" => ["Sqlite"],
            "postgresql" or "postgres" => ["PostgreSQL"],
            _ => string.IsNullOrEmpty(postgres) ? new[] { "Sqlite" } : ["Sqlite", "PostgreSQL"],
        };
        return new BenchOptions(providers, Number("--commitments", 50_000), Number("--cycles", 20), 4, Number("--requests", 400), Number("--concurrency", 4), postgres, args.Contains("--keep"));
    }
}

internal static class Bench
{
    private static readonly string[] PartyCodes = ["USA", "JPN", "GBR", "AUS"];

    public static async Task<List<string>> Run(string provider, BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-bench-cycle", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string connection;
        string? pgDatabase = null;
        if (provider == "Sqlite")
        {
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }
        else
        {
            pgDatabase = "tandem_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var admin = new NpgsqlConnection(options.Postgres))
            {
                await admin.OpenAsync();
                await using var create = admin.CreateCommand();
                create.CommandText = $"CREATE DATABASE \"{pgDatabase}\"";
                await create.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = pgDatabase, MaxPoolSize = 50 }.ConnectionString;
        }

        try
        {
            var app = TandemApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--environment=Production",
                $"--ConnectionStrings:Tandem={connection}",
                $"--Tandem:Database:Provider={provider}",
                $"--Tandem:Audit:KeyPath={Path.Combine(folder, "audit-key.pem")}",
                "--Tandem:Demo=false",
                "--Tandem:Security:RequireSecondFactor=false",
                "--Tandem:Security:AllowInsecureHttp=true",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            try
            {
                var seedClock = Stopwatch.StartNew();
                var (token, forumId, cycleIds) = await Seed(app, provider, connection, options);
                Console.WriteLine($"{provider}: seeded {options.Commitments:N0} commitments, {options.Cycles} cycles, {options.Parties} parties in {seedClock.Elapsed.TotalSeconds:0.0} s");
                if (options.Keep)
                {
                    Console.WriteLine($"{provider}: kept database {connection}; token {token}; first cycle {cycleIds[0]}");
                }

                using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var random = new Random(7);
                var statuses = Enum.GetNames<CommitmentStatus>();
                string Dashboard(int i) => $"/api/v1/compliance/cycles/{cycleIds[i % cycleIds.Count]}/dashboard?page={1 + (i % 5)}&pageSize=50";
                string Commitments(int i) =>
                    $"/api/v1/commitments?forumId={forumId}&track=T{1 + (i % 4)}&status={statuses[i % statuses.Length]}&sort={(i % 2 == 0 ? "due" : "code")}&page={1 + (i % 20)}&pageSize=50";
                return
                [
                    await Measure(client, provider, "compliance dashboard (2,500 × 4 cells, page of 50)", Dashboard, options),
                    await Measure(client, provider, "commitments list (filtered, sorted, page of 50)", Commitments, options),
                ];
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (pgDatabase is not null && !options.Keep)
            {
                await using var admin = new NpgsqlConnection(options.Postgres);
                await admin.OpenAsync();
                await using var drop = admin.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)";
                await drop.ExecuteNonQueryAsync();
            }

            try
            {
                if (!options.Keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A file still held by a closing pool goes with the temp folder later.
            }
        }
    }

    private static async Task<string> Measure(HttpClient client, string provider, string name, Func<int, string> url, BenchOptions options)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(new Uri(url(i), UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var latencies = new List<double>(options.Requests);
        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < options.Requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(url(i), UriKind.Relative));
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        sequential.Stop();
        var concurrent = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < options.Requests)
            {
                using var response = await client.GetAsync(new Uri(url(i + 1000), UriKind.Relative));
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
            }
        }));
        concurrent.Stop();
        latencies.Sort();
        double Pct(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {name} | {options.Requests} | {Pct(0.50):0.0} | {Pct(0.95):0.0} | {Pct(0.99):0.0} | {options.Requests / sequential.Elapsed.TotalSeconds:0} | {options.Requests / concurrent.Elapsed.TotalSeconds:0} |");
        Console.WriteLine(line);
        return line;
    }

    /// <summary>Seeds through a context without an audit scope: bulk set-up data is not a user's change and is not audited.</summary>
    private static async Task<(string Token, Guid ForumId, List<Guid> Cycles)> Seed(WebApplication app, string provider, string connection, BenchOptions options)
    {
        var settings = DatabaseSettings.Parse(provider, connection);
        var builder = new DbContextOptionsBuilder<TandemDbContext>();
        settings.Apply(builder);
        var random = new Random(42);
        Guid forumId;
        var agencies = new Dictionary<string, List<Guid>>();
        var tracks = new List<Guid>();
        await using (var db = new TandemDbContext(builder.Options))
        {
            foreach (var code in PartyCodes)
            {
                db.Parties.Add(new Party { Iso3 = code, NameEn = code, CapitalTimeZone = "UTC" });
                agencies[code] = [];
                for (var a = 1; a <= 3; a++)
                {
                    var agency = new Agency { Code = $"{code}-A{a}", Party = code, Kind = AgencyKind.Ministry, NameEn = $"{code} agency {a}" };
                    db.Agencies.Add(agency);
                    agencies[code].Add(agency.Id);
                }
            }

            var forum = new Forum { Code = "BENCH", ShortName = "Bench", NameEn = "Benchmark forum", Tiers = [Tier.Ministerial, Tier.WorkingLevel] };
            forum.Parties.AddRange(PartyCodes.Select(p => new ForumParty { ForumId = forum.Id, Party = p }));
            db.Forums.Add(forum);
            forumId = forum.Id;
            for (var t = 1; t <= 4; t++)
            {
                var track = new Track { ForumId = forum.Id, Code = $"T{t}", NameEn = $"Track {t}" };
                track.Participations.AddRange(PartyCodes.Select(p => new TrackParticipation { TrackId = track.Id, AgencyId = agencies[p][0], Role = ParticipationRole.CoLead }));
                db.Tracks.Add(track);
                tracks.Add(track.Id);
            }

            await db.SaveChangesAsync();
        }

        var statuses = Enum.GetValues<CommitmentStatus>();
        var commitmentIds = new List<Guid>(options.Commitments);
        const int batch = 5_000;
        for (var start = 0; start < options.Commitments; start += batch)
        {
            await using var db = new TandemDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(options.Commitments, start + batch); i++)
            {
                var made = new DateOnly(2015, 1, 1).AddDays(random.Next(0, 3650));
                var c = new Commitment
                {
                    ForumId = forumId,
                    Code = $"B{i:000000}",
                    TextEn = $"Benchmark commitment {i}: cooperate on supply chain item {random.Next(1000)}",
                    TrackId = tracks[i % tracks.Count],
                    MadeOn = made,
                    DueDate = made.AddDays(random.Next(90, 1500)),
                    Status = statuses[random.Next(statuses.Length)],
                    Progress = random.Next(0, 3) == 0 ? null : random.Next(0, 101),
                };
                foreach (var party in PartyCodes.Where(_ => random.Next(3) > 0))
                {
                    c.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = c.Id, Party = party, AgencyId = agencies[party][random.Next(3)], Role = ResponsibilityRole.Lead });
                }

                db.Add(c);
                commitmentIds.Add(c.Id);
            }

            await db.SaveChangesAsync();
        }

        var cycles = new List<Guid>();
        var perCycle = options.Commitments / options.Cycles;
        for (var k = 0; k < options.Cycles; k++)
        {
            await using var db = new TandemDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var cycle = new AssessmentCycle
            {
                ForumId = forumId,
                Name = $"Cycle {k + 1:00}",
                Kind = k % 2 == 0 ? CycleKind.Interim : CycleKind.Final,
                WindowStart = new DateOnly(2015 + (k / 2), 1, 1),
                WindowEnd = new DateOnly(2015 + (k / 2), 12, 31),
                Parties = [.. PartyCodes],
            };
            db.Add(cycle);
            cycles.Add(cycle.Id);
            foreach (var commitmentId in commitmentIds.Skip(k * perCycle).Take(perCycle))
            {
                db.Add(new CycleCommitment { CycleId = cycle.Id, CommitmentId = commitmentId });
                foreach (var party in PartyCodes)
                {
                    // About one cell in ten is left unscored, as in real reports.
                    int? value = random.Next(10) == 0 ? null : random.Next(-1, 2);
                    db.Add(new ComplianceScore { CycleId = cycle.Id, CommitmentId = commitmentId, Party = party, Value = value, Rationale = "seeded" });
                }
            }

            await db.SaveChangesAsync();
        }

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("bench");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        var dbScoped = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        var user = await CreateUser.Handle(dbScoped, users, new UserInput("bench@bench.tandem", "Bench", "USA-A1", [Roles.Secretariat], "violet tram harbour quartz 7193"), CancellationToken.None);
        if (!user.Succeeded)
        {
            throw new InvalidOperationException(user.Error!.Message + " " + string.Join(" ", user.Error.Fields.SelectMany(f => f.Value)));
        }

        var token = await PersonalAccessTokens.Create(dbScoped, user.Value.Id, "bench", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None);
        return (token.Value.Secret, forumId, cycles);
    }
}
