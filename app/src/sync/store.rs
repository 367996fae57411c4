//! The device's copy of its sync state in IndexedDB, one database per person.
//! Values are JSON text: the model's own serde, no second encoding to keep in step.
//!
//! Stores: `meta` (the replica's client id, next number and cursor), `records`
//! (confirmed records by `<type>/<id>`), `outbox` and `rejected` (by number,
//! zero-padded so text order is number order). Every save is one transaction.

use indexed_db_futures::{database::Database, prelude::*, transaction::TransactionMode};
use serde::Serialize;
use tsunagu_model::{
    PersonId,
    sync::{
        ClientId, Meta, Mutation, OutboxBatch, RecordKey, Rejected, Replica, SaveBatch,
        StoredRecord,
    },
};

const META: &str = "meta";
const RECORDS: &str = "records";
const OUTBOX: &str = "outbox";
const REJECTED: &str = "rejected";
const META_KEY: &str = "replica";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl<E: std::fmt::Display> From<E> for StoreError {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

pub struct Store {
    db: Database,
}

impl Drop for Store {
    fn drop(&mut self) {
        // The browser closes a connection only when it is collected; an open one
        // would hold up deleting the database.
        self.db.clone().close();
    }
}

fn record_key(key: &RecordKey) -> String {
    format!("{}/{}", key.record_type.as_str(), key.id)
}

fn number_key(number: u64) -> String {
    format!("{number:020}")
}

fn json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(StoreError::from)
}

