//! Every refusal of the server as a stable code with its parameters: the server
//! sends it beside a default message, and each app explains it in the language
//! its reader chose, so a server that answered in English never puts English on
//! a Japanese screen.

use serde::{Deserialize, Serialize};

use crate::{
    ChildProblem, Lang,
    account::{InvalidLoginName, InvalidPassword},
    brought::OutcomeProblem,
    directory::AgencyProblem,
    meeting_record::MeetingProblem,
    plan::PlanProblem,
    reminders::{PushSubscriptionProblem, ReminderProblem},
    text::InvalidText,
};

/// What is wrong with one part of a request body that does not fit its shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum BodyFault {
    Missing,
    /// A field the request does not take.
    Unknown,
    /// Not one of the allowed values.
    NotAllowed,
    WrongType,
    WrongLength,
    Twice,
    Invalid,
    /// A rule of the field's own, as its type states it (in English: the
    /// Japanese reader is told which field, not the rule's English words).
    Rule {
        rule: String,
    },
}

/// A field of a body as serde names it: `mutations[0].client`.
fn body_field(field: &Option<String>) -> (String, String) {
    match field {
        Some(f) => (format!("the field {f}"), format!("項目 {f} ")),
        None => ("the request body".to_owned(), "送られた内容".to_owned()),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn body_shape(field: &Option<String>, fault: &BodyFault, lang: Lang) -> String {
    let (en, ja) = body_field(field);
    match (fault, lang) {
        (BodyFault::Missing, Lang::Ja) => format!("送られた内容に{ja}がありません。"),
        (BodyFault::Unknown, Lang::Ja) => format!("{ja}はこのリクエストでは使えません。"),
        (BodyFault::NotAllowed, Lang::Ja) => {
            format!("{ja}の値は、選べるもののどれでもありません。")
        }
        (BodyFault::WrongType, Lang::Ja) => format!("{ja}の値の種類が正しくありません。"),
        (BodyFault::WrongLength, Lang::Ja) => format!("{ja}の数が正しくありません。"),
        (BodyFault::Twice, Lang::Ja) => format!("{ja}が二度指定されています。"),
        (BodyFault::Invalid | BodyFault::Rule { .. }, Lang::Ja) => {
            format!("{ja}が正しくありません。")
        }
        (BodyFault::Missing, Lang::En) => format!("{} is missing.", capitalised(&en)),
        (BodyFault::Unknown, Lang::En) => {
            format!("{} is not one this request takes.", capitalised(&en))
        }
        (BodyFault::NotAllowed, Lang::En) => {
            format!("{} is not one of the allowed values.", capitalised(&en))
        }
        (BodyFault::WrongType, Lang::En) => {
            format!("{} has the wrong type of value.", capitalised(&en))
        }
        (BodyFault::WrongLength, Lang::En) => {
            format!("{} has the wrong number of items.", capitalised(&en))
        }
        (BodyFault::Twice, Lang::En) => format!("{} is given twice.", capitalised(&en)),
        (BodyFault::Invalid, Lang::En) => format!("{} is not valid.", capitalised(&en)),
        (BodyFault::Rule { rule }, Lang::En) => {
            format!("{} {}.", capitalised(&en), rule.trim_end_matches('.'))
        }
    }
}

/// What an id in an address or a body names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdOf {
    Family,
    Consent,
    Record,
    Meeting,
    Item,
    Person,
    Invitation,
}

/// What was looked for and is not there (or not there for this reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Thing {
    Endpoint,
    Family,
    Record,
    Item,
    /// A consent in force.
    Consent,
    /// An invitation waiting to be used.
    Invitation,
    /// A parent waiting to join the family.
    JoiningParent,
    /// The person's calendar feed (none made, or removed).
    CalendarFeed,
    /// A mentor proposed to the family.
    Proposal,
    /// An agency of the directory.
    Agency,
}

/// A typed name the server checks by the rules of `crate::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    FamilyName,
    ChildName,
    School,
    InviteeName,
}

