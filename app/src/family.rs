//! The family whose screens are shown. A parent may belong to several families;
//! the choice is kept on the device.

use chrono::NaiveDate;
use leptos::prelude::*;
use tsunagu_model::{
    Child, Family, FamilyId, Meeting,
    api::{FamilyOverview, Me},
    plan::PlanSummary,
    sync::{RecordType, document},
};

use crate::{
    api::{self, FetchError},
    storage,
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

/// The family's meetings on this device (synced records), in start order.
pub fn meetings_of(sync: crate::sync::Sync, family: FamilyId) -> Vec<Meeting> {
    let mut meetings: Vec<Meeting> = sync
        .records(RecordType::Meeting)
        .into_iter()
        .filter_map(|r| document::from_fields::<Meeting>(r.key.id, &r.fields))
        .filter(|m| m.family_id == family)
        .collect();
    meetings.sort_by_key(|m| (m.starts_at, m.id));
    meetings
}

/// The published plan summaries of these children on this device.
pub fn plans_of(sync: crate::sync::Sync, children: &[Child]) -> Vec<PlanSummary> {
    sync.records(RecordType::PlanSummary)
        .into_iter()
        .filter_map(|r| document::from_fields::<PlanSummary>(r.key.id, &r.fields))
        .filter(|p| p.published && children.iter().any(|c| c.id == p.child))
        .collect()
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
