//! A parent's notebook entry as the app reads and writes it: what its fields mean
//! (the kind, the words, the child it is about, the tags, when it was written, with
//! whom it is shared) and the changes a screen makes to it, one field at a time,
//! since a field is stored as the person types it.

use chrono::NaiveDateTime;

use crate::{
    ChildId, Lang, PersonId,
    records::{TypedRecord, optional_id, text},
    sync::{
        FieldValue, Fields, RecordType, SHARED_WITH_FAMILY, SHARED_WITH_MENTOR, Stamp, TRASHED,
        document, parse_words,
    },
};

/// What an entry is (願い, 質問, 心配, 気づき, 本人の声).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EntryKind {
    #[default]
    Wish,
    Question,
    Worry,
    Observation,
    ChildsWords,
}

named_enum!(EntryKind, UnknownEntryKind, "unknown kind of entry", {
    Wish => "wish",
    Question => "question",
    Worry => "worry",
    Observation => "observation",
    ChildsWords => "childs_words",
});

impl EntryKind {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Wish, Lang::Ja) => "願い",
            (Self::Wish, Lang::En) => "Wish",
            (Self::Question, Lang::Ja) => "質問",
            (Self::Question, Lang::En) => "Question",
            (Self::Worry, Lang::Ja) => "心配",
            (Self::Worry, Lang::En) => "Worry",
            (Self::Observation, Lang::Ja) => "気づき",
            (Self::Observation, Lang::En) => "Observation",
            (Self::ChildsWords, Lang::Ja) => "本人の声",
            (Self::ChildsWords, Lang::En) => "Child's own words",
        }
    }
}

/// A notebook entry as its fields make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotebookEntry {
    pub id: uuid::Uuid,
    /// Its author; `None` until the server confirmed it (made on this device).
    pub owner: Option<PersonId>,
    /// A wish until the person says otherwise (and for a kind this version does not know).
    pub kind: EntryKind,
    pub text: String,
    pub child: Option<ChildId>,
    pub tags: Vec<String>,
    /// When it was first written, as its device's clock read it.
    pub written_at: Option<NaiveDateTime>,
    pub shared_with_family: bool,
    /// The one mentor who may read it, while the family's consent stands.
    pub shared_with_mentor: Option<PersonId>,
    pub trashed: bool,
    /// Read, never written: the other versions of the text two devices wrote from
    /// the same one without seeing each other (empty unless they clash).
    pub text_clash: Vec<String>,
    /// Read, never written: when it last changed (any field).
    pub changed: Option<Stamp>,
}

/// One change of one field of an entry: how a screen stores what the person did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryChange {
    Kind(EntryKind),
    Text(String),
    Child(Option<ChildId>),
    Tags(Vec<String>),
    WrittenAt(NaiveDateTime),
    SharedWithFamily(bool),
    SharedWithMentor(Option<PersonId>),
    Trashed(bool),
}

impl EntryChange {
    /// The tags a person typed (separated by spaces or commas), as stored.
    pub fn typed_tags(typed: &str) -> Self {
        Self::Tags(parse_words(typed))
    }

    /// The field it changes.
    pub const fn field(&self) -> &'static str {
        match self {
            Self::Kind(_) => NotebookEntry::KIND,
            Self::Text(_) => NotebookEntry::TEXT,
            Self::Child(_) => NotebookEntry::CHILD,
            Self::Tags(_) => NotebookEntry::TAGS,
            Self::WrittenAt(_) => NotebookEntry::WRITTEN_AT,
            Self::SharedWithFamily(_) => NotebookEntry::SHARED_WITH_FAMILY,
            Self::SharedWithMentor(_) => NotebookEntry::SHARED_WITH_MENTOR,
            Self::Trashed(_) => NotebookEntry::TRASHED,
        }
    }

    /// The change as the replica takes it.
    pub fn into_field(self) -> (String, FieldValue) {
        let field = self.field().to_owned();
        let value = match self {
            Self::Kind(kind) => FieldValue::Text(kind.as_str().to_owned()),
            Self::Text(text) => FieldValue::Text(text),
            Self::Child(child) => optional_id(child),
            // A list of words and a JSON string always serialise.
            Self::Tags(tags) => FieldValue::Text(serde_json::to_string(&tags).unwrap_or_default()),
            Self::WrittenAt(at) => FieldValue::Text(
                serde_json::to_string(&crate::iso::format_date_time(at)).unwrap_or_default(),
            ),
            Self::SharedWithFamily(shared) => FieldValue::Bool(shared),
            Self::SharedWithMentor(mentor) => optional_id(mentor),
            Self::Trashed(trashed) => FieldValue::Bool(trashed),
        };
        (field, value)
    }
}

