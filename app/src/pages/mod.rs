//! One module per screen of the bottom navigation.

mod advice;
mod answer;
mod bring;
mod contact_log;
mod directory;
mod home;
mod invite;
mod joining;
mod meetings;
mod mentees;
mod not_found;
mod notebook;
mod plans;
mod privacy;
mod reminders;
mod sign_in;
mod trash;

pub use advice::{Consult, ConsultThread};
pub use contact_log::{ContactLog, FollowUps};
pub use directory::Directory;
pub use home::Home;
pub use invite::Invite;
pub use meetings::{MeetingPage, Meetings};
use mentees::Mentees;
pub use not_found::{NotFound, ScreenUnavailable};
pub use notebook::{EntryPage, Notebook};
pub use plans::{PlanPage, Plans};
pub use privacy::AccessLog;
pub use reminders::{ReminderSettingsPage, Reminders, forget_cached as forget_reminders};
pub use sign_in::{SignIn, SignOut, SignOutHere, problem_text};
pub use trash::Trash;

use leptos::prelude::*;
use tsunagu_model::{Role, api::FamilyOverview};

use crate::{
    api::FetchError,
    family::use_family,
    i18n::{Text, use_i18n},
};

/// The record id a page's path names (`/…/:id`), `None` when it is not one.
fn id_in_path() -> Memo<Option<uuid::Uuid>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| uuid::Uuid::try_parse(&id).ok())))
}

/// Renders `content` with the family's data, or says plainly why it cannot:
/// still loading, offline, the server refused, or no family registered.
fn with_family<V, F>(content: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(FamilyOverview) -> V + Send + Sync + 'static,
{
    let i18n = use_i18n();
    signed_in(move |loaded| match loaded.overview {
        Some(overview) => content(overview).into_any(),
        // A mentor has no family of their own: they see the families they support.
        None if loaded.me.role == Role::Mentor => view! { <Mentees/> }.into_any(),
        None => view! { <p class="status">{i18n.t(Text::NoFamily)}</p> }.into_any(),
    })
}

/// Renders `content` for whoever is signed in (any role), or the sign-in form,
/// or says plainly why it cannot: still loading, offline, the server refused.
pub fn signed_in<V, F>(content: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(crate::family::Loaded) -> V + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let family = use_family();
    move || {
        match family.data.get() {
        None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
        Some(Ok(loaded)) => content(loaded).into_any(),
        Some(Err(error)) if error.is_signed_out() => {
            view! { <SignIn session_ended=error.is_session_ended() on_signed_in=Callback::new(move |()| family.reload())/> }.into_any()
        }
        Some(Err(error)) => {
            let message = match error {
                FetchError::Offline => i18n.t(Text::Offline)().to_owned(),
                FetchError::Server { .. } => {
                    let told = error.server_words(i18n.lang()).unwrap_or_default();
                    format!("{} ({told})", i18n.t(Text::LoadFailed)())
                }
                FetchError::Unreadable => i18n.t(Text::LoadFailed)().to_owned(),
            };
            view! {
                <div class="status status-problem" role="alert" data-testid="load-problem">
                    <p>{message}</p>
                    <button type="button" class="button" on:click=move |_| family.reload()>
                        {i18n.t(Text::Retry)}
                    </button>
                </div>
            }
            .into_any()
        }
    }
    }
}
