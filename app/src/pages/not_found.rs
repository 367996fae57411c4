use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Text, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 class="page-title">{i18n.t(Text::PageNotFound)}</h1>
        <p><A href="/">{i18n.t(Text::BackHome)}</A></p>
    }
}

/// A screen whose code could not be fetched: the device went offline before the
/// service worker had kept it. Said plainly, with a way to try again (the failed
/// fetch is not remembered, so opening it again fetches anew).
#[component]
pub fn ScreenUnavailable() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="status status-problem" role="alert" data-testid="screen-unavailable">
            <p>{i18n.t(Text::ScreenNotLoaded)}</p>
            <button type="button" class="button" on:click=|_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }>
                {i18n.t(Text::Retry)}
            </button>
            <p><A href="/">{i18n.t(Text::BackHome)}</A></p>
        </div>
    }
}
