//! The family whose screens are shown. A parent may belong to several families;
//! the choice is kept on the device.

use chrono::NaiveDate;
use leptos::prelude::*;
use tsunagu_model::{
    Family, FamilyId, Meeting, MeetingId, NotebookEntry, TypedRecord,
    answer::{MeetingAnswer, standing},
    api::{FamilyOverview, Me},
    brought::{BroughtItem, agenda},
    plan::{PlanSummary, visible_to_family},
    sync::{RecordKey, RecordType},
};

use crate::{
    api::{self, FetchError},
    storage,
    sync::Sync,
};

const FAMILY_KEY: &str = "tsunagu.family";
/// The last family data the server sent, so screens open offline at once.
const CACHE_KEY: &str = "tsunagu.family-data";

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Loaded {
    pub me: Me,
    pub families: Vec<Family>,
    /// `None` when no family is registered for this person.
    pub overview: Option<FamilyOverview>,
}

#[derive(Clone, Copy)]
pub struct FamilyData {
    pub data: LocalResource<Result<Loaded, FetchError>>,
    selected: RwSignal<Option<FamilyId>>,
}

impl FamilyData {
    pub fn provide() -> Self {
        let selected = RwSignal::new(storage::get(FAMILY_KEY).and_then(|id| id.parse().ok()));
        let data = LocalResource::new(move || {
            let wanted = selected.get();
            async move {
                match load(wanted).await {
                    Ok(loaded) => {
                        if let Ok(json) = serde_json::to_string(&loaded) {
                            storage::set(CACHE_KEY, &json);
                        }
                        Ok(loaded)
                    }
                    // Offline: what this device last saw (the sync bar says offline).
                    Err(FetchError::Offline) => storage::get(CACHE_KEY)
                        .and_then(|json| serde_json::from_str::<Loaded>(&json).ok())
                        .filter(|cached| {
                            wanted.is_none_or(|id| {
                                cached.overview.as_ref().is_none_or(|o| o.family.id == id)
                            })
                        })
                        .ok_or(FetchError::Offline),
                    Err(error) => Err(error),
                }
            }
        });
        let this = Self { data, selected };
        provide_context(this);
        this
    }

    /// Signed out on purpose: the device keeps no copy of the family's data.
    pub fn forget_cached(self) {
        storage::remove(CACHE_KEY);
    }

    /// The chosen family's data as last loaded (or cached), following changes.
    pub fn overview(self) -> Option<FamilyOverview> {
        self.data
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.overview)
    }

    /// Who the server says is signed in, as last loaded (or cached).
    pub fn me(self) -> Option<tsunagu_model::PersonId> {
        self.data.get().and_then(Result::ok).map(|l| l.me.id)
    }

    pub fn select(self, id: FamilyId) {
        storage::set(FAMILY_KEY, &id.to_string());
        self.selected.set(Some(id));
    }

    pub fn reload(self) {
        self.data.refetch();
    }
}

async fn load(wanted: Option<FamilyId>) -> Result<Loaded, FetchError> {
    let me = api::me().await?;
    let families = api::families().await?;
    let chosen = wanted
        .filter(|id| families.iter().any(|f| f.id == *id))
        .or_else(|| families.first().map(|f| f.id));
    let overview = match chosen {
        Some(id) => Some(api::family_overview(id).await?),
        None => None,
    };
    Ok(Loaded {
        me,
        families,
        overview,
    })
}

/// The synced records the family's screens show, each kind read from the device
/// once per change of its records (not once per screen that shows it) and typed
/// by the model's views. Memos: a sync round that changes nothing they show
/// re-renders nothing.
#[derive(Clone, Copy)]
pub struct Records {
    sync: Sync,
    /// The chosen family's meetings, in start order.
    meetings: Memo<Vec<Meeting>>,
    /// The plan summaries the family sees (published, of its children), newest first.
    plans: Memo<Vec<PlanSummary>>,
    /// Every brought item on this device (the family's parents receive them all).
    items: Memo<Vec<BroughtItem>>,
    /// The notebook's entries this device shows (mine, and those shared with me).
    entries: Memo<Vec<NotebookEntry>>,
    /// Every answer to a meeting on this device (mine and the other parent's).
    answers: Memo<Vec<MeetingAnswer>>,
}

/// Every record of type `T` on this device, as its typed view.
pub(crate) fn read_all<T: TypedRecord>(sync: Sync) -> Vec<T> {
    let me = sync.person();
    sync.records(T::TYPE)
        .into_iter()
        .filter_map(|r| T::read(r.key.id, r.owner.or(me), &r.fields))
        .collect()
}

