//! Meeting reminders: each person's choices, the private calendar feed (read
//! with another crate's parser, field by field), one meeting as a file, push
//! subscriptions that may not point the server anywhere private, the scheduler
//! sending each due reminder once, and the parents' answers to a meeting.

use chrono::{Duration, NaiveDateTime};
use reqwest::StatusCode;
use tsunagu_model::{
    Meeting, TypedRecord,
    answer::{Attendance, MeetingAnswer, MeetingAnswerView},
    endpoints::{
        GetCalendarFeed, GetMeetingCalendar, GetReminderChoices, ListMeetingAnswers, ListReminders,
        NoContent, RemoveCalendarFeed, SaveReminderChoices, SubscribePush, UnsubscribePush,
    },
    meeting_record::MeetingStatus,
    problem::Problem,
    reminders::{
        LeadSetting, LeadTime, NewPushSubscription, PushEndpoint, PushSubscriptionKeys,
        PushSubscriptionProblem, ReminderChoices, ReminderKind, ReminderProblem, ReminderState,
    },
    sync::{ClientId, FieldValue, Outcome, RecordKey, RecordType, Refusal},
};

use crate::helpers::{
    RFC_8291_AUTH, RFC_8291_P256DH, TAKADAI, change, mutation, new_meeting, outcomes, parse_feed,
    push_receiver::{Answer, PushReceiver},
    remind_at, spawn_app, spawn_app_reaching, today,
};

/// A meeting of 高台's far enough ahead that no demo meeting comes after it.
fn far_meeting(n: u128) -> Meeting {
    new_meeting(n, today() + Duration::days(400))
}

fn uid(meeting: &Meeting) -> String {
    format!("meeting-{}@tsunagu", meeting.id)
}

#[tokio::test]
async fn choices_start_as_the_defaults_and_a_wrong_one_is_refused() {
    let app = spawn_app().await;
    let parent = app.sign_in("takadai").await;
    let (status, choices) = app
        .call(Some(&parent), &GetReminderChoices {}, &NoContent)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(choices, ReminderChoices::default());
    assert!(
        !choices.push,
        "push reminders wait until the person turns them on"
    );

    let mut wrong = ReminderChoices::default();
    wrong.settings.leads[0].lead = LeadTime::DaysBefore { days: 45 };
    let (status, error) = app
        .refusal(Some(&parent), &SaveReminderChoices {}, &wrong)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error.problem,
        Some(Problem::Reminders {
            problem: ReminderProblem::DaysOutOfRange
        })
    );
    let (_, kept) = app
        .call(Some(&parent), &GetReminderChoices {}, &NoContent)
        .await;
    assert_eq!(kept, ReminderChoices::default(), "nothing half-kept");

    let mut mine = ReminderChoices::default();
    mine.settings.leads[1].on = false;
    mine.feed.child_name = true;
    app.choose(&parent, &mine).await;
    let (_, kept) = app
        .call(Some(&parent), &GetReminderChoices {}, &NoContent)
        .await;
    assert_eq!(kept, mine);

    let coordinator = app.sign_in("coordinator").await;
    let (status, error) = app
        .refusal(Some(&coordinator), &GetReminderChoices {}, &NoContent)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error.problem, Some(Problem::NoReminders));
}