impl TextField {
    /// The field as a sentence names it, with its JSON name in English.
    const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::FamilyName, Lang::Ja) => "家族の呼び名",
            (Self::FamilyName, Lang::En) => "The family's name (display_name)",
            (Self::ChildName, Lang::Ja) => "お子さんの名前",
            (Self::ChildName, Lang::En) => "The child's name (given_name)",
            (Self::School, Lang::Ja) => "園・学校の名前",
            (Self::School, Lang::En) => "The school's name (school)",
            (Self::InviteeName, Lang::Ja) => "名前",
            (Self::InviteeName, Lang::En) => "The name (display_name)",
        }
    }
}

/// Why the server refused a request. The code is the variant's name in
/// snake_case; the parameters are its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    // The request itself.
    /// The address or the request is not valid (a refusal no handler wrote).
    BadRequest,
    /// The request is not valid, by no more precise account.
    InvalidRequest,
    BadAddress,
    UriTooLong,
    MethodNotAllowed,
    RequestTimeout,
    BodyTooLarge,
    NotJson,
    InvalidJson,
    /// The body's JSON does not fit: `detail` names the field and what is
    /// wrong with it (serde's account, in English), never the value sent.
    /// The body is JSON but not of the request's shape: which field, and how.
    BodyShape {
        field: Option<String>,
        #[serde(flatten)]
        fault: BodyFault,
    },
    UnreadableBody,
    InvalidId {
        what: IdOf,
    },
    NotFound {
        what: Thing,
    },
    /// The id in the body is not the one in the address.
    RecordIdMismatch,
    /// Someone else saved first.
    Conflict,
    // The server's state.
    ServerFailed,
    Busy,
    TooManyAttempts,
    // Signing in.
    SignInNeeded,
    SessionEnded,
    WrongCredentials,
    LoginNameTaken,
    LoginName {
        problem: InvalidLoginName,
    },
    Password {
        problem: InvalidPassword,
    },
    ForeignRequest,
    PasskeyInUse,
    PasskeyRequestExpired,
    NotPasskeySetUp,
    PasskeyForAnotherInvitation,
    PasskeySetUpFailed,
    NotPasskeySignIn,
    UnknownPasskey,
    // Invitations.
    InvitationLinkInvalid,
    InvitationUsed,
    InvitationWithdrawn,
    InvitationExpired,
    InvitationNeedsFamily,
    OnlyParentInvitationNamesFamily,
    // Who may do what.
    OnlyCoordinatorsRegisterFamilies,
    OnlyFamiliesChooseMentors,
    OnlyMentorsHaveMentees,
    NotAMentor,
    AlreadyShared,
    // Families and their records.
    InvalidText {
        field: TextField,
        why: InvalidText,
    },
    Child {
        problem: ChildProblem,
    },
    ChildFamilyMismatch,
    ChildIdTaken,
    BadPage,
    Meeting {
        problem: MeetingProblem,
    },
    MeetingFamilyMismatch,
    Plan {
        problem: PlanProblem,
    },
    PlanChildFixed,
    Outcome {
        problem: OutcomeProblem,
    },
    ItemWithdrawn,
    MeetingNotStarted,
    GoalNotInPlans,
    // Sync.
    RecordTooLarge,
    PushTooLarge,
    TooManyChanges {
        max: usize,
    },
    BadCursor,
    ChangeNumberTooLarge,
    // Reminders.
    Reminders {
        problem: ReminderProblem,
    },
    PushSubscription {
        problem: PushSubscriptionProblem,
    },
    /// Only a family's parents and mentors are reminded of its meetings.
    NoReminders,
    // Mentors and the directory.
    /// An acceptance names scopes (each once), a refusal none.
    ProposalAnswer,
    /// The proposal was answered or withdrawn already.
    ProposalAnswered,
    /// The family has a proposal waiting for this mentor, or consents to them.
    ProposalWaiting,
    /// What only a coordinator does (the directory, proposals, the programme's counts).
    OnlyCoordinators,
    Agency {
        problem: AgencyProblem,
    },
}