impl Records {
    /// Once, for the whole family app.
    pub fn provide(sync: Sync, family: FamilyData) -> Self {
        let meetings = Memo::new(move |_| {
            let Some(id) = family.overview().map(|o| o.family.id) else {
                return Vec::new();
            };
            let mut meetings: Vec<Meeting> = read_all::<Meeting>(sync)
                .into_iter()
                .filter(|m| m.family_id == id)
                .collect();
            meetings.sort_by_key(|m| (m.starts_at, m.id));
            meetings
        });
        let plans = Memo::new(move |_| {
            let children = family.overview().map(|o| o.children).unwrap_or_default();
            let plans: Vec<PlanSummary> = read_all::<PlanSummary>(sync)
                .into_iter()
                .filter(|p| children.iter().any(|c| c.id == p.child))
                .collect();
            visible_to_family(&plans).into_iter().cloned().collect()
        });
        let this = Self {
            sync,
            meetings,
            plans,
            items: Memo::new(move |_| read_all(sync)),
            entries: Memo::new(move |_| read_all(sync)),
            answers: Memo::new(move |_| read_all(sync)),
        };
        provide_context(this);
        this
    }

    /// The chosen family's meetings on this device, in start order.
    pub fn meetings(self) -> Memo<Vec<Meeting>> {
        self.meetings
    }

    /// One of the family's meetings, if this device has it.
    pub fn meeting(self, id: MeetingId) -> Option<Meeting> {
        self.meetings
            .with(|all| all.iter().find(|m| m.id == id).cloned())
    }

    /// The plan summaries the family sees: published ones of its children.
    pub fn plans(self) -> Memo<Vec<PlanSummary>> {
        self.plans
    }

    /// Every brought item on this device.
    pub fn all_items(self) -> Memo<Vec<BroughtItem>> {
        self.items
    }

    /// My own items: another parent's item never speaks for my entries.
    pub fn my_items(self) -> Vec<BroughtItem> {
        let me = self.sync.person();
        self.items.with(|items| {
            items
                .iter()
                .filter(|i| Some(i.owner) == me)
                .cloned()
                .collect()
        })
    }

    /// What I bring to a meeting, in my order (the model's agenda of my items).
    pub fn items(self, meeting: MeetingId) -> Vec<BroughtItem> {
        agenda(&self.my_items(), meeting)
            .into_iter()
            .cloned()
            .collect()
    }

    pub fn entries(self) -> Memo<Vec<NotebookEntry>> {
        self.entries
    }

    /// One entry, as a memo of its own: a view showing it changes only when it does.
    pub fn entry(self, id: uuid::Uuid) -> Memo<Option<NotebookEntry>> {
        let sync = self.sync;
        let record = sync.record_memo(entry_key(id));
        Memo::new(move |_| {
            let me = sync.person();
            record.with(|r| {
                r.as_ref()
                    .and_then(|r| NotebookEntry::read(r.key.id, r.owner.or(me), &r.fields))
            })
        })
    }

    /// Each parent's standing answer to a meeting: the latest each gave.
    pub fn answers(self, meeting: MeetingId) -> Vec<MeetingAnswer> {
        self.answers
            .with(|all| standing(all, meeting).into_iter().cloned().collect())
    }

    /// My standing answer to a meeting, if I gave one on any of my devices.
    pub fn my_answer(self, meeting: MeetingId) -> Option<MeetingAnswer> {
        let me = self.sync.person()?;
        self.answers(meeting).into_iter().find(|a| a.owner == me)
    }

    /// Whether a meeting of the family has started (or was held, or cancelled).
    pub fn held(self, id: MeetingId) -> bool {
        self.meetings.with(|all| {
            all.iter()
                .find(|m| m.id == id)
                .is_some_and(|m| m.items_fixed(now()))
        })
    }
}

/// Where an entry is kept on the device.
pub fn entry_key(id: uuid::Uuid) -> RecordKey {
    RecordKey {
        record_type: RecordType::NotebookEntry,
        id,
    }
}

pub fn use_records() -> Records {
    expect_context::<Records>()
}

pub fn use_family() -> FamilyData {
    expect_context::<FamilyData>()
}

/// The time now in the town (Asia/Tokyo), whatever zone the device is set to.
pub fn now() -> chrono::NaiveDateTime {
    tsunagu_model::town_time::from_unix_millis(js_sys::Date::now() as i64)
}

/// Today in the town (Asia/Tokyo), whatever zone the device is set to.
pub fn today() -> NaiveDate {
    now().date()
}
