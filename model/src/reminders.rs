//! When a person is reminded of a meeting. Every time is the town's wall-clock
//! time (`town_time`), whatever the zone of the phone or the server; reminders
//! are derived from the meeting each time, so a rescheduled meeting moves all of
//! them and a cancelled one has none left (and one notice that it was cancelled).

use chrono::{Duration, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::{Lang, Meeting, MeetingId, meeting_record::MeetingStatus};

/// How long before a meeting a reminder comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "lead", rename_all = "snake_case")]
pub enum LeadTime {
    /// `days` days before, at the meeting's own time of day.
    DaysBefore { days: u8 },
    /// On the day at `hour`:00, if the meeting starts more than half an hour
    /// after it; otherwise `hours_before` hours before the meeting (a 07:00
    /// meeting is not announced after it began).
    MorningOf { hour: u8, hours_before: u8 },
}

/// A reminder a meeting gives rise to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderKind {
    Lead(LeadTime),
    /// A few days before: what the parent will bring, or that nothing is chosen.
    Preparation,
    /// The meeting was cancelled while it was still to come (sent at once).
    Cancelled,
    /// A mentor's follow-up with a family (`crate::mentor::MentorContact`) is
    /// due today: on its morning, not of a meeting.
    FollowUp,
}

/// One lead time and whether the person wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadSetting {
    pub lead: LeadTime,
    pub on: bool,
}

/// A person's reminder settings (the defaults until they change them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSettings {
    pub leads: Vec<LeadSetting>,
    pub preparation: bool,
}

impl ReminderSettings {
    /// The hour of the person's morning reminder (the one they turned on, the
    /// earliest if several), 9 without one: when a follow-up's day reminds them.
    pub fn morning_hour(&self) -> u8 {
        self.leads
            .iter()
            .filter(|l| l.on)
            .filter_map(|l| match l.lead {
                LeadTime::MorningOf { hour, .. } => Some(hour),
                LeadTime::DaysBefore { .. } => None,
            })
            .min()
            .unwrap_or(9)
    }
}

/// The preparation nudge comes this many days before.
pub const PREPARATION_DAYS: i64 = 3;
/// A reminder found more than this late (the server was down) is not sent: it
/// is listed as missed instead.
pub const SEND_LATE_AT_MOST: Duration = Duration::hours(1);

/// The default lead times: a week before, the day before, the morning of.
pub const DEFAULT_LEADS: [LeadTime; 3] = [
    LeadTime::DaysBefore { days: 7 },
    LeadTime::DaysBefore { days: 1 },
    LeadTime::MorningOf {
        hour: 8,
        hours_before: 2,
    },
];

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            leads: DEFAULT_LEADS
                .into_iter()
                .map(|lead| LeadSetting { lead, on: true })
                .collect(),
            preparation: true,
        }
    }
}

impl LeadTime {
    /// When this lead time reminds of a meeting starting at `starts_at`.
    pub fn before(self, starts_at: NaiveDateTime) -> NaiveDateTime {
        match self {
            Self::DaysBefore { days } => starts_at - Duration::days(i64::from(days)),
            Self::MorningOf { hour, hours_before } => {
                let morning = NaiveTime::from_hms_opt(u32::from(hour.min(23)), 0, 0)
                    .map(|t| starts_at.date().and_time(t));
                match morning {
                    Some(at) if starts_at > at + Duration::minutes(30) => at,
                    _ => starts_at - Duration::hours(i64::from(hours_before)),
                }
            }
        }
    }

    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Self::DaysBefore { days: 7 }, Lang::Ja) => "1週間前".to_owned(),
            (Self::DaysBefore { days: 1 }, Lang::Ja) => "前日".to_owned(),
            (Self::DaysBefore { days }, Lang::Ja) => format!("{days}日前"),
            (Self::DaysBefore { days: 7 }, Lang::En) => "A week before".to_owned(),
            (Self::DaysBefore { days: 1 }, Lang::En) => "The day before".to_owned(),
            (Self::DaysBefore { days }, Lang::En) => format!("{days} days before"),
            (Self::MorningOf { hour, hours_before }, Lang::Ja) => {
                format!("当日の朝{hour}時(早い会議は{hours_before}時間前)")
            }
            (Self::MorningOf { hour, hours_before }, Lang::En) => {
                format!("On the day at {hour}:00 ({hours_before} hours before an early meeting)")
            }
        }
    }
}

