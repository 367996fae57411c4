//! Meeting reminders (issue 15).

pub mod push;
