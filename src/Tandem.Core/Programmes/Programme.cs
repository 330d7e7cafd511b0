using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Programmes;

public enum Instrument
{
    Grant,
    Loan,
    Guarantee,
    Equity,
    TaxCredit,
    Procurement,
    RdFunding,
}

/// <summary>Where in the value chain a programme spends its money.</summary>
public enum ValueChainStage
{
    RnD,
    Design,
    Materials,
    Equipment,
    Fabrication,
    AssemblyTestPackaging,
    Workforce,
    SupplyDiversification,
}

public enum ProgrammeStatus
{
    Proposed,
    Enacted,
    Disbursing,
    Closed,
}

/// <summary>
/// A public investment programme of one party (C7): who runs it, what it buys, how much and when.
/// Details may be confidential between the parties, so it carries a label like any shared record.
/// </summary>
public sealed class Programme : Entity, ILabelled
{
    /// <summary>Stable code (e.g. US-CHIPS-MFG) by which imports and joint projects refer to the programme.</summary>
    public string Code { get; set; } = "";

    public string Party { get; set; } = "";

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public Instrument Instrument { get; set; }

    public Guid TechnologyId { get; set; }

    public Technology? Technology { get; set; }

    public ValueChainStage Stage { get; set; }

    /// <summary>The programme's total in its own currency; 0 when the amount is not recorded (see <see cref="Confidence"/>).</summary>
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>.</summary>
    public string Currency { get; set; } = "";

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    public ProgrammeStatus Status { get; set; }

    public string LegalBasis { get; set; } = "";

    /// <summary>Where the figures come from (a citation, free text).</summary>
    public string Source { get; set; } = "";

    /// <summary>Optional link to the source (http or https only).</summary>
    public string SourceUrl { get; set; } = "";

    /// <summary>How sure we are of the figures: "seen" in a source, "recalled", "approximate", "estimate"…</summary>
    public string Confidence { get; set; } = "";

    /// <summary>The yearly disbursement profile in the programme's currency; empty when not known.</summary>
    public List<Disbursement> Disbursements { get; set; } = [];

    public LabelData Label { get; set; } = new();

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>What a programme pays out in one year, in the programme's currency.</summary>
public sealed class Disbursement
{
    /// <summary>Generated when added: a preset key would make EF take a new row reached through the parent for an existing one.</summary>
    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    public int Year { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>
/// A technology of the editable taxonomy (semiconductors, batteries, …). A prioritised technology
/// is one the forum means to cover along its whole value chain: an unfunded stage of it is a gap.
/// </summary>
public sealed class Technology : Entity
{
    /// <summary>Lower-case slug (e.g. critical-minerals), used in files and URLs.</summary>
    public string Code { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public bool Prioritised { get; set; }

    public int SortOrder { get; set; }

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>
/// A dated exchange rate: how many units of <see cref="Currency"/> one U.S. dollar buys on
/// <see cref="Date"/> (JPY 151.4 means 1 USD = 151.4 JPY). USD itself needs no rate.
/// </summary>
public sealed class ExchangeRate : Entity
{
    public DateOnly Date { get; set; }

    public string Currency { get; set; } = "";

    public decimal PerUsd { get; set; }

    /// <summary>Where the rate comes from (e.g. "Federal Reserve H.10 annual average", "demo value").</summary>
    public string Basis { get; set; } = "";
}

/// <summary>A joint project: programmes of at least two parties pursuing one shared objective.</summary>
public sealed class JointProject : Entity, ILabelled
{
    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public string Objective { get; set; } = "";

    public Guid OwnerAgencyId { get; set; }

    public List<JointProjectProgramme> Programmes { get; set; } = [];

    public LabelData Label { get; set; } = new();

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed class JointProjectProgramme
{
    public Guid JointProjectId { get; set; }

    public Guid ProgrammeId { get; set; }
}
