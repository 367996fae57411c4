//! Reminders: each person's choices, calendar feed and push subscriptions, the
//! server's VAPID key, and which reminders were decided and delivered
//! (`reminder_choices`, `calendar_feeds`, `push_subscriptions`, `push_keys`,
//! `reminder_sends`, `push_deliveries`).

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use tsunagu_model::{FamilyId, Lang, MeetingId, PersonId, reminders::ReminderChoices};

use super::{Connection, Handle, Parsed, Result, Stamp, stamp};

/// The most push subscriptions (devices) a person keeps.
pub const MAX_PUSH_SUBSCRIPTIONS: i64 = 10;

/// Someone who asked for push reminders and has a device to receive them.
pub struct PushReader {
    pub person: PersonId,
    pub choices: ReminderChoices,
    /// Reminders due before this were never theirs to receive by push: their
    /// first subscription, or their last change of choices.
    pub since: DateTime<Utc>,
}

/// One reminder decided for one person.
pub struct Decided<'a> {
    pub person: PersonId,
    pub family: FamilyId,
    pub meeting: MeetingId,
    pub kind: &'a str,
    /// Town time.
    pub starts_at: chrono::NaiveDateTime,
    /// Town time.
    pub due_at: chrono::NaiveDateTime,
    pub revision: &'a str,
    pub missed: bool,
}

/// A delivery whose time has come, with what sending it needs.
#[derive(sqlx::FromRow)]
pub struct DueDelivery {
    pub send_id: i64,
    pub subscription_id: i64,
    pub attempts: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    /// `Lang::code`.
    pub lang: String,
    pub person_id: Parsed<PersonId>,
    pub family_id: Parsed<FamilyId>,
    pub meeting_id: Parsed<MeetingId>,
    pub kind: String,
    pub starts_at: String,
    pub revision: String,
}

/// How a delivery ended, as kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Pending,
    Delivered,
    Failed,
    /// The meeting changed after the reminder was decided: it no longer applies.
    Dropped,
}

impl DeliveryState {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Dropped => "dropped",
        }
    }
}

/// A decided reminder as the person's list shows it.
#[derive(sqlx::FromRow)]
pub struct SendRow {
    pub family_id: Parsed<FamilyId>,
    pub meeting_id: Parsed<MeetingId>,
    pub kind: String,
    pub starts_at: String,
    pub due_at: String,
    pub missed: bool,
    pub delivered: i64,
    pub open: i64,
}

/// Someone with a subscription: their first subscription, their choices, when they chose.
type ReaderRow = (
    Parsed<PersonId>,
    Parsed<Stamp>,
    Json<ReminderChoices>,
    Parsed<Stamp>,
);

fn town(at: chrono::NaiveDateTime) -> String {
    tsunagu_model::iso::format_date_time(at)
}

