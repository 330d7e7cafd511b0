using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;
using Tandem.Web;

// Load benchmark: 64 concurrent clients (wrk) against the real web app (Release, Production settings, bearer token,
// access policy and read auditing on) and, in the same process and run, against a raw ADO.NET page of the same
// table served by a bare minimal API. Prints requests/s, p50 and p99 per endpoint and the ratio to the raw page.
//
// Usage: dotnet run -c Release --project bench/Tandem.Bench.Load -- [--provider sqlite|postgresql|both]
//        [--commitments 50000] [--documents 100000] [--seconds 10] [--connections 64] [--threads 2]
//        [--postgres "Host=…;Username=…;Database=postgres"] [--out table.md] [--only commitments,documents]
//        [--data DIR] (keeps the seeded databases there and reuses them on the next run: seeding takes minutes)
//        [--probe N] (instead of wrk: N requests one after another per endpoint, each with the count and time of its SQL commands)
var options = LoadOptions.Parse(args);
var rows = new List<string>();
foreach (var provider in options.Providers)
{
    rows.AddRange(await LoadBench.Run(provider, options));
}

var table = new StringBuilder();
table.AppendLine(CultureInfo.InvariantCulture, $"wrk -t{options.Threads} -c{options.Connections} -d{options.Seconds}s --latency; {options.Commitments:N0} commitments, {options.Documents:N0} documents; load average at end {LoadBench.LoadAverage()}");
table.AppendLine();
table.AppendLine("| database | endpoint | req/s | p50 ms | p99 ms | non-2xx | ratio to raw page |");
table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var row in rows)
{
    table.AppendLine(row);
}

Console.WriteLine();
Console.Write(table);
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, table.ToString());
}

internal sealed record LoadOptions(IReadOnlyList<string> Providers, int Commitments, int Documents, int Seconds, int Connections, int Threads, string? Postgres, string? Out,
    IReadOnlySet<string>? Only, string? Data, int Probe)
{
    public static LoadOptions Parse(string[] args)
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
        var only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new LoadOptions(providers, Number("--commitments", 50_000), Number("--documents", 100_000), Number("--seconds", 10), Number("--connections", 64),
            Number("--threads", 2), postgres, Value("--out"), only, Value("--data"), int.TryParse(Value("--probe"), NumberStyles.None, CultureInfo.InvariantCulture, out var probe) ? probe : 0);
    }
}

internal sealed record WrkResult(double RequestsPerSecond, double P50, double P99, long Failures);

internal static partial class LoadBench
{
    private static readonly string[] Parties = ["USA", "JPN"];

    private static readonly string[] Topics = ["semiconductors", "critical minerals", "batteries", "rare earths", "pharmaceuticals", "shipping", "neon"];

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static async Task<List<string>> Run(string provider, LoadOptions options)
    {
        var keep = options.Data is not null;
        var folder = options.Data ?? Path.Combine(Path.GetTempPath(), "tandem-bench-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var seedFile = Path.Combine(folder, $"seed-{provider}.json");
        var kept = keep && File.Exists(seedFile) ? JsonSerializer.Deserialize<Seeded>(await File.ReadAllTextAsync(seedFile)) : null;
        string connection;
        string? pgDatabase = null;
        if (provider == "Sqlite")
        {
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }
        else
        {
            pgDatabase = kept?.PgDatabase ?? "tandem_load_" + Guid.NewGuid().ToString("N")[..8];
            if (kept is null)
            {
                await using var admin = new NpgsqlConnection(options.Postgres);
                await admin.OpenAsync();
                await using var create = admin.CreateCommand();
                create.CommandText = $"CREATE DATABASE \"{pgDatabase}\"";
                await create.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = pgDatabase, MaxPoolSize = 100 }.ConnectionString;
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
                // As deployed: behind a TLS-terminating proxy on this machine, which wrk plays by sending X-Forwarded-Proto.
                "--Tandem:Proxy:KnownProxies=127.0.0.1",
                "--AllowedHosts=127.0.0.1",
                "--Logging:LogLevel:Default=Warning",
                // The notification clock walks every open commitment each minute: a job for an instance of its own (the setting exists
                // for that), not a cost of the list requests measured here, and with 50,000 commitments its first pass takes minutes.
                "--Tandem:Notifications:Background=false",
            ]);
            await app.StartAsync();
            await using var raw = RawPage.Build(provider, connection);
            await raw.StartAsync();
            try
            {
                var clock = Stopwatch.StartNew();
                var seed = kept ?? await Seed(app, provider, connection, options) with { PgDatabase = pgDatabase };
                if (kept is null)
                {
                    Console.WriteLine($"{provider}: seeded in {clock.Elapsed.TotalSeconds:0} s");
                    if (keep)
                    {
                        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed));
                    }
                }

