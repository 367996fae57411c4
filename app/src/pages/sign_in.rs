//! Signing in with a login name and password, and signing out.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::{
    api::{self, FetchError},
    form::{Field, FieldKind, FormProblem, Submit},
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

/// Signs in; `on_signed_in` then reloads whatever the screen shows.
#[component]
pub fn SignIn(session_ended: bool, on_signed_in: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
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
                    on_signed_in.run(());
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
            <Field label=Text::LoginName name="username" kind=FieldKind::LoginName value=login/>
            <Field label=Text::Password name="password" kind=FieldKind::CurrentPassword value=password/>
            <FormProblem problem=problem/>
            <Submit label=Text::SignIn pending=pending/>
        </form>
    }
}

/// Ends this device's session; `on_signed_out` then shows the sign-in form.
#[component]
pub fn SignOut(on_signed_out: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let pending = RwSignal::new(false);
    let sign_out = move |_| {
        pending.set(true);
        spawn_local(async move {
            // Offline, the server cannot be told; the session then simply expires.
            let _ = api::sign_out().await;
            pending.set(false);
            on_signed_out.run(());
        });
    };
    view! {
        <button type="button" class="button button-quiet" data-testid="sign-out" disabled=pending on:click=sign_out>
            {i18n.t(Text::SignOut)}
        </button>
    }
}
