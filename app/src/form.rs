//! The pieces every form is made of, so each form labels, hints and reports the
//! same way (and password managers recognise every field).

use leptos::prelude::*;

use crate::i18n::{I18n, Text, use_i18n};

/// A form's label: one of the family app's words, or words of the screen
/// itself (the coordinators' own words stay in their bundle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    App(Text),
    Own { ja: &'static str, en: &'static str },
}

impl From<Text> for Label {
    fn from(text: Text) -> Self {
        Self::App(text)
    }
}

impl Label {
    fn read(self, i18n: I18n) -> &'static str {
        match self {
            Self::App(text) => i18n.t(text)(),
            Self::Own { ja, en } => i18n.tr(ja, en)(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A person's name as they are addressed (any script).
    PersonName,
    LoginName,
    CurrentPassword,
    NewPassword,
}

impl FieldKind {
    const fn input_type(self) -> &'static str {
        match self {
            Self::PersonName | Self::LoginName => "text",
            Self::CurrentPassword | Self::NewPassword => "password",
        }
    }

    const fn autocomplete(self) -> &'static str {
        match self {
            Self::PersonName => "off",
            Self::LoginName => "username",
            Self::CurrentPassword => "current-password",
            Self::NewPassword => "new-password",
        }
    }
}

/// A labelled input bound to `value`.
#[component]
pub fn Field(
    #[prop(into)] label: Label,
    name: &'static str,
    kind: FieldKind,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{move || label.read(i18n)}</span>
            {hint.map(|h| view! { <small>{i18n.t(h)}</small> })}
            <input
                type=kind.input_type()
                name=name
                autocomplete=kind.autocomplete()
                autocapitalize="none"
                spellcheck="false"
                required
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// Where a form says what went wrong; announced by screen readers.
#[component]
pub fn FormProblem(problem: RwSignal<Option<Text>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-problem" role="alert" data-testid="form-problem">
            {move || problem.get().map(|t| i18n.t(t)())}
        </p>
    }
}

/// The submit button, which says "sending" and refuses a second press meanwhile.
#[component]
pub fn Submit(#[prop(into)] label: Label, pending: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="button" disabled=pending>
            {move || if pending.get() { i18n.t(Text::Working)() } else { label.read(i18n) }}
        </button>
    }
}
