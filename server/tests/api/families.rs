//! Who reads which family: a parent their own, a coordinator the town's (each
//! read audited), nobody without signing in; coordinators register families
//! and children.

use chrono::Duration;
use reqwest::StatusCode;
use tsunagu_model::endpoints::{GetFamily, GetMe, ListFamilies, NoContent};
use tsunagu_model::{
    Child, ChildId, Family, FamilyId,
    api::{ApiError, FamilyOverview},
};
use tsunagu_server::demo;

use crate::helpers::{Session, spawn_app, today};

#[tokio::test]
async fn the_demo_parent_sees_their_family_with_its_child() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let (status, families): (_, Vec<Family>) =
        app.call(Some(&parent), &ListFamilies {}, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(families.len(), 1);
    assert_eq!(families[0].id, demo::DEMO_FAMILY);

    let (status, overview): (_, FamilyOverview) = app
        .call(
            Some(&parent),
            &GetFamily {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(overview.family.display_name, "森川さん");
    assert_eq!(overview.children.len(), 1);
    assert_eq!(overview.children[0].school, "みなみ保育園");
}

#[tokio::test]
async fn a_family_id_that_is_not_an_id_is_a_400_and_an_unknown_one_a_404() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let (status, body): (_, ApiError) = app
        .get_json_as(Some(&coordinator), "/api/families/not-an-id")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body.error, "bad_request");

    let (status, body) = app
        .refusal(
            Some(&coordinator),
            &GetFamily {
                family_id: FamilyId::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000),
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.error, "not_found");
}

#[tokio::test]
async fn nobody_reads_families_without_signing_in() {
    let app = spawn_app().await;
    for path in [
        "/api/families".to_owned(),
        format!("/api/families/{}", demo::DEMO_FAMILY),
        "/api/me".to_owned(),
    ] {
        let (status, body): (_, ApiError) = app.get_json(&path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body.error, "unauthorized");
    }
    let forged = Session("__Host-tsunagu_session=not-a-session".to_owned());
    let (status, body): (_, ApiError) = app
        .refusal(Some(&forged), &ListFamilies {}, &NoContent)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body.error, "session_ended");
}

#[tokio::test]
async fn a_parent_sees_only_their_own_family() {
    let app = spawn_app().await;
    let parent = app.sign_in("kawabe").await;
    let (_, families): (_, Vec<Family>) =
        app.call(Some(&parent), &ListFamilies {}, &NoContent).await;
    assert_eq!(
        families
            .iter()
            .map(|f| f.display_name.as_str())
            .collect::<Vec<_>>(),
        ["川辺さん"]
    );
    // Another family answers exactly like one that does not exist.
    let (status, body): (_, ApiError) = app
        .refusal(
            Some(&parent),
            &GetFamily {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.message, "There is no such family.");
}

#[tokio::test]
async fn a_coordinator_sees_the_towns_families_and_each_read_is_audited() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let (_, families): (_, Vec<Family>) = app
        .call(Some(&coordinator), &ListFamilies {}, &NoContent)
        .await;
    assert_eq!(families.len(), 3);
    let before: (i64,) =
        sqlx::query_as("SELECT count(*) FROM audit_log WHERE action = 'read_family'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let (status, _): (_, FamilyOverview) = app
        .call(
            Some(&coordinator),
            &GetFamily {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (actor, family): (String, String) = sqlx::query_as(
        "SELECT actor_id, family_id FROM audit_log WHERE action = 'read_family' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(family, demo::DEMO_FAMILY.to_string());
    let (me_status, me): (_, tsunagu_model::api::Me) =
        app.call(Some(&coordinator), &GetMe {}, &NoContent).await;
    assert_eq!(me_status, StatusCode::OK);
    assert_eq!(actor, me.id.to_string());
    let after: (i64,) =
        sqlx::query_as("SELECT count(*) FROM audit_log WHERE action = 'read_family'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(after.0, before.0 + 1);
}

#[tokio::test]
async fn coordinators_register_families_and_children_and_nobody_else_does() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let response = app.register_family(&coordinator, "新田さん").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let family: Family = response.json().await.unwrap();
    let child = |id: u128, birth: chrono::NaiveDate| Child {
        id: ChildId::from_u128(id),
        family_id: family.id,
        given_name: "そら".into(),
        birth_date: birth,
        school: "きた保育園".into(),
    };
    let born = chrono::NaiveDate::from_ymd_opt(2022, 5, 5).unwrap();
    let response = app.register_child(&coordinator, &child(1, born)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let again = app.register_child(&coordinator, &child(1, born)).await;
    assert_eq!(
        again.status(),
        StatusCode::CREATED,
        "a retry registers the child once"
    );
    let future = today() + Duration::days(1);
    let response = app.register_child(&coordinator, &child(2, future)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: ApiError = response.json().await.unwrap();
    assert!(body.message.contains("future"), "{}", body.message);
    let response = app.register_family(&coordinator, "").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM children WHERE family_id = ?")
        .bind(family.id.to_string())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    let parent = app.sign_in("morikawa").await;
    let response = app.register_family(&parent, "x").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let _: FamilyId = family.id;
}
