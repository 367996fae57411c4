//! A pull: what changed for a person after their cursor, a page at a time.

use sqlx::SqlitePool;
use tsunagu_model::{
    PersonId,
    sync::{self, PullPage, SyncedRecord},
};

use crate::{
    ApiError,
    store::{Store, sync_log::LogKind},
};

/// What changed for `person` after `cursor`, at most `limit` records.
pub async fn pull(
    db: &SqlitePool,
    person: PersonId,
    cursor: u64,
    limit: usize,
) -> Result<PullPage, ApiError> {
    pull_from(&Store::new(db.clone()), person, cursor, limit).await
}

pub(super) async fn pull_from(
    store: &Store,
    person: PersonId,
    cursor: u64,
    limit: usize,
) -> Result<PullPage, ApiError> {
    let lines = store
        .read()
        .await?
        .log_after(person, cursor, limit + 1)
        .await?;
    let mut page = PullPage {
        cursor,
        more: lines.len() > limit,
        ..PullPage::default()
    };
    for line in lines.into_iter().take(limit) {
        let key = line.key();
        page.cursor = u64::try_from(line.seq).unwrap_or(page.cursor);
        let deleted = line.deleted;
        match (line.kind(), line.record()) {
            (LogKind::Forget, _) => page.forget.push(key),
            (LogKind::Changed, Some((owner, mut fields))) => {
                if deleted == Some(true) {
                    // A tombstone: the deletion, none of the content.
                    fields.retain(|name, _| name == sync::DELETED);
                    page.tombstones.push(SyncedRecord { key, owner, fields });
                } else {
                    page.records.push(SyncedRecord { key, owner, fields });
                }
            }
            // The record itself is gone (its owner was deleted): forget it.
            (LogKind::Changed, None) => page.forget.push(key),
        }
    }
    Ok(page)
}
