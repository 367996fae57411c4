//! The family's meetings: the list (coming, then held), and one meeting's page
//! with what it is for, who comes, the agenda, and after it what was agreed and
//! the parent's own tasks. The page prints as a sheet for those who bring paper.

use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{
    Child, Lang, Meeting, MemberRole, Role, iso,
    meeting::{self, previous_outcome},
    meeting_record::{MeetingOutcome, MeetingStatus},
};

use super::{
    answer::{AddToCalendar, MeetingAnswerPanel},
    bring::{MeetingItems, outcome_text},
    with_family,
};
use crate::{
    family::{now, today, use_family, use_records},
    i18n::{Text, name, names, use_i18n},
    sync::{SyncStatus, use_sync},
};

/// Every meeting of the family: the coming ones first, then those already held.
#[component]
pub fn Meetings() -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    with_family(move |overview| {
        let children = overview.children.clone();
        move || {
            let all = records.meetings().get();
            let now = now();
            let list = |meetings: Vec<&Meeting>, empty: Text| {
                if meetings.is_empty() {
                    return view! { <p class="empty">{i18n.t(empty)}</p> }.into_any();
                }
                meetings
                    .into_iter()
                    .map(|m| {
                        view! {
                            <li><MeetingCard meeting=m.clone() children=children.clone() show_members=true/></li>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <h1 class="page-title">{i18n.t(Text::NavMeetings)}</h1>
                <section aria-labelledby="upcoming-heading">
                    <h2 id="upcoming-heading">{i18n.t(Text::UpcomingMeetings)}</h2>
                    <ul class="cards" data-testid="upcoming-meetings">
                        {list(meeting::upcoming(&all, now), Text::NoUpcomingMeetings)}
                    </ul>
                </section>
                <section aria-labelledby="past-heading">
                    <h2 id="past-heading">{i18n.t(Text::PastMeetings)}</h2>
                    <ul class="cards past" data-testid="past-meetings">{list(meeting::past(&all, now), Text::NoPastMeetings)}</ul>
                </section>
                {let called_off = meeting::cancelled(&all, now);
                (!called_off.is_empty()).then(|| view! {
                    <section aria-labelledby="cancelled-heading">
                        <h2 id="cancelled-heading">{i18n.t(Text::CancelledMeetings)}</h2>
                        <ul class="cards past" data-testid="cancelled-meetings">{list(called_off, Text::NoPastMeetings)}</ul>
                    </section>
                })}
            }
        }
    })
}

/// Members by role, in the coordinator's order, each role once.
fn role_names(roles: &[MemberRole], lang: Lang) -> impl IntoView + use<> {
    names(roles.iter().map(|r| r.label(lang)).collect(), lang)
}

/// One meeting as a family reads it in a list: what, when (and how soon), what
/// for, where, with whom. It opens the meeting's page.
#[component]
pub fn MeetingCard(
    meeting: Meeting,
    children: Vec<Child>,
    #[prop(optional)] show_members: bool,
    #[prop(optional)] featured: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let child = children
        .into_iter()
        .find(|c| c.id == meeting.child_id)
        .map(|c| c.given_name);
    let today = today();
    let m = meeting;
    let page = format!("/meetings/{}", m.id);
    let starts_at = m.starts_at;
    let kind = m.kind;
    let series = m.series;
    let status = m.status;
    let roles = m.roles();
    let place = if m.place.is_empty() {
        i18n.t(Text::Online)().to_owned()
    } else {
        m.place
    };
    view! {
        <article class="meeting-card" class:featured=featured class:cancelled=status == MeetingStatus::Cancelled
            data-kind=kind.as_str() data-testid="meeting-card">
            <A href={page} {..} class="card-link">
                <header class="meeting-head">
                    <span class="kind-badge">{move || kind.label(i18n.lang())}</span>
                    {series.map(|s| view! { <span class="series">{move || s.label(i18n.lang())}</span> })}
                    {(status != MeetingStatus::Scheduled).then(|| view! {
                        <span class="badge status-badge" data-status=status.as_str() data-testid="meeting-status">
                            {move || status.label(i18n.lang())}
                        </span>
                    })}
                </header>
                <p class="meeting-when">
                    <time datetime=iso::format_date_time(starts_at)>
                        {move || i18n.lang().date_time(starts_at, today)}
                    </time>
                    {(featured && starts_at.date() >= today).then(|| view! {
                        <span class="countdown" data-testid="countdown">{move || i18n.lang().countdown(starts_at.date(), today)}</span>
                    })}
                    {child.map(|name| view! { <span class="meeting-child">{name}</span> })}
                </p>
                <dl class="meeting-facts">
                    <dt>{i18n.t(Text::Purpose)}</dt>
                    <dd class="meeting-purpose">{m.purpose}</dd>
                    <dt>{i18n.t(Text::Place)}</dt>
                    <dd>{place}</dd>
                    {show_members.then(|| view! {
                        <dt>{i18n.t(Text::Members)}</dt>
                        <dd class="meeting-members">{move || role_names(&roles, i18n.lang())}</dd>
                    })}
                </dl>
            </A>
        </article>
    }
}

/// One meeting's page: everything a parent needs before it and what was agreed
/// after it. Printed, it is the sheet a parent brings.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    let sync = use_sync();
    let id = super::id_in_path();
    with_family(move |overview| {
        let children = overview.children.clone();
        move || {
            let id = id.get();
            let all = records.meetings().get();
            let Some(m) = all.iter().find(|m| Some(m.id.0) == id).cloned() else {
                // Opened from a reminder on a device whose sync is still bringing
                // the family's meetings: not "missing" yet.
                if matches!(
                    sync.status.get(),
                    SyncStatus::Starting | SyncStatus::Syncing(_)
                ) {
                    return view! {
                        <p class="status" role="status" data-testid="meeting-loading">{i18n.t(Text::Loading)}</p>
                    }
                    .into_any();
                }
                return view! {
                    <A href="/meetings" {..} class="back-link">{i18n.t(Text::NavMeetings)}</A>
                    <p class="status" data-testid="meeting-missing">
                        {i18n.t(Text::MeetingMissing)}
                    </p>
                }
                .into_any();
            };
            let previous = previous_outcome(&all, m.child_id, m.starts_at).cloned();
            let child = children
                .iter()
                .find(|c| c.id == m.child_id)
                .map(|c| c.given_name.clone());
            view! { <MeetingSheet meeting=m previous=previous child=child/> }.into_any()
        }
    })
}

#[component]
fn MeetingSheet(
    meeting: Meeting,
    previous: Option<Meeting>,
    child: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = meeting;
    let (starts, ends, kind, status, series) = (m.starts_at, m.ends_at, m.kind, m.status, m.series);
    let members = m.members.clone();
    let agenda = m.agenda.clone();
    let is_parent = use_family()
        .data
        .get_untracked()
        .and_then(Result::ok)
        .is_some_and(|loaded| loaded.me.role == Role::Parent);
    // Only the family's parents answer (a coordinator looking on does not); once
    // the meeting has started, only if someone had answered. A memo, so an answer
    // arriving by sync never rebuilds the panel a parent is typing in.
    let records = use_records();
    let (id, fixed) = (m.id, m.items_fixed(now()));
    let answer_shown = Memo::new(move |_| {
        is_parent
            && status != MeetingStatus::Cancelled
            && (!fixed || !records.answers(id).is_empty())
    });
    let for_answer = m.clone();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <A href="/meetings" {..} class="back-link no-print">{i18n.t(Text::NavMeetings)}</A>
        <article class="meeting-page" data-kind=kind.as_str() data-testid="meeting-page">
            <header class="meeting-head">
                <span class="kind-badge">{move || kind.label(i18n.lang())}</span>
                {series.map(|s| view! { <span class="series">{move || s.label(i18n.lang())}</span> })}
                <span class="badge status-badge" data-status=status.as_str() data-testid="meeting-status">
                    {move || status.label(i18n.lang())}
                </span>
            </header>
            <h1 class="page-title meeting-purpose" data-testid="meeting-purpose">{m.purpose.clone()}</h1>
            {(status == MeetingStatus::Cancelled).then(|| view! {
                <p class="status status-problem" role="status">
                    {i18n.t(Text::MeetingCancelled)}
                </p>
            })}
            <dl class="meeting-facts">
                <dt>{i18n.t(Text::When)}</dt>
                <dd data-testid="meeting-time">
                    <time datetime=iso::format_date_time(starts)>{move || i18n.lang().meeting_time(starts, ends)}</time>
                </dd>
                {child.map(|name| view! {
                    <dt>{i18n.t(Text::Child)}</dt>
                    <dd>{name}</dd>
                })}
                {(!m.place.is_empty()).then(|| view! {
                    <dt>{i18n.t(Text::Place)}</dt>
                    <dd>{m.place.clone()}</dd>
                })}
                {m.online_link.clone().map(|link| {
                    let shown = link.clone();
                    view! {
                        <dt>{i18n.t(Text::Online)}</dt>
                        <dd><a href=link rel="noopener noreferrer" target="_blank">{shown}</a></dd>
                    }
                })}
            </dl>
            <AddToCalendar meeting=m.clone()/>
            {move || answer_shown.get().then(|| view! { <MeetingAnswerPanel meeting=for_answer.clone()/> })}
            <section aria-labelledby="members-heading">
                <h2 id="members-heading">{i18n.t(Text::Members)}</h2>
                <ul class="members" data-testid="meeting-members">
                    {members.into_iter().map(|member| {
                        let role = member.role;
                        view! {
                            <li class:me=role == MemberRole::Parent>
                                <span class="member-role name">{move || role.label(i18n.lang())}</span>
                                {(!member.organisation.is_empty()).then(|| view! {
                                    <span class="member-org name">{member.organisation.clone()}</span>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            {(!agenda.is_empty()).then(|| view! {
                <section aria-labelledby="agenda-heading">
                    <h2 id="agenda-heading">{i18n.t(Text::Agenda)}</h2>
                    <ol class="agenda" data-testid="agenda">
                        {agenda.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ol>
                </section>
            })}
            {if m.items_fixed(now()) {
                view! { <BroughtToMeeting meeting=m.clone()/> }.into_any()
            } else {
                view! { <MeetingItems meeting=m.clone()/> }.into_any()
            }}
            {m.outcome.clone().map(|outcome| view! {
                <section aria-labelledby="outcome-heading" class="outcome" data-testid="outcome">
                    <h2 id="outcome-heading">{i18n.t(Text::AgreedHeading)}</h2>
                    <Outcome outcome=outcome/>
                </section>
            })}
            {previous.and_then(|p| p.outcome.map(|o| (p.starts_at, o))).filter(|_| m.outcome.is_none()).map(|(held, outcome)| view! {
                <section aria-labelledby="previous-heading" class="outcome previous" data-testid="previous-outcome">
                    <h2 id="previous-heading">
                        {i18n.t(Text::AgreedLastTime)}
                        " ("{move || i18n.lang().full_date(held.date())}")"
                    </h2>
                    <Outcome outcome=outcome/>
                </section>
            })}
            <p class="no-print">
                <button type="button" class="button button-quiet" on:click=print data-testid="print-sheet">
                    {i18n.t(Text::PrintSheet)}
                </button>
            </p>
        </article>
    }
}

/// Once a meeting has started, nothing more can be brought to it: its page says
/// what I brought and what became of each item, as the coordinator records it.
#[component]
fn BroughtToMeeting(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    let (id, cancelled) = (meeting.id, meeting.status == MeetingStatus::Cancelled);
    view! {
        <section aria-labelledby="brought-heading" class="bringing" data-testid="brought-to-meeting">
            <h2 id="brought-heading">{i18n.t(Text::BroughtHeading)}</h2>
            {move || {
                let mine = records.items(id);
                if mine.is_empty() {
                    return view! {
                        <p class="empty" data-testid="brought-none">{i18n.t(Text::BroughtNothing)}</p>
                    }.into_any();
                }
                let plans = records.plans().get();
                let lang = i18n.lang();
                view! {
                    <ol class="agenda bringing-list" data-testid="my-items">
                        {mine.into_iter().map(|item| {
                            let status = match (&item.outcome, cancelled) {
                                (Some(outcome), _) => outcome_text(outcome, &plans, lang, i18n.era()),
                                (None, true) => i18n.t(Text::ItemsMeetingCancelled)().to_owned(),
                                (None, false) => i18n.t(Text::NoOutcomeYet)().to_owned(),
                            };
                            view! {
                                <li data-testid="my-item">
                                    <span class="brought-wording">{item.wording.clone()}</span>
                                    <span class="brought-status" data-testid="brought-status">{status}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// What a meeting agreed: the direction, my tasks first, everyone else's part,
/// the next meeting's target date and the follow-ups.
#[component]
fn Outcome(outcome: MeetingOutcome) -> impl IntoView {
    let i18n = use_i18n();
    let mine: Vec<String> = outcome.parent_tasks().map(str::to_owned).collect();
    let others: Vec<_> = outcome
        .roles
        .iter()
        .filter(|r| r.role != MemberRole::Parent)
        .cloned()
        .collect();
    let next = outcome.next_target;
    view! {
        <h3>{i18n.t(Text::DirectionOfSupport)}</h3>
        <p class="direction" data-testid="direction">{outcome.direction.clone()}</p>
        {(!mine.is_empty()).then(|| view! {
            <h3>{i18n.t(Text::MyTasks)}</h3>
            <ul class="tasks mine" data-testid="my-tasks">
                {mine.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
        })}
        {(!others.is_empty()).then(|| view! {
            <h3>{i18n.t(Text::EveryonesPart)}</h3>
            <ul class="tasks">
                {others.into_iter().map(|r| {
                    let role = r.role;
                    view! {
                        <li>
                            <span class="member-role name">{move || role.label(i18n.lang())}</span>
                            {(!r.organisation.is_empty()).then(|| view! {
                                // An aside: "担任(みなみ保育園)", "class teacher (みなみ保育園)".
                                {move || if i18n.lang() == Lang::En { " (" } else { "(" }}
                                {name(r.organisation.clone())}
                                ")"
                            })}
                            ": "{r.task.clone()}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {next.map(|date| view! {
            <h3>{i18n.t(Text::NextTargetDate)}</h3>
            <p data-testid="next-target">{move || i18n.lang().full_date(date)}</p>
        })}
        {(!outcome.follow_ups.is_empty()).then(|| view! {
            <h3>{i18n.t(Text::FollowUps)}</h3>
            <ul class="tasks">
                {outcome.follow_ups.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
            </ul>
        })}
    }
}
