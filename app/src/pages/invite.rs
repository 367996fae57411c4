//! `/invite#<code>`: the person named in an invitation sets up how they sign in.
//! The code is read from the URL fragment, which the browser never sends to a server.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;
use tsunagu_model::{
    LoginName, NewPassword,
    account::{InvalidLoginName, InvalidPassword},
};

use super::sign_in::{PasskeyButton, PasskeyUse, problem_text};
use crate::{
    api::{self, FetchError},
    family::use_family,
    form::{Field, FieldKind, Submit},
    i18n::{Text, use_i18n},
};

fn invite_code() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let code = hash.trim_start_matches('#').trim().to_owned();
    (!code.is_empty()).then_some(code)
}

#[component]
pub fn Invite() -> impl IntoView {
    let i18n = use_i18n();
    let Some(code) = invite_code() else {
        return view! { <p class="status status-problem" role="alert">{i18n.t(Text::NoInviteCode)}</p> }.into_any();
    };
    let lookup_code = code.clone();
    let invitation = LocalResource::new(move || {
        let code = lookup_code.clone();
        async move { api::invitation(&code).await }
    });
    let code = StoredValue::new(code);
    let family = use_family();
    let navigate = use_navigate();
    let signed_up = Callback::new(move |()| {
        family.reload();
        navigate("/", Default::default());
    });
    (move || match invitation.get() {
        None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
        Some(Err(error)) => {
            let text = match error {
                FetchError::Server { status: 404, .. } => Text::InviteUnknown,
                other => problem_text(&other),
            };
            view! { <p class="status status-problem" role="alert" data-testid="invite-problem">{i18n.t(text)}</p> }
                .into_any()
        }
        Some(Ok(view)) => {
            let name = view.display_name.clone();
            view! {
                <h1 class="page-title">{i18n.t(Text::InviteTitle)}</h1>
                <p class="invite-name" data-testid="invite-name">{name}</p>
                <p class="intro">{i18n.t(Text::InviteIntro)}</p>
                <p class="intro">{i18n.t(Text::PasskeySetUpIntro)}</p>
                <PasskeyButton purpose=PasskeyUse::SetUp(code.get_value()) on_done=signed_up/>
                <SetUpForm code=code.get_value() on_done=signed_up/>
            }
            .into_any()
        }
    })
    .into_any()
}

#[component]
fn SetUpForm(code: String, on_done: Callback<()>) -> impl IntoView {
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<SetUpProblem>);
    let pending = RwSignal::new(false);
    let code = StoredValue::new(code);
    let i18n = crate::i18n::use_i18n();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        // The same rules as the server's, so most mistakes are caught here, in the person's language.
        let checked = LoginName::parse(&login.get_untracked())
            .map_err(SetUpProblem::LoginName)
            .and_then(|name| {
                NewPassword::parse(&password.get_untracked())
                    .map(|p| (name, p))
                    .map_err(SetUpProblem::Password)
            })
            .and_then(|checked| {
                if password.get_untracked() == again.get_untracked() {
                    Ok(checked)
                } else {
                    Err(SetUpProblem::Said(Text::PasswordsDiffer))
                }
            });
        let (name, secret) = match checked {
            Ok(checked) => checked,
            Err(text) => {
                problem.set(Some(text));
                return;
            }
        };
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::accept_invitation(&code.get_value(), name.as_str(), secret.expose()).await {
                Ok(_) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_done.try_run(());
                }
                Err(error) => problem.set(Some(SetUpProblem::Said(problem_text(&error)))),
            }
            pending.set(false);
        });
    };

    view! {
        <form class="form" data-testid="set-up" on:submit=submit>
            <Field label=Text::LoginName hint=Text::LoginNameHint name="username" kind=FieldKind::LoginName value=login/>
            <Field label=Text::Password hint=Text::PasswordHint name="new-password" kind=FieldKind::NewPassword value=password/>
            <Field label=Text::PasswordAgain name="new-password-again" kind=FieldKind::NewPassword value=again/>
            <p class="form-problem" role="alert" data-testid="form-problem">
                {move || problem.get().map(|p| p.explain(i18n.lang()))}
            </p>
            <Submit label=Text::CreateAccount pending=pending/>
        </form>
    }
}

/// Why the account cannot be made as typed: the model's own words for the rules
/// it checks (the server's, in the person's language), or the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetUpProblem {
    LoginName(InvalidLoginName),
    Password(InvalidPassword),
    Said(Text),
}

impl SetUpProblem {
    fn explain(self, lang: tsunagu_model::Lang) -> &'static str {
        match self {
            Self::LoginName(problem) => problem.explain(lang),
            Self::Password(problem) => problem.explain(lang),
            Self::Said(text) => crate::i18n::text(lang, text),
        }
    }
}
