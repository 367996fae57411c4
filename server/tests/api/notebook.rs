//! The rule under the notebook: a private entry reaches no coordinator, mentor
//! or other parent through any endpoint or sync.

use tsunagu_server::demo;

use crate::helpers::{NEXT, entry, item_key, spawn_app};

#[tokio::test]
async fn a_private_entry_appears_in_no_answer_to_staff_or_mentors() {
    let app = spawn_app().await;
    let _parent = app.parent_brings_two().await;
    let family = demo::DEMO_FAMILY;
    for login in ["coordinator", "mentor", "kawabe", "takadai"] {
        let session = app.sign_in(login).await;
        let mut seen = String::new();
        for path in [
            "/api/families".to_owned(),
            "/api/me".to_owned(),
            "/api/mentees".to_owned(),
            "/api/mentors".to_owned(),
            format!("/api/families/{family}"),
            format!("/api/families/{family}/meetings"),
            format!("/api/families/{family}/plans"),
            format!("/api/families/{family}/meetings/{NEXT}/items"),
            format!("/api/families/{family}/invitations"),
            format!("/api/families/{family}/consents"),
            format!("/api/families/{family}/access-log"),
            format!("/api/sync/history/notebook_entry/{}", entry(3).id),
            format!("/api/sync/history/brought_item/{}", item_key(1).id),
        ] {
            let response = app.get_as(Some(&session), &path).await;
            seen.push_str(&response.text().await.unwrap());
        }
        seen.push_str(&serde_json::to_string(&app.pull_everything(&session).await).unwrap());
        assert!(!seen.contains("CANARY"), "{login} read the private entry");
        assert!(
            !seen.contains("はーくん"),
            "{login} read a brought item's private original"
        );
    }
}
