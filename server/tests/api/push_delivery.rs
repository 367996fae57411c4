//! Web Push delivery against a stand-in push service (`helpers::push_receiver`)
//! that checks the VAPID token and decrypts the message with OpenSSL: what a
//! browser reads is what the server meant, and each answer of the push
//! service comes back to the caller as the right outcome.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use tsunagu_server::push::{
    AllowedOrigin, PushOutcome, PushSender, PushSubscription, SubscriptionKeys, Urgency, VapidKeys,
};

use crate::helpers::push_receiver::{Answer, PushReceiver};

const CONTACT: &str = "mailto:coordinators@tsunagu.example";

struct PushService {
    receiver: PushReceiver,
    vapid: VapidKeys,
    sender: PushSender,
    subscription: PushSubscription,
}

/// A receiver, the server's keys, and a sender allowed to reach the receiver
/// (as `TSUNAGU_PUSH_ALLOW_ORIGIN` does in tests).
async fn push_service() -> PushService {
    let vapid = VapidKeys::generate().expect("randomness");
    let receiver = PushReceiver::start(&vapid.public_key()).await;
    let allowed = AllowedOrigin::parse(receiver.origin()).expect("the receiver's origin");
    let sender = PushSender::new(CONTACT, Some(allowed)).expect("a sender");
    let subscription = subscription_of(&receiver);
    PushService {
        receiver,
        vapid,
        sender,
        subscription,
    }
}

fn subscription_of(receiver: &PushReceiver) -> PushSubscription {
    let browser = receiver.subscription();
    PushSubscription {
        endpoint: browser.endpoint,
        keys: SubscriptionKeys::parse(&browser.p256dh, &browser.auth)
            .expect("a browser's keys parse"),
    }
}

fn reminder() -> serde_json::Value {
    json!({
        "title": "明日 10:00 支援会議 / Support meeting tomorrow 10:00",
        "url": "/meetings/7",
    })
}

impl PushService {
    async fn send(&self) -> PushOutcome {
        self.sender
            .send(
                &self.vapid,
                &self.subscription,
                reminder().to_string().as_bytes(),
                3600,
                Urgency::High,
            )
            .await
    }
}

#[tokio::test]
async fn the_browser_reads_exactly_what_was_sent() {
    let service = push_service().await;

    assert_eq!(service.send().await, PushOutcome::Delivered);

    let pushes = service.receiver.wait_for(1).await;
    assert_eq!(pushes.len(), 1);
    let push = &pushes[0];
    assert_eq!(push.message.as_ref(), Ok(&reminder()));
    assert_eq!(push.ttl.as_deref(), Some("3600"));
    assert_eq!(push.urgency.as_deref(), Some("high"));
    assert_eq!(push.content_encoding.as_deref(), Some("aes128gcm"));
    assert_eq!(
        push.content_type.as_deref(),
        Some("application/octet-stream")
    );
}

#[tokio::test]
async fn the_push_service_can_verify_who_sent_it() {
    let service = push_service().await;

    service.send().await;

    let pushes = service.receiver.wait_for(1).await;
    let claims = pushes[0].vapid.as_ref().expect("the VAPID token verifies");
    assert_eq!(claims.aud, service.receiver.origin());
    assert_eq!(claims.sub, CONTACT);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    assert!(claims.exp > now && claims.exp <= now + 24 * 60 * 60);
}

#[tokio::test]
async fn a_token_signed_by_another_server_is_refused_by_the_push_service() {
    let service = push_service().await;
    let impostor = VapidKeys::generate().expect("randomness");

    let outcome = service
        .sender
        .send(&impostor, &service.subscription, b"{}", 60, Urgency::Normal)
        .await;

    assert_eq!(outcome, PushOutcome::Refused { status: 401 });
    let pushes = service.receiver.wait_for(1).await;
    assert!(pushes[0].vapid.is_err());
}

#[tokio::test]
async fn a_subscription_the_push_service_forgot_is_gone() {
    let service = push_service().await;
    service.receiver.answer_next([Answer::status(410)]);

    assert_eq!(service.send().await, PushOutcome::Gone);
}

#[tokio::test]
async fn too_many_requests_is_retried_when_the_push_service_says() {
    let service = push_service().await;
    service
        .receiver
        .answer_next([Answer::retry_after(429, 120)]);

    assert_eq!(
        service.send().await,
        PushOutcome::RetryLater {
            after: Some(Duration::from_secs(120))
        }
    );
}

#[tokio::test]
async fn a_failing_push_service_is_retried_and_then_delivers() {
    let service = push_service().await;
    service.receiver.answer_next([Answer::status(500)]);

    assert_eq!(
        service.send().await,
        PushOutcome::RetryLater { after: None }
    );
    assert_eq!(service.send().await, PushOutcome::Delivered);

    let pushes = service.receiver.wait_for(2).await;
    assert!(pushes.iter().all(|push| push.message == Ok(reminder())));
}

#[tokio::test]
async fn a_push_service_that_does_not_answer_is_retried() {
    let vapid = VapidKeys::generate().expect("randomness");
    // A port that was free a moment ago: nothing listens there now.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", listener.local_addr().expect("its address"))
    };
    let sender = PushSender::new(
        CONTACT,
        Some(AllowedOrigin::parse(&closed).expect("an origin")),
    )
    .expect("a sender");
    let receiver = PushReceiver::start(&vapid.public_key()).await;
    let mut subscription = subscription_of(&receiver);
    subscription.endpoint = format!("{closed}/push/x");

    let outcome = sender
        .send(&vapid, &subscription, b"{}", 60, Urgency::Normal)
        .await;

    assert_eq!(outcome, PushOutcome::RetryLater { after: None });
}

#[tokio::test]
async fn an_endpoint_on_this_machine_is_never_contacted() {
    let service = push_service().await;
    let other_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", listener.local_addr().expect("its address"))
    };
    let unguarded = PushSender::new(CONTACT, None).expect("a sender");
    let allowing_another = PushSender::new(
        CONTACT,
        Some(AllowedOrigin::parse(&other_port).expect("an origin")),
    )
    .expect("a sender");

    for sender in [&unguarded, &allowing_another] {
        let outcome = sender
            .send(
                &service.vapid,
                &service.subscription,
                b"{}",
                60,
                Urgency::Normal,
            )
            .await;
        assert_eq!(outcome, PushOutcome::NotAllowed);
    }

    // The guard decides before any connection: nothing can still be on its way.
    assert!(service.receiver.received().is_empty());
}
