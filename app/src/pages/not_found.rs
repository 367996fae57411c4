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
