//! Registers `/sw.js`, which keeps the app shell so the app opens with no
//! connection, and tells the app when a new version is ready. The new version
//! waits until the person agrees; then its worker takes over and the page reloads
//! once, so old and new code never run together.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::ServiceWorkerRegistration;

/// How often an open app asks whether a new version was published.
const CHECK_EVERY_MS: i32 = 60 * 60 * 1000;

/// Registers the worker; `update_ready` turns true when a new version waits.
pub fn register(update_ready: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let registration = container.register("/sw.js");
    spawn_local(async move {
        match JsFuture::from(registration).await {
            Ok(registration) => watch(registration.unchecked_into(), update_ready),
            // The app works without it, only not offline; say why in the console.
            Err(error) => {
                web_sys::console::warn_2(&"service worker not registered:".into(), &error)
            }
        }
    });
}

fn watch(registration: ServiceWorkerRegistration, update_ready: RwSignal<bool>) {
    // A first install is not an update: only a worker waiting behind a controller is.
    let has_controller =
        || web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some());
    if registration.waiting().is_some() && has_controller() {
        update_ready.set(true);
    }
    let found_registration = registration.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = found_registration.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                update_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();

    let check = Closure::<dyn Fn()>::new(move || {
        let _ = registration.update();
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            check.as_ref().unchecked_ref(),
            CHECK_EVERY_MS,
        );
    }
    check.forget();
}

/// The person agreed: the waiting worker takes over, and the page reloads when it has.
pub fn apply_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.unchecked_ref()));
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Some(waiting) = registration.waiting() {
            let _ = waiting.post_message(&"take-over".into());
        }
    });
}
