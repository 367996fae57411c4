//! What devices and the server say to each other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FieldState, FieldValue, RecordKey, Refusal, Stamp};
use crate::PersonId;

define_id!(
    /// One installation of the app (a browser profile on a device). Its changes are
    /// numbered 1, 2, 3… so the server applies each exactly once and sees gaps.
    ClientId
);

/// One field written by a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub value: FieldValue,
    /// The version shown when the person made the change (for conflicts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Stamp>,
}

/// One local change to one record, as queued on the device and pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mutation {
    pub client: ClientId,
    pub number: u64,
    pub at: Stamp,
    #[serde(flatten)]
    pub record: RecordKey,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// Applied before (a retried push): nothing changed now.
    AlreadyApplied,
    /// Looked at and refused; the number is used up.
    Rejected {
        refusal: Refusal,
    },
    /// An earlier number has not arrived: send from `expected` on.
    Gap {
        expected: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResult {
    pub client: ClientId,
    pub number: u64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<PushResult>,
}

/// A record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncedRecord {
    #[serde(flatten)]
    pub key: RecordKey,
    /// Who created it (and alone may change it, for notebook entries).
    pub owner: PersonId,
    pub fields: BTreeMap<String, FieldState>,
}

/// A value a field once had, kept by the server after it was overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub field: String,
    pub version: super::Version,
}

/// Most history entries one answer carries (newest first).
pub const HISTORY_LIMIT: usize = 200;

/// Changes since a cursor, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullPage {
    /// Records changed (and still visible), with every field.
    pub records: Vec<SyncedRecord>,
    /// Records deleted since, with their `deleted` field alone: drop the content.
    /// (Kept as a field, so a late copy of the record cannot bring it back.)
    pub tombstones: Vec<SyncedRecord>,
    /// Records this person may no longer see: forget them.
    pub forget: Vec<RecordKey>,
    /// Where the next pull starts.
    pub cursor: u64,
    /// Whether another page follows at once.
    pub more: bool,
}

/// Most changes a pull page carries.
pub const PULL_PAGE: usize = 200;
/// Most mutations one push carries.
pub const PUSH_BATCH: usize = 100;
/// Most bytes of JSON one push carries: a device sends a longer queue in several
/// pushes (`Replica::push_request`), the server refuses a larger body. Any one
/// change fits (the longest, a brought item's three texts, is under 64 KB).
pub const PUSH_BYTES: usize = 512 * 1024;
/// History entries the server keeps per record: when more are written, the
/// oldest go. A record's current values are never history, so never dropped.
pub const HISTORY_KEPT: usize = HISTORY_LIMIT;

impl Mutation {
    /// Its size as pushed, in bytes of JSON.
    pub fn json_bytes(&self) -> usize {
        serde_json::to_string(self).map_or(usize::MAX, |json| json.len())
    }

    /// A change's base is a version seen before it was made, so older than it;
    /// the merge rule counts on that.
    pub fn bases_are_older(&self) -> bool {
        self.changes
            .iter()
            .all(|c| c.base.is_none_or(|base| base < self.at))
    }
}
