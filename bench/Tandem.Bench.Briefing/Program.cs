using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Briefing;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Demo;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

// Loads the EPCC demo into a fresh SQLite database, gives the San Francisco ministerial (November 2023) a hundred
// Markdown papers, then times its briefing book for the METI officer through the app's own code: assembling the
// book (access policy and audit included), rendering the HTML, and printing the PDF with headless Chromium.
//
//   dotnet run -c Release --project bench/Tandem.Bench.Briefing -- [--papers 100] [--runs 5] [--chromium /usr/bin/chromium]
var papers = Option("--papers", 100);
var runs = Option("--runs", 5);
var chromium = OptionText("--chromium", "/usr/bin/chromium");
var folder = Path.Combine(Path.GetTempPath(), "tandem-bench-briefing-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
var database = DatabaseSettings.Parse("Sqlite", $"Data Source={Path.Combine(folder, "bench.db")}");

var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton(AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(folder, "audit-key.pem") }));
var audit = new AuditContext { Actor = Actor.System("bench"), ActorAgencyCode = "", RequestId = "bench" };
services.AddScoped(_ => audit);
services.AddDbContext<TandemDbContext>(options => database.Apply(options));
services.AddIdentityCore<TandemUser>(AccountSetup.Configure).AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<TandemDbContext>();
await using var provider = services.BuildServiceProvider();

try
{
    Guid meeting;
    Actor meti;
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        await db.Database.MigrateAsync();
        await DemoScenario.Load(db, scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>(), CancellationToken.None);
        var from = new DateTime(2023, 11, 14, 0, 0, 0, DateTimeKind.Utc);
        meeting = await db.Set<Meeting>().Where(m => m.StartsAt >= from && m.StartsAt < from.AddDays(2) && m.Tier == Tier.Ministerial).Select(m => m.Id).SingleAsync();
        meti = await ActorOf(db, "officer.meti@demo.tandem", Roles.Member);
        var secretariat = await ActorOf(db, "secretariat.us@demo.tandem", Roles.Secretariat);
        audit.Actor = secretariat;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 1; i <= papers; i++)
        {
            var added = await AddMeetingPaper.Handle(db, secretariat, meeting,
                new MeetingPaperInput(PaperKind.Other, $"Background paper {i:D3}: supply chains of critical minerals", PaperText(i), null,
                    new LabelInput(i % 4 == 0 ? Tlp.Amber : Tlp.Green)), today, CancellationToken.None);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"Paper {i}: {added.Error!.Message}");
            }
        }
    }

    audit.Actor = meti;
    var options = new BriefingOptions { ChromiumPath = chromium };
    await using var pdf = new ChromiumPdf(options);
    var assemble = new List<double>();
    var html = new List<double>();
    var print = new List<double>();
    int shown = 0, pages = 0, size = 0;
    for (var run = 0; run <= runs; run++)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        var clock = Stopwatch.StartNew();
        var book = await BuildBriefingBook.Handle(db, meti, meeting, "en", "pdf", DateTime.UtcNow, CancellationToken.None);
        var assembled = clock.Elapsed.TotalMilliseconds;
        var page = BriefingBookHtml.Render(book.Value);
        var rendered = clock.Elapsed.TotalMilliseconds;
        var bytes = await pdf.Render(page, book.Value.Classification, book.Value.Language, CancellationToken.None);
        var printed = clock.Elapsed.TotalMilliseconds;
        if (run == 0)
        {
            // The first run starts Chromium; it is reported apart and left out of the medians.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first run (starts Chromium): {printed / 1000:F2} s"));
            continue;
        }

        assemble.Add(assembled);
        html.Add(rendered - assembled);
        print.Add(printed - rendered);
        shown = Count(page, "class=\"paper\"");
        size = page.Length;
        using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
        pages = document.NumberOfPages;
    }

    var total = assemble.Zip(html, (a, b) => a + b).Zip(print, (a, b) => a + b).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{papers} papers added, {shown} shown to the METI officer (AMBER ones addressed to no one are withheld), HTML {size / 1024} KiB, PDF {pages} pages; median of {runs} runs:"));
    Console.WriteLine("| step | median ms | max ms |");
    Console.WriteLine("| --- | ---: | ---: |");
    foreach (var (name, values) in new[] { ("assemble (queries, policy, audit)", assemble), ("render HTML", html), ("print PDF (Chromium)", print), ("whole book", total) })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):F0} | {values.Max():F0} |"));
    }
}
finally
{
    await provider.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<Actor> ActorOf(TandemDbContext db, string email, string role)
{
    var user = await db.Users.SingleAsync(u => u.Email == email);
    var party = await db.Agencies.Where(a => a.Id == user.AgencyId).Select(a => a.Party).SingleAsync();
    return new Actor(user.Id, email, user.AgencyId, party, new HashSet<string> { role });
}

static string PaperText(int i)
{
    var text = new StringBuilder();
    text.Append(CultureInfo.InvariantCulture, $"## Paper {i}\n\n");
    for (var p = 0; p < 6; p++)
    {
        text.Append("**Finding.** Refining capacity for gallium and germanium is concentrated in one economy; ")
            .Append("stockpiles cover about ninety days of demand and alternative sources need three to five years to qualify. ")
            .Append("- diversify suppliers\n- share early-warning signals\n- align public investment\n\n");
    }

    return text.ToString();
}

static int Count(string text, string what)
{
    var n = 0;
    for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
    {
        n++;
    }

    return n;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
