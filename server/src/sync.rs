//! Sync: devices push numbered mutations and pull what changed since their cursor.
//!
//! A push is applied in one write transaction: each mutation exactly once (a
//! number already seen answers as before; a number past the next expected one is
//! a gap and waits), checked against the record type's rules, the drift bound and
//! the access policy, merged field by field, every overwritten version kept in
//! history, and one row per receiving person written to the change log. A pull
//! reads that person's log from the cursor on, a page at a time.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Path, Query, State},
    routing::{get, post},
};
use serde::Deserialize;
use sqlx::{SqliteConnection, SqlitePool};
use tsunagu_model::{
    FamilyId, PersonId, Role,
    sync::{
        self, Clock, Fields, HISTORY_LIMIT, HistoryEntry, Mutation, Outcome, PULL_PAGE, PUSH_BATCH,
        PullPage, PushRequest, PushResponse, PushResult, RecordKey, RecordType, Refusal,
        SyncedRecord,
    },
};

use crate::{ApiError, AppState, Said, access, auth::Actor, clock as wall, error::ApiJson};

/// A full batch of long texts (4,000 characters of Japanese are 12 KB) must fit.
pub const PUSH_BODY_LIMIT: usize = 2 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/sync/push",
            post(push_handler).layer(DefaultBodyLimit::max(PUSH_BODY_LIMIT)),
        )
        .route("/sync/pull", get(pull_handler))
        .route(
            "/sync/history/{record_type}/{record_id}",
            get(history_handler),
        )
}

