using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;
using Tandem.Web.Tests.Cli;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;

namespace Tandem.Web.Tests.Operations;

/// <summary>
/// The web app is killed (SIGKILL, as a power cut leaves it) in the middle of sustained writes through the API, then
/// started again: every write that was answered 2xx is there, no record is half written, and the audit chain verifies.
/// </summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class CrashSafetyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KilledMidWrite_EveryAnsweredWriteSurvivesAndNothingIsHalfWritten(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var environment = AppEnvironment(database);
        var clock = Stopwatch.StartNew();
        Uri address;
        using (var first = await WebProcess.Start(environment, database.Folder))
        {
            address = first.Address;
            var cli = CliRunner.EnvironmentFor(database);
            var docToken = (await CliRunner.Run(cli, "token", "create", "--email", "officer.doc@demo.tandem", "--name", "crash")).Output.Trim();
            var secretariatToken = (await CliRunner.Run(cli, "token", "create", "--email", "secretariat.us@demo.tandem", "--name", "crash")).Output.Trim();
            Assert.StartsWith("tdm_", docToken, StringComparison.Ordinal);
            using var doc = Client(address, docToken);
            using var secretariat = Client(address, secretariatToken);
            var forumId = (string)(await doc.GetFromJsonAsync<JsonNode>(new Uri("/api/v1/forums", UriKind.Relative)))!["items"]!.AsArray()
                .First(f => (string)f!["code"]! == "EPCC")!["id"]!;

            var uploads = new ConcurrentDictionary<Guid, string>();
            var edits = new ConcurrentDictionary<Guid, (int Version, string Text, string? InFlight)>();
            using var stop = new CancellationTokenSource();
            var writers = new[]
            {
                Task.Run(() => Upload(doc, uploads, stop.Token)),
                Task.Run(() => Upload(doc, uploads, stop.Token)),
                Task.Run(() => EditCommitments(secretariat, forumId, edits, stop.Token)),
            };

            // Kill once a good number of writes has been answered, while the writers are still sending.
            var deadline = Stopwatch.StartNew();
            while ((uploads.Count < 30 || edits.Values.Sum(e => e.Version) < 30) && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }

            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(uploads.Count >= 10, $"only {uploads.Count} uploads were answered before the kill");

            using var second = await WebProcess.Start(environment, database.Folder);
            using var docAgain = Client(second.Address, docToken);
            using var secretariatAgain = Client(second.Address, secretariatToken);

            foreach (var (id, sha) in uploads)
            {
                // The download recomputes the SHA-256 of the stored bytes and refuses content that differs from the upload's.
                using var download = await docAgain.GetAsync(new Uri($"/api/v1/documents/{id}/download", UriKind.Relative));
                Assert.True(download.StatusCode == HttpStatusCode.OK, $"document {id}, answered 201 before the kill: {(int)download.StatusCode}");
                Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
            }

            foreach (var (id, (version, text, inFlight)) in edits)
            {
                var detail = (await secretariatAgain.GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/commitments/{id}", UriKind.Relative)))!["commitment"]!;
                var stored = (int)detail["version"]!;
                var storedText = (string)detail["textEn"]!;

                // The edit in flight at the kill may or may not have committed; every answered one has.
                Assert.True(stored == version ? storedText == text : stored == version + 1 && storedText == inFlight,
                    $"commitment {id}: answered version {version} '{text}', stored {stored} '{storedText}'");
            }
        }

        await using (var db = Open(database))
        {
            // No half-written upload: every document has a version, every version its content and its audit entry.
            Assert.Equal(0, await db.Documents.CountAsync(d => !db.DocumentVersions.Any(v => v.DocumentId == d.Id)));
            Assert.Equal(0, await db.DocumentVersions.CountAsync(v => !db.DocumentContents.Any(c => c.StorageKey == v.StorageKey)));
            var documentIds = await db.Documents.Select(d => d.Id.ToString()).ToListAsync();
            var audited = await db.AuditEntries.Where(e => e.ObjectType == "Document" && e.Action == "create").Select(e => e.ObjectId).ToListAsync();
            Assert.Empty(documentIds.Except(audited, StringComparer.OrdinalIgnoreCase));
        }

        var verify = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.StartsWith("Audit chain intact", verify.Output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }

    // Requests already sent are never cancelled by the stop signal: the kill, not the test, decides whether they are answered.
    private static async Task Upload(HttpClient client, ConcurrentDictionary<Guid, string> answered, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var content = DocumentKit.Pdf($"{Guid.NewGuid():N} {new string('z', 4000 + (n * 37 % 20000))}");
            try
            {
                using var response = await DocumentKit.Upload(client, $"Crash upload {n}", content: content);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (Guid)(await response.Content.ReadFromJsonAsync<JsonNode>(CancellationToken.None))!["id"]!;
                    answered[id] = Convert.ToHexStringLower(SHA256.HashData(content));
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // The process is gone: the answer never came, so the upload counts as unknown.
                return;
            }
        }
    }

    private static async Task EditCommitments(HttpClient client, string forumId, ConcurrentDictionary<Guid, (int, string, string?)> answered, CancellationToken stop)
    {
        for (var c = 0; !stop.IsCancellationRequested; c++)
        {
            var code = $"CRASH-{c}";
            try
            {
                using var created = await client.PostAsJsonAsync(new Uri("/api/v1/commitments", UriKind.Relative), Body(forumId, code, "start", null), CancellationToken.None);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var node = (await created.Content.ReadFromJsonAsync<JsonNode>(CancellationToken.None))!;
                var id = (Guid)node["id"]!;
                var version = (int)node["version"]!;
                answered[id] = (version, $"Commitment {code}: start", null);
                for (var edit = 1; edit <= 5 && !stop.IsCancellationRequested; edit++)
                {
                    var text = $"Commitment {code}: edit {edit}";
                    answered[id] = (version, answered[id].Item2, text);
                    using var updated = await client.PutAsJsonAsync(new Uri($"/api/v1/commitments/{id}", UriKind.Relative), Body(forumId, code, $"edit {edit}", version), CancellationToken.None);
                    if (updated.StatusCode != HttpStatusCode.OK)
                    {
                        break;
                    }

                    version = (int)(await updated.Content.ReadFromJsonAsync<JsonNode>(CancellationToken.None))!["version"]!;
                    answered[id] = (version, text, null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return;
            }
        }
    }

    private static object Body(string forumId, string code, string text, int? version) => new
    {
        forumId,
        code,
        textEn = $"Commitment {code}: {text}",
        trackCode = "P3",
        status = "InProgress",
        responsibilities = new Dictionary<string, object> { ["USA"] = new { lead = "DOC" }, ["JPN"] = new { lead = "METI" } },
        version,
    };

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Dictionary<string, string> AppEnvironment(TestDatabase database) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["ConnectionStrings__Tandem"] = database.ConnectionString,
        ["Tandem__Database__Provider"] = database.Provider,
        ["Tandem__Demo"] = "true",
        ["Tandem__Audit__KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        ["Tandem__Audit__CheckpointInterval"] = "10",
        ["Tandem__Security__RequireSecondFactor"] = "false",
        ["Tandem__Trade__Store"] = Path.Combine(database.Folder, "trade.duckdb"),
        ["Tandem__Notifications__Background"] = "false",
    };

    private static TandemDbContext Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<TandemDbContext>();
        DatabaseSettings.Parse(database.Provider, database.ConnectionString).Apply(options);
        return new TandemDbContext(options.Options);
    }
}

/// <summary>The built web app (Release) running as its own process on a free loopback port, as a server runs it.</summary>
internal sealed class WebProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<WebProcess> Start(IReadOnlyDictionary<string, string> environment, string workingDirectory,
        string readyPath = "/health/ready")
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", $"\"{typeof(Program).Assembly.Location}\"")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Urls, not ASPNETCORE_URLS: appsettings.json names a port, and plain environment variables override it.
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        var web = new WebProcess(Process.Start(start)!, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (web._process.HasExited)
            {
                throw new InvalidOperationException($"The web app stopped on start (exit {web._process.ExitCode}): {web.Output}");
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return web;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(200);
        }

        web.Dispose();
        throw new TimeoutException("The web app did not become ready within 60 s: " + web.Output);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, as a power cut or the kernel's OOM killer leaves it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
