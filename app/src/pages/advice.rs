//! Advice on a shared entry, between the parent who wrote it and the mentor it
//! is shared with: one thread per entry, each message a synced `advice` record
//! written through the outbox (so it works offline). The mentor answers and
//! marks a thread handled; the parent reads the answers on the entry itself and
//! may reply. The server keeps every message between the two of them.

use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{
    PersonId, TypedRecord,
    advice::{Advice, ThreadState, thread, thread_state},
    consent::Mentee,
    notebook::NotebookEntry,
    sync::{RecordKey, RecordType},
};

use crate::{
    family::{now, read_all, today, use_records},
    i18n::{Text, use_i18n},
    sync::{Sync, new_record_id, use_sync},
};

fn save(sync: Sync, advice: &Advice) -> bool {
    let key = RecordKey {
        record_type: RecordType::Advice,
        id: advice.id,
    };
    sync.edit(key, advice.changes()).is_ok()
}

/// Every advice message on this device.
fn all_advice(sync: Sync) -> Memo<Vec<Advice>> {
    Memo::new(move |_| read_all::<Advice>(sync))
}

/// The messages of one entry's thread, oldest first, with a box to write the
/// next one. `author` is the entry's parent; `mentor_side` adds "handled".
#[component]
pub fn AdviceThread(entry: uuid::Uuid, author: PersonId, mentor_side: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let advice = all_advice(sync);
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = Advice::tidy(&draft.get_untracked());
        if text.is_empty() {
            problem.set(true);
            return;
        }
        let Some(me) = sync.person() else {
            return;
        };
        let message = Advice {
            id: new_record_id(),
            author: me,
            entry,
            text,
            written_at: Some(now()),
            handled: false,
        };
        if save(sync, &message) {
            draft.set(String::new());
            problem.set(false);
        }
    };
    view! {
        <section class="advice-thread" data-testid="advice-thread">
            <h2>{i18n.t(if mentor_side { Text::AdviceTitleMentor } else { Text::AdviceTitle })}</h2>
            {move || {
                let all = advice.get();
                let messages = thread(&all, entry);
                let state = thread_state(&messages, author);
                let lang = i18n.lang();
                let today = today();
                let last_mine = messages
                    .last()
                    .filter(|m| m.author != author && !m.handled)
                    .map(|m| (*m).clone());
                let list = messages
                    .iter()
                    .map(|m| {
                        let from_parent = m.author == author;
                        let who = i18n.t(if from_parent { Text::AdviceFromParent } else { Text::AdviceFromMentor });
                        let when = m.written_at.map(|at| lang.date_time(at, today)).unwrap_or_default();
                        view! {
                            <li class="advice-message" class:advice-from-mentor=!from_parent data-testid="advice-message">
                                <p class="series">{who}" "{when}</p>
                                <p class="notebook-text">{m.text.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="series" data-testid="advice-state">{state.label(lang)}</p>
                    <ul class="advice-messages">{list}</ul>
                    {(mentor_side && state == ThreadState::Answered).then(|| last_mine.map(|m| view! {
                        <button type="button" class="link-button" data-testid="advice-handled"
                            on:click=move |_| { save(sync, &Advice { handled: true, ..m.clone() }); }>
                            {i18n.t(Text::AdviceMarkHandled)}
                        </button>
                    }))}
                }
            }}
            <form class="form" on:submit=send data-testid="advice-form">
                <label class="field">
                    <span>{i18n.t(if mentor_side { Text::AdviceWrite } else { Text::AdviceReply })}</span>
                    <textarea data-testid="advice-text" maxlength="2000" prop:value=move || draft.get()
                        on:input=move |ev| { problem.set(false); draft.set(event_target_value(&ev)) }></textarea>
                </label>
                {move || problem.get().then(|| view! {
                    <p class="field-problem" role="alert">{i18n.t(Text::AdviceEmpty)}</p>
                })}
                <button type="submit" class="button" data-testid="advice-send">{i18n.t(Text::AdviceSend)}</button>
            </form>
        </section>
    }
}

/// On the parent's entry page: the thread, once the entry is shared with a
/// mentor or has messages (a withdrawn share keeps the parent's copy).
#[component]
pub fn EntryAdvice(entry: uuid::Uuid) -> impl IntoView {
    let sync = use_sync();
    let records = use_records();
    let advice = all_advice(sync);
    let current = records.entry(entry);
    // Whose thread it is and whether to show it: a memo, so the reply box is
    // not built again each time the entry itself changes (a keystroke, a sync).
    let shown = Memo::new(move |_| {
        let author = current.with(|e| {
            e.as_ref()
                .map(|e| (e.owner, e.shared_with_mentor.is_some()))
        });
        let (owner, shared) = author?;
        let author = owner.or(sync.person())?;
        let has_messages = advice.with(|all| all.iter().any(|a| a.entry == entry));
        (shared || has_messages).then_some(author)
    });
    move || {
        shown
            .get()
            .map(|author| view! { <AdviceThread entry=entry author=author mentor_side=false/> })
    }
}

/// The family and child an entry shared with this mentor is about, from the
/// last `ListMentees` answer on this device.
fn about(entry: &NotebookEntry, mentees: &[Mentee], lang: tsunagu_model::Lang) -> (String, String) {
    let Some(owner) = entry.owner else {
        return Default::default();
    };
    let Some(mentee) = mentees.iter().find(|m| m.parents.contains(&owner)) else {
        return Default::default();
    };
    let stage = entry
        .child
        .and_then(|c| mentee.children.iter().find(|k| k.id == c))
        .or_else(|| (mentee.children.len() == 1).then(|| &mentee.children[0]))
        .and_then(|k| k.stage)
        .map(|s| s.label(lang))
        .unwrap_or_default();
    (mentee.family.display_name.clone(), stage)
}

/// 相談: the entries parents shared with this mentor for advice, the ones
/// waiting for the mentor first; each opens its thread.
#[component]
pub fn Consult() -> impl IntoView {
    super::signed_in(|_| view! { <ConsultScreen/> })
}

#[component]
fn ConsultScreen() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let advice = all_advice(sync);
    let mentees = super::contact_log::use_mentees();
    view! {
        <h1 class="page-title">{i18n.t(Text::ConsultTitle)}</h1>
        <p class="intro">{i18n.t(Text::ConsultIntro)}</p>
        {move || {
            let me = sync.person();
            let entries: Vec<NotebookEntry> = records
                .entries()
                .get()
                .into_iter()
                .filter(|e| e.owner.is_some() && e.owner != me && !e.trashed)
                .collect();
            if entries.is_empty() {
                return view! { <p class="empty" data-testid="consult-empty">{i18n.t(Text::NoneAtTheMoment)}</p> }.into_any();
            }
            let all = advice.get();
            let known = mentees.get().and_then(Result::ok).unwrap_or_default();
            let lang = i18n.lang();
            let today = today();
            let mut rows: Vec<(ThreadState, NotebookEntry)> = entries
                .into_iter()
                .filter_map(|e| {
                    let author = e.owner?;
                    Some((thread_state(&thread(&all, e.id), author), e))
                })
                .collect();
            rows.sort_by_key(|(state, e)| (*state, std::cmp::Reverse(e.written_at), e.id));
            view! {
                <ul class="cards" data-testid="shared-with-me">
                    {rows.into_iter().map(|(state, e)| {
                        let (family, stage) = about(&e, &known, lang);
                        let id = e.id;
                        let when = e.written_at.map(|at| lang.date(at.date(), today)).unwrap_or_default();
                        view! {
                            <li class="meeting-card" data-testid="shared-entry">
                                <p>
                                    <span class="kind-badge">{e.kind.label(lang)}</span>" "
                                    <span data-testid="shared-entry-family">{family}</span>" "
                                    <span class="series">{stage}</span>" "
                                    <span class="series">{when}</span>
                                </p>
                                <p class="notebook-text">{e.text.clone()}</p>
                                <p class="series" data-testid="thread-state">{state.label(lang)}</p>
                                <A href=format!("/consult/{id}") {..} class="tap-link" data-testid="open-thread">
                                    {i18n.t(Text::AdviceOpen)}
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// One shared entry and its thread, at `/consult/:id`. The thread is built once
/// per entry, so a sync round never rebuilds the box the mentor is typing in.
#[component]
pub fn ConsultThread() -> impl IntoView {
    super::signed_in(|_| view! { <ConsultThreadScreen/> })
}

#[component]
fn ConsultThreadScreen() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let id = super::id_in_path();
    let me = sync.person();
    // Who wrote it: fixed for the entry, so it is read once per entry.
    let shared = Memo::new(move |_| {
        let id = id.get()?;
        let author = records
            .entries()
            .with(|all| all.iter().find(|e| e.id == id).and_then(|e| e.owner))?;
        (Some(author) != me).then_some((id, author))
    });
    view! {
        <A href="/consult" {..} class="back-link">{i18n.t(Text::NavConsult)}</A>
        {move || match shared.get() {
            None => view! { <p class="status" data-testid="entry-missing">{i18n.t(Text::NotebookMissing)}</p> }.into_any(),
            Some((id, author)) => view! {
                <p class="notebook-text" data-testid="consult-entry-text">{move || {
                    records.entries().with(|all| all.iter().find(|e| e.id == id).map(|e| e.text.clone()))
                }}</p>
                <AdviceThread entry=id author=author mentor_side=true/>
            }.into_any(),
        }}
    }
}
