//! A family whose every text is a long unbroken URL (issue 11), written through
//! the API as its people would.

use tsunagu_model::{
    Child, ChildId, Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole, Role,
    SchoolYear,
    brought::ItemOutcome,
    meeting_record::{AgreedRole, MeetingOutcome, MeetingStatus},
    plan::{AgencyPart, GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary},
    sync::{ClientId, FieldValue, Mutation, Outcome, RecordKey, RecordType},
};

use crate::{ApiUser, Server, accept_invitation, change, mutation, revisioned};

/// An unbroken URL of `chars` characters: letters and digits only after the
/// host, so a browser finds no break opportunity anywhere in it.
pub fn long_url(chars: usize) -> String {
    let mut url = String::from("https://www.town.example.jp/");
    while url.chars().count() < chars {
        url.push_str("kosodateshien0123456789");
    }
    url.chars().take(chars).collect()
}

/// The family of [`long_text_family`]: everything a person can write there is a
/// long URL. Its people sign in with the demo password.
pub struct LongTextFamily {
    pub family: tsunagu_model::FamilyId,
    /// Held yesterday, with an outcome; one item answered, one carried.
    pub held: tsunagu_model::MeetingId,
    /// The next meeting, with two items still to bring.
    pub next: tsunagu_model::MeetingId,
    pub plan: tsunagu_model::plan::PlanId,
    /// Tagged, brought to both meetings, shared with the mentor.
    pub entry: String,
    /// The wording of an item brought to the next meeting, to withdraw.
    pub to_withdraw: String,
}

pub const LONG_PARENT: &str = "longparent";
pub const LONG_MENTOR: &str = "longmentor";
pub const LONG_COORDINATOR: &str = "longcoordinator";

