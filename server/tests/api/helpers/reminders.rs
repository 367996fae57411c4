//! Reminders: a person's choices and push subscription set up through the API,
//! the calendar feed fetched as a calendar app does (no cookie), the server's
//! scheduler run at a chosen moment, and the feed read back with a parser that
//! is not the one that wrote it (`ical`).

use chrono::{NaiveDateTime, TimeZone};
use reqwest::StatusCode;
use tsunagu_model::{
    calendar::CalendarFeed,
    endpoints::{GetPushKey, MakeCalendarFeed, NoContent, SaveReminderChoices, SubscribePush},
    reminders::{NewPushSubscription, PushSubscriptionKeys, ReminderChoices},
};
use tsunagu_server::{
    push::AllowedOrigin,
    reminders::scheduler::{Round, Scheduler},
};

use super::{Session, TestApp, push_receiver::PushReceiver};

/// The receiver's public key and auth secret of RFC 8291's example (section 5):
/// keys any browser could have given.
pub const RFC_8291_P256DH: &str =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
pub const RFC_8291_AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";

pub const CONTACT: &str = "mailto:coordinators@tsunagu.example";

/// A property's parameters: each name with its values.
pub type Parameters = Vec<(String, Vec<String>)>;

/// One event of a feed as a calendar reads it: each property by name, with
/// its parameters, and its alarms.
#[derive(Debug)]
pub struct FeedEvent {
    pub properties: Vec<(String, Parameters, String)>,
    pub alarms: usize,
}

impl FeedEvent {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, v)| v.as_str())
    }

    pub fn param(&self, name: &str, param: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _, _)| n == name)
            .and_then(|(_, params, _)| params.iter().find(|(p, _)| p == param))
            .and_then(|(_, values)| values.first().map(String::as_str))
    }
}

/// A feed read with the `ical` crate: its time zones' ids and its events.
pub fn parse_feed(text: &str) -> (Vec<String>, Vec<FeedEvent>) {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the feed parses as iCalendar");
    assert!(calendars.next().is_none(), "exactly one calendar");
    let zones = calendar
        .timezones
        .iter()
        .flat_map(|z| z.properties.iter())
        .filter(|p| p.name == "TZID")
        .filter_map(|p| p.value.clone())
        .collect();
    let events = calendar
        .events
        .into_iter()
        .map(|event| FeedEvent {
            properties: event
                .properties
                .into_iter()
                .map(|p| {
                    (
                        p.name,
                        p.params.unwrap_or_default(),
                        p.value.unwrap_or_default(),
                    )
                })
                .collect(),
            alarms: event.alarms.len(),
        })
        .collect();
    (zones, events)
}

/// A town time as the instant the scheduler is given.
pub fn instant(town: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::FixedOffset::east_opt(9 * 3600)
        .expect("+09:00")
        .from_local_datetime(&town)
        .single()
        .expect("one instant")
        .with_timezone(&chrono::Utc)
}

impl TestApp {
    /// Makes the person's calendar feed; its address.
    pub async fn make_feed(&self, session: &Session) -> CalendarFeed {
        let (status, feed) = self
            .call(Some(session), &MakeCalendarFeed {}, &NoContent)
            .await;
        assert_eq!(status, StatusCode::CREATED);
        feed
    }

    /// Fetches a feed as a calendar app does: its address alone, no cookie.
    pub async fn fetch_feed(&self, url: &str) -> (StatusCode, Option<String>, String) {
        let response = reqwest::get(url).await.expect("the server answers");
        let status = response.status();
        let kind = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, kind, response.text().await.expect("a body"))
    }

    pub async fn choose(&self, session: &Session, choices: &ReminderChoices) {
        let (status, _) = self
            .call(Some(session), &SaveReminderChoices {}, choices)
            .await;
        assert_eq!(status, StatusCode::OK);
    }

    /// The server's scheduler, allowed to reach `receiver`.
    pub async fn scheduler(&self, receiver: &PushReceiver) -> Scheduler {
        let allowed = AllowedOrigin::parse(receiver.origin()).expect("the receiver's origin");
        Scheduler::start(self.db.clone(), CONTACT, Some(allowed))
            .await
            .expect("the scheduler starts")
    }

    /// The person subscribes the receiver as their device and turns push on.
    pub async fn subscribe_receiver(&self, session: &Session, receiver: &PushReceiver) {
        let browser = receiver.subscription();
        let status = self
            .send(
                Some(session),
                &SubscribePush {},
                &NewPushSubscription {
                    endpoint: browser.endpoint,
                    keys: PushSubscriptionKeys {
                        p256dh: browser.p256dh,
                        auth: browser.auth,
                    },
                },
            )
            .await
            .status();
        assert_eq!(status, StatusCode::CREATED);
        let choices = ReminderChoices {
            push: true,
            ..ReminderChoices::default()
        };
        self.choose(session, &choices).await;
    }

    pub async fn push_key(&self, session: &Session) -> String {
        let (_, key) = self.call(Some(session), &GetPushKey {}, &NoContent).await;
        key.key
    }
}

/// Runs one round and says what it did.
pub async fn remind_at(scheduler: &Scheduler, town: NaiveDateTime) -> Round {
    scheduler
        .remind(instant(town))
        .await
        .expect("a round of reminders")
}
