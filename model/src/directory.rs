//! The support directory (連絡先): the town's agencies by field, as
//! coordinators keep them (the staff desk) and every signed-in person reads
//! them, offline too: each agency is a synced record (`RecordType::Agency`).

use serde::{Deserialize, Serialize};

use crate::{
    Lang, PersonId,
    records::{TypedRecord, text},
    search::Query,
    sync::{FieldValue, Fields, RecordType},
};

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

/// What is wrong with an agency as a coordinator typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyProblem {
    NameMissing,
    /// The reading is hiragana (katakana, spaces and ー allowed), for search.
    ReadingNotKana,
    /// A line too long, or with characters that do not belong in it.
    TextNotAllowed,
    /// A phone number needs its digits.
    PhoneInvalid,
    /// A web site is an `https://` or `http://` address.
    WebsiteInvalid,
}

impl AgencyProblem {
    pub const fn explain(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::NameMissing, Lang::Ja) => "名前を入れてください。",
            (Self::ReadingNotKana, Lang::Ja) => {
                "よみがなは、ひらがな(またはカタカナ)で入れてください。"
            }
            (Self::TextNotAllowed, Lang::Ja) => {
                "長すぎるか、使えない文字が入っている項目があります。"
            }
            (Self::PhoneInvalid, Lang::Ja) => "電話番号は数字で入れてください(例: 0123-45-6789)。",
            (Self::WebsiteInvalid, Lang::Ja) => {
                "ウェブサイトは https:// で始まるアドレスにしてください。"
            }
            (Self::NameMissing, Lang::En) => "Please enter a name.",
            (Self::ReadingNotKana, Lang::En) => "Please write the reading in hiragana or katakana.",
            (Self::TextNotAllowed, Lang::En) => {
                "A field is too long or holds characters it cannot."
            }
            (Self::PhoneInvalid, Lang::En) => {
                "Please write the phone number in digits (such as 0123-45-6789)."
            }
            (Self::WebsiteInvalid, Lang::En) => {
                "The web site must be an address starting with https://."
            }
        }
    }
}

/// The longest one-line field of an agency (name, reading, phone, hours, address, site).
pub const AGENCY_LINE_MAX_CHARS: usize = 200;
/// The longest of what they do and the notes.
pub const AGENCY_TEXT_MAX_CHARS: usize = 1000;

impl Agency {
    /// The agency as it is kept: every field trimmed.
    pub fn tidy(mut self) -> Self {
        for field in [
            &mut self.name,
            &mut self.reading,
            &mut self.does,
            &mut self.phone,
            &mut self.hours,
            &mut self.address,
            &mut self.website,
            &mut self.notes,
        ] {
            *field = field.trim().to_owned();
        }
        self
    }

    /// Whether the agency may be kept as it is (after `tidy`).
    pub fn check(&self) -> Result<(), AgencyProblem> {
        if self.name.is_empty() {
            return Err(AgencyProblem::NameMissing);
        }
        let line =
            |t: &str| t.is_empty() || crate::text::check_word(t, AGENCY_LINE_MAX_CHARS).is_ok();
        let block = |t: &str| {
            t.chars().count() <= AGENCY_TEXT_MAX_CHARS
                && !t
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || crate::text::is_bidi_control(c))
        };
        let lines = [
            &self.name,
            &self.reading,
            &self.phone,
            &self.hours,
            &self.address,
            &self.website,
        ];
        if !lines.iter().all(|t| line(t)) || !block(&self.does) || !block(&self.notes) {
            return Err(AgencyProblem::TextNotAllowed);
        }
        let kana = |c: char| {
            matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ' | '　')
                || ('\u{FF66}'..='\u{FF9F}').contains(&c)
        };
        if self.reading.is_empty() || !self.reading.chars().all(kana) {
            return Err(AgencyProblem::ReadingNotKana);
        }
        if !self.phone.is_empty() && self.tel().is_none() {
            return Err(AgencyProblem::PhoneInvalid);
        }
        let web = &self.website;
        if !(web.is_empty() || web.starts_with("https://") || web.starts_with("http://")) {
            return Err(AgencyProblem::WebsiteInvalid);
        }
        Ok(())
    }

    pub const FIELD: &'static str = "field";
    pub const NAME: &'static str = "name";
    pub const READING: &'static str = "reading";
    pub const DOES: &'static str = "does";
    pub const PHONE: &'static str = "phone";
    pub const HOURS: &'static str = "hours";
    pub const ADDRESS: &'static str = "address";
    pub const WEBSITE: &'static str = "website";
    pub const NOTES: &'static str = "notes";
    pub const RETIRED: &'static str = "retired";

    /// The `tel:` address of its phone number: digits and a leading `+` only.
    pub fn tel(&self) -> Option<String> {
        tel_href(&self.phone)
    }
}

