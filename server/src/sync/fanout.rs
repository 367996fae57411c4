//! Writing a changed record and telling its audience: one log row for each
//! person who receives it now, and a "forget" for each who no longer does.
//! Also the fan-out when an audience changes without the record changing: a
//! consent given or withdrawn, a parent joining or turned down.

use tsunagu_model::{
    FamilyId, PersonId, TypedRecord,
    advice::Advice,
    mentor::MentorContact,
    sync::{self, Clock, Fields, RecordKey, RecordType},
};

use crate::{
    ApiError, policy,
    store::{Tx, sync_log::LogKind},
};
use tsunagu_model::problem::Problem;

/// Deleted means gone (`sync::erase_deleted`) for the record types that hold a
/// parent's own words: their content and history go with the deletion.
pub(super) fn erase_if_deleted(key: RecordKey, fields: &mut Fields) -> bool {
    key.record_type.erased_when_deleted() && sync::erase_deleted(fields)
}

/// A record as a write leaves it, with who must receive or forget it.
pub(super) struct Written<'a> {
    pub key: RecordKey,
    pub owner: PersonId,
    pub family: Option<FamilyId>,
    pub fields: &'a Fields,
    /// Deleted by this write: its history goes too.
    pub erased: bool,
    /// Versions that left a frontier, oldest first.
    pub dropped: Vec<(String, sync::Version)>,
    pub receivers: &'a [PersonId],
    pub forgetting: &'a [PersonId],
}

/// Writes the record, its displaced versions into history (at most
/// `HISTORY_KEPT`: the oldest go first), and the log rows of its audience.
pub(super) async fn write(tx: &mut Tx<'_>, written: Written<'_>) -> Result<(), ApiError> {
    let key = written.key;
    tx.write_record(
        key,
        written.owner,
        written.family,
        written.fields,
        chrono::Utc::now(),
    )
    .await?;
    if written.erased {
        tx.erase_history(key).await?;
    }
    if !written.dropped.is_empty() {
        let skip = written.dropped.len().saturating_sub(sync::HISTORY_KEPT);
        tx.keep_history(key, &written.dropped[skip..], sync::HISTORY_KEPT)
            .await?;
    }
    for receiver in written.receivers {
        tx.log_change(*receiver, key, LogKind::Changed).await?;
    }
    for former in written.forgetting {
        tx.log_change(*former, key, LogKind::Forget).await?;
    }
    Ok(())
}

/// Writes a record changed by `change` (which merges into the fields and returns
/// what left a frontier): the record, its displaced versions into history, and
/// one log row for each person who receives it now or must forget it.
pub(super) async fn store_merged(
    tx: &mut Tx<'_>,
    key: RecordKey,
    owner: PersonId,
    family: Option<FamilyId>,
    mut fields: Fields,
    existed: bool,
    change: impl FnOnce(&mut Fields) -> Vec<(String, sync::Version)>,
) -> Result<(), ApiError> {
    let audience_before = if existed {
        policy::record_audience(tx, key, owner, family, &fields).await?
    } else {
        Vec::new()
    };
    let mut dropped = change(&mut fields);
    if sync::record_bytes(&fields) > key.record_type.max_bytes() {
        return Err(ApiError::BadRequest(Problem::RecordTooLarge));
    }
    let erased = erase_if_deleted(key, &mut fields);
    if erased {
        dropped.clear();
    }
    let audience = policy::record_audience(tx, key, owner, family, &fields).await?;
    let forgetting: Vec<PersonId> = audience_before
        .iter()
        .copied()
        .filter(|p| !audience.contains(p))
        .collect();
    let threads_move = key.record_type == RecordType::NotebookEntry && audience_before != audience;
    write(
        tx,
        Written {
            key,
            owner,
            family,
            fields: &fields,
            erased,
            dropped,
            receivers: &audience,
            forgetting: &forgetting,
        },
    )
    .await?;
    if threads_move {
        // The messages on the entry follow whom it reaches (a mentor it stops
        // reaching forgets the thread; one it reaches again gets it back).
        let mut people = audience_before;
        people.extend(audience);
        recheck_threads(tx, &[key.id], &people).await?;
    }
    Ok(())
}

/// Sends each message on `entries` (written by any of `people`) to its audience
/// now, and tells those of `people` outside it to forget it.
pub(super) async fn recheck_threads(
    tx: &mut Tx<'_>,
    entries: &[uuid::Uuid],
    people: &[PersonId],
) -> Result<(), ApiError> {
    for message in tx.records_of_type(RecordType::Advice, Some(people)).await? {
        let on_entry = Advice::read(message.key.id, Some(message.owner), &message.fields)
            .is_some_and(|a| entries.contains(&a.entry));
        if !on_entry {
            continue;
        }
        let audience =
            policy::record_audience(tx, message.key, message.owner, None, &message.fields).await?;
        for person in people {
            let kind = if audience.contains(person) {
                LogKind::Changed
            } else {
                LogKind::Forget
            };
            tx.log_change(*person, message.key, kind).await?;
        }
    }
    Ok(())
}

