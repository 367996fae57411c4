//! A notebook entry shared with a mentor reaches that mentor only while the
//! family consents to them.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{ListConsents, NoContent, RevokeConsent};
use tsunagu_model::sync::{ClientId, FieldValue, Outcome, RecordKey, Refusal};
use tsunagu_server::demo;

use crate::helpers::{
    PRIVATE_CANARY, TAKADAI, change, entry, mutation, outcomes, spawn_app, text_mutation,
};

#[tokio::test]
async fn an_entry_shared_with_a_mentor_reaches_that_mentor_only_while_the_family_consents() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    // 森川 has no consent for the demo mentor: sharing is refused.
    let morikawa = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x63);
    let share = |number, key, mentor: &str| {
        mutation(
            client,
            number,
            key,
            vec![change(
                "shared_with_mentor",
                FieldValue::Text(mentor.into()),
            )],
        )
    };
    let mentor_id = demo::DEMO_MENTOR.to_string();
    let answer = app
        .push(
            &morikawa,
            vec![
                text_mutation(client, 1, entry(1), "相談したい"),
                share(2, entry(1), &mentor_id),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&answer)[1],
        Outcome::Rejected {
            refusal: Refusal::NoConsent
        }
    );

    // 高台 consents (meeting dates): one entry shared, one not.
    let takadai = app.sign_in("takadai").await;
    let client = ClientId::from_u128(0x64);
    let answer = app
        .push(
            &takadai,
            vec![
                text_mutation(client, 1, entry(11), "メンターさんに相談: 就学前の準備"),
                text_mutation(client, 2, entry(12), PRIVATE_CANARY),
                mutation(
                    client,
                    3,
                    entry(11),
                    vec![change(
                        "shared_with_mentor",
                        FieldValue::Text(mentor_id.clone()),
                    )],
                ),
            ],
        )
        .await;
    assert!(
        outcomes(&answer).iter().all(|o| *o == Outcome::Applied),
        "{answer:?}"
    );
    let received = app.pull_everything(&mentor).await;
    let keys: Vec<RecordKey> = received.iter().map(|r| r.key).collect();
    assert_eq!(keys, [entry(11)]);
    assert!(!serde_json::to_string(&received).unwrap().contains("CANARY"));

    // The family withdraws its consent: the mentor's next pull says forget it.
    let (_, consents): (_, Vec<tsunagu_model::consent::Consent>) = app
        .call(
            Some(&takadai),
            &ListConsents { family_id: TAKADAI },
            &NoContent,
        )
        .await;
    let (_, before) = (0, app.pull(&mentor, 0).await);
    let response = app
        .send(
            Some(&takadai),
            &RevokeConsent {
                family_id: TAKADAI,
                consent_id: consents[0].id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = app.pull(&mentor, before.cursor).await;
    assert_eq!(after.forget, [entry(11)]);
    assert!(app.pull_everything(&mentor).await.is_empty());
}