/// A `tel:` link for a phone number as people write it (full-width digits,
/// hyphens, brackets), when it has enough digits to dial.
pub fn tel_href(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '+' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0),
            _ => None,
        })
        .collect();
    (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{digits}"))
}

/// The names an agency's `field` holds.
pub const FIELD_NAMES: &[&str] = &[
    "health",
    "childcare",
    "education",
    "welfare",
    "medical",
    "employment",
];

impl TypedRecord for Agency {
    const TYPE: RecordType = RecordType::Agency;

    fn read(id: uuid::Uuid, _owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        let line = |name| text(fields, name).unwrap_or_default().to_owned();
        Some(Self {
            id,
            field: text(fields, Self::FIELD)?.parse().ok()?,
            name: text(fields, Self::NAME)?.to_owned(),
            reading: line(Self::READING),
            does: line(Self::DOES),
            phone: line(Self::PHONE),
            hours: line(Self::HOURS),
            address: line(Self::ADDRESS),
            website: line(Self::WEBSITE),
            notes: line(Self::NOTES),
            retired: crate::sync::flag(fields, Self::RETIRED),
        })
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        let text = |name: &str, value: &str| (name.to_owned(), FieldValue::Text(value.to_owned()));
        vec![
            text(Self::FIELD, self.field.as_str()),
            text(Self::NAME, &self.name),
            text(Self::READING, &self.reading),
            text(Self::DOES, &self.does),
            text(Self::PHONE, &self.phone),
            text(Self::HOURS, &self.hours),
            text(Self::ADDRESS, &self.address),
            text(Self::WEBSITE, &self.website),
            text(Self::NOTES, &self.notes),
            (Self::RETIRED.to_owned(), FieldValue::Bool(self.retired)),
        ]
    }
}

/// Who a family's team member is: a role from its meetings, the town's
/// coordinator, or the family's parent mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "as", content = "role")]
pub enum TeamRole {
    Member(crate::MemberRole),
    Coordinator,
    Mentor,
}

impl TeamRole {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Member(role), lang) => role.label(lang),
            (Self::Coordinator, Lang::Ja) => "地域コーディネーター",
            (Self::Coordinator, Lang::En) => "Regional coordinator",
            (Self::Mentor, Lang::Ja) => "ペアレントメンター",
            (Self::Mentor, Lang::En) => "Parent mentor",
        }
    }
}

/// One of the people and organisations around a family, with how to reach
/// them where the directory knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub role: TeamRole,
    /// A person's name (the coordinator, the mentor), empty for a role.
    #[serde(default)]
    pub name: String,
    /// The organisation as the meetings name it.
    #[serde(default)]
    pub organisation: String,
    /// The directory's agency for the organisation, if there is one.
    #[serde(default)]
    pub agency: Option<uuid::Uuid>,
    #[serde(default)]
    pub phone: String,
}

/// The agency an organisation's name stands for: the one whose name contains
/// it or is contained in it (folded alike), the longest such name first.
pub fn agency_for<'a>(organisation: &str, agencies: &'a [Agency]) -> Option<&'a Agency> {
    let wanted = crate::search::fold(organisation).replace(' ', "");
    if wanted.is_empty() {
        return None;
    }
    agencies
        .iter()
        .filter(|a| !a.retired)
        .filter(|a| {
            let name = crate::search::fold(&a.name).replace(' ', "");
            !name.is_empty() && (name.contains(&wanted) || wanted.contains(&name))
        })
        .max_by_key(|a| a.name.chars().count())
}

