//! Passkeys (`passkeys`): each credential's public key as webauthn-rs keeps it.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use tsunagu_model::PersonId;
use webauthn_rs::prelude::Passkey;

use super::{Connection, Handle, Parsed, Result, stamp};

impl<C: Connection> Handle<C> {
    /// Keeps a new passkey; returns false if its credential is already known.
    pub async fn add_passkey(
        &mut self,
        credential_id: &str,
        person: PersonId,
        passkey: &Passkey,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO passkeys (credential_id, person_id, passkey, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (credential_id) DO NOTHING",
        )
        .bind(credential_id)
        .bind(person.to_string())
        .bind(Json(passkey))
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(inserted.rows_affected() > 0)
    }

    /// The passkey of a credential, and whose it is.
    pub async fn passkey(&mut self, credential_id: &str) -> Result<Option<(PersonId, Passkey)>> {
        let row: Option<(Parsed<PersonId>, Json<Passkey>)> =
            sqlx::query_as("SELECT person_id, passkey FROM passkeys WHERE credential_id = ?")
                .bind(credential_id)
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(person, passkey)| (person.0, passkey.0)))
    }

    /// The passkey after a sign-in (its counter moved on).
    pub async fn update_passkey(
        &mut self,
        credential_id: &str,
        passkey: &Passkey,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE passkeys SET passkey = ?, last_used_at = ? WHERE credential_id = ?")
            .bind(Json(passkey))
            .bind(stamp(now))
            .bind(credential_id)
            .execute(self.c())
            .await?;
        Ok(())
    }
}
