//! A person's meetings as an iCalendar feed (RFC 5545): what a phone's calendar
//! subscribes to. Private by default: an event says the kind of meeting, its
//! time and place, never the child's name or the purpose unless the person
//! chose to show them. Times are the town's, with its VTIMEZONE.

use chrono::{Duration, NaiveDateTime};

use crate::{
    Lang, Meeting,
    meeting_record::MeetingStatus,
    reminders::{LeadTime, ReminderKind, ReminderSettings, reminders_for},
};

/// What an event may say beyond kind, time and place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedDetail {
    pub child_name: bool,
    pub purpose: bool,
}

/// One meeting in the feed, with what the server knows of its history.
#[derive(Debug, Clone)]
pub struct FeedMeeting<'a> {
    pub meeting: &'a Meeting,
    /// The child's given name, shown only if `FeedDetail::child_name`.
    pub child_name: &'a str,
    /// Grows with every change of the meeting (its revision count).
    pub sequence: u32,
    /// When the meeting last changed, UTC.
    pub changed_at: NaiveDateTime,
}

/// A mentor's open follow-up in their feed: a half-hour on its morning, with
/// an alarm at its start. The family is named only if the person chose to show
/// names (`FeedDetail::child_name`).
#[derive(Debug, Clone)]
pub struct FeedFollowUp<'a> {
    pub contact: uuid::Uuid,
    pub family_name: &'a str,
    /// Town time.
    pub at: NaiveDateTime,
    /// When the contact last changed, UTC.
    pub changed_at: NaiveDateTime,
}

const TZID: &str = "Asia/Tokyo";
/// The town's offset from UTC (no daylight saving).
const OFFSET: Duration = Duration::hours(9);

/// Text as an iCalendar TEXT value: backslash, semicolon, comma and newlines escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), CRLF-ended.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn trigger(kind: ReminderKind, at: NaiveDateTime) -> String {
    match kind {
        ReminderKind::Lead(LeadTime::DaysBefore { days }) => format!("TRIGGER:-P{days}D"),
        // The morning reminder and the nudge are at a time of day: absolute, in UTC.
        _ => format!("TRIGGER;VALUE=DATE-TIME:{}", utc(at - OFFSET)),
    }
}

/// The feed: one VEVENT per meeting, one VALARM per reminder the settings give.
pub fn feed(
    meetings: &[FeedMeeting<'_>],
    follow_ups: &[FeedFollowUp<'_>],
    settings: &ReminderSettings,
    detail: FeedDetail,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tsunagu//Meetings//JA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:つなぐ",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        push_line(&mut out, line);
    }
    for entry in meetings {
        let m = entry.meeting;
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:meeting-{}@tsunagu", m.id));
        push_line(&mut out, &format!("DTSTAMP:{}", utc(entry.changed_at)));
        push_line(&mut out, &format!("SEQUENCE:{}", entry.sequence));
        push_line(
            &mut out,
            &format!("DTSTART;TZID={TZID}:{}", local(m.starts_at)),
        );
        push_line(&mut out, &format!("DTEND;TZID={TZID}:{}", local(m.ends_at)));
        let mut summary = m.kind.label(lang).to_owned();
        if detail.child_name && !entry.child_name.is_empty() {
            summary = match lang {
                Lang::Ja => format!("{summary}({})", entry.child_name),
                Lang::En => format!("{summary} ({})", entry.child_name),
            };
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        if !m.place.is_empty() {
            push_line(&mut out, &format!("LOCATION:{}", escape(&m.place)));
        }
        if detail.purpose && !m.purpose.is_empty() {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(&m.purpose)));
        }
        let status = match m.status {
            MeetingStatus::Cancelled => "CANCELLED",
            _ => "CONFIRMED",
        };
        push_line(&mut out, &format!("STATUS:{status}"));
        for reminder in reminders_for(m, settings) {
            push_line(&mut out, "BEGIN:VALARM");
            push_line(&mut out, "ACTION:DISPLAY");
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(m.kind.label(lang))),
            );
            push_line(&mut out, &trigger(reminder.kind, reminder.at));
            push_line(&mut out, "END:VALARM");
        }
        push_line(&mut out, "END:VEVENT");
    }
    for f in follow_ups {
        let mut summary = match lang {
            Lang::Ja => "フォローアップ".to_owned(),
            Lang::En => "Follow-up".to_owned(),
        };
        if detail.child_name && !f.family_name.is_empty() {
            summary = match lang {
                Lang::Ja => format!("{summary}({})", f.family_name),
                Lang::En => format!("{summary} ({})", f.family_name),
            };
        }
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:follow-up-{}@tsunagu", f.contact),
            format!("DTSTAMP:{}", utc(f.changed_at)),
            format!("DTSTART;TZID={TZID}:{}", local(f.at)),
            format!("DTEND;TZID={TZID}:{}", local(f.at + Duration::minutes(30))),
            format!("SUMMARY:{}", escape(&summary)),
            "STATUS:CONFIRMED".to_owned(),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&summary)),
            "TRIGGER:PT0S".to_owned(),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
        ] {
            push_line(&mut out, &line);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A person's secret calendar feed. The server keeps only the token's hash, so
/// the address (and its `webcal://` form and QR code) comes only in the answer
/// that made it; the app keeps it on the device that made it. Reading the feed
/// later says only that one exists and since when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    /// `https://…/calendar/{token}.ics`, when just made.
    pub url: Option<String>,
    /// The same address as `webcal://`, which phones open in their calendar.
    pub webcal: Option<String>,
    /// A QR code of `webcal`, as SVG, for adding the feed on another device.
    pub qr_svg: Option<String>,
    /// Town time.
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-01T09:00"))]
    pub made_at: NaiveDateTime,
}

