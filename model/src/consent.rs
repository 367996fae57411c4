//! What a family lets a parent mentor see. Nothing without consent; each scope is
//! given and withdrawn by the family, and a withdrawal holds from the next request.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::{Family, Lang, MeetingKind, PersonId};

define_id!(ConsentId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// The mentor may see when the family's meetings are, and of what kind, not
    /// what they are about.
    MeetingDates,
}

impl ConsentScope {
    pub const ALL: [Self; 1] = [Self::MeetingDates];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MeetingDates => "meeting_dates",
        }
    }

    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::MeetingDates, Lang::Ja) => "会議の日程",
            (Self::MeetingDates, Lang::En) => "meeting dates",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown consent scope")]
pub struct UnknownScope;

impl FromStr for ConsentScope {
    type Err = UnknownScope;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or(UnknownScope)
    }
}

/// A consent in force, as the family sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub id: ConsentId,
    pub mentor: PersonId,
    pub mentor_name: String,
    pub scope: ConsentScope,
    /// Town-local time.
    #[serde(with = "crate::iso::date_time")]
    pub granted_at: chrono::NaiveDateTime,
}

/// The family asks to let a mentor see a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantConsent {
    pub mentor: PersonId,
    pub scope: ConsentScope,
}

/// A mentor, as a family picks one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorSummary {
    pub id: PersonId,
    pub display_name: String,
}

/// A meeting as a mentor with `MeetingDates` consent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDate {
    pub kind: MeetingKind,
    #[serde(with = "crate::iso::date_time")]
    pub starts_at: chrono::NaiveDateTime,
}

/// A family that consented to its mentor, with what it lets them see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
