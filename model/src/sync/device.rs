//! What a device keeps of its replica between page loads, without I/O: the app
//! writes a `SaveBatch` to IndexedDB in one transaction, and `SavedDevice` is the
//! same store in memory, for the property tests and the simulation. A save
//! writes what changed, never the whole replica (a keystroke costs one queued
//! change, not the notebook).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ClientId, Fields, Mutation, RecordKey, Rejected, Replica};
use crate::PersonId;

/// The replica's small parts: who this device is, what it numbers next, where
/// its next pull starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meta {
    pub client: ClientId,
    pub next_number: u64,
    pub cursor: u64,
}

/// A confirmed record as stored on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredRecord {
    pub key: RecordKey,
    #[serde(default)]
    pub owner: Option<PersonId>,
    pub fields: Fields,
}

/// Which queued changes a save writes. Rewriting the whole queue on every
/// keystroke would cost O(queue) each time, and offline the queue only grows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxWrite {
    /// The newest change: a local edit adds it or rewrites it, nothing else.
    Newest,
    /// These numbers left the queue (acknowledged or refused).
    Removed(Vec<u64>),
    /// Everything (the queue was renumbered).
    All,
}

/// The queue's part of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxBatch {
    /// Written (added or rewritten) under their numbers.
    Put(Vec<Mutation>),
    Remove(Vec<u64>),
    /// The whole queue, instead of what was stored.
    Replace(Vec<Mutation>),
}

/// One save, taken from the replica at once (so nothing done while it is being
/// written can change it), written all or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveBatch {
    pub meta: Meta,
    /// Each touched record as it is now; `None`: it is gone from the device.
    pub records: Vec<(RecordKey, Option<StoredRecord>)>,
    pub outbox: OutboxBatch,
    /// The refused changes, all of them (few, and dismissed one by one).
    pub rejected: Vec<Rejected>,
}

impl Replica {
    /// What a save after a change to `touched` records and to the queue must write.
    pub fn save_batch(&self, touched: &[RecordKey], outbox: OutboxWrite) -> SaveBatch {
        let records = touched
            .iter()
            .map(|key| {
                let stored = self.confirmed.get(key).map(|fields| StoredRecord {
                    key: *key,
                    owner: self.owners.get(key).copied(),
                    fields: fields.clone(),
                });
                (*key, stored)
            })
            .collect();
        let outbox = match outbox {
            OutboxWrite::Newest => {
                OutboxBatch::Put(self.outbox.last().cloned().into_iter().collect())
            }
            OutboxWrite::Removed(numbers) => OutboxBatch::Remove(numbers),
            OutboxWrite::All => OutboxBatch::Replace(self.outbox.clone()),
        };
        SaveBatch {
            meta: Meta {
                client: self.client,
                next_number: self.next_number,
                cursor: self.cursor,
            },
            records,
            outbox,
            rejected: self.rejected.clone(),
        }
    }

    /// The newest stamp this replica holds (confirmed or queued). A device's clock
    /// lives in memory; after a restart it must observe this again, or a phone
    /// whose clock runs behind would stamp an edit older than the version it
    /// edits, and the server would refuse it.
    pub fn newest_stamp(&self) -> Option<super::Stamp> {
        let confirmed = self
            .confirmed
            .values()
            .flat_map(|fields| fields.values())
            .flat_map(|state| state.versions().iter().map(|v| v.at));
        let queued = self.outbox.iter().map(|m| m.at);
        confirmed.chain(queued).max()
    }

    /// The replica a device finds again after a reload or restart.
    ///
    /// Every queued change counts as possibly sent: a push may have reached the
    /// server while its answer was lost with the page. Were a later keystroke to
    /// rewrite such a change under its number, the server would answer "already
    /// applied" to the new words and keep the old ones.
    pub fn restore(
        meta: Meta,
        records: impl IntoIterator<Item = StoredRecord>,
        outbox: impl IntoIterator<Item = Mutation>,
        rejected: impl IntoIterator<Item = Rejected>,
    ) -> Self {
        let mut replica = Replica::new(meta.client);
        replica.next_number = meta.next_number;
        replica.cursor = meta.cursor;
        for record in records {
            if let Some(owner) = record.owner {
                replica.owners.insert(record.key, owner);
            }
            replica.confirmed.insert(record.key, record.fields);
        }
        replica.outbox = outbox.into_iter().collect();
        replica.outbox.sort_by_key(|m| m.number);
        replica.rejected = rejected.into_iter().collect();
        replica.rejected.sort_by_key(|r| r.mutation.number);
        replica.sealed_through = replica.outbox.last().map_or(0, |m| m.number);
        replica
    }
}

/// A device's store in memory, the shape of the app's IndexedDB one: what the
/// simulation's devices keep across restarts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedDevice {
    meta: Option<Meta>,
    records: BTreeMap<RecordKey, StoredRecord>,
    outbox: BTreeMap<u64, Mutation>,
    rejected: Vec<Rejected>,
}

impl SavedDevice {
    pub fn apply(&mut self, batch: &SaveBatch) {
        self.meta = Some(batch.meta);
        for (key, stored) in &batch.records {
            match stored {
                Some(stored) => {
                    self.records.insert(*key, stored.clone());
                }
                None => {
                    self.records.remove(key);
                }
            }
        }
        match &batch.outbox {
            OutboxBatch::Put(mutations) => {
                for m in mutations {
                    self.outbox.insert(m.number, m.clone());
                }
            }
            OutboxBatch::Remove(numbers) => {
                for n in numbers {
                    self.outbox.remove(n);
                }
            }
            OutboxBatch::Replace(mutations) => {
                self.outbox = mutations.iter().map(|m| (m.number, m.clone())).collect();
            }
        }
        self.rejected = batch.rejected.clone();
    }

    /// The replica as saved, or a fresh one (never saved: a new device).
    pub fn load(&self, new_client: impl FnOnce() -> ClientId) -> Replica {
        match self.meta {
            None => Replica::new(new_client()),
            Some(meta) => Replica::restore(
                meta,
                self.records.values().cloned(),
                self.outbox.values().cloned(),
                self.rejected.iter().cloned(),
            ),
        }
    }
}
