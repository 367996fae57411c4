//! The parent's private notebook: wishes, questions, worries, observations and the
//! child's own words. Everything here reads and writes the device's store; typing
//! is saved as it happens and sent when it can be.

use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};
use tsunagu_model::sync::{
    FieldValue, NOTEBOOK_KINDS, Record, RecordKey, RecordType, SHARED_WITH_FAMILY,
    SHARED_WITH_MENTOR, flag,
};
use tsunagu_model::{
    Role,
    brought::{EntryStatus, entry_status},
    iso,
};

use super::{
    SignIn,
    bring::{EntryMeetings, closed, items_of},
};
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

/// When the entry was first written, as its device's clock read it.
fn written_at(record: &Record) -> Option<chrono::NaiveDateTime> {
    record
        .text("written_at")
        .and_then(|t| serde_json::from_str::<String>(t).ok())
        .and_then(|t| iso::parse_date_time(&t))
}

/// A stamp in the town's time (UTC+9), for people to read.
fn stamp_local(stamp: tsunagu_model::sync::Stamp) -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(stamp.millis() as i64)
        .map(|t| t.naive_utc() + chrono::Duration::hours(9))
        .unwrap_or_default()
}

/// "書いた日 11月20日(金) · 更新 11月23日(月) 14:05"
fn dates_line(
    written: Option<chrono::NaiveDateTime>,
    changed: Option<chrono::NaiveDateTime>,
    lang: tsunagu_model::Lang,
) -> String {
    let today = crate::family::today();
    let (w, c) = match lang {
        tsunagu_model::Lang::Ja => ("書いた日", "更新"),
        tsunagu_model::Lang::En => ("Written", "changed"),
    };
    let mut parts = Vec::new();
    if let Some(at) = written {
        parts.push(format!("{w} {}", lang.date(at.date(), today)));
    }
    if let Some(at) = changed {
        parts.push(format!("{c} {}", lang.date_time(at, today)));
    }
    parts.join(" · ")
}

