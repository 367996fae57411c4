//! What a family lets a parent mentor see: nothing without consent, meeting
//! dates only with it, and a withdrawal that holds at once.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{
    Endpoint, GetFamily, GrantConsentTo, ListConsents, ListFamilies, ListMentees, ListMentors,
    NoContent, RevokeConsent,
};
use tsunagu_model::{
    Family,
    api::ApiError,
    audit::AuditAction,
    consent::{Consent, ConsentScope, Mentee, MentorSummary},
};
use tsunagu_server::demo;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_mentor_sees_nothing_of_a_family_without_its_consent() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    let (status, mentees): (_, Vec<Mentee>) =
        app.call(Some(&mentor), &ListMentees {}, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    // Only the demo's 森川 and 高台 families consent; 川辺 does not.
    let names: Vec<&str> = mentees
        .iter()
        .map(|m| m.family.display_name.as_str())
        .collect();
    assert_eq!(names, ["森川さん", "高台さん"]);
    for family in [demo::DEMO_FAMILY, mentees[1].family.id] {
        let response = app
            .send(Some(&mentor), &GetFamily { family_id: family }, &NoContent)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "never the full data"
        );
    }
    let (_, families): (_, Vec<Family>) =
        app.call(Some(&mentor), &ListFamilies {}, &NoContent).await;
    assert!(families.is_empty());
}

#[tokio::test]
async fn consent_shows_meeting_dates_only_and_withdrawal_holds_at_once() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let mentor = app.sign_in("mentor").await;
    let (_, mentors): (_, Vec<MentorSummary>) =
        app.call(Some(&parent), &ListMentors {}, &NoContent).await;
    assert_eq!(mentors.len(), 4, "the town's mentors to choose from");
    let mentor_id = mentors
        .iter()
        .find(|m| m.display_name == "佐々木 みどり")
        .unwrap()
        .id;

    assert_eq!(
        app.grant_meeting_dates(&parent, demo::DEMO_FAMILY, mentor_id)
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.grant_meeting_dates(&parent, demo::DEMO_FAMILY, mentor_id)
            .await
            .status(),
        StatusCode::CONFLICT
    );

    let response = app.send(Some(&mentor), &ListMentees {}, &NoContent).await;
    let text = response.text().await.unwrap();
    assert!(
        !text.contains("個別の教育支援計画"),
        "no meeting purposes: {text}"
    );
    assert!(!text.contains("就学"), "no agendas: {text}");
    let mentees: Vec<Mentee> = serde_json::from_str(&text).unwrap();
    let morikawa = mentees
        .iter()
        .find(|m| m.family.id == demo::DEMO_FAMILY)
        .expect("consented");
    assert_eq!(
        morikawa.scopes,
        [
            ConsentScope::Contact,
            ConsentScope::MeetingDates,
            ConsentScope::SharedEntries
        ]
    );
    assert_eq!(morikawa.meetings.len(), 5);

    // The family sees the consent, and the mentor's look in its access log.
    let listed = ListConsents {
        family_id: demo::DEMO_FAMILY,
    };
    let (_, consents): (_, Vec<Consent>) = app.call(Some(&parent), &listed, &NoContent).await;
    assert_eq!(consents.len(), 3, "the demo's two and this one");
    let dates = consents
        .iter()
        .find(|c| c.scope == ConsentScope::MeetingDates)
        .unwrap();
    let revoke_first = RevokeConsent {
        family_id: demo::DEMO_FAMILY,
        consent_id: dates.id,
    };
    assert_eq!(dates.mentor_name, "佐々木 みどり");
    let log = app
        .access_log_page(&parent, demo::DEMO_FAMILY, None)
        .await
        .entries;
    assert!(
        log.iter().any(|e| e.action == AuditAction::ReadFamily
            && e.actor_name.as_deref() == Some("佐々木 みどり"))
    );
    assert!(log.iter().any(|e| e.action == AuditAction::ConsentGranted));

    let revoke = app.send(Some(&parent), &revoke_first, &NoContent).await;
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    let (_, mentees): (_, Vec<Mentee>) = app.call(Some(&mentor), &ListMentees {}, &NoContent).await;
    let morikawa = mentees
        .iter()
        .find(|m| m.family.id == demo::DEMO_FAMILY)
        .expect("the other scopes stand");
    assert!(
        !morikawa.allows(ConsentScope::MeetingDates) && morikawa.meetings.is_empty(),
        "withdrawn at once"
    );
    let again = app.send(Some(&parent), &revoke_first, &NoContent).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_familys_parents_grant_and_only_to_mentors() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let other_parent = app.sign_in("kawabe").await;
    let coordinator = app.sign_in("coordinator").await;
    let mentor_id = demo::DEMO_MENTOR;
    assert_eq!(
        app.grant_meeting_dates(&other_parent, demo::DEMO_FAMILY, mentor_id)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.grant_meeting_dates(&coordinator, demo::DEMO_FAMILY, mentor_id)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let not_a_mentor = "7a3b0004-0000-4000-8000-000000000004".parse().unwrap();
    assert_eq!(
        app.grant_meeting_dates(&parent, demo::DEMO_FAMILY, not_a_mentor)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    // A scope no type has: the body is written by hand.
    let bad_scope = app
        .post_json_as(
            &parent,
            &GrantConsentTo {
                family_id: demo::DEMO_FAMILY,
            }
            .path(),
            &serde_json::json!({ "mentor": mentor_id, "scope": "notebook" }),
        )
        .await;
    assert_eq!(bad_scope.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        bad_scope.json::<ApiError>().await.unwrap().error,
        "bad_request"
    );
    let mentor = app.sign_in("mentor").await;
    assert_eq!(
        app.send(Some(&mentor), &ListMentors {}, &NoContent)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(Some(&parent), &ListMentees {}, &NoContent)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM consents WHERE family_id = ?")
        .bind(demo::DEMO_FAMILY.to_string())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 2, "the demo's, nothing more");
}
