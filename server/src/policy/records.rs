//! Who may create, change and receive a synced record.

use tsunagu_model::{
    FamilyId, PersonId, Role, TypedRecord,
    advice::Advice,
    consent::ConsentScope,
    directory::Agency,
    mentor::MentorContact,
    plan::PlanSummary,
    sync::{self, Fields, Mutation, RecordKey, RecordType, Refusal, document},
};

use crate::{
    ApiError,
    store::{Connection, Handle},
};

/// Who may create a record of this type.
/// Meetings and plan summaries never come through a device's push: coordinators
/// save them whole through the staff endpoints, which check the whole document.
/// Agencies likewise come only through the directory's staff endpoint.
pub fn may_create_record(role: Role, record_type: RecordType) -> bool {
    match record_type {
        RecordType::NotebookEntry | RecordType::BroughtItem | RecordType::MeetingAnswer => {
            role == Role::Parent
        }
        RecordType::MentorContact => role == Role::Mentor,
        RecordType::Advice => matches!(role, Role::Parent | Role::Mentor),
        RecordType::Meeting | RecordType::PlanSummary | RecordType::Agency => false,
    }
}

/// Who may change an existing record of this type, owned by `owner`.
pub fn may_change_record(person: PersonId, record_type: RecordType, owner: PersonId) -> bool {
    match record_type {
        RecordType::NotebookEntry
        | RecordType::BroughtItem
        | RecordType::MeetingAnswer
        | RecordType::MentorContact
        | RecordType::Advice => person == owner,
        RecordType::Meeting | RecordType::PlanSummary | RecordType::Agency => false,
    }
}

/// The checks a device's change needs beyond field kinds and ownership, with the
/// family a new record belongs to. A notebook entry is shared only with a mentor
/// the author's family consents to. A brought item names a coming meeting of the
/// author's family and one of the author's own entries (checked at every change
/// of it, not only at creation: `own_entries_in_push` are the author's entries the
/// same push already made or changed); it changes (rewording, reordering,
/// withdrawal) only until its meeting starts, and only in the fields the parent
/// writes: what became of it is the coordinator's to record. An answer to a
/// meeting names a meeting of the author's family and changes until it starts.
pub async fn check_device_change<C: Connection>(
    db: &mut Handle<C>,
    person: PersonId,
    mutation: &Mutation,
    existing: Option<&Fields>,
    own_entries_in_push: &std::collections::BTreeSet<uuid::Uuid>,
) -> Result<Result<Option<FamilyId>, Refusal>, ApiError> {
    use sync::{FieldValue, SHARED_WITH_MENTOR};
    let changed = |name: &str| {
        mutation
            .changes
            .iter()
            .find(|c| c.field == name)
            .map(|c| &c.value)
    };
    match mutation.record.record_type {
        RecordType::NotebookEntry => {
            if let Some(FieldValue::Text(mentor)) = changed(SHARED_WITH_MENTOR)
                && !db
                    .mentor_consented_by(person, mentor, ConsentScope::SharedEntries)
                    .await?
            {
                return Ok(Err(Refusal::NoConsent));
            }
            Ok(Ok(None))
        }
        RecordType::BroughtItem => {
            if mutation
                .changes
                .iter()
                .any(|c| !tsunagu_model::brought::PARENT_FIELDS.contains(&c.field.as_str()))
            {
                return Ok(Err(Refusal::NotAllowed));
            }
            let Some(meeting) = id_named(existing, changed("meeting"), "meeting") else {
                return Ok(Err(Refusal::NotAllowed));
            };
            match changed("entry") {
                Some(FieldValue::Text(entry)) => {
                    let in_push = entry
                        .parse::<uuid::Uuid>()
                        .is_ok_and(|id| own_entries_in_push.contains(&id));
                    let own = in_push
                        || match entry.parse::<uuid::Uuid>() {
                            Ok(id) => db.is_entry_of(id, person).await?,
                            Err(_) => false,
                        };
                    if !own {
                        return Ok(Err(Refusal::NotAllowed));
                    }
                }
                // An item always names the entry it came from.
                Some(_) => return Ok(Err(Refusal::NotAllowed)),
                None if existing.is_none() => return Ok(Err(Refusal::NotAllowed)),
                None => {}
            }
            coming_meeting_of_parent(db, person, meeting).await
        }
        RecordType::MeetingAnswer => {
            use tsunagu_model::answer::MeetingAnswer;
            if mutation
                .changes
                .iter()
                .any(|c| !MeetingAnswer::FIELDS.contains(&c.field.as_str()))
            {
                return Ok(Err(Refusal::NotAllowed));
            }
            let Some(meeting) = id_named(
                existing,
                changed(MeetingAnswer::MEETING),
                MeetingAnswer::MEETING,
            ) else {
                return Ok(Err(Refusal::NotAllowed));
            };
            coming_meeting_of_parent(db, person, meeting).await
        }
        RecordType::MentorContact => {
            if mutation
                .changes
                .iter()
                .any(|c| !MentorContact::FIELDS.contains(&c.field.as_str()))
            {
                return Ok(Err(Refusal::NotAllowed));
            }
            let is_date = |value: &FieldValue, or_null: bool| {
                value.as_text().is_some_and(|json| {
                    (or_null && json == "null")
                        || serde_json::from_str::<String>(json).is_ok_and(|day| {
                            chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").is_ok()
                        })
                })
            };
            if changed(MentorContact::ON).is_some_and(|v| !is_date(v, false))
                || changed(MentorContact::FOLLOW_UP).is_some_and(|v| !is_date(v, true))
                || (existing.is_none() && changed(MentorContact::ON).is_none())
            {
                return Ok(Err(Refusal::InvalidValue(MentorContact::ON.to_owned())));
            }
            let Some(family) = id_named(
                existing,
                changed(MentorContact::FAMILY),
                MentorContact::FAMILY,
            ) else {
                return Ok(Err(Refusal::NotAllowed));
            };
            if !db
                .family_consents(FamilyId(family), person, ConsentScope::Contact)
                .await?
            {
                return Ok(Err(Refusal::NoConsent));
            }
            // Kept apart from the family's records: nothing of the family's
            // (its export, its staff screens) ever reads a mentor's notes.
            Ok(Ok(None))
        }
        RecordType::Advice => {
            if mutation
                .changes
                .iter()
                .any(|c| !Advice::FIELDS.contains(&c.field.as_str()))
            {
                return Ok(Err(Refusal::NotAllowed));
            }
            let Some(entry) = id_named(existing, changed(Advice::ENTRY), Advice::ENTRY) else {
                return Ok(Err(Refusal::NotAllowed));
            };
            let Some((author, mentor)) = thread_of(db, entry).await? else {
                return Ok(Err(Refusal::NotAllowed));
            };
            let marks_handled = matches!(changed(Advice::HANDLED), Some(FieldValue::Bool(true)));
            if (person == author && !marks_handled) || Some(person) == mentor {
                Ok(Ok(None))
            } else if person == author {
                Ok(Err(Refusal::NotAllowed))
            } else {
                Ok(Err(Refusal::NoConsent))
            }
        }
        RecordType::Meeting | RecordType::PlanSummary | RecordType::Agency => {
            Ok(Err(Refusal::NotAllowed))
        }
    }
}

