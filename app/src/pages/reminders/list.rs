//! What will remind me, when and through which channel; what could not be sent
//! in time (the person may not know it was missed); and what was sent lately.
//! Kept on the device as last fetched, so it opens offline too.

use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{
    Lang, PersonId,
    endpoints::{ListReminders, NoContent},
    iso,
    reminders::{Channel, ReminderKind, ReminderState, ReminderView},
};

use crate::{
    api::{FetchError, call},
    family::{today, use_family},
    i18n::{Text, messages, use_i18n},
    pages::SignIn,
    storage,
    sync::use_sync,
};

/// The list as last fetched, with whose it is: another person signing in on
/// this device never sees it.
const CACHE_KEY: &str = "tsunagu.reminders";

#[derive(serde::Serialize, serde::Deserialize)]
struct Cached {
    person: PersonId,
    reminders: Vec<ReminderView>,
}

pub(super) fn forget_cached() {
    storage::remove(CACHE_KEY);
}

fn cached(person: Option<PersonId>) -> Option<Vec<ReminderView>> {
    let cached: Cached = serde_json::from_str(&storage::get(CACHE_KEY)?).ok()?;
    (Some(cached.person) == person).then_some(cached.reminders)
}

fn channel_text(channel: Channel) -> Text {
    match channel {
        Channel::Push => Text::ChannelPush,
        Channel::Calendar => Text::ChannelCalendar,
        Channel::App => Text::ChannelApp,
    }
}

fn reminder_kind(kind: ReminderKind, lang: Lang) -> String {
    match kind {
        ReminderKind::Lead(lead) => lead.label(lang),
        ReminderKind::Preparation => crate::i18n::text(lang, Text::PreparationReminder).to_owned(),
        ReminderKind::Cancelled => crate::i18n::text(lang, Text::CancelledReminder).to_owned(),
        ReminderKind::FollowUp => crate::i18n::text(lang, Text::FollowUpReminder).to_owned(),
    }
}

#[component]
pub fn Reminders() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    // Whose list it is (the sync store may open after the list arrives).
    let person = move || sync.person().or_else(|| family.me());
    let fetched = LocalResource::new(|| call(&ListReminders {}, &NoContent));
    Effect::new(move |_| {
        if let (Some(Ok(reminders)), Some(person)) = (fetched.get(), person()) {
            let keep = Cached { person, reminders };
            if let Ok(json) = serde_json::to_string(&keep) {
                storage::set(CACHE_KEY, &json);
            }
        }
    });
    view! {
        <A href="/" {..} class="back-link">{i18n.t(Text::NavHome)}</A>
        <h1 class="page-title">{i18n.t(Text::RemindersTitle)}</h1>
        <p class="intro">{i18n.t(Text::RemindersIntro)}</p>
        <crate::pages::FollowUps/>
        {move || match fetched.get() {
            None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Ok(list)) => view! { <ReminderSections list=list/> }.into_any(),
            Some(Err(error)) if error.is_signed_out() => view! {
                <SignIn session_ended=error.is_session_ended() on_signed_in=Callback::new(move |()| {
                    family.reload();
                    fetched.refetch();
                })/>
            }.into_any(),
            Some(Err(error)) => {
                let last = cached(person());
                let why = match &error {
                    FetchError::Offline => i18n.t(Text::RemindersNeedConnection)().to_owned(),
                    other => {
                        let told = other.server_words(i18n.lang()).map(|w| format!(" ({w})")).unwrap_or_default();
                        format!("{}{told}", i18n.t(Text::RemindersLoadFailed)())
                    }
                };
                view! {
                    <div class="status status-problem" role="alert" data-testid="reminders-problem">
                        <p>{why}</p>
                        {last.is_some().then(|| view! { <p data-testid="reminders-cached">{i18n.t(Text::RemindersLastFetched)}</p> })}
                        <button type="button" class="button" on:click=move |_| fetched.refetch()>{i18n.t(Text::Retry)}</button>
                    </div>
                    {last.map(|list| view! { <ReminderSections list=list/> })}
                }.into_any()
            }
        }}
        <p><A href="/settings/reminders" {..} data-testid="reminder-settings-link">{i18n.t(Text::ReminderSettingsLink)}</A></p>
    }
}

