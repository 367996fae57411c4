//! People and how they sign in: roles, login names and passwords, checked once
//! at the edge (app form and server) by the same rules.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Lang;

define_id!(
    /// A person with an account: a parent, mentor, coordinator or admin.
    PersonId
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 保護者: sees their own families only.
    Parent,
    /// ペアレントメンター: sees a family only within what it consented to.
    Mentor,
    /// 地域コーディネーター: manages the town's families; never reads private notebooks.
    Coordinator,
    /// Runs the server.
    Admin,
}

named_enum!(Role, UnknownRole, "unknown role: use parent, mentor, coordinator or admin", {
    Parent => "parent",
    Mentor => "mentor",
    Coordinator => "coordinator",
    Admin => "admin",
});

impl Role {
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Parent, Lang::Ja) => "保護者",
            (Self::Parent, Lang::En) => "Parent",
            (Self::Mentor, Lang::Ja) => "ペアレントメンター",
            (Self::Mentor, Lang::En) => "Parent mentor",
            (Self::Coordinator, Lang::Ja) => "地域コーディネーター",
            (Self::Coordinator, Lang::En) => "Regional coordinator",
            (Self::Admin, Lang::Ja) => "管理者",
            (Self::Admin, Lang::En) => "Administrator",
        }
    }
}

/// The name someone types with their password: 3–64 letters, digits, `.`, `_`, `-`,
/// compared without case. Not an e-mail address: nobody is reached through it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct LoginName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvalidLoginName {
    #[error("the login name must be 3 to 64 characters")]
    Length,
    #[error("the login name may use only letters a–z, digits, '.', '_' and '-'")]
    Characters,
}

impl InvalidLoginName {
    pub const fn explain(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Self::Length, crate::Lang::Ja) => "ログイン名は3〜64文字にしてください。",
            (Self::Length, crate::Lang::En) => "The login name must be 3 to 64 characters.",
            (Self::Characters, crate::Lang::Ja) => {
                "ログイン名には半角英数字と . _ - だけを使えます。"
            }
            (Self::Characters, crate::Lang::En) => {
                "The login name may use only letters a–z, digits, '.', '_' and '-'."
            }
        }
    }
}

impl LoginName {
    pub fn parse(raw: &str) -> Result<Self, InvalidLoginName> {
        let name = raw.trim().to_ascii_lowercase();
        if !(3..=64).contains(&name.chars().count()) {
            return Err(InvalidLoginName::Length);
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(InvalidLoginName::Characters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LoginName {
    type Error = InvalidLoginName;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<LoginName> for String {
    fn from(name: LoginName) -> Self {
        name.0
    }
}

impl fmt::Display for LoginName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: long enough to resist guessing, short enough to hash cheaply.
/// Never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct NewPassword(String);

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_BYTES: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvalidPassword {
    #[error("the password must be at least 10 characters")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
}

impl InvalidPassword {
    pub const fn explain(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Self::TooShort, crate::Lang::Ja) => "パスワードは10文字以上にしてください。",
            (Self::TooShort, crate::Lang::En) => "The password must be at least 10 characters.",
            (Self::TooLong, crate::Lang::Ja) => "パスワードが長すぎます。",
            (Self::TooLong, crate::Lang::En) => "The password is too long.",
        }
    }
}

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, InvalidPassword> {
        if raw.len() > PASSWORD_MAX_BYTES {
            return Err(InvalidPassword::TooLong);
        }
        if raw.chars().count() < PASSWORD_MIN_CHARS {
            return Err(InvalidPassword::TooShort);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NewPassword {
    type Error = InvalidPassword;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_trimmed_lowercased_and_limited() {
        assert_eq!(
            LoginName::parse("  Mori.Kawa_1 ").unwrap().as_str(),
            "mori.kawa_1"
        );
        assert_eq!(LoginName::parse("ab"), Err(InvalidLoginName::Length));
        assert_eq!(
            LoginName::parse(&"a".repeat(65)),
            Err(InvalidLoginName::Length)
        );
        assert_eq!(
            LoginName::parse("森川さん"),
            Err(InvalidLoginName::Characters)
        );
        assert_eq!(
            LoginName::parse("mori kawa"),
            Err(InvalidLoginName::Characters)
        );
        assert_eq!(
            LoginName::parse("mori@kawa"),
            Err(InvalidLoginName::Characters)
        );
    }

    #[test]
    fn passwords_need_ten_characters_and_never_print() {
        assert_eq!(NewPassword::parse("short"), Err(InvalidPassword::TooShort));
        // Ten Japanese characters are ten characters, though thirty bytes.
        assert!(NewPassword::parse("あいうえおかきくけこ").is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(300)),
            Err(InvalidPassword::TooLong)
        );
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse(), Ok(role));
        }
        assert_eq!("teacher".parse::<Role>(), Err(UnknownRole));
    }
}
