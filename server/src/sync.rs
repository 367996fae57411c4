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
use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
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

use crate::{ApiError, AppState, Said, access, auth::Actor, clock as wall};

/// A push's body: devices split longer queues (`Replica::push_request`).
pub const PUSH_BODY_LIMIT: usize = sync::PUSH_BYTES;

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

/// How much one person may push: a device typing pushes about once a second,
/// a device catching up after days offline sends a few full pushes; more than
/// that, from all of one person's devices together, is told to wait.
pub struct PushLimiter {
    seen: Mutex<HashMap<PersonId, VecDeque<(Instant, usize)>>>,
    max_pushes: usize,
    max_bytes: usize,
}

impl Default for PushLimiter {
    fn default() -> Self {
        Self {
            seen: Mutex::new(HashMap::new()),
            max_pushes: Self::MAX_PUSHES,
            max_bytes: Self::MAX_BYTES,
        }
    }
}

impl PushLimiter {
    pub const WINDOW: Duration = Duration::from_secs(60);
    pub const MAX_PUSHES: usize = 240;
    pub const MAX_BYTES: usize = 2 * 1024 * 1024;

    /// No limit: for benchmarks of the server's own throughput, where one
    /// person's many simulated devices push as fast as they can.
    pub fn unlimited() -> Self {
        Self {
            max_pushes: usize::MAX,
            max_bytes: usize::MAX,
            ..Self::default()
        }
    }

    /// Counts a push of `bytes` by `person`, or refuses it when the window's
    /// pushes or bytes are used up (then it counts nothing).
    pub fn admit(&self, person: PersonId, bytes: usize, now: Instant) -> Result<(), ApiError> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let events = seen.entry(person).or_default();
        while events
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= Self::WINDOW)
        {
            events.pop_front();
        }
        let used: usize = events.iter().map(|(_, b)| b).sum();
        if events.len() >= self.max_pushes || used >= self.max_bytes {
            let oldest = events.front().map_or(now, |(t, _)| *t);
            let wait = Self::WINDOW.saturating_sub(now.duration_since(oldest));
            return Err(ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        events.push_back((now, bytes));
        Ok(())
    }
}

async fn push_handler(
    State(state): State<AppState>,
    actor: Actor,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    // A body refused as too large still counts, at the most it could have been.
    let bytes = body.as_ref().map_or(PUSH_BODY_LIMIT, |b| b.len());
    state.pushes.admit(actor.person, bytes, Instant::now())?;
    let body = body.map_err(|_| {
        ApiError::PayloadTooLarge(Said::new(
            "一度に送れるのは 512 KB までです。何回かに分けて送ってください。",
            "A push carries at most 512 KB: send the changes in several pushes.",
        ))
    })?;
    let Json(request) = Json::<PushRequest>::from_bytes(&body).map_err(ApiError::from)?;
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
///
/// Everything is read and merged first, without the write lock (each record
/// read once, however many of the push's changes touch it); then the write lock
/// is taken for the writes alone. If another connection committed in between
/// (SQLite's `data_version` moved), the same work is done again under the lock,
/// so what is written always follows from what is there.
pub async fn push(
    db: &SqlitePool,
    clock: &Clock,
    person: PersonId,
    role: Role,
    request: &PushRequest,
) -> Result<PushResponse, ApiError> {
    use sqlx::Connection;
    let mut conn = db.acquire().await?;
    let seen = data_version(&mut conn).await?;
    let prepared = prepare(&mut conn, clock, person, role, request).await?;
    // IMMEDIATE: take the write lock first, so concurrent pushes queue instead of
    // failing to upgrade a read transaction.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let prepared = if data_version(&mut tx).await? == seen {
        prepared
    } else {
        prepare(&mut tx, clock, person, role, request).await?
    };
    let response = write_push(&mut tx, prepared).await?;
    tx.commit().await?;
    Ok(response)
}

