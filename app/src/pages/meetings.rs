use leptos::prelude::*;
use tsunagu_model::{Child, Meeting, meeting};

use super::with_family;
use crate::{
    family::today,
    i18n::{Text, use_i18n},
};

/// Every meeting of the family: the coming ones first, then those already held.
#[component]
pub fn Meetings() -> impl IntoView {
    let i18n = use_i18n();
    with_family(move |overview| {
        let today = today();
        let upcoming = meeting::upcoming(&overview.meetings, today);
        let past = meeting::past(&overview.meetings, today);
        let list = |meetings: Vec<&Meeting>, empty: Text| {
            if meetings.is_empty() {
                return view! { <p class="empty">{i18n.t(empty)}</p> }.into_any();
            }
            meetings
                .into_iter()
                .map(|m| {
                    view! {
                        <li><MeetingCard meeting=m.clone() children=overview.children.clone() show_members=true/></li>
                    }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <h1 class="page-title">{i18n.t(Text::NavMeetings)}</h1>
            <section aria-labelledby="upcoming-heading">
                <h2 id="upcoming-heading">{i18n.t(Text::UpcomingMeetings)}</h2>
                <ul class="cards">{list(upcoming, Text::NoUpcomingMeetings)}</ul>
            </section>
            <section aria-labelledby="past-heading">
                <h2 id="past-heading">{i18n.t(Text::PastMeetings)}</h2>
                <ul class="cards past">{list(past, Text::NoPastMeetings)}</ul>
            </section>
        }
    })
}

/// One meeting as a family reads it: what, when, what for, where, with whom.
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
    let starts_at = m.starts_at;
    let kind = m.kind;
    let series = m.series;
    let members = m.members;
    view! {
        <article class="meeting-card" class:featured=featured data-kind=kind.as_str()>
            <header class="meeting-head">
                <span class="kind-badge">{move || kind.label(i18n.lang())}</span>
                {series.map(|s| view! { <span class="series">{move || s.label(i18n.lang())}</span> })}
            </header>
            <p class="meeting-when">
                <time datetime=tsunagu_model::iso::format_date_time(starts_at)>
                    {move || i18n.lang().date_time(starts_at, today)}
                </time>
                {child.map(|name| view! { <span class="meeting-child">{name}</span> })}
            </p>
            <dl class="meeting-facts">
                <dt>{i18n.t(Text::Purpose)}</dt>
                <dd class="meeting-purpose">{m.purpose}</dd>
                <dt>{i18n.t(Text::Place)}</dt>
                <dd>{m.place}</dd>
                {show_members.then(|| view! {
                    <dt>{i18n.t(Text::Members)}</dt>
                    <dd class="meeting-members">
                        {move || {
                            let lang = i18n.lang();
                            let separator = if lang == tsunagu_model::Lang::Ja { "、" } else { ", " };
                            members.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(separator)
                        }}
                    </dd>
                })}
            </dl>
        </article>
    }
}
