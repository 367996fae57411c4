//! A family (one or more parents) and its children.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    ChildStage, Lang,
    text::{Name, ShortText},
};

define_id!(
    /// A family: the unit the town supports and the unit of access.
    FamilyId
);
define_id!(ChildId);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Family {
    pub id: FamilyId,
    /// How the family is addressed in the app, e.g. "森川さん".
    pub display_name: String,
}

impl Family {
    /// The family's name as a heading: as written in Japanese ("森川さん"); in
    /// English without the Japanese honorific, as "The 森川 family".
    pub fn heading(&self, lang: Lang) -> String {
        let name = self.display_name.trim();
        match lang {
            Lang::Ja => name.to_owned(),
            Lang::En => {
                let bare = ["さま", "様", "さん", "家"]
                    .iter()
                    .find_map(|honorific| name.strip_suffix(honorific))
                    .map_or(name, str::trim_end);
                if bare.is_empty() {
                    name.to_owned()
                } else {
                    format!("The {bare} family")
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Child {
    pub id: ChildId,
    pub family_id: FamilyId,
    /// The name the family uses for the child (given name only: the family name is the family's).
    pub given_name: String,
    #[serde(with = "crate::iso::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10"))]
    pub birth_date: NaiveDate,
    /// The nursery or school the child attends now, as the family names it.
    #[serde(default)]
    pub school: String,
}

/// Why a child cannot be registered as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChildProblem {
    #[error("the child's name is needed (at most 100 characters, visible, one line)")]
    Name,
    #[error("the birth date cannot be in the future")]
    BornLater,
    #[error("the school's name is at most 100 characters")]
    School,
}

impl ChildProblem {
    pub const fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Name, Lang::Ja) => "お子さんの呼び名を入れてください(100文字まで)。",
            (Self::Name, Lang::En) => "Please give the child's name (up to 100 characters).",
            (Self::BornLater, Lang::Ja) => "生年月日が未来になっています。",
            (Self::BornLater, Lang::En) => "The birth date is in the future.",
            (Self::School, Lang::Ja) => "園・学校の名前は100文字までです。",
            (Self::School, Lang::En) => "The school's name is at most 100 characters.",
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn family(name: &str) -> Family {
        Family {
            id: FamilyId::from_u128(1),
            display_name: name.to_owned(),
        }
    }

    #[test]
    fn an_english_heading_drops_the_honorific_and_says_family() {
        assert_eq!(family("森川さん").heading(Lang::Ja), "森川さん");
        assert_eq!(family("森川さん").heading(Lang::En), "The 森川 family");
        assert_eq!(family("高台 様").heading(Lang::En), "The 高台 family");
        assert_eq!(family("さん").heading(Lang::En), "さん");
        assert_eq!(family("Smith").heading(Lang::En), "The Smith family");
    }
}
