//! The notebook's trash: entries that went in before a cutoff are due for erasure.

use chrono::{DateTime, Utc};

use super::{Connection, Handle, Parsed, Result, stamp};

impl<C: Connection> Handle<C> {
    /// The notebook entries in the trash since `cutoff` or before.
    pub async fn trashed_before(&mut self, cutoff: DateTime<Utc>) -> Result<Vec<uuid::Uuid>> {
        let due: Vec<(Parsed<uuid::Uuid>,)> = sqlx::query_as(
            "SELECT record_id FROM sync_records
             WHERE record_type = 'notebook_entry' AND deleted = 0 AND trashed_at <= ?",
        )
        .bind(stamp(cutoff))
        .fetch_all(self.c())
        .await?;
        Ok(due.into_iter().map(|(id,)| id.0).collect())
    }

    /// Whether the entry is still in the trash since `cutoff` or before.
    pub async fn still_trashed_before(
        &mut self,
        entry: uuid::Uuid,
        cutoff: DateTime<Utc>,
    ) -> Result<bool> {
        let due: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM sync_records WHERE record_type = 'notebook_entry' AND record_id = ?
             AND deleted = 0 AND trashed_at <= ?",
        )
        .bind(entry.to_string())
        .bind(stamp(cutoff))
        .fetch_optional(self.c())
        .await?;
        Ok(due.is_some())
    }
}
