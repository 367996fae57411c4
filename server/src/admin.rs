//! The admin's duties towards a family under Japan's APPI: disclose everything held
//! about it (`export`), and erase it (`delete-family`).

use chrono::Utc;
use serde_json::{Value, json};
use sqlx::SqlitePool;
use tsunagu_model::{FamilyId, audit::AuditAction as Action};

use crate::{ApiError, families::overview_of, store::Store};
use tsunagu_model::problem::{Problem, Thing};

/// Everything the server holds about the family, as JSON: the family, children,
/// meetings and plan summaries (with earlier values), its parents' accounts (never password hashes, passkeys' public keys or
/// session ids: those are credentials, not data about the family; when each
/// passkey was made and last used is given), its parents' notebook entries with
/// every earlier wording kept, its invitations, the consents it gave (in force or
/// withdrawn) and the audit log of who looked at it.
pub async fn export_family(db: &SqlitePool, family: FamilyId) -> Result<Value, ApiError> {
    let store = Store::new(db.clone());
    let overview = overview_of(&store, family)
        .await?
        .ok_or(ApiError::NotFound(Problem::NotFound {
            what: Thing::Family,
        }))?;
    let tables = store
        .read()
        .await?
        .family_tables(family, tsunagu_model::sync::TRASH_DAYS)
        .await?;
    // Meetings, plan summaries (drafts too: the family may ask what is held) and
    // the items its parents brought to meetings, with what became of them;
    // what each parent's trash holds, and when the server erases it.
    Ok(json!({
        "exported_at": crate::clock::to_text(Utc::now()),
        "family": overview.family,
        "children": overview.children,
        "family_records": tables.records,
        "parents": tables.parents,
        "passkeys": tables.passkeys,
        "notebook": tables.notebook,
        "trash": tables.trash,
        "invitations": tables.invitations,
        "consents": tables.consents,
        "audit_log": tables.audit_log,
    }))
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
    let mut tx = Store::new(db.clone()).begin().await?;
    let Some(erased) = tx.erase_family(family).await? else {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Family,
        }));
    };
    tx.audit(None, Action::FamilyDeleted, None).await?;
    tx.commit().await?;
    Ok(Deleted {
        children: erased.children,
        meetings: erased.meetings,
        accounts: erased.accounts,
    })
}
