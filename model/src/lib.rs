//! The domain both sides agree on by construction: the app and the server compile
//! this same crate, so a rule (which meetings are "next", what stage a child is in,
//! how a date reads in Japanese) cannot drift between them.
//!
//! No I/O here: "now" and "today" are always passed in.

#[macro_use]
mod id;

pub mod account;
pub mod advice;
pub mod answer;
pub mod api;
pub mod audit;
pub mod brought;
pub mod calendar;
pub mod consent;
pub mod continuity;
pub mod directory;
pub mod endpoints;
pub mod family;
pub mod forms;
pub mod iso;
pub mod lang;
pub mod meeting;
pub mod meeting_record;
pub mod mentor;
pub mod notebook;
pub mod plan;
pub mod problem;
pub mod records;
pub mod reminders;
pub mod school_year;
pub mod search;
pub mod stage;
pub mod sync;
pub mod text;
pub mod town_time;

pub use account::{LoginName, NewPassword, PersonId, Role};
pub use family::{Child, ChildId, ChildProblem, Family, FamilyId};
pub use id::InvalidId;
pub use lang::Lang;
pub use meeting::{Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole};
pub use notebook::{EntryChange, EntryKind, NotebookEntry};
pub use records::TypedRecord;
pub use school_year::{SchoolYear, Term};
pub use stage::{ChildStage, NurseryYear};

#[cfg(test)]
mod named_enum_tests {
    use crate::{
        MeetingKind, MemberRole, Role,
        audit::AuditAction,
        consent::ConsentScope,
        meeting_record::MeetingStatus,
        plan::{GoalStatus, PlanKind},
        sync::RecordType,
    };

    /// The stored name and the JSON name are one: serde's and `as_str`'s agree.
    fn agrees<T: serde::Serialize + Copy>(all: &[T], name: impl Fn(T) -> &'static str) {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), name(*v));
        }
    }

    #[test]
    fn stored_and_json_names_agree() {
        agrees(&MeetingKind::ALL, MeetingKind::as_str);
        agrees(&MemberRole::ALL, MemberRole::as_str);
        agrees(&Role::ALL, Role::as_str);
        agrees(&AuditAction::ALL, AuditAction::as_str);
        agrees(&ConsentScope::ALL, ConsentScope::as_str);
        agrees(&PlanKind::ALL, PlanKind::as_str);
        agrees(&MeetingStatus::ALL, MeetingStatus::as_str);
        agrees(&GoalStatus::ALL, GoalStatus::as_str);
        agrees(&RecordType::ALL, RecordType::as_str);
    }
}