                var tandem = app.Urls.First();
                var rawUrl = raw.Urls.First();
                var endpoints = new List<(string Key, string Name, string Url)>
                {
                    ("raw", "raw ADO.NET page (50 of the commitments, page 3)", $"{rawUrl}/raw/commitments?page=3&pageSize=50"),
                    ("commitments", "API commitments, page 3 of 50", $"{tandem}/api/v1/commitments?pageSize=50&page=3"),
                    ("documents", "API documents, page 3 of 50 (policy applied)", $"{tandem}/api/v1/documents?pageSize=50&page=3"),
                    ("meetings", "API meetings, page 3 of 50", $"{tandem}/api/v1/meetings?pageSize=50&page=3"),
                    ("papers", "API papers of one meeting (policy applied)", $"{tandem}/api/v1/meetings/{seed.MeetingId}/papers"),
                    ("notices", "API disruption notices", $"{tandem}/api/v1/notices?pageSize=50"),
                    ("evidence", "API analyses (evidence)", $"{tandem}/api/v1/analyses?pageSize=50"),
                    ("dashboard", "API compliance dashboard, page of 50", $"{tandem}/api/v1/compliance/cycles/{seed.CycleId}/dashboard?page=3&pageSize=50"),
                    ("ui-commitments", "page /commitments", $"{tandem}/commitments?page=3"),
                    ("ui-documents", "page /documents", $"{tandem}/documents?page=3"),
                    ("ui-meetings", "page /meetings", $"{tandem}/meetings"),
                    ("ui-notices", "page /notices", $"{tandem}/notices"),
                    ("ui-evidence", "page /evidence", $"{tandem}/evidence"),
                    ("ui-compliance", "page /compliance", $"{tandem}/compliance"),
                };
                var results = new List<string>();
                WrkResult? baseline = null;
                foreach (var (key, name, url) in endpoints)
                {
                    if (options.Only is { } only && key != "raw" && !only.Contains(key))
                    {
                        continue;
                    }

                    if (options.Probe > 0)
                    {
                        await Probe.Run(name, url, seed.Token, options.Probe);
                        continue;
                    }

                    // Warm up first (JIT, EF Core query compilation, the token cache): wrk measures the steady state, not the first request.
                    await Probe.WarmUp(url, seed.Token, 5);
                    var result = await Wrk(url, seed.Token, options);
                    baseline ??= result;
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {provider} | {name} | {result.RequestsPerSecond:0} | {result.P50:0.0} | {result.P99:0.0} | {result.Failures} | {result.RequestsPerSecond / baseline.RequestsPerSecond:0.000} |");
                    Console.WriteLine(line);
                    results.Add(line);
                }

