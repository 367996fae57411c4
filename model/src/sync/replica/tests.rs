//! The rules of `replica`, pinned.

use super::*;
use crate::sync::{
    DELETED, OutboxWrite, PushResult, Round, SavedDevice, Step as RoundStep, SyncedRecord,
};

fn key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::NotebookEntry,
        id: uuid::Uuid::from_u128(n),
    }
}

fn text(t: &str) -> Vec<(String, FieldValue)> {
    vec![("text".to_owned(), FieldValue::Text(t.to_owned()))]
}

#[test]
fn a_local_edit_shows_at_once_and_waits_numbered() {
    let mut r = Replica::new(ClientId::from_u128(1));
    r.edit(key(1), text("質問"), Stamp::at_millis(10, 1))
        .unwrap();
    // Sent (and so sealed) before the next change: that one queues anew.
    r.push_request().unwrap();
    r.edit(key(1), text("質問です"), Stamp::at_millis(11, 1))
        .unwrap();
    assert_eq!(r.record(key(1)).unwrap().text("text"), Some("質問です"));
    let push = r.push_request().unwrap();
    assert_eq!(
        push.mutations.iter().map(|m| m.number).collect::<Vec<_>>(),
        [1, 2]
    );
    // The second was written on top of the first.
    assert_eq!(
        push.mutations[1].changes[0].base,
        Some(Stamp::at_millis(10, 1))
    );
}

#[test]
fn a_trashed_entry_leaves_the_notebook_for_the_trash_and_comes_back() {
    use crate::sync::TRASHED;
    let mut r = Replica::new(ClientId::from_u128(1));
    r.edit(key(1), text("質問"), Stamp::at_millis(10, 1))
        .unwrap();
    r.push_request();
    r.edit(
        key(1),
        vec![(TRASHED.to_owned(), FieldValue::Bool(true))],
        Stamp::at_millis(11, 1),
    )
    .unwrap();
    assert!(r.record(key(1)).is_none());
    assert!(r.records(RecordType::NotebookEntry).is_empty());
    assert_eq!(
        r.trashed(RecordType::NotebookEntry)[0].text("text"),
        Some("質問")
    );
    r.edit(
        key(1),
        vec![(TRASHED.to_owned(), FieldValue::Bool(false))],
        Stamp::at_millis(12, 1),
    )
    .unwrap();
    assert_eq!(r.record(key(1)).unwrap().text("text"), Some("質問"));
    assert!(r.trashed(RecordType::NotebookEntry).is_empty());
}

#[test]
fn a_long_queue_goes_in_pushes_that_each_fit_the_servers_limit() {
    let mut r = Replica::new(ClientId::from_u128(1));
    for i in 0..100u128 {
        r.edit(key(i), text(&"あ".repeat(3990)), Stamp::at_millis(10, 1))
            .unwrap();
    }
    let mut sent = 0;
    while let Some(push) = r.push_request() {
        assert!(serde_json::to_string(&push).unwrap().len() <= PUSH_BYTES);
        let response = PushResponse {
            results: push
                .mutations
                .iter()
                .map(|m| PushResult {
                    client: m.client,
                    number: m.number,
                    outcome: Outcome::Applied,
                })
                .collect(),
        };
        sent += push.mutations.len();
        r.on_push_response(&response);
    }
    assert_eq!(sent, 100);
}

#[test]
fn typing_rewrites_the_unsent_change_and_never_a_sent_one() {
    let mut r = Replica::new(ClientId::from_u128(1));
    r.edit(key(1), text("こ"), Stamp::at_millis(10, 1)).unwrap();
    r.edit(key(1), text("こん"), Stamp::at_millis(11, 1))
        .unwrap();
    assert_eq!(r.outbox.len(), 1);
    assert_eq!(r.outbox[0].at, Stamp::at_millis(11, 1));
    let sent = r.push_request().unwrap();
    r.edit(key(1), text("こんに"), Stamp::at_millis(12, 1))
        .unwrap();
    assert_eq!(r.outbox.len(), 2, "the sent change is left as sent");
    assert_eq!(r.outbox[0], sent.mutations[0]);
    assert_eq!(r.record(key(1)).unwrap().text("text"), Some("こんに"));
    // Another field is another change.
    let kind = vec![("kind".to_owned(), FieldValue::Text("wish".into()))];
    r.edit(key(1), kind, Stamp::at_millis(13, 1)).unwrap();
    assert_eq!(r.outbox.len(), 3);
}

#[test]
fn refused_values_queue_nothing() {
    let mut r = Replica::new(ClientId::from_u128(1));
    let bad = vec![("kind".to_owned(), FieldValue::Text("nonsense".into()))];
    assert!(r.edit(key(1), bad, Stamp::at_millis(10, 1)).is_err());
    assert!(r.push_request().is_none());
    assert_eq!(r.next_number, 1);
}

