using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Tandem.Core.Demo;
using Tandem.Web.Components.Shared;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

/// <summary>Stages, instruments, states and phases read as words in English and Japanese, never as C# identifiers.</summary>
public sealed partial class EnumLabelTests
{
    private static readonly Type[] Shown =
    [
        typeof(Core.Programmes.Instrument), typeof(Core.Programmes.ValueChainStage), typeof(Core.Programmes.ProgrammeStatus),
        typeof(Core.Notices.NoticeState), typeof(Core.Notices.CoercionPhase), typeof(Core.Notices.CoercionMeasure), typeof(Core.Evidence.AnalysisKind),
        typeof(Core.Meetings.MeetingStatus), typeof(Core.Commitments.CommitmentStatus), typeof(Core.Forums.Tier),
        typeof(Core.Consultation.QuestionKind), typeof(Core.Consultation.OrganisationType), typeof(Core.Consultation.OrganisationStatus),
        typeof(Core.Consultation.CallState), typeof(Core.Consultation.SubmissionState),
    ];

    [Fact]
    public void Label_EveryValueOnThePages_IsWordsWithAJapaneseTranslation()
    {
        var translated = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Tandem.Web", "Resources", "SharedResource.ja.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var keys = Shown.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).Select(v => (Value: v, Key: UiText.Label(new KeyLocalizer(), v))).ToList();

        Assert.Empty(keys.Where(k => Identifier().IsMatch(k.Key)).Select(k => k.Key));
        Assert.Empty(keys.Where(k => !translated.Contains(k.Key)).Select(k => $"{k.Value.GetType().Name}.{k.Value}: {k.Key}"));
    }

    [Fact]
    public async Task ProgrammeAndNoticePages_Japanese_ShowStagesInstrumentsAndStatesInJapanese()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var english = new UiSession(factory);
        using var japanese = new UiSession(factory, culture: "ja-JP");
        await english.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        await japanese.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var matrixEn = await english.Get("/programmes/matrix");
        var matrixJa = await japanese.Get("/programmes/matrix");
        var registryJa = await japanese.Get("/programmes");
        var noticesJa = await japanese.Get("/notices");
        var coercionJa = await japanese.Get("/coercion");

        Assert.Contains(">Assembly, test and packaging<", matrixEn.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">AssemblyTestPackaging<", matrixEn.Text, StringComparison.Ordinal);
        Assert.Contains(">組立・検査・パッケージング（後工程）<", matrixJa.Text, StringComparison.Ordinal);
        Assert.Contains(">製造（前工程）<", matrixJa.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">Fabrication<", matrixJa.Text, StringComparison.Ordinal);
        Assert.Contains(">税額控除<", registryJa.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">TaxCredit<", registryJa.Text, StringComparison.Ordinal);
        Assert.Contains(">受領確認待ち<", noticesJa.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">EmergencyMeetingScheduled<", noticesJa.Text, StringComparison.Ordinal);
        Assert.Contains("輸入禁止", coercionJa.Text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tandem.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Two words run together ("TaxCredit", "RnD"): what an enum's name looks like, and no label should.</summary>
    [GeneratedRegex("^[A-Z][a-z]+[A-Z]")]
    private static partial Regex Identifier();

    /// <summary>Answers every lookup with its key, so the test sees which resource name each label asks for.</summary>
    private sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
