namespace Tandem.Core.Common;

/// <summary>An information-bearing record: it carries a sharing label (C5), written into its audit entries.</summary>
public interface ILabelledRecord
{
    string LabelText { get; }
}