/// A reminder of one meeting at one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminder {
    pub meeting: MeetingId,
    pub kind: ReminderKind,
    /// Town time.
    pub at: NaiveDateTime,
    /// The meeting's start it was derived from: a reschedule makes new reminders.
    pub starts_at: NaiveDateTime,
}

/// Every reminder a meeting gives rise to under `settings`, soonest first: none
/// for a meeting cancelled or held, none that would come after it starts.
pub fn reminders_for(meeting: &Meeting, settings: &ReminderSettings) -> Vec<Reminder> {
    if meeting.status != MeetingStatus::Scheduled {
        return Vec::new();
    }
    let start = meeting.starts_at;
    let leads = settings
        .leads
        .iter()
        .filter(|l| l.on)
        .map(|l| (ReminderKind::Lead(l.lead), l.lead.before(start)));
    let preparation = settings.preparation.then(|| {
        (
            ReminderKind::Preparation,
            start - Duration::days(PREPARATION_DAYS),
        )
    });
    let mut reminders: Vec<Reminder> = leads
        .chain(preparation)
        .filter(|(_, at)| *at < start)
        .map(|(kind, at)| Reminder {
            meeting: meeting.id,
            kind,
            at,
            starts_at: start,
        })
        .collect();
    reminders.sort_by_key(|r| (r.at, r.kind));
    reminders.dedup_by_key(|r| (r.at, r.kind));
    reminders
}

/// What to do with a reminder at `now` (town time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Its time has not come.
    Later,
    Send,
    /// Its time passed by more than `SEND_LATE_AT_MOST` (the server was down):
    /// not sent late, listed in the app as missed.
    Missed,
}

pub fn due(reminder: &Reminder, now: NaiveDateTime) -> Due {
    due_at(reminder.at, now)
}

/// What to do at `now` with anything that reminds at `at` (a follow-up too).
pub fn due_at(at: NaiveDateTime, now: NaiveDateTime) -> Due {
    if at > now {
        Due::Later
    } else if now - at <= SEND_LATE_AT_MOST {
        Due::Send
    } else {
        Due::Missed
    }
}

/// A change to a meeting that the person is told of at once, beside the
/// reminders: its cancellation, once, while it was still to come.
pub fn cancellation_notice(before: &Meeting, after: &Meeting, now: NaiveDateTime) -> bool {
    before.status != MeetingStatus::Cancelled
        && after.status == MeetingStatus::Cancelled
        && after.starts_at > now
}

/// The preparation nudge's words: how many items the parent will bring.
pub fn preparation_text(lang: Lang, items: usize) -> String {
    match (lang, items) {
        (Lang::Ja, 0) => format!("あと{PREPARATION_DAYS}日: まだ何も決めていません"),
        (Lang::Ja, n) => format!("あと{PREPARATION_DAYS}日: 持っていくことが{n}件あります"),
        (Lang::En, 0) => format!("{PREPARATION_DAYS} days to go: nothing chosen to bring yet"),
        (Lang::En, 1) => format!("{PREPARATION_DAYS} days to go: 1 thing to bring"),
        (Lang::En, n) => format!("{PREPARATION_DAYS} days to go: {n} things to bring"),
    }
}

impl ReminderKind {
    /// A stable name for the kind, as the server keeps which were sent.
    pub fn key(self) -> String {
        match self {
            Self::Lead(LeadTime::DaysBefore { days }) => format!("days_before_{days}"),
            Self::Lead(LeadTime::MorningOf { hour, hours_before }) => {
                format!("morning_{hour}_or_{hours_before}h")
            }
            Self::Preparation => "preparation".to_owned(),
            Self::Cancelled => "cancelled".to_owned(),
            Self::FollowUp => "follow_up".to_owned(),
        }
    }

    /// The kind a `key` names.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "preparation" => return Some(Self::Preparation),
            "cancelled" => return Some(Self::Cancelled),
            "follow_up" => return Some(Self::FollowUp),
            _ => {}
        }
        if let Some(days) = key.strip_prefix("days_before_") {
            return Some(Self::Lead(LeadTime::DaysBefore {
                days: days.parse().ok()?,
            }));
        }
        let (hour, before) = key.strip_prefix("morning_")?.split_once("_or_")?;
        Some(Self::Lead(LeadTime::MorningOf {
            hour: hour.parse().ok()?,
            hours_before: before.strip_suffix('h')?.parse().ok()?,
        }))
    }
}

