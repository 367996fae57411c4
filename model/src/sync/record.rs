//! The kinds of record that sync, and what each field may hold. Both sides check
//! a change against this: the app before queuing it, the server before applying.

use serde::{Deserialize, Serialize};

use super::FieldValue;
use crate::Lang;

/// The field every record type has: set, the record is deleted (a tombstone).
pub const DELETED: &str = "deleted";
/// A notebook entry's explicit choice to let the family's other parents read it.
pub const SHARED_WITH_FAMILY: &str = "shared_with_family";
/// A notebook entry's explicit choice to let one mentor (a person id) read it.
pub const SHARED_WITH_MENTOR: &str = "shared_with_mentor";
/// A notebook entry in its author's trash: hidden from the notebook and shared
/// with nobody; restored by setting it back, erased by the server `TRASH_DAYS`
/// after it went in (or at once by `DELETED`: "delete now").
pub const TRASHED: &str = "trashed";
/// How long an entry stays in the trash before its words and history are erased.
pub const TRASH_DAYS: i64 = 30;
/// What became of a brought item (`crate::brought::ItemOutcome`).
pub const ITEM_OUTCOMES: &[&str] = &["answered", "became_goal", "carried", "set_aside"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// A parent's notebook entry: only its author reads it, unless they share it
    /// with the family's other parents (`shared_with_family`).
    NotebookEntry,
    /// A meeting of a family (`crate::Meeting`), written by coordinators, received
    /// by the family's parents.
    Meeting,
    /// A plan summary (`crate::plan::PlanSummary`), written by coordinators,
    /// received by the family's parents once published, never as a draft.
    PlanSummary,
    /// A notebook entry brought to a meeting (`crate::brought::BroughtItem`): the
    /// parent's consent to show the team this wording. The parent writes the
    /// wording, order and withdrawal; the coordinator writes what became of it.
    BroughtItem,
    /// A parent's answer to a meeting (`crate::answer::MeetingAnswer`): written
    /// by its parent until the meeting starts, received by the family's parents;
    /// coordinators read it beside the meeting.
    MeetingAnswer,
    /// A parent mentor's contact with a family (`crate::mentor::MentorContact`):
    /// written and received by its mentor alone, while the family's `Contact`
    /// consent stands.
    MentorContact,
    /// An agency of the support directory (`crate::directory::Agency`), written
    /// by coordinators, received by every signed-in person until retired.
    Agency,
    /// A message on a shared entry (`crate::advice::Advice`), between the entry's
    /// parent and the mentor it is shared with.
    Advice,
}

named_enum!(RecordType, UnknownRecordType, "unknown record type", {
    NotebookEntry => "notebook_entry",
    Meeting => "meeting",
    PlanSummary => "plan_summary",
    BroughtItem => "brought_item",
    MeetingAnswer => "meeting_answer",
    MentorContact => "mentor_contact",
    Agency => "agency",
    Advice => "advice",
});

/// As it is written in an address (`/sync/history/notebook_entry/…`).
impl std::fmt::Display for RecordType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which record: its type and its id (minted by whoever created it, offline too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordKey {
    #[serde(rename = "type")]
    pub record_type: RecordType,
    pub id: uuid::Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text people write; concurrent edits from one base are kept side by side.
    FreeText {
        max_chars: usize,
    },
    /// One of a fixed list of names.
    Choice(&'static [&'static str]),
    Bool,
    /// A UUID as text, or null.
    OptionalId,
    /// A property of a document record, as JSON text (`super::document`).
    Json {
        max_chars: usize,
    },
    /// A whole number (an order).
    Int,
    /// A short list of words (tags), kept as JSON text; newest wins.
    Words,
}

/// At most this many tags on an entry, each at most `WORD_MAX_CHARS` long.
pub const WORDS_MAX: usize = 10;
pub const WORD_MAX_CHARS: usize = 30;

