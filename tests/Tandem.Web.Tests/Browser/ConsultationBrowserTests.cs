using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Issue C9's path in a real browser: the demo company answers the open call with one CBI answer and
/// a file and gets a receipt; the U.S. secretariat reads the CBI answer, tags it and links it to a
/// commitment; a METI officer (no right to CBI) reads the rest, with the CBI answer withheld.
/// </summary>
public sealed partial class ConsultationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string CbiAnswer = "Our only qualified photoresist supplier runs a single plant; a fire there would stop our lines for nine months.";

    [Fact]
    public async Task Contributor_AnswersWithCbiAndFile_SecretariatTriagesAndOtherAgencySeesItWithoutCbi()
    {
        await using var factory = BrowserFixture.StartApp();

        // The contributor opens the call from the site navigation, answers, marks Q3 CBI, attaches a file and sends.
        var contributor = await browser.NewPage(factory);
        await BrowserFixture.SignIn(contributor, "contributor@demo.tandem", DemoScenario.Password);
        await OpenCall(contributor);
        await contributor.GetByLabel("Highly exposed").CheckAsync();
        await contributor.GetByLabel("Q2", new() { Exact = true }).FillAsync("40");
        await contributor.GetByLabel("Q3", new() { Exact = true }).FillAsync(CbiAnswer);
        await Question(contributor, "Q3.").GetByLabel("CBI", new() { Exact = true }).CheckAsync();
        await contributor.GetByLabel("Q4", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "supplier-map.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("Tier 1: photoresist (one plant). Tier 2: high-purity fluorine gases.\n"),
        });
        await BrowserFixture.Screenshot(contributor, "c9-01-answer");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        await contributor.WaitForURLAsync(new Regex("/receipt$"));
        var heading = contributor.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToHaveTextAsync(Reference());
        var reference = Reference().Match(await heading.InnerTextAsync()).Value;
        var parts = contributor.Locator("table tbody tr");
        await Assertions.Expect(parts.Filter(new() { HasText = "Q3" })).ToContainTextAsync("yes");
        await Assertions.Expect(parts.Filter(new() { HasText = "Q1" })).ToContainTextAsync("no");
        await Assertions.Expect(parts.Filter(new() { HasText = "Q4: supplier-map.txt" })).ToHaveCountAsync(1);
        await BrowserFixture.Screenshot(contributor, "c9-02-receipt");

        // The U.S. secretariat opens the submission from the call, reads the CBI answer, tags it and links it to commitment C25.
        var secretariat = await browser.NewPage(factory);
        await BrowserFixture.SignIn(secretariat, "secretariat.us@demo.tandem", DemoScenario.Password);
        await OpenSubmission(secretariat, reference);
        await Assertions.Expect(secretariat.Locator("section[aria-labelledby=answers-heading]")).ToContainTextAsync(CbiAnswer);
        await secretariat.GetByLabel("Topics (comma-separated)").FillAsync("photoresist, chokepoint");
        await secretariat.GetByLabel("HS products (2, 4 or 6 digits, comma-separated)").FillAsync("370790");
        await secretariat.GetByLabel("Countries named (ISO alpha-3, comma-separated)").FillAsync("jpn");
        var c25 = await secretariat.Locator("#commitments option").Filter(new() { HasText = "Early-warning mechanism for semiconductor supply chain disruptions" }).GetAttributeAsync("value");
        await secretariat.Locator("#commitments").SelectOptionAsync(c25!);
        await BrowserFixture.Screenshot(secretariat, "c9-03-triage");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
        await secretariat.WaitForURLAsync(new Regex("saved=triage$"));
        await secretariat.ReloadAsync();

        var triage = secretariat.Locator("section[aria-labelledby=tags-heading]");
        await Assertions.Expect(triage).ToContainTextAsync("Topic: photoresist");
        await Assertions.Expect(triage).ToContainTextAsync("Topic: chokepoint");
        await Assertions.Expect(triage).ToContainTextAsync("HS product: 370790");
        await Assertions.Expect(triage).ToContainTextAsync("Country: JPN");
        await Assertions.Expect(secretariat.Locator("#commitments option:checked")).ToHaveTextAsync(new Regex("^C25 "));
        await BrowserFixture.Screenshot(secretariat, "c9-04-triaged");
        await triage.GetByRole(AriaRole.Link, new() { Name = "Commitment C25" }).ClickAsync();
        await Assertions.Expect(secretariat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("C25");

        // A METI officer (not a secretariat officer) sees the non-CBI answers and the file, and only a notice where the CBI answer was.
        var officer = await browser.NewPage(factory);
        await BrowserFixture.SignIn(officer, "officer.meti@demo.tandem", DemoScenario.Password);
        await OpenSubmission(officer, reference);
        var answers = officer.Locator("section[aria-labelledby=answers-heading]");
        await Assertions.Expect(answers).ToContainTextAsync("Highly exposed");
        await Assertions.Expect(answers.Locator("dd").Filter(new() { HasText = "40" })).ToHaveCountAsync(1);
        await Assertions.Expect(answers.GetByRole(AriaRole.Link, new() { Name = "supplier-map.txt" })).ToHaveCountAsync(1);
        await Assertions.Expect(answers.GetByRole(AriaRole.Note)).ToContainTextAsync("Withheld from you as confidential business information (CBI): Q3.");
        await Assertions.Expect(officer.Locator("#topics")).ToHaveCountAsync(0);
        await BrowserFixture.Screenshot(officer, "c9-05-other-agency");
        Assert.DoesNotContain(CbiAnswer, await officer.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task OpenCall(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calls for input" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoConsultation.CallTitle }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoConsultation.CallTitle);
    }

    private static async Task OpenSubmission(IPage page, string reference)
    {
        await OpenCall(page);
        await page.Locator("section[aria-labelledby=submissions-heading]").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(reference);
    }

    private static ILocator Question(IPage page, string number) => page.Locator("fieldset").Filter(new() { Has = page.Locator("legend", new() { HasTextString = number }) });

    [GeneratedRegex(@"EPCC-P4-\d{4}-\d{4}")]
    private static partial Regex Reference();
}
