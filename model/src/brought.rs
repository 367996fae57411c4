//! A notebook entry brought to a meeting: the heart of Tsunagu. The parent chooses
//! an entry, words it for the team (the private original stays private), orders
//! what they bring and may withdraw an item until the meeting starts; each item
//! is the record of that consent. After the meeting the coordinator records what
//! became of each item, and the parent sees it on the entry itself.

use serde::{Deserialize, Serialize};

use crate::{
    Lang, MeetingId, PersonId,
    plan::{GoalId, PlanGoal, PlanId, PlanSummary},
    records::{self, TypedRecord},
    sync::{DELETED, FieldValue, Fields, RecordType},
};

/// The fields the parent who brings an item writes.
pub const PARENT_FIELDS: &[&str] = &[
    BroughtItem::MEETING,
    BroughtItem::ENTRY,
    BroughtItem::WORDING,
    BroughtItem::POSITION,
    BroughtItem::WITHDRAWN,
    DELETED,
];
/// The fields the coordinator writes after the meeting.
pub const TEAM_FIELDS: &[&str] = &[
    BroughtItem::OUTCOME,
    BroughtItem::ANSWER,
    BroughtItem::GOAL,
    BroughtItem::PLAN,
    BroughtItem::REASON,
];

/// What became of a brought item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Answered at the meeting, with the answer.
    Answered { answer: String },
    /// Became a goal of the child's plan: the goal as it stands in that plan (a
    /// goal keeps its id across plans while its wording changes). Items recorded
    /// before the plan was named have none.
    BecameGoal {
        goal: GoalId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<PlanId>,
    },
    /// Carried to the next meeting: it stays open.
    Carried,
    /// Set aside, with the reason.
    SetAside { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeProblem {
    #[error("an answer needs its words")]
    EmptyAnswer,
    #[error("setting an item aside needs a reason")]
    EmptyReason,
    #[error("a text is too long")]
    TooLong,
}

impl OutcomeProblem {
    pub const fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::EmptyAnswer, Lang::Ja) => "回答を書いてください。",
            (Self::EmptyAnswer, Lang::En) => "Please write the answer.",
            (Self::EmptyReason, Lang::Ja) => "見送る理由を書いてください。",
            (Self::EmptyReason, Lang::En) => "Please give the reason for setting it aside.",
            (Self::TooLong, Lang::Ja) => "長すぎます。",
            (Self::TooLong, Lang::En) => "The text is too long.",
        }
    }
}

impl ItemOutcome {
    pub fn check(&self) -> Result<(), OutcomeProblem> {
        match self {
            Self::Answered { answer } if answer.trim().is_empty() => {
                Err(OutcomeProblem::EmptyAnswer)
            }
            Self::Answered { answer } if answer.chars().count() > 4000 => {
                Err(OutcomeProblem::TooLong)
            }
            Self::SetAside { reason } if reason.trim().is_empty() => {
                Err(OutcomeProblem::EmptyReason)
            }
            Self::SetAside { reason } if reason.chars().count() > 1000 => {
                Err(OutcomeProblem::TooLong)
            }
            _ => Ok(()),
        }
    }

    const fn name(&self) -> &'static str {
        match self {
            Self::Answered { .. } => "answered",
            Self::BecameGoal { .. } => "became_goal",
            Self::Carried => "carried",
            Self::SetAside { .. } => "set_aside",
        }
    }

    pub const fn label(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Answered { .. }, Lang::Ja) => "回答あり",
            (Self::Answered { .. }, Lang::En) => "Answered",
            (Self::BecameGoal { .. }, Lang::Ja) => "計画の目標に",
            (Self::BecameGoal { .. }, Lang::En) => "Became a plan goal",
            (Self::Carried, Lang::Ja) => "次回に持ち越し",
            (Self::Carried, Lang::En) => "Carried to the next meeting",
            (Self::SetAside { .. }, Lang::Ja) => "見送り",
            (Self::SetAside { .. }, Lang::En) => "Set aside",
        }
    }

    /// The team's fields for this outcome; the ones it does not use are cleared,
    /// so a changed outcome leaves nothing of the former one current.
    pub fn fields(&self) -> Vec<(String, FieldValue)> {
        let text = |t: &str| FieldValue::Text(t.to_owned());
        let none = || FieldValue::Null;
        let (answer, goal, plan, reason) = match self {
            Self::Answered { answer } => (text(answer), none(), none(), text("")),
            Self::BecameGoal { goal, plan } => (
                text(""),
                FieldValue::Text(goal.to_string()),
                plan.map_or_else(none, |p| FieldValue::Text(p.to_string())),
                text(""),
            ),
            Self::Carried => (text(""), none(), none(), text("")),
            Self::SetAside { reason } => (text(""), none(), none(), text(reason)),
        };
        vec![
            (BroughtItem::OUTCOME.to_owned(), text(self.name())),
            (BroughtItem::ANSWER.to_owned(), answer),
            (BroughtItem::GOAL.to_owned(), goal),
            (BroughtItem::PLAN.to_owned(), plan),
            (BroughtItem::REASON.to_owned(), reason),
        ]
    }

    fn from_fields(fields: &Fields) -> Option<Self> {
        let text = |name: &str| records::text(fields, name).unwrap_or_default().to_owned();
        Some(match text(BroughtItem::OUTCOME).as_str() {
            "answered" => Self::Answered {
                answer: text(BroughtItem::ANSWER),
            },
            "became_goal" => Self::BecameGoal {
                goal: text(BroughtItem::GOAL).parse().ok()?,
                plan: text(BroughtItem::PLAN).parse().ok(),
            },
            "carried" => Self::Carried,
            "set_aside" => Self::SetAside {
                reason: text(BroughtItem::REASON),
            },
            _ => return None,
        })
    }
}