/// The tags a person typed, separated by spaces (either width) or commas (either
/// script): empty ones dropped, each cut to its limit, at most `WORDS_MAX`, and
/// only words the server accepts (`crate::text::check_word`).
pub fn parse_words(typed: &str) -> Vec<String> {
    typed
        .split([' ', ',', '、', '　', '，'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(WORD_MAX_CHARS).collect::<String>())
        .filter(|w| crate::text::check_word(w, WORD_MAX_CHARS).is_ok())
        .take(WORDS_MAX)
        .collect()
}

/// Whether `text` is a JSON list of at most 10 words of at most 30 characters,
/// each one visible line as `crate::text::check_word` says.
fn are_words(text: &str) -> bool {
    serde_json::from_str::<Vec<String>>(text).is_ok_and(|words| {
        words.len() <= WORDS_MAX
            && words
                .iter()
                .all(|w| crate::text::check_word(w, WORD_MAX_CHARS).is_ok())
    })
}

/// A document property's JSON: the whole of a plan's longest lists fits.
const DOC_FIELD: FieldKind = FieldKind::Json { max_chars: 200_000 };

/// An agency's one-line fields and its longer ones (`crate::directory`).
const AGENCY_LINE: FieldKind = FieldKind::FreeText {
    max_chars: crate::directory::AGENCY_LINE_MAX_CHARS,
};
const AGENCY_TEXT: FieldKind = FieldKind::FreeText {
    max_chars: crate::directory::AGENCY_TEXT_MAX_CHARS,
};

/// The notebook's kinds of entry (願い, 質問, 心配, 気づき, 本人の声).
pub const NOTEBOOK_KINDS: &[&str] = &["wish", "question", "worry", "observation", "childs_words"];

impl RecordType {
    /// Each field's name and kind.
    pub const fn fields(self) -> &'static [(&'static str, FieldKind)] {
        match self {
            Self::NotebookEntry => &[
                ("kind", FieldKind::Choice(NOTEBOOK_KINDS)),
                ("text", FieldKind::FreeText { max_chars: 4000 }),
                ("child", FieldKind::OptionalId),
                ("tags", FieldKind::Words),
                // When the entry was first written, as the device's clock read it.
                ("written_at", FieldKind::Json { max_chars: 40 }),
                (SHARED_WITH_FAMILY, FieldKind::Bool),
                (SHARED_WITH_MENTOR, FieldKind::OptionalId),
                (TRASHED, FieldKind::Bool),
                (DELETED, FieldKind::Bool),
            ],
            Self::BroughtItem => &[
                ("meeting", FieldKind::OptionalId),
                ("entry", FieldKind::OptionalId),
                ("wording", FieldKind::FreeText { max_chars: 4000 }),
                ("position", FieldKind::Int),
                ("withdrawn", FieldKind::Bool),
                ("outcome", FieldKind::Choice(ITEM_OUTCOMES)),
                ("answer", FieldKind::FreeText { max_chars: 4000 }),
                ("goal", FieldKind::OptionalId),
                ("plan", FieldKind::OptionalId),
                ("reason", FieldKind::FreeText { max_chars: 1000 }),
                (DELETED, FieldKind::Bool),
            ],
            Self::MeetingAnswer => &[
                ("meeting", FieldKind::OptionalId),
                ("answer", FieldKind::Choice(crate::answer::ATTENDANCE_NAMES)),
                (
                    "note",
                    FieldKind::FreeText {
                        max_chars: crate::answer::NOTE_MAX_CHARS,
                    },
                ),
                ("answered_at", FieldKind::Json { max_chars: 40 }),
                (DELETED, FieldKind::Bool),
            ],
            Self::MentorContact => &[
                ("family", FieldKind::OptionalId),
                // Dates as JSON text ("2026-12-02"; the follow-up may be null).
                ("on", FieldKind::Json { max_chars: 20 }),
                ("channel", FieldKind::Choice(crate::mentor::CHANNEL_NAMES)),
                (
                    "note",
                    FieldKind::FreeText {
                        max_chars: crate::mentor::CONTACT_NOTE_MAX_CHARS,
                    },
                ),
                ("follow_up", FieldKind::Json { max_chars: 20 }),
                ("followed_up", FieldKind::Bool),
                (DELETED, FieldKind::Bool),
            ],
            Self::Agency => &[
                ("field", FieldKind::Choice(crate::directory::FIELD_NAMES)),
                ("name", AGENCY_LINE),
                ("reading", AGENCY_LINE),
                ("does", AGENCY_TEXT),
                ("phone", AGENCY_LINE),
                ("hours", AGENCY_LINE),
                ("address", AGENCY_LINE),
                ("website", AGENCY_LINE),
                ("notes", AGENCY_TEXT),
                ("retired", FieldKind::Bool),
                (DELETED, FieldKind::Bool),
            ],
            Self::Advice => &[
                ("entry", FieldKind::OptionalId),
                (
                    "text",
                    FieldKind::FreeText {
                        max_chars: crate::advice::ADVICE_MAX_CHARS,
                    },
                ),
                ("written_at", FieldKind::Json { max_chars: 40 }),
                ("handled", FieldKind::Bool),
                (DELETED, FieldKind::Bool),
            ],
            Self::Meeting => &[
                ("family_id", DOC_FIELD),
                ("child_id", DOC_FIELD),
                ("kind", DOC_FIELD),
                ("purpose", DOC_FIELD),
                ("starts_at", DOC_FIELD),
                ("ends_at", DOC_FIELD),
                ("place", DOC_FIELD),
                ("online_link", DOC_FIELD),
                ("series", DOC_FIELD),
                ("members", DOC_FIELD),
                ("status", DOC_FIELD),
                ("agenda", DOC_FIELD),
                ("outcome", DOC_FIELD),
                (DELETED, FieldKind::Bool),
            ],
            Self::PlanSummary => &[
                ("child", DOC_FIELD),
                ("kind", DOC_FIELD),
                ("period", DOC_FIELD),
                ("published", DOC_FIELD),
                ("strengths_and_needs", DOC_FIELD),
                ("parent_wishes", DOC_FIELD),
                ("child_wishes", DOC_FIELD),
                ("goals", DOC_FIELD),
                ("supports", DOC_FIELD),
                ("agency_parts", DOC_FIELD),
                ("evaluation", DOC_FIELD),
                (DELETED, FieldKind::Bool),
            ],
        }
    }

    /// Most bytes of JSON a record of this type holds, every version of every
    /// field counted: a change that would make it larger is refused. Room for
    /// each text at its longest in `MAX_CLASH_VERSIONS` versions.
    pub const fn max_bytes(self) -> usize {
        match self {
            Self::NotebookEntry | Self::BroughtItem => 160 * 1024,
            Self::MeetingAnswer => 16 * 1024,
            Self::MentorContact | Self::Agency => 64 * 1024,
            Self::Advice => 96 * 1024,
            // Written whole by coordinators; every property at its longest.
            Self::Meeting | Self::PlanSummary => 4 * 1024 * 1024,
        }
    }

    /// Whether deleting a record of this type erases its content and history
    /// (a parent's own words), rather than only hiding it. Such a deletion is
    /// final: the server refuses any later change to the record, so no device
    /// can bring back what was erased, and all agree on the tombstone.
    pub const fn erased_when_deleted(self) -> bool {
        matches!(self, Self::NotebookEntry)
    }

    pub fn field_kind(self, field: &str) -> Option<FieldKind> {
        self.fields()
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, kind)| *kind)
    }

    /// The longest text a person may write in `field`, if it is free text.
    pub fn max_chars(self, field: &str) -> Option<usize> {
        match self.field_kind(field)? {
            FieldKind::FreeText { max_chars } => Some(max_chars),
            _ => None,
        }
    }

    pub fn is_free_text(self, field: &str) -> bool {
        matches!(self.field_kind(field), Some(FieldKind::FreeText { .. }))
    }

    /// Whether `value` may be written to `field`.
    pub fn check(self, field: &str, value: &FieldValue) -> Result<(), Refusal> {
        let kind = self
            .field_kind(field)
            .ok_or_else(|| Refusal::UnknownField(field.to_owned()))?;
        let fits = match (kind, value) {
            (FieldKind::FreeText { max_chars }, FieldValue::Text(t)) => {
                t.chars().count() <= max_chars
            }
            (FieldKind::Choice(names), FieldValue::Text(t)) => names.contains(&t.as_str()),
            (FieldKind::Bool, FieldValue::Bool(_)) => true,
            (FieldKind::OptionalId, FieldValue::Null) => true,
            (FieldKind::OptionalId, FieldValue::Text(t)) => uuid::Uuid::try_parse(t).is_ok(),
            (FieldKind::Json { max_chars }, FieldValue::Text(t)) => {
                t.len() <= max_chars && super::document::is_json(t)
            }
            (FieldKind::Int, FieldValue::Int(_)) => true,
            (FieldKind::Words, FieldValue::Text(t)) => are_words(t),
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(Refusal::InvalidValue(field.to_owned()))
        }
    }
}

