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
    SHARED_WITH_MENTOR, flag, parse_words,
};
use tsunagu_model::{
    Role,
    brought::{EntryStatus, entry_status},
    iso,
};

use super::{
    SignIn,
    bring::{EntryMeetings, bring, closed, items_of},
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

/// A stamp in the town's time, for people to read.
fn stamp_local(stamp: tsunagu_model::sync::Stamp) -> chrono::NaiveDateTime {
    tsunagu_model::town_time::from_unix_millis(stamp.millis() as i64)
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

/// The notebook's search and filters: what the person typed and chose.
#[derive(Clone, Copy)]
struct Filters {
    query: RwSignal<String>,
    child: RwSignal<String>,
    kind: RwSignal<String>,
    status: RwSignal<String>,
}

impl Filters {
    fn new() -> Self {
        Self {
            query: RwSignal::new(String::new()),
            child: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
        }
    }

    fn any(self) -> bool {
        [self.query, self.child, self.kind, self.status]
            .iter()
            .any(|s| s.with(|v| !v.is_empty()))
    }

    fn clear(self) {
        for s in [self.query, self.child, self.kind, self.status] {
            s.set(String::new());
        }
    }
}

/// One entry as the list shows it. Its key names what it shows, so the list
/// keeps the DOM of an entry that did not change and rebuilds only the others.
#[derive(Clone, PartialEq)]
struct ListedEntry {
    record: Record,
    status: EntryStatus,
    changed: Option<tsunagu_model::sync::Stamp>,
}

impl ListedEntry {
    fn key(&self) -> (uuid::Uuid, Option<tsunagu_model::sync::Stamp>, &'static str) {
        (self.record.key.id, self.changed, self.status.as_str())
    }
}

#[component]
fn EntryList() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let navigate = use_navigate();
    let filters = Filters::new();
    let query_map = leptos_router::hooks::use_query_map();
    // Opened from a meeting ("ノートから選ぶ"): the entries can be brought to it here.
    let picking = Memo::new(move |_| {
        query_map
            .get()
            .get("bring")
            .and_then(|m| m.parse::<tsunagu_model::MeetingId>().ok())
    });
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    let meetings = Memo::new(move |_| {
        family
            .overview()
            .map(|o| crate::family::meetings_of(sync, o.family.id))
            .unwrap_or_default()
    });
    // My own items only: another parent's item never speaks for my entries.
    let items = Memo::new(move |_| {
        let me = sync.person();
        items_of(sync)
            .into_iter()
            .filter(|i| Some(i.owner) == me)
            .collect::<Vec<_>>()
    });
    let all = Memo::new(move |_| sync.records(RecordType::NotebookEntry));
    // Each entry with where it stands; everything from the device, offline too.
    let entries = Memo::new(move |_| {
        let meetings = meetings.get();
        let items = items.get();
        let held =
            |m: tsunagu_model::MeetingId| meetings.iter().find(|x| x.id == m).is_some_and(closed);
        let words = filters.query.get().to_lowercase();
        let (child, kind, status) = (
            filters.child.get(),
            filters.kind.get(),
            filters.status.get(),
        );
        let mut entries: Vec<ListedEntry> = all
            .get()
            .into_iter()
            .map(|record| ListedEntry {
                status: entry_status(record.key.id, &items, held),
                changed: last_changed(&record),
                record,
            })
            .filter(|e| {
                let r = &e.record;
                (child.is_empty() || r.text("child") == Some(child.as_str()))
                    && (kind.is_empty() || r.text("kind").unwrap_or("wish") == kind)
                    && (status.is_empty() || e.status.as_str() == status)
                    && (words.is_empty()
                        || r.text("text")
                            .unwrap_or_default()
                            .to_lowercase()
                            .contains(&words)
                        || tags_of(r).iter().any(|t| t.to_lowercase().contains(&words)))
            })
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.changed));
        entries
    });
    let nothing_written = Memo::new(move |_| all.with(Vec::is_empty));
    let write_new = move |_| {
        // Nothing is stored until the person writes something (see `EntryEditor`).
        let id = crate::sync::new_record_id();
        NEW_ENTRY.with(|n| n.set(Some(id)));
        navigate(&format!("/notebook/{id}"), Default::default());
    };
    view! {
        <h1 class="page-title">{i18n.t(Text::NavNotebook)}</h1>
        <p class="intro">{i18n.t(Text::NotebookPrivate)}</p>
        <RejectedChanges/>
        {move || picking.get().map(|meeting| view! { <PickingFor meeting=meeting meetings=meetings/> })}
        <button type="button" class="button" data-testid="notebook-new" on:click=write_new>
            {i18n.t(Text::NotebookNew)}
        </button>
        <div class="filters" role="search">
            <label class="field">
                <span>{i18n.tr("さがす", "Search")}</span>
                <input type="search" name="search" data-testid="notebook-search" prop:value=filters.query
                    on:input=move |ev| filters.query.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{i18n.tr("お子さん", "Child")}</span>
                <select name="child-filter" on:change=move |ev| filters.child.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.child.with(String::is_empty)>{i18n.tr("すべて", "All")}</option>
                    {move || children().into_iter().map(|c| {
                        let id = c.id.to_string();
                        let value = id.clone();
                        view! { <option value=value prop:selected=move || filters.child.with(|v| *v == id)>{c.given_name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Text::NotebookKind)}</span>
                <select name="kind-filter" on:change=move |ev| filters.kind.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.kind.with(String::is_empty)>{i18n.tr("すべて", "All")}</option>
                    {NOTEBOOK_KINDS.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k prop:selected=move || filters.kind.with(|v| v == k)>{i18n.t(kind_text(k))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.tr("状態", "Status")}</span>
                <select name="status-filter" data-testid="status-filter" on:change=move |ev| filters.status.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || filters.status.with(String::is_empty)>{i18n.tr("すべて", "All")}</option>
                    {EntryStatus::ALL.into_iter().map(|st| view! {
                        <option value=st.as_str() prop:selected=move || filters.status.with(|v| v == st.as_str())>{move || st.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
        {move || (entries.with(Vec::is_empty)).then(|| if nothing_written.get() {
            view! { <p class="empty" data-testid="notebook-empty">{i18n.t(Text::NotebookEmpty)}</p> }.into_any()
        } else {
            view! {
                <div class="empty" data-testid="notebook-no-match" role="status">
                    <p>{i18n.tr(
                        "この条件に合う記録はありません。書いた記録はそのまま残っています。",
                        "No entry matches. Everything you wrote is still here.",
                    )}</p>
                    {move || filters.any().then(|| view! {
                        <button type="button" class="button button-quiet" data-testid="clear-filters" on:click=move |_| filters.clear()>
                            {i18n.tr("検索と絞り込みをやめる", "Clear the search and filters")}
                        </button>
                    })}
                </div>
            }.into_any()
        })}
        <ul class="cards notebook-list">
            <For each=move || entries.get() key=ListedEntry::key let:entry>
                <EntryCard entry=entry picking=picking items=items/>
            </For>
        </ul>
    }
}

/// The meeting the notebook is picking entries for, with the way back to it.
#[component]
fn PickingFor(
    meeting: tsunagu_model::MeetingId,
    meetings: Memo<Vec<tsunagu_model::Meeting>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let lang = i18n.lang();
        meetings
            .get()
            .into_iter()
            .find(|m| m.id == meeting)
            .map(|m| {
                format!(
                    "{} {}",
                    lang.date_time(m.starts_at, crate::family::today()),
                    m.kind.label(lang)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <section class="status picking" data-testid="picking-for" role="status">
            <p>
                {i18n.tr("会議に持っていく記録を選んでください: ", "Choose entries to bring to: ")}
                <strong>{label}</strong>
            </p>
            <A href=format!("/meetings/{meeting}") {..} class="button button-quiet">
                {i18n.tr("会議のページに戻る", "Back to the meeting")}
            </A>
        </section>
    }
}

#[component]
fn EntryCard(
    entry: ListedEntry,
    picking: Memo<Option<tsunagu_model::MeetingId>>,
    items: Memo<Vec<tsunagu_model::brought::BroughtItem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let ListedEntry {
        record,
        status,
        changed,
    } = entry;
    let kind = kind_text(record.text("kind").unwrap_or("wish"));
    let text = record.text("text").unwrap_or_default().to_owned();
    let conflict = !record.conflicting("text").is_empty();
    let shared = flag(&record.fields, SHARED_WITH_FAMILY);
    let with_mentor = record.text(SHARED_WITH_MENTOR).is_some();
    let tags = tags_of(&record);
    let written = written_at(&record);
    let changed = changed.map(stamp_local);
    let id = record.key.id;
    let href = format!("/notebook/{id}");
    let words = text.clone();
    let brought_here = move |meeting| {
        items.with(|items| {
            items
                .iter()
                .any(|i| i.meeting == meeting && i.entry == Some(id) && !i.withdrawn)
        })
    };
    view! {
        <li data-testid="notebook-item">
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
            {move || picking.get().map(|meeting| if brought_here(meeting) {
                view! { <p class="picked" data-testid="picked">{i18n.tr("✓ この会議に持っていきます", "✓ Brought to this meeting")}</p> }.into_any()
            } else {
                let words = words.clone();
                view! {
                    <button type="button" class="button button-quiet" data-testid="pick-entry"
                        on:click=move |_| bring(sync, meeting, id, words.clone())>
                        {i18n.tr("この会議に持っていく", "Bring to this meeting")}
                    </button>
                }.into_any()
            })}
        </li>
    }
}

thread_local! {
    /// The entry "新しく書く" just opened: shown empty, stored once it has words.
    static NEW_ENTRY: std::cell::Cell<Option<uuid::Uuid>> = const { std::cell::Cell::new(None) };
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
    // Whether there is an entry to edit: a stored one, or the one "新しく書く" just
    // opened. A memo, so the editor is built once and never rebuilt under the
    // person's fingers when a sync round or another field changes the record.
    let editable = Memo::new(move |_| {
        key.get()
            .filter(|k| NEW_ENTRY.with(|n| n.get()) == Some(k.id) || sync.record(*k).is_some())
    });
    let back =
        view! { <A href="/notebook" {..} class="back-link">{i18n.t(Text::NotebookBack)}</A> };
    view! {
        {back}
        {move || match (editable.get(), sync.is_open()) {
            (Some(key), true) => view! { <EntryEditor key=key/> }.into_any(),
            (None, true) => view! { <p class="status" data-testid="entry-missing">{i18n.t(Text::NotebookMissing)}</p> }.into_any(),
            (_, false) => view! { <Notebook/> }.into_any(),
        }}
    }
}

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
    exists: Memo<bool>,
    waiting: StoredValue<Vec<(String, FieldValue)>>,
}

impl EntryFields {
    fn set(self, field: &str, value: FieldValue) {
        let sync = self.sync;
        if self.exists.get_untracked() {
            let _ = sync.edit(self.key, vec![(field.to_owned(), value)]);
            return;
        }
        let has_words = field == "text" && value.as_text().is_some_and(|t| !t.trim().is_empty());
        self.waiting.update_value(|w| {
            w.retain(|(f, _)| f != field);
            w.push((field.to_owned(), value));
        });
        if !has_words {
            return;
        }
        let mut values = self.waiting.get_value();
        if !values.iter().any(|(f, _)| f == "kind") {
            values.push(("kind".to_owned(), FieldValue::Text("wish".to_owned())));
        }
        values.push((
            "written_at".to_owned(),
            FieldValue::Text(format!(
                "\"{}\"",
                iso::format_date_time(crate::family::now())
            )),
        ));
        if sync.edit(self.key, values).is_ok() {
            self.waiting.set_value(Vec::new());
            NEW_ENTRY.with(|n| n.set(None));
        }
    }

    /// The value as shown: stored, or waiting to be stored with the first words.
    fn text(self, record: Option<&Record>, field: &str) -> Option<String> {
        match record {
            Some(r) => r.text(field).map(str::to_owned),
            None => self.waiting.with_value(|w| {
                w.iter()
                    .find(|(f, _)| f == field)
                    .and_then(|(_, v)| v.as_text().map(str::to_owned))
            }),
        }
    }
}

#[component]
fn EntryEditor(key: RecordKey) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let record = sync.record_memo(key);
    let exists = Memo::new(move |_| record.with(Option::is_some));
    let fields = EntryFields {
        sync,
        key,
        exists,
        waiting: StoredValue::new(Vec::new()),
    };
    // Another parent's entry they chose to share: readable here, theirs to change.
    let mine = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .is_none_or(|r| r.owner.is_none() || r.owner == sync.person())
        })
    });
    let shared = move || {
        record.with(|r| {
            r.as_ref()
                .is_some_and(|r| flag(&r.fields, SHARED_WITH_FAMILY))
        })
    };
    let (draft, typing) = typed_words(move || {
        record
            .with(|r| fields.text(r.as_ref(), "text"))
            .unwrap_or_default()
    });
    let max_chars = RecordType::NotebookEntry.max_chars("text").unwrap_or(4000);
    let too_long = RwSignal::new(None::<usize>);
    let kind = move || {
        record
            .with(|r| fields.text(r.as_ref(), "kind"))
            .unwrap_or_else(|| "wish".to_owned())
    };
    let conflicts = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
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
        })
    });
    let delete = Callback::new(move |()| {
        // To the trash (pages/trash.rs): restorable for 30 days, then erased.
        fields.set(tsunagu_model::sync::TRASHED, FieldValue::Bool(true));
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
        fields.set("text", FieldValue::Text(text));
    };
    view! {
        <div class="form notebook-editor" data-testid="entry-editor">
            {move || (!mine.get()).then(|| view! {
                <p class="status" data-testid="shared-by-family">{i18n.t(Text::SharedByFamily)}</p>
            })}
            <label class="field">
                <span>{i18n.t(Text::NotebookKind)}</span>
                <select name="kind" disabled=move || !mine.get() on:change=move |ev| fields.set("kind", FieldValue::Text(event_target_value(&ev)))>
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
                        {match i18n.lang() {
                            tsunagu_model::Lang::Ja => format!("{max_chars}字までです。あと{over}字短くしてください。短くするまで、この文章は保存されません。"),
                            tsunagu_model::Lang::En => format!("At most {max_chars} characters: {over} too many. This text is not saved until it is shorter."),
                        }}
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
                                            fields.set("text", FieldValue::Text(keep.clone()));
                                        }>{i18n.t(Text::ConflictKeep)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            {move || (mine.get() && exists.get()).then(|| view! { <EarlierWords key=key draft=draft/> })}
            {move || mine.get().then(|| view! { <ChildField fields=fields record=record/> <TagsField fields=fields record=record/> })}
            {move || (mine.get() && exists.get()).then(|| view! {
                <EntryMeetings entry=key.id text=Signal::derive(move || draft.get())/>
                <MentorShare key=key record=record/>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="share-with-family"
                        prop:checked=shared
                        on:change=move |ev| fields.set(SHARED_WITH_FAMILY, FieldValue::Bool(event_target_checked(&ev)))
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
/// Stored as they are typed, like the text.
#[component]
fn TagsField(fields: EntryFields, record: Memo<Option<Record>>) -> impl IntoView {
    let i18n = use_i18n();
    let (typed, focused) = typed_words(move || {
        record
            .with(|r| fields.text(r.as_ref(), "tags"))
            .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
            .unwrap_or_default()
            .join(" ")
    });
    let store = move |ev: leptos::ev::Event| {
        let words = event_target_value(&ev);
        typed.set(words.clone());
        if let Ok(json) = serde_json::to_string(&parse_words(&words)) {
            fields.set("tags", FieldValue::Text(json));
        }
    };
    view! {
        <label class="field">
            <span>{i18n.tr("タグ(空白で区切る)", "Tags (separated by spaces)")}</span>
            <input type="text" name="tags" data-testid="entry-tags" prop:value=typed
                on:focus=move |_| focused.set(true) on:blur=move |_| focused.set(false)
                on:input=store/>
        </label>
    }
}

/// Sharing this one entry with a mentor the family consented to, for advice;
/// the mentor sees it only while it is shared (and the consent stands). Nothing
/// is shared until the parent has read who will see what and said yes.
#[component]
fn MentorShare(key: RecordKey, record: Memo<Option<Record>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let shared_with = Memo::new(move |_| {
        record
            .with(|r| {
                r.as_ref()
                    .and_then(|r| r.text(SHARED_WITH_MENTOR).map(str::to_owned))
            })
            .unwrap_or_default()
    });
    // The mentors the family consented to (online: consents live on the server).
    let mentors = LocalResource::new(move || {
        let family_id = family.overview().map(|o| o.family.id);
        async move {
            match family_id {
                Some(id) => api::consents(id).await.map(|consents| {
                    let mut mentors: Vec<(String, String)> = Vec::new();
                    for c in consents {
                        let id = c.mentor.to_string();
                        if !mentors.iter().any(|(m, _)| *m == id) {
                            mentors.push((id, c.mentor_name));
                        }
                    }
                    mentors
                }),
                None => Ok(Vec::new()),
            }
        }
    });
    // The mentor picked, waiting for the parent's yes.
    let asking = RwSignal::new(None::<(String, String)>);
    let chosen = move || {
        asking
            .get()
            .map(|(id, _)| id)
            .unwrap_or_else(|| shared_with.get())
    };
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if id.is_empty() {
            asking.set(None);
            let _ = sync.edit(key, vec![(SHARED_WITH_MENTOR.to_owned(), FieldValue::Null)]);
            return;
        }
        let name = mentors
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|m| m.into_iter().find(|(m, _)| *m == id).map(|(_, n)| n))
            .unwrap_or_default();
        asking.set(Some((id, name)));
    };
    let confirm = move |_| {
        if let Some((id, _)) = asking.get_untracked() {
            let _ = sync.edit(
                key,
                vec![(SHARED_WITH_MENTOR.to_owned(), FieldValue::Text(id))],
            );
        }
        asking.set(None);
    };
    view! {
        <div class="field">
            <label class="field">
                <span>{i18n.tr("メンターに相談する(この記録だけを見せます)", "Ask a mentor (shows this entry only)")}</span>
                <select name="mentor" data-testid="share-with-mentor" on:change=choose
                    disabled=move || matches!(mentors.get(), Some(Err(_)))>
                    <option value="" prop:selected=move || chosen().is_empty()>{i18n.tr("共有しない", "Not shared")}</option>
                    {move || mentors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|(id, name)| {
                        let value = id.clone();
                        view! { <option value=value prop:selected=move || chosen() == id>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || matches!(mentors.get(), Some(Err(FetchError::Offline))).then(|| view! {
                <p class="hint">{i18n.tr(
                    "メンターへの相談は、インターネットにつながっているときに選べます。",
                    "Choosing a mentor needs a connection.",
                )}</p>
            })}
            {move || asking.get().map(|(_, name)| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="mentor-confirm" data-testid="mentor-confirm">
                    <p id="mentor-confirm">{match i18n.lang() {
                        tsunagu_model::Lang::Ja => format!(
                            "{name}さんに、この記録の文章だけを見せます。お子さんの名前、計画、ほかの記録は見せません。いつでも共有をやめられます。"
                        ),
                        tsunagu_model::Lang::En => format!(
                            "{name} will see the words of this entry only: not your child's name, the plans or your other entries. You can stop sharing at any time."
                        ),
                    }}</p>
                    <button type="button" class="button" data-testid="mentor-confirm-yes" on:click=confirm>
                        {i18n.tr("見せる", "Share it")}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| asking.set(None)>
                        {i18n.tr("やめる", "Cancel")}
                    </button>
                </div>
            })}
        </div>
    }
}

/// Sets an id field from a select whose empty choice means "none".
fn optional_id(ev: &leptos::ev::Event) -> FieldValue {
    let value = event_target_value(ev);
    if value.is_empty() {
        FieldValue::Null
    } else {
        FieldValue::Text(value)
    }
}

/// Which child the entry is about, if any.
#[component]
fn ChildField(fields: EntryFields, record: Memo<Option<Record>>) -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let current = Memo::new(move |_| {
        record
            .with(|r| fields.text(r.as_ref(), "child"))
            .unwrap_or_default()
    });
    let children = move || family.overview().map(|o| o.children).unwrap_or_default();
    view! {
        <label class="field">
            <span>{i18n.tr("どのお子さんのこと", "About which child")}</span>
            <select name="child" on:change=move |ev| fields.set("child", optional_id(&ev))>
                <option value="" prop:selected=move || current.with(String::is_empty)>{i18n.tr("選ばない", "None")}</option>
                {move || children().into_iter().map(|c| {
                    let id = c.id.to_string();
                    let value = id.clone();
                    view! { <option value=value prop:selected=move || current.with(|v| *v == id)>{c.given_name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
