//! Passkey ceremonies through the API. The full ceremony with a real (virtual)
//! authenticator runs in the end-to-end tests; these check the server's side of
//! each step and that a bad answer stores nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tsunagu_model::endpoints::{
    Endpoint, FinishPasskeySetUp, FinishPasskeySignIn, GetInvitation, NoContent, PasskeyChallenge,
    SignIn, StartPasskeySetUp, StartPasskeySignIn,
};
use tsunagu_server::{
    auth::invitations::{self, NewInvitation},
    demo,
};

use crate::helpers::{
    TestApp, ceremony_answer, credentials, request, spawn_app, unknown_ceremony_answer,
};

async fn parent_invitation(app: &TestApp, name: &str) -> NewInvitation {
    app.invite_parent(demo::DEMO_FAMILY, name, chrono::Utc::now())
        .await
}

/// Starts a ceremony (a set-up's or a sign-in's); its challenge as JSON, for
/// reading the options the browser gets.
async fn start<E: Endpoint<Body = NoContent, Reply = PasskeyChallenge>>(
    app: &TestApp,
    endpoint: &E,
) -> Value {
    let response = app.send(None, endpoint, &NoContent).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", E::NAME);
    response.json().await.unwrap()
}

fn set_up(code: &str) -> StartPasskeySetUp {
    StartPasskeySetUp {
        code: code.to_owned(),
    }
}

async fn people(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM people")
        .fetch_one(&app.db)
        .await
        .unwrap();
    n
}

async fn message_of(response: reqwest::Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn set_up_asks_for_a_discoverable_verified_passkey_for_this_host_and_person() {
    let app = spawn_app().await;
    let invitation = parent_invitation(&app, "森川 あおい").await;
    let challenge = start(&app, &set_up(&invitation.code)).await;
    let options = &challenge["options"]["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], "森川 あおい");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(options["challenge"].as_str().unwrap().len() >= 43);
    assert!(challenge["ceremony"].as_str().unwrap().len() >= 43);
}

#[tokio::test]
async fn sign_in_asks_the_device_which_passkey_with_a_button_not_autofill() {
    let app = spawn_app().await;
    let first = start(&app, &StartPasskeySignIn {}).await;
    let second = start(&app, &StartPasskeySignIn {}).await;
    assert_ne!(first["ceremony"], second["ceremony"]);
    assert_ne!(
        first["options"]["publicKey"]["challenge"],
        second["options"]["publicKey"]["challenge"]
    );
    assert_eq!(first["options"]["publicKey"]["rpId"], "localhost");
    assert_eq!(
        first["options"]["publicKey"]["userVerification"],
        "required"
    );
    assert!(first["options"].get("mediation").is_none());
}

#[tokio::test]
async fn dead_invitations_get_no_passkey_challenge() {
    let app = spawn_app().await;
    let response = app.send(None, &set_up("not-a-real-code"), &NoContent).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let invitation = parent_invitation(&app, "森川 あおい").await;
    invitations::revoke(
        &app.db,
        &invitation.id.to_string(),
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let response = app
        .send(
            None,
            &StartPasskeySetUp {
                code: invitation.code.clone(),
            },
            &NoContent,
        )
        .await;
    assert_eq!(response.status(), StatusCode::GONE);
}

#[tokio::test]
async fn a_bad_or_misdirected_answer_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let before = people(&app).await;
    let first = parent_invitation(&app, "一人目").await;
    let second = parent_invitation(&app, "二人目").await;
    let finish = |code: &str| {
        FinishPasskeySetUp {
            code: code.to_owned(),
        }
        .path()
    };

    // Garbage, as JSON and not.
    let response = app
        .post_json(&finish(&first.code), &json!({ "ceremony": 1 }))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .client
        .post(format!("{}{}", app.base, finish(&first.code)))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // A ceremony started for the first invitation, answered at the second: refused,
    // and used up, so it cannot then be replayed at the first.
    let challenge = start(&app, &set_up(&first.code)).await;
    let ceremony = challenge["ceremony"].as_str().unwrap();
    let response = app
        .post_json(&finish(&second.code), &ceremony_answer(ceremony, true))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(message_of(response).await.contains("another invitation"));
    let response = app
        .post_json(&finish(&first.code), &ceremony_answer(ceremony, true))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(message_of(response).await.contains("expired"));

    // A forged attestation for the right invitation: refused without detail.
    let challenge = start(&app, &set_up(&first.code)).await;
    let response = app
        .post_json(
            &finish(&first.code),
            &ceremony_answer(challenge["ceremony"].as_str().unwrap(), true),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        message_of(response).await,
        "The passkey could not be set up. Please try again."
    );

    // A sign-in ceremony is not a set-up one.
    let sign_in = start(&app, &StartPasskeySignIn {}).await;
    let response = app
        .post_json(
            &finish(&first.code),
            &ceremony_answer(sign_in["ceremony"].as_str().unwrap(), true),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    assert_eq!(people(&app).await, before, "no account was created");
    let (passkeys,): (i64,) = sqlx::query_as("SELECT count(*) FROM passkeys")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(passkeys, 0);
    // Both invitations are still usable.
    for code in [&first.code, &second.code] {
        let response = app
            .send(
                None,
                &GetInvitation {
                    code: code.to_owned(),
                },
                &NoContent,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_forged_sign_in_is_refused_and_counts_against_the_address() {
    let app = spawn_app().await;
    let challenge = start(&app, &StartPasskeySignIn {}).await;
    let response = app
        .send(
            None,
            &FinishPasskeySignIn {},
            &ceremony_answer(challenge["ceremony"].as_str().unwrap(), false),
        )
        .await;
    // The user handle "AAAA" is no person's: the passkey is unknown.
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().get("set-cookie").is_none());

    // Every answer counts towards the per-address limit of 30 in the window.
    let mut limited = None;
    for attempt in 0..40 {
        let response = app
            .send(
                None,
                &FinishPasskeySignIn {},
                &unknown_ceremony_answer(false),
            )
            .await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().get("retry-after").is_some());
            limited = Some(attempt);
            break;
        }
    }
    assert_eq!(
        limited,
        Some(28),
        "the 31st attempt from one address (the start and first answer counted) is refused"
    );
}

/// A client whose connections come from another loopback address.
fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_flood_of_passkey_starts_from_one_address_locks_out_only_that_address() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for _ in 0..60 {
        let response = app.send(None, &StartPasskeySignIn {}, &NoContent).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().get("retry-after").is_some());
        }
        statuses.push(response.status().as_u16());
    }
    let started = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(
        started,
        tsunagu_server::auth::passkeys::PER_ADDRESS,
        "one address has at most its share of ceremonies in flight: {statuses:?}"
    );
    assert!(statuses[started..].iter().all(|s| *s == 429));

    // Someone else, from another address, still starts a passkey sign-in, sets
    // up from an invitation, and signs in with a password.
    let other = client_from([127, 0, 0, 2]);
    let sign_in = request(&other, &app.base, &StartPasskeySignIn {}, &NoContent)
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), StatusCode::OK);
    let invitation = parent_invitation(&app, "森川 けんじ").await;
    let set_up = request(&other, &app.base, &set_up(&invitation.code), &NoContent)
        .send()
        .await
        .unwrap();
    assert_eq!(set_up.status(), StatusCode::OK);
    let password = request(
        &other,
        &app.base,
        &SignIn {},
        &credentials("morikawa", demo::DEMO_PASSWORD),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(password.status(), StatusCode::OK);
    app.stop().await;
}
