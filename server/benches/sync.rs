//! Sync benchmarks (figures for the issue notes, not tests): `cargo bench -p
//! tsunagu-server --bench sync`. The real server in this process over loopback
//! HTTP and a real SQLite file:
//!
//! 1. pushes/s and pulls/s with 64 clients at once, with p50 and p99 latency;
//! 2. the bytes of a pull with nothing new;
//! 3. a pull's time with 1,000 rows in the database and with 1,000,000.

use std::time::{Duration, Instant};

use tsunagu_model::sync::{
    ClientId, FieldChange, FieldValue, Fields, Mutation, PullPage, PushRequest, PushResponse,
    RecordKey, RecordType, Stamp,
};
use tsunagu_server::{AppState, RunningServer, StaticFiles, app, db, demo};

const CLIENTS: usize = 64;
const RUN_FOR: Duration = Duration::from_secs(10);

fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

struct Bench {
    base: String,
    http: reqwest::Client,
    cookie: String,
    pool: sqlx::SqlitePool,
    _server: RunningServer,
    _dir: tempfile::TempDir,
}

async fn start() -> Bench {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let pool = db::connect(&url).await.expect("the database opens");
    demo::load(&pool, tsunagu_server::cli::town_today())
        .await
        .expect("the demo loads");
    let server = RunningServer::start(app(
        AppState::new(pool.clone()).with_unlimited_pushes(),
        StaticFiles::default(),
    ))
    .await
    .expect("the server starts");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .expect("an HTTP client");
    let base = server.base_url();
    let response = http
        .post(format!("{base}/api/session"))
        .json(&serde_json::json!({ "login": "morikawa", "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .expect("sign-in answers");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("a cookie")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_owned();
    Bench {
        base,
        http,
        cookie,
        pool,
        _server: server,
        _dir: dir,
    }
}

fn mutation(client: ClientId, number: u64, record: u128) -> Mutation {
    Mutation {
        client,
        number,
        at: Stamp::at_millis(now_millis(), client.0.as_u128()),
        record: RecordKey {
            record_type: RecordType::NotebookEntry,
            id: uuid::Uuid::from_u128(record),
        },
        changes: vec![FieldChange {
            field: "text".into(),
            value: FieldValue::Text(
                "園での様子を聞きたい。家での練習のしかたも相談したい。".into(),
            ),
            base: None,
        }],
    }
}

fn report(what: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{what}: {} in {:.1} s = {:.0}/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

async fn pushes(bench: &Bench) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (http, base, cookie) = (bench.http.clone(), bench.base.clone(), bench.cookie.clone());
        tasks.push(tokio::spawn(async move {
            let client = ClientId::from_u128(0xbe00 + c as u128);
            let mut latencies = Vec::new();
            let mut number = 0;
            while started.elapsed() < RUN_FOR {
                number += 1;
                let body = PushRequest {
                    mutations: vec![mutation(
                        client,
                        number,
                        (c as u128) << 32 | u128::from(number),
                    )],
                };
                let sent = Instant::now();
                let answer: PushResponse = http
                    .post(format!("{base}/api/sync/push"))
                    .header("cookie", &cookie)
                    .json(&body)
                    .send()
                    .await
                    .expect("push answers")
                    .json()
                    .await
                    .expect("a push answer");
                latencies.push(sent.elapsed());
                assert_eq!(answer.results.len(), 1);
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("a client task"));
    }
    report("push (1 mutation each), 64 clients", all, started.elapsed());
}

async fn pull(bench: &Bench, cursor: u64) -> (PullPage, usize, Duration) {
    let sent = Instant::now();
    let bytes = bench
        .http
        .get(format!("{}/api/sync/pull?cursor={cursor}", bench.base))
        .header("cookie", &bench.cookie)
        .send()
        .await
        .expect("pull answers")
        .bytes()
        .await
        .expect("a pull body");
    let took = sent.elapsed();
    let page: PullPage = serde_json::from_slice(&bytes).expect("a pull page");
    (page, bytes.len(), took)
}

/// The cursor after everything there is now.
async fn latest_cursor(bench: &Bench) -> u64 {
    let mut cursor = 0;
    loop {
        let (page, _, _) = pull(bench, cursor).await;
        cursor = page.cursor;
        if !page.more {
            return cursor;
        }
    }
}

async fn pulls(bench: &Bench) {
    let cursor = latest_cursor(bench).await;
    let (page, bytes, _) = pull(bench, cursor).await;
    assert!(page.records.is_empty());
    println!("a pull with nothing new: {bytes} bytes of JSON body");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, base, cookie) = (bench.http.clone(), bench.base.clone(), bench.cookie.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < RUN_FOR {
                let sent = Instant::now();
                let response = http
                    .get(format!("{base}/api/sync/pull?cursor={cursor}"))
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .expect("pull answers");
                let _ = response.bytes().await.expect("a body");
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("a client task"));
    }
    report("pull with nothing new, 64 clients", all, started.elapsed());
}

/// Fills the database with `rows` entries of another parent (川辺), the way a
/// big town's server would hold other families' data.
async fn fill(pool: &sqlx::SqlitePool, rows: u64) {
    let fields: Fields = serde_json::from_value(serde_json::json!({
        "text": [{ "value": "ほかの家族の記録", "at": Stamp::at_millis(now_millis(), 9).to_string() }]
    }))
    .expect("fields");
    let fields = serde_json::to_string(&fields).expect("JSON");
    let kawabe = "7a3b0004-0000-4000-8000-000000000002";
    let mut tx = pool.begin().await.expect("a transaction");
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO sync_records (record_type, record_id, owner_id, fields, deleted, updated_at)
         SELECT 'notebook_entry', printf('00000000-0000-4000-9000-%012d', i), ?, ?, 0, '2026-01-01T00:00:00Z' FROM n",
    )
    .bind(rows as i64)
    .bind(kawabe)
    .bind(&fields)
    .execute(&mut *tx)
    .await
    .expect("records inserted");
    sqlx::query(
        "INSERT INTO sync_log (person_id, record_type, record_id, kind)
         SELECT owner_id, record_type, record_id, 'changed' FROM sync_records WHERE owner_id = ?",
    )
    .bind(kawabe)
    .execute(&mut *tx)
    .await
    .expect("log inserted");
    tx.commit().await.expect("committed");
}

async fn median_pull(bench: &Bench, cursor: u64) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut records = 0;
    for _ in 0..25 {
        let (page, _, took) = pull(bench, cursor).await;
        records = page.records.len();
        times.push(took);
    }
    times.sort();
    (times[times.len() / 2], records)
}

async fn pull_against_size() {
    for other_rows in [1_000u64, 1_000_000] {
        let bench = start().await;
        // This parent's own 1,000 entries, pushed the ordinary way.
        let client = ClientId::from_u128(0xbeef);
        for batch in 0..10u64 {
            let body = PushRequest {
                mutations: (1..=100)
                    .map(|n| mutation(client, batch * 100 + n, u128::from(batch * 100 + n)))
                    .collect(),
            };
            bench
                .http
                .post(format!("{}/api/sync/push", bench.base))
                .header("cookie", &bench.cookie)
                .json(&body)
                .send()
                .await
                .expect("push answers");
        }
        let filling = Instant::now();
        fill(&bench.pool, other_rows).await;
        let filled = filling.elapsed();
        let latest = latest_cursor(&bench).await;
        let (first_page, first_records) = median_pull(&bench, 0).await;
        let (nothing_new, _) = median_pull(&bench, latest).await;
        println!(
            "database with {other_rows} other rows (+1,000 own; filled in {:.1} s): first page ({first_records} records) {:.2} ms, nothing new {:.2} ms (medians of 25)",
            filled.as_secs_f64(),
            first_page.as_secs_f64() * 1e3,
            nothing_new.as_secs_f64() * 1e3,
        );
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let bench = start().await;
        pushes(&bench).await;
        pulls(&bench).await;
        pull_against_size().await;
    });
}