impl NotebookEntry {
    pub const KIND: &'static str = "kind";
    pub const TEXT: &'static str = "text";
    pub const CHILD: &'static str = "child";
    pub const TAGS: &'static str = "tags";
    pub const WRITTEN_AT: &'static str = "written_at";
    pub const SHARED_WITH_FAMILY: &'static str = SHARED_WITH_FAMILY;
    pub const SHARED_WITH_MENTOR: &'static str = SHARED_WITH_MENTOR;
    pub const TRASHED: &'static str = TRASHED;

    /// The entry "新しく書く" opens: nothing in it yet, nothing stored.
    pub fn unwritten(id: uuid::Uuid) -> Self {
        Self {
            id,
            owner: None,
            kind: EntryKind::Wish,
            text: String::new(),
            child: None,
            tags: Vec::new(),
            written_at: None,
            shared_with_family: false,
            shared_with_mentor: None,
            trashed: false,
            text_clash: Vec::new(),
            changed: None,
        }
    }

    /// The entry as it reads once `change` is made.
    pub fn apply(&mut self, change: &EntryChange) {
        match change {
            EntryChange::Kind(kind) => self.kind = *kind,
            EntryChange::Text(text) => self.text.clone_from(text),
            EntryChange::Child(child) => self.child = *child,
            EntryChange::Tags(tags) => self.tags.clone_from(tags),
            EntryChange::WrittenAt(at) => self.written_at = Some(*at),
            EntryChange::SharedWithFamily(shared) => self.shared_with_family = *shared,
            EntryChange::SharedWithMentor(mentor) => self.shared_with_mentor = *mentor,
            EntryChange::Trashed(trashed) => self.trashed = *trashed,
        }
    }

    /// Every field's change, as `changes` gives them to the replica.
    pub fn entry_changes(&self) -> Vec<EntryChange> {
        let mut changes = vec![
            EntryChange::Kind(self.kind),
            EntryChange::Text(self.text.clone()),
            EntryChange::Child(self.child),
            EntryChange::Tags(self.tags.clone()),
            EntryChange::SharedWithFamily(self.shared_with_family),
            EntryChange::SharedWithMentor(self.shared_with_mentor),
            EntryChange::Trashed(self.trashed),
        ];
        changes.extend(self.written_at.map(EntryChange::WrittenAt));
        changes
    }

    /// The first store of a new entry, from what the person did before it had
    /// words: nothing (`None`) until the text has some, then everything done so
    /// far in one change, a wish unless they chose a kind, dated `now`.
    pub fn first_write(
        done: &[EntryChange],
        now: NaiveDateTime,
    ) -> Option<Vec<(String, FieldValue)>> {
        let has_words = done
            .iter()
            .any(|c| matches!(c, EntryChange::Text(t) if !t.trim().is_empty()));
        if !has_words {
            return None;
        }
        let mut changes = done.to_vec();
        if !changes.iter().any(|c| matches!(c, EntryChange::Kind(_))) {
            changes.push(EntryChange::Kind(EntryKind::Wish));
        }
        changes.push(EntryChange::WrittenAt(now));
        Some(changes.into_iter().map(EntryChange::into_field).collect())
    }

