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

/// <summary>
/// Rows of a <see cref="ResultTable"/> made from typed results on access, one array at a time: a writer going
/// through a million-row result then holds one row's boxed cells at a time instead of all of them.
/// </summary>
public sealed class ProjectedRows<T>(IReadOnlyList<T> source, Func<T, object?[]> project) : IReadOnlyList<object?[]>
{
    public int Count => source.Count;

    public object?[] this[int index] => project(source[index]);

    public IEnumerator<object?[]> GetEnumerator()
    {
        foreach (var item in source)
        {
            yield return project(item);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
