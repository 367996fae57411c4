//! The support directory (連絡先): the town's agencies by field, as
//! coordinators keep them and every signed-in person reads them, offline too.
//! Issue 16 builds on this: the agencies' record type, the desk's editing and
//! the 連絡先 tab are still to come.

use serde::{Deserialize, Serialize};

use crate::{Lang, search::Query};

/// The fields the town's system names for its agencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyField {
    Health,
    Childcare,
    Education,
    Welfare,
    Medical,
    Employment,
}

named_enum!(AgencyField, UnknownAgencyField, "unknown field of agency", {
    Health => "health",
    Childcare => "childcare",
    Education => "education",
    Welfare => "welfare",
    Medical => "medical",
    Employment => "employment",
});

impl AgencyField {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Health, Lang::Ja) => "保健",
            (Self::Childcare, Lang::Ja) => "保育",
            (Self::Education, Lang::Ja) => "教育",
            (Self::Welfare, Lang::Ja) => "福祉",
            (Self::Medical, Lang::Ja) => "医療",
            (Self::Employment, Lang::Ja) => "就労",
            (Self::Health, Lang::En) => "Health",
            (Self::Childcare, Lang::En) => "Childcare",
            (Self::Education, Lang::En) => "Education",
            (Self::Welfare, Lang::En) => "Welfare",
            (Self::Medical, Lang::En) => "Medical care",
            (Self::Employment, Lang::En) => "Employment",
        }
    }
}

/// One agency of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agency {
    pub id: uuid::Uuid,
    pub field: AgencyField,
    pub name: String,
    /// The name's reading in hiragana (よみがな), for search and sorting.
    pub reading: String,
    /// What they do, in a sentence or two.
    pub does: String,
    pub phone: String,
    pub hours: String,
    pub address: String,
    pub website: String,
    pub notes: String,
    /// No longer in the directory (kept so devices forget it).
    pub retired: bool,
}

impl Agency {
    /// The `tel:` address of its phone number: digits and a leading `+` only.
    pub fn tel(&self) -> Option<String> {
        let digits: String = self
            .phone
            .chars()
            .filter_map(|c| match c {
                '0'..='9' | '+' => Some(c),
                '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0),
                _ => None,
            })
            .collect();
        (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{digits}"))
    }
}

/// The agencies `query` finds by name, reading or what they do (retired ones
/// never), by field and then by reading.
pub fn find<'a>(agencies: &'a [Agency], query: &Query) -> Vec<&'a Agency> {
    let mut found: Vec<&Agency> = agencies
        .iter()
        .filter(|a| !a.retired)
        .filter(|a| query.finds([a.name.as_str(), a.reading.as_str(), a.does.as_str()]))
        .collect();
    found.sort_by(|a, b| {
        (a.field, crate::search::fold(&a.reading)).cmp(&(b.field, crate::search::fold(&b.reading)))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(n: u128, field: AgencyField, name: &str, reading: &str, does: &str) -> Agency {
        Agency {
            id: uuid::Uuid::from_u128(n),
            field,
            name: name.into(),
            reading: reading.into(),
            does: does.into(),
            phone: "０１２３-４５-６７８９".into(),
            hours: String::new(),
            address: String::new(),
            website: String::new(),
            notes: String::new(),
            retired: false,
        }
    }

    #[test]
    fn the_directory_finds_by_reading_in_either_kana_and_leaves_retired_ones_out() {
        let mut agencies = vec![
            agency(
                1,
                AgencyField::Welfare,
                "児童発達支援センター こばと",
                "じどうはったつしえんせんたー こばと",
                "発達の相談と療育",
            ),
            agency(
                2,
                AgencyField::Health,
                "町 保健センター",
                "まち ほけんせんたー",
                "乳幼児健診",
            ),
            agency(
                3,
                AgencyField::Welfare,
                "相談支援事業所 ひだまり",
                "そうだんしえんじぎょうしょ ひだまり",
                "計画相談",
            ),
        ];
        for typed in ["はったつ", "ハッタツ", "ﾊｯﾀﾂ"] {
            let found = find(&agencies, &Query::parse(typed));
            assert_eq!(found.len(), 1, "{typed}");
            assert_eq!(found[0].id, uuid::Uuid::from_u128(1));
        }
        // By field, then reading: 保健 before 福祉; こばと's じ before ひだまり's そ.
        let all: Vec<u128> = find(&agencies, &Query::default())
            .iter()
            .map(|a| a.id.as_u128())
            .collect();
        assert_eq!(all, [2, 1, 3]);
        agencies[0].retired = true;
        assert!(find(&agencies, &Query::parse("はったつ")).is_empty());
        assert_eq!(agencies[1].tel().as_deref(), Some("tel:0123456789"));
    }
}
