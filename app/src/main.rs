//! The family app's entry point (parents and mentors), and its routes.
//!
//! The screens behind the home screen are each a WASM chunk fetched the first time
//! someone opens one (Leptos lazy routes; scripts/build-app splits the module, and
//! the service worker keeps every chunk for offline use): a parent's first load
//! carries the home screen and sign-in only, and a new screen adds nothing to it.
//! They are declared here, in the family app's own binary, because a split point
//! is an export that keeps its code in every module linking it: declared in the
//! library, the coordinators' app would carry all of them.

use leptos::{prelude::*, wasm_split::SplitLoaderError};
use leptos_router::{Lazy, LazyRoute, components::Route, path};
use tsunagu_app::pages;

/// A screen's chunk could not be fetched (offline before the service worker kept
/// it): the screen says so instead of the app stopping.
struct NotFetched;

impl From<SplitLoaderError> for NotFetched {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// Each screen: its route, its split point (a chunk of its own; `fallible`, as a
/// failed fetch must not abort the whole module) and that chunk's preload.
macro_rules! lazy_screens {
    ($($route:ident: $split:ident, $preload:ident => $page:path;)*) => {$(
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                match $split().await {
                    Ok(view) => view,
                    Err(NotFetched) => pages::ScreenUnavailable().into_any(),
                }
            }

            async fn preload() {
                // A failure is said by `view`, which fetches again.
                let _ = $preload().await;
            }
        }

        #[leptos::wasm_split::wasm_split($split, fallible, preload($preload), wasm_split_path = ::leptos::wasm_split)]
        fn $split() -> Result<AnyView, NotFetched> {
            Ok($page().into_any())
        }
    )*};
}

lazy_screens! {
    Meetings: meetings, preload_meetings => pages::Meetings;
    MeetingPage: meeting_page, preload_meeting_page => pages::MeetingPage;
    Plans: plans, preload_plans => pages::Plans;
    PlanPage: plan_page, preload_plan_page => pages::PlanPage;
    Notebook: notebook, preload_notebook => pages::Notebook;
    EntryPage: entry_page, preload_entry_page => pages::EntryPage;
    Invite: invite, preload_invite => pages::Invite;
    AccessLog: access_log, preload_access_log => pages::AccessLog;
    Trash: trash, preload_trash => pages::Trash;
    Directory: directory, preload_directory => pages::Directory;
    ContactLog: contact_log, preload_contact_log => pages::ContactLog;
    Consult: consult, preload_consult => pages::Consult;
    ConsultThread: consult_thread, preload_consult_thread => pages::ConsultThread;
    Reminders: reminders, preload_reminders => pages::Reminders;
    ReminderSettingsPage: reminder_settings, preload_reminder_settings => pages::ReminderSettingsPage;
}

fn main() {
    tsunagu_app::start_family_app(|| {
        view! {
            <Route path=path!("") view=pages::Home/>
            <Route path=path!("/meetings") view={Lazy::<Meetings>::new()}/>
            <Route path=path!("/meetings/:id") view={Lazy::<MeetingPage>::new()}/>
            <Route path=path!("/plans") view={Lazy::<Plans>::new()}/>
            <Route path=path!("/plans/:id") view={Lazy::<PlanPage>::new()}/>
            <Route path=path!("/notebook") view={Lazy::<Notebook>::new()}/>
            <Route path=path!("/notebook/:id") view={Lazy::<EntryPage>::new()}/>
            <Route path=path!("/invite") view={Lazy::<Invite>::new()}/>
            <Route path=path!("/access-log") view={Lazy::<AccessLog>::new()}/>
            <Route path=path!("/trash") view={Lazy::<Trash>::new()}/>
            <Route path=path!("/directory") view={Lazy::<Directory>::new()}/>
            <Route path=path!("/contact-log") view={Lazy::<ContactLog>::new()}/>
            <Route path=path!("/consult") view={Lazy::<Consult>::new()}/>
            <Route path=path!("/consult/:id") view={Lazy::<ConsultThread>::new()}/>
            <Route path=path!("/reminders") view={Lazy::<Reminders>::new()}/>
            <Route path=path!("/settings/reminders") view={Lazy::<ReminderSettingsPage>::new()}/>
        }
        .into_inner()
    });
}
