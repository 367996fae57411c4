//! A device's sync state: what the server confirmed, what waits to be sent, and
//! what the server refused. What the person sees is the confirmed state with the
//! waiting changes merged on top, so nothing typed disappears while it travels.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::PersonId;

use super::{
    ClientId, FieldChange, FieldValue, Fields, Mutation, Outcome, PUSH_BATCH, PUSH_BYTES, PullPage,
    PushRequest, PushResponse, RecordKey, RecordType, Refusal, Stamp, apply_mutation,
    erase_deleted, is_deleted, is_trashed,
};

/// A record as shown: its key, owner and merged fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub key: RecordKey,
    /// `None` until the server has confirmed it: made on this device, so this
    /// device's person's.
    pub owner: Option<PersonId>,
    pub fields: Fields,
}

impl Record {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field)?.current().value.as_text()
    }

    /// Other versions of a free-text field, written concurrently (a conflict).
    pub fn conflicting(&self, field: &str) -> Vec<&str> {
        self.fields
            .get(field)
            .map(|f| {
                f.conflicting()
                    .iter()
                    .filter_map(|v| v.value.as_text())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A change the server refused, kept for the person to see and act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejected {
    pub mutation: Mutation,
    pub refusal: Refusal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Replica {
    pub client: ClientId,
    /// The number the next local change gets.
    pub next_number: u64,
    /// Where the next pull starts.
    pub cursor: u64,
    /// What the server holds; a deleted record keeps only its `deleted` field.
    pub confirmed: BTreeMap<RecordKey, Fields>,
    /// Who owns each confirmed record.
    #[serde(default)]
    pub owners: BTreeMap<RecordKey, PersonId>,
    /// Local changes not yet acknowledged, in number order.
    pub outbox: Vec<Mutation>,
    pub rejected: Vec<Rejected>,
    /// Changes up to this number may already be on their way: never rewritten.
    #[serde(default)]
    pub sealed_through: u64,
}

impl Replica {
    pub fn new(client: ClientId) -> Self {
        Self {
            client,
            next_number: 1,
            cursor: 0,
            confirmed: BTreeMap::new(),
            owners: BTreeMap::new(),
            outbox: Vec::new(),
            rejected: Vec::new(),
            sealed_through: 0,
        }
    }

    /// The record as the person sees it, unless deleted or unknown.
    pub fn record(&self, key: RecordKey) -> Option<Record> {
        let mut fields = self.confirmed.get(&key).cloned().unwrap_or_default();
        let mut pending = false;
        for mutation in self.outbox.iter().filter(|m| m.record == key) {
            apply_mutation(&mut fields, mutation);
            pending = true;
        }
        let known = pending || self.confirmed.contains_key(&key);
        (known && !is_deleted(&fields) && !is_trashed(&fields)).then_some(Record {
            key,
            owner: self.owners.get(&key).copied(),
            fields,
        })
    }

    /// The entries in this person's trash (hidden from `record` and `records`).
    pub fn trashed(&self, record_type: RecordType) -> Vec<Record> {
        let keys: BTreeSet<RecordKey> = self
            .confirmed
            .keys()
            .chain(self.outbox.iter().map(|m| &m.record))
            .filter(|k| k.record_type == record_type)
            .copied()
            .collect();
        keys.into_iter()
            .filter_map(|key| {
                let mut fields = self.confirmed.get(&key).cloned().unwrap_or_default();
                for mutation in self.outbox.iter().filter(|m| m.record == key) {
                    apply_mutation(&mut fields, mutation);
                }
                (is_trashed(&fields) && !is_deleted(&fields)).then(|| Record {
                    key,
                    owner: self.owners.get(&key).copied(),
                    fields,
                })
            })
            .collect()
    }

    /// Every shown record of a type.
    pub fn records(&self, record_type: RecordType) -> Vec<Record> {
        let keys: BTreeSet<RecordKey> = self
            .confirmed
            .keys()
            .chain(self.outbox.iter().map(|m| &m.record))
            .filter(|k| k.record_type == record_type)
            .copied()
            .collect();
        keys.into_iter().filter_map(|k| self.record(k)).collect()
    }

    /// Records a local change and queues it. Each field's base is the version the
    /// person was looking at. Refused (and nothing queued) if a value is not allowed.
    pub fn edit(
        &mut self,
        key: RecordKey,
        values: Vec<(String, FieldValue)>,
        at: Stamp,
    ) -> Result<&Mutation, Refusal> {
        if values.is_empty() {
            return Err(Refusal::Empty);
        }
        for (field, value) in &values {
            key.record_type.check(field, value)?;
        }
        // Typing: while the last queued change to these same fields has not been
        // sent, it takes the new values instead of queuing one change per keystroke.
        // It keeps its bases (what the person started from) and takes the new stamp.
        if let Some(last) = self.outbox.last_mut().filter(|m| {
            m.record == key
                && m.number > self.sealed_through
                && m.changes.len() == values.len()
                && m.changes
                    .iter()
                    .zip(&values)
                    .all(|(c, (f, _))| c.field == *f)
        }) {
            for (change, (_, value)) in last.changes.iter_mut().zip(values) {
                change.value = value;
            }
            last.at = at;
            return Ok(self.outbox.last().expect("just changed"));
        }
        let shown = self.record(key).map(|r| r.fields).unwrap_or_default();
        let changes = values
            .into_iter()
            .map(|(field, value)| FieldChange {
                base: shown.get(&field).map(|f| f.base_for_edit()),
                field,
                value,
            })
            .collect();
        let mutation = Mutation {
            client: self.client,
            number: self.next_number,
            at,
            record: key,
            changes,
        };
        self.next_number += 1;
        self.outbox.push(mutation);
        Ok(self.outbox.last().expect("just pushed"))
    }

    /// The next batch to push, oldest first; `None` when nothing waits. What it
    /// holds is sealed: later typing queues new changes instead of rewriting these.
    /// At most `PUSH_BATCH` changes and `PUSH_BYTES` of JSON (always at least one).
    pub fn push_request(&mut self) -> Option<PushRequest> {
        // The request's own wrapping and the commas between changes.
        let mut bytes = 32;
        let mut mutations: Vec<Mutation> = Vec::new();
        for m in self.outbox.iter().take(PUSH_BATCH) {
            bytes += m.json_bytes() + 1;
            if bytes > PUSH_BYTES && !mutations.is_empty() {
                break;
            }
            mutations.push(m.clone());
        }
        let last = mutations.last()?.number;
        self.sealed_through = self.sealed_through.max(last);
        Some(PushRequest { mutations })
    }

    /// Takes in the server's answers. Applied changes join the confirmed state at
    /// once (the server holds them now); refused ones move to `rejected`.
    pub fn on_push_response(&mut self, response: &PushResponse) {
        for result in response.results.iter().filter(|r| r.client == self.client) {
            let Some(at) = self.outbox.iter().position(|m| m.number == result.number) else {
                continue;
            };
            match &result.outcome {
                Outcome::Applied | Outcome::AlreadyApplied => {
                    let mutation = self.outbox.remove(at);
                    let fields = self.confirmed.entry(mutation.record).or_default();
                    apply_mutation(fields, &mutation);
                }
                Outcome::Rejected { refusal } => {
                    let mutation = self.outbox.remove(at);
                    self.rejected.push(Rejected {
                        mutation,
                        refusal: refusal.clone(),
                    });
                }
                Outcome::Gap { expected } => {
                    // The server never got the numbers from `expected` up to this
                    // one, and this device no longer has them (its storage was
                    // cleared): what waits is renumbered to follow on.
                    if self.outbox.first().is_some_and(|m| m.number > *expected) {
                        for (i, m) in self.outbox.iter_mut().enumerate() {
                            m.number = expected + i as u64;
                        }
                        self.next_number = expected + self.outbox.len() as u64;
                        self.sealed_through = 0;
                    }
                }
            }
        }
    }

    /// Takes in a pulled page. Returns the newest stamp in it, for the clock.
    pub fn on_pull(&mut self, page: &PullPage) -> Option<Stamp> {
        let mut newest = None;
        for record in page.records.iter().chain(&page.tombstones) {
            self.owners.insert(record.key, record.owner);
            let fields = self.confirmed.entry(record.key).or_default();
            for (name, state) in &record.fields {
                let free_text = record.key.record_type.is_free_text(name);
                match fields.get_mut(name) {
                    Some(mine) => {
                        mine.merge_state(state, free_text);
                    }
                    None => {
                        fields.insert(name.clone(), state.clone());
                    }
                }
                newest = newest.max(state.versions().iter().map(|v| v.at).max());
            }
            erase_deleted(fields);
        }
        for key in &page.forget {
            self.confirmed.remove(key);
            self.owners.remove(key);
        }
        self.cursor = self.cursor.max(page.cursor);
        newest
    }

    /// A refused change the person has seen and let go (or copied elsewhere).
    pub fn dismiss_rejected(&mut self, number: u64) {
        self.rejected.retain(|r| r.mutation.number != number);
    }
}

#[cfg(test)]
mod tests {
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
}
