//! 記録: a mentor's contact log, per family: date, channel, a short note, an
//! optional follow-up date and "done". Synced `mentor_contact` records written
//! through the outbox, so it works offline; private to the mentor.

use chrono::NaiveDate;
use leptos::prelude::*;
use tsunagu_model::{
    TypedRecord,
    consent::{ConsentScope, Mentee},
    mentor::{ContactChannel, FollowUp, MentorContact},
    sync::{RecordKey, RecordType},
};

use crate::{
    api::{self, FetchError},
    family::{read_all, today},
    i18n::{Text, use_i18n},
    storage,
    sync::{Sync, new_record_id, use_sync},
};

/// The last `ListMentees` answer, so the workspace opens offline; replaced at
/// every successful read, so a withdrawn scope leaves.
const MENTEES_KEY: &str = "tsunagu.mentees";

async fn cached_mentees() -> Result<Vec<Mentee>, FetchError> {
    match api::mentees().await {
        Ok(list) => {
            if let Ok(json) = serde_json::to_string(&list) {
                storage::set(MENTEES_KEY, &json);
            }
            Ok(list)
        }
        Err(FetchError::Offline) => storage::get(MENTEES_KEY)
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or(FetchError::Offline),
        Err(error) => Err(error),
    }
}

/// The mentees for a screen of the workspace: read when it opens and again
/// after every sync round that ends in sync, so a scope a family withdrew leaves
/// the screen (and this device's copy) at the next sync.
pub fn use_mentees() -> LocalResource<Result<Vec<Mentee>, FetchError>> {
    let sync = use_sync();
    let mentees = LocalResource::new(cached_mentees);
    Effect::new(move |was_synced: Option<bool>| {
        let synced = matches!(sync.status.get(), crate::sync::SyncStatus::Synced);
        if synced && was_synced == Some(false) {
            mentees.refetch();
        }
        synced
    });
    mentees
}

fn contact_key(id: uuid::Uuid) -> RecordKey {
    RecordKey {
        record_type: RecordType::MentorContact,
        id,
    }
}

fn save(sync: Sync, contact: &MentorContact) -> bool {
    sync.edit(contact_key(contact.id), contact.changes())
        .is_ok()
}

#[component]
pub fn ContactLog() -> impl IntoView {
    super::signed_in(|_| view! { <ContactLogScreen/> })
}

