use leptos::prelude::*;

use super::intro;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn Notebook() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 class="page-title">{i18n.t(Text::NavNotebook)}</h1>
        {intro(Text::NotebookIntro, Text::NotebookComing)}
    }
}
