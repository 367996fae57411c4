//! The rules of `meeting`, pinned.

use super::*;
use crate::meeting_record::MeetingProblem;
use chrono::NaiveDate;
use proptest::prelude::*;

fn meeting(id: u128, y: i32, m: u32, d: u32, h: u32) -> Meeting {
    Meeting {
        id: MeetingId::from_u128(id),
        family_id: FamilyId::from_u128(1),
        child_id: ChildId::from_u128(2),
        kind: MeetingKind::CaseMeeting,
        purpose: "個別の教育支援計画作成".into(),
        starts_at: NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap(),
        ends_at: NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h + 1, 0, 0)
            .unwrap(),
        place: "役場".into(),
        online_link: None,
        series: None,
        members: vec![Member {
            role: MemberRole::Parent,
            organisation: String::new(),
        }],
        status: MeetingStatus::Scheduled,
        agenda: Vec::new(),
        outcome: None,
    }
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

#[test]
fn a_meeting_is_coming_until_it_ends_and_one_marked_held_is_past_at_once() {
    let now = at(2026, 11, 23, 9, 30);
    let mut held_this_morning = meeting(4, 2026, 11, 23, 10);
    held_this_morning.status = MeetingStatus::Held;
    let all = [
        meeting(1, 2026, 12, 1, 10),
        meeting(2, 2026, 11, 22, 16),
        // 9:00 to 10:00: going on now, still coming.
        meeting(3, 2026, 11, 23, 9),
        held_this_morning,
    ];
    let next: Vec<_> = upcoming(&all, now).iter().map(|m| m.id).collect();
    assert_eq!(next, [MeetingId::from_u128(3), MeetingId::from_u128(1)]);
    let held: Vec<_> = past(&all, now).iter().map(|m| m.id).collect();
    assert_eq!(held, [MeetingId::from_u128(4), MeetingId::from_u128(2)]);
    // At 10:00 the 9:00 meeting has ended.
    let later = at(2026, 11, 23, 10, 0);
    assert_eq!(all[2].phase(later), MeetingPhase::Held);
    assert_eq!(
        next_meeting(&all, later).map(|m| m.id),
        Some(MeetingId::from_u128(1))
    );
}

#[test]
fn items_are_fixed_from_the_start_and_outcomes_wait_for_it() {
    let mut m = meeting(1, 2026, 11, 23, 10);
    let before = at(2026, 11, 23, 9, 59);
    let start = at(2026, 11, 23, 10, 0);
    assert!(!m.items_fixed(before));
    assert!(m.items_fixed(start));
    assert!(!m.outcomes_recordable(before));
    assert!(m.outcomes_recordable(start));
    // Marked held early: the items are fixed, the outcomes still wait.
    m.status = MeetingStatus::Held;
    assert!(m.items_fixed(before));
    assert!(!m.outcomes_recordable(before));
    m.status = MeetingStatus::Cancelled;
    assert!(m.items_fixed(before));
}

