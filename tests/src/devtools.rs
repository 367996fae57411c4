//! The browser's DevTools protocol over its own WebSocket: commands to any
//! target (the page, its service worker) and the events they send, which
//! chromedriver's one-command bridge (`Cdp`) cannot give. Used to deliver a
//! push message to the real service worker and to act on its notification.

use std::time::Instant;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, tungstenite::Message};

use crate::DEADLINE;

pub struct DevTools {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events read while waiting for an answer, for `event` to find.
    events: Vec<Value>,
}

impl DevTools {
    /// The browser-wide connection of the Chromium listening on `port`.
    pub async fn connect(port: u16) -> Self {
        let version: Value = reqwest::get(format!("http://127.0.0.1:{port}/json/version"))
            .await
            .expect("the browser's DevTools answer")
            .json()
            .await
            .expect("its version as JSON");
        let url = version["webSocketDebuggerUrl"]
            .as_str()
            .expect("a browser WebSocket address");
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("the DevTools WebSocket opens");
        Self {
            socket,
            next_id: 1,
            events: Vec::new(),
        }
    }

    async fn read(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(DEADLINE, self.socket.next())
                .await
                .expect("DevTools says something within the deadline")
                .expect("the DevTools WebSocket stays open")
                .expect("a DevTools message");
            if let Message::Text(text) = message {
                return serde_json::from_str(text.as_str()).expect("DevTools speaks JSON");
            }
        }
    }

    /// Sends `method` (to `session`'s target, or the browser) and returns its result.
    pub async fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::Text(command.to_string().into()))
            .await
            .expect("the command is sent");
        loop {
            let message = self.read().await;
            if message["id"] == json!(id) {
                assert!(
                    message.get("error").is_none(),
                    "{method} failed: {}",
                    message["error"]
                );
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// Waits for an event named `method` that `wanted` accepts.
    pub async fn event(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(i) = self
                .events
                .iter()
                .position(|e| e["method"] == method && wanted(&e["params"]))
            {
                return self.events.remove(i)["params"].clone();
            }
            assert!(Instant::now() < deadline, "no {method} within {DEADLINE:?}");
            let message = self.read().await;
            self.events.push(message);
        }
    }

    /// A session on the first target of `kind` ("page", "service_worker") whose
    /// address starts with `url`.
    pub async fn attach(&mut self, kind: &str, url: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
        loop {
            let targets = self.call(None, "Target.getTargets", json!({})).await;
            let found = targets["targetInfos"].as_array().and_then(|all| {
                all.iter()
                    .find(|t| {
                        t["type"] == kind && t["url"].as_str().is_some_and(|u| u.starts_with(url))
                    })
                    .and_then(|t| t["targetId"].as_str().map(str::to_owned))
            });
            if let Some(target) = found {
                let attached = self
                    .call(
                        None,
                        "Target.attachToTarget",
                        json!({ "targetId": target, "flatten": true }),
                    )
                    .await;
                return attached["sessionId"]
                    .as_str()
                    .expect("a session id")
                    .to_owned();
            }
            assert!(Instant::now() < deadline, "no {kind} target at {url}");
            tick.tick().await;
        }
    }

    /// Evaluates `expression` in `session`'s target, awaiting a promise; its value.
    pub async fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let result = self
            .call(
                Some(session),
                "Runtime.evaluate",
                json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
            )
            .await;
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression} threw: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }
}