/// The goal an item became, as it stands in the plan it was linked to (for an
/// item linked before plans were named: the latest plan holding that goal).
pub fn linked_goal(
    plans: &[PlanSummary],
    goal: GoalId,
    plan: Option<PlanId>,
) -> Option<(&PlanSummary, &PlanGoal)> {
    let holding = |p: &&PlanSummary| p.goals.iter().any(|g| g.id == goal);
    let chosen = match plan {
        Some(id) => plans.iter().filter(holding).find(|p| p.id == id),
        None => plans
            .iter()
            .filter(holding)
            .max_by_key(|p| (p.period, p.kind)),
    }?;
    chosen
        .goals
        .iter()
        .find(|g| g.id == goal)
        .map(|g| (chosen, g))
}

/// A brought item as both sides read it from its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BroughtItem {
    pub id: uuid::Uuid,
    /// The parent who brought it.
    pub owner: PersonId,
    pub meeting: MeetingId,
    /// The private entry it came from (only its author's devices can open it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<uuid::Uuid>,
    /// The words the team sees.
    pub wording: String,
    /// The parent's order: smaller first.
    pub position: i64,
    pub withdrawn: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ItemOutcome>,
}

impl BroughtItem {
    pub const MEETING: &'static str = "meeting";
    pub const ENTRY: &'static str = "entry";
    pub const WORDING: &'static str = "wording";
    pub const POSITION: &'static str = "position";
    pub const WITHDRAWN: &'static str = "withdrawn";
    pub const OUTCOME: &'static str = "outcome";
    pub const ANSWER: &'static str = "answer";
    pub const GOAL: &'static str = "goal";
    pub const PLAN: &'static str = "plan";
    pub const REASON: &'static str = "reason";

    /// The item a record's current fields make; `None` for a record without a
    /// meeting (never a whole item).
    pub fn from_fields(id: uuid::Uuid, owner: PersonId, fields: &Fields) -> Option<Self> {
        let current = |name: &str| records::value(fields, name);
        Some(Self {
            id,
            owner,
            meeting: records::text(fields, Self::MEETING)?.parse().ok()?,
            entry: records::text(fields, Self::ENTRY).and_then(|t| t.parse().ok()),
            wording: records::text(fields, Self::WORDING)
                .unwrap_or_default()
                .to_owned(),
            position: current(Self::POSITION)
                .and_then(FieldValue::as_int)
                .unwrap_or(0),
            withdrawn: current(Self::WITHDRAWN)
                .and_then(FieldValue::as_bool)
                .unwrap_or(false),
            outcome: ItemOutcome::from_fields(fields),
        })
    }

    /// A new item: `entry` brought to `meeting` in `wording`, at `position` in the
    /// parent's order.
    pub fn brought(
        id: uuid::Uuid,
        owner: PersonId,
        meeting: MeetingId,
        entry: uuid::Uuid,
        wording: String,
        position: i64,
    ) -> Self {
        Self {
            id,
            owner,
            meeting,
            entry: Some(entry),
            wording,
            position,
            withdrawn: false,
            outcome: None,
        }
    }

    /// The parent's change of its place in their order.
    pub fn position_change(position: i64) -> Vec<(String, FieldValue)> {
        vec![(Self::POSITION.to_owned(), FieldValue::Int(position))]
    }

