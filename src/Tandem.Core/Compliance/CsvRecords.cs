using System.Text;

namespace Tandem.Core.Compliance;

/// <summary>
/// RFC 4180 records that may span lines (a quoted field can hold line breaks, as the G7 texts do),
/// each with the physical line it starts on, so reports point at the line a person sees in an editor.
/// </summary>
public static class CsvRecords
{
    public const int MaxFieldLength = 100_000;

    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 1;
        var first = true;
        while (true)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var any = false;
            int next;
            while ((next = reader.Read()) >= 0)
            {
                var c = (char)next;
                if (first && c == '\uFEFF')
                {
                    first = false;
                    continue;
                }

                first = false;
                any = true;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        if (field.Length < MaxFieldLength)
                        {
                            field.Append(c);
                        }
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\r')
                {
                    // A CR is part of the line end (CRLF) or stands alone; either way the record ends at the LF or here.
                    if (reader.Peek() == '\n')
                    {
                        continue;
                    }

                    line++;
                    break;
                }
                else if (c == '\n')
                {
                    line++;
                    break;
                }
                else if (field.Length < MaxFieldLength)
                {
                    field.Append(c);
                }
            }

            if (!any)
            {
                yield break;
            }

            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (start, fields);
            }

            if (next < 0)
            {
                yield break;
            }
        }
    }
}
