//! What a family lets a parent mentor see. Nothing without consent; each scope is
//! given and withdrawn by the family, and a withdrawal holds from the next request.

use serde::{Deserialize, Serialize};

use crate::{ChildId, ChildStage, Family, FamilyId, Lang, MeetingId, MeetingKind, PersonId};

define_id!(ConsentId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// The mentor lists the family (its name) and logs their contacts with it.
    Contact,
    /// The mentor may see when and where the family's meetings are, and of what
    /// kind, not what they are about.
    MeetingDates,
    /// The entries a parent shares with the mentor, one by one, reach them, with
    /// the stage of the child they are about.
    SharedEntries,
}

named_enum!(ConsentScope, UnknownScope, "unknown consent scope", {
    Contact => "contact",
    MeetingDates => "meeting_dates",
    SharedEntries => "shared_entries",
});

impl ConsentScope {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Contact, Lang::Ja) => "連絡と記録",
            (Self::MeetingDates, Lang::Ja) => "会議の日程",
            (Self::SharedEntries, Lang::Ja) => "相談するメモ",
            (Self::Contact, Lang::En) => "contact and its log",
            (Self::MeetingDates, Lang::En) => "meeting dates",
            (Self::SharedEntries, Lang::En) => "entries I share",
        }
    }

    /// What the mentor will see, in plain words, said before the parent grants it.
    pub const fn explain(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Contact, Lang::Ja) => {
                "メンターの一覧にご家族の名前が載り、メンターが連絡した日と方法を自分用に記録できます。記録の内容はメンターだけが読み、町には件数だけが伝わります。"
            }
            (Self::MeetingDates, Lang::Ja) => {
                "会議の種類・日時・場所が見えます。会議の目的、議題、参加者、記録は見えません。"
            }
            (Self::SharedEntries, Lang::Ja) => {
                "ノートのうち、あなたが1件ずつ「メンターに相談」を選んだメモだけが、お子さんの学年と一緒に届きます。ほかのメモ、計画、会議の議題は見えません。"
            }
            (Self::Contact, Lang::En) => {
                "Your family's name appears in the mentor's list, and the mentor can log when and how they were in touch, for themselves. Only the mentor reads that log; the town sees counts only."
            }
            (Self::MeetingDates, Lang::En) => {
                "The kind, date, time and place of your meetings. Not their purpose, agenda, members or record."
            }
            (Self::SharedEntries, Lang::En) => {
                "Only the notebook entries you choose, one by one, to ask the mentor about, with your child's school stage. No other entries, no plans, no agendas."
            }
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

/// A meeting as a mentor with `MeetingDates` consent sees it: kind, time and
/// place, nothing of what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDate {
    #[serde(default)]
    pub id: Option<MeetingId>,
    pub kind: MeetingKind,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub starts_at: chrono::NaiveDateTime,
    #[serde(default, with = "crate::iso::date_time::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2026-12-10T11:00"))]
    pub ends_at: Option<chrono::NaiveDateTime>,
    #[serde(default)]
    pub place: String,
}

/// A child as a mentor with `SharedEntries` consent sees them: which child an
/// entry is about, and their stage, never their name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenteeChild {
    pub id: ChildId,
    pub stage: Option<ChildStage>,
}

/// A family that consented to its mentor, with what it lets them see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mentee {
    pub family: Family,
    pub scopes: Vec<ConsentScope>,
    /// Present only with `MeetingDates` consent.
    pub meetings: Vec<MeetingDate>,
    /// The family's parents, so the entries they share read as the family's.
    /// Present only with `SharedEntries` consent, as are `children`.
    #[serde(default)]
    pub parents: Vec<PersonId>,
    #[serde(default)]
    pub children: Vec<MenteeChild>,
}

impl Mentee {
    pub fn allows(&self, scope: ConsentScope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// A mentor a coordinator proposed to a family: the parent accepts (choosing
/// scopes) or declines; until then the mentor sees nothing of the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorProposal {
    pub id: ProposalId,
    pub family: FamilyId,
    #[serde(default)]
    pub family_name: String,
    pub mentor: PersonId,
    pub mentor_name: String,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-01T10:00"))]
    pub proposed_at: chrono::NaiveDateTime,
    pub state: ProposalState,
}

define_id!(ProposalId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    Waiting,
    Accepted,
    Declined,
    /// The coordinator took it back before the family answered.
    Withdrawn,
}

named_enum!(ProposalState, UnknownProposalState, "unknown proposal state", {
    Waiting => "waiting",
    Accepted => "accepted",
    Declined => "declined",
    Withdrawn => "withdrawn",
});

impl ProposalState {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Waiting, Lang::Ja) => "ご家族の返事待ち",
            (Self::Accepted, Lang::Ja) => "受け入れ",
            (Self::Declined, Lang::Ja) => "見送り",
            (Self::Withdrawn, Lang::Ja) => "取り下げ",
            (Self::Waiting, Lang::En) => "Waiting for the family",
            (Self::Accepted, Lang::En) => "Accepted",
            (Self::Declined, Lang::En) => "Declined",
            (Self::Withdrawn, Lang::En) => "Withdrawn",
        }
    }
}

/// A coordinator proposes a mentor to a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposeMentor {
    pub mentor: PersonId,
}

/// The family's answer to a proposal: the scopes it grants, none to decline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalAnswer {
    pub accept: bool,
    #[serde(default)]
    pub scopes: Vec<ConsentScope>,
}

impl ProposalAnswer {
    /// An acceptance grants at least one scope, each once; a refusal grants none.
    pub fn check(&self) -> Result<(), crate::problem::Problem> {
        let mut seen = std::collections::BTreeSet::new();
        let once = self.scopes.iter().all(|s| seen.insert(*s));
        if !once || (self.accept == self.scopes.is_empty()) {
            return Err(crate::problem::Problem::ProposalAnswer);
        }
        Ok(())
    }
}

/// What the town's report on the programme says of one mentor's month: how
/// many contacts, nothing of whom or what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorMonth {
    pub mentor: PersonId,
    pub mentor_name: String,
    pub year: i32,
    pub month: u32,
    pub contacts: usize,
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

    #[test]
    fn an_answer_accepts_with_scopes_or_declines_with_none() {
        let answer = |accept, scopes: &[ConsentScope]| ProposalAnswer {
            accept,
            scopes: scopes.to_vec(),
        };
        assert!(answer(true, &[ConsentScope::Contact]).check().is_ok());
        assert!(answer(false, &[]).check().is_ok());
        assert!(answer(true, &[]).check().is_err());
        assert!(answer(false, &[ConsentScope::Contact]).check().is_err());
        assert!(
            answer(true, &[ConsentScope::Contact, ConsentScope::Contact])
                .check()
                .is_err()
        );
    }
}
