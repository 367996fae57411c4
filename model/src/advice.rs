//! Advice on an entry a parent shared with their mentor: the mentor answers,
//! the parent reads it on the entry itself and may reply, between the two of
//! them only (never the family's other parents, never staff). Each message is
//! a synced record (`RecordType::Advice`) written by whoever says it; the
//! mentor marks the thread handled on their latest answer, and a reply from the
//! parent opens it again.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{
    Lang, PersonId,
    records::{TypedRecord, text, value},
    sync::{FieldValue, Fields, RecordType},
};

/// The longest message of a thread.
pub const ADVICE_MAX_CHARS: usize = 2000;

/// One message of a thread on a shared entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub id: uuid::Uuid,
    pub author: PersonId,
    /// The notebook entry it is about.
    pub entry: uuid::Uuid,
    pub text: String,
    /// Town time, as the writing device's clock read it.
    pub written_at: Option<NaiveDateTime>,
    /// Set by the mentor on their answer: nothing more to do for now.
    pub handled: bool,
}

impl Advice {
    pub const ENTRY: &'static str = "entry";
    pub const TEXT: &'static str = "text";
    pub const WRITTEN_AT: &'static str = "written_at";
    pub const HANDLED: &'static str = "handled";
    /// What a device writes.
    pub const FIELDS: &'static [&'static str] =
        &[Self::ENTRY, Self::TEXT, Self::WRITTEN_AT, Self::HANDLED];

    /// `text` as it is kept: trimmed, at most `ADVICE_MAX_CHARS`.
    pub fn tidy(text: &str) -> String {
        text.trim().chars().take(ADVICE_MAX_CHARS).collect()
    }
}

/// Where a thread stands for the mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ThreadState {
    /// The parent has the last word (or nobody spoke yet): the mentor's turn.
    Open,
    /// The mentor answered; the parent may reply.
    Answered,
    /// The mentor marked it handled after their answer.
    Handled,
}

impl ThreadState {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Open, Lang::Ja) => "未対応",
            (Self::Answered, Lang::Ja) => "回答済み",
            (Self::Handled, Lang::Ja) => "対応済み",
            (Self::Open, Lang::En) => "Open",
            (Self::Answered, Lang::En) => "Answered",
            (Self::Handled, Lang::En) => "Handled",
        }
    }
}

/// The messages about `entry`, oldest first.
pub fn thread(advice: &[Advice], entry: uuid::Uuid) -> Vec<&Advice> {
    let mut messages: Vec<&Advice> = advice.iter().filter(|a| a.entry == entry).collect();
    messages.sort_by_key(|a| (a.written_at, a.id));
    messages
}

/// Where the thread (oldest first) stands, `author` being the entry's parent.
pub fn thread_state(thread: &[&Advice], author: PersonId) -> ThreadState {
    match thread.last() {
        None => ThreadState::Open,
        Some(last) if last.author == author => ThreadState::Open,
        Some(last) if last.handled => ThreadState::Handled,
        Some(_) => ThreadState::Answered,
    }
}

impl TypedRecord for Advice {
    const TYPE: RecordType = RecordType::Advice;

    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        Some(Self {
            id,
            author: owner?,
            entry: text(fields, Self::ENTRY)?.parse().ok()?,
            text: text(fields, Self::TEXT)?.to_owned(),
            written_at: text(fields, Self::WRITTEN_AT)
                .and_then(|t| serde_json::from_str::<String>(t).ok())
                .and_then(|t| crate::iso::parse_date_time(&t)),
            handled: matches!(value(fields, Self::HANDLED), Some(FieldValue::Bool(true))),
        })
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        let mut changes = vec![
            (
                Self::ENTRY.to_owned(),
                FieldValue::Text(self.entry.to_string()),
            ),
            (Self::TEXT.to_owned(), FieldValue::Text(self.text.clone())),
            (Self::HANDLED.to_owned(), FieldValue::Bool(self.handled)),
        ];
        if let Some(at) = self.written_at
            && let Ok(json) = serde_json::to_string(&crate::iso::format_date_time(at))
        {
            changes.push((Self::WRITTEN_AT.to_owned(), FieldValue::Text(json)));
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::testing::{all_accepted, apply};

    fn message(n: u128, author: u128, minute: u32, handled: bool) -> Advice {
        Advice {
            id: uuid::Uuid::from_u128(n),
            author: PersonId::from_u128(author),
            entry: uuid::Uuid::from_u128(100),
            text: format!("メッセージ{n}"),
            written_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .and_then(|d| d.and_hms_opt(10, minute, 0)),
            handled,
        }
    }

    #[test]
    fn a_thread_is_open_until_the_mentor_answers_and_a_reply_opens_it_again() {
        let parent = PersonId::from_u128(1);
        let mut all = vec![message(2, 9, 5, false)];
        assert_eq!(
            thread_state(&thread(&all, uuid::Uuid::from_u128(100)), parent),
            ThreadState::Answered
        );
        all[0].handled = true;
        assert_eq!(
            thread_state(&thread(&all, uuid::Uuid::from_u128(100)), parent),
            ThreadState::Handled
        );
        all.push(message(3, 1, 9, false));
        let t = thread(&all, uuid::Uuid::from_u128(100));
        assert_eq!(t.iter().map(|a| a.id.as_u128()).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(thread_state(&t, parent), ThreadState::Open);
        assert_eq!(thread_state(&[], parent), ThreadState::Open);
        assert!(thread(&all, uuid::Uuid::from_u128(5)).is_empty());
    }

    #[test]
    fn a_message_reads_back_from_its_changes() {
        let m = message(4, 9, 0, true);
        all_accepted(RecordType::Advice, &m.changes());
        let mut fields = Fields::new();
        apply(
            &mut fields,
            m.changes(),
            crate::sync::Stamp::at_millis(1, 1),
        );
        assert_eq!(Advice::read(m.id, Some(m.author), &fields), Some(m));
    }
}