async fn push_handler(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    if request.mutations.len() > PUSH_BATCH {
        return Err(ApiError::BadRequest(Said::owned(
            format!("一度に送れる変更は{PUSH_BATCH}件までです。"),
            format!("A push carries at most {PUSH_BATCH} changes."),
        )));
    }
    Ok(Json(
        push(&state.db, &state.clock, actor.person, actor.role, &request).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    cursor: u64,
}

async fn pull_handler(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullPage>, ApiError> {
    let Query(query) = query.map_err(|_| {
        ApiError::BadRequest(Said::new(
            "カーソルは0以上の整数にしてください。",
            "The cursor must be a whole number of 0 or more.",
        ))
    })?;
    Ok(Json(
        pull(&state.db, actor.person, query.cursor, PULL_PAGE).await?,
    ))
}

/// Every value a record's fields once had, newest first, for whoever may change
/// the record (a notebook entry: its author). Anyone else gets the same 404 as
/// for a record that does not exist.
async fn history_handler(
    State(state): State<AppState>,
    actor: Actor,
    Path((record_type, record_id)): Path<(String, String)>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    const MISSING: ApiError = ApiError::NotFound(Said::new(
        "その記録は見つかりません。",
        "There is no such record.",
    ));
    let Ok(record_type) = record_type.parse::<RecordType>() else {
        return Err(MISSING);
    };
    let record_id: uuid::Uuid = record_id.parse().map_err(|_| {
        ApiError::BadRequest(Said::new(
            "記録の ID が正しくありません。",
            "The record id is not a valid id.",
        ))
    })?;
    let owner: Option<(String,)> =
        sqlx::query_as("SELECT owner_id FROM sync_records WHERE record_type = ? AND record_id = ?")
            .bind(record_type.as_str())
            .bind(record_id.to_string())
            .fetch_optional(&state.db)
            .await?;
    let owner: PersonId = owner
        .ok_or(MISSING)?
        .0
        .parse()
        .map_err(|_| ApiError::CorruptData("record owner".to_owned()))?;
    if !access::may_change_record(actor.person, record_type, owner) {
        return Err(MISSING);
    }
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT field, version FROM sync_history WHERE record_type = ? AND record_id = ?
         ORDER BY id DESC LIMIT ?",
    )
    .bind(record_type.as_str())
    .bind(record_id.to_string())
    .bind(HISTORY_LIMIT as i64)
    .fetch_all(&state.db)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for (field, version) in rows {
        entries.push(HistoryEntry {
            field,
            version: serde_json::from_str(&version)
                .map_err(|_| ApiError::CorruptData("history version".to_owned()))?,
        });
    }
    Ok(Json(entries))
}

/// Applies a push from `person` and answers each mutation.
pub async fn push(
    db: &SqlitePool,
    clock: &Clock,
    person: PersonId,
    role: Role,
    request: &PushRequest,
) -> Result<PushResponse, ApiError> {
    // IMMEDIATE: take the write lock first, so concurrent pushes queue instead of
    // failing to upgrade a read transaction.
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let mut results = Vec::with_capacity(request.mutations.len());
    for mutation in &request.mutations {
        let outcome = push_one(&mut tx, clock, person, role, mutation).await?;
        results.push(PushResult {
            client: mutation.client,
            number: mutation.number,
            outcome,
        });
    }
    tx.commit().await?;
    Ok(PushResponse { results })
}

async fn push_one(
    tx: &mut SqliteConnection,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
) -> Result<Outcome, ApiError> {
    let client = mutation.client.to_string();
    sqlx::query(
        "INSERT INTO sync_clients (client_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(&client)
    .bind(person.to_string())
    .execute(&mut *tx)
    .await?;
    let (owner, last): (String, i64) =
        sqlx::query_as("SELECT person_id, last_number FROM sync_clients WHERE client_id = ?")
            .bind(&client)
            .fetch_one(&mut *tx)
            .await?;
    if owner != person.to_string() {
        return Ok(Outcome::Rejected {
            refusal: Refusal::ForeignClient,
        });
    }
    let last = u64::try_from(last).unwrap_or(0);
    if mutation.number <= last {
        let refused: Option<(String,)> =
            sqlx::query_as("SELECT refusal FROM sync_refusals WHERE client_id = ? AND number = ?")
                .bind(&client)
                .bind(number_value(mutation.number)?)
                .fetch_optional(&mut *tx)
                .await?;
        return Ok(match refused {
            Some((refusal,)) => Outcome::Rejected {
                refusal: serde_json::from_str(&refusal)
                    .map_err(|_| ApiError::CorruptData("stored refusal".to_owned()))?,
            },
            None => Outcome::AlreadyApplied,
        });
    }
    if mutation.number > last + 1 {
        return Ok(Outcome::Gap { expected: last + 1 });
    }
    let outcome = match apply(tx, clock, person, role, mutation).await? {
        Ok(()) => Outcome::Applied,
        Err(refusal) => {
            sqlx::query("INSERT INTO sync_refusals (client_id, number, refusal) VALUES (?, ?, ?)")
                .bind(&client)
                .bind(number_value(mutation.number)?)
                .bind(
                    serde_json::to_string(&refusal)
                        .map_err(|e| ApiError::Internal(format!("refusal to JSON: {e}")))?,
                )
                .execute(&mut *tx)
                .await?;
            Outcome::Rejected { refusal }
        }
    };
    sqlx::query("UPDATE sync_clients SET last_number = ? WHERE client_id = ?")
        .bind(number_value(mutation.number)?)
        .bind(&client)
        .execute(&mut *tx)
        .await?;
    Ok(outcome)
}

fn number_value(number: u64) -> Result<i64, ApiError> {
    i64::try_from(number).map_err(|_| {
        ApiError::BadRequest(Said::new(
            "変更の番号が大きすぎます。",
            "A change number is too large.",
        ))
    })
}

/// Checks and merges one mutation. The outer error is the server's; the inner one
/// a refusal the person is told about.
async fn apply(
    tx: &mut SqliteConnection,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
) -> Result<Result<(), Refusal>, ApiError> {
    let key = mutation.record;
    if mutation.changes.is_empty() {
        return Ok(Err(Refusal::Empty));
    }
    for change in &mutation.changes {
        if let Err(refusal) = key.record_type.check(&change.field, &change.value) {
            return Ok(Err(refusal));
        }
    }
    if clock.observe(mutation.at).is_err() {
        return Ok(Err(Refusal::TooFarAhead));
    }
    let existing: Option<(String, String)> = sqlx::query_as(
        "SELECT owner_id, fields FROM sync_records WHERE record_type = ? AND record_id = ?",
    )
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    let (owner, fields, existed) = match existing {
        Some((owner, fields)) => {
            let owner: PersonId = owner
                .parse()
                .map_err(|_| ApiError::CorruptData("record owner".to_owned()))?;
            if !access::may_change_record(person, key.record_type, owner) {
                return Ok(Err(Refusal::NotAllowed));
            }
            let fields: Fields = serde_json::from_str(&fields)
                .map_err(|_| ApiError::CorruptData("record fields".to_owned()))?;
            (owner, fields, true)
        }
        None => {
            if !access::may_create_record(role, key.record_type) {
                return Ok(Err(Refusal::NotAllowed));
            }
            (person, Fields::new(), false)
        }
    };
    let family = match access::check_device_change(tx, person, mutation, existed.then_some(&fields))
        .await?
    {
        Ok(family) => family,
        Err(refusal) => return Ok(Err(refusal)),
    };
    store_merged(tx, key, owner, family, fields, existed, |fields| {
        sync::apply_mutation(fields, mutation)
    })
    .await?;
    Ok(Ok(()))
}

/// Writes a record changed by `change` (which merges into the fields and returns
/// what left a frontier): the record, its displaced versions into history, and
/// one log row for each person who receives it now or must forget it.
async fn store_merged(
    tx: &mut SqliteConnection,
    key: RecordKey,
    owner: PersonId,
    family: Option<FamilyId>,
    mut fields: Fields,
    existed: bool,
    change: impl FnOnce(&mut Fields) -> Vec<(String, sync::Version)>,
) -> Result<(), ApiError> {
    let audience_before = if existed {
        access::record_audience(tx, key.record_type, owner, family, &fields).await?
    } else {
        Vec::new()
    };
    let dropped = change(&mut fields);
    let text = serde_json::to_string(&fields)
        .map_err(|e| ApiError::Internal(format!("fields to JSON: {e}")))?;
    sqlx::query(
        "INSERT INTO sync_records (record_type, record_id, owner_id, family_id, fields, deleted, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (record_type, record_id)
         DO UPDATE SET fields = excluded.fields, deleted = excluded.deleted, updated_at = excluded.updated_at",
    )
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .bind(owner.to_string())
    .bind(family.map(|f| f.to_string()))
    .bind(text)
    .bind(sync::is_deleted(&fields))
    .bind(wall::to_text(chrono::Utc::now()))
    .execute(&mut *tx)
    .await?;
    for (field, version) in dropped {
        sqlx::query(
            "INSERT INTO sync_history (record_type, record_id, field, version) VALUES (?, ?, ?, ?)",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .bind(field)
        .bind(
            serde_json::to_string(&version)
                .map_err(|e| ApiError::Internal(format!("version to JSON: {e}")))?,
        )
        .execute(&mut *tx)
        .await?;
    }
    let audience = access::record_audience(tx, key.record_type, owner, family, &fields).await?;
    for receiver in &audience {
        log_change(tx, *receiver, key, "changed").await?;
    }
    for former in audience_before.iter().filter(|p| !audience.contains(p)) {
        log_change(tx, *former, key, "forget").await?;
    }
    Ok(())
}

/// A family's record as the server stores it, for staff screens.
pub struct StoredDocument {
    pub id: uuid::Uuid,
    pub fields: Fields,
}

/// The family's records of a type (not deleted), in id order.
pub async fn family_records(
    db: &mut SqliteConnection,
    family: FamilyId,
    record_type: RecordType,
) -> Result<Vec<StoredDocument>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT record_id, fields FROM sync_records
         WHERE family_id = ? AND record_type = ? AND deleted = 0 ORDER BY record_id",
    )
    .bind(family.to_string())
    .bind(record_type.as_str())
    .fetch_all(&mut *db)
    .await?;
    rows.into_iter()
        .map(|(id, fields)| {
            Ok(StoredDocument {
                id: id
                    .parse()
                    .map_err(|_| ApiError::CorruptData("record id".to_owned()))?,
                fields: serde_json::from_str(&fields)
                    .map_err(|_| ApiError::CorruptData("record fields".to_owned()))?,
            })
        })
        .collect()
}

/// A record as stored: who made it, the family it belongs to (if any), its fields.
pub struct StoredRecord {
    pub owner: PersonId,
    pub family: Option<FamilyId>,
    pub fields: Fields,
}

pub async fn stored_record(
    db: &mut SqliteConnection,
    key: RecordKey,
) -> Result<Option<StoredRecord>, ApiError> {
    let row: Option<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT owner_id, family_id, fields FROM sync_records WHERE record_type = ? AND record_id = ?",
    )
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .fetch_optional(&mut *db)
    .await?;
    let corrupt = |what: &str| ApiError::CorruptData(format!("record {what}"));
    row.map(|(owner, family, fields)| {
        Ok(StoredRecord {
            owner: owner.parse().map_err(|_| corrupt("owner"))?,
            family: family
                .map(|f| f.parse())
                .transpose()
                .map_err(|_| corrupt("family"))?,
            fields: serde_json::from_str(&fields).map_err(|_| corrupt("fields"))?,
        })
    })
    .transpose()
}

/// A staff member's save of a family's record: the changed fields, stamped now by
/// the server's clock on top of what is there, so the save supersedes the current
/// values (which go to history) and reaches the family on its next pull.
pub async fn write_family_record(
    tx: &mut SqliteConnection,
    clock: &Clock,
    author: PersonId,
    family: FamilyId,
    key: RecordKey,
    changes: Vec<(String, sync::FieldValue)>,
) -> Result<(), ApiError> {
    let (owner, fields, existed) = match stored_record(tx, key).await? {
        Some(stored) => (stored.owner, stored.fields, true),
        None => (author, Fields::new(), false),
    };
    let at = clock.now();
    store_merged(tx, key, owner, Some(family), fields, existed, |fields| {
        let mut dropped = Vec::new();
        for (field, value) in changes {
            let base = fields.get(&field).map(|f| f.current().at);
            let version = sync::Version { value, at, base };
            for old in sync::merge_field(key.record_type, fields, &field, version) {
                dropped.push((field.clone(), old));
            }
        }
        dropped
    })
    .await
}

/// After a family's consent to a mentor changed: the entries its parents shared
/// with that mentor reach them again, or are to be forgotten.
pub async fn recheck_mentor(
    tx: &mut SqliteConnection,
    family: FamilyId,
    mentor: PersonId,
) -> Result<(), ApiError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT r.record_id, r.owner_id, r.fields FROM sync_records r
         JOIN family_parents fp ON fp.person_id = r.owner_id
         WHERE fp.family_id = ? AND r.record_type = 'notebook_entry' AND r.deleted = 0",
    )
    .bind(family.to_string())
    .fetch_all(&mut *tx)
    .await?;
    let corrupt = |what: &str| ApiError::CorruptData(format!("record {what}"));
    for (id, owner, fields) in rows {
        let fields: Fields = serde_json::from_str(&fields).map_err(|_| corrupt("fields"))?;
        let shared = fields
            .get(sync::SHARED_WITH_MENTOR)
            .and_then(|f| f.current().value.as_text())
            == Some(mentor.to_string().as_str());
        if !shared {
            continue;
        }
        let key = RecordKey {
            record_type: RecordType::NotebookEntry,
            id: id.parse().map_err(|_| corrupt("id"))?,
        };
        let owner: PersonId = owner.parse().map_err(|_| corrupt("owner"))?;
        let audience = access::record_audience(tx, key.record_type, owner, None, &fields).await?;
        let kind = if audience.contains(&mentor) {
            "changed"
        } else {
            "forget"
        };
        log_change(tx, mentor, key, kind).await?;
    }
    Ok(())
}

