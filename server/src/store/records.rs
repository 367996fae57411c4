//! Synced records (`sync_records`) and the versions that left their fields
//! (`sync_history`): read and decoded here once, into domain types.

use sqlx::types::Json;
use tsunagu_model::{
    FamilyId, PersonId,
    sync::{self, Fields, HistoryEntry, RecordKey, RecordType},
};

use super::{Connection, Handle, Parsed, Result, count, stamp};

/// A record as stored: who made it, the family it belongs to (if any), its fields.
pub struct StoredRecord {
    pub owner: PersonId,
    pub family: Option<FamilyId>,
    pub fields: Fields,
}

/// A record with its key, as the fan-out reads them.
pub struct Record {
    pub key: RecordKey,
    pub owner: PersonId,
    pub family: Option<FamilyId>,
    pub fields: Fields,
}

/// A family's record as the server stores it, for staff screens.
pub struct StoredDocument {
    pub id: uuid::Uuid,
    pub fields: Fields,
}

/// A record a parent wrote (a brought item, an answer), with the parent's name.
pub struct OwnedRecord {
    pub id: uuid::Uuid,
    pub owner: PersonId,
    pub fields: Fields,
    pub owner_name: String,
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    record_type: Parsed<RecordType>,
    record_id: Parsed<uuid::Uuid>,
    owner_id: Parsed<PersonId>,
    family_id: Option<Parsed<FamilyId>>,
    fields: Json<Fields>,
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    owner_id: Parsed<PersonId>,
    family_id: Option<Parsed<FamilyId>>,
    fields: Json<Fields>,
}

#[derive(sqlx::FromRow)]
struct OwnedRecordRow {
    record_id: Parsed<uuid::Uuid>,
    owner_id: Parsed<PersonId>,
    fields: Json<Fields>,
    display_name: String,
}

impl From<RecordRow> for Record {
    fn from(row: RecordRow) -> Self {
        Self {
            key: RecordKey {
                record_type: row.record_type.0,
                id: row.record_id.0,
            },
            owner: row.owner_id.0,
            family: row.family_id.map(|f| f.0),
            fields: row.fields.0,
        }
    }
}

