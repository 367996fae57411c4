//! Signing in with a password (`SignIn`) and reading the cookie back.

use reqwest::{StatusCode, header};
use tsunagu_model::{api::PasswordSignIn, endpoints::SignIn};
use tsunagu_server::demo;

use super::{Session, TestApp, request};

pub fn credentials(login: &str, password: &str) -> PasswordSignIn {
    PasswordSignIn {
        login: login.to_owned(),
        password: password.to_owned(),
    }
}

impl TestApp {
    pub async fn try_sign_in(&self, login: &str, secret: &str) -> reqwest::Response {
        self.send(None, &SignIn {}, &credentials(login, secret))
            .await
    }

    /// Signs in as one of the demo accounts.
    pub async fn sign_in(&self, login: &str) -> Session {
        let response = self.try_sign_in(login, demo::DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "{login} signs in");
        session_of(&response)
    }
}

/// The session a sign-in or a set-up answered, its cookie's attributes checked.
pub fn session_of(response: &reqwest::Response) -> Session {
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap();
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            set_cookie.contains(attribute),
            "{set_cookie} has {attribute}"
        );
    }
    assert!(set_cookie.starts_with("__Host-tsunagu_session="));
    Session(set_cookie.split(';').next().unwrap().to_owned())
}

/// Signs a demo account in on a server this process did not spawn (the real
/// binary, in `cli` and `attack`); answers the cookie to send.
pub async fn sign_in_over(http: &reqwest::Client, base: &str, login: &str) -> String {
    let response = request(
        http,
        base,
        &SignIn {},
        &credentials(login, demo::DEMO_PASSWORD),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{login} signs in");
    response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}
