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

    /// Whether each word of `query` is in the entry's text or a tag (kana and
    /// widths alike: `crate::search`).
    pub fn mentions(&self, query: &crate::search::Query) -> bool {
        query.finds(std::iter::once(self.text.as_str()).chain(self.tags.iter().map(String::as_str)))
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
mod tests;
