//! The parent's private notebook: wishes, questions, worries, observations and the
//! child's own words. Everything here reads and writes the device's store; typing
//! is saved as it happens and sent when it can be.

use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};
use tsunagu_model::Role;
use tsunagu_model::sync::{
    DELETED, FieldValue, NOTEBOOK_KINDS, Record, RecordKey, RecordType, SHARED_WITH_FAMILY, flag,
};

use super::SignIn;
use crate::{
    api::{self, FetchError},
    family::use_family,
    i18n::{Text, use_i18n},
    sync::{SyncStatus, use_sync},
};

fn kind_text(kind: &str) -> Text {
    match kind {
        "question" => Text::KindQuestion,
        "worry" => Text::KindWorry,
        "observation" => Text::KindObservation,
        "childs_words" => Text::KindChildsWords,
        _ => Text::KindWish,
    }
}

fn entry_key(id: uuid::Uuid) -> RecordKey {
    RecordKey {
        record_type: RecordType::NotebookEntry,
        id,
    }
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
            return Either::Left(view! { <EntryList/> });
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

fn last_changed(record: &Record) -> Option<tsunagu_model::sync::Stamp> {
    record.fields.values().map(|f| f.current().at).max()
}

#[component]
fn EntryList() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let entries = move || {
        let mut entries = sync.records(RecordType::NotebookEntry);
        entries.sort_by_key(|r| std::cmp::Reverse(last_changed(r)));
        entries
    };
    let write_new = move |_| {
        let id = crate::sync::new_record_id();
        let key = entry_key(id);
        let created = sync.edit(
            key,
            vec![
                ("kind".to_owned(), FieldValue::Text("wish".to_owned())),
                ("text".to_owned(), FieldValue::Text(String::new())),
            ],
        );
        if created.is_ok() {
            navigate(&format!("/notebook/{id}"), Default::default());
        }
    };
    view! {
        <h1 class="page-title">{i18n.t(Text::NavNotebook)}</h1>
        <p class="intro">{i18n.t(Text::NotebookPrivate)}</p>
        <RejectedChanges/>
        <button type="button" class="button" data-testid="notebook-new" on:click=write_new>
            {i18n.t(Text::NotebookNew)}
        </button>
        {move || {
            let entries = entries();
            if entries.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::NotebookEmpty)}</p> }.into_any();
            }
            view! {
                <ul class="cards notebook-list">
                    {entries.into_iter().map(|entry| {
                        let kind = kind_text(entry.text("kind").unwrap_or("wish"));
                        let text = entry.text("text").unwrap_or_default().to_owned();
                        let conflict = !entry.conflicting("text").is_empty();
                        let shared = flag(&entry.fields, SHARED_WITH_FAMILY);
                        let href = format!("/notebook/{}", entry.key.id);
                        view! {
                            <li>
                                <A href={href} {..} class="card notebook-entry" data-testid="notebook-entry">
                                    <span class="badge">{i18n.t(kind)}</span>
                                    {shared.then(|| view! { <span class="badge">{i18n.t(Text::SharedBadge)}</span> })}
                                    {conflict.then(|| view! { <span class="badge badge-warn">{i18n.t(Text::ConflictTitle)}</span> })}
                                    <span class="notebook-text">
                                        {if text.is_empty() { i18n.t(Text::NotebookUntitled)().to_owned() } else { text }}
                                    </span>
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// Changes the server refused, each with why and what was written, so nothing
/// vanishes silently; the person dismisses them once seen.
#[component]
fn RejectedChanges() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    move || {
        let rejected = sync.rejected();
        (!rejected.is_empty()).then(|| {
            view! {
                <section class="status status-problem" data-testid="rejected" role="alert">
                    <h2>{i18n.t(Text::RejectedTitle)}</h2>
                    <ul>
                        {rejected.into_iter().map(|r| {
                            let number = r.mutation.number;
                            let written: Vec<String> = r.mutation.changes.iter()
                                .filter_map(|c| c.value.as_text().map(str::to_owned))
                                .collect();
                            view! {
                                <li>
                                    <p>{move || r.refusal.explain(i18n.lang())}</p>
                                    <p class="rejected-text">{written.join(" / ")}</p>
                                    <button type="button" class="button button-quiet" on:click=move |_| sync.dismiss_rejected(number)>
                                        {i18n.t(Text::RejectedDismiss)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
pub fn NotebookEntry() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params
            .get()
            .get("id")
            .and_then(|id| uuid::Uuid::try_parse(&id).ok())
            .map(entry_key)
    });
    let record = move || key.get().and_then(|k| sync.record(k));
    let back =
        view! { <A href="/notebook" {..} class="back-link">{i18n.t(Text::NotebookBack)}</A> };
    view! {
        {back}
        {move || match (key.get(), sync.is_open()) {
            (Some(key), true) if record().is_some() => view! { <EntryEditor key=key/> }.into_any(),
            (_, true) => view! { <p class="status" data-testid="entry-missing">{i18n.t(Text::NotebookMissing)}</p> }.into_any(),
            (_, false) => view! { <Notebook/> }.into_any(),
        }}
    }
}

#[component]
fn EntryEditor(key: RecordKey) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let record = move || sync.record(key);
    // Another parent's entry they chose to share: readable here, theirs to change.
    let mine = move || record().is_none_or(|r| r.owner.is_none() || r.owner == sync.person());
    let shared = move || record().is_some_and(|r| flag(&r.fields, SHARED_WITH_FAMILY));
    let saved_text = move || {
        record()
            .and_then(|r| r.text("text").map(str::to_owned))
            .unwrap_or_default()
    };
    // What the text box shows: the person's typing, or a change that arrived while
    // they were not typing in it.
    let draft = RwSignal::new(saved_text());
    let typing = RwSignal::new(false);
    Effect::new(move |_| {
        let saved = saved_text();
        if !typing.get_untracked() && draft.get_untracked() != saved {
            draft.set(saved);
        }
    });
    let set = move |field: &str, value: FieldValue| {
        let _ = sync.edit(key, vec![(field.to_owned(), value)]);
    };
    let kind = move || {
        record()
            .and_then(|r| r.text("kind").map(str::to_owned))
            .unwrap_or_else(|| "wish".to_owned())
    };
    let conflicts = move || {
        record()
            .map(|r| {
                let current = r.text("text").unwrap_or_default().to_owned();
                let others: Vec<String> = r
                    .conflicting("text")
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                if others.is_empty() {
                    Vec::new()
                } else {
                    [vec![current], others].concat()
                }
            })
            .unwrap_or_default()
    };
    let delete = Callback::new(move |()| {
        set(DELETED, FieldValue::Bool(true));
        navigate("/notebook", Default::default());
    });
    view! {
        <div class="form notebook-editor" data-testid="entry-editor">
            {move || (!mine()).then(|| view! {
                <p class="status" data-testid="shared-by-family">{i18n.t(Text::SharedByFamily)}</p>
            })}
            <label class="field">
                <span>{i18n.t(Text::NotebookKind)}</span>
                <select name="kind" disabled=move || !mine() on:change=move |ev| set("kind", FieldValue::Text(event_target_value(&ev)))>
                    {NOTEBOOK_KINDS.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k selected=move || kind() == k>{i18n.t(kind_text(k))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::NotebookWords)}</span>
                <textarea
                    name="text"
                    readonly=move || !mine()
                    rows="8"
                    maxlength="4000"
                    prop:value=draft
                    on:focus=move |_| typing.set(true)
                    on:blur=move |_| typing.set(false)
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft.set(text.clone());
                        set("text", FieldValue::Text(text));
                    }
                ></textarea>
            </label>
            {move || {
                let versions = conflicts();
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
                                            set("text", FieldValue::Text(keep.clone()));
                                        }>{i18n.t(Text::ConflictKeep)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            {move || mine().then(|| view! { <EarlierWords key=key draft=draft/> })}
            {move || mine().then(|| view! {
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="share-with-family"
                        prop:checked=shared
                        on:change=move |ev| set(SHARED_WITH_FAMILY, FieldValue::Bool(event_target_checked(&ev)))
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

/// The entry's earlier words, kept by the server: any of them can be brought back.
/// Asked for on demand, so it needs a connection (said plainly when there is none).
#[component]
fn EarlierWords(key: RecordKey, draft: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let loaded = RwSignal::new(None::<Result<Vec<(String, String)>, FetchError>>);
    let show = move |_| {
        spawn_local(async move {
            let today = crate::family::today();
            let lang = i18n.lang_untracked();
            let answer = api::history(key).await.map(|entries| {
                entries
                    .into_iter()
                    .filter(|h| h.field == "text")
                    .filter_map(|h| {
                        let words = h.version.value.as_text()?.to_owned();
                        let at =
                            chrono::DateTime::from_timestamp_millis(h.version.at.millis() as i64)?
                                .naive_utc()
                                + chrono::Duration::hours(9);
                        (!words.is_empty()).then(|| (lang.date_time(at, today), words))
                    })
                    .collect()
            });
            loaded.set(Some(answer));
        });
    };
    view! {
        <section class="earlier" data-testid="earlier-words">
            <button type="button" class="link-button" on:click=show>{i18n.t(Text::EarlierWords)}</button>
            {move || match loaded.get() {
                None => None,
                Some(Err(FetchError::Offline)) => Some(view! { <p class="status">{i18n.t(Text::EarlierNeedsConnection)}</p> }.into_any()),
                Some(Err(_)) => Some(view! { <p class="status status-problem">{i18n.t(Text::LoadFailed)}</p> }.into_any()),
                Some(Ok(versions)) if versions.is_empty() => Some(view! { <p class="empty">{i18n.t(Text::EarlierNone)}</p> }.into_any()),
                Some(Ok(versions)) => Some(view! {
                    <ul class="earlier-list">
                        {versions.into_iter().map(|(when, words)| {
                            let restore = words.clone();
                            view! {
                                <li data-testid="earlier-version">
                                    <small>{when}</small>
                                    <p>{words}</p>
                                    <button type="button" class="button button-quiet" on:click=move |_| {
                                        draft.set(restore.clone());
                                        let _ = sync.edit(key, vec![("text".to_owned(), FieldValue::Text(restore.clone()))]);
                                    }>{i18n.t(Text::EarlierRestore)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()),
            }}
        </section>
    }
}
