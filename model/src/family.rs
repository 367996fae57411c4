//! A family (one or more parents) and its children.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ChildStage;

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
}

impl Child {
    pub fn stage_on(&self, date: NaiveDate) -> Option<ChildStage> {
        ChildStage::on(self.birth_date, date)
    }
}
