//! Signing in with a login name and password, and signing out.

use crate::i18n::messages;
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::{
    api::{self, FetchError},
    form::{Field, FieldKind, FormProblem, Submit},
    i18n::{Text, use_i18n},
    passkey::{self, PasskeyError},
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

/// What the passkey button does.
#[derive(Debug, Clone)]
pub enum PasskeyUse {
    /// Sets up the account of the invitation with this code.
    SetUp(String),
    SignIn,
}

fn passkey_problem(error: &PasskeyError, purpose: &PasskeyUse) -> Text {
    match (error, purpose) {
        (PasskeyError::Cancelled, _) => Text::PasskeyCancelled,
        (PasskeyError::Unavailable, _) => Text::PasskeyUnavailable,
        (PasskeyError::Failed, _) => Text::PasskeyFailed,
        (PasskeyError::Server(FetchError::Server { status: 401, .. }), PasskeyUse::SignIn) => {
            Text::PasskeyUnknown
        }
        (PasskeyError::Server(error), _) => problem_text(error),
    }
}

/// The passkey way in, shown first where the browser supports it; `on_done` runs
/// once the person is signed in.
#[component]
pub fn PasskeyButton(purpose: PasskeyUse, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if !passkey::supported() {
        return ().into_any();
    }
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<Text>);
    let label = match purpose {
        PasskeyUse::SetUp(_) => Text::PasskeySetUp,
        PasskeyUse::SignIn => Text::PasskeySignIn,
    };
    let purpose = StoredValue::new(purpose);
    let start = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            let purpose = purpose.get_value();
            let outcome = match &purpose {
                PasskeyUse::SetUp(code) => passkey::set_up(code).await,
                PasskeyUse::SignIn => passkey::sign_in().await,
            };
            pending.set(false);
            match outcome {
                Ok(()) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_done.try_run(());
                }
                Err(error) => problem.set(Some(passkey_problem(&error, &purpose))),
            }
        });
    };
    view! {
        <div class="passkey">
            <button type="button" class="button" data-testid="passkey" disabled=pending on:click=start>
                {move || if pending.get() { i18n.t(Text::Working)() } else { i18n.t(label)() }}
            </button>
            <p class="form-problem" role="alert" data-testid="passkey-problem">
                {move || problem.get().map(|t| i18n.t(t)())}
            </p>
            <h2 class="or-password">{i18n.t(Text::OrPassword)}</h2>
        </div>
    }
    .into_any()
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
                    let _ = on_signed_in.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
            pending.set(false);
        });
    };

    view! {
        <form class="form" data-testid="sign-in" on:submit=submit>
            <h1 class="page-title">{i18n.t(Text::SignIn)}</h1>
            <p class="intro">
                {move || if session_ended { i18n.t(Text::SessionEnded)() } else { i18n.t(Text::SignInIntro)() }}
            </p>
            <PasskeyButton purpose=PasskeyUse::SignIn on_done=on_signed_in/>
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
            let _ = on_signed_out.try_run(());
        });
    };
    view! {
        <button type="button" class="button button-quiet" data-testid="sign-out" disabled=pending on:click=sign_out>
            {i18n.t(Text::SignOut)}
        </button>
    }
}

/// Signing out of the family app: says what stays on this device (the notebook
/// and a copy of the family's meetings and plans, so they open offline at the
/// next sign-in) and offers to remove it, which is refused, with the count,
/// while changes still wait to be sent. What follows is done through the app's
/// own context, not a callback of the screen: the screen may be rebuilt while
/// the device is being cleared, and a callback owned by it would be gone.
#[component]
pub fn SignOutHere() -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let family = crate::family::use_family();
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let finish = move |erase: bool| {
        pending.set(true);
        spawn_local(async move {
            if erase && sync.erase_device().await.is_err() {
                // The count is on screen already; nothing was removed.
                pending.set(false);
                return;
            }
            // The next person on this device gets no reminders meant for this one
            // (asked while the session still lets the server be told).
            let _ = crate::push::unsubscribe().await;
            // Offline, the server cannot be told; the session then simply expires.
            let _ = api::sign_out().await;
            pending.set(false);
            asking.set(false);
            sync.sign_out();
            family.forget_cached();
            super::forget_reminders();
            family.reload();
        });
    };
    let entries = move || sync.count(tsunagu_model::sync::RecordType::NotebookEntry);
    view! {
        <button type="button" class="button button-quiet" data-testid="sign-out" disabled=pending
            on:click=move |_| asking.set(true)>
            {i18n.t(Text::SignOut)}
        </button>
        {move || asking.get().then(|| {
            let waiting = sync.waiting();
            let lang = i18n.lang();
            view! {
                <section class="confirm" role="alertdialog" aria-labelledby="sign-out-what-stays" data-testid="sign-out-dialog">
                    <p id="sign-out-what-stays">{messages::sign_out_keeps(lang, entries())}</p>
                    {(waiting > 0).then(|| view! {
                        <p class="status status-problem" data-testid="sign-out-waiting">{messages::sign_out_waiting(lang, waiting)}</p>
                    })}
                    <button type="button" class="button" data-testid="sign-out-keep" disabled=pending
                        on:click=move |_| finish(false)>
                        {i18n.t(Text::SignOutKeepData)}
                    </button>
                    <button type="button" class="button button-quiet" data-testid="sign-out-erase"
                        disabled=move || pending.get() || waiting != 0
                        on:click=move |_| finish(true)>
                        {i18n.t(Text::SignOutRemoveData)}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| asking.set(false)>
                        {i18n.t(Text::Cancel)}
                    </button>
                </section>
            }
        })}
    }
}
