//! The admin's duties towards a family under Japan's APPI: what is held about
//! it, table by table, and its erasure.

use serde_json::{Value, json};
use sqlx::{Row, sqlite::SqliteRow};
use tsunagu_model::FamilyId;

use super::{Connection, Handle, Parsed, Result};

/// Everything held about a family, as rows of JSON objects (columns by name);
/// synced records carry their fields as JSON and each one's earlier values.
pub struct FamilyTables {
    pub parents: Vec<Value>,
    pub passkeys: Vec<Value>,
    pub notebook: Vec<Value>,
    pub records: Vec<Value>,
    pub trash: Vec<Value>,
    pub invitations: Vec<Value>,
    pub consents: Vec<Value>,
    pub audit_log: Vec<Value>,
}

/// What a deletion removed.
pub struct Erased {
    pub children: i64,
    pub meetings: i64,
    /// Accounts of parents who belonged to no other family.
    pub accounts: i64,
}

impl<C: Connection> Handle<C> {
    /// Every table's rows about the family. Never password hashes, passkeys'
    /// public keys or session ids: those are credentials, not data about it.
    pub async fn family_tables(
        &mut self,
        family: FamilyId,
        trash_days: i64,
    ) -> Result<FamilyTables> {
        let id = family.to_string();
        Ok(FamilyTables {
            parents: self
                .rows(
                    "SELECT p.id, p.role, p.display_name, p.created_at, pl.login,
                            (SELECT count(*) FROM sessions s WHERE s.person_id = p.id) AS open_sessions
                     FROM people p JOIN family_parents fp ON fp.person_id = p.id
                     LEFT JOIN password_logins pl ON pl.person_id = p.id
                     WHERE fp.family_id = ? ORDER BY p.id",
                    &id,
                )
                .await?,
            passkeys: self
                .rows(
                    "SELECT k.person_id, k.created_at, k.last_used_at
                     FROM passkeys k JOIN family_parents fp ON fp.person_id = k.person_id
                     WHERE fp.family_id = ? ORDER BY k.person_id, k.created_at",
                    &id,
                )
                .await?,
            notebook: with_history(
                self.rows(
                    "SELECT r.record_id AS id, r.owner_id, r.deleted, r.updated_at, r.fields
                     FROM sync_records r JOIN family_parents fp ON fp.person_id = r.owner_id
                     WHERE fp.family_id = ? AND r.record_type = 'notebook_entry'
                     ORDER BY r.owner_id, r.record_id",
                    &id,
                )
                .await?,
                self.rows(
                    "SELECT h.record_id, h.field, h.version
                     FROM sync_history h
                     JOIN sync_records r ON r.record_type = h.record_type AND r.record_id = h.record_id
                     JOIN family_parents fp ON fp.person_id = r.owner_id
                     WHERE fp.family_id = ? AND h.record_type = 'notebook_entry'
                     ORDER BY h.id",
                    &id,
                )
                .await?,
            ),
            records: with_history(
                self.rows(
                    "SELECT record_type, record_id AS id, owner_id, updated_at, fields
                     FROM sync_records WHERE family_id = ? ORDER BY record_type, record_id",
                    &id,
                )
                .await?,
                self.rows(
                    "SELECT h.record_id, h.field, h.version
                     FROM sync_history h
                     JOIN sync_records r ON r.record_type = h.record_type AND r.record_id = h.record_id
                     WHERE r.family_id = ? ORDER BY h.id",
                    &id,
                )
                .await?,
            ),
            trash: self.trash_rows(&id, trash_days).await?,
            invitations: self
                .rows(
                    "SELECT id, role, display_name, created_at, expires_at, used_at, revoked_at
                     FROM invitations WHERE family_id = ? ORDER BY created_at, id",
                    &id,
                )
                .await?,
            consents: self
                .rows(
                    "SELECT c.id, c.mentor_id, p.display_name AS mentor_name, c.scope, c.granted_by, c.granted_at, c.revoked_at
                     FROM consents c LEFT JOIN people p ON p.id = c.mentor_id
                     WHERE c.family_id = ? ORDER BY c.granted_at, c.id",
                    &id,
                )
                .await?,
            audit_log: self
                .rows(
                    "SELECT at, actor_id, action FROM audit_log WHERE family_id = ? ORDER BY id",
                    &id,
                )
                .await?,
        })
    }