                return results;
            }
            finally
            {
                await raw.StopAsync();
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (pgDatabase is not null && !keep)
            {
                await using var admin = new NpgsqlConnection(options.Postgres);
                await admin.OpenAsync();
                await using var drop = admin.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)";
                await drop.ExecuteNonQueryAsync();
            }

            try
            {
                if (!keep)
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

    /// <summary>Runs wrk once and reads its summary: requests/s, the 50th and 99th latency percentiles and non-2xx answers.</summary>
    private static async Task<WrkResult> Wrk(string url, string token, LoadOptions options)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"-t{options.Threads}", $"-c{options.Connections}", $"-d{options.Seconds}s", "--timeout", "10s", "--latency", "-H", $"Authorization: Bearer {token}", "-H", "X-Forwarded-Proto: https", url })
        {
            start.ArgumentList.Add(arg);
        }

        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        Console.Error.WriteLine(output);
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        double Percentile(string p)
        {
            var m = Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var failures = NonSuccess().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var timeouts = Timeouts().Match(output) is { Success: true } t ? long.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(rps, Percentile("50"), Percentile("99"), failures + timeouts);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"timeout (\d+)")]
    private static partial Regex Timeouts();

    internal sealed record Seeded(string Token, Guid MeetingId, Guid CycleId, string? PgDatabase = null);

    /// <summary>
    /// Two parties and five agencies; the reader is a Member of DOC (USA) with a token. The forum has the commitments
    /// (lead agencies per party), one assessment cycle of 2,500 of them, 1,000 meetings of which one has 200 papers,
    /// and the documents, 10 % visible to the reader under the access policy (as in bench/Tandem.Bench.Documents).
    /// Written through contexts without an audit scope: set-up data is not a user's action.
    /// </summary>
    private static async Task<Seeded> Seed(WebApplication app, string provider, string connection, LoadOptions options)
    {
        var settings = DatabaseSettings.Parse(provider, connection);
        var builder = new DbContextOptionsBuilder<TandemDbContext>();
        settings.Apply(builder);
        var random = new Random(42);
        var agencies = new Dictionary<string, Agency>();
        var forum = new Forum { Code = "BENCH", ShortName = "Bench", NameEn = "Benchmark forum", Tiers = [Tier.Ministerial, Tier.WorkingLevel] };
        var tracks = new List<Guid>();
        await using (var db = new TandemDbContext(builder.Options))
        {
            db.Parties.AddRange(new Party { Iso3 = "USA", NameEn = "United States", CapitalTimeZone = "America/New_York" }, new Party { Iso3 = "JPN", NameEn = "Japan", CapitalTimeZone = "Asia/Tokyo" });
            foreach (var (code, party) in new[] { ("DOS", "USA"), ("DOC", "USA"), ("METI", "JPN"), ("MOFA", "JPN"), ("MOF", "JPN") })
            {
                agencies[code] = new Agency { Code = code, Party = party, Kind = AgencyKind.Ministry, NameEn = code };
                db.Agencies.Add(agencies[code]);
            }

            forum.Parties.AddRange(Parties.Select(p => new ForumParty { ForumId = forum.Id, Party = p }));
            db.Forums.Add(forum);
            for (var t = 1; t <= 4; t++)
            {
                var track = new Track { ForumId = forum.Id, Code = $"T{t}", NameEn = $"Track {t}" };
                track.Participations.Add(new TrackParticipation { TrackId = track.Id, AgencyId = agencies["DOC"].Id, Role = ParticipationRole.CoLead });
                track.Participations.Add(new TrackParticipation { TrackId = track.Id, AgencyId = agencies["METI"].Id, Role = ParticipationRole.CoLead });
                db.Tracks.Add(track);
                tracks.Add(track.Id);
            }

            await db.SaveChangesAsync();
        }

        var statuses = Enum.GetValues<CommitmentStatus>();
        var commitmentIds = new List<Guid>(options.Commitments);
        for (var start = 0; start < options.Commitments; start += 5_000)
        {
            await using var db = new TandemDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(options.Commitments, start + 5_000); i++)
            {
                var made = new DateOnly(2015, 1, 1).AddDays(random.Next(0, 3650));
                var c = new Commitment
                {
                    ForumId = forum.Id,
                    Code = $"B{i:000000}",
                    TextEn = $"Benchmark commitment {i}: cooperate on {Topics[random.Next(Topics.Length)]}",
                    TrackId = tracks[i % tracks.Count],
                    MadeOn = made,
                    DueDate = made.AddDays(random.Next(90, 1500)),
                    Status = statuses[random.Next(statuses.Length)],
                    Progress = random.Next(0, 3) == 0 ? null : random.Next(0, 101),
                };
                c.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = c.Id, Party = "USA", AgencyId = agencies[random.Next(2) == 0 ? "DOC" : "DOS"].Id, Role = ResponsibilityRole.Lead });
                c.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = c.Id, Party = "JPN", AgencyId = agencies["METI"].Id, Role = ResponsibilityRole.Lead });
                db.Add(c);
                commitmentIds.Add(c.Id);
            }

            await db.SaveChangesAsync();
        }

        var cycle = new AssessmentCycle
        {
            ForumId = forum.Id,
            Name = "Cycle 2024",
            Kind = CycleKind.Final,
            WindowStart = new DateOnly(2024, 1, 1),
            WindowEnd = new DateOnly(2024, 12, 31),
            Parties = ["USA", "JPN"],
        };
        await using (var db = new TandemDbContext(builder.Options))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Add(cycle);
            foreach (var commitmentId in commitmentIds.Take(2_500))
            {
                db.Add(new CycleCommitment { CycleId = cycle.Id, CommitmentId = commitmentId });
                foreach (var party in Parties)
                {
                    db.Add(new ComplianceScore { CycleId = cycle.Id, CommitmentId = commitmentId, Party = party, Value = random.Next(10) == 0 ? null : random.Next(-1, 2), Rationale = "seeded" });
                }
            }

            await db.SaveChangesAsync();
        }

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("bench");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        var scoped = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        var reader = await CreateUser.Handle(scoped, users, new UserInput("reader@bench.tandem", "Bench reader", "DOC", [Roles.Member], "violet tram harbour quartz 7193"), CancellationToken.None);
        if (!reader.Succeeded)
        {
            throw new InvalidOperationException(reader.Error!.Message);
        }

        var token = await PersonalAccessTokens.Create(scoped, reader.Value.Id, "bench", null, TokenScopes.Default, DateTime.UtcNow, CancellationToken.None);
        var stranger = Guid.NewGuid();
        Label LabelFor(int slot) => slot switch
        {
            < 5 => new Label { Level = Tlp.Amber, Agencies = [agencies["DOC"].Id, agencies["METI"].Id], Originator = agencies["METI"].Id, OriginatingParty = "JPN" },
            < 8 => new Label { Level = Tlp.Green, CommunityOnly = true, Originator = agencies["DOS"].Id, OriginatingParty = "USA" },
            < 10 => new Label { Level = Tlp.Red, Users = [reader.Value.Id, stranger], Originator = agencies["DOC"].Id, OriginatingParty = "USA" },
            < 50 => new Label { Level = Tlp.Amber, Agencies = [agencies["METI"].Id, agencies["MOFA"].Id], Originator = agencies["MOFA"].Id, OriginatingParty = "JPN" },
            < 70 => new Label { Level = Tlp.Green, CommunityOnly = true, Parties = ["JPN"], Originator = agencies["METI"].Id, OriginatingParty = "JPN" },
            < 85 => new Label { Level = Tlp.Red, Users = [stranger], Originator = agencies["DOS"].Id, OriginatingParty = "USA" },
            _ => new Label { Level = Tlp.AmberStrict, Agencies = [agencies["METI"].Id], Originator = agencies["METI"].Id, OriginatingParty = "JPN" },
        };

        for (var start = 0; start < options.Documents; start += 5_000)
        {
            await using var db = new TandemDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(options.Documents, start + 5_000); i++)
            {
                var label = LabelFor(random.Next(100));
                db.Documents.Add(new Document
                {
                    Title = $"Document {i:D6}: {Topics[random.Next(Topics.Length)]} and {Topics[random.Next(Topics.Length)]}",
                    Description = $"Fictitious benchmark record about {Topics[random.Next(Topics.Length)]} supply chains.",
                    OwnerAgencyId = label.Originator,
                    CurrentVersion = 1,
                    Label = LabelData.From(label),
                });
            }

            await db.SaveChangesAsync();
        }

        Guid meetingWithPapers;
        await using (var db = new TandemDbContext(builder.Options))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var meetings = Enumerable.Range(0, 1_000).Select(i => new Meeting
            {
                ForumId = forum.Id,
                Tier = i % 10 == 0 ? Tier.Ministerial : Tier.WorkingLevel,
                TitleEn = $"Working meeting {i}",
                Venue = "Washington",
                TimeZone = "America/New_York",
                StartsAt = new DateTime(2020, 1, 1, 14, 0, 0, DateTimeKind.Utc).AddDays(i * 3),
                EndsAt = new DateTime(2020, 1, 1, 16, 0, 0, DateTimeKind.Utc).AddDays(i * 3),
                Status = MeetingStatus.Scheduled,
            }).ToList();
            db.AddRange(meetings);
            meetingWithPapers = meetings[500].Id;
            for (var p = 0; p < 200; p++)
            {
                var label = LabelFor(random.Next(100));
                db.Add(new MeetingPaper
                {
                    MeetingId = meetingWithPapers,
                    Kind = PaperKind.Other,
                    Title = $"Paper {p}",
                    Text = "Fictitious benchmark paper.",
                    AgencyId = label.Originator,
                    Label = LabelData.From(label),
                });
            }

            await db.SaveChangesAsync();
        }

        return new Seeded(token.Value.Secret, meetingWithPapers, cycle.Id);
    }
}

