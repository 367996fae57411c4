//! The device's side of sync. Screens read and write only the local replica
//! (kept in IndexedDB) and never wait on the network; this module pushes what
//! waits and pulls what changed: at start, when the connection returns, when the
//! app comes back to the front, shortly after a change, every minute while open,
//! and when the person asks.

mod store;

use std::{cell::RefCell, collections::BTreeSet, rc::Rc, time::Duration};

use leptos::{prelude::*, task::spawn_local};
use tsunagu_model::{
    PersonId,
    sync::{
        ClientId, Clock, FieldValue, NTP64, OutboxWrite, Record, RecordKey, RecordType, Refusal,
        Rejected, Replica, Round, RoundEnd, SaveBatch, Standing, Step, Taken, after_round,
        physical_millis,
    },
};
use wasm_bindgen::{JsCast, closure::Closure};

use crate::{
    api::{self, FetchError},
    storage,
};
pub use store::{Store, StoreError};

/// Who this device last synced for; cleared on sign-out so the next person to
/// pick up the device sees nothing of the last one's.
const PERSON_KEY: &str = "tsunagu.person";
/// A change is sent this long after the last keystroke.
const DEBOUNCE: Duration = Duration::from_millis(800);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    /// Nobody signed in on this device (nothing to sync).
    Idle,
    Starting,
    Syncing(usize),
    Synced,
    /// Changes wait; the server cannot be reached.
    Offline(usize),
    /// The session ended: the changes wait for the person to sign in again.
    SignInAgain(usize),
    /// The server answered with an error; a retry is scheduled.
    Problem(usize),
    /// This browser does not let the app keep data (private mode, storage off).
    NoStorage,
}

struct Engine {
    person: PersonId,
    store: Store,
    replica: RefCell<Replica>,
    clock: Clock,
    running: std::cell::Cell<bool>,
    again: std::cell::Cell<bool>,
}

fn browser_clock() -> NTP64 {
    physical_millis(js_sys::Date::now() as u64)
}

fn new_client_id() -> ClientId {
    ClientId(new_record_id())
}

/// A fresh random (version 4) id for something made on this device, offline too.
pub fn new_record_id() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&random_u64().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Every browser this app runs in has crypto; should one not, ids must
        // still differ between devices.
        let noise = (js_sys::Math::random() * u64::MAX as f64) as u64;
        return noise ^ (js_sys::Date::now() as u64);
    }
    u64::from_le_bytes(bytes)
}

#[derive(Clone, Copy)]
pub struct Sync {
    engine: StoredValue<Option<Rc<Engine>>, LocalStorage>,
    /// Whose store is being opened: a second start for the same person while
    /// the first is still opening would leave a second connection open, and a
    /// later "remove from this device" would wait on it.
    opening: StoredValue<Option<PersonId>, LocalStorage>,
    timer: StoredValue<Option<i32>, LocalStorage>,
    pub status: RwSignal<SyncStatus>,
    /// Moves on when someone's data opens or closes on this device.
    opened: RwSignal<u64>,
    /// One per record type, moved on only when records of that type may have
    /// changed: a sync round that brings nothing new re-renders nothing, and an
    /// edit of an entry does not make the meetings be read again. Views read
    /// through memos, so a record whose value stayed the same changes nothing.
    changed: [RwSignal<u64>; RecordType::ALL.len()],
    rejected_changed: RwSignal<u64>,
}

fn type_index(record_type: RecordType) -> usize {
    RecordType::ALL
        .iter()
        .position(|t| *t == record_type)
        .unwrap_or_default()
}

impl Sync {
    pub fn provide() -> Self {
        let this = Self {
            engine: StoredValue::new_local(None),
            opening: StoredValue::new_local(None),
            timer: StoredValue::new_local(None),
            status: RwSignal::new(SyncStatus::Idle),
            opened: RwSignal::new(0),
            changed: std::array::from_fn(|_| RwSignal::new(0)),
            rejected_changed: RwSignal::new(0),
        };
        provide_context(this);
        // Offline at start: open the last person's data without asking the server.
        if let Some(person) = storage::get(PERSON_KEY).and_then(|p| p.parse().ok()) {
            this.start_for(person);
        }
        this.listen_for_connection();
        this
    }

