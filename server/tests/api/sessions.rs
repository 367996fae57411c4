//! Signing in with a password, its limit on guesses, signing out (here or
//! everywhere), and a session left idle.

use reqwest::{StatusCode, header};
use tsunagu_model::api::ApiError;
use tsunagu_model::endpoints::{GetMe, NoContent, SignOut, SignOutEverywhere};
use tsunagu_server::demo;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_wrong_password_or_unknown_login_is_the_same_401() {
    let app = spawn_app().await;
    let wrong = app.try_sign_in("morikawa", "not the password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get(header::SET_COOKIE).is_none());
    let wrong: ApiError = wrong.json().await.unwrap();
    let unknown: ApiError = app
        .try_sign_in("nobody", "not the password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wrong, unknown);
    // Login names are not case-sensitive.
    let ok = app.try_sign_in("MoriKawa", demo::DEMO_PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn repeated_wrong_passwords_are_refused_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert_eq!(
            app.try_sign_in("takadai", "guess guess guess")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = app.try_sign_in("takadai", demo::DEMO_PASSWORD).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    let body: ApiError = limited.json().await.unwrap();
    assert_eq!(body.error, "too_many_requests");
    // Another account is not locked by it.
    assert_eq!(
        app.try_sign_in("kawabe", demo::DEMO_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_and_sign_out_everywhere_ends_them_all() {
    let app = spawn_app().await;
    let phone = app.sign_in("morikawa").await;
    let tablet = app.sign_in("morikawa").await;
    assert_ne!(phone.0, tablet.0, "each sign-in gets a new session id");

    let out = app.send(Some(&phone), &SignOut {}, &NoContent).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(
        out.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        app.send(Some(&phone), &GetMe {}, &NoContent).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.send(Some(&tablet), &GetMe {}, &NoContent)
            .await
            .status(),
        StatusCode::OK
    );

    let laptop = app.sign_in("morikawa").await;
    let everywhere = app
        .send(Some(&laptop), &SignOutEverywhere {}, &NoContent)
        .await;
    assert_eq!(everywhere.status(), StatusCode::NO_CONTENT);
    for session in [&tablet, &laptop] {
        assert_eq!(
            app.send(Some(session), &GetMe {}, &NoContent)
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    sqlx::query("UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00Z'")
        .execute(&app.db)
        .await
        .unwrap();
    let (status, body): (_, ApiError) = app.refusal(Some(&parent), &GetMe {}, &NoContent).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body.error, "session_ended");
    assert!(body.message.contains("sign in again"), "{}", body.message);
    let (left,): (i64,) = sqlx::query_as("SELECT count(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0, "the expired session is deleted");
}
