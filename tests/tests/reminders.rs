//! Meeting reminders (issue 15): a push delivered to the real service worker
//! through DevTools shows a notification in the person's language and its tap
//! opens the meeting; the parent answers a meeting (offline too) and the desk
//! sees it; the calendar feed is made from the settings and a calendar can read
//! it; today's meeting on home.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_model::{Lang, meeting_record::MeetingStatus, reminders::PushMessage};

fn takadai() -> tsunagu_model::FamilyId {
    TAKADAI.parse().expect("高台's id")
}

/// 高台's next scheduled meeting, as the desk reads it.
async fn next_meeting_of_takadai(server: &Server) -> tsunagu_model::Meeting {
    let desk = ApiUser::demo(server, "coordinator").await;
    let now = tsunagu_model::town_time::from_utc(chrono::Utc::now());
    desk.meetings(takadai())
        .await
        .into_iter()
        .map(|m| m.doc)
        .filter(|m| m.status == MeetingStatus::Scheduled && m.starts_at > now)
        .min_by_key(|m| m.starts_at)
        .expect("高台 has a coming meeting in the demo")
}

#[tokio::test]
async fn a_push_reaches_the_service_worker_and_its_notification_opens_the_meeting() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    let meeting = next_meeting_of_takadai(&server).await;
    open_signed_in(c, &server.base, "/", "takadai").await;
    wait_for_script(
        c,
        "return !!navigator.serviceWorker.controller",
        "the service worker controls the app",
    )
    .await;
    // Never asked on first load: the app asks only when push is turned on.
    let asked = c
        .execute("return Notification.permission", vec![])
        .await
        .unwrap();
    assert_eq!(asked, json!("default"));

    let mut devtools = browser.devtools().await;
    // The person said yes (as the permission prompt would).
    devtools
        .call(
            None,
            "Browser.grantPermissions",
            json!({ "permissions": ["notifications"], "origin": server.base }),
        )
        .await;
    let page = devtools.attach("page", &server.base).await;
    devtools
        .call(Some(&page), "ServiceWorker.enable", json!({}))
        .await;
    let base = server.base.clone();
    let registrations = devtools
        .event("ServiceWorker.workerRegistrationUpdated", |p| {
            p["registrations"].as_array().is_some_and(|all| {
                all.iter()
                    .any(|r| r["scopeURL"].as_str().is_some_and(|s| s.starts_with(&base)))
            })
        })
        .await;
    let registration = registrations["registrations"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|r| r["scopeURL"].as_str().is_some_and(|s| s.starts_with(&base)))
        })
        .and_then(|r| r["registrationId"].as_str())
        .expect("the app's registration")
        .to_owned();

    // What the server's scheduler sends: the meeting's id, kind and time only.
    let message = PushMessage {
        meeting: meeting.id,
        family: takadai(),
        meeting_kind: meeting.kind,
        starts_at: meeting.starts_at,
        reminder: "lead".into(),
        brought: None,
        lang: Lang::Ja,
    };
    devtools
        .call(
            Some(&page),
            "ServiceWorker.deliverPushMessage",
            json!({
                "origin": server.base,
                "registrationId": registration,
                "data": serde_json::to_string(&message).unwrap(),
            }),
        )
        .await;

    let worker = devtools.attach("service_worker", &server.base).await;
    let deadline = std::time::Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
    let shown = loop {
        tick.tick().await;
        let shown = devtools
            .evaluate(
                &worker,
                "self.registration.getNotifications().then(all => all.map(n => \
                 ({ title: n.title, body: n.body, url: n.data && n.data.url })))",
            )
            .await;
        if shown.as_array().is_some_and(|all| !all.is_empty()) {
            break shown;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no notification shown"
        );
    };
    let notification = &shown[0];
    let kind = meeting.kind.label(Lang::Ja);
    assert_eq!(notification["title"], json!(format!("{kind}のお知らせ")));
    let when = format!(
        "{}月{}日",
        chrono::Datelike::month(&meeting.starts_at),
        chrono::Datelike::day(&meeting.starts_at)
    );
    let body = notification["body"].as_str().unwrap_or_default();
    assert!(body.contains(&when), "{body}");
    assert!(
        body.contains(&meeting.starts_at.format("%-H:%M").to_string()),
        "the town's time as sent: {body}"
    );
    assert_eq!(
        notification["url"],
        json!(format!("/meetings/{}", meeting.id))
    );
    assert!(!body.contains("ゆい") && !body.contains(&meeting.purpose));

    // A tap: the worker's click handler takes the app to that meeting's page.
    devtools
        .evaluate(
            &worker,
            "self.registration.getNotifications().then(all => { \
             self.dispatchEvent(new NotificationEvent('notificationclick', { notification: all[0] })); \
             return true; })",
        )
        .await;
    wait_for_script(
        c,
        &format!("return location.pathname === '/meetings/{}'", meeting.id),
        "the tap opens the meeting's page",
    )
    .await;
    wait_for_text(c, "main", &meeting.purpose).await;
    browser.close().await;
}
