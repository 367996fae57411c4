//! The app's words in Japanese and English. The language is chosen once per device
//! and kept in `localStorage`, so it survives reloads and offline starts.

use leptos::prelude::*;
use tsunagu_model::Lang;

use crate::storage;

const LANG_KEY: &str = "tsunagu.lang";
/// Whether school years read in the Japanese era (令和8年度) besides 2026年度.
const ERA_KEY: &str = "tsunagu.era";

/// Every text the app shows that is not data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    AppName,
    NavHome,
    NavMeetings,
    NavPlans,
    NavNotebook,
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
    NoFamily,
    Children,
    PlansIntro,
    NoPlansYet,
    PageNotFound,
    BackHome,
    SignInTitle,
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
    LoginNameLength,
    LoginNameCharacters,
    PasswordTooShort,
    PasswordTooLong,
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
    StaffTitle,
    StaffOnly,
    StaffLink,
    ParentName,
    MakeInvitation,
    InvitationLinkIntro,
    InvitationsOfFamily,
    NoInvitations,
    StatePending,
    StateUsed,
    StateRevoked,
    StateExpired,
    Withdraw,
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
    NotebookKind,
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
    SyncWaiting,
    SyncOffline,
    SyncSignInAgain,
    SyncProblem,
    SyncNoStorage,
    SyncNow,
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
        (Lang::Ja, NotebookKind) => "種類",
        (Lang::En, NotebookKind) => "Kind",
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
        (Lang::Ja, SyncWaiting) => "送信中…",
        (Lang::En, SyncWaiting) => "Sending…",
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
        (Lang::Ja, SignInTitle) => "サインイン",
        (Lang::En, SignInTitle) => "Sign in",
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
        (Lang::Ja, LoginNameLength) => "ログイン名は3〜64文字にしてください。",
        (Lang::En, LoginNameLength) => "The login name must be 3 to 64 characters.",
        (Lang::Ja, LoginNameCharacters) => "ログイン名には半角英数字と . _ - だけを使えます。",
        (Lang::En, LoginNameCharacters) => {
            "The login name may use only a–z, 0–9, '.', '_' and '-'."
        }
        (Lang::Ja, PasswordTooShort) => "パスワードは10文字以上にしてください。",
        (Lang::En, PasswordTooShort) => "The password must be at least 10 characters.",
        (Lang::Ja, PasswordTooLong) => "パスワードが長すぎます。",
        (Lang::En, PasswordTooLong) => "The password is too long.",
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
        (Lang::Ja, ShareMeetingDates) => "会議の日程を公開する",
        (Lang::En, ShareMeetingDates) => "Share meeting dates",
        (Lang::Ja, StopSharing) => "公開をやめる",
        (Lang::En, StopSharing) => "Stop sharing",
        (Lang::Ja, AlreadyShared) => "このメンターにはすでに公開しています。",
        (Lang::En, AlreadyShared) => "You already share this with that mentor.",
        (Lang::Ja, StaffTitle) => "地域コーディネーター画面",
        (Lang::En, StaffTitle) => "Coordinator's desk",
        (Lang::Ja, StaffOnly) => "この画面は地域コーディネーター向けです。",
        (Lang::En, StaffOnly) => "This screen is for regional coordinators.",
        (Lang::Ja, StaffLink) => "コーディネーター画面",
        (Lang::En, StaffLink) => "Coordinator's desk",
        (Lang::Ja, ParentName) => "保護者のお名前",
        (Lang::En, ParentName) => "Parent's name",
        (Lang::Ja, MakeInvitation) => "招待リンクを作る",
        (Lang::En, MakeInvitation) => "Make an invitation link",
        (Lang::Ja, InvitationLinkIntro) => {
            "このリンクを保護者に渡してください。7日間、1回だけ使えます。この画面を閉じると二度と表示されません。"
        }
        (Lang::En, InvitationLinkIntro) => {
            "Give this link to the parent. It works once, for 7 days, and is never shown again once you leave."
        }
        (Lang::Ja, InvitationsOfFamily) => "このご家族への招待",
        (Lang::En, InvitationsOfFamily) => "Invitations for this family",
        (Lang::Ja, NoInvitations) => "招待はまだありません。",
        (Lang::En, NoInvitations) => "No invitations yet.",
        (Lang::Ja, StatePending) => "未使用",
        (Lang::En, StatePending) => "waiting",
        (Lang::Ja, StateUsed) => "使用済み",
        (Lang::En, StateUsed) => "used",
        (Lang::Ja, StateRevoked) => "取り消し済み",
        (Lang::En, StateRevoked) => "withdrawn",
        (Lang::Ja, StateExpired) => "期限切れ",
        (Lang::En, StateExpired) => "expired",
        (Lang::Ja, Withdraw) => "取り消す",
        (Lang::En, Withdraw) => "Withdraw",
        (Lang::Ja, NoInviteCode) => "招待リンクから開いてください。",
        (Lang::En, NoInviteCode) => "Please open this page from your invitation link.",
    }
}