/// What a person chose about reminders: when, through which channel, and what
/// their calendar feed may say.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderChoices {
    pub settings: ReminderSettings,
    /// Notifications on this person's devices that subscribed (Web Push).
    pub push: bool,
    pub feed: crate::calendar::FeedDetail,
}

/// At most this many lead times.
pub const MAX_LEADS: usize = 6;
/// The earliest lead: a month before.
pub const MAX_DAYS_BEFORE: u8 = 30;

/// Why a person's reminder choices cannot be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderProblem {
    #[error("at most 6 lead times")]
    TooManyLeads,
    #[error("a lead time is given twice")]
    LeadTwice,
    #[error("days before must be 1 to 30")]
    DaysOutOfRange,
    #[error("the morning hour must be 5 to 12, and an early meeting 1 to 6 hours before")]
    MorningOutOfRange,
}

impl ReminderProblem {
    pub const fn explain(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::TooManyLeads, Lang::Ja) => "お知らせのタイミングは6つまでです。",
            (Self::TooManyLeads, Lang::En) => "There can be at most 6 reminder times.",
            (Self::LeadTwice, Lang::Ja) => "同じタイミングが二つあります。",
            (Self::LeadTwice, Lang::En) => "The same reminder time is given twice.",
            (Self::DaysOutOfRange, Lang::Ja) => "何日前かは1〜30日で選んでください。",
            (Self::DaysOutOfRange, Lang::En) => "Days before must be from 1 to 30.",
            (Self::MorningOutOfRange, Lang::Ja) => {
                "当日の朝は5〜12時、早い会議は1〜6時間前で選んでください。"
            }
            (Self::MorningOutOfRange, Lang::En) => {
                "The morning hour must be 5 to 12, and an early meeting 1 to 6 hours before."
            }
        }
    }
}

impl ReminderChoices {
    pub fn check(&self) -> Result<(), ReminderProblem> {
        let leads = &self.settings.leads;
        if leads.len() > MAX_LEADS {
            return Err(ReminderProblem::TooManyLeads);
        }
        for (i, setting) in leads.iter().enumerate() {
            if leads[..i].iter().any(|l| l.lead == setting.lead) {
                return Err(ReminderProblem::LeadTwice);
            }
            match setting.lead {
                LeadTime::DaysBefore { days } if !(1..=MAX_DAYS_BEFORE).contains(&days) => {
                    return Err(ReminderProblem::DaysOutOfRange);
                }
                LeadTime::MorningOf { hour, hours_before }
                    if !(5..=12).contains(&hour) || !(1..=6).contains(&hours_before) =>
                {
                    return Err(ReminderProblem::MorningOutOfRange);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// How a reminder reaches the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A notification on a device that subscribed.
    Push,
    /// An alarm of the calendar that subscribed to the feed.
    Calendar,
    /// This list, in the app.
    App,
}

/// Where a reminder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderState {
    Coming,
    Sent,
    /// Its time passed while the server could not send it.
    Missed,
}

/// One reminder as the person's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderView {
    pub family: crate::FamilyId,
    pub meeting: MeetingId,
    pub meeting_kind: crate::MeetingKind,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub starts_at: NaiveDateTime,
    pub kind: ReminderKind,
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-03T10:00"))]
    pub at: NaiveDateTime,
    pub channels: Vec<Channel>,
    pub state: ReminderState,
}

/// What a push message carries: which meeting and when, never anything about
/// the child or what the meeting is for. The service worker words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushMessage {
    /// The meeting (for a follow-up: the contact it came from).
    pub meeting: MeetingId,
    pub family: crate::FamilyId,
    /// `None` for a follow-up, which is of no meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_kind: Option<crate::MeetingKind>,
    #[serde(with = "crate::iso::date_time")]
    pub starts_at: NaiveDateTime,
    /// `lead`, `preparation`, `cancelled` or `follow_up`.
    pub reminder: String,
    /// For the preparation nudge: how many items the parent will bring.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brought: Option<usize>,
    pub lang: Lang,
    /// The app's page a tap opens: the meeting's for a parent, the mentor's
    /// own page for a mentor (who has no page of a family's meeting).
    pub opens: String,
}

/// The page a reminder of `meeting` opens for someone of `role`.
pub fn reminder_opens(role: crate::Role, meeting: MeetingId) -> String {
    match role {
        crate::Role::Parent => format!("/meetings/{meeting}"),
        _ => "/".to_owned(),
    }
}

/// The server's VAPID public key (base64url), the browser's `applicationServerKey`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushKey {
    pub key: String,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPushSubscription {
    pub endpoint: String,
    pub keys: PushSubscriptionKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

/// Which subscription of this device to forget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushEndpoint {
    pub endpoint: String,
}

/// Why a push subscription is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PushSubscriptionProblem {
    /// Not an `https://` address of a public host.
    EndpointNotAllowed,
    /// The keys are not a P-256 public key and a 16-byte secret.
    InvalidKeys,
}

