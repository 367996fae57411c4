//! What families let parent mentors see (`consents`).

use chrono::{DateTime, Utc};
use tsunagu_model::{
    FamilyId, PersonId,
    consent::{Consent, ConsentId, ConsentScope},
};

use super::{Connection, Handle, Parsed, Result, Stamp, stamp};

/// A consent as it is granted.
pub struct NewConsent {
    pub id: ConsentId,
    pub family: FamilyId,
    pub mentor: PersonId,
    pub scope: ConsentScope,
    pub granted_by: PersonId,
    pub granted_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    id: Parsed<ConsentId>,
    mentor_id: Parsed<PersonId>,
    display_name: String,
    scope: Parsed<ConsentScope>,
    granted_at: Parsed<Stamp>,
}

impl<C: Connection> Handle<C> {
    /// The family's consents in force, oldest first.
    pub async fn consents_in_force(&mut self, family: FamilyId) -> Result<Vec<Consent>> {
        let rows: Vec<ConsentRow> = sqlx::query_as(
            "SELECT c.id, c.mentor_id, p.display_name, c.scope, c.granted_at
             FROM consents c JOIN people p ON p.id = c.mentor_id
             WHERE c.family_id = ? AND c.revoked_at IS NULL ORDER BY c.granted_at, c.id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Consent {
                id: row.id.0,
                mentor: row.mentor_id.0,
                mentor_name: row.display_name,
                scope: row.scope.0,
                granted_at: crate::clock::town_local(row.granted_at.0.0),
            })
            .collect())
    }

    /// Grants the consent unless the same one is in force; returns whether it was granted.
    pub async fn grant_consent(&mut self, consent: &NewConsent) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO consents (id, family_id, mentor_id, scope, granted_by, granted_at)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(consent.id.to_string())
        .bind(consent.family.to_string())
        .bind(consent.mentor.to_string())
        .bind(consent.scope.as_str())
        .bind(consent.granted_by.to_string())
        .bind(stamp(consent.granted_at))
        .execute(self.c())
        .await?;
        Ok(inserted.rows_affected() > 0)
    }

    /// Withdraws a consent of the family in force; returns its mentor if there was one.
    pub async fn revoke_consent(
        &mut self,
        consent: ConsentId,
        family: FamilyId,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonId>> {
        let mentor: Option<(Parsed<PersonId>,)> = sqlx::query_as(
            "UPDATE consents SET revoked_at = ? WHERE id = ? AND family_id = ? AND revoked_at IS NULL
             RETURNING mentor_id",
        )
        .bind(stamp(now))
        .bind(consent.to_string())
        .bind(family.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(mentor.map(|(m,)| m.0))
    }

    /// Whether one of `parent`'s families has a consent in force for `mentor`.
    pub async fn mentor_consented_by(&mut self, parent: PersonId, mentor: &str) -> Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM consents c JOIN family_parents fp ON fp.family_id = c.family_id
             WHERE fp.person_id = ? AND c.mentor_id = ? AND c.revoked_at IS NULL",
        )
        .bind(parent.to_string())
        .bind(mentor)
        .fetch_optional(self.c())
        .await?;
        Ok(row.is_some())
    }

    /// The families that consent to `mentor`, each with its name and the scopes
    /// in force, in family order.
    pub async fn consenting_families(
        &mut self,
        mentor: PersonId,
    ) -> Result<Vec<(FamilyId, String, Vec<ConsentScope>)>> {
        let rows: Vec<(Parsed<FamilyId>, String, Parsed<ConsentScope>)> = sqlx::query_as(
            "SELECT f.id, f.display_name, c.scope FROM consents c JOIN families f ON f.id = c.family_id
             WHERE c.mentor_id = ? AND c.revoked_at IS NULL ORDER BY f.id, c.scope",
        )
        .bind(mentor.to_string())
        .fetch_all(self.c())
        .await?;
        let mut families: Vec<(FamilyId, String, Vec<ConsentScope>)> = Vec::new();
        for (family, name, scope) in rows {
            match families.last_mut() {
                Some((last, _, scopes)) if *last == family.0 => scopes.push(scope.0),
                _ => families.push((family.0, name, vec![scope.0])),
            }
        }
        Ok(families)
    }
}