/// Why the server did not apply a change. Shown to the person, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum Refusal {
    #[error("unknown field {0}")]
    UnknownField(String),
    #[error("the value of {0} is not allowed")]
    InvalidValue(String),
    #[error("the change is dated too far in the future")]
    TooFarAhead,
    #[error("this record cannot be changed by you")]
    NotAllowed,
    #[error("the change has no fields")]
    Empty,
    #[error("this device's id belongs to another person")]
    ForeignClient,
    #[error("the meeting has started; its items no longer change")]
    MeetingStarted,
    #[error("the mentor is not one the family consented to")]
    NoConsent,
    #[error("the record would be too large")]
    TooLarge,
    #[error("the record was deleted")]
    Deleted,
}

impl Refusal {
    /// What the person reads next to the change that was not saved.
    pub fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::UnknownField(_) | Self::InvalidValue(_) | Self::Empty, Lang::Ja) => {
                "内容が正しくないため、サーバーに保存されませんでした。"
            }
            (Self::UnknownField(_) | Self::InvalidValue(_) | Self::Empty, Lang::En) => {
                "The server did not save this change: its content is not valid."
            }
            (Self::TooFarAhead, Lang::Ja) => {
                "端末の時計が進みすぎているため保存されませんでした。時計を合わせてから、もう一度送ってください。"
            }
            (Self::TooFarAhead, Lang::En) => {
                "Not saved: this device's clock is too far ahead. Please set the clock and send it again."
            }
            (Self::NotAllowed, Lang::Ja) => "この記録を変更する権限がありません。",
            (Self::NotAllowed, Lang::En) => "You may not change this record.",
            (Self::ForeignClient, Lang::Ja) => {
                "この端末は別の方のサインインで使われていました。もう一度送ってください。"
            }
            (Self::ForeignClient, Lang::En) => {
                "This device was used by someone else's sign-in. Please send it again."
            }
            (Self::MeetingStarted, Lang::Ja) => {
                "会議が始まったため、持っていく内容はもう変えられません。"
            }
            (Self::MeetingStarted, Lang::En) => {
                "The meeting has started: what you bring to it no longer changes."
            }
            (Self::NoConsent, Lang::Ja) => {
                "このメンターには、ご家族の同意がないため共有できません。"
            }
            (Self::NoConsent, Lang::En) => {
                "This mentor has no consent from your family, so it cannot be shared."
            }
            (Self::Deleted, Lang::Ja) => "この記録は削除されたため、変更は保存されませんでした。",
            (Self::Deleted, Lang::En) => "Not saved: this record was deleted.",
            (Self::TooLarge, Lang::Ja) => {
                "この記録は大きくなりすぎるため保存されませんでした。内容を短くするか、別の記録に分けてください。"
            }
            (Self::TooLarge, Lang::En) => {
                "Not saved: this record would become too large. Please shorten it or split it into another record."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_against_the_field_kind() {
        let t = RecordType::NotebookEntry;
        assert!(t.check("kind", &FieldValue::Text("wish".into())).is_ok());
        assert!(
            t.check("kind", &FieldValue::Text("shopping".into()))
                .is_err()
        );
        assert!(
            t.check("text", &FieldValue::Text("あ".repeat(4000)))
                .is_ok()
        );
        assert!(
            t.check("text", &FieldValue::Text("あ".repeat(4001)))
                .is_err()
        );
        assert!(t.check("text", &FieldValue::Int(3)).is_err());
        assert!(t.check("child", &FieldValue::Null).is_ok());
        assert!(
            t.check("child", &FieldValue::Text("not an id".into()))
                .is_err()
        );
        assert!(t.check(DELETED, &FieldValue::Bool(true)).is_ok());
        assert!(
            t.check("tags", &FieldValue::Text(r#"["療育"]"#.into()))
                .is_ok()
        );
        assert!(
            t.check("tags", &FieldValue::Text(r#"["\u200b"]"#.into()))
                .is_err()
        );
        assert!(
            t.check("tags", &FieldValue::Text(r#"["\u202e園"]"#.into()))
                .is_err()
        );
        assert_eq!(
            t.check("owner", &FieldValue::Null),
            Err(Refusal::UnknownField("owner".into()))
        );
        assert!(t.is_free_text("text") && !t.is_free_text("kind"));
    }

    #[test]
    fn typed_tags_become_words_within_their_limits() {
        assert_eq!(
            parse_words(" 園 , 朝の支度、ことば　トイレ "),
            ["園", "朝の支度", "ことば", "トイレ"]
        );
        assert!(parse_words(" ,、 ").is_empty());
        let many = (0..15).map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
        assert_eq!(parse_words(&many).len(), WORDS_MAX);
        let long = parse_words(&"あ".repeat(40));
        assert_eq!(long[0].chars().count(), WORD_MAX_CHARS);
        let json = serde_json::to_string(&parse_words(&many)).unwrap();
        assert!(
            are_words(&json),
            "what the app makes is what the server accepts"
        );
        assert_eq!(RecordType::NotebookEntry.max_chars("text"), Some(4000));
        assert_eq!(RecordType::NotebookEntry.max_chars("kind"), None);
    }
}
