namespace Tandem.Core.Audit;

/// <summary>
/// One line of the append-only audit log. Rows are chained:
/// <c>Hash = SHA-256(canonical entry ‖ PreviousHash)</c>, and the sequence has no gaps.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public Guid? ActorUserId { get; set; }

    public string ActorName { get; set; } = "";

    public string ActorAgency { get; set; } = "";

    public string Action { get; set; } = "";

    public string ObjectType { get; set; } = "";

    public string ObjectId { get; set; } = "";

    public string Label { get; set; } = "";

    public string Decision { get; set; } = AuditDecision.Allowed;

    public string RequestId { get; set; } = "";

    public string Details { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

public static class AuditDecision
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
}

/// <summary>Well-known audit actions; create/update/delete of records are written automatically.</summary>
public static class AuditAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string View = "view";
    public const string List = "list";
    public const string Download = "download";
    public const string Export = "export";
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string LabelChange = "label-change";
    public const string Admin = "admin";
    public const string BreakGlass = "break-glass-read";
    public const string Verify = "verify";
    public const string Search = "search";

    /// <summary>A request refused by an authorization policy before it reached any use case.</summary>
    public const string Access = "access";

    /// <summary>A directory (single sign-on) account joined to a Tandem account at its first sign-in.</summary>
    public const string LinkLogin = "link-login";
}

/// <summary>A signed statement "the chain up to <see cref="Sequence"/> ends in <see cref="Hash"/>".</summary>
public sealed class AuditCheckpoint
{
    public long Sequence { get; set; }

    public string Hash { get; set; } = "";

    public string Signature { get; set; } = "";

    public string KeyId { get; set; } = "";

    public DateTime At { get; set; }
}

/// <summary>The single row that serialises writers of the chain and remembers its end.</summary>
public sealed class AuditHead
{
    public int Id { get; set; } = 1;

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = "";
}
