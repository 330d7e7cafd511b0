namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// A kind of record only the secretariat writes (meeting papers, calls for input), read by the forum's government
/// members — never by a private account through its label. Each record is written by a secretariat officer of the
/// table creator's agency, so the originator, and with it the table, stays the same.
/// </summary>
internal abstract class SecretariatSubject : MatrixSubject
{
    // A company writes none of these records, so the CBI row is left out.
    public override string? Creator(string row, string tableCreator) => tableCreator switch
    {
        "company" => null,
        "mofa" => "mofa",
        _ => tableCreator + "Secretariat",
    };

    /// <summary>
    /// The company contributor sees not even a CLEAR meeting paper: papers are read inside meetings, which are for the
    /// forum's government members (calls for input, which address organisations, state their own answers).
    /// RED reaches its author and the named METI member. Here the author is Commerce's secretariat officer, who is not a
    /// reader, so the Commerce member — the author in the table — does not see it.
    /// </summary>
    public override IReadOnlyDictionary<string, string> ExpectedOverrides { get; } = new Dictionary<string, string>
    {
        //          dos doc meti metiA mofa comp aud adm
        ["CLEAR"] = "  Y   Y   Y    Y     Y    -    Y   Y",
        ["RED"] = "  -   -   Y    -     -    -    -   -",
    };
}