/// Changes whenever another connection commits (SQLite's `PRAGMA data_version`).
async fn data_version(conn: &mut SqliteConnection) -> Result<i64, ApiError> {
    let (version,): (i64,) = sqlx::query_as("PRAGMA data_version")
        .fetch_one(&mut *conn)
        .await?;
    Ok(version)
}

/// A device's numbering as the push leaves it.
struct ClientState {
    owner: String,
    last: u64,
    known: bool,
    moved: bool,
}

/// A record as the push leaves it.
struct Working {
    owner: PersonId,
    family: Option<FamilyId>,
    fields: Fields,
    existed: bool,
    audience_before: Vec<PersonId>,
    dropped: Vec<(String, sync::Version)>,
    changed: bool,
    audience_after: Vec<PersonId>,
    /// Deleted by this push: its history goes too.
    erased: bool,
}

/// What a push will write, worked out from what it read.
struct Prepared {
    results: Vec<PushResult>,
    clients: std::collections::BTreeMap<String, ClientState>,
    refusals: Vec<(String, i64, String)>,
    records: std::collections::BTreeMap<RecordKey, Working>,
}

async fn prepare(
    conn: &mut SqliteConnection,
    clock: &Clock,
    person: PersonId,
    role: Role,
    request: &PushRequest,
) -> Result<Prepared, ApiError> {
    let mut prepared = Prepared {
        results: Vec::with_capacity(request.mutations.len()),
        clients: Default::default(),
        refusals: Vec::new(),
        records: Default::default(),
    };
    for mutation in &request.mutations {
        let outcome = prepare_one(conn, clock, person, role, mutation, &mut prepared).await?;
        prepared.results.push(PushResult {
            client: mutation.client,
            number: mutation.number,
            outcome,
        });
    }
    for (key, working) in prepared.records.iter_mut().filter(|(_, w)| w.changed) {
        let audience = access::record_audience(
            conn,
            key.record_type,
            working.owner,
            working.family,
            &working.fields,
        )
        .await?;
        working.audience_before.retain(|p| !audience.contains(p));
        // From here on: `audience_before` holds only those who must forget.
        working.dropped.reverse();
        working.dropped.truncate(sync::HISTORY_KEPT);
        working.dropped.reverse();
        working.audience_after = audience;
    }
    Ok(prepared)
}

