//! The family's privacy: what it shares with parent mentors, and "who looked at our
//! family's data, and when" (its access log).

use crate::i18n::messages;
use chrono::Timelike;
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    FamilyId, Lang, PersonId,
    audit::{AccessLogEntry, group_access_log},
    consent::{ConsentId, ConsentScope, GrantConsent, ProposalAnswer, ProposalState},
    endpoints::{AnswerMentorProposal, ListMentorProposals, NoContent},
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
        // What needs the server says so once, here, and the rest of the page
        // stays calm: the log and the sharing live on the server, not the device.
        let offline = RwSignal::new(false);
        // Moves on when the family answers a proposal, so the consents it gave show.
        let answered = RwSignal::new(0u64);
        view! {
            <h1 class="page-title">{i18n.t(Text::AccessLogTitle)}</h1>
            <p class="intro">{i18n.t(Text::AccessLogIntro)}</p>
            {move || offline.get().then(|| view! {
                <p class="status status-offline" role="status" data-testid="privacy-offline">{i18n.t(Text::AccessLogOffline)}</p>
            })}
            // What is shared comes first: the log below can be long.
            <Proposals family=family offline=offline answered=answered/>
            <Sharing family=family offline=offline answered=answered/>
            <LogList family=family offline=offline/>
        }
    })
}

/// The log, repeated reads grouped, a page at a time back to the first line.
#[component]
fn LogList(family: FamilyId, offline: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(Vec::<AccessLogEntry>::new());
    let older = RwSignal::new(None::<i64>);
    // `None` while loading; then whether the last load worked.
    let loaded = RwSignal::new(None::<Result<(), FetchError>>);
    let load = move |before: Option<i64>| {
        loaded.set(None);
        spawn_local(async move {
            match api::access_log(family, before).await {
                Ok(page) => {
                    offline.set(false);
                    entries.update(|e| e.extend(page.entries));
                    older.set(page.older);
                    loaded.set(Some(Ok(())));
                }
                Err(error) => {
                    offline.set(error == FetchError::Offline);
                    loaded.set(Some(Err(error)));
                }
            }
        });
    };
    load(None);
    let today = today();
    view! {
        {move || {
            let lang = i18n.lang();
            let groups = group_access_log(&entries.get());
            let nothing = groups.is_empty();
            let rows = groups
                .into_iter()
                .map(|g| {
                    let e = g.latest;
                    // The role stays whole on a narrow phone (`name`).
                    let open = if lang == tsunagu_model::Lang::En { " (" } else { "(" };
                    let who = match (e.actor_name, e.actor_role) {
                        (Some(person), Some(role)) => view! { {person}{open}{name(role.label(lang))}")" }.into_any(),
                        (Some(person), None) => person.into_any(),
                        _ => i18n.t(Text::ServerAdmin)().into_any(),
                    };
                    let when = if g.count > 1 {
                        span_of(lang, g.earliest, e.at, today)
                    } else {
                        lang.date_time(e.at, today)
                    };
                    let what = match (e.viewed, &e.subject_name) {
                        (Some(viewed), _) => format!("{}: {}", e.action.label(lang), viewed.label(lang)),
                        // Whom it was about: the parent invited, confirmed or turned down.
                        (None, Some(subject)) => format!("{}: {subject}", e.action.label(lang)),
                        (None, None) => e.action.label(lang).to_owned(),
                    };
                    let count = (g.count > 1).then(|| messages::times(lang, g.count));
                    view! {
                        <li class="log-row" data-testid="access-log-entry">
                            <time datetime=tsunagu_model::iso::format_date_time(e.at)>{when}</time>
                            <span class="log-who">{who}</span>
                            <span class="log-what" data-testid="access-log-what">{what}</span>
                            {count.map(|c| view! { <span class="badge log-count" data-testid="access-log-count">{c}</span> })}
                        </li>
                    }
                })
                .collect_view();
            let status = match loaded.get() {
                None => Some(view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any()),
                // Said once, above.
                Some(Err(FetchError::Offline)) => None,
                Some(Err(_)) => Some(view! {
                    <p class="status status-problem" role="alert">{i18n.t(Text::AccessLogLoadFailed)}</p>
                }.into_any()),
                Some(Ok(())) if nothing => Some(view! { <p class="empty">{i18n.t(Text::AccessLogEmpty)}</p> }.into_any()),
                Some(Ok(())) => None,
            };
            let more = older.get().filter(|_| matches!(loaded.get(), Some(Ok(()))));
            view! {
                {(!nothing).then(|| view! { <ul class="log">{rows}</ul> })}
                {status}
                {more.map(|before| view! {
                    <button type="button" class="button button-quiet" data-testid="access-log-older"
                        on:click=move |_| load(Some(before))>
                        {i18n.t(Text::ShowOlderLines)}
                    </button>
                })}
            }
        }}
    }
}

