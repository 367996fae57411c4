//! Meetings about a child: what kind, what for, when, where, with whom, and which
//! of a planned series.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{
    ChildId, FamilyId, Lang,
    meeting_record::{MeetingOutcome, MeetingProblem, MeetingStatus, MeetingTime, check_outcome},
};

define_id!(MeetingId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// ケース会議: everyone around the child agrees the direction of support.
    CaseMeeting,
    /// 保育と教育の架け橋を創るカンファレンス: nursery→school and school→junior high, in October and February.
    BridgeConference,
    /// 自分会議: a case meeting the child takes part in (grade 5 and 8th grade).
    OwnMeeting,
    /// 巡回相談: a specialist's visit to the child's class.
    ItinerantConsultation,
}

named_enum!(MeetingKind, UnknownMeetingKind, "unknown meeting kind", {
    CaseMeeting => "case_meeting",
    BridgeConference => "bridge_conference",
    OwnMeeting => "own_meeting",
    ItinerantConsultation => "itinerant_consultation",
});

impl MeetingKind {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::CaseMeeting, Lang::Ja) => "ケース会議",
            (Self::CaseMeeting, Lang::En) => "Case meeting",
            (Self::BridgeConference, Lang::Ja) => "架け橋カンファレンス",
            (Self::BridgeConference, Lang::En) => "Bridge conference",
            (Self::OwnMeeting, Lang::Ja) => "自分会議",
            (Self::OwnMeeting, Lang::En) => "Own meeting",
            (Self::ItinerantConsultation, Lang::Ja) => "巡回相談",
            (Self::ItinerantConsultation, Lang::En) => "Itinerant consultation",
        }
    }
}

/// Who takes part, by role: the seed lists members this way, never by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// 本人: the child.
    Child,
    Parent,
    /// 園長・校長
    Principal,
    /// 教頭
    VicePrincipal,
    ClassTeacher,
    /// 加配担任: the additional teacher for a child with a disability.
    ExtraTeacher,
    /// 特別支援コーディネーター of the school.
    SchoolSpecialNeedsCoordinator,
    /// 相談支援専門員
    ConsultationSupportSpecialist,
    /// 療育担当 (developmental therapy)
    Therapist,
    /// 主治医
    Doctor,
    /// 看護師
    Nurse,
    /// 訪問看護ステーション所長
    VisitingNurseManager,
    /// ソーシャルワーカー
    SocialWorker,
    /// 保健師
    PublicHealthNurse,
    /// 地域コーディネーター
    RegionalCoordinator,
}

named_enum!(MemberRole, UnknownMemberRole, "unknown member role", {
    Child => "child",
    Parent => "parent",
    Principal => "principal",
    VicePrincipal => "vice_principal",
    ClassTeacher => "class_teacher",
    ExtraTeacher => "extra_teacher",
    SchoolSpecialNeedsCoordinator => "school_special_needs_coordinator",
    ConsultationSupportSpecialist => "consultation_support_specialist",
    Therapist => "therapist",
    Doctor => "doctor",
    Nurse => "nurse",
    VisitingNurseManager => "visiting_nurse_manager",
    SocialWorker => "social_worker",
    PublicHealthNurse => "public_health_nurse",
    RegionalCoordinator => "regional_coordinator",
});

impl MemberRole {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Child, Lang::Ja) => "本人",
            (Self::Child, Lang::En) => "the child",
            (Self::Parent, Lang::Ja) => "保護者",
            (Self::Parent, Lang::En) => "parent",
            (Self::Principal, Lang::Ja) => "園長・校長",
            (Self::Principal, Lang::En) => "head of nursery or school",
            (Self::VicePrincipal, Lang::Ja) => "教頭",
            (Self::VicePrincipal, Lang::En) => "deputy head",
            (Self::ClassTeacher, Lang::Ja) => "担任",
            (Self::ClassTeacher, Lang::En) => "class teacher",
            (Self::ExtraTeacher, Lang::Ja) => "加配担任",
            (Self::ExtraTeacher, Lang::En) => "additional teacher",
            (Self::SchoolSpecialNeedsCoordinator, Lang::Ja) => "特別支援コーディネーター",
            (Self::SchoolSpecialNeedsCoordinator, Lang::En) => "special-needs coordinator",
            (Self::ConsultationSupportSpecialist, Lang::Ja) => "相談支援専門員",
            (Self::ConsultationSupportSpecialist, Lang::En) => "consultation support specialist",
            (Self::Therapist, Lang::Ja) => "療育担当",
            (Self::Therapist, Lang::En) => "therapist",
            (Self::Doctor, Lang::Ja) => "主治医",
            (Self::Doctor, Lang::En) => "doctor",
            (Self::Nurse, Lang::Ja) => "看護師",
            (Self::Nurse, Lang::En) => "nurse",
            (Self::VisitingNurseManager, Lang::Ja) => "訪問看護ステーション所長",
            (Self::VisitingNurseManager, Lang::En) => "visiting nurse station manager",
            (Self::SocialWorker, Lang::Ja) => "ソーシャルワーカー",
            (Self::SocialWorker, Lang::En) => "social worker",
            (Self::PublicHealthNurse, Lang::Ja) => "保健師",
            (Self::PublicHealthNurse, Lang::En) => "public health nurse",
            (Self::RegionalCoordinator, Lang::Ja) => "地域コーディネーター",
            (Self::RegionalCoordinator, Lang::En) => "regional coordinator",
        }
    }
}

