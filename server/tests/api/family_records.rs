//! Meetings and plan summaries reach the family's parents through sync
//! (published plans only), and nobody else's devices.

use reqwest::StatusCode;
use tsunagu_model::{MeetingKind, MemberRole};
use tsunagu_server::demo;

use crate::helpers::{DRAFT, HARUTO, TAKADAI, meetings_in, plans_in, spawn_app, today};

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
    let (status, listed) = app.takadai_plans(&takadai).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        listed.iter().all(|p| p.doc.published),
        "no draft through the API either"
    );
    let coordinator = app.sign_in("coordinator").await;
    let (_, listed) = app.takadai_plans(&coordinator).await;
    assert!(
        listed.iter().any(|p| p.doc.id == DRAFT),
        "the coordinator sees drafts"
    );

    // Staff and mentors receive no family record through sync (the directory
    // reaches everyone; the mentor's own log and what is shared with her are hers).
    for login in ["coordinator", "mentor"] {
        let session = app.sign_in(login).await;
        let received = app.pull_everything(&session).await;
        assert!(
            received.iter().all(|r| !matches!(
                r.key.record_type,
                tsunagu_model::sync::RecordType::Meeting
                    | tsunagu_model::sync::RecordType::PlanSummary
                    | tsunagu_model::sync::RecordType::BroughtItem
                    | tsunagu_model::sync::RecordType::MeetingAnswer
            )),
            "{login}"
        );
    }
}

#[tokio::test]
async fn a_parent_who_joins_later_receives_what_the_family_already_has() {
    let app = spawn_app().await;
    let invitation = app
        .invite_parent(TAKADAI, "高台 けん", chrono::Utc::now())
        .await;
    app.accept_invitation(&invitation.code, "takadai2", demo::DEMO_PASSWORD)
        .await;
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
