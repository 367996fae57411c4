//! Families and children as coordinators register them, and the consents a
//! family gives its mentor.

use tsunagu_model::{
    Child, FamilyId, PersonId,
    api::NewFamily,
    consent::{ConsentScope, GrantConsent},
    endpoints::{GrantConsentTo, RegisterChild, RegisterFamily},
};

use super::{Session, TestApp};

impl TestApp {
    pub async fn register_family(&self, coordinator: &Session, name: &str) -> reqwest::Response {
        self.send(
            Some(coordinator),
            &RegisterFamily {},
            &NewFamily {
                display_name: name.to_owned(),
            },
        )
        .await
    }

    pub async fn register_child(&self, coordinator: &Session, child: &Child) -> reqwest::Response {
        self.send(
            Some(coordinator),
            &RegisterChild {
                family_id: child.family_id,
            },
            child,
        )
        .await
    }

    /// The family lets `mentor` see its meeting dates.
    pub async fn grant_meeting_dates(
        &self,
        parent: &Session,
        family_id: FamilyId,
        mentor: PersonId,
    ) -> reqwest::Response {
        self.send(
            Some(parent),
            &GrantConsentTo { family_id },
            &GrantConsent {
                mentor,
                scope: ConsentScope::MeetingDates,
            },
        )
        .await
    }
}
