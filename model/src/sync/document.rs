//! Records written whole by staff (meetings, plan summaries): each top-level
//! property of the domain type is one synced field holding its JSON. Fields merge
//! one by one, so a reschedule changes only `starts_at`/`ends_at` and keeps the
//! earlier time in the server's history; the domain type stays the one both
//! sides check (`Meeting::check`, `PlanSummary::check`).

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use super::{FieldValue, Fields};

/// The property that is the record's id, not a field.
const ID: &str = "id";

/// The fields of `doc`, each as JSON text. `None` if `doc` is not a JSON object.
pub fn to_fields<T: Serialize>(doc: &T) -> Option<Vec<(String, FieldValue)>> {
    let Ok(Value::Object(map)) = serde_json::to_value(doc) else {
        return None;
    };
    Some(
        map.into_iter()
            .filter(|(name, _)| name != ID)
            .map(|(name, value)| (name, FieldValue::Text(value.to_string())))
            .collect(),
    )
}

/// The document a record's current fields make, if they make one (a record
/// missing a property its type needs reads as `None`, never as a guess).
///
/// Read from one JSON text put together from the fields (each already JSON), so
/// the browser's build parses with the same code as everything else it reads,
/// without a second, `Value`-based parser per type.
pub fn from_fields<T: DeserializeOwned>(id: uuid::Uuid, fields: &Fields) -> Option<T> {
    let mut json = String::with_capacity(512);
    json.push_str("{\"id\":\"");
    json.push_str(&id.to_string());
    json.push('"');
    for (name, state) in fields {
        let Some(text) = state.current().value.as_text() else {
            continue;
        };
        // Each value must be one JSON value on its own, or it could smuggle in
        // other properties; the names are the record type's own (plain ASCII).
        if !is_json(text) || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        json.push_str(",\"");
        json.push_str(name);
        json.push_str("\":");
        json.push_str(text);
    }
    json.push('}');
    serde_json::from_str(&json).ok()
}

/// The fields of `new` whose value differs from the current one in `old`: what a
/// save actually changes.
pub fn changed(old: &Fields, new: Vec<(String, FieldValue)>) -> Vec<(String, FieldValue)> {
    new.into_iter()
        .filter(|(name, value)| old.get(name).is_none_or(|f| &f.current().value != value))
        .collect()
}

/// A yes/no property of a document record (absent: no).
pub fn flag(fields: &Fields, name: &str) -> bool {
    fields
        .get(name)
        .is_some_and(|f| f.current().value.as_text() == Some("true"))
}

/// The stamp of the record's latest change: what a coordinator's save names, so a
/// save made from an older state is refused instead of undoing someone's change.
pub fn revision(fields: &Fields) -> Option<super::Stamp> {
    fields.values().map(|f| f.current().at).max()
}

/// Whether `text` is JSON at all (what the server checks of a single field).
pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        ChildId, FamilyId, Meeting, MeetingId, MeetingKind, MemberRole, SchoolYear,
        meeting::Member,
        meeting_record::MeetingStatus,
        plan::{GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary},
        sync::{FieldState, RecordType, Stamp, Version},
    };
    use chrono::NaiveDate;

    fn meeting() -> Meeting {
        let day = NaiveDate::from_ymd_opt(2026, 10, 8).unwrap();
        Meeting {
            id: MeetingId::from_u128(7),
            family_id: FamilyId::from_u128(1),
            child_id: ChildId::from_u128(2),
            kind: MeetingKind::CaseMeeting,
            purpose: "個別の教育支援計画の作成".into(),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(15, 30, 0).unwrap(),
            place: "役場 2階".into(),
            online_link: None,
            series: crate::MeetingSeries::new(1, 4).ok(),
            members: vec![Member {
                role: MemberRole::ClassTeacher,
                organisation: "みなみ保育園".into(),
            }],
            status: MeetingStatus::Scheduled,
            agenda: vec!["園での様子".into()],
            outcome: None,
        }
    }

    fn plan() -> PlanSummary {
        PlanSummary {
            id: PlanId::from_u128(3),
            child: ChildId::from_u128(2),
            kind: PlanKind::SupportPlan,
            period: PlanPeriod {
                year: SchoolYear::starting_in(2026),
                term: None,
            },
            published: true,
            strengths_and_needs: "絵が好き".into(),
            parent_wishes: "友だちと遊べるように".into(),
            child_wishes: String::new(),
            goals: vec![PlanGoal {
                id: GoalId::from_u128(9),
                text: "朝の支度を絵カードで".into(),
                status: GoalStatus::New,
            }],
            supports: vec!["絵カード".into()],
            agency_parts: Vec::new(),
            evaluation: None,
        }
    }

    fn as_record(fields: Vec<(String, FieldValue)>) -> Fields {
        let at = Stamp::at_millis(1, 1);
        fields
            .into_iter()
            .map(|(name, value)| {
                let version = Version {
                    value,
                    at,
                    base: None,
                };
                (name, FieldState::new(version))
            })
            .collect()
    }

    #[test]
    fn documents_round_trip_through_fields_the_record_type_knows() {
        let m = meeting();
        let fields = to_fields(&m).unwrap();
        for (name, value) in &fields {
            assert_eq!(RecordType::Meeting.check(name, value), Ok(()), "{name}");
        }
        assert!(fields.iter().all(|(name, _)| name != "id"));
        assert_eq!(from_fields::<Meeting>(m.id.0, &as_record(fields)), Some(m));

        let p = plan();
        let fields = to_fields(&p).unwrap();
        for (name, value) in &fields {
            assert_eq!(RecordType::PlanSummary.check(name, value), Ok(()), "{name}");
        }
        let record = as_record(fields);
        assert!(flag(&record, "published"));
        assert_eq!(from_fields::<PlanSummary>(p.id.0, &record), Some(p));
    }

    #[test]
    fn a_reschedule_changes_only_the_time() {
        let before = meeting();
        let record = as_record(to_fields(&before).unwrap());
        let mut after = before.clone();
        after.starts_at += chrono::Duration::days(7);
        after.ends_at += chrono::Duration::days(7);
        let names: Vec<String> = changed(&record, to_fields(&after).unwrap())
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["ends_at", "starts_at"]);
        assert!(changed(&record, to_fields(&before).unwrap()).is_empty());
    }

    #[test]
    fn an_incomplete_record_reads_as_nothing() {
        let mut fields = to_fields(&meeting()).unwrap();
        fields.retain(|(name, _)| name != "purpose");
        assert_eq!(
            from_fields::<Meeting>(uuid::Uuid::nil(), &as_record(fields)),
            None
        );
        assert!(
            RecordType::Meeting
                .check("purpose", &FieldValue::Text("not json".into()))
                .is_err()
        );
    }

    #[test]
    fn a_value_cannot_smuggle_in_other_properties() {
        let m = meeting();
        let mut fields = to_fields(&m).unwrap();
        for (name, value) in &mut fields {
            if name == "place" {
                *value = FieldValue::Text(r#""x","purpose":"smuggled""#.into());
            }
        }
        assert_eq!(from_fields::<Meeting>(m.id.0, &as_record(fields)), None);
    }
}
