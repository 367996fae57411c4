//! Registers `/sw.js`, which keeps the app shell so the app opens with no connection.

use wasm_bindgen_futures::{JsFuture, spawn_local};

pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let registration = container.register("/sw.js");
    spawn_local(async move {
        if let Err(error) = JsFuture::from(registration).await {
            // The app works without it, only not offline; say why in the console.
            web_sys::console::warn_2(&"service worker not registered:".into(), &error);
        }
    });
}
