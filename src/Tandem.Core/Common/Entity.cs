namespace Tandem.Core.Common;

/// <summary>
/// An editable record: a stable id, an application-managed concurrency version (SQLite cannot
/// generate row versions, so <see cref="TandemDbContext"/> increments it on every update) and
/// soft deletion (rows are never removed; <see cref="DeletedAt"/> hides them from queries).
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
