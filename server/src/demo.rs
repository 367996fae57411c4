//! Fictional demo data in the shape of the town's three case-meeting examples:
//! a nursery child's support plan, a school child's life after hospital, and a
//! child with medical care starting school.
//!
//! Dates are placed around the day the data is first loaded, so the demo always
//! has meetings behind and ahead of it. Loading again changes nothing: every row
//! has a fixed id and is inserted only if absent.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use sqlx::{Sqlite, SqlitePool, Transaction};
use tsunagu_model::{
    ChildId, FamilyId, MeetingId, MeetingKind, MeetingSeries, MemberRole, PersonId, Role,
    SchoolYear,
};

use crate::{ApiError, auth::password, clock};

/// The password of every demo account. The accounts and their data are fictional;
/// a real server never runs `demo`.
pub const DEMO_PASSWORD: &str = "tsunagu-demo";

/// (id, role, name, login, family) of the demo accounts.
const PEOPLE: [(PersonId, Role, &str, &str, Option<FamilyId>); 5] = [
    (
        DEMO_PARENT,
        Role::Parent,
        "森川 さとみ",
        "morikawa",
        Some(DEMO_FAMILY),
    ),
    (
        person(2),
        Role::Parent,
        "川辺 まさし",
        "kawabe",
        Some(KAWABE),
    ),
    (
        person(3),
        Role::Parent,
        "高台 あや",
        "takadai",
        Some(TAKADAI),
    ),
    (
        person(4),
        Role::Coordinator,
        "青木 ゆうこ",
        "coordinator",
        None,
    ),
    (DEMO_MENTOR, Role::Mentor, "佐々木 みどり", "mentor", None),
];

/// The demo parent of the 森川 family (login `morikawa`).
pub const DEMO_PARENT: PersonId = person(1);

/// The demo's parent mentor; the 高台 family lets her see its meeting dates.
pub const DEMO_MENTOR: PersonId = person(5);
const DEMO_CONSENT: &str = "7a3b0005-0000-4000-8000-000000000001";

const fn person(n: u128) -> PersonId {
    PersonId::from_u128(0x7a3b_0004_0000_4000_8000_0000_0000_0000 + n)
}

/// The family the demo is told from: the first the app shows.
pub const DEMO_FAMILY: FamilyId = FamilyId::from_u128(0x7a3b_0001_0000_4000_8000_0000_0000_0001);
const KAWABE: FamilyId = FamilyId::from_u128(0x7a3b_0001_0000_4000_8000_0000_0000_0002);
const TAKADAI: FamilyId = FamilyId::from_u128(0x7a3b_0001_0000_4000_8000_0000_0000_0003);

const HARUTO: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0001);
const SAKURA: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0002);
const YUI: ChildId = ChildId::from_u128(0x7a3b_0002_0000_4000_8000_0000_0000_0003);

fn meeting_id(n: u128) -> MeetingId {
    MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0000 + n)
}

struct DemoMeeting {
    id: MeetingId,
    family: FamilyId,
    child: ChildId,
    kind: MeetingKind,
    purpose: &'static str,
    starts_at: NaiveDateTime,
    place: &'static str,
    series: Option<(u16, u16)>,
    members: &'static [MemberRole],
}

