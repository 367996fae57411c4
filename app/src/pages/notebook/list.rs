//! The notebook's list: every entry with where it stands, newest change first,
//! the changes the server refused, and, opened from a meeting, picking entries
//! to bring to it.

use crate::i18n::messages;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use tsunagu_model::{
    Lang, MeetingId, NotebookEntry,
    brought::{BroughtItem, EntryStatus, entry_status},
};

use super::{
    NEW_ENTRY,
    filters::{FilterBar, Filters},
    stamp_local,
};
use crate::{
    family::{today, use_records},
    i18n::{Text, use_i18n},
    pages::bring::bring,
    sync::use_sync,
};

/// "書いた日 11月20日(金) · 更新 11月23日(月) 14:05"
fn dates_line(
    written: Option<chrono::NaiveDateTime>,
    changed: Option<chrono::NaiveDateTime>,
    lang: Lang,
) -> String {
    let today = today();
    messages::entry_dates(
        lang,
        written.map(|at| lang.date(at.date(), today)),
        changed.map(|at| lang.date_time(at, today)),
    )
}

/// One entry as the list shows it. Its key names what it shows, so the list
/// keeps the DOM of an entry that did not change and rebuilds only the others.
#[derive(Clone, PartialEq)]
struct ListedEntry {
    entry: NotebookEntry,
    status: EntryStatus,
}

impl ListedEntry {
    fn key(&self) -> (uuid::Uuid, Option<tsunagu_model::sync::Stamp>, &'static str) {
        (self.entry.id, self.entry.changed, self.status.as_str())
    }
}

#[component]
pub(super) fn EntryList() -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    let navigate = use_navigate();
    let filters = Filters::new();
    let query_map = leptos_router::hooks::use_query_map();
    // Opened from a meeting ("ノートから選ぶ"): the entries can be brought to it here.
    let picking = Memo::new(move |_| {
        query_map
            .get()
            .get("bring")
            .and_then(|m| m.parse::<MeetingId>().ok())
    });
    // My own items only: another parent's item never speaks for my entries.
    let items = Memo::new(move |_| records.my_items());
    let all = records.entries();
    // Each entry with where it stands; everything from the device, offline too.
    let entries = Memo::new(move |_| {
        let items = items.get();
        let keeps = filters.keeps();
        let mut entries: Vec<ListedEntry> = all
            .get()
            .into_iter()
            .map(|entry| ListedEntry {
                status: entry_status(entry.id, &items, |m| records.held(m)),
                entry,
            })
            .filter(|e| keeps(&e.entry, e.status))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.entry.changed));
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
        {move || picking.get().map(|meeting| view! { <PickingFor meeting=meeting/> })}
        <button type="button" class="button" data-testid="notebook-new" on:click=write_new>
            {i18n.t(Text::NotebookNew)}
        </button>
        <FilterBar filters=filters/>
        {move || (entries.with(Vec::is_empty)).then(|| if nothing_written.get() {
            view! { <p class="empty" data-testid="notebook-empty">{i18n.t(Text::NotebookEmpty)}</p> }.into_any()
        } else {
            view! {
                <div class="empty" data-testid="notebook-no-match" role="status">
                    <p>{i18n.t(Text::NoEntryMatches)}</p>
                    {move || filters.any().then(|| view! {
                        <button type="button" class="button button-quiet" data-testid="clear-filters" on:click=move |_| filters.clear()>
                            {i18n.t(Text::ClearFilters)}
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
fn PickingFor(meeting: MeetingId) -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    let label = move || {
        let lang = i18n.lang();
        records
            .meeting(meeting)
            .map(|m| {
                format!(
                    "{} {}",
                    lang.date_time(m.starts_at, today()),
                    m.kind.label(lang)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <section class="status picking" data-testid="picking-for" role="status">
            <p>
                {i18n.t(Text::PickingFor)}
                <strong>{label}</strong>
            </p>
            <A href=format!("/meetings/{meeting}") {..} class="button button-quiet">
                {i18n.t(Text::BackToMeeting)}
            </A>
        </section>
    }
}

#[component]
fn EntryCard(
    entry: ListedEntry,
    picking: Memo<Option<MeetingId>>,
    items: Memo<Vec<BroughtItem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let ListedEntry { entry, status } = entry;
    let NotebookEntry {
        id,
        kind,
        text,
        tags,
        written_at,
        shared_with_family,
        shared_with_mentor,
        text_clash,
        changed,
        ..
    } = entry;
    let changed = changed.map(stamp_local);
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
                <span class="badge">{move || kind.label(i18n.lang())}</span>
                {(status != EntryStatus::Private).then(|| view! {
                    <span class="badge" data-testid="entry-status">{move || status.label(i18n.lang())}</span>
                })}
                {shared_with_family.then(|| view! { <span class="badge">{i18n.t(Text::SharedBadge)}</span> })}
                {shared_with_mentor.is_some().then(|| view! { <span class="badge">{i18n.t(Text::WithMentorBadge)}</span> })}
                {tags.into_iter().map(|t| view! { <span class="tag">{format!("#{t}")}</span> }).collect_view()}
                {(!text_clash.is_empty()).then(|| view! { <span class="badge badge-warn">{i18n.t(Text::ConflictTitle)}</span> })}
                <span class="notebook-text">
                    {if text.is_empty() { i18n.t(Text::NotebookUntitled)().to_owned() } else { text }}
                </span>
                <small class="entry-dates">{move || dates_line(written_at, changed, i18n.lang())}</small>
            </A>
            {move || picking.get().map(|meeting| if brought_here(meeting) {
                view! { <p class="picked" data-testid="picked">{i18n.t(Text::PickedHere)}</p> }.into_any()
            } else {
                let words = words.clone();
                view! {
                    <button type="button" class="button button-quiet" data-testid="pick-entry"
                        on:click=move |_| bring(sync, records, meeting, id, words.clone())>
                        {i18n.t(Text::PickEntry)}
                    </button>
                }.into_any()
            })}
        </li>
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
