//! The family app's entry point (parents and mentors), and its routes.
//!
//! The screens behind the home screen are each a WASM chunk fetched the first time
//! someone opens one (Leptos lazy routes; scripts/build-app splits the module, and
//! the service worker keeps every chunk for offline use): a parent's first load
//! carries the home screen and sign-in only, and a new screen adds nothing to it.
//! They are declared here, in the family app's own binary, because a split point
//! is an export that keeps its code in every module linking it: declared in the
//! library, the coordinators' app would carry all of them.

use leptos::prelude::*;
use leptos_router::{Lazy, LazyRoute, components::Route, lazy_route, path};
use tsunagu_app::pages;

macro_rules! lazy_screens {
    ($($route:ident => $page:path;)*) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_screens! {
    Meetings => pages::Meetings;
    MeetingPage => pages::MeetingPage;
    Plans => pages::Plans;
    PlanPage => pages::PlanPage;
    Notebook => pages::Notebook;
    EntryPage => pages::EntryPage;
    Invite => pages::Invite;
    AccessLog => pages::AccessLog;
    Trash => pages::Trash;
    Directory => pages::Directory;
    ContactLog => pages::ContactLog;
    Consult => pages::Consult;
    ConsultThread => pages::ConsultThread;
    Reminders => pages::Reminders;
    ReminderSettingsPage => pages::ReminderSettingsPage;
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