impl<C: Connection> Handle<C> {
    pub async fn reminder_choices(
        &mut self,
        person: PersonId,
    ) -> Result<Option<(ReminderChoices, DateTime<Utc>)>> {
        let row: Option<(Json<ReminderChoices>, Parsed<Stamp>)> =
            sqlx::query_as("SELECT choices, updated_at FROM reminder_choices WHERE person_id = ?")
                .bind(person.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(choices, at)| (choices.0, at.0.0)))
    }

    pub async fn save_reminder_choices(
        &mut self,
        person: PersonId,
        choices: &ReminderChoices,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO reminder_choices (person_id, choices, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (person_id) DO UPDATE SET choices = excluded.choices,
                 updated_at = excluded.updated_at",
        )
        .bind(person.to_string())
        .bind(Json(choices))
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Whose feed `token_hash` is, and in which language.
    pub async fn calendar_feed_reader(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<(PersonId, Lang)>> {
        let row: Option<(Parsed<PersonId>, String)> =
            sqlx::query_as("SELECT person_id, lang FROM calendar_feeds WHERE token_hash = ?")
                .bind(token_hash)
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(p, lang)| (p.0, Lang::from_code(&lang).unwrap_or_default())))
    }

    /// When the person's feed was made, if they have one.
    pub async fn calendar_feed_made(&mut self, person: PersonId) -> Result<Option<DateTime<Utc>>> {
        let row: Option<(Parsed<Stamp>,)> =
            sqlx::query_as("SELECT created_at FROM calendar_feeds WHERE person_id = ?")
                .bind(person.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(at,)| at.0.0))
    }

    /// Makes the person's feed, or replaces its token (the old one stops at once).
    pub async fn set_calendar_feed(
        &mut self,
        person: PersonId,
        token_hash: &str,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, token_hash, lang, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash,
                 lang = excluded.lang, created_at = excluded.created_at",
        )
        .bind(person.to_string())
        .bind(token_hash)
        .bind(lang.code())
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    pub async fn remove_calendar_feed(&mut self, person: PersonId) -> Result<bool> {
        let done = sqlx::query("DELETE FROM calendar_feeds WHERE person_id = ?")
            .bind(person.to_string())
            .execute(self.c())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The server's VAPID private key as kept, if made.
    pub async fn push_key(&mut self) -> Result<Option<String>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT private_key FROM push_keys WHERE id = 1")
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(k,)| k))
    }

    /// Keeps `private_key` unless a key was kept first (another start won the race).
    pub async fn keep_push_key_if_absent(
        &mut self,
        private_key: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO push_keys (id, private_key, created_at) VALUES (1, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(private_key)
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Keeps a device's subscription. A browser has one endpoint: if another
    /// person had it (someone else signed in on that browser before), it is now
    /// this person's alone.
    pub async fn keep_push_subscription(
        &mut self,
        person: PersonId,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = ? AND person_id <> ?")
            .bind(endpoint)
            .bind(person.to_string())
            .execute(self.c())
            .await?;
        sqlx::query(
            "INSERT INTO push_subscriptions (person_id, endpoint, p256dh, auth, lang, created_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
                 lang = excluded.lang",
        )
        .bind(person.to_string())
        .bind(endpoint)
        .bind(p256dh)
        .bind(auth)
        .bind(lang.code())
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        // A person has a few devices: past `MAX_PUSH_SUBSCRIPTIONS` the oldest
        // go, so nobody can make one reminder into thousands of requests.
        sqlx::query(
            "DELETE FROM push_subscriptions WHERE person_id = ? AND id NOT IN (
                 SELECT id FROM push_subscriptions WHERE person_id = ?
                 ORDER BY id DESC LIMIT ?)",
        )
        .bind(person.to_string())
        .bind(person.to_string())
        .bind(MAX_PUSH_SUBSCRIPTIONS)
        .execute(self.c())
        .await?;
        Ok(())
    }

    pub async fn remove_push_subscription(
        &mut self,
        person: PersonId,
        endpoint: &str,
    ) -> Result<bool> {
        let done =
            sqlx::query("DELETE FROM push_subscriptions WHERE person_id = ? AND endpoint = ?")
                .bind(person.to_string())
                .bind(endpoint)
                .execute(self.c())
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A subscription the push service says is gone (404, 410).
    pub async fn forget_push_subscription(&mut self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM push_subscriptions WHERE id = ?")
            .bind(id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn has_push_subscription(&mut self, person: PersonId) -> Result<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM push_subscriptions WHERE person_id = ? LIMIT 1")
                .bind(person.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.is_some())
    }

    /// Everyone with a subscription who chose push reminders.
    pub async fn push_readers(&mut self) -> Result<Vec<PushReader>> {
        let rows: Vec<ReaderRow> = sqlx::query_as(
            "SELECT s.person_id, MIN(s.created_at), c.choices, c.updated_at
                 FROM push_subscriptions s JOIN reminder_choices c ON c.person_id = s.person_id
                 GROUP BY s.person_id ORDER BY s.person_id",
        )
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .filter(|(_, _, choices, _)| choices.0.push)
            .map(|(person, first, choices, changed)| PushReader {
                person: person.0,
                choices: choices.0,
                since: first.0.0.max(changed.0.0),
            })
            .collect())
    }

    /// Records a reminder as decided and, unless missed, queues it for each of
    /// the person's subscriptions. Returns false if it was decided before.
    pub async fn decide_reminder(&mut self, d: &Decided<'_>, now: DateTime<Utc>) -> Result<bool> {
        let id: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO reminder_sends (person_id, family_id, meeting_id, kind, starts_at,
                 due_at, revision, missed, decided_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (person_id, meeting_id, kind, starts_at) DO NOTHING RETURNING id",
        )
        .bind(d.person.to_string())
        .bind(d.family.to_string())
        .bind(d.meeting.to_string())
        .bind(d.kind)
        .bind(town(d.starts_at))
        .bind(town(d.due_at))
        .bind(d.revision)
        .bind(d.missed)
        .bind(stamp(now))
        .fetch_optional(self.c())
        .await?;
        let Some((id,)) = id else {
            return Ok(false);
        };
        if !d.missed {
            sqlx::query(
                "INSERT INTO push_deliveries (send_id, subscription_id, state, next_attempt_at)
                 SELECT ?, id, 'pending', ? FROM push_subscriptions WHERE person_id = ?",
            )
            .bind(id)
            .bind(stamp(now))
            .bind(d.person.to_string())
            .execute(self.c())
            .await?;
        }
        Ok(true)
    }

    /// Deliveries whose time has come, oldest first.
    pub async fn due_deliveries(
        &mut self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueDelivery>> {
        Ok(sqlx::query_as(
            "SELECT d.send_id, d.subscription_id, d.attempts, s.endpoint, s.p256dh, s.auth, s.lang,
                    r.person_id, r.family_id, r.meeting_id, r.kind, r.starts_at, r.revision
             FROM push_deliveries d
             JOIN push_subscriptions s ON s.id = d.subscription_id
             JOIN reminder_sends r ON r.id = d.send_id
             WHERE d.state = 'pending' AND d.next_attempt_at <= ?
             ORDER BY d.next_attempt_at, d.send_id, d.subscription_id LIMIT ?",
        )
        .bind(stamp(now))
        .bind(limit)
        .fetch_all(self.c())
        .await?)
    }

    /// Marks a pending delivery as going out (written before the request, so a
    /// crash in between never sends it twice). False: someone else took it.
    pub async fn take_delivery(&mut self, send: i64, subscription: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE push_deliveries SET state = 'in_flight', attempts = attempts + 1
             WHERE send_id = ? AND subscription_id = ? AND state = 'pending'",
        )
        .bind(send)
        .bind(subscription)
        .execute(self.c())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn end_delivery(
        &mut self,
        send: i64,
        subscription: i64,
        state: DeliveryState,
        next_attempt_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE push_deliveries SET state = ?, next_attempt_at = ?
             WHERE send_id = ? AND subscription_id = ?",
        )
        .bind(state.as_str())
        .bind(stamp(next_attempt_at))
        .bind(send)
        .bind(subscription)
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// After a crash: what was going out may have gone; it is not sent again.
    pub async fn settle_interrupted_deliveries(&mut self) -> Result<u64> {
        let done =
            sqlx::query("UPDATE push_deliveries SET state = 'uncertain' WHERE state = 'in_flight'")
                .execute(self.c())
                .await?;
        Ok(done.rows_affected())
    }

    /// The person's decided reminders of meetings starting after `from` (town
    /// time), with how many deliveries arrived and how many are still open.
    pub async fn decided_reminders(
        &mut self,
        person: PersonId,
        from: chrono::NaiveDateTime,
    ) -> Result<Vec<SendRow>> {
        Ok(sqlx::query_as(
            "SELECT r.family_id, r.meeting_id, r.kind, r.starts_at, r.due_at, r.missed,
                    COALESCE(SUM(d.state = 'delivered'), 0) AS delivered,
                    COALESCE(SUM(d.state IN ('pending', 'in_flight')), 0) AS open
             FROM reminder_sends r LEFT JOIN push_deliveries d ON d.send_id = r.id
             WHERE r.person_id = ? AND r.starts_at >= ?
             GROUP BY r.id ORDER BY r.due_at, r.id",
        )
        .bind(person.to_string())
        .bind(town(from))
        .fetch_all(self.c())
        .await?)
    }
}
