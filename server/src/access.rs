//! Who may see what, decided here and nowhere else. Handlers never check roles:
//! they take a `ReadableFamily`, an `OwnFamily` or a `ManagedFamily`, which exist
//! only when this policy allowed the request, or ask `families_visible_to` for the list.
//!
//! - a parent sees the families they belong to, nothing else; a parent who joined
//!   a family that already had parents is a newcomer until one of them confirms
//!   (`crate::joining`): meanwhile they see the family's meetings and plans but
//!   receive none of the entries its parents share with each other, and decide
//!   nothing for the family (consents, the access log, confirming others);
//! - a coordinator sees the town's families (every read is audited);
//! - a mentor sees a family only within the scopes it consented to, and only
//!   through `mentees_of` (never the family's full data);
//! - an admin works from the command line and reads no family through the API;
//! - a synced record is changed and received only by the people its type names:
//!   a notebook entry is changed by its author alone and read by the author and,
//!   only while the author shares it, the family's other parents (never staff
//!   or mentors); whoever stops being in a record's audience is told to forget it;
//! - an entry shared with one mentor reaches that mentor while the family's
//!   consent to them stands;
//! - a brought item (the wording a parent chose for the team) reaches the
//!   family's parents and, through the staff endpoints, coordinators, never with
//!   the private entry's words; meetings and plans are written by coordinators and
//!   reach the family's parents (plans once published).

use std::collections::HashMap;

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use sqlx::SqlitePool;
use tsunagu_model::{
    FamilyId, PersonId, Role,
    audit::Viewed,
    consent::ConsentScope,
    sync::{RecordType, Refusal},
};

use crate::{ApiError, AppState, Said, audit, auth::Actor};

/// A family the actor was allowed to read, for a route with `{family_id}`.
pub struct ReadableFamily {
    pub actor: Actor,
    pub family: FamilyId,
}

impl FromRequestParts<AppState> for ReadableFamily {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let actor = Actor::from_request_parts(parts, state).await?;
        let family = family_in_path(parts, state).await?;
        if !may_read(&state.db, &actor, family).await? {
            // The same answer as for a family that does not exist: no probing.
            return Err(ApiError::NotFound(Said::new(
                "その家族は見つかりません。",
                "There is no such family.",
            )));
        }
        if matches!(actor.role, Role::Coordinator | Role::Mentor) {
            let viewed = parts
                .extensions
                .get::<axum::extract::MatchedPath>()
                .and_then(|route| audit::viewed_through(route.as_str()));
            audit::record_read(&state.db, actor.person, family, viewed).await?;
        }
        Ok(Self { actor, family })
    }
}

/// Whether the reader sees a family's plan summary: parents see published plans
/// only (a draft is the coordinator's until published).
pub fn sees_plan(reader: &Actor, published: bool) -> bool {
    published || reader.role == Role::Coordinator
}

/// A family the actor belongs to as a parent: for what only the family itself may
/// see or decide (its access log, its consents).
pub struct OwnFamily {
    pub actor: Actor,
    pub family: FamilyId,
}

impl FromRequestParts<AppState> for OwnFamily {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (actor, family) = family_acted_on_by(Role::Parent, parts, state).await?;
        Ok(Self { actor, family })
    }
}

/// A family of the town, for a coordinator managing it (inviting its parents).
/// Not a read of the family's data, so not audited as one.
pub struct ManagedFamily {
    pub actor: Actor,
    pub family: FamilyId,
}

impl FromRequestParts<AppState> for ManagedFamily {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (actor, family) = family_acted_on_by(Role::Coordinator, parts, state).await?;
        Ok(Self { actor, family })
    }
}

/// The signed-in actor and the route's `{family_id}`, when the actor has `role` and
/// may read that family; otherwise the answer for a family that does not exist.
async fn family_acted_on_by(
    role: Role,
    parts: &mut Parts,
    state: &AppState,
) -> Result<(Actor, FamilyId), ApiError> {
    let actor = Actor::from_request_parts(parts, state).await?;
    let family = family_in_path(parts, state).await?;
    if actor.role != role || !may_read(&state.db, &actor, family).await? {
        return Err(ApiError::NotFound(Said::new(
            "その家族は見つかりません。",
            "There is no such family.",
        )));
    }
    // What only the family decides is for the parents it confirmed.
    if role == Role::Parent && !is_confirmed_parent(&state.db, actor.person, family).await? {
        return Err(ApiError::NotFound(Said::new(
            "そのような家族はありません。",
            "There is no such family.",
        )));
    }
    Ok((actor, family))
}