/// The language this device chose (Japanese until one is chosen), for code
/// outside the components: every API request says it to the server.
pub fn chosen_lang() -> Lang {
    storage::get(LANG_KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// The current language, shared by context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    era: RwSignal<bool>,
}

impl I18n {
    /// Reads the stored choice; Japanese when there is none.
    pub fn provide() -> Self {
        let this = Self {
            lang: RwSignal::new(chosen_lang()),
            era: RwSignal::new(storage::get(ERA_KEY).is_some_and(|v| v == "1")),
        };
        Effect::new(move |_| set_document_lang(this.lang.get()));
        provide_context(this);
        this
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// The language now, outside anything that should follow its changes.
    pub fn lang_untracked(self) -> Lang {
        self.lang.get_untracked()
    }

    /// School years with the era name (令和8年度) instead of the Western year.
    pub fn era(self) -> bool {
        self.era.get()
    }

    pub fn set_era(self, era: bool) {
        storage::set(ERA_KEY, if era { "1" } else { "0" });
        self.era.set(era);
    }

    pub fn set(self, lang: Lang) {
        storage::set(LANG_KEY, lang.code());
        self.lang.set(lang);
    }

    /// A reactive pair of words for a label used on one screen only: both
    /// languages sit where the label is used.
    pub fn tr(
        self,
        ja: &'static str,
        en: &'static str,
    ) -> impl Fn() -> &'static str + Copy + 'static {
        move || match self.lang.get() {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, key: Text) -> impl Fn() -> &'static str + Copy + 'static {
        move || text(self.lang.get(), key)
    }
}

/// "3 changes waiting", as each language counts.
pub fn changes_waiting(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Ja, n) => format!("{n}件の変更が送信待ち"),
        (Lang::En, 1) => "1 change waiting".to_owned(),
        (Lang::En, n) => format!("{n} changes waiting"),
    }
}

/// Text over the most a field takes: kept on screen, not stored, until shorter.
pub fn text_too_long(lang: Lang, max_chars: usize, over: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "{max_chars}字までです。あと{over}字短くしてください。短くするまで、この文章は保存されません。"
        ),
        Lang::En => format!(
            "At most {max_chars} characters: {over} too many. This text is not saved until it is shorter."
        ),
    }
}

/// What sharing one entry with a mentor shows, asked before it is shared.
pub fn mentor_will_see(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "{name}さんに、この記録の文章だけを見せます。お子さんの名前、計画、ほかの記録は見せません。いつでも共有をやめられます。"
        ),
        Lang::En => format!(
            "{name} will see the words of this entry only: not your child's name, the plans or your other entries. You can stop sharing at any time."
        ),
    }
}

/// A role's or an organisation's name as a screen shows it: one word that moves
/// to the next line whole (the `name` class), so Japanese never breaks
/// 「地域コーディネーター」 as 「…コーデ / ィネーター」. Every role and
/// organisation goes through here.
pub fn name(text: impl Into<String>) -> impl IntoView {
    view! { <span class="name">{text.into()}</span> }
}

/// Names in a row, each kept whole: 「保護者、担任、地域コーディネーター」.
pub fn names(names: Vec<&'static str>, lang: Lang) -> impl IntoView {
    let separator = if lang == Lang::Ja { "、" } else { ", " };
    names
        .into_iter()
        .enumerate()
        .map(|(n, text)| view! { {(n > 0).then_some(separator)}{name(text)} })
        .collect_view()
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// `<html lang>` follows the choice, so screen readers speak the right language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}
