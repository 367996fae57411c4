//! The scheduler: every little while, decides which reminders came due for the
//! people who chose push reminders, and sends them.
//!
//! Each reminder is sent at most once. It is decided (stored, with the
//! meeting's revision) before anything is sent; each delivery to a device is
//! marked as going out before its request, so after a crash or a `kill -9` a
//! delivery that may have gone is never sent again, and one that had not
//! started goes out after the restart. A reminder found more than an hour late
//! (the server was down) is not sent: it is kept as missed and listed in the app.
//! A push service that answers 429 or 5xx is tried again with backoff; one that
//! says the subscription is gone (404, 410) has it deleted.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use tokio::task::JoinSet;
use tsunagu_model::{
    FamilyId, Lang, Meeting, MeetingId, Role, TypedRecord,
    brought::BroughtItem,
    meeting_record::MeetingStatus,
    reminders::{
        Due, LeadTime, PushMessage, ReminderKind, ReminderSettings, due, due_at, reminder_opens,
        reminders_for,
    },
    sync::{RecordKey, RecordType, document},
};

use super::{meetings_for, subscriptions::vapid_keys};
use crate::{
    ApiError,
    push::{
        AllowedOrigin, PushOutcome, PushSender, PushSubscription, SubscriptionKeys, Urgency,
        VapidKeys,
    },
    store::{
        Store,
        reminders::{Decided, DeliveryState, DueDelivery},
    },
};

/// How often the server looks for due reminders when nothing else is said.
pub const DEFAULT_PERIOD: Duration = Duration::from_secs(30);
/// A delivery the push service keeps refusing for now is given up after this many tries.
const MAX_ATTEMPTS: i64 = 6;
/// At most this many pushes at once: a slow push service holds up no more.
const PARALLEL: usize = 8;
/// Deliveries read at a time, and batches in one round (so a round ends and
/// the next one sees what came due meanwhile).
const BATCH: i64 = 200;
const BATCHES: usize = 50;

/// What one round did: the figures for the logs and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub decided: usize,
    pub missed: usize,
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
    pub gone: usize,
    pub dropped: usize,
}

/// A reminder decided in a round: of a meeting, or of a mentor's follow-up
/// (`about` is then the contact's id, `starts_at` its morning).
struct Decision {
    family: FamilyId,
    about: MeetingId,
    kind: String,
    starts_at: chrono::NaiveDateTime,
    at: chrono::NaiveDateTime,
    missed: bool,
    revision: String,
}

/// The server's reminder sender.
#[derive(Clone)]
pub struct Scheduler {
    store: Store,
    sender: PushSender,
    vapid: Arc<VapidKeys>,
}

impl Scheduler {
    /// Ready to send as this server: its VAPID key made or read, and what a
    /// crash left going out settled as not to be sent again.
    pub async fn start(
        pool: sqlx::SqlitePool,
        contact: &str,
        allow_origin: Option<AllowedOrigin>,
    ) -> Result<Self, ApiError> {
        let store = Store::new(pool);
        let vapid = vapid_keys(&store).await?;
        let settled = store.read().await?.settle_interrupted_deliveries().await?;
        if settled > 0 {
            tracing::warn!(
                settled,
                "push deliveries interrupted by a stop are not sent again"
            );
        }
        let sender = PushSender::new(contact, allow_origin)
            .map_err(|e| ApiError::Internal(format!("push sender: {e}")))?;
        Ok(Self {
            store,
            sender,
            vapid: Arc::new(vapid),
        })
    }

