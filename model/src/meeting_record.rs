//! A meeting's life after it is booked: its status, its time, its agenda, and
//! after it the outcome the team agreed, with the checks each keeps.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{Lang, MemberRole};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Scheduled,
    Held,
    Cancelled,
}

named_enum!(MeetingStatus, UnknownMeetingStatus, "unknown meeting status", {
    Scheduled => "scheduled",
    Held => "held",
    Cancelled => "cancelled",
});

impl MeetingStatus {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Scheduled, Lang::Ja) => "予定",
            (Self::Scheduled, Lang::En) => "Scheduled",
            (Self::Held, Lang::Ja) => "開催済み",
            (Self::Held, Lang::En) => "Held",
            (Self::Cancelled, Lang::Ja) => "中止",
            (Self::Cancelled, Lang::En) => "Cancelled",
        }
    }
}

/// When a meeting runs: it ends after it starts, on the same day (case meetings
/// are an hour or two; nobody books one across midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingTime {
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub ends_at: NaiveDateTime,
}

/// One member's part in what was agreed (支援の方向性を受けての役割).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreedRole {
    pub role: MemberRole,
    /// The member's organisation (園, 学校, 事業所…), as the team wrote it.
    pub organisation: String,
    pub task: String,
}

/// What the team agreed, recorded after the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingOutcome {
    /// 支援の方向性.
    pub direction: String,
    /// Each member's part, the parent's own tasks included (role `Parent`).
    pub roles: Vec<AgreedRole>,
    /// 次回開催の目途: a target date, not yet a booking.
    #[serde(default, with = "crate::iso::date::option")]
    pub next_target: Option<NaiveDate>,
    pub follow_ups: Vec<String>,
}

impl MeetingOutcome {
    /// The parent's own tasks from the meeting.
    pub fn parent_tasks(&self) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(|r| r.role == MemberRole::Parent)
            .map(|r| r.task.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingProblem {
    #[error("a meeting ends after it starts")]
    EndsBeforeStart,
    #[error("a meeting starts and ends on the same day")]
    SpansDays,
    #[error("an outcome is recorded for a meeting that was held")]
    OutcomeBeforeHeld,
    #[error("the agreed direction of support needs its words")]
    EmptyDirection,
    #[error("the next meeting's target date comes after this meeting")]
    NextTargetNotLater,
    #[error("an agenda item needs its words")]
    EmptyAgendaItem,
    #[error("a meeting needs its purpose")]
    EmptyPurpose,
    #[error("a meeting needs a place or an online link")]
    NoPlace,
    #[error("an online link starts with https://")]
    LinkNotHttps,
    #[error("a meeting needs at least one member")]
    NoMembers,
    #[error("a text is too long")]
    TooLong,
    #[error("a list is too long")]
    TooMany,
    #[error("the child is not a child of this family")]
    UnknownChild,
}

impl MeetingProblem {
    /// What the coordinator reads next to the form.
    pub const fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::EndsBeforeStart, Lang::Ja) => "終了時刻は開始時刻より後にしてください。",
            (Self::EndsBeforeStart, Lang::En) => "The meeting must end after it starts.",
            (Self::SpansDays, Lang::Ja) => "会議は同じ日のうちに終わるようにしてください。",
            (Self::SpansDays, Lang::En) => "The meeting must end on the day it starts.",
            (Self::OutcomeBeforeHeld, Lang::Ja) => "結果は開催済みの会議にだけ記録できます。",
            (Self::OutcomeBeforeHeld, Lang::En) => {
                "An outcome is recorded only for a meeting that was held."
            }
            (Self::EmptyDirection, Lang::Ja) => "支援の方向性を書いてください。",
            (Self::EmptyDirection, Lang::En) => "Please write the agreed direction of support.",
            (Self::NextTargetNotLater, Lang::Ja) => {
                "次回開催の目途は、この会議より後の日付にしてください。"
            }
            (Self::NextTargetNotLater, Lang::En) => {
                "The next meeting's target date must come after this meeting."
            }
            (Self::EmptyAgendaItem, Lang::Ja) => "議題に空の行があります。",
            (Self::EmptyAgendaItem, Lang::En) => "An agenda item is empty.",
            (Self::EmptyPurpose, Lang::Ja) => "開催目的を書いてください。",
            (Self::EmptyPurpose, Lang::En) => "Please write the purpose of the meeting.",
            (Self::NoPlace, Lang::Ja) => "場所かオンラインのリンクを入れてください。",
            (Self::NoPlace, Lang::En) => "Please give a place or an online link.",
            (Self::LinkNotHttps, Lang::Ja) => {
                "オンラインのリンクは https:// で始まるものにしてください。"
            }
            (Self::LinkNotHttps, Lang::En) => "The online link must start with https://.",
            (Self::NoMembers, Lang::Ja) => "参加者を1人以上選んでください。",
            (Self::NoMembers, Lang::En) => "Please choose at least one member.",
            (Self::TooLong, Lang::Ja) => "長すぎる項目があります。",
            (Self::TooLong, Lang::En) => "One of the texts is too long.",
            (Self::TooMany, Lang::Ja) => "項目の数が多すぎます。",
            (Self::TooMany, Lang::En) => "One of the lists is too long.",
            (Self::UnknownChild, Lang::Ja) => "この家族のお子さんを選んでください。",
            (Self::UnknownChild, Lang::En) => "Please choose a child of this family.",
        }
    }
}

