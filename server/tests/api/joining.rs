//! Issue 12, point 3: a coordinator who invites themselves as a parent of a
//! family that has parents receives none of the entries those parents share
//! with each other until one of them confirms; the parents see who waits and who
//! invited them, and the access log says who invited, confirmed or turned down whom.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{
    Endpoint, ListFamilies, ListJoining, ListMyJoins, NoContent, Pull, TurnDownJoining,
};
use tsunagu_model::{
    api::{InvitationLink, JoiningParent, Me, PendingJoin},
    audit::AuditAction,
    sync::{ClientId, FieldValue, Outcome},
};

use crate::helpers::{Session, TAKADAI as FAMILY, TestApp, change, entry, mutation, spawn_app};

const CANARY: &str = "CANARY-FAMILY-ONLY-91c2 夫婦だけで話したいこと";

/// The coordinator invites a "parent" of 高台 and sets the account up.
async fn coordinator_joins(app: &TestApp, login: &str) -> (Session, Me) {
    let coordinator = app.sign_in("coordinator").await;
    let link = app
        .invite_from_desk(&coordinator, FAMILY, "高台 りょう")
        .await;
    assert_eq!(link.status(), StatusCode::CREATED);
    let link: InvitationLink = link.json().await.unwrap();
    app.accept_invitation(&link.code, login, "a long enough secret")
        .await
}

async fn everything_pulled(app: &TestApp, session: &Session) -> String {
    let mut cursor = 0;
    let mut all = String::new();
    loop {
        let response = app
            .send(
                Some(session),
                &Pull {
                    cursor: Some(cursor),
                },
                &NoContent,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let text = response.text().await.unwrap();
        let page: serde_json::Value = serde_json::from_str(&text).unwrap();
        all.push_str(&text);
        cursor = page["cursor"].as_u64().unwrap();
        if !page["more"].as_bool().unwrap() {
            return all;
        }
    }
}

#[tokio::test]
async fn a_newcomer_receives_nothing_the_parents_share_until_a_parent_confirms() {
    let app = spawn_app().await;
    let parent = app.sign_in("takadai").await;
    let client = ClientId::from_u128(0x70);
    let shared = mutation(
        client,
        1,
        entry(70),
        vec![
            change("text", FieldValue::Text(CANARY.into())),
            change("shared_with_family", FieldValue::Bool(true)),
        ],
    );
    assert_eq!(
        app.push(&parent, vec![shared]).await.results[0].outcome,
        Outcome::Applied
    );

    let (newcomer, me) = coordinator_joins(&app, "self-made-parent").await;
    let pulled = everything_pulled(&app, &newcomer).await;
    assert!(
        !pulled.contains("CANARY"),
        "nothing the parents share reaches a newcomer"
    );
    assert!(pulled.contains("\"meeting\""), "the family's meetings do");
    let (status, waiting): (_, Vec<PendingJoin>) =
        app.call(Some(&newcomer), &ListMyJoins {}, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].family, FAMILY);
    // Nor does the newcomer decide anything for the family yet.
    for path in ["access-log", "consents", "joining"] {
        let response = app
            .get_as(Some(&newcomer), &format!("/api/families/{FAMILY}/{path}"))
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let confirm_self = app.confirm_joining(&newcomer, FAMILY, me.id).await;
    assert_eq!(confirm_self.status(), StatusCode::NOT_FOUND);

    // The family's parent is told who waits and who invited them.
    let (status, joining): (_, Vec<JoiningParent>) = app
        .call(
            Some(&parent),
            &ListJoining { family_id: FAMILY },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(joining.len(), 1);
    assert_eq!(joining[0].person, me.id);
    assert_eq!(joining[0].invited_by.as_deref(), Some("青木 ゆうこ"));
    let log = app.access_log_page(&parent, FAMILY, None).await;
    let invited = log
        .entries
        .iter()
        .find(|e| e.action == AuditAction::ParentJoining)
        .expect("the access log says who invited whom");
    assert_eq!(invited.actor_name.as_deref(), Some("青木 ゆうこ"));
    assert_eq!(invited.subject_name.as_deref(), Some("高台 りょう"));

    // Confirmed, the newcomer receives what the parents share.
    let confirmed = app.confirm_joining(&parent, FAMILY, me.id).await;
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    assert!(everything_pulled(&app, &newcomer).await.contains(CANARY));
    let log = app.access_log_page(&parent, FAMILY, None).await;
    assert!(
        log.entries
            .iter()
            .any(|e| e.action == AuditAction::ParentConfirmed
                && e.subject_name.as_deref() == Some("高台 りょう"))
    );
    app.stop().await;
}

#[tokio::test]
async fn a_newcomer_turned_down_leaves_the_family_and_forgets_it() {
    let app = spawn_app().await;
    let parent = app.sign_in("takadai").await;
    let (newcomer, me) = coordinator_joins(&app, "turned-down").await;
    assert!(
        everything_pulled(&app, &newcomer)
            .await
            .contains("\"meeting\"")
    );
    let (_, before): (_, serde_json::Value) = app
        .get_json_as(Some(&newcomer), &Pull { cursor: Some(0) }.path())
        .await;
    let cursor = before["cursor"].as_u64().unwrap();

    let refused = app
        .send(
            Some(&parent),
            &TurnDownJoining {
                family_id: FAMILY,
                person_id: me.id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NO_CONTENT);
    let (_, families): (_, Vec<serde_json::Value>) = app
        .get_json_as(Some(&newcomer), &ListFamilies {}.path())
        .await;
    assert!(families.is_empty());
    let (_, after): (_, serde_json::Value) = app
        .get_json_as(
            Some(&newcomer),
            &Pull {
                cursor: Some(cursor),
            }
            .path(),
        )
        .await;
    assert!(
        !after["forget"].as_array().unwrap().is_empty(),
        "the devices forget the family's records"
    );
    let again = app
        .send(
            Some(&parent),
            &TurnDownJoining {
                family_id: FAMILY,
                person_id: me.id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}
