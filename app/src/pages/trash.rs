//! The notebook's trash (issue 12): a deleted entry waits here, seen by its
//! author alone, restorable for 30 days; then the server erases its words and
//! earlier versions everywhere. "Delete now" erases at once.

use crate::i18n::messages;
use leptos::prelude::*;
use tsunagu_model::{
    EntryChange, NotebookEntry, TypedRecord,
    sync::{DELETED, FieldValue, RecordType, TRASH_DAYS},
};

use crate::{
    i18n::{Text, use_i18n},
    sync::use_sync,
};

#[component]
pub fn Trash() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let set = move |key, change: (String, FieldValue)| {
        // A refusal here would be the device's own rule; the entry stays as it is.
        let _ = sync.edit(key, vec![change]);
    };
    view! {
        <h1 class="page-title">{i18n.t(Text::Trash)}</h1>
        <p class="intro">
            {move || messages::trash_intro(i18n.lang(), TRASH_DAYS)}
        </p>
        {move || {
            let trashed = sync.trashed(RecordType::NotebookEntry);
            if trashed.is_empty() {
                return view! { <p class="empty" data-testid="trash-empty">{i18n.t(Text::TrashEmpty)}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {trashed.into_iter().map(|record| {
                        let key = record.key;
                        let words = NotebookEntry::read(key.id, record.owner, &record.fields)
                            .map(|e| e.text)
                            .unwrap_or_default();
                        view! {
                            <li class="card" data-testid="trash-entry">
                                <p class="entry-text">{words}</p>
                                <div class="actions">
                                    <button type="button" class="button" data-testid="trash-restore"
                                        on:click=move |_| set(key, EntryChange::Trashed(false).into_field())>
                                        {i18n.t(Text::Restore)}
                                    </button>
                                    <button type="button" class="button button-quiet" data-testid="trash-erase"
                                        on:click=move |_| set(key, (DELETED.to_owned(), FieldValue::Bool(true)))>
                                        {i18n.t(Text::DeleteNow)}
                                    </button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
