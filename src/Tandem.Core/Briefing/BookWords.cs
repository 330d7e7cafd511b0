namespace Tandem.Core.Briefing;

/// <summary>
/// The fixed words of briefing books and effectiveness reports in English and Japanese. Books are rendered by the web
/// app and by the command line alike, so their words live beside the renderer rather than in the web app's resources.
/// </summary>
public static class BookWords
{
    private static readonly Dictionary<string, string> Japanese = new(StringComparer.Ordinal)
    {
        ["Briefing book"] = "ブリーフィング資料",
        ["Contents"] = "目次",
        ["Cover"] = "表紙",
        ["Forum"] = "フォーラム",
        ["Meeting"] = "会合",
        ["Tier"] = "レベル",
        ["Status"] = "状況",
        ["Place"] = "場所",
        ["Date and time"] = "日時",
        ["Venue"] = "開催地",
        ["Prepared for"] = "閲覧者",
        ["Generated"] = "作成日時",
        ["Classification"] = "区分",
        ["Agenda"] = "議題",
        ["Item"] = "議題",
        ["Track"] = "分野",
        ["Presented by"] = "説明",
        ["Duration"] = "時間",
        ["minutes"] = "分",
        ["Decision sought"] = "求められる決定",
        ["Linked commitments"] = "関連するコミットメント",
        ["Papers"] = "資料",
        ["Meeting papers"] = "会合資料",
        ["No papers."] = "資料はありません。",
        ["Open the original"] = "原本を開く",
        ["Excerpt of the original"] = "原本の抜粋",
        ["rows shown of"] = "行を表示（全体",
        ["Commitments under the meeting's tracks"] = "会合の分野におけるコミットメント",
        ["No commitments under the meeting's tracks."] = "会合の分野にコミットメントはありません。",
        ["Commitment"] = "コミットメント",
        ["Due"] = "期限",
        ["Progress"] = "進捗",
        ["Overdue"] = "期限超過",
        ["Responsible agencies"] = "担当機関",
        ["lead"] = "主担当",
        ["supporting"] = "支援",
        ["Milestones"] = "マイルストーン",
        ["Weight"] = "重み",
        ["Last progress report"] = "最新の進捗報告",
        ["No progress report."] = "進捗報告はありません。",
        ["Compliance scorecard"] = "遵守状況スコアカード",
        ["No assessment cycle covers these commitments yet."] = "これらのコミットメントを対象とする評価サイクルはまだありません。",
        ["Window"] = "対象期間",
        ["By party"] = "当事国別",
        ["By track"] = "分野別",
        ["Scored"] = "採点済み",
        ["Average"] = "平均",
        ["Open notices and coercion incidents"] = "未完了の通報及び経済的威圧事案",
        ["Disruption notices"] = "供給途絶通報",
        ["Coercion incidents"] = "経済的威圧事案",
        ["None open."] = "未完了のものはありません。",
        ["Notifying party"] = "通報国",
        ["Deadline"] = "期限",
        ["Target"] = "対象国",
        ["Coercing party"] = "威圧国",
        ["Phase"] = "段階",
        ["Started"] = "開始",
        ["Attendance"] = "出席者",
        ["No attendance recorded."] = "出席者は記録されていません。",
        ["Name"] = "氏名",
        ["Agency"] = "機関",
        ["Party"] = "当事国",
        ["Role"] = "役割",
        ["English text: no Japanese text is recorded."] = "英語の原文（日本語のテキストは登録されていません）",
        ["(English)"] = "（英語）",
        ["(unofficial translation)"] = "（非公式訳）",
        ["Page"] = "ページ",
        ["of"] = "/",
        ["Effectiveness report"] = "有効性報告書",
        ["Every cycle"] = "全サイクル",
        ["Year"] = "年",
        ["Summary"] = "概要",
        ["Cycles"] = "評価サイクル",
        ["Cycle"] = "サイクル",
        ["Overall"] = "全体",
        ["Compliance by party"] = "当事国別の遵守状況",
        ["Compliance by track"] = "分野別の遵守状況",
        ["Compliance by agency"] = "機関別の遵守状況",
        ["Partnership index"] = "パートナーシップ指数",
        ["Trends across cycles"] = "サイクル間の推移",
        ["Commitments kept and broken"] = "履行されたコミットメントと履行されなかったコミットメント",
        ["Kept"] = "履行",
        ["Broken"] = "不履行",
        ["Evidence"] = "根拠",
        ["Verdict"] = "判定",
        ["true partner"] = "真のパートナー",
        ["supporter"] = "支援のみ",
        ["Lead share"] = "主導割合",
        ["Leads"] = "主導",
        ["Supports"] = "支援",
        ["Delivered"] = "達成",
        ["Owned"] = "主担当",
        ["No assessment cycle in this period."] = "この期間に評価サイクルはありません。",
        ["No commitment is kept or broken on the scores so far."] = "現在のスコアでは、履行又は不履行と判定されたコミットメントはありません。",
        ["Not scored."] = "未採点。",
    };

    public static string Get(string language, string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        return BriefingLanguage.IsJapanese(language) && Japanese.TryGetValue(english, out var ja) ? ja : english;
    }

    /// <summary>"2 papers are not shown to you" in the book's language.</summary>
    public static string Withheld(string language, int count, string englishSingular, string englishPlural, string japaneseNoun) =>
        BriefingLanguage.IsJapanese(language)
            ? $"閲覧権限のない{japaneseNoun}が{count}件あり、表示していません。"
            : count == 1 ? $"1 {englishSingular} is not shown to you." : $"{count} {englishPlural} are not shown to you.";
}
