//! What the mentor tests push and ask: a contact of the log, a message on an
//! entry, an agency of the directory, a scope granted or withdrawn.

use reqwest::StatusCode;
use tsunagu_model::{
    FamilyId, PersonId, TypedRecord,
    advice::Advice,
    consent::{Consent, ConsentScope, GrantConsent, Mentee},
    directory::{Agency, AgencyField},
    endpoints::{GetMe, GrantConsentTo, ListConsents, ListMentees, NoContent, RevokeConsent},
    mentor::{ContactChannel, MentorContact},
    sync::{ClientId, Mutation, RecordKey, RecordType},
};

use super::{Session, TestApp, change, mutation};

/// A valid agency of the health field.
pub fn agency(id: uuid::Uuid, name: &str) -> Agency {
    Agency {
        id,
        field: AgencyField::Health,
        name: name.into(),
        reading: "まち ほけんせんたー ぶんしつ".into(),
        does: "発達の相談".into(),
        phone: "0123-45-9999".into(),
        hours: "平日 9:00〜17:00".into(),
        address: "本町9-9".into(),
        website: "https://example.jp/".into(),
        notes: String::new(),
        retired: false,
    }
}

pub fn contact_key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::MentorContact,
        id: uuid::Uuid::from_u128(0xc000 + n),
    }
}

pub fn advice_key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::Advice,
        id: uuid::Uuid::from_u128(0xad00 + n),
    }
}

/// A contact of `mentor` with `family` today, with `note`, pushed as one change.
pub fn contact_mutation(
    client: ClientId,
    number: u64,
    key: RecordKey,
    mentor: PersonId,
    family: FamilyId,
    note: &str,
    follow_up: Option<chrono::NaiveDate>,
) -> Mutation {
    let contact = MentorContact {
        id: key.id,
        mentor,
        family,
        on: tsunagu_server::cli::town_today(),
        channel: ContactChannel::Phone,
        note: note.into(),
        follow_up,
        followed_up: false,
    };
    changes_mutation(client, number, key, contact.changes())
}

/// A message on `entry` by `author`.
pub fn advice_mutation(
    client: ClientId,
    number: u64,
    key: RecordKey,
    author: PersonId,
    entry: uuid::Uuid,
    text: &str,
    handled: bool,
) -> Mutation {
    let advice = Advice {
        id: key.id,
        author,
        entry,
        text: text.into(),
        written_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(10, 0, 0)),
        handled,
    };
    changes_mutation(client, number, key, advice.changes())
}

fn changes_mutation(
    client: ClientId,
    number: u64,
    key: RecordKey,
    changes: Vec<(String, tsunagu_model::sync::FieldValue)>,
) -> Mutation {
    mutation(
        client,
        number,
        key,
        changes
            .into_iter()
            .map(|(field, value)| change(&field, value))
            .collect(),
    )
}

impl TestApp {
    pub async fn grant(
        &self,
        parent: &Session,
        family: FamilyId,
        mentor: PersonId,
        scope: ConsentScope,
    ) -> StatusCode {
        self.send(
            Some(parent),
            &GrantConsentTo { family_id: family },
            &GrantConsent { mentor, scope },
        )
        .await
        .status()
    }

    /// Withdraws the family's consent of `scope` to `mentor`.
    pub async fn withdraw(
        &self,
        parent: &Session,
        family: FamilyId,
        mentor: PersonId,
        scope: ConsentScope,
    ) {
        let (_, consents): (_, Vec<Consent>) = self
            .call(
                Some(parent),
                &ListConsents { family_id: family },
                &NoContent,
            )
            .await;
        let consent = consents
            .iter()
            .find(|c| c.mentor == mentor && c.scope == scope)
            .expect("the consent is in force");
        let (status, _) = self
            .call(
                Some(parent),
                &RevokeConsent {
                    family_id: family,
                    consent_id: consent.id,
                },
                &NoContent,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }

    pub async fn me(&self, session: &Session) -> tsunagu_model::api::Me {
        self.call(Some(session), &GetMe {}, &NoContent).await.1
    }

    pub async fn mentees(&self, mentor: &Session) -> Vec<Mentee> {
        let (status, mentees) = self.call(Some(mentor), &ListMentees {}, &NoContent).await;
        assert_eq!(status, StatusCode::OK);
        mentees
    }
}