#[test]
fn acknowledged_changes_stay_shown_and_refused_ones_are_kept_aside() {
    let client = ClientId::from_u128(1);
    let mut r = Replica::new(client);
    r.edit(key(1), text("a"), Stamp::at_millis(10, 1)).unwrap();
    r.edit(key(2), text("b"), Stamp::at_millis(11, 1)).unwrap();
    r.on_push_response(&PushResponse {
        results: vec![
            PushResult {
                client,
                number: 1,
                outcome: Outcome::Applied,
            },
            PushResult {
                client,
                number: 2,
                outcome: Outcome::Rejected {
                    refusal: Refusal::TooFarAhead,
                },
            },
        ],
    });
    assert!(r.outbox.is_empty());
    assert_eq!(r.record(key(1)).unwrap().text("text"), Some("a"));
    assert!(r.record(key(2)).is_none());
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(
        r.rejected[0].mutation.changes[0].value,
        FieldValue::Text("b".into())
    );
}

fn owner() -> PersonId {
    PersonId::from_u128(9)
}

fn field(value: FieldValue, millis: u64) -> crate::sync::FieldState {
    crate::sync::FieldState::new(crate::sync::Version {
        value,
        at: Stamp::at_millis(millis, 2),
        base: None,
    })
}

#[test]
fn pulled_tombstones_and_forgotten_records_disappear_and_late_copies_stay_away() {
    let mut r = Replica::new(ClientId::from_u128(1));
    let mut fields = Fields::new();
    fields.insert("text".into(), field(FieldValue::Text("x".into()), 5));
    let old_page = PullPage {
        records: vec![
            SyncedRecord {
                key: key(1),
                owner: owner(),
                fields: fields.clone(),
            },
            SyncedRecord {
                key: key(2),
                owner: owner(),
                fields,
            },
        ],
        cursor: 7,
        ..PullPage::default()
    };
    let newest = r.on_pull(&old_page);
    assert_eq!(newest, Some(Stamp::at_millis(5, 2)));
    assert_eq!(r.records(RecordType::NotebookEntry).len(), 2);
    assert_eq!(r.record(key(1)).unwrap().owner, Some(owner()));
    let mut tombstone = Fields::new();
    tombstone.insert(DELETED.into(), field(FieldValue::Bool(true), 6));
    r.on_pull(&PullPage {
        tombstones: vec![SyncedRecord {
            key: key(1),
            owner: owner(),
            fields: tombstone,
        }],
        forget: vec![key(2)],
        cursor: 9,
        ..PullPage::default()
    });
    assert!(r.records(RecordType::NotebookEntry).is_empty());
    assert_eq!(r.confirmed[&key(1)].len(), 1, "only the deletion is kept");
    assert_eq!(r.cursor, 9);
    // The old page arrives again, late: the deleted entry stays deleted.
    r.on_pull(&old_page);
    assert!(r.record(key(1)).is_none());
    assert_eq!(r.cursor, 9);
}

#[test]
fn a_gap_the_device_cannot_fill_renumbers_what_waits() {
    let client = ClientId::from_u128(1);
    let mut r = Replica::new(client);
    r.next_number = 5;
    r.edit(key(1), text("a"), Stamp::at_millis(10, 1)).unwrap();
    r.on_push_response(&PushResponse {
        results: vec![PushResult {
            client,
            number: 5,
            outcome: Outcome::Gap { expected: 3 },
        }],
    });
    assert_eq!(r.outbox[0].number, 3);
    assert_eq!(r.next_number, 4);
}

/// One step of a person editing one entry while the device saves and syncs.
#[derive(Debug, Clone)]
enum Step {
    /// Typing `n` into field `field` (text, tags, child, kind).
    Edit { field: usize, n: u8 },
    /// The page reloads: the device reads back what it saved.
    Reload,
    /// The sync round takes its next step: a push leaves (sealed from now on)
    /// or a page is pulled.
    Sync,
    /// The server's answer to the push in flight arrives.
    Answer,
    /// The push reached the server, but its answer is lost on the way back.
    LoseAnswer,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0usize..4, any::<u8>()).prop_map(|(field, n)| Step::Edit { field, n }),
        1 => Just(Step::Reload),
        2 => Just(Step::Sync),
        1 => Just(Step::Answer),
        1 => Just(Step::LoseAnswer),
    ]
}

const FIELDS: [&str; 4] = ["text", "tags", "child", "kind"];

fn value_of(field: usize, n: u8) -> FieldValue {
    match field {
        0 => FieldValue::Text(format!("文章{n}")),
        1 => FieldValue::Text(format!("[\"タグ{n}\"]")),
        2 => FieldValue::Text(uuid::Uuid::from_u128(u128::from(n) + 1).to_string()),
        _ => FieldValue::Text(crate::sync::NOTEBOOK_KINDS[usize::from(n) % 5].to_owned()),
    }
}

