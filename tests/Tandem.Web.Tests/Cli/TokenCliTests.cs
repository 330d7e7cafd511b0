using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Cli;

/// <summary><c>tandem token create --scope</c>: the scope is stored with the token, and a wrong one is refused naming the option.</summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class TokenCliTests
{
    [Fact]
    public async Task TokenCreate_WithScope_StoresItAndWithoutScope_IsReadWriteNeverAdmin()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        await using (var factory = new TandemFactory(database.Provider, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        }))
        {
            await Security.SecurityKit.SeedAgencies(factory);
            await factory.CreateUser("script.owner@example.org", Security.SecurityKit.UsaAgency, Roles.Admin);
        }

        var environment = CliRunner.EnvironmentFor(database);
        var reader = await CliRunner.Run(environment, "token", "create", "--email", "script.owner@example.org", "--name", "reader", "--scope", "read");
        var plain = await CliRunner.Run(environment, "token", "create", "--email", "script.owner@example.org", "--name", "plain");
        var wrong = await CliRunner.Run(environment, "token", "create", "--email", "script.owner@example.org", "--name", "wrong", "--scope", "root");

        Assert.True(reader.ExitCode == 0, reader.Error);
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.StartsWith(PersonalAccessTokens.SecretPrefix, reader.Output.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("--scope", wrong.Error, StringComparison.Ordinal);
        using var host = new TandemFactory(database.Provider, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        });
        var scopes = await host.WithDb(db => db.PersonalAccessTokens.Where(t => t.Name != "tests").ToDictionaryAsync(t => t.Name, t => t.Scopes));
        Assert.Equal(new Dictionary<string, string> { ["reader"] = "read", ["plain"] = "read write" }, scopes);
    }
}
