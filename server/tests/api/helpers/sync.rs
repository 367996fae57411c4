//! Sync's push and pull, and the changes the tests push: notebook entries by
//! number, any field of any record.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{NoContent, Pull, Push};
use tsunagu_model::sync::{
    ClientId, FieldChange, FieldValue, Mutation, Outcome, PullPage, PushRequest, PushResponse,
    RecordKey, RecordType, Stamp, SyncedRecord,
};

use super::{Session, TestApp};

pub fn entry(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::NotebookEntry,
        id: uuid::Uuid::from_u128(0xe000 + n),
    }
}

/// Milliseconds now, so stamps pass the server's drift bound.
pub fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

pub fn change(field: &str, value: FieldValue) -> FieldChange {
    FieldChange {
        field: field.into(),
        value,
        base: None,
    }
}

/// A change stamped now by `client`'s clock.
pub fn mutation(
    client: ClientId,
    number: u64,
    record: RecordKey,
    changes: Vec<FieldChange>,
) -> Mutation {
    Mutation {
        client,
        number,
        at: Stamp::at_millis(now_millis(), client.0.as_u128()),
        record,
        changes,
    }
}

pub fn text_mutation(client: ClientId, number: u64, key: RecordKey, text: &str) -> Mutation {
    mutation(
        client,
        number,
        key,
        vec![change("text", FieldValue::Text(text.into()))],
    )
}

pub fn outcomes(response: &PushResponse) -> Vec<Outcome> {
    response.results.iter().map(|r| r.outcome.clone()).collect()
}

impl TestApp {
    pub async fn push(&self, session: &Session, mutations: Vec<Mutation>) -> PushResponse {
        let response = self.push_raw(session, mutations).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn push_raw(&self, session: &Session, mutations: Vec<Mutation>) -> reqwest::Response {
        self.send(Some(session), &Push {}, &PushRequest { mutations })
            .await
    }

    /// A pull page with only the notebook entries the test wrote (the demo's
    /// meetings, plans, directory and its one shared entry reach people too;
    /// `family_records.rs` and `mentor_workspace.rs` test those).
    pub async fn pull_notes(&self, session: &Session, cursor: u64) -> PullPage {
        let mut page = self.pull(session, cursor).await;
        page.records.retain(|r| {
            r.key.record_type == RecordType::NotebookEntry
                && !r.key.id.to_string().starts_with("7a3b")
        });
        page
    }

    pub async fn pull(&self, session: &Session, cursor: u64) -> PullPage {
        let (status, page) = self
            .call(
                Some(session),
                &Pull {
                    cursor: Some(cursor),
                },
                &NoContent,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        page
    }

    /// Every record the person's device would receive from an empty start.
    pub async fn pull_everything(&self, session: &Session) -> Vec<SyncedRecord> {
        let mut cursor = 0;
        let mut records = Vec::new();
        loop {
            let page = self.pull(session, cursor).await;
            records.extend(page.records);
            cursor = page.cursor;
            if !page.more {
                return records;
            }
        }
    }

    /// Every sync table, row by row, for comparing states.
    pub async fn sync_state(&self) -> Vec<String> {
        let mut rows = Vec::new();
        for table in [
            "sync_clients",
            "sync_refusals",
            "sync_records",
            "sync_history",
            "sync_log",
        ] {
            // The demo's meetings and plans are there from the start; these tests
            // are about what pushes of notebook entries leave behind.
            let only_entries = match table {
                // The demo's own entry (ids 7a3b…) is there from the start too.
                "sync_records" | "sync_history" | "sync_log" => {
                    " WHERE record_type = 'notebook_entry' AND record_id NOT LIKE '7a3b%'"
                }
                _ => "",
            };
            let sql = format!("SELECT * FROM {table}{only_entries} ORDER BY 1, 2");
            for row in sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&self.db)
                .await
                .unwrap()
            {
                use sqlx::Row;
                let cells: Vec<String> = (0..row.len())
                    .map(|i| {
                        row.try_get::<String, _>(i)
                            .or_else(|_| row.try_get::<i64, _>(i).map(|n| n.to_string()))
                            .unwrap_or_default()
                    })
                    .collect();
                rows.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        rows
    }
}
