//! What a family lets a parent mentor see. Nothing without consent; each scope is
//! given and withdrawn by the family, and a withdrawal holds from the next request.

use serde::{Deserialize, Serialize};

use crate::{Family, Lang, MeetingKind, PersonId};

define_id!(ConsentId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// The mentor may see when the family's meetings are, and of what kind, not
    /// what they are about.
    MeetingDates,
}

named_enum!(ConsentScope, UnknownScope, "unknown consent scope", {
    MeetingDates => "meeting_dates",
});

impl ConsentScope {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::MeetingDates, Lang::Ja) => "会議の日程",
            (Self::MeetingDates, Lang::En) => "meeting dates",
        }
    }
}

/// A consent in force, as the family sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    pub id: ConsentId,
    pub mentor: PersonId,
    pub mentor_name: String,
    pub scope: ConsentScope,
    /// Town-local time.
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub granted_at: chrono::NaiveDateTime,
}

/// The family asks to let a mentor see a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantConsent {
    pub mentor: PersonId,
    pub scope: ConsentScope,
}

/// A mentor, as a family picks one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorSummary {
    pub id: PersonId,
    pub display_name: String,
}

/// A meeting as a mentor with `MeetingDates` consent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDate {
    pub kind: MeetingKind,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub starts_at: chrono::NaiveDateTime,
}

/// A family that consented to its mentor, with what it lets them see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mentee {
    pub family: Family,
    pub scopes: Vec<ConsentScope>,
    /// Present only with `MeetingDates` consent.
    pub meetings: Vec<MeetingDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip() {
        for scope in ConsentScope::ALL {
            assert_eq!(scope.as_str().parse(), Ok(scope));
        }
        assert_eq!("notebook".parse::<ConsentScope>(), Err(UnknownScope));
    }
}
