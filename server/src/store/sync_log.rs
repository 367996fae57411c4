//! What devices pushed (`sync_clients`, `sync_refusals`) and what each person
//! is to receive (`sync_log`, the pull cursor).

use sqlx::types::Json;
use tsunagu_model::{
    FamilyId, PersonId,
    sync::{ClientId, Fields, RecordKey, RecordType, Refusal},
};

use super::{Connection, Handle, Parsed, Result, count};

/// What a person's log says of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    /// Send the record (or its tombstone).
    Changed,
    /// Access ended: the devices forget it.
    Forget,
}

impl LogKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::Forget => "forget",
        }
    }
}

impl std::str::FromStr for LogKind {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "changed" => Ok(Self::Changed),
            "forget" => Ok(Self::Forget),
            _ => Err(()),
        }
    }
}

/// A line of a person's log, with the record's current state if it still exists.
#[derive(sqlx::FromRow)]
pub struct LogLine {
    pub seq: i64,
    #[sqlx(flatten)]
    key: LoggedKey,
    kind: Parsed<LogKind>,
    owner_id: Option<Parsed<PersonId>>,
    fields: Option<Json<Fields>>,
    pub deleted: Option<bool>,
}

#[derive(sqlx::FromRow)]
struct LoggedKey {
    record_type: Parsed<RecordType>,
    record_id: Parsed<uuid::Uuid>,
}

impl LogLine {
    pub fn key(&self) -> RecordKey {
        RecordKey {
            record_type: self.key.record_type.0,
            id: self.key.record_id.0,
        }
    }

    pub fn kind(&self) -> LogKind {
        self.kind.0
    }

    /// The record's owner and fields, if it still exists.
    pub fn record(self) -> Option<(PersonId, Fields)> {
        Some((self.owner_id?.0, self.fields?.0))
    }
}

/// A device as the server knows it: whose it is and the last number it pushed.
pub struct KnownClient {
    pub owner: PersonId,
    pub last: u64,
}

impl<C: Connection> Handle<C> {
    pub async fn client(&mut self, client: ClientId) -> Result<Option<KnownClient>> {
        let row: Option<(Parsed<PersonId>, i64)> =
            sqlx::query_as("SELECT person_id, last_number FROM sync_clients WHERE client_id = ?")
                .bind(client.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(owner, last)| KnownClient {
            owner: owner.0,
            last: u64::try_from(last).unwrap_or(0),
        }))
    }

    pub async fn add_client(&mut self, client: ClientId, owner: PersonId) -> Result<()> {
        sqlx::query("INSERT INTO sync_clients (client_id, person_id) VALUES (?, ?)")
            .bind(client.to_string())
            .bind(owner.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn set_client_last(&mut self, client: ClientId, last: i64) -> Result<()> {
        sqlx::query("UPDATE sync_clients SET last_number = ? WHERE client_id = ?")
            .bind(last)
            .bind(client.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// The refusal a device's change got, so a retry gets the same answer.
    pub async fn refusal(&mut self, client: ClientId, number: i64) -> Result<Option<Refusal>> {
        let refused: Option<(Json<Refusal>,)> =
            sqlx::query_as("SELECT refusal FROM sync_refusals WHERE client_id = ? AND number = ?")
                .bind(client.to_string())
                .bind(number)
                .fetch_optional(self.c())
                .await?;
        Ok(refused.map(|(r,)| r.0))
    }

    pub async fn add_refusal(
        &mut self,
        client: ClientId,
        number: i64,
        refusal: &Refusal,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sync_refusals (client_id, number, refusal) VALUES (?, ?, ?)")
            .bind(client.to_string())
            .bind(number)
            .bind(Json(refusal))
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Moves the record to the end of `person`'s log: the next pull sends it once.
    pub async fn log_change(
        &mut self,
        person: PersonId,
        key: RecordKey,
        kind: LogKind,
    ) -> Result<()> {
        sqlx::query(
            "DELETE FROM sync_log WHERE person_id = ? AND record_type = ? AND record_id = ?",
        )
        .bind(person.to_string())
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .execute(self.c())
        .await?;
        sqlx::query(
            "INSERT INTO sync_log (person_id, record_type, record_id, kind) VALUES (?, ?, ?, ?)",
        )
        .bind(person.to_string())
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .bind(kind.as_str())
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// The records of `family` that `person`'s log last sent them.
    pub async fn received_of_family(
        &mut self,
        person: PersonId,
        family: FamilyId,
    ) -> Result<Vec<RecordKey>> {
        let rows: Vec<LoggedKey> = sqlx::query_as(
            "SELECT l.record_type, l.record_id FROM sync_log l
             JOIN sync_records r ON r.record_type = l.record_type AND r.record_id = l.record_id
             WHERE l.person_id = ? AND l.kind = 'changed' AND r.family_id = ?",
        )
        .bind(person.to_string())
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|k| RecordKey {
                record_type: k.record_type.0,
                id: k.record_id.0,
            })
            .collect())
    }

    /// `person`'s log after `cursor`, at most `limit` lines.
    pub async fn log_after(
        &mut self,
        person: PersonId,
        cursor: u64,
        limit: usize,
    ) -> Result<Vec<LogLine>> {
        Ok(sqlx::query_as(
            "SELECT l.seq, l.record_type, l.record_id, l.kind, r.owner_id, r.fields, r.deleted
             FROM sync_log l
             LEFT JOIN sync_records r ON r.record_type = l.record_type AND r.record_id = l.record_id
             WHERE l.person_id = ? AND l.seq > ?
             ORDER BY l.seq
             LIMIT ?",
        )
        .bind(person.to_string())
        .bind(i64::try_from(cursor).unwrap_or(i64::MAX))
        .bind(count(limit))
        .fetch_all(self.c())
        .await?)
    }
}