impl PushSubscriptionProblem {
    pub const fn explain(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::EndpointNotAllowed, Lang::Ja) => {
                "この通知の送り先は使えません(公開された https のアドレスだけです)。"
            }
            (Self::EndpointNotAllowed, Lang::En) => {
                "This push endpoint cannot be used (only public https addresses)."
            }
            (Self::InvalidKeys, Lang::Ja) => "通知の鍵が正しくありません。",
            (Self::InvalidKeys, Lang::En) => "The push subscription's keys are not valid.",
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::{ChildId, FamilyId, MeetingKind};
    use proptest::prelude::*;

    proptest! {
        /// Wherever a meeting is put, every reminder comes before it, the week
        /// and the day before keep its time of day, and the morning one is on
        /// its day at eight or two hours before it.
        #[test]
        fn every_reminder_comes_before_the_meeting_at_its_rule(
            days in 0i64..4000,
            minute in 0u32..(24 * 60),
        ) {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(days);
            let start = day.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let meeting = Meeting {
                id: MeetingId::from_u128(1),
                family_id: FamilyId::from_u128(2),
                child_id: ChildId::from_u128(3),
                kind: MeetingKind::CaseMeeting,
                purpose: String::new(),
                starts_at: start,
                ends_at: start,
                place: String::new(),
                online_link: None,
                series: None,
                members: Vec::new(),
                status: MeetingStatus::Scheduled,
                agenda: Vec::new(),
                outcome: None,
            };
            for reminder in reminders_for(&meeting, &ReminderSettings::default()) {
                prop_assert!(reminder.at < start);
                match reminder.kind {
                    ReminderKind::Lead(LeadTime::DaysBefore { days }) => {
                        prop_assert_eq!(reminder.at, start - Duration::days(i64::from(days)));
                    }
                    ReminderKind::Lead(LeadTime::MorningOf { .. }) => {
                        let eight = day.and_hms_opt(8, 0, 0).unwrap();
                        prop_assert!(
                            reminder.at == eight || reminder.at == start - Duration::hours(2)
                        );
                        prop_assert_eq!(reminder.at == eight, start > eight + Duration::minutes(30));
                    }
                    ReminderKind::Preparation => {
                        prop_assert_eq!(reminder.at, start - Duration::days(PREPARATION_DAYS));
                    }
                    ReminderKind::Cancelled | ReminderKind::FollowUp => prop_assert!(false, "no notice for a scheduled meeting"),
                }
            }
        }
    }
}

