//! People and their password logins (`people`, `password_logins`).

use chrono::{DateTime, Utc};
use tsunagu_model::{PersonId, Role, api, consent::MentorSummary};

use super::{Connection, Handle, Parsed, Result, stamp};

impl<C: Connection> Handle<C> {
    /// The person as they see themselves; an error if there is none.
    pub async fn me(&mut self, person: PersonId) -> Result<api::Me> {
        let (role, display_name): (Parsed<Role>, String) =
            sqlx::query_as("SELECT role, display_name FROM people WHERE id = ?")
                .bind(person.to_string())
                .fetch_one(self.c())
                .await?;
        Ok(api::Me {
            id: person,
            role: role.0,
            display_name,
        })
    }

    pub async fn role_of(&mut self, person: PersonId) -> Result<Option<Role>> {
        let role: Option<(String,)> = sqlx::query_as("SELECT role FROM people WHERE id = ?")
            .bind(person.to_string())
            .fetch_optional(self.c())
            .await?;
        // A role this server does not know is nobody's role here.
        Ok(role.and_then(|(r,)| r.parse().ok()))
    }

    /// Every parent mentor, by name.
    pub async fn mentors(&mut self) -> Result<Vec<MentorSummary>> {
        self.people_with_role(Role::Mentor).await
    }

    /// Everyone of `role`, by name.
    pub async fn people_with_role(&mut self, role: Role) -> Result<Vec<MentorSummary>> {
        let rows: Vec<(Parsed<PersonId>, String)> = sqlx::query_as(
            "SELECT id, display_name FROM people WHERE role = ? ORDER BY display_name, id",
        )
        .bind(role.as_str())
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, display_name)| MentorSummary {
                id: id.0,
                display_name,
            })
            .collect())
    }

    pub async fn add_person(
        &mut self,
        person: PersonId,
        role: Role,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO people (id, role, display_name, created_at) VALUES (?, ?, ?, ?)")
            .bind(person.to_string())
            .bind(role.as_str())
            .bind(display_name)
            .bind(stamp(now))
            .execute(self.c())
            .await?;
        Ok(())
    }

    /// Adds the person unless their id exists; returns whether they were added.
    pub async fn add_person_if_absent(
        &mut self,
        person: PersonId,
        role: Role,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO people (id, role, display_name, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(person.to_string())
        .bind(role.as_str())
        .bind(display_name)
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(inserted.rows_affected() > 0)
    }

    /// Who signs in with `login`, and their password hash.
    pub async fn password_login(&mut self, login: &str) -> Result<Option<(PersonId, String)>> {
        let row: Option<(Parsed<PersonId>, String)> =
            sqlx::query_as("SELECT person_id, password_hash FROM password_logins WHERE login = ?")
                .bind(login)
                .fetch_optional(self.c())
                .await?;
        Ok(row.map(|(person, hash)| (person.0, hash)))
    }

    pub async fn login_taken(&mut self, login: &str) -> Result<bool> {
        let taken: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM password_logins WHERE login = ?")
            .bind(login)
            .fetch_optional(self.c())
            .await?;
        Ok(taken.is_some())
    }

    pub async fn add_password_login(
        &mut self,
        person: PersonId,
        login: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO password_logins (person_id, login, password_hash, updated_at) VALUES (?, ?, ?, ?)",
        )
        .bind(person.to_string())
        .bind(login)
        .bind(password_hash)
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Adds the login unless the person or the name already has one.
    pub async fn add_password_login_if_absent(
        &mut self,
        person: PersonId,
        login: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO password_logins (person_id, login, password_hash, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(person.to_string())
        .bind(login)
        .bind(password_hash)
        .bind(stamp(now))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Everyone with an account, in id order: whom the directory reaches.
    pub async fn everyone(&mut self) -> Result<Vec<PersonId>> {
        let rows: Vec<(Parsed<PersonId>,)> = sqlx::query_as("SELECT id FROM people ORDER BY id")
            .fetch_all(self.c())
            .await?;
        Ok(rows.into_iter().map(|(p,)| p.0).collect())
    }

    /// The display names of `people`, by id.
    pub async fn names_of(
        &mut self,
        people: &[PersonId],
    ) -> Result<std::collections::BTreeMap<PersonId, String>> {
        let ids =
            serde_json::to_string(&people.iter().map(ToString::to_string).collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".to_owned());
        let rows: Vec<(Parsed<PersonId>, String)> = sqlx::query_as(
            "SELECT id, display_name FROM people WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(ids)
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(|(p, n)| (p.0, n)).collect())
    }
}
