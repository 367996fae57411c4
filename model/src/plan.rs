//! Plan summaries: the yearly individual support plan (個別の教育支援計画) and the
//! per-term individual teaching plan (個別の指導計画), as the family sees them.
//!
//! A goal keeps its identity from plan to plan: when a coordinator starts a new
//! plan from the previous one, the goals they carry over keep their ids, so a
//! parent can follow one goal's thread across years and life stages (the seed's
//! "vertical link": 縦の連携).

use serde::{Deserialize, Serialize};

use crate::{ChildId, Lang, SchoolYear, Term};

mod threads;
pub use threads::{
    GoalChange, ThreadStep, change_in_plan, goal_choices, goal_thread, thread_changes,
};

define_id!(
    /// One plan summary.
    PlanId
);

define_id!(
    /// One goal, the same across every plan it is carried into.
    GoalId
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// 個別の教育支援計画: the yearly plan across agencies, with its evaluation.
    SupportPlan,
    /// 個別の指導計画: the school's or nursery's plan for one term.
    TeachingPlan,
}

named_enum!(PlanKind, UnknownPlanKind, "unknown plan kind", {
    SupportPlan => "support_plan",
    TeachingPlan => "teaching_plan",
});

impl PlanKind {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::SupportPlan, Lang::Ja) => "個別の教育支援計画",
            (Self::SupportPlan, Lang::En) => "Individual support plan",
            (Self::TeachingPlan, Lang::Ja) => "個別の指導計画",
            (Self::TeachingPlan, Lang::En) => "Individual teaching plan",
        }
    }
}

/// What happened to a goal in one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    New,
    Continued,
    Revised,
    Met,
    Dropped,
}

named_enum!(GoalStatus, UnknownGoalStatus, "unknown goal status", {
    New => "new",
    Continued => "continued",
    Revised => "revised",
    Met => "met",
    Dropped => "dropped",
});

impl GoalStatus {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::New, Lang::Ja) => "新規",
            (Self::New, Lang::En) => "New",
            (Self::Continued, Lang::Ja) => "継続",
            (Self::Continued, Lang::En) => "Continued",
            (Self::Revised, Lang::Ja) => "修正",
            (Self::Revised, Lang::En) => "Revised",
            (Self::Met, Lang::Ja) => "達成",
            (Self::Met, Lang::En) => "Met",
            (Self::Dropped, Lang::Ja) => "見送り",
            (Self::Dropped, Lang::En) => "Set aside",
        }
    }

    /// Whether the goal's thread ends with this plan.
    pub const fn ends_thread(self) -> bool {
        matches!(self, Self::Met | Self::Dropped)
    }
}

/// The period a plan covers: a school year, and for a teaching plan one term of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanPeriod {
    pub year: SchoolYear,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
}

impl PlanPeriod {
    pub fn label(self, lang: Lang, era: bool) -> String {
        match (self.term, lang) {
            (Some(term), Lang::Ja) => {
                format!("{} {}", self.year.label(lang, era), term.label(lang))
            }
            (Some(term), Lang::En) => {
                format!("{}, {}", self.year.label(lang, era), term.label(lang))
            }
            (None, _) => self.year.label(lang, era),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanGoal {
    pub id: GoalId,
    pub text: String,
    pub status: GoalStatus,
}

/// One agency's part in the plan (園, 学校, 療育, 医療, 相談支援…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyPart {
    pub agency: String,
    pub part: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    pub id: PlanId,
    pub child: ChildId,
    pub kind: PlanKind,
    pub period: PlanPeriod,
    /// Parents see published plans only; drafts are the coordinator's.
    pub published: bool,
    pub strengths_and_needs: String,
    pub parent_wishes: String,
    pub child_wishes: String,
    pub goals: Vec<PlanGoal>,
    /// Supports and reasonable accommodations (合理的配慮).
    pub supports: Vec<String>,
    pub agency_parts: Vec<AgencyPart>,
    /// The evaluation at the end of the period, once written.
    #[serde(default)]
    pub evaluation: Option<String>,
}

/// Why a plan summary cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanProblem {
    #[error("a teaching plan is for one term of the school year")]
    TeachingPlanNeedsTerm,
    #[error("a support plan covers the whole school year, not a term")]
    SupportPlanHasNoTerm,
    #[error("a goal needs its words")]
    EmptyGoal,
    #[error("a goal appears twice in one plan")]
    GoalTwice,
    #[error("a goal that was met or set aside cannot be carried into a new plan")]
    EndedGoalCarried,
    #[error("a new plan must come after the plan it starts from")]
    NotLater,
    #[error("a text is too long")]
    TooLong,
    #[error("a list is too long")]
    TooMany,
    #[error("a published plan stays published")]
    Unpublished,
    #[error("the child is not a child of this family")]
    UnknownChild,
}

/// Limits that keep a plan summary a readable page.
pub const TEXT_MAX: usize = 4000;
pub const ITEMS_MAX: usize = 40;

impl PlanProblem {
    /// What the coordinator reads next to the form.
    pub const fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::TeachingPlanNeedsTerm, Lang::Ja) => {
                "個別の指導計画は前期か後期を選んでください。"
            }
            (Self::TeachingPlanNeedsTerm, Lang::En) => {
                "A teaching plan is for the first or the second term."
            }
            (Self::SupportPlanHasNoTerm, Lang::Ja) => {
                "個別の教育支援計画は年度ごとの計画です(前期・後期はありません)。"
            }
            (Self::SupportPlanHasNoTerm, Lang::En) => {
                "A support plan covers the whole school year, not a term."
            }
            (Self::EmptyGoal, Lang::Ja) => "目標に空のものがあります。",
            (Self::EmptyGoal, Lang::En) => "A goal is empty.",
            (Self::GoalTwice, Lang::Ja) => "同じ目標が2回入っています。",
            (Self::GoalTwice, Lang::En) => "A goal appears twice.",
            (Self::EndedGoalCarried, Lang::Ja) => "達成・見送りの目標は引き継げません。",
            (Self::EndedGoalCarried, Lang::En) => {
                "A goal that was met or set aside cannot be carried over."
            }
            (Self::NotLater, Lang::Ja) => "新しい計画は、元の計画より後の期間にしてください。",
            (Self::NotLater, Lang::En) => "The new plan must be for a later period.",
            (Self::TooLong, Lang::Ja) => "長すぎる項目があります。",
            (Self::TooLong, Lang::En) => "One of the texts is too long.",
            (Self::TooMany, Lang::Ja) => "項目の数が多すぎます。",
            (Self::TooMany, Lang::En) => "One of the lists is too long.",
            (Self::Unpublished, Lang::Ja) => "公開した計画を下書きに戻すことはできません。",
            (Self::Unpublished, Lang::En) => "A published plan cannot go back to being a draft.",
            (Self::UnknownChild, Lang::Ja) => "この家族のお子さんを選んでください。",
            (Self::UnknownChild, Lang::En) => "Please choose a child of this family.",
        }
    }
}