#[tokio::test]
async fn the_feed_lists_the_familys_meetings_in_town_time_and_privately_by_default() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let meeting = far_meeting(1);
    assert_eq!(
        app.save_meeting(&coordinator, &meeting, None)
            .await
            .status(),
        StatusCode::OK
    );
    let parent = app.sign_in("takadai").await;
    let feed = app.make_feed(&parent).await;
    let url = feed.url.expect("the address, shown once");
    assert!(url.starts_with("http://localhost:8080/calendar/"), "{url}");
    assert_eq!(
        feed.webcal.as_deref(),
        Some(url.replacen("http://", "webcal://", 1).as_str())
    );
    assert!(feed.qr_svg.is_some_and(|svg| svg.contains("<svg")));
    let url = url.replacen("http://localhost:8080", &app.base, 1);

    let (status, kind, text) = app.fetch_feed(&url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/calendar; charset=utf-8"));
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines folded at 75 octets"
    );
    let (zones, events) = parse_feed(&text);
    assert_eq!(zones, ["Asia/Tokyo"]);
    let recent = today() - Duration::days(60);
    let expected = app
        .meetings_of(&coordinator, TAKADAI)
        .await
        .into_iter()
        .filter(|m| m.doc.starts_at.date() >= recent)
        .count();
    assert_eq!(
        events.len(),
        expected,
        "one event per coming and recent meeting"
    );

    let event = events
        .iter()
        .find(|e| e.value("UID") == Some(uid(&meeting).as_str()))
        .expect("the new meeting is in the feed");
    assert_eq!(
        event.value("DTSTART"),
        Some(
            meeting
                .starts_at
                .format("%Y%m%dT%H%M%S")
                .to_string()
                .as_str()
        )
    );
    assert_eq!(event.param("DTSTART", "TZID"), Some("Asia/Tokyo"));
    assert_eq!(event.param("DTEND", "TZID"), Some("Asia/Tokyo"));
    assert_eq!(event.value("STATUS"), Some("CONFIRMED"));
    assert_eq!(event.value("LOCATION"), Some("ひがし小学校 会議室"));
    assert!(event.value("DTSTAMP").is_some_and(|s| s.ends_with('Z')));
    // The week, the day before, the morning of, and the preparation nudge.
    assert_eq!(event.alarms, 4);
    // Private by default: neither the child nor what the meeting is for.
    assert!(!text.contains("ゆい"));
    assert!(!text.contains(&meeting.purpose));
    assert_eq!(event.value("DESCRIPTION"), None);

    // Shown once the parent chooses it.
    let mut choices = ReminderChoices::default();
    choices.feed.child_name = true;
    choices.feed.purpose = true;
    app.choose(&parent, &choices).await;
    let (_, _, text) = app.fetch_feed(&url).await;
    let (_, events) = parse_feed(&text);
    let event = events
        .iter()
        .find(|e| e.value("UID") == Some(uid(&meeting).as_str()))
        .unwrap();
    assert!(event.value("SUMMARY").is_some_and(|s| s.contains("ゆい")));
    assert_eq!(event.value("DESCRIPTION"), Some(meeting.purpose.as_str()));

    // Another family's parent sees none of 高台's meetings in theirs.
    let other = app.sign_in("morikawa").await;
    let theirs = app.make_feed(&other).await.url.unwrap();
    let (_, _, text) = app
        .fetch_feed(&theirs.replacen("http://localhost:8080", &app.base, 1))
        .await;
    assert!(!text.contains(&uid(&meeting)));
}

#[tokio::test]
async fn a_new_feed_address_ends_the_old_one_at_once_and_removing_ends_it() {
    let app = spawn_app().await;
    let parent = app.sign_in("takadai").await;
    let (status, _) = app
        .refusal(Some(&parent), &GetCalendarFeed {}, &NoContent)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no feed until one is made");
    let local = |url: Option<String>| url.unwrap().replacen("http://localhost:8080", &app.base, 1);
    let first = local(app.make_feed(&parent).await.url);
    assert_eq!(app.fetch_feed(&first).await.0, StatusCode::OK);
    let (status, feed) = app
        .call(Some(&parent), &GetCalendarFeed {}, &NoContent)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        feed.url, None,
        "only its hash is kept: the address is not shown again"
    );

    let second = local(app.make_feed(&parent).await.url);
    assert_ne!(first, second);
    assert_eq!(app.fetch_feed(&first).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.fetch_feed(&second).await.0, StatusCode::OK);
    let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM calendar_feeds")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let token = second.rsplit('/').next().unwrap().trim_end_matches(".ics");
    assert!(
        stored.iter().all(|(hash,)| hash != token),
        "the token is not stored"
    );

    let status = app
        .send(Some(&parent), &RemoveCalendarFeed {}, &NoContent)
        .await
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.fetch_feed(&second).await.0, StatusCode::NOT_FOUND);
    // Guessing: a wrong token, a wrong shape, a path.
    for guess in [
        "x.ics",
        "../calendar/feed.ics",
        &format!("{}.ics", "A".repeat(43)),
    ] {
        let (status, _, _) = app
            .fetch_feed(&format!("{}/calendar/{guess}", app.base))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{guess}");
    }
}

