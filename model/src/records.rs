//! The shape every synced record type's typed view follows: it reads itself from
//! a record's current fields and says which field changes make a record read as
//! it. Screens and the server use these views, never a field's name in a string,
//! so a field is named in one place (the type's constants) and its encoding (a
//! date as JSON text, tags as a JSON list, an id as text or null) lives beside it.

use crate::{
    Meeting, PersonId,
    plan::PlanSummary,
    sync::{FieldValue, Fields, RecordType, document},
};

/// A synced record type's typed view.
pub trait TypedRecord: Sized {
    const TYPE: RecordType;

    /// What the record's current fields make; `None` when they make no whole
    /// record of this type. `owner` is whoever the record belongs to (`None`:
    /// made on this device and not yet confirmed, so this device's person's).
    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self>;

    /// The field changes that make an empty record read as `self`. Fields the
    /// type does not know are never among them, so applying them keeps whatever
    /// else a record holds.
    fn changes(&self) -> Vec<(String, FieldValue)>;
}

/// A field's current text, if it holds text.
pub(crate) fn text<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.get(name)?.current().value.as_text()
}

/// A field's current value, if the record has the field.
pub(crate) fn value<'a>(fields: &'a Fields, name: &str) -> Option<&'a FieldValue> {
    fields.get(name).map(|f| &f.current().value)
}

/// An optional id as a field holds it: its text, or null for none.
pub(crate) fn optional_id(id: Option<impl std::fmt::Display>) -> FieldValue {
    id.map_or(FieldValue::Null, |id| FieldValue::Text(id.to_string()))
}

impl TypedRecord for Meeting {
    const TYPE: RecordType = RecordType::Meeting;

    fn read(id: uuid::Uuid, _owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        document::from_fields(id, fields)
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        document::to_fields(self).unwrap_or_default()
    }
}

impl TypedRecord for PlanSummary {
    const TYPE: RecordType = RecordType::PlanSummary;

    fn read(id: uuid::Uuid, _owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        document::from_fields(id, fields)
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        document::to_fields(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{testing::*, *};
    use crate::{
        ChildId, FamilyId, MeetingId, MeetingKind, SchoolYear,
        meeting_record::MeetingStatus,
        plan::{PlanId, PlanKind, PlanPeriod},
        sync::Stamp,
    };

    /// Reads `doc` back from its changes applied over a property it does not know.
    fn round_trip<T: TypedRecord + PartialEq + std::fmt::Debug>(id: uuid::Uuid, doc: &T) {
        let changes = doc.changes();
        all_accepted(T::TYPE, &changes);
        let mut fields = Fields::new();
        apply(
            &mut fields,
            vec![("mood".into(), FieldValue::Text("1".into()))],
            Stamp::at_millis(1, 1),
        );
        // A property a later version adds stays in the record, unread here.
        apply(&mut fields, changes, Stamp::at_millis(2, 1));
        assert_eq!(T::read(id, None, &fields).as_ref(), Some(doc));
        assert!(fields.contains_key("mood"));
    }

    #[test]
    fn meetings_and_plans_read_back_from_their_changes() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 8).unwrap();
        let meeting = Meeting {
            id: MeetingId::from_u128(7),
            family_id: FamilyId::from_u128(1),
            child_id: ChildId::from_u128(2),
            kind: MeetingKind::CaseMeeting,
            purpose: "個別の教育支援計画の作成".into(),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(15, 30, 0).unwrap(),
            place: "役場 2階".into(),
            online_link: None,
            series: None,
            members: Vec::new(),
            status: MeetingStatus::Scheduled,
            agenda: vec!["園での様子".into()],
            outcome: None,
        };
        round_trip(meeting.id.0, &meeting);
        let plan = PlanSummary::draft(
            PlanId::from_u128(3),
            ChildId::from_u128(2),
            PlanKind::SupportPlan,
            PlanPeriod {
                year: SchoolYear::starting_in(2026),
                term: None,
            },
        );
        round_trip(plan.id.0, &plan);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::sync::{FieldState, FieldValue, Fields, Stamp, Version};

    /// Applies `changes` on top of `fields` as one change stamped `at`.
    pub fn apply(fields: &mut Fields, changes: Vec<(String, FieldValue)>, at: Stamp) {
        for (name, value) in changes {
            let version = Version {
                value,
                at,
                base: None,
            };
            fields.insert(name, FieldState::new(version));
        }
    }

    /// Every changed field is one the record type knows, with a value it accepts.
    pub fn all_accepted(record_type: crate::sync::RecordType, changes: &[(String, FieldValue)]) {
        for (name, value) in changes {
            assert_eq!(record_type.check(name, value), Ok(()), "{name}: {value:?}");
        }
    }
}