/// A server that applies each change once, as ours does: a change it has
/// already applied is answered "already applied", whatever it now says.
struct Server {
    fields: Fields,
    applied: BTreeSet<(ClientId, u64)>,
}

impl Server {
    fn apply(&mut self, request: &PushRequest) -> PushResponse {
        PushResponse {
            results: request
                .mutations
                .iter()
                .map(|m| {
                    let outcome = if self.applied.insert((m.client, m.number)) {
                        apply_mutation(&mut self.fields, m);
                        Outcome::Applied
                    } else {
                        Outcome::AlreadyApplied
                    };
                    PushResult {
                        client: m.client,
                        number: m.number,
                        outcome,
                    }
                })
                .collect(),
        }
    }

    fn page(&self, cursor: u64) -> PullPage {
        PullPage {
            records: vec![SyncedRecord {
                key: key(1),
                owner: owner(),
                fields: self.fields.clone(),
            }],
            cursor: cursor + 1,
            ..PullPage::default()
        }
    }
}

/// A device as the app runs it: every change saved as it is made, sync rounds
/// driven step by step.
struct Device {
    replica: Replica,
    saved: SavedDevice,
    round: Round,
    in_flight: Option<PushRequest>,
}

impl Device {
    fn sync_step(&mut self, server: &Server) {
        if self.in_flight.is_some() {
            return;
        }
        match self.round.next(&mut self.replica) {
            RoundStep::Push(request) => self.in_flight = Some(request),
            RoundStep::Pull { cursor } => {
                let taken = self.round.on_pull(&mut self.replica, &server.page(cursor));
                self.saved.apply(&taken.save);
            }
            RoundStep::Done => self.round = Round::new(),
        }
    }

    fn answer(&mut self, server: &mut Server) {
        if let Some(request) = self.in_flight.take() {
            let response = server.apply(&request);
            let taken = self.round.on_push(&mut self.replica, &request, &response);
            self.saved.apply(&taken.save);
        }
    }
}

proptest::proptest! {
    /// Whatever the order of typing in different fields, reloads, sync steps
    /// and lost answers, each field ends with the person's last edit of it, on
    /// the device and on the server.
    #[test]
    fn every_fields_last_edit_survives_reloads_sync_rounds_and_lost_answers(steps in proptest::collection::vec(step(), 1..60)) {
        let client = ClientId::from_u128(1);
        let mut device = Device {
            replica: Replica::new(client),
            saved: SavedDevice::default(),
            round: Round::new(),
            in_flight: None,
        };
        let mut server = Server { fields: Fields::new(), applied: BTreeSet::new() };
        let mut last: [Option<FieldValue>; 4] = Default::default();
        let mut millis = 1_000;
        for step in steps {
            millis += 1;
            match step {
                Step::Edit { field, n } => {
                    let value = value_of(field, n);
                    device.replica
                        .edit(key(1), vec![(FIELDS[field].to_owned(), value.clone())], Stamp::at_millis(millis, 1))
                        .unwrap();
                    device.saved.apply(&device.replica.save_batch(&[], OutboxWrite::Newest));
                    last[field] = Some(value);
                }
                Step::Reload => {
                    let restored = device.saved.load(|| ClientId::from_u128(99));
                    proptest::prop_assert_eq!(restored.record(key(1)), device.replica.record(key(1)), "the reload shows what was there");
                    device.replica = restored;
                    // The request in flight is lost with the page; its answer
                    // never arrives, and the round starts again.
                    device.in_flight = None;
                    device.round = Round::new();
                }
                Step::Sync => device.sync_step(&server),
                Step::Answer => device.answer(&mut server),
                Step::LoseAnswer => {
                    if let Some(request) = device.in_flight.take() {
                        server.apply(&request);
                        device.round = Round::new();
                    }
                }
            }
            let shown = device.replica.record(key(1));
            for (field, value) in last.iter().enumerate() {
                if let Some(value) = value {
                    let now = shown.as_ref().and_then(|r| r.fields.get(FIELDS[field])).map(|f| f.current().value.clone());
                    proptest::prop_assert_eq!(now.as_ref(), Some(value), "field {} on the device", FIELDS[field]);
                }
            }
        }
        // The network heals: rounds run to their end until nothing waits.
        device.answer(&mut server);
        for _ in 0..100 {
            device.round = Round::new();
            loop {
                device.sync_step(&server);
                device.answer(&mut server);
                if device.round == Round::new() {
                    break;
                }
            }
            if device.replica.outbox.is_empty() {
                break;
            }
        }
        proptest::prop_assert!(device.replica.outbox.is_empty(), "everything was sent");
        for (field, value) in last.iter().enumerate() {
            if let Some(value) = value {
                proptest::prop_assert_eq!(&server.fields[FIELDS[field]].current().value, value, "field {} on the server", FIELDS[field]);
                let shown = device.replica.record(key(1)).unwrap();
                proptest::prop_assert_eq!(&shown.fields[FIELDS[field]].current().value, value);
            }
        }
    }
}
