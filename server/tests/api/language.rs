//! Every refusal reaches the person in their language: the apps send the chosen
//! language as `Accept-Language`; the server answers in Japanese when nothing
//! is said (the town's language), and refusals from every layer (sign-in, the
//! access policy, a model rule, a handler) follow it.

use reqwest::{StatusCode, header};
use tsunagu_model::{
    FamilyId,
    api::ApiError,
    brought::ItemOutcome,
    endpoints::{Endpoint, GetFamily, GetMe, NoContent, RecordItemOutcome, RegisterFamily},
    sync::{ClientId, Outcome, RecordKey},
};
use tsunagu_server::demo;

use crate::helpers::{
    NEXT, Session, TestApp, bring, entry, item_key, outcomes, request, spawn_app, text_mutation,
};

impl TestApp {
    /// A request as a browser sends it: in `lang` (an `Accept-Language` value), or
    /// saying nothing.
    async fn refusal_in(
        &self,
        lang: Option<&str>,
        request: reqwest::RequestBuilder,
    ) -> (StatusCode, String) {
        let mut request = request;
        if let Some(lang) = lang {
            request = request.header(header::ACCEPT_LANGUAGE, lang);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let body: ApiError = response.json().await.expect("an API error");
        (status, body.message)
    }
}

/// A client with no default language, as a browser that says nothing.
fn plain() -> reqwest::Client {
    reqwest::Client::new()
}

#[tokio::test]
async fn a_refusal_answers_in_the_language_asked_for_and_in_japanese_when_none_is() {
    let app = spawn_app().await;
    for (lang, says) in [
        (None, "ログインしてください。"),
        (Some("ja"), "ログインしてください。"),
        (Some("en"), "Please sign in."),
        (Some("fr, en;q=0.5"), "Please sign in."),
        (Some("de"), "ログインしてください。"),
    ] {
        let (status, message) = app
            .refusal_in(lang, request(&plain(), &app.base, &GetMe {}, &NoContent))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(message, says, "{lang:?}");
    }

    // The access policy's answer, the router's and a rejected body's.
    let coordinator = app.sign_in("coordinator").await;
    let elsewhere = GetFamily {
        family_id: FamilyId::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000),
    };
    let (status, message) = app
        .refusal_in(
            None,
            request(&plain(), &app.base, &elsewhere, &NoContent)
                .header(header::COOKIE, &coordinator.0),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message, "その家族は見つかりません。");
    let (_, message) = app
        .refusal_in(None, plain().get(format!("{}/api/nowhere", app.base)))
        .await;
    assert_eq!(message, "そのような API はありません。");
    let (status, message) = app
        .refusal_in(
            Some("en"),
            plain()
                .post(format!("{}{}", app.base, RegisterFamily {}.path()))
                .header(header::COOKIE, &coordinator.0)
                .header(header::CONTENT_TYPE, "application/json")
                .body("{"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message, "The request body is not valid JSON.");
    app.stop().await;
}

#[tokio::test]
async fn the_coordinators_refusals_and_the_models_rules_speak_the_desks_language() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let item = bring_to_next_meeting(&app, &parent).await;
    let coordinator = app.sign_in("coordinator").await;
    let outcome = |lang: Option<&'static str>, body: ItemOutcome| {
        let endpoint = RecordItemOutcome {
            family_id: demo::DEMO_FAMILY,
            record_id: item.id,
        };
        let outcome =
            request(&plain(), &app.base, &endpoint, &body).header(header::COOKIE, &coordinator.0);
        app.refusal_in(lang, outcome)
    };
    // The desk in the issue: a Japanese desk got this in English.
    let (status, message) = outcome(Some("ja"), ItemOutcome::Carried).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message, "項目の結果は、会議が始まってから記録できます。");
    let (_, message) = outcome(Some("en"), ItemOutcome::Carried).await;
    assert_eq!(
        message,
        "What became of an item is recorded once its meeting has started."
    );
    // A model rule (an answer needs its words), in each language.
    let empty = ItemOutcome::Answered { answer: " ".into() };
    let (status, ja) = outcome(None, empty.clone()).await;
    let (_, en) = outcome(Some("en-GB"), empty).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (ja.as_str(), en.as_str()),
        (
            tsunagu_model::brought::OutcomeProblem::EmptyAnswer.explain(tsunagu_model::Lang::Ja),
            tsunagu_model::brought::OutcomeProblem::EmptyAnswer.explain(tsunagu_model::Lang::En),
        )
    );
    assert_ne!(ja, en);
    app.stop().await;
}

/// The parent brings one entry to the next meeting; the item's key.
async fn bring_to_next_meeting(app: &TestApp, parent: &Session) -> RecordKey {
    let client = ClientId::from_u128(0x71);
    let answer = app
        .push(
            parent,
            vec![
                text_mutation(client, 1, entry(70), "園での様子を知りたい"),
                bring(client, 2, 0x700, NEXT, entry(70), "園での様子を知りたい", 0),
            ],
        )
        .await;
    assert!(
        outcomes(&answer).iter().all(|o| *o == Outcome::Applied),
        "{answer:?}"
    );
    item_key(0x700)
}
