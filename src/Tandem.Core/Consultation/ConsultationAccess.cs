using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>
/// Who may see and do what in consultation (ADR-0701), applied inside queries:
/// <list type="bullet">
/// <item>Government readers see a call, and the non-CBI parts of its sent submissions, through the call's label.</item>
/// <item>Contributors of an approved organisation see the calls whose audience includes it and whose label admits them (never drafts), and only their own organisation's submissions.</item>
/// <item>A CBI part carries its own TLP:RED label: the organisation's contributors and the secretariat officers of the parties it chose.</item>
/// <item>Only the secretariat (and administrators) create calls, triage, publish summaries and export.</item>
/// </list>
/// </summary>
public static class ConsultationAccess
{
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    public static Viewer ViewerOf(Actor actor, TimeProvider clock) => Viewer.Of(actor, Today(clock));

    /// <summary>The secretariat of the forum (or an administrator), never a private-sector account.</summary>
    public static bool IsSecretariat(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CanManageForum && !actor.IsPrivateSector && actor.UserId is not null;
    }

    /// <summary>The approved organisation a contributor speaks for, or null.</summary>
    public static async Task<Organisation?> OrganisationOf(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPrivateSector || !actor.IsInRole(Roles.Contributor) || actor.AgencyId is not { } agency)
        {
            return null;
        }