/// The two sides of a thread on `entry`: its author, and the mentor it is shared
/// with while the family's `SharedEntries` consent stands (and it is not in the
/// trash). `None` when the entry is gone.
async fn thread_of<C: Connection>(
    db: &mut Handle<C>,
    entry: uuid::Uuid,
) -> Result<Option<(PersonId, Option<PersonId>)>, ApiError> {
    let key = RecordKey {
        record_type: RecordType::NotebookEntry,
        id: entry,
    };
    let Some(stored) = db.record(key).await? else {
        return Ok(None);
    };
    if sync::flag(&stored.fields, sync::DELETED) {
        return Ok(None);
    }
    let mentor = entry_mentor(db, stored.owner, &stored.fields).await?;
    Ok(Some((stored.owner, mentor)))
}

/// The mentor an entry of `author` reaches: the one it is shared with, while
/// it is out of the trash and the family consents to them in `SharedEntries`.
async fn entry_mentor<C: Connection>(
    db: &mut Handle<C>,
    author: PersonId,
    fields: &Fields,
) -> Result<Option<PersonId>, ApiError> {
    if sync::is_trashed(fields) {
        return Ok(None);
    }
    let Some(mentor) = fields
        .get(sync::SHARED_WITH_MENTOR)
        .and_then(|f| f.current().value.as_text())
    else {
        return Ok(None);
    };
    if !db
        .mentor_consented_by(author, mentor, ConsentScope::SharedEntries)
        .await?
    {
        return Ok(None);
    }
    Ok(Some(mentor.parse().map_err(|_| {
        ApiError::CorruptData("shared mentor".to_owned())
    })?))
}

