//! A goal's thread across plans: where it started, how it changed, when it was
//! met, and the goals a brought item may become, plan by plan.

use super::{GoalId, GoalStatus, PlanGoal, PlanId, PlanSummary};
use crate::Lang;

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
