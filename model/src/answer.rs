//! A parent's answer to a meeting: coming, not coming, or wanting to talk about
//! the date. A synced record like the notebook's, so it is given offline and
//! reaches the coordinator's desk on the next sync; the parent may change it
//! until the meeting starts (`Meeting::items_fixed`), the same moment the items
//! brought to it are fixed.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{
    Lang, MeetingId, PersonId,
    records::{TypedRecord, text},
    sync::{FieldValue, Fields, RecordType},
};

/// What the parent answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Attending,
    NotAttending,
    /// The date does not suit: the parent asks to talk about it.
    DiscussDate,
}

named_enum!(Attendance, UnknownAttendance, "unknown answer", {
    Attending => "attending",
    NotAttending => "not_attending",
    DiscussDate => "discuss_date",
});

/// The names an answer's `answer` field may hold.
pub const ATTENDANCE_NAMES: &[&str] = &["attending", "not_attending", "discuss_date"];

/// The longest note beside an answer ("the 10th would suit better").
pub const NOTE_MAX_CHARS: usize = 200;

impl Attendance {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Attending, Lang::Ja) => "出席します",
            (Self::NotAttending, Lang::Ja) => "欠席します",
            (Self::DiscussDate, Lang::Ja) => "日程を相談したい",
            (Self::Attending, Lang::En) => "I will attend",
            (Self::NotAttending, Lang::En) => "I cannot attend",
            (Self::DiscussDate, Lang::En) => "I would like to discuss the date",
        }
    }
}

/// One parent's answer to one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingAnswer {
    pub id: uuid::Uuid,
    pub owner: PersonId,
    pub meeting: MeetingId,
    pub answer: Attendance,
    pub note: String,
    /// Town time, as the answering device's clock read it.
    pub answered_at: Option<NaiveDateTime>,
}

impl MeetingAnswer {
    pub const MEETING: &'static str = "meeting";
    pub const ANSWER: &'static str = "answer";
    pub const NOTE: &'static str = "note";
    pub const ANSWERED_AT: &'static str = "answered_at";
    /// What a parent's device writes: every field of the record.
    pub const FIELDS: &'static [&'static str] =
        &[Self::MEETING, Self::ANSWER, Self::NOTE, Self::ANSWERED_AT];

    /// `note` as it is kept: trimmed, at most `NOTE_MAX_CHARS`.
    pub fn tidy_note(note: &str) -> String {
        note.trim().chars().take(NOTE_MAX_CHARS).collect()
    }
}

/// The answer that stands for each parent of `answers` to `meeting`: the latest
/// one each gave (two devices offline may each have made a record).
pub fn standing(answers: &[MeetingAnswer], meeting: MeetingId) -> Vec<&MeetingAnswer> {
    let mut latest: std::collections::BTreeMap<PersonId, &MeetingAnswer> = Default::default();
    for answer in answers.iter().filter(|a| a.meeting == meeting) {
        latest
            .entry(answer.owner)
            .and_modify(|held| {
                if (answer.answered_at, answer.id) > (held.answered_at, held.id) {
                    *held = answer;
                }
            })
            .or_insert(answer);
    }
    latest.into_values().collect()
}

impl TypedRecord for MeetingAnswer {
    const TYPE: RecordType = RecordType::MeetingAnswer;

    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        Some(Self {
            id,
            owner: owner?,
            meeting: text(fields, Self::MEETING)?.parse().ok()?,
            answer: text(fields, Self::ANSWER)?.parse().ok()?,
            note: text(fields, Self::NOTE).unwrap_or_default().to_owned(),
            answered_at: text(fields, Self::ANSWERED_AT)
                .and_then(|t| serde_json::from_str::<String>(t).ok())
                .and_then(|t| crate::iso::parse_date_time(&t)),
        })
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        let mut changes = vec![
            (
                Self::MEETING.to_owned(),
                FieldValue::Text(self.meeting.to_string()),
            ),
            (
                Self::ANSWER.to_owned(),
                FieldValue::Text(self.answer.as_str().to_owned()),
            ),
            (Self::NOTE.to_owned(), FieldValue::Text(self.note.clone())),
        ];
        if let Some(at) = self.answered_at
            && let Ok(json) = serde_json::to_string(&crate::iso::format_date_time(at))
        {
            changes.push((Self::ANSWERED_AT.to_owned(), FieldValue::Text(json)));
        }
        changes
    }
}

/// A parent's standing answer as the coordinator's desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingAnswerView {
    pub person: PersonId,
    pub display_name: String,
    pub answer: Attendance,
    pub note: String,
    #[serde(default, with = "crate::iso::date_time::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2026-12-01T09:05"))]
    pub answered_at: Option<NaiveDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::testing::{all_accepted, apply};
    use crate::sync::Stamp;

    fn answer(id: u128, owner: u128, at_minute: u32, attendance: Attendance) -> MeetingAnswer {
        MeetingAnswer {
            id: uuid::Uuid::from_u128(id),
            owner: PersonId::from_u128(owner),
            meeting: MeetingId::from_u128(9),
            answer: attendance,
            note: String::new(),
            answered_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(9, at_minute, 0)),
        }
    }

    #[test]
    fn an_answer_reads_back_from_its_changes_and_every_change_is_accepted() {
        let mut given = answer(1, 2, 5, Attendance::DiscussDate);
        given.note = "10日なら参加できます".into();
        let changes = given.changes();
        all_accepted(RecordType::MeetingAnswer, &changes);
        let mut fields = Fields::new();
        apply(&mut fields, changes, Stamp::at_millis(1, 1));
        assert_eq!(
            MeetingAnswer::read(given.id, Some(given.owner), &fields),
            Some(given.clone())
        );
        // Without its owner or its answer it is no answer.
        assert_eq!(MeetingAnswer::read(given.id, None, &fields), None);
        fields.remove(MeetingAnswer::ANSWER);
        assert_eq!(
            MeetingAnswer::read(given.id, Some(given.owner), &fields),
            None
        );
    }

    #[test]
    fn each_parent_stands_by_their_latest_answer() {
        let answers = vec![
            answer(1, 2, 5, Attendance::Attending),
            answer(2, 2, 20, Attendance::NotAttending),
            answer(3, 3, 1, Attendance::Attending),
        ];
        let standing = standing(&answers, MeetingId::from_u128(9));
        assert_eq!(standing.len(), 2);
        assert_eq!(standing[0].answer, Attendance::NotAttending);
        assert_eq!(standing[1].owner, PersonId::from_u128(3));
        assert!(super::standing(&answers, MeetingId::from_u128(8)).is_empty());
    }

    #[test]
    fn a_note_is_kept_short_and_a_wrong_answer_is_refused() {
        assert_eq!(MeetingAnswer::tidy_note("  あ \n"), "あ");
        assert_eq!(
            MeetingAnswer::tidy_note(&"あ".repeat(500)).chars().count(),
            NOTE_MAX_CHARS
        );
        assert!(
            RecordType::MeetingAnswer
                .check(MeetingAnswer::ANSWER, &FieldValue::Text("maybe".into()))
                .is_err()
        );
        assert!(
            RecordType::MeetingAnswer
                .check(MeetingAnswer::NOTE, &FieldValue::Text("あ".repeat(201)))
                .is_err()
        );
        for name in ATTENDANCE_NAMES {
            assert!(name.parse::<Attendance>().is_ok());
        }
    }
}