#[tokio::test]
async fn rescheduling_raises_the_sequence_and_cancelling_marks_the_event() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let mut meeting = far_meeting(2);
    app.save_meeting(&coordinator, &meeting, None).await;
    let parent = app.sign_in("takadai").await;
    let url =
        app.make_feed(&parent)
            .await
            .url
            .unwrap()
            .replacen("http://localhost:8080", &app.base, 1);
    let id = uid(&meeting);
    let event_of = |text: String| {
        let (_, events) = parse_feed(&text);
        events
            .into_iter()
            .find(|e| e.value("UID") == Some(id.as_str()))
            .unwrap()
    };
    let before = event_of(app.fetch_feed(&url).await.2);
    let sequence =
        |e: &crate::helpers::FeedEvent| -> u32 { e.value("SEQUENCE").unwrap().parse().unwrap() };

    let revision = revision_of(&app, &coordinator, &meeting).await;
    meeting.starts_at += Duration::hours(1);
    meeting.ends_at += Duration::hours(1);
    app.save_meeting(&coordinator, &meeting, Some(revision))
        .await;
    let moved = event_of(app.fetch_feed(&url).await.2);
    assert!(sequence(&moved) > sequence(&before));
    assert_eq!(
        moved.value("DTSTART"),
        Some(
            meeting
                .starts_at
                .format("%Y%m%dT%H%M%S")
                .to_string()
                .as_str()
        )
    );

    let revision = revision_of(&app, &coordinator, &meeting).await;
    meeting.status = MeetingStatus::Cancelled;
    app.save_meeting(&coordinator, &meeting, Some(revision))
        .await;
    let cancelled = event_of(app.fetch_feed(&url).await.2);
    assert_eq!(cancelled.value("STATUS"), Some("CANCELLED"));
    assert!(sequence(&cancelled) > sequence(&moved));
    assert_eq!(
        cancelled.alarms, 0,
        "a cancelled meeting reminds of nothing"
    );

    // One meeting as a file, for the phone's "add to calendar".
    let file = app
        .send(
            Some(&parent),
            &GetMeetingCalendar {
                family_id: TAKADAI,
                record_id: meeting.id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(file.status(), StatusCode::OK);
    assert!(
        file.headers()
            .get(reqwest::header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let (_, events) = parse_feed(&file.text().await.unwrap());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].value("UID"), Some(uid(&meeting).as_str()));
}

#[tokio::test]
async fn a_mentors_feed_says_when_and_what_kind_only() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let meeting = far_meeting(3);
    app.save_meeting(&coordinator, &meeting, None).await;
    // The demo mentor has 高台's consent to its meeting dates.
    let mentor = app.sign_in("mentor").await;
    let mut choices = ReminderChoices::default();
    choices.feed.child_name = true;
    choices.feed.purpose = true;
    app.choose(&mentor, &choices).await;
    let url =
        app.make_feed(&mentor)
            .await
            .url
            .unwrap()
            .replacen("http://localhost:8080", &app.base, 1);
    let (_, _, text) = app.fetch_feed(&url).await;
    let (_, events) = parse_feed(&text);
    let event = events
        .iter()
        .find(|e| e.value("UID") == Some(uid(&meeting).as_str()))
        .expect("a consenting family's meeting");
    assert_eq!(event.value("LOCATION"), None);
    assert_eq!(event.value("DESCRIPTION"), None);
    assert!(!text.contains("ゆい") && !text.contains(&meeting.place));
}

