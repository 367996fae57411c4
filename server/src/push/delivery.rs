//! Sending one push message to one subscription, and what the push service's
//! answer means for the caller (RFC 8030 §5, §6.2, §8.3).

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use reqwest::{StatusCode, header};

use super::{
    AllowedOrigin, PushDestination, PushError, SubscriptionKeys, VapidKeys,
    destination::PublicOnlyResolver, encrypt,
};

/// Push services answer in well under a second; a stuck one must not hold up
/// the other reminders.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(8);

/// RFC 8292 allows at most 24 hours; half leaves room for a clock that is off.
const VAPID_VALIDITY: chrono::TimeDelta = chrono::TimeDelta::hours(12);

/// A push service's `Retry-After` is followed up to this long: a remote number
/// must not push a reminder past its use (or overflow the caller's arithmetic).
const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// One browser's subscription as stored: its endpoint and its checked keys.
#[derive(Debug, Clone)]
pub struct PushSubscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

/// How soon the push service should wake the device (RFC 8030 §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    VeryLow,
    Low,
    Normal,
    High,
}

impl Urgency {
    fn header_value(self) -> &'static str {
        match self {
            Self::VeryLow => "very-low",
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
        }
    }
}

/// What became of one push, and so what the caller does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// The push service took the message (2xx).
    Delivered,
    /// The subscription no longer exists (404, 410): delete it.
    Gone,
    /// Try again later (429, 5xx, or no answer at all); `after` is the push
    /// service's `Retry-After`, when it gave one.
    RetryLater { after: Option<Duration> },
    /// The push service refused this message for good (any other status).
    Refused { status: u16 },
    /// The endpoint is not a destination the server may reach: nothing was sent.
    NotAllowed,
    /// The message could not be prepared (e.g. a payload too large): nothing
    /// was sent, and trying again would not help.
    Unsendable(PushError),
}

/// Sends push messages; built once and shared (it holds a connection pool).
#[derive(Debug, Clone)]
pub struct PushSender {
    client: reqwest::Client,
    subject: Arc<str>,
    allow_origin: Option<AllowedOrigin>,
}

impl PushSender {
    /// `subject` is the contact push services may use about our traffic
    /// (`mailto:` or `https:`, RFC 8292 §2.1); `allow_origin` the one test
    /// origin exempt from the destination rules.
    pub fn new(subject: &str, allow_origin: Option<AllowedOrigin>) -> Result<Self, PushError> {
        if !(subject.starts_with("mailto:") || subject.starts_with("https:")) {
            return Err(PushError::BadSubject);
        }
        let client = reqwest::Client::builder()
            // A redirect would take the request somewhere the guard never saw.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would make the connection-time address check moot.
            .no_proxy()
            .dns_resolver(PublicOnlyResolver::new(allow_origin.as_ref()))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|error| PushError::Client(error.to_string()))?;
        Ok(Self {
            client,
            subject: Arc::from(subject),
            allow_origin,
        })
    }

    /// Encrypts `payload` for the subscription and posts it, kept by the push
    /// service for at most `ttl_seconds` while the device is offline.
    pub async fn send(
        &self,
        vapid: &VapidKeys,
        subscription: &PushSubscription,
        payload: &[u8],
        ttl_seconds: u32,
        urgency: Urgency,
    ) -> PushOutcome {
        let Ok(url) = PushDestination::check(&subscription.endpoint, self.allow_origin.as_ref())
        else {
            return PushOutcome::NotAllowed;
        };
        // The host says which push service; the path identifies the browser.
        let service = url.host_str().unwrap_or_default().to_owned();
        let body = match encrypt(payload, &subscription.keys) {
            Ok(body) => body,
            Err(problem) => return PushOutcome::Unsendable(problem),
        };
        let authorization = vapid.authorization(
            &url.origin().ascii_serialization(),
            &self.subject,
            Utc::now() + VAPID_VALIDITY,
        );
        let sent = self
            .client
            .post(url)
            .header("TTL", ttl_seconds)
            .header(header::CONTENT_ENCODING, "aes128gcm")
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .header("Urgency", urgency.header_value())
            .header(header::AUTHORIZATION, authorization)
            .body(body)
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                // Without the URL: reqwest's errors would print the endpoint.
                tracing::warn!(
                    push_service = %service,
                    timeout = error.is_timeout(),
                    connect = error.is_connect(),
                    "push not delivered: no answer"
                );
                return PushOutcome::RetryLater { after: None };
            }
        };
        let status = response.status();
        let outcome = outcome_of(status, response.headers(), Utc::now());
        if outcome == PushOutcome::Delivered {
            tracing::debug!(push_service = %service, status = status.as_u16(), "push delivered");
        } else {
            tracing::info!(push_service = %service, status = status.as_u16(), ?outcome, "push not delivered");
        }
        outcome
    }
}

