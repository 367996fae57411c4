//! Every endpoint of the API, declared once: its method and route, the typed
//! parameters that fill the route, the body it takes and the answer it gives.
//! The server routes with these declarations and describes them in OpenAPI,
//! the apps and the tests call through them, and the access matrix walks them.
//!
//! An endpoint is a struct of its path (and query) parameters; `path()` is the
//! address of one call, `ROUTE` the pattern the server's router matches.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::{
    Child, Family, FamilyId, PersonId,
    answer::MeetingAnswerView,
    api::{
        AgendaItem, FamilyOverview, Health, InvitationLink, InvitationSummary, InvitationView,
        InviteParent, JoiningParent, Me, NewFamily, PasswordSignIn, PendingJoin, Revisioned,
        SaveDocument,
    },
    audit::AccessLogPage,
    brought::ItemOutcome,
    calendar::{CalendarFeed, CalendarText},
    consent::{
        Consent, ConsentId, GrantConsent, Mentee, MentorMonth, MentorProposal, MentorSummary,
        ProposalAnswer, ProposalId, ProposeMentor,
    },
    directory::{Agency, TeamMember},
    meeting::{Meeting, MeetingId},
    plan::{PlanId, PlanSummary},
    reminders::{NewPushSubscription, PushEndpoint, PushKey, ReminderChoices, ReminderView},
    sync::{HistoryEntry, PullPage, PushRequest, PushResponse, RecordType},
};

/// Where the API lives; `ROUTE`s are below it.
pub const PREFIX: &str = "/api";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Who may call an endpoint at all (the server decides the rest: which family,
/// which record). What the OpenAPI description says of its security.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// No session needed (health, signing in, an invitation's code).
    Anyone,
    /// A session cookie.
    SignedIn,
}

/// The answer of an endpoint that answers with a status alone (204 or 201).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoContent;

/// A passkey ceremony as the browser's WebAuthn API reads it: the server's
/// ceremony id and the options, passed through to `navigator.credentials`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyChallenge {
    pub ceremony: String,
    pub options: serde_json::Value,
}

/// The browser's answer to a passkey ceremony.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAnswer {
    pub ceremony: String,
    pub credential: serde_json::Value,
}

/// What a body or answer must also be where the API is described: the server
/// turns on the `openapi` feature, and every type an endpoint names then derives
/// its schema. The app builds without it, so describing adds nothing to the WASM.
#[cfg(feature = "openapi")]
pub trait Described: utoipa::ToSchema {}
#[cfg(feature = "openapi")]
impl<T: utoipa::ToSchema> Described for T {}
#[cfg(not(feature = "openapi"))]
pub trait Described {}
#[cfg(not(feature = "openapi"))]
impl<T> Described for T {}

/// Something done with every endpoint's type (`visit_all`).
pub trait Visitor {
    fn visit<E: Endpoint>(&mut self);
}

/// The API's own OpenAPI description, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct OpenApiDocument(pub serde_json::Value);

/// One endpoint.
pub trait Endpoint {
    const METHOD: Method;
    /// The route below `PREFIX`, with `{name}` for each path parameter.
    const ROUTE: &'static str;
    /// A stable name (the OpenAPI operation id).
    const NAME: &'static str;
    const SUMMARY: &'static str;
    const CALLER: Caller;
    /// The status of a successful answer.
    const SUCCESS: u16;
    /// The query parameters it reads (each optional).
    const QUERY: &'static [&'static str];
    /// `NoContent` where nothing is sent.
    type Body: Serialize + DeserializeOwned + Described;
    type Reply: Serialize + DeserializeOwned + Described;

    /// The address of this call, parameters filled in (and encoded), `PREFIX`
    /// included.
    fn path(&self) -> String;
}

/// What the access matrix and the OpenAPI test walk: one row per endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    pub method: Method,
    pub route: &'static str,
    pub name: &'static str,
}

/// A path segment as sent: anything outside the unreserved characters is
/// percent-encoded, so a pasted code cannot reach another route.
pub fn segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

