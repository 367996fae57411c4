//! The family app's own words, each once, in both languages. A long file on
//! purpose: it is one table (a variant and its two texts), read by lookup, with
//! nothing else in it; the coordinators' words still here are those their
//! screens share with the family app's.

use tsunagu_model::Lang;

/// Every text the app shows that is not data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    AppName,
    NavHome,
    NavMeetings,
    NavPlans,
    NavNotebook,
    NavDirectory,
    DirectoryTitle,
    DirectorySearch,
    DirectoryNoneFound,
    NavConsult,
    FamilyTeamTitle,
    ProposalsTitle,
    ProposalAccept,
    ProposalDecline,
    ChooseScope,
    MeetingEnds,
    RecentContactsTitle,
    AdviceTitle,
    AdviceTitleMentor,
    AdviceFromParent,
    AdviceFromMentor,
    AdviceMarkHandled,
    AdviceWrite,
    AdviceReply,
    AdviceEmpty,
    AdviceSend,
    ConsultTitle,
    ConsultIntro,
    AdviceOpen,
    NavContactLog,
    ContactLogTitle,
    ContactOn,
    ContactChannelLabel,
    ContactNote,
    ContactFollowUp,
    ContactSave,
    ContactSaved,
    ContactFollowUpDone,
    FollowUpsTitle,
    FollowUpOverdue,
    ShareWhat,
    MainNavigation,
    SwitchLanguage,
    Family,
    NextMeeting,
    LaterMeetings,
    NoUpcomingMeetings,
    UpcomingMeetings,
    PastMeetings,
    NoPastMeetings,
    Purpose,
    Place,
    Members,
    Loading,
    Offline,
    LoadFailed,
    Retry,
    ScreenNotLoaded,
    NoFamily,
    Children,
    PlansIntro,
    NoPlansYet,
    PageNotFound,
    BackHome,
    SignInIntro,
    LoginName,
    LoginNameHint,
    Password,
    PasswordHint,
    PasswordAgain,
    SignIn,
    SignOut,
    Working,
    WrongLogin,
    TooManyAttempts,
    SessionEnded,
    InviteTitle,
    InviteIntro,
    CreateAccount,
    InviteGone,
    InviteUnknown,
    LoginTaken,
    PasswordsDiffer,
    NoInviteCode,
    AccessLogTitle,
    AccessLogIntro,
    AccessLogEmpty,
    ServerAdmin,
    MenteesTitle,
    MenteesIntro,
    MenteesEmpty,
    SharingTitle,
    SharingIntro,
    SharingNone,
    ShareWith,
    ShareMeetingDates,
    StopSharing,
    AlreadyShared,
    StaffLink,
    PasskeySetUp,
    PasskeySetUpIntro,
    PasskeySignIn,
    OrPassword,
    PasskeyCancelled,
    PasskeyUnavailable,
    PasskeyFailed,
    PasskeyUnknown,
    UpdateReady,
    EarlierWords,
    EarlierNeedsConnection,
    EarlierNone,
    EarlierRestore,
    NotebookParentsOnly,
    SharedBadge,
    SharedByFamily,
    ShareWithFamily,
    UpdateNow,
    NotebookNew,
    NotebookEmpty,
    NotebookPrivate,
    Kind,
    NotebookWords,
    NotebookBack,
    NotebookDelete,
    NotebookMissing,
    NotebookUntitled,
    NotebookSignIn,
    ConflictTitle,
    ConflictIntro,
    ConflictKeep,
    RejectedTitle,
    RejectedDismiss,
    SyncSynced,
    SyncStarting,
    SyncOffline,
    SyncSignInAgain,
    SyncProblem,
    SyncNoStorage,
    SyncNow,
    Evaluation,
    StrengthsAndNeeds,
    ParentWishes,
    ChildWishes,
    WithdrawnLead,
    Undo,
    BringToMeetingHeading,
    ItemWithdrawn,
    ToBeBrought,
    NoOutcomeShort,
    WithdrawItem,
    ToWhichMeeting,
    WordingForTeam,
    WordingForTeamHint,
    BringInTheseWords,
    BringToMeetingOpen,
    MyItemsHeading,
    NothingYet,
    PickFromNotebook,
    NothingWasBrought,
    MoveUp,
    MoveDown,
    OrderItemsHint,
    StillOpenHeading,
    BringHereToo,
    BringingSummaryTitle,
    PrepareForMeeting,
    NotebookTrash,
    JoiningWaits,
    ParentsToConfirm,
    InvitedBy,
    ConfirmParent,
    TurnDown,
    CancelledMeetings,
    Online,
    MeetingMissing,
    MeetingCancelled,
    When,
    Child,
    Agenda,
    AgreedHeading,
    AgreedLastTime,
    PrintSheet,
    BroughtHeading,
    BroughtNothing,
    ItemsMeetingCancelled,
    NoOutcomeYet,
    DirectionOfSupport,
    MyTasks,
    EveryonesPart,
    NextTargetDate,
    FollowUps,
    SharedWithMeTitle,
    NoneAtTheMoment,
    EntryTags,
    EntryChild,
    ChooseNone,
    Search,
    FilterAll,
    FilterStatus,
    NoEntryMatches,
    ClearFilters,
    PickingFor,
    BackToMeeting,
    WithMentorBadge,
    PickedHere,
    PickEntry,
    MentorShareLabel,
    NotShared,
    MentorNeedsConnection,
    MentorShareYes,
    Cancel,
    EraToggle,
    ThroughTheYears,
    PlanMissing,
    Goals,
    GoalThread,
    Supports,
    AgencyParts,
    AccessLogOffline,
    AccessLogLoadFailed,
    ShowOlderLines,
    SharingNeedsConnection,
    NoMentorToChoose,
    MentorsLoadFailed,
    SharingLoadFailed,
    ChooseMentor,
    Share,
    SignOutKeepData,
    SignOutRemoveData,
    Trash,
    TrashEmpty,
    Restore,
    DeleteNow,
    AnswerHeading,
    AnswerIntro,
    AnswerNotGiven,
    AnswerNote,
    AnswerNoteHint,
    AnswerSaveNote,
    AnswerFixed,
    AnswerNotSaved,
    AddToCalendar,
    RemindersLink,
    RemindersTitle,
    RemindersIntro,
    RemindersComing,
    RemindersNoneComing,
    RemindersMissed,
    RemindersMissedIntro,
    RemindersSent,
    RemindersNoneSent,
    RemindersNeedConnection,
    RemindersLastFetched,
    RemindersLoadFailed,
    RemindAt,
    PreparationReminder,
    ChannelPush,
    ChannelCalendar,
    ChannelApp,
    ReminderSettingsLink,
    ReminderSettingsTitle,
    ReminderSettingsLoadFailed,
    ReminderSettingsNeedConnection,
    LeadTimesHeading,
    LeadOn,
    DaysBefore,
    MorningHour,
    EarlyHoursBefore,
    PreparationOn,
    SaveSettings,
    SettingsSaved,
    PushHeading,
    PushToggle,
    PushIntro,
    PushDenied,
    PushUnsupported,
    PushElsewhere,
    PushFailed,
    FeedHeading,
    FeedIntro,
    FeedMake,
    FeedUrl,
    FeedCopy,
    FeedCopied,
    FeedSubscribe,
    FeedQrHint,
    FeedRegenerate,
    FeedRegenerateConfirm,
    FeedRemove,
    FeedRemoveConfirm,
    FeedPrivacyHeading,
    FeedPrivacyIntro,
    FeedShowChildName,
    FeedShowPurpose,
    SettingsNotSaved,
    CancelledReminder,
    FollowUpReminder,
}