/// Writes, through the server's API as its people would, a family where every
/// free-text field and every name (as long as each is allowed to be) is an
/// unbroken URL: the family, its child and school, a coordinator, a parent and a
/// mentor; meetings (purpose, place, link, organisations, agenda, direction,
/// tasks, follow-ups); published plans (every text, goals across two plans);
/// notebook entries with tags; brought items with an answer.
pub async fn long_text_family(server: &Server) -> LongTextFamily {
    let base = &server.base;
    let url = long_url(300);
    let name = long_url(100);
    let now = chrono::Utc::now();
    for (role, login) in [
        (Role::Coordinator, LONG_COORDINATOR),
        (Role::Mentor, LONG_MENTOR),
    ] {
        let invitation = server.invite(role, None, &name).await;
        accept_invitation(base, &invitation.code, login).await;
    }
    let coordinator = ApiUser::demo(server, LONG_COORDINATOR).await;
    let family = coordinator.register_family(&name).await.id;
    let today = tsunagu_server::cli::town_today();
    let child = ChildId::from_u128(0x11_0000_0000_4000_8000_0000_0000_0001);
    coordinator
        .register_child(&Child {
            id: child,
            family_id: family,
            given_name: name.clone(),
            birth_date: today - chrono::Duration::days(5 * 365 + 100),
            school: name.clone(),
        })
        .await;
    let link = coordinator.invite_parent(family, &name).await;
    accept_invitation(base, &link.code, LONG_PARENT).await;
    let parent = ApiUser::demo(server, LONG_PARENT).await;
    let mentor = parent
        .mentors()
        .await
        .into_iter()
        .find(|m| m.display_name == name)
        .map(|m| m.id)
        .expect("the long-named mentor is listed");
    // Every scope, each granted on its own (issue 16), so every screen of the
    // mentor's workspace has the long texts in it.
    for scope in tsunagu_model::consent::ConsentScope::ALL {
        parent.grant(family, mentor, scope).await;
    }

    // Three meetings, all held later than now at first so items can be brought.
    let meeting_id = |n: u128| MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0001_0000 + n);
    let (held, next, later) = (meeting_id(1), meeting_id(2), meeting_id(3));
    let meeting = |id: MeetingId, days: i64, nth: u16| {
        let starts = (today + chrono::Duration::days(days))
            .and_hms_opt(10, 0, 0)
            .expect("a time");
        Meeting {
            id,
            family_id: family,
            child_id: child,
            kind: MeetingKind::CaseMeeting,
            purpose: url.clone(),
            starts_at: starts,
            ends_at: starts + chrono::Duration::minutes(90),
            place: url.clone(),
            online_link: Some(url.clone()),
            series: MeetingSeries::new(nth, 3).ok(),
            members: MemberRole::ALL
                .into_iter()
                .map(|role| Member {
                    role,
                    organisation: url.clone(),
                })
                .collect(),
            status: MeetingStatus::Scheduled,
            agenda: vec![url.clone(), url.clone()],
            outcome: None,
        }
    };
    for (id, days, nth) in [(held, 3, 1), (next, 5, 2), (later, 20, 3)] {
        coordinator
            .save_meeting(&meeting(id, days, nth), None)
            .await;
    }

    // The parent's entries and items, as a device pushes them.
    let client = ClientId::from_u128(0x11_0000_0000_4000_8000_0000_0002_0000);
    let entry = tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0003_0001).0;
    let other_entry =
        tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0003_0002).0;
    let item = |n: u128| {
        tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0004_0000 + n).0
    };
    let text = |s: &str| FieldValue::Text(s.to_owned());
    let written = format!(
        "\"{}\"",
        tsunagu_model::iso::format_date_time(now.naive_utc() + chrono::Duration::hours(9))
    );
    let tags: Vec<String> = (0..10).map(|n| format!("{}{n}", long_url(29))).collect();
    let to_withdraw = format!("{}withdraw", long_url(292));
    let records: Vec<(RecordType, _, Vec<(&str, FieldValue)>)> = vec![
        (
            RecordType::NotebookEntry,
            entry,
            vec![
                ("kind", text("question")),
                ("text", text(&format!("{url}\n{url}"))),
                ("written_at", text(&written)),
                ("tags", text(&serde_json::to_string(&tags).expect("JSON"))),
                ("child", text(&child.to_string())),
                (
                    tsunagu_model::sync::SHARED_WITH_MENTOR,
                    text(&mentor.to_string()),
                ),
            ],
        ),
        (
            RecordType::NotebookEntry,
            other_entry,
            vec![
                ("kind", text("worry")),
                ("text", text(&url)),
                ("written_at", text(&written)),
            ],
        ),
    ]
    .into_iter()
    .chain(
        [
            (1, held, entry, url.clone()),
            (2, held, other_entry, url.clone()),
            (3, next, entry, to_withdraw.clone()),
            // From the entry brought already: the other one stays open from before.
            (4, next, entry, url.clone()),
        ]
        .into_iter()
        .map(|(n, meeting, from, wording)| {
            (
                RecordType::BroughtItem,
                item(n),
                vec![
                    ("meeting", text(&meeting.to_string())),
                    ("entry", text(&from.to_string())),
                    ("wording", FieldValue::Text(wording)),
                    ("position", FieldValue::Int(n as i64)),
                    ("withdrawn", FieldValue::Bool(false)),
                ],
            )
        }),
    )
    .collect();
    let mutations: Vec<Mutation> = records
        .into_iter()
        .enumerate()
        .map(|(n, (record_type, id, changes))| {
            mutation(
                client,
                n as u64 + 1,
                RecordKey { record_type, id },
                changes
                    .into_iter()
                    .map(|(field, value)| change(field, value))
                    .collect(),
            )
        })
        .collect();
    let pushed = parent.push(mutations).await;
    assert!(
        !pushed.results.is_empty() && pushed.results.iter().all(|r| r.outcome == Outcome::Applied),
        "every change applied: {pushed:?}"
    );

    // The first meeting was held yesterday: what it agreed, what became of each item.
    let revision = revisioned(coordinator.meetings(family).await, held).revision;
    let mut done = meeting(held, -1, 1);
    done.status = MeetingStatus::Held;
    done.outcome = Some(MeetingOutcome {
        direction: url.clone(),
        roles: MemberRole::ALL
            .into_iter()
            .map(|role| AgreedRole {
                role,
                organisation: url.clone(),
                task: url.clone(),
            })
            .collect(),
        next_target: Some(today + chrono::Duration::days(30)),
        follow_ups: vec![url.clone()],
    });
    coordinator.save_meeting(&done, Some(revision)).await;
    for (n, outcome) in [
        (
            1,
            ItemOutcome::Answered {
                answer: url.clone(),
            },
        ),
        (2, ItemOutcome::Carried),
    ] {
        coordinator.record_outcome(family, item(n), &outcome).await;
    }

    // Two published support plans, the goal carried from the first to the second.
    let goal = GoalId::from_u128(0x11_0000_0000_4000_8000_0000_0005_0001);
    let year = SchoolYear::containing(today);
    let plan_id = |n: u128| PlanId::from_u128(0x11_0000_0000_4000_8000_0000_0006_0000 + n);
    let plan = |id: PlanId, year: SchoolYear, status: GoalStatus| PlanSummary {
        id,
        child,
        kind: PlanKind::SupportPlan,
        period: PlanPeriod { year, term: None },
        published: true,
        strengths_and_needs: url.clone(),
        parent_wishes: url.clone(),
        child_wishes: url.clone(),
        goals: vec![PlanGoal {
            id: goal,
            text: format!("{url}{}", status.as_str()),
            status,
        }],
        supports: vec![url.clone(), url.clone()],
        agency_parts: vec![AgencyPart {
            agency: url.clone(),
            part: url.clone(),
        }],
        evaluation: Some(url.clone()),
    };
    let (earlier, current) = (plan_id(1), plan_id(2));
    for (id, year, status) in [
        (
            earlier,
            SchoolYear::starting_in(year.start_year() - 1),
            GoalStatus::New,
        ),
        (current, year, GoalStatus::Revised),
    ] {
        coordinator
            .save_new_plan(family, &plan(id, year, status))
            .await;
    }
    LongTextFamily {
        family,
        held,
        next,
        plan: current,
        entry: entry.to_string(),
        to_withdraw,
    }
}
