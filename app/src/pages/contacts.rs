use leptos::prelude::*;

use super::intro;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn Contacts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 class="page-title">{i18n.t(Text::NavContacts)}</h1>
        {intro(Text::ContactsIntro, Text::ContactsComing)}
    }
}
