//! The parent mentor's contact log: each contact with a family (when, how, a
//! short note) and the follow-up it calls for. A synced record
//! (`RecordType::MentorContact`) written offline too, received by its mentor
//! alone while the family's `Contact` consent stands; the town sees only counts
//! per mentor and month. A follow-up reminds the mentor on its day.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{
    FamilyId, Lang, PersonId,
    records::{TypedRecord, text, value},
    sync::{FieldValue, Fields, RecordType},
};

/// How the mentor and the family were in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    Visit,
    Message,
    /// A meeting of the parents' group (親の会).
    ParentsGroup,
}

named_enum!(ContactChannel, UnknownContactChannel, "unknown contact channel", {
    Phone => "phone",
    Visit => "visit",
    Message => "message",
    ParentsGroup => "parents_group",
});

impl ContactChannel {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Phone, Lang::Ja) => "電話",
            (Self::Visit, Lang::Ja) => "訪問",
            (Self::Message, Lang::Ja) => "メッセージ",
            (Self::ParentsGroup, Lang::Ja) => "親の会",
            (Self::Phone, Lang::En) => "Phone",
            (Self::Visit, Lang::En) => "Visit",
            (Self::Message, Lang::En) => "Message",
            (Self::ParentsGroup, Lang::En) => "Parents' group",
        }
    }
}

/// The longest note of a contact: a few lines, not a case file.
pub const CONTACT_NOTE_MAX_CHARS: usize = 1000;

/// One contact in a mentor's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorContact {
    pub id: uuid::Uuid,
    pub mentor: PersonId,
    pub family: FamilyId,
    pub on: NaiveDate,
    pub channel: ContactChannel,
    pub note: String,
    /// When to be in touch again, if the contact calls for it.
    pub follow_up: Option<NaiveDate>,
    /// The follow-up was done (or is no longer needed).
    pub followed_up: bool,
}

/// The names a contact's `channel` holds.
pub const CHANNEL_NAMES: &[&str] = &["phone", "visit", "message", "parents_group"];

impl MentorContact {
    pub const FAMILY: &'static str = "family";
    pub const ON: &'static str = "on";
    pub const CHANNEL: &'static str = "channel";
    pub const NOTE: &'static str = "note";
    pub const FOLLOW_UP: &'static str = "follow_up";
    pub const FOLLOWED_UP: &'static str = "followed_up";
    /// What a mentor's device writes: every field of the record.
    pub const FIELDS: &'static [&'static str] = &[
        Self::FAMILY,
        Self::ON,
        Self::CHANNEL,
        Self::NOTE,
        Self::FOLLOW_UP,
        Self::FOLLOWED_UP,
    ];

    /// `note` as it is kept: trimmed, at most `CONTACT_NOTE_MAX_CHARS`.
    pub fn tidy_note(note: &str) -> String {
        note.trim().chars().take(CONTACT_NOTE_MAX_CHARS).collect()
    }

    /// When its follow-up reminds the mentor: the morning of its day, at `hour`.
    pub fn follow_up_at(&self, hour: u8) -> Option<NaiveDateTime> {
        let day = self.follow_up.filter(|_| !self.followed_up)?;
        day.and_hms_opt(u32::from(hour.min(23)), 0, 0)
    }
}

/// A date as a contact's field holds it: JSON text of its ISO form.
fn date_field(day: NaiveDate) -> FieldValue {
    FieldValue::Text(format!("\"{}\"", day.format("%Y-%m-%d")))
}

fn read_date(fields: &Fields, name: &str) -> Option<NaiveDate> {
    let json = text(fields, name)?;
    let day: String = serde_json::from_str(json).ok()?;
    NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()
}

impl TypedRecord for MentorContact {
    const TYPE: RecordType = RecordType::MentorContact;

    fn read(id: uuid::Uuid, owner: Option<PersonId>, fields: &Fields) -> Option<Self> {
        Some(Self {
            id,
            mentor: owner?,
            family: text(fields, Self::FAMILY)?.parse().ok()?,
            on: read_date(fields, Self::ON)?,
            channel: text(fields, Self::CHANNEL)?.parse().ok()?,
            note: text(fields, Self::NOTE).unwrap_or_default().to_owned(),
            follow_up: read_date(fields, Self::FOLLOW_UP),
            followed_up: matches!(
                value(fields, Self::FOLLOWED_UP),
                Some(FieldValue::Bool(true))
            ),
        })
    }

    fn changes(&self) -> Vec<(String, FieldValue)> {
        vec![
            (
                Self::FAMILY.to_owned(),
                FieldValue::Text(self.family.to_string()),
            ),
            (Self::ON.to_owned(), date_field(self.on)),
            (
                Self::CHANNEL.to_owned(),
                FieldValue::Text(self.channel.as_str().to_owned()),
            ),
            (Self::NOTE.to_owned(), FieldValue::Text(self.note.clone())),
            (
                Self::FOLLOW_UP.to_owned(),
                self.follow_up
                    .map_or(FieldValue::Text("null".to_owned()), date_field),
            ),
            (
                Self::FOLLOWED_UP.to_owned(),
                FieldValue::Bool(self.followed_up),
            ),
        ]
    }
}