/// The id a record names in `field`: the one it was made with (it never
/// changes to another), or for a new record the one its first change names.
fn id_named(
    existing: Option<&Fields>,
    changed: Option<&sync::FieldValue>,
    field: &str,
) -> Option<uuid::Uuid> {
    let before = existing
        .and_then(|f| f.get(field))
        .map(|f| f.current().value.clone());
    let meeting = match (before, changed) {
        (Some(before), Some(after)) if &before != after => return None,
        (Some(before), _) => before,
        (None, Some(after)) => after.clone(),
        (None, None) => return None,
    };
    meeting.as_text().and_then(|m| m.parse().ok())
}

/// The family of `meeting` if it is one of the parent's families' and has not
/// started: what the parent writes about a meeting is fixed from its start.
async fn coming_meeting_of_parent<C: Connection>(
    db: &mut Handle<C>,
    person: PersonId,
    meeting: uuid::Uuid,
) -> Result<Result<Option<FamilyId>, Refusal>, ApiError> {
    let Some((family, fields)) = db.meeting_of_parent(person, meeting).await? else {
        return Ok(Err(Refusal::NotAllowed));
    };
    let doc: tsunagu_model::Meeting = document::from_fields(meeting, &fields)
        .ok_or_else(|| ApiError::CorruptData("meeting".to_owned()))?;
    let now = crate::clock::town_local(chrono::Utc::now());
    if doc.items_fixed(now) {
        return Ok(Err(Refusal::MeetingStarted));
    }
    Ok(Ok(Some(family)))
}

/// Who receives a record of this type, owned by `owner`, of `family`, in its
/// state `fields`, when they pull. A notebook entry: its author, and the other
/// parents of the author's families while the author shares it with them. A
/// meeting: the family's parents. A plan summary: the family's parents once it is
/// published; a draft reaches no device.
pub async fn record_audience<C: Connection>(
    db: &mut Handle<C>,
    key: RecordKey,
    owner: PersonId,
    family: Option<FamilyId>,
    fields: &Fields,
) -> Result<Vec<PersonId>, ApiError> {
    let family = || {
        family.ok_or_else(|| ApiError::Internal(format!("{:?} without family", key.record_type)))
    };
    match key.record_type {
        RecordType::Meeting | RecordType::BroughtItem | RecordType::MeetingAnswer => {
            Ok(db.parents_of(family()?).await?)
        }
        RecordType::PlanSummary => {
            let plan: PlanSummary = document::from_fields(key.id, fields)
                .ok_or_else(|| ApiError::CorruptData("plan summary".to_owned()))?;
            if tsunagu_model::plan::visible_to_family(std::slice::from_ref(&plan)).is_empty() {
                Ok(Vec::new())
            } else {
                Ok(db.parents_of(family()?).await?)
            }
        }
        RecordType::NotebookEntry => {
            let mut audience = vec![owner];
            // In the trash: the author's alone, whatever it was shared with.
            if sync::is_trashed(fields) {
                return Ok(audience);
            }
            if sync::flag(fields, sync::SHARED_WITH_FAMILY) {
                // Only parents the family confirmed: a newcomer still waiting
                // (see `families::joining`) receives none of this.
                audience.extend(db.confirmed_fellow_parents(owner).await?);
            }
            // One mentor, chosen for this entry, while the family's consent stands.
            audience.extend(entry_mentor(db, owner, fields).await?);
            Ok(audience)
        }
        RecordType::MentorContact => {
            // The mentor's own, while the family still lets them keep contact.
            let Some(contact) = MentorContact::read(key.id, Some(owner), fields) else {
                return Ok(Vec::new());
            };
            if db
                .family_consents(contact.family, owner, ConsentScope::Contact)
                .await?
            {
                Ok(vec![owner])
            } else {
                Ok(Vec::new())
            }
        }
        RecordType::Advice => {
            let Some(entry) = fields
                .get(Advice::ENTRY)
                .and_then(|f| f.current().value.as_text())
                .and_then(|t| t.parse().ok())
            else {
                return Ok(Vec::new());
            };
            let Some((author, mentor)) = thread_of(db, entry).await? else {
                return Ok(Vec::new());
            };
            // Between the entry's author and the mentor it is shared with: a
            // mentor it is no longer shared with keeps none of it.
            let mut audience = vec![author];
            if let Some(mentor) = mentor
                && (owner == author || owner == mentor)
            {
                audience.push(mentor);
            }
            Ok(audience)
        }
        RecordType::Agency => {
            if sync::flag(fields, Agency::RETIRED) || sync::flag(fields, sync::DELETED) {
                Ok(Vec::new())
            } else {
                Ok(db.everyone().await?)
            }
        }
    }
}