async fn family_in_path(parts: &mut Parts, state: &AppState) -> Result<FamilyId, ApiError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| {
            ApiError::BadRequest(Said::new(
                "アドレスが正しくありません。",
                "The address is not valid.",
            ))
        })?;
    params
        .get("family_id")
        .ok_or_else(|| ApiError::Internal("route without {family_id}".to_owned()))?
        .parse()
        .map_err(|_| {
            ApiError::BadRequest(Said::new(
                "家族の ID が正しくありません。",
                "The family id is not a valid id.",
            ))
        })
}

async fn is_confirmed_parent(
    db: &SqlitePool,
    person: PersonId,
    family: FamilyId,
) -> Result<bool, ApiError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM family_parents WHERE family_id = ? AND person_id = ? AND confirmed = 1",
    )
    .bind(family.to_string())
    .bind(person.to_string())
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

async fn may_read(db: &SqlitePool, actor: &Actor, family: FamilyId) -> Result<bool, ApiError> {
    let query = match actor.role {
        Role::Parent => "SELECT 1 FROM family_parents WHERE family_id = ? AND person_id = ?",
        Role::Coordinator => "SELECT 1 FROM families WHERE id = ? AND ? IS NOT NULL",
        Role::Mentor | Role::Admin => return Ok(false),
    };
    let row: Option<(i64,)> = sqlx::query_as(query)
        .bind(family.to_string())
        .bind(actor.person.to_string())
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

/// The families the actor may see, as (id, display name), in id order.
pub async fn families_visible_to(
    db: &SqlitePool,
    actor: &Actor,
) -> Result<Vec<(String, String)>, ApiError> {
    let query = match actor.role {
        Role::Parent => {
            "SELECT f.id, f.display_name FROM families f
             JOIN family_parents fp ON fp.family_id = f.id
             WHERE fp.person_id = ? ORDER BY f.id"
        }
        Role::Coordinator => {
            "SELECT id, display_name FROM families WHERE ? IS NOT NULL ORDER BY id"
        }
        Role::Mentor | Role::Admin => return Ok(Vec::new()),
    };
    Ok(sqlx::query_as(query)
        .bind(actor.person.to_string())
        .fetch_all(db)
        .await?)
}

/// Families are registered by coordinators.
pub fn may_register_families(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Coordinator => Ok(()),
        Role::Parent | Role::Mentor | Role::Admin => Err(ApiError::Forbidden(Said::new(
            "家族を登録できるのは地域コーディネーターだけです。",
            "Only coordinators register families.",
        ))),
    }
}

/// Families choose mentors from this list: parents and coordinators may see it.
pub fn may_list_mentors(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Parent | Role::Coordinator => Ok(()),
        Role::Mentor | Role::Admin => Err(ApiError::Forbidden(Said::new(
            "メンターを選べるのは、ご家族と地域コーディネーターだけです。",
            "Only families and coordinators choose mentors.",
        ))),
    }
}

/// The families that consent to this mentor, with the scopes in force, read anew
/// on every request so a withdrawal holds at once. Every family returned is a read
/// of that family's data, and audited as one.
pub async fn mentees_of(
    db: &SqlitePool,
    actor: &Actor,
) -> Result<Vec<(FamilyId, String, Vec<ConsentScope>)>, ApiError> {
    if actor.role != Role::Mentor {
        return Err(ApiError::Forbidden(Said::new(
            "支援している保護者の一覧は、ペアレントメンターだけのものです。",
            "Only parent mentors have mentees.",
        )));
    }
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT f.id, f.display_name, c.scope FROM consents c JOIN families f ON f.id = c.family_id
         WHERE c.mentor_id = ? AND c.revoked_at IS NULL ORDER BY f.id, c.scope",
    )
    .bind(actor.person.to_string())
    .fetch_all(db)
    .await?;
    let mut mentees: Vec<(FamilyId, String, Vec<ConsentScope>)> = Vec::new();
    for (family, name, scope) in rows {
        let corrupt = |what: &str| ApiError::CorruptData(format!("consent {what}"));
        let family: FamilyId = family.parse().map_err(|_| corrupt("family"))?;
        let scope: ConsentScope = scope.parse().map_err(|_| corrupt("scope"))?;
        match mentees.last_mut() {
            Some((last, _, scopes)) if *last == family => scopes.push(scope),
            _ => mentees.push((family, name, vec![scope])),
        }
    }
    for (family, _, _) in &mentees {
        audit::record_read(db, actor.person, *family, Some(Viewed::MeetingDates)).await?;
    }
    Ok(mentees)
}

