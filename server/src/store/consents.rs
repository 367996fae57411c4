//! What families let parent mentors see (`consents`).

use chrono::{DateTime, Utc};
use tsunagu_model::{
    FamilyId, PersonId,
    consent::{Consent, ConsentId, ConsentScope, MentorProposal, ProposalId, ProposalState},
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
struct ProposalRow {
    id: Parsed<ProposalId>,
    family_id: Parsed<FamilyId>,
    family_name: String,
    mentor_id: Parsed<PersonId>,
    mentor_name: String,
    proposed_at: Parsed<Stamp>,
    state: Parsed<ProposalState>,
}

impl From<ProposalRow> for MentorProposal {
    fn from(row: ProposalRow) -> Self {
        Self {
            id: row.id.0,
            family: row.family_id.0,
            family_name: row.family_name,
            mentor: row.mentor_id.0,
            mentor_name: row.mentor_name,
            proposed_at: crate::clock::town_local(row.proposed_at.0.0),
            state: row.state.0,
        }
    }
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

    /// Withdraws a consent of the family in force; returns its mentor and scope if there was one.
    pub async fn revoke_consent(
        &mut self,
        consent: ConsentId,
        family: FamilyId,
        now: DateTime<Utc>,
    ) -> Result<Option<(PersonId, ConsentScope)>> {
        let mentor: Option<(Parsed<PersonId>, Parsed<ConsentScope>)> = sqlx::query_as(
            "UPDATE consents SET revoked_at = ? WHERE id = ? AND family_id = ? AND revoked_at IS NULL
             RETURNING mentor_id, scope",
        )
        .bind(stamp(now))
        .bind(consent.to_string())
        .bind(family.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(mentor.map(|(m, s)| (m.0, s.0)))
    }

    /// Whether one of `parent`'s families consents to `mentor` in `scope`.
    pub async fn mentor_consented_by(
        &mut self,
        parent: PersonId,
        mentor: &str,
        scope: ConsentScope,
    ) -> Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM consents c JOIN family_parents fp ON fp.family_id = c.family_id
             WHERE fp.person_id = ? AND c.mentor_id = ? AND c.scope = ? AND c.revoked_at IS NULL",
        )
        .bind(parent.to_string())
        .bind(mentor)
        .bind(scope.as_str())
        .fetch_optional(self.c())
        .await?;
        Ok(row.is_some())
    }

    /// Whether `family` consents to `mentor` in `scope`.
    pub async fn family_consents(
        &mut self,
        family: FamilyId,
        mentor: PersonId,
        scope: ConsentScope,
    ) -> Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM consents
             WHERE family_id = ? AND mentor_id = ? AND scope = ? AND revoked_at IS NULL",
        )
        .bind(family.to_string())
        .bind(mentor.to_string())
        .bind(scope.as_str())
        .fetch_optional(self.c())
        .await?;
        Ok(row.is_some())
    }

    /// The mentors `family` consents to in any scope, with their names.
    pub async fn mentors_of_family(&mut self, family: FamilyId) -> Result<Vec<(PersonId, String)>> {
        let rows: Vec<(Parsed<PersonId>, String)> = sqlx::query_as(
            "SELECT DISTINCT p.id, p.display_name FROM consents c JOIN people p ON p.id = c.mentor_id
             WHERE c.family_id = ? AND c.revoked_at IS NULL ORDER BY p.display_name, p.id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|(id, name)| (id.0, name)).collect())
    }

    pub async fn add_proposal(
        &mut self,
        id: ProposalId,
        family: FamilyId,
        mentor: PersonId,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO mentor_proposals (id, family_id, mentor_id, proposed_by, proposed_at, state)
             VALUES (?, ?, ?, ?, ?, 'waiting') ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(family.to_string())
        .bind(mentor.to_string())
        .bind(by.to_string())
        .bind(stamp(at))
        .execute(self.c())
        .await?;
        Ok(inserted.rows_affected() > 0)
    }

    /// Proposals, newest first: of one family (all, or only those waiting), or of the town.
    pub async fn proposals(
        &mut self,
        family: Option<FamilyId>,
        waiting_only: bool,
    ) -> Result<Vec<MentorProposal>> {
        let rows: Vec<ProposalRow> = sqlx::query_as(
            "SELECT m.id, m.family_id, f.display_name AS family_name, m.mentor_id,
                    p.display_name AS mentor_name, m.proposed_at, m.state
             FROM mentor_proposals m JOIN families f ON f.id = m.family_id
             JOIN people p ON p.id = m.mentor_id
             WHERE (?1 IS NULL OR m.family_id = ?1) AND (?2 = 0 OR m.state = 'waiting')
             ORDER BY m.proposed_at DESC, m.id",
        )
        .bind(family.map(|f| f.to_string()))
        .bind(waiting_only)
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(MentorProposal::from).collect())
    }

    pub async fn proposal(
        &mut self,
        id: ProposalId,
        family: FamilyId,
    ) -> Result<Option<MentorProposal>> {
        Ok(self
            .proposals(Some(family), false)
            .await?
            .into_iter()
            .find(|p| p.id == id))
    }

    /// Ends a waiting proposal in `state`; whether it was waiting.
    pub async fn end_proposal(
        &mut self,
        id: ProposalId,
        family: FamilyId,
        state: ProposalState,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let ended = sqlx::query(
            "UPDATE mentor_proposals SET state = ?, answered_by = ?, answered_at = ?
             WHERE id = ? AND family_id = ? AND state = 'waiting'",
        )
        .bind(state.as_str())
        .bind(by.to_string())
        .bind(stamp(at))
        .bind(id.to_string())
        .bind(family.to_string())
        .execute(self.c())
        .await?;
        Ok(ended.rows_affected() > 0)
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
