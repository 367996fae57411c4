//! The domain both sides agree on by construction: the app and the server compile
//! this same crate, so a rule (which meetings are "next", what stage a child is in,
//! how a date reads in Japanese) cannot drift between them.
//!
//! No I/O here: "now" and "today" are always passed in.

#[macro_use]
mod id;

pub mod account;
pub mod api;
pub mod audit;
pub mod consent;
pub mod family;
pub mod iso;
pub mod lang;
pub mod meeting;
pub mod school_year;
pub mod stage;

pub use account::{LoginName, NewPassword, PersonId, Role};
pub use family::{Child, ChildId, Family, FamilyId};
pub use id::InvalidId;
pub use lang::Lang;
pub use meeting::{Meeting, MeetingId, MeetingKind, MeetingSeries, MemberRole};
pub use school_year::{SchoolYear, Term};
pub use stage::{ChildStage, NurseryYear};
