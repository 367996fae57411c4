//! The coordinators' app at `/staff/`: a separate bundle, fetched only by those who
//! open it. For now: invite a family's parents and follow the invitations.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    FamilyId, Role,
    api::{InvitationState, InvitationSummary},
};

use crate::{
    api::{self, FetchError},
    family::today,
    form::{Field, FieldKind, FormProblem, Submit},
    i18n::{I18n, Text, use_i18n},
    pages::{SignIn, SignOut, problem_text},
    shell::LangSwitch,
};

#[component]
pub fn StaffApp() -> impl IntoView {
    let i18n = I18n::provide();
    let me = LocalResource::new(api::me);
    let reload = Callback::new(move |()| me.refetch());
    view! {
        <header class="top-bar">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"つ"</span>
                <span class="brand-name">{i18n.t(Text::StaffTitle)}</span>
            </a>
            <LangSwitch/>
        </header>
        <main id="main" class="content staff">
            {move || match me.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) if error.is_signed_out() => {
                    view! { <SignIn session_ended=error.is_session_ended() on_signed_in=reload/> }.into_any()
                }
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{i18n.t(problem_text(&error))}</p> }.into_any(),
                Some(Ok(me)) if me.role != Role::Coordinator => view! {
                    <p class="status" role="alert" data-testid="staff-only">{i18n.t(Text::StaffOnly)}</p>
                    <footer class="account"><SignOut on_signed_out=reload/></footer>
                }
                .into_any(),
                Some(Ok(_)) => view! {
                    <Invitations/>
                    <footer class="account"><SignOut on_signed_out=reload/></footer>
                }
                .into_any(),
            }}
        </main>
    }
}

#[component]
fn Invitations() -> impl IntoView {
    let i18n = use_i18n();
    let families = LocalResource::new(api::families);
    let selected = RwSignal::new(None::<FamilyId>);
    let name = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let invitations = LocalResource::new(move || {
        let family = selected.get();
        async move {
            match family {
                Some(family) => api::family_invitations(family).await,
                None => Ok(Vec::new()),
            }
        }
    });

    let invite = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(family) = selected.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        link.set(None);
        spawn_local(async move {
            match api::invite_parent(family, &name.get_untracked()).await {
                Ok(made) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    link.set(Some(format!("{origin}/invite#{}", made.code)));
                    name.set(String::new());
                    invitations.refetch();
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
            pending.set(false);
        });
    };

    let withdraw = move |family: FamilyId, id: uuid::Uuid| {
        spawn_local(async move {
            if let Err(error) = api::revoke_invitation(family, id).await {
                problem.set(Some(problem_text(&error)));
            }
            invitations.refetch();
        });
    };

    view! {
        <h1 class="page-title">{i18n.t(Text::StaffTitle)}</h1>
        <form class="form" data-testid="invite-parent" on:submit=invite>
            <label class="field">
                <span>{i18n.t(Text::ChooseFamily)}</span>
                <select name="family" required on:change=move |ev| {
                    selected.set(event_target_value(&ev).parse().ok());
                    link.set(None);
                }>
                    <option value="">"—"</option>
                    {move || families.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|f| view! {
                        <option value=f.id.to_string()>{f.display_name}</option>
                    }).collect_view()}
                </select>
            </label>
            <Field label=Text::ParentName name="parent-name" kind=FieldKind::PersonName value=name/>
            <FormProblem problem=problem/>
            <Submit label=Text::MakeInvitation pending=pending/>
        </form>
        {move || link.get().map(|url| view! {
            <div class="status" data-testid="invitation-link">
                <p>{i18n.t(Text::InvitationLinkIntro)}</p>
                <input class="link-box" readonly prop:value=url/>
            </div>
        })}
        <h2>{i18n.t(Text::InvitationsOfFamily)}</h2>
        {move || {
            let Some(family) = selected.get() else { return ().into_any() };
            match invitations.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(FetchError::Offline)) => view! { <p class="status status-problem">{i18n.t(Text::Offline)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="status status-problem">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{i18n.t(Text::NoInvitations)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let today = today();
                    list.into_iter()
                        .map(|inv: InvitationSummary| {
                            let lang = i18n.lang();
                            let state = match inv.state {
                                InvitationState::Pending => Text::StatePending,
                                InvitationState::Used => Text::StateUsed,
                                InvitationState::Revoked => Text::StateRevoked,
                                InvitationState::Expired => Text::StateExpired,
                            };
                            let id = inv.id;
                            view! {
                                <div class="consent-row" data-testid="invitation">
                                    <span>
                                        <strong>{inv.display_name}</strong>
                                        " · "
                                        {i18n.t(state)}
                                        " · "
                                        {lang.date(inv.expires_at.date(), today)}
                                    </span>
                                    {(inv.state == InvitationState::Pending).then(|| view! {
                                        <button type="button" class="button button-quiet" on:click=move |_| withdraw(family, id)>
                                            {i18n.t(Text::Withdraw)}
                                        </button>
                                    })}
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }
        }}
    }
}
