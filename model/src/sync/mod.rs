//! Offline-first sync: the rules both sides share. Devices change records locally
//! and queue numbered mutations; the server applies each once and hands out every
//! change since a cursor; fields merge by hybrid logical clock, newest first, and
//! concurrent edits of free text are kept side by side. `Replica` is a device's
//! whole sync state, without I/O, so the app, the server's tests and the
//! simulation all run the same logic.

mod device;
pub mod document;
mod field;
mod protocol;
mod record;
mod replica;
mod round;
mod stamp;

pub use device::{Meta, OutboxBatch, OutboxWrite, SaveBatch, SavedDevice, StoredRecord};
pub use field::{FieldState, FieldValue, MAX_CLASH_VERSIONS, Version};
pub use protocol::{
    ClientId, FieldChange, HISTORY_KEPT, HISTORY_LIMIT, HistoryEntry, Mutation, Outcome, PULL_PAGE,
    PUSH_BATCH, PUSH_BYTES, PullPage, PushRequest, PushResponse, PushResult, SyncedRecord,
};
pub use record::{
    DELETED, FieldKind, ITEM_OUTCOMES, NOTEBOOK_KINDS, RecordKey, RecordType, Refusal,
    SHARED_WITH_FAMILY, SHARED_WITH_MENTOR, TRASH_DAYS, TRASHED, parse_words,
};
pub use replica::{Record, Rejected, Replica};
pub use round::{Round, RoundEnd, SYNC_PERIOD, SYNC_RETRY, Standing, Step, Taken, after_round};
pub use stamp::{Clock, InvalidStamp, MAX_DRIFT, Stamp, TooFarAhead, physical_millis};
/// The physical time a `Clock` reads.
pub use uhlc::NTP64;

/// A record's fields as merged.
pub type Fields = std::collections::BTreeMap<String, FieldState>;

/// Merges `version` into `fields`; returns what left the field's frontier.
pub fn merge_field(
    record_type: RecordType,
    fields: &mut Fields,
    field: &str,
    version: Version,
) -> Vec<Version> {
    let free_text = record_type.is_free_text(field);
    match fields.get_mut(field) {
        Some(state) => state.merge(version, free_text),
        None => {
            fields.insert(field.to_owned(), FieldState::new(version));
            Vec::new()
        }
    }
}

/// Applies a mutation's changes to `fields`; returns what left a frontier.
pub fn apply_mutation(fields: &mut Fields, mutation: &Mutation) -> Vec<(String, Version)> {
    let mut dropped = Vec::new();
    for change in &mutation.changes {
        let version = Version {
            value: change.value.clone(),
            at: mutation.at,
            base: change.base,
        };
        for old in merge_field(mutation.record.record_type, fields, &change.field, version) {
            dropped.push((change.field.clone(), old));
        }
    }
    dropped
}

/// A yes/no field's current value (absent: no).
pub fn flag(fields: &Fields, field: &str) -> bool {
    fields
        .get(field)
        .and_then(|f| f.current().value.as_bool())
        .unwrap_or(false)
}

/// A record's size as stored, in bytes of JSON: what `RecordType::max_bytes` bounds.
pub fn record_bytes(fields: &Fields) -> usize {
    serde_json::to_string(fields).map_or(usize::MAX, |json| json.len())
}

/// Whether the record's current state is deleted.
pub fn is_deleted(fields: &Fields) -> bool {
    flag(fields, DELETED)
}

/// Whether a notebook entry is in its author's trash.
pub fn is_trashed(fields: &Fields) -> bool {
    flag(fields, TRASHED)
}

/// Deleted means gone: a deleted record keeps its `deleted` field alone (so a
/// late copy cannot bring it back), on the server as on every device. Returns
/// whether the record is deleted.
pub fn erase_deleted(fields: &mut Fields) -> bool {
    let deleted = is_deleted(fields);
    if deleted {
        fields.retain(|name, _| name == DELETED);
    }
    deleted
}