#[tokio::test]
async fn push_subscriptions_to_private_addresses_or_with_bad_keys_are_refused() {
    let app = spawn_app().await;
    let parent = app.sign_in("takadai").await;
    let subscription = |endpoint: &str, p256dh: &str| NewPushSubscription {
        endpoint: endpoint.into(),
        keys: PushSubscriptionKeys {
            p256dh: p256dh.into(),
            auth: RFC_8291_AUTH.into(),
        },
    };
    for endpoint in [
        "http://push.example.com/x",
        "https://10.0.0.1/x",
        "https://127.0.0.1:9/x",
        "https://[::1]/x",
        "https://[::ffff:192.168.0.1]/x",
        "https://169.254.169.254/latest/meta-data",
        "https://localhost/x",
        "https://user:secret@push.example.com/x",
        "not a url",
    ] {
        let (status, error) = app
            .refusal(
                Some(&parent),
                &SubscribePush {},
                &subscription(endpoint, RFC_8291_P256DH),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{endpoint}");
        assert_eq!(
            error.problem,
            Some(Problem::PushSubscription {
                problem: PushSubscriptionProblem::EndpointNotAllowed
            }),
            "{endpoint}"
        );
    }
    let (status, error) = app
        .refusal(
            Some(&parent),
            &SubscribePush {},
            &subscription("https://push.example.com/x", "bm90IGEga2V5"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error.problem,
        Some(Problem::PushSubscription {
            problem: PushSubscriptionProblem::InvalidKeys
        })
    );
    let kept: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM push_subscriptions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.0, 0, "nothing refused is kept");

    // A person keeps at most 10 devices: the 11th replaces the oldest, so no
    // one can turn one reminder into thousands of requests.
    for n in 0..30 {
        let device = subscription(
            &format!("https://push.example.com/device/{n}"),
            RFC_8291_P256DH,
        );
        let status = app
            .send(Some(&parent), &SubscribePush {}, &device)
            .await
            .status();
        assert_eq!(status, StatusCode::CREATED);
    }
    let kept: Vec<(String,)> =
        sqlx::query_as("SELECT endpoint FROM push_subscriptions ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(kept.len(), 10);
    assert_eq!(kept[0].0, "https://push.example.com/device/20");
    sqlx::query("DELETE FROM push_subscriptions")
        .execute(&app.db)
        .await
        .unwrap();

    // A public push service's address is kept, and forgotten on request.
    let good = subscription("https://push.example.com/x", RFC_8291_P256DH);
    let status = app
        .send(Some(&parent), &SubscribePush {}, &good)
        .await
        .status();
    assert_eq!(status, StatusCode::CREATED);
    let status = app
        .send(
            Some(&parent),
            &UnsubscribePush {},
            &PushEndpoint {
                endpoint: good.endpoint.clone(),
            },
        )
        .await
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let kept: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM push_subscriptions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.0, 0);
}

/// A push receiver, the app allowed to reach it, 高台's parent subscribed with
/// push on, the scheduler, and `meeting` saved.
async fn pushing(
    meeting: &Meeting,
) -> (
    crate::helpers::TestApp,
    PushReceiver,
    tsunagu_server::reminders::scheduler::Scheduler,
    crate::helpers::Session,
) {
    let receiver = PushReceiver::bind().await;
    let app = spawn_app_reaching(receiver.origin()).await;
    let scheduler = app.scheduler(&receiver).await;
    let parent = app.sign_in("takadai").await;
    receiver.expect_server_key(&app.push_key(&parent).await);
    app.subscribe_receiver(&parent, &receiver).await;
    let coordinator = app.sign_in("coordinator").await;
    assert_eq!(
        app.save_meeting(&coordinator, meeting, None).await.status(),
        StatusCode::OK
    );
    (app, receiver, scheduler, parent)
}

/// The meeting's revision as the desk read it last.
async fn revision_of(
    app: &crate::helpers::TestApp,
    coordinator: &crate::helpers::Session,
    meeting: &Meeting,
) -> String {
    app.meetings_of(coordinator, TAKADAI)
        .await
        .into_iter()
        .find(|m| m.doc.id == meeting.id)
        .expect("the meeting")
        .revision
}

fn week_before(meeting: &Meeting) -> NaiveDateTime {
    meeting.starts_at - Duration::days(7)
}

#[tokio::test]
async fn a_due_reminder_reaches_the_device_once_and_says_nothing_personal() {
    let meeting = far_meeting(4);
    let (app, receiver, scheduler, parent) = pushing(&meeting).await;

    let early = remind_at(&scheduler, week_before(&meeting) - Duration::minutes(1)).await;
    assert_eq!(early.delivered, 0, "not before its time");
    let round = remind_at(&scheduler, week_before(&meeting) + Duration::minutes(1)).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    let pushes = receiver.wait_for(1).await;
    let push = &pushes[0];
    let claims = push
        .vapid
        .as_ref()
        .expect("signed with the server's VAPID key");
    assert_eq!(claims.aud, receiver.origin());
    let message = push
        .message
        .as_ref()
        .expect("decrypted with the device's key");
    assert_eq!(message["meeting"], meeting.id.to_string());
    assert_eq!(message["family"], TAKADAI.to_string());
    assert_eq!(message["reminder"], "lead");
    assert_eq!(message["meeting_kind"], "case_meeting");
    assert_eq!(
        message["starts_at"],
        tsunagu_model::iso::format_date_time(meeting.starts_at)
    );
    assert_eq!(
        message["lang"], "en",
        "the language the device subscribed in"
    );
    let text = message.to_string();
    for personal in ["ゆい", "就学", "ひがし小学校"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }

    // At most once: the same moment again, and later, send nothing more.
    let again = remind_at(&scheduler, week_before(&meeting) + Duration::minutes(2)).await;
    assert_eq!(again.delivered, 0, "{again:?}");
    assert_eq!(receiver.received().len(), 1);

    // The next ones come at their own times: the preparation nudge three days
    // before, counting what the parent brings (nothing yet).
    let round = remind_at(&scheduler, meeting.starts_at - Duration::days(3)).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    let pushes = receiver.wait_for(2).await;
    let nudge = pushes[1].message.as_ref().unwrap();
    assert_eq!(nudge["reminder"], "preparation");
    assert_eq!(nudge["brought"], 0);

    // The list says what was sent and what is still to come.
    let (_, list) = app.call(Some(&parent), &ListReminders {}, &NoContent).await;
    let ours: Vec<_> = list.iter().filter(|r| r.meeting == meeting.id).collect();
    assert!(ours.iter().any(
        |r| r.kind == ReminderKind::Lead(LeadTime::DaysBefore { days: 7 })
            && r.state == ReminderState::Sent
    ));
    assert!(ours.iter().any(
        |r| r.kind == ReminderKind::Lead(LeadTime::DaysBefore { days: 1 })
            && r.state == ReminderState::Coming
    ));
}

#[tokio::test]
async fn a_reminder_found_more_than_an_hour_late_is_missed_not_sent() {
    let meeting = far_meeting(5);
    let (app, receiver, scheduler, parent) = pushing(&meeting).await;
    // The server was down through the week-before reminder's time.
    let round = remind_at(&scheduler, week_before(&meeting) + Duration::hours(2)).await;
    assert_eq!(round.delivered, 0);
    assert!(round.missed >= 1, "{round:?}");
    assert!(receiver.received().is_empty());
    let (_, list) = app.call(Some(&parent), &ListReminders {}, &NoContent).await;
    assert!(list.iter().any(|r| r.meeting == meeting.id
        && r.kind == ReminderKind::Lead(LeadTime::DaysBefore { days: 7 })
        && r.state == ReminderState::Missed));
    // An hour late is still sent.
    let round = remind_at(
        &scheduler,
        meeting.starts_at - Duration::days(1) + Duration::minutes(59),
    )
    .await;
    assert_eq!(round.delivered, 1, "{round:?}");
}

#[tokio::test]
async fn rescheduling_moves_the_reminders_and_cancelling_sends_one_notice() {
    let mut meeting = far_meeting(6);
    let (app, receiver, scheduler, _) = pushing(&meeting).await;
    let coordinator = app.sign_in("coordinator").await;
    // Two days later: the old week-before time reminds of nothing.
    let old = week_before(&meeting);
    let rev = revision_of(&app, &coordinator, &meeting).await;
    meeting.starts_at += Duration::days(2);
    meeting.ends_at += Duration::days(2);
    app.save_meeting(&coordinator, &meeting, Some(rev)).await;
    let round = remind_at(&scheduler, old + Duration::minutes(1)).await;
    assert_eq!(round.delivered, 0, "{round:?}");
    let round = remind_at(&scheduler, week_before(&meeting) + Duration::minutes(1)).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    let pushes = receiver.wait_for(1).await;
    assert_eq!(
        pushes[0].message.as_ref().unwrap()["starts_at"],
        tsunagu_model::iso::format_date_time(meeting.starts_at)
    );

    // Cancelled: one notice at once, then nothing more of it.
    let rev = revision_of(&app, &coordinator, &meeting).await;
    meeting.status = MeetingStatus::Cancelled;
    app.save_meeting(&coordinator, &meeting, Some(rev)).await;
    let now = week_before(&meeting) + Duration::days(1);
    let round = remind_at(&scheduler, now).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    let pushes = receiver.wait_for(2).await;
    assert_eq!(pushes[1].message.as_ref().unwrap()["reminder"], "cancelled");
    let round = remind_at(&scheduler, now + Duration::hours(1)).await;
    assert_eq!(round.delivered, 0);
    let round = remind_at(&scheduler, meeting.starts_at - Duration::days(1)).await;
    assert_eq!(
        round.delivered, 0,
        "a cancelled meeting has no reminders left"
    );
    assert_eq!(receiver.received().len(), 2);
}

#[tokio::test]
async fn a_busy_push_service_is_tried_again_and_a_gone_subscription_is_deleted() {
    let meeting = far_meeting(7);
    let (_app, receiver, scheduler, _) = pushing(&meeting).await;
    let app = _app;
    receiver.answer_next([Answer::retry_after(429, 120), Answer::status(500)]);
    let at = week_before(&meeting) + Duration::minutes(1);
    let round = remind_at(&scheduler, at).await;
    assert_eq!(round.retrying, 1, "{round:?}");
    // Not before the push service's Retry-After.
    let round = remind_at(&scheduler, at + Duration::minutes(1)).await;
    assert_eq!(round.delivered + round.retrying, 0, "{round:?}");
    let round = remind_at(&scheduler, at + Duration::minutes(3)).await;
    assert_eq!(round.retrying, 1, "a 5xx is tried again: {round:?}");
    let round = remind_at(&scheduler, at + Duration::minutes(10)).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    assert_eq!(receiver.wait_for(3).await.len(), 3);

    receiver.answer_next([Answer::status(410)]);
    let round = remind_at(&scheduler, meeting.starts_at - Duration::days(3)).await;
    assert_eq!(round.gone, 1, "{round:?}");
    let kept: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM push_subscriptions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.0, 0, "the push service said it is gone");
    let round = remind_at(&scheduler, meeting.starts_at - Duration::days(1)).await;
    assert_eq!(round.delivered, 0);
}