/// "12月2日(水) 9:00〜10:04": the first and last time of a group of one day.
fn span_of(
    lang: Lang,
    earliest: chrono::NaiveDateTime,
    latest: chrono::NaiveDateTime,
    today: chrono::NaiveDate,
) -> String {
    let (from, to) = (
        format!("{}:{:02}", earliest.hour(), earliest.minute()),
        format!("{}:{:02}", latest.hour(), latest.minute()),
    );
    messages::day_span(lang, &lang.date(latest.date(), today), &from, &to)
}

/// Mentors a coordinator proposed to the family and nobody answered yet: the
/// parent reads what each scope lets the mentor see, ticks the ones to grant
/// and accepts, or declines. The mentor sees nothing before that.
#[component]
fn Proposals(family: FamilyId, offline: RwSignal<bool>, answered: RwSignal<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let proposals = LocalResource::new(move || async move {
        api::call(&ListMentorProposals { family_id: family }, &NoContent).await
    });
    let chosen = RwSignal::new(vec![ConsentScope::Contact]);
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<Text>);
    let answer = move |proposal, accept: bool| {
        if pending.get_untracked() {
            return;
        }
        let scopes = if accept {
            chosen.get_untracked()
        } else {
            Vec::new()
        };
        let body = ProposalAnswer { accept, scopes };
        if body.check().is_err() {
            problem.set(Some(Text::ChooseScope));
            return;
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            let endpoint = AnswerMentorProposal {
                family_id: family,
                proposal_id: proposal,
            };
            if let Err(error) = api::call(&endpoint, &body).await {
                problem.set(Some(problem_text(&error)));
            }
            pending.set(false);
            proposals.refetch();
            // The consents it granted show in the list below at once.
            answered.update(|n| *n += 1);
        });
    };
    move || {
        let waiting: Vec<_> = proposals
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.state == ProposalState::Waiting)
            .collect();
        (!waiting.is_empty()).then(|| {
            let lang = i18n.lang();
            view! {
                <section data-testid="proposals">
                    <h2>{i18n.t(Text::ProposalsTitle)}</h2>
                    {waiting.into_iter().map(|p| {
                        let id = p.id;
                        let scopes = ConsentScope::ALL.into_iter().map(|s| view! {
                            <label class="check">
                                <input type="checkbox" data-testid="proposal-scope" value=s.as_str()
                                    prop:checked=move || chosen.get().contains(&s)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != s); if on { c.push(s) } });
                                        problem.set(None);
                                    }/>
                                <span><strong>{s.label(lang)}</strong>" "<span class="hint">{s.explain(lang)}</span></span>
                            </label>
                        }).collect_view();
                        view! {
                            <div class="confirm" data-testid="proposal">
                                <p>{messages::mentor_proposed(lang, &p.mentor_name)}</p>
                                {scopes}
                                <button type="button" class="button" data-testid="proposal-accept"
                                    disabled=move || pending.get() || offline.get()
                                    on:click=move |_| answer(id, true)>{i18n.t(Text::ProposalAccept)}</button>
                                <button type="button" class="button button-quiet" data-testid="proposal-decline"
                                    disabled=move || pending.get() || offline.get()
                                    on:click=move |_| answer(id, false)>{i18n.t(Text::ProposalDecline)}</button>
                            </div>
                        }
                    }).collect_view()}
                    <p class="form-problem" role="alert">{move || problem.get().map(|t| i18n.t(t)())}</p>
                </section>
            }
        })
    }
}

