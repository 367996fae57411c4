//! Reads from the server's API. Until the offline store lands every read goes to
//! the network, and a failure is told apart: offline, or the server said no.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use tsunagu_model::{Family, FamilyId, api};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all: the device is offline or the server is down.
    Offline,
    /// The server answered with an error; its message is for people.
    Server { status: u16, message: String },
    /// An answer we cannot read (a proxy's page, a version mismatch).
    Unreadable,
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, FetchError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Offline)?;
    if response.ok() {
        return response.json().await.map_err(|_| FetchError::Unreadable);
    }
    let status = response.status();
    match response.json::<api::ApiError>().await {
        Ok(body) => Err(FetchError::Server {
            status,
            message: body.message,
        }),
        Err(_) => Err(FetchError::Unreadable),
    }
}

pub async fn families() -> Result<Vec<Family>, FetchError> {
    get_json("/api/families").await
}

pub async fn family_overview(id: FamilyId) -> Result<api::FamilyOverview, FetchError> {
    get_json(&format!("/api/families/{id}")).await
}
