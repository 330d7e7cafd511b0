using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Compliance;

/// <summary>Opens an assessment cycle of a forum: its window, scheme, unscored rule, percent convention and assessed parties.</summary>
public static partial class CreateCycle
{
    [GeneratedRegex("^[A-Z]{2,3}$")]
    private static partial Regex PartyCode();

    public static async Task<Result<CycleDto>> Handle(TandemDbContext db, Actor actor, CycleInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may open assessment cycles.");
        }

        var forum = input.ForumId is { } forumId && await ForumCommunity.IsMember(db, actor, forumId, ct)
            ? await db.Forums.AsNoTracking().Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == forumId, ct)
            : null;
        var validation = Validate(input, forum);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var name = input.Name!.Trim();
        if (await db.Set<AssessmentCycle>().AnyAsync(c => c.ForumId == forum!.Id && c.Name == name, ct))
        {
            return Error.Duplicate("name", $"Forum {forum!.Code} already has a cycle named {name}.");
        }

        var cycle = new AssessmentCycle { ForumId = forum!.Id, Name = name };
        Apply(cycle, input, forum);
        if (input.IncludeForumCommitments)
        {
            var end = cycle.WindowEnd;
            var ids = await db.Set<Commitment>().Where(c => c.ForumId == forum.Id && c.Status != CommitmentStatus.Superseded && (c.MadeOn == null || c.MadeOn <= end))
                .Select(c => c.Id).ToListAsync(ct);
            cycle.Commitments.AddRange(ids.Select(id => new CycleCommitment { CycleId = cycle.Id, CommitmentId = id }));
        }

        db.Add(cycle);

        // Those who score compliance in the forum's community hear that a cycle is waiting for their scores.
        var assessors = await NotificationAudience.WhoMaySee(db, NotificationAudience.OfForum(db, forum.Id)
                .Where(u => NotificationAudience.InRoles(db, Roles.Secretariat, Roles.Analyst, Roles.Admin).Select(a => a.Id).Contains(u.Id)),
            LabelData.From(await ForumCommunity.Audience(db, forum.Id, ct)), DateOnly.FromDateTime(DateTime.UtcNow), ct, actor.UserId);
        NotificationUseCases.Send(db, assessors, NotificationKinds.CycleOpened, $"Compliance cycle open for scoring: {forum.Code} {cycle.Name}",
            $"遵守状況の評価サイクルが開始されました: {forum.Code} {cycle.Name}", $"/compliance/{cycle.Id:D}", DateTime.UtcNow);
        await db.SaveChangesAsync(ct);
        return await CycleQueries.Get(db, actor, cycle.Id, ct);
    }

    internal static Validation Validate(CycleInput input, Forum? forum)
    {
        var validation = new Validation().Required("name", input.Name, 200).Optional("notes", input.Notes, 4000);
        if (forum is null)
        {
            validation.Add("forumId", input.ForumId is null ? "forumId is required." : "forumId is not a forum you belong to.");
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            validation.Add("kind", "kind is required: Interim or Final.");
        }

        if (input.WindowStart is null)
        {
            validation.Add("windowStart", "windowStart is required.");
        }

        if (input.WindowEnd is null)
        {
            validation.Add("windowEnd", "windowEnd is required.");
        }
        else if (input.WindowStart is { } start && input.WindowEnd < start)
        {
            validation.Add("windowEnd", "windowEnd cannot be before windowStart.");
        }

        if (input.Scheme is { } scheme && !Enum.IsDefined(scheme))
        {
            validation.Add("scheme", "scheme must be G7 or Ogp.");
        }

        if (input.Unscored is { } unscored && !Enum.IsDefined(unscored))
        {
            validation.Add("unscored", "unscored must be Exclude or CountAsZero.");
        }

        if (input.Percent is { } percent && !Enum.IsDefined(percent))
        {
            validation.Add("percent", "percent must be Current or Historic.");
        }

        var parties = input.Parties ?? [];
        if (parties.Count > 50)
        {
            validation.Add("parties", "At most 50 assessed parties.");
        }

        foreach (var party in parties)
        {
            if (!PartyCode().IsMatch(party?.Trim().ToUpperInvariant() ?? ""))
            {
                validation.Add("parties", $"'{ForumRules.Truncate(party ?? "")}' is not a party code (two or three capital letters).");
            }
        }

        return validation;
    }

    internal static void Apply(AssessmentCycle cycle, CycleInput input, Forum forum)
    {
        cycle.Kind = input.Kind!.Value;
        cycle.WindowStart = input.WindowStart!.Value;
        cycle.WindowEnd = input.WindowEnd!.Value;
        cycle.Scheme = input.Scheme ?? cycle.Scheme;
        cycle.Unscored = input.Unscored ?? cycle.Unscored;
        cycle.Percent = input.Percent ?? cycle.Percent;
        cycle.Notes = input.Notes?.Trim() ?? "";

        // By default a cycle assesses every party of the forum.
        cycle.Parties = input.Parties is { Count: > 0 } given
            ? given.Select(p => p.Trim().ToUpperInvariant()).Distinct().ToList()
            : cycle.Parties.Count > 0 ? cycle.Parties : forum.Parties.Select(p => p.Party).Order(StringComparer.Ordinal).ToList();
    }
}
