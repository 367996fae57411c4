//! Families, their children and their parents (`families`, `children`,
//! `family_parents`).

use chrono::{DateTime, Utc};
use tsunagu_model::{Child, ChildId, Family, FamilyId, PersonId, iso};

use super::{Connection, Day, Handle, Parsed, Result, stamp};

#[derive(sqlx::FromRow)]
struct FamilyRow {
    id: Parsed<FamilyId>,
    display_name: String,
}

impl From<FamilyRow> for Family {
    fn from(row: FamilyRow) -> Self {
        Self {
            id: row.id.0,
            display_name: row.display_name,
        }
    }
}

impl<C: Connection> Handle<C> {
    pub async fn family_exists(&mut self, family: FamilyId) -> Result<bool> {
        let exists: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM families WHERE id = ?")
            .bind(family.to_string())
            .fetch_optional(self.c())
            .await?;
        Ok(exists.is_some())
    }

    pub async fn family(&mut self, family: FamilyId) -> Result<Option<Family>> {
        let row: Option<FamilyRow> =
            sqlx::query_as("SELECT id, display_name FROM families WHERE id = ?")
                .bind(family.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(Family::from))
    }

    /// Every family of the town, in id order.
    pub async fn families(&mut self) -> Result<Vec<Family>> {
        let rows: Vec<FamilyRow> =
            sqlx::query_as("SELECT id, display_name FROM families ORDER BY id")
                .fetch_all(self.c())
                .await?;
        Ok(rows.into_iter().map(Family::from).collect())
    }

    /// The families `parent` belongs to (confirmed or not), in id order.
    pub async fn families_of_parent(&mut self, parent: PersonId) -> Result<Vec<Family>> {
        let rows: Vec<FamilyRow> = sqlx::query_as(
            "SELECT f.id, f.display_name FROM families f
             JOIN family_parents fp ON fp.family_id = f.id
             WHERE fp.person_id = ? ORDER BY f.id",
        )
        .bind(parent.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(Family::from).collect())
    }

    pub async fn add_family(&mut self, family: &Family) -> Result<()> {
        sqlx::query("INSERT INTO families (id, display_name) VALUES (?, ?)")
            .bind(family.id.to_string())
            .bind(&family.display_name)
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Adds the family unless one with its id exists (the demo's fixed ids).
    pub async fn add_family_if_absent(&mut self, family: &Family) -> Result<()> {
        sqlx::query(
            "INSERT INTO families (id, display_name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(family.id.to_string())
        .bind(&family.display_name)
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Adds the child unless its id is taken; returns whether it was added.
    pub async fn add_child_if_absent(&mut self, child: &Child) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO children (id, family_id, given_name, birth_date, school) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(child.id.to_string())
        .bind(child.family_id.to_string())
        .bind(&child.given_name)
        .bind(iso::format_date(child.birth_date))
        .bind(&child.school)
        .execute(self.c())
        .await?;
        Ok(inserted.rows_affected() > 0)
    }

    /// Whether exactly this child is registered.
    pub async fn has_child(&mut self, child: &Child) -> Result<bool> {
        let same: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM children WHERE id = ? AND family_id = ? AND given_name = ? AND birth_date = ? AND school = ?",
        )
        .bind(child.id.to_string())
        .bind(child.family_id.to_string())
        .bind(&child.given_name)
        .bind(iso::format_date(child.birth_date))
        .bind(&child.school)
        .fetch_optional(self.c())
        .await?;
        Ok(same.is_some())
    }

    /// The family's children, eldest first.
    pub async fn children(&mut self, family: FamilyId) -> Result<Vec<Child>> {
        let rows: Vec<(Parsed<ChildId>, String, Parsed<Day>, String)> = sqlx::query_as(
            "SELECT id, given_name, birth_date, school FROM children WHERE family_id = ?
             ORDER BY birth_date, id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, given_name, birth_date, school)| Child {
                id: id.0,
                family_id: family,
                given_name,
                birth_date: birth_date.0.0,
                school,
            })
            .collect())
    }

    pub async fn child_ids(&mut self, family: FamilyId) -> Result<Vec<ChildId>> {
        let rows: Vec<(Parsed<ChildId>,)> =
            sqlx::query_as("SELECT id FROM children WHERE family_id = ?")
                .bind(family.to_string())
                .fetch_all(self.c())
                .await?;
        Ok(rows.into_iter().map(|(id,)| id.0).collect())
    }

    /// Whether `person` belongs to the family, confirmed or still joining.
    pub async fn is_parent_of(&mut self, person: PersonId, family: FamilyId) -> Result<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM family_parents WHERE family_id = ? AND person_id = ?")
                .bind(family.to_string())
                .bind(person.to_string())
                .fetch_optional(self.c())
                .await?;
        Ok(row.is_some())
    }

    /// Whether `person` is a parent the family confirmed.
    pub async fn is_confirmed_parent_of(
        &mut self,
        person: PersonId,
        family: FamilyId,
    ) -> Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM family_parents WHERE family_id = ? AND person_id = ? AND confirmed = 1",
        )
        .bind(family.to_string())
        .bind(person.to_string())
        .fetch_optional(self.c())
        .await?;
        Ok(row.is_some())
    }

    /// Every parent of the family, confirmed or not, in id order.
    pub async fn parents_of(&mut self, family: FamilyId) -> Result<Vec<PersonId>> {
        let rows: Vec<(Parsed<PersonId>,)> = sqlx::query_as(
            "SELECT person_id FROM family_parents WHERE family_id = ? ORDER BY person_id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|(p,)| p.0).collect())
    }

    /// The confirmed parents of `parent`'s families, `parent` left out.
    pub async fn confirmed_fellow_parents(&mut self, parent: PersonId) -> Result<Vec<PersonId>> {
        let rows: Vec<(Parsed<PersonId>,)> = sqlx::query_as(
            "SELECT DISTINCT other.person_id FROM family_parents mine
             JOIN family_parents other ON other.family_id = mine.family_id
             WHERE mine.person_id = ? AND other.person_id <> mine.person_id
               AND other.confirmed = 1",
        )
        .bind(parent.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|(p,)| p.0).collect())
    }

    pub async fn confirmed_parent_count(&mut self, family: FamilyId) -> Result<i64> {
        let (parents,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM family_parents WHERE family_id = ? AND confirmed = 1",
        )
        .bind(family.to_string())
        .fetch_one(self.c())
        .await?;
        Ok(parents)
    }

    /// `person` joins the family, confirmed or waiting for its parents.
    pub async fn add_parent(
        &mut self,
        family: FamilyId,
        person: PersonId,
        confirmed: bool,
        invited_by: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO family_parents (family_id, person_id, confirmed, invited_by, joined_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(family.to_string())
        .bind(person.to_string())
        .bind(confirmed)
        .bind(invited_by.map(|p| p.to_string()))
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// A parent as the demo has them: confirmed, invited by nobody, joined at no time.
    pub async fn add_demo_parent(&mut self, family: FamilyId, person: PersonId) -> Result<()> {
        sqlx::query("INSERT INTO family_parents (family_id, person_id) VALUES (?, ?)")
            .bind(family.to_string())
            .bind(person.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }
}
