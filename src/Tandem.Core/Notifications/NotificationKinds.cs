namespace Tandem.Core.Notifications;

/// <summary>One kind of event a person can be told of, with how it is named and how a restricted one is summarised.</summary>
public sealed record NotificationKind(string Key, string NameEn, string NameJa, string NounEn, string NounsEn, string WhatEn, string RestrictedJa)
{
    public string Name(string culture) => Common.Localized.Pick(culture, NameEn, NameJa);

    /// <summary>"3 restricted documents shared with you": what an e-mail says instead of the titles of records above GREEN.</summary>
    public string Restricted(string culture, int count) =>
        culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase)
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, RestrictedJa, count)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} restricted {(count == 1 ? NounEn : NounsEn)} {WhatEn}");
}

/// <summary>The events that notify, each a stable key that preferences and the inbox use.</summary>
public static class NotificationKinds
{
    public const string DocumentShared = "document.shared";
    public const string AnalysisShared = "analysis.shared";
    public const string PaperAdded = "meeting.paper-added";
    public const string MeetingChanged = "meeting.changed";
    public const string CommitmentDueSoon = "commitment.due-soon";
    public const string CommitmentOverdue = "commitment.overdue";
    public const string CommitmentStatus = "commitment.status-changed";
    public const string ProgressRequested = "commitment.progress-requested";
    public const string NoticeFiled = "notice.filed";
    public const string NoticeDeadline = "notice.deadline-near";
    public const string CoercionReported = "coercion.reported";
    public const string CallOpened = "consultation.call-opened";
    public const string SubmissionReceived = "consultation.submission-received";
    public const string SummaryPublished = "consultation.summary-published";
    public const string CycleOpened = "compliance.cycle-opened";

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new(DocumentShared, "A document is shared with you or your agency", "文書があなたまたは所属機関に共有されたとき",
            "document", "documents", "shared with you", "制限付き文書 {0} 件があなたに共有されました"),
        new(AnalysisShared, "An analysis is shared with you or your agency", "分析があなたまたは所属機関に共有されたとき",
            "analysis", "analyses", "shared with you", "制限付き分析 {0} 件があなたに共有されました"),
        new(PaperAdded, "A paper is added to a meeting of your tracks", "担当トラックの会議に文書が追加されたとき",
            "meeting paper", "meeting papers", "added", "制限付き会議文書 {0} 件が追加されました"),
        new(MeetingChanged, "A meeting of your tracks is scheduled, changed or cancelled", "担当トラックの会議が予定・変更・中止されたとき",
            "meeting", "meetings", "changed", "会議 {0} 件が変更されました"),
        new(CommitmentDueSoon, "A commitment of your agency is due in 14 days", "所属機関のコミットメントの期限が 14 日後に迫ったとき",
            "commitment", "commitments", "due soon", "期限の迫ったコミットメント {0} 件"),
        new(CommitmentOverdue, "A commitment of your agency is overdue", "所属機関のコミットメントが期限を過ぎたとき",
            "commitment", "commitments", "overdue", "期限切れのコミットメント {0} 件"),
        new(CommitmentStatus, "A commitment of your agency changes status", "所属機関のコミットメントの状況が変わったとき",
            "commitment", "commitments", "changed status", "状況が変わったコミットメント {0} 件"),
        new(ProgressRequested, "A progress report is requested from your agency", "所属機関に進捗報告が依頼されたとき",
            "progress request", "progress requests", "received", "進捗報告の依頼 {0} 件"),
        new(NoticeFiled, "A disruption notice is filed", "供給途絶通報が提出されたとき",
            "disruption notice", "disruption notices", "filed", "制限付き供給途絶通報 {0} 件が提出されました"),
        new(NoticeDeadline, "A disruption notice reaches day 10 of its 15-day clock", "供給途絶通報が 15 日の期限の 10 日目に達したとき",
            "disruption notice", "disruption notices", "near the meeting deadline", "会合期限の迫った制限付き供給途絶通報 {0} 件"),
        new(CoercionReported, "A coercion incident is reported", "経済的威圧の事案が報告されたとき",
            "coercion incident", "coercion incidents", "reported", "制限付き経済的威圧事案 {0} 件が報告されました"),
        new(CallOpened, "A consultation call opens", "意見募集が開始されたとき",
            "consultation call", "consultation calls", "opened", "制限付き意見募集 {0} 件が開始されました"),
        new(SubmissionReceived, "A submission to a consultation call is received", "意見募集への回答が届いたとき",
            "submission", "submissions", "received", "制限付き回答 {0} 件が届きました"),
        new(SummaryPublished, "A consultation you answered publishes what it did with your input", "回答した意見募集の反映状況が公表されたとき",
            "consultation summary", "consultation summaries", "published", "制限付き意見募集の反映状況 {0} 件が公表されました"),
        new(CycleOpened, "A compliance cycle opens for scoring", "遵守状況の評価サイクルが開始されたとき",
            "compliance cycle", "compliance cycles", "opened", "評価サイクル {0} 件が開始されました"),
    ];

    public static NotificationKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    public static NotificationKind Of(string key) =>
        Find(key) ?? new NotificationKind(key, key, key, "record", "records", "", "制限付き記録 {0} 件");
}
