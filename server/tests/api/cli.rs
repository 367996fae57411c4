//! The real binary: `demo` twice, `invite`, `export`, `delete-family`, then `serve`
//! on port 0, stopped with SIGTERM.

use std::{process::Command, time::Duration};

use tsunagu_model::endpoints::{Endpoint, GetInvitation, NoContent, Pull, Push};

use crate::helpers::{BIN, entry, request, sign_in_over, start_serving, text_mutation};

#[test]
fn demo_invite_then_serve_then_sigterm_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("data/tsunagu.db").display());

    for _ in 0..2 {
        let status = Command::new(BIN)
            .args(["demo", "--database-url", &url])
            .status()
            .unwrap();
        assert!(status.success());
    }

    let invite = Command::new(BIN)
        .args([
            "invite",
            "--role",
            "parent",
            "--name",
            "森川 けんじ",
            "--database-url",
            &url,
        ])
        .args(["--family", &tsunagu_server::demo::DEMO_FAMILY.to_string()])
        .args(["--public-url", "https://tsunagu.example/"])
        .output()
        .unwrap();
    assert!(
        invite.status.success(),
        "{}",
        String::from_utf8_lossy(&invite.stderr)
    );
    let printed = String::from_utf8(invite.stdout).unwrap();
    let code = printed
        .split("https://tsunagu.example/invite#")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the link is printed")
        .to_owned();
    assert!(
        !String::from_utf8_lossy(&invite.stderr).contains(&code),
        "the code is never logged"
    );

    let refused = Command::new(BIN)
        .args([
            "invite",
            "--role",
            "parent",
            "--name",
            "誰か",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        !refused.status.success(),
        "a parent invitation without a family is refused"
    );

    let export = Command::new(BIN)
        .args(["export", "--database-url", &url])
        .args(["--family", &tsunagu_server::demo::DEMO_FAMILY.to_string()])
        .output()
        .unwrap();
    assert!(export.status.success());
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).expect("JSON on stdout");
    assert_eq!(export["family"]["display_name"], "森川さん");
    assert_eq!(export["invitations"].as_array().map(Vec::len), Some(1));

    let delete = Command::new(BIN)
        .args([
            "delete-family",
            "7a3b0001-0000-4000-8000-000000000003",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(delete.status.success());
    assert!(String::from_utf8_lossy(&delete.stdout).contains("1 children, 7 meetings, 1 accounts"));
    let again = Command::new(BIN)
        .args([
            "delete-family",
            "7a3b0001-0000-4000-8000-000000000003",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "a family already deleted is an error"
    );

    let (mut server, addr, lines) = start_serving(&url, dir.path());
    let invitation = GetInvitation { code };
    let body = reqwest::blocking_get(&format!("http://{addr}{}", invitation.path()));
    assert!(body.contains("森川 けんじ"), "{body}");

    let pid = i32::try_from(server.id()).expect("a process id");
    // SAFETY: kill(2) takes plain integers and touches no memory of ours.
    let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(sent, 0, "SIGTERM was delivered");
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = server.try_wait().unwrap() {
            break exit;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::park_timeout(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
}

/// Pushes from several devices at once, kills the server with SIGKILL halfway,
/// restarts it on the same file, and finds every change it had acknowledged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_during_a_burst_of_pushes_keeps_all_it_acknowledged() {
    use std::sync::{Arc, Mutex};
    use tsunagu_model::sync::{ClientId, Outcome, PullPage, PushRequest, PushResponse};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("data/tsunagu.db").display());
    assert!(
        Command::new(BIN)
            .args(["demo", "--database-url", &url])
            .status()
            .unwrap()
            .success()
    );
    let (mut server, addr, _lines) = start_serving(&url, dir.path());
    let http = ::reqwest::Client::new();
    let cookie = sign_in_over(&http, &format!("http://{addr}"), "morikawa").await;

    let acknowledged = Arc::new(Mutex::new(Vec::<(u128, u64)>::new()));
    let mut devices = Vec::new();
    for device in 0..4u128 {
        let (http, addr, cookie, acknowledged) = (
            http.clone(),
            addr.clone(),
            cookie.clone(),
            acknowledged.clone(),
        );
        devices.push(tokio::spawn(async move {
            let client = ClientId::from_u128(0xd000 + device);
            for number in 1..=1000u64 {
                let key = entry(device * 10_000 + u128::from(number));
                let body = PushRequest {
                    mutations: vec![text_mutation(
                        client,
                        number,
                        key,
                        &format!("{device}-{number}"),
                    )],
                };
                let Ok(response) = request(&http, &format!("http://{addr}"), &Push {}, &body)
                    .header("cookie", &cookie)
                    .send()
                    .await
                else {
                    return; // The server is gone.
                };
                let Ok(answer) = response.json::<PushResponse>().await else {
                    return;
                };
                assert_eq!(answer.results[0].outcome, Outcome::Applied);
                acknowledged.lock().unwrap().push((device, number));
            }
        }));
    }
    // Kill once a good number of pushes have been acknowledged, mid-burst.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut tick = tokio::time::interval(Duration::from_millis(5));
    while acknowledged.lock().unwrap().len() < 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "pushes are acknowledged"
        );
        tick.tick().await;
    }
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush beyond what was committed.
    server.wait().unwrap();
    for device in devices {
        device.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let (mut server, addr, _lines) = start_serving(&url, dir.path());
    let cookie = sign_in_over(&http, &format!("http://{addr}"), "morikawa").await;
    let mut texts = std::collections::BTreeSet::new();
    let mut cursor = 0;
    loop {
        let page: PullPage = request(
            &http,
            &format!("http://{addr}"),
            &Pull {
                cursor: Some(cursor),
            },
            &NoContent,
        )
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        for record in &page.records {
            if let Some(text) = record
                .fields
                .get("text")
                .and_then(|f| f.current().value.as_text())
            {
                texts.insert(text.to_owned());
            }
        }
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|(d, n)| !texts.contains(&format!("{d}-{n}")))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged changes lost: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
    server.kill().unwrap();
    server.wait().unwrap();
}

mod reqwest {
    /// A GET on a fresh runtime: this test drives a separate process, so it stays synchronous.
    pub fn blocking_get(url: &str) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            ::reqwest::get(url)
                .await
                .expect("the server answers")
                .text()
                .await
                .unwrap()
        })
    }
}
