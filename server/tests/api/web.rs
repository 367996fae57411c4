//! The built app as the server serves it: types, encodings and cache rules,
//! client routes, the staff app's own page, and the security headers on every
//! kind of answer.

use reqwest::{StatusCode, header};
use tsunagu_model::endpoints::{GetHealth, NoContent};

use crate::helpers::{
    Options, fake_dist, script_hash, spawn_app, spawn_app_serving, spawn_app_with,
};

#[tokio::test]
async fn static_files_have_their_types_encodings_and_cache_rules() {
    let dist = fake_dist();
    let app = spawn_app_serving(dist.path()).await;

    let wasm = app
        .client
        .get(format!(
            "{}/pkg/0123456789abcdef/tsunagu-app_bg.wasm",
            app.base
        ))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        wasm.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let plain = app.get("/pkg/0123456789abcdef/tsunagu-app_bg.wasm").await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");

    let js = app.get("/pkg/0123456789abcdef/tsunagu-app.js").await;
    assert!(
        js.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{path}"
        );
    }
    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers()[header::CONTENT_TYPE],
        "application/manifest+json"
    );
}

#[tokio::test]
async fn client_routes_get_the_app_and_missing_files_a_404() {
    let dist = fake_dist();
    let app = spawn_app_serving(dist.path()).await;
    for route in ["/meetings", "/plans", "/some/deep/route"] {
        let response = app.get(route).await;
        assert_eq!(response.status(), StatusCode::OK, "{route}");
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(response.text().await.unwrap().contains("つなぐ"));
    }
    let missing = app.get("/tsunagu-app-ffffffffffffffff.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works_and_pages_say_why() {
    let app = spawn_app().await;
    assert_eq!(
        app.send(None, &GetHealth {}, &NoContent).await.status(),
        StatusCode::OK
    );
    let page = app.get("/").await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.text().await.unwrap().contains("not built"));
}

#[tokio::test]
async fn the_staff_app_has_its_own_page_and_its_start_script_is_allowed() {
    let dist = fake_dist();
    let app = spawn_app_serving(dist.path()).await;
    for route in ["/staff/", "/staff/families/x"] {
        let page = app.get(route).await;
        assert_eq!(page.status(), StatusCode::OK, "{route}");
        let csp = page.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("地域コーディネーター画面"),
            "{route}"
        );
        let staff_hash = script_hash(b"import s from '/staff/s.js';");
        assert!(csp.contains(&staff_hash), "{csp}");
    }
    let family_page = app.get("/meetings").await.text().await.unwrap();
    assert!(!family_page.contains("地域コーディネーター画面"));
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let dist = fake_dist();
    let app = spawn_app_with(Options {
        demo: true,
        static_dir: Some(dist.path()),
        over_tls: false,
        public_url: None,
        push_allow_origin: None,
    })
    .await;
    let parent = app.sign_in("morikawa").await;
    let inline_hash = script_hash(b"import init from '/a.js';");
    for (session, path, status) in [
        (None, "/", StatusCode::OK),
        (None, "/meetings", StatusCode::OK),
        (
            None,
            "/pkg/0123456789abcdef/tsunagu-app_bg.wasm",
            StatusCode::OK,
        ),
        (None, "/missing-0123456789abcdef.js", StatusCode::NOT_FOUND),
        (None, "/api/health", StatusCode::OK),
        (None, "/api/nope", StatusCode::NOT_FOUND),
        (None, "/api/families", StatusCode::UNAUTHORIZED),
        (Some(&parent), "/api/families", StatusCode::OK),
    ] {
        let response = app.get_as(session, path).await;
        assert_eq!(response.status(), status, "{path}");
        let h = response.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        for directive in [
            "default-src 'self'",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp} lacks {directive}");
        }
        assert!(
            csp.contains(&format!("'sha256-{inline_hash}'")),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert!(
            h.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "no HSTS over plain http"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_when_people_come_over_tls() {
    let app = spawn_app_with(Options {
        demo: false,
        static_dir: None,
        over_tls: true,
        public_url: None,
        push_allow_origin: None,
    })
    .await;
    let response = app.send(None, &GetHealth {}, &NoContent).await;
    let hsts = response.headers()[header::STRICT_TRANSPORT_SECURITY]
        .to_str()
        .unwrap();
    assert!(hsts.starts_with("max-age=31536000"));
}
