using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>Every top-level command group of <c>tandem</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return FoundationCommands.Db();
        yield return FoundationCommands.Demo();
        yield return FoundationCommands.User();
        yield return FoundationCommands.Token();
        yield return FoundationCommands.Forum();
        yield return AuditCommands.Build();
        yield return BackupCommands.Backup();
        yield return BackupCommands.Restore();
        yield return TradeCommands.Build();
        yield return ProgrammeCommands.Build();
        yield return NoticeCommands.Build();
        yield return ComplianceCommands.Build();
        yield return ConsultationCommands.Build();
        yield return SearchCommands.Build();
        yield return BriefingCommands.Meetings();
        yield return RecordCommands.Commitments();
        yield return RecordCommands.Documents();
        yield return BriefingCommands.Report();
    }
}
