//! What the audit log records, and how a parent reads it ("who looked at our data").

use serde::{Deserialize, Serialize};

use crate::{Lang, PersonId, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignOut,
    SignOutEverywhere,
    AccountCreated,
    InvitationCreated,
    InvitationRevoked,
    /// Staff or a mentor opened the family's data.
    ReadFamily,
    FamilyDeleted,
    ConsentGranted,
    ConsentRevoked,
    /// A new parent joined a family that already had parents (the actor invited
    /// them; the subject is the newcomer): waiting for a parent to confirm.
    ParentJoining,
    /// One of the family's parents confirmed the newcomer (the subject).
    ParentConfirmed,
    /// One of the family's parents refused the newcomer (the subject).
    ParentRefused,
    /// A coordinator proposed a mentor (the subject) to the family.
    MentorProposed,
    /// A parent declined a proposed mentor (the subject).
    MentorDeclined,
}

named_enum!(AuditAction, UnknownAuditAction, "unknown audit action", {
    SignIn => "sign_in",
    SignOut => "sign_out",
    SignOutEverywhere => "sign_out_everywhere",
    AccountCreated => "account_created",
    InvitationCreated => "invitation_created",
    InvitationRevoked => "invitation_revoked",
    ReadFamily => "read_family",
    FamilyDeleted => "family_deleted",
    ConsentGranted => "consent_granted",
    ConsentRevoked => "consent_revoked",
    ParentJoining => "parent_joining",
    ParentConfirmed => "parent_confirmed",
    ParentRefused => "parent_refused",
    MentorProposed => "mentor_proposed",
    MentorDeclined => "mentor_declined",
});

impl AuditAction {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::SignIn, Lang::Ja) => "サインイン",
            (Self::SignIn, Lang::En) => "signed in",
            (Self::SignOut, Lang::Ja) => "サインアウト",
            (Self::SignOut, Lang::En) => "signed out",
            (Self::SignOutEverywhere, Lang::Ja) => "すべての端末からサインアウト",
            (Self::SignOutEverywhere, Lang::En) => "signed out everywhere",
            (Self::AccountCreated, Lang::Ja) => "アカウントを作成",
            (Self::AccountCreated, Lang::En) => "set up an account",
            (Self::InvitationCreated, Lang::Ja) => "招待を作成",
            (Self::InvitationCreated, Lang::En) => "made an invitation",
            (Self::InvitationRevoked, Lang::Ja) => "招待を取り消し",
            (Self::InvitationRevoked, Lang::En) => "withdrew an invitation",
            (Self::ReadFamily, Lang::Ja) => "ご家族の情報を閲覧",
            (Self::ReadFamily, Lang::En) => "looked at your family's data",
            (Self::FamilyDeleted, Lang::Ja) => "家族の情報を削除",
            (Self::FamilyDeleted, Lang::En) => "deleted a family's data",
            (Self::ConsentGranted, Lang::Ja) => "メンターへの公開に同意",
            (Self::ConsentGranted, Lang::En) => "shared with a mentor",
            (Self::ConsentRevoked, Lang::Ja) => "メンターへの公開を取り消し",
            (Self::ConsentRevoked, Lang::En) => "stopped sharing with a mentor",
            (Self::ParentJoining, Lang::Ja) => "保護者を招待（ご家族の確認待ち）",
            (Self::ParentJoining, Lang::En) => "invited a parent (waiting for your confirmation)",
            (Self::ParentConfirmed, Lang::Ja) => "新しい保護者を確認",
            (Self::ParentConfirmed, Lang::En) => "confirmed a new parent",
            (Self::ParentRefused, Lang::Ja) => "新しい保護者を断る",
            (Self::MentorProposed, Lang::Ja) => "メンターを提案",
            (Self::MentorDeclined, Lang::Ja) => "提案されたメンターを見送り",
            (Self::ParentRefused, Lang::En) => "turned down a new parent",
            (Self::MentorProposed, Lang::En) => "proposed a mentor",
            (Self::MentorDeclined, Lang::En) => "declined a proposed mentor",
        }
    }
}