#[tokio::test]
async fn lead_times_turned_off_remind_of_nothing() {
    let meeting = far_meeting(8);
    let (app, receiver, scheduler, parent) = pushing(&meeting).await;
    let mut quiet = ReminderChoices {
        push: true,
        ..ReminderChoices::default()
    };
    quiet.settings.leads = vec![LeadSetting {
        lead: LeadTime::DaysBefore { days: 7 },
        on: false,
    }];
    quiet.settings.preparation = false;
    app.choose(&parent, &quiet).await;
    for at in [
        week_before(&meeting) + Duration::minutes(1),
        meeting.starts_at - Duration::days(3),
        meeting.starts_at - Duration::hours(1),
    ] {
        assert_eq!(remind_at(&scheduler, at).await.delivered, 0);
    }
    assert!(receiver.received().is_empty());
}

fn answer_key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::MeetingAnswer,
        id: uuid::Uuid::from_u128(0xa115_0000 + n),
    }
}

fn answering(
    meeting: &Meeting,
    attendance: Attendance,
    note: &str,
) -> Vec<tsunagu_model::sync::FieldChange> {
    MeetingAnswer {
        id: uuid::Uuid::nil(),
        owner: tsunagu_model::PersonId::from_u128(0),
        meeting: meeting.id,
        answer: attendance,
        note: note.into(),
        answered_at: Some(tsunagu_model::iso::parse_date_time("2026-12-01T09:05:00").unwrap()),
    }
    .changes()
    .into_iter()
    .map(|(field, value)| change(&field, value))
    .collect()
}

