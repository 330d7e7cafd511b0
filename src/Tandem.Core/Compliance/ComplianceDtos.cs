using Tandem.Core.Common;

namespace Tandem.Core.Compliance;

public sealed record CycleDto(Guid Id, Guid ForumId, string ForumCode, string Name, CycleKind Kind, DateOnly WindowStart, DateOnly WindowEnd,
    ScoringScheme Scheme, UnscoredRule Unscored, PercentConvention Percent, IReadOnlyList<string> Parties, string Notes, int CommitmentCount, int Version);

public sealed record CycleInput(Guid? ForumId, string? Name, CycleKind? Kind, DateOnly? WindowStart, DateOnly? WindowEnd, ScoringScheme? Scheme = null,
    UnscoredRule? Unscored = null, PercentConvention? Percent = null, IReadOnlyList<string>? Parties = null, string? Notes = null,
    bool IncludeForumCommitments = false, int? Version = null);

/// <summary>Commitments to assess in a cycle, by id or by code.</summary>
public sealed record CycleCommitmentsInput(IReadOnlyList<Guid>? CommitmentIds = null, IReadOnlyList<string>? Codes = null, int? Version = null);

/// <summary>One cell. G7 cycles take <see cref="Value"/> (−1, 0, 1); OGP cycles take <see cref="Level"/> (or its number as value). Neither: not scored.</summary>
public sealed record ScoreInput(Guid? CommitmentId, string? Party, int? Value = null, OgpLevel? Level = null, string? Rationale = null, string? Evidence = null, int? Version = null);

public sealed record AggregateDto(double? Mean, double? Percent, int Scored, int Cells);

public sealed record GroupAggregateDto(string Key, string Label, AggregateDto Aggregate);

public sealed record CellDto(string Party, int? Value, string Display, string Rationale, string Evidence, int? Version);

public sealed record GridRowDto(Guid CommitmentId, string Code, string TextEn, string TextJa, string Group, IReadOnlyList<CellDto> Cells, AggregateDto Average)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

public sealed record ComplianceDashboardDto(CycleDto Cycle, AggregateDto Overall, double? MeanOfPartyAverages, double? MeanOfPartyAveragesPercent,
    IReadOnlyList<GroupAggregateDto> ByParty, IReadOnlyList<GroupAggregateDto> ByTrack, PagedList<GridRowDto> Grid, string PercentRule, string UnscoredRule);

public sealed record ScoreRevisionDto(DateTime At, string By, int? Value, string Display, string Rationale, string Evidence);

public sealed record TrendPointDto(Guid CycleId, string Name, CycleKind Kind, DateOnly WindowEnd, ScoringScheme Scheme, AggregateDto Overall,
    IReadOnlyDictionary<string, AggregateDto> ByParty);

public sealed record PartnershipRowDto(Guid AgencyId, string Code, string Party, string NameEn, string NameJa, int TracksLed, int TracksCoLed, int TracksPartnered,
    int TracksSupported, int AgendaItemsPresented, int MeetingsAttended, int CommitmentsOwned, int CommitmentsDelivered, int CommitmentsSupported,
    bool OnlySupports, double? LeadShare)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record PartnershipDto(Guid ForumId, DateOnly From, DateOnly To, IReadOnlyList<PartnershipRowDto> Rows, string Rule);

public sealed record ImportIssueDto(int Line, string Id, string Message, double? FileAverage = null, double? ComputedAverage = null);

public sealed record ComplianceImportReport(int Rows, int CyclesAdded, int CommitmentsAdded, int CommitmentsReused, int ScoresWritten,
    IReadOnlyList<ImportIssueDto> Inconsistent, IReadOnlyList<ImportIssueDto> Warnings, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
