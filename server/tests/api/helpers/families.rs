//! Families and children as coordinators register them, and the consents a
//! family gives its mentor.

use tsunagu_model::{
    Child, FamilyId, PersonId,
    api::NewFamily,
    consent::{ConsentScope, GrantConsent},
};

use super::{Session, TestApp};

impl TestApp {
    pub async fn register_family(&self, coordinator: &Session, name: &str) -> reqwest::Response {
        self.post_json_as(
            coordinator,
            "/api/families",
            &NewFamily {
                display_name: name.to_owned(),
            },
        )
        .await
    }

    pub async fn register_child(&self, coordinator: &Session, child: &Child) -> reqwest::Response {
        self.post_json_as(
            coordinator,
            &format!("/api/families/{}/children", child.family_id),
            child,
        )
        .await
    }

    /// The family lets `mentor` see its meeting dates.
    pub async fn grant_meeting_dates(
        &self,
        parent: &Session,
        family: FamilyId,
        mentor: PersonId,
    ) -> reqwest::Response {
        self.post_json_as(
            parent,
            &format!("/api/families/{family}/consents"),
            &GrantConsent {
                mentor,
                scope: ConsentScope::MeetingDates,
            },
        )
        .await
    }
}
