//! Plan summaries: the yearly individual support plan (個別の教育支援計画) and the
//! per-term individual teaching plan (個別の指導計画), as the family sees them.
//!
//! A goal keeps its identity from plan to plan: when a coordinator starts a new
//! plan from the previous one, the goals they carry over keep their ids, so a
//! parent can follow one goal's thread across years and life stages (the seed's
//! "vertical link": 縦の連携).

use serde::{Deserialize, Serialize};

use crate::{ChildId, Lang, SchoolYear, Term};

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

/// One step of a goal's thread: the plan it was in and what it said there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadStep<'a> {
    pub plan: &'a PlanSummary,
    pub goal: &'a PlanGoal,
}

/// A goal's thread across plans, oldest first: when it started, how it changed,
/// when it was met. Only the plans given are searched (for a parent: the
/// published ones).
pub fn goal_thread(plans: &[PlanSummary], goal: GoalId) -> Vec<ThreadStep<'_>> {
    let mut steps: Vec<ThreadStep<'_>> = plans
        .iter()
        .filter_map(|plan| {
            plan.goals
                .iter()
                .find(|g| g.id == goal)
                .map(|g| ThreadStep { plan, goal: g })
        })
        .collect();
    // A support plan and the teaching plans of its year: the year's plan first.
    steps.sort_by_key(|s| (s.plan.period.year, s.plan.period.term, s.plan.kind));
    steps
}

/// What happened to a goal at one step of its thread, as a reader names it. The
/// coordinator's status says what they meant; this says what the plans show: a
/// goal marked "revised" whose words stayed the same was carried, not reworded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalChange {
    /// First set in this plan.
    Started,
    /// Carried from the plan before in the same words.
    Carried,
    /// Carried with its words changed.
    Reworded,
    Met,
    SetAside,
}

impl GoalChange {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Started, Lang::Ja) => "新規",
            (Self::Started, Lang::En) => "New",
            (Self::Carried, Lang::Ja) => "引き継ぎ",
            (Self::Carried, Lang::En) => "Carried over",
            (Self::Reworded, Lang::Ja) => "言葉を修正",
            (Self::Reworded, Lang::En) => "Reworded",
            (Self::Met, Lang::Ja) => "達成",
            (Self::Met, Lang::En) => "Met",
            (Self::SetAside, Lang::Ja) => "見送り",
            (Self::SetAside, Lang::En) => "Set aside",
        }
    }
}