/// "The 3rd of 5 planned": case meetings about one question come as a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawSeries", into = "RawSeries")]
pub struct MeetingSeries {
    nth: u16,
    planned: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a meeting must be between the 1st and the last planned of its series")]
pub struct InvalidSeries;

impl MeetingSeries {
    pub fn new(nth: u16, planned: u16) -> Result<Self, InvalidSeries> {
        if nth >= 1 && nth <= planned {
            Ok(Self { nth, planned })
        } else {
            Err(InvalidSeries)
        }
    }

    pub const fn nth(self) -> u16 {
        self.nth
    }

    pub const fn planned(self) -> u16 {
        self.planned
    }

    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!("第{}回(全{}回予定)", self.nth, self.planned),
            Lang::En => format!("{} of {} planned", self.nth, self.planned),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RawSeries {
    nth: u16,
    planned: u16,
}

impl TryFrom<RawSeries> for MeetingSeries {
    type Error = InvalidSeries;

    fn try_from(raw: RawSeries) -> Result<Self, Self::Error> {
        Self::new(raw.nth, raw.planned)
    }
}

impl From<MeetingSeries> for RawSeries {
    fn from(s: MeetingSeries) -> Self {
        Self {
            nth: s.nth,
            planned: s.planned,
        }
    }
}

impl fmt::Display for MeetingSeries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.nth, self.planned)
    }
}

/// One member of a meeting: a role, and the organisation they come from
/// (園, 学校, 事業所, 病院…); the seed lists members this way, never by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub role: MemberRole,
    #[serde(default)]
    pub organisation: String,
}

/// A meeting as it syncs: the coordinator writes it, the family's devices receive
/// it. Each top-level property is one synced field (see `sync::document`), so a
/// reschedule changes only the time and keeps the earlier time in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub id: MeetingId,
    pub family_id: FamilyId,
    pub child_id: ChildId,
    pub kind: MeetingKind,
    /// 開催目的, in the coordinator's words.
    pub purpose: String,
    /// Local time in the town (Japan has one time zone and no daylight saving).
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub ends_at: NaiveDateTime,
    pub place: String,
    /// For a meeting held online (or with some members joining online).
    #[serde(default)]
    pub online_link: Option<String>,
    pub series: Option<MeetingSeries>,
    pub members: Vec<Member>,
    pub status: MeetingStatus,
    #[serde(default)]
    pub agenda: Vec<String>,
    /// What the team agreed, once the meeting was held.
    #[serde(default)]
    pub outcome: Option<MeetingOutcome>,
}

/// Limits that keep one meeting a readable page (and a bounded synced record).
pub const PURPOSE_MAX: usize = 500;
pub const LINE_MAX: usize = 1000;
pub const LIST_MAX: usize = 40;

