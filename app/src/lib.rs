//! Tsunagu's app, rendered in the browser: the family app (parents and mentors) and
//! the staff app (coordinators), two WASM bundles from one crate, so a parent's
//! phone never downloads the coordinator's screens.

mod api;
mod family;
mod form;
mod i18n;
pub mod pages;
mod passkey;
mod push;
mod service_worker;
mod shell;
mod staff;
mod storage;
mod sync;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Replaces the static pre-painted shell in `#app` (painted by index.html so a slow
/// phone shows something real before the WASM arrives) with the live app.
fn mount<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, app).forget();
}

/// The family app, with its service worker for offline use; `screens` are its
/// routes (see src/main.rs).
pub fn start_family_app<Defs, F>(screens: F)
where
    Defs: leptos_router::MatchNestedRoutes + Clone + Send + 'static,
    F: FnOnce() -> Defs + 'static,
{
    mount(move || shell::app(screens()));
}

/// The coordinators' app, loaded only by those who open `/staff/`.
pub fn start_staff_app() {
    mount(staff::StaffApp);
}
