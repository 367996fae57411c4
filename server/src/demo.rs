//! Fictional demo data in the shape of the town's three case-meeting examples:
//! a nursery child's support plan over 4 meetings, a school child's life after
//! hospital over 3 (and her own meeting in 5th grade), and a child with medical
//! care starting school over 5, with bridge conferences in October and February;
//! plan summaries with goals carried across years, and a draft no parent sees.
//!
//! Dates are placed around the day the data is first loaded, so the demo always
//! has meetings behind and ahead of it. Loading again changes nothing: every row
//! has a fixed id and is inserted only if absent (through the store).
//!
//! Longer than most files: most of it is the demo's data, one table of meetings
//! and one of plans, read best top to bottom as the town's story; splitting it
//! would only scatter that story.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use sqlx::SqlitePool;
use tsunagu_model::{
    Child, ChildId, Family, FamilyId, Meeting, MeetingId, MeetingKind, MeetingSeries, Member,
    MemberRole, PersonId, Role, SchoolYear, Term, TypedRecord,
    answer::{Attendance, MeetingAnswer},
    consent::{ConsentId, ConsentScope, ProposalId},
    directory::{Agency, AgencyField},
    meeting_record::{AgreedRole, MeetingOutcome, MeetingStatus},
    mentor::{ContactChannel, MentorContact},
    plan::{AgencyPart, GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary},
    sync::{Clock, RecordKey, RecordType, document},
};

use crate::{
    ApiError,
    auth::password,
    store::{Store, Tx, consents::NewConsent},
    sync,
};

/// The password of every demo account. The accounts and their data are fictional;
/// a real server never runs `demo`.
pub const DEMO_PASSWORD: &str = "tsunagu-demo";

/// (id, role, name, login, family) of the demo accounts.
const PEOPLE: [(PersonId, Role, &str, &str, Option<FamilyId>); 8] = [
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
        DEMO_COORDINATOR,
        Role::Coordinator,
        "青木 ゆうこ",
        "coordinator",
        None,
    ),
    (DEMO_MENTOR, Role::Mentor, "佐々木 みどり", "mentor", None),
    (person(6), Role::Mentor, "田中 ひろみ", "mentor2", None),
    (person(7), Role::Mentor, "山本 けいこ", "mentor3", None),
    (
        PROPOSED_MENTOR,
        Role::Mentor,
        "中村 ともこ",
        "mentor4",
        None,
    ),
];

/// The mentor a coordinator proposed to the 川辺 family, waiting for its answer.
const PROPOSED_MENTOR: PersonId = person(8);
const DEMO_PROPOSAL: ProposalId = ProposalId::from_u128(0x7a3b_000c_0000_4000_8000_0000_0000_0001);

/// The demo parent of the 森川 family (login `morikawa`).
pub const DEMO_PARENT: PersonId = person(1);

/// The demo's coordinator (login `coordinator`), who wrote the demo's meetings and plans.
pub const DEMO_COORDINATOR: PersonId = person(4);

/// The demo's parent mentor, paired with two families: the 高台 family lets her
/// keep contact, see its meeting dates and the entries it shares; the 森川 family
/// lets her keep contact and read what it shares.
pub const DEMO_MENTOR: PersonId = person(5);

const fn consent_id(n: u128) -> ConsentId {
    ConsentId::from_u128(0x7a3b_0005_0000_4000_8000_0000_0000_0000 + n)
}

/// (consent, family, granted by, scope) of the demo mentor's consents.
const CONSENTS: [(ConsentId, FamilyId, PersonId, ConsentScope); 5] = [
    (
        consent_id(1),
        TAKADAI,
        person(3),
        ConsentScope::MeetingDates,
    ),
    (consent_id(2), TAKADAI, person(3), ConsentScope::Contact),
    (
        consent_id(3),
        TAKADAI,
        person(3),
        ConsentScope::SharedEntries,
    ),
    (
        consent_id(4),
        DEMO_FAMILY,
        DEMO_PARENT,
        ConsentScope::Contact,
    ),
    (
        consent_id(5),
        DEMO_FAMILY,
        DEMO_PARENT,
        ConsentScope::SharedEntries,
    ),
];

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

/// Loads the demo data as of `today` in one transaction.
/// 川辺's answer to their next meeting.
const DEMO_ANSWER: uuid::Uuid = uuid::Uuid::from_u128(0x7a3b_000a_0000_4000_8000_0000_0000_0001);

