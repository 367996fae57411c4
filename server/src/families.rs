//! A family's data as its screens read it: the family, its children, its meetings.
//!
//! Who may read which family is decided in `access`, never here.

use axum::{
    Json, Router,
    extract::{Query, State, rejection::QueryRejection},
    http::StatusCode,
    routing::{get, post},
};
use sqlx::SqlitePool;
use tsunagu_model::{
    Child, Family, FamilyId,
    api::{FamilyOverview, NewFamily},
    audit::AccessLogPage,
    iso,
    text::{Name, ShortText},
};

use crate::{
    ApiError, AppState, Said,
    access::{self, ManagedFamily, OwnFamily, ReadableFamily},
    audit,
    auth::{Actor, secret},
    error::ApiJson,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/families", get(list_families).post(register_family))
        .route("/families/{family_id}/children", post(register_child))
        .route("/families/{family_id}", get(family_overview))
        .route("/families/{family_id}/access-log", get(access_log))
}

async fn list_families(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<Family>>, ApiError> {
    let rows = access::families_visible_to(&state.db, &actor).await?;
    let families = rows
        .into_iter()
        .map(|(id, display_name)| {
            Ok(Family {
                id: parse_stored(&id, "family id")?,
                display_name,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(families))
}

async fn family_overview(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<FamilyOverview>, ApiError> {
    let overview = load_overview(&state.db, readable.family)
        .await?
        .ok_or(ApiError::NotFound(Said::new(
            "その家族は見つかりません。",
            "There is no such family.",
        )))?;
    Ok(Json(overview))
}

/// Who looked at the family's data: for the family's own parents only.
/// A page at a time, newest first; `?before=` the previous page's `older`.
async fn access_log(
    State(state): State<AppState>,
    own: OwnFamily,
    query: Result<Query<LogQuery>, QueryRejection>,
) -> Result<Json<AccessLogPage>, ApiError> {
    let Query(query) = query.map_err(|_| {
        ApiError::BadRequest(Said::new(
            "記録の続きの指定(before)が正しくありません。",
            "The page asked for (before) is not a whole number.",
        ))
    })?;
    Ok(Json(
        audit::for_family(&state.db, own.family, query.before).await?,
    ))
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
    access::may_register_families(&actor)?;
    let display_name = Name::parse(&new.display_name).map_err(|e| {
        crate::error::refused_text("家族の呼び名", "The family's name (display_name)", &e)
    })?;
    let family = Family {
        id: FamilyId(secret::new_uuid()?),
        display_name: display_name.into_string(),
    };
    sqlx::query("INSERT INTO families (id, display_name) VALUES (?, ?)")
        .bind(family.id.to_string())
        .bind(&family.display_name)
        .execute(&state.db)
        .await?;
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
        return Err(ApiError::BadRequest(Said::new(
            "お子さんの家族がアドレスの家族と一致しません。",
            "The child's family does not match its address.",
        )));
    }
    child.given_name = Name::parse(&child.given_name)
        .map_err(|e| {
            crate::error::refused_text("お子さんの名前", "The child's name (given_name)", &e)
        })?
        .into_string();
    child.school = ShortText::parse(&child.school)
        .map_err(|e| {
            crate::error::refused_text("園・学校の名前", "The school's name (school)", &e)
        })?
        .into_string();
    child
        .check(crate::cli::town_today())
        .map_err(|p| ApiError::BadRequest(Said::explained(|lang| p.explain(lang))))?;
    let inserted = sqlx::query(
        "INSERT INTO children (id, family_id, given_name, birth_date, school) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(child.id.to_string())
    .bind(child.family_id.to_string())
    .bind(&child.given_name)
    .bind(iso::format_date(child.birth_date))
    .bind(&child.school)
    .execute(&state.db)
    .await?;
    if inserted.rows_affected() == 0 {
        let same: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM children WHERE id = ? AND family_id = ? AND given_name = ? AND birth_date = ? AND school = ?",
        )
        .bind(child.id.to_string())
        .bind(child.family_id.to_string())
        .bind(&child.given_name)
        .bind(iso::format_date(child.birth_date))
        .bind(&child.school)
        .fetch_optional(&state.db)
        .await?;
        if same.is_none() {
            return Err(ApiError::Conflict(Said::new(
                "この ID はすでに別のお子さんに使われています。",
                "A different child already has this id.",
            )));
        }
    }
    Ok((StatusCode::CREATED, Json(child)))
}

/// Everything about one family in a single read transaction, so the lists agree.
pub async fn load_overview(
    db: &SqlitePool,
    family_id: FamilyId,
) -> Result<Option<FamilyOverview>, ApiError> {
    let mut tx = db.begin().await?;
    let id = family_id.to_string();

    let Some((display_name,)): Option<(String,)> =
        sqlx::query_as("SELECT display_name FROM families WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(None);
    };

    let children: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, given_name, birth_date, school FROM children WHERE family_id = ? ORDER BY birth_date, id",
    )
    .bind(&id)
    .fetch_all(&mut *tx)
    .await?;
    let children = children
        .into_iter()
        .map(|(child_id, given_name, birth_date, school)| {
            Ok(Child {
                id: parse_stored(&child_id, "child id")?,
                family_id,
                given_name,
                birth_date: iso::parse_date(&birth_date).ok_or_else(|| corrupt("birth date"))?,
                school,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    tx.commit().await?;
    Ok(Some(FamilyOverview {
        family: Family {
            id: family_id,
            display_name,
        },
        children,
    }))
}

/// Reads a stored value back into its domain type; a failure means the database
/// holds what the domain forbids, an internal error.
fn parse_stored<T: std::str::FromStr>(value: &str, what: &'static str) -> Result<T, ApiError> {
    value.parse().map_err(|_| corrupt(what))
}

fn corrupt(what: &'static str) -> ApiError {
    ApiError::CorruptData(what.to_owned())
}
