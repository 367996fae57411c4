//! One entry's editor. Each field is stored as the person types or chooses it
//! (a new entry once it has words); the editor is built once per entry, so a
//! sync round never rebuilds a field under the person's fingers.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tsunagu_model::{
    ChildId, EntryChange, EntryKind, NotebookEntry,
    sync::{RecordKey, RecordType},
};

use super::{
    NEW_ENTRY,
    share::{EarlierWords, MentorShare},
};
use crate::{
    family::{entry_key, now, use_family, use_records},
    i18n::{Text, use_i18n},
    pages::bring::EntryMeetings,
    sync::use_sync,
};

/// What a text box shows: the person's typing while it has focus, or the stored
/// words when they are elsewhere (a change from another device, a restored
/// version). Nothing the person is typing is ever replaced under them.
fn typed_words(
    stored: impl Fn() -> String + Send + Sync + 'static,
) -> (RwSignal<String>, RwSignal<bool>) {
    let shown = RwSignal::new(String::new());
    let focused = RwSignal::new(false);
    Effect::new(move |_| {
        let stored = stored();
        if !focused.get_untracked() && shown.get_untracked() != stored {
            shown.set(stored);
        }
    });
    (shown, focused)
}

/// How one field's change is stored: at once for an entry that exists; for a new
/// one, held until it has words, then stored with them in one change.
#[derive(Clone, Copy)]
struct EntryFields {
    sync: crate::sync::Sync,
    key: RecordKey,
    entry: Memo<Option<NotebookEntry>>,
    exists: Memo<bool>,
    waiting: StoredValue<Vec<EntryChange>>,
}

impl EntryFields {
    fn set(self, change: EntryChange) {
        let sync = self.sync;
        if self.exists.get_untracked() {
            let _ = sync.edit(self.key, vec![change.into_field()]);
            return;
        }
        self.waiting.update_value(|w| {
            w.retain(|c| c.field() != change.field());
            w.push(change);
        });
        let Some(first) = self
            .waiting
            .with_value(|w| NotebookEntry::first_write(w, now()))
        else {
            return;
        };
        if sync.edit(self.key, first).is_ok() {
            self.waiting.set_value(Vec::new());
            NEW_ENTRY.with(|n| n.set(None));
        }
    }

    /// The entry as shown: stored, or what waits to be stored with the first words.
    fn shown<T>(self, read: impl FnOnce(&NotebookEntry) -> T) -> T {
        self.entry.with(|entry| match entry {
            Some(entry) => read(entry),
            None => {
                let mut unwritten = NotebookEntry::unwritten(self.key.id);
                self.waiting.with_value(|w| {
                    for change in w {
                        unwritten.apply(change);
                    }
                });
                read(&unwritten)
            }
        })
    }
}