    /// The signed-in person is known (or confirmed): sync their data.
    pub fn start_for(self, person: PersonId) {
        if self
            .engine
            .with_value(|e| e.as_ref().is_some_and(|e| e.person == person))
        {
            self.sync_soon(Duration::ZERO);
            return;
        }
        if self.opening.get_value() == Some(person) {
            return;
        }
        self.opening.set_value(Some(person));
        storage::set(PERSON_KEY, &person.to_string());
        self.status.set(SyncStatus::Starting);
        spawn_local(async move {
            let opened = async {
                let store = Store::open(person).await?;
                let replica = store.load(new_client_id).await?;
                Ok::<_, StoreError>((store, replica))
            };
            let opened = opened.await;
            let still_wanted = self.opening.get_value() == Some(person);
            self.opening.set_value(None);
            if !still_wanted {
                // Signed out (or someone else signed in) while it opened; the
                // store closes as it drops.
                return;
            }
            match opened {
                Ok((store, replica)) => {
                    let clock = Clock::new(replica.client, browser_clock);
                    if let Some(newest) = replica.newest_stamp() {
                        // A stamp too far ahead came from a server whose clock
                        // was off; this clock does not follow it (as on a pull).
                        let _ = clock.observe(newest);
                    }
                    self.engine.set_value(Some(Rc::new(Engine {
                        person,
                        store,
                        replica: RefCell::new(replica),
                        clock,
                        running: Default::default(),
                        again: Default::default(),
                    })));
                    self.opened.update(|r| *r += 1);
                    self.sync_soon(Duration::ZERO);
                }
                Err(error) => {
                    web_sys::console::warn_2(&"local store unavailable:".into(), &error.0.into());
                    self.status.set(SyncStatus::NoStorage);
                }
            }
        });
    }

    /// Signed out on purpose: this device stops showing the person's data. It stays
    /// in the browser, queued changes included, for when they sign in again.
    pub fn sign_out(self) {
        storage::remove(PERSON_KEY);
        self.opening.set_value(None);
        self.engine.set_value(None);
        self.status.set(SyncStatus::Idle);
        self.opened.update(|r| *r += 1);
    }

    /// Changes made on this device that the server has not yet received.
    pub fn waiting(self) -> usize {
        self.track_all();
        self.engine
            .with_value(|e| e.as_ref().map_or(0, |e| e.replica.borrow().outbox.len()))
    }

    /// How many records of a type this device holds.
    pub fn count(self, record_type: RecordType) -> usize {
        self.records(record_type).len()
    }

    /// Removes this person's data from the device (the local store and what is
    /// cached), refused while changes still wait to be sent: they would be lost.
    pub async fn erase_device(self) -> Result<(), usize> {
        let Some(engine) = self.engine.get_value() else {
            return Ok(());
        };
        let waiting = engine.replica.borrow().outbox.len();
        if waiting > 0 {
            return Err(waiting);
        }
        self.sign_out();
        if let Err(error) = engine.store.erase().await {
            web_sys::console::warn_2(&"could not remove the local store:".into(), &error.0.into());
        }
        Ok(())
    }

    fn track_all(self) {
        self.opened.track();
        for changed in self.changed {
            changed.track();
        }
    }

    /// Whose data is open on this device (re-read when it opens or closes).
    pub fn person(self) -> Option<PersonId> {
        self.opened.track();
        self.engine.with_value(|e| e.as_ref().map(|e| e.person))
    }

    pub fn is_open(self) -> bool {
        self.opened.track();
        self.engine.with_value(Option::is_some)
    }

    /// Tells the views reading these record types to read them again.
    fn touch(self, types: impl IntoIterator<Item = RecordType>) {
        let types: BTreeSet<RecordType> = types.into_iter().collect();
        for record_type in types {
            self.changed[type_index(record_type)].update(|r| *r += 1);
        }
    }

    fn track(self, record_type: RecordType) {
        self.opened.track();
        self.changed[type_index(record_type)].track();
    }

    /// The shown records of a type (re-read when records of that type change).
    pub fn records(self, record_type: RecordType) -> Vec<Record> {
        self.track(record_type);
        self.engine.with_value(|e| {
            e.as_ref()
                .map(|e| e.replica.borrow().records(record_type))
                .unwrap_or_default()
        })
    }

    /// The entries in this person's trash.
    pub fn trashed(self, record_type: RecordType) -> Vec<Record> {
        self.track(record_type);
        self.engine.with_value(|e| {
            e.as_ref()
                .map(|e| e.replica.borrow().trashed(record_type))
                .unwrap_or_default()
        })
    }

    pub fn record(self, key: RecordKey) -> Option<Record> {
        self.track(key.record_type);
        self.engine
            .with_value(|e| e.as_ref().and_then(|e| e.replica.borrow().record(key)))
    }

    /// One record, as a memo: views that show it change only when it does.
    pub fn record_memo(self, key: RecordKey) -> Memo<Option<Record>> {
        Memo::new(move |_| self.record(key))
    }

    pub fn rejected(self) -> Vec<Rejected> {
        self.opened.track();
        self.rejected_changed.track();
        self.engine.with_value(|e| {
            e.as_ref()
                .map(|e| e.replica.borrow().rejected.clone())
                .unwrap_or_default()
        })
    }