impl Problem {
    /// The stable code, as the JSON's `code` says it (for logs: never the words).
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str().map(str::to_owned)))
            .unwrap_or_default()
    }

    /// What the reader is told, in their language.
    pub fn explain(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let pick = |j: &'static str, e: &'static str| if ja { j } else { e }.to_owned();
        match self {
            Self::BadRequest => pick(
                "アドレスか送られた内容が正しくありません。",
                "The address or the request is not valid.",
            ),
            Self::InvalidRequest => pick(
                "送られた内容が正しくありません。",
                "The request is not valid.",
            ),
            Self::BadAddress => pick("アドレスが正しくありません。", "The address is not valid."),
            Self::UriTooLong => pick("アドレスが長すぎます。", "The address is too long."),
            Self::MethodNotAllowed => pick(
                "この API はこの方法では使えません。",
                "This endpoint does not answer this method.",
            ),
            Self::RequestTimeout => pick(
                "送られてくるのに時間がかかりすぎました。もう一度お試しください。",
                "The request took too long to arrive. Please try again.",
            ),
            Self::BodyTooLarge => pick(
                "送られた内容が大きすぎます。",
                "The request body is too large.",
            ),
            Self::NotJson => pick(
                "送られた内容が JSON ではありません(Content-Type: application/json)。",
                "The request body must be JSON (Content-Type: application/json).",
            ),
            Self::InvalidJson => pick(
                "送られた内容が正しい JSON ではありません。",
                "The request body is not valid JSON.",
            ),
            Self::BodyShape { field, fault } => body_shape(field, fault, lang),
            Self::UnreadableBody => pick(
                "送られた内容を読めませんでした。",
                "The request body could not be read.",
            ),
            Self::InvalidId { what } => invalid_id(*what, lang).to_owned(),
            Self::NotFound { what } => not_found(*what, lang).to_owned(),
            Self::RecordIdMismatch => pick(
                "記録の ID がアドレスと一致しません。",
                "The record's id does not match its address.",
            ),
            Self::Conflict => pick(
                "ほかの人が先に変更していました。読み込み直してから、もう一度変更してください。",
                "Someone else changed this meanwhile. Reload it and make your change again.",
            ),
            Self::ServerFailed => pick(
                "サーバーで問題が起きました。しばらくしてから、もう一度お試しください。",
                "Something went wrong on the server. Please try again later.",
            ),
            Self::Busy => pick(
                "サーバーが混み合っています。少し待ってから、もう一度お試しください。",
                "The server is busy. Please try again in a moment.",
            ),
            Self::TooManyAttempts => pick(
                "試行が多すぎます。しばらく待ってから、もう一度お試しください。",
                "Too many attempts. Please wait and try again.",
            ),
            Self::SignInNeeded => pick("ログインしてください。", "Please sign in."),
            Self::SessionEnded => pick(
                "ログインの有効期限が切れたか、ほかの端末でログアウトしました。もう一度ログインしてください。",
                "Your session has ended. Please sign in again.",
            ),
            Self::WrongCredentials => pick(
                "ログイン名かパスワードが違います。",
                "The login name or the password is not right.",
            ),
            Self::LoginNameTaken => pick(
                "このログイン名は使えません。別の名前を選んでください。",
                "This login name cannot be used. Please choose another.",
            ),
            Self::LoginName { problem } => problem.explain(lang).to_owned(),
            Self::Password { problem } => problem.explain(lang).to_owned(),
            Self::ForeignRequest => pick(
                "このリクエストは、つなぐのページから送られたものではありません。",
                "This request did not come from Tsunagu's own pages.",
            ),
            Self::PasskeyInUse => pick(
                "このパスキーはすでに使われています。",
                "This passkey is already in use.",
            ),
            Self::PasskeyRequestExpired => pick(
                "パスキーの手続きの有効期限が切れました。もう一度お試しください。",
                "This passkey request has expired. Please try again.",
            ),
            Self::NotPasskeySetUp => pick(
                "これはパスキーを設定する手続きではありません。",
                "This is not a passkey set-up request.",
            ),
            Self::PasskeyForAnotherInvitation => pick(
                "このパスキーの手続きは、別の招待のものです。",
                "This passkey request was for another invitation.",
            ),
            Self::PasskeySetUpFailed => pick(
                "パスキーを設定できませんでした。もう一度お試しください。",
                "The passkey could not be set up. Please try again.",
            ),
            Self::NotPasskeySignIn => pick(
                "これはパスキーでログインする手続きではありません。",
                "This is not a passkey sign-in request.",
            ),
            Self::UnknownPasskey => pick(
                "このパスキーは登録されていません。別の方法でログインしてください。",
                "This passkey is not known here. Please use another way to sign in.",
            ),
            Self::InvitationLinkInvalid => pick(
                "この招待リンクは正しくありません。リンク全体がコピーされているか確かめてください。",
                "This invitation link is not valid. Please check that the whole link was copied.",
            ),
            Self::InvitationUsed => pick(
                "この招待はすでに使われています。ログインするか、新しい招待を頼んでください。",
                "This invitation has already been used. Please sign in, or ask for a new invitation.",
            ),
            Self::InvitationWithdrawn => pick(
                "この招待は取り消されました。新しい招待を頼んでください。",
                "This invitation was withdrawn. Please ask for a new one.",
            ),
            Self::InvitationExpired => pick(
                "この招待は有効期限が切れています。新しい招待を頼んでください。",
                "This invitation has expired. Please ask for a new one.",
            ),
            Self::InvitationNeedsFamily => pick(
                "保護者の招待には家族を指定してください。",
                "A parent's invitation needs the family.",
            ),
            Self::OnlyParentInvitationNamesFamily => pick(
                "家族を指定できるのは保護者の招待だけです。",
                "Only a parent's invitation names a family.",
            ),
            Self::OnlyCoordinatorsRegisterFamilies => pick(
                "家族を登録できるのは地域コーディネーターだけです。",
                "Only coordinators register families.",
            ),
            Self::OnlyFamiliesChooseMentors => pick(
                "メンターを選べるのは、ご家族と地域コーディネーターだけです。",
                "Only families and coordinators choose mentors.",
            ),
            Self::OnlyMentorsHaveMentees => pick(
                "支援している保護者の一覧は、ペアレントメンターだけのものです。",
                "Only parent mentors have mentees.",
            ),
            Self::NotAMentor => pick(
                "その人はペアレントメンターではありません。",
                "That person is not a parent mentor.",
            ),
            Self::AlreadyShared => pick(
                "そのメンターにはすでに公開しています。",
                "That mentor can already see this.",
            ),
            Self::InvalidText { field, why } if ja => {
                format!("{}{}。", field.label(lang), why.explain(lang))
            }
            Self::InvalidText { field, why } => {
                format!("{} {}.", field.label(lang), why.explain(lang))
            }
            Self::Child { problem } => problem.explain(lang).to_owned(),
            Self::ChildFamilyMismatch => pick(
                "お子さんの家族がアドレスの家族と一致しません。",
                "The child's family does not match its address.",
            ),
            Self::ChildIdTaken => pick(
                "この ID はすでに別のお子さんに使われています。",
                "A different child already has this id.",
            ),
            Self::BadPage => pick(
                "記録の続きの指定(before)が正しくありません。",
                "The page asked for (before) is not a whole number.",
            ),
            Self::Meeting { problem } => problem.explain(lang).to_owned(),
            Self::MeetingFamilyMismatch => pick(
                "会議の家族がアドレスの家族と一致しません。",
                "The meeting's family does not match its address.",
            ),
            Self::Plan { problem } => problem.explain(lang).to_owned(),
            Self::PlanChildFixed => pick(
                "計画のお子さんは変えられません。",
                "A plan stays with its child.",
            ),
            Self::Outcome { problem } => problem.explain(lang).to_owned(),
            Self::ItemWithdrawn => pick(
                "保護者がこの項目を取り下げました。",
                "The parent withdrew this item.",
            ),
            Self::MeetingNotStarted => pick(
                "項目の結果は、会議が始まってから記録できます。",
                "What became of an item is recorded once its meeting has started.",
            ),
            Self::GoalNotInPlans => pick(
                "その目標は、お子さんのどの計画にもありません。",
                "That goal is in none of the child's plans.",
            ),
            Self::RecordTooLarge => pick(
                "記録が大きくなりすぎて保存できません。短くしてください。",
                "The record would be too large to keep. Please shorten it.",
            ),
            Self::PushTooLarge => pick(
                "一度に送れるのは 512 KB までです。何回かに分けて送ってください。",
                "A push carries at most 512 KB: send the changes in several pushes.",
            ),
            Self::TooManyChanges { max } if ja => format!("一度に送れる変更は{max}件までです。"),
            Self::TooManyChanges { max } => format!("A push carries at most {max} changes."),
            Self::BadCursor => pick(
                "カーソルは0以上の整数にしてください。",
                "The cursor must be a whole number of 0 or more.",
            ),
            Self::ChangeNumberTooLarge => pick(
                "変更の番号が大きすぎます。",
                "A change number is too large.",
            ),
            Self::Reminders { problem } => problem.explain(lang).to_owned(),
            Self::PushSubscription { problem } => problem.explain(lang).to_owned(),
            Self::NoReminders => pick(
                "会議のお知らせは、ご家族とメンターのためのものです。",
                "Meeting reminders are for families and their mentors.",
            ),
            Self::ProposalAnswer => pick(
                "受け入れるときは見せる範囲を1つ以上選び、見送るときは何も選ばないでください。",
                "To accept, choose at least one thing to share; to decline, choose none.",
            ),
            Self::ProposalAnswered => pick(
                "この提案には、すでに返事があるか、取り下げられています。",
                "This proposal was already answered or withdrawn.",
            ),
            Self::ProposalWaiting => pick(
                "このご家族には、このメンターの提案が返事待ちか、すでに同意があります。",
                "This family already has this mentor proposed, or consents to them.",
            ),
            Self::OnlyCoordinators => pick(
                "この操作はコーディネーターだけができます。",
                "Only a coordinator can do this.",
            ),
            Self::Agency { problem } => problem.explain(lang).to_owned(),
        }
    }

    /// One value of every variant (the tests walk them all).
    pub fn examples() -> Vec<Self> {
        vec![
            Self::BadRequest,
            Self::InvalidRequest,
            Self::BadAddress,
            Self::UriTooLong,
            Self::MethodNotAllowed,
            Self::RequestTimeout,
            Self::BodyTooLarge,
            Self::NotJson,
            Self::InvalidJson,
            Self::BodyShape {
                field: Some("login".to_owned()),
                fault: BodyFault::Missing,
            },
            Self::UnreadableBody,
            Self::InvalidId { what: IdOf::Family },
            Self::NotFound {
                what: Thing::Family,
            },
            Self::RecordIdMismatch,
            Self::Conflict,
            Self::ServerFailed,
            Self::Busy,
            Self::TooManyAttempts,
            Self::SignInNeeded,
            Self::SessionEnded,
            Self::WrongCredentials,
            Self::LoginNameTaken,
            Self::LoginName {
                problem: InvalidLoginName::Length,
            },
            Self::Password {
                problem: InvalidPassword::TooShort,
            },
            Self::ForeignRequest,
            Self::PasskeyInUse,
            Self::PasskeyRequestExpired,
            Self::NotPasskeySetUp,
            Self::PasskeyForAnotherInvitation,
            Self::PasskeySetUpFailed,
            Self::NotPasskeySignIn,
            Self::UnknownPasskey,
            Self::InvitationLinkInvalid,
            Self::InvitationUsed,
            Self::InvitationWithdrawn,
            Self::InvitationExpired,
            Self::InvitationNeedsFamily,
            Self::OnlyParentInvitationNamesFamily,
            Self::OnlyCoordinatorsRegisterFamilies,
            Self::OnlyFamiliesChooseMentors,
            Self::OnlyMentorsHaveMentees,
            Self::NotAMentor,
            Self::AlreadyShared,
            Self::InvalidText {
                field: TextField::ChildName,
                why: InvalidText::TooLong(100),
            },
            Self::Child {
                problem: ChildProblem::BornLater,
            },
            Self::ChildFamilyMismatch,
            Self::ChildIdTaken,
            Self::BadPage,
            Self::Meeting {
                problem: MeetingProblem::EndsBeforeStart,
            },
            Self::MeetingFamilyMismatch,
            Self::Plan {
                problem: PlanProblem::GoalTwice,
            },
            Self::PlanChildFixed,
            Self::Outcome {
                problem: OutcomeProblem::EmptyAnswer,
            },
            Self::ItemWithdrawn,
            Self::MeetingNotStarted,
            Self::GoalNotInPlans,
            Self::RecordTooLarge,
            Self::PushTooLarge,
            Self::TooManyChanges { max: 500 },
            Self::BadCursor,
            Self::ChangeNumberTooLarge,
            Self::Reminders {
                problem: ReminderProblem::LeadTwice,
            },
            Self::PushSubscription {
                problem: PushSubscriptionProblem::InvalidKeys,
            },
            Self::NoReminders,
            Self::ProposalAnswer,
            Self::ProposalAnswered,
            Self::ProposalWaiting,
            Self::OnlyCoordinators,
            Self::Agency {
                problem: AgencyProblem::NameMissing,
            },
        ]
    }
}