/// Makes a person who just joined a family receive what its parents receive:
/// the family's records and the entries its other parents share.
pub async fn enroll(tx: &mut SqliteConnection, person: PersonId) -> Result<(), ApiError> {
    let rows: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT record_type, record_id, owner_id, family_id, fields FROM sync_records
         WHERE deleted = 0 AND (
             family_id IN (SELECT family_id FROM family_parents WHERE person_id = ?1)
             OR owner_id IN (
                 SELECT other.person_id FROM family_parents mine
                 JOIN family_parents other ON other.family_id = mine.family_id
                 WHERE mine.person_id = ?1 AND other.person_id <> ?1))
         ORDER BY record_type, record_id",
    )
    .bind(person.to_string())
    .fetch_all(&mut *tx)
    .await?;
    let corrupt = |what: &str| ApiError::CorruptData(format!("record {what}"));
    for (record_type, id, owner, family, fields) in rows {
        let key = RecordKey {
            record_type: record_type.parse().map_err(|_| corrupt("type"))?,
            id: id.parse().map_err(|_| corrupt("id"))?,
        };
        let owner: PersonId = owner.parse().map_err(|_| corrupt("owner"))?;
        let family: Option<FamilyId> = family
            .map(|f| f.parse())
            .transpose()
            .map_err(|_| corrupt("family"))?;
        let fields: Fields = serde_json::from_str(&fields).map_err(|_| corrupt("fields"))?;
        let audience = access::record_audience(tx, key.record_type, owner, family, &fields).await?;
        if audience.contains(&person) {
            log_change(tx, person, key, "changed").await?;
        }
    }
    Ok(())
}

