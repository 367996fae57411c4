//! The app's words in Japanese and English. The language is chosen once per device
//! and kept in `localStorage`, so it survives reloads and offline starts.
//!
//! One way per kind of text: a domain value (a kind, a role, a status, a stage, a
//! period) reads through the model's `label(lang)`; the app's own words are the
//! `Text` table (`text.rs`), each written once and looked up with `I18n::t`; a
//! message with something in it (a count, a name, a date) is a function in
//! `messages.rs`. `I18n::tr` (both texts where they are used) is left for the
//! coordinators' screens until their words move to a table of their own.

pub mod messages;
mod text;

pub use text::{Text, text};

use leptos::prelude::*;
use tsunagu_model::Lang;

use crate::storage;

const LANG_KEY: &str = "tsunagu.lang";
/// Whether school years read in the Japanese era (令和8年度) besides 2026年度.
const ERA_KEY: &str = "tsunagu.era";

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

    /// A reactive pair of words written where they are used: the coordinators'
    /// screens' way until their words have a table of their own.
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