    /// Runs a round every `period` until the process ends.
    pub async fn run(self, period: Duration) {
        let mut every = tokio::time::interval(period);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match self.remind(Utc::now()).await {
                Ok(round) if round != Round::default() => tracing::info!(?round, "reminders"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "cannot send reminders now"),
            }
        }
    }

    /// One round at `now`: decide what came due, then send what waits.
    pub async fn remind(&self, now: DateTime<Utc>) -> Result<Round, ApiError> {
        let mut round = self.decide(now).await?;
        self.deliver(now, &mut round).await?;
        Ok(round)
    }

    async fn decide(&self, now: DateTime<Utc>) -> Result<Round, ApiError> {
        let town_now = crate::clock::town_local(now);
        let mut round = Round::default();
        let readers = self.store.read().await?.push_readers().await?;
        for reader in readers {
            let mut db = self.store.read().await?;
            let Some(role) = db.role_of(reader.person).await? else {
                continue;
            };
            let since = crate::clock::town_local(reader.since);
            let meetings = meetings_for(&mut db, reader.person, role).await?;
            drop(db);
            let mut decided: Vec<Decision> = Vec::new();
            for m in &meetings {
                let revision = m.revision.to_string();
                let mut add = |kind: ReminderKind, at, missed| {
                    decided.push(Decision {
                        family: m.family,
                        about: m.meeting.id,
                        kind: kind.key(),
                        starts_at: m.meeting.starts_at,
                        at,
                        missed,
                        revision: revision.clone(),
                    });
                };
                for reminder in reminders_for(&m.meeting, &reader.choices.settings) {
                    if reminder.at < since {
                        continue;
                    }
                    match due(&reminder, town_now) {
                        Due::Later => {}
                        Due::Send => add(reminder.kind, reminder.at, false),
                        Due::Missed => add(reminder.kind, reminder.at, true),
                    }
                }
                // Told once, at once, if it was cancelled while still to come
                // (and after the person asked for push reminders).
                let changed = m.changed_at();
                if m.meeting.status == MeetingStatus::Cancelled
                    && m.meeting.starts_at > town_now
                    && changed >= reader.since
                {
                    add(ReminderKind::Cancelled, town_now, false);
                }
            }
            if role == Role::Mentor {
                let hour = reader.choices.settings.morning_hour();
                let mut db = self.store.read().await?;
                for (contact, revision) in super::open_follow_ups(&mut db, reader.person).await? {
                    let Some(at) = contact.follow_up_at(hour) else {
                        continue;
                    };
                    if at < since {
                        continue;
                    }
                    let missed = match due_at(at, town_now) {
                        Due::Later => continue,
                        Due::Send => false,
                        Due::Missed => true,
                    };
                    decided.push(Decision {
                        family: contact.family,
                        about: MeetingId(contact.id),
                        kind: ReminderKind::FollowUp.key(),
                        starts_at: at,
                        at,
                        missed,
                        revision: revision.to_string(),
                    });
                }
            }
            if decided.is_empty() {
                continue;
            }
            let mut tx = self.store.begin_write().await?;
            for d in &decided {
                let new = tx
                    .decide_reminder(
                        &Decided {
                            person: reader.person,
                            family: d.family,
                            meeting: d.about,
                            kind: &d.kind,
                            starts_at: d.starts_at,
                            due_at: d.at,
                            revision: &d.revision,
                            missed: d.missed,
                        },
                        now,
                    )
                    .await?;
                if new {
                    round.decided += 1;
                    if d.missed {
                        round.missed += 1;
                    }
                }
            }
            tx.commit().await?;
        }
        Ok(round)
    }

    async fn deliver(&self, now: DateTime<Utc>, round: &mut Round) -> Result<(), ApiError> {
        // Batch after batch until nothing due is left (a retried delivery is
        // due later, so this ends), at most `BATCHES` in one round.
        for _ in 0..BATCHES {
            let due = self.store.read().await?.due_deliveries(now, BATCH).await?;
            if due.is_empty() {
                break;
            }
            let mut sending = JoinSet::new();
            for delivery in due {
                while sending.len() >= PARALLEL {
                    if let Some(done) = sending.join_next().await {
                        count(round, done);
                    }
                }
                let this = self.clone();
                sending.spawn(async move { this.deliver_one(delivery, now).await });
            }
            while let Some(done) = sending.join_next().await {
                count(round, done);
            }
        }
        Ok(())
    }

    async fn deliver_one(&self, d: DueDelivery, now: DateTime<Utc>) -> Result<Sent, ApiError> {
        let (send, subscription) = (d.send_id, d.subscription_id);
        let Some(message) = self.message_for(&d).await? else {
            self.store
                .read()
                .await?
                .end_delivery(send, subscription, DeliveryState::Dropped, now)
                .await?;
            return Ok(Sent::Dropped);
        };
        let keys = match SubscriptionKeys::parse(&d.p256dh, &d.auth) {
            Ok(keys) => keys,
            Err(_) => {
                self.store
                    .read()
                    .await?
                    .end_delivery(send, subscription, DeliveryState::Failed, now)
                    .await?;
                return Ok(Sent::Failed);
            }
        };
        if !self
            .store
            .read()
            .await?
            .take_delivery(send, subscription)
            .await?
        {
            return Ok(Sent::Taken);
        }
        let payload = serde_json::to_vec(&message)
            .map_err(|e| ApiError::Internal(format!("push message: {e}")))?;
        let ttl = ttl_until(message.starts_at, crate::clock::town_local(now));
        let urgency = match ReminderKind::from_key(&d.kind) {
            Some(ReminderKind::Cancelled | ReminderKind::Lead(LeadTime::MorningOf { .. })) => {
                Urgency::High
            }
            _ => Urgency::Normal,
        };
        let outcome = self
            .sender
            .send(
                &self.vapid,
                &PushSubscription {
                    endpoint: d.endpoint.clone(),
                    keys,
                },
                &payload,
                ttl,
                urgency,
            )
            .await;
        let mut db = self.store.read().await?;
        Ok(match outcome {
            PushOutcome::Delivered => {
                db.end_delivery(send, subscription, DeliveryState::Delivered, now)
                    .await?;
                Sent::Delivered
            }
            PushOutcome::Gone => {
                db.forget_push_subscription(subscription).await?;
                Sent::Gone
            }
            PushOutcome::RetryLater { after } if d.attempts + 1 < MAX_ATTEMPTS => {
                let wait = after.unwrap_or_else(|| backoff(d.attempts + 1));
                let next =
                    now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                db.end_delivery(send, subscription, DeliveryState::Pending, next)
                    .await?;
                Sent::Retrying
            }
            PushOutcome::RetryLater { .. }
            | PushOutcome::Refused { .. }
            | PushOutcome::NotAllowed
            | PushOutcome::Unsendable(_) => {
                tracing::warn!(outcome = ?outcome_name(&outcome), "a push reminder could not be delivered");
                db.end_delivery(send, subscription, DeliveryState::Failed, now)
                    .await?;
                Sent::Failed
            }
        })
    }

    /// What the push says, if the reminder still applies to the meeting as it
    /// now is (it may have been moved or cancelled since it was decided).
    async fn message_for(&self, d: &DueDelivery) -> Result<Option<PushMessage>, ApiError> {
        if ReminderKind::from_key(&d.kind) == Some(ReminderKind::FollowUp) {
            return self.follow_up_message(d).await;
        }
        let mut db = self.store.read().await?;
        let key = RecordKey {
            record_type: RecordType::Meeting,
            id: d.meeting_id.0.0,
        };
        let Some(stored) = db.record(key).await? else {
            return Ok(None);
        };
        let Some(meeting) = <Meeting as TypedRecord>::read(key.id, None, &stored.fields) else {
            return Ok(None);
        };
        let Some(kind) = ReminderKind::from_key(&d.kind) else {
            return Ok(None);
        };
        let Some(role) = db.role_of(d.person_id.0).await? else {
            return Ok(None);
        };
        let current = document::revision(&stored.fields).map(|r| r.to_string());
        if current.as_deref() != Some(d.revision.as_str()) {
            let settings = super::choices_of(&mut db, d.person_id.0).await?.settings;
            if !still_applies(&meeting, kind, d, &settings) {
                return Ok(None);
            }
        }
        let brought = if kind == ReminderKind::Preparation {
            let items: Vec<BroughtItem> = db
                .brought_items(d.family_id.0)
                .await?
                .into_iter()
                .filter_map(|row| BroughtItem::from_fields(row.id, row.owner, &row.fields))
                .collect();
            Some(
                tsunagu_model::brought::agenda(&items, meeting.id)
                    .into_iter()
                    .filter(|item| item.owner == d.person_id.0)
                    .count(),
            )
        } else {
            None
        };
        Ok(Some(PushMessage {
            meeting: meeting.id,
            family: d.family_id.0,
            meeting_kind: Some(meeting.kind),
            starts_at: meeting.starts_at,
            reminder: match kind {
                ReminderKind::Lead(_) => "lead",
                ReminderKind::Preparation => "preparation",
                ReminderKind::Cancelled => "cancelled",
                ReminderKind::FollowUp => "follow_up",
            }
            .to_owned(),
            brought,
            lang: Lang::from_code(&d.lang).unwrap_or_default(),
            opens: reminder_opens(role, meeting.id),
        }))
    }
}