pub async fn load(db: &SqlitePool, today: NaiveDate) -> Result<(), ApiError> {
    let year = SchoolYear::containing(today).start_year();
    // Hashed before the transaction: it is slow on purpose.
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let created_at = chrono::Utc::now();
    let mut tx = Store::new(db.clone()).begin().await?;

    for (id, name) in [
        (DEMO_FAMILY, "森川さん"),
        (KAWABE, "川辺さん"),
        (TAKADAI, "高台さん"),
    ] {
        let family = Family {
            id,
            display_name: name.to_owned(),
        };
        tx.add_family_if_absent(&family).await?;
    }

    // Birth dates chosen so each child is at the seed's stage in the current school
    // year: 年中, 小5 (old enough for the child's own meeting) and 年長.
    for (id, family_id, given_name, birth_date, school) in [
        (
            HARUTO,
            DEMO_FAMILY,
            "はると",
            ymd(year - 5, 8, 14),
            "みなみ保育園",
        ),
        (
            SAKURA,
            KAWABE,
            "さくら",
            ymd(year - 11, 6, 3),
            "ひがし小学校",
        ),
        (
            YUI,
            TAKADAI,
            "ゆい",
            ymd(year - 6, 11, 30),
            "さくら認定こども園",
        ),
    ] {
        let child = Child {
            id,
            family_id,
            given_name: given_name.to_owned(),
            birth_date,
            school: school.to_owned(),
        };
        tx.add_child_if_absent(&child).await?;
    }

    for (id, role, name, login, family) in PEOPLE {
        if !tx.add_person_if_absent(id, role, name, created_at).await? {
            continue;
        }
        if let Some(family) = family {
            tx.add_demo_parent(family, id).await?;
        }
        tx.add_password_login_if_absent(id, login, &password_hash, created_at)
            .await?;
    }
    for (id, family, granted_by, scope) in CONSENTS {
        tx.grant_consent(&NewConsent {
            id,
            family,
            mentor: DEMO_MENTOR,
            scope,
            granted_by,
            granted_at: created_at,
        })
        .await?;
    }
    tx.add_proposal(
        DEMO_PROPOSAL,
        KAWABE,
        PROPOSED_MENTOR,
        DEMO_COORDINATOR,
        created_at,
    )
    .await?;
    // After the people: the coordinator writes them, the parents receive them.
    let clock = crate::clock::server_clock()?;
    for meeting in meetings(today) {
        let key = RecordKey {
            record_type: RecordType::Meeting,
            id: meeting.id.0,
        };
        write_once(&mut tx, &clock, meeting.family_id, key, &meeting).await?;
    }
    for (family, plan) in plans(today) {
        let key = RecordKey {
            record_type: RecordType::PlanSummary,
            id: plan.id.0,
        };
        write_once(&mut tx, &clock, family, key, &plan).await?;
    }
    // 川辺's father cannot come on the date of their next meeting and says so:
    // the desk shows it beside the meeting.
    if let Some(next) = meetings(today)
        .into_iter()
        .filter(|m| m.family_id == KAWABE && m.starts_at.date() > today)
        .min_by_key(|m| m.starts_at)
    {
        let answer = MeetingAnswer {
            id: DEMO_ANSWER,
            owner: person(2),
            meeting: next.id,
            answer: Attendance::DiscussDate,
            note: "その週は出張です。翌週なら参加できます".to_owned(),
            answered_at: today.pred_opt().and_then(|d| d.and_hms_opt(20, 15, 0)),
        };
        let key = RecordKey {
            record_type: RecordType::MeetingAnswer,
            id: DEMO_ANSWER,
        };
        if tx.record(key).await?.is_none() {
            sync::write_family_record(&mut tx, &clock, person(2), KAWABE, key, answer.changes())
                .await?;
        }
    }
    for agency in agencies() {
        let key = RecordKey {
            record_type: RecordType::Agency,
            id: agency.id,
        };
        write_record_once(&mut tx, &clock, DEMO_COORDINATOR, key, agency.changes()).await?;
    }
    mentor_work(&mut tx, &clock, today).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes a record of the town's or a person's (no family's) once, as `author`.
async fn write_record_once(
    tx: &mut Tx<'_>,
    clock: &Clock,
    author: PersonId,
    key: RecordKey,
    changes: Vec<(String, tsunagu_model::sync::FieldValue)>,
) -> Result<(), ApiError> {
    if tx.record(key).await?.is_some() {
        return Ok(());
    }
    sync::write_staff_record(tx, clock, author, None, key, changes).await
}

fn demo_id(kind: u128, n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(0x7a3b_0000_0000_4000_8000_0000_0000_0000 + (kind << 80) + n)
}

/// The mentor's side of the demo: her contact log (a follow-up overdue, one coming).
async fn mentor_work(tx: &mut Tx<'_>, clock: &Clock, today: NaiveDate) -> Result<(), ApiError> {
    let key = |record_type, id| RecordKey { record_type, id };
    let days = |n: i64| today + Duration::days(n);
    let contacts = [
        (
            1,
            TAKADAI,
            -20,
            ContactChannel::ParentsGroup,
            "親の会で就学の話を聞きたいとのこと。",
            None,
            false,
        ),
        (
            2,
            TAKADAI,
            -6,
            ContactChannel::Phone,
            "就学相談の流れを説明。見学の日程を一緒に考える。",
            Some(days(2)),
            false,
        ),
        (
            3,
            DEMO_FAMILY,
            -10,
            ContactChannel::Visit,
            "ご自宅で30分。園の先生との面談の前に話を整理した。",
            Some(days(-1)),
            false,
        ),
        (
            4,
            DEMO_FAMILY,
            -3,
            ContactChannel::Message,
            "面談の日程が決まったと連絡あり。",
            None,
            false,
        ),
    ];
    for (n, family, on, channel, note, follow_up, followed_up) in contacts {
        let contact = MentorContact {
            id: demo_id(0xf, n),
            mentor: DEMO_MENTOR,
            family,
            on: days(on),
            channel,
            note: note.to_owned(),
            follow_up,
            followed_up,
        };
        write_record_once(
            tx,
            clock,
            DEMO_MENTOR,
            key(RecordType::MentorContact, contact.id),
            contact.changes(),
        )
        .await?;
    }
    Ok(())
}

/// The town's support directory: fictional agencies of every kind the seed
/// names, in all six fields.
fn agencies() -> Vec<Agency> {
    use AgencyField::{Childcare, Education, Employment, Health, Medical, Welfare};
    /// (number, field, name, reading, what they do, phone, hours, address)
    type Row = (
        u128,
        AgencyField,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    let rows: [Row; 15] = [
        (
            1,
            Health,
            "町 保健センター",
            "まち ほけんせんたー",
            "乳幼児健診、発達の相談、保健師の家庭訪問。",
            "0123-45-1001",
            "平日 8:30〜17:15",
            "本町1-2-3 役場となり",
        ),
        (
            2,
            Welfare,
            "町 子育て支援課",
            "まち こそだてしえんか",
            "地域コーディネーターの窓口。支援会議の調整、子育ての相談。",
            "0123-45-1002",
            "平日 8:30〜17:15",
            "本町1-1 役場2階",
        ),
        (
            3,
            Welfare,
            "町立 児童発達支援センター ひまわり",
            "ちょうりつ じどうはったつしえんせんたー ひまわり",
            "発達の相談、療育、保育所等訪問支援。",
            "0123-45-1003",
            "平日 9:00〜17:00",
            "緑町4-5",
        ),
        (
            4,
            Welfare,
            "児童発達支援センター こばと",
            "じどうはったつしえんせんたー こばと",
            "未就学児の療育(個別・集団)、言語聴覚士による相談。",
            "0123-45-1004",
            "月〜土 9:00〜17:30",
            "桜町2-8",
        ),
        (
            5,
            Welfare,
            "相談支援事業所 ひだまり",
            "そうだんしえんじぎょうしょ ひだまり",
            "障害児支援利用計画の作成(計画相談)、サービスの調整。",
            "0123-45-1005",
            "平日 9:00〜18:00",
            "本町3-7-1",
        ),
        (
            6,
            Welfare,
            "放課後等デイサービス にじいろ",
            "ほうかごとうでいさーびす にじいろ",
            "小中学生の放課後と長期休みの居場所、生活と学習の支援。",
            "0123-45-1006",
            "平日 13:00〜18:00、休日 9:00〜17:00",
            "川沿町6-2",
        ),
        (
            7,
            Childcare,
            "みなみ保育園",
            "みなみほいくえん",
            "0〜5歳の保育、加配保育士による支援。",
            "0123-45-1007",
            "7:00〜19:00",
            "南町1-10",
        ),
        (
            8,
            Childcare,
            "さくら認定こども園",
            "さくらにんていこどもえん",
            "保育と幼児教育、看護師が常駐(医療的ケア)。",
            "0123-45-1008",
            "7:30〜18:30",
            "桜町5-1",
        ),
        (
            9,
            Education,
            "町 教育支援センター",
            "まち きょういくしえんせんたー",
            "就学相談、通級指導教室、学校生活の相談。",
            "0123-45-1009",
            "平日 8:30〜17:00",
            "文教町2-3 教育委員会内",
        ),
        (
            10,
            Education,
            "ひがし小学校",
            "ひがししょうがっこう",
            "特別支援学級、特別支援教育コーディネーター。",
            "0123-45-1010",
            "平日 8:00〜16:45",
            "東町3-1",
        ),
        (
            11,
            Medical,
            "町立病院 小児科",
            "ちょうりつびょういん しょうにか",
            "小児科の診療、発達外来(予約制)。地域連携室が退院後の相談に応じます。",
            "0123-45-1011",
            "平日 8:30〜11:30(受付)",
            "中央町1-1",
        ),
        (
            12,
            Medical,
            "訪問看護ステーション あおば",
            "ほうもんかんごすてーしょん あおば",
            "医療的ケアのあるお子さんの訪問看護、通園・通学の付き添いの相談。",
            "0123-45-1012",
            "24時間連絡可",
            "青葉町2-4",
        ),
        (
            13,
            Medical,
            "こどもリハビリクリニック つくし",
            "こどもりはびりくりにっく つくし",
            "理学療法・作業療法・言語療法(療育の専門職)。",
            "0123-45-1013",
            "火〜土 9:00〜18:00",
            "中央町4-6",
        ),
        (
            14,
            Employment,
            "障害者就業・生活支援センター みらい",
            "しょうがいしゃしゅうぎょう・せいかつしえんせんたー みらい",
            "卒業後の仕事と暮らしの相談、職場実習の調整。",
            "0123-45-1014",
            "平日 9:00〜17:00",
            "駅前町1-3",
        ),
        (
            15,
            Employment,
            "就労移行支援事業所 はばたき",
            "しゅうろういこうしえんじぎょうしょ はばたき",
            "働くための訓練と就職活動の支援(原則18歳から)。",
            "0123-45-1015",
            "平日 9:30〜16:00",
            "駅前町2-9",
        ),
    ];
    rows.into_iter()
        .map(
            |(n, field, name, reading, does, phone, hours, address)| Agency {
                id: demo_id(0xb, n),
                field,
                name: name.to_owned(),
                reading: reading.to_owned(),
                does: does.to_owned(),
                phone: phone.to_owned(),
                hours: hours.to_owned(),
                address: address.to_owned(),
                website: String::new(),
                notes: String::new(),
                retired: false,
            },
        )
        .collect()
}

/// Writes a meeting or plan of the demo as the demo coordinator, once.
async fn write_once<T: serde::Serialize>(
    tx: &mut Tx<'_>,
    clock: &Clock,
    family: FamilyId,
    key: RecordKey,
    doc: &T,
) -> Result<(), ApiError> {
    if tx.record(key).await?.is_some() {
        return Ok(());
    }
    let fields = document::to_fields(doc)
        .ok_or_else(|| ApiError::Internal("demo document is not an object".to_owned()))?;
    sync::write_family_record(tx, clock, DEMO_COORDINATOR, family, key, fields).await
}

fn member(role: MemberRole, organisation: &str) -> Member {
    Member {
        role,
        organisation: organisation.to_owned(),
    }
}

fn agreed(role: MemberRole, organisation: &str, task: &str) -> AgreedRole {
    AgreedRole {
        role,
        organisation: organisation.to_owned(),
        task: task.to_owned(),
    }
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The demo's meetings, placed around `today`: the ones before it were held (with
/// what was agreed), the ones after it are scheduled.
fn meetings(today: NaiveDate) -> Vec<Meeting> {
    use MemberRole::*;
    let nursery = "みなみ保育園";
    let plan_members = vec![
        member(Parent, ""),
        member(ClassTeacher, nursery),
        member(ExtraTeacher, nursery),
        member(ConsultationSupportSpecialist, "相談支援事業所 ひだまり"),
        member(Therapist, "児童発達支援センター こばと"),
        member(RegionalCoordinator, "町 子育て支援課"),
    ];
    let school = "ひがし小学校";
    let discharge_members = vec![
        member(Child, ""),
        member(Parent, ""),
        member(ClassTeacher, school),
        member(SchoolSpecialNeedsCoordinator, school),
        member(ConsultationSupportSpecialist, "相談支援事業所 ひだまり"),
        member(Doctor, "町立病院 小児科"),
        member(VisitingNurseManager, "訪問看護ステーション あおば"),
        member(SocialWorker, "町立病院 地域連携室"),
        member(PublicHealthNurse, "町 保健センター"),
        member(RegionalCoordinator, "町 子育て支援課"),
    ];
    let kodomoen = "さくら認定こども園";
    let entry_members = vec![
        member(Parent, ""),
        member(Principal, school),
        member(VicePrincipal, school),
        member(SchoolSpecialNeedsCoordinator, school),
        member(ClassTeacher, kodomoen),
        member(Nurse, kodomoen),
        member(ConsultationSupportSpecialist, "相談支援事業所 ひだまり"),
        member(VisitingNurseManager, "訪問看護ステーション あおば"),
        member(PublicHealthNurse, "町 保健センター"),
        member(RegionalCoordinator, "町 子育て支援課"),
    ];
    let at = |days: i64, h: u32, min: u32| {
        (today + Duration::days(days))
            .and_hms_opt(h, min, 0)
            .unwrap_or_default()
    };
    let base =
        |n: u128, family, child, kind, purpose: &str, starts: NaiveDateTime, minutes: i64| {
            let held = starts.date() < today;
            Meeting {
                id: meeting_id(n),
                family_id: family,
                child_id: child,
                kind,
                purpose: purpose.to_owned(),
                starts_at: starts,
                ends_at: starts + Duration::minutes(minutes),
                place: String::new(),
                online_link: None,
                series: None,
                members: Vec::new(),
                status: if held {
                    MeetingStatus::Held
                } else {
                    MeetingStatus::Scheduled
                },
                agenda: Vec::new(),
                outcome: None,
            }
        };
    let with_outcome = |mut m: Meeting, outcome: MeetingOutcome| {
        if m.status == MeetingStatus::Held {
            m.outcome = Some(outcome);
        }
        m
    };

    let plan_meeting = |n: u128, nth: u16, starts: NaiveDateTime, agenda: &[&str]| {
        let mut m = base(
            n,
            DEMO_FAMILY,
            HARUTO,
            MeetingKind::CaseMeeting,
            "個別の教育支援計画の作成",
            starts,
            90,
        );
        m.place = "町役場 子育て支援課 相談室".to_owned();
        m.series = MeetingSeries::new(nth, 4).ok();
        m.members = plan_members.clone();
        m.agenda = lines(agenda);
        m
    };
    let first = with_outcome(
        plan_meeting(1, 1, at(-70, 10, 0), &["家庭と園での様子の共有", "保護者の願いの確認"]),
        MeetingOutcome {
            direction: "見通しが持てると落ち着いて過ごせる。園と家庭で同じ絵カードを使って一日の流れを伝える。".into(),
            roles: vec![
                agreed(ClassTeacher, nursery, "朝の支度と活動の切り替えで絵カードを使う"),
                agreed(Therapist, "児童発達支援センター こばと", "絵カードの作り方を園と家庭に伝える"),
                agreed(Parent, "", "家でも同じ絵カードで朝の支度をしてみる"),
                agreed(RegionalCoordinator, "町 子育て支援課", "次回の日程を調整する"),
            ],
            next_target: Some(today - Duration::days(28)),
            follow_ups: lines(&["2週間後に担任から保護者へ様子を伝える"]),
        },
    );
    let second = with_outcome(
        plan_meeting(
            2,
            2,
            at(-28, 14, 0),
            &["絵カードを使ってみての様子", "計画の目標の案"],
        ),
        MeetingOutcome {
            direction:
                "絵カードで朝の支度が進むようになった。次は、困ったときに自分から伝える力を育てる。"
                    .into(),
            roles: vec![
                agreed(
                    ClassTeacher,
                    nursery,
                    "「てつだって」カードを手の届く所に置く",
                ),
                agreed(ExtraTeacher, nursery, "自由遊びの時間に友だちとの間に入る"),
                agreed(
                    ConsultationSupportSpecialist,
                    "相談支援事業所 ひだまり",
                    "児童発達支援の利用回数を見直す",
                ),
                agreed(Parent, "", "家で「てつだって」と言えたらすぐ応える"),
                agreed(Parent, "", "次回までに家庭での様子をメモしておく"),
            ],
            next_target: Some(today + Duration::days(9)),
            follow_ups: lines(&["計画案を次回までに地域コーディネーターがまとめる"]),
        },
    );
    let third = plan_meeting(
        3,
        3,
        at(9, 15, 30),
        &["個別の教育支援計画の案の確認", "家庭と園の役割分担"],
    );
    let fourth = plan_meeting(9, 4, at(63, 10, 0), &["計画の振り返り", "年長に向けて"]);
    let mut itinerant = base(
        4,
        DEMO_FAMILY,
        HARUTO,
        MeetingKind::ItinerantConsultation,
        "園での過ごし方と声かけの工夫を一緒に考える",
        at(20, 10, 30),
        60,
    );
    itinerant.place = "みなみ保育園 ひよこ組".into();
    itinerant.members = vec![
        member(ClassTeacher, nursery),
        member(ExtraTeacher, nursery),
        member(Therapist, "児童発達支援センター こばと"),
        member(RegionalCoordinator, "町 子育て支援課"),
    ];

    let discharge_purpose = "退院後の生活環境の調整(放課後等デイサービスへの訪問看護師の派遣)";
    let discharge = |n: u128, nth: u16, starts: NaiveDateTime, agenda: &[&str]| {
        let mut m = base(
            n,
            KAWABE,
            SAKURA,
            MeetingKind::CaseMeeting,
            discharge_purpose,
            starts,
            60,
        );
        m.place = "ひがし小学校 会議室".into();
        m.online_link = Some("https://meet.example.jp/tsunagu-kawabe".into());
        m.series = MeetingSeries::new(nth, 3).ok();
        m.members = discharge_members.clone();
        m.agenda = lines(agenda);
        m
    };
    let discharge_1 = with_outcome(
        discharge(
            10,
            1,
            at(-45, 16, 0),
            &["退院後の体調と医療的な配慮", "学校での過ごし方"],
        ),
        MeetingOutcome {
            direction: "体調を見ながら、午前中だけの登校から始める。".into(),
            roles: vec![
                agreed(
                    Doctor,
                    "町立病院 小児科",
                    "学校で気をつけることを文書で伝える",
                ),
                agreed(ClassTeacher, school, "休み時間に保健室で休める時間を作る"),
                agreed(Parent, "", "朝の体温と様子を連絡帳に書く"),
            ],
            next_target: Some(today - Duration::days(14)),
            follow_ups: lines(&["保健師が家庭を訪問する"]),
        },
    );
    let discharge_2 = with_outcome(
        discharge(5, 2, at(-14, 16, 0), &["登校を始めての様子", "放課後の過ごし方"]),
        MeetingOutcome {
            direction: "放課後等デイサービスに訪問看護師が入れるよう調整する。本人は友だちと同じ場所で過ごしたい。".into(),
            roles: vec![
                agreed(VisitingNurseManager, "訪問看護ステーション あおば", "派遣できる曜日と時間を確認する"),
                agreed(ConsultationSupportSpecialist, "相談支援事業所 ひだまり", "サービス等利用計画を見直す"),
                agreed(Child, "", "しんどいときは先生に伝える"),
                agreed(Parent, "", "放課後等デイサービスの見学に行く"),
            ],
            next_target: Some(today + Duration::days(16)),
            follow_ups: lines(&["見学の結果を相談支援専門員に伝える"]),
        },
    );
    let discharge_3 = discharge(
        6,
        3,
        at(16, 16, 0),
        &["訪問看護師の派遣の決定", "これからの見通し"],
    );
    let mut own_meeting = base(
        11,
        KAWABE,
        SAKURA,
        MeetingKind::OwnMeeting,
        "自分のことを自分の言葉で伝え、これからの目標を一緒に決める(5年生の自分会議)",
        at(30, 15, 0),
        45,
    );
    own_meeting.place = "ひがし小学校 図書室".into();
    own_meeting.members = vec![
        member(Child, ""),
        member(Parent, ""),
        member(ClassTeacher, school),
        member(SchoolSpecialNeedsCoordinator, school),
        member(RegionalCoordinator, "町 子育て支援課"),
    ];
    own_meeting.agenda = lines(&["わたしの得意なこと・苦手なこと", "6年生でがんばりたいこと"]);

    let entry = |n: u128, nth: u16, starts: NaiveDateTime, agenda: &[&str]| {
        let mut m = base(
            n,
            TAKADAI,
            YUI,
            MeetingKind::CaseMeeting,
            "医療的ケアが必要な子の就学に向けて",
            starts,
            90,
        );
        m.place = "さくら認定こども園 会議室".into();
        m.series = MeetingSeries::new(nth, 5).ok();
        m.members = entry_members.clone();
        m.agenda = lines(agenda);
        m
    };
    let entry_1 = with_outcome(
        entry(
            12,
            1,
            at(-120, 13, 30),
            &["医療的ケアの内容(たんの吸引)", "就学先の希望"],
        ),
        MeetingOutcome {
            direction: "地域の小学校への就学を希望。必要な医療的ケアと体制を整理する。".into(),
            roles: vec![
                agreed(Nurse, kodomoen, "園でのケアの手順を書き出す"),
                agreed(Parent, "", "主治医に学校でのケアについて相談する"),
            ],
            next_target: Some(today - Duration::days(50)),
            follow_ups: Vec::new(),
        },
    );
    let entry_2 = with_outcome(
        entry(
            13,
            2,
            at(-50, 13, 30),
            &["学校の見学を終えて", "看護師の配置"],
        ),
        MeetingOutcome {
            direction: "学校に看護師を配置する方向で町と調整する。".into(),
            roles: vec![
                agreed(Principal, school, "受け入れの体制を校内で検討する"),
                agreed(
                    PublicHealthNurse,
                    "町 保健センター",
                    "看護師配置の手続きを確認する",
                ),
                agreed(Parent, "", "学校見学で気になったことを書き出す"),
            ],
            next_target: Some(today + Duration::days(5)),
            follow_ups: Vec::new(),
        },
    );
    let entry_3 = entry(7, 3, at(5, 13, 30), &["看護師配置の見通し", "教室と設備"]);
    let entry_4 = entry(14, 4, at(40, 13, 30), &["入学までの準備の確認"]);
    let entry_5 = entry(15, 5, at(90, 13, 30), &["入学後の支援の確認"]);

    let year = SchoolYear::containing(today).start_year();
    let bridge = |n: u128, day: NaiveDate, purpose: &str, agenda: &[&str]| {
        let mut m = base(
            n,
            TAKADAI,
            YUI,
            MeetingKind::BridgeConference,
            purpose,
            day.and_hms_opt(14, 0, 0).unwrap_or_default(),
            60,
        );
        m.place = "ひがし小学校 会議室".into();
        m.members = vec![
            member(Parent, ""),
            member(ClassTeacher, kodomoen),
            member(Principal, school),
            member(SchoolSpecialNeedsCoordinator, school),
            member(RegionalCoordinator, "町 子育て支援課"),
        ];
        m.agenda = lines(agenda);
        m
    };
    let october = with_outcome(
        bridge(
            16,
            ymd(year, 10, 15),
            "園から小学校へ、支援と様子を引き継ぐ(10月)",
            &["園での様子と支援", "就学に向けた準備"],
        ),
        MeetingOutcome {
            direction: "園での支援(見通しを伝える声かけ、休息の時間)を小学校でも続ける。".into(),
            roles: vec![
                agreed(
                    ClassTeacher,
                    kodomoen,
                    "支援の工夫を引き継ぎシートにまとめる",
                ),
                agreed(Parent, "", "家庭での様子を引き継ぎシートに書き足す"),
            ],
            next_target: Some(ymd(year + 1, 2, 10)),
            follow_ups: Vec::new(),
        },
    );
    let february = bridge(
        8,
        ymd(year + 1, 2, 10),
        "園から小学校へ、支援と様子を引き継ぐ(2月)",
        &["引き継ぎシートの確認", "入学式と最初の1週間"],
    );

    vec![
        first,
        second,
        third,
        fourth,
        itinerant,
        discharge_1,
        discharge_2,
        discharge_3,
        own_meeting,
        entry_1,
        entry_2,
        entry_3,
        entry_4,
        entry_5,
        october,
        february,
    ]
}

fn goal(n: u128, text: &str, status: GoalStatus) -> PlanGoal {
    PlanGoal {
        id: GoalId::from_u128(0x7a3b_0006_0000_4000_8000_0000_0000_0000 + n),
        text: text.to_owned(),
        status,
    }
}

fn plan_id(n: u128) -> PlanId {
    PlanId::from_u128(0x7a3b_0005_0000_4000_8000_0000_0000_0000 + n)
}

/// The demo's plan summaries: はると's across two school years (a goal met, one
/// revised and carried on, one new), さくら's and ゆい's for this year, and a
/// draft of ゆい's that no parent sees.
fn plans(today: NaiveDate) -> Vec<(FamilyId, PlanSummary)> {
    use GoalStatus::*;
    let year = SchoolYear::containing(today);
    let last_year = SchoolYear::starting_in(year.start_year() - 1);
    let summary =
        |n: u128, child: ChildId, kind: PlanKind, year: SchoolYear, term: Option<Term>| {
            PlanSummary {
                published: true,
                ..PlanSummary::draft(plan_id(n), child, kind, PlanPeriod { year, term })
            }
        };
    let picture_cards = "朝の支度を絵カードを見ながら自分で進める";
    let help = "困ったときに「てつだって」と伝える";
    let help_revised = "困ったときに、先生や友だちに「てつだって」と言葉やカードで伝える";
    let friends = "好きな遊びを通して、友だちと一緒に遊ぶ時間を持つ";

    let mut haruto_last = summary(1, HARUTO, PlanKind::SupportPlan, last_year, None);
    haruto_last.strengths_and_needs =
        "電車と絵が好きで、集中して取り組める。予定が急に変わると不安になりやすい。".into();
    haruto_last.parent_wishes = "園で楽しく過ごしてほしい。".into();
    haruto_last.goals = vec![goal(1, picture_cards, New), goal(2, help, New)];
    haruto_last.supports = lines(&[
        "一日の流れを絵カードで示す",
        "活動の切り替えの前に声をかける",
    ]);
    haruto_last.agency_parts = vec![
        AgencyPart {
            agency: "みなみ保育園".into(),
            part: "絵カードで一日の流れを伝える".into(),
        },
        AgencyPart {
            agency: "児童発達支援センター こばと".into(),
            part: "週1回の個別療育".into(),
        },
    ];
    haruto_last.evaluation =
        Some("絵カードがあると朝の支度に自分から取り組めるようになった。".into());

    let mut haruto_first = summary(2, HARUTO, PlanKind::TeachingPlan, year, Some(Term::First));
    haruto_first.strengths_and_needs = haruto_last.strengths_and_needs.clone();
    haruto_first.goals = vec![goal(1, picture_cards, Met), goal(2, help_revised, Revised)];
    haruto_first.supports = lines(&["「てつだって」カードを手の届く所に置く"]);
    haruto_first.evaluation = Some("朝の支度は絵カードを見て一人でできるようになった。".into());

    let mut haruto = summary(3, HARUTO, PlanKind::SupportPlan, year, None);
    haruto.strengths_and_needs =
        "電車と絵が好き。絵カードで見通しが持てると落ち着いて過ごせる。困ったときに固まってしまうことがある。"
            .into();
    haruto.parent_wishes = "困ったときに、自分から助けを求められるようになってほしい。".into();
    haruto.child_wishes = "でんしゃのえを、みんなにみせたい。".into();
    haruto.goals = vec![goal(2, help_revised, Continued), goal(3, friends, New)];
    haruto.supports = lines(&[
        "一日の流れを絵カードで示す(合理的配慮)",
        "「てつだって」カードを手の届く所に置く(合理的配慮)",
        "自由遊びで加配担任が友だちとの間に入る",
    ]);
    haruto.agency_parts = vec![
        AgencyPart {
            agency: "みなみ保育園".into(),
            part: "絵カードと声かけ、友だちとの遊びの場づくり".into(),
        },
        AgencyPart {
            agency: "児童発達支援センター こばと".into(),
            part: "週1回の個別療育で伝える練習".into(),
        },
        AgencyPart {
            agency: "相談支援事業所 ひだまり".into(),
            part: "サービス等利用計画の見直し".into(),
        },
    ];

    let mut haruto_second = summary(4, HARUTO, PlanKind::TeachingPlan, year, Some(Term::Second));
    haruto_second.goals = vec![
        goal(2, help_revised, Continued),
        goal(3, friends, Continued),
    ];
    haruto_second.supports = lines(&["自由遊びで加配担任が友だちとの間に入る"]);

    let mut sakura = summary(5, SAKURA, PlanKind::SupportPlan, year, None);
    sakura.strengths_and_needs =
        "本を読むことと、年下の子の世話が得意。退院後は疲れやすく、体調に波がある。".into();
    sakura.parent_wishes = "無理をせず、友だちと一緒に学校生活を楽しんでほしい。".into();
    sakura.child_wishes = "みんなと同じ教室で勉強したい。しんどいときは休みたい。".into();
    sakura.goals = vec![
        goal(10, "体調の変化を自分で先生に伝える", New),
        goal(11, "放課後を友だちと同じ場所で過ごす", New),
    ];
    sakura.supports = lines(&[
        "保健室で休める時間をつくる(合理的配慮)",
        "午前中の登校から段階的に",
    ]);
    sakura.agency_parts = vec![
        AgencyPart {
            agency: "町立病院 小児科".into(),
            part: "学校生活での注意点を伝える".into(),
        },
        AgencyPart {
            agency: "訪問看護ステーション あおば".into(),
            part: "放課後等デイサービスへの看護師の派遣".into(),
        },
    ];

    let mut yui = summary(6, YUI, PlanKind::SupportPlan, year, None);
    yui.strengths_and_needs =
        "歌と手遊びが大好き。たんの吸引が日に数回必要で、疲れると体調を崩しやすい。".into();
    yui.parent_wishes = "地域の小学校で、友だちと一緒に学んでほしい。".into();
    yui.goals = vec![
        goal(20, "吸引が必要なときに、身ぶりで知らせる", New),
        goal(21, "小学校の教室や先生に慣れる", New),
    ];
    yui.supports = lines(&[
        "看護師によるたんの吸引(医療的ケア)",
        "休息できる場所の確保(合理的配慮)",
    ]);
    yui.agency_parts = vec![AgencyPart {
        agency: "さくら認定こども園".into(),
        part: "ケアの手順を引き継ぎシートにまとめる".into(),
    }];

    let mut yui_draft = summary(7, YUI, PlanKind::TeachingPlan, year, Some(Term::Second));
    yui_draft.published = false;
    yui_draft.goals = vec![goal(21, "小学校の教室や先生に慣れる", Continued)];
    yui_draft.supports = lines(&["入学前に小学校の教室を3回見学する"]);

    vec![
        (DEMO_FAMILY, haruto_last),
        (DEMO_FAMILY, haruto_first),
        (DEMO_FAMILY, haruto),
        (DEMO_FAMILY, haruto_second),
        (KAWABE, sakura),
        (TAKADAI, yui),
        (TAKADAI, yui_draft),
    ]
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsunagu_model::{ChildStage, NurseryYear};

    #[test]
    fn every_demo_meeting_and_plan_keeps_the_rules() {
        for today in [
            ymd(2026, 4, 1),
            ymd(2026, 10, 20),
            ymd(2026, 11, 24),
            ymd(2027, 3, 31),
        ] {
            let all = meetings(today);
            for m in &all {
                assert_eq!(m.check(), Ok(()), "{} on {today}", m.purpose);
            }
            let kinds = |kind| all.iter().filter(|m| m.kind == kind).count();
            assert_eq!(kinds(MeetingKind::BridgeConference), 2);
            assert_eq!(kinds(MeetingKind::OwnMeeting), 1);
            let series = |child| {
                all.iter()
                    .filter(|m| m.child_id == child && m.series.is_some())
                    .count()
            };
            assert_eq!((series(HARUTO), series(SAKURA), series(YUI)), (4, 3, 5));
            for (_, plan) in plans(today) {
                assert_eq!(plan.check(), Ok(()));
            }
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
                ChildStage::on(ymd(year - 11, 6, 3), today),
                Some(ChildStage::Elementary(5))
            );
            assert_eq!(
                ChildStage::on(ymd(year - 6, 11, 30), today),
                Some(ChildStage::Nursery(NurseryYear::Older))
            );
        }
    }
}