/// The change at each step of a thread (as `goal_thread` gives it, oldest
/// first), judged against the step before. A thread whose first visible step
/// was carried in from a plan not given starts as carried.
pub fn thread_changes(thread: &[ThreadStep<'_>]) -> Vec<GoalChange> {
    thread
        .iter()
        .enumerate()
        .map(|(n, step)| {
            let before = n.checked_sub(1).map(|b| thread[b].goal);
            match (step.goal.status, before) {
                (GoalStatus::Met, _) => GoalChange::Met,
                (GoalStatus::Dropped, _) => GoalChange::SetAside,
                (GoalStatus::New, None) => GoalChange::Started,
                (_, Some(before)) if before.text.trim() != step.goal.text.trim() => {
                    GoalChange::Reworded
                }
                _ => GoalChange::Carried,
            }
        })
        .collect()
}

/// The change a goal shows in one plan: its step of the thread across `plans`.
pub fn change_in_plan(plans: &[PlanSummary], plan: PlanId, goal: GoalId) -> Option<GoalChange> {
    let thread = goal_thread(plans, goal);
    let changes = thread_changes(&thread);
    thread
        .iter()
        .zip(changes)
        .find(|(step, _)| step.plan.id == plan)
        .map(|(_, change)| change)
}

impl PlanSummary {
    /// How a plan is named where several are listed: "2026年度 個別の教育支援計画",
    /// "School year 2026-27 · Individual support plan".
    pub fn title(&self, lang: Lang, era: bool) -> String {
        let separator = if lang == Lang::Ja { " " } else { " · " };
        format!(
            "{}{separator}{}",
            self.period.label(lang, era),
            self.kind.label(lang)
        )
    }
}

/// The goals a coordinator may link a brought item to, plan by plan (newest
/// first), each wording once within its plan: a goal carried through three plans
/// appears under each, named by its plan, not three times unnamed.
pub fn goal_choices(plans: &[PlanSummary]) -> Vec<(&PlanSummary, Vec<&PlanGoal>)> {
    let mut ordered: Vec<&PlanSummary> = plans.iter().collect();
    ordered.sort_by_key(|p| std::cmp::Reverse((p.period, p.kind)));
    ordered
        .into_iter()
        .map(|plan| {
            let mut goals: Vec<&PlanGoal> = Vec::new();
            for goal in &plan.goals {
                if !goals.iter().any(|g| g.text.trim() == goal.text.trim()) {
                    goals.push(goal);
                }
            }
            (plan, goals)
        })
        .filter(|(_, goals)| !goals.is_empty())
        .collect()
}

/// The plans a parent sees: published only, newest first.
pub fn visible_to_family(plans: &[PlanSummary]) -> Vec<&PlanSummary> {
    let mut shown: Vec<&PlanSummary> = plans.iter().filter(|p| p.published).collect();
    shown.sort_by_key(|p| std::cmp::Reverse((p.period, p.kind)));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn period(year: i32, term: Option<Term>) -> PlanPeriod {
        PlanPeriod {
            year: SchoolYear::starting_in(year),
            term,
        }
    }

    fn plan(n: u128, kind: PlanKind, period: PlanPeriod, goals: Vec<PlanGoal>) -> PlanSummary {
        PlanSummary {
            id: PlanId::from_u128(n),
            child: ChildId::from_u128(1),
            kind,
            period,
            published: true,
            strengths_and_needs: "人と関わることが好き".into(),
            parent_wishes: "友だちと遊べるように".into(),
            child_wishes: "ブランコに乗りたい".into(),
            goals,
            supports: vec!["視覚的な予定表".into()],
            agency_parts: vec![AgencyPart {
                agency: "園".into(),
                part: "朝の支度を絵カードで".into(),
            }],
            evaluation: None,
        }
    }

    fn goal(n: u128, text: &str, status: GoalStatus) -> PlanGoal {
        PlanGoal {
            id: GoalId::from_u128(n),
            text: text.into(),
            status,
        }
    }

    #[test]
    fn a_teaching_plan_has_a_term_and_a_support_plan_has_none() {
        let teaching = plan(1, PlanKind::TeachingPlan, period(2026, None), vec![]);
        assert_eq!(teaching.check(), Err(PlanProblem::TeachingPlanNeedsTerm));
        let support = plan(
            2,
            PlanKind::SupportPlan,
            period(2026, Some(Term::First)),
            vec![],
        );
        assert_eq!(support.check(), Err(PlanProblem::SupportPlanHasNoTerm));
        let fine = plan(
            3,
            PlanKind::TeachingPlan,
            period(2026, Some(Term::First)),
            vec![],
        );
        assert_eq!(fine.check(), Ok(()));
    }

    #[test]
    fn goals_need_words_and_appear_once() {
        let p = period(2026, None);
        let empty = plan(
            1,
            PlanKind::SupportPlan,
            p,
            vec![goal(1, "  ", GoalStatus::New)],
        );
        assert_eq!(empty.check(), Err(PlanProblem::EmptyGoal));
        let twice = plan(
            1,
            PlanKind::SupportPlan,
            p,
            vec![goal(1, "a", GoalStatus::New), goal(1, "b", GoalStatus::New)],
        );
        assert_eq!(twice.check(), Err(PlanProblem::GoalTwice));
    }

    #[test]
    fn a_new_plan_carries_chosen_goals_with_their_ids_and_not_ended_ones() {
        let year_one = plan(
            1,
            PlanKind::SupportPlan,
            period(2025, None),
            vec![
                goal(10, "朝の支度を自分でする", GoalStatus::New),
                goal(11, "トイレを知らせる", GoalStatus::Met),
                goal(12, "友だちに「かして」と言う", GoalStatus::New),
            ],
        );
        let next = year_one
            .start_next(
                PlanId::from_u128(2),
                period(2026, None),
                &[GoalId::from_u128(10)],
            )
            .unwrap();
        assert_eq!(
            next.goals,
            vec![goal(10, "朝の支度を自分でする", GoalStatus::Continued)]
        );
        assert!(!next.published, "a new plan starts as a draft");
        assert_eq!(next.evaluation, None);
        assert_eq!(
            year_one.start_next(
                PlanId::from_u128(3),
                period(2026, None),
                &[GoalId::from_u128(11)]
            ),
            Err(PlanProblem::EndedGoalCarried)
        );
        assert_eq!(
            year_one.start_next(PlanId::from_u128(4), period(2025, None), &[]),
            Err(PlanProblem::NotLater)
        );
    }

    #[test]
    fn a_goals_thread_runs_across_years_and_kinds_oldest_first() {
        let plans = vec![
            plan(
                3,
                PlanKind::SupportPlan,
                period(2027, None),
                vec![goal(10, "朝の支度を一人で", GoalStatus::Met)],
            ),
            plan(
                1,
                PlanKind::SupportPlan,
                period(2025, None),
                vec![goal(10, "朝の支度", GoalStatus::New)],
            ),
            plan(
                2,
                PlanKind::TeachingPlan,
                period(2026, Some(Term::First)),
                vec![goal(10, "朝の支度を一人で", GoalStatus::Revised)],
            ),
            plan(
                4,
                PlanKind::SupportPlan,
                period(2026, None),
                vec![goal(99, "別の目標", GoalStatus::New)],
            ),
        ];
        let thread = goal_thread(&plans, GoalId::from_u128(10));
        let statuses: Vec<_> = thread.iter().map(|s| s.goal.status).collect();
        assert_eq!(
            statuses,
            [GoalStatus::New, GoalStatus::Revised, GoalStatus::Met]
        );
        assert_eq!(thread[0].plan.period.year.start_year(), 2025);
    }

    #[test]
    fn a_thread_names_what_changed_not_what_the_status_claims() {
        let plans = vec![
            plan(
                1,
                PlanKind::SupportPlan,
                period(2025, None),
                vec![goal(10, "朝の支度", GoalStatus::New)],
            ),
            // Marked revised, yet the same words: carried.
            plan(
                2,
                PlanKind::SupportPlan,
                period(2026, None),
                vec![goal(10, "朝の支度 ", GoalStatus::Revised)],
            ),
            // Marked continued, yet new words: reworded.
            plan(
                3,
                PlanKind::SupportPlan,
                period(2027, None),
                vec![goal(10, "朝の支度を一人で", GoalStatus::Continued)],
            ),
            plan(
                4,
                PlanKind::SupportPlan,
                period(2028, None),
                vec![goal(10, "朝の支度を一人で", GoalStatus::Met)],
            ),
        ];
        let thread = goal_thread(&plans, GoalId::from_u128(10));
        assert_eq!(
            thread_changes(&thread),
            [
                GoalChange::Started,
                GoalChange::Carried,
                GoalChange::Reworded,
                GoalChange::Met
            ]
        );
        let two = PlanId::from_u128(2);
        assert_eq!(
            change_in_plan(&plans, two, GoalId::from_u128(10)),
            Some(GoalChange::Carried)
        );
        assert_eq!(change_in_plan(&plans, two, GoalId::from_u128(99)), None);
        // Seen from a later plan alone, a carried goal does not claim to start there.
        assert_eq!(
            thread_changes(&goal_thread(&plans[2..3], GoalId::from_u128(10))),
            [GoalChange::Carried]
        );
        assert_eq!(GoalChange::Reworded.label(Lang::Ja), "言葉を修正");
    }

    #[test]
    fn the_goal_picker_names_each_plan_and_lists_each_wording_once_in_it() {
        let plans = vec![
            plan(
                1,
                PlanKind::SupportPlan,
                period(2025, None),
                vec![goal(10, "朝の支度", GoalStatus::New)],
            ),
            plan(
                2,
                PlanKind::SupportPlan,
                period(2026, None),
                vec![
                    goal(10, "朝の支度", GoalStatus::Continued),
                    goal(11, "朝の支度", GoalStatus::New),
                    goal(12, "友だちに伝える", GoalStatus::New),
                ],
            ),
            plan(
                3,
                PlanKind::TeachingPlan,
                period(2026, Some(Term::First)),
                vec![],
            ),
        ];
        let choices: Vec<(String, Vec<u128>)> = goal_choices(&plans)
            .into_iter()
            .map(|(p, goals)| {
                (
                    p.title(Lang::Ja, false),
                    goals.iter().map(|g| g.id.0.as_u128()).collect(),
                )
            })
            .collect();
        assert_eq!(
            choices,
            vec![
                ("2026年度 個別の教育支援計画".to_owned(), vec![10, 12]),
                ("2025年度 個別の教育支援計画".to_owned(), vec![10]),
            ]
        );
        assert_eq!(
            plans[2].title(Lang::En, false),
            "School year 2026-27, first term · Individual teaching plan"
        );
    }

    #[test]
    fn parents_see_published_plans_only_newest_first() {
        let mut draft = plan(3, PlanKind::SupportPlan, period(2027, None), vec![]);
        draft.published = false;
        let plans = vec![
            plan(1, PlanKind::SupportPlan, period(2025, None), vec![]),
            draft,
            plan(
                2,
                PlanKind::TeachingPlan,
                period(2026, Some(Term::Second)),
                vec![],
            ),
        ];
        let shown: Vec<_> = visible_to_family(&plans).iter().map(|p| p.id).collect();
        assert_eq!(shown, [PlanId::from_u128(2), PlanId::from_u128(1)]);
    }

    #[test]
    fn periods_read_as_forms_write_them() {
        assert_eq!(
            period(2026, Some(Term::Second)).label(Lang::Ja, false),
            "2026年度 後期"
        );
        assert_eq!(
            period(2026, None).label(Lang::Ja, true),
            "2026年度(令和8年度)"
        );
        assert_eq!(
            period(2026, Some(Term::First)).label(Lang::En, false),
            "School year 2026-27, first term"
        );
    }

    proptest! {
        /// Carrying goals forward never invents, loses or duplicates one, and
        /// keeps each goal's id: a thread can always be followed.
        #[test]
        fn carrying_over_keeps_exactly_the_chosen_open_goals(
            statuses in prop::collection::vec(0usize..5, 0..8),
            chosen_mask in prop::collection::vec(any::<bool>(), 8),
        ) {
            let all = GoalStatus::ALL;
            let goals: Vec<PlanGoal> = statuses
                .iter()
                .enumerate()
                .map(|(i, s)| goal(i as u128, "目標", all[*s]))
                .collect();
            let previous = plan(1, PlanKind::SupportPlan, period(2025, None), goals.clone());
            let chosen: Vec<GoalId> = goals
                .iter()
                .zip(&chosen_mask)
                .filter(|(g, pick)| **pick && !g.status.ends_thread())
                .map(|(g, _)| g.id)
                .collect();
            let next = previous.start_next(PlanId::from_u128(2), period(2026, None), &chosen).unwrap();
            let ids: Vec<GoalId> = next.goals.iter().map(|g| g.id).collect();
            prop_assert_eq!(ids, chosen.clone());
            let plans = [previous, next];
            for id in chosen {
                prop_assert_eq!(goal_thread(&plans, id).len(), 2);
            }
        }
    }
}
