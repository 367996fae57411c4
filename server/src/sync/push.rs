//! Applying a push: everything read and merged first, then written under the
//! write lock.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::SqlitePool;
use tsunagu_model::{
    FamilyId, PersonId, Role,
    sync::{
        self, ClientId, Clock, Fields, Mutation, Outcome, PushRequest, PushResponse, PushResult,
        RecordKey, RecordType, Refusal,
    },
};

use super::fanout::{self, Written, erase_if_deleted};
use crate::{
    ApiError, policy,
    store::{Connection, Handle, Store, Tx},
};
use tsunagu_model::problem::Problem;

/// Applies a push from `person` and answers each mutation.
///
/// Everything is read and merged first, without the write lock (each record
/// read once, however many of the push's changes touch it); then the write lock
/// is taken for the writes alone. If another connection committed in between
/// (the store's `commit_mark` moved), the same work is done again under the lock,
/// so what is written always follows from what is there.
pub async fn push(
    db: &SqlitePool,
    clock: &Clock,
    person: PersonId,
    role: Role,
    request: &PushRequest,
) -> Result<PushResponse, ApiError> {
    push_to(&Store::new(db.clone()), clock, person, role, request).await
}

pub(super) async fn push_to(
    store: &Store,
    clock: &Clock,
    person: PersonId,
    role: Role,
    request: &PushRequest,
) -> Result<PushResponse, ApiError> {
    let mut conn = store.read().await?;
    let seen = conn.commit_mark().await?;
    let prepared = prepare(&mut conn, clock, person, role, request).await?;
    // The write lock first, so concurrent pushes queue instead of failing to
    // upgrade a read transaction.
    let mut tx = conn.begin_write().await?;
    let prepared = if tx.commit_mark().await? == seen {
        prepared
    } else {
        prepare(&mut tx, clock, person, role, request).await?
    };
    let response = write_push(&mut tx, prepared).await?;
    tx.commit().await?;
    Ok(response)
}

/// A device's numbering as the push leaves it.
struct ClientState {
    owner: PersonId,
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
    clients: BTreeMap<ClientId, ClientState>,
    refusals: Vec<(ClientId, i64, Refusal)>,
    records: BTreeMap<RecordKey, Working>,
}

async fn prepare<C: Connection>(
    conn: &mut Handle<C>,
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
        let audience =
            policy::record_audience(conn, *key, working.owner, working.family, &working.fields)
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

async fn prepare_one<C: Connection>(
    conn: &mut Handle<C>,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
    prepared: &mut Prepared,
) -> Result<Outcome, ApiError> {
    let client = mutation.client;
    if let std::collections::btree_map::Entry::Vacant(slot) = prepared.clients.entry(client) {
        let state = match conn.client(client).await? {
            Some(known) => ClientState {
                owner: known.owner,
                last: known.last,
                known: true,
                moved: false,
            },
            None => ClientState {
                owner: person,
                last: 0,
                known: false,
                moved: false,
            },
        };
        slot.insert(state);
    }
    let Some(state) = prepared.clients.get(&client) else {
        return Err(ApiError::Internal("client state just kept".to_owned()));
    };
    if state.owner != person {
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
                refusal: refusal.clone(),
            });
        }
        return Ok(match conn.refusal(client, number).await? {
            Some(refusal) => Outcome::Rejected { refusal },
            None => Outcome::AlreadyApplied,
        });
    }
    if mutation.number > last + 1 {
        return Ok(Outcome::Gap { expected: last + 1 });
    }
    let outcome = match apply(conn, clock, person, role, mutation, &mut prepared.records).await? {
        Ok(()) => Outcome::Applied,
        Err(refusal) => {
            prepared.refusals.push((client, number, refusal.clone()));
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
    i64::try_from(number).map_err(|_| ApiError::BadRequest(Problem::ChangeNumberTooLarge))
}

/// Checks and merges one mutation into the push's working records. The outer
/// error is the server's; the inner one a refusal the person is told about.
async fn apply<C: Connection>(
    conn: &mut Handle<C>,
    clock: &Clock,
    person: PersonId,
    role: Role,
    mutation: &Mutation,
    records: &mut BTreeMap<RecordKey, Working>,
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
            if !policy::may_create_record(role, key.record_type) {
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

async fn load_working<C: Connection>(
    conn: &mut Handle<C>,
    key: RecordKey,
) -> Result<Option<Working>, ApiError> {
    let Some(stored) = conn.record(key).await? else {
        return Ok(None);
    };
    let audience_before =
        policy::record_audience(conn, key, stored.owner, stored.family, &stored.fields).await?;
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

async fn apply_to_working<C: Connection>(
    conn: &mut Handle<C>,
    person: PersonId,
    mutation: &Mutation,
    records: &mut BTreeMap<RecordKey, Working>,
) -> Result<Result<(), Refusal>, ApiError> {
    let key = mutation.record;
    let own_entries: BTreeSet<uuid::Uuid> = records
        .iter()
        .filter(|(k, w)| k.record_type == RecordType::NotebookEntry && w.owner == person)
        .map(|(k, _)| k.id)
        .collect();
    let Some(working) = records.get_mut(&key) else {
        return Err(ApiError::Internal("working record just kept".to_owned()));
    };
    let present = working.existed || working.changed;
    if present && !policy::may_change_record(person, key.record_type, working.owner) {
        return Ok(Err(Refusal::NotAllowed));
    }
    // Erased is final (`RecordType::erased_when_deleted`).
    if present && key.record_type.erased_when_deleted() && sync::is_deleted(&working.fields) {
        return Ok(Err(Refusal::Deleted));
    }
    let family = match policy::check_device_change(
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

/// Writes what `prepare` worked out, inside the write transaction.
async fn write_push(tx: &mut Tx<'_>, prepared: Prepared) -> Result<PushResponse, ApiError> {
    for (client, state) in &prepared.clients {
        if !state.known {
            tx.add_client(*client, state.owner).await?;
        }
    }
    for (client, number, refusal) in &prepared.refusals {
        tx.add_refusal(*client, *number, refusal).await?;
    }
    for (client, state) in prepared.clients.iter().filter(|(_, s)| s.moved) {
        tx.set_client_last(*client, number_value(state.last)?)
            .await?;
    }
    for (key, working) in prepared.records.into_iter().filter(|(_, w)| w.changed) {
        fanout::write(
            tx,
            Written {
                key,
                owner: working.owner,
                family: working.family,
                fields: &working.fields,
                erased: working.erased,
                dropped: working.dropped,
                receivers: &working.audience_after,
                forgetting: &working.audience_before,
            },
        )
        .await?;
        // An entry that reaches someone besides its author, or stopped reaching
        // someone: the messages on it follow (a private entry has none to move).
        let reaches_others = working.audience_after.iter().any(|p| *p != working.owner);
        if key.record_type == RecordType::NotebookEntry
            && (reaches_others || !working.audience_before.is_empty())
        {
            let mut people = working.audience_after;
            people.extend(working.audience_before);
            fanout::recheck_threads(tx, &[key.id], &people).await?;
        }
    }
    Ok(PushResponse {
        results: prepared.results,
    })
}
