using DuckDB.NET.Data;

namespace Tandem.Analytics.Store;

/// <summary>The <c>flows</c> view: the UNION ALL of every active import's own table.</summary>
internal static class FlowsView
{
    public static string TableName(int importId) => $"flows_{importId:D6}";

    public static void Rebuild(DuckDBConnection connection)
    {
        var active = Sql.Query(connection,
            "SELECT import_id, source, table_name FROM imports WHERE superseded_by IS NULL ORDER BY import_id",
            r => (Id: r.GetInt32(0), Source: r.GetString(1), Table: r.GetString(2)));
        var parts = new List<string> { "SELECT * FROM flows_empty" };
        parts.AddRange(active.Select(a =>
            $"SELECT {Sql.Literal(a.Source)} AS source, year, exporter, importer, hs6, value, quantity, reporter, reported, {a.Id} AS import_id FROM {a.Table}"));
        Sql.Execute(connection, "CREATE OR REPLACE VIEW flows AS " + string.Join("\nUNION ALL ", parts));
    }
}
