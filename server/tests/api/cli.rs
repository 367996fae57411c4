//! The real binary: `demo` twice, `invite`, `export`, `delete-family`, then `serve`
//! on port 0, stopped with SIGTERM.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

const BIN: &str = env!("CARGO_BIN_EXE_tsunagu-server");

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
    assert!(String::from_utf8_lossy(&delete.stdout).contains("1 children, 2 meetings, 1 accounts"));
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

    let mut server = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", &url])
        .args(["--static-dir", dir.path().join("no-app").to_str().unwrap()])
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // The log names the port it chose; read it on a thread so a silent server
    // fails the test at the deadline instead of hanging it.
    let stderr = server.stderr.take().unwrap();
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let addr = loop {
        let line = lines
            .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
            .expect("the server says where it listens within 30 s");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };

    let body = reqwest::blocking_get(&format!("http://{addr}/api/invitations/{code}"));
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