const fn invalid_id(what: IdOf, lang: Lang) -> &'static str {
    match (what, lang) {
        (IdOf::Family, Lang::Ja) => "家族の ID が正しくありません。",
        (IdOf::Family, Lang::En) => "The family id is not a valid id.",
        (IdOf::Consent, Lang::Ja) => "同意の ID が正しくありません。",
        (IdOf::Consent, Lang::En) => "The consent id is not a valid id.",
        (IdOf::Record, Lang::Ja) => "記録の ID が正しくありません。",
        (IdOf::Record, Lang::En) => "The record id is not a valid id.",
        (IdOf::Meeting, Lang::Ja) => "会議の ID が正しくありません。",
        (IdOf::Meeting, Lang::En) => "The meeting id is not a valid id.",
        (IdOf::Item, Lang::Ja) => "項目の ID が正しくありません。",
        (IdOf::Item, Lang::En) => "The item id is not a valid id.",
        (IdOf::Person, Lang::Ja) => "人の id(person_id)が正しくありません。",
        (IdOf::Person, Lang::En) => "The person id (person_id) is not a valid id.",
        (IdOf::Invitation, Lang::Ja) => "招待の ID が正しくありません。",
        (IdOf::Invitation, Lang::En) => "The invitation id is not a valid id.",
    }
}

