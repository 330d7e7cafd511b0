namespace Tandem.Analytics.Export;

public enum CellKind
{
    Text,
    Number,
    WholeNumber,
    Boolean,
}

public sealed record TableColumn(string Name, CellKind Kind);

/// <summary>
/// A result as a table plus what produced it (parameters, data versions), the shape every exporter writes.
/// <see cref="About"/> is written as a second sheet in XLSX and as the envelope in JSON.
/// </summary>
public sealed record ResultTable(
    string Kind,
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    IReadOnlyList<KeyValuePair<string, string>> About,
    object Provenance);
