//! Reminders before meetings: the list of what will remind the person, when and
//! how (and what could not be sent), and the settings page for lead times,
//! notifications and the calendar feed.

mod list;
mod settings;

pub use list::{Reminders, forget_cached};
pub use settings::ReminderSettingsPage;
