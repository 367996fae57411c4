//! An entry's earlier words (kept by the server) and sharing it with a mentor.

use leptos::{prelude::*, task::spawn_local};
use tsunagu_model::{EntryChange, NotebookEntry, PersonId, sync::RecordKey};

use super::stamp_local;
use crate::{
    api::{self, FetchError},
    family::{today, use_family},
    i18n::{Text, use_i18n},
    sync::use_sync,
};

/// The entry's earlier words, kept by the server: any of them can be brought back.
/// Asked for on demand, so it needs a connection (said plainly when there is none).
#[component]
pub(super) fn EarlierWords(key: RecordKey, draft: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let loaded = RwSignal::new(None::<Result<Vec<(String, String)>, FetchError>>);
    let show = move |_| {
        spawn_local(async move {
            let today = today();
            let lang = i18n.lang_untracked();
            let answer = api::history(key).await.map(|entries| {
                entries
                    .into_iter()
                    .filter(|h| h.field == NotebookEntry::TEXT)
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
                                        let _ = sync.edit(key, vec![EntryChange::Text(restore.clone()).into_field()]);
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

/// Sharing this one entry with a mentor the family consented to, for advice;
/// the mentor sees it only while it is shared (and the consent stands). Nothing
/// is shared until the parent has read who will see what and said yes.
#[component]
pub(super) fn MentorShare(key: RecordKey, entry: Memo<Option<NotebookEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    let share_with = move |mentor: Option<PersonId>| {
        let _ = sync.edit(
            key,
            vec![EntryChange::SharedWithMentor(mentor).into_field()],
        );
    };
    let shared_with = Memo::new(move |_| {
        entry
            .with(|e| e.as_ref().and_then(|e| e.shared_with_mentor))
            .map(|m| m.to_string())
            .unwrap_or_default()
    });
    // The mentors the family lets read the entries it shares (online: consents
    // live on the server); a mentor with other scopes alone is not offered.
    let mentors = LocalResource::new(move || {
        let family_id = family.overview().map(|o| o.family.id);
        async move {
            match family_id {
                Some(id) => api::consents(id).await.map(|consents| {
                    let mut mentors: Vec<(String, String)> = Vec::new();
                    for c in consents
                        .into_iter()
                        .filter(|c| c.scope == tsunagu_model::consent::ConsentScope::SharedEntries)
                    {
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
            share_with(None);
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
        if let Some(mentor) = asking
            .get_untracked()
            .and_then(|(id, _)| id.parse::<PersonId>().ok())
        {
            share_with(Some(mentor));
        }
        asking.set(None);
    };
    view! {
        <div class="field">
            <label class="field">
                <span>{i18n.t(Text::MentorShareLabel)}</span>
                <select name="mentor" data-testid="share-with-mentor" on:change=choose
                    disabled=move || matches!(mentors.get(), Some(Err(_)))>
                    <option value="" prop:selected=move || chosen().is_empty()>{i18n.t(Text::NotShared)}</option>
                    {move || mentors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|(id, name)| {
                        let value = id.clone();
                        view! { <option value=value prop:selected=move || chosen() == id>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || matches!(mentors.get(), Some(Err(FetchError::Offline))).then(|| view! {
                <p class="hint">{i18n.t(Text::MentorNeedsConnection)}</p>
            })}
            {move || asking.get().map(|(_, name)| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="mentor-confirm" data-testid="mentor-confirm">
                    <p id="mentor-confirm">{crate::i18n::messages::mentor_will_see(i18n.lang(), &name)}</p>
                    <button type="button" class="button" data-testid="mentor-confirm-yes" on:click=confirm>
                        {i18n.t(Text::MentorShareYes)}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| asking.set(None)>
                        {i18n.t(Text::Cancel)}
                    </button>
                </div>
            })}
        </div>
    }
}