/// <summary>
/// The baseline: a bare minimal API that reads one page of 50 commitments of the forum (by code, third page, served by the
/// <c>(ForumId, Code)</c> index as the app's query is) with plain ADO.NET and writes it as JSON. No authentication, no policy, no audit: the floor the app's own list pages are compared with.
/// </summary>
internal static class RawPage
{
    public static WebApplication Build(string provider, string connection)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        NpgsqlDataSource? postgres = provider == "PostgreSQL" ? NpgsqlDataSource.Create(connection) : null;
        app.MapGet("/raw/commitments", async (int? page, int? pageSize, HttpContext http) =>
        {
            var size = pageSize ?? 50;
            var offset = ((page ?? 1) - 1) * size;
            const string sql = "SELECT \"Id\", \"Code\", \"TextEn\", \"Status\", \"DueDate\", \"Progress\" FROM \"Commitment\" WHERE \"ForumId\" = (SELECT \"Id\" FROM \"Forums\" LIMIT 1) AND \"DeletedAt\" IS NULL ORDER BY \"ForumId\", \"Code\" LIMIT @size OFFSET @offset";
            System.Data.Common.DbConnection db = postgres is not null ? await postgres.OpenConnectionAsync() : new SqliteConnection(connection);
            await using (db)
            {
                if (db.State != System.Data.ConnectionState.Open)
                {
                    await db.OpenAsync();
                }

                await using var command = db.CreateCommand();
                command.CommandText = sql;
                var sizeParameter = command.CreateParameter();
                sizeParameter.ParameterName = "size";
                sizeParameter.Value = size;
                command.Parameters.Add(sizeParameter);
                var offsetParameter = command.CreateParameter();
                offsetParameter.ParameterName = "offset";
                offsetParameter.Value = offset;
                command.Parameters.Add(offsetParameter);
                await using var reader = await command.ExecuteReaderAsync();
                http.Response.ContentType = "application/json";
                await using var json = new Utf8JsonWriter(http.Response.Body);
                json.WriteStartArray();
                while (await reader.ReadAsync())
                {
                    json.WriteStartObject();
                    json.WriteString("id", reader.GetGuid(0));
                    json.WriteString("code", reader.GetString(1));
                    json.WriteString("textEn", reader.GetString(2));
                    json.WriteString("status", Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture));
                    json.WriteString("dueDate", reader.IsDBNull(4) ? null : Convert.ToString(reader.GetValue(4), CultureInfo.InvariantCulture));
                    if (reader.IsDBNull(5))
                    {
                        json.WriteNull("progress");
                    }
                    else
                    {
                        json.WriteNumber("progress", Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture));
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                await json.FlushAsync();
            }
        });
        return app;
    }
}
