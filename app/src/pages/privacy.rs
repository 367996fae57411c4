//! The family's privacy: what it shares with parent mentors, and "who looked at our
//! family's data, and when" (its access log).

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    FamilyId, PersonId,
    consent::{ConsentId, ConsentScope, GrantConsent},
};

use super::{sign_in::problem_text, with_family};
use crate::{
    api::{self, FetchError},
    family::today,
    i18n::{Text, name, use_i18n},
};

#[component]
pub fn AccessLog() -> impl IntoView {
    let i18n = use_i18n();
    with_family(move |overview| {
        let family = overview.family.id;
        let log = LocalResource::new(move || api::access_log(family));
        let today = today();
        view! {
            <h1 class="page-title">{i18n.t(Text::AccessLogTitle)}</h1>
            <p class="intro">{i18n.t(Text::AccessLogIntro)}</p>
            {move || match log.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="status status-problem" role="alert">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Ok(entries)) if entries.is_empty() => {
                    view! { <p class="empty">{i18n.t(Text::AccessLogEmpty)}</p> }.into_any()
                }
                Some(Ok(entries)) => {
                    let lang = i18n.lang();
                    let rows = entries
                        .into_iter()
                        .map(|e| {
                            let who = match (e.actor_name, e.actor_role) {
                                (Some(person), Some(role)) => view! { {person}"("{name(role.label(lang))}")" }.into_any(),
                                (Some(person), None) => person.into_any(),
                                _ => i18n.t(Text::ServerAdmin)().into_any(),
                            };
                            view! {
                                <li class="log-row" data-testid="access-log-entry">
                                    <time datetime=tsunagu_model::iso::format_date_time(e.at)>{lang.date_time(e.at, today)}</time>
                                    <span class="log-who">{who}</span>
                                    <span class="log-what">{e.action.label(lang)}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="log">{rows}</ul> }.into_any()
                }
            }}
            <Sharing family=family/>
        }
    })
}

/// The family's consents to parent mentors: what is shared with whom, stop sharing,
/// share meeting dates with a mentor.
#[component]
fn Sharing(family: FamilyId) -> impl IntoView {
    let i18n = use_i18n();
    let consents = LocalResource::new(move || api::consents(family));
    let mentors = LocalResource::new(api::mentors);
    let chosen = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let today = today();

    let act = move |action: Action| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = match action {
                Action::Grant(mentor) => {
                    let grant = GrantConsent {
                        mentor,
                        scope: ConsentScope::MeetingDates,
                    };
                    api::grant_consent(family, &grant).await
                }
                Action::Revoke(consent) => api::revoke_consent(family, consent).await,
            };
            if let Err(error) = result {
                problem.set(Some(match error {
                    FetchError::Server { status: 409, .. } => Text::AlreadyShared,
                    other => problem_text(&other),
                }));
            }
            pending.set(false);
            consents.refetch();
        });
    };

    view! {
        <section aria-labelledby="sharing-heading" data-testid="sharing">
            <h2 id="sharing-heading">{i18n.t(Text::SharingTitle)}</h2>
            <p class="intro">{i18n.t(Text::SharingIntro)}</p>
            {move || match consents.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="status status-problem">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty" data-testid="sharing-none">{i18n.t(Text::SharingNone)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let lang = i18n.lang();
                    list.into_iter()
                        .map(|c| {
                            let id = c.id;
                            view! {
                                <div class="consent-row" data-testid="consent">
                                    <span>
                                        <strong>{c.mentor_name}</strong>
                                        " · "
                                        {c.scope.label(lang)}
                                        " · "
                                        {lang.date(c.granted_at.date(), today)}
                                    </span>
                                    <button type="button" class="button button-quiet" disabled=pending on:click=move |_| act(Action::Revoke(id))>
                                        {i18n.t(Text::StopSharing)}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <form class="form" on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                if let Ok(mentor) = chosen.get_untracked().parse() {
                    act(Action::Grant(mentor));
                }
            }>
                <label class="field">
                    <span>{i18n.t(Text::ShareWith)}</span>
                    <select name="mentor" required on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || mentors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|m| view! {
                            <option value=m.id.to_string()>{m.display_name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <p class="form-problem" role="alert">{move || problem.get().map(|t| i18n.t(t)())}</p>
                <button type="submit" class="button" disabled=pending>{i18n.t(Text::ShareMeetingDates)}</button>
            </form>
        </section>
    }
}

#[derive(Clone, Copy)]
enum Action {
    Grant(PersonId),
    Revoke(ConsentId),
}