        return await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.AgencyId == agency && o.Status == OrganisationStatus.Approved, ct);
    }

    /// <summary>The calls a reader may see, filtered in SQL.</summary>
    public static IQueryable<CallForInput> VisibleCalls(TandemDbContext db, Actor actor, Organisation? organisation, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var calls = db.Set<CallForInput>().AsNoTracking();
        if (actor.IsPrivateSector)
        {
            if (organisation is null)
            {
                return calls.Where(c => false);
            }

            // Asked or not, a contributor reads a call only through its label: a RED or AMBER call names its readers,
            // releasability and embargoes hold for companies too. Being in the audience only counts as the community a
            // GREEN call is shared with.
            var org = organisation.Id;
            return calls.VisibleToAddressee(viewer)
                .Where(c => c.State != CallState.Draft && (c.Audience == CallAudience.AllRegistered || c.Invitations.Any(i => i.OrganisationId == org)));
        }

        var visible = calls.VisibleTo(viewer);
        return IsSecretariat(actor) ? visible : visible.Where(c => c.State != CallState.Draft);
    }

    /// <summary>The sent submissions a reader may see (their non-CBI parts), and an organisation's own, in SQL.</summary>
    public static IQueryable<Submission> VisibleSubmissions(TandemDbContext db, Actor actor, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var submissions = db.Set<Submission>().AsNoTracking().VisibleTo(viewer);
        if (!actor.IsPrivateSector)
        {
            return submissions.Where(s => s.SubmittedRevision > 0);
        }

        // Contributors see their own organisation's submissions, drafts included; nothing else.
        var own = actor.IsInRole(Roles.Contributor) ? actor.AgencyId ?? Guid.Empty : Guid.Empty;
        return submissions.Where(s => s.AgencyId == own);
    }

    /// <summary>The call if the reader may see it; otherwise one denied audit entry and "not found".</summary>
    public static async Task<Result<CallForInput>> FindCall(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, string action, CancellationToken ct)
    {
        var organisation = await OrganisationOf(db, actor, ct);
        var call = await VisibleCalls(db, actor, organisation, ViewerOf(actor, clock))
            .Include(c => c.Questions).Include(c => c.Invitations).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null)
        {
            await Deny(db, nameof(CallForInput), id, action, ct);
            return Error.NotFound("Call for input");
        }

        call.Questions.Sort((a, b) => a.Number.CompareTo(b.Number));
        return call;
    }

    public static async Task<Result<Submission>> FindSubmission(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, string action, CancellationToken ct)
    {
        var submission = await VisibleSubmissions(db, actor, ViewerOf(actor, clock))
            .Include(s => s.Revisions).Include(s => s.Tags).Include(s => s.Links).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
        {
            await Deny(db, nameof(Submission), id, action, ct);
            return Error.NotFound("Submission");
        }

        return submission;
    }

    public static async Task Deny(TandemDbContext db, string objectType, Guid id, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        db.Audit(action, objectType, id.ToString("D"), AuditDecision.Denied);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The label of a submission's non-CBI parts: the call's label, never wider than the forum
    /// community (submissions are never public, and other organisations never see them), with the
    /// submitting organisation as originator and inside every audience it names.
    /// </summary>
    public static Label SubmissionLabel(Label call, Organisation organisation, IEnumerable<Guid> organisationPeople)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(organisation);
        var agency = organisation.AgencyId ?? throw new InvalidOperationException("Only approved organisations submit.");
        var level = call.Level < Tlp.Green ? Tlp.Green : call.Level;
        return new Label
        {
            Level = level,
            Parties = call.Parties?.Add(organisation.Party),
            Agencies = level is Tlp.Amber or Tlp.AmberStrict ? (call.Agencies ?? [call.Originator]).Add(agency)
                : level == Tlp.Red && call.Agencies is not null ? call.Agencies.Add(agency) : null,
            Users = level == Tlp.Red ? (call.Users ?? []).Union(organisationPeople) : null,
            CommunityOnly = true,
            Caveats = call.Caveats,
            EmbargoedUntil = call.EmbargoedUntil,
            Originator = agency,
            OriginatingParty = organisation.Party,
        };
    }

    /// <summary>
    /// The label of a CBI part: TLP:RED to the organisation's contributors and the secretariat officers
    /// of the chosen parties, each only while they stay in their agency (named people are resolved when
    /// the revision is saved; ADR-0701).
    /// </summary>
    public static async Task<Label> CbiLabel(TandemDbContext db, Organisation organisation, IReadOnlyCollection<string> parties, Guid submitter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(parties);
        var agency = organisation.AgencyId ?? throw new InvalidOperationException("Only approved organisations submit.");
        var officers = await SecretariatOfficers(db, parties, ct);
        var contributors = await ContributorsOf(db, agency, ct);
        var people = officers.Select(o => o.UserId).Concat(contributors).Append(submitter).ToList();
        return new Label
        {
            Level = Tlp.Red,
            Parties = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, parties.Append(organisation.Party)),
            Agencies = ImmutableSortedSet.CreateRange(officers.Select(o => o.AgencyId).Append(agency)),
            Users = ImmutableSortedSet.CreateRange(people),
            Caveats = ImmutableSortedSet.Create(StringComparer.Ordinal, Caveats.Cbi),
            Originator = agency,
            OriginatingParty = organisation.Party,
        };
    }

    /// <summary>The label of a file not yet sent: TLP:RED to the organisation's own people.</summary>
    public static Label DraftLabel(Organisation organisation, IEnumerable<Guid> organisationPeople)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var agency = organisation.AgencyId ?? throw new InvalidOperationException("Only approved organisations submit.");
        return new Label
        {
            Level = Tlp.Red,
            Parties = ImmutableSortedSet.Create(StringComparer.Ordinal, organisation.Party),
            Agencies = ImmutableSortedSet.Create(agency),
            Users = ImmutableSortedSet.CreateRange(organisationPeople),
            Caveats = ImmutableSortedSet.Create(StringComparer.Ordinal, Caveats.Cbi),
            Originator = agency,
            OriginatingParty = organisation.Party,
        };
    }

    /// <summary>Active secretariat officers of government agencies of the given parties.</summary>
    public static async Task<List<(Guid UserId, Guid AgencyId)>> SecretariatOfficers(TandemDbContext db, IReadOnlyCollection<string> parties, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = parties.ToList();
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          join agency in db.Agencies on user.AgencyId equals agency.Id
                          where role.Name == Roles.Secretariat && !user.Disabled && agency.Kind != AgencyKind.Private && list.Contains(agency.Party)
                          select new { user.Id, user.AgencyId }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.AgencyId)).Distinct().ToList();
    }

    /// <summary>Active contributors of an organisation's agency.</summary>
    public static async Task<List<Guid>> ContributorsOf(TandemDbContext db, Guid agency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (from user in db.Users
                      join userRole in db.UserRoles on user.Id equals userRole.UserId
                      join role in db.Roles on userRole.RoleId equals role.Id
                      where role.Name == Roles.Contributor && !user.Disabled && user.AgencyId == agency
                      select user.Id).Distinct().ToListAsync(ct);
    }

    public static string JoinParties(IEnumerable<string> parties) =>
        "|" + string.Join("|", parties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "|";

    public static IReadOnlyList<string> SplitParties(string stored) =>
        (stored ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);
}
