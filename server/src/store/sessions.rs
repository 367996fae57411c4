//! Server-side sessions (`sessions`): only a hash of each id is kept.

use chrono::{DateTime, Utc};
use tsunagu_model::{PersonId, Role};

use super::{Connection, Handle, Parsed, Result, Stamp, stamp};

/// A session with the person it signs in.
pub struct StoredSession {
    pub person: PersonId,
    pub role: Role,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Parsed<PersonId>,
    role: Parsed<Role>,
    display_name: String,
    created_at: Parsed<Stamp>,
    last_seen_at: Parsed<Stamp>,
}

impl<C: Connection> Handle<C> {
    pub async fn add_session(
        &mut self,
        id_hash: &str,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        )
        .bind(id_hash)
        .bind(person.to_string())
        .bind(stamp(now))
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    pub async fn session(&mut self, id_hash: &str) -> Result<Option<StoredSession>> {
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT p.id, p.role, p.display_name, s.created_at, s.last_seen_at
             FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.id_hash = ?",
        )
        .bind(id_hash)
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(|row| StoredSession {
            person: row.id.0,
            role: row.role.0,
            display_name: row.display_name,
            created_at: row.created_at.0.0,
            last_seen_at: row.last_seen_at.0.0,
        }))
    }

    pub async fn touch_session(&mut self, id_hash: &str, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?")
            .bind(stamp(now))
            .bind(id_hash)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&mut self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(id_hash)
            .execute(self.c())
            .await?;
        Ok(())
    }

    pub async fn delete_sessions_of(&mut self, person: PersonId) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE person_id = ?")
            .bind(person.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }
}