/// Who may create a record of this type.
/// Meetings and plan summaries never come through a device's push: coordinators
/// save them whole through the staff endpoints, which check the whole document.
pub fn may_create_record(role: Role, record_type: RecordType) -> bool {
    match record_type {
        RecordType::NotebookEntry | RecordType::BroughtItem => role == Role::Parent,
        RecordType::Meeting | RecordType::PlanSummary => false,
    }
}

/// Who may change an existing record of this type, owned by `owner`.
pub fn may_change_record(person: PersonId, record_type: RecordType, owner: PersonId) -> bool {
    match record_type {
        RecordType::NotebookEntry | RecordType::BroughtItem => person == owner,
        RecordType::Meeting | RecordType::PlanSummary => false,
    }
}

/// The checks a device's change needs beyond field kinds and ownership, with the
/// family a new record belongs to. A notebook entry is shared only with a mentor
/// the author's family consents to. A brought item names a coming meeting of the
/// author's family and one of the author's own entries (checked at every change
/// of it, not only at creation: `own_entries_in_push` are the author's entries the
/// same push already made or changed); it changes (rewording, reordering,
/// withdrawal) only until its meeting starts, and only in the fields the parent
/// writes: what became of it is the coordinator's to record.
pub async fn check_device_change(
    db: &mut sqlx::SqliteConnection,
    person: PersonId,
    mutation: &tsunagu_model::sync::Mutation,
    existing: Option<&tsunagu_model::sync::Fields>,
    own_entries_in_push: &std::collections::BTreeSet<uuid::Uuid>,
) -> Result<Result<Option<FamilyId>, Refusal>, ApiError> {
    use tsunagu_model::sync::{FieldValue, SHARED_WITH_MENTOR};
    let changed = |name: &str| {
        mutation
            .changes
            .iter()
            .find(|c| c.field == name)
            .map(|c| &c.value)
    };
    match mutation.record.record_type {
        RecordType::NotebookEntry => {
            if let Some(FieldValue::Text(mentor)) = changed(SHARED_WITH_MENTOR)
                && !mentor_consented_by(db, person, mentor).await?
            {
                return Ok(Err(Refusal::NoConsent));
            }
            Ok(Ok(None))
        }
        RecordType::BroughtItem => {
            if mutation
                .changes
                .iter()
                .any(|c| !tsunagu_model::brought::PARENT_FIELDS.contains(&c.field.as_str()))
            {
                return Ok(Err(Refusal::NotAllowed));
            }
            let current = |name: &str| {
                existing
                    .and_then(|f| f.get(name))
                    .map(|f| f.current().value.clone())
            };
            let meeting = match (current("meeting"), changed("meeting")) {
                (Some(before), Some(after)) if &before != after => {
                    return Ok(Err(Refusal::NotAllowed));
                }
                (Some(before), _) => before,
                (None, Some(after)) => after.clone(),
                (None, None) => return Ok(Err(Refusal::NotAllowed)),
            };
            match changed("entry") {
                Some(FieldValue::Text(entry)) => {
                    let in_push = entry
                        .parse::<uuid::Uuid>()
                        .is_ok_and(|id| own_entries_in_push.contains(&id));
                    let own: Option<(i64,)> = if in_push {
                        Some((1,))
                    } else {
                        sqlx::query_as(
                            "SELECT 1 FROM sync_records WHERE record_type = 'notebook_entry' AND record_id = ? AND owner_id = ?",
                        )
                        .bind(entry)
                        .bind(person.to_string())
                        .fetch_optional(&mut *db)
                        .await?
                    };
                    if own.is_none() {
                        return Ok(Err(Refusal::NotAllowed));
                    }
                }
                // An item always names the entry it came from.
                Some(_) => return Ok(Err(Refusal::NotAllowed)),
                None if existing.is_none() => return Ok(Err(Refusal::NotAllowed)),
                None => {}
            }
            let Some(meeting) = meeting.as_text().and_then(|m| m.parse::<uuid::Uuid>().ok()) else {
                return Ok(Err(Refusal::NotAllowed));
            };
            let row: Option<(String, String)> = sqlx::query_as(
                "SELECT r.family_id, r.fields FROM sync_records r
                 JOIN family_parents fp ON fp.family_id = r.family_id AND fp.person_id = ?
                 WHERE r.record_type = 'meeting' AND r.record_id = ?",
            )
            .bind(person.to_string())
            .bind(meeting.to_string())
            .fetch_optional(&mut *db)
            .await?;
            let Some((family, fields)) = row else {
                return Ok(Err(Refusal::NotAllowed));
            };
            let fields: tsunagu_model::sync::Fields = serde_json::from_str(&fields)
                .map_err(|_| ApiError::CorruptData("meeting fields".to_owned()))?;
            let doc: tsunagu_model::Meeting =
                tsunagu_model::sync::document::from_fields(meeting, &fields)
                    .ok_or_else(|| ApiError::CorruptData("meeting".to_owned()))?;
            let now = crate::clock::town_local(chrono::Utc::now());
            if doc.items_fixed(now) {
                return Ok(Err(Refusal::MeetingStarted));
            }
            Ok(Ok(Some(family.parse().map_err(|_| {
                ApiError::CorruptData("meeting family".to_owned())
            })?)))
        }
        RecordType::Meeting | RecordType::PlanSummary => Ok(Err(Refusal::NotAllowed)),
    }
}

