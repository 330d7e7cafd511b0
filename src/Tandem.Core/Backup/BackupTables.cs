using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tandem.Core.Backup;

/// <summary>
/// The tables of the EF model as a backup sees them: every table, its stored columns, and the order in which a restore
/// must insert them so a row's principals are already there. Values travel as the model's own types (a time, a Guid, an
/// enum by name), never as one provider's storage format, so a SQLite backup restores into PostgreSQL and back.
/// </summary>
internal sealed class BackupTables
{
    private BackupTables(IReadOnlyList<BackupTable> tables) => Tables = tables;

    public IReadOnlyList<BackupTable> Tables { get; }

    public static BackupTables Of(DbContext db)
    {
        // The design-time model: the runtime one drops what a backup needs (seed rows, the full relational model).
        var designModel = db.GetService<IDesignTimeModel>().Model;
        var tables = designModel.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var seeded = designModel.GetEntityTypes()
            .Where(e => e.GetSeedData().Any())
            .Select(e => e.GetTableName())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var ordered = new List<BackupTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (placed.Count < tables.Count)
        {
            // Kahn's algorithm, alphabetical among the ready ones so two backups of one model list tables alike.
            var ready = tables.FirstOrDefault(t => !placed.Contains(t.Name)
                && t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable.Name)));
            if (ready is null)
            {
                var left = string.Join(", ", tables.Where(t => !placed.Contains(t.Name)).Select(t => t.Name));
                throw new BackupException($"the tables {left} refer to each other in a cycle; a backup cannot order them.");
            }

            placed.Add(ready.Name);
            ordered.Add(BackupTable.Of(ready, seeded.Contains(ready.Name)));
        }

        return new BackupTables(ordered);
    }
}

internal sealed class BackupTable
{
    private BackupTable(string name, IReadOnlyList<BackupColumn> columns, IReadOnlyList<string> key, bool seeded,
        IReadOnlyList<(string Column, string Principal)> selfReferences)
    {
        Name = name;
        Columns = columns;
        Key = key;
        Seeded = seeded;
        SelfReferences = selfReferences;
    }

    public string Name { get; }

    public IReadOnlyList<BackupColumn> Columns { get; }

    public IReadOnlyList<string> Key { get; }

    /// <summary>The migrations insert rows into this table (reference rows, the audit head); a restore replaces them.</summary>
    public bool Seeded { get; }

    /// <summary>Foreign keys to the same table (a reply to a comment): rows must go in parents first.</summary>
    public IReadOnlyList<(string Column, string Principal)> SelfReferences { get; }

    public string Quoted => Quote(Name);

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static BackupTable Of(ITable table, bool seeded)
    {
        var columns = table.Columns
            .Where(c => c.PropertyMappings.All(m => m.Property.GetComputedColumnSql() is null))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new BackupColumn(c.Name, c.PropertyMappings[0].TypeMapping, c.IsNullable))
            .ToList();
        var key = table.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [];
        var self = table.ForeignKeyConstraints
            .Where(fk => fk.PrincipalTable == table && fk.Columns.Count == 1)
            .Select(fk => (fk.Columns[0].Name, fk.PrincipalColumns[0].Name))
            .ToList();
        return new BackupTable(table.Name, columns, key, seeded, self);
    }
}

/// <summary>One stored column and how its values cross between the database and JSON.</summary>
internal sealed class BackupColumn(string name, RelationalTypeMapping mapping, bool nullable)
{
    private static readonly ConcurrentDictionary<Type, Func<DbDataReader, int, object>> Readers = new();

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string Name { get; } = name;

    public bool Nullable { get; } = nullable;

    private Type ModelType => mapping.ClrType;

    private Type ProviderType => mapping.Converter?.ProviderClrType ?? mapping.ClrType;

    /// <summary>Reads the column as the model's value (after the model's converters), or null.</summary>
    public object? Read(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var provider = Readers.GetOrAdd(Unwrap(ProviderType), static type =>
        {
            var method = GetFieldValue.MakeGenericMethod(type);
            return (r, i) => method.Invoke(r, [i])!;
        })(reader, ordinal);
        return mapping.Converter is { } converter ? converter.ConvertFromProvider(provider) : provider;
    }

    public void Write(Utf8JsonWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, ModelType, Json);
    }

    public object? FromJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : element.Deserialize(ModelType, Json);

    /// <summary>A parameter holding the value as this database stores it (the type mapping applies the model's converters).</summary>
    public DbParameter Parameter(DbCommand command, string parameterName, object? value) =>
        mapping.CreateParameter(command, parameterName, value, Nullable);

    private static Type Unwrap(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;
}
