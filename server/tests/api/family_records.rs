//! Meetings and plan summaries: coordinators save them whole, the family's
//! parents receive them through sync (published plans only), nobody else does.

use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use tsunagu_model::{
    ChildId, Family, FamilyId, Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole,
    Role,
    api::{ApiError, Revisioned, SaveDocument},
    meeting_record::MeetingStatus,
    plan::{GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary},
    sync::{RecordType, SyncedRecord, document},
};
use tsunagu_server::{auth::invitations, demo};

use super::{Session, TestApp, spawn_app};

const TAKADAI: &str = "7a3b0001-0000-4000-8000-000000000003";
const YUI: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0003);
const HARUTO: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0001);
/// The demo's draft: ゆい's teaching plan for the second term.
const DRAFT: PlanId = PlanId::from_u128(0x7a3b_0005_0000_4000_8000_0000_0000_0007);

impl TestApp {
    pub(super) async fn put_as(
        &self,
        session: &Session,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .put(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &session.0)
            .json(&body)
            .send()
            .await
            .expect("the server answers")
    }

    /// Every record the person's device would receive from an empty start.
    pub async fn pull_everything(&self, session: &Session) -> Vec<SyncedRecord> {
        let mut cursor = 0;
        let mut records = Vec::new();
        loop {
            let page = self.pull(session, cursor).await;
            records.extend(page.records);
            cursor = page.cursor;
            if !page.more {
                return records;
            }
        }
    }

    pub(super) async fn save_meeting(
        &self,
        session: &Session,
        meeting: &Meeting,
        revision: Option<String>,
    ) -> reqwest::Response {
        self.put_as(
            session,
            &format!(
                "/api/families/{}/meetings/{}",
                meeting.family_id, meeting.id
            ),
            serde_json::to_value(SaveDocument {
                doc: meeting.clone(),
                revision,
            })
            .unwrap(),
        )
        .await
    }

    async fn save_plan(
        &self,
        session: &Session,
        plan: &PlanSummary,
        revision: Option<String>,
    ) -> reqwest::Response {
        self.put_as(
            session,
            &format!("/api/families/{TAKADAI}/plans/{}", plan.id),
            serde_json::to_value(SaveDocument {
                doc: plan.clone(),
                revision,
            })
            .unwrap(),
        )
        .await
    }
}

fn meetings_in(records: &[SyncedRecord]) -> Vec<Meeting> {
    let mut meetings: Vec<Meeting> = records
        .iter()
        .filter(|r| r.key.record_type == RecordType::Meeting)
        .map(|r| document::from_fields(r.key.id, &r.fields).expect("a whole meeting"))
        .collect();
    meetings.sort_by_key(|m| (m.starts_at, m.id));
    meetings
}

fn plans_in(records: &[SyncedRecord]) -> Vec<PlanSummary> {
    records
        .iter()
        .filter(|r| r.key.record_type == RecordType::PlanSummary)
        .map(|r| document::from_fields(r.key.id, &r.fields).expect("a whole plan"))
        .collect()
}

