namespace Tandem.Core.Sharing;

/// <summary>FIRST Traffic Light Protocol 2.0 levels, ordered from widest to narrowest audience.</summary>
public enum Tlp
{
    /// <summary>Anyone, public pages included.</summary>
    Clear = 0,

    /// <summary>The forum's community: every member agency, never the public or the private sector.</summary>
    Green = 1,

    /// <summary>The named agencies (the recipients and the clients the label lists explicitly).</summary>
    Amber = 2,

    /// <summary>The named recipient agencies only, no clients.</summary>
    AmberStrict = 3,

    /// <summary>Named people only.</summary>
    Red = 4,
}

public static class TlpText
{
    public static string Marking(this Tlp level) => level switch
    {
        Tlp.Clear => "TLP:CLEAR",
        Tlp.Green => "TLP:GREEN",
        Tlp.Amber => "TLP:AMBER",
        Tlp.AmberStrict => "TLP:AMBER+STRICT",
        Tlp.Red => "TLP:RED",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}

public static class Caveats
{
    /// <summary>Confidential business information: the submitting company and the named secretariat only.</summary>
    public const string Cbi = "CBI";
    public const string PreDecisional = "PRE-DECISIONAL";

    public static readonly IReadOnlyList<string> Known = [Cbi, PreDecisional];
}