/// A family's team: each role and organisation of its meetings once (the
/// child and the parents themselves left out), then its coordinators and mentors.
pub fn family_team(
    members: &[crate::Member],
    coordinators: &[String],
    mentors: &[String],
    agencies: &[Agency],
) -> Vec<TeamMember> {
    use crate::MemberRole;
    let mut team: Vec<TeamMember> = Vec::new();
    for member in members {
        if matches!(member.role, MemberRole::Child | MemberRole::Parent) {
            continue;
        }
        let role = TeamRole::Member(member.role);
        if team
            .iter()
            .any(|t| t.role == role && t.organisation == member.organisation)
        {
            continue;
        }
        let agency = agency_for(&member.organisation, agencies);
        team.push(TeamMember {
            role,
            name: String::new(),
            organisation: member.organisation.clone(),
            agency: agency.map(|a| a.id),
            phone: agency.map(|a| a.phone.clone()).unwrap_or_default(),
        });
    }
    for (role, names) in [
        (TeamRole::Coordinator, coordinators),
        (TeamRole::Mentor, mentors),
    ] {
        for name in names {
            if !team.iter().any(|t| t.role == role && &t.name == name) {
                team.push(TeamMember {
                    role,
                    name: name.clone(),
                    organisation: String::new(),
                    agency: None,
                    phone: String::new(),
                });
            }
        }
    }
    team
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
        let mut kept = agencies[0].clone().tidy();
        assert_eq!(kept.check(), Ok(()));
        kept.reading = "hattatsu".into();
        assert_eq!(kept.check(), Err(AgencyProblem::ReadingNotKana));
        kept.reading = "ハッタツ".into();
        kept.website = "javascript:alert(1)".into();
        assert_eq!(kept.check(), Err(AgencyProblem::WebsiteInvalid));
        kept.website = String::new();
        kept.phone = "まだ".into();
        assert_eq!(kept.check(), Err(AgencyProblem::PhoneInvalid));
        kept.phone = String::new();
        kept.name = "改行\nあり".into();
        assert_eq!(kept.check(), Err(AgencyProblem::TextNotAllowed));
        let mut fields = Fields::new();
        crate::records::testing::apply(
            &mut fields,
            agencies[0].changes(),
            crate::sync::Stamp::at_millis(1, 1),
        );
        crate::records::testing::all_accepted(RecordType::Agency, &agencies[0].changes());
        assert_eq!(
            Agency::read(agencies[0].id, None, &fields).as_ref(),
            Some(&agencies[0])
        );
        let members = [
            crate::Member {
                role: crate::MemberRole::Therapist,
                organisation: "こばと".into(),
            },
            crate::Member {
                role: crate::MemberRole::Therapist,
                organisation: "こばと".into(),
            },
            crate::Member {
                role: crate::MemberRole::Parent,
                organisation: String::new(),
            },
            crate::Member {
                role: crate::MemberRole::PublicHealthNurse,
                organisation: "町保健センター".into(),
            },
        ];
        let team = family_team(&members, &["宮本".into()], &["佐藤".into()], &agencies);
        let roles: Vec<TeamRole> = team.iter().map(|t| t.role).collect();
        assert_eq!(
            roles,
            [
                TeamRole::Member(crate::MemberRole::Therapist),
                TeamRole::Member(crate::MemberRole::PublicHealthNurse),
                TeamRole::Coordinator,
                TeamRole::Mentor
            ]
        );
        assert_eq!(team[0].agency, Some(uuid::Uuid::from_u128(1)));
        assert_eq!(
            team[1].agency,
            Some(uuid::Uuid::from_u128(2)),
            "spaces aside"
        );
        assert_eq!(team[1].phone, "０１２３-４５-６７８９");
        agencies[0].retired = true;
        assert!(find(&agencies, &Query::parse("はったつ")).is_empty());
        assert_eq!(agencies[1].tel().as_deref(), Some("tel:0123456789"));
    }
}