pub fn text(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    match (lang, key) {
        (Lang::Ja, AppName) => "つなぐ",
        (Lang::En, AppName) => "Tsunagu",
        (Lang::Ja, NavHome) => "ホーム",
        (Lang::En, NavHome) => "Home",
        (Lang::Ja, NavMeetings) => "会議",
        (Lang::En, NavMeetings) => "Meetings",
        (Lang::Ja, NavPlans) => "計画",
        (Lang::En, NavPlans) => "Plans",
        (Lang::Ja, NavNotebook) => "ノート",
        (Lang::En, NavNotebook) => "Notebook",
        (Lang::Ja, NavDirectory) => "連絡先",
        (Lang::En, NavDirectory) => "Contacts",
        (Lang::Ja, DirectoryTitle) => "支援の連絡先",
        (Lang::En, DirectoryTitle) => "Support directory",
        (Lang::Ja, DirectorySearch) => "さがす（ひらがな・カタカナどちらでも）",
        (Lang::En, DirectorySearch) => "Search (any kana, any width)",
        (Lang::Ja, DirectoryNoneFound) => "見つかりませんでした。",
        (Lang::En, DirectoryNoneFound) => "Nothing found.",
        (Lang::Ja, AdviceTitle) => "メンターとのやりとり",
        (Lang::En, AdviceTitle) => "With your mentor",
        (Lang::Ja, AdviceTitleMentor) => "保護者とのやりとり",
        (Lang::En, AdviceTitleMentor) => "With the parent",
        (Lang::Ja, AdviceFromParent) => "保護者",
        (Lang::En, AdviceFromParent) => "Parent",
        (Lang::Ja, AdviceFromMentor) => "メンター",
        (Lang::En, AdviceFromMentor) => "Mentor",
        (Lang::Ja, AdviceMarkHandled) => "対応済みにする",
        (Lang::En, AdviceMarkHandled) => "Mark handled",
        (Lang::Ja, AdviceWrite) => "アドバイスを書く",
        (Lang::En, AdviceWrite) => "Write your advice",
        (Lang::Ja, AdviceReply) => "返事を書く",
        (Lang::En, AdviceReply) => "Write a reply",
        (Lang::Ja, AdviceEmpty) => "何か書いてから送ってください。",
        (Lang::En, AdviceEmpty) => "Write something first.",
        (Lang::Ja, AdviceSend) => "送る",
        (Lang::En, AdviceSend) => "Send",
        (Lang::Ja, ConsultTitle) => "相談",
        (Lang::En, ConsultTitle) => "Advice",
        (Lang::Ja, ConsultIntro) => {
            "保護者が相談のために見せてくれた書きこみです。お返事はその保護者にだけ届きます。"
        }
        (Lang::En, ConsultIntro) => {
            "Entries parents showed you for advice. Your answer reaches that parent only."
        }
        (Lang::Ja, AdviceOpen) => "やりとりを開く",
        (Lang::En, AdviceOpen) => "Open the thread",
        (Lang::Ja, RecentContactsTitle) => "最近の連絡",
        (Lang::En, RecentContactsTitle) => "Recent contacts",
        (Lang::Ja, MeetingEnds) => "終わり",
        (Lang::En, MeetingEnds) => "Ends",
        (Lang::Ja, ProposalsTitle) => "メンターの紹介",
        (Lang::En, ProposalsTitle) => "A mentor for your family",
        (Lang::Ja, ProposalAccept) => "選んだ範囲で受ける",
        (Lang::En, ProposalAccept) => "Accept with what I ticked",
        (Lang::Ja, ProposalDecline) => "今回は見送る",
        (Lang::En, ProposalDecline) => "Not now",
        (Lang::Ja, ChooseScope) => "見せるものを一つ以上選んでください。",
        (Lang::En, ChooseScope) => "Tick at least one thing to share.",
        (Lang::Ja, FamilyTeamTitle) => "わが家のチーム",
        (Lang::En, FamilyTeamTitle) => "Our family's team",
        (Lang::Ja, NavConsult) => "相談",
        (Lang::En, NavConsult) => "Advice",
        (Lang::Ja, NavContactLog) => "記録",
        (Lang::En, NavContactLog) => "Log",
        (Lang::Ja, ContactLogTitle) => "連絡の記録",
        (Lang::En, ContactLogTitle) => "Contact log",
        (Lang::Ja, ContactOn) => "日付",
        (Lang::En, ContactOn) => "Date",
        (Lang::Ja, ContactChannelLabel) => "方法",
        (Lang::En, ContactChannelLabel) => "Channel",
        (Lang::Ja, ContactNote) => "ひとことメモ",
        (Lang::En, ContactNote) => "Short note",
        (Lang::Ja, ContactFollowUp) => "次に連絡する日",
        (Lang::En, ContactFollowUp) => "Follow up on",
        (Lang::Ja, ContactSave) => "記録する",
        (Lang::En, ContactSave) => "Log it",
        (Lang::Ja, ContactSaved) => "記録しました（オフラインでも、つながったら送ります）。",
        (Lang::En, ContactSaved) => "Logged (offline too: it goes when you are back online).",
        (Lang::Ja, ContactFollowUpDone) => "連絡した",
        (Lang::En, ContactFollowUpDone) => "Done",
        (Lang::Ja, FollowUpsTitle) => "連絡する予定",
        (Lang::En, FollowUpsTitle) => "Follow-ups",
        (Lang::Ja, FollowUpOverdue) => "期限切れ",
        (Lang::En, FollowUpOverdue) => "Overdue",
        (Lang::Ja, ShareWhat) => "見せるもの",
        (Lang::En, ShareWhat) => "What to share",
        (Lang::Ja, MainNavigation) => "メインメニュー",
        (Lang::En, MainNavigation) => "Main menu",
        // The switch is labelled in the language it switches to, so it can be
        // found by someone who cannot read the current one.
        (Lang::Ja, SwitchLanguage) => "English",
        (Lang::En, SwitchLanguage) => "日本語",
        (Lang::Ja, Family) => "ご家族",
        (Lang::En, Family) => "Family",
        (Lang::Ja, NextMeeting) => "次の会議",
        (Lang::En, NextMeeting) => "Next meeting",
        (Lang::Ja, LaterMeetings) => "このあとの予定",
        (Lang::En, LaterMeetings) => "After that",
        (Lang::Ja, NoUpcomingMeetings) => "予定されている会議はありません。",
        (Lang::En, NoUpcomingMeetings) => "No meetings are planned.",
        (Lang::Ja, UpcomingMeetings) => "これからの会議",
        (Lang::En, UpcomingMeetings) => "Coming meetings",
        (Lang::Ja, PastMeetings) => "これまでの会議",
        (Lang::En, PastMeetings) => "Past meetings",
        (Lang::Ja, NoPastMeetings) => "まだ開かれた会議はありません。",
        (Lang::En, NoPastMeetings) => "No meetings have been held yet.",
        (Lang::Ja, Purpose) => "開催目的",
        (Lang::En, Purpose) => "Purpose",
        (Lang::Ja, Place) => "場所",
        (Lang::En, Place) => "Place",
        (Lang::Ja, Members) => "参加者",
        (Lang::En, Members) => "Taking part",
        (Lang::Ja, Loading) => "読み込み中…",
        (Lang::En, Loading) => "Loading…",
        (Lang::Ja, Offline) => "オフラインです。つながったら最新の予定を表示します。",
        (Lang::En, Offline) => {
            "You are offline. The latest plans will show once you are connected."
        }
        (Lang::Ja, LoadFailed) => "予定を読み込めませんでした。",
        (Lang::En, LoadFailed) => "Could not load your meetings.",
        (Lang::Ja, Retry) => "もう一度読み込む",
        (Lang::En, Retry) => "Try again",
        (Lang::Ja, ScreenNotLoaded) => {
            "この画面はまだこの端末に保存されていません。つながってからもう一度開いてください。"
        }
        (Lang::En, ScreenNotLoaded) => {
            "This screen is not on this device yet. Open it again once you are connected."
        }
        (Lang::Ja, NoFamily) => {
            "まだご家族が登録されていません。地域コーディネーターにご相談ください。"
        }
        (Lang::En, NoFamily) => {
            "No family is registered yet. Please ask your regional coordinator."
        }
        (Lang::Ja, Children) => "お子さん",
        (Lang::En, Children) => "Children",
        (Lang::Ja, PlansIntro) => {
            "個別の教育支援計画(年1回)と個別の指導計画(前期・後期)の要点です。目標ごとに、これまでの歩みをたどれます。"
        }
        (Lang::En, PlansIntro) => {
            "Summaries of the yearly support plan and the per-term teaching plans. Each goal shows how it went over time."
        }
        (Lang::Ja, NoPlansYet) => "まだ届いた計画はありません。",
        (Lang::En, NoPlansYet) => "No plan has been published yet.",
        (Lang::Ja, PageNotFound) => "このページは見つかりません。",
        (Lang::En, PageNotFound) => "This page does not exist.",
        (Lang::Ja, BackHome) => "ホームへ戻る",
        (Lang::En, BackHome) => "Back to home",
        (Lang::Ja, PasskeySetUp) => "パスキーで設定する",
        (Lang::En, PasskeySetUp) => "Set up with a passkey",
        (Lang::Ja, PasskeySetUpIntro) => {
            "パスキーなら、この端末の顔認証・指紋・画面ロックでサインインできます。覚えるパスワードはありません。"
        }
        (Lang::En, PasskeySetUpIntro) => {
            "With a passkey you sign in with this device's face, fingerprint or screen lock. There is no password to remember."
        }
        (Lang::Ja, PasskeySignIn) => "パスキーでサインイン",
        (Lang::En, PasskeySignIn) => "Sign in with a passkey",
        (Lang::Ja, OrPassword) => "パスキーが使えない端末では、パスワードで",
        (Lang::En, OrPassword) => "On a device without passkeys, use a password",
        (Lang::Ja, PasskeyCancelled) => {
            "パスキーの操作が取り消されました。もう一度お試しいただくか、パスワードをお使いください。"
        }
        (Lang::En, PasskeyCancelled) => {
            "The passkey request was cancelled. Please try again, or use a password."
        }
        (Lang::Ja, PasskeyUnavailable) => {
            "この端末・このアドレスではパスキーを使えません。パスワードをお使いください。"
        }
        (Lang::En, PasskeyUnavailable) => {
            "Passkeys cannot be used on this device or at this address. Please use a password."
        }
        (Lang::Ja, PasskeyFailed) => {
            "パスキーを使えませんでした。もう一度お試しいただくか、パスワードをお使いください。"
        }
        (Lang::En, PasskeyFailed) => {
            "The passkey did not work. Please try again, or use a password."
        }
        (Lang::Ja, PasskeyUnknown) => {
            "このパスキーは登録されていません。別の方法でサインインしてください。"
        }
        (Lang::En, PasskeyUnknown) => {
            "This passkey is not registered here. Please sign in another way."
        }
        (Lang::Ja, NotebookNew) => "新しく書く",
        (Lang::En, NotebookNew) => "Write something new",
        (Lang::Ja, NotebookEmpty) => {
            "まだ何も書いていません。会議で伝えたい願いや質問、気になることを書き留めましょう。"
        }
        (Lang::En, NotebookEmpty) => {
            "Nothing written yet. Note the wishes, questions and worries you want to bring to a meeting."
        }
        (Lang::Ja, NotebookPrivate) => "ここに書いたことは、あなただけが見られます。",
        (Lang::En, NotebookPrivate) => "Only you can see what you write here.",
        (Lang::Ja, Kind) => "種類",
        (Lang::En, Kind) => "Kind",
        (Lang::Ja, NotebookWords) => "内容",
        (Lang::En, NotebookWords) => "What you want to say",
        (Lang::Ja, NotebookBack) => "ノートへ戻る",
        (Lang::En, NotebookBack) => "Back to the notebook",
        (Lang::Ja, NotebookDelete) => "この記録を削除",
        (Lang::En, NotebookDelete) => "Delete this entry",
        (Lang::Ja, NotebookMissing) => {
            "この記録はありません(削除されたか、この端末にまだ届いていません)。"
        }
        (Lang::En, NotebookMissing) => {
            "This entry is not here (deleted, or not yet on this device)."
        }
        (Lang::Ja, NotebookUntitled) => "(まだ書かれていません)",
        (Lang::En, NotebookUntitled) => "(nothing written yet)",
        (Lang::Ja, NotebookSignIn) => "ノートを開くにはサインインしてください。",
        (Lang::En, NotebookSignIn) => "Please sign in to open your notebook.",
        (Lang::Ja, ConflictTitle) => "2つの端末で同時に書き換えられました",
        (Lang::En, ConflictTitle) => "This was changed on two devices at once",
        (Lang::Ja, ConflictIntro) => "どちらも残してあります。残す方を選んでください。",
        (Lang::En, ConflictIntro) => "Both versions are kept. Choose the one to keep.",
        (Lang::Ja, ConflictKeep) => "こちらを残す",
        (Lang::En, ConflictKeep) => "Keep this one",
        (Lang::Ja, RejectedTitle) => "サーバーに保存されなかった変更",
        (Lang::En, RejectedTitle) => "Changes the server did not save",
        (Lang::Ja, RejectedDismiss) => "確認した",
        (Lang::En, RejectedDismiss) => "Got it",
        (Lang::Ja, SyncSynced) => "同期済み",
        (Lang::En, SyncSynced) => "Synced",
        (Lang::Ja, SyncStarting) => "準備中…",
        (Lang::En, SyncStarting) => "Getting ready…",
        (Lang::Ja, SyncOffline) => "オフライン(接続が戻ると送ります)",
        (Lang::En, SyncOffline) => "Offline (sent when the connection returns)",
        (Lang::Ja, SyncSignInAgain) => {
            "サインインの期限が切れました。もう一度サインインすると、待っている変更が送られます"
        }
        (Lang::En, SyncSignInAgain) => {
            "Your sign-in has ended. Sign in again and the waiting changes will be sent"
        }
        (Lang::Ja, SyncProblem) => "同期できませんでした。少し後で自動的にやり直します",
        (Lang::En, SyncProblem) => "Could not sync. It will try again shortly",
        (Lang::Ja, SyncNoStorage) => {
            "このブラウザーでは端末に保存できません(プライベートモードなど)"
        }
        (Lang::En, SyncNoStorage) => "This browser does not let the app keep data (private mode?)",
        (Lang::Ja, SyncNow) => "今すぐ同期",
        (Lang::En, SyncNow) => "Sync now",
        (Lang::Ja, Evaluation) => "評価",
        (Lang::En, Evaluation) => "Evaluation",
        (Lang::Ja, StrengthsAndNeeds) => "本人の様子(得意なこと・苦手なこと)",
        (Lang::En, StrengthsAndNeeds) => "Strengths and needs",
        (Lang::Ja, ParentWishes) => "保護者の願い",
        (Lang::En, ParentWishes) => "Parent's wishes",
        (Lang::Ja, ChildWishes) => "本人の願い",
        (Lang::En, ChildWishes) => "Child's wishes",
        (Lang::Ja, WithdrawnLead) => "取り下げました: ",
        (Lang::En, WithdrawnLead) => "Withdrawn: ",
        (Lang::Ja, Undo) => "元に戻す",
        (Lang::En, Undo) => "Undo",
        (Lang::Ja, BringToMeetingHeading) => "会議に持っていく",
        (Lang::En, BringToMeetingHeading) => "Bring to a meeting",
        (Lang::Ja, ItemWithdrawn) => "取り下げました",
        (Lang::En, ItemWithdrawn) => "Withdrawn",
        (Lang::Ja, ToBeBrought) => "持っていきます",
        (Lang::En, ToBeBrought) => "To be brought",
        (Lang::Ja, NoOutcomeShort) => "結果はまだ届いていません",
        (Lang::En, NoOutcomeShort) => "No outcome recorded yet",
        (Lang::Ja, WithdrawItem) => "取り下げる",
        (Lang::En, WithdrawItem) => "Withdraw",
        (Lang::Ja, ToWhichMeeting) => "どの会議に",
        (Lang::En, ToWhichMeeting) => "To which meeting",
        (Lang::Ja, WordingForTeam) => "チームに見せる言葉",
        (Lang::En, WordingForTeam) => "The words the team will see",
        (Lang::Ja, WordingForTeamHint) => {
            "会議の参加者に見えるのはこの言葉だけです。ノートの元の文章は、あなただけのままです。"
        }
        (Lang::En, WordingForTeamHint) => {
            "The team sees only these words. Your note itself stays yours alone."
        }
        (Lang::Ja, BringInTheseWords) => "この言葉で持っていく",
        (Lang::En, BringInTheseWords) => "Bring it in these words",
        (Lang::Ja, BringToMeetingOpen) => "会議に持っていく…",
        (Lang::En, BringToMeetingOpen) => "Bring to a meeting…",
        (Lang::Ja, MyItemsHeading) => "わたしが持っていくこと",
        (Lang::En, MyItemsHeading) => "What I am bringing",
        (Lang::Ja, NothingYet) => "まだありません。",
        (Lang::En, NothingYet) => "Nothing yet.",
        (Lang::Ja, PickFromNotebook) => "ノートから選ぶ",
        (Lang::En, PickFromNotebook) => "Choose from the notebook",
        (Lang::Ja, NothingWasBrought) => {
            "この会議には、ノートから持っていったものはありませんでした。"
        }
        (Lang::En, NothingWasBrought) => "Nothing from the notebook was brought to this meeting.",
        (Lang::Ja, MoveUp) => "上へ",
        (Lang::En, MoveUp) => "Move up",
        (Lang::Ja, MoveDown) => "下へ",
        (Lang::En, MoveDown) => "Move down",
        (Lang::Ja, OrderItemsHint) => {
            "大切なものから順に並べてください。会議が始まるまで取り下げられます。"
        }
        (Lang::En, OrderItemsHint) => {
            "Put the most important first. You can withdraw an item until the meeting starts."
        }
        (Lang::Ja, StillOpenHeading) => "前回から持ち越していること",
        (Lang::En, StillOpenHeading) => "Still open from before",
        (Lang::Ja, BringHereToo) => "この会議にも持っていく",
        (Lang::En, BringHereToo) => "Bring to this meeting too",
        (Lang::Ja, BringingSummaryTitle) => "持っていくこと",
        (Lang::En, BringingSummaryTitle) => "What I am bringing",
        (Lang::Ja, PrepareForMeeting) => "この会議の準備をする",
        (Lang::En, PrepareForMeeting) => "Prepare for this meeting",
        (Lang::Ja, NotebookTrash) => "ノートのごみ箱",
        (Lang::En, NotebookTrash) => "Notebook trash",
        (Lang::Ja, JoiningWaits) => {
            "ご家族の保護者の確認を待っています。確認されるまで、保護者どうしで共有しているノートは届きません。"
        }
        (Lang::En, JoiningWaits) => {
            "Waiting for the family's parents to confirm you. Until then, notes the parents share with each other do not reach you."
        }
        (Lang::Ja, ParentsToConfirm) => "新しい保護者の確認",
        (Lang::En, ParentsToConfirm) => "New parents to confirm",
        (Lang::Ja, InvitedBy) => "招待した人",
        (Lang::En, InvitedBy) => "invited by",
        (Lang::Ja, ConfirmParent) => "家族の保護者として確認する",
        (Lang::En, ConfirmParent) => "Confirm as a parent of the family",
        (Lang::Ja, TurnDown) => "断る",
        (Lang::En, TurnDown) => "Turn down",
        (Lang::Ja, CancelledMeetings) => "中止になった会議",
        (Lang::En, CancelledMeetings) => "Cancelled meetings",
        (Lang::Ja, Online) => "オンライン",
        (Lang::En, Online) => "Online",
        (Lang::Ja, MeetingMissing) => "この会議は見つかりません。",
        (Lang::En, MeetingMissing) => "This meeting is not on this device.",
        (Lang::Ja, MeetingCancelled) => "この会議は中止になりました。",
        (Lang::En, MeetingCancelled) => "This meeting was cancelled.",
        (Lang::Ja, When) => "日時",
        (Lang::En, When) => "When",
        (Lang::Ja, Child) => "お子さん",
        (Lang::En, Child) => "Child",
        (Lang::Ja, Agenda) => "議題",
        (Lang::En, Agenda) => "Agenda",
        (Lang::Ja, AgreedHeading) => "会議で決まったこと",
        (Lang::En, AgreedHeading) => "What was agreed",
        (Lang::Ja, AgreedLastTime) => "前回決まったこと",
        (Lang::En, AgreedLastTime) => "Agreed last time",
        (Lang::Ja, PrintSheet) => "印刷用シートを印刷する",
        (Lang::En, PrintSheet) => "Print this sheet",
        (Lang::Ja, BroughtHeading) => "この会議に持っていったこと",
        (Lang::En, BroughtHeading) => "What I brought to this meeting",
        (Lang::Ja, BroughtNothing) => {
            "この会議には、ノートから持っていったことはありませんでした。"
        }
        (Lang::En, BroughtNothing) => "You brought nothing from your notebook to this meeting.",
        (Lang::Ja, ItemsMeetingCancelled) => "会議が中止になりました",
        (Lang::En, ItemsMeetingCancelled) => "The meeting was cancelled",
        (Lang::Ja, NoOutcomeYet) => {
            "結果はまだ届いていません(コーディネーターが記録すると、ここに表示されます)"
        }
        (Lang::En, NoOutcomeYet) => {
            "No outcome yet (it shows here once the coordinator records it)"
        }
        (Lang::Ja, DirectionOfSupport) => "支援の方向性",
        (Lang::En, DirectionOfSupport) => "Direction of support",
        (Lang::Ja, MyTasks) => "わたしの役割",
        (Lang::En, MyTasks) => "My tasks",
        (Lang::Ja, EveryonesPart) => "それぞれの役割",
        (Lang::En, EveryonesPart) => "Everyone's part",
        (Lang::Ja, NextTargetDate) => "次回開催の目途",
        (Lang::En, NextTargetDate) => "Next meeting around",
        (Lang::Ja, FollowUps) => "その後の確認",
        (Lang::En, FollowUps) => "Follow-ups",
        (Lang::Ja, SharedWithMeTitle) => "相談されている記録",
        (Lang::En, SharedWithMeTitle) => "Entries shared with you for advice",
        (Lang::Ja, NoneAtTheMoment) => "いまはありません。",
        (Lang::En, NoneAtTheMoment) => "None at the moment.",
        (Lang::Ja, EntryTags) => "タグ(空白で区切る)",
        (Lang::En, EntryTags) => "Tags (separated by spaces)",
        (Lang::Ja, EntryChild) => "どのお子さんのこと",
        (Lang::En, EntryChild) => "About which child",
        (Lang::Ja, ChooseNone) => "選ばない",
        (Lang::En, ChooseNone) => "None",
        (Lang::Ja, Search) => "さがす",
        (Lang::En, Search) => "Search",
        (Lang::Ja, FilterAll) => "すべて",
        (Lang::En, FilterAll) => "All",
        (Lang::Ja, FilterStatus) => "状態",
        (Lang::En, FilterStatus) => "Status",
        (Lang::Ja, NoEntryMatches) => {
            "この条件に合う記録はありません。書いた記録はそのまま残っています。"
        }
        (Lang::En, NoEntryMatches) => "No entry matches. Everything you wrote is still here.",
        (Lang::Ja, ClearFilters) => "検索と絞り込みをやめる",
        (Lang::En, ClearFilters) => "Clear the search and filters",
        (Lang::Ja, PickingFor) => "会議に持っていく記録を選んでください: ",
        (Lang::En, PickingFor) => "Choose entries to bring to: ",
        (Lang::Ja, BackToMeeting) => "会議のページに戻る",
        (Lang::En, BackToMeeting) => "Back to the meeting",
        (Lang::Ja, WithMentorBadge) => "メンターに相談中",
        (Lang::En, WithMentorBadge) => "With a mentor",
        (Lang::Ja, PickedHere) => "✓ この会議に持っていきます",
        (Lang::En, PickedHere) => "✓ Brought to this meeting",
        (Lang::Ja, PickEntry) => "この会議に持っていく",
        (Lang::En, PickEntry) => "Bring to this meeting",
        (Lang::Ja, MentorShareLabel) => "メンターに相談する(この記録だけを見せます)",
        (Lang::En, MentorShareLabel) => "Ask a mentor (shows this entry only)",
        (Lang::Ja, NotShared) => "共有しない",
        (Lang::En, NotShared) => "Not shared",
        (Lang::Ja, MentorNeedsConnection) => {
            "メンターへの相談は、インターネットにつながっているときに選べます。"
        }
        (Lang::En, MentorNeedsConnection) => "Choosing a mentor needs a connection.",
        (Lang::Ja, MentorShareYes) => "見せる",
        (Lang::En, MentorShareYes) => "Share it",
        (Lang::Ja, Cancel) => "やめる",
        (Lang::En, Cancel) => "Cancel",
        (Lang::Ja, EraToggle) => "年度に和暦を添える(例: 2026年度(令和8年度))",
        (Lang::En, EraToggle) => {
            "In Japanese, add the Reiwa era to school years (2026年度(令和8年度))"
        }
        (Lang::Ja, ThroughTheYears) => "これまでの歩み",
        (Lang::En, ThroughTheYears) => "Through the years",
        (Lang::Ja, PlanMissing) => "この計画は見つかりません。",
        (Lang::En, PlanMissing) => "This plan is not on this device.",
        (Lang::Ja, Goals) => "目標",
        (Lang::En, Goals) => "Goals",
        (Lang::Ja, GoalThread) => "この目標の歩み",
        (Lang::En, GoalThread) => "This goal over time",
        (Lang::Ja, Supports) => "支援・合理的配慮",
        (Lang::En, Supports) => "Supports and reasonable accommodations",
        (Lang::Ja, AgencyParts) => "関係機関の役割",
        (Lang::En, AgencyParts) => "Each agency's part",
        (Lang::Ja, AccessLogOffline) => {
            "オフラインです。閲覧の記録とメンターへの公開の設定はサーバーにあるので、接続が戻ると表示・変更できます。ノート・会議・計画は、この端末でいつも通り見られます。"
        }
        (Lang::En, AccessLogOffline) => {
            "You are offline. The access log and sharing with mentors are kept on the server: they show, and can be changed, when the connection returns. Your notebook, meetings and plans work on this device as usual."
        }
        (Lang::Ja, AccessLogLoadFailed) => "記録を読み込めませんでした。",
        (Lang::En, AccessLogLoadFailed) => "Could not load the log.",
        (Lang::Ja, ShowOlderLines) => "さらに前の記録を見る",
        (Lang::En, ShowOlderLines) => "Show older lines",
        (Lang::Ja, SharingNeedsConnection) => {
            "公開の設定を変えるには、インターネットへの接続が必要です。"
        }
        (Lang::En, SharingNeedsConnection) => "Changing what you share needs a connection.",
        (Lang::Ja, NoMentorToChoose) => "選べるペアレントメンターがまだいません。",
        (Lang::En, NoMentorToChoose) => "There is no parent mentor to choose yet.",
        (Lang::Ja, MentorsLoadFailed) => "メンターの一覧を読み込めませんでした。",
        (Lang::En, MentorsLoadFailed) => "Could not load the list of mentors.",
        (Lang::Ja, SharingLoadFailed) => "公開の設定を読み込めませんでした。",
        (Lang::En, SharingLoadFailed) => "Could not load what you share.",
        (Lang::Ja, ChooseMentor) => "公開するメンターを選んでください。",
        (Lang::En, ChooseMentor) => "Choose the mentor to share with.",
        (Lang::Ja, Share) => "公開する",
        (Lang::En, Share) => "Share",
        (Lang::Ja, SignOutKeepData) => "サインアウトする(この端末に残す)",
        (Lang::En, SignOutKeepData) => "Sign out (keep on this device)",
        (Lang::Ja, SignOutRemoveData) => "この端末から消してサインアウト",
        (Lang::En, SignOutRemoveData) => "Remove from this device and sign out",
        (Lang::Ja, Trash) => "ごみ箱",
        (Lang::En, Trash) => "Trash",
        (Lang::Ja, TrashEmpty) => "ごみ箱は空です。",
        (Lang::En, TrashEmpty) => "The trash is empty.",
        (Lang::Ja, Restore) => "元に戻す",
        (Lang::En, Restore) => "Restore",
        (Lang::Ja, DeleteNow) => "今すぐ完全に削除",
        (Lang::En, DeleteNow) => "Delete now",
        (Lang::Ja, UpdateReady) => "新しいバージョンがあります。",
        (Lang::En, UpdateReady) => "A new version is ready.",
        (Lang::Ja, UpdateNow) => "更新する",
        (Lang::En, UpdateNow) => "Update",
        (Lang::Ja, SharedBadge) => "家族と共有",
        (Lang::En, SharedBadge) => "Shared with family",
        (Lang::Ja, SharedByFamily) => {
            "ご家族の保護者が共有した記録です。書いた方だけが変更できます。"
        }
        (Lang::En, SharedByFamily) => {
            "Another parent of your family shared this. Only they can change it."
        }
        (Lang::Ja, ShareWithFamily) => "家族のほかの保護者にも見せる",
        (Lang::En, ShareWithFamily) => "Let the family's other parents read this",
        (Lang::Ja, NotebookParentsOnly) => "ノートは保護者の方が自分のために書くものです。",
        (Lang::En, NotebookParentsOnly) => "The notebook is for parents to write for themselves.",
        (Lang::Ja, EarlierWords) => "以前の内容を見る",
        (Lang::En, EarlierWords) => "See earlier words",
        (Lang::Ja, EarlierNeedsConnection) => {
            "以前の内容は、インターネットにつながっているときに表示できます。"
        }
        (Lang::En, EarlierNeedsConnection) => "Earlier words can be shown when you are online.",
        (Lang::Ja, EarlierNone) => "以前の内容はありません。",
        (Lang::En, EarlierNone) => "There are no earlier words.",
        (Lang::Ja, EarlierRestore) => "この内容に戻す",
        (Lang::En, EarlierRestore) => "Bring these words back",
        (Lang::Ja, SignInIntro) => "ご家族の予定と記録は、サインインした方だけが見られます。",
        (Lang::En, SignInIntro) => {
            "Your family's meetings and notes are shown only after you sign in."
        }
        (Lang::Ja, LoginName) => "ログイン名",
        (Lang::En, LoginName) => "Login name",
        (Lang::Ja, LoginNameHint) => "半角英数字と . _ - で3〜64文字",
        (Lang::En, LoginNameHint) => "3 to 64 of a–z, 0–9, . _ -",
        (Lang::Ja, Password) => "パスワード",
        (Lang::En, Password) => "Password",
        (Lang::Ja, PasswordHint) => "10文字以上",
        (Lang::En, PasswordHint) => "At least 10 characters",
        (Lang::Ja, PasswordAgain) => "パスワード(確認)",
        (Lang::En, PasswordAgain) => "Password again",
        (Lang::Ja, SignIn) => "サインイン",
        (Lang::En, SignIn) => "Sign in",
        (Lang::Ja, SignOut) => "サインアウト",
        (Lang::En, SignOut) => "Sign out",
        (Lang::Ja, Working) => "送信中…",
        (Lang::En, Working) => "Sending…",
        (Lang::Ja, WrongLogin) => "ログイン名かパスワードが違います。",
        (Lang::En, WrongLogin) => "The login name or the password is not right.",
        (Lang::Ja, TooManyAttempts) => {
            "試行が多すぎます。しばらく待ってからもう一度お試しください。"
        }
        (Lang::En, TooManyAttempts) => "Too many attempts. Please wait a while and try again.",
        (Lang::Ja, SessionEnded) => {
            "サインインの期限が切れました。もう一度サインインしてください。"
        }
        (Lang::En, SessionEnded) => "Your sign-in has ended. Please sign in again.",
        (Lang::Ja, InviteTitle) => "つなぐへようこそ",
        (Lang::En, InviteTitle) => "Welcome to Tsunagu",
        (Lang::Ja, InviteIntro) => {
            "この招待で、あなた専用のサインイン方法を設定します。招待は一度だけ使えます。"
        }
        (Lang::En, InviteIntro) => {
            "With this invitation you set up how you sign in. It can be used once."
        }
        (Lang::Ja, CreateAccount) => "設定してはじめる",
        (Lang::En, CreateAccount) => "Set up and start",
        (Lang::Ja, InviteGone) => {
            "この招待は使えません(期限切れ・使用済み・取り消し)。地域コーディネーターに新しい招待を依頼してください。"
        }
        (Lang::En, InviteGone) => {
            "This invitation can no longer be used (expired, used or withdrawn). Please ask your regional coordinator for a new one."
        }
        (Lang::Ja, InviteUnknown) => {
            "招待リンクが正しくありません。リンク全体をコピーしたか確認してください。"
        }
        (Lang::En, InviteUnknown) => {
            "This invitation link is not valid. Please check that the whole link was copied."
        }
        (Lang::Ja, LoginTaken) => "このログイン名は使われています。別の名前を選んでください。",
        (Lang::En, LoginTaken) => "That login name is taken. Please choose another.",
        (Lang::Ja, PasswordsDiffer) => "2つのパスワードが一致しません。",
        (Lang::En, PasswordsDiffer) => "The two passwords differ.",
        (Lang::Ja, AccessLogTitle) => "ご家族の情報を見た人",
        (Lang::En, AccessLogTitle) => "Who looked at your family's data",
        (Lang::Ja, AccessLogIntro) => {
            "地域コーディネーターやペアレントメンターがご家族の情報を開くと、いつ・誰が見たかがここに残ります。"
        }
        (Lang::En, AccessLogIntro) => {
            "Whenever a regional coordinator or a parent mentor opens your family's data, who and when is kept here."
        }
        (Lang::Ja, AccessLogEmpty) => "まだ記録はありません。",
        (Lang::En, AccessLogEmpty) => "Nothing has been recorded yet.",
        (Lang::Ja, ServerAdmin) => "管理者",
        (Lang::En, ServerAdmin) => "Administrator",
        (Lang::Ja, MenteesTitle) => "支えているご家族",
        (Lang::En, MenteesTitle) => "Families you support",
        (Lang::Ja, MenteesIntro) => "ご家族が同意した範囲だけが表示されます。",
        (Lang::En, MenteesIntro) => "You see only what each family agreed to share.",
        (Lang::Ja, MenteesEmpty) => "まだ情報を共有しているご家族はいません。",
        (Lang::En, MenteesEmpty) => "No family shares anything with you yet.",
        (Lang::Ja, SharingTitle) => "ペアレントメンターへの公開",
        (Lang::En, SharingTitle) => "Sharing with parent mentors",
        (Lang::Ja, SharingIntro) => {
            "同意したメンターだけが、同意した情報だけを見られます。いつでも取り消せます。"
        }
        (Lang::En, SharingIntro) => {
            "Only the mentors you choose see only what you choose. You can stop at any time."
        }
        (Lang::Ja, SharingNone) => "いまは誰にも公開していません。",
        (Lang::En, SharingNone) => "You share nothing with anyone now.",
        (Lang::Ja, ShareWith) => "メンター",
        (Lang::En, ShareWith) => "Mentor",
        (Lang::Ja, ShareMeetingDates) => "メンターに見せる",
        (Lang::En, ShareMeetingDates) => "Share with the mentor",
        (Lang::Ja, StopSharing) => "公開をやめる",
        (Lang::En, StopSharing) => "Stop sharing",
        (Lang::Ja, AlreadyShared) => "このメンターにはすでに公開しています。",
        (Lang::En, AlreadyShared) => "You already share this with that mentor.",
        (Lang::Ja, StaffLink) => "コーディネーター画面",
        (Lang::En, StaffLink) => "Coordinator's desk",
        (Lang::Ja, NoInviteCode) => "招待リンクから開いてください。",
        (Lang::En, NoInviteCode) => "Please open this page from your invitation link.",
        (Lang::Ja, AnswerHeading) => "出欠のお返事",
        (Lang::En, AnswerHeading) => "Will you attend?",
        (Lang::Ja, AnswerIntro) => {
            "出席できるかどうかを、コーディネーターにお知らせください。会議が始まるまで変えられます。"
        }
        (Lang::En, AnswerIntro) => {
            "Let the coordinator know whether you can come. You can change it until the meeting starts."
        }
        (Lang::Ja, AnswerNotGiven) => "まだお返事していません。",
        (Lang::En, AnswerNotGiven) => "You have not answered yet.",
        (Lang::Ja, AnswerNote) => "ひとこと(任意)",
        (Lang::En, AnswerNote) => "A short note (optional)",
        (Lang::Ja, AnswerNoteHint) => {
            "日程を相談したいときは、都合のよい日や時間を書いてください。"
        }
        (Lang::En, AnswerNoteHint) => {
            "If you would like to discuss the date, write which days or times suit you."
        }
        (Lang::Ja, AnswerSaveNote) => "ひとことを送る",
        (Lang::En, AnswerSaveNote) => "Send the note",
        (Lang::Ja, AnswerFixed) => "会議が始まったため、お返事はもう変えられません。",
        (Lang::En, AnswerFixed) => {
            "The meeting has started, so the answer can no longer be changed."
        }
        (Lang::Ja, AnswerNotSaved) => {
            "お返事を保存できませんでした。サインインし直してから、もう一度お試しください。"
        }
        (Lang::En, AnswerNotSaved) => {
            "Your answer could not be saved. Please sign in again and try once more."
        }
        (Lang::Ja, AddToCalendar) => "カレンダーに追加",
        (Lang::En, AddToCalendar) => "Add to calendar",
        (Lang::Ja, RemindersLink) => "お知らせの一覧",
        (Lang::En, RemindersLink) => "Reminders",
        (Lang::Ja, RemindersTitle) => "お知らせ",
        (Lang::En, RemindersTitle) => "Reminders",
        (Lang::Ja, RemindersIntro) => "会議の前に、いつ・どの方法でお知らせするかの一覧です。",
        (Lang::En, RemindersIntro) => "When and how you will be reminded before your meetings.",
        (Lang::Ja, RemindersComing) => "これからのお知らせ",
        (Lang::En, RemindersComing) => "Coming reminders",
        (Lang::Ja, RemindersNoneComing) => "これからのお知らせはありません。",
        (Lang::En, RemindersNoneComing) => "No reminders are coming.",
        (Lang::Ja, RemindersMissed) => "届けられなかったお知らせ",
        (Lang::En, RemindersMissed) => "Reminders that could not be sent",
        (Lang::Ja, RemindersMissedIntro) => {
            "時間を過ぎてしまい、お送りできなかったお知らせです。会議の日時をご確認ください。"
        }
        (Lang::En, RemindersMissedIntro) => {
            "These reminders could not be sent in time. Please check the meetings' dates."
        }
        (Lang::Ja, RemindersSent) => "最近お送りしたお知らせ",
        (Lang::En, RemindersSent) => "Recently sent",
        (Lang::Ja, RemindersNoneSent) => "まだお送りしたお知らせはありません。",
        (Lang::En, RemindersNoneSent) => "No reminder has been sent yet.",
        (Lang::Ja, RemindersNeedConnection) => {
            "お知らせの一覧を最新にするには、インターネットへの接続が必要です。"
        }
        (Lang::En, RemindersNeedConnection) => {
            "The reminders list needs a connection to be up to date."
        }
        (Lang::Ja, RemindersLastFetched) => "前回読み込んだときの一覧です。",
        (Lang::En, RemindersLastFetched) => "This is the list as it was last loaded.",
        (Lang::Ja, RemindersLoadFailed) => "お知らせの一覧を読み込めませんでした。",
        (Lang::En, RemindersLoadFailed) => "Could not load the reminders.",
        (Lang::Ja, RemindAt) => "お知らせ",
        (Lang::En, RemindAt) => "Reminder",
        (Lang::Ja, PreparationReminder) => "準備のお知らせ(3日前)",
        (Lang::En, PreparationReminder) => "Preparation reminder (3 days before)",
        (Lang::Ja, ChannelPush) => "通知",
        (Lang::En, ChannelPush) => "Notification",
        (Lang::Ja, ChannelCalendar) => "カレンダー",
        (Lang::En, ChannelCalendar) => "Calendar",
        (Lang::Ja, ChannelApp) => "アプリ",
        (Lang::En, ChannelApp) => "App",
        (Lang::Ja, ReminderSettingsLink) => "お知らせの設定",
        (Lang::En, ReminderSettingsLink) => "Reminder settings",
        (Lang::Ja, ReminderSettingsTitle) => "お知らせの設定",
        (Lang::En, ReminderSettingsTitle) => "Reminder settings",
        (Lang::Ja, ReminderSettingsLoadFailed) => "お知らせの設定を読み込めませんでした。",
        (Lang::En, ReminderSettingsLoadFailed) => "Could not load your reminder settings.",
        (Lang::Ja, ReminderSettingsNeedConnection) => {
            "設定を見たり変えたりするには、インターネットへの接続が必要です。"
        }
        (Lang::En, ReminderSettingsNeedConnection) => {
            "Seeing or changing the settings needs a connection."
        }
        (Lang::Ja, LeadTimesHeading) => "いつお知らせするか",
        (Lang::En, LeadTimesHeading) => "When to remind you",
        (Lang::Ja, LeadOn) => "このお知らせを使う",
        (Lang::En, LeadOn) => "Use this reminder",
        (Lang::Ja, DaysBefore) => "何日前",
        (Lang::En, DaysBefore) => "Days before",
        (Lang::Ja, MorningHour) => "当日の朝、何時",
        (Lang::En, MorningHour) => "On the day, at",
        (Lang::Ja, EarlyHoursBefore) => "朝早い会議は、何時間前",
        (Lang::En, EarlyHoursBefore) => "Early meeting: hours before",
        (Lang::Ja, PreparationOn) => "3日前に、持っていくことの準備をお知らせする",
        (Lang::En, PreparationOn) => "Three days before, remind me to prepare what to bring",
        (Lang::Ja, SaveSettings) => "設定を保存",
        (Lang::En, SaveSettings) => "Save settings",
        (Lang::Ja, SettingsSaved) => "保存しました。",
        (Lang::En, SettingsSaved) => "Saved.",
        (Lang::Ja, PushHeading) => "通知",
        (Lang::En, PushHeading) => "Notifications",
        (Lang::Ja, PushToggle) => "通知でお知らせ",
        (Lang::En, PushToggle) => "Remind me with notifications",
        (Lang::Ja, PushIntro) => "オンにすると、この端末に通知を許可するか尋ねます。",
        (Lang::En, PushIntro) => {
            "Turning this on asks this device for permission to show notifications."
        }
        (Lang::Ja, PushDenied) => {
            "通知が許可されていません。端末やブラウザの設定で、このサイトからの通知を許可してから、もう一度オンにしてください。"
        }
        (Lang::En, PushDenied) => {
            "Notifications are not allowed. Allow notifications for this site in the device's or browser's settings, then turn this on again."
        }
        (Lang::Ja, PushUnsupported) => {
            "このブラウザでは通知を使えません。カレンダーへの登録をお使いください。"
        }
        (Lang::En, PushUnsupported) => {
            "This browser cannot show notifications. Please use the calendar subscription instead."
        }
        (Lang::Ja, PushElsewhere) => {
            "通知はほかの端末でオンになっています。この端末でも受け取るには、オンにしてください。"
        }
        (Lang::En, PushElsewhere) => {
            "Notifications are on for another device. Turn this on to receive them on this device too."
        }
        (Lang::Ja, PushFailed) => "通知を設定できませんでした。もう一度お試しください。",
        (Lang::En, PushFailed) => "Notifications could not be set up. Please try again.",
        (Lang::Ja, FeedHeading) => "カレンダーに登録",
        (Lang::En, FeedHeading) => "Calendar subscription",
        (Lang::Ja, FeedIntro) => {
            "スマートフォンのカレンダーに、会議の予定が自動で入ります。このURLを知っている人は予定を見られるので、人に教えないでください。"
        }
        (Lang::En, FeedIntro) => {
            "Your meetings appear in your phone's calendar by themselves. Anyone who knows this address can see them, so keep it to yourself."
        }
        (Lang::Ja, FeedMake) => "カレンダーに登録するURLを作る",
        (Lang::En, FeedMake) => "Make an address for your calendar",
        (Lang::Ja, FeedUrl) => "登録用のURL",
        (Lang::En, FeedUrl) => "Subscription address",
        (Lang::Ja, FeedCopy) => "URLをコピー",
        (Lang::En, FeedCopy) => "Copy the address",
        (Lang::Ja, FeedCopied) => "コピーしました。",
        (Lang::En, FeedCopied) => "Copied.",
        (Lang::Ja, FeedSubscribe) => "カレンダーアプリで登録する",
        (Lang::En, FeedSubscribe) => "Subscribe in the calendar app",
        (Lang::Ja, FeedQrHint) => "ほかの端末で登録するときは、このQRコードを読み取ってください。",
        (Lang::En, FeedQrHint) => "To subscribe on another device, scan this QR code.",
        (Lang::Ja, FeedRegenerate) => "URLを作り直す",
        (Lang::En, FeedRegenerate) => "Make a new address",
        (Lang::Ja, FeedRegenerateConfirm) => {
            "作り直すと、今のURLはすぐに使えなくなります。登録したカレンダーには、新しいURLで登録し直してください。作り直しますか?"
        }
        (Lang::En, FeedRegenerateConfirm) => {
            "With a new address the current one stops working at once: calendars subscribed to it must subscribe again with the new one. Make a new address?"
        }
        (Lang::Ja, FeedRemove) => "URLを削除",
        (Lang::En, FeedRemove) => "Remove the address",
        (Lang::Ja, FeedRemoveConfirm) => {
            "削除すると、このURLで登録したカレンダーに予定が届かなくなります。削除しますか?"
        }
        (Lang::En, FeedRemoveConfirm) => {
            "Calendars subscribed to this address will no longer get your meetings. Remove it?"
        }
        (Lang::Ja, FeedPrivacyHeading) => "カレンダーに表示する内容",
        (Lang::En, FeedPrivacyHeading) => "What the calendar shows",
        (Lang::Ja, FeedPrivacyIntro) => {
            "ふだんは会議の種類・日時・場所だけを表示します。オンにすると、端末のカレンダーを見られる人には、その内容も見えます。"
        }
        (Lang::En, FeedPrivacyIntro) => {
            "Normally only the kind of meeting, its time and place are shown. Whatever you turn on here, anyone who sees the phone's calendar sees too."
        }
        (Lang::Ja, FeedShowChildName) => "お子さんの名前を表示",
        (Lang::En, FeedShowChildName) => "Show your child's name",
        (Lang::Ja, FeedShowPurpose) => "会議の目的を表示",
        (Lang::En, FeedShowPurpose) => "Show the meeting's purpose",
        (Lang::Ja, SettingsNotSaved) => "保存できませんでした。もう一度お試しください。",
        (Lang::En, SettingsNotSaved) => "Could not save. Please try again.",
        (Lang::Ja, CancelledReminder) => "中止のお知らせ",
        (Lang::En, CancelledReminder) => "Cancellation notice",
        (Lang::Ja, FollowUpReminder) => "フォローアップの日",
        (Lang::En, FollowUpReminder) => "Follow-up day",
    }
}
