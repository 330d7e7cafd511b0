using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed partial class LocalizationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TrackPage_JapaneseCultureCookie_ShowsJapaneseNamesAndLabels(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        var p3 = await factory.WithDb(db => db.Tracks.Where(t => t.Code == "P3").Select(t => t.Id).SingleAsync());
        var english = await ui.Get($"/tracks/{p3}");

        var switched = await ui.Submit($"/tracks/{p3}", formName: null, [new("culture", "ja"), new("returnUrl", $"/tracks/{p3}")], action: "/culture");
        var japanese = await ui.Get($"/tracks/{p3}");

        Assert.Contains("<html lang=\"en\"", english.Html, StringComparison.Ordinal);
        Assert.Contains("Ministry of Economy, Trade and Industry", english.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Contains("<html lang=\"ja\"", japanese.Html, StringComparison.Ordinal);
        Assert.Contains("経済産業省", japanese.Text, StringComparison.Ordinal);
        Assert.Contains("重要新興技術や重要インフラの促進と保護", japanese.Text, StringComparison.Ordinal);
        Assert.Contains("共同リード機関", japanese.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Co-lead agencies", japanese.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyList_AcceptLanguageJapanese_ShowsJapaneseWithoutCookie()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var ui = new UiSession(factory, culture: "ja-JP");
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var page = await ui.Get("/agencies?party=JPN");

        Assert.Contains("<html lang=\"ja\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("外務省", page.Text, StringComparison.Ordinal);
        Assert.Contains("参加国", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Every string a page asks the localizer for has a Japanese translation.</summary>
    [Fact]
    public void Resources_EveryKeyUsedInComponents_HasJapanese()
    {
        var root = FindRepositoryRoot();
        var components = Path.Combine(root, "src", "Tandem.Web", "Components");
        var used = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        var translated = XDocument.Load(Path.Combine(root, "src", "Tandem.Web", "Resources", "SharedResource.ja.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(used.Except(translated).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The resource compiler keeps one of two names that differ only in case ("All", "all") and drops the
    /// other, so the page asking for the dropped one would show English: such pairs are refused here.
    /// </summary>
    [Fact]
    public void Resources_NamesDifferingOnlyInCase_AreRefused()
    {
        var names = XDocument.Load(Path.Combine(FindRepositoryRoot(), "src", "Tandem.Web", "Resources", "SharedResource.ja.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g));

        Assert.Empty(clashes);
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tandem.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("L\\[\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LocalizerKey();
}