    /// A local change: shown at once, saved on the device, sent shortly.
    pub fn edit(self, key: RecordKey, values: Vec<(String, FieldValue)>) -> Result<(), Refusal> {
        let Some(engine) = self.engine.get_value() else {
            return Err(Refusal::NotAllowed);
        };
        {
            let mut replica = engine.replica.borrow_mut();
            let at = engine.clock.now();
            replica.edit(key, values, at)?;
        }
        self.touch([key.record_type]);
        // An edit changes only the queue: the confirmed record stays as it was.
        let batch = engine.replica.borrow().save_batch(&[], OutboxWrite::Newest);
        spawn_local(self.save(&engine, batch));
        self.sync_soon(DEBOUNCE);
        Ok(())
    }

    pub fn dismiss_rejected(self, number: u64) {
        let Some(engine) = self.engine.get_value() else {
            return;
        };
        engine.replica.borrow_mut().dismiss_rejected(number);
        self.rejected_changed.update(|r| *r += 1);
        let batch = engine
            .replica
            .borrow()
            .save_batch(&[], OutboxWrite::Removed(Vec::new()));
        spawn_local(self.save(&engine, batch));
    }

    /// Syncs now (the person asked, or the connection came back).
    pub fn sync_now(self) {
        self.sync_soon(Duration::ZERO);
    }

    /// (Re)schedules the next sync `after` from now.
    fn sync_soon(self, after: Duration) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = self.timer.get_value() {
            window.clear_timeout_with_handle(id);
        }
        let run = Closure::once_into_js(move || {
            self.timer.set_value(None);
            spawn_local(self.run());
        });
        let id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                run.unchecked_ref(),
                i32::try_from(after.as_millis()).unwrap_or(i32::MAX),
            )
            .ok();
        self.timer.set_value(id);
    }

    fn listen_for_connection(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let online = Closure::<dyn Fn()>::new(move || self.sync_now());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        // Lives as long as the page.
        online.forget();
        // A phone brings the app back to the front: what changed meanwhile comes in.
        let shown = Closure::<dyn Fn()>::new(move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| !d.hidden());
            if visible {
                self.sync_now();
            }
        });
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                shown.as_ref().unchecked_ref(),
            );
        }
        shown.forget();
    }

    async fn run(self) {
        let Some(engine) = self.engine.get_value() else {
            return;
        };
        if engine.running.replace(true) {
            engine.again.set(true);
            return;
        }
        loop {
            engine.again.set(false);
            let waiting = engine.replica.borrow().outbox.len();
            self.status.set(SyncStatus::Syncing(waiting));
            let end = match self.round(&engine).await {
                Ok(()) => RoundEnd::Finished,
                Err(FetchError::Offline) => RoundEnd::Offline,
                Err(error) if error.is_signed_out() => RoundEnd::SignedOut,
                Err(_) => RoundEnd::Failed,
            };
            let waiting = engine.replica.borrow().outbox.len();
            let (standing, next) = after_round(end, waiting);
            self.status.set(match standing {
                Standing::Synced => SyncStatus::Synced,
                Standing::Syncing(n) => SyncStatus::Syncing(n),
                Standing::Offline(n) => SyncStatus::Offline(n),
                Standing::SignInAgain(n) => SyncStatus::SignInAgain(n),
                Standing::Problem(n) => SyncStatus::Problem(n),
            });
            if !engine.again.get() {
                self.sync_soon(next);
                break;
            }
        }
        engine.running.set(false);
    }

    /// One round (`tsunagu_model::sync::Round`): each answer is taken in, saved
    /// and shown before the next request leaves.
    async fn round(self, engine: &Rc<Engine>) -> Result<(), FetchError> {
        let mut round = Round::new();
        loop {
            let step = round.next(&mut engine.replica.borrow_mut());
            let taken = match step {
                Step::Push(request) => {
                    let response = api::push(&request).await?;
                    round.on_push(&mut engine.replica.borrow_mut(), &request, &response)
                }
                Step::Pull { cursor } => {
                    let page = api::pull(cursor).await?;
                    round.on_pull(&mut engine.replica.borrow_mut(), &page)
                }
                Step::Done => return Ok(()),
            };
            self.take(engine, taken).await;
        }
    }

    async fn take(self, engine: &Rc<Engine>, taken: Taken) {
        if let Some(newest) = taken.newest {
            // A stamp too far ahead would come from a server whose clock is off;
            // this device's clock then simply does not follow it.
            let _ = engine.clock.observe(newest);
        }
        self.touch(taken.touched);
        if taken.refused {
            self.rejected_changed.update(|r| *r += 1);
        }
        self.save(engine, taken.save).await;
    }

    /// Writes a save taken from the replica before anything waits, so a push
    /// that seals the queue meanwhile cannot keep the change just made from
    /// being written.
    fn save(
        self,
        engine: &Rc<Engine>,
        batch: SaveBatch,
    ) -> impl std::future::Future<Output = ()> + 'static {
        let engine = engine.clone();
        async move {
            if let Err(error) = engine.store.save(&batch).await {
                web_sys::console::warn_2(&"could not save locally:".into(), &error.0.into());
                self.status.set(SyncStatus::NoStorage);
            }
        }
    }
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}
