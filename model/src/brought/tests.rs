//! The rules of `brought`, pinned.

use super::*;
use crate::records::testing::{all_accepted, apply};
use crate::sync::{FieldState, Stamp, Version};
use proptest::prelude::*;

#[test]
fn the_parents_and_the_teams_fields_are_the_record_types() {
    let mut known: Vec<&str> = RecordType::BroughtItem
        .fields()
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let mut named = [PARENT_FIELDS, TEAM_FIELDS].concat();
    known.sort_unstable();
    named.sort_unstable();
    assert_eq!(named, known);
}

fn an_outcome() -> impl Strategy<Value = Option<ItemOutcome>> {
    prop_oneof![
        Just(None),
        "\\PC{1,20}".prop_map(|answer| Some(ItemOutcome::Answered { answer })),
        (any::<u128>(), prop::option::of(any::<u128>())).prop_map(|(g, p)| Some(
            ItemOutcome::BecameGoal {
                goal: GoalId::from_u128(g),
                plan: p.map(PlanId::from_u128),
            }
        )),
        Just(Some(ItemOutcome::Carried)),
        "\\PC{1,20}".prop_map(|reason| Some(ItemOutcome::SetAside { reason })),
    ]
}

proptest! {
    #[test]
    fn an_items_changes_read_back_as_the_item_and_keep_other_fields(
        meeting in any::<u128>(),
        entry in prop::option::of(any::<u128>()),
        wording in "\\PC{0,40}",
        position in any::<i64>(),
        withdrawn in any::<bool>(),
        outcome in an_outcome(),
    ) {
        let item = BroughtItem {
            id: uuid::Uuid::from_u128(3),
            owner: PersonId::from_u128(1),
            meeting: MeetingId::from_u128(meeting),
            entry: entry.map(uuid::Uuid::from_u128),
            wording,
            position,
            withdrawn,
            outcome,
        };
        let changes = item.changes();
        all_accepted(RecordType::BroughtItem, &changes);
        prop_assert!(changes.iter().all(|(f, _)| PARENT_FIELDS.contains(&f.as_str())));
        let mut fields = Fields::new();
        apply(&mut fields, vec![("mood".into(), FieldValue::Bool(true))], Stamp::at_millis(1, 1));
        apply(&mut fields, changes, Stamp::at_millis(2, 1));
        if let Some(outcome) = &item.outcome {
            apply(&mut fields, outcome.fields(), Stamp::at_millis(3, 1));
        }
        prop_assert_eq!(BroughtItem::read(item.id, Some(item.owner), &fields), Some(item.clone()));
        prop_assert_eq!(BroughtItem::read(item.id, None, &fields), None);
        prop_assert!(fields.contains_key("mood"));
    }
}

fn record(values: Vec<(String, FieldValue)>) -> Fields {
    values
        .into_iter()
        .map(|(name, value)| {
            let v = Version {
                value,
                at: Stamp::at_millis(1, 1),
                base: None,
            };
            (name, FieldState::new(v))
        })
        .collect()
}

fn item(n: u128, meeting: u128, entry: u128, position: i64) -> Fields {
    record(vec![
        (
            "meeting".into(),
            FieldValue::Text(MeetingId::from_u128(meeting).to_string()),
        ),
        (
            "entry".into(),
            FieldValue::Text(uuid::Uuid::from_u128(entry).to_string()),
        ),
        ("wording".into(), FieldValue::Text(format!("項目{n}"))),
        ("position".into(), FieldValue::Int(position)),
        ("withdrawn".into(), FieldValue::Bool(false)),
    ])
}

fn read(n: u128, fields: &Fields) -> BroughtItem {
    BroughtItem::from_fields(uuid::Uuid::from_u128(n), PersonId::from_u128(1), fields).unwrap()
}

