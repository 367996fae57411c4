//! What the audit log records, and how a parent reads it ("who looked at our data").

use serde::{Deserialize, Serialize};

use crate::{Lang, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
            (Self::ParentRefused, Lang::En) => "turned down a new parent",
        }
    }
}

/// One line of "who looked at our family's data, and when".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    /// Town-local time.
    #[serde(with = "crate::iso::date_time")]
    pub at: chrono::NaiveDateTime,
    /// `None` for the server's own admin commands.
    pub actor_name: Option<String>,
    pub actor_role: Option<Role>,
    pub action: AuditAction,
    /// Whom the action was about (the parent invited, confirmed or turned down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_name: Option<String>,
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
    }
}
