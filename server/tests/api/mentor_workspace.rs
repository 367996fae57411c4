//! The parent mentor's workspace (issue 16): consent by scope, proposals, the
//! contact log, advice on shared entries, the directory and the family's team,
//! and follow-ups that remind.

use reqwest::StatusCode;
use tsunagu_model::{
    Role, TypedRecord,
    advice::Advice,
    api::ApiError,
    audit::{AccessLogPage, AuditAction, Viewed},
    consent::{ConsentScope, MentorMonth, MentorProposal, ProposalAnswer, ProposeMentor},
    directory::{Agency, TeamMember, TeamRole},
    endpoints::{
        self, AnswerMentorProposal, GetFamilyTeam, ListAgencies, ListAllMentorProposals,
        ListMentorProposals, MentorActivity, NoContent, ProposeMentorTo, ReadAccessLog, SaveAgency,
        WithdrawMentorProposal,
    },
    mentor::MentorContact,
    problem::Problem,
    reminders::ReminderChoices,
    sync::{ClientId, FieldValue, Outcome, RecordKey, RecordType, Refusal, SyncedRecord},
};
use tsunagu_server::demo;

use crate::helpers::{
    Session, TAKADAI, TestApp, advice_key, advice_mutation, agency, change, contact_key,
    contact_mutation, entry, mutation, outcomes, parse_feed, spawn_app, text_mutation,
};

const CANARY: &str = "CANARY-CONTACT-91c2 夫の転職で家計が苦しいと話していた";
const KAWABE: tsunagu_model::FamilyId =
    tsunagu_model::FamilyId::from_u128(0x7a3b_0001_0000_4000_8000_0000_0000_0002);

fn keys_of(records: &[SyncedRecord], record_type: RecordType) -> Vec<RecordKey> {
    records
        .iter()
        .filter(|r| r.key.record_type == record_type)
        .map(|r| r.key)
        .collect()
}

async fn log_of(app: &TestApp, parent: &Session, family: tsunagu_model::FamilyId) -> AccessLogPage {
    app.call(
        Some(parent),
        &ReadAccessLog {
            family_id: family,
            before: None,
        },
        &NoContent,
    )
    .await
    .1
}

#[tokio::test]
async fn each_scope_is_granted_and_withdrawn_on_its_own_and_the_log_says_which() {
    let app = spawn_app().await;
    let takadai = app.sign_in("takadai").await;
    let mentor = app.sign_in("mentor").await;
    let before = app.mentees(&mentor).await;
    let family = before.iter().find(|m| m.family.id == TAKADAI).unwrap();
    assert!(family.allows(ConsentScope::MeetingDates) && !family.meetings.is_empty());
    assert!(family.meetings.iter().all(|m| m.id.is_some()));
    assert!(!family.children.is_empty() && family.children.iter().all(|c| c.stage.is_some()));

    app.withdraw(
        &takadai,
        TAKADAI,
        demo::DEMO_MENTOR,
        ConsentScope::MeetingDates,
    )
    .await;
    let after = app.mentees(&mentor).await;
    let family = after.iter().find(|m| m.family.id == TAKADAI).unwrap();
    assert!(!family.allows(ConsentScope::MeetingDates));
    assert!(family.meetings.is_empty(), "the dates left with the scope");
    assert!(
        family.allows(ConsentScope::Contact),
        "the other scopes stay"
    );

    let log = log_of(&app, &takadai, TAKADAI).await;
    let line = log
        .entries
        .iter()
        .find(|e| e.action == AuditAction::ConsentRevoked)
        .expect("the withdrawal is logged");
    assert_eq!(line.viewed, Some(Viewed::MeetingDates));
    assert_eq!(line.subject_name.as_deref(), Some("佐々木 みどり"));

    assert_eq!(
        app.grant(
            &takadai,
            TAKADAI,
            demo::DEMO_MENTOR,
            ConsentScope::MeetingDates
        )
        .await,
        StatusCode::CREATED
    );
    assert_eq!(
        app.grant(
            &takadai,
            TAKADAI,
            demo::DEMO_MENTOR,
            ConsentScope::MeetingDates
        )
        .await,
        StatusCode::CONFLICT,
        "once in force"
    );
    let log = log_of(&app, &takadai, TAKADAI).await;
    assert_eq!(log.entries[0].action, AuditAction::ConsentGranted);
    assert_eq!(log.entries[0].viewed, Some(Viewed::MeetingDates));
}

