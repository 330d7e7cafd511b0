using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Cli;
using static Tandem.Web.Tests.Briefing.BriefingKit;

namespace Tandem.Web.Tests.Briefing;

/// <summary><c>tandem meetings briefing-book</c> and <c>tandem report effectiveness</c> on the demo database.</summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class BriefingCliTests
{
    [Fact]
    public async Task MeetingsBriefingBook_AsMetiInJapanese_WritesAPdfAuditedInTheReadersName()
    {
        await using var factory = Start();
        var meeting = await SanFrancisco(factory);
        var environment = CliRunner.EnvironmentFor(factory.Database);
        environment["Tandem__Briefing__ChromiumPath"] = Chromium;
        var target = Path.Combine(factory.Database.Folder, "book.pdf");

        var written = await CliRunner.Run(environment, "meetings", "briefing-book", "--meeting", meeting.ToString(), "--as", "officer.meti@demo.tandem",
            "--lang", "ja", "--out", target);
        var unknownReader = await CliRunner.Run(environment, "meetings", "briefing-book", "--meeting", meeting.ToString(), "--as", "nobody@demo.tandem",
            "--out", target + ".x.pdf");
        var badLanguage = await CliRunner.Run(environment, "meetings", "briefing-book", "--meeting", meeting.ToString(), "--as", "officer.meti@demo.tandem",
            "--lang", "fr", "--out", target + ".y.pdf");

        Assert.True(written.ExitCode == 0, written.Error + written.Output);
        Assert.Contains("TLP:AMBER REL TO JPN, USA", written.Output, StringComparison.Ordinal);
        var (text, pages) = PdfText(await File.ReadAllBytesAsync(target));
        Assert.Contains("ルールに基づく経済秩序の強化", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"1 / {pages}", text, StringComparison.Ordinal);
        Assert.NotEqual(0, unknownReader.ExitCode);
        Assert.Contains("--as", unknownReader.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, badLanguage.ExitCode);
        Assert.False(File.Exists(target + ".x.pdf"));

        var entry = await factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Export && e.ObjectId == meeting.ToString("D")).OrderBy(e => e.Sequence).FirstAsync());
        Assert.StartsWith("officer.meti@demo.tandem", entry.ActorName, StringComparison.Ordinal);
        Assert.Equal("METI", entry.ActorAgency);
        Assert.Contains("briefing book pdf/ja", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportEffectiveness_AsOperator_WritesAWorkbookAndRefusesAnUnknownForum()
    {
        await using var factory = Start();
        await SanFrancisco(factory); // starts the app, which loads the demo
        var environment = CliRunner.EnvironmentFor(factory.Database);
        var target = Path.Combine(factory.Database.Folder, "report.xlsx");

        var written = await CliRunner.Run(environment, "report", "effectiveness", "--forum", "EPCC", "--out", target);
        var unknown = await CliRunner.Run(environment, "report", "effectiveness", "--forum", "NOPE", "--out", target + ".x.xlsx");

        Assert.True(written.ExitCode == 0, written.Error + written.Output);
        Assert.Contains("1 cycles", written.Output, StringComparison.Ordinal);
        using var workbook = File.OpenRead(target);
        var cycles = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Cycles").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("2023 interim (demo, unscored)", (string)cycles.Single()["cycle"]);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("--forum", unknown.Error, StringComparison.Ordinal);
    }
}