/// The family's consents to parent mentors: what is shared with whom, stop sharing,
/// share meeting dates with a mentor.
#[component]
fn Sharing(family: FamilyId, offline: RwSignal<bool>, answered: RwSignal<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let consents = LocalResource::new(move || {
        answered.track();
        api::consents(family)
    });
    let mentors = LocalResource::new(api::mentors);
    Effect::new(move |_| {
        if let Some(Err(FetchError::Offline)) = consents.get() {
            offline.set(true);
        }
    });
    // Sharing is decided on the server: without it, or without a mentor to
    // choose, the button stays off and says why.
    let why_not = move || {
        if offline.get() || matches!(consents.get(), Some(Err(FetchError::Offline))) {
            return Some(i18n.t(Text::SharingNeedsConnection)());
        }
        match mentors.get() {
            None => Some(i18n.t(Text::Loading)()),
            Some(Ok(list)) if list.is_empty() => Some(i18n.t(Text::NoMentorToChoose)()),
            Some(Ok(_)) => None,
            Some(Err(_)) => Some(i18n.t(Text::MentorsLoadFailed)()),
        }
    };
    let chosen = RwSignal::new(String::new());
    // Each scope is granted on its own; meeting dates unless the parent picks another.
    let scope = RwSignal::new(ConsentScope::MeetingDates);
    let choose_first = RwSignal::new(false);
    let asking = RwSignal::new(None::<(PersonId, String)>);
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
                Action::Grant(mentor, scope) => {
                    let grant = GrantConsent { mentor, scope };
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
                // The page says once, above, that it is offline.
                Some(Err(FetchError::Offline)) => ().into_any(),
                Some(Err(_)) => view! {
                    <p class="status status-problem">{i18n.t(Text::SharingLoadFailed)}</p>
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty" data-testid="sharing-none">{i18n.t(Text::SharingNone)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let lang = i18n.lang();
                    list.into_iter()
                        .map(|c| {
                            let id = c.id;
                            view! {
                                <div class="consent-row" data-testid="consent" data-scope=c.scope.as_str()>
                                    <span>
                                        <strong>{c.mentor_name}</strong>
                                        " · "
                                        {c.scope.label(lang)}
                                        " · "
                                        {lang.date(c.granted_at.date(), today)}
                                    </span>
                                    <button type="button" class="button button-quiet" data-testid="consent-stop"
                                        disabled=move || pending.get() || offline.get()
                                        on:click=move |_| act(Action::Revoke(id))>
                                        {i18n.t(Text::StopSharing)}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <form class="form" novalidate on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                // Nothing is shared before the parent has read who sees what.
                match chosen.get_untracked().parse::<PersonId>() {
                    Ok(mentor) => {
                        let name = mentors
                            .get_untracked()
                            .and_then(Result::ok)
                            .and_then(|list| list.into_iter().find(|m| m.id == mentor))
                            .map(|m| m.display_name)
                            .unwrap_or_default();
                        choose_first.set(false);
                        asking.set(Some((mentor, name)));
                    }
                    Err(_) => choose_first.set(true),
                }
            }>
                <label class="field">
                    <span>{i18n.t(Text::ShareWith)}</span>
                    <select name="mentor" aria-describedby="share-choose-first" disabled=move || why_not().is_some()
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev));
                            choose_first.set(false);
                            asking.set(None);
                        }>
                        <option value="">"—"</option>
                        {move || mentors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|m| view! {
                            <option value=m.id.to_string()>{m.display_name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.t(Text::ShareWhat)}</span>
                    <select name="scope" data-testid="share-scope"
                        on:change=move |ev| {
                            if let Ok(s) = event_target_value(&ev).parse() {
                                scope.set(s);
                            }
                            asking.set(None);
                        }>
                        {move || ConsentScope::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || scope.get() == s>{s.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || choose_first.get().then(|| view! {
                    <p class="field-problem" id="share-choose-first" role="alert" data-testid="share-choose-first">
                        {i18n.t(Text::ChooseMentor)}
                    </p>
                })}
                {move || asking.get().map(|(mentor, name)| view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="share-confirm-what" data-testid="share-confirm">
                        <p id="share-confirm-what">{move || if scope.get() == ConsentScope::MeetingDates {
                            messages::mentor_will_see_dates(i18n.lang(), &name)
                        } else {
                            name.clone()
                        }}</p>
                        <p data-testid="share-explain">{move || scope.get().explain(i18n.lang())}</p>
                        <button type="button" class="button" data-testid="share-confirm-yes" disabled=pending
                            on:click=move |_| {
                                asking.set(None);
                                act(Action::Grant(mentor, scope.get_untracked()));
                            }>
                            {i18n.t(Text::Share)}
                        </button>
                        <button type="button" class="button button-quiet" on:click=move |_| asking.set(None)>
                            {i18n.t(Text::Cancel)}
                        </button>
                    </div>
                })}
                <p class="form-problem" role="alert">{move || problem.get().map(|t| i18n.t(t)())}</p>
                <p class="hint" data-testid="share-why-not">{why_not}</p>
                <button type="submit" class="button" data-testid="share-meeting-dates"
                    disabled=move || pending.get() || why_not().is_some()>{i18n.t(Text::ShareMeetingDates)}</button>
            </form>
        </section>
    }
}

#[derive(Clone, Copy)]
enum Action {
    Grant(PersonId, ConsentScope),
    Revoke(ConsentId),
}
