//! On a meeting's page and the home card: what I bring, in my order, and what is
//! still open from earlier meetings.

use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{Meeting, MeetingId, brought::BroughtItem};

use super::{Undo, bring, outcome_text, reorder};
use crate::{
    family::{now, use_records},
    i18n::{Text, use_i18n},
    sync::use_sync,
};

/// On a meeting's page: what I bring, in my order, and what is still open from
/// earlier meetings; after it, what became of each item.
#[component]
pub fn MeetingItems(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let id = meeting.id;
    let fixed = meeting.items_fixed(now());
    let undo = Undo::new();
    view! {
        <section aria-labelledby="bringing-heading" class="bringing" data-testid="bringing">
            <h2 id="bringing-heading">{i18n.t(Text::MyItemsHeading)}</h2>
            {move || {
                let plans = records.plans().get();
                let mine = records.items(id);
                if mine.is_empty() && !fixed {
                    return view! {
                        <p class="empty">{i18n.t(Text::NothingYet)}</p>
                        <A href=format!("/notebook?bring={id}") {..} class="button button-quiet no-print" data-testid="pick-from-notebook">
                            {i18n.t(Text::PickFromNotebook)}
                        </A>
                    }.into_any();
                }
                if mine.is_empty() {
                    return view! {
                        <p class="empty">{i18n.t(Text::NothingWasBrought)}</p>
                    }.into_any();
                }
                let count = mine.len();
                view! {
                    <ol class="agenda bringing-list" data-testid="my-items">
                        {mine.into_iter().enumerate().map(|(n, item)| {
                            let lang = i18n.lang();
                            let outcome = item.outcome.as_ref().map(|o| outcome_text(o, &plans, lang, i18n.era()));
                            let item_id = item.id;
                            let wording = item.wording.clone();
                            view! {
                                <li data-testid="my-item">
                                    <span class="brought-wording">{item.wording.clone()}</span>
                                    {outcome.map(|o| view! { <span class="brought-status" data-testid="brought-status">{o}</span> })}
                                    {(!fixed).then(|| view! {
                                        <span class="item-actions no-print">
                                            <button type="button" class="button button-quiet" disabled=n == 0
                                                aria-label=i18n.t(Text::MoveUp) data-testid="item-up"
                                                on:click=move |_| reorder(sync, records, id, n, n - 1)>"↑"</button>
                                            <button type="button" class="button button-quiet" disabled=n + 1 == count
                                                aria-label=i18n.t(Text::MoveDown) data-testid="item-down"
                                                on:click=move |_| reorder(sync, records, id, n, n + 1)>"↓"</button>
                                            <button type="button" class="button button-quiet" data-testid="withdraw-item"
                                                on:click=move |_| undo.withdraw(sync, item_id, wording.clone())>
                                                {i18n.t(Text::WithdrawItem)}
                                            </button>
                                        </span>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {(!fixed).then(|| view! {
                        <p class="hint no-print">{i18n.t(Text::OrderItemsHint)}</p>
                    })}
                }.into_any()
            }}
            {undo.view(sync)}
            {(!fixed).then(|| view! { <OpenItems meeting=id/> })}
        </section>
    }
}

/// What is still open from earlier meetings (carried over, or never answered),
/// offered for this meeting.
#[component]
fn OpenItems(meeting: MeetingId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    move || {
        // Brought here already, by me or by the family's other parent.
        let here: Vec<Option<uuid::Uuid>> = records.all_items().with(|items| {
            items
                .iter()
                .filter(|i| i.meeting == meeting && !i.withdrawn)
                .map(|i| i.entry)
                .collect()
        });
        let open: Vec<BroughtItem> = records
            .my_items()
            .into_iter()
            .filter(|i| i.meeting != meeting && i.is_open(records.held(i.meeting)))
            .filter(|i| !here.contains(&i.entry))
            .collect();
        (!open.is_empty()).then(|| view! {
            <h3>{i18n.t(Text::StillOpenHeading)}</h3>
            <ul class="tasks" data-testid="open-items">
                {open.into_iter().map(|item| {
                    let (entry, wording) = (item.entry, item.wording.clone());
                    view! {
                        <li>
                            {item.wording.clone()}
                            {entry.map(|entry| view! {
                                <button type="button" class="button button-quiet no-print" data-testid="bring-again"
                                    on:click=move |_| bring(sync, records, meeting, entry, wording.clone())>
                                    {i18n.t(Text::BringHereToo)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    }
}

/// The next meeting's items on the home card.
#[component]
pub fn BringingSummary(meeting: MeetingId) -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    view! {
        {move || {
            let mine = records.items(meeting);
            view! {
                <div class="bringing-summary" data-testid="bringing-summary">
                    <p class="bringing-title">
                        {i18n.t(Text::BringingSummaryTitle)}
                        {format!(" ({})", mine.len())}
                    </p>
                    {if mine.is_empty() {
                        view! {
                            <A href=format!("/notebook?bring={meeting}") {..} class="button button-quiet" data-testid="pick-from-notebook">
                                {i18n.t(Text::PickFromNotebook)}
                            </A>
                        }.into_any()
                    } else {
                        view! {
                            <ol class="agenda">
                                {mine.into_iter().map(|i| view! { <li>{i.wording}</li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </div>
            }
        }}
    }
}