#[tokio::test]
async fn a_parents_answer_reaches_the_desk_and_changes_until_the_meeting_starts() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let meeting = far_meeting(9);
    app.save_meeting(&coordinator, &meeting, None).await;
    let parent = app.sign_in("takadai").await;
    let client = ClientId::from_u128(0xa115);
    let answer = app
        .push(
            &parent,
            vec![mutation(
                client,
                1,
                answer_key(1),
                answering(&meeting, Attendance::DiscussDate, "10日なら参加できます"),
            )],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied]);
    let list = ListMeetingAnswers {
        family_id: TAKADAI,
        record_id: meeting.id,
    };
    let (status, answers): (_, Vec<MeetingAnswerView>) =
        app.call(Some(&coordinator), &list, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].answer, Attendance::DiscussDate);
    assert_eq!(answers[0].note, "10日なら参加できます");
    assert!(!answers[0].display_name.is_empty());

    // Changed: the desk sees the new answer only.
    let answer = app
        .push(
            &parent,
            vec![mutation(
                client,
                2,
                answer_key(1),
                vec![change("answer", FieldValue::Text("attending".into()))],
            )],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied]);
    let (_, answers) = app.call(Some(&coordinator), &list, &NoContent).await;
    assert_eq!(answers[0].answer, Attendance::Attending);

    // Another family's parent cannot answer it, nor read the answers.
    let other = app.sign_in("morikawa").await;
    let refused = app
        .push(
            &other,
            vec![mutation(
                ClientId::from_u128(0xa116),
                1,
                answer_key(2),
                answering(&meeting, Attendance::NotAttending, ""),
            )],
        )
        .await;
    assert_eq!(
        outcomes(&refused),
        [Outcome::Rejected {
            refusal: Refusal::NotAllowed
        }]
    );
    assert_eq!(
        app.send(Some(&other), &list, &NoContent).await.status(),
        StatusCode::NOT_FOUND
    );

    // A meeting that was held (高台's first of the series) takes no answers.
    let held = "7a3b0003-0000-4000-8000-00000000000c";
    let late = app
        .push(
            &parent,
            vec![mutation(
                client,
                3,
                answer_key(3),
                vec![
                    change("meeting", FieldValue::Text(held.to_string())),
                    change("answer", FieldValue::Text("attending".into())),
                ],
            )],
        )
        .await;
    assert!(
        matches!(outcomes(&late)[..], [Outcome::Rejected { .. }]),
        "{late:?}"
    );
    // And a field the answer does not have is refused, not half-kept.
    let odd = app
        .push(
            &parent,
            vec![mutation(
                client,
                4,
                answer_key(1),
                vec![change("outcome", FieldValue::Text("answered".into()))],
            )],
        )
        .await;
    assert!(matches!(outcomes(&odd)[..], [Outcome::Rejected { .. }]));
}