#[tokio::test]
async fn a_proposed_mentor_sees_nothing_until_the_family_accepts_and_a_decline_grants_nothing() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let kawabe = app.sign_in("kawabe").await;
    let mentor2 = app.sign_in("mentor2").await;
    let mentor2_id = app.me(&mentor2).await.id;

    let (status, proposal): (_, MentorProposal) = app
        .call(
            Some(&coordinator),
            &ProposeMentorTo { family_id: KAWABE },
            &ProposeMentor { mentor: mentor2_id },
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, again) = app
        .refusal(
            Some(&coordinator),
            &ProposeMentorTo { family_id: KAWABE },
            &ProposeMentor { mentor: mentor2_id },
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again.problem, Some(Problem::ProposalWaiting));
    assert!(
        app.mentees(&mentor2).await.is_empty(),
        "nothing before an answer"
    );

    // The family sees both waiting: the demo's and this one.
    let (_, waiting): (_, Vec<MentorProposal>) = app
        .call(
            Some(&kawabe),
            &ListMentorProposals { family_id: KAWABE },
            &NoContent,
        )
        .await;
    assert_eq!(waiting.len(), 2);
    let answer = |accept, scopes: Vec<ConsentScope>| ProposalAnswer { accept, scopes };
    let at = |id| AnswerMentorProposal {
        family_id: KAWABE,
        proposal_id: id,
    };
    let (status, refused): (_, ApiError) = app
        .refusal(Some(&kawabe), &at(proposal.id), &answer(true, Vec::new()))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.problem, Some(Problem::ProposalAnswer));
    let (status, accepted): (_, MentorProposal) = app
        .call(
            Some(&kawabe),
            &at(proposal.id),
            &answer(
                true,
                vec![ConsentScope::Contact, ConsentScope::MeetingDates],
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        accepted.state,
        tsunagu_model::consent::ProposalState::Accepted
    );
    let mentees = app.mentees(&mentor2).await;
    assert_eq!(mentees.len(), 1);
    assert_eq!(
        mentees[0].scopes,
        [ConsentScope::Contact, ConsentScope::MeetingDates]
    );
    assert!(mentees[0].parents.is_empty(), "no shared entries granted");
    let (status, _): (_, ApiError) = app
        .refusal(Some(&kawabe), &at(proposal.id), &answer(false, Vec::new()))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "answered once");

    // The demo's proposal (mentor4) is declined: she sees nothing.
    let demo_proposal = waiting.iter().find(|p| p.id != proposal.id).unwrap();
    let (status, _): (_, MentorProposal) = app
        .call(
            Some(&kawabe),
            &at(demo_proposal.id),
            &answer(false, Vec::new()),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mentor4 = app.sign_in("mentor4").await;
    assert!(app.mentees(&mentor4).await.is_empty());
    let log = log_of(&app, &kawabe, KAWABE).await;
    let actions: Vec<AuditAction> = log.entries.iter().map(|e| e.action).collect();
    assert!(actions.contains(&AuditAction::MentorProposed));
    assert!(actions.contains(&AuditAction::MentorDeclined));
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == AuditAction::ConsentGranted)
            .count(),
        2
    );

    // The desk sees every proposal; a withdrawn one cannot be answered.
    let (_, all): (_, Vec<MentorProposal>) = app
        .call(Some(&coordinator), &ListAllMentorProposals {}, &NoContent)
        .await;
    assert!(all.len() >= 2 && all.iter().all(|p| !p.family_name.is_empty()));
    let mentor3_id = app.me(&app.sign_in("mentor3").await).await.id;
    let (_, third): (_, MentorProposal) = app
        .call(
            Some(&coordinator),
            &ProposeMentorTo { family_id: KAWABE },
            &ProposeMentor { mentor: mentor3_id },
        )
        .await;
    let (status, _) = app
        .call(
            Some(&coordinator),
            &WithdrawMentorProposal {
                family_id: KAWABE,
                proposal_id: third.id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _): (_, ApiError) = app
        .refusal(
            Some(&kawabe),
            &at(third.id),
            &answer(true, vec![ConsentScope::Contact]),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_mentor_logs_contacts_only_with_families_that_let_them_and_keeps_them_alone() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    let client = ClientId::from_u128(0x16_01);
    let me = demo::DEMO_MENTOR;
    let answer = app
        .push(
            &mentor,
            vec![
                contact_mutation(client, 1, contact_key(1), me, TAKADAI, "電話", None),
                contact_mutation(client, 2, contact_key(2), me, KAWABE, "電話", None),
                mutation(
                    client,
                    3,
                    contact_key(3),
                    vec![
                        change("family", FieldValue::Text(TAKADAI.to_string())),
                        change("on", FieldValue::Text("\"昨日\"".into())),
                        change("channel", FieldValue::Text("phone".into())),
                    ],
                ),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [
            Outcome::Applied,
            Outcome::Rejected {
                refusal: Refusal::NoConsent
            },
            Outcome::Rejected {
                refusal: Refusal::InvalidValue("on".into())
            },
        ]
    );
    // A contact never moves to another family.
    let moved = app
        .push(
            &mentor,
            vec![mutation(
                client,
                4,
                contact_key(1),
                vec![change(
                    "family",
                    FieldValue::Text(demo::DEMO_FAMILY.to_string()),
                )],
            )],
        )
        .await;
    assert_eq!(
        outcomes(&moved),
        [Outcome::Rejected {
            refusal: Refusal::NotAllowed
        }]
    );
    // A parent writes no contact; another mentor changes none.
    let takadai = app.sign_in("takadai").await;
    let parent_try = app
        .push(
            &takadai,
            vec![contact_mutation(
                ClientId::from_u128(0x16_02),
                1,
                contact_key(4),
                me,
                TAKADAI,
                "x",
                None,
            )],
        )
        .await;
    assert!(matches!(outcomes(&parent_try)[0], Outcome::Rejected { .. }));
    let mentor2 = app.sign_in("mentor2").await;
    let other_try = app
        .push(
            &mentor2,
            vec![text_mutation(
                ClientId::from_u128(0x16_03),
                1,
                contact_key(1),
                "x",
            )],
        )
        .await;
    assert!(matches!(outcomes(&other_try)[0], Outcome::Rejected { .. }));

    let mine = app.pull_everything(&mentor).await;
    assert!(keys_of(&mine, RecordType::MentorContact).contains(&contact_key(1)));

    // The family withdraws contact: the log of it leaves the mentor's devices.
    app.withdraw(&takadai, TAKADAI, me, ConsentScope::Contact)
        .await;
    let page = app.pull(&mentor, 0).await;
    assert!(page.forget.contains(&contact_key(1)));
    assert!(
        !keys_of(&page.records, RecordType::MentorContact)
            .iter()
            .any(|k| *k == contact_key(1))
    );
}

/// Every GET endpoint the model declares, its parameters filled for 高台.
fn every_read(record: RecordKey) -> Vec<String> {
    let family = TAKADAI.to_string();
    endpoints::ALL
        .iter()
        .filter(|e| e.method == endpoints::Method::Get)
        .map(|e| {
            format!("{}{}", endpoints::PREFIX, e.route)
                .replace("{family_id}", &family)
                .replace("{record_type}", record.record_type.as_str())
                .replace("{record_id}", &record.id.to_string())
                .replace("{code}", "nothing")
        })
        .collect()
}

#[tokio::test]
async fn a_contact_note_reaches_no_coordinator_other_mentor_or_parent() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    let client = ClientId::from_u128(0x16_10);
    let key = contact_key(10);
    let answer = app
        .push(
            &mentor,
            vec![contact_mutation(
                client,
                1,
                key,
                demo::DEMO_MENTOR,
                TAKADAI,
                CANARY,
                Some(tsunagu_server::cli::town_today()),
            )],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied]);
    assert!(
        serde_json::to_string(&app.pull_everything(&mentor).await)
            .unwrap()
            .contains("CANARY-CONTACT")
    );

    let mut readers = Vec::new();
    for login in ["coordinator", "mentor2", "takadai", "morikawa", "kawabe"] {
        readers.push((login, app.sign_in(login).await));
    }
    for (login, session) in &readers {
        let pulled = serde_json::to_string(&app.pull_everything(session).await).unwrap();
        assert!(!pulled.contains("CANARY-CONTACT"), "{login}'s pull");
        for path in every_read(key) {
            let body = app
                .client
                .get(format!("{}{path}", app.base))
                .header(reqwest::header::COOKIE, &session.0)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(!body.contains("CANARY-CONTACT"), "{login}: GET {path}");
        }
    }
    // The town's report counts it, and says nothing of it.
    let (_, months): (_, Vec<MentorMonth>) = app
        .call(Some(&readers[0].1), &MentorActivity {}, &NoContent)
        .await;
    let total: usize = months
        .iter()
        .filter(|m| m.mentor == demo::DEMO_MENTOR)
        .map(|m| m.contacts)
        .sum();
    assert_eq!(total, 5, "the demo's four and this one");
    let text = serde_json::to_string(&months).unwrap();
    assert!(!text.contains("CANARY") && !text.contains("高台"));
}