/// A staff member's save of a family's record: the changed fields, stamped now by
/// the server's clock on top of what is there, so the save supersedes the current
/// values (which go to history) and reaches the family on its next pull.
pub async fn write_family_record(
    tx: &mut Tx<'_>,
    clock: &Clock,
    author: PersonId,
    family: FamilyId,
    key: RecordKey,
    changes: Vec<(String, sync::FieldValue)>,
) -> Result<(), ApiError> {
    write_staff_record(tx, clock, author, Some(family), key, changes).await
}

/// A staff member's save of a record of the town's (an agency of the
/// directory) or of a family's: see `write_family_record`.
pub async fn write_staff_record(
    tx: &mut Tx<'_>,
    clock: &Clock,
    author: PersonId,
    family: Option<FamilyId>,
    key: RecordKey,
    changes: Vec<(String, sync::FieldValue)>,
) -> Result<(), ApiError> {
    let (owner, fields, existed) = match tx.record(key).await? {
        Some(stored) => (stored.owner, stored.fields, true),
        None => (author, Fields::new(), false),
    };
    let at = clock.now();
    store_merged(tx, key, owner, family, fields, existed, |fields| {
        let mut dropped = Vec::new();
        for (field, value) in changes {
            let base = fields.get(&field).map(|f| f.current().at);
            let version = sync::Version { value, at, base };
            for old in sync::merge_field(key.record_type, fields, &field, version) {
                dropped.push((field.clone(), old));
            }
        }
        dropped
    })
    .await
}

/// After a family's consent to a mentor changed: the entries its parents shared
/// with that mentor, the messages on them and the mentor's contact log of the
/// family reach the mentor again, or are to be forgotten.
pub async fn recheck_mentor(
    tx: &mut Tx<'_>,
    family: FamilyId,
    mentor: PersonId,
) -> Result<(), ApiError> {
    for contact in tx
        .records_of_type(RecordType::MentorContact, Some(&[mentor]))
        .await?
    {
        let of_family = MentorContact::read(contact.key.id, Some(mentor), &contact.fields)
            .is_some_and(|c| c.family == family);
        if !of_family {
            continue;
        }
        let audience =
            policy::record_audience(tx, contact.key, mentor, None, &contact.fields).await?;
        let kind = if audience.contains(&mentor) {
            LogKind::Changed
        } else {
            LogKind::Forget
        };
        tx.log_change(mentor, contact.key, kind).await?;
    }
    let entries = tx.entries_of_parents(family).await?;
    let mut parents: Vec<PersonId> = entries.iter().map(|e| e.owner).collect();
    parents.sort();
    parents.dedup();
    let ids: Vec<uuid::Uuid> = entries.iter().map(|e| e.key.id).collect();
    // Each message goes to whoever it reaches now, and the mentor forgets any it
    // no longer does; the parents' copies stay as they are.
    for message in tx
        .records_of_type(
            RecordType::Advice,
            Some(&[parents.as_slice(), &[mentor]].concat()),
        )
        .await?
    {
        let on_family_entry = Advice::read(message.key.id, Some(message.owner), &message.fields)
            .is_some_and(|a| ids.contains(&a.entry));
        if !on_family_entry {
            continue;
        }
        let audience =
            policy::record_audience(tx, message.key, message.owner, None, &message.fields).await?;
        let kind = if audience.contains(&mentor) {
            LogKind::Changed
        } else {
            LogKind::Forget
        };
        tx.log_change(mentor, message.key, kind).await?;
    }
    for entry in entries {
        let shared = entry
            .fields
            .get(sync::SHARED_WITH_MENTOR)
            .and_then(|f| f.current().value.as_text())
            == Some(mentor.to_string().as_str());
        if !shared {
            continue;
        }
        let audience =
            policy::record_audience(tx, entry.key, entry.owner, None, &entry.fields).await?;
        let kind = if audience.contains(&mentor) {
            LogKind::Changed
        } else {
            LogKind::Forget
        };
        tx.log_change(mentor, entry.key, kind).await?;
    }
    Ok(())
}

/// Makes a person who just got an account or joined a family receive what is
/// theirs to receive: the directory, the family's records and the entries its
/// other parents share.
pub async fn enroll(tx: &mut Tx<'_>, person: PersonId) -> Result<(), ApiError> {
    for record in tx.records_near(person).await? {
        let audience =
            policy::record_audience(tx, record.key, record.owner, record.family, &record.fields)
                .await?;
        if audience.contains(&person) {
            tx.log_change(person, record.key, LogKind::Changed).await?;
        }
    }
    Ok(())
}

/// After `person` left `family` (turned down as a newcomer): their devices
/// forget every record of that family they had received.
pub async fn forget_family(
    tx: &mut Tx<'_>,
    person: PersonId,
    family: FamilyId,
) -> Result<(), ApiError> {
    for key in tx.received_of_family(person, family).await? {
        tx.log_change(person, key, LogKind::Forget).await?;
    }
    Ok(())
}