/// Waits, with a deadline, until `query` (one count) over the server's
/// database file says `wanted`.
async fn until_count(db: &sqlx::SqlitePool, query: &'static str, wanted: i64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(50));
    loop {
        let (n,): (i64,) = sqlx::query_as(query).fetch_one(db).await.unwrap();
        if n == wanted {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{query}: {n}, not {wanted}"
        );
        tick.tick().await;
    }
}

/// The real binary sends two due reminders; the push service takes one and asks
/// to try the other again in a few seconds; the server is killed with SIGKILL
/// and restarted on the same file: the one taken is not sent again, the one
/// waiting is sent, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_kill_9_no_reminder_is_sent_twice_and_none_due_is_skipped() {
    use crate::helpers::{BIN, request, sign_in_over, start_serving_with};
    use tsunagu_model::endpoints::{GetPushKey, SaveMeeting};

    let receiver = PushReceiver::bind().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("data/tsunagu.db").display());
    assert!(
        std::process::Command::new(BIN)
            .args(["demo", "--database-url", &url])
            .status()
            .unwrap()
            .success()
    );
    let env = [
        ("TSUNAGU_PUSH_ALLOW_ORIGIN", receiver.origin()),
        ("TSUNAGU_REMINDER_PERIOD", "1"),
    ];
    let (mut server, addr, _lines) = start_serving_with(&url, dir.path(), &env);
    let base = format!("http://{addr}");
    let http = reqwest::Client::new();
    let parent = sign_in_over(&http, &base, "takadai").await;
    let as_parent = |r: reqwest::RequestBuilder| r.header("cookie", &parent);
    let key: tsunagu_model::reminders::PushKey =
        as_parent(request(&http, &base, &GetPushKey {}, &NoContent))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    receiver.expect_server_key(&key.key);
    let browser = receiver.subscription();
    let subscribed = as_parent(request(
        &http,
        &base,
        &SubscribePush {},
        &NewPushSubscription {
            endpoint: browser.endpoint,
            keys: PushSubscriptionKeys {
                p256dh: browser.p256dh,
                auth: browser.auth,
            },
        },
    ))
    .send()
    .await
    .unwrap();
    assert_eq!(subscribed.status(), StatusCode::CREATED);
    let push_on = ReminderChoices {
        push: true,
        ..ReminderChoices::default()
    };
    let chosen = as_parent(request(&http, &base, &SaveReminderChoices {}, &push_on))
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), StatusCode::OK);

    // Two meetings whose week-before reminders come due in two seconds.
    receiver.answer_next([Answer::status(201), Answer::retry_after(503, 3)]);
    let coordinator = sign_in_over(&http, &base, "coordinator").await;
    let now = tsunagu_model::town_time::from_utc(chrono::Utc::now());
    let starts = now + Duration::days(7) + Duration::seconds(2);
    let starts =
        starts - Duration::nanoseconds(i64::from(starts.and_utc().timestamp_subsec_nanos()));
    for n in [10, 11] {
        let mut meeting = new_meeting(n, starts.date());
        meeting.starts_at = starts;
        meeting.ends_at = starts + Duration::seconds(1);
        let saved = request(
            &http,
            &base,
            &SaveMeeting {
                family_id: TAKADAI,
                record_id: meeting.id,
            },
            &tsunagu_model::api::SaveDocument {
                doc: meeting,
                revision: None,
            },
        )
        .header("cookie", &coordinator)
        .send()
        .await
        .unwrap();
        assert_eq!(saved.status(), StatusCode::OK);
    }
    let first = receiver.wait_for(2).await;
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    // Killed once the server has recorded the push service's "later".
    until_count(
        &db,
        "SELECT COUNT(*) FROM push_deliveries WHERE state = 'pending' AND attempts = 1",
        1,
    )
    .await;
    server.kill().unwrap();
    server.wait().unwrap();

    let (mut server, _addr, _lines) = start_serving_with(&url, dir.path(), &env);
    let all = receiver.wait_for(3).await;
    until_count(
        &db,
        "SELECT COUNT(*) FROM push_deliveries WHERE state IN ('pending', 'in_flight')",
        0,
    )
    .await;
    until_count(
        &db,
        "SELECT COUNT(*) FROM push_deliveries WHERE state = 'delivered'",
        2,
    )
    .await;
    let meeting_of = |i: usize| all[i].message.as_ref().unwrap()["meeting"].clone();
    assert_eq!(all.len(), 3, "nothing sent twice");
    assert_eq!(
        meeting_of(1),
        meeting_of(2),
        "the one asked for later came after the restart"
    );
    assert_ne!(meeting_of(0), meeting_of(1));
    assert_eq!(first.len(), 2);
    server.kill().unwrap();
    server.wait().unwrap();
}

