using Microsoft.EntityFrameworkCore;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Demo;

/// <summary>
/// The consultation part of the EPCC demo: the demo company as an approved organisation, and an open
/// call for input on semiconductor supply-chain risks for the supply-chain track (P4). Loading it
/// twice changes nothing.
/// </summary>
public static class DemoConsultation
{
    public const string CallTitle = "Semiconductor supply-chain risks";

    public static async Task Load(TandemDbContext db, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var company = await db.Agencies.FirstOrDefaultAsync(a => a.Code == "DEMO-SEMI", ct);
        var track = await db.Tracks.Include(t => t.Forum).Include(t => t.Participations).ThenInclude(p => p.Agency)
            .FirstOrDefaultAsync(t => t.Code == "P4" && t.Forum!.Code == "EPCC", ct);
        if (company is null || track is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Set<Organisation>().AnyAsync(o => o.AgencyId == company.Id, ct))
        {
            db.Set<Organisation>().Add(new Organisation
            {
                AgencyId = company.Id,
                Code = company.Code,
                Type = OrganisationType.Company,
                Status = OrganisationStatus.Approved,
                NameEn = company.NameEn,
                NameJa = company.NameJa,
                Party = company.Party,
                ContactName = "Demo contributor",
                ContactEmail = "contributor@demo.tandem",
                Description = "Fictitious maker of high-purity process chemicals and photoresists for semiconductor fabs.",
                DecidedAt = now,
            });
        }

        if (!await db.Set<CallForInput>().AnyAsync(c => c.TrackId == track.Id && c.TitleEn == CallTitle, ct))
        {
            var owner = track.Participations.FirstOrDefault(p => p.Role == ParticipationRole.CoLead && p.Agency!.Party == "USA")?.Agency
                ?? track.Participations.First(p => p.Role == ParticipationRole.CoLead).Agency!;
            var call = new CallForInput
            {
                TrackId = track.Id,
                ForumId = track.ForumId,
                TitleEn = CallTitle,
                TitleJa = "半導体サプライチェーンのリスク",
                DescriptionEn = "The supply-chain resilience working group (P4) asks companies, industry associations, labour organisations and research institutes "
                    + "where semiconductor supply chains are most exposed, and what would reduce the risk. Mark any answer that is confidential business "
                    + "information (CBI): it is then read only by your organisation and the secretariat officers of the parties you choose.",
                DescriptionJa = "サプライチェーン強靱化作業部会（P4）は、半導体サプライチェーンのどこに最も大きなリスクがあり、何がそのリスクを下げるかについて、"
                    + "企業、業界団体、労働団体及び研究機関の意見を求めます。営業秘密（CBI）に当たる回答には印を付けてください。その回答は貴団体と、"
                    + "貴団体が選んだ締約国の事務局担当者だけが読みます。",
                OpensAt = now.Date.AddDays(-1),
                ClosesAt = now.Date.AddDays(56),
                Audience = CallAudience.AllRegistered,
                State = CallState.Open,
                OwnerAgencyId = owner.Id,
                Label = LabelData.From(new Label { Level = Tlp.Green, CommunityOnly = true, Originator = owner.Id, OriginatingParty = owner.Party }),
            };
            call.Questions =
            [
                Question(call, 1, QuestionKind.Choice, true,
                    "How exposed is your organisation to a single country for critical semiconductor materials or equipment?",
                    "重要な半導体材料又は製造装置について、貴団体は特定の一か国にどの程度依存していますか。",
                    options: ["Not exposed", "Somewhat exposed", "Highly exposed"]),
                Question(call, 2, QuestionKind.Numeric, false,
                    "What share (%) of your most critical input comes from its largest supplier country?",
                    "最も重要な調達品のうち、最大の供給国からの調達割合（%）はどの程度ですか。",
                    min: 0, max: 100),
                Question(call, 3, QuestionKind.FreeText, true,
                    "Which chokepoints (materials, equipment, logistics, skills) worry you most over the next three years, and what would reduce the risk?",
                    "今後3年間で最も懸念するボトルネック（材料、装置、物流、人材）は何ですか。また、そのリスクを下げるには何が有効ですか。"),
                Question(call, 4, QuestionKind.File, false,
                    "Supporting document (optional): a study, a supplier map or a position paper.",
                    "補足資料（任意）：調査報告、供給網の図、意見書など。"),
            ];
            db.Set<CallForInput>().Add(call);
        }

        await db.SaveChangesAsync(ct);
    }

    private static Question Question(CallForInput call, int number, QuestionKind kind, bool required, string en, string ja,
        List<string>? options = null, decimal? min = null, decimal? max = null) => new()
    {
        CallId = call.Id,
        Number = number,
        Kind = kind,
        Required = required,
        TextEn = en,
        TextJa = ja,
        Options = options ?? [],
        Min = min,
        Max = max,
    };
}
