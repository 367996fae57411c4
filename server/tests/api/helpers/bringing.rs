//! Notebook entries brought to a meeting: the brought items a parent pushes, the
//! agenda the team reads, and what became of each item, recorded after.

use reqwest::StatusCode;
use tsunagu_model::{
    FamilyId, MeetingId,
    brought::ItemOutcome,
    endpoints::{ListMeetingItems, NoContent, RecordItemOutcome},
    sync::{
        ClientId, FieldState, FieldValue, Fields, Mutation, Outcome, RecordKey, RecordType, Stamp,
        Version,
    },
};
use tsunagu_server::demo;

use super::{
    Session, TestApp,
    sync::{change, entry, mutation, now_millis, outcomes, text_mutation},
};

/// Words of 森川's that are never brought nor shared: no answer to anyone else may hold them.
pub const PRIVATE_CANARY: &str = "CANARY-PRIVATE-7f3a 夜に眠れないことが心配";
/// 森川's next meeting (the 3rd of the support-plan series, 9 days ahead).
pub const NEXT: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0003);
/// 森川's 2nd meeting, already held.
pub const HELD: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0002);
/// 高台's next meeting.
pub const OTHER_FAMILYS: MeetingId =
    MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0007);

pub fn item_key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::BroughtItem,
        id: uuid::Uuid::from_u128(0xb000 + n),
    }
}

/// Brings entry `from` to `meeting` as item `n`, in the team's `wording`.
pub fn bring(
    client: ClientId,
    number: u64,
    n: u128,
    meeting: MeetingId,
    from: RecordKey,
    wording: &str,
    position: i64,
) -> Mutation {
    mutation(
        client,
        number,
        item_key(n),
        vec![
            change("meeting", FieldValue::Text(meeting.to_string())),
            change("entry", FieldValue::Text(from.id.to_string())),
            change("wording", FieldValue::Text(wording.into())),
            change("position", FieldValue::Int(position)),
            change("withdrawn", FieldValue::Bool(false)),
        ],
    )
}

/// A brought item stored directly, for a meeting already held (as if brought
/// before it): the access matrix records its outcome.
pub async fn insert_brought_item(
    db: &sqlx::SqlitePool,
    id: uuid::Uuid,
    owner: &str,
    family: &str,
    meeting: &str,
) {
    let at = Stamp::at_millis(now_millis(), 7);
    let fields: Fields = [
        ("meeting", FieldValue::Text(meeting.into())),
        ("wording", FieldValue::Text("教室の移動".into())),
        ("position", FieldValue::Int(0)),
        ("withdrawn", FieldValue::Bool(false)),
    ]
    .into_iter()
    .map(|(name, value)| {
        (
            name.to_owned(),
            FieldState::new(Version {
                value,
                at,
                base: None,
            }),
        )
    })
    .collect();
    sqlx::query(
        "INSERT INTO sync_records (record_type, record_id, owner_id, family_id, fields, updated_at)
         VALUES ('brought_item', ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    )
    .bind(id.to_string())
    .bind(owner)
    .bind(family)
    .bind(serde_json::to_string(&fields).unwrap())
    .execute(db)
    .await
    .unwrap();
}

impl TestApp {
    /// The items brought to a meeting, as the team reads them: the status and
    /// the body as sent, to look for what must not be in it.
    pub async fn agenda(
        &self,
        session: &Session,
        family_id: FamilyId,
        record_id: MeetingId,
    ) -> (StatusCode, String) {
        let response = self
            .send(
                Some(session),
                &ListMeetingItems {
                    family_id,
                    record_id,
                },
                &NoContent,
            )
            .await;
        (response.status(), response.text().await.unwrap())
    }

    /// Records what became of one of 森川's brought items.
    pub async fn record_outcome(
        &self,
        session: &Session,
        item: RecordKey,
        outcome: &ItemOutcome,
    ) -> reqwest::Response {
        self.send(
            Some(session),
            &RecordItemOutcome {
                family_id: demo::DEMO_FAMILY,
                record_id: item.id,
            },
            outcome,
        )
        .await
    }
}

impl TestApp {
    /// 森川's two entries (and the private canary, never brought), brought to the
    /// next meeting in the parent's order; answers the parent's session.
    pub async fn parent_brings_two(&self) -> Session {
        let parent = self.sign_in("morikawa").await;
        let client = ClientId::from_u128(0x61);
        let answer = self
            .push(
                &parent,
                vec![
                    text_mutation(
                        client,
                        1,
                        entry(1),
                        "園で友だちとどう遊んでいるか知りたい(家での呼び方: はーくん)",
                    ),
                    text_mutation(client, 2, entry(2), "家で絵カードを使い続けてよいか"),
                    text_mutation(client, 3, entry(3), PRIVATE_CANARY),
                    bring(
                        client,
                        4,
                        1,
                        NEXT,
                        entry(1),
                        "園で友だちとどう遊んでいるか知りたい",
                        2,
                    ),
                    bring(
                        client,
                        5,
                        2,
                        NEXT,
                        entry(2),
                        "家で絵カードを使い続けてよいか",
                        1,
                    ),
                ],
            )
            .await;
        assert!(
            outcomes(&answer).iter().all(|o| *o == Outcome::Applied),
            "{answer:?}"
        );
        parent
    }
}