impl Scheduler {
    /// What a follow-up's push says, if the follow-up is still open on the day
    /// it was decided for (the mentor may have done it, moved it, or lost the
    /// family's consent since).
    async fn follow_up_message(&self, d: &DueDelivery) -> Result<Option<PushMessage>, ApiError> {
        let mut db = self.store.read().await?;
        let Some(role) = db.role_of(d.person_id.0).await? else {
            return Ok(None);
        };
        let hour = super::choices_of(&mut db, d.person_id.0)
            .await?
            .settings
            .morning_hour();
        let open = super::open_follow_ups(&mut db, d.person_id.0).await?;
        let Some((contact, _)) = open.iter().find(|(c, _)| c.id == d.meeting_id.0.0) else {
            return Ok(None);
        };
        let Some(at) = contact.follow_up_at(hour) else {
            return Ok(None);
        };
        if tsunagu_model::iso::format_date_time(at) != d.starts_at {
            return Ok(None);
        }
        Ok(Some(PushMessage {
            meeting: MeetingId(contact.id),
            family: contact.family,
            meeting_kind: None,
            starts_at: at,
            reminder: "follow_up".to_owned(),
            brought: None,
            lang: Lang::from_code(&d.lang).unwrap_or_default(),
            opens: reminder_opens(role, MeetingId(contact.id)),
        }))
    }
}

