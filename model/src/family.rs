//! A family (one or more parents) and its children.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    ChildStage,
    text::{Name, ShortText},
};

define_id!(
    /// A family: the unit the town supports and the unit of access.
    FamilyId
);
define_id!(ChildId);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: FamilyId,
    /// How the family is addressed in the app, e.g. "森川さん".
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub id: ChildId,
    pub family_id: FamilyId,
    /// The name the family uses for the child (given name only: the family name is the family's).
    pub given_name: String,
    #[serde(with = "crate::iso::date")]
    pub birth_date: NaiveDate,
    /// The nursery or school the child attends now, as the family names it.
    #[serde(default)]
    pub school: String,
}

/// Why a child cannot be registered as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChildProblem {
    #[error("the child's name is needed (at most 100 characters, visible, one line)")]
    Name,
    #[error("the birth date cannot be in the future")]
    BornLater,
    #[error("the school's name is at most 100 characters")]
    School,
}

impl Child {
    /// The rules for registering a child, given today.
    /// The names by the rules of `crate::text` (the server stores them parsed).
    pub fn check(&self, today: NaiveDate) -> Result<(), ChildProblem> {
        if Name::parse(&self.given_name).is_err() {
            return Err(ChildProblem::Name);
        }
        if self.birth_date > today {
            return Err(ChildProblem::BornLater);
        }
        if ShortText::parse(&self.school).is_err() {
            return Err(ChildProblem::School);
        }
        Ok(())
    }
}

impl Child {
    pub fn stage_on(&self, date: NaiveDate) -> Option<ChildStage> {
        ChildStage::on(self.birth_date, date)
    }
}
