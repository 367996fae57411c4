//! 連絡先: the town's support directory from the synced `agency` records on
//! this device, so it opens offline; forgiving search (kana and widths alike).

use leptos::prelude::*;
use tsunagu_model::{
    directory::{Agency, AgencyField, find},
    search::Query,
};

use crate::{
    family::read_all,
    i18n::{Text, use_i18n},
    sync::use_sync,
};

#[component]
pub fn Directory() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let agencies = Memo::new(move |_| read_all::<Agency>(sync));
    let typed = RwSignal::new(String::new());
    view! {
        <h1 class="page-title">{i18n.t(Text::DirectoryTitle)}</h1>
        <label class="field">
            <span>{i18n.t(Text::DirectorySearch)}</span>
            <input
                type="search"
                data-testid="directory-search"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        </label>
        {move || {
            let lang = i18n.lang();
            let all = agencies.get();
            let query = Query::parse(&typed.get());
            let found = find(&all, &query);
            if found.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::DirectoryNoneFound)}</p> }.into_any();
            }
            AgencyField::ALL
                .iter()
                .filter_map(|&field| {
                    let here: Vec<&Agency> = found.iter().copied().filter(|a| a.field == field).collect();
                    (!here.is_empty()).then(|| view! {
                        <section data-testid="directory-field">
                            <h2>{field.label(lang)}</h2>
                            <ul class="cards">
                                {here.into_iter().map(|a| card(a.clone())).collect_view()}
                            </ul>
                        </section>
                    })
                })
                .collect_view()
                .into_any()
        }}
    }
}

fn card(a: Agency) -> impl IntoView {
    let line = |class: &'static str, text: String| {
        (!text.is_empty()).then(|| view! { <p class=class>{text}</p> })
    };
    let phone = a
        .tel()
        .map(|tel| view! { <p><a href=tel data-testid="agency-tel">{a.phone.clone()}</a></p> });
    let website = (!a.website.is_empty()).then(|| {
        let href = a.website.clone();
        view! { <p><a href=href target="_blank" rel="noopener">{a.website.clone()}</a></p> }
    });
    view! {
        <li class="meeting-card" data-testid="agency">
            <h3>{a.name.clone()}</h3>
            {line("series", a.reading.clone())}
            {line("agency-does", a.does.clone())}
            {phone}
            {line("agency-hours", a.hours.clone())}
            {line("agency-address", a.address.clone())}
            {website}
            {line("agency-notes", a.notes.clone())}
        </li>
    }
}
