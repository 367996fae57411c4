//! Calls as the model declares them (`tsunagu_model::endpoints`): the method and
//! the address come from the declaration, the body and the answer are its types,
//! so a test cannot call an address the server does not route.

use reqwest::{Method, StatusCode, header};
use tsunagu_model::{
    api::ApiError,
    endpoints::{self, Endpoint},
};

use super::{Session, TestApp};

/// The request `endpoint` declares, to the server at `base`: its method, its
/// address, and for POST and PUT its body as JSON, as the app sends it (a
/// DELETE too, when it takes one: forgetting a push subscription names it).
pub fn request<E: Endpoint>(
    http: &reqwest::Client,
    base: &str,
    endpoint: &E,
    body: &E::Body,
) -> reqwest::RequestBuilder {
    let url = format!("{base}{}", endpoint.path());
    match E::METHOD {
        endpoints::Method::Get => http.request(Method::GET, url),
        endpoints::Method::Delete => {
            let delete = http.request(Method::DELETE, url);
            match serde_json::to_value(body) {
                Ok(serde_json::Value::Null) | Err(_) => delete,
                Ok(body) => delete.json(&body),
            }
        }
        endpoints::Method::Post => http.request(Method::POST, url).json(body),
        endpoints::Method::Put => http.request(Method::PUT, url).json(body),
    }
}

impl TestApp {
    /// Sends one call, as `session` or anyone; the answer unread, for the tests
    /// of its status and headers.
    pub async fn send<E: Endpoint>(
        &self,
        session: Option<&Session>,
        endpoint: &E,
        body: &E::Body,
    ) -> reqwest::Response {
        let mut request = request(&self.client, &self.base, endpoint, body);
        if let Some(Session(cookie)) = session {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.expect("the server answers")
    }

    /// Sends one call and reads the answer it declares (one with a status
    /// alone reads as `NoContent`).
    pub async fn call<E: Endpoint>(
        &self,
        session: Option<&Session>,
        endpoint: &E,
        body: &E::Body,
    ) -> (StatusCode, E::Reply) {
        let response = self.send(session, endpoint, body).await;
        let status = response.status();
        let text = response.text().await.expect("an answer");
        let reply = serde_json::from_str(if text.is_empty() { "null" } else { &text })
            .unwrap_or_else(|_| panic!("{} answers as declared: {status} {text}", E::NAME));
        (status, reply)
    }

    /// Sends one call the server must refuse; its status and the error it says.
    pub async fn refusal<E: Endpoint>(
        &self,
        session: Option<&Session>,
        endpoint: &E,
        body: &E::Body,
    ) -> (StatusCode, ApiError) {
        let response = self.send(session, endpoint, body).await;
        let status = response.status();
        (status, response.json().await.expect("an error body"))
    }
}
