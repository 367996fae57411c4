//! The rules of `forms`, pinned.

use super::*;

fn meeting() -> Meeting {
    let draft = MeetingDraft {
        purpose: " 就学に向けた支援の確認 ".into(),
        date: "2026-12-10".into(),
        start: "10:00".into(),
        end: "11:00".into(),
        place: "こども発達支援センター".into(),
        nth: "2".into(),
        planned: "5".into(),
        agenda: "近況\n\n 来年度の体制 \n".into(),
        direction: "家庭と園で同じ声かけをする".into(),
        next_target: "2027-02-01".into(),
        follow_ups: "療育の見学".into(),
        status: MeetingStatus::Held,
        ..MeetingDraft::new(Some(ChildId::from_u128(7)))
    };
    let mut draft = draft;
    draft.members[0].present = true;
    draft.members[0].organisation = " ひかり園 ".into();
    draft.members[0].tasks = "絵カードを用意する\n連絡帳に書く".into();
    draft.members[1].tasks = "出席しない人の仕事は残らない".into();
    draft
        .build(MeetingId::from_u128(1), FamilyId::from_u128(2))
        .expect("a whole meeting")
}

#[test]
fn a_meeting_form_builds_the_meeting_and_reads_it_back_the_same() {
    let m = meeting();
    assert_eq!(m.purpose, "就学に向けた支援の確認");
    assert_eq!(m.agenda, ["近況", "来年度の体制"]);
    assert_eq!(m.series.map(|s| (s.nth(), s.planned())), Some((2, 5)));
    assert_eq!(m.members.len(), 1);
    assert_eq!(m.members[0].organisation, "ひかり園");
    let outcome = m.outcome.as_ref().expect("agreed");
    assert_eq!(outcome.roles.len(), 2, "only present members' tasks");
    let again = MeetingDraft::from(&m)
        .build(m.id, m.family_id)
        .expect("the same meeting");
    assert_eq!(again, m);
    assert_eq!(
        MeetingDraft::from(&m).starts_at(),
        iso::parse_date_time("2026-12-10T10:00")
    );
}

#[test]
fn a_meeting_form_says_what_is_missing() {
    let id = (MeetingId::from_u128(1), FamilyId::from_u128(2));
    let mut draft = MeetingDraft::from(&meeting());
    draft.child = String::new();
    assert_eq!(draft.build(id.0, id.1), Err(FormProblem::NoChild));
    let mut draft = MeetingDraft::from(&meeting());
    draft.end = String::new();
    assert_eq!(draft.build(id.0, id.1), Err(FormProblem::NoDateOrTime));
    let mut draft = MeetingDraft::from(&meeting());
    draft.nth = "6".into();
    assert_eq!(draft.build(id.0, id.1), Err(FormProblem::Series));
    let mut draft = MeetingDraft::from(&meeting());
    draft.planned = String::new();
    assert_eq!(draft.build(id.0, id.1), Err(FormProblem::Series));
    let mut draft = MeetingDraft::from(&meeting());
    draft.next_target = "来年".into();
    assert_eq!(draft.build(id.0, id.1), Err(FormProblem::NextTarget));
    let mut draft = MeetingDraft::from(&meeting());
    draft.end = "09:00".into();
    assert_eq!(
        draft.build(id.0, id.1),
        Err(FormProblem::Meeting(MeetingProblem::EndsBeforeStart))
    );
    for problem in [FormProblem::NoChild, FormProblem::Series] {
        assert!(!problem.explain(Lang::Ja).is_ascii());
        assert!(problem.explain(Lang::En).is_ascii());
    }
}

#[test]
fn an_empty_outcome_is_no_outcome() {
    let mut draft = MeetingDraft::from(&meeting());
    draft.direction = " ".into();
    draft.next_target = String::new();
    draft.follow_ups = "\n".into();
    draft.members[0].tasks = String::new();
    let m = draft
        .build(MeetingId::from_u128(1), FamilyId::from_u128(2))
        .expect("a meeting");
    assert_eq!(m.outcome, None);
}

#[test]
fn a_plan_form_builds_the_plan_and_reads_it_back_the_same() {
    let draft = PlanDraft {
        child: ChildId::from_u128(7).to_string(),
        kind: PlanKind::SupportPlan,
        year: " 2026 ".into(),
        term: None,
        published: false,
        strengths_and_needs: "体を動かすことが好き".into(),
        parent_wishes: "友だちと遊べるように".into(),
        child_wishes: String::new(),
        supports: "絵カード\n\n短い声かけ".into(),
        agencies: "ひかり園: 日中の支援\n相談支援センター:計画の相談\n保健センター".into(),
        evaluation: " ".into(),
        goals: vec![GoalDraft {
            id: GoalId::from_u128(3),
            text: " 朝の支度を一人でする ".into(),
            status: GoalStatus::New,
        }],
    };
    let plan = draft.build(PlanId::from_u128(1)).expect("a plan");
    assert_eq!(plan.supports, ["絵カード", "短い声かけ"]);
    assert_eq!(plan.agency_parts.len(), 3);
    assert_eq!(plan.agency_parts[1].part, "計画の相談");
    assert_eq!(plan.agency_parts[2].part, "");
    assert_eq!(plan.goals[0].text, "朝の支度を一人でする");
    assert_eq!(plan.evaluation, None);
    let again = PlanDraft::from(&plan)
        .build(plan.id)
        .expect("the same plan");
    assert_eq!(again, plan);
    let mut wrong = PlanDraft::from(&plan);
    wrong.year = "令和八".into();
    assert_eq!(wrong.build(plan.id), Err(FormProblem::SchoolYear));
}
