//! Meetings and plan summaries: the demo's 高台 family and its children, a new
//! meeting and a draft plan to save, saving them whole, reading them from sync.

use chrono::NaiveDate;
use tsunagu_model::{
    ChildId, FamilyId, Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole,
    api::{Revisioned, SaveDocument},
    endpoints::{ListMeetings, ListPlans, NoContent, SaveMeeting, SavePlan},
    meeting_record::MeetingStatus,
    plan::{GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary},
    sync::{RecordType, SyncedRecord, document},
};

use super::{Session, TestApp};

/// 高台: one parent (login `takadai`), consenting to the demo mentor.
pub const TAKADAI: FamilyId = FamilyId::from_u128(0x7a3b_0001_0000_4000_8000_0000_0000_0003);
/// 高台's ゆい.
pub const YUI: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0003);
/// 森川's はると.
pub const HARUTO: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0001);
/// The demo's draft: ゆい's teaching plan for the second term.
pub const DRAFT: PlanId = PlanId::from_u128(0x7a3b_0005_0000_4000_8000_0000_0000_0007);

pub fn today() -> NaiveDate {
    tsunagu_server::cli::town_today()
}

impl TestApp {
    pub async fn save_meeting(
        &self,
        session: &Session,
        meeting: &Meeting,
        revision: Option<String>,
    ) -> reqwest::Response {
        self.send(
            Some(session),
            &SaveMeeting {
                family_id: meeting.family_id,
                record_id: meeting.id,
            },
            &SaveDocument {
                doc: meeting.clone(),
                revision,
            },
        )
        .await
    }

    /// Saves a plan of 高台's (the plans here are ゆい's).
    pub async fn save_plan(
        &self,
        session: &Session,
        plan: &PlanSummary,
        revision: Option<String>,
    ) -> reqwest::Response {
        self.send(
            Some(session),
            &SavePlan {
                family_id: TAKADAI,
                record_id: plan.id,
            },
            &SaveDocument {
                doc: plan.clone(),
                revision,
            },
        )
        .await
    }

    /// A family's meetings as a coordinator reads them, with their revisions.
    pub async fn meetings_of(
        &self,
        coordinator: &Session,
        family_id: FamilyId,
    ) -> Vec<Revisioned<Meeting>> {
        let (_, meetings) = self
            .call(Some(coordinator), &ListMeetings { family_id }, &NoContent)
            .await;
        meetings
    }

    /// 高台's plans as `session` reads them through the API.
    pub async fn takadai_plans(
        &self,
        session: &Session,
    ) -> (reqwest::StatusCode, Vec<Revisioned<PlanSummary>>) {
        self.call(Some(session), &ListPlans { family_id: TAKADAI }, &NoContent)
            .await
    }
}

pub fn meetings_in(records: &[SyncedRecord]) -> Vec<Meeting> {
    let mut meetings: Vec<Meeting> = records
        .iter()
        .filter(|r| r.key.record_type == RecordType::Meeting)
        .map(|r| document::from_fields(r.key.id, &r.fields).expect("a whole meeting"))
        .collect();
    meetings.sort_by_key(|m| (m.starts_at, m.id));
    meetings
}

pub fn plans_in(records: &[SyncedRecord]) -> Vec<PlanSummary> {
    records
        .iter()
        .filter(|r| r.key.record_type == RecordType::PlanSummary)
        .map(|r| document::from_fields(r.key.id, &r.fields).expect("a whole plan"))
        .collect()
}

/// A case meeting of ゆい's on `day`, 14:00–15:00, numbered `n` among the tests'.
pub fn new_meeting(n: u128, day: NaiveDate) -> Meeting {
    Meeting {
        id: MeetingId::from_u128(0x7a3b_00aa_0000_4000_8000_0000_0000_0000 + n),
        family_id: TAKADAI,
        child_id: YUI,
        kind: MeetingKind::CaseMeeting,
        purpose: "就学に向けた教室環境の確認".into(),
        starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
        ends_at: day.and_hms_opt(15, 0, 0).unwrap(),
        place: "ひがし小学校 会議室".into(),
        online_link: None,
        series: MeetingSeries::new(1, 2).ok(),
        members: vec![
            Member {
                role: MemberRole::Parent,
                organisation: String::new(),
            },
            Member {
                role: MemberRole::Principal,
                organisation: "ひがし小学校".into(),
            },
        ],
        status: MeetingStatus::Scheduled,
        agenda: vec!["教室の段差".into()],
        outcome: None,
    }
}

/// A draft teaching plan of ゆい's whose goal is a canary.
pub fn draft_plan(n: u128) -> PlanSummary {
    PlanSummary {
        id: PlanId::from_u128(0x7a3b_00bb_0000_4000_8000_0000_0000_0000 + n),
        child: YUI,
        kind: PlanKind::TeachingPlan,
        period: PlanPeriod {
            year: tsunagu_model::SchoolYear::starting_in(2027),
            term: Some(tsunagu_model::Term::First),
        },
        published: false,
        strengths_and_needs: "歌が好き".into(),
        parent_wishes: String::new(),
        child_wishes: String::new(),
        goals: vec![PlanGoal {
            id: GoalId::from_u128(0xcafe),
            text: "CANARY-DRAFT-GOAL".into(),
            status: GoalStatus::New,
        }],
        supports: Vec::new(),
        agency_parts: Vec::new(),
        evaluation: None,
    }
}
