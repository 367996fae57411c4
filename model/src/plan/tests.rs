//! The rules of `plan`, pinned.

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