/// Figures for the note, not a test: `cargo test -p tsunagu-server
/// --test api -- --ignored --nocapture reminders::figures`. One parent with
/// 1,000 meetings whose week-before reminders are all due in the same round;
/// the receiver decrypts each one (OpenSSL), so the time includes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run on demand"]
async fn figures_scheduler_per_thousand_due_and_feed_size() {
    let day = today() + Duration::days(400);
    let receiver = PushReceiver::bind().await;
    let app = spawn_app_reaching(receiver.origin()).await;
    let parent = app.sign_in("takadai").await;
    let url =
        app.make_feed(&parent)
            .await
            .url
            .unwrap()
            .replacen("http://localhost:8080", &app.base, 1);
    let (_, _, demo_feed) = app.fetch_feed(&url).await;
    let (_, events) = parse_feed(&demo_feed);
    println!(
        "feed of the demo family 高台: {} events, {} bytes",
        events.len(),
        demo_feed.len()
    );

    let scheduler = app.scheduler(&receiver).await;
    receiver.expect_server_key(&app.push_key(&parent).await);
    app.subscribe_receiver(&parent, &receiver).await;
    let coordinator = app.sign_in("coordinator").await;
    let mut first = None;
    for n in 0..1000u128 {
        let mut meeting = new_meeting(100 + n, day);
        // Every few seconds of the afternoon: all due in the same minute a week before.
        meeting.starts_at = day.and_hms_opt(14, 0, 0).unwrap() + Duration::seconds(n as i64 % 50);
        meeting.ends_at = meeting.starts_at + Duration::minutes(30);
        first.get_or_insert(meeting.starts_at);
        assert_eq!(
            app.save_meeting(&coordinator, &meeting, None)
                .await
                .status(),
            StatusCode::OK
        );
    }
    let (_, _, big_feed) = app.fetch_feed(&url).await;
    println!(
        "feed with 1,000 more meetings: {} bytes ({} bytes per meeting)",
        big_feed.len(),
        (big_feed.len() - demo_feed.len()) / 1000
    );
    let at = first.unwrap() - Duration::days(7) + Duration::minutes(1);
    let started = std::time::Instant::now();
    let round = remind_at(&scheduler, at).await;
    let mut total = round.delivered;
    while total < 1000 {
        total += remind_at(&scheduler, at).await.delivered;
    }
    let took = started.elapsed();
    receiver.wait_for(1000).await;
    println!(
        "scheduler: 1,000 due reminders decided and delivered in {took:?} ({round:?} in the first round)"
    );
    let started = std::time::Instant::now();
    let idle = remind_at(&scheduler, at).await;
    println!(
        "a round with nothing due over the same data: {:?} ({idle:?})",
        started.elapsed()
    );
}
