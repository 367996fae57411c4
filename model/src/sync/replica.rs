//! A device's sync state: what the server confirmed, what waits to be sent, and
//! what the server refused. What the person sees is the confirmed state with the
//! waiting changes merged on top, so nothing typed disappears while it travels.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::PersonId;

use super::{
    ClientId, FieldChange, FieldValue, Fields, Mutation, Outcome, PUSH_BATCH, PUSH_BYTES, PullPage,
    PushRequest, PushResponse, RecordKey, RecordType, Refusal, Stamp, apply_mutation,
    erase_deleted, is_deleted, is_trashed,
};

/// A record as shown: its key, owner and merged fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub key: RecordKey,
    /// `None` until the server has confirmed it: made on this device, so this
    /// device's person's.
    pub owner: Option<PersonId>,
    pub fields: Fields,
}

impl Record {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field)?.current().value.as_text()
    }

    /// Other versions of a free-text field, written concurrently (a conflict).
    pub fn conflicting(&self, field: &str) -> Vec<&str> {
        self.fields
            .get(field)
            .map(|f| {
                f.conflicting()
                    .iter()
                    .filter_map(|v| v.value.as_text())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A change the server refused, kept for the person to see and act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejected {
    pub mutation: Mutation,
    pub refusal: Refusal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Replica {
    pub client: ClientId,
    /// The number the next local change gets.
    pub next_number: u64,
    /// Where the next pull starts.
    pub cursor: u64,
    /// What the server holds; a deleted record keeps only its `deleted` field.
    pub confirmed: BTreeMap<RecordKey, Fields>,
    /// Who owns each confirmed record.
    #[serde(default)]
    pub owners: BTreeMap<RecordKey, PersonId>,
    /// Local changes not yet acknowledged, in number order.
    pub outbox: Vec<Mutation>,
    pub rejected: Vec<Rejected>,
    /// Changes up to this number may already be on their way: never rewritten.
    #[serde(default)]
    pub sealed_through: u64,
}

impl Replica {
    pub fn new(client: ClientId) -> Self {
        Self {
            client,
            next_number: 1,
            cursor: 0,
            confirmed: BTreeMap::new(),
            owners: BTreeMap::new(),
            outbox: Vec::new(),
            rejected: Vec::new(),
            sealed_through: 0,
        }
    }

    /// The record as the person sees it, unless deleted or unknown.
    pub fn record(&self, key: RecordKey) -> Option<Record> {
        let mut fields = self.confirmed.get(&key).cloned().unwrap_or_default();
        let mut pending = false;
        for mutation in self.outbox.iter().filter(|m| m.record == key) {
            apply_mutation(&mut fields, mutation);
            pending = true;
        }
        let known = pending || self.confirmed.contains_key(&key);
        (known && !is_deleted(&fields) && !is_trashed(&fields)).then_some(Record {
            key,
            owner: self.owners.get(&key).copied(),
            fields,
        })
    }

    /// The entries in this person's trash (hidden from `record` and `records`).
    pub fn trashed(&self, record_type: RecordType) -> Vec<Record> {
        let keys: BTreeSet<RecordKey> = self
            .confirmed
            .keys()
            .chain(self.outbox.iter().map(|m| &m.record))
            .filter(|k| k.record_type == record_type)
            .copied()
            .collect();
        keys.into_iter()
            .filter_map(|key| {
                let mut fields = self.confirmed.get(&key).cloned().unwrap_or_default();
                for mutation in self.outbox.iter().filter(|m| m.record == key) {
                    apply_mutation(&mut fields, mutation);
                }
                (is_trashed(&fields) && !is_deleted(&fields)).then(|| Record {
                    key,
                    owner: self.owners.get(&key).copied(),
                    fields,
                })
            })
            .collect()
    }

    /// Every shown record of a type.
    pub fn records(&self, record_type: RecordType) -> Vec<Record> {
        let keys: BTreeSet<RecordKey> = self
            .confirmed
            .keys()
            .chain(self.outbox.iter().map(|m| &m.record))
            .filter(|k| k.record_type == record_type)
            .copied()
            .collect();
        keys.into_iter().filter_map(|k| self.record(k)).collect()
    }

    /// Records a local change and queues it. Each field's base is the version the
    /// person was looking at. Refused (and nothing queued) if a value is not allowed.
    pub fn edit(
        &mut self,
        key: RecordKey,
        values: Vec<(String, FieldValue)>,
        at: Stamp,
    ) -> Result<&Mutation, Refusal> {
        if values.is_empty() {
            return Err(Refusal::Empty);
        }
        for (field, value) in &values {
            key.record_type.check(field, value)?;
        }
        // Typing: while the last queued change to these same fields has not been
        // sent, it takes the new values instead of queuing one change per keystroke.
        // It keeps its bases (what the person started from) and takes the new stamp.
        if let Some(last) = self.outbox.last_mut().filter(|m| {
            m.record == key
                && m.number > self.sealed_through
                && m.changes.len() == values.len()
                && m.changes
                    .iter()
                    .zip(&values)
                    .all(|(c, (f, _))| c.field == *f)
        }) {
            for (change, (_, value)) in last.changes.iter_mut().zip(values) {
                change.value = value;
            }
            last.at = at;
            return Ok(self.outbox.last().expect("just changed"));
        }
        let shown = self.record(key).map(|r| r.fields).unwrap_or_default();
        let changes = values
            .into_iter()
            .map(|(field, value)| FieldChange {
                base: shown.get(&field).map(|f| f.base_for_edit()),
                field,
                value,
            })
            .collect();
        let mutation = Mutation {
            client: self.client,
            number: self.next_number,
            at,
            record: key,
            changes,
        };
        self.next_number += 1;
        self.outbox.push(mutation);
        Ok(self.outbox.last().expect("just pushed"))
    }

    /// The next batch to push, oldest first; `None` when nothing waits. What it
    /// holds is sealed: later typing queues new changes instead of rewriting these.
    /// At most `PUSH_BATCH` changes and `PUSH_BYTES` of JSON (always at least one).
    pub fn push_request(&mut self) -> Option<PushRequest> {
        // The request's own wrapping and the commas between changes.
        let mut bytes = 32;
        let mut mutations: Vec<Mutation> = Vec::new();
        for m in self.outbox.iter().take(PUSH_BATCH) {
            bytes += m.json_bytes() + 1;
            if bytes > PUSH_BYTES && !mutations.is_empty() {
                break;
            }
            mutations.push(m.clone());
        }
        let last = mutations.last()?.number;
        self.sealed_through = self.sealed_through.max(last);
        Some(PushRequest { mutations })
    }

    /// Takes in the server's answers. Applied changes join the confirmed state at
    /// once (the server holds them now); refused ones move to `rejected`.
    pub fn on_push_response(&mut self, response: &PushResponse) {
        for result in response.results.iter().filter(|r| r.client == self.client) {
            let Some(at) = self.outbox.iter().position(|m| m.number == result.number) else {
                continue;
            };
            match &result.outcome {
                Outcome::Applied | Outcome::AlreadyApplied => {
                    let mutation = self.outbox.remove(at);
                    let fields = self.confirmed.entry(mutation.record).or_default();
                    apply_mutation(fields, &mutation);
                }
                Outcome::Rejected { refusal } => {
                    let mutation = self.outbox.remove(at);
                    self.rejected.push(Rejected {
                        mutation,
                        refusal: refusal.clone(),
                    });
                }
                Outcome::Gap { expected } => {
                    // The server never got the numbers from `expected` up to this
                    // one, and this device no longer has them (its storage was
                    // cleared): what waits is renumbered to follow on.
                    if self.outbox.first().is_some_and(|m| m.number > *expected) {
                        for (i, m) in self.outbox.iter_mut().enumerate() {
                            m.number = expected + i as u64;
                        }
                        self.next_number = expected + self.outbox.len() as u64;
                        self.sealed_through = 0;
                    }
                }
            }
        }
    }

    /// Takes in a pulled page. Returns the newest stamp in it, for the clock.
    pub fn on_pull(&mut self, page: &PullPage) -> Option<Stamp> {
        let mut newest = None;
        for record in page.records.iter().chain(&page.tombstones) {
            self.owners.insert(record.key, record.owner);
            let fields = self.confirmed.entry(record.key).or_default();
            for (name, state) in &record.fields {
                let free_text = record.key.record_type.is_free_text(name);
                match fields.get_mut(name) {
                    Some(mine) => {
                        mine.merge_state(state, free_text);
                    }
                    None => {
                        fields.insert(name.clone(), state.clone());
                    }
                }
                newest = newest.max(state.versions().iter().map(|v| v.at).max());
            }
            erase_deleted(fields);
        }
        for key in &page.forget {
            self.confirmed.remove(key);
            self.owners.remove(key);
        }
        self.cursor = self.cursor.max(page.cursor);
        newest
    }

    /// A refused change the person has seen and let go (or copied elsewhere).
    pub fn dismiss_rejected(&mut self, number: u64) {
        self.rejected.retain(|r| r.mutation.number != number);
    }
}

#[cfg(test)]
mod tests;