/// An iCalendar file (`text/calendar`), sent as it is, not as JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct CalendarText(pub String);

/// The `webcal://` form of a feed's `https://` (or `http://`) address.
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{ChildId, FamilyId, MeetingId, MeetingKind};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|day| day.and_hms_opt(h, mi, 0))
            .expect("a real time")
    }

    fn meeting() -> Meeting {
        Meeting {
            id: MeetingId::from_u128(1),
            family_id: FamilyId::from_u128(2),
            child_id: ChildId::from_u128(3),
            kind: MeetingKind::CaseMeeting,
            purpose: "就学について, 話す; 大事".into(),
            starts_at: at(2026, 12, 10, 10, 0),
            ends_at: at(2026, 12, 10, 11, 0),
            place: "こども発達支援センター 2階 相談室".into(),
            online_link: None,
            series: None,
            members: Vec::new(),
            status: MeetingStatus::Scheduled,
            agenda: Vec::new(),
            outcome: None,
        }
    }

    fn unfolded(feed: &str) -> Vec<String> {
        feed.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn an_event_says_kind_time_and_place_only_unless_asked() {
        let m = meeting();
        let entry = FeedMeeting {
            meeting: &m,
            child_name: "はると",
            sequence: 3,
            changed_at: at(2026, 12, 1, 3, 0),
        };
        let follow_up = FeedFollowUp {
            contact: uuid::Uuid::from_u128(9),
            family_name: "高台",
            at: at(2026, 12, 4, 9, 0),
            changed_at: at(2026, 12, 1, 3, 0),
        };
        let text = feed(
            std::slice::from_ref(&entry),
            std::slice::from_ref(&follow_up),
            &ReminderSettings::default(),
            FeedDetail::default(),
            Lang::Ja,
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.lines().all(|l| l.trim_end_matches('\r').len() <= 75));
        let lines = unfolded(&text);
        assert!(lines.contains(&"DTSTART;TZID=Asia/Tokyo:20261210T100000".to_owned()));
        assert!(lines.contains(&"SEQUENCE:3".to_owned()));
        // The follow-up: its morning, an alarm at its start, no family named.
        assert!(lines.contains(&"DTSTART;TZID=Asia/Tokyo:20261204T090000".to_owned()));
        assert!(lines.contains(&"SUMMARY:フォローアップ".to_owned()));
        assert!(lines.contains(&"TRIGGER:PT0S".to_owned()));
        assert!(!text.contains("高台"));
        assert!(lines.contains(&"TRIGGER:-P7D".to_owned()));
        // 08:00 in Tokyo is 23:00 UTC the day before.
        assert!(lines.contains(&"TRIGGER;VALUE=DATE-TIME:20261209T230000Z".to_owned()));
        assert!(!text.contains("はると"), "no child's name by default");
        assert!(!text.contains("就学"), "no purpose by default");
        let shown = feed(
            &[entry],
            &[],
            &ReminderSettings::default(),
            FeedDetail {
                child_name: true,
                purpose: true,
            },
            Lang::Ja,
        );
        let lines = unfolded(&shown);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("SUMMARY:") && l.contains("はると"))
        );
        assert!(lines.contains(&"DESCRIPTION:就学について\\, 話す\\; 大事".to_owned()));
    }

    #[test]
    fn a_cancelled_meeting_stays_in_the_feed_as_cancelled_without_alarms() {
        let mut m = meeting();
        m.status = MeetingStatus::Cancelled;
        let text = feed(
            &[FeedMeeting {
                meeting: &m,
                child_name: "",
                sequence: 4,
                changed_at: at(2026, 12, 2, 0, 0),
            }],
            &[],
            &ReminderSettings::default(),
            FeedDetail::default(),
            Lang::Ja,
        );
        assert!(text.contains("STATUS:CANCELLED"));
        assert!(!text.contains("BEGIN:VALARM"));
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        push_line(&mut out, &"あ".repeat(40));
        let first = out.split("\r\n").next().unwrap_or_default();
        assert!(first.len() <= 75);
        assert_eq!(out.replace("\r\n ", "").trim_end(), "あ".repeat(40));
    }
}
