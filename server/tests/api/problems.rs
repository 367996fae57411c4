//! Every refusal carries its problem: a stable code with its parameters, beside
//! the message in the language asked for, which is the model's own explanation
//! (so an app explains the same problem in its reader's language).

use reqwest::{StatusCode, header};
use serde_json::{Value, json};
use tsunagu_model::{Lang, api::ApiError, brought::ItemOutcome, problem::Problem};
use tsunagu_server::demo;

use crate::helpers::{
    NEXT, bring, credentials, entry, item_key, outcomes, spawn_app, text_mutation,
};

const LANGUAGES: [(&str, Lang); 2] = [("ja", Lang::Ja), ("en", Lang::En)];

/// Sends `request` in `lang` and reads the refusal: its status, its body, and
/// its problem as JSON (to check the code and the parameters as sent).
async fn refused(lang: &str, request: reqwest::RequestBuilder) -> (StatusCode, ApiError, Value) {
    let response = request
        .header(header::ACCEPT_LANGUAGE, lang)
        .send()
        .await
        .expect("the server answers");
    let status = response.status();
    let body: Value = response.json().await.expect("a JSON body");
    let refusal: ApiError = serde_json::from_value(body.clone()).expect("an API error");
    (status, refusal, body["problem"].clone())
}

/// The message is the problem explained in the language asked for.
fn explained_in(refusal: &ApiError, lang: Lang) -> Problem {
    let problem = refusal
        .problem
        .clone()
        .expect("the refusal carries its problem");
    assert_eq!(refusal.message, problem.explain(lang), "{problem:?}");
    problem
}

#[tokio::test]
async fn an_invalid_id_in_an_address_names_what_it_was_for() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    for (tag, lang) in LANGUAGES {
        let request = app
            .client
            .get(format!("{}/api/families/not-an-id", app.base))
            .header(header::COOKIE, &coordinator.0);
        let (status, refusal, problem) = refused(tag, request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(refusal.error, "bad_request");
        assert_eq!(problem, json!({"code": "invalid_id", "what": "family"}));
        explained_in(&refusal, lang);
    }
    app.stop().await;
}

#[tokio::test]
async fn a_bad_name_names_the_field_and_why() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    for (tag, lang) in LANGUAGES {
        let request = app
            .client
            .post(format!("{}/api/families", app.base))
            .header(header::COOKIE, &coordinator.0)
            .json(&json!({"display_name": " "}));
        let (status, refusal, problem) = refused(tag, request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            problem,
            json!({"code": "invalid_text", "field": "family_name", "why": "invisible"})
        );
        explained_in(&refusal, lang);
    }
    app.stop().await;
}

#[tokio::test]
async fn an_outcome_before_the_meeting_starts_says_so_in_each_language() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = tsunagu_model::sync::ClientId::from_u128(0x81);
    let answer = app
        .push(
            &parent,
            vec![
                text_mutation(client, 1, entry(80), "園での様子を知りたい"),
                bring(client, 2, 0x800, NEXT, entry(80), "園での様子を知りたい", 0),
            ],
        )
        .await;
    assert!(
        outcomes(&answer)
            .iter()
            .all(|o| *o == tsunagu_model::sync::Outcome::Applied),
        "{answer:?}"
    );
    let item = item_key(0x800);
    let coordinator = app.sign_in("coordinator").await;
    for (tag, lang) in LANGUAGES {
        let request = app
            .client
            .put(format!(
                "{}/api/families/{}/items/{}/outcome",
                app.base,
                demo::DEMO_FAMILY,
                item.id
            ))
            .header(header::COOKIE, &coordinator.0)
            .json(&ItemOutcome::Carried);
        let (status, refusal, problem) = refused(tag, request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(problem, json!({"code": "meeting_not_started"}));
        assert_eq!(explained_in(&refusal, lang), Problem::MeetingNotStarted);
    }
    app.stop().await;
}

#[tokio::test]
async fn too_many_sign_ins_and_a_wrong_password_are_coded() {
    let app = spawn_app().await;
    let mut answers = Vec::new();
    for attempt in 0..7 {
        let (tag, lang) = LANGUAGES[attempt % 2];
        let request = app
            .client
            .post(format!("{}/api/session", app.base))
            .json(&credentials("morikawa", "not the password"));
        let (status, refusal, problem) = refused(tag, request).await;
        explained_in(&refusal, lang);
        answers.push((status, problem["code"].clone()));
    }
    assert_eq!(
        answers.first(),
        Some(&(StatusCode::UNAUTHORIZED, json!("wrong_credentials")))
    );
    assert_eq!(
        answers.last(),
        Some(&(StatusCode::TOO_MANY_REQUESTS, json!("too_many_attempts")))
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refusal_no_handler_wrote_carries_its_problem_too() {
    let app = spawn_app().await;
    for (tag, lang) in LANGUAGES {
        let request = app.client.get(format!("{}/api/nowhere", app.base));
        let (status, refusal, problem) = refused(tag, request).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(problem, json!({"code": "not_found", "what": "endpoint"}));
        explained_in(&refusal, lang);
        let request = app.client.get(format!("{}/api/me", app.base));
        let (status, refusal, problem) = refused(tag, request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(problem, json!({"code": "sign_in_needed"}));
        explained_in(&refusal, lang);
    }
    app.stop().await;
}