#[tokio::test]
async fn advice_goes_between_the_entrys_parent_and_its_mentor_and_leaves_with_the_sharing() {
    let app = spawn_app().await;
    let takadai = app.sign_in("takadai").await;
    let takadai_id = app.me(&takadai).await.id;
    let mentor = app.sign_in("mentor").await;
    let mentor_id = demo::DEMO_MENTOR;
    let parent_client = ClientId::from_u128(0x16_20);
    let share = |number, mentor: FieldValue| {
        mutation(
            parent_client,
            number,
            entry(20),
            vec![change("shared_with_mentor", mentor)],
        )
    };
    let answer = app
        .push(
            &takadai,
            vec![
                text_mutation(parent_client, 1, entry(20), "就学前に何を準備しましたか"),
                share(2, FieldValue::Text(mentor_id.to_string())),
            ],
        )
        .await;
    assert!(outcomes(&answer).iter().all(|o| *o == Outcome::Applied));

    let mentor_client = ClientId::from_u128(0x16_21);
    let advised = app
        .push(
            &mentor,
            vec![advice_mutation(
                mentor_client,
                1,
                advice_key(1),
                mentor_id,
                entry(20).id,
                "見学に行くと安心できました",
                false,
            )],
        )
        .await;
    assert_eq!(outcomes(&advised), [Outcome::Applied]);
    // Another mentor, and staff, say nothing on it.
    let mentor2 = app.sign_in("mentor2").await;
    let stranger = app
        .push(
            &mentor2,
            vec![advice_mutation(
                ClientId::from_u128(0x16_22),
                1,
                advice_key(2),
                app.me(&mentor2).await.id,
                entry(20).id,
                "横から",
                false,
            )],
        )
        .await;
    assert!(matches!(outcomes(&stranger)[0], Outcome::Rejected { .. }));

    let received = app.pull_everything(&takadai).await;
    let advice = received
        .iter()
        .find(|r| r.key == advice_key(1))
        .expect("the parent reads the answer");
    let read = Advice::read(advice.key.id, Some(advice.owner), &advice.fields).unwrap();
    assert_eq!(read.text, "見学に行くと安心できました");
    let coordinator = app.sign_in("coordinator").await;
    assert!(keys_of(&app.pull_everything(&coordinator).await, RecordType::Advice).is_empty());

    // The parent replies (and cannot mark it handled); the mentor marks it handled.
    let replies = app
        .push(
            &takadai,
            vec![
                advice_mutation(
                    parent_client,
                    3,
                    advice_key(3),
                    takadai_id,
                    entry(20).id,
                    "ありがとうございます",
                    false,
                ),
                advice_mutation(
                    parent_client,
                    4,
                    advice_key(4),
                    takadai_id,
                    entry(20).id,
                    "済",
                    true,
                ),
            ],
        )
        .await;
    assert_eq!(outcomes(&replies)[0], Outcome::Applied);
    assert!(matches!(outcomes(&replies)[1], Outcome::Rejected { .. }));
    let handled = app
        .push(
            &mentor,
            vec![mutation(
                mentor_client,
                2,
                advice_key(1),
                vec![change("handled", FieldValue::Bool(true))],
            )],
        )
        .await;
    assert_eq!(outcomes(&handled), [Outcome::Applied]);
    let mentors = app.pull_everything(&mentor).await;
    assert!(keys_of(&mentors, RecordType::Advice).contains(&advice_key(3)));

    // The parent stops sharing: the entry and its thread leave the mentor.
    let cursor = app.pull(&mentor, 0).await.cursor;
    let mut page_cursor = cursor;
    loop {
        let page = app.pull(&mentor, page_cursor).await;
        page_cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let unshared = app.push(&takadai, vec![share(5, FieldValue::Null)]).await;
    assert_eq!(outcomes(&unshared), [Outcome::Applied]);
    let page = app.pull(&mentor, page_cursor).await;
    for key in [entry(20), advice_key(1), advice_key(3)] {
        assert!(page.forget.contains(&key), "{key:?} forgotten: {page:?}");
    }
}

#[tokio::test]
async fn the_directory_reaches_everyone_new_accounts_too_and_a_retired_agency_leaves() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let takadai = app.sign_in("takadai").await;
    let mentor = app.sign_in("mentor").await;
    for session in [&takadai, &mentor, &coordinator] {
        let agencies = keys_of(&app.pull_everything(session).await, RecordType::Agency);
        assert!(
            agencies.len() >= 12,
            "the demo's directory: {}",
            agencies.len()
        );
    }
    let (_, listed): (_, Vec<Agency>) = app
        .call(Some(&coordinator), &ListAgencies {}, &NoContent)
        .await;
    let fields: std::collections::BTreeSet<_> = listed.iter().map(|a| a.field).collect();
    assert_eq!(fields.len(), 6, "every field covered");

    let id = uuid::Uuid::from_u128(0xa9e1);
    let mut new = agency(id, "  町 保健センター 分室  ");
    let (status, saved): (_, Agency) = app
        .call(Some(&coordinator), &SaveAgency { agency_id: id }, &new)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved.name, "町 保健センター 分室", "kept tidy");
    let key = RecordKey {
        record_type: RecordType::Agency,
        id,
    };
    assert!(keys_of(&app.pull_everything(&takadai).await, RecordType::Agency).contains(&key));

    // Someone who joins later finds the directory on their first sync.
    let invitation = app.invite_staff(Role::Mentor, "新しいメンター").await;
    app.accept_invitation(&invitation.code, "mentor-new", demo::DEMO_PASSWORD)
        .await;
    let newcomer = app.sign_in("mentor-new").await;
    assert!(keys_of(&app.pull_everything(&newcomer).await, RecordType::Agency).contains(&key));

    // Bad input is refused with the reason, and nothing is kept.
    new.website = "javascript:alert(1)".into();
    let (status, refused) = app
        .refusal(Some(&coordinator), &SaveAgency { agency_id: id }, &new)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(matches!(refused.problem, Some(Problem::Agency { .. })));
    let other = uuid::Uuid::from_u128(0xa9e2);
    let (status, _) = app
        .refusal(
            Some(&coordinator),
            &SaveAgency { agency_id: other },
            &agency(id, "x"),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the body's id is the path's"
    );
    let (status, _) = app
        .refusal(
            Some(&takadai),
            &SaveAgency { agency_id: id },
            &agency(id, "x"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Retired: devices forget it; the desk still lists it.
    let cursor = app.pull(&takadai, 0).await.cursor;
    let mut retired = agency(id, "町 保健センター 分室");
    retired.retired = true;
    let (status, _): (_, Agency) = app
        .call(Some(&coordinator), &SaveAgency { agency_id: id }, &retired)
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut forgotten = false;
    let mut at = cursor;
    loop {
        let page = app.pull(&takadai, at).await;
        forgotten |= page.forget.contains(&key);
        at = page.cursor;
        if !page.more {
            break;
        }
    }
    assert!(forgotten);
    let (_, listed): (_, Vec<Agency>) = app
        .call(Some(&coordinator), &ListAgencies {}, &NoContent)
        .await;
    assert!(listed.iter().any(|a| a.id == id && a.retired));
}

#[tokio::test]
async fn the_familys_team_names_its_meetings_people_with_the_directorys_phone() {
    let app = spawn_app().await;
    let takadai = app.sign_in("takadai").await;
    let (status, team): (_, Vec<TeamMember>) = app
        .call(
            Some(&takadai),
            &GetFamilyTeam { family_id: TAKADAI },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let specialist = team
        .iter()
        .find(|t| t.organisation == "相談支援事業所 ひだまり")
        .expect("the consultation support office");
    assert_eq!(specialist.phone, "0123-45-1005");
    assert!(
        team.iter()
            .any(|t| t.role == TeamRole::Coordinator && t.name == "青木 ゆうこ")
    );
    assert!(
        team.iter()
            .any(|t| t.role == TeamRole::Mentor && t.name == "佐々木 みどり")
    );
    assert!(
        !team
            .iter()
            .any(|t| matches!(t.role, TeamRole::Member(tsunagu_model::MemberRole::Parent)))
    );
    let morikawa = app.sign_in("morikawa").await;
    let (status, _) = app
        .refusal(
            Some(&morikawa),
            &GetFamilyTeam { family_id: TAKADAI },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_open_follow_up_is_in_the_mentors_calendar_feed_and_a_done_one_is_not() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    app.choose(&mentor, &ReminderChoices::default()).await;
    let url =
        app.make_feed(&mentor)
            .await
            .url
            .unwrap()
            .replacen("http://localhost:8080", &app.base, 1);
    let (_, _, text) = app.fetch_feed(&url).await;
    let (_, events) = parse_feed(&text);
    let follow_ups: Vec<_> = events
        .iter()
        .filter(|e| e.value("UID").is_some_and(|u| u.starts_with("follow-up-")))
        .collect();
    assert_eq!(follow_ups.len(), 2, "the demo's two open follow-ups");
    assert!(follow_ups.iter().all(|e| e.alarms == 1));
    assert!(
        !text.contains("高台") && !text.contains("森川"),
        "no family named"
    );

    // Done: it leaves the feed.
    let records = app.pull_everything(&mentor).await;
    let open = records
        .iter()
        .filter(|r| r.key.record_type == RecordType::MentorContact)
        .filter_map(|r| MentorContact::read(r.key.id, Some(r.owner), &r.fields))
        .find(|c| c.follow_up.is_some())
        .unwrap();
    let done = app
        .push(
            &mentor,
            vec![mutation(
                ClientId::from_u128(0x16_30),
                1,
                RecordKey {
                    record_type: RecordType::MentorContact,
                    id: open.id,
                },
                vec![change("followed_up", FieldValue::Bool(true))],
            )],
        )
        .await;
    assert_eq!(outcomes(&done), [Outcome::Applied]);
    let (_, _, text) = app.fetch_feed(&url).await;
    let (_, events) = parse_feed(&text);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.value("UID").is_some_and(|u| u.starts_with("follow-up-")))
            .count(),
        1
    );
}

#[tokio::test]
async fn a_follow_up_due_reaches_the_mentors_device_on_its_morning_once() {
    let receiver = crate::helpers::push_receiver::PushReceiver::bind().await;
    let app = crate::helpers::spawn_app_reaching(receiver.origin()).await;
    let scheduler = app.scheduler(&receiver).await;
    let mentor = app.sign_in("mentor").await;
    receiver.expect_server_key(&app.push_key(&mentor).await);
    let choices = ReminderChoices {
        push: true,
        ..ReminderChoices::default()
    };
    app.choose(&mentor, &choices).await;
    app.subscribe_receiver(&mentor, &receiver).await;
    let tomorrow = crate::helpers::today() + chrono::Duration::days(1);
    let answer = app
        .push(
            &mentor,
            vec![contact_mutation(
                ClientId::from_u128(0x16_40),
                1,
                contact_key(40),
                demo::DEMO_MENTOR,
                TAKADAI,
                "来週また電話する",
                Some(tomorrow),
            )],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied]);
    let hour = choices.settings.morning_hour();
    let morning = tomorrow.and_hms_opt(u32::from(hour), 0, 0).unwrap();

    let early = crate::helpers::remind_at(&scheduler, morning - chrono::Duration::minutes(1)).await;
    assert_eq!(early.delivered, 0, "not before its morning");
    let round = crate::helpers::remind_at(&scheduler, morning + chrono::Duration::minutes(1)).await;
    assert_eq!(round.delivered, 1, "{round:?}");
    let pushes = receiver.wait_for(1).await;
    let message = pushes[0].message.as_ref().expect("decrypted");
    assert_eq!(message["reminder"], "follow_up");
    assert_eq!(message["opens"], "/");
    let text = message.to_string();
    assert!(
        !text.contains("高台") && !text.contains("電話"),
        "nothing personal: {text}"
    );
    let again = crate::helpers::remind_at(&scheduler, morning + chrono::Duration::minutes(2)).await;
    assert_eq!(again.delivered, 0, "once");
}