/// Coming (soonest first), missed, and sent (latest first).
#[component]
fn ReminderSections(list: Vec<ReminderView>) -> impl IntoView {
    let i18n = use_i18n();
    let of = |state: ReminderState| -> Vec<ReminderView> {
        let mut these: Vec<ReminderView> =
            list.iter().filter(|r| r.state == state).cloned().collect();
        these.sort_by_key(|r| (r.at, r.starts_at));
        if state != ReminderState::Coming {
            these.reverse();
        }
        these
    };
    let (coming, missed, sent) = (
        of(ReminderState::Coming),
        of(ReminderState::Missed),
        of(ReminderState::Sent),
    );
    let rows = |list: Vec<ReminderView>| {
        list.into_iter()
            .map(|r| view! { <ReminderRow reminder=r/> })
            .collect_view()
    };
    view! {
        {(!missed.is_empty()).then(|| view! {
            <section aria-labelledby="missed-heading" class="reminders missed" data-testid="reminders-missed">
                <h2 id="missed-heading">{i18n.t(Text::RemindersMissed)}</h2>
                <p class="status status-warning">{i18n.t(Text::RemindersMissedIntro)}</p>
                <ul class="cards">{rows(missed)}</ul>
            </section>
        })}
        <section aria-labelledby="coming-heading" class="reminders" data-testid="reminders-coming">
            <h2 id="coming-heading">{i18n.t(Text::RemindersComing)}</h2>
            {if coming.is_empty() {
                view! { <p class="empty">{i18n.t(Text::RemindersNoneComing)}</p> }.into_any()
            } else {
                view! { <ul class="cards">{rows(coming)}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="sent-heading" class="reminders" data-testid="reminders-sent">
            <h2 id="sent-heading">{i18n.t(Text::RemindersSent)}</h2>
            {if sent.is_empty() {
                view! { <p class="empty">{i18n.t(Text::RemindersNoneSent)}</p> }.into_any()
            } else {
                view! { <ul class="cards past">{rows(sent)}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReminderRow(reminder: ReminderView) -> impl IntoView {
    let i18n = use_i18n();
    let r = reminder;
    let (meeting_kind, starts_at, at, kind, state) =
        (r.meeting_kind, r.starts_at, r.at, r.kind, r.state);
    let channels = r.channels;
    view! {
        <li class="reminder" data-testid="reminder" data-state=match state {
            ReminderState::Coming => "coming",
            ReminderState::Sent => "sent",
            ReminderState::Missed => "missed",
        }>
            <A href=format!("/meetings/{}", r.meeting) {..} class="card-link">
                <p class="meeting-head">
                    <span class="kind-badge" data-kind=meeting_kind.as_str()>{move || meeting_kind.label(i18n.lang())}</span>
                    <time datetime=iso::format_date_time(starts_at) data-testid="reminder-meeting-time">
                        {move || messages::full_date_time(i18n.lang(), starts_at)}
                    </time>
                </p>
                <p class="reminder-when" data-testid="reminder-at">
                    {i18n.t(Text::RemindAt)}": "
                    <time datetime=iso::format_date_time(at)>{move || i18n.lang().date_time(at, today())}</time>
                    " · "{move || reminder_kind(kind, i18n.lang())}
                </p>
                <p class="reminder-channels" data-testid="reminder-channels">
                    {move || {
                        let lang = i18n.lang();
                        let separator = if lang == Lang::Ja { "、" } else { ", " };
                        channels.iter().map(|c| crate::i18n::text(lang, channel_text(*c))).collect::<Vec<_>>().join(separator)
                    }}
                </p>
            </A>
        </li>
    }
}