    /// The parents' entries in the trash, with when each will be erased.
    async fn trash_rows(&mut self, family: &str, trash_days: i64) -> Result<Vec<Value>> {
        let rows = sqlx::query(
            "SELECT r.record_id AS id, r.owner_id, r.trashed_at,
                    strftime('%Y-%m-%dT%H:%M:%SZ', r.trashed_at, '+' || ? || ' days') AS erased_after
             FROM sync_records r JOIN family_parents fp ON fp.person_id = r.owner_id
             WHERE fp.family_id = ? AND r.record_type = 'notebook_entry'
               AND r.deleted = 0 AND r.trashed_at IS NOT NULL
             ORDER BY r.trashed_at, r.record_id",
        )
        .bind(trash_days)
        .bind(family)
        .fetch_all(self.c())
        .await?;
        Ok(rows.iter().map(row_json).collect())
    }

    async fn rows(&mut self, query: &'static str, family: &str) -> Result<Vec<Value>> {
        let rows = sqlx::query(query).bind(family).fetch_all(self.c()).await?;
        Ok(rows.iter().map(row_json).collect())
    }

    /// Removes the family everywhere: its children, meetings, invitations, the
    /// accounts of parents who belong to no other family (with their sessions
    /// and logins), and every audit entry about it or them. `None`: no such family.
    pub async fn erase_family(&mut self, family: FamilyId) -> Result<Option<Erased>> {
        let id = family.to_string();
        if !self.family_exists(family).await? {
            return Ok(None);
        }
        let (children,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM children WHERE family_id = ?")
                .bind(&id)
                .fetch_one(self.c())
                .await?;
        let (meetings,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM sync_records WHERE family_id = ? AND record_type = 'meeting'",
        )
        .bind(&id)
        .fetch_one(self.c())
        .await?;
        let only_here: Vec<(Parsed<tsunagu_model::PersonId>,)> = sqlx::query_as(
            "SELECT person_id FROM family_parents WHERE family_id = ?
             AND person_id NOT IN (SELECT person_id FROM family_parents WHERE family_id <> ?)",
        )
        .bind(&id)
        .bind(&id)
        .fetch_all(self.c())
        .await?;
        for (person,) in &only_here {
            sqlx::query("DELETE FROM audit_log WHERE actor_id = ?")
                .bind(person.0.to_string())
                .execute(self.c())
                .await?;
            // Sessions, logins and memberships go with the person (ON DELETE CASCADE).
            sqlx::query("DELETE FROM people WHERE id = ?")
                .bind(person.0.to_string())
                .execute(self.c())
                .await?;
        }
        sqlx::query("DELETE FROM audit_log WHERE family_id = ?")
            .bind(&id)
            .execute(self.c())
            .await?;
        // Children, meetings, plan summaries (with their history), memberships and
        // invitations cascade.
        sqlx::query("DELETE FROM families WHERE id = ?")
            .bind(&id)
            .execute(self.c())
            .await?;
        Ok(Some(Erased {
            children,
            meetings,
            accounts: i64::try_from(only_here.len()).unwrap_or(i64::MAX),
        }))
    }
}

/// Synced records with their fields as JSON and each one's earlier values.
fn with_history(mut records: Vec<Value>, history: Vec<Value>) -> Vec<Value> {
    for record in &mut records {
        let fields = parsed(&record["fields"]);
        let earlier: Vec<Value> = history
            .iter()
            .filter(|h| h["record_id"] == record["id"])
            .map(|h| json!({ "field": h["field"], "version": parsed(&h["version"]) }))
            .collect();
        record["fields"] = fields;
        record["earlier"] = Value::Array(earlier);
    }
    records
}

/// A column that holds JSON text, as JSON (left as it is if it does not parse).
fn parsed(text: &Value) -> Value {
    text.as_str()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_else(|| text.clone())
}

/// A row as a JSON object, columns by name; text, integers and nulls only.
fn row_json(row: &SqliteRow) -> Value {
    use sqlx::Column;
    let mut object = serde_json::Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = row
            .try_get::<Option<String>, _>(i)
            .map(|v| v.map_or(Value::Null, Value::String))
            .or_else(|_| {
                row.try_get::<Option<i64>, _>(i)
                    .map(|v| v.map_or(Value::Null, Value::from))
            })
            .unwrap_or(Value::Null);
        object.insert(column.name().to_owned(), value);
    }
    Value::Object(object)
}