async fn prepare_one(
    conn: &mut SqliteConnection,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
    prepared: &mut Prepared,
) -> Result<Outcome, ApiError> {
    let client = mutation.client.to_string();
    if !prepared.clients.contains_key(&client) {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT person_id, last_number FROM sync_clients WHERE client_id = ?")
                .bind(&client)
                .fetch_optional(&mut *conn)
                .await?;
        let state = match row {
            Some((owner, last)) => ClientState {
                owner,
                last: u64::try_from(last).unwrap_or(0),
                known: true,
                moved: false,
            },
            None => ClientState {
                owner: person.to_string(),
                last: 0,
                known: false,
                moved: false,
            },
        };
        prepared.clients.insert(client.clone(), state);
    }
    let Some(state) = prepared.clients.get(&client) else {
        return Err(ApiError::Internal("client state just kept".to_owned()));
    };
    if state.owner != person.to_string() {
        return Ok(Outcome::Rejected {
            refusal: Refusal::ForeignClient,
        });
    }
    let last = state.last;
    let number = number_value(mutation.number)?;
    if mutation.number <= last {
        if let Some((.., refusal)) = prepared
            .refusals
            .iter()
            .find(|(c, n, _)| *c == client && *n == number)
        {
            return Ok(Outcome::Rejected {
                refusal: serde_json::from_str(refusal)
                    .map_err(|_| ApiError::Internal("refusal kept".to_owned()))?,
            });
        }
        let refused: Option<(String,)> =
            sqlx::query_as("SELECT refusal FROM sync_refusals WHERE client_id = ? AND number = ?")
                .bind(&client)
                .bind(number)
                .fetch_optional(&mut *conn)
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
    let outcome = match apply(conn, clock, person, role, mutation, &mut prepared.records).await? {
        Ok(()) => Outcome::Applied,
        Err(refusal) => {
            prepared.refusals.push((
                client.clone(),
                number,
                serde_json::to_string(&refusal)
                    .map_err(|e| ApiError::Internal(format!("refusal to JSON: {e}")))?,
            ));
            Outcome::Rejected { refusal }
        }
    };
    if let Some(state) = prepared.clients.get_mut(&client) {
        state.last = mutation.number;
        state.moved = true;
    }
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

/// Checks and merges one mutation into the push's working records. The outer
/// error is the server's; the inner one a refusal the person is told about.
async fn apply(
    conn: &mut SqliteConnection,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
    records: &mut std::collections::BTreeMap<RecordKey, Working>,
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
    if let Some(change) = mutation
        .changes
        .iter()
        .find(|c| c.base.is_some_and(|base| base >= mutation.at))
    {
        return Ok(Err(Refusal::InvalidValue(change.field.clone())));
    }
    if clock.observe(mutation.at).is_err() {
        return Ok(Err(Refusal::TooFarAhead));
    }
    if !records.contains_key(&key) {
        let Some(working) = load_working(conn, key).await? else {
            if !access::may_create_record(role, key.record_type) {
                return Ok(Err(Refusal::NotAllowed));
            }
            records.insert(
                key,
                Working {
                    owner: person,
                    family: None,
                    fields: Fields::new(),
                    existed: false,
                    audience_before: Vec::new(),
                    dropped: Vec::new(),
                    changed: false,
                    audience_after: Vec::new(),
                    erased: false,
                },
            );
            return apply_to_working(conn, person, mutation, records).await;
        };
        records.insert(key, working);
    }
    apply_to_working(conn, person, mutation, records).await
}

async fn load_working(
    conn: &mut SqliteConnection,
    key: RecordKey,
) -> Result<Option<Working>, ApiError> {
    let Some(stored) = stored_record(conn, key).await? else {
        return Ok(None);
    };
    let audience_before = access::record_audience(
        conn,
        key.record_type,
        stored.owner,
        stored.family,
        &stored.fields,
    )
    .await?;
    Ok(Some(Working {
        owner: stored.owner,
        family: stored.family,
        fields: stored.fields,
        existed: true,
        audience_before,
        dropped: Vec::new(),
        changed: false,
        audience_after: Vec::new(),
        erased: false,
    }))
}

async fn apply_to_working(
    conn: &mut SqliteConnection,
    person: PersonId,
    mutation: &Mutation,
    records: &mut std::collections::BTreeMap<RecordKey, Working>,
) -> Result<Result<(), Refusal>, ApiError> {
    let key = mutation.record;
    let own_entries: std::collections::BTreeSet<uuid::Uuid> = records
        .iter()
        .filter(|(k, w)| k.record_type == RecordType::NotebookEntry && w.owner == person)
        .map(|(k, _)| k.id)
        .collect();
    let Some(working) = records.get_mut(&key) else {
        return Err(ApiError::Internal("working record just kept".to_owned()));
    };
    let present = working.existed || working.changed;
    if present && !access::may_change_record(person, key.record_type, working.owner) {
        return Ok(Err(Refusal::NotAllowed));
    }
    // Erased is final (`RecordType::erased_when_deleted`).
    if present && key.record_type.erased_when_deleted() && sync::is_deleted(&working.fields) {
        return Ok(Err(Refusal::Deleted));
    }
    let family = match access::check_device_change(
        conn,
        person,
        mutation,
        present.then_some(&working.fields),
        &own_entries,
    )
    .await?
    {
        Ok(family) => family,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut fields = working.fields.clone();
    let mut dropped = sync::apply_mutation(&mut fields, mutation);
    if sync::record_bytes(&fields) > key.record_type.max_bytes() {
        return Ok(Err(Refusal::TooLarge));
    }
    if !present {
        working.family = family;
    }
    if erase_if_deleted(key, &mut fields) {
        dropped.clear();
        working.dropped.clear();
        working.erased = true;
    }
    working.fields = fields;
    working.dropped.extend(dropped);
    working.changed = true;
    Ok(Ok(()))
}

/// Deleted means gone (`sync::erase_deleted`) for the record types that hold a
/// parent's own words: their content and history go with the deletion.
fn erase_if_deleted(key: RecordKey, fields: &mut Fields) -> bool {
    key.record_type.erased_when_deleted() && sync::erase_deleted(fields)
}

/// Writes what `prepare` worked out, inside the write transaction.
async fn write_push(
    tx: &mut SqliteConnection,
    prepared: Prepared,
) -> Result<PushResponse, ApiError> {
    for (client, state) in &prepared.clients {
        if !state.known {
            sqlx::query("INSERT INTO sync_clients (client_id, person_id) VALUES (?, ?)")
                .bind(client)
                .bind(&state.owner)
                .execute(&mut *tx)
                .await?;
        }
    }
    for (client, number, refusal) in &prepared.refusals {
        sqlx::query("INSERT INTO sync_refusals (client_id, number, refusal) VALUES (?, ?, ?)")
            .bind(client)
            .bind(number)
            .bind(refusal)
            .execute(&mut *tx)
            .await?;
    }
    for (client, state) in prepared.clients.iter().filter(|(_, s)| s.moved) {
        sqlx::query("UPDATE sync_clients SET last_number = ? WHERE client_id = ?")
            .bind(number_value(state.last)?)
            .bind(client)
            .execute(&mut *tx)
            .await?;
    }
    for (key, working) in prepared.records.into_iter().filter(|(_, w)| w.changed) {
        write_record(tx, key, working.owner, working.family, &working.fields).await?;
        if working.erased {
            erase_history(tx, key).await?;
        }
        keep_history(tx, key, working.dropped).await?;
        for receiver in &working.audience_after {
            log_change(tx, *receiver, key, "changed").await?;
        }
        for former in &working.audience_before {
            log_change(tx, *former, key, "forget").await?;
        }
    }
    Ok(PushResponse {
        results: prepared.results,
    })
}

async fn write_record(
    tx: &mut SqliteConnection,
    key: RecordKey,
    owner: PersonId,
    family: Option<FamilyId>,
    fields: &Fields,
) -> Result<(), ApiError> {
    let text = serde_json::to_string(fields)
        .map_err(|e| ApiError::Internal(format!("fields to JSON: {e}")))?;
    sqlx::query(
        "INSERT INTO sync_records (record_type, record_id, owner_id, family_id, fields, deleted, updated_at, trashed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?8 THEN ?7 END)
         ON CONFLICT (record_type, record_id)
         DO UPDATE SET fields = excluded.fields, deleted = excluded.deleted, updated_at = excluded.updated_at,
             trashed_at = CASE WHEN ?8 THEN coalesce(sync_records.trashed_at, ?7) END",
    )
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .bind(owner.to_string())
    .bind(family.map(|f| f.to_string()))
    .bind(text)
    .bind(sync::is_deleted(fields))
    .bind(wall::to_text(chrono::Utc::now()))
    // The server's own time of going into the trash: erasure counts from it.
    .bind(sync::is_trashed(fields) && !sync::is_deleted(fields))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A deleted record's earlier values go with it.
async fn erase_history(tx: &mut SqliteConnection, key: RecordKey) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sync_history WHERE record_type = ? AND record_id = ?")
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Erases every notebook entry that has been in its author's trash for
/// `TRASH_DAYS` by `now`: its words and history go, on the server at once and on
/// every device at its next pull (a tombstone). Returns how many were erased.
/// The server runs it every hour.
pub async fn erase_expired_trash(
    db: &SqlitePool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, ApiError> {
    let cutoff = wall::to_text(now - chrono::Duration::days(sync::TRASH_DAYS));
    let due: Vec<(String,)> = sqlx::query_as(
        "SELECT record_id FROM sync_records
         WHERE record_type = 'notebook_entry' AND deleted = 0 AND trashed_at <= ?",
    )
    .bind(&cutoff)
    .fetch_all(db)
    .await?;
    let clock = wall::server_clock()?;
    let mut erased = 0;
    for (id,) in due {
        let key = RecordKey {
            record_type: RecordType::NotebookEntry,
            id: id
                .parse()
                .map_err(|_| ApiError::CorruptData("record id".to_owned()))?,
        };
        let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
        // Read again under the lock: restored meanwhile, it stays.
        let still_due: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM sync_records WHERE record_type = ? AND record_id = ?
             AND deleted = 0 AND trashed_at <= ?",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .bind(&cutoff)
        .fetch_optional(&mut *tx)
        .await?;
        if still_due.is_none() {
            continue;
        }
        let Some(stored) = stored_record(&mut tx, key).await? else {
            continue;
        };
        // Newer than anything in the record, so no device's copy outranks it.
        if let Some(newest) = stored
            .fields
            .values()
            .flat_map(|f| f.versions())
            .map(|v| v.at)
            .max()
        {
            let _ = clock.observe(newest);
        }
        let at = clock.now();
        store_merged(
            &mut tx,
            key,
            stored.owner,
            stored.family,
            stored.fields,
            true,
            |fields| {
                let base = fields.get(sync::DELETED).map(|f| f.current().at);
                let version = sync::Version {
                    value: sync::FieldValue::Bool(true),
                    at,
                    base,
                };
                sync::merge_field(key.record_type, fields, sync::DELETED, version);
                Vec::new()
            },
        )
        .await?;
        tx.commit().await?;
        erased += 1;
    }
    Ok(erased)
}

/// Keeps the versions that left a frontier as the record's history, at most
/// `HISTORY_KEPT` of them: the oldest go first.
async fn keep_history(
    tx: &mut SqliteConnection,
    key: RecordKey,
    dropped: Vec<(String, sync::Version)>,
) -> Result<(), ApiError> {
    if dropped.is_empty() {
        return Ok(());
    }
    let skip = dropped.len().saturating_sub(sync::HISTORY_KEPT);
    for (field, version) in dropped.into_iter().skip(skip) {
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
    sqlx::query(
        "DELETE FROM sync_history WHERE record_type = ?1 AND record_id = ?2 AND id NOT IN (
             SELECT id FROM sync_history WHERE record_type = ?1 AND record_id = ?2
             ORDER BY id DESC LIMIT ?3)",
    )
    .bind(key.record_type.as_str())
    .bind(key.id.to_string())
    .bind(sync::HISTORY_KEPT as i64)
    .execute(&mut *tx)
    .await?;
    Ok(())
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
    let mut dropped = change(&mut fields);
    if sync::record_bytes(&fields) > key.record_type.max_bytes() {
        return Err(ApiError::BadRequest(Said::new(
            "記録が大きくなりすぎて保存できません。短くしてください。",
            "The record would be too large to keep. Please shorten it.",
        )));
    }
    let erased = erase_if_deleted(key, &mut fields);
    if erased {
        dropped.clear();
    }
    write_record(tx, key, owner, family, &fields).await?;
    if erased {
        erase_history(tx, key).await?;
    }
    keep_history(tx, key, dropped).await?;
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

/// After `person` left `family` (turned down as a newcomer): their devices
/// forget every record of that family they had received.
pub async fn forget_family(
    tx: &mut SqliteConnection,
    person: PersonId,
    family: FamilyId,
) -> Result<(), ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT l.record_type, l.record_id FROM sync_log l
         JOIN sync_records r ON r.record_type = l.record_type AND r.record_id = l.record_id
         WHERE l.person_id = ? AND l.kind = 'changed' AND r.family_id = ?",
    )
    .bind(person.to_string())
    .bind(family.to_string())
    .fetch_all(&mut *tx)
    .await?;
    let corrupt = |what: &str| ApiError::CorruptData(format!("logged record {what}"));
    for (record_type, id) in rows {
        let key = RecordKey {
            record_type: record_type.parse().map_err(|_| corrupt("type"))?,
            id: id.parse().map_err(|_| corrupt("id"))?,
        };
        log_change(tx, person, key, "forget").await?;
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
