//! A notebook entry shared with a mentor reaches that mentor only while the
//! family consents to them.

use tsunagu_model::consent::ConsentScope;
use tsunagu_model::sync::{ClientId, FieldValue, Outcome, RecordKey, Refusal};
use tsunagu_server::demo;

use crate::helpers::{
    PRIVATE_CANARY, TAKADAI, change, entry, mutation, outcomes, spawn_app, text_mutation,
};

#[tokio::test]
async fn an_entry_shared_with_a_mentor_reaches_that_mentor_only_while_the_family_consents() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    // 川辺 has no consent for the demo mentor: sharing is refused.
    let morikawa = app.sign_in("kawabe").await;
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
    let keys: Vec<RecordKey> = received
        .iter()
        .map(|r| r.key)
        .filter(is_this_tests)
        .collect();
    assert_eq!(keys, [entry(11)]);
    assert!(!serde_json::to_string(&received).unwrap().contains("CANARY"));

    // The family withdraws the scope: the mentor's next pull says forget it.
    let mut cursor = 0;
    loop {
        let page = app.pull(&mentor, cursor).await;
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    app.withdraw(
        &takadai,
        TAKADAI,
        demo::DEMO_MENTOR,
        ConsentScope::SharedEntries,
    )
    .await;
    let after = app.pull(&mentor, cursor).await;
    assert_eq!(after.forget, [entry(11)]);
    assert!(
        app.pull_everything(&mentor)
            .await
            .iter()
            .all(|r| !is_this_tests(&r.key))
    );
}

/// The entries this test made (the demo's have ids of their own).
fn is_this_tests(key: &RecordKey) -> bool {
    key.record_type == tsunagu_model::sync::RecordType::NotebookEntry && key.id.as_u128() < 0x1_0000
}