/// An entry's tags as stored (a JSON list of words).
fn tags_of(record: &Record) -> Vec<String> {
    record
        .text("tags")
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

#[component]
fn EntryList() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let child_filter = RwSignal::new(String::new());
    let kind_filter = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    // Each entry with where it stands; everything from the device, offline too.
    let entries = move || {
        let meetings = family
            .overview()
            .map(|o| crate::family::meetings_of(sync, o.family.id))
            .unwrap_or_default();
        let items = items_of(sync);
        let held =
            |m: tsunagu_model::MeetingId| meetings.iter().find(|x| x.id == m).is_some_and(closed);
        let words = query.get().to_lowercase();
        let (child, kind, status) = (child_filter.get(), kind_filter.get(), status_filter.get());
        let mut entries: Vec<(Record, EntryStatus)> = sync
            .records(RecordType::NotebookEntry)
            .into_iter()
            .map(|r| {
                let status = entry_status(r.key.id, &items, held);
                (r, status)
            })
            .filter(|(r, st)| {
                (child.is_empty() || r.text("child") == Some(child.as_str()))
                    && (kind.is_empty() || r.text("kind").unwrap_or("wish") == kind)
                    && (status.is_empty() || st.as_str() == status)
                    && (words.is_empty()
                        || r.text("text")
                            .unwrap_or_default()
                            .to_lowercase()
                            .contains(&words)
                        || tags_of(r).iter().any(|t| t.to_lowercase().contains(&words)))
            })
            .collect();
        entries.sort_by_key(|(r, _)| std::cmp::Reverse(last_changed(r)));
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
                (
                    "written_at".to_owned(),
                    FieldValue::Text(format!(
                        "\"{}\"",
                        iso::format_date_time(crate::family::now())
                    )),
                ),
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
        <div class="filters" role="search">
            <label class="field">
                <span>{i18n.tr("さがす", "Search")}</span>
                <input type="search" name="search" data-testid="notebook-search" prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{i18n.tr("お子さん", "Child")}</span>
                <select name="child-filter" on:change=move |ev| child_filter.set(event_target_value(&ev))>
                    <option value="">{i18n.tr("すべて", "All")}</option>
                    {move || children().into_iter().map(|c| view! {
                        <option value=c.id.to_string()>{c.given_name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::NotebookKind)}</span>
                <select name="kind-filter" on:change=move |ev| kind_filter.set(event_target_value(&ev))>
                    <option value="">{i18n.tr("すべて", "All")}</option>
                    {NOTEBOOK_KINDS.iter().map(|k| view! { <option value=*k>{i18n.t(kind_text(k))}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.tr("状態", "Status")}</span>
                <select name="status-filter" data-testid="status-filter" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                    <option value="">{i18n.tr("すべて", "All")}</option>
                    {EntryStatus::ALL.into_iter().map(|st| view! {
                        <option value=st.as_str()>{move || st.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
        {move || {
            let entries = entries();
            if entries.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::NotebookEmpty)}</p> }.into_any();
            }
            view! {
                <ul class="cards notebook-list">
                    {entries.into_iter().map(|(entry, status)| {
                        let kind = kind_text(entry.text("kind").unwrap_or("wish"));
                        let text = entry.text("text").unwrap_or_default().to_owned();
                        let conflict = !entry.conflicting("text").is_empty();
                        let shared = flag(&entry.fields, SHARED_WITH_FAMILY);
                        let with_mentor = entry.text(SHARED_WITH_MENTOR).is_some();
                        let tags = tags_of(&entry);
                        let written = written_at(&entry);
                        let changed = last_changed(&entry).map(stamp_local);
                        let href = format!("/notebook/{}", entry.key.id);
                        view! {
                            <li>
                                <A href={href} {..} class="card notebook-entry" data-testid="notebook-entry" data-status=status.as_str()>
                                    <span class="badge">{i18n.t(kind)}</span>
                                    {(status != EntryStatus::Private).then(|| view! {
                                        <span class="badge" data-testid="entry-status">{move || status.label(i18n.lang())}</span>
                                    })}
                                    {shared.then(|| view! { <span class="badge">{i18n.t(Text::SharedBadge)}</span> })}
                                    {with_mentor.then(|| view! { <span class="badge">{i18n.tr("メンターに相談中", "With a mentor")}</span> })}
                                    {tags.into_iter().map(|t| view! { <span class="tag">{format!("#{t}")}</span> }).collect_view()}
                                    {conflict.then(|| view! { <span class="badge badge-warn">{i18n.t(Text::ConflictTitle)}</span> })}
                                    <span class="notebook-text">
                                        {if text.is_empty() { i18n.t(Text::NotebookUntitled)().to_owned() } else { text }}
                                    </span>
                                    <small class="entry-dates">{move || dates_line(written, changed, i18n.lang())}</small>
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
        // To the trash (pages/trash.rs): restorable for 30 days, then erased.
        set(tsunagu_model::sync::TRASHED, FieldValue::Bool(true));
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
            {move || mine().then(|| view! { <ChildField key=key/> <TagsField key=key/> })}
            {move || mine().then(|| view! { <EntryMeetings entry=key.id text=Signal::derive(move || draft.get())/> })}
            {move || mine().then(|| view! { <MentorShare key=key/> })}
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
                        let at = stamp_local(h.version.at);
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

/// The entry's tags: a few words to find it by, separated by spaces or commas.
#[component]
fn TagsField(key: RecordKey) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let current = move || {
        sync.record(key)
            .and_then(|r| r.text("tags").map(str::to_owned))
            .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
            .unwrap_or_default()
            .join(" ")
    };
    let typed = RwSignal::new(current());
    let save = move |_| {
        let words: Vec<String> = typed
            .get_untracked()
            .split([' ', ',', '、', '　'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().take(30).collect())
            .take(10)
            .collect();
        if let Ok(json) = serde_json::to_string(&words) {
            let _ = sync.edit(key, vec![("tags".to_owned(), FieldValue::Text(json))]);
        }
    };
    view! {
        <label class="field">
            <span>{i18n.tr("タグ(空白で区切る)", "Tags (separated by spaces)")}</span>
            <input type="text" name="tags" data-testid="entry-tags" prop:value=typed
                on:input=move |ev| typed.set(event_target_value(&ev)) on:change=save/>
        </label>
    }
}

/// Sharing this one entry with a mentor the family consented to, for advice;
/// the mentor sees it only while it is shared (and the consent stands).
#[component]
fn MentorShare(key: RecordKey) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let shared_with = move || {
        sync.record(key)
            .and_then(|r| r.text(SHARED_WITH_MENTOR).map(str::to_owned))
            .unwrap_or_default()
    };
    // The mentors the family consented to (online: consents live on the server).
    let mentors = LocalResource::new(move || {
        let family_id = family.overview().map(|o| o.family.id);
        async move {
            match family_id {
                Some(id) => api::consents(id).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let choose = move |ev: leptos::ev::Event| set_optional_id(sync, key, SHARED_WITH_MENTOR, &ev);
    view! {
        <label class="field">
            <span>{i18n.tr("メンターに相談する(この記録だけを見せます)", "Ask a mentor (shows this entry only)")}</span>
            <select name="mentor" data-testid="share-with-mentor" on:change=choose>
                <option value="" selected=move || shared_with().is_empty()>{i18n.tr("共有しない", "Not shared")}</option>
                {move || {
                    let mut seen = Vec::new();
                    mentors.get().unwrap_or_default().into_iter().filter_map(|c| {
                        let id = c.mentor.to_string();
                        if seen.contains(&id) { return None; }
                        seen.push(id.clone());
                        let selected = shared_with() == id;
                        Some(view! { <option value=id selected=selected>{c.mentor_name}</option> })
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// Sets an id field from a select whose empty choice means "none".
fn set_optional_id(sync: crate::sync::Sync, key: RecordKey, field: &str, ev: &leptos::ev::Event) {
    let value = event_target_value(ev);
    let value = if value.is_empty() {
        FieldValue::Null
    } else {
        FieldValue::Text(value)
    };
    let _ = sync.edit(key, vec![(field.to_owned(), value)]);
}

/// Which child the entry is about, if any.
#[component]
fn ChildField(key: RecordKey) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let current = move || {
        sync.record(key)
            .and_then(|r| r.text("child").map(str::to_owned))
            .unwrap_or_default()
    };
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    view! {
        <label class="field">
            <span>{i18n.tr("どのお子さんのこと", "About which child")}</span>
            <select name="child" on:change=move |ev| set_optional_id(sync, key, "child", &ev)>
                <option value="" selected=move || current().is_empty()>{i18n.tr("選ばない", "None")}</option>
                {move || children().into_iter().map(|c| {
                    let id = c.id.to_string();
                    let selected = current() == id;
                    view! { <option value=id selected=selected>{c.given_name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