/// Loads the demo data as of `today` in one transaction.
pub async fn load(db: &SqlitePool, today: NaiveDate) -> Result<(), ApiError> {
    let year = SchoolYear::containing(today).start_year();
    // Hashed before the transaction: it is slow on purpose.
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let created_at = clock::to_text(chrono::Utc::now());
    let mut tx = db.begin().await?;

    for (id, name) in [
        (DEMO_FAMILY, "森川さん"),
        (KAWABE, "川辺さん"),
        (TAKADAI, "高台さん"),
    ] {
        sqlx::query(
            "INSERT INTO families (id, display_name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(name)
        .execute(&mut *tx)
        .await?;
    }

    // Birth dates chosen so each child is at the seed's stage in the current school
    // year: 年中, 小4 and 年長.
    for (id, family, name, birth) in [
        (HARUTO, DEMO_FAMILY, "はると", ymd(year - 5, 8, 14)),
        (SAKURA, KAWABE, "さくら", ymd(year - 10, 6, 3)),
        (YUI, TAKADAI, "ゆい", ymd(year - 6, 11, 30)),
    ] {
        sqlx::query(
            "INSERT INTO children (id, family_id, given_name, birth_date) VALUES (?, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(family.to_string())
        .bind(name)
        .bind(tsunagu_model::iso::format_date(birth))
        .execute(&mut *tx)
        .await?;
    }

    for m in meetings(today) {
        insert_meeting(&mut tx, &m).await?;
    }

    for (id, role, name, login, family) in PEOPLE {
        let inserted = sqlx::query(
            "INSERT INTO people (id, role, display_name, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(role.as_str())
        .bind(name)
        .bind(&created_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            continue;
        }
        if let Some(family) = family {
            sqlx::query("INSERT INTO family_parents (family_id, person_id) VALUES (?, ?)")
                .bind(family.to_string())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO password_logins (person_id, login, password_hash, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(login)
        .bind(&password_hash)
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO consents (id, family_id, mentor_id, scope, granted_by, granted_at)
         VALUES (?, ?, ?, 'meeting_dates', ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(DEMO_CONSENT)
    .bind(TAKADAI.to_string())
    .bind(DEMO_MENTOR.to_string())
    .bind(person(3).to_string())
    .bind(&created_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn insert_meeting(
    tx: &mut Transaction<'_, Sqlite>,
    m: &DemoMeeting,
) -> Result<(), sqlx::Error> {
    let series = m
        .series
        .and_then(|(nth, planned)| MeetingSeries::new(nth, planned).ok());
    let inserted = sqlx::query(
        "INSERT INTO meetings (id, family_id, child_id, kind, purpose, starts_at, place, series_nth, series_planned)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(m.id.to_string())
    .bind(m.family.to_string())
    .bind(m.child.to_string())
    .bind(m.kind.as_str())
    .bind(m.purpose)
    .bind(tsunagu_model::iso::format_date_time(m.starts_at))
    .bind(m.place)
    .bind(series.map(|s| i64::from(s.nth())))
    .bind(series.map(|s| i64::from(s.planned())))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(());
    }
    for (position, role) in m.members.iter().enumerate() {
        sqlx::query("INSERT INTO meeting_members (meeting_id, position, role) VALUES (?, ?, ?)")
            .bind(m.id.to_string())
            .bind(position as i64)
            .bind(role.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn meetings(today: NaiveDate) -> Vec<DemoMeeting> {
    use MemberRole::*;
    const PLAN_MEMBERS: &[MemberRole] = &[
        Parent,
        ClassTeacher,
        ExtraTeacher,
        ConsultationSupportSpecialist,
        Therapist,
        RegionalCoordinator,
    ];
    const DISCHARGE_MEMBERS: &[MemberRole] = &[
        Child,
        Parent,
        ClassTeacher,
        SchoolSpecialNeedsCoordinator,
        ConsultationSupportSpecialist,
        Doctor,
        Nurse,
        SocialWorker,
        PublicHealthNurse,
        RegionalCoordinator,
    ];
    const SCHOOL_ENTRY_MEMBERS: &[MemberRole] = &[
        Parent,
        Principal,
        ClassTeacher,
        ConsultationSupportSpecialist,
        VicePrincipal,
        SchoolSpecialNeedsCoordinator,
        VisitingNurseManager,
        Nurse,
        PublicHealthNurse,
        RegionalCoordinator,
    ];
    let at = |days: i64, h: u32, min: u32| {
        (today + Duration::days(days))
            .and_hms_opt(h, min, 0)
            .unwrap_or_default()
    };
    let plan = |n: u128, nth: u16, starts_at: NaiveDateTime| DemoMeeting {
        id: meeting_id(n),
        family: DEMO_FAMILY,
        child: HARUTO,
        kind: MeetingKind::CaseMeeting,
        purpose: "個別の教育支援計画の作成",
        starts_at,
        place: "子育て支援課 相談室",
        series: Some((nth, 4)),
        members: PLAN_MEMBERS,
    };
    let bridge_day = next_bridge_conference_day(today);
    vec![
        plan(1, 1, at(-70, 10, 0)),
        plan(2, 2, at(-28, 14, 0)),
        plan(3, 3, at(9, 15, 30)),
        DemoMeeting {
            id: meeting_id(4),
            family: DEMO_FAMILY,
            child: HARUTO,
            kind: MeetingKind::ItinerantConsultation,
            purpose: "園での過ごし方と声かけの工夫を一緒に考える",
            starts_at: at(20, 10, 30),
            place: "みなみ保育園 ひよこ組",
            series: None,
            members: &[ClassTeacher, ExtraTeacher, Therapist, RegionalCoordinator],
        },
        DemoMeeting {
            id: meeting_id(5),
            family: KAWABE,
            child: SAKURA,
            kind: MeetingKind::CaseMeeting,
            purpose: "退院後の生活環境の調整(放課後等デイサービスへの訪問看護師の派遣)",
            starts_at: at(-14, 16, 0),
            place: "ひがし小学校 会議室",
            series: Some((2, 3)),
            members: DISCHARGE_MEMBERS,
        },
        DemoMeeting {
            id: meeting_id(6),
            family: KAWABE,
            child: SAKURA,
            kind: MeetingKind::CaseMeeting,
            purpose: "退院後の生活環境の調整(放課後等デイサービスへの訪問看護師の派遣)",
            starts_at: at(16, 16, 0),
            place: "ひがし小学校 会議室",
            series: Some((3, 3)),
            members: DISCHARGE_MEMBERS,
        },
        DemoMeeting {
            id: meeting_id(7),
            family: TAKADAI,
            child: YUI,
            kind: MeetingKind::CaseMeeting,
            purpose: "医療的ケアが必要な子の就学に向けて",
            starts_at: at(5, 13, 30),
            place: "さくら認定こども園 会議室",
            series: Some((3, 5)),
            members: SCHOOL_ENTRY_MEMBERS,
        },
        DemoMeeting {
            id: meeting_id(8),
            family: TAKADAI,
            child: YUI,
            kind: MeetingKind::BridgeConference,
            purpose: "園から小学校へ、支援と様子を引き継ぐ",
            starts_at: bridge_day.and_hms_opt(14, 0, 0).unwrap_or_default(),
            place: "ひがし小学校 会議室",
            series: None,
            members: &[
                Parent,
                Principal,
                ClassTeacher,
                VicePrincipal,
                SchoolSpecialNeedsCoordinator,
                RegionalCoordinator,
            ],
        },
    ]
}

/// Bridge conferences are held in October and February; the demo's is the next one.
fn next_bridge_conference_day(today: NaiveDate) -> NaiveDate {
    let y = today.year();
    [ymd(y, 2, 10), ymd(y, 10, 15), ymd(y + 1, 2, 10)]
        .into_iter()
        .find(|d| *d > today)
        .unwrap_or_else(|| ymd(y + 1, 2, 10))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsunagu_model::{ChildStage, NurseryYear};

    #[test]
    fn bridge_conferences_fall_in_october_or_february_ahead() {
        for (today, expected) in [
            (ymd(2026, 11, 23), ymd(2027, 2, 10)),
            (ymd(2027, 1, 5), ymd(2027, 2, 10)),
            (ymd(2027, 3, 1), ymd(2027, 10, 15)),
        ] {
            assert_eq!(next_bridge_conference_day(today), expected);
        }
    }

    #[test]
    fn the_demo_children_are_at_the_seeds_stages() {
        for today in [ymd(2026, 4, 1), ymd(2026, 11, 23), ymd(2027, 3, 31)] {
            let year = SchoolYear::containing(today).start_year();
            assert_eq!(
                ChildStage::on(ymd(year - 5, 8, 14), today),
                Some(ChildStage::Nursery(NurseryYear::Middle))
            );
            assert_eq!(
                ChildStage::on(ymd(year - 10, 6, 3), today),
                Some(ChildStage::Elementary(4))
            );
            assert_eq!(
                ChildStage::on(ymd(year - 6, 11, 30), today),
                Some(ChildStage::Nursery(NurseryYear::Older))
            );
        }
    }
}