/// What of the family's data a read was of: a parent reading the log wants to
/// know what was seen, not only that something was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Viewed {
    /// The family's name and its children.
    Family,
    Meetings,
    Plans,
    /// What the parents brought to one meeting (its wording, never the entries).
    MeetingItems,
    /// A mentor's view: the meeting dates the family shares with them.
    MeetingDates,
    /// A mentor's view: the family in their list and contact log (`ConsentScope::Contact`).
    Contact,
    /// A mentor's view: the entries shared with them, with the child's stage.
    SharedEntries,
}

impl From<crate::consent::ConsentScope> for Viewed {
    /// What a consent lets its mentor see, as the log names it beside a grant.
    fn from(scope: crate::consent::ConsentScope) -> Self {
        use crate::consent::ConsentScope;
        match scope {
            ConsentScope::Contact => Self::Contact,
            ConsentScope::MeetingDates => Self::MeetingDates,
            ConsentScope::SharedEntries => Self::SharedEntries,
        }
    }
}

named_enum!(Viewed, UnknownViewed, "unknown viewed data", {
    Family => "family",
    Meetings => "meetings",
    Plans => "plans",
    MeetingItems => "meeting_items",
    MeetingDates => "meeting_dates",
    Contact => "contact",
    SharedEntries => "shared_entries",
});

impl Viewed {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Family, Lang::Ja) => "ご家族とお子さんの登録内容",
            (Self::Family, Lang::En) => "your family and children as registered",
            (Self::Meetings, Lang::Ja) => "会議の予定と記録",
            (Self::Meetings, Lang::En) => "the meetings and their records",
            (Self::Plans, Lang::Ja) => "計画(個別の教育支援計画・指導計画)",
            (Self::Plans, Lang::En) => "the plans",
            (Self::MeetingItems, Lang::Ja) => "会議に持っていったこと",
            (Self::MeetingItems, Lang::En) => "what you brought to a meeting",
            (Self::MeetingDates, Lang::Ja) => "公開している会議の日程",
            (Self::Contact, Lang::Ja) => "メンターの連絡記録に載るご家族",
            (Self::SharedEntries, Lang::Ja) => "メンターに相談したメモ",
            (Self::MeetingDates, Lang::En) => "the meeting dates you share",
            (Self::Contact, Lang::En) => "your family in the mentor's contact log",
            (Self::SharedEntries, Lang::En) => "the entries you share with the mentor",
        }
    }
}

/// One line of "who looked at our family's data, and when".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    /// Town-local time.
    #[serde(with = "crate::iso::date_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-10T10:00"))]
    pub at: chrono::NaiveDateTime,
    /// `None` for the server's own admin commands.
    #[serde(default)]
    pub actor: Option<PersonId>,
    pub actor_name: Option<String>,
    pub actor_role: Option<Role>,
    pub action: AuditAction,
    /// Whom the action was about (the parent invited, confirmed or turned down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_name: Option<String>,
    /// What a read was of; `None` for other actions and for reads logged before
    /// the log said what was read.
    #[serde(default)]
    pub viewed: Option<Viewed>,
}

/// One page of the family's log, newest first; `older` is what to ask for next
/// (`?before=`), `None` on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogPage {
    pub entries: Vec<AccessLogEntry>,
    #[serde(default)]
    pub older: Option<i64>,
}

/// How many log rows one page holds.
pub const ACCESS_LOG_PAGE: usize = 200;

/// Repeated lines of the log read as one: the same person doing the same thing
/// to the same data on the same day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogGroup {
    /// The newest of the group's lines, as it is shown.
    pub latest: AccessLogEntry,
    /// The time of the oldest of them (the same day).
    pub earliest: chrono::NaiveDateTime,
    pub count: usize,
}