#[cfg(test)]
mod choice_tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_key() {
        let kinds = DEFAULT_LEADS.map(ReminderKind::Lead).into_iter().chain([
            ReminderKind::Lead(LeadTime::DaysBefore { days: 30 }),
            ReminderKind::Preparation,
            ReminderKind::Cancelled,
            ReminderKind::FollowUp,
        ]);
        for kind in kinds {
            assert_eq!(ReminderKind::from_key(&kind.key()), Some(kind));
        }
        assert_eq!(ReminderKind::from_key("days_before_x"), None);
        assert_eq!(ReminderKind::from_key("morning_8_or_2"), None);
    }

    #[test]
    fn choices_are_checked_before_they_are_kept() {
        assert_eq!(ReminderChoices::default().check(), Ok(()));
        let with = |leads: Vec<LeadTime>| ReminderChoices {
            settings: ReminderSettings {
                leads: leads
                    .into_iter()
                    .map(|lead| LeadSetting { lead, on: true })
                    .collect(),
                preparation: true,
            },
            ..ReminderChoices::default()
        };
        let days = |days| LeadTime::DaysBefore { days };
        assert_eq!(
            with(vec![days(0)]).check(),
            Err(ReminderProblem::DaysOutOfRange)
        );
        assert_eq!(
            with(vec![days(31)]).check(),
            Err(ReminderProblem::DaysOutOfRange)
        );
        assert_eq!(with(vec![days(30), days(1)]).check(), Ok(()));
        assert_eq!(
            with(vec![days(2), days(2)]).check(),
            Err(ReminderProblem::LeadTwice)
        );
        assert_eq!(
            with((1..=7).map(days).collect()).check(),
            Err(ReminderProblem::TooManyLeads)
        );
        let morning = |hour, hours_before| LeadTime::MorningOf { hour, hours_before };
        assert_eq!(
            with(vec![morning(4, 2)]).check(),
            Err(ReminderProblem::MorningOutOfRange)
        );
        assert_eq!(
            with(vec![morning(8, 0)]).check(),
            Err(ReminderProblem::MorningOutOfRange)
        );
        assert_eq!(with(vec![morning(12, 6)]).check(), Ok(()));
        // Every lead turned off is a choice too: no reminders at all.
        let mut off = ReminderChoices::default();
        for lead in &mut off.settings.leads {
            lead.on = false;
        }
        assert_eq!(off.check(), Ok(()));
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{ChildId, FamilyId, MeetingKind};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|day| day.and_hms_opt(h, mi, 0))
            .expect("a real time")
    }

    fn meeting(starts_at: NaiveDateTime) -> Meeting {
        Meeting {
            id: MeetingId::from_u128(1),
            family_id: FamilyId::from_u128(2),
            child_id: ChildId::from_u128(3),
            kind: MeetingKind::CaseMeeting,
            purpose: String::new(),
            starts_at,
            ends_at: starts_at + Duration::hours(1),
            place: String::new(),
            online_link: None,
            series: None,
            members: Vec::new(),
            status: MeetingStatus::Scheduled,
            agenda: Vec::new(),
            outcome: None,
        }
    }

    fn times(m: &Meeting, settings: &ReminderSettings) -> Vec<(ReminderKind, NaiveDateTime)> {
        reminders_for(m, settings)
            .into_iter()
            .map(|r| (r.kind, r.at))
            .collect()
    }

    const WEEK: ReminderKind = ReminderKind::Lead(LeadTime::DaysBefore { days: 7 });
    const DAY: ReminderKind = ReminderKind::Lead(LeadTime::DaysBefore { days: 1 });
    const MORNING: ReminderKind = ReminderKind::Lead(DEFAULT_LEADS[2]);

    #[test]
    fn a_late_morning_meeting_has_a_week_three_days_the_day_before_and_eight_oclock() {
        let m = meeting(at(2026, 12, 10, 10, 0));
        assert_eq!(
            times(&m, &ReminderSettings::default()),
            [
                (WEEK, at(2026, 12, 3, 10, 0)),
                (ReminderKind::Preparation, at(2026, 12, 7, 10, 0)),
                (DAY, at(2026, 12, 9, 10, 0)),
                (MORNING, at(2026, 12, 10, 8, 0)),
            ]
        );
    }

    #[test]
    fn an_early_meeting_is_announced_two_hours_before_not_at_eight() {
        let seven = meeting(at(2026, 12, 10, 7, 0));
        assert_eq!(morning_at(&seven), at(2026, 12, 10, 5, 0));
        // At 08:30 exactly, eight o'clock would leave half an hour: too little.
        let half_past = meeting(at(2026, 12, 10, 8, 30));
        assert_eq!(morning_at(&half_past), at(2026, 12, 10, 6, 30));
        let after = meeting(at(2026, 12, 10, 8, 31));
        assert_eq!(morning_at(&after), at(2026, 12, 10, 8, 0));
    }

    fn morning_at(m: &Meeting) -> NaiveDateTime {
        reminders_for(m, &ReminderSettings::default())
            .into_iter()
            .find(|r| r.kind == MORNING)
            .map(|r| r.at)
            .expect("a morning reminder")
    }

    #[test]
    fn reminders_cross_day_month_and_year_boundaries_in_town_time() {
        // Just after midnight: the morning reminder is the evening before.
        let m = meeting(at(2027, 1, 1, 0, 30));
        assert_eq!(
            times(&m, &ReminderSettings::default()),
            [
                (WEEK, at(2026, 12, 25, 0, 30)),
                (ReminderKind::Preparation, at(2026, 12, 29, 0, 30)),
                (DAY, at(2026, 12, 31, 0, 30)),
                (MORNING, at(2026, 12, 31, 22, 30)),
            ]
        );
        // 1 April: the week before is in the previous school year, in March.
        let april = meeting(at(2027, 4, 1, 9, 0));
        assert_eq!(
            times(&april, &ReminderSettings::default())[0].1,
            at(2027, 3, 25, 9, 0)
        );
    }

    #[test]
    fn rescheduling_moves_every_reminder_and_cancelling_leaves_one_notice() {
        let before = meeting(at(2026, 12, 10, 10, 0));
        let mut moved = before.clone();
        moved.starts_at = at(2026, 12, 17, 14, 0);
        moved.ends_at = at(2026, 12, 17, 15, 0);
        let settings = ReminderSettings::default();
        let old = reminders_for(&before, &settings);
        let new = reminders_for(&moved, &settings);
        assert_eq!(old.len(), new.len());
        for (o, n) in old.iter().zip(&new) {
            // Moved a week later and from 10:00 to 14:00; eight o'clock stays eight.
            let shift = if n.kind == MORNING {
                Duration::days(7)
            } else {
                Duration::days(7) + Duration::hours(4)
            };
            assert_eq!(n.at - o.at, shift, "{:?}", n.kind);
            assert_ne!(o, n, "a moved meeting's reminders are new ones");
        }
        let mut cancelled = moved.clone();
        cancelled.status = MeetingStatus::Cancelled;
        assert!(reminders_for(&cancelled, &settings).is_empty());
        let now = at(2026, 12, 1, 12, 0);
        assert!(cancellation_notice(&moved, &cancelled, now));
        assert!(!cancellation_notice(&cancelled, &cancelled, now), "once");
        assert!(
            !cancellation_notice(&moved, &cancelled, at(2026, 12, 18, 0, 0)),
            "not for a meeting already past"
        );
        let mut held = before.clone();
        held.status = MeetingStatus::Held;
        assert!(reminders_for(&held, &settings).is_empty());
    }

    #[test]
    fn lead_times_turned_off_give_no_reminder_and_none_comes_after_the_start() {
        let m = meeting(at(2026, 12, 10, 10, 0));
        let mut settings = ReminderSettings::default();
        for lead in &mut settings.leads {
            lead.on = false;
        }
        assert_eq!(
            times(&m, &settings),
            [(ReminderKind::Preparation, at(2026, 12, 7, 10, 0))]
        );
        settings.preparation = false;
        assert!(reminders_for(&m, &settings).is_empty());
        // A morning reminder at 08:00 for a meeting at 08:00 falls back, never after.
        let settings = ReminderSettings {
            leads: vec![LeadSetting {
                lead: LeadTime::MorningOf {
                    hour: 9,
                    hours_before: 0,
                },
                on: true,
            }],
            preparation: false,
        };
        assert!(reminders_for(&meeting(at(2026, 12, 10, 8, 0)), &settings).is_empty());
    }

    #[test]
    fn a_reminder_is_sent_up_to_an_hour_late_and_missed_after() {
        let r = reminders_for(
            &meeting(at(2026, 12, 10, 10, 0)),
            &ReminderSettings::default(),
        )[0];
        assert_eq!(due(&r, r.at - Duration::minutes(1)), Due::Later);
        assert_eq!(due(&r, r.at), Due::Send);
        assert_eq!(due(&r, r.at + Duration::hours(1)), Due::Send);
        assert_eq!(due(&r, r.at + Duration::minutes(61)), Due::Missed);
    }

    #[test]
    fn the_preparation_nudge_counts_what_is_brought() {
        assert_eq!(
            preparation_text(Lang::Ja, 2),
            "あと3日: 持っていくことが2件あります"
        );
        assert_eq!(
            preparation_text(Lang::Ja, 0),
            "あと3日: まだ何も決めていません"
        );
        assert_eq!(
            preparation_text(Lang::En, 1),
            "3 days to go: 1 thing to bring"
        );
        let settings = ReminderSettings::default();
        let json = serde_json::to_string(&settings).expect("settings as JSON");
        assert_eq!(
            serde_json::from_str::<ReminderSettings>(&json).expect("read back"),
            settings
        );
    }
}
