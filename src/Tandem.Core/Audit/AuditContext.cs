using Tandem.Core.Common;

namespace Tandem.Core.Audit;

/// <summary>
/// Who is acting and in which request, for the entries written during one unit of work.
/// The web fills it per request, the command line once per command.
/// </summary>
public sealed class AuditContext
{
    public Actor Actor { get; set; } = Actor.Anonymous;

    public string ActorAgencyCode { get; set; } = "";

    public string RequestId { get; set; } = "";
}