/// Moves the record to the end of `person`'s log: the next pull sends it once.
async fn log_change(
    tx: &mut SqliteConnection,
    person: PersonId,
    key: RecordKey,
    kind: &str,
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sync_log WHERE person_id = ? AND record_type = ? AND record_id = ?")
        .bind(person.to_string())
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sync_log (person_id, record_type, record_id, kind) VALUES (?, ?, ?, ?)",
    )
    .bind(person.to_string())
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .bind(kind)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A line of a person's change log, with the record's current state if it still exists.
#[derive(sqlx::FromRow)]
struct LogRow {
    seq: i64,
    record_type: String,
    record_id: String,
    kind: String,
    owner_id: Option<String>,
    fields: Option<String>,
    deleted: Option<bool>,
}

/// What changed for `person` after `cursor`, at most `limit` records.
pub async fn pull(
    db: &SqlitePool,
    person: PersonId,
    cursor: u64,
    limit: usize,
) -> Result<PullPage, ApiError> {
    let cursor_value = i64::try_from(cursor).unwrap_or(i64::MAX);
    let rows: Vec<LogRow> = sqlx::query_as(
        "SELECT l.seq, l.record_type, l.record_id, l.kind, r.owner_id, r.fields, r.deleted
         FROM sync_log l
         LEFT JOIN sync_records r ON r.record_type = l.record_type AND r.record_id = l.record_id
         WHERE l.person_id = ? AND l.seq > ?
         ORDER BY l.seq
         LIMIT ?",
    )
    .bind(person.to_string())
    .bind(cursor_value)
    .bind(i64::try_from(limit + 1).unwrap_or(i64::MAX))
    .fetch_all(db)
    .await?;
    let more = rows.len() > limit;
    let mut page = PullPage {
        cursor,
        more,
        ..PullPage::default()
    };
    for LogRow {
        seq,
        record_type,
        record_id,
        kind,
        owner_id,
        fields,
        deleted,
    } in rows.into_iter().take(limit)
    {
        let key = RecordKey {
            record_type: record_type
                .parse()
                .map_err(|_| ApiError::CorruptData("logged record type".to_owned()))?,
            id: record_id
                .parse()
                .map_err(|_| ApiError::CorruptData("logged record id".to_owned()))?,
        };
        page.cursor = u64::try_from(seq).unwrap_or(page.cursor);
        match (kind.as_str(), fields, owner_id, deleted) {
            ("forget", ..) => page.forget.push(key),
            (_, Some(fields), Some(owner), deleted) => {
                let mut fields: Fields = serde_json::from_str(&fields)
                    .map_err(|_| ApiError::CorruptData("record fields".to_owned()))?;
                let owner = owner
                    .parse()
                    .map_err(|_| ApiError::CorruptData("record owner".to_owned()))?;
                if deleted == Some(true) {
                    // A tombstone: the deletion, none of the content.
                    fields.retain(|name, _| name == sync::DELETED);
                    page.tombstones.push(SyncedRecord { key, owner, fields });
                } else {
                    page.records.push(SyncedRecord { key, owner, fields });
                }
            }
            // The record itself is gone (its owner was deleted): forget it.
            _ => page.forget.push(key),
        }
    }
    Ok(page)
}