impl Meeting {
    /// Every rule a saved meeting keeps; the coordinator's screen and the server
    /// both ask this.
    pub fn check(&self) -> Result<(), MeetingProblem> {
        let time = MeetingTime::new(self.starts_at, self.ends_at)?;
        let purpose = self.purpose.trim();
        if purpose.is_empty() {
            return Err(MeetingProblem::EmptyPurpose);
        }
        if self.purpose.chars().count() > PURPOSE_MAX {
            return Err(MeetingProblem::TooLong);
        }
        let link = self
            .online_link
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        if self.place.trim().is_empty() && link.is_none() {
            return Err(MeetingProblem::NoPlace);
        }
        if link.is_some_and(|l| !l.starts_with("https://") || l.contains(char::is_whitespace)) {
            return Err(MeetingProblem::LinkNotHttps);
        }
        if self.members.is_empty() {
            return Err(MeetingProblem::NoMembers);
        }
        let texts = std::iter::once(self.place.as_str())
            .chain(link)
            .chain(self.members.iter().map(|m| m.organisation.as_str()))
            .chain(self.agenda.iter().map(String::as_str));
        let outcome_texts = self.outcome.iter().flat_map(|o| {
            std::iter::once(o.direction.as_str())
                .chain(
                    o.roles
                        .iter()
                        .flat_map(|r| [r.organisation.as_str(), r.task.as_str()]),
                )
                .chain(o.follow_ups.iter().map(String::as_str))
        });
        if texts
            .chain(outcome_texts)
            .any(|t| t.chars().count() > LINE_MAX)
        {
            return Err(MeetingProblem::TooLong);
        }
        let lists = [
            self.members.len(),
            self.agenda.len(),
            self.outcome.as_ref().map_or(0, |o| o.roles.len()),
            self.outcome.as_ref().map_or(0, |o| o.follow_ups.len()),
        ];
        if lists.iter().any(|n| *n > LIST_MAX) {
            return Err(MeetingProblem::TooMany);
        }
        check_outcome(time, self.status, &self.agenda, self.outcome.as_ref())
    }

    /// Who will be there, as a family reads it: roles in the coordinator's order,
    /// each once.
    pub fn roles(&self) -> Vec<MemberRole> {
        let mut roles: Vec<MemberRole> = Vec::new();
        for m in &self.members {
            if !roles.contains(&m.role) {
                roles.push(m.role);
            }
        }
        roles
    }
}

/// The next meeting to prepare for: the first coming one.
pub fn next_meeting(meetings: &[Meeting], now: NaiveDateTime) -> Option<&Meeting> {
    upcoming(meetings, now).into_iter().next()
}

/// Where a meeting stands for the people going to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingPhase {
    /// Scheduled and not yet ended (it may be going on now).
    Coming,
    /// Marked held, or its time is over.
    Held,
    Cancelled,
}

impl Meeting {
    pub fn phase(&self, now: NaiveDateTime) -> MeetingPhase {
        match self.status {
            MeetingStatus::Cancelled => MeetingPhase::Cancelled,
            MeetingStatus::Held => MeetingPhase::Held,
            MeetingStatus::Scheduled if self.ends_at <= now => MeetingPhase::Held,
            MeetingStatus::Scheduled => MeetingPhase::Coming,
        }
    }

    /// Whether the parents' items for this meeting are fixed: from its start (or
    /// once it is marked held or cancelled) nothing can be brought, reordered or
    /// withdrawn any more, so the team discusses what it was given.
    pub fn items_fixed(&self, now: NaiveDateTime) -> bool {
        self.status != MeetingStatus::Scheduled || self.starts_at <= now
    }

    /// Whether what became of its items may be recorded: once it has started. A
    /// meeting marked held before its start waits, since until then the parents
    /// may still change their items.
    pub fn outcomes_recordable(&self, now: NaiveDateTime) -> bool {
        self.starts_at <= now
    }
}

/// The last meeting of the child held before `before`, with what it agreed: the
/// "direction agreed last time" a parent brings to the next one.
pub fn previous_outcome(
    meetings: &[Meeting],
    child: ChildId,
    before: NaiveDateTime,
) -> Option<&Meeting> {
    meetings
        .iter()
        .filter(|m| m.child_id == child && m.starts_at < before && m.outcome.is_some())
        .max_by_key(|m| (m.starts_at, m.id))
}

/// The meetings still to come, soonest first: scheduled and not yet ended, so
/// the afternoon's meeting is still "next" after lunch, and one marked held this
/// morning is not.
pub fn upcoming(meetings: &[Meeting], now: NaiveDateTime) -> Vec<&Meeting> {
    let mut next: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.phase(now) == MeetingPhase::Coming)
        .collect();
    next.sort_by_key(|m| (m.starts_at, m.id));
    next
}

/// The meetings held (or whose time is over), most recent first.
pub fn past(meetings: &[Meeting], now: NaiveDateTime) -> Vec<&Meeting> {
    in_phase(meetings, now, MeetingPhase::Held)
}

/// The cancelled meetings, most recent first.
pub fn cancelled(meetings: &[Meeting], now: NaiveDateTime) -> Vec<&Meeting> {
    in_phase(meetings, now, MeetingPhase::Cancelled)
}

fn in_phase(meetings: &[Meeting], now: NaiveDateTime, phase: MeetingPhase) -> Vec<&Meeting> {
    let mut found: Vec<&Meeting> = meetings.iter().filter(|m| m.phase(now) == phase).collect();
    found.sort_by_key(|m| std::cmp::Reverse((m.starts_at, m.id)));
    found
}

#[cfg(test)]
mod tests;
