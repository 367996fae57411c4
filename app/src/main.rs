//! Tsunagu's app: the parents' and mentors' companion, rendered in the browser.

mod api;
mod family;
mod form;
mod i18n;
mod pages;
mod service_worker;
mod shell;
mod storage;

use wasm_bindgen::JsCast;

fn main() {
    // index.html paints a static copy of the shell so a slow phone shows
    // something real before the WASM arrives; the live app replaces it.
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, shell::App).forget();
    service_worker::register();
}