    /// Whether the entry holds `words` (lower case) in its text or a tag.
    pub fn mentions(&self, words: &str) -> bool {
        words.is_empty()
            || self.text.to_lowercase().contains(words)
            || self.tags.iter().any(|t| t.to_lowercase().contains(words))
    }
}

impl TypedRecord for NotebookEntry {
    const TYPE: RecordType = RecordType::NotebookEntry;

    /// Every entry reads (a field it lacks reads as empty), so nothing written
    /// is ever hidden because a field came in odd.
    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        fn id_in<T: std::str::FromStr>(fields: &Fields, name: &str) -> Option<T> {
            text(fields, name).and_then(|t| t.parse().ok())
        }
        Some(Self {
            id,
            owner,
            kind: text(fields, Self::KIND)
                .and_then(|k| k.parse().ok())
                .unwrap_or_default(),
            text: text(fields, Self::TEXT).unwrap_or_default().to_owned(),
            child: id_in(fields, Self::CHILD),
            tags: text(fields, Self::TAGS)
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default(),
            written_at: text(fields, Self::WRITTEN_AT)
                .and_then(|t| serde_json::from_str::<String>(t).ok())
                .and_then(|t| crate::iso::parse_date_time(&t)),
            shared_with_family: crate::sync::flag(fields, Self::SHARED_WITH_FAMILY),
            shared_with_mentor: id_in(fields, Self::SHARED_WITH_MENTOR),
            trashed: crate::sync::flag(fields, Self::TRASHED),
            text_clash: fields
                .get(Self::TEXT)
                .map(|f| {
                    f.conflicting()
                        .iter()
                        .filter_map(|v| v.value.as_text().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            changed: document::revision(fields),
        })
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        self.entry_changes()
            .into_iter()
            .map(EntryChange::into_field)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{
        testing::{all_accepted, apply},
        value,
    };
    use crate::sync::{DELETED, NOTEBOOK_KINDS};
    use proptest::prelude::*;

    #[test]
    fn the_names_are_the_record_types() {
        let known: Vec<&str> = RecordType::NotebookEntry
            .fields()
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| *name != DELETED)
            .collect();
        let mut entry = NotebookEntry::unwritten(uuid::Uuid::nil());
        entry.written_at =
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(9, 0, 0));
        let mut named: Vec<&str> = entry
            .entry_changes()
            .iter()
            .map(EntryChange::field)
            .collect();
        named.sort_unstable();
        let mut known_sorted = known.clone();
        known_sorted.sort_unstable();
        assert_eq!(named, known_sorted);
        let kinds: Vec<&str> = EntryKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, NOTEBOOK_KINDS);
    }

