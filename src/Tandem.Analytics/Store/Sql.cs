using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Tandem.Analytics.Store;

/// <summary>Small helpers over ADO.NET so use cases read as SQL, not as plumbing.</summary>
internal static class Sql
{
    public static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every caller builds SQL from constants and validated codes; values go in as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

        return command;
    }

    public static int Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        if (value is System.Numerics.BigInteger big)
        {
            // DuckDB's sum() over integers is a HUGEINT; every count here fits a long.
            value = (long)big;
        }

        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public static List<T> Query<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> map, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>A SQL string literal; only for values already validated (codes, file paths chosen by the caller).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQL list of string literals, e.g. <c>('CHN','RUS')</c>; an empty set becomes <c>(NULL)</c> so IN stays valid and matches nothing.</summary>
    public static string InList(IEnumerable<string> values)
    {
        var items = values.Select(Literal).ToList();
        return items.Count == 0 ? "(NULL)" : "(" + string.Join(",", items) + ")";
    }

    /// <summary>
    /// A SQL list of ISO3 codes typed as the store's <c>iso3</c> ENUM, e.g. <c>('CHN'::iso3)</c>: compared with a
    /// country column as small integers, where text literals would make DuckDB cast every row of the column to text.
    /// Only for codes already checked against the code list (the ENUM's members).
    /// </summary>
    public static string Iso3List(IEnumerable<string> values)
    {
        var items = values.Select(v => Literal(v) + "::iso3").ToList();
        return items.Count == 0 ? "(NULL)" : "(" + string.Join(",", items) + ")";
    }

    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
