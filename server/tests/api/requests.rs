//! Requests the API refuses before reading them: writes from another site, and
//! bodies that are not JSON, lack a field or are too large.

use reqwest::{StatusCode, header};
use tsunagu_model::api::ApiError;
use tsunagu_model::endpoints::Endpoint;
use tsunagu_model::endpoints::SignIn;
use tsunagu_server::demo;

use crate::helpers::{credentials, request, spawn_app};

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = spawn_app().await;
    for (name, value) in [
        ("origin", "http://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = request(
            &app.client,
            &app.base,
            &SignIn {},
            &credentials("morikawa", demo::DEMO_PASSWORD),
        )
        .header(name, value)
        .send()
        .await
        .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}");
        let body: ApiError = response.json().await.unwrap();
        assert_eq!(body.error, "forbidden");
    }
    let same_site = request(
        &app.client,
        &app.base,
        &SignIn {},
        &credentials("morikawa", demo::DEMO_PASSWORD),
    )
    .header("sec-fetch-site", "same-origin")
    .header("origin", &app.base)
    .send()
    .await
    .unwrap();
    assert_eq!(same_site.status(), StatusCode::OK);
}

#[tokio::test]
async fn malformed_and_oversized_bodies_get_json_errors() {
    let app = spawn_app().await;
    let url = format!("{}{}", app.base, SignIn {}.path());
    let not_json = app
        .client
        .post(&url)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        not_json.json::<ApiError>().await.unwrap().error,
        "bad_request"
    );

    let missing_field = app
        // Deliberately short of the password field.
        .post_json(&SignIn {}.path(), &serde_json::json!({ "login": "x" }))
        .await;
    assert!(missing_field.status().is_client_error());
    assert!(missing_field.json::<ApiError>().await.is_ok());

    let huge = "x".repeat(tsunagu_server::BODY_LIMIT + 1);
    let too_big = app.send(None, &SignIn {}, &credentials(&huge, "p")).await;
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        too_big.json::<ApiError>().await.unwrap().error,
        "payload_too_large"
    );
}
