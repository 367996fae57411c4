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