/// Whether a reminder decided for an earlier revision of the meeting is still
/// one the meeting gives (an edit of its agenda moves no reminder).
fn still_applies(
    meeting: &Meeting,
    kind: ReminderKind,
    d: &DueDelivery,
    settings: &ReminderSettings,
) -> bool {
    let starts = tsunagu_model::iso::format_date_time(meeting.starts_at);
    match kind {
        ReminderKind::Cancelled => meeting.status == MeetingStatus::Cancelled,
        ReminderKind::FollowUp => false,
        _ => {
            starts == d.starts_at
                && meeting.status == MeetingStatus::Scheduled
                && reminders_for(meeting, settings)
                    .iter()
                    .any(|r| r.kind == kind)
        }
    }
}

/// A push service keeps the message until the meeting starts, at least a
/// minute and at most four weeks.
fn ttl_until(starts_at: chrono::NaiveDateTime, now: chrono::NaiveDateTime) -> u32 {
    let seconds = (starts_at - now).num_seconds().clamp(60, 28 * 24 * 3600);
    u32::try_from(seconds).unwrap_or(60)
}

/// 30 s, 1 min, 2 min, … up to an hour.
fn backoff(attempts: i64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::from_secs((30u64 << exponent).min(3600))
}

enum Sent {
    Delivered,
    Retrying,
    Failed,
    Gone,
    Dropped,
    /// Another round took it first.
    Taken,
}

fn count(round: &mut Round, done: Result<Result<Sent, ApiError>, tokio::task::JoinError>) {
    match done {
        Ok(Ok(Sent::Delivered)) => round.delivered += 1,
        Ok(Ok(Sent::Retrying)) => round.retrying += 1,
        Ok(Ok(Sent::Failed)) => round.failed += 1,
        Ok(Ok(Sent::Gone)) => round.gone += 1,
        Ok(Ok(Sent::Dropped)) => round.dropped += 1,
        Ok(Ok(Sent::Taken)) => {}
        Ok(Err(error)) => tracing::warn!(%error, "a push reminder waits for the next round"),
        Err(error) => tracing::error!(%error, "a push reminder's task failed"),
    }
}

fn outcome_name(outcome: &PushOutcome) -> &'static str {
    match outcome {
        PushOutcome::Delivered => "delivered",
        PushOutcome::Gone => "gone",
        PushOutcome::RetryLater { .. } => "retry_later",
        PushOutcome::Refused { .. } => "refused",
        PushOutcome::NotAllowed => "not_allowed",
        PushOutcome::Unsendable(_) => "unsendable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_an_hour_and_ttl_stays_within_bounds() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(20), Duration::from_secs(3600));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let now = day.and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(ttl_until(now, now), 60);
        assert_eq!(ttl_until(now + chrono::Duration::hours(1), now), 3600);
        assert_eq!(
            ttl_until(now + chrono::Duration::days(60), now),
            28 * 24 * 3600
        );
    }
}
