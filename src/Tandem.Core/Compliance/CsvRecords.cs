using Tandem.Core.Common;

namespace Tandem.Core.Compliance;

/// <summary>
/// RFC 4180 records that may span lines (a quoted field can hold line breaks, as the G7 texts do),
/// each with the physical line it starts on, so reports point at the line a person sees in an editor.
/// </summary>
public static class CsvRecords
{
    /// <summary>Longer cells are cut here: a malformed file (an unclosed quote) must not become one huge cell.</summary>
    public const int MaxFieldLength = 100_000;

    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader) => Csv.ReadRows(reader, MaxFieldLength);
}
