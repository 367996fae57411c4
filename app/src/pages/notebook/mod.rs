//! The parent's private notebook: wishes, questions, worries, observations and the
//! child's own words. Everything here reads and writes the device's store; typing
//! is saved as it happens and sent when it can be.
//!
//! `list`: the entries with search and filters (and picking them for a meeting);
//! `editor`: one entry, its fields stored as they are typed; `share`: its earlier
//! words and sharing it with a mentor.

mod editor;
mod filters;
mod list;
mod share;

use leptos::{either::Either, prelude::*};
use leptos_router::components::A;
use tsunagu_model::Role;

use super::SignIn;
use crate::{
    family::use_family,
    i18n::{Text, use_i18n},
    sync::{SyncStatus, use_sync},
};

thread_local! {
    /// The entry "新しく書く" just opened: shown empty, stored once it has words.
    static NEW_ENTRY: std::cell::Cell<Option<uuid::Uuid>> = const { std::cell::Cell::new(None) };
}

/// A stamp in the town's time, for people to read.
fn stamp_local(stamp: tsunagu_model::sync::Stamp) -> chrono::NaiveDateTime {
    tsunagu_model::town_time::from_unix_millis(stamp.millis() as i64)
}

/// The notebook needs someone signed in on this device; offline, the last person's
/// notebook opens from the device.
#[component]
pub fn Notebook() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    // Known from the server when online; offline, the notebook of whoever last
    // signed in here opens.
    let not_a_parent = move || {
        family
            .data
            .get()
            .and_then(Result::ok)
            .is_some_and(|loaded| loaded.me.role != Role::Parent)
    };
    move || {
        if not_a_parent() {
            return Either::Right(
                view! {
                    <h1 class="page-title">{i18n.t(Text::NavNotebook)}</h1>
                    <p class="status">{i18n.t(Text::NotebookParentsOnly)}</p>
                }
                .into_any(),
            );
        }
        if sync.is_open() {
            return Either::Left(view! { <list::EntryList/> });
        }
        let signed_out = family
            .data
            .get()
            .is_some_and(|d| d.is_err_and(|e| e.is_signed_out()));
        Either::Right(view! {
            <h1 class="page-title">{i18n.t(Text::NavNotebook)}</h1>
            {if signed_out {
                view! { <SignIn session_ended=false on_signed_in=Callback::new(move |()| family.reload())/> }.into_any()
            } else if sync.status.get() == SyncStatus::NoStorage {
                view! { <p class="status status-problem" role="alert">{i18n.t(Text::SyncNoStorage)}</p> }.into_any()
            } else {
                view! { <p class="status" role="status">{i18n.t(Text::NotebookSignIn)}</p> }.into_any()
            }}
        }.into_any())
    }
}

/// One entry's page: its editor, or why there is none.
#[component]
pub fn EntryPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let id = super::id_in_path();
    // Whether there is an entry to edit: a stored one, or the one "新しく書く" just
    // opened. A memo, so the editor is built once and never rebuilt under the
    // person's fingers when a sync round or another field changes the record.
    let editable = Memo::new(move |_| {
        id.get().filter(|id| {
            NEW_ENTRY.with(|n| n.get()) == Some(*id)
                || sync.record(crate::family::entry_key(*id)).is_some()
        })
    });
    let back =
        view! { <A href="/notebook" {..} class="back-link">{i18n.t(Text::NotebookBack)}</A> };
    view! {
        {back}
        {move || match (editable.get(), sync.is_open()) {
            (Some(id), true) => view! {
                <editor::EntryEditor id=id/>
                <super::advice::EntryAdvice entry=id/>
            }.into_any(),
            (None, true) => view! { <p class="status" data-testid="entry-missing">{i18n.t(Text::NotebookMissing)}</p> }.into_any(),
            (_, false) => view! { <Notebook/> }.into_any(),
        }}
    }
}