    #[test]
    fn an_entry_is_stored_once_it_has_words() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .and_then(|d| d.and_hms_opt(14, 5, 0))
            .unwrap();
        let child = ChildId::from_u128(3);
        assert_eq!(NotebookEntry::first_write(&[], now), None);
        let before_words = [
            EntryChange::Child(Some(child)),
            EntryChange::Text("  ".into()),
        ];
        assert_eq!(NotebookEntry::first_write(&before_words, now), None);
        let done = [
            EntryChange::Child(Some(child)),
            EntryChange::Text("朝の支度".into()),
        ];
        let changes = NotebookEntry::first_write(&done, now).unwrap();
        all_accepted(RecordType::NotebookEntry, &changes);
        let mut fields = Fields::new();
        apply(&mut fields, changes, Stamp::at_millis(1, 1));
        let entry = NotebookEntry::read(uuid::Uuid::nil(), None, &fields).unwrap();
        assert_eq!(
            (
                entry.kind,
                entry.text.as_str(),
                entry.child,
                entry.written_at
            ),
            (EntryKind::Wish, "朝の支度", Some(child), Some(now))
        );
        // A chosen kind is kept, not replaced by the default.
        let chosen = [
            EntryChange::Kind(EntryKind::Worry),
            EntryChange::Text("夜".into()),
        ];
        let changes = NotebookEntry::first_write(&chosen, now).unwrap();
        assert_eq!(
            changes
                .iter()
                .filter(|(f, _)| f == NotebookEntry::KIND)
                .count(),
            1
        );
    }

    #[test]
    fn odd_fields_read_as_empty_and_unknown_kinds_as_wishes() {
        let mut fields = Fields::new();
        apply(
            &mut fields,
            vec![
                (
                    NotebookEntry::KIND.into(),
                    FieldValue::Text("shopping".into()),
                ),
                (
                    NotebookEntry::TAGS.into(),
                    FieldValue::Text("not json".into()),
                ),
                (
                    NotebookEntry::WRITTEN_AT.into(),
                    FieldValue::Text("\"yesterday\"".into()),
                ),
            ],
            Stamp::at_millis(1, 1),
        );
        let entry = NotebookEntry::read(uuid::Uuid::nil(), None, &fields).unwrap();
        assert_eq!(entry.kind, EntryKind::Wish);
        assert!(entry.tags.is_empty() && entry.written_at.is_none() && entry.text.is_empty());
    }

    #[test]
    fn typed_tags_are_the_words_the_server_accepts() {
        let (field, value) = EntryChange::typed_tags(" 園 , 朝の支度、ことば ").into_field();
        assert_eq!(field, NotebookEntry::TAGS);
        assert_eq!(
            value,
            FieldValue::Text(r#"["園","朝の支度","ことば"]"#.into())
        );
        assert!(RecordType::NotebookEntry.check(&field, &value).is_ok());
    }

    fn an_entry() -> impl Strategy<Value = NotebookEntry> {
        (
            prop::sample::select(EntryKind::ALL.to_vec()),
            "\\PC{0,40}",
            prop::option::of(any::<u128>()),
            "[a-zあ-ん ]{0,40}",
            prop::option::of(
                (0i64..4_000_000_000)
                    .prop_map(|s| chrono::DateTime::from_timestamp(s, 0).map(|d| d.naive_utc())),
            ),
            any::<bool>(),
            prop::option::of(any::<u128>()),
            any::<bool>(),
        )
            .prop_map(
                |(kind, text, child, tags, written_at, family, mentor, trashed)| NotebookEntry {
                    id: uuid::Uuid::from_u128(7),
                    owner: Some(PersonId::from_u128(1)),
                    kind,
                    text,
                    child: child.map(ChildId::from_u128),
                    tags: parse_words(&tags),
                    written_at: written_at.flatten(),
                    shared_with_family: family,
                    shared_with_mentor: mentor.map(PersonId::from_u128),
                    trashed,
                    text_clash: Vec::new(),
                    changed: None,
                },
            )
    }

    proptest! {
        #[test]
        fn an_entrys_changes_read_back_as_the_entry_and_keep_other_fields(
            entry in an_entry(),
            other in "\\PC{0,20}",
        ) {
            let changes = entry.changes();
            all_accepted(RecordType::NotebookEntry, &changes);
            let at = Stamp::at_millis(5, 2);
            let mut fields = Fields::new();
            // A field a later version of the app may add.
            apply(&mut fields, vec![("mood".into(), FieldValue::Text(other.clone()))], Stamp::at_millis(1, 1));
            apply(&mut fields, changes, at);
            let read = NotebookEntry::read(entry.id, entry.owner, &fields);
            prop_assert_eq!(read, Some(NotebookEntry { changed: Some(at), ..entry.clone() }));
            prop_assert_eq!(value(&fields, "mood"), Some(&FieldValue::Text(other)));

            // One field at a time, as the editor stores them, reads the same.
            let mut shown = NotebookEntry::unwritten(entry.id);
            for change in entry.entry_changes() {
                shown.apply(&change);
            }
            prop_assert_eq!(shown, NotebookEntry { owner: None, ..entry });
        }
    }
}
