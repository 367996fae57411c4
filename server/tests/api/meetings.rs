//! Coordinators schedule, reschedule and cancel meetings, saved whole from the
//! revision they started from; bad meetings are explained and store nothing.

use chrono::Duration;
use reqwest::StatusCode;
use tsunagu_model::endpoints::{Endpoint, SaveMeeting};
use tsunagu_model::{
    Meeting, MeetingId,
    api::{ApiError, Revisioned, SaveDocument},
    meeting_record::MeetingStatus,
    sync::SyncedRecord,
};
use tsunagu_server::demo;

use crate::helpers::{HARUTO, TAKADAI, meetings_in, new_meeting, spawn_app, today};

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
            &SaveMeeting {
                family_id: TAKADAI,
                record_id: meeting.id,
            }
            .path(),
            // Deliberately not a whole meeting.
            &serde_json::json!({ "doc": { "purpose": "x" } }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .send(
            Some(&coordinator),
            &SaveMeeting {
                family_id: TAKADAI,
                record_id: MeetingId::from_u128(1),
            },
            &SaveDocument {
                doc: meeting,
                revision: None,
            },
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
