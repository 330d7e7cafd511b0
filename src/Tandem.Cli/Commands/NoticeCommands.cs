using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Data;
using Tandem.Core.Notices;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem notices …</c>: disruption notices and their emergency-meeting clock (C8).</summary>
internal static class NoticeCommands
{
    public static Command Build(IConfiguration? configuration = null, TextWriter? output = null)
    {
        var notices = new Command("notices", "Disruption notices: list, show and submit them; which are waiting for an emergency meeting, and which are overdue");
        notices.Subcommands.Add(Due(configuration, output));
        RecordCommands.AddNotices(notices);
        return notices;
    }

    private static Command Due(IConfiguration? configuration, TextWriter? output)
    {
        var command = new Command("due", "List notices waiting for an emergency meeting, nearest deadline first; overdue ones are flagged (exit code 3 when any is overdue)");
        var asOf = new Option<string?>("--as-of") { Description = "Judge deadlines on this day (yyyy-MM-dd); default: today (UTC)" };
        var overdue = new Option<bool>("--overdue") { Description = "Only overdue notices" };
        var asUser = new Option<string?>("--as") { Description = "Read as this user (e-mail), with titles; without it only deadlines and markings are shown" };
        command.Options.Add(asOf);
        command.Options.Add(overdue);
        command.Options.Add(asUser);
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            if (parse.GetValue(asOf) is { Length: > 0 } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return CliOutput.Fail($"--as-of: '{text}' is not a date (yyyy-MM-dd).");
            }

            await using var services = CliServices.Create(configuration);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var email = parse.GetValue(asUser);
            List<NoticeSummaryDto> due;
            if (string.IsNullOrWhiteSpace(email))
            {
                due = await NoticeUseCases.DueForOperator(db, day, parse.GetValue(overdue), ct);
            }
            else
            {
                var actor = await ProgrammeCommands.ActorFor(scope.ServiceProvider, email, "cli:notices due", ct);
                if (!actor.Succeeded)
                {
                    return CliOutput.Fail(actor.Error!);
                }

                due = await NoticeUseCases.Due(db, actor.Value, day, parse.GetValue(overdue), ct);
            }

            var writer = output ?? Console.Out;
            if (due.Count == 0)
            {
                writer.WriteLine($"No notice is waiting for an emergency meeting (as of {day:yyyy-MM-dd}).");
                return CliOutput.Ok;
            }

            writer.WriteLine($"{"deadline",-10}  {"days",5}  {"status",-9}  {"forum",-8}  {"from",-4}  {"id",-36}  title");
            foreach (var notice in due)
            {
                var status = notice.Clock.Overdue ? "OVERDUE" : "due";
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{notice.Clock.Deadline:yyyy-MM-dd}  {notice.Clock.DaysLeft,5}  {status,-9}  {notice.ForumCode,-8}  {notice.NotifyingParty,-4}  {notice.Id,-36}  {notice.Title} [{notice.Marking}]"));
            }

            var late = due.Count(n => n.Clock.Overdue);
            writer.WriteLine($"{due.Count} notice(s) waiting for an emergency meeting, {late} overdue (as of {day:yyyy-MM-dd}).");
            return late > 0 ? OverdueExitCode : CliOutput.Ok;
        }));
        return command;
    }

    /// <summary>Lets a scheduler alert on overdue notices without parsing the output.</summary>
    public const int OverdueExitCode = 3;
}