#[component]
pub(super) fn EntryEditor(id: uuid::Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let navigate = use_navigate();
    let key = entry_key(id);
    let entry = records.entry(id);
    let exists = Memo::new(move |_| entry.with(Option::is_some));
    let fields = EntryFields {
        sync,
        key,
        entry,
        exists,
        waiting: StoredValue::new(Vec::new()),
    };
    // Another parent's entry they chose to share: readable here, theirs to change.
    let mine = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref()
                .is_none_or(|e| e.owner.is_none() || e.owner == sync.person())
        })
    });
    let shared = move || entry.with(|e| e.as_ref().is_some_and(|e| e.shared_with_family));
    let (draft, typing) = typed_words(move || fields.shown(|e| e.text.clone()));
    let max_chars = RecordType::NotebookEntry
        .max_chars(NotebookEntry::TEXT)
        .unwrap_or(4000);
    let too_long = RwSignal::new(None::<usize>);
    let kind = move || fields.shown(|e| e.kind);
    // Both versions of a clash, the current one first, for the person to keep one.
    let conflicts = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref()
                .filter(|e| !e.text_clash.is_empty())
                .map(|e| [vec![e.text.clone()], e.text_clash.clone()].concat())
                .unwrap_or_default()
        })
    });
    let delete = Callback::new(move |()| {
        // To the trash (pages/trash.rs): restorable for 30 days, then erased.
        fields.set(EntryChange::Trashed(true));
        navigate("/notebook", Default::default());
    });
    let on_text = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let count = text.chars().count();
        draft.set(text.clone());
        if count > max_chars {
            // Kept on screen, not stored: the person decides what to cut.
            too_long.set(Some(count - max_chars));
            return;
        }
        too_long.set(None);
        fields.set(EntryChange::Text(text));
    };
    let choose_kind = move |ev: leptos::ev::Event| {
        if let Ok(kind) = event_target_value(&ev).parse::<EntryKind>() {
            fields.set(EntryChange::Kind(kind));
        }
    };
    view! {
        <div class="form notebook-editor" data-testid="entry-editor">
            {move || (!mine.get()).then(|| view! {
                <p class="status" data-testid="shared-by-family">{i18n.t(Text::SharedByFamily)}</p>
            })}
            <label class="field">
                <span>{i18n.t(Text::Kind)}</span>
                <select name=NotebookEntry::KIND disabled=move || !mine.get() on:change=choose_kind>
                    {EntryKind::ALL.into_iter().map(|k| {
                        view! { <option value=k.as_str() selected=move || kind() == k>{move || k.label(i18n.lang())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::NotebookWords)}</span>
                <textarea
                    name=NotebookEntry::TEXT
                    readonly=move || !mine.get()
                    rows="8"
                    aria-describedby="entry-text-limit"
                    prop:value=draft
                    on:focus=move |_| typing.set(true)
                    on:blur=move |_| typing.set(false)
                    on:input=on_text
                ></textarea>
                {move || too_long.get().map(|over| view! {
                    <p class="field-problem" id="entry-text-limit" role="alert" data-testid="text-too-long">
                        {crate::i18n::messages::text_too_long(i18n.lang(), max_chars, over)}
                    </p>
                })}
            </label>
            {move || {
                let versions = conflicts.get();
                (!versions.is_empty()).then(|| view! {
                    <section class="conflict" data-testid="conflict" role="alert">
                        <h2>{i18n.t(Text::ConflictTitle)}</h2>
                        <p>{i18n.t(Text::ConflictIntro)}</p>
                        <ul>
                            {versions.into_iter().map(|v| {
                                let keep = v.clone();
                                view! {
                                    <li class="conflict-version">
                                        <p data-testid="conflict-version">{v}</p>
                                        <button type="button" class="button button-quiet" on:click=move |_| {
                                            draft.set(keep.clone());
                                            fields.set(EntryChange::Text(keep.clone()));
                                        }>{i18n.t(Text::ConflictKeep)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            {move || (mine.get() && exists.get()).then(|| view! { <EarlierWords key=key draft=draft/> })}
            {move || mine.get().then(|| view! { <ChildField fields=fields/> <TagsField fields=fields/> })}
            {move || (mine.get() && exists.get()).then(|| view! {
                <EntryMeetings entry=key.id text=Signal::derive(move || draft.get())/>
                <MentorShare key=key entry=entry/>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="share-with-family"
                        prop:checked=shared
                        on:change=move |ev| fields.set(EntryChange::SharedWithFamily(event_target_checked(&ev)))
                    />
                    <span>{i18n.t(Text::ShareWithFamily)}</span>
                </label>
                <button type="button" class="button button-quiet" data-testid="entry-delete" on:click=move |_| delete.run(())>
                    {i18n.t(Text::NotebookDelete)}
                </button>
            })}
        </div>
    }
}

/// The entry's tags: a few words to find it by, separated by spaces or commas.
/// Stored as they are typed, like the text.
#[component]
fn TagsField(fields: EntryFields) -> impl IntoView {
    let i18n = use_i18n();
    let (typed, focused) = typed_words(move || fields.shown(|e| e.tags.join(" ")));
    let store = move |ev: leptos::ev::Event| {
        let words = event_target_value(&ev);
        typed.set(words.clone());
        fields.set(EntryChange::typed_tags(&words));
    };
    view! {
        <label class="field">
            <span>{i18n.t(Text::EntryTags)}</span>
            <input name=NotebookEntry::TAGS data-testid="entry-tags" prop:value=typed
                on:focus=move |_| focused.set(true) on:blur=move |_| focused.set(false)
                on:input=store/>
        </label>
    }
}

/// Which child the entry is about, if any.
#[component]
fn ChildField(fields: EntryFields) -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let current =
        Memo::new(move |_| fields.shown(|e| e.child.map(|c| c.to_string()).unwrap_or_default()));
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    // The empty choice is "none".
    let choose = move |ev: leptos::ev::Event| {
        let child = event_target_value(&ev).parse::<ChildId>().ok();
        fields.set(EntryChange::Child(child));
    };
    view! {
        <label class="field">
            <span>{i18n.t(Text::EntryChild)}</span>
            <select name=NotebookEntry::CHILD on:change=choose>
                <option value="" prop:selected=move || current.with(String::is_empty)>{i18n.t(Text::ChooseNone)}</option>
                {move || children().into_iter().map(|c| {
                    let id = c.id.to_string();
                    let value = id.clone();
                    view! { <option value=value prop:selected=move || current.with(|v| *v == id)>{c.given_name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
