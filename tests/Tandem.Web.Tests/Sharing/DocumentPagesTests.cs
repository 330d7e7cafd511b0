using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>The document pages: a file uploaded through the HTML form (antiforgery and all), relabelled and deleted with a confirmation step.</summary>
public sealed partial class DocumentPagesTests
{
    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    /// <summary>The hidden fields of the form that contains <paramref name="marker"/> (handler name and antiforgery token).</summary>
    private static async Task<List<KeyValuePair<string, string>>> HiddenFields(HttpClient client, string path, string marker)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{path} has no form with {marker}");
        var formStart = html.LastIndexOf("<form", start, StringComparison.Ordinal);
        var formEnd = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[formStart..formEnd];
        return HiddenInput().Matches(form).Select(m => new KeyValuePair<string, string>(
            NameAttribute().Match(m.Value).Groups[1].Value, WebUtility.HtmlDecode(ValueAttribute().Match(m.Value).Groups[1].Value))).ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UploadForm_ValidFile_StoresItAndShowsTheDocument(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var user = await factory.CreateUser("pages@pages.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(user);
        var hidden = await HiddenFields(client, "/documents/upload", "name=\"title\"");

        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in hidden)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new StringContent("Uploaded through the page"), "title");
        form.Add(new StringContent("From the HTML form"), "description");
        form.Add(new StringContent("Amber"), "level");
        form.Add(new StringContent("METI"), "recipientAgencies");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("plain text notes\n")), "file", "notes.txt");
        using var response = await client.PostAsync(new Uri("/documents/upload", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.ToString();
        Assert.Matches("/documents/[0-9a-f-]{36}$", location);
        var page = await client.GetStringAsync(new Uri(location, UriKind.Relative));
        Assert.Contains("Uploaded through the page", page, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", page, StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("plain text notes\n"u8.ToArray()));
        Assert.Contains(sha, page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UploadForm_ExecutableOrNoToken_IsRefused(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var user = await factory.CreateUser("pages@pages.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(user);
        var hidden = await HiddenFields(client, "/documents/upload", "name=\"title\"");

        MultipartFormDataContent Form(bool withToken)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in hidden.Where(h => withToken || h.Key != "__RequestVerificationToken"))
            {
                form.Add(new StringContent(value), name);
            }

            form.Add(new StringContent("Sneaky"), "title");
            form.Add(new StringContent("Green"), "level");
            form.Add(new ByteArrayContent([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]), "file", "report.pdf");
            return form;
        }

        using var withToken = Form(true);
        using var refused = await client.PostAsync(new Uri("/documents/upload", UriKind.Relative), withToken);
        using var withoutToken = Form(false);
        using var forged = await client.PostAsync(new Uri("/documents/upload", UriKind.Relative), withoutToken);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("executables and scripts are never accepted", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.Documents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeleteForm_AfterConfirmation_SoftDeletes(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var user = await factory.CreateUser("pages@pages.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(user);
        var document = await DocumentKit.UploadOk(client, "Delete me from the page");
        var detail = await client.GetStringAsync(new Uri($"/documents/{document.Id}", UriKind.Relative));
        Assert.DoesNotContain("Yes, delete", detail, StringComparison.Ordinal);
        var hidden = await HiddenFields(client, $"/documents/{document.Id}?confirm=delete", "Yes, delete");

        using var form = new FormUrlEncodedContent(hidden);
        using var response = await client.PostAsync(new Uri($"/documents/{document.Id}?confirm=delete", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await DocumentKit.Get(client, document.Id));
        Assert.NotNull(await factory.WithDb(db => db.Documents.IgnoreQueryFilters().FirstOrDefaultAsync(d => d.Id == document.Id && d.DeletedAt != null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LabelForm_Owner_ChangesTheLabel(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var user = await factory.CreateUser("pages@pages.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(user);
        var document = await DocumentKit.UploadOk(client, "Relabel me", new Dictionary<string, string> { ["level"] = "Green" });
        var hidden = await HiddenFields(client, $"/documents/{document.Id}/label", "Save label");

        using var form = new FormUrlEncodedContent(hidden.Append(new("level", "AmberStrict")));
        using var response = await client.PostAsync(new Uri($"/documents/{document.Id}/label", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("TLP:AMBER+STRICT", (await DocumentKit.Get(client, document.Id))!.Label.Marking);
    }
}
