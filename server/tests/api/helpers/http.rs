//! Requests by method, as anyone or as a signed-in person, any serialisable body.

use reqwest::{StatusCode, header};
use serde::{Serialize, de::DeserializeOwned};

use super::{Session, TestApp};

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.get_as(None, path).await
    }

    pub async fn get_as(&self, session: Option<&Session>, path: &str) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(Session(cookie)) = session {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.expect("the server answers")
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> (StatusCode, T) {
        self.get_json_as(None, path).await
    }

    pub async fn get_json_as<T: DeserializeOwned>(
        &self,
        session: Option<&Session>,
        path: &str,
    ) -> (StatusCode, T) {
        let response = self.get_as(session, path).await;
        let status = response.status();
        (status, response.json().await.expect("a JSON body"))
    }

    pub async fn post_json(&self, path: &str, body: &impl Serialize) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_json_as(
        &self,
        session: &Session,
        path: &str,
        body: &impl Serialize,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header(header::COOKIE, &session.0)
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn put_as(
        &self,
        session: &Session,
        path: &str,
        body: &impl Serialize,
    ) -> reqwest::Response {
        self.client
            .put(format!("{}{path}", self.base))
            .header(header::COOKIE, &session.0)
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }
}
