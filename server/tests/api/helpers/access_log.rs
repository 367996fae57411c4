//! The family's access log, a page at a time.

use reqwest::StatusCode;
use tsunagu_model::{
    FamilyId,
    audit::AccessLogPage,
    endpoints::{NoContent, ReadAccessLog},
};

use super::{Session, TestApp};

impl TestApp {
    /// A page of `family`'s log as its parent reads it, older than `before`.
    pub async fn access_log_page(
        &self,
        parent: &Session,
        family_id: FamilyId,
        before: Option<i64>,
    ) -> AccessLogPage {
        let (status, page) = self
            .call(
                Some(parent),
                &ReadAccessLog { family_id, before },
                &NoContent,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        page
    }
}