    /// The parent's withdrawal (or taking it back).
    pub fn withdrawn_change(withdrawn: bool) -> Vec<(String, FieldValue)> {
        vec![(Self::WITHDRAWN.to_owned(), FieldValue::Bool(withdrawn))]
    }

    /// Still to be talked about: carried over, or from a meeting already held
    /// without an outcome recorded. Such items are offered for the next meeting.
    pub fn is_open(&self, meeting_held: bool) -> bool {
        !self.withdrawn
            && match &self.outcome {
                Some(ItemOutcome::Carried) => true,
                None => meeting_held,
                Some(_) => false,
            }
    }
}

impl TypedRecord for BroughtItem {
    const TYPE: RecordType = RecordType::BroughtItem;

    /// An item always has its owner: `None` reads as nothing.
    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        Self::from_fields(id, owner?, fields)
    }

    /// The parent's fields only (`PARENT_FIELDS`): the outcome is the team's to
    /// write (`ItemOutcome::fields`).
    fn changes(&self) -> Vec<(String, FieldValue)> {
        vec![
            (
                Self::MEETING.to_owned(),
                FieldValue::Text(self.meeting.to_string()),
            ),
            (Self::ENTRY.to_owned(), records::optional_id(self.entry)),
            (
                Self::WORDING.to_owned(),
                FieldValue::Text(self.wording.clone()),
            ),
            (Self::POSITION.to_owned(), FieldValue::Int(self.position)),
            (Self::WITHDRAWN.to_owned(), FieldValue::Bool(self.withdrawn)),
        ]
    }
}

/// A meeting's agenda from what parents brought: withdrawn items left out, in the
/// parents' order.
pub fn agenda(items: &[BroughtItem], meeting: MeetingId) -> Vec<&BroughtItem> {
    let mut shown: Vec<&BroughtItem> = items
        .iter()
        .filter(|i| i.meeting == meeting && !i.withdrawn)
        .collect();
    shown.sort_by_key(|i| (i.position, i.id));
    shown
}

/// Where a notebook entry stands, for filtering the notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryStatus {
    /// Never brought anywhere (or every bringing withdrawn).
    Private,
    /// Brought to a meeting that has not dealt with it yet.
    Brought,
    /// Carried over, or left without an outcome: to bring again.
    Open,
    /// Answered, or taken into the plan.
    Resolved,
    SetAside,
}

impl EntryStatus {
    pub const ALL: [Self; 5] = [
        Self::Private,
        Self::Brought,
        Self::Open,
        Self::Resolved,
        Self::SetAside,
    ];

    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Private, Lang::Ja) => "自分だけ",
            (Self::Private, Lang::En) => "Private",
            (Self::Brought, Lang::Ja) => "会議に持っていく",
            (Self::Brought, Lang::En) => "Brought to a meeting",
            (Self::Open, Lang::Ja) => "まだ話し合い中",
            (Self::Open, Lang::En) => "Still open",
            (Self::Resolved, Lang::Ja) => "解決",
            (Self::Resolved, Lang::En) => "Resolved",
            (Self::SetAside, Lang::Ja) => "見送り",
            (Self::SetAside, Lang::En) => "Set aside",
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Brought => "brought",
            Self::Open => "open",
            Self::Resolved => "resolved",
            Self::SetAside => "set_aside",
        }
    }
}

/// The entry's standing from the items made of it; `held` says whether a
/// meeting was held (or has passed). A resolution wins over everything; an item
/// still waiting for its meeting comes next.
pub fn entry_status(
    entry: uuid::Uuid,
    items: &[BroughtItem],
    held: impl Fn(MeetingId) -> bool,
) -> EntryStatus {
    let mine: Vec<&BroughtItem> = items
        .iter()
        .filter(|i| i.entry == Some(entry) && !i.withdrawn)
        .collect();
    let any = |f: &dyn Fn(&BroughtItem) -> bool| mine.iter().any(|i| f(i));
    if any(&|i| {
        matches!(
            i.outcome,
            Some(ItemOutcome::Answered { .. } | ItemOutcome::BecameGoal { .. })
        )
    }) {
        EntryStatus::Resolved
    } else if any(&|i| i.outcome.is_none() && !held(i.meeting)) {
        EntryStatus::Brought
    } else if any(&|i| i.is_open(held(i.meeting))) {
        EntryStatus::Open
    } else if any(&|i| matches!(i.outcome, Some(ItemOutcome::SetAside { .. }))) {
        EntryStatus::SetAside
    } else {
        EntryStatus::Private
    }
}

#[cfg(test)]
mod tests;
