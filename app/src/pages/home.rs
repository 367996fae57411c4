use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{Meeting, Role, meeting};

use super::{SignOutHere, bring::BringingSummary, meetings::MeetingCard, with_family};
use crate::{
    family::{today, use_family, use_records},
    i18n::{Text, messages, use_i18n},
};

/// What a parent opens the app for: who is this about, and what is the next meeting.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let records = use_records();
    let is_coordinator = move || {
        family
            .data
            .get()
            .and_then(Result::ok)
            .is_some_and(|loaded| loaded.me.role == Role::Coordinator)
    };
    with_family(move |overview| {
        let today = today();
        let family_id = overview.family.id;
        let children = overview.children.clone();
        let coming = move || {
            let all = records.meetings().get();
            let now = crate::family::now();
            let next = meeting::next_meeting(&all, now).cloned();
            let later: Vec<Meeting> = meeting::upcoming(&all, now)
                .into_iter()
                .filter(|m| next.as_ref().is_none_or(|n| n.id != m.id))
                .cloned()
                .collect();
            (next, later)
        };
        let child_list = overview
            .children
            .iter()
            .map(|c| {
                let child = c.clone();
                view! {
                    <li class="child-chip">
                        {child.given_name.clone()}
                        {move || child.stage_on(today).map(|s| format!(" · {}", s.label(i18n.lang())))}
                    </li>
                }
            })
            .collect_view();
        let family_head = overview.family.clone();
        view! {
                    <section class="family-head" aria-label=i18n.t(Text::Family)>
                        <h1 class="page-title" data-testid="family-name">{move || family_head.heading(i18n.lang())}</h1>
                        <ul class="children" aria-label=i18n.t(Text::Children)>{child_list}</ul>
                    </section>
                    <super::joining::Joining family=family_id/>
                    {move || {
                        let (next, later) = coming();
                        let children = children.clone();
                        view! {
                            <section aria-labelledby="next-heading">
                                <h2 id="next-heading">{i18n.t(Text::NextMeeting)}</h2>
                                {match next {
                                    Some(m) => {
                                        let id = m.id;
                                        let (starts_at, kind) = (m.starts_at, m.kind);
                                        view! {
                                            {(starts_at.date() == crate::family::today()).then(|| view! {
                                                <p class="today-meeting" role="status" data-testid="today-meeting">
                                                    {move || messages::meeting_today(i18n.lang(), starts_at, kind.label(i18n.lang()))}
                                                </p>
                                            })}
                                            <div data-testid="next-meeting">
                                                <MeetingCard meeting=m children=children.clone() featured=true show_members=true/>
                                            </div>
                                            <BringingSummary meeting=id/>
                                            <A href=format!("/meetings/{id}") {..} class="button button-quiet prepare-link" data-testid="prepare">
                                                {i18n.t(Text::PrepareForMeeting)}
                                            </A>
                                        }.into_any()
                                    }
                                    None => view! { <p class="empty">{i18n.t(Text::NoUpcomingMeetings)}</p> }.into_any(),
                                }}
                            </section>
                            {(!later.is_empty()).then(|| view! {
                                <section aria-labelledby="later-heading">
                                    <h2 id="later-heading">{i18n.t(Text::LaterMeetings)}</h2>
                                    <ul class="cards">
                                        {later.into_iter().map(|m| view! {
                                            <li><MeetingCard meeting=m children=children.clone()/></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        }
                    }}
                    <footer class="account">
                        <A href="/reminders" {..} data-testid="reminders-link">{i18n.t(Text::RemindersLink)}</A>
                        <A href="/settings/reminders" {..} data-testid="reminder-settings-link">{i18n.t(Text::ReminderSettingsLink)}</A>
                        <A href="/access-log" {..} data-testid="access-log-link">{i18n.t(Text::AccessLogTitle)}</A>
                        <A href="/trash" {..} data-testid="trash-link">{i18n.t(Text::NotebookTrash)}</A>
                        {move || is_coordinator().then(|| view! {
                            // A full page load: the coordinators' screens are their own bundle.
                            <a href="/staff/" rel="external" data-testid="staff-link">{i18n.t(Text::StaffLink)}</a>
                        })}
        <SignOutHere/>
                    </footer>
                }
    })
}
