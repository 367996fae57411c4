//! The notebook's search and filters: by words (text and tags), child, kind and
//! where the entry stands; everything on the device, offline too.

use leptos::prelude::*;
use tsunagu_model::{EntryKind, NotebookEntry, brought::EntryStatus};

use crate::{
    family::use_family,
    i18n::{Text, use_i18n},
};

/// What the person typed and chose.
#[derive(Clone, Copy)]
pub(super) struct Filters {
    query: RwSignal<String>,
    child: RwSignal<String>,
    kind: RwSignal<String>,
    status: RwSignal<String>,
}

impl Filters {
    pub(super) fn new() -> Self {
        Self {
            query: RwSignal::new(String::new()),
            child: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
        }
    }

    pub(super) fn any(self) -> bool {
        [self.query, self.child, self.kind, self.status]
            .iter()
            .any(|s| s.with(|v| !v.is_empty()))
    }

    pub(super) fn clear(self) {
        for s in [self.query, self.child, self.kind, self.status] {
            s.set(String::new());
        }
    }

    /// Whether an entry standing at `status` is shown (tracks every filter).
    pub(super) fn keeps(self) -> impl Fn(&NotebookEntry, EntryStatus) -> bool {
        let words = tsunagu_model::search::Query::parse(&self.query.get());
        let (child, kind, status) = (self.child.get(), self.kind.get(), self.status.get());
        move |entry, standing| {
            (child.is_empty() || entry.child.is_some_and(|c| c.to_string() == child))
                && (kind.is_empty() || entry.kind.as_str() == kind)
                && (status.is_empty() || standing.as_str() == status)
                && entry.mentions(&words)
        }
    }
}

#[component]
pub(super) fn FilterBar(filters: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    view! {
        <div class="filters" role="search">
            <label class="field">
                <span>{i18n.t(Text::Search)}</span>
                <input type="search" name="search" data-testid="notebook-search" prop:value=filters.query
                    on:input=move |ev| filters.query.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{i18n.t(Text::Child)}</span>
                <select name="child-filter" on:change=move |ev| filters.child.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.child.with(String::is_empty)>{i18n.t(Text::FilterAll)}</option>
                    {move || children().into_iter().map(|c| {
                        let id = c.id.to_string();
                        let value = id.clone();
                        view! { <option value=value prop:selected=move || filters.child.with(|v| *v == id)>{c.given_name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::Kind)}</span>
                <select name="kind-filter" on:change=move |ev| filters.kind.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.kind.with(String::is_empty)>{i18n.t(Text::FilterAll)}</option>
                    {EntryKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() prop:selected=move || filters.kind.with(|v| v == k.as_str())>{move || k.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::FilterStatus)}</span>
                <select name="status-filter" data-testid="status-filter" on:change=move |ev| filters.status.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.status.with(String::is_empty)>{i18n.t(Text::FilterAll)}</option>
                    {EntryStatus::ALL.into_iter().map(|st| view! {
                        <option value=st.as_str() prop:selected=move || filters.status.with(|v| v == st.as_str())>{move || st.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}