#[test]
fn every_outcome_goes_through_its_fields_and_back() {
    let outcomes = [
        ItemOutcome::Answered {
            answer: "園で試します".into(),
        },
        ItemOutcome::BecameGoal {
            goal: GoalId::from_u128(5),
            plan: Some(PlanId::from_u128(8)),
        },
        ItemOutcome::BecameGoal {
            goal: GoalId::from_u128(5),
            plan: None,
        },
        ItemOutcome::Carried,
        ItemOutcome::SetAside {
            reason: "今年度は見送り".into(),
        },
    ];
    for outcome in outcomes {
        let fields = outcome.fields();
        for (name, value) in &fields {
            assert_eq!(RecordType::BroughtItem.check(name, value), Ok(()), "{name}");
            assert!(TEAM_FIELDS.contains(&name.as_str()));
        }
        let mut all = item(1, 1, 1, 0);
        all.extend(record(fields));
        assert_eq!(read(1, &all).outcome, Some(outcome));
    }
    assert_eq!(
        ItemOutcome::Answered { answer: " ".into() }.check(),
        Err(OutcomeProblem::EmptyAnswer)
    );
    assert_eq!(
        ItemOutcome::SetAside {
            reason: String::new()
        }
        .check(),
        Err(OutcomeProblem::EmptyReason)
    );
}

#[test]
fn a_linked_goal_reads_as_it_stands_in_the_plan_it_was_linked_to() {
    use crate::plan::{GoalStatus, PlanKind, PlanPeriod};
    use crate::{ChildId, SchoolYear};
    let goal = GoalId::from_u128(5);
    let plan = |n: u128, year: i32, text: &str| {
        let mut p = PlanSummary::draft(
            PlanId::from_u128(n),
            ChildId::from_u128(1),
            PlanKind::SupportPlan,
            PlanPeriod {
                year: SchoolYear::starting_in(year),
                term: None,
            },
        );
        p.goals.push(PlanGoal {
            id: goal,
            text: text.into(),
            status: GoalStatus::Revised,
        });
        p
    };
    let plans = [
        plan(
            2,
            2026,
            "困ったときに、先生や友だちに『てつだって』と言葉やカードで伝える",
        ),
        plan(1, 2025, "困ったときに『てつだって』と伝える"),
    ];
    let (linked, g) = linked_goal(&plans, goal, Some(PlanId::from_u128(1))).unwrap();
    assert_eq!(
        (linked.id, g.text.as_str()),
        (PlanId::from_u128(1), "困ったときに『てつだって』と伝える")
    );
    let (linked, g) = linked_goal(&plans, goal, Some(PlanId::from_u128(2))).unwrap();
    assert_eq!(linked.id, PlanId::from_u128(2));
    assert!(g.text.contains("言葉やカード"));
    // Recorded before plans were named: the latest plan's wording.
    let (linked, _) = linked_goal(&plans, goal, None).unwrap();
    assert_eq!(linked.id, PlanId::from_u128(2));
    assert!(linked_goal(&plans, GoalId::from_u128(6), None).is_none());
    assert!(linked_goal(&plans, goal, Some(PlanId::from_u128(3))).is_none());
}

#[test]
fn the_agenda_is_in_the_parents_order_without_withdrawn_items() {
    let mut withdrawn = item(3, 1, 3, 0);
    withdrawn.extend(record(vec![("withdrawn".into(), FieldValue::Bool(true))]));
    let items = vec![
        read(1, &item(1, 1, 1, 2)),
        read(2, &item(2, 1, 2, 1)),
        read(3, &withdrawn),
        read(4, &item(4, 9, 4, 0)),
    ];
    let order: Vec<u128> = agenda(&items, MeetingId::from_u128(1))
        .iter()
        .map(|i| i.id.as_u128())
        .collect();
    assert_eq!(order, [2, 1]);
}

#[test]
fn an_entry_is_open_until_resolved_and_private_when_never_brought() {
    let entry = uuid::Uuid::from_u128(1);
    let pending = read(1, &item(1, 1, 1, 0));
    let held = |_: MeetingId| true;
    let coming = |_: MeetingId| false;
    assert_eq!(entry_status(entry, &[], held), EntryStatus::Private);
    assert_eq!(
        entry_status(entry, std::slice::from_ref(&pending), coming),
        EntryStatus::Brought
    );
    assert_eq!(
        entry_status(entry, std::slice::from_ref(&pending), held),
        EntryStatus::Open
    );
    let mut carried = pending.clone();
    carried.outcome = Some(ItemOutcome::Carried);
    assert!(carried.is_open(true));
    let mut answered = pending.clone();
    answered.outcome = Some(ItemOutcome::Answered {
        answer: "はい".into(),
    });
    assert!(!answered.is_open(true));
    assert_eq!(
        entry_status(entry, &[carried, answered], held),
        EntryStatus::Resolved
    );
    let mut withdrawn = pending;
    withdrawn.withdrawn = true;
    assert_eq!(
        entry_status(entry, &[withdrawn], coming),
        EntryStatus::Private
    );
}