/// Whether one of `parent`'s families has a consent in force for `mentor`.
async fn mentor_consented_by(
    db: &mut sqlx::SqliteConnection,
    parent: PersonId,
    mentor: &str,
) -> Result<bool, ApiError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM consents c JOIN family_parents fp ON fp.family_id = c.family_id
         WHERE fp.person_id = ? AND c.mentor_id = ? AND c.revoked_at IS NULL",
    )
    .bind(parent.to_string())
    .bind(mentor)
    .fetch_optional(&mut *db)
    .await?;
    Ok(row.is_some())
}

/// Who receives a record of this type, owned by `owner`, of `family`, in its
/// state `fields`, when they pull. A notebook entry: its author, and the other
/// parents of the author's families while the author shares it with them. A
/// meeting: the family's parents. A plan summary: the family's parents once it is
/// published; a draft reaches no device.
pub async fn record_audience(
    db: &mut sqlx::SqliteConnection,
    record_type: RecordType,
    owner: PersonId,
    family: Option<FamilyId>,
    fields: &tsunagu_model::sync::Fields,
) -> Result<Vec<PersonId>, ApiError> {
    let parents_of = async |db: &mut sqlx::SqliteConnection, family: Option<FamilyId>| {
        let Some(family) = family else {
            return Err(ApiError::Internal(format!(
                "{record_type:?} without family"
            )));
        };
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT person_id FROM family_parents WHERE family_id = ? ORDER BY person_id",
        )
        .bind(family.to_string())
        .fetch_all(&mut *db)
        .await?;
        rows.into_iter()
            .map(|(id,)| {
                id.parse::<PersonId>()
                    .map_err(|_| ApiError::CorruptData("family parent".to_owned()))
            })
            .collect::<Result<Vec<_>, ApiError>>()
    };
    match record_type {
        RecordType::Meeting | RecordType::BroughtItem => parents_of(db, family).await,
        RecordType::PlanSummary => {
            if tsunagu_model::sync::document::flag(fields, "published") {
                parents_of(db, family).await
            } else {
                Ok(Vec::new())
            }
        }
        RecordType::NotebookEntry => {
            let mut audience = vec![owner];
            // In the trash: the author's alone, whatever it was shared with.
            if tsunagu_model::sync::is_trashed(fields) {
                return Ok(audience);
            }
            if tsunagu_model::sync::flag(fields, tsunagu_model::sync::SHARED_WITH_FAMILY) {
                // Only parents the family confirmed: a newcomer still waiting
                // (`crate::joining`) receives none of this.
                let others: Vec<(String,)> = sqlx::query_as(
                    "SELECT DISTINCT other.person_id FROM family_parents mine
                     JOIN family_parents other ON other.family_id = mine.family_id
                     WHERE mine.person_id = ? AND other.person_id <> mine.person_id
                       AND other.confirmed = 1",
                )
                .bind(owner.to_string())
                .fetch_all(&mut *db)
                .await?;
                for (id,) in others {
                    audience.push(
                        id.parse()
                            .map_err(|_| ApiError::CorruptData("family parent".to_owned()))?,
                    );
                }
            }
            // One mentor, chosen for this entry, while the family's consent stands.
            if let Some(mentor) = fields
                .get(tsunagu_model::sync::SHARED_WITH_MENTOR)
                .and_then(|f| f.current().value.as_text())
                && mentor_consented_by(db, owner, mentor).await?
            {
                audience.push(
                    mentor
                        .parse()
                        .map_err(|_| ApiError::CorruptData("shared mentor".to_owned()))?,
                );
            }
            Ok(audience)
        }
    }
}
