using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Demo;
using Tandem.Core.Forums;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem db|demo|user|token|forum</c>: the foundation's commands (issue C1).</summary>
internal static class FoundationCommands
{
    public static Command Db()
    {
        var db = new Command("db", "Database: apply migrations");
        var migrate = new Command("migrate", "Create or upgrade the database to the current schema (as the web app does on start)");
        migrate.SetAction((_, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
            await SchemaMigrator.MigrateAsync(context.Database, ct);
            await AccountSetup.EnsureRoles(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
            Console.WriteLine(pending.Count == 0
                ? "Database is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]))}.");
            return CliOutput.Ok;
        }));
        db.Subcommands.Add(migrate);
        return db;
    }

    public static Command Demo()
    {
        var demo = new Command("demo", "The demo scenario: the EPCC and the U.S.-EU TTC");
        var load = new Command("load", "Load the demo: the U.S.-Japan EPCC and the U.S.-EU TTC (forums, parties, agencies, tracks, history) and demo accounts (idempotent)");
        load.SetAction((_, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(context.Database, ct);
            var report = await DemoScenario.Load(context, scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>(),
                scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>(), ct);
            if (!report.Forum.Succeeded)
            {
                report.Forum.Problems.ToList().ForEach(p => Console.Error.WriteLine("tandem: " + p));
                return CliOutput.Failed;
            }

            Console.WriteLine($"Demo loaded ({report.Forum.ForumCode}): {report.Forum.PartiesAdded} parties, {report.Forum.AgenciesAdded} agencies, {report.Forum.TracksAdded} tracks, {report.AccountsAdded} accounts added ({report.Forum.Unchanged} already present).");
            var table = new Table().AddColumns("Account", "Role", "Who");
            foreach (var account in report.Accounts)
            {
                table.AddRow(Markup.Escape(account.Email), account.Role, Markup.Escape(account.Description));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"Password for every demo account: {DemoScenario.Password}");
            return CliOutput.Ok;
        }));
        demo.Subcommands.Add(load);
        return demo;
    }

    public static Command User()
    {
        var user = new Command("user", "User accounts");
        var create = new Command("create", "Create a user in an agency with a role; the password is read from standard input");
        var email = new Option<string>("--email") { Description = "E-mail address (the sign-in name)", Required = true };
        var agency = new Option<string>("--agency") { Description = "Agency code, e.g. METI", Required = true };
        var role = new Option<string[]>("--role") { Description = $"Role ({string.Join(", ", Roles.All)}); repeat for several", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Display name" };
        create.Options.Add(email);
        create.Options.Add(agency);
        create.Options.Add(role);
        create.Options.Add(name);
        create.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : ReadHidden("Password: ");
            if (string.IsNullOrEmpty(password))
            {
                return CliOutput.Fail("password: no password on standard input (pipe it in: echo 'passphrase' | tandem user create …).");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(context.Database, ct);
            await AccountSetup.EnsureRoles(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
            var result = await CreateUser.Handle(context, scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>(),
                new UserInput(parse.GetValue(email), parse.GetValue(name), parse.GetValue(agency), parse.GetValue(role), password), ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            Console.WriteLine($"Created {result.Value.Email} in {result.Value.AgencyCode} ({result.Value.Party}) as {string.Join(", ", result.Value.Roles)}.");
            return CliOutput.Ok;
        }));
        user.Subcommands.Add(create);
        return user;
    }

    public static Command Token()
    {
        var token = new Command("token", "Personal access tokens for scripts");
        var create = new Command("create", "Create a token for a user; the secret is printed once");
        var email = new Option<string>("--email") { Description = "The user's e-mail", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Expiry: a date (yyyy-MM-dd) or a number of days (e.g. 30d); default 90 days" };
        var scopes = new Option<string?>("--scope")
        {
            Description = "What the token may do: read, write or admin (comma-separated; each includes the ones before it); default read,write — never admin unless asked",
        };
        create.Options.Add(email);
        create.Options.Add(name);
        create.Options.Add(expires);
        create.Options.Add(scopes);
        create.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var now = DateTime.UtcNow;
            var expiry = ParseExpiry(parse.GetValue(expires), now);
            if (!expiry.Succeeded)
            {
                return CliOutput.Fail(expiry.Error!);
            }

            if (TokenScopes.Normalise(parse.GetValue(scopes)) is null)
            {
                return CliOutput.Fail($"--scope: '{parse.GetValue(scopes)}' is not a scope; use read, write or admin.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(context.Database, ct);
            var address = parse.GetValue(email)!.Trim();
            var normalized = address.ToUpperInvariant();
            var user = await context.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            if (user is null)
            {
                return CliOutput.Fail($"--email: no user with e-mail {address}.");
            }

            var result = await PersonalAccessTokens.Create(context, user.Id, parse.GetValue(name), expiry.Value, parse.GetValue(scopes), now, ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            Console.Error.WriteLine($"Token '{result.Value.Token.Name}' for {address} (scopes: {result.Value.Token.Scopes}), expires {result.Value.Token.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Keep it secret; it is shown only now.");
            Console.WriteLine(result.Value.Secret);
            return CliOutput.Ok;
        }));
        token.Subcommands.Add(create);
        return token;
    }

    public static Command Forum()
    {
        var forum = new Command("forum", "Forums, parties, agencies and tracks");
        var import = new Command("import", "Import a forum from a folder in the EPCC CSV layout (forum.csv, parties.csv, agencies.csv, tracks.csv)");
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "Folder with the CSV files" };
        import.Arguments.Add(dir);
        import.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var folder = parse.GetValue(dir)!;
            if (!folder.Exists)
            {
                return CliOutput.Fail($"DIR: folder {folder.FullName} does not exist.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(context.Database, ct);
            var report = await ImportForum.Handle(context, Actor.System("cli:" + Environment.UserName), file =>
            {
                var path = Path.Combine(folder.FullName, file);
                return File.Exists(path) ? new StreamReader(path) : null;
            }, ct);
            if (!report.Succeeded)
            {
                foreach (var problem in report.Problems)
                {
                    Console.Error.WriteLine("tandem: " + problem);
                }

                Console.Error.WriteLine("tandem: nothing was imported.");
                return CliOutput.Failed;
            }

            Console.WriteLine($"Forum {report.ForumCode}: {report.PartiesAdded} parties, {report.AgenciesAdded} agencies, {report.TracksAdded} tracks added; {report.Unchanged} already present.");
            return CliOutput.Ok;
        }));
        forum.Subcommands.Add(import);
        return forum;
    }

    internal static Result<DateTime?> ParseExpiry(string? text, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<DateTime?>.Ok(null);
        }

        text = text.Trim();
        if (text.EndsWith('d') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            return Result<DateTime?>.Ok(now.AddDays(days));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Result<DateTime?>.Ok(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }

        return Error.Invalid("--expires", $"--expires '{text}' is neither a date (yyyy-MM-dd) nor a number of days (30d).");
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return new string(chars.ToArray());
            }

            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
            {
                chars.RemoveAt(chars.Count - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }
    }
}
