//! Reminders before meetings: the list of what will remind the person, when and
//! how (and what could not be sent), and the settings page for lead times,
//! notifications and the calendar feed.

mod feed;
mod list;
mod settings;

pub use list::Reminders;
pub use settings::ReminderSettingsPage;

/// Signed out on purpose: the device keeps neither the last reminders list nor
/// the calendar feed's secret address.
pub fn forget_cached() {
    list::forget_cached();
    feed::forget_kept();
}
