//! The family's access log: who looked at the family (a parent's own reads are
//! not recorded), what was read, grouped, and paged through all of it.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{GetFamily, ListMeetings, NoContent, ReadAccessLog};
use tsunagu_model::{
    Role,
    audit::{ACCESS_LOG_PAGE, AccessLogPage, AuditAction, Viewed, group_access_log},
};
use tsunagu_server::demo;

use crate::helpers::spawn_app;

#[tokio::test]
async fn each_read_says_what_was_read_and_repeated_reads_group_with_a_count() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let family = demo::DEMO_FAMILY;
    // The coordinator opens the family's desk three times: each opening reads
    // the family, its meetings and its plans; then one meeting's brought items.
    for _ in 0..3 {
        for path in [
            format!("/api/families/{family}"),
            format!("/api/families/{family}/meetings"),
            format!("/api/families/{family}/plans"),
        ] {
            assert_eq!(
                app.get_as(Some(&coordinator), &path).await.status(),
                StatusCode::OK
            );
        }
    }
    let items =
        format!("/api/families/{family}/meetings/7a3b0003-0000-4000-8000-000000000003/items");
    assert_eq!(
        app.get_as(Some(&coordinator), &items).await.status(),
        StatusCode::OK
    );

    let parent = app.sign_in("morikawa").await;
    let page = app.access_log_page(&parent, demo::DEMO_FAMILY, None).await;
    let reads: Vec<_> = page
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::ReadFamily)
        .collect();
    assert_eq!(reads.len(), 10);
    assert!(
        reads
            .iter()
            .all(|e| e.actor_role == Some(Role::Coordinator))
    );
    assert_eq!(reads[0].viewed, Some(Viewed::MeetingItems), "newest first");

    let groups = group_access_log(&page.entries);
    let read_groups: Vec<_> = groups
        .iter()
        .filter(|g| g.latest.action == AuditAction::ReadFamily)
        .map(|g| (g.latest.viewed, g.count))
        .collect();
    assert_eq!(
        read_groups,
        [
            (Some(Viewed::MeetingItems), 1),
            (Some(Viewed::Plans), 3),
            (Some(Viewed::Meetings), 3),
            (Some(Viewed::Family), 3),
        ]
    );
    app.stop().await;
}

#[tokio::test]
async fn the_parent_pages_through_every_older_row_of_the_log() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    // More reads than two pages hold (the log once showed the newest 500 only).
    let rows = 2 * ACCESS_LOG_PAGE + 37;
    let meetings = ListMeetings {
        family_id: demo::DEMO_FAMILY,
    };
    for _ in 0..rows {
        app.send(Some(&coordinator), &meetings, &NoContent).await;
    }
    let (stored,): (i64,) = sqlx::query_as("SELECT count(*) FROM audit_log WHERE family_id = ?")
        .bind(demo::DEMO_FAMILY.to_string())
        .fetch_one(&app.db)
        .await
        .unwrap();

    let parent = app.sign_in("morikawa").await;
    let mut before = None;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = app
            .access_log_page(&parent, demo::DEMO_FAMILY, before)
            .await;
        pages += 1;
        assert!(page.entries.len() <= ACCESS_LOG_PAGE);
        seen.extend(page.entries);
        match page.older {
            Some(older) => before = Some(older),
            None => break,
        }
        assert!(pages < 10, "the pages end");
    }
    assert_eq!(seen.len() as i64, stored, "every row, once");
    assert!(seen.len() >= rows);
    assert!(pages >= 3);
    assert!(
        seen.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first across pages"
    );

    let response = app
        .get_as(
            Some(&parent),
            &format!("/api/families/{}/access-log?before=soon", demo::DEMO_FAMILY),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn a_parents_own_reads_are_not_audited_but_sign_ins_are() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    app.send(
        Some(&parent),
        &GetFamily {
            family_id: demo::DEMO_FAMILY,
        },
        &NoContent,
    )
    .await;
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT action, count(*) FROM audit_log GROUP BY action ORDER BY action")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(counts, [("sign_in".to_owned(), 1)]);
}

#[tokio::test]
async fn a_parent_sees_who_looked_at_their_family_and_nobody_else_can() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    app.send(
        Some(&coordinator),
        &GetFamily {
            family_id: demo::DEMO_FAMILY,
        },
        &NoContent,
    )
    .await;
    let log_of_family = ReadAccessLog {
        family_id: demo::DEMO_FAMILY,
        before: None,
    };

    let parent = app.sign_in("morikawa").await;
    let (status, log): (_, AccessLogPage) =
        app.call(Some(&parent), &log_of_family, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    let read = log
        .entries
        .iter()
        .find(|e| e.action == AuditAction::ReadFamily)
        .expect("the coordinator's read is listed");
    assert_eq!(read.actor_name.as_deref(), Some("青木 ゆうこ"));
    assert_eq!(read.actor_role, Some(Role::Coordinator));

    for (session, status) in [
        (Some(&coordinator), StatusCode::NOT_FOUND),
        (Some(&app.sign_in("kawabe").await), StatusCode::NOT_FOUND),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        assert_eq!(
            app.send(session, &log_of_family, &NoContent).await.status(),
            status
        );
    }
}
