using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>The one place consultation stores and reads attachment bytes.</summary>
internal static class SubmissionFiles
{
    /// <summary>Gives a stored file the label of the part it belongs to.</summary>
    public static void Relabel(TandemDbContext db, Guid fileId, LabelData label)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        _ = fileId;
    }
}
