//! Meeting reminders: each person's choices (lead times, channels, what their
//! calendar may say), their reminder list, the calendar feed (`calendar`), push
//! subscriptions (`subscriptions`) and the scheduler that sends due reminders
//! (`scheduler`) through Web Push (`crate::push`).
//!
//! Every reminder is derived from the meeting as it now is (`model::reminders`),
//! so a rescheduled meeting moves them all and a cancelled one has none left.

pub mod calendar;
pub mod scheduler;
mod subscriptions;

use axum::{Json, extract::State};
use chrono::Utc;
use tsunagu_model::{
    FamilyId, Meeting, PersonId, Role, TypedRecord,
    consent::ConsentScope,
    endpoints as e,
    mentor::MentorContact,
    reminders::{
        Channel, ReminderChoices, ReminderKind, ReminderState, ReminderView, reminders_for,
    },
    sync::{RecordType, Stamp, document},
};

use crate::{
    ApiError, AppState,
    error::ApiJson,
    identity::Actor,
    policy,
    routes::Api,
    store::{Connection, Handle},
};
use tsunagu_model::problem::Problem;

pub fn routes(api: Api) -> Api {
    api.at::<e::GetReminderChoices, _, _>(get_choices)
        .at::<e::SaveReminderChoices, _, _>(save_choices)
        .at::<e::ListReminders, _, _>(list_reminders)
        .with(calendar::routes)
        .with(subscriptions::routes)
}

/// A meeting someone is reminded of, as far as they may see it.
pub(crate) struct RemindedMeeting {
    pub family: FamilyId,
    pub meeting: Meeting,
    /// The meeting's latest change.
    pub revision: Stamp,
    /// How many earlier versions its fields have: grows with every change.
    pub changes: u32,
    /// Empty for a mentor, who sees dates only.
    pub child_name: String,
}

impl RemindedMeeting {
    /// When the meeting last changed (its revision's physical time).
    pub fn changed_at(&self) -> chrono::DateTime<Utc> {
        stamp_time(self.revision)
    }
}