impl PlanSummary {
    /// A new, empty draft: what a coordinator starts writing from.
    pub fn draft(id: PlanId, child: ChildId, kind: PlanKind, period: PlanPeriod) -> Self {
        Self {
            id,
            child,
            kind,
            period,
            published: false,
            strengths_and_needs: String::new(),
            parent_wishes: String::new(),
            child_wishes: String::new(),
            goals: Vec::new(),
            supports: Vec::new(),
            agency_parts: Vec::new(),
            evaluation: None,
        }
    }

    /// The rules every saved plan keeps.
    pub fn check(&self) -> Result<(), PlanProblem> {
        match (self.kind, self.period.term) {
            (PlanKind::TeachingPlan, None) => return Err(PlanProblem::TeachingPlanNeedsTerm),
            (PlanKind::SupportPlan, Some(_)) => return Err(PlanProblem::SupportPlanHasNoTerm),
            _ => {}
        }
        let texts = [
            &self.strengths_and_needs,
            &self.parent_wishes,
            &self.child_wishes,
        ]
        .into_iter()
        .chain(self.evaluation.as_ref())
        .chain(&self.supports)
        .chain(self.goals.iter().map(|g| &g.text))
        .chain(self.agency_parts.iter().flat_map(|a| [&a.agency, &a.part]));
        if texts.into_iter().any(|t| t.chars().count() > TEXT_MAX) {
            return Err(PlanProblem::TooLong);
        }
        if [
            self.goals.len(),
            self.supports.len(),
            self.agency_parts.len(),
        ]
        .iter()
        .any(|n| *n > ITEMS_MAX)
        {
            return Err(PlanProblem::TooMany);
        }
        let mut seen = std::collections::BTreeSet::new();
        for goal in &self.goals {
            if goal.text.trim().is_empty() {
                return Err(PlanProblem::EmptyGoal);
            }
            if !seen.insert(goal.id) {
                return Err(PlanProblem::GoalTwice);
            }
        }
        Ok(())
    }

    /// A draft of the next plan for `period`, carrying the chosen goals over with
    /// their ids (status "continued" until the coordinator revises them). The
    /// child's and family's words start from the previous plan's, to be edited.
    pub fn start_next(
        &self,
        id: PlanId,
        period: PlanPeriod,
        carried: &[GoalId],
    ) -> Result<PlanSummary, PlanProblem> {
        if period <= self.period {
            return Err(PlanProblem::NotLater);
        }
        let mut goals = Vec::new();
        for goal in self.goals.iter().filter(|g| carried.contains(&g.id)) {
            if goal.status.ends_thread() {
                return Err(PlanProblem::EndedGoalCarried);
            }
            goals.push(PlanGoal {
                id: goal.id,
                text: goal.text.clone(),
                status: GoalStatus::Continued,
            });
        }
        let next = PlanSummary {
            id,
            child: self.child,
            kind: self.kind,
            period,
            published: false,
            strengths_and_needs: self.strengths_and_needs.clone(),
            parent_wishes: self.parent_wishes.clone(),
            child_wishes: self.child_wishes.clone(),
            goals,
            supports: self.supports.clone(),
            agency_parts: self.agency_parts.clone(),
            evaluation: None,
        };
        next.check()?;
        Ok(next)
    }
}

/// The plans a parent sees: published only, newest first.
pub fn visible_to_family(plans: &[PlanSummary]) -> Vec<&PlanSummary> {
    let mut shown: Vec<&PlanSummary> = plans.iter().filter(|p| p.published).collect();
    shown.sort_by_key(|p| std::cmp::Reverse((p.period, p.kind)));
    shown
}

#[cfg(test)]
mod tests;