pub fn new_meeting(n: u128, day: NaiveDate) -> Meeting {
    Meeting {
        id: MeetingId::from_u128(0x7a3b_00aa_0000_4000_8000_0000_0000_0000 + n),
        family_id: TAKADAI.parse().unwrap(),
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

fn today() -> NaiveDate {
    tsunagu_server::cli::town_today()
}

#[tokio::test]
async fn the_demo_parent_receives_the_familys_meetings_and_published_plans_only() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let records = app.pull_everything(&parent).await;
    let meetings = meetings_in(&records);
    assert_eq!(
        meetings.len(),
        5,
        "four case meetings and an itinerant consultation"
    );
    assert!(meetings.iter().all(|m| m.family_id == demo::DEMO_FAMILY));
    let next = tsunagu_model::meeting::next_meeting(
        &meetings,
        today().and_hms_opt(0, 0, 0).expect("midnight"),
    )
    .expect("one ahead");
    assert_eq!(next.kind, MeetingKind::CaseMeeting);
    assert_eq!(next.series.map(|s| (s.nth(), s.planned())), Some((3, 4)));
    assert_eq!(next.members.len(), 6);
    assert_eq!(next.roles().first(), Some(&MemberRole::Parent));
    let held = tsunagu_model::meeting::previous_outcome(&meetings, HARUTO, next.starts_at)
        .expect("the last meeting's outcome");
    assert_eq!(
        held.outcome.as_ref().unwrap().parent_tasks().count(),
        2,
        "the parent's own tasks from the 2nd meeting"
    );
    let plans = plans_in(&records);
    assert_eq!(plans.len(), 4);
    assert!(plans.iter().all(|p| p.published && p.child == HARUTO));

    // 高台's parent gets ゆい's published plan, never the draft.
    let takadai = app.sign_in("takadai").await;
    let plans = plans_in(&app.pull_everything(&takadai).await);
    assert_eq!(plans.len(), 1);
    assert!(plans.iter().all(|p| p.id != DRAFT));
    let (status, listed): (_, Vec<Revisioned<PlanSummary>>) = app
        .get_json_as(Some(&takadai), &format!("/api/families/{TAKADAI}/plans"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        listed.iter().all(|p| p.doc.published),
        "no draft through the API either"
    );
    let coordinator = app.sign_in("coordinator").await;
    let (_, listed): (_, Vec<Revisioned<PlanSummary>>) = app
        .get_json_as(
            Some(&coordinator),
            &format!("/api/families/{TAKADAI}/plans"),
        )
        .await;
    assert!(
        listed.iter().any(|p| p.doc.id == DRAFT),
        "the coordinator sees drafts"
    );

    // Staff and mentors receive no family record through sync.
    for login in ["coordinator", "mentor"] {
        let session = app.sign_in(login).await;
        assert!(app.pull_everything(&session).await.is_empty(), "{login}");
    }
}

#[tokio::test]
async fn scheduling_rescheduling_and_cancelling_reach_the_parent_and_keep_history() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let parent = app.sign_in("takadai").await;
    let mut meeting = new_meeting(1, today() + Duration::days(10));
    let response = app.save_meeting(&coordinator, &meeting, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: Revisioned<Meeting> = response.json().await.unwrap();
    assert_eq!(saved.doc, meeting);
    let on_device = |records: Vec<SyncedRecord>, id: MeetingId| {
        meetings_in(&records).into_iter().find(|m| m.id == id)
    };
    assert_eq!(
        on_device(app.pull_everything(&parent).await, meeting.id),
        Some(meeting.clone())
    );

    // Saving the same again is harmless (a retried request).
    let again = app.save_meeting(&coordinator, &meeting, None).await;
    assert_eq!(again.status(), StatusCode::OK);

    let first_start = meeting.starts_at;
    meeting.starts_at += Duration::days(7);
    meeting.ends_at += Duration::days(7);
    let response = app
        .save_meeting(&coordinator, &meeting, Some(saved.revision.clone()))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let moved: Revisioned<Meeting> = response.json().await.unwrap();
    assert_eq!(
        on_device(app.pull_everything(&parent).await, meeting.id).map(|m| m.starts_at),
        Some(meeting.starts_at)
    );
    // The earlier time is kept; only the time fields changed.
    let history: Vec<(String,)> = sqlx::query_as(
        "SELECT field FROM sync_history WHERE record_type = 'meeting' AND record_id = ? ORDER BY field",
    )
    .bind(meeting.id.to_string())
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        history.into_iter().map(|(f,)| f).collect::<Vec<_>>(),
        ["ends_at", "starts_at"]
    );
    let old: (String,) = sqlx::query_as(
        "SELECT version FROM sync_history WHERE record_id = ? AND field = 'starts_at'",
    )
    .bind(meeting.id.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(
        old.0
            .contains(&tsunagu_model::iso::format_date_time(first_start))
    );

    // A save from the older revision would undo the move: refused.
    let mut stale = meeting.clone();
    stale.place = "町役場".into();
    let response = app
        .save_meeting(&coordinator, &stale, Some(saved.revision.clone()))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    meeting.status = MeetingStatus::Cancelled;
    let response = app
        .save_meeting(&coordinator, &meeting, Some(moved.revision))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let received = on_device(app.pull_everything(&parent).await, meeting.id).unwrap();
    assert_eq!(received.status, MeetingStatus::Cancelled);

    // The other family's parent never receives it.
    let other = app.sign_in("morikawa").await;
    assert!(on_device(app.pull_everything(&other).await, meeting.id).is_none());
}

#[tokio::test]
async fn bad_meetings_get_clear_errors_and_store_nothing() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let day = today() + Duration::days(3);
    let cases: Vec<(Meeting, &str)> = vec![
        (
            Meeting {
                ends_at: day.and_hms_opt(13, 0, 0).unwrap(),
                ..new_meeting(1, day)
            },
            "end after it starts",
        ),
        (
            Meeting {
                purpose: " ".into(),
                ..new_meeting(2, day)
            },
            "purpose",
        ),
        (
            Meeting {
                child_id: HARUTO,
                ..new_meeting(3, day)
            },
            "child of this family",
        ),
        (
            Meeting {
                members: Vec::new(),
                ..new_meeting(4, day)
            },
            "member",
        ),
        (
            Meeting {
                online_link: Some("javascript:alert(1)".into()),
                ..new_meeting(5, day)
            },
            "https://",
        ),
    ];
    for (meeting, says) in cases {
        let response = app.save_meeting(&coordinator, &meeting, None).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{says}");
        let body: ApiError = response.json().await.unwrap();
        assert!(body.message.contains(says), "{says}: {}", body.message);
    }
    // A body that is not a meeting, and an id that does not match the address.
    let meeting = new_meeting(6, day);
    let response = app
        .put_as(
            &coordinator,
            &format!("/api/families/{TAKADAI}/meetings/{}", meeting.id),
            serde_json::json!({ "doc": { "purpose": "x" } }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .put_as(
            &coordinator,
            &format!(
                "/api/families/{TAKADAI}/meetings/{}",
                MeetingId::from_u128(1)
            ),
            serde_json::to_value(SaveDocument {
                doc: meeting,
                revision: None,
            })
            .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (count,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM sync_records WHERE record_type = 'meeting' AND record_id LIKE '7a3b00aa%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(count, 0);

    // A meeting of one family cannot be saved under another's address.
    let mut moved = new_meeting(7, day);
    assert_eq!(
        app.save_meeting(&coordinator, &moved, None).await.status(),
        StatusCode::OK
    );
    moved.family_id = demo::DEMO_FAMILY;
    moved.child_id = HARUTO;
    let response = app.save_meeting(&coordinator, &moved, None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_draft_reaches_no_parent_until_published_and_stays_published() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let parent = app.sign_in("takadai").await;
    let mut plan = draft_plan(1);
    let response = app.save_plan(&coordinator, &plan, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: Revisioned<PlanSummary> = response.json().await.unwrap();
    let body = serde_json::to_string(&app.pull_everything(&parent).await).unwrap();
    assert!(!body.contains("CANARY-DRAFT-GOAL"), "a draft never syncs");

    plan.published = true;
    let response = app
        .save_plan(&coordinator, &plan, Some(saved.revision))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let published: Revisioned<PlanSummary> = response.json().await.unwrap();
    let plans = plans_in(&app.pull_everything(&parent).await);
    assert!(
        plans
            .iter()
            .any(|p| p.id == plan.id && p.goals[0].text == "CANARY-DRAFT-GOAL")
    );

    plan.published = false;
    let response = app
        .save_plan(&coordinator, &plan, Some(published.revision.clone()))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // A plan carried on from it keeps the goal's id.
    plan.published = true;
    let next_period = PlanPeriod {
        year: plan.period.year,
        term: Some(tsunagu_model::Term::Second),
    };
    let next = plan
        .start_next(
            PlanId::from_u128(0xbeef),
            next_period,
            &[GoalId::from_u128(0xcafe)],
        )
        .unwrap();
    assert_eq!(
        app.save_plan(&coordinator, &next, None).await.status(),
        StatusCode::OK
    );
    let (_, listed): (_, Vec<Revisioned<PlanSummary>>) = app
        .get_json_as(
            Some(&coordinator),
            &format!("/api/families/{TAKADAI}/plans"),
        )
        .await;
    let thread_plans: Vec<PlanSummary> = listed.into_iter().map(|p| p.doc).collect();
    let thread = tsunagu_model::plan::goal_thread(&thread_plans, GoalId::from_u128(0xcafe));
    assert_eq!(thread.len(), 2);

    // Parents and mentors cannot save plans or meetings at all.
    for login in ["takadai", "morikawa", "mentor"] {
        let session = app.sign_in(login).await;
        let response = app.save_plan(&session, &draft_plan(2), None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{login}");
    }
}

#[tokio::test]
async fn a_parent_who_joins_later_receives_what_the_family_already_has() {
    let app = spawn_app().await;
    let invitation = invitations::create(
        &app.db,
        Role::Parent,
        Some(TAKADAI.parse().unwrap()),
        "高台 けん",
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let response = app
        .post_json(
            &format!("/api/invitations/{}/password", invitation.code),
            serde_json::json!({ "login": "takadai2", "password": demo::DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let second = app.sign_in("takadai2").await;
    let records = app.pull_everything(&second).await;
    assert_eq!(
        meetings_in(&records).len(),
        7,
        "5 case meetings and 2 bridge conferences"
    );
    assert_eq!(
        plans_in(&records).len(),
        1,
        "the published plan, not the draft"
    );
}

#[tokio::test]
async fn coordinators_register_families_and_children_and_nobody_else_does() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let response = app
        .post_json_as(
            &coordinator,
            "/api/families",
            serde_json::json!({ "display_name": "新田さん" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let family: Family = response.json().await.unwrap();
    let child = |id: u128, birth: &str| {
        serde_json::json!({
            "id": ChildId::from_u128(id), "family_id": family.id, "given_name": "そら",
            "birth_date": birth, "school": "きた保育園",
        })
    };
    let path = format!("/api/families/{}/children", family.id);
    let response = app
        .post_json_as(&coordinator, &path, child(1, "2022-05-05"))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let again = app
        .post_json_as(&coordinator, &path, child(1, "2022-05-05"))
        .await;
    assert_eq!(
        again.status(),
        StatusCode::CREATED,
        "a retry registers the child once"
    );
    let future = (today() + Duration::days(1)).to_string();
    let response = app
        .post_json_as(&coordinator, &path, child(2, &future))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: ApiError = response.json().await.unwrap();
    assert!(body.message.contains("future"), "{}", body.message);
    let response = app
        .post_json_as(
            &coordinator,
            "/api/families",
            serde_json::json!({ "display_name": "" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM children WHERE family_id = ?")
        .bind(family.id.to_string())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    let parent = app.sign_in("morikawa").await;
    let response = app
        .post_json_as(
            &parent,
            "/api/families",
            serde_json::json!({ "display_name": "x" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let _: FamilyId = family.id;
}
