//! The admin's duties towards a family under Japan's APPI: disclose everything held
//! about it (`export`), and erase it (`delete-family`).

use chrono::Utc;
use serde_json::{Value, json};
use sqlx::{Row, SqlitePool, sqlite::SqliteRow};
use tsunagu_model::FamilyId;

use crate::{
    ApiError, Said,
    audit::{self, Action},
    families::load_overview,
};

/// Everything the server holds about the family, as JSON: the family, children,
/// meetings and plan summaries (with earlier values), its parents' accounts (never password hashes, passkeys' public keys or
/// session ids: those are credentials, not data about the family; when each
/// passkey was made and last used is given), its parents' notebook entries with
/// every earlier wording kept, its invitations, the consents it gave (in force or
/// withdrawn) and the audit log of who looked at it.
pub async fn export_family(db: &SqlitePool, family: FamilyId) -> Result<Value, ApiError> {
    let overview = load_overview(db, family)
        .await?
        .ok_or(ApiError::NotFound(Said::new(
            "その家族は見つかりません。",
            "There is no such family.",
        )))?;
    let id = family.to_string();
    let parents = rows(
        db,
        "SELECT p.id, p.role, p.display_name, p.created_at, pl.login,
                (SELECT count(*) FROM sessions s WHERE s.person_id = p.id) AS open_sessions
         FROM people p JOIN family_parents fp ON fp.person_id = p.id
         LEFT JOIN password_logins pl ON pl.person_id = p.id
         WHERE fp.family_id = ? ORDER BY p.id",
        &id,
    )
    .await?;
    let passkeys = rows(
        db,
        "SELECT k.person_id, k.created_at, k.last_used_at
         FROM passkeys k JOIN family_parents fp ON fp.person_id = k.person_id
         WHERE fp.family_id = ? ORDER BY k.person_id, k.created_at",
        &id,
    )
    .await?;
    let notebook = with_history(
        rows(
            db,
            "SELECT r.record_id AS id, r.owner_id, r.deleted, r.updated_at, r.fields
             FROM sync_records r JOIN family_parents fp ON fp.person_id = r.owner_id
             WHERE fp.family_id = ? AND r.record_type = 'notebook_entry'
             ORDER BY r.owner_id, r.record_id",
            &id,
        )
        .await?,
        rows(
            db,
            "SELECT h.record_id, h.field, h.version
             FROM sync_history h
             JOIN sync_records r ON r.record_type = h.record_type AND r.record_id = h.record_id
             JOIN family_parents fp ON fp.person_id = r.owner_id
             WHERE fp.family_id = ? AND h.record_type = 'notebook_entry'
             ORDER BY h.id",
            &id,
        )
        .await?,
    );
    // Meetings, plan summaries (drafts too: the family may ask what is held) and
    // the items its parents brought to meetings, with what became of them.
    let records = with_history(
        rows(
            db,
            "SELECT record_type, record_id AS id, owner_id, updated_at, fields
             FROM sync_records WHERE family_id = ? ORDER BY record_type, record_id",
            &id,
        )
        .await?,
        rows(
            db,
            "SELECT h.record_id, h.field, h.version FROM sync_history h
             JOIN sync_records r ON r.record_type = h.record_type AND r.record_id = h.record_id
             WHERE r.family_id = ? ORDER BY h.id",
            &id,
        )
        .await?,
    );
    // What each parent's trash holds, and when the server erases it.
    let trash = rows(
        db,
        "SELECT r.record_id AS id, r.owner_id, r.trashed_at,
                strftime('%Y-%m-%dT%H:%M:%SZ', r.trashed_at, '+30 days') AS erased_after
         FROM sync_records r JOIN family_parents fp ON fp.person_id = r.owner_id
         WHERE fp.family_id = ? AND r.record_type = 'notebook_entry'
           AND r.deleted = 0 AND r.trashed_at IS NOT NULL
         ORDER BY r.trashed_at, r.record_id",
        &id,
    )
    .await?;
    let invitations = rows(
        db,
        "SELECT id, role, display_name, created_at, expires_at, used_at, revoked_at
         FROM invitations WHERE family_id = ? ORDER BY created_at, id",
        &id,
    )
    .await?;
    let consents = rows(
        db,
        "SELECT c.id, c.mentor_id, p.display_name AS mentor_name, c.scope, c.granted_by, c.granted_at, c.revoked_at
         FROM consents c LEFT JOIN people p ON p.id = c.mentor_id
         WHERE c.family_id = ? ORDER BY c.granted_at, c.id",
        &id,
    )
    .await?;
    let audit_log = rows(
        db,
        "SELECT at, actor_id, action FROM audit_log WHERE family_id = ? ORDER BY id",
        &id,
    )
    .await?;
    Ok(json!({
        "exported_at": crate::clock::to_text(Utc::now()),
        "family": overview.family,
        "children": overview.children,
        "family_records": records,
        "parents": parents,
        "passkeys": passkeys,
        "notebook": notebook,
        "trash": trash,
        "invitations": invitations,
        "consents": consents,
        "audit_log": audit_log,
    }))
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

/// Rows as JSON objects, columns by name; text, integers and nulls only.
async fn rows(db: &SqlitePool, query: &'static str, id: &str) -> Result<Vec<Value>, ApiError> {
    let rows = sqlx::query(query).bind(id).fetch_all(db).await?;
    Ok(rows.iter().map(row_json).collect())
}

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

/// What a deletion removed, for the admin to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub children: i64,
    pub meetings: i64,
    /// Accounts of parents who belonged to no other family.
    pub accounts: i64,
}

/// Removes the family everywhere, in one transaction: its children, meetings,
/// invitations, the accounts of parents who belong to no other family (with their
/// sessions and logins), and every audit entry about it or them. One audit entry
/// remains: that a family was deleted.
pub async fn delete_family(db: &SqlitePool, family: FamilyId) -> Result<Deleted, ApiError> {
    let id = family.to_string();
    let mut tx = db.begin().await?;
    let exists: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM families WHERE id = ?")
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(ApiError::NotFound(Said::new(
            "その家族は見つかりません。",
            "There is no such family.",
        )));
    }
    let (children,): (i64,) = sqlx::query_as("SELECT count(*) FROM children WHERE family_id = ?")
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    let (meetings,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM sync_records WHERE family_id = ? AND record_type = 'meeting'",
    )
    .bind(&id)
    .fetch_one(&mut *tx)
    .await?;
    let only_here: Vec<(String,)> = sqlx::query_as(
        "SELECT person_id FROM family_parents WHERE family_id = ?
         AND person_id NOT IN (SELECT person_id FROM family_parents WHERE family_id <> ?)",
    )
    .bind(&id)
    .bind(&id)
    .fetch_all(&mut *tx)
    .await?;
    for (person,) in &only_here {
        sqlx::query("DELETE FROM audit_log WHERE actor_id = ?")
            .bind(person)
            .execute(&mut *tx)
            .await?;
        // Sessions, logins and memberships go with the person (ON DELETE CASCADE).
        sqlx::query("DELETE FROM people WHERE id = ?")
            .bind(person)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM audit_log WHERE family_id = ?")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    // Children, meetings, plan summaries (with their history), memberships and
    // invitations cascade.
    sqlx::query("DELETE FROM families WHERE id = ?")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut *tx, None, Action::FamilyDeleted, None).await?;
    tx.commit().await?;
    Ok(Deleted {
        children,
        meetings,
        accounts: only_here.len() as i64,
    })
}