fn outcome_of(status: StatusCode, headers: &header::HeaderMap, now: DateTime<Utc>) -> PushOutcome {
    match status.as_u16() {
        200..=299 => PushOutcome::Delivered,
        404 | 410 => PushOutcome::Gone,
        429 | 500..=599 => PushOutcome::RetryLater {
            after: retry_after(headers, now),
        },
        other => PushOutcome::Refused { status: other },
    }
}

/// `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3); anything
/// else is as good as none.
fn retry_after(headers: &header::HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let at = DateTime::parse_from_rfc2822(value)
            .ok()?
            .with_timezone(&Utc);
        (at - now).to_std().unwrap_or(Duration::ZERO)
    };
    Some(wait.min(LONGEST_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(status: u16, retry: Option<&str>) -> PushOutcome {
        let mut headers = header::HeaderMap::new();
        if let Some(value) = retry {
            headers.insert(
                header::RETRY_AFTER,
                header::HeaderValue::from_str(value).expect("a header value"),
            );
        }
        let now = DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z")
            .expect("an instant")
            .with_timezone(&Utc);
        outcome_of(
            StatusCode::from_u16(status).expect("a status"),
            &headers,
            now,
        )
    }

    #[test]
    fn statuses_are_classified_for_the_caller() {
        assert_eq!(outcome(201, None), PushOutcome::Delivered);
        assert_eq!(outcome(202, None), PushOutcome::Delivered);
        assert_eq!(outcome(404, None), PushOutcome::Gone);
        assert_eq!(outcome(410, None), PushOutcome::Gone);
        assert_eq!(outcome(429, None), PushOutcome::RetryLater { after: None });
        assert_eq!(outcome(503, None), PushOutcome::RetryLater { after: None });
        assert_eq!(outcome(400, None), PushOutcome::Refused { status: 400 });
        assert_eq!(outcome(401, None), PushOutcome::Refused { status: 401 });
        assert_eq!(outcome(413, None), PushOutcome::Refused { status: 413 });
        // Redirects are not followed, nor retried.
        assert_eq!(outcome(307, None), PushOutcome::Refused { status: 307 });
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date_and_capped() {
        let after = |value| match outcome(429, Some(value)) {
            PushOutcome::RetryLater { after } => after,
            other => panic!("{other:?}"),
        };
        assert_eq!(after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            after("Wed, 02 Dec 2026 09:05:00 GMT"),
            Some(Duration::from_secs(300))
        );
        assert_eq!(after("Wed, 02 Dec 2026 08:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(after("99999999999"), Some(LONGEST_RETRY_AFTER));
        assert_eq!(after("soon"), None);
        assert_eq!(after("-5"), None);
    }

    #[test]
    fn the_contact_must_be_mail_or_a_web_page() {
        assert!(PushSender::new("mailto:ops@example.org", None).is_ok());
        assert!(PushSender::new("https://tsunagu.example.org/contact", None).is_ok());
        assert_eq!(
            PushSender::new("ops@example.org", None).err(),
            Some(PushError::BadSubject)
        );
    }

    #[tokio::test]
    async fn an_endpoint_outside_the_rules_is_not_sent_to() {
        let sender = PushSender::new("mailto:ops@example.org", None).expect("a sender");
        let vapid = VapidKeys::generate().expect("randomness");
        let subscription = PushSubscription {
            endpoint: "https://10.0.0.1/push".into(),
            keys: SubscriptionKeys::parse(
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
                "BTBZMqHH6r4Tts7J_aSIgg",
            )
            .expect("keys"),
        };
        let outcome = sender
            .send(&vapid, &subscription, b"{}", 60, Urgency::Normal)
            .await;
        assert_eq!(outcome, PushOutcome::NotAllowed);
    }
}