impl<C: Connection> Handle<C> {
    pub async fn record(&mut self, key: RecordKey) -> Result<Option<StoredRecord>> {
        let row: Option<StoredRow> = sqlx::query_as(
            "SELECT owner_id, family_id, fields FROM sync_records
             WHERE record_type = ? AND record_id = ?",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(|row| StoredRecord {
            owner: row.owner_id.0,
            family: row.family_id.map(|f| f.0),
            fields: row.fields.0,
        }))
    }

    pub async fn record_owner(&mut self, key: RecordKey) -> Result<Option<PersonId>> {
        let owner: Option<(Parsed<PersonId>,)> = sqlx::query_as(
            "SELECT owner_id FROM sync_records WHERE record_type = ? AND record_id = ?",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(owner.map(|(o,)| o.0))
    }

    /// The family's records of a type (not deleted), in id order.
    pub async fn family_documents(
        &mut self,
        family: FamilyId,
        record_type: RecordType,
    ) -> Result<Vec<StoredDocument>> {
        let rows: Vec<(Parsed<uuid::Uuid>, Json<Fields>)> = sqlx::query_as(
            "SELECT record_id, fields FROM sync_records
             WHERE family_id = ? AND record_type = ? AND deleted = 0 ORDER BY record_id",
        )
        .bind(family.to_string())
        .bind(record_type.as_str())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, fields)| StoredDocument {
                id: id.0,
                fields: fields.0,
            })
            .collect())
    }

    /// The family's brought items (not deleted), with who brought each.
    pub async fn brought_items(&mut self, family: FamilyId) -> Result<Vec<OwnedRecord>> {
        self.records_with_owner(family, RecordType::BroughtItem)
            .await
    }

    /// The family's records of a type its parents write (not deleted), with
    /// who wrote each: brought items, answers to meetings.
    pub async fn records_with_owner(
        &mut self,
        family: FamilyId,
        record_type: RecordType,
    ) -> Result<Vec<OwnedRecord>> {
        let rows: Vec<OwnedRecordRow> = sqlx::query_as(
            "SELECT r.record_id, r.owner_id, r.fields, p.display_name FROM sync_records r
             JOIN people p ON p.id = r.owner_id
             WHERE r.family_id = ? AND r.record_type = ? AND r.deleted = 0",
        )
        .bind(family.to_string())
        .bind(record_type.as_str())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| OwnedRecord {
                id: row.record_id.0,
                owner: row.owner_id.0,
                fields: row.fields.0,
                owner_name: row.display_name,
            })
            .collect())
    }

    /// How many earlier versions each of the family's records of a type has:
    /// a number that grows with every change (a calendar's SEQUENCE).
    pub async fn change_counts(
        &mut self,
        family: FamilyId,
        record_type: RecordType,
    ) -> Result<std::collections::HashMap<uuid::Uuid, i64>> {
        let rows: Vec<(Parsed<uuid::Uuid>, i64)> = sqlx::query_as(
            "SELECT h.record_id, COUNT(*) FROM sync_history h
             JOIN sync_records r ON r.record_type = h.record_type AND r.record_id = h.record_id
             WHERE r.family_id = ? AND h.record_type = ? GROUP BY h.record_id",
        )
        .bind(family.to_string())
        .bind(record_type.as_str())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|(id, n)| (id.0, n)).collect())
    }

    /// The notebook entries (not deleted) of the family's parents.
    pub async fn entries_of_parents(&mut self, family: FamilyId) -> Result<Vec<Record>> {
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT r.record_type, r.record_id, r.owner_id, r.family_id, r.fields FROM sync_records r
             JOIN family_parents fp ON fp.person_id = r.owner_id
             WHERE fp.family_id = ? AND r.record_type = 'notebook_entry' AND r.deleted = 0",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(Record::from).collect())
    }

    /// What may reach a person (not deleted): the directory's agencies, the
    /// records of their families and the entries of the other parents of those families.
    pub async fn records_near(&mut self, person: PersonId) -> Result<Vec<Record>> {
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT record_type, record_id, owner_id, family_id, fields FROM sync_records
             WHERE deleted = 0 AND (
                 record_type = 'agency'
                 OR family_id IN (SELECT family_id FROM family_parents WHERE person_id = ?1)
                 OR owner_id IN (
                     SELECT other.person_id FROM family_parents mine
                     JOIN family_parents other ON other.family_id = mine.family_id
                     WHERE mine.person_id = ?1 AND other.person_id <> ?1))
             ORDER BY record_type, record_id",
        )
        .bind(person.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(Record::from).collect())
    }

    /// Every record of a type (not deleted) owned by one of `owners`, or by
    /// anyone when `owners` is `None`, in id order.
    pub async fn records_of_type(
        &mut self,
        record_type: RecordType,
        owners: Option<&[PersonId]>,
    ) -> Result<Vec<Record>> {
        let owners_json = owners.map(|o| {
            serde_json::to_string(&o.iter().map(ToString::to_string).collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".to_owned())
        });
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT record_type, record_id, owner_id, family_id, fields FROM sync_records
             WHERE record_type = ?1 AND deleted = 0
               AND (?2 IS NULL OR owner_id IN (SELECT value FROM json_each(?2)))
             ORDER BY record_id",
        )
        .bind(record_type.as_str())
        .bind(owners_json)
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(Record::from).collect())
    }

    /// Whether `entry` is a notebook entry written by `person`.
    pub async fn is_entry_of(&mut self, entry: uuid::Uuid, person: PersonId) -> Result<bool> {
        let own: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM sync_records
             WHERE record_type = 'notebook_entry' AND record_id = ? AND owner_id = ?",
        )
        .bind(entry.to_string())
        .bind(person.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(own.is_some())
    }

    /// A meeting of one of `parent`'s families, with that family.
    pub async fn meeting_of_parent(
        &mut self,
        parent: PersonId,
        meeting: uuid::Uuid,
    ) -> Result<Option<(FamilyId, Fields)>> {
        let row: Option<(Parsed<FamilyId>, Json<Fields>)> = sqlx::query_as(
            "SELECT r.family_id, r.fields FROM sync_records r
             JOIN family_parents fp ON fp.family_id = r.family_id AND fp.person_id = ?
             WHERE r.record_type = 'meeting' AND r.record_id = ?",
        )
        .bind(parent.to_string())
        .bind(meeting.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(|(family, fields)| (family.0, fields.0)))
    }

    /// Writes the record as it now is. Going into the trash is dated by the
    /// server's own time, `now`: erasure counts from it.
    pub async fn write_record(
        &mut self,
        key: RecordKey,
        owner: PersonId,
        family: Option<FamilyId>,
        fields: &Fields,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
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
        .bind(Json(fields))
        .bind(sync::is_deleted(fields))
        .bind(stamp(now))
        .bind(sync::is_trashed(fields) && !sync::is_deleted(fields))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Every value the record's fields once had, newest first, at most `limit`.
    pub async fn history(&mut self, key: RecordKey, limit: usize) -> Result<Vec<HistoryEntry>> {
        let rows: Vec<(String, Json<sync::Version>)> = sqlx::query_as(
            "SELECT field, version FROM sync_history WHERE record_type = ? AND record_id = ?
             ORDER BY id DESC LIMIT ?",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .bind(count(limit))
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(field, version)| HistoryEntry {
                field,
                version: version.0,
            })
            .collect())
    }

    /// Keeps versions that left a frontier, then the newest `kept` of the record's.
    pub async fn keep_history(
        &mut self,
        key: RecordKey,
        dropped: &[(String, sync::Version)],
        kept: usize,
    ) -> Result<()> {
        for (field, version) in dropped {
            sqlx::query(
                "INSERT INTO sync_history (record_type, record_id, field, version) VALUES (?, ?, ?, ?)",
            )
            .bind(key.record_type.as_str())
            .bind(key.id.to_string())
            .bind(field)
            .bind(Json(version))
            .execute(self.c())
            .await?;
        }
        sqlx::query(
            "DELETE FROM sync_history WHERE record_type = ?1 AND record_id = ?2 AND id NOT IN (
                 SELECT id FROM sync_history WHERE record_type = ?1 AND record_id = ?2
                 ORDER BY id DESC LIMIT ?3)",
        )
        .bind(key.record_type.as_str())
        .bind(key.id.to_string())
        .bind(count(kept))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// A deleted record's earlier values go with it.
    pub async fn erase_history(&mut self, key: RecordKey) -> Result<()> {
        sqlx::query("DELETE FROM sync_history WHERE record_type = ? AND record_id = ?")
            .bind(key.record_type.as_str())
            .bind(key.id.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }
}
