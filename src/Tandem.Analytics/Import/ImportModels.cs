using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>Layout of a trade file.</summary>
public enum TradeFileFormat
{
    /// <summary>CEPII BACI: <c>t,i,j,k,v,q</c>; values in thousand USD, quantities in tonnes, BACI country codes.</summary>
    Baci,

    /// <summary>UN Comtrade bulk CSV/TSV (reporter, partner, flowCode, cmdCode, primaryValue in USD).</summary>
    Comtrade,
}

public sealed record ImportRequest(string FilePath, TradeFileFormat Format)
{
    /// <summary>Data version to record (e.g. "BACI HS22 V202501"); inferred from the file name when null.</summary>
    public string? DataVersion { get; init; }

    /// <summary>Above this share of bad rows the import is refused and the store left unchanged.</summary>
    public double MaxErrorShare { get; init; } = 0.01;

    /// <summary>How many bad rows are reported with their line numbers.</summary>
    public int MaxReportedBadRows { get; init; } = 20;
}

public enum ImportPhase
{
    Hashing,
    Reading,
    Validating,
    Writing,

    /// <summary>Building the screening summary of a BACI import (ADR-0102).</summary>
    Summarising,
    Done,
}

/// <summary>Progress of one import; bytes during hashing and reading, rows once they are known.</summary>
public sealed record ImportProgress(ImportPhase Phase, long BytesRead, long TotalBytes, long Rows);

/// <summary>A row that was not imported, with its 1-based line number in the file (line 1 is the header).</summary>
public sealed record BadRow(long Line, string Reason);

public enum ImportStatus
{
    Imported,

    /// <summary>A file with the same SHA-256 is already the active import: nothing changed.</summary>
    AlreadyImported,
}

public sealed record ImportSummary(
    ImportStatus Status,
    string FileName,
    string Sha256,
    ImportRecord? Record,
    long Rows,
    long BadRows,
    long SkippedRows,
    IReadOnlyList<BadRow> FirstBadRows,
    IReadOnlyList<int> Years,
    IReadOnlyList<int> ReplacedImportIds,
    TimeSpan Elapsed);