impl Store {
    /// Opens (creating on first use) the database of `person`.
    pub async fn open(person: PersonId) -> Result<Self, StoreError> {
        let db = Database::open(format!("tsunagu-{person}").as_str())
            .with_version(1u8)
            .with_on_upgrade_needed(|_event, db| {
                for store in [META, RECORDS, OUTBOX, REJECTED] {
                    if !db.object_store_names().any(|n| n == store) {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .await?;
        Ok(Self { db })
    }

    /// The saved replica, or a fresh one for a new device id (`new_client`).
    /// Closes this database and deletes it from the device: what "remove from
    /// this device" at sign-out does.
    pub async fn erase(&self) -> Result<(), StoreError> {
        // Closing and deleting waits for this page's other connections; there
        // are none (`Sync::start_for` opens one per person, and a dropped store
        // closes its own).
        self.db.clone().delete()?.await?;
        Ok(())
    }

    pub async fn load(&self, new_client: impl FnOnce() -> ClientId) -> Result<Replica, StoreError> {
        let tx = self
            .db
            .transaction([META, RECORDS, OUTBOX, REJECTED])
            .build()?;
        let meta: Option<String> = tx.object_store(META)?.get(META_KEY).primitive()?.await?;
        let Some(meta) = meta else {
            return Ok(Replica::new(new_client()));
        };
        let meta: Meta = serde_json::from_str(&meta)?;
        let records = all_values(&tx, RECORDS)
            .await?
            .iter()
            .map(|text| serde_json::from_str::<StoredRecord>(text))
            .collect::<Result<Vec<_>, _>>()?;
        let outbox = all_values(&tx, OUTBOX)
            .await?
            .iter()
            .map(|text| serde_json::from_str::<Mutation>(text))
            .collect::<Result<Vec<_>, _>>()?;
        let rejected = all_values(&tx, REJECTED)
            .await?
            .iter()
            .map(|text| serde_json::from_str::<Rejected>(text))
            .collect::<Result<Vec<_>, _>>()?;
        let replica = Replica::restore(meta, records, outbox, rejected);
        Ok(replica)
    }

    /// Writes one save (`Replica::save_batch`), all or nothing.
    pub async fn save(&self, batch: &SaveBatch) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([META, RECORDS, OUTBOX, REJECTED])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(META)?
            .put(json(&batch.meta)?)
            .with_key(META_KEY)
            .primitive()?;
        let records = tx.object_store(RECORDS)?;
        for (key, stored) in &batch.records {
            match stored {
                Some(stored) => {
                    records
                        .put(json(stored)?)
                        .with_key(record_key(key))
                        .primitive()?;
                }
                None => {
                    records.delete(record_key(key)).primitive()?;
                }
            }
        }
        let queue = tx.object_store(OUTBOX)?;
        let written: &[Mutation] = match &batch.outbox {
            OutboxBatch::Put(mutations) => mutations,
            OutboxBatch::Remove(numbers) => {
                for number in numbers {
                    queue.delete(number_key(*number)).primitive()?;
                }
                &[]
            }
            OutboxBatch::Replace(mutations) => {
                queue.clear()?;
                mutations
            }
        };
        for mutation in written {
            queue
                .put(json(mutation)?)
                .with_key(number_key(mutation.number))
                .primitive()?;
        }
        let rejected = tx.object_store(REJECTED)?;
        rejected.clear()?;
        for refused in &batch.rejected {
            rejected
                .put(json(refused)?)
                .with_key(number_key(refused.mutation.number))
                .primitive()?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn all_values(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    store: &str,
) -> Result<Vec<String>, StoreError> {
    let values = tx
        .object_store(store)?
        .get_all::<String>()
        .primitive()?
        .await?;
    values.map(|v| v.map_err(StoreError::from)).collect()
}

/// In headless Chromium (`wasm-bindgen-test`): the store keeps the replica across
/// reopening, as across reloads and restarts.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use tsunagu_model::sync::{
        FieldValue, OutboxWrite, Outcome, PushResponse, PushResult, RecordType, Refusal, Stamp,
    };
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn entry(n: u128) -> RecordKey {
        RecordKey {
            record_type: RecordType::NotebookEntry,
            id: uuid::Uuid::from_u128(n),
        }
    }

    fn text(t: &str) -> Vec<(String, FieldValue)> {
        vec![("text".to_owned(), FieldValue::Text(t.to_owned()))]
    }

    #[wasm_bindgen_test]
    async fn a_replica_survives_reopening_and_partial_saves() {
        let person = PersonId(crate::sync::new_record_id());
        let client = ClientId::from_u128(77);
        let store = Store::open(person).await.unwrap();
        let mut replica = store.load(|| client).await.unwrap();
        assert_eq!(replica, Replica::new(client), "a fresh device");

        // As the app does: each change saved as it is made.
        for (n, words) in [(1u128, "一"), (2, "二"), (3, "三")] {
            replica
                .edit(entry(n), text(words), Stamp::at_millis(n as u64, 77))
                .unwrap();
            store
                .save(&replica.save_batch(&[], OutboxWrite::Newest))
                .await
                .unwrap();
        }
        let request = replica.push_request().unwrap();
        replica.on_push_response(&PushResponse {
            results: vec![
                PushResult {
                    client,
                    number: 1,
                    outcome: Outcome::Applied,
                },
                PushResult {
                    client,
                    number: 2,
                    outcome: Outcome::Rejected {
                        refusal: Refusal::TooFarAhead,
                    },
                },
            ],
        });
        assert_eq!(request.mutations.len(), 3);
        replica.cursor = 41;
        store
            .save(&replica.save_batch(&[entry(1), entry(2)], OutboxWrite::Removed(vec![1, 2])))
            .await
            .unwrap();
        drop(store);

        let reopened = Store::open(person).await.unwrap();
        let loaded = reopened.load(|| ClientId::from_u128(1)).await.unwrap();
        assert_eq!(loaded.client, client, "the device keeps its id");
        assert_eq!(loaded.next_number, 4);
        assert_eq!(loaded.cursor, 41);
        assert_eq!(loaded.confirmed, replica.confirmed);
        assert_eq!(loaded.outbox, replica.outbox);
        assert_eq!(loaded.rejected, replica.rejected);
        assert_eq!(loaded.record(entry(3)).unwrap().text("text"), Some("三"));

        // Another person's store is another database.
        let other = Store::open(PersonId(crate::sync::new_record_id()))
            .await
            .unwrap();
        assert!(other.load(|| client).await.unwrap().confirmed.is_empty());
    }

    #[wasm_bindgen_test]
    async fn removing_from_the_device_is_not_held_up_by_an_earlier_connection() {
        let person = PersonId(crate::sync::new_record_id());
        let client = ClientId::from_u128(79);
        let earlier = Store::open(person).await.unwrap();
        let mut replica = earlier.load(|| client).await.unwrap();
        replica
            .edit(entry(1), text("消す"), Stamp::at_millis(1, 79))
            .unwrap();
        earlier
            .save(&replica.save_batch(&[], OutboxWrite::All))
            .await
            .unwrap();
        // An earlier store left behind, as a second start would leave it: an
        // open connection would make the delete wait for ever.
        drop(earlier);
        let store = Store::open(person).await.unwrap();
        store.erase().await.unwrap();
        let fresh = Store::open(person).await.unwrap();
        let loaded = fresh.load(|| ClientId::from_u128(2)).await.unwrap();
        assert_eq!(
            loaded,
            Replica::new(ClientId::from_u128(2)),
            "nothing is left"
        );
    }

    #[wasm_bindgen_test]
    async fn a_record_gone_from_the_replica_is_deleted_from_the_store() {
        let person = PersonId(crate::sync::new_record_id());
        let client = ClientId::from_u128(78);
        let store = Store::open(person).await.unwrap();
        let mut replica = store.load(|| client).await.unwrap();
        replica
            .edit(entry(1), text("消える"), Stamp::at_millis(1, 78))
            .unwrap();
        replica.push_request();
        replica.on_push_response(&PushResponse {
            results: vec![PushResult {
                client,
                number: 1,
                outcome: Outcome::Applied,
            }],
        });
        store
            .save(&replica.save_batch(&[entry(1)], OutboxWrite::Removed(vec![1])))
            .await
            .unwrap();
        replica.confirmed.remove(&entry(1));
        store
            .save(&replica.save_batch(&[entry(1)], OutboxWrite::Newest))
            .await
            .unwrap();
        let loaded = Store::open(person)
            .await
            .unwrap()
            .load(|| client)
            .await
            .unwrap();
        assert!(loaded.confirmed.is_empty());
    }

    /// A benchmark, not a test (figures for the notes): 1,000 entries written one
    /// by one, each saved as the app saves a change, then the store reopened and
    /// listed. Run with `-- --include-ignored` (release for realistic figures).
    #[wasm_bindgen_test]
    #[ignore]
    async fn bench_writing_and_listing_1000_entries() {
        let person = PersonId(crate::sync::new_record_id());
        let store = Store::open(person).await.unwrap();
        let mut replica = store.load(|| ClientId::from_u128(79)).await.unwrap();
        let started = js_sys::Date::now();
        for n in 0..1000u128 {
            let words = format!("{n}: 園での様子を聞きたい。家での練習のしかたも相談したい。");
            replica
                .edit(entry(n), text(&words), Stamp::at_millis(1 + n as u64, 79))
                .unwrap();
            store
                .save(&replica.save_batch(&[entry(n)], OutboxWrite::Newest))
                .await
                .unwrap();
        }
        let written = js_sys::Date::now() - started;
        let started = js_sys::Date::now();
        let loaded = Store::open(person)
            .await
            .unwrap()
            .load(|| ClientId::from_u128(1))
            .await
            .unwrap();
        let listed = loaded.records(RecordType::NotebookEntry);
        let listing = js_sys::Date::now() - started;
        assert_eq!(listed.len(), 1000);
        console_log!(
            "1,000 entries: written and saved one by one in {written:.0} ms ({:.2} ms each); reopened and listed in {listing:.0} ms",
            written / 1000.0
        );
    }
}
