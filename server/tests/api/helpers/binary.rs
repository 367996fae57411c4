//! The real binary, for the tests that must drive it as a process (`cli`,
//! `attack`): `serve` started on port 0 and its address read from its log.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

pub const BIN: &str = env!("CARGO_BIN_EXE_tsunagu-server");

/// Starts `serve` on port 0 over `url`; returns the process, its address and its
/// log lines (read on a thread, so a silent server fails at the deadline).
pub fn start_serving(
    url: &str,
    dir: &std::path::Path,
) -> (std::process::Child, String, mpsc::Receiver<String>) {
    start_serving_with(url, dir, &[])
}

/// As `start_serving`, with these environment variables set.
pub fn start_serving_with(
    url: &str,
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> (std::process::Child, String, mpsc::Receiver<String>) {
    let mut server = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", url])
        .args(["--static-dir", dir.join("no-app").to_str().unwrap()])
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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
            break rest
                .split(|c: char| c.is_whitespace() || c == ';')
                .next()
                .unwrap()
                .to_owned();
        }
    };
    (server, addr, lines)
}
