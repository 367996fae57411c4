//! The "vertical link" of the seed (縦の連携): one child's plans and meetings
//! lined up by school year and life stage, so whoever comes next (a new teacher,
//! the school after the nursery, the parent years later) sees what came before.

use chrono::NaiveDate;

use crate::{
    Child, ChildStage, Meeting, SchoolYear,
    plan::{PlanKind, PlanSummary},
};

/// One school year of a child's life with what was planned and met in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageYear<'a> {
    pub year: SchoolYear,
    pub stage: ChildStage,
    /// The support plan first, then the teaching plans by term.
    pub plans: Vec<&'a PlanSummary>,
    /// In start order.
    pub meetings: Vec<&'a Meeting>,
}

/// The child's school years from the first with a plan or meeting to the current
/// one (or the last with something in it, if later), oldest first. The plans and
/// meetings given are what the reader may see.
pub fn stage_timeline<'a>(
    child: &Child,
    plans: &'a [PlanSummary],
    meetings: &'a [Meeting],
    today: NaiveDate,
) -> Vec<StageYear<'a>> {
    let plans: Vec<&PlanSummary> = plans.iter().filter(|p| p.child == child.id).collect();
    let meetings: Vec<&Meeting> = meetings.iter().filter(|m| m.child_id == child.id).collect();
    let current = SchoolYear::containing(today);
    let years = plans
        .iter()
        .map(|p| p.period.year)
        .chain(
            meetings
                .iter()
                .map(|m| SchoolYear::containing(m.starts_at.date())),
        )
        .chain([current]);
    let (first, last) = years.fold((current, current), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let mut timeline = Vec::new();
    let mut year = first;
    while year <= last {
        // The stage is the one the child is in during that school year.
        if let Some(stage) = ChildStage::on(child.birth_date, year.last_day()) {
            let mut in_year: Vec<&PlanSummary> = plans
                .iter()
                .copied()
                .filter(|p| p.period.year == year)
                .collect();
            in_year.sort_by_key(|p| (p.kind, p.period.term));
            let mut met: Vec<&Meeting> = meetings
                .iter()
                .copied()
                .filter(|m| SchoolYear::containing(m.starts_at.date()) == year)
                .collect();
            met.sort_by_key(|m| (m.starts_at, m.id));
            timeline.push(StageYear {
                year,
                stage,
                plans: in_year,
                meetings: met,
            });
        }
        year = year.next();
    }
    timeline
}

/// A child's plan of `kind` in force now: the newest one for a period that has
/// begun (a plan for next year is not yet the current one).
pub fn current_plan<'a>(
    plans: &'a [PlanSummary],
    child: &Child,
    kind: PlanKind,
    today: NaiveDate,
) -> Option<&'a PlanSummary> {
    let (year, term) = SchoolYear::term_of(today);
    plans
        .iter()
        .filter(|p| p.child == child.id && p.kind == kind)
        .filter(|p| (p.period.year, p.period.term.unwrap_or(term)) <= (year, term))
        .max_by_key(|p| p.period)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        ChildId, FamilyId, MeetingId, MeetingKind, MemberRole, Term,
        meeting::Member,
        meeting_record::MeetingStatus,
        plan::{PlanId, PlanPeriod},
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn child() -> Child {
        Child {
            id: ChildId::from_u128(1),
            family_id: FamilyId::from_u128(1),
            given_name: "はると".into(),
            birth_date: day(2021, 8, 14),
            school: "みなみ保育園".into(),
        }
    }

    fn plan(n: u128, kind: PlanKind, year: i32, term: Option<Term>) -> PlanSummary {
        let period = PlanPeriod {
            year: SchoolYear::starting_in(year),
            term,
        };
        PlanSummary {
            published: true,
            ..PlanSummary::draft(PlanId::from_u128(n), child().id, kind, period)
        }
    }

    fn meeting(n: u128, date: NaiveDate) -> Meeting {
        Meeting {
            id: MeetingId::from_u128(n),
            family_id: FamilyId::from_u128(1),
            child_id: child().id,
            kind: MeetingKind::CaseMeeting,
            purpose: "支援計画".into(),
            starts_at: date.and_hms_opt(10, 0, 0).unwrap(),
            ends_at: date.and_hms_opt(11, 0, 0).unwrap(),
            place: "役場".into(),
            online_link: None,
            series: None,
            members: vec![Member {
                role: MemberRole::Parent,
                organisation: String::new(),
            }],
            status: MeetingStatus::Held,
            agenda: Vec::new(),
            outcome: None,
        }
    }

    #[test]
    fn the_timeline_runs_by_school_year_with_the_stage_of_each() {
        let plans = [
            plan(1, PlanKind::SupportPlan, 2025, None),
            plan(2, PlanKind::TeachingPlan, 2026, Some(Term::Second)),
            plan(3, PlanKind::SupportPlan, 2026, None),
            plan(4, PlanKind::TeachingPlan, 2026, Some(Term::First)),
        ];
        // 31 March belongs to the year before; 1 April starts the next.
        let meetings = [meeting(1, day(2026, 3, 31)), meeting(2, day(2026, 4, 1))];
        let timeline = stage_timeline(&child(), &plans, &meetings, day(2026, 11, 24));
        let years: Vec<_> = timeline
            .iter()
            .map(|y| (y.year.start_year(), y.stage.label(crate::Lang::Ja)))
            .collect();
        assert_eq!(
            years,
            [(2025, "年少".to_owned()), (2026, "年中".to_owned())]
        );
        let ids = |y: &StageYear| y.plans.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(&timeline[0]), [PlanId::from_u128(1)]);
        assert_eq!(
            ids(&timeline[1]),
            [3, 4, 2].map(PlanId::from_u128),
            "the year's support plan, then the terms in order"
        );
        assert_eq!(timeline[0].meetings[0].id, MeetingId::from_u128(1));
        assert_eq!(timeline[1].meetings[0].id, MeetingId::from_u128(2));
    }

    #[test]
    fn a_child_without_plans_has_just_this_year() {
        let timeline = stage_timeline(&child(), &[], &[], day(2026, 11, 24));
        assert_eq!(timeline.len(), 1);
        assert_eq!(timeline[0].year, SchoolYear::starting_in(2026));
    }

    #[test]
    fn the_current_plan_is_the_newest_that_has_begun() {
        let plans = [
            plan(1, PlanKind::TeachingPlan, 2026, Some(Term::First)),
            plan(2, PlanKind::TeachingPlan, 2026, Some(Term::Second)),
            plan(3, PlanKind::SupportPlan, 2026, None),
            plan(4, PlanKind::SupportPlan, 2027, None),
        ];
        let in_june = day(2026, 6, 1);
        let id = |p: Option<&PlanSummary>| p.map(|p| p.id.0.as_u128());
        assert_eq!(
            id(current_plan(
                &plans,
                &child(),
                PlanKind::TeachingPlan,
                in_june
            )),
            Some(1)
        );
        assert_eq!(
            id(current_plan(
                &plans,
                &child(),
                PlanKind::TeachingPlan,
                day(2026, 11, 1)
            )),
            Some(2)
        );
        assert_eq!(
            id(current_plan(
                &plans,
                &child(),
                PlanKind::SupportPlan,
                in_june
            )),
            Some(3)
        );
    }
}
