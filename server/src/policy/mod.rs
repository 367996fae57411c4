//! Who may see what, decided here and nowhere else. Handlers never check roles:
//! they take a `ReadableFamily`, an `OwnFamily` or a `ManagedFamily`, which exist
//! only when this policy allowed the request, or ask `families_visible_to` for the list.
//!
//! - a parent sees the families they belong to, nothing else; a parent who joined
//!   a family that already had parents is a newcomer until one of them confirms
//!   (`families::joining`): meanwhile they see the family's meetings and plans but
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

mod records;

use std::collections::HashMap;

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use tsunagu_model::{
    Family, FamilyId, Role, audit::Viewed, consent::ConsentScope, plan::PlanSummary,
};

use crate::{ApiError, AppState, identity::Actor, store::Store};
use tsunagu_model::problem::{IdOf, Problem, Thing};

pub use records::{check_device_change, may_change_record, may_create_record, record_audience};

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
        if !may_read(&state.store, &actor, family).await? {
            // The same answer as for a family that does not exist: no probing.
            return Err(ApiError::NotFound(Problem::NotFound {
                what: Thing::Family,
            }));
        }
        if matches!(actor.role, Role::Coordinator | Role::Mentor) {
            let viewed = parts
                .extensions
                .get::<axum::extract::MatchedPath>()
                .and_then(|route| viewed_through(route.as_str()));
            state
                .store
                .read()
                .await?
                .audit_read(actor.person, family, viewed)
                .await?;
        }
        Ok(Self { actor, family })
    }
}

/// The family's plan summaries the reader sees: a coordinator all of them, a
/// parent the model's `plan::visible_to_family` (a draft is the coordinator's
/// until published).
pub fn plans_seen_by<'p>(reader: &Actor, plans: &'p [PlanSummary]) -> Vec<&'p PlanSummary> {
    if reader.role == Role::Coordinator {
        plans.iter().collect()
    } else {
        tsunagu_model::plan::visible_to_family(plans)
    }
}

/// What a read through one of the API's family routes is of, by the route's
/// template (`MatchedPath`), so the route table alone decides it.
pub fn viewed_through(route: &str) -> Option<Viewed> {
    let tail = route.rsplit_once("/families/{family_id}")?.1;
    match tail {
        "" => Some(Viewed::Family),
        "/meetings" => Some(Viewed::Meetings),
        "/plans" => Some(Viewed::Plans),
        "/meetings/{record_id}/items" => Some(Viewed::MeetingItems),
        _ => None,
    }
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
    if actor.role != role || !may_read(&state.store, &actor, family).await? {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Family,
        }));
    }
    // What only the family decides is for the parents it confirmed.
    if role == Role::Parent
        && !state
            .store
            .read()
            .await?
            .is_confirmed_parent_of(actor.person, family)
            .await?
    {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Family,
        }));
    }
    Ok((actor, family))
}

async fn family_in_path(parts: &mut Parts, state: &AppState) -> Result<FamilyId, ApiError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError::BadRequest(Problem::BadAddress))?;
    params
        .get("family_id")
        .ok_or_else(|| ApiError::Internal("route without {family_id}".to_owned()))?
        .parse()
        .map_err(|_| ApiError::BadRequest(Problem::InvalidId { what: IdOf::Family }))
}

async fn may_read(store: &Store, actor: &Actor, family: FamilyId) -> Result<bool, ApiError> {
    let mut db = store.read().await?;
    Ok(match actor.role {
        Role::Parent => db.is_parent_of(actor.person, family).await?,
        Role::Coordinator => db.family_exists(family).await?,
        Role::Mentor | Role::Admin => false,
    })
}

/// The families the actor may see, in id order.
pub async fn families_visible_to(store: &Store, actor: &Actor) -> Result<Vec<Family>, ApiError> {
    let mut db = store.read().await?;
    Ok(match actor.role {
        Role::Parent => db.families_of_parent(actor.person).await?,
        Role::Coordinator => db.families().await?,
        Role::Mentor | Role::Admin => Vec::new(),
    })
}

/// Families are registered by coordinators.
pub fn may_register_families(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Coordinator => Ok(()),
        Role::Parent | Role::Mentor | Role::Admin => Err(ApiError::Forbidden(
            Problem::OnlyCoordinatorsRegisterFamilies,
        )),
    }
}

/// Meeting reminders are for the people who go to meetings: parents, and
/// mentors for the families that share their dates with them.
pub fn may_be_reminded(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Parent | Role::Mentor => Ok(()),
        Role::Coordinator | Role::Admin => Err(ApiError::Forbidden(Problem::NoReminders)),
    }
}

/// Families choose mentors from this list: parents and coordinators may see it.
pub fn may_list_mentors(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Parent | Role::Coordinator => Ok(()),
        Role::Mentor | Role::Admin => Err(ApiError::Forbidden(Problem::OnlyFamiliesChooseMentors)),
    }
}

/// The families that consent to this mentor, with the scopes in force, read anew
/// on every request so a withdrawal holds at once. Every family returned is a read
/// of that family's data, and audited as one.
pub async fn mentees_of(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<(FamilyId, String, Vec<ConsentScope>)>, ApiError> {
    if actor.role != Role::Mentor {
        return Err(ApiError::Forbidden(Problem::OnlyMentorsHaveMentees));
    }
    let mut db = store.read().await?;
    let mentees = db.consenting_families(actor.person).await?;
    for (family, _, scopes) in &mentees {
        // The log names what each scope let the mentor see.
        for scope in scopes {
            db.audit_read(actor.person, *family, Some(Viewed::from(*scope)))
                .await?;
        }
    }
    Ok(mentees)
}

/// What only coordinators do: the directory, proposing mentors, the programme's counts.
pub fn may_coordinate(actor: &Actor) -> Result<(), ApiError> {
    match actor.role {
        Role::Coordinator => Ok(()),
        Role::Parent | Role::Mentor | Role::Admin => {
            Err(ApiError::Forbidden(Problem::OnlyCoordinators))
        }
    }
}