macro_rules! endpoints {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident { $($field:ident: $fty:ty),* $(,)? } $(? { $($qfield:ident: $qty:ty),* $(,)? })?
            => $method:ident $route:literal $success:literal $caller:ident,
            $body:ty => $reply:ty;
    )*) => {
        $(
            $(#[doc = $doc])+
            #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
            #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
            pub struct $name {
                $(pub $field: $fty,)*
                $($(#[serde(default)] pub $qfield: $qty,)*)?
            }

            impl Endpoint for $name {
                const METHOD: Method = Method::$method;
                const ROUTE: &'static str = $route;
                const NAME: &'static str = stringify!($name);
                const SUMMARY: &'static str = concat!($($doc),+);
                const CALLER: Caller = Caller::$caller;
                const SUCCESS: u16 = $success;
                const QUERY: &'static [&'static str] = &[$($(stringify!($qfield)),*)?];
                type Body = $body;
                type Reply = $reply;

                #[allow(unused_mut)]
                fn path(&self) -> String {
                    let mut path = format!("{PREFIX}{}", $route);
                    $(
                        path = path.replace(
                            concat!("{", stringify!($field), "}"),
                            &segment(&self.$field.to_string()),
                        );
                    )*
                    let mut query: Vec<String> = Vec::new();
                    $($(
                        if let Some(value) = &self.$qfield {
                            query.push(format!("{}={}", stringify!($qfield), segment(&value.to_string())));
                        }
                    )*)?
                    if !query.is_empty() {
                        path.push('?');
                        path.push_str(&query.join("&"));
                    }
                    path
                }
            }
        )*

        /// Every endpoint, in the order of this file.
        pub const ALL: &[Declared] = &[
            $(Declared { method: Method::$method, route: $route, name: stringify!($name) },)*
        ];

        /// Calls `visitor` with each endpoint's type: what the server's router
        /// and its OpenAPI description walk.
        pub fn visit_all(visitor: &mut impl Visitor) {
            $(visitor.visit::<$name>();)*
        }
    };
}

endpoints! {
    /// Whether the server is up.
    GetHealth {} => Get "/health" 200 Anyone, NoContent => Health;
    /// This description of the API (OpenAPI 3.1).
    GetOpenApi {} => Get "/openapi.json" 200 Anyone, NoContent => OpenApiDocument;
    /// The signed-in person.
    GetMe {} => Get "/me" 200 SignedIn, NoContent => Me;
    /// Signs in with a login name and password; sets the session cookie.
    SignIn {} => Post "/session" 200 Anyone, PasswordSignIn => Me;
    /// Ends this device's session.
    SignOut {} => Delete "/session" 204 SignedIn, NoContent => NoContent;
    /// Ends every session of the signed-in person.
    SignOutEverywhere {} => Delete "/sessions" 204 SignedIn, NoContent => NoContent;
    /// What an invitation is for, before the person sets up sign-in.
    GetInvitation { code: String } => Get "/invitations/{code}" 200 Anyone, NoContent => InvitationView;
    /// Accepts an invitation with a login name and password; signs in.
    AcceptWithPassword { code: String } => Post "/invitations/{code}/password" 201 Anyone, PasswordSignIn => Me;
    /// Starts setting up a passkey for an invitation.
    StartPasskeySetUp { code: String } => Post "/invitations/{code}/passkey" 200 Anyone, NoContent => PasskeyChallenge;
    /// Finishes setting up a passkey for an invitation; signs in.
    FinishPasskeySetUp { code: String } => Post "/invitations/{code}/passkey/finish" 201 Anyone, PasskeyAnswer => Me;
    /// Starts signing in with a passkey.
    StartPasskeySignIn {} => Post "/session/passkey" 200 Anyone, NoContent => PasskeyChallenge;
    /// Finishes signing in with a passkey; sets the session cookie.
    FinishPasskeySignIn {} => Post "/session/passkey/finish" 200 Anyone, PasskeyAnswer => Me;
    /// A family's open and used invitations (coordinators).
    ListInvitations { family_id: FamilyId } => Get "/families/{family_id}/invitations" 200 SignedIn, NoContent => Vec<InvitationSummary>;
    /// Invites a parent to a family (coordinators); the link is shown once.
    InviteToFamily { family_id: FamilyId } => Post "/families/{family_id}/invitations" 201 SignedIn, InviteParent => InvitationLink;
    /// Revokes an unused invitation (coordinators).
    RevokeInvitation { family_id: FamilyId, invitation_id: uuid::Uuid } => Delete "/families/{family_id}/invitations/{invitation_id}" 204 SignedIn, NoContent => NoContent;
    /// Sends this device's queued changes.
    Push {} => Post "/sync/push" 200 SignedIn, PushRequest => PushResponse;
    /// What changed for the signed-in person since `cursor`, a page at a time.
    Pull {} ? { cursor: Option<u64> } => Get "/sync/pull" 200 SignedIn, NoContent => PullPage;
    /// A record's earlier versions.
    GetHistory { record_type: RecordType, record_id: uuid::Uuid } => Get "/sync/history/{record_type}/{record_id}" 200 SignedIn, NoContent => Vec<HistoryEntry>;
    /// The town's parent mentors a family may choose.
    ListMentors {} => Get "/mentors" 200 SignedIn, NoContent => Vec<MentorSummary>;
    /// The families that consented to the signed-in mentor, within their consent.
    ListMentees {} => Get "/mentees" 200 SignedIn, NoContent => Vec<Mentee>;
    /// The consents a family gave (its parents).
    ListConsents { family_id: FamilyId } => Get "/families/{family_id}/consents" 200 SignedIn, NoContent => Vec<Consent>;
    /// Gives a consent (a family's parent).
    GrantConsentTo { family_id: FamilyId } => Post "/families/{family_id}/consents" 201 SignedIn, GrantConsent => NoContent;
    /// Withdraws a consent (a family's parent).
    RevokeConsent { family_id: FamilyId, consent_id: ConsentId } => Delete "/families/{family_id}/consents/{consent_id}" 204 SignedIn, NoContent => NoContent;
    /// A family's meetings with their revisions (the family, coordinators).
    ListMeetings { family_id: FamilyId } => Get "/families/{family_id}/meetings" 200 SignedIn, NoContent => Vec<Revisioned<Meeting>>;
    /// Saves a whole meeting from the revision it started from (coordinators).
    SaveMeeting { family_id: FamilyId, record_id: MeetingId } => Put "/families/{family_id}/meetings/{record_id}" 200 SignedIn, SaveDocument<Meeting> => Revisioned<Meeting>;
    /// What the parents brought to a meeting, in their order.
    ListMeetingItems { family_id: FamilyId, record_id: MeetingId } => Get "/families/{family_id}/meetings/{record_id}/items" 200 SignedIn, NoContent => Vec<AgendaItem>;
    /// Records what became of a brought item (coordinators, once the meeting started).
    RecordItemOutcome { family_id: FamilyId, record_id: uuid::Uuid } => Put "/families/{family_id}/items/{record_id}/outcome" 200 SignedIn, ItemOutcome => AgendaItem;
    /// A family's plan summaries with their revisions (parents: published ones).
    ListPlans { family_id: FamilyId } => Get "/families/{family_id}/plans" 200 SignedIn, NoContent => Vec<Revisioned<PlanSummary>>;
    /// Saves a whole plan summary from the revision it started from (coordinators).
    SavePlan { family_id: FamilyId, record_id: PlanId } => Put "/families/{family_id}/plans/{record_id}" 200 SignedIn, SaveDocument<PlanSummary> => Revisioned<PlanSummary>;
    /// The families the signed-in parent waits to join.
    ListMyJoins {} => Get "/me/joining" 200 SignedIn, NoContent => Vec<PendingJoin>;
    /// The parents waiting to join a family (its parents).
    ListJoining { family_id: FamilyId } => Get "/families/{family_id}/joining" 200 SignedIn, NoContent => Vec<JoiningParent>;
    /// Confirms a parent who waits to join (a parent of the family).
    ConfirmJoining { family_id: FamilyId, person_id: PersonId } => Post "/families/{family_id}/joining/{person_id}" 204 SignedIn, NoContent => NoContent;
    /// Turns down a parent who waits to join (a parent of the family).
    TurnDownJoining { family_id: FamilyId, person_id: PersonId } => Delete "/families/{family_id}/joining/{person_id}" 204 SignedIn, NoContent => NoContent;
    /// The families the signed-in person may see.
    ListFamilies {} => Get "/families" 200 SignedIn, NoContent => Vec<Family>;
    /// Registers a family (coordinators).
    RegisterFamily {} => Post "/families" 201 SignedIn, NewFamily => Family;
    /// Registers a child of a family (coordinators).
    RegisterChild { family_id: FamilyId } => Post "/families/{family_id}/children" 201 SignedIn, Child => Child;
    /// Who a family is and its children.
    GetFamily { family_id: FamilyId } => Get "/families/{family_id}" 200 SignedIn, NoContent => FamilyOverview;
    /// Who looked at or changed the family's data, newest first, a page at a time (its parents).
    ReadAccessLog { family_id: FamilyId } ? { before: Option<i64> } => Get "/families/{family_id}/access-log" 200 SignedIn, NoContent => AccessLogPage;
    /// The parents' answers to a meeting, each parent's latest (the family, coordinators).
    ListMeetingAnswers { family_id: FamilyId, record_id: MeetingId } => Get "/families/{family_id}/meetings/{record_id}/answers" 200 SignedIn, NoContent => Vec<MeetingAnswerView>;
    /// One meeting as an iCalendar file, for adding it to a calendar (the family).
    GetMeetingCalendar { family_id: FamilyId, record_id: MeetingId } => Get "/families/{family_id}/meetings/{record_id}/calendar.ics" 200 SignedIn, NoContent => CalendarText;
    /// The signed-in person's reminder choices (the defaults until changed).
    GetReminderChoices {} => Get "/reminders/settings" 200 SignedIn, NoContent => ReminderChoices;
    /// Keeps the signed-in person's reminder choices.
    SaveReminderChoices {} => Put "/reminders/settings" 200 SignedIn, ReminderChoices => ReminderChoices;
    /// The person's reminders: what will remind them, when, how, and what was missed.
    ListReminders {} => Get "/reminders" 200 SignedIn, NoContent => Vec<ReminderView>;
    /// The person's secret calendar feed address.
    GetCalendarFeed {} => Get "/calendar/feed" 200 SignedIn, NoContent => CalendarFeed;
    /// Makes the person's calendar feed, or a new address for it (the old one stops at once).
    MakeCalendarFeed {} => Post "/calendar/feed" 201 SignedIn, NoContent => CalendarFeed;
    /// Removes the person's calendar feed.
    RemoveCalendarFeed {} => Delete "/calendar/feed" 204 SignedIn, NoContent => NoContent;
    /// The server's public key for push subscriptions (VAPID).
    GetPushKey {} => Get "/push/key" 200 SignedIn, NoContent => PushKey;
    /// Subscribes this device to push reminders.
    SubscribePush {} => Post "/push/subscriptions" 201 SignedIn, NewPushSubscription => NoContent;
    /// Unsubscribes this device from push reminders.
    UnsubscribePush {} => Delete "/push/subscriptions" 204 SignedIn, PushEndpoint => NoContent;
    /// The mentors proposed to the family: waiting ones for its parents, all for a coordinator.
    ListMentorProposals { family_id: FamilyId } => Get "/families/{family_id}/mentor-proposals" 200 SignedIn, NoContent => Vec<MentorProposal>;
    /// A coordinator proposes a mentor to the family.
    ProposeMentorTo { family_id: FamilyId } => Post "/families/{family_id}/mentor-proposals" 201 SignedIn, ProposeMentor => MentorProposal;
    /// The family's parent accepts a proposal (granting the scopes chosen) or declines it.
    AnswerMentorProposal { family_id: FamilyId, proposal_id: ProposalId } => Put "/families/{family_id}/mentor-proposals/{proposal_id}" 200 SignedIn, ProposalAnswer => MentorProposal;
    /// A coordinator withdraws a proposal the family has not answered.
    WithdrawMentorProposal { family_id: FamilyId, proposal_id: ProposalId } => Delete "/families/{family_id}/mentor-proposals/{proposal_id}" 204 SignedIn, NoContent => NoContent;
    /// Every proposal of the town, newest first (coordinators).
    ListAllMentorProposals {} => Get "/mentor-proposals" 200 SignedIn, NoContent => Vec<MentorProposal>;
    /// Contacts per mentor and month, for the town's report (coordinators): counts only.
    MentorActivity {} => Get "/mentor-activity" 200 SignedIn, NoContent => Vec<MentorMonth>;
    /// The directory's agencies, retired ones too (coordinators; everyone else receives them through sync).
    ListAgencies {} => Get "/agencies" 200 SignedIn, NoContent => Vec<Agency>;
    /// A coordinator adds, changes or retires an agency.
    SaveAgency { agency_id: uuid::Uuid } => Put "/agencies/{agency_id}" 200 SignedIn, Agency => Agency;
    /// The people and organisations around the family, with how to reach them.
    GetFamilyTeam { family_id: FamilyId } => Get "/families/{family_id}/team" 200 SignedIn, NoContent => Vec<TeamMember>;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn each_endpoint_is_declared_once_with_a_route_its_parameters_fill() {
        let mut seen = BTreeSet::new();
        for e in ALL {
            assert!(
                seen.insert((e.method, e.route)),
                "{} {} twice",
                e.method.as_str(),
                e.route
            );
            assert!(e.route.starts_with('/'), "{}", e.route);
        }
        assert_eq!(ALL.len(), 58);
        let names: BTreeSet<_> = ALL.iter().map(|e| e.name).collect();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn a_call_fills_its_route_and_encodes_what_it_is_given() {
        let family = FamilyId::from_u128(1);
        let meeting = MeetingId::from_u128(2);
        assert_eq!(
            ListMeetingItems {
                family_id: family,
                record_id: meeting
            }
            .path(),
            format!("/api/families/{family}/meetings/{meeting}/items")
        );
        assert_eq!(
            GetInvitation {
                code: "a/b?c#d e".into()
            }
            .path(),
            "/api/invitations/a%2Fb%3Fc%23d%20e"
        );
        assert_eq!(Pull { cursor: Some(42) }.path(), "/api/sync/pull?cursor=42");
        assert_eq!(Pull { cursor: None }.path(), "/api/sync/pull");
        assert_eq!(
            ReadAccessLog {
                family_id: family,
                before: None
            }
            .path(),
            format!("/api/families/{family}/access-log")
        );
        assert_eq!(
            GetHistory {
                record_type: RecordType::NotebookEntry,
                record_id: uuid::Uuid::from_u128(3)
            }
            .path(),
            format!(
                "/api/sync/history/notebook_entry/{}",
                uuid::Uuid::from_u128(3)
            )
        );
        assert_eq!(segment("日本"), "%E6%97%A5%E6%9C%AC");
    }
}
