//! The rules of `notebook`, pinned.

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
