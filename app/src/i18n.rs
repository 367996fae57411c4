//! The app's words in Japanese and English. The language is chosen once per device
//! and kept in `localStorage`, so it survives reloads and offline starts.

use leptos::prelude::*;
use tsunagu_model::Lang;

use crate::storage;

const LANG_KEY: &str = "tsunagu.lang";

/// Every text the app shows that is not data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    AppName,
    NavHome,
    NavMeetings,
    NavPlans,
    NavNotebook,
    NavContacts,
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
    NotebookIntro,
    NotebookComing,
    ContactsIntro,
    ContactsComing,
    PageNotFound,
    BackHome,
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
        (Lang::Ja, NavContacts) => "連絡先",
        (Lang::En, NavContacts) => "Contacts",
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
            "個別の教育支援計画(年1回)と個別の指導計画(前期・後期)の要点が、地域コーディネーターから届くとここに並びます。"
        }
        (Lang::En, PlansIntro) => {
            "Summaries of the yearly support plan and the per-term teaching plans appear here once the regional coordinator publishes them."
        }
        (Lang::Ja, NoPlansYet) => "まだ届いた計画はありません。",
        (Lang::En, NoPlansYet) => "No plan has been published yet.",
        (Lang::Ja, NotebookIntro) => {
            "会議で伝えたい願いや質問、気になることを書きためて、次の会議に持っていくものを選べるノートです。書いた内容はご家族だけのものです。"
        }
        (Lang::En, NotebookIntro) => {
            "A notebook for the wishes, questions and worries you want to bring up, where you choose what to take to the next meeting. What you write stays yours."
        }
        (Lang::Ja, NotebookComing) => "ノートは準備中です。",
        (Lang::En, NotebookComing) => "The notebook is being prepared.",
        (Lang::Ja, ContactsIntro) => {
            "関係機関やペアレントメンターの連絡先(電話・受付時間)をここにまとめます。"
        }
        (Lang::En, ContactsIntro) => {
            "Contacts of the agencies and parent mentors around your child (phone, opening hours) will be kept here."
        }
        (Lang::Ja, ContactsComing) => "連絡先は準備中です。",
        (Lang::En, ContactsComing) => "Contacts are being prepared.",
        (Lang::Ja, PageNotFound) => "このページは見つかりません。",
        (Lang::En, PageNotFound) => "This page does not exist.",
        (Lang::Ja, BackHome) => "ホームへ戻る",
        (Lang::En, BackHome) => "Back to home",
    }
}

/// The current language, shared by context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Reads the stored choice; Japanese when there is none.
    pub fn provide() -> Self {
        let stored = storage::get(LANG_KEY).and_then(|code| Lang::from_code(&code));
        let this = Self {
            lang: RwSignal::new(stored.unwrap_or_default()),
        };
        Effect::new(move |_| set_document_lang(this.lang.get()));
        provide_context(this);
        this
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set(self, lang: Lang) {
        storage::set(LANG_KEY, lang.code());
        self.lang.set(lang);
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, key: Text) -> impl Fn() -> &'static str + Copy + 'static {
        move || text(self.lang.get(), key)
    }
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