/// Where a follow-up stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FollowUp {
    /// Its day has passed.
    Overdue,
    /// Today or later this week (Monday to Sunday).
    ThisWeek,
    Later,
}

impl MentorContact {
    /// Where its follow-up stands, if one is still open.
    pub fn follow_up_on(&self, today: NaiveDate) -> Option<FollowUp> {
        let day = self.follow_up.filter(|_| !self.followed_up)?;
        let sunday = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
        Some(if day < today {
            FollowUp::Overdue
        } else if day <= sunday {
            FollowUp::ThisWeek
        } else {
            FollowUp::Later
        })
    }
}

/// The open follow-ups of `contacts` due by the end of this week, overdue
/// first, each family once (its soonest), soonest first.
pub fn follow_ups_due(
    contacts: &[MentorContact],
    today: NaiveDate,
) -> Vec<(&MentorContact, FollowUp)> {
    let mut due: Vec<(&MentorContact, FollowUp)> = contacts
        .iter()
        .filter_map(|c| c.follow_up_on(today).map(|f| (c, f)))
        .filter(|(_, f)| *f != FollowUp::Later)
        .collect();
    due.sort_by_key(|(c, f)| (*f, c.follow_up, c.id));
    let mut seen = std::collections::BTreeSet::new();
    due.retain(|(c, _)| seen.insert(c.family));
    due
}

/// What the town sees of the programme: contacts per mentor and month, with
/// nothing of whom or what.
pub fn contacts_per_month(contacts: &[MentorContact]) -> Vec<(PersonId, i32, u32, usize)> {
    let mut counts: std::collections::BTreeMap<(PersonId, i32, u32), usize> = Default::default();
    for c in contacts {
        *counts
            .entry((c.mentor, c.on.year(), c.on.month()))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((mentor, year, month), n)| (mentor, year, month, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn contact(n: u128, family: u128, follow_up: Option<NaiveDate>) -> MentorContact {
        MentorContact {
            id: uuid::Uuid::from_u128(n),
            mentor: PersonId::from_u128(9),
            family: FamilyId::from_u128(family),
            on: day(11, 20),
            channel: ContactChannel::Phone,
            note: String::new(),
            follow_up,
            followed_up: false,
        }
    }

    #[test]
    fn follow_ups_are_overdue_this_week_or_later_and_each_family_comes_once() {
        // Wednesday 2 December 2026; the week ends on Sunday the 6th.
        let today = day(12, 2);
        let contacts = vec![
            contact(1, 1, Some(day(12, 1))),
            contact(2, 1, Some(day(12, 4))),
            contact(3, 2, Some(day(12, 6))),
            contact(4, 3, Some(day(12, 7))),
            contact(5, 4, None),
        ];
        assert_eq!(contacts[0].follow_up_on(today), Some(FollowUp::Overdue));
        assert_eq!(contacts[2].follow_up_on(today), Some(FollowUp::ThisWeek));
        assert_eq!(contacts[3].follow_up_on(today), Some(FollowUp::Later));
        assert_eq!(contacts[4].follow_up_on(today), None);
        let due: Vec<u128> = follow_ups_due(&contacts, today)
            .iter()
            .map(|(c, _)| c.id.as_u128())
            .collect();
        assert_eq!(
            due,
            [1, 3],
            "family 1 once, by its overdue one; next week's waits"
        );
        let mut done = contacts[0].clone();
        done.followed_up = true;
        assert_eq!(done.follow_up_on(today), None);
    }

    #[test]
    fn a_contact_reads_back_from_its_changes() {
        use crate::records::testing::{all_accepted, apply};
        let mut c = contact(7, 2, Some(day(12, 4)));
        c.note = "電話で園の様子を聞いた".into();
        c.channel = ContactChannel::ParentsGroup;
        all_accepted(RecordType::MentorContact, &c.changes());
        let mut fields = Fields::new();
        apply(
            &mut fields,
            c.changes(),
            crate::sync::Stamp::at_millis(1, 1),
        );
        assert_eq!(
            MentorContact::read(c.id, Some(c.mentor), &fields),
            Some(c.clone())
        );
        assert_eq!(
            c.follow_up_at(9),
            Some(day(12, 4).and_hms_opt(9, 0, 0).unwrap())
        );
        c.follow_up = None;
        all_accepted(RecordType::MentorContact, &c.changes());
        let mut fields = Fields::new();
        apply(
            &mut fields,
            c.changes(),
            crate::sync::Stamp::at_millis(1, 1),
        );
        assert_eq!(MentorContact::read(c.id, Some(c.mentor), &fields), Some(c));
    }

    #[test]
    fn the_town_sees_counts_per_mentor_and_month_only() {
        let mut contacts = vec![
            contact(1, 1, None),
            contact(2, 2, None),
            contact(3, 1, None),
        ];
        contacts[2].on = day(12, 1);
        assert_eq!(
            contacts_per_month(&contacts),
            [
                (PersonId::from_u128(9), 2026, 11, 2),
                (PersonId::from_u128(9), 2026, 12, 1)
            ]
        );
    }
}