#[test]
fn series_must_be_within_its_plan() {
    assert!(MeetingSeries::new(3, 5).is_ok());
    assert!(MeetingSeries::new(5, 5).is_ok());
    assert_eq!(MeetingSeries::new(0, 5), Err(InvalidSeries));
    assert_eq!(MeetingSeries::new(6, 5), Err(InvalidSeries));
    assert_eq!(
        MeetingSeries::new(3, 5).unwrap().label(Lang::Ja),
        "第3回(全5回予定)"
    );
    assert!(serde_json::from_str::<MeetingSeries>(r#"{"nth":6,"planned":5}"#).is_err());
}

#[test]
fn kinds_and_roles_round_trip_through_their_stored_names() {
    for kind in MeetingKind::ALL {
        assert_eq!(kind.as_str().parse(), Ok(kind));
    }
    for role in MemberRole::ALL {
        assert_eq!(role.as_str().parse(), Ok(role));
    }
    assert_eq!("tea_party".parse::<MeetingKind>(), Err(UnknownMeetingKind));
}

#[test]
fn a_meeting_is_checked_whole() {
    let ok = meeting(1, 2026, 10, 8, 14);
    assert_eq!(ok.check(), Ok(()));
    let problem = |change: fn(&mut Meeting)| {
        let mut m = ok.clone();
        change(&mut m);
        m.check().err()
    };
    assert_eq!(
        problem(|m| m.ends_at = m.starts_at),
        Some(MeetingProblem::EndsBeforeStart)
    );
    assert_eq!(
        problem(|m| m.purpose = "  ".into()),
        Some(MeetingProblem::EmptyPurpose)
    );
    assert_eq!(
        problem(|m| m.purpose = "あ".repeat(501)),
        Some(MeetingProblem::TooLong)
    );
    assert_eq!(
        problem(|m| m.place = String::new()),
        Some(MeetingProblem::NoPlace)
    );
    assert_eq!(
        problem(|m| {
            m.place = String::new();
            m.online_link = Some("https://meet.example/abc".into());
        }),
        None
    );
    assert_eq!(
        problem(|m| m.online_link = Some("http://meet.example".into())),
        Some(MeetingProblem::LinkNotHttps)
    );
    assert_eq!(
        problem(|m| m.members.clear()),
        Some(MeetingProblem::NoMembers)
    );
    assert_eq!(
        problem(|m| m.agenda = vec!["議題".into(); LIST_MAX + 1]),
        Some(MeetingProblem::TooMany)
    );
    assert_eq!(
        problem(|m| m.outcome = Some(crate::meeting_record::MeetingOutcome {
            direction: "方向性".into(),
            roles: Vec::new(),
            next_target: None,
            follow_ups: Vec::new(),
        })),
        Some(MeetingProblem::OutcomeBeforeHeld)
    );
    for problem in [MeetingProblem::NoPlace, MeetingProblem::LinkNotHttps] {
        assert!(!problem.explain(Lang::Ja).is_empty() && !problem.explain(Lang::En).is_empty());
    }
}

#[test]
fn the_next_meeting_skips_cancelled_ones_and_the_last_outcome_is_the_childs() {
    let today = at(2026, 11, 23, 8, 0);
    let mut called_off = meeting(1, 2026, 11, 25, 10);
    called_off.status = MeetingStatus::Cancelled;
    let all = [called_off, meeting(2, 2026, 12, 1, 10)];
    assert_eq!(
        next_meeting(&all, today).map(|m| m.id),
        Some(MeetingId::from_u128(2))
    );
    assert_eq!(
        upcoming(&all, today).len(),
        1,
        "a cancelled meeting is not coming"
    );
    assert_eq!(cancelled(&all, today).len(), 1, "it is listed as cancelled");

    let mut held = meeting(3, 2026, 10, 1, 10);
    held.status = MeetingStatus::Held;
    held.outcome = Some(crate::meeting_record::MeetingOutcome {
        direction: "絵カードを使う".into(),
        roles: Vec::new(),
        next_target: None,
        follow_ups: Vec::new(),
    });
    let mut other_child = held.clone();
    other_child.id = MeetingId::from_u128(4);
    other_child.child_id = ChildId::from_u128(99);
    other_child.starts_at += chrono::Duration::days(7);
    let all = [held, other_child, meeting(2, 2026, 12, 1, 10)];
    let before = all[2].starts_at;
    assert_eq!(
        previous_outcome(&all, all[2].child_id, before).map(|m| m.id),
        Some(MeetingId::from_u128(3))
    );
}

proptest! {
    #[test]
    fn a_meeting_moved_anywhere_is_valid_exactly_when_it_stays_within_its_day(start_min in 0i64..(3 * 24 * 60), length in 1i64..600) {
        let mut m = meeting(1, 2026, 10, 8, 0);
        m.starts_at = NaiveDate::from_ymd_opt(2026, 10, 8).unwrap().and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(start_min);
        m.ends_at = m.starts_at + chrono::Duration::minutes(length);
        let same_day = m.starts_at.date() == m.ends_at.date();
        prop_assert_eq!(m.check().is_ok(), same_day);
    }

    #[test]
    fn every_meeting_is_in_exactly_one_list(meetings in proptest::collection::vec((0i64..800 * 24, 0usize..3), 0..20), now in 0i64..800 * 24) {
        let base = at(2026, 1, 1, 0, 0);
        let all: Vec<Meeting> = meetings.iter().enumerate().map(|(i, (hours, status))| {
            let mut m = meeting(i as u128, 2026, 1, 1, 10);
            m.starts_at = base + chrono::Duration::hours(*hours);
            m.ends_at = m.starts_at + chrono::Duration::minutes(90);
            m.status = MeetingStatus::ALL[*status];
            m
        }).collect();
        let now = base + chrono::Duration::hours(now);
        let next = upcoming(&all, now);
        prop_assert_eq!(next.len() + past(&all, now).len() + cancelled(&all, now).len(), all.len());
        prop_assert!(next.windows(2).all(|w| w[0].starts_at <= w[1].starts_at));
        prop_assert!(next.iter().all(|m| m.status == MeetingStatus::Scheduled && m.ends_at > now));
    }
}
