using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Demo;

public sealed record DemoCycleReport(int Meetings, int Commitments);

/// <summary>
/// Each demo forum's meetings and commitments from its embedded CSVs (the EPCC's meetings 2022–2024 and
/// 31 commitments; the TTC's six ministerials 2021–2024 and 19 commitments), through the same use cases the
/// API calls, each with its source and confidence. The July 2022 ministerial gets its
/// agenda (reconstructed: no source gives one), attendance, outcomes and the public joint statement.
/// Statuses and progress reports come from later public texts (progress.csv); a commitment no later
/// text reports on is "no public information", never a guessed status. Loading twice changes nothing.
/// </summary>
public static class DemoCycle
{
    /// <summary>The first ministerial's agenda: no public text gives one, so its items follow the four pillars of the joint statement.</summary>
    private const string FirstAgendaSource =
        "https://www.state.gov/joint-statement-of-the-u-s-japan-economic-policy-consultative-committee-strengthening-economic-security-and-the-rules-based-order/";

    private const string SecondMinisterialSource = "https://www.mofa.go.jp/na/na2/us/page4e_001514.html";

    /// <summary>The METI release of 16 November 2023 (read in a copy), which gives the Japanese names of the 2023 topics.</summary>
    private const string SecondMinisterialJapanese = "https://gov-base.info/2023/11/16/207592";

    public static async Task<DemoCycleReport> Load(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actor = Actor.System("demo loader");
        var epcc = await LoadEpcc(db, actor, ct);
        var ttc = await LoadHistory(db, actor, DemoScenario.Ttc, ct);
        if (ttc is not null)
        {
            // No text gives the TTC's agendas or attendance: its meetings are history as the statements tell it.
            foreach (var meeting in ttc.Meetings.Values)
            {
                await Advance(db, actor, meeting.Id, ct, MeetingStatus.Scheduled, MeetingStatus.Held, MeetingStatus.Concluded);
            }

            await ProgressFromPublicTexts(db, DemoScenario.Ttc, ttc.Commitments, ct);
        }

        return new DemoCycleReport(epcc.Meetings + (ttc?.Meetings.Count ?? 0), epcc.Commitments + (ttc?.Commitments.Count ?? 0));
    }

    private sealed record History(Forum Forum, Dictionary<DateOnly, MeetingDto> Meetings, Dictionary<string, CommitmentListItemDto> Commitments);

    /// <summary>A demo forum's meetings and commitments from its meetings.csv and commitments.csv, or null when it is absent or already has meetings.</summary>
    private static async Task<History?> LoadHistory(TandemDbContext db, Actor actor, DemoForum demo, CancellationToken ct)
    {
        var forum = await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Code == demo.Code, ct);
        if (forum is null || await db.Set<Meeting>().AnyAsync(m => m.ForumId == forum.Id, ct))
        {
            return null;
        }