impl MeetingTime {
    pub fn new(starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Result<Self, MeetingProblem> {
        if ends_at <= starts_at {
            return Err(MeetingProblem::EndsBeforeStart);
        }
        if ends_at.date() != starts_at.date() {
            return Err(MeetingProblem::SpansDays);
        }
        Ok(Self { starts_at, ends_at })
    }

    /// Moved to a new start, keeping its length (a rescheduled meeting).
    pub fn moved_to(self, starts_at: NaiveDateTime) -> Result<Self, MeetingProblem> {
        Self::new(starts_at, starts_at + (self.ends_at - self.starts_at))
    }
}

/// The checks on a meeting's agenda and outcome, given its time and status.
pub fn check_outcome(
    time: MeetingTime,
    status: MeetingStatus,
    agenda: &[String],
    outcome: Option<&MeetingOutcome>,
) -> Result<(), MeetingProblem> {
    if agenda.iter().any(|item| item.trim().is_empty()) {
        return Err(MeetingProblem::EmptyAgendaItem);
    }
    let Some(outcome) = outcome else {
        return Ok(());
    };
    if status != MeetingStatus::Held {
        return Err(MeetingProblem::OutcomeBeforeHeld);
    }
    if outcome.direction.trim().is_empty() {
        return Err(MeetingProblem::EmptyDirection);
    }
    if outcome
        .next_target
        .is_some_and(|next| next <= time.starts_at.date())
    {
        return Err(MeetingProblem::NextTargetNotLater);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn outcome(next: Option<NaiveDate>) -> MeetingOutcome {
        MeetingOutcome {
            direction: "園と家庭で同じ絵カードを使う".into(),
            roles: vec![
                AgreedRole {
                    role: MemberRole::ClassTeacher,
                    organisation: "みなみ保育園".into(),
                    task: "朝の支度に絵カードを使う".into(),
                },
                AgreedRole {
                    role: MemberRole::Parent,
                    organisation: String::new(),
                    task: "家でも同じカードで練習する".into(),
                },
            ],
            next_target: next,
            follow_ups: vec!["11月に様子を共有".into()],
        }
    }

    #[test]
    fn a_meeting_ends_after_it_starts_on_the_same_day() {
        assert!(MeetingTime::new(at(8, 14, 0), at(8, 15, 30)).is_ok());
        assert_eq!(
            MeetingTime::new(at(8, 14, 0), at(8, 14, 0)),
            Err(MeetingProblem::EndsBeforeStart)
        );
        assert_eq!(
            MeetingTime::new(at(8, 23, 0), at(9, 0, 30)),
            Err(MeetingProblem::SpansDays)
        );
    }

    #[test]
    fn a_rescheduled_meeting_keeps_its_length() {
        let time = MeetingTime::new(at(8, 14, 0), at(8, 15, 30)).unwrap();
        let moved = time.moved_to(at(15, 10, 0)).unwrap();
        assert_eq!(moved.ends_at, at(15, 11, 30));
        assert_eq!(time.moved_to(at(15, 23, 0)), Err(MeetingProblem::SpansDays));
    }

    #[test]
    fn an_outcome_belongs_to_a_held_meeting_and_looks_ahead() {
        let time = MeetingTime::new(at(8, 14, 0), at(8, 15, 30)).unwrap();
        let later = NaiveDate::from_ymd_opt(2027, 2, 1);
        let agenda = vec!["園での様子".to_owned()];
        assert_eq!(
            check_outcome(time, MeetingStatus::Held, &agenda, Some(&outcome(later))),
            Ok(())
        );
        assert_eq!(
            check_outcome(
                time,
                MeetingStatus::Scheduled,
                &agenda,
                Some(&outcome(later))
            ),
            Err(MeetingProblem::OutcomeBeforeHeld)
        );
        assert_eq!(
            check_outcome(
                time,
                MeetingStatus::Held,
                &agenda,
                Some(&outcome(NaiveDate::from_ymd_opt(2026, 10, 8)))
            ),
            Err(MeetingProblem::NextTargetNotLater)
        );
        let mut blank = outcome(None);
        blank.direction = " ".into();
        assert_eq!(
            check_outcome(time, MeetingStatus::Held, &agenda, Some(&blank)),
            Err(MeetingProblem::EmptyDirection)
        );
        assert_eq!(
            check_outcome(time, MeetingStatus::Scheduled, &[" ".to_owned()], None),
            Err(MeetingProblem::EmptyAgendaItem)
        );
        assert_eq!(
            check_outcome(time, MeetingStatus::Cancelled, &agenda, None),
            Ok(())
        );
    }

    #[test]
    fn the_parents_tasks_are_picked_from_the_agreed_roles() {
        let tasks: Vec<_> = outcome(None).parent_tasks().map(str::to_owned).collect();
        assert_eq!(tasks, ["家でも同じカードで練習する"]);
    }

    #[test]
    fn an_outcome_reads_back_from_json() {
        let o = outcome(NaiveDate::from_ymd_opt(2027, 2, 1));
        let json = serde_json::to_string(&o).unwrap();
        assert!(json.contains("\"next_target\":\"2027-02-01\""), "{json}");
        assert_eq!(serde_json::from_str::<MeetingOutcome>(&json).unwrap(), o);
    }
}
