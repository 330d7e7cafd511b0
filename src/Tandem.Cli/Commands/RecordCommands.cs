using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tandem.Analytics.CodeLists;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Sharing;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem meetings|commitments|documents|notices list|show|create</c>: the records secretariats script, read and
/// written through the same use cases as the API, as the user named with <c>--as</c> (their access policy applies;
/// without it the operator acts). Output as a table, CSV or the API's JSON.
/// </summary>
internal static class RecordCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>A column of the table and CSV outputs: its header and how to read it from a record.</summary>
    private sealed record Field<T>(string Name, Func<T, object?> Value, ColumnKind Kind = ColumnKind.Text);

    // ---------------------------------------------------------------- meetings

    public static void AddMeetings(Command meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        Field<MeetingDto>[] columns =
        [
            new("id", m => m.Id), new("forum", m => m.ForumCode), new("tier", m => m.Tier), new("number", m => m.Number, ColumnKind.Number),
            new("title", m => m.TitleEn), new("starts_utc", m => m.StartsAt, ColumnKind.DateTime), new("ends_utc", m => m.EndsAt, ColumnKind.DateTime),
            new("venue", m => m.Venue), new("time_zone", m => m.TimeZone), new("status", m => m.Status),
        ];

        var list = ListCommand("meetings", columns, c => c.With(new Option<string?>("--forum") { Description = "Only meetings of this forum (code)" }),
            async (ctx, ct) =>
            {
                var forum = await ForumId(ctx.Db, ctx.Get<string?>("--forum"), ct);
                if (!forum.Succeeded)
                {
                    return forum.Error!;
                }

                return await Paging.Page(MeetingQueries.List(ctx.Db, ctx.Actor, new MeetingFilter(ForumId: forum.Value)), ctx.Page, ctx.PageSize, ct);
            });
        meetings.Subcommands.Add(list);

        meetings.Subcommands.Add(ShowCommand("meetings", "meeting",
            async (ctx, key, ct) => Guid.TryParse(key, out var id)
                ? Map(await MeetingQueries.Get(ctx.Db, ctx.Actor, id, null, Today, ct), d => (object)d)
                : Error.NotFound("Meeting"),
            detail => columns.Select(c => (c.Name, c.Value(((MeetingDetailDto)detail).Meeting))).Append(("agenda_items", (object?)((MeetingDetailDto)detail).Agenda.Count))));

        var create = new Command("create", "Create a meeting (draft until published), as the secretariat of its forum");
        var forumOption = create.With(new Option<string>("--forum") { Description = "Code of the forum, e.g. EPCC", Required = true });
        var tier = create.With(new Option<Tier?>("--tier") { Description = "Leaders, Ministerial, ViceMinisterial, WorkingLevel or TrackWorkingGroup", Required = true });
        var number = create.With(new Option<int?>("--number") { Description = "The meeting's number in its series, e.g. 3 for the third ministerial" });
        var titleEn = create.With(new Option<string?>("--title-en") { Description = "Title in English", Required = true });
        var titleJa = create.With(new Option<string?>("--title-ja") { Description = "Title in Japanese" });
        var venue = create.With(new Option<string?>("--venue") { Description = "Venue, e.g. Washington, D.C." });
        var zone = create.With(new Option<string?>("--time-zone") { Description = "The venue's IANA time zone, e.g. America/New_York", Required = true });
        var starts = create.With(new Option<string?>("--starts") { Description = "Start in the venue's time: yyyy-MM-ddTHH:mm", Required = true });
        var ends = create.With(new Option<string?>("--ends") { Description = "End in the venue's time: yyyy-MM-ddTHH:mm", Required = true });
        var notes = create.With(new Option<string?>("--notes") { Description = "Notes shown with the meeting" });
        CreateAction(create, "meetings create", async (ctx, parse, ct) =>
        {
            var forum = await ForumId(ctx.Db, parse.GetValue(forumOption), ct);
            if (!forum.Succeeded)
            {
                return forum.Error!;
            }

            var timeZone = parse.GetValue(zone);
            var validation = new Validation();
            var from = VenueTime(parse.GetValue(starts), timeZone, "starts", validation);
            var to = VenueTime(parse.GetValue(ends), timeZone, "ends", validation);
            if (!validation.IsValid)
            {
                return validation.ToError();
            }

            var input = new MeetingInput(forum.Value, parse.GetValue(tier), parse.GetValue(number), parse.GetValue(titleEn), parse.GetValue(titleJa) ?? "",
                parse.GetValue(venue) ?? "", timeZone, from, to, parse.GetValue(notes));
            return Map(await CreateMeeting.Handle(ctx.Db, ctx.Actor, input, ct), m => ((object)m, m.Id.ToString("D")));
        });
        meetings.Subcommands.Add(create);
    }

    // ------------------------------------------------------------- commitments

    public static Command Commitments()
    {
        var commitments = new Command("commitments", "Commitments: list, show and create, as a named user");
        Field<CommitmentListItemDto>[] columns =
        [
            new("id", c => c.Id), new("forum", c => c.ForumCode), new("code", c => c.Code), new("text", c => c.TextEn), new("track", c => c.TrackCode),
            new("status", c => c.Status), new("due", c => c.DueDate, ColumnKind.Date), new("overdue", c => c.Overdue), new("progress", c => c.Progress, ColumnKind.Number),
            new("lead", c => string.Join(" ", c.LeadAgencies)),
        ];
        commitments.Subcommands.Add(ListCommand("commitments", columns, c =>
            {
                c.With(new Option<string?>("--forum") { Description = "Only commitments of this forum (code)" });
                c.With(new Option<string?>("--search") { Description = "Words in the code or text" });
            },
            async (ctx, ct) =>
            {
                var forum = await ForumId(ctx.Db, ctx.Get<string?>("--forum"), ct);
                return !forum.Succeeded ? forum.Error!
                    : await CommitmentQueries.Page(ctx.Db, ctx.Actor, new CommitmentFilter(ForumId: forum.Value, Search: ctx.Get<string?>("--search")), Today, ctx.Page, ctx.PageSize, ct);
            }));

        commitments.Subcommands.Add(ShowCommand("commitments", "commitment", async (ctx, key, ct) =>
            {
                // A code is looked up among the commitments this reader may see, so a hidden one is "not found" either way.
                Guid? id = Guid.TryParse(key, out var parsed) ? parsed : null;
                if (id is null)
                {
                    var matches = await CommitmentQueries.Page(ctx.Db, ctx.Actor, new CommitmentFilter(Search: key), Today, 1, PageRequest.MaxSize, ct);
                    id = matches.Succeeded ? matches.Value.Items.FirstOrDefault(c => string.Equals(c.Code, key, StringComparison.OrdinalIgnoreCase))?.Id : null;
                }

                return id is { } found ? Map(await CommitmentQueries.Get(ctx.Db, ctx.Actor, found, Today, ct), d => (object)d) : Error.NotFound("Commitment");
            },
            detail => TopLevel(detail)));

        var create = new Command("create", "Create a commitment, as the secretariat");
        var forumOption = create.With(new Option<string>("--forum") { Description = "Code of the forum, e.g. EPCC", Required = true });
        var code = create.With(new Option<string?>("--code") { Description = "The commitment's code, unique in its forum, e.g. EPCC-2026-07", Required = true });
        var textEn = create.With(new Option<string?>("--text-en") { Description = "The commitment's text in English", Required = true });
        var textJa = create.With(new Option<string?>("--text-ja") { Description = "The text in Japanese" });
        var track = create.With(new Option<string?>("--track") { Description = "Code of the track it belongs to" });
        var area = create.With(new Option<string?>("--area") { Description = "Policy area" });
        var madeOn = create.With(new Option<DateOnly?>("--made-on") { Description = "Day it was made (yyyy-MM-dd)" });
        var due = create.With(new Option<DateOnly?>("--due") { Description = "Due date (yyyy-MM-dd)" });
        var lead = create.With(new Option<string[]>("--lead") { Description = "PARTY=AGENCY lead agency of a party, e.g. JPN=METI (repeatable)", AllowMultipleArgumentsPerToken = true });
        CreateAction(create, "commitments create", async (ctx, parse, ct) =>
        {
            var forum = await ForumId(ctx.Db, parse.GetValue(forumOption), ct);
            if (!forum.Succeeded)
            {
                return forum.Error!;
            }

            var responsibilities = new Dictionary<string, ResponsibilityInput>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(lead) ?? [])
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    return Error.Invalid("--lead", $"--lead: '{pair}' is not PARTY=AGENCY (e.g. JPN=METI).");
                }

                responsibilities[parts[0].ToUpperInvariant()] = new ResponsibilityInput(parts[1]);
            }

            var input = new CommitmentInput(forum.Value, parse.GetValue(code), parse.GetValue(textEn), parse.GetValue(textJa), parse.GetValue(track), parse.GetValue(area),
                MadeOn: parse.GetValue(madeOn), DueDate: parse.GetValue(due), Responsibilities: responsibilities.Count == 0 ? null : responsibilities);
            return Map(await CreateCommitment.Handle(ctx.Db, ctx.Actor, input, Today, ct), c => ((object)c, c.Code));
        });
        commitments.Subcommands.Add(create);
        return commitments;
    }

    // --------------------------------------------------------------- documents

    public static Command Documents(IConfiguration? configuration = null)
    {
        var documents = new Command("documents", "Documents: list, show and upload, as a named user");
        Field<DocumentListItem>[] columns =
        [
            new("id", d => d.Id), new("title", d => d.Title), new("owner", d => d.OwnerAgency), new("marking", d => d.Marking),
            new("version", d => d.CurrentVersion, ColumnKind.Number), new("updated_utc", d => d.UpdatedAt, ColumnKind.DateTime),
        ];
        documents.Subcommands.Add(ListCommand("documents", columns, c => c.With(new Option<string?>("--search") { Description = "Words in the title or description" }),
            (ctx, ct) => ListDocuments.Handle(ctx.Db, ctx.Actor, TimeProvider.System, new DocumentFilter(ctx.Get<string?>("--search")), ctx.Page, ctx.PageSize, ct)));

        documents.Subcommands.Add(ShowCommand("documents", "document",
            async (ctx, key, ct) => Guid.TryParse(key, out var id) ? Map(await GetDocument.Handle(ctx.Db, ctx.Actor, TimeProvider.System, id, ct), d => (object)d) : Error.NotFound("Document"),
            detail => TopLevel(detail)));

        var create = new Command("create", "Upload a document with its sharing label");
        var file = create.With(new Option<FileInfo>("--file") { Description = "The file to upload", Required = true });
        var title = create.With(new Option<string?>("--title") { Description = "Title (default: the file's name)" });
        var description = create.With(new Option<string?>("--description") { Description = "Description" });
        var level = create.With(new Option<string>("--label") { Description = "clear, green, amber, amber-strict or red", Required = true });
        var releasable = create.With(new Option<string?>("--releasable-to") { Description = "Parties it may be released to, comma-separated (e.g. USA,JPN)" });
        var recipients = create.With(new Option<string?>("--recipients") { Description = "Recipient agencies (codes), comma-separated, for amber and red" });
        CreateAction(create, "documents create", async (ctx, parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return Error.Invalid("--file", $"--file: {path.FullName} does not exist.");
            }

            var options = (configuration ?? ctx.Services.GetRequiredService<IConfiguration>()).GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
            if (path.Length > options.MaxBytes)
            {
                return Error.Invalid("--file", $"--file: {path.Length:N0} bytes is larger than the {options.MaxBytes:N0} bytes accepted.");
            }

            var label = new LabelRequest(parse.GetValue(level), Split(parse.GetValue(releasable)), RecipientAgencies: Split(parse.GetValue(recipients)));
            var input = new UploadDocumentInput(parse.GetValue(title) ?? Path.GetFileNameWithoutExtension(path.Name), parse.GetValue(description) ?? "", label,
                new FileUpload(path.Name, await File.ReadAllBytesAsync(path.FullName, ct)));
            return Map(await UploadDocument.Handle(ctx.Db, ctx.Actor, TimeProvider.System, options.MaxBytes > 0 ? options : new DocumentOptions(), input, ct),
                d => ((object)d, d.Id.ToString("D")));
        });
        documents.Subcommands.Add(create);
        return documents;
    }

    // ----------------------------------------------------------------- notices

    public static void AddNotices(Command notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        Field<NoticeSummaryDto>[] columns =
        [
            new("id", n => n.Id), new("forum", n => n.ForumCode), new("from", n => n.NotifyingParty), new("title", n => n.Title), new("source", n => n.SourceCountry),
            new("state", n => n.State), new("submitted_utc", n => n.SubmittedAt, ColumnKind.DateTime), new("deadline", n => n.Clock.Deadline, ColumnKind.Date),
            new("overdue", n => n.Clock.Overdue), new("marking", n => n.Marking),
        ];
        notices.Subcommands.Add(ListCommand("notices", columns, c => c.With(new Option<string?>("--search") { Description = "Words in the title" }),
            (ctx, ct) => NoticeUseCases.List(ctx.Db, ctx.Actor, new NoticeFilter(Search: ctx.Get<string?>("--search")), ctx.Page, ctx.PageSize, Today, ct)));

        notices.Subcommands.Add(ShowCommand("notices", "notice",
            async (ctx, key, ct) => Guid.TryParse(key, out var id) ? Map(await NoticeUseCases.Get(ctx.Db, ctx.Actor, id, Today, ct), d => (object)d) : Error.NotFound("Notice"),
            detail => TopLevel(detail)));

        var create = new Command("create", "Submit a disruption notice for your party (starts the emergency-meeting clock)");
        var forum = create.With(new Option<string>("--forum") { Description = "Code of the forum, e.g. EPCC", Required = true });
        var title = create.With(new Option<string?>("--title") { Description = "Short title", Required = true });
        var products = create.With(new Option<string?>("--products") { Description = "HS6 codes affected, comma-separated (e.g. 854231,811292)" });
        var basket = create.With(new Option<string?>("--basket") { Description = "A product basket instead of or beside --products" });
        var sectors = create.With(new Option<string?>("--sectors") { Description = "Sectors affected, comma-separated" });
        var source = create.With(new Option<string?>("--source-country") { Description = "ISO 3166 alpha-3 code of the country the disruption comes from", Required = true });
        var cause = create.With(new Option<string?>("--cause") { Description = "What happened" });
        var impact = create.With(new Option<string?>("--impact") { Description = "The impact on your party" });
        var duration = create.With(new Option<string?>("--duration") { Description = "Expected duration" });
        var measures = create.With(new Option<string?>("--measures") { Description = "Measures taken" });
        var assistance = create.With(new Option<string?>("--assistance") { Description = "Assistance sought" });
        var level = create.With(new Option<string?>("--label") { Description = "clear, green (default), amber or amber-strict" });
        CreateAction(create, "notices create", async (ctx, parse, ct) =>
        {
            Tlp? tlp = null;
            if (parse.GetValue(level) is { Length: > 0 } text)
            {
                tlp = LabelRequest.ParseLevel(text);
                if (tlp is null)
                {
                    return Error.Invalid("--label", $"--label: '{text}' is not a label (clear, green, amber, amber-strict or red).");
                }
            }

            var input = new NoticeInput(null, parse.GetValue(forum), parse.GetValue(title), Split(parse.GetValue(products)), parse.GetValue(basket),
                Split(parse.GetValue(sectors)), parse.GetValue(source), parse.GetValue(cause), parse.GetValue(impact), parse.GetValue(duration),
                parse.GetValue(measures), parse.GetValue(assistance), tlp is null ? null : new LabelInput(tlp));
            return Map(await NoticeUseCases.Submit(ctx.Db, ctx.Actor, input, Products, DateTime.UtcNow, ct), n => ((object)n, n.Id.ToString("D")));
        });
        notices.Subcommands.Add(create);
    }

    /// <summary>The trade store's nomenclature and baskets, the same check of products the web app makes.</summary>
    private static readonly ProductCatalog Products = new(
        code => TradeCodeLists.Default.ProductsByCode.TryGetValue(code, out var product) && product.Section != "TOTAL",
        name => ProductBaskets.Find(name) is { IsSuccess: true } found ? found.Value.Codes : null,
        ProductBaskets.All.Select(b => b.Name).ToList());

    // ------------------------------------------------------------------ shared

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed class Context(IServiceProvider services, TandemDbContext db, Actor actor, ParseResult parse, Command command)
    {
        public IServiceProvider Services { get; } = services;

        public TandemDbContext Db { get; } = db;

        public Actor Actor { get; } = actor;

        public int? Page => Get<int?>("--page");

        public int? PageSize => Get<int?>("--page-size");

        public T? Get<T>(string name) => command.Options.FirstOrDefault(o => o.Name == name) is Option<T> option ? parse.GetValue(option) : default;
    }

    private static T With<T>(this Command command, T option) where T : Option
    {
        command.Options.Add(option);
        return option;
    }

    private static (Option<string?> AsUser, Option<string> Format) Shared(Command command)
    {
        var asUser = command.With(new Option<string?>("--as") { Description = "Act as this user (e-mail): only what they may see and do; default: the operator" });
        var format = command.With(new Option<string>("--format") { Description = "table (default), csv or json", DefaultValueFactory = _ => "table" });
        format.AcceptOnlyFromAmong("table", "csv", "json");
        return (asUser, format);
    }

    private static async Task<int> Run(ParseResult parse, Option<string?> asUser, string what, Command command, Func<Context, Task<int>> body, CancellationToken ct) =>
        await CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var actor = await BriefingCommands.Reader(scope.ServiceProvider, db, parse.GetValue(asUser), "cli:" + what, ct);
            if (!actor.Succeeded)
            {
                return CliOutput.Fail(actor.Error!);
            }

            return await body(new Context(scope.ServiceProvider, db, actor.Value, parse, command));
        });

    private static Command ListCommand<T>(string noun, Field<T>[] columns, Action<Command> filters, Func<Context, CancellationToken, Task<Result<PagedList<T>>>> list)
    {
        var command = new Command("list", $"List the {noun} the user may see, one page at a time");
        var (asUser, format) = Shared(command);
        command.With(new Option<int?>("--page") { Description = "Page (1 first)" });
        command.With(new Option<int?>("--page-size") { Description = $"Records per page (default {PageRequest.DefaultSize}, at most {PageRequest.MaxSize})" });
        filters(command);
        command.SetAction((parse, ct) => Run(parse, asUser, noun + " list", command, async ctx =>
        {
            var page = await list(ctx, ct);
            if (!page.Succeeded)
            {
                return CliOutput.Fail(page.Error!);
            }

            var found = page.Value;
            switch (parse.GetValue(format))
            {
                case "json":
                    Console.WriteLine(JsonSerializer.Serialize(found, Json));
                    break;
                case "csv":
                    WriteCsv(columns.Select(c => new SheetColumn(c.Name, c.Kind)).ToList(), found.Items.Select(i => columns.Select(c => c.Value(i)).ToArray()));
                    break;
                default:
                    var table = new Table().Border(TableBorder.Simple);
                    foreach (var column in columns)
                    {
                        table.AddColumn(column.Name);
                    }

                    foreach (var item in found.Items)
                    {
                        table.AddRow(columns.Select(c => Markup.Escape(Text(c.Value(item)))).ToArray());
                    }

                    AnsiConsole.Write(table);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{found.Items.Count} of {found.Total} {noun}; page {found.Page} of {found.PageCount}."));
                    break;
            }

            return CliOutput.Ok;
        }, ct));
        return command;
    }

    private static Command ShowCommand(string noun, string singular, Func<Context, string, CancellationToken, Task<Result<object>>> get,
        Func<object, IEnumerable<(string Name, object? Value)>> fields)
    {
        var command = new Command("show", $"Show one {singular} the user may see, by id" + (noun == "commitments" ? " or code" : ""));
        var key = new Argument<string>(noun == "commitments" ? "ID|CODE" : "ID") { Description = noun == "commitments" ? "The commitment's id or code" : $"The {singular}'s id" };
        command.Arguments.Add(key);
        var (asUser, format) = Shared(command);
        command.SetAction((parse, ct) => Run(parse, asUser, noun + " show", command, async ctx =>
        {
            var found = await get(ctx, parse.GetValue(key)!.Trim(), ct);
            if (!found.Succeeded)
            {
                return CliOutput.Fail(found.Error!);
            }

            var pairs = fields(found.Value).ToList();
            switch (parse.GetValue(format))
            {
                case "json":
                    Console.WriteLine(JsonSerializer.Serialize(found.Value, found.Value.GetType(), Json));
                    break;
                case "csv":
                    WriteCsv([new SheetColumn("field"), new SheetColumn("value")], pairs.Select(p => new object?[] { p.Name, Text(p.Value) }));
                    break;
                default:
                    var table = new Table().Border(TableBorder.Simple).AddColumn("field").AddColumn("value");
                    foreach (var (name, value) in pairs)
                    {
                        table.AddRow(Markup.Escape(name), Markup.Escape(Text(value)));
                    }

                    AnsiConsole.Write(table);
                    break;
            }

            return CliOutput.Ok;
        }, ct));
        return command;
    }

    private static void CreateAction(Command command, string what, Func<Context, ParseResult, CancellationToken, Task<Result<(object Record, string Key)>>> create)
    {
        var (asUser, format) = Shared(command);
        command.SetAction((parse, ct) => Run(parse, asUser, what, command, async ctx =>
        {
            var created = await create(ctx, parse, ct);
            if (!created.Succeeded)
            {
                return CliOutput.Fail(created.Error!);
            }

            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(created.Value.Record, created.Value.Record.GetType(), Json));
            }
            else
            {
                Console.WriteLine($"Created {created.Value.Key}.");
            }

            return CliOutput.Ok;
        }, ct));
    }

    /// <summary>CSV on standard output: CRLF and RFC 4180 quoting as in the exports, without the byte-order mark a pipe does not want.</summary>
    private static void WriteCsv(IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var bytes = CsvFile.Write(columns, rows);
        var preamble = Encoding.UTF8.GetPreamble().Length;
        Console.Write(Encoding.UTF8.GetString(bytes, preamble, bytes.Length - preamble));
    }

    private static IEnumerable<(string Name, object? Value)> TopLevel(object record) =>
        JsonSerializer.SerializeToElement(record, record.GetType(), Json).EnumerateObject()
            .Select(p => (p.Name, (object?)(p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Array when p.Value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
                    string.Join(", ", p.Value.EnumerateArray().Select(e => e.ToString())),
                JsonValueKind.Array => $"({p.Value.GetArrayLength()})",
                _ => p.Value.GetRawText(),
            })));

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string[]? Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<Result<Guid?>> ForumId(TandemDbContext db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return (Guid?)null;
        }

        var id = await db.Forums.Where(f => f.Code == code.Trim()).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
        return id is null ? Error.Invalid("--forum", $"--forum: '{code.Trim()}' is not a forum.") : Result<Guid?>.Ok(id);
    }

    /// <summary>A wall-clock time at the venue, turned into an instant with the venue's zone (as the meeting form does).</summary>
    private static DateTimeOffset? VenueTime(string? text, string? zone, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && text.Length > 16)
        {
            return withOffset;
        }

        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            validation.Add(field, $"--{field}: '{text}' is not a time (yyyy-MM-ddTHH:mm).");
            return null;
        }

        if (string.IsNullOrWhiteSpace(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var venue))
        {
            validation.Add("time-zone", $"--time-zone: '{zone}' is not a time zone (e.g. Asia/Tokyo).");
            return null;
        }

        return new DateTimeOffset(local, venue.GetUtcOffset(local));
    }

    private static Result<TOut> Map<TIn, TOut>(Result<TIn> result, Func<TIn, TOut> map) => result.Succeeded ? map(result.Value) : result.Error!;
}
