//! Signing in with a login name and password, and signing out.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::{
    api::{self, FetchError},
    family::use_family,
    i18n::{Text, use_i18n},
};

/// What a failed sign-in or set-up means to the person, in their language.
pub fn problem_text(error: &FetchError) -> Text {
    match error {
        FetchError::Offline => Text::Offline,
        FetchError::Server { status: 429, .. } => Text::TooManyAttempts,
        FetchError::Server { status: 401, .. } => Text::WrongLogin,
        FetchError::Server { status: 409, .. } => Text::LoginTaken,
        FetchError::Server { status: 410, .. } => Text::InviteGone,
        FetchError::Server { .. } | FetchError::Unreadable => Text::LoadFailed,
    }
}

#[component]
pub fn SignIn(session_ended: bool) -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::sign_in(&login.get_untracked(), &password.get_untracked()).await {
                Ok(_) => {
                    password.set(String::new());
                    family.reload();
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
            pending.set(false);
        });
    };

    view! {
        <form class="form" data-testid="sign-in" on:submit=submit>
            <h1 class="page-title">{i18n.t(Text::SignInTitle)}</h1>
            <p class="intro">
                {move || if session_ended { i18n.t(Text::SessionEnded)() } else { i18n.t(Text::SignInIntro)() }}
            </p>
            <label class="field">
                <span>{i18n.t(Text::LoginName)}</span>
                <input
                    name="username"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    prop:value=login
                    on:input=move |ev| login.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>{i18n.t(Text::Password)}</span>
                <input
                    type="password"
                    name="password"
                    autocomplete="current-password"
                    required
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            <p class="form-problem" role="alert" data-testid="form-problem">
                {move || problem.get().map(|t| i18n.t(t)())}
            </p>
            <button type="submit" class="button" disabled=pending>
                {move || if pending.get() { i18n.t(Text::Working)() } else { i18n.t(Text::SignIn)() }}
            </button>
        </form>
    }
}

/// Ends this device's session; the screens then ask to sign in.
#[component]
pub fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let pending = RwSignal::new(false);
    let sign_out = move |_| {
        pending.set(true);
        spawn_local(async move {
            // Offline, the server cannot be told; the session then simply expires.
            let _ = api::sign_out().await;
            pending.set(false);
            family.reload();
        });
    };
    view! {
        <button type="button" class="button button-quiet" data-testid="sign-out" disabled=pending on:click=sign_out>
            {i18n.t(Text::SignOut)}
        </button>
    }
}
