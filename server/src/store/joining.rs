//! Parents joining a family that already has parents (`family_parents.confirmed`).

use tsunagu_model::{
    FamilyId, PersonId,
    api::{JoiningParent, PendingJoin},
};

use super::{Connection, Handle, Parsed, Result, Stamp, StoreError};

#[derive(sqlx::FromRow)]
struct JoiningRow {
    id: Parsed<PersonId>,
    display_name: String,
    invited_by: Option<String>,
    joined_at: Option<Parsed<Stamp>>,
}

impl<C: Connection> Handle<C> {
    /// Who joined the family and waits for its parents, longest waiting first.
    pub async fn joining_parents(&mut self, family: FamilyId) -> Result<Vec<JoiningParent>> {
        let rows: Vec<JoiningRow> = sqlx::query_as(
            "SELECT p.id, p.display_name, inviter.display_name AS invited_by, fp.joined_at
                 FROM family_parents fp JOIN people p ON p.id = fp.person_id
                 LEFT JOIN people inviter ON inviter.id = fp.invited_by
                 WHERE fp.family_id = ? AND fp.confirmed = 0 ORDER BY fp.joined_at, p.id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        rows.into_iter()
            .map(|row| {
                let joined_at = row
                    .joined_at
                    .ok_or_else(|| StoreError::corrupt("joining parent time"))?;
                Ok(JoiningParent {
                    person: row.id.0,
                    display_name: row.display_name,
                    invited_by: row.invited_by,
                    joined_at: crate::clock::town_local(joined_at.0.0),
                })
            })
            .collect()
    }

    /// The families `person` waits to be confirmed in.
    pub async fn pending_joins(&mut self, person: PersonId) -> Result<Vec<PendingJoin>> {
        let rows: Vec<(Parsed<FamilyId>, String)> = sqlx::query_as(
            "SELECT f.id, f.display_name FROM family_parents fp JOIN families f ON f.id = fp.family_id
             WHERE fp.person_id = ? AND fp.confirmed = 0 ORDER BY f.id",
        )
        .bind(person.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(family, family_name)| PendingJoin {
                family: family.0,
                family_name,
            })
            .collect())
    }

    /// Confirms a waiting parent; returns whether one was waiting.
    pub async fn confirm_parent(&mut self, family: FamilyId, person: PersonId) -> Result<bool> {
        let confirmed = sqlx::query(
            "UPDATE family_parents SET confirmed = 1 WHERE family_id = ? AND person_id = ? AND confirmed = 0",
        )
        .bind(family.to_string())
        .bind(person.to_string())
        .execute(self.c())
        .await?;
        Ok(confirmed.rows_affected() > 0)
    }

    /// Takes a waiting parent out of the family; returns whether one was waiting.
    pub async fn remove_waiting_parent(
        &mut self,
        family: FamilyId,
        person: PersonId,
    ) -> Result<bool> {
        let removed = sqlx::query(
            "DELETE FROM family_parents WHERE family_id = ? AND person_id = ? AND confirmed = 0",
        )
        .bind(family.to_string())
        .bind(person.to_string())
        .execute(self.c())
        .await?;
        Ok(removed.rows_affected() > 0)
    }
}