        var meetings = await LoadMeetings(db, actor, forum, demo, ct);
        return new History(forum, meetings, await LoadCommitments(db, actor, forum, demo, meetings, ct));
    }

    private static async Task<DemoCycleReport> LoadEpcc(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        var history = await LoadHistory(db, actor, DemoScenario.Epcc, ct);
        if (history is null)
        {
            return new DemoCycleReport(0, 0);
        }

        var (forum, meetings, commitments) = history;
        if (meetings.TryGetValue(new DateOnly(2022, 7, 29), out var ministerial))
        {
            await FirstMinisterial(db, actor, ministerial, commitments, ct);
        }

        if (meetings.TryGetValue(new DateOnly(2023, 11, 14), out var sanFrancisco))
        {
            await SecondMinisterial(db, actor, sanFrancisco, commitments, ct);
        }

        foreach (var meeting in meetings.Values.Where(m => m.Id != ministerial?.Id && m.Id != sanFrancisco?.Id))
        {
            await Advance(db, actor, meeting.Id, ct, MeetingStatus.Scheduled, MeetingStatus.Held, MeetingStatus.Concluded);
        }

        await ProgressFromPublicTexts(db, DemoScenario.Epcc, commitments, ct);
        await IllustrativeMilestones(db, actor, commitments, ct);
        await CreateCycle.Handle(db, actor, new CycleInput(forum.Id, "2023 interim (demo, unscored)", CycleKind.Interim, new DateOnly(2022, 7, 29),
            new DateOnly(2023, 11, 13), ScoringScheme.G7, UnscoredRule.Exclude, PercentConvention.Current, null,
            "A demo cycle over the 2022 Action Plan, left unscored: Tandem does not invent compliance judgements about real governments.", IncludeForumCommitments: true), ct);
        return new DemoCycleReport(meetings.Count, commitments.Count);
    }

    private static async Task<Dictionary<DateOnly, MeetingDto>> LoadMeetings(TandemDbContext db, Actor actor, Forum forum, DemoForum demo, CancellationToken ct)
    {
        using var reader = DemoScenario.OpenEmbedded(demo, "meetings.csv") ?? throw new InvalidOperationException($"{demo.Folder}/meetings.csv is not embedded.");
        var meetings = new Dictionary<DateOnly, MeetingDto>();
        foreach (var row in Csv.ReadRecords(reader))
        {
            var date = DateOnly.ParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var tier = Enum.Parse<Tier>(row["tier"].Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            var zone = row["time_zone"];
            var minutes = int.Parse(row["minutes"], CultureInfo.InvariantCulture);
            var start = MeetingTimes.FromZone(date.ToDateTime(TimeOnly.ParseExact(row["start"], "HH:mm", CultureInfo.InvariantCulture)), zone);
            var number = int.Parse(row["number"], CultureInfo.InvariantCulture);
            var tierText = tier == Tier.ViceMinisterial ? "vice-ministerial" : "ministerial";
            var source = row["source"];
            var created = await CreateMeeting.Handle(db, actor, new MeetingInput(forum.Id, tier, number,
                $"{forum.Code} {Ordinal(number)} {tierText} meeting", row["title_ja"], row["place"], zone, start, start.AddMinutes(minutes), row["notes"],
                source, row["confidence"]), ct);
            var meeting = await db.Set<Meeting>().FirstAsync(m => m.Id == Ok(created, $"meeting {date}").Id, ct);
            meeting.JapaneseSource = row["ja_source"];
            await db.SaveChangesAsync(ct);
            meetings[date] = Ok(created, $"meeting {date}");
        }

        return meetings;
    }

    private static async Task<Dictionary<string, CommitmentListItemDto>> LoadCommitments(TandemDbContext db, Actor actor, Forum forum, DemoForum demo,
        Dictionary<DateOnly, MeetingDto> meetings, CancellationToken ct)
    {
        using var reader = DemoScenario.OpenEmbedded(demo, "commitments.csv") ?? throw new InvalidOperationException($"{demo.Folder}/commitments.csv is not embedded.");
        var commitments = new Dictionary<string, CommitmentListItemDto>(StringComparer.Ordinal);
        foreach (var row in Csv.ReadRecords(reader))
        {
            var date = DateOnly.ParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture);

            // A meeting over two days (Leuven, 4–5 April 2024) is found by the day it began.
            var meetingDate = row.GetValueOrDefault("meeting_date") is { Length: > 0 } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : date;
            var meeting = meetings.GetValueOrDefault(meetingDate);
            var responsibilities = new Dictionary<string, ResponsibilityInput>(StringComparer.Ordinal);
            foreach (var (column, agencies) in row.Where(kv => kv.Key.StartsWith("responsible_", StringComparison.Ordinal)))
            {
                Responsible(responsibilities, column["responsible_".Length..].ToUpperInvariant(), agencies);
            }

            var statement = row.GetValueOrDefault("statement") is { Length: > 0 } named ? named
                : meeting is null ? row["context"] : date == new DateOnly(2022, 7, 29) ? "Joint Statement and Action Plan" : meeting.TitleEn;
            var track = row["track"];
            var created = await CreateCommitment.Handle(db, actor, new CommitmentInput(forum.Id, row["id"], row["text_en"], row["text_ja"],
                track.Length > 0 ? track : null, row["area"], meeting?.Id, statement.Length > 300 ? statement[..300] : statement, null, row["source"], row["confidence"],
                date, null, Enum.Parse<CommitmentStatus>(row["status"]), responsibilities), DateOnly.FromDateTime(DateTime.UtcNow), ct);
            var stored = await db.Set<Commitment>().FirstAsync(c => c.Id == Ok(created, $"commitment {row["id"]}").Id, ct);
            stored.JapaneseSource = row["ja_source"];
            await db.SaveChangesAsync(ct);
            commitments[row["id"]] = Ok(created, $"commitment {row["id"]}");
        }

        return commitments;
    }

    private static void Responsible(Dictionary<string, ResponsibilityInput> responsibilities, string party, string agencies)
    {
        var codes = agencies.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length > 0)
        {
            // The first agency named leads for its party; the others support.
            responsibilities[party] = new ResponsibilityInput(codes[0], codes.Skip(1).ToList());
        }
    }

    private static async Task FirstMinisterial(TandemDbContext db, Actor actor, MeetingDto meeting, Dictionary<string, CommitmentListItemDto> commitments, CancellationToken ct)
    {
        Guid Id(string code) => commitments[code].Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // No public text gives this meeting's order of business: the items follow the joint statement's four pillars, and
        // their presenters and minutes (130 in all, the meeting's length per MOFA) are inferred. They say so on screen.
        var agenda = await SetAgenda.Handle(db, actor, meeting.Id, new AgendaInput(
        [
            new AgendaItemInput("Opening; a rules-based economic order in the Indo-Pacific", "開会、インド太平洋におけるルールに基づく経済秩序", "P1", "DOS", 20,
                "Agree to promote the shared vision through the G7, APEC and IPEF", [Id("C01"), Id("C05")]),
            new AgendaItemInput("Countering economic coercion and unfair or opaque lending", "経済的威圧及び不公正・不透明な貸付への対抗", "P2", "MOFA", 25,
                "Agree to counter economic coercion together with like-minded partners", [Id("C03"), Id("C04")]),
            new AgendaItemInput("Critical and emerging technologies, including next-generation semiconductors", "次世代半導体を含む重要・新興技術", "P3", "DOC", 35,
                "Endorse joint R&D on next-generation semiconductors", [Id("C06"), Id("C07"), Id("C08"), Id("C09"), Id("C10")]),
            new AgendaItemInput("Supply chain resilience, energy and food security", "サプライチェーンの強靱化、エネルギー・食料安全保障", "P4", "METI", 35,
                "", [Id("C11"), Id("C12"), Id("C13"), Id("C14")]),
            new AgendaItemInput("Adoption of the Joint Statement and the Action Plan", "共同声明及び行動計画の採択", "P1", "MOFA", 15,
                "Adopt the Joint Statement and the Action Plan", [Id("C02")]),
        ], await Version(db, actor, meeting.Id, ct)), null, today, ct);
        var items = Ok(agenda, "agenda").Agenda;
        await MarkAgenda(db, meeting.Id, FirstAgendaSource, Provenance.Reconstructed, Provenance.UnofficialTranslation, ct);
        var version = await Advance(db, actor, meeting.Id, ct, MeetingStatus.Scheduled);
        var attendance = await RecordAttendance.Handle(db, actor, meeting.Id, new AttendanceInput(
        [
            new AttendeeInput("Antony J. Blinken", "DOS", "Secretary of State"),
            new AttendeeInput("Gina M. Raimondo", "DOC", "Secretary of Commerce"),
            new AttendeeInput("HAYASHI Yoshimasa", "MOFA", "Minister for Foreign Affairs"),
            new AttendeeInput("HAGIUDA Koichi", "METI", "Minister of Economy, Trade and Industry"),
        ], version), null, today, ct);
        Ok(attendance, "attendance");
        await Advance(db, actor, meeting.Id, ct, MeetingStatus.Held);

        var decision = await RecordOutcome.Handle(db, actor, meeting.Id, new OutcomeInput(OutcomeKind.Decision,
            "The ministers adopted the Joint Statement and the Action Plan.", "閣僚は共同声明及び行動計画を採択した。", items[4].Id, Version: await Version(db, actor, meeting.Id, ct)), ct);
        Ok(decision, "decision");
        var information = await RecordOutcome.Handle(db, actor, meeting.Id, new OutcomeInput(OutcomeKind.Information,
            "The ministers exchanged views on the regional economic order, economic coercion and the Indo-Pacific Economic Framework (reconstructed from the public reports of the meeting).",
            "閣僚は地域の経済秩序、経済的威圧及びインド太平洋経済枠組みについて意見交換した（会合の公開報道からの再構成。非公式訳）。", items[0].Id,
            Version: await Version(db, actor, meeting.Id, ct)), ct);
        Ok(information, "information");

        // The Action Plan's commitments already exist (from commitments.csv); the ministerial's Action outcomes point at two of them.
        var tracked = await db.Set<Meeting>().Include(m => m.Outcomes).FirstAsync(m => m.Id == meeting.Id, ct);
        foreach (var (code, itemIndex) in new[] { ("C02", 4), ("C06", 2) })
        {
            var commitmentId = Id(code);
            var commitment = await db.Set<Commitment>().FirstAsync(c => c.Id == commitmentId, ct);
            var outcome = new MeetingOutcome
            {
                MeetingId = tracked.Id,
                Position = tracked.Outcomes.Count + 1,
                Kind = OutcomeKind.Action,
                TextEn = commitment.TextEn,
                TextJa = commitment.TextJa,
                AgendaItemId = items[itemIndex].Id,
                CommitmentId = commitment.Id,
            };
            tracked.Outcomes.Add(outcome);
            commitment.SourceOutcomeId = outcome.Id;
            commitment.SourceParagraph = $"outcome {outcome.Position}";
        }

        db.Entry(tracked).State = EntityState.Modified;
        var dos = await db.Agencies.AsNoTracking().FirstAsync(a => a.Code == "DOS", ct);
        db.Add(new MeetingPaper
        {
            MeetingId = meeting.Id,
            Kind = PaperKind.JointStatement,
            Title = "Joint Statement of the U.S.-Japan Economic Policy Consultative Committee: Strengthening Economic Security and the Rules-Based Order",
            Text = "Public joint statement and Action Plan adopted at the first ministerial meeting (29 July 2022). The full text is published by both governments; see the source link of the meeting. (Demo summary.)",
            AgencyId = dos.Id,
            Label = LabelData.From(Label.Public(dos.Id, "USA")),
        });
        await db.SaveChangesAsync(ct);
        await Advance(db, actor, meeting.Id, ct, MeetingStatus.Concluded);
    }

    /// <summary>
    /// The San Francisco ministerial (14 November 2023, alongside APEC) discussed two topics (MOFA), which are its agenda
    /// and the tracks its commitments are filed under. How its 60 minutes were shared between them is not published.
    /// </summary>
    private static async Task SecondMinisterial(TandemDbContext db, Actor actor, MeetingDto meeting, Dictionary<string, CommitmentListItemDto> commitments, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        List<Guid> Ids(string track) => commitments.Values.Where(c => c.TrackCode == track).OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Id).ToList();
        var factSheet = await db.Documents.AsNoTracking().Where(d => d.Title == "EPCC fact sheet (demo)").Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        List<Guid> preReads = factSheet is { } id ? [id] : [];
        Ok(await SetAgenda.Handle(db, actor, meeting.Id, new AgendaInput(
        [
            new AgendaItemInput("Strengthening the rules-based economic order in the Indo-Pacific region", "インド太平洋地域におけるルールに基づく経済秩序の強化", "2023-1", null, 30,
                "", Ids("2023-1"), preReads),
            new AgendaItemInput("Enhancing economic resilience and promoting and protecting critical and emerging technologies", "経済的強靱性の強化及び重要・新興技術の育成・保護",
                "2023-2", null, 30, "", Ids("2023-2")),
        ], await Version(db, actor, meeting.Id, ct)), null, today, ct), "agenda of the second ministerial");
        await MarkAgenda(db, meeting.Id, SecondMinisterialSource, "seen; minutes approximate", SecondMinisterialJapanese, ct);
        var version = await Advance(db, actor, meeting.Id, ct, MeetingStatus.Scheduled);
        Ok(await RecordAttendance.Handle(db, actor, meeting.Id, new AttendanceInput(
        [
            new AttendeeInput("Antony J. Blinken", "DOS", "Secretary of State"),
            new AttendeeInput("Gina M. Raimondo", "DOC", "Secretary of Commerce"),
            new AttendeeInput("KAMIKAWA Yoko", "MOFA", "Minister for Foreign Affairs"),
            new AttendeeInput("NISHIMURA Yasutoshi", "METI", "Minister of Economy, Trade and Industry"),
        ], version), null, today, ct), "attendance of the second ministerial");
        await Advance(db, actor, meeting.Id, ct, MeetingStatus.Held, MeetingStatus.Concluded);
    }

    private static async Task MarkAgenda(TandemDbContext db, Guid meetingId, string sourceUrl, string confidence, string japaneseSource, CancellationToken ct)
    {
        foreach (var item in await db.Set<AgendaItem>().Where(a => a.MeetingId == meetingId).ToListAsync(ct))
        {
            item.SourceUrl = sourceUrl;
            item.Confidence = confidence;
            item.JapaneseSource = japaneseSource;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Dated progress reports from later public texts (progress.csv), each filed under the agency whose government
    /// published the text, with the text as its evidence. They are public (TLP:CLEAR) like their sources.
    /// </summary>
    private static async Task ProgressFromPublicTexts(TandemDbContext db, DemoForum demo, Dictionary<string, CommitmentListItemDto> commitments, CancellationToken ct)
    {
        using var reader = DemoScenario.OpenEmbedded(demo, "progress.csv") ?? throw new InvalidOperationException($"{demo.Folder}/progress.csv is not embedded.");
        var authors = await (from user in db.Users
                             join agency in db.Agencies on user.AgencyId equals agency.Id
                             where user.Email == "secretariat.us@demo.tandem" || user.Email == "secretariat.jp@demo.tandem"
                             select new { agency.Party, user.Id }).ToDictionaryAsync(a => a.Party, a => a.Id, StringComparer.Ordinal, ct);
        foreach (var row in Csv.ReadRecords(reader))
        {
            var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Code == row["agency"], ct);
            var percent = int.Parse(row["percent"], CultureInfo.InvariantCulture);
            var narrative = row["text_en"] + (percent == 0 ? " No public text gives a share of completion: 0 % here means not measured." : "")
                + $" Confidence: {row["confidence"]}.";
            db.Add(new ProgressReport
            {
                CommitmentId = commitments[row["commitment"]].Id,
                AgencyId = agency.Id,
                AuthorId = authors[agency.Party],
                ReportedOn = DateOnly.ParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Narrative = narrative,
                Percent = percent,
                EvidenceLinks = [row["source"]],
                Label = LabelData.From(Label.Public(agency.Id, agency.Party)),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Milestones make the weighted roll-up visible in the demo. They are an illustrative plan, not an official one, and
    /// carry no progress: no public text measures them.
    /// </summary>
    private static async Task IllustrativeMilestones(TandemDbContext db, Actor actor, Dictionary<string, CommitmentListItemDto> commitments, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (commitments.TryGetValue("C06", out var c06))
        {
            Ok(await SetMilestones.Handle(db, actor, c06.Id, new MilestonesInput(
            [
                new MilestoneInput("Research hub established in Japan (illustrative)", 2, null, "日本における研究開発拠点の設立（例示）"),
                new MilestoneInput("Joint research programme with the U.S. National Semiconductor Technology Center (illustrative)", 3, null, "米国国立半導体技術センターとの共同研究プログラム（例示）"),
                new MilestoneInput("Pilot line for next-generation logic (illustrative)", 5, null, "次世代ロジック半導体のパイロットライン（例示）"),
            ], (await CommitmentQueries.Find(db, actor, c06.Id, today, ct))!.Version), today, ct), "milestones C06");
        }
    }

    private static async Task<int> Version(TandemDbContext db, Actor actor, Guid meetingId, CancellationToken ct) =>
        (await MeetingQueries.Find(db, actor, meetingId, ct))!.Version;

    private static async Task<int> Advance(TandemDbContext db, Actor actor, Guid meetingId, CancellationToken ct, params MeetingStatus[] steps)
    {
        var version = (await MeetingQueries.Find(db, actor, meetingId, ct))!.Version;
        foreach (var step in steps)
        {
            version = Ok(await ChangeMeetingStatus.Handle(db, actor, meetingId, new MeetingStatusInput(step, null, version), ct), $"status {step}").Version;
        }

        return version;
    }

    private static T Ok<T>(Result<T> result, string what) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"Demo {what}: {result.Error!.Message} {string.Join(" ", result.Error.Fields.SelectMany(f => f.Value))}");

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}