#[component]
fn ContactLogScreen() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let mentees = use_mentees();
    let contacts = Memo::new(move |_| read_all::<MentorContact>(sync));
    let family = RwSignal::new(String::new());
    let on = RwSignal::new(today().to_string());
    let channel = RwSignal::new(ContactChannel::Phone);
    let note = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(me), Ok(fam), Ok(day)) = (
            sync.person(),
            family.get_untracked().parse(),
            on.get_untracked().parse::<NaiveDate>(),
        ) else {
            return;
        };
        let contact = MentorContact {
            id: new_record_id(),
            mentor: me,
            family: fam,
            on: day,
            channel: channel.get_untracked(),
            note: MentorContact::tidy_note(&note.get_untracked()),
            follow_up: follow_up.get_untracked().parse().ok(),
            followed_up: false,
        };
        if save(sync, &contact) {
            note.set(String::new());
            follow_up.set(String::new());
            saved.set(true);
        }
    };
    // The families by id and name: the form is built again only when they
    // change, never under the mentor's fingers when a sync round re-reads them.
    let families = Memo::new(move |_| {
        mentees.get().map(|r| {
            r.ok().map(|list| {
                // Only families that let the mentor keep contact: the server
                // refuses a contact with any other.
                list.into_iter()
                    .filter(|m| m.allows(ConsentScope::Contact))
                    .map(|m| (m.family.id, m.family.display_name))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <h1 class="page-title">{i18n.t(Text::ContactLogTitle)}</h1>
        {move || {
            let list = match families.get() {
                None => return view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(None) => return view! { <p class="status status-problem" role="alert">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Some(list)) => list,
            };
            let lang = i18n.lang();
            if family.get_untracked().is_empty()
                && let Some((first, _)) = list.first()
            {
                family.set(first.to_string());
            }
            let options = list
                .into_iter()
                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                .collect_view();
            let channels = ContactChannel::ALL
                .into_iter()
                .map(|c| view! { <option value=c.as_str() selected=move || channel.get() == c>{c.label(lang)}</option> })
                .collect_view();
            view! {
                <form class="form" data-testid="contact-form" on:submit=submit>
                    <label class="field">
                        <span>{i18n.t(Text::Family)}</span>
                        <select data-testid="contact-family" prop:value=move || family.get()
                            on:change=move |ev| family.set(event_target_value(&ev))>{options}</select>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Text::ContactOn)}</span>
                        <input type="date" data-testid="contact-on" prop:value=move || on.get()
                            on:input=move |ev| on.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Text::ContactChannelLabel)}</span>
                        <select data-testid="contact-channel"
                            on:change=move |ev| if let Ok(c) = event_target_value(&ev).parse() { channel.set(c) }>{channels}</select>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Text::ContactNote)}</span>
                        <textarea data-testid="contact-note" prop:value=move || note.get()
                            on:input=move |ev| { saved.set(false); note.set(event_target_value(&ev)) }></textarea>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Text::ContactFollowUp)}</span>
                        <input type="date" data-testid="contact-follow-up" prop:value=move || follow_up.get()
                            on:input=move |ev| follow_up.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="button" data-testid="contact-save">{i18n.t(Text::ContactSave)}</button>
                    {move || saved.get().then(|| view! { <p class="status" role="status">{i18n.t(Text::ContactSaved)}</p> })}
                </form>
            }
            .into_any()
        }}
        {move || {
            let lang = i18n.lang();
            let wanted = family.get();
            let mut mine: Vec<MentorContact> = contacts
                .get()
                .into_iter()
                .filter(|c| c.family.to_string() == wanted)
                .collect();
            mine.sort_by_key(|c| std::cmp::Reverse((c.on, c.id)));
            if mine.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::NoneAtTheMoment)}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {mine.into_iter().map(|c| {
                        let open = c.follow_up.is_some() && !c.followed_up;
                        let follow = c.follow_up.map(|d| view! {
                            <p class="series">{i18n.t(Text::ContactFollowUp)}" "{d.to_string()}
                                {c.followed_up.then_some(" ✓")}</p>
                        });
                        let done = c.clone();
                        view! {
                            <li class="meeting-card" data-testid="contact">
                                <p><span class="kind-badge">{c.channel.label(lang)}</span>" "{c.on.to_string()}</p>
                                <p class="notebook-text">{c.note.clone()}</p>
                                {follow}
                                {open.then(|| view! {
                                    <button type="button" class="link-button" data-testid="follow-up-done"
                                        on:click=move |_| { save(sync, &MentorContact { followed_up: true, ..done.clone() }); }>
                                        {i18n.t(Text::ContactFollowUpDone)}
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The family's name as the last `ListMentees` answer on this device gave it.
pub fn family_name(family: tsunagu_model::FamilyId) -> String {
    storage::get(MENTEES_KEY)
        .and_then(|json| serde_json::from_str::<Vec<Mentee>>(&json).ok())
        .and_then(|list| list.into_iter().find(|m| m.family.id == family))
        .map(|m| m.family.display_name)
        .unwrap_or_default()
}

/// Open follow-ups from the contact log on this device (offline too): overdue
/// first, then this week's, then later ones. Nothing when there are none.
#[component]
pub fn FollowUps() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let contacts = Memo::new(move |_| read_all::<MentorContact>(sync));
    move || {
        let today = today();
        let mut open: Vec<(MentorContact, FollowUp)> = contacts
            .get()
            .into_iter()
            .filter_map(|c| c.follow_up_on(today).map(|f| (c, f)))
            .collect();
        if open.is_empty() {
            return None;
        }
        open.sort_by_key(|(c, f)| (*f, c.follow_up, c.id));
        let lang = i18n.lang();
        Some(view! {
            <section data-testid="follow-ups">
                <h2>{i18n.t(Text::FollowUpsTitle)}</h2>
                <ul class="cards">
                    {open.into_iter().map(|(c, f)| view! {
                        <li class="meeting-card" class:status-problem=f == FollowUp::Overdue data-testid="follow-up">
                            <p>
                                {(f == FollowUp::Overdue).then(|| view! { <span class="kind-badge">{i18n.t(Text::FollowUpOverdue)}</span>" " })}
                                {c.follow_up.map(|d| d.to_string())}" "{family_name(c.family)}
                            </p>
                            <p class="series">{c.channel.label(lang)}" "{c.note.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
