//! The family's access log, a page at a time.

use reqwest::StatusCode;
use tsunagu_model::audit::AccessLogPage;

use super::{Session, TestApp};

impl TestApp {
    /// A page of `family`'s log as its parent reads it, older than `before`.
    pub async fn access_log_page(
        &self,
        parent: &Session,
        family: impl std::fmt::Display,
        before: Option<i64>,
    ) -> AccessLogPage {
        let mut path = format!("/api/families/{family}/access-log");
        if let Some(before) = before {
            path.push_str(&format!("?before={before}"));
        }
        let (status, page) = self.get_json_as(Some(parent), &path).await;
        assert_eq!(status, StatusCode::OK);
        page
    }
}
