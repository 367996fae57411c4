//! A parent mentor's view: the families that consented, within what they consented to.

use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{consent::MeetingDate, mentor::MentorContact};

use super::SignOutHere;
use crate::{
    family::today,
    i18n::{Text, use_i18n},
    sync::use_sync,
};

#[component]
pub fn Mentees() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let mentees = super::contact_log::use_mentees();
    let today = today();
    view! {
        <h1 class="page-title">{i18n.t(Text::MenteesTitle)}</h1>
        <p class="intro">{i18n.t(Text::MenteesIntro)}</p>
        <super::FollowUps/>
        {move || match mentees.get() {
            None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Err(_)) => view! { <p class="status status-problem" role="alert">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{i18n.t(Text::MenteesEmpty)}</p> }.into_any(),
            Some(Ok(list)) => {
                let lang = i18n.lang();
                let cards = list
                    .into_iter()
                    .map(|m| {
                        let scopes = m.scopes.iter().map(|s| s.label(lang)).collect::<Vec<_>>().join("・");
                        let mut coming: Vec<MeetingDate> =
                            m.meetings.into_iter().filter(|d| d.starts_at.date() >= today).collect();
                        coming.sort_by_key(|d| d.starts_at);
                        // Tap a date for the detail the family shared with it.
                        let dates = coming
                            .into_iter()
                            .map(|d| {
                                let ends = d.ends_at.map(|at| lang.date_time(at, today));
                                view! {
                                    <li>
                                        <details data-testid="mentee-meeting">
                                            <summary>
                                                <span class="kind-badge">{d.kind.label(lang)}</span>
                                                " "
                                                <time datetime=tsunagu_model::iso::format_date_time(d.starts_at)>{lang.date_time(d.starts_at, today)}</time>
                                            </summary>
                                            {ends.map(|e| view! { <p class="series">{i18n.t(Text::MeetingEnds)}" "{e}</p> })}
                                            {(!d.place.is_empty()).then(|| view! { <p class="series" data-testid="mentee-meeting-place">{i18n.t(Text::Place)}" "{d.place.clone()}</p> })}
                                        </details>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <li class="meeting-card" data-testid="mentee" data-family=m.family.id.to_string()>
                                <h2>{m.family.display_name}</h2>
                                <p class="series">{scopes}</p>
                                <ul class="dates">{dates}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="cards">{cards}</ul> }.into_any()
            }
        }}
        <RecentContacts sync=sync/>
        <p><A href="/consult" {..} class="tap-link" data-testid="consult-link">{i18n.t(Text::SharedWithMeTitle)}</A></p>
        <footer class="account">
            // Mentors are reminded of the meetings whose dates families shared.
            <A href="/reminders" {..} data-testid="reminders-link">{i18n.t(Text::RemindersLink)}</A>
            <A href="/settings/reminders" {..} data-testid="reminder-settings-link">{i18n.t(Text::ReminderSettingsLink)}</A>
            <SignOutHere/>
        </footer>
    }
}

/// The mentor's last few contacts, newest first, from the log on this device.
#[component]
fn RecentContacts(sync: crate::sync::Sync) -> impl IntoView {
    let i18n = use_i18n();
    let contacts = Memo::new(move |_| crate::family::read_all::<MentorContact>(sync));
    move || {
        let mut all = contacts.get();
        if all.is_empty() {
            return None;
        }
        all.sort_by_key(|c| std::cmp::Reverse((c.on, c.id)));
        let lang = i18n.lang();
        let today = today();
        Some(view! {
            <section data-testid="recent-contacts">
                <h2>{i18n.t(Text::RecentContactsTitle)}</h2>
                <ul class="cards">
                    {all.into_iter().take(5).map(|c| view! {
                        <li class="meeting-card" data-testid="recent-contact">
                            <p>
                                <span class="kind-badge">{c.channel.label(lang)}</span>" "
                                {lang.date(c.on, today)}" "{super::contact_log::family_name(c.family)}
                            </p>
                            <p class="notebook-text">{c.note.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <A href="/contact-log" {..} class="tap-link">{i18n.t(Text::ContactLogTitle)}</A>
            </section>
        })
    }
}

/// Entries parents chose to show this mentor for advice, one by one; each
/// leaves this device when the parent stops sharing it or the consent ends.
#[component]
pub fn SharedWithMe() -> impl IntoView {
    let i18n = use_i18n();
    let records = crate::family::use_records();
    view! {
        <h2>{i18n.t(Text::SharedWithMeTitle)}</h2>
        {move || {
            let entries = records.entries().get();
            if entries.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::NoneAtTheMoment)}</p> }.into_any();
            }
            view! {
                <ul class="cards" data-testid="shared-with-me">
                    {entries.into_iter().map(|e| view! {
                        <li class="notebook-entry" data-testid="shared-entry">
                            <span class="notebook-text">{e.text}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
