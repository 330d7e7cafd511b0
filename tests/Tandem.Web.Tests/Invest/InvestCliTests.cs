extern alias cli;

using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MiniExcel = MiniExcelLibs.MiniExcel;
using Tandem.Core.Accounts;
using Tandem.Core.Notices;
using Tandem.Core.Programmes;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Invest.InvestKit;
using NoticeCommands = cli::Tandem.Cli.Commands.NoticeCommands;
using ProgrammeCommands = cli::Tandem.Cli.Commands.ProgrammeCommands;

namespace Tandem.Web.Tests.Invest;

public sealed class InvestCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NoticesDue_OneOverdue_ListsItFlaggedAndExitsWith3(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var late = await (await client.Post("/api/v1/notices", NoticeTests.NoticeBody("Late notice"))).Read<NoticeDto>();
        var fresh = await (await client.Post("/api/v1/notices", NoticeTests.NoticeBody("Fresh notice"))).Read<NoticeDto>();
        await factory.WithDb(async db =>
        {
            var stored = await db.Set<DisruptionNotice>().SingleAsync(n => n.Id == late.Id);
            stored.SubmittedAt = stored.SubmittedAt.AddDays(-16);
            stored.Deadline = NoticeClock.Deadline(stored.SubmittedAt, stored.MeetingDays);
            await db.SaveChangesAsync();
        });

        var (exit, output) = await Run(factory, NoticeCommands.Build, "notices", "due", "--as", jp.Email);
        var (operatorExit, operatorOutput) = await Run(factory, NoticeCommands.Build, "notices", "due", "--overdue");

        Assert.Equal(NoticeCommands.OverdueExitCode, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("OVERDUE", StringComparison.Ordinal) && l.Contains("Late notice", StringComparison.Ordinal) && l.Contains("   -1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("due ", StringComparison.Ordinal) && l.Contains("Fresh notice", StringComparison.Ordinal));
        // The two notices of this test and the demo's own notice from METI.
        Assert.Contains("3 notice(s) waiting for an emergency meeting, 1 overdue", output, StringComparison.Ordinal);
        Assert.Equal(NoticeCommands.OverdueExitCode, operatorExit);
        Assert.Contains(late.Id.ToString(), operatorOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Id.ToString(), operatorOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Late notice", operatorOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgrammesMatrix_CsvAndXlsx_TotalsAndFormulaCellsNeutralised(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        using var client = factory.ClientFor(analyst);
        await (await client.Post("/api/v1/programmes/technologies", new { code = "hypersonics", nameEn = "=HYPERLINK(\"http://x\")", prioritised = true })).Read<TechnologyDto>();
        var csv = Path.Combine(factory.Database.Folder, "matrix.csv");
        var xlsx = Path.Combine(factory.Database.Folder, "matrix.xlsx");

        var (csvExit, csvOutput) = await Run(factory, ProgrammeCommands.Build, "programmes", "matrix", "--currency", "USD", "--rate-date", "2024-12-31", "--out", csv);
        var (xlsxExit, _) = await Run(factory, ProgrammeCommands.Build, "programmes", "matrix", "--currency", "USD", "--out", xlsx);
        var (badExit, _) = await Run(factory, ProgrammeCommands.Build, "programmes", "matrix", "--currency", "XYZ", "--out", csv + ".csv");

        Assert.Equal((0, 0, 1), (csvExit, xlsxExit, badExit));
        Assert.Contains("at the rates of 2024-12-31", csvOutput, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(csv);
        Assert.Contains("semiconductors,Semiconductors,true,Fabrication,USA,63000000000,2,US-AMIC US-CHIPS-MFG,true,false,USD,2024-12-31", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
        var cells = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(cells, r => (string?)r["technology_name"] == "'=HYPERLINK(\"http://x\")");
        Assert.DoesNotContain(cells, r => ((string?)r["technology_name"] ?? "").StartsWith('='));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgrammesImport_File_AddsThenLeavesUnchanged_BadFileChangesNothing(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        await factory.WithDb(db => db.Database.ExecuteSqlRawAsync("SELECT 1"));
        var file = Path.Combine(factory.Database.Folder, "programmes.csv");
        await File.WriteAllTextAsync(file, "code,party,agency,name_en,instrument,technology,value_chain_stage,amount,currency,start_year,end_year,status,label\n"
            + "JP-GX-BATT,JPN,METI,Battery supply chain support,grant,batteries,materials,331600000000,JPY,2022,2027,disbursing,amber-strict\n");
        var bad = Path.Combine(factory.Database.Folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "code,party,agency,name_en,instrument,technology,value_chain_stage,amount,currency,start_year,end_year\n"
            + "JP-BAD,JPN,DOC,Wrong agency,grant,batteries,materials,1,JPY,2022,2021\n");
        var before = await factory.ProgrammeCount();

        var (first, firstOut) = await Run(factory, ProgrammeCommands.Build, "programmes", "import", file);
        var (second, secondOut) = await Run(factory, ProgrammeCommands.Build, "programmes", "import", file);
        var (refused, _) = await Run(factory, ProgrammeCommands.Build, "programmes", "import", bad);

        Assert.Equal((0, 0, 1), (first, second, refused));
        Assert.Contains("1 added", firstOut, StringComparison.Ordinal);
        Assert.Contains("1 unchanged", secondOut, StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.ProgrammeCount());
        var stored = await factory.WithDb(db => db.Set<Programme>().SingleAsync(p => p.Code == "JP-GX-BATT"));
        Assert.Equal((ProgrammeStatus.Disbursing, "TLP:AMBER+STRICT"), (stored.Status, stored.Label.ToLabel().Marking));
    }

    private static async Task<(int Exit, string Output)> Run(TandemFactory factory, Func<IConfiguration?, TextWriter?, Command> build, params string[] args)
    {
        _ = factory.Services;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(factory.Settings).Build();
        using var output = new StringWriter();
        var root = new RootCommand("tandem");
        root.Subcommands.Add(build(configuration, output));
        var exit = await root.Parse(args).InvokeAsync();
        return (exit, output.ToString());
    }
}
