//! The notebook's trash empties itself: entries there for `TRASH_DAYS` are erased.

use sqlx::SqlitePool;
use tsunagu_model::sync::{self, RecordKey, RecordType};

use super::fanout::store_merged;
use crate::{ApiError, clock, store::Store};

/// Erases every notebook entry that has been in its author's trash for
/// `TRASH_DAYS` by `now`: its words and history go, on the server at once and on
/// every device at its next pull (a tombstone). Returns how many were erased.
/// The server runs it every hour.
pub async fn erase_expired_trash(
    db: &SqlitePool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, ApiError> {
    let store = Store::new(db.clone());
    let cutoff = now - chrono::Duration::days(sync::TRASH_DAYS);
    let due = store.read().await?.trashed_before(cutoff).await?;
    let clock = clock::server_clock()?;
    let mut erased = 0;
    for id in due {
        let key = RecordKey {
            record_type: RecordType::NotebookEntry,
            id,
        };
        let mut tx = store.begin_write().await?;
        // Read again under the lock: restored meanwhile, it stays.
        if !tx.still_trashed_before(id, cutoff).await? {
            continue;
        }
        let Some(stored) = tx.record(key).await? else {
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