const fn not_found(what: Thing, lang: Lang) -> &'static str {
    match (what, lang) {
        (Thing::Endpoint, Lang::Ja) => "そのような API はありません。",
        (Thing::Endpoint, Lang::En) => "There is no such API endpoint.",
        (Thing::Family, Lang::Ja) => "その家族は見つかりません。",
        (Thing::Family, Lang::En) => "There is no such family.",
        (Thing::Record, Lang::Ja) => "その記録は見つかりません。",
        (Thing::Record, Lang::En) => "There is no such record.",
        (Thing::Item, Lang::Ja) => "その項目は見つかりません。",
        (Thing::Item, Lang::En) => "There is no such item.",
        (Thing::Consent, Lang::Ja) => "有効なその同意はありません。",
        (Thing::Consent, Lang::En) => "There is no such consent in force.",
        (Thing::Invitation, Lang::Ja) => "使われるのを待っている、その招待はありません。",
        (Thing::Invitation, Lang::En) => "There is no such invitation waiting to be used.",
        (Thing::JoiningParent, Lang::Ja) => "この id で家族への参加を待っている人はいません。",
        (Thing::JoiningParent, Lang::En) => "Nobody with this id waits to join the family.",
        (Thing::CalendarFeed, Lang::Ja) => "カレンダーの購読 URL はまだありません。",
        (Thing::CalendarFeed, Lang::En) => "There is no calendar feed yet.",
        (Thing::Proposal, Lang::Ja) => "メンターの提案が見つかりません。",
        (Thing::Proposal, Lang::En) => "The mentor proposal was not found.",
        (Thing::Agency, Lang::Ja) => "連絡先が見つかりません。",
        (Thing::Agency, Lang::En) => "The agency was not found.",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::Problem;
    use crate::Lang;

    fn has_japanese(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
    }

    /// Which variant a problem is: the match makes a new variant fail to
    /// compile here until it is given a number, and so a place in `examples`.
    fn variant(problem: &Problem) -> usize {
        match problem {
            Problem::BadRequest => 0,
            Problem::InvalidRequest => 1,
            Problem::BadAddress => 2,
            Problem::UriTooLong => 3,
            Problem::MethodNotAllowed => 4,
            Problem::RequestTimeout => 5,
            Problem::BodyTooLarge => 6,
            Problem::NotJson => 7,
            Problem::InvalidJson => 8,
            Problem::BodyShape { .. } => 9,
            Problem::UnreadableBody => 10,
            Problem::InvalidId { .. } => 11,
            Problem::NotFound { .. } => 12,
            Problem::RecordIdMismatch => 13,
            Problem::Conflict => 14,
            Problem::ServerFailed => 15,
            Problem::Busy => 16,
            Problem::TooManyAttempts => 17,
            Problem::SignInNeeded => 18,
            Problem::SessionEnded => 19,
            Problem::WrongCredentials => 20,
            Problem::LoginNameTaken => 21,
            Problem::LoginName { .. } => 22,
            Problem::Password { .. } => 23,
            Problem::ForeignRequest => 24,
            Problem::PasskeyInUse => 25,
            Problem::PasskeyRequestExpired => 26,
            Problem::NotPasskeySetUp => 27,
            Problem::PasskeyForAnotherInvitation => 28,
            Problem::PasskeySetUpFailed => 29,
            Problem::NotPasskeySignIn => 30,
            Problem::UnknownPasskey => 31,
            Problem::InvitationLinkInvalid => 32,
            Problem::InvitationUsed => 33,
            Problem::InvitationWithdrawn => 34,
            Problem::InvitationExpired => 35,
            Problem::InvitationNeedsFamily => 36,
            Problem::OnlyParentInvitationNamesFamily => 37,
            Problem::OnlyCoordinatorsRegisterFamilies => 38,
            Problem::OnlyFamiliesChooseMentors => 39,
            Problem::OnlyMentorsHaveMentees => 40,
            Problem::NotAMentor => 41,
            Problem::AlreadyShared => 42,
            Problem::InvalidText { .. } => 43,
            Problem::Child { .. } => 44,
            Problem::ChildFamilyMismatch => 45,
            Problem::ChildIdTaken => 46,
            Problem::BadPage => 47,
            Problem::Meeting { .. } => 48,
            Problem::MeetingFamilyMismatch => 49,
            Problem::Plan { .. } => 50,
            Problem::PlanChildFixed => 51,
            Problem::Outcome { .. } => 52,
            Problem::ItemWithdrawn => 53,
            Problem::MeetingNotStarted => 54,
            Problem::GoalNotInPlans => 55,
            Problem::RecordTooLarge => 56,
            Problem::PushTooLarge => 57,
            Problem::TooManyChanges { .. } => 58,
            Problem::BadCursor => 59,
            Problem::ChangeNumberTooLarge => 60,
            Problem::Reminders { .. } => 61,
            Problem::PushSubscription { .. } => 62,
            Problem::NoReminders => 63,
            Problem::ProposalAnswer => 64,
            Problem::ProposalAnswered => 65,
            Problem::ProposalWaiting => 66,
            Problem::OnlyCoordinators => 67,
            Problem::Agency { .. } => 68,
        }
    }

    const VARIANTS: usize = 69;

    #[test]
    fn the_examples_hold_every_variant_once() {
        let seen: Vec<usize> = Problem::examples().iter().map(variant).collect();
        assert_eq!(seen, (0..VARIANTS).collect::<Vec<_>>());
    }

    #[test]
    fn every_problem_is_explained_in_both_languages() {
        for problem in Problem::examples() {
            let ja = problem.explain(Lang::Ja);
            let en = problem.explain(Lang::En);
            assert!(has_japanese(&ja), "{problem:?}: {ja}");
            assert!(!has_japanese(&en), "{problem:?}: {en}");
            // English words, with at most a typographic dash or apostrophe.
            assert!(
                en.chars().all(|c| c.is_ascii() || "–’".contains(c)),
                "{problem:?}: {en}"
            );
            assert!(!en.trim().is_empty());
        }
    }

    #[test]
    fn codes_are_unique_and_every_problem_survives_json() {
        let examples = Problem::examples();
        let codes: BTreeSet<String> = examples.iter().map(Problem::code).collect();
        assert_eq!(codes.len(), examples.len());
        assert!(!codes.contains(""));
        for problem in examples {
            let json = serde_json::to_string(&problem).unwrap();
            let back: Problem = serde_json::from_str(&json).unwrap();
            assert_eq!(back, problem, "{json}");
        }
    }

    #[test]
    fn parameters_travel_as_named_fields() {
        let problem = Problem::InvalidText {
            field: super::TextField::ChildName,
            why: crate::text::InvalidText::TooLong(100),
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["code"], "invalid_text");
        assert_eq!(json["field"], "child_name");
        assert_eq!(json["why"]["too_long"], 100);
    }
}
