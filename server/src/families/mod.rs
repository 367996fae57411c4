//! Families: registering them and their children, what their screens read (the
//! family, its children, its access log), inviting their parents
//! (`invitations`) and parents joining (`joining`).
//!
//! Who may read which family is decided in `policy`, never here.

pub mod invitations;
pub mod joining;

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use axum::{
    Json,
    extract::{Query, State, rejection::QueryRejection},
    http::StatusCode,
};
use tsunagu_model::problem::{Problem, TextField, Thing};
use tsunagu_model::{
    Child, Family, FamilyId,
    api::{FamilyOverview, NewFamily},
    audit::{ACCESS_LOG_PAGE, AccessLogPage},
    text::{Name, ShortText},
};

use crate::{
    ApiError, AppState, clock,
    error::ApiJson,
    identity::Actor,
    policy::{self, ManagedFamily, OwnFamily, ReadableFamily},
    secret,
    store::Store,
};

pub fn routes(api: Api) -> Api {
    api.at::<e::ListFamilies, _, _>(list_families)
        .at::<e::RegisterFamily, _, _>(register_family)
        .at::<e::RegisterChild, _, _>(register_child)
        .at::<e::GetFamily, _, _>(family_overview)
        .at::<e::ReadAccessLog, _, _>(access_log)
        .with(invitations::routes)
        .with(joining::routes)
}

async fn list_families(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<Family>>, ApiError> {
    Ok(Json(
        policy::families_visible_to(&state.store, &actor).await?,
    ))
}

async fn family_overview(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<FamilyOverview>, ApiError> {
    let overview = overview_of(&state.store, readable.family)
        .await?
        .ok_or(ApiError::NotFound(Problem::NotFound {
            what: Thing::Family,
        }))?;
    Ok(Json(overview))
}

/// Who looked at the family's data: for the family's own parents only.
/// A page at a time, newest first; `?before=` the previous page's `older`.
async fn access_log(
    State(state): State<AppState>,
    own: OwnFamily,
    query: Result<Query<LogQuery>, QueryRejection>,
) -> Result<Json<AccessLogPage>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::BadRequest(Problem::BadPage))?;
    let mut rows = state
        .store
        .read()
        .await?
        // One row more than a page tells whether an older page exists.
        .access_log(own.family, query.before, ACCESS_LOG_PAGE + 1)
        .await?;
    let more = rows.len() > ACCESS_LOG_PAGE;
    rows.truncate(ACCESS_LOG_PAGE);
    let older = more.then(|| rows.last().map(|(id, _)| *id)).flatten();
    Ok(Json(AccessLogPage {
        entries: rows.into_iter().map(|(_, entry)| entry).collect(),
        older,
    }))
}

#[derive(Debug, serde::Deserialize)]
struct LogQuery {
    #[serde(default)]
    before: Option<i64>,
}

/// A coordinator registers a family; its parents are then invited.
async fn register_family(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(new): ApiJson<NewFamily>,
) -> Result<(StatusCode, Json<Family>), ApiError> {
    policy::may_register_families(&actor)?;
    let display_name = Name::parse(&new.display_name).map_err(|e| {
        ApiError::BadRequest(Problem::InvalidText {
            field: TextField::FamilyName,
            why: e,
        })
    })?;
    let family = Family {
        id: FamilyId(secret::new_uuid()?),
        display_name: display_name.into_string(),
    };
    state.store.read().await?.add_family(&family).await?;
    Ok((StatusCode::CREATED, Json(family)))
}

/// A coordinator registers a child of the family. The id comes from the
/// coordinator's screen, so a retried request registers the child once.
async fn register_child(
    State(state): State<AppState>,
    managed: ManagedFamily,
    ApiJson(mut child): ApiJson<Child>,
) -> Result<(StatusCode, Json<Child>), ApiError> {
    if child.family_id != managed.family {
        return Err(ApiError::BadRequest(Problem::ChildFamilyMismatch));
    }
    child.given_name = Name::parse(&child.given_name)
        .map_err(|e| {
            ApiError::BadRequest(Problem::InvalidText {
                field: TextField::ChildName,
                why: e,
            })
        })?
        .into_string();
    child.school = ShortText::parse(&child.school)
        .map_err(|e| {
            ApiError::BadRequest(Problem::InvalidText {
                field: TextField::School,
                why: e,
            })
        })?
        .into_string();
    child
        .check(clock::town_today())
        .map_err(|problem| ApiError::BadRequest(Problem::Child { problem }))?;
    let mut db = state.store.read().await?;
    if !db.add_child_if_absent(&child).await? && !db.has_child(&child).await? {
        return Err(ApiError::Conflict(Problem::ChildIdTaken));
    }
    Ok((StatusCode::CREATED, Json(child)))
}

/// Everything about one family in a single read transaction, so the lists agree.
pub(crate) async fn overview_of(
    store: &Store,
    family: FamilyId,
) -> Result<Option<FamilyOverview>, ApiError> {
    let mut tx = store.begin().await?;
    let Some(found) = tx.family(family).await? else {
        return Ok(None);
    };
    let children = tx.children(family).await?;
    tx.commit().await?;
    Ok(Some(FamilyOverview {
        family: found,
        children,
    }))
}
