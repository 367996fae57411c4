//! The JSON the server answers and the app reads.

use serde::{Deserialize, Serialize};

use crate::{Child, Family, PersonId, Role};

/// Who a family is and its children. Meetings and plans reach the family's
/// devices as synced records; coordinators read them with their revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyOverview {
    pub family: Family,
    pub children: Vec<Child>,
}

/// A coordinator registers a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewFamily {
    pub display_name: String,
}

/// A meeting or plan summary as a coordinator reads it, with the revision a save
/// must name (so two coordinators never overwrite each other unseen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revisioned<T> {
    pub doc: T,
    pub revision: String,
}

/// A coordinator's save of a whole meeting or plan summary: `revision` is the one
/// they started from (`None` for a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveDocument<T> {
    pub doc: T,
    #[serde(default)]
    pub revision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// Every 4xx/5xx answer of the API has this body: a stable code for programs and a
/// message for people. It never carries internals. `problem` says precisely why,
/// with its parameters, for programs; `message` is its explanation in the language
/// the request asked for, and `words` the same in every language the apps speak,
/// so a screen switched to the other language afterwards still reads the refusal
/// in its own (the apps show these words and need not know every problem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::problem::Problem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Words>,
}

/// One text in each of the apps' languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Words {
    pub ja: String,
    pub en: String,
}

impl Words {
    pub fn new(text: impl Fn(crate::Lang) -> String) -> Self {
        Self {
            ja: text(crate::Lang::Ja),
            en: text(crate::Lang::En),
        }
    }

    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Ja => &self.ja,
            crate::Lang::En => &self.en,
        }
    }
}

/// The signed-in person, as the app needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: PersonId,
    pub role: Role,
    pub display_name: String,
}

/// What an invitation link shows before the person sets up sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationView {
    pub display_name: String,
    pub role: Role,
    /// Town-local time, ISO 8601.
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub expires_at: chrono::NaiveDateTime,
}

/// Sign-in with the password fallback. Plain strings: a wrong shape is simply a
/// failed sign-in, told apart from nothing else.
#[derive(Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordSignIn {
    pub login: String,
    pub password: String,
}

impl std::fmt::Debug for PasswordSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordSignIn")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// A parent's invitation as the coordinator who made it sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationSummary {
    pub id: uuid::Uuid,
    pub display_name: String,
    pub state: InvitationState,
    /// Town-local time.
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub expires_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Used,
    Revoked,
    Expired,
}

/// A coordinator asks to invite a parent of the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteParent {
    pub display_name: String,
}

/// The one time the code is shown: the coordinator passes the link on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationLink {
    pub id: uuid::Uuid,
    /// Goes after `/invite#` in the link.
    pub code: String,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub expires_at: chrono::NaiveDateTime,
}

/// An item a parent brought to a meeting, as the team sees it: the parent's
/// chosen wording, never the private entry it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub id: uuid::Uuid,
    pub wording: String,
    pub position: i64,
    /// The parent's name as the family is addressed.
    pub brought_by: String,
    #[serde(default)]
    pub outcome: Option<crate::brought::ItemOutcome>,
    pub revision: String,
}

/// A parent who joined a family that already had parents, as the family's
/// parents see them until one confirms or turns them down. Until then the
/// newcomer receives none of the entries the parents share with each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoiningParent {
    pub person: crate::PersonId,
    pub display_name: String,
    /// Who made the invitation (`None`: the server's admin).
    pub invited_by: Option<String>,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub joined_at: chrono::NaiveDateTime,
}

/// A family the signed-in parent joined and waits to be confirmed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingJoin {
    pub family: crate::FamilyId,
    pub family_name: String,
}