/// A revision's physical time.
pub(crate) fn stamp_time(stamp: Stamp) -> chrono::DateTime<Utc> {
    chrono::DateTime::from_timestamp_millis(i64::try_from(stamp.millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// What a mentor sees of a meeting: when it is and of what kind
/// (`ConsentScope::MeetingDates`), nothing of what it is about or where.
fn dates_only(meeting: Meeting) -> Meeting {
    Meeting {
        purpose: String::new(),
        place: String::new(),
        online_link: None,
        members: Vec::new(),
        agenda: Vec::new(),
        outcome: None,
        ..meeting
    }
}

/// The meetings of the person's families (a mentor: of the families that share
/// their dates with them), soonest first.
pub(crate) async fn meetings_for<C: Connection>(
    db: &mut Handle<C>,
    person: PersonId,
    role: Role,
) -> Result<Vec<RemindedMeeting>, ApiError> {
    let families: Vec<(FamilyId, bool)> = match role {
        Role::Parent => db
            .families_of_parent(person)
            .await?
            .into_iter()
            .map(|f| (f.id, false))
            .collect(),
        Role::Mentor => db
            .consenting_families(person)
            .await?
            .into_iter()
            .filter(|(_, _, scopes)| scopes.contains(&ConsentScope::MeetingDates))
            .map(|(family, _, _)| (family, true))
            .collect(),
        Role::Coordinator | Role::Admin => Vec::new(),
    };
    let mut meetings = Vec::new();
    for (family, dates_alone) in families {
        let children = db.children(family).await?;
        let counts = db.change_counts(family, RecordType::Meeting).await?;
        for stored in db.family_documents(family, RecordType::Meeting).await? {
            let corrupt = || ApiError::CorruptData("meeting".to_owned());
            let meeting: Meeting =
                document::from_fields(stored.id, &stored.fields).ok_or_else(corrupt)?;
            let revision = document::revision(&stored.fields).ok_or_else(corrupt)?;
            let child_name = if dates_alone {
                String::new()
            } else {
                children
                    .iter()
                    .find(|c| c.id == meeting.child_id)
                    .map(|c| c.given_name.clone())
                    .unwrap_or_default()
            };
            meetings.push(RemindedMeeting {
                family,
                meeting: if dates_alone {
                    dates_only(meeting)
                } else {
                    meeting
                },
                revision,
                changes: u32::try_from(counts.get(&stored.id).copied().unwrap_or(0))
                    .unwrap_or(u32::MAX),
                child_name,
            });
        }
    }
    meetings.sort_by_key(|m| (m.meeting.starts_at, m.meeting.id));
    Ok(meetings)
}

/// A mentor's follow-ups still open (not done, not deleted) of the families
/// that still let them keep contact, each with its record's revision.
pub(crate) async fn open_follow_ups<C: Connection>(
    db: &mut Handle<C>,
    mentor: PersonId,
) -> Result<Vec<(MentorContact, Stamp)>, ApiError> {
    let mut open = Vec::new();
    for record in db
        .records_of_type(RecordType::MentorContact, Some(&[mentor]))
        .await?
    {
        let Some(contact) = MentorContact::read(record.key.id, Some(mentor), &record.fields) else {
            continue;
        };
        if contact.follow_up.is_none() || contact.followed_up {
            continue;
        }
        if !db
            .family_consents(contact.family, mentor, ConsentScope::Contact)
            .await?
        {
            continue;
        }
        let Some(revision) = document::revision(&record.fields) else {
            continue;
        };
        open.push((contact, revision));
    }
    open.sort_by_key(|(c, _)| (c.follow_up, c.id));
    Ok(open)
}

/// The person's choices, the defaults until they saved some.
pub(crate) async fn choices_of<C: Connection>(
    db: &mut Handle<C>,
    person: PersonId,
) -> Result<ReminderChoices, ApiError> {
    Ok(db
        .reminder_choices(person)
        .await?
        .map(|(choices, _)| choices)
        .unwrap_or_default())
}

async fn get_choices(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<ReminderChoices>, ApiError> {
    policy::may_be_reminded(&actor)?;
    let mut db = state.store.read().await?;
    Ok(Json(choices_of(&mut db, actor.person).await?))
}

async fn save_choices(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(choices): ApiJson<ReminderChoices>,
) -> Result<Json<ReminderChoices>, ApiError> {
    policy::may_be_reminded(&actor)?;
    choices
        .check()
        .map_err(|problem| ApiError::BadRequest(Problem::Reminders { problem }))?;
    let mut db = state.store.read().await?;
    db.save_reminder_choices(actor.person, &choices, Utc::now())
        .await?;
    Ok(Json(choices))
}

/// Reminders of meetings that started this long ago still show (as sent or missed).
const LIST_BACK: chrono::Duration = chrono::Duration::days(7);

/// What will remind the person (from their choices and channels), and what the
/// scheduler sent or could not send, in time order.
async fn list_reminders(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<ReminderView>>, ApiError> {
    policy::may_be_reminded(&actor)?;
    let now = crate::clock::town_local(Utc::now());
    let mut db = state.store.read().await?;
    let choices = choices_of(&mut db, actor.person).await?;
    let meetings = meetings_for(&mut db, actor.person, actor.role).await?;
    let push = choices.push && db.has_push_subscription(actor.person).await?;
    let feed = db.calendar_feed_made(actor.person).await?.is_some();
    let mut channels = Vec::new();
    if push {
        channels.push(Channel::Push);
    }
    if feed {
        channels.push(Channel::Calendar);
    }
    channels.push(Channel::App);
    let decided = db.decided_reminders(actor.person, now - LIST_BACK).await?;
    let mut list = Vec::new();
    for m in &meetings {
        for reminder in reminders_for(&m.meeting, &choices.settings) {
            let was_decided = decided.iter().any(|d| {
                d.meeting_id.0 == m.meeting.id
                    && d.kind == reminder.kind.key()
                    && d.starts_at == tsunagu_model::iso::format_date_time(reminder.starts_at)
            });
            if reminder.at > now && !was_decided {
                list.push(ReminderView {
                    family: m.family,
                    meeting: m.meeting.id,
                    meeting_kind: m.meeting.kind,
                    starts_at: m.meeting.starts_at,
                    kind: reminder.kind,
                    at: reminder.at,
                    channels: channels.clone(),
                    state: ReminderState::Coming,
                });
            }
        }
    }
    for d in decided {
        let Some(m) = meetings.iter().find(|m| m.meeting.id == d.meeting_id.0) else {
            continue;
        };
        let (Some(at), Some(kind)) = (
            tsunagu_model::iso::parse_date_time(&d.due_at),
            ReminderKind::from_key(&d.kind),
        ) else {
            continue;
        };
        let state = if d.delivered > 0 {
            ReminderState::Sent
        } else if d.missed || d.open == 0 {
            ReminderState::Missed
        } else {
            ReminderState::Coming
        };
        list.push(ReminderView {
            family: m.family,
            meeting: m.meeting.id,
            meeting_kind: m.meeting.kind,
            starts_at: tsunagu_model::iso::parse_date_time(&d.starts_at)
                .unwrap_or(m.meeting.starts_at),
            kind,
            at,
            channels: vec![Channel::Push],
            state,
        });
    }
    list.sort_by_key(|r| (r.at, r.meeting));
    Ok(Json(list))
}