/// Groups a log given newest first, keeping that order: each group sits where its
/// newest line was. A coordinator who opens the desk ten times in a morning is one
/// line ("10 times"), and what they looked at stays told apart.
pub fn group_access_log(entries: &[AccessLogEntry]) -> Vec<AccessLogGroup> {
    let mut groups: Vec<AccessLogGroup> = Vec::new();
    let same = |a: &AccessLogEntry, b: &AccessLogEntry| {
        a.at.date() == b.at.date()
            && a.actor == b.actor
            && a.actor_name == b.actor_name
            && a.actor_role == b.actor_role
            && a.action == b.action
            && a.viewed == b.viewed
            && a.subject_name == b.subject_name
    };
    for entry in entries {
        match groups.iter_mut().find(|g| same(&g.latest, entry)) {
            Some(group) => {
                group.count += 1;
                group.earliest = group.earliest.min(entry.at);
            }
            None => groups.push(AccessLogGroup {
                latest: entry.clone(),
                earliest: entry.at,
                count: 1,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_stored_names() {
        for action in AuditAction::ALL {
            assert_eq!(action.as_str().parse(), Ok(action));
        }
        assert!("peeked".parse::<AuditAction>().is_err());
        for viewed in Viewed::ALL {
            assert_eq!(viewed.as_str().parse(), Ok(viewed));
        }
    }

    fn read(who: u128, day: u32, hour: u32, minute: u32, viewed: Option<Viewed>) -> AccessLogEntry {
        AccessLogEntry {
            at: chrono::NaiveDate::from_ymd_opt(2026, 12, day)
                .and_then(|d| d.and_hms_opt(hour, minute, 0))
                .unwrap(),
            actor: Some(PersonId::from_u128(who)),
            actor_name: Some(format!("person {who}")),
            actor_role: Some(Role::Coordinator),
            action: AuditAction::ReadFamily,
            subject_name: None,
            viewed,
        }
    }

    #[test]
    fn repeated_reads_of_one_thing_by_one_person_on_one_day_are_one_line() {
        let meetings = Some(Viewed::Meetings);
        // Newest first, as the server answers.
        let log = vec![
            read(1, 2, 10, 4, meetings),
            read(1, 2, 10, 3, Some(Viewed::Plans)),
            read(2, 2, 10, 2, meetings),
            read(1, 2, 10, 1, meetings),
            read(1, 2, 9, 0, meetings),
            read(1, 1, 17, 0, meetings),
        ];
        let groups = group_access_log(&log);
        let shape: Vec<_> = groups
            .iter()
            .map(|g| (g.latest.at, g.earliest, g.latest.viewed, g.count))
            .collect();
        assert_eq!(
            shape,
            vec![
                (log[0].at, log[4].at, meetings, 3),
                (log[1].at, log[1].at, Some(Viewed::Plans), 1),
                (log[2].at, log[2].at, meetings, 1),
                (log[5].at, log[5].at, meetings, 1),
            ]
        );
    }

    #[test]
    fn other_actions_and_unsaid_reads_group_only_with_their_own_kind() {
        let mut sign_in = read(1, 2, 9, 30, None);
        sign_in.action = AuditAction::SignIn;
        let log = vec![
            read(1, 2, 10, 0, None),
            sign_in.clone(),
            read(1, 2, 9, 0, None),
            read(1, 2, 8, 0, Some(Viewed::Family)),
        ];
        let counts: Vec<_> = group_access_log(&log)
            .iter()
            .map(|g| (g.latest.action, g.latest.viewed, g.count))
            .collect();
        assert_eq!(
            counts,
            vec![
                (AuditAction::ReadFamily, None, 2),
                (AuditAction::SignIn, None, 1),
                (AuditAction::ReadFamily, Some(Viewed::Family), 1),
            ]
        );
        assert!(group_access_log(&[]).is_empty());
    }
}
