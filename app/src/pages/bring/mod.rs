//! Bringing notebook entries to meetings, on the parent's device: from an entry
//! ("bring to a meeting", in words chosen for the team; `entry`), on a meeting's
//! page (the preparation: my items in my order, withdraw until it starts, what is
//! still open from before; `meeting`), and back on the entry (what became of it).
//! Here: what both do, bringing, reordering and withdrawing (with its undo).

mod entry;
mod meeting;

pub use entry::EntryMeetings;
pub use meeting::{BringingSummary, MeetingItems};

use leptos::prelude::*;
use tsunagu_model::{
    Lang, MeetingId, TypedRecord,
    brought::{BroughtItem, ItemOutcome, linked_goal},
    plan::PlanSummary,
    sync::{RecordKey, RecordType},
};

use crate::{
    family::Records,
    i18n::{Text, messages, use_i18n},
    sync::{Sync, new_record_id},
};

fn item_key(id: uuid::Uuid) -> RecordKey {
    RecordKey {
        record_type: RecordType::BroughtItem,
        id,
    }
}

/// Brings `entry` to `meeting` in `wording`, last in my order.
pub fn bring(sync: Sync, records: Records, meeting: MeetingId, entry: uuid::Uuid, wording: String) {
    let Some(me) = sync.person() else {
        return;
    };
    let position = records.items(meeting).last().map_or(0, |i| i.position + 1);
    let item = BroughtItem::brought(new_record_id(), me, meeting, entry, wording, position);
    let _ = sync.edit(item_key(item.id), item.changes());
}

/// Rewrites my order after moving the item at `from` to `to`.
pub(super) fn reorder(sync: Sync, records: Records, meeting: MeetingId, from: usize, to: usize) {
    let mut items = records.items(meeting);
    if from >= items.len() || to >= items.len() {
        return;
    }
    let moved = items.remove(from);
    items.insert(to, moved);
    for (position, item) in items.iter().enumerate() {
        let position = position as i64;
        if item.position != position {
            let _ = sync.edit(item_key(item.id), BroughtItem::position_change(position));
        }
    }
}

fn set_withdrawn(sync: Sync, item: uuid::Uuid, withdrawn: bool) {
    let _ = sync.edit(item_key(item), BroughtItem::withdrawn_change(withdrawn));
}

/// How long "取り下げました — 元に戻す" stays after a withdrawal.
const UNDO_FOR_MS: i32 = 8000;

/// An item just withdrawn, offered back for a few seconds: a tap too many on a
/// phone should not lose an item the parent meant to bring.
#[derive(Clone, Copy)]
pub(super) struct Undo {
    last: RwSignal<Option<(uuid::Uuid, String)>>,
}

impl Undo {
    pub(super) fn new() -> Self {
        Self {
            last: RwSignal::new(None),
        }
    }

    pub(super) fn withdraw(self, sync: Sync, item: uuid::Uuid, wording: String) {
        set_withdrawn(sync, item, true);
        self.last.set(Some((item, wording)));
        let last = self.last;
        let hide = wasm_bindgen::closure::Closure::once_into_js(move || {
            if last.try_with_untracked(|l| l.as_ref().is_some_and(|(i, _)| *i == item))
                == Some(true)
            {
                last.set(None);
            }
        });
        if let Some(window) = web_sys::window() {
            use wasm_bindgen::JsCast;
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                hide.unchecked_ref(),
                UNDO_FOR_MS,
            );
        }
    }

    pub(super) fn view(self, sync: Sync) -> impl IntoView {
        let i18n = use_i18n();
        move || {
            self.last.get().map(|(item, wording)| {
                view! {
                    <div class="undo" role="status" data-testid="undo-withdraw">
                        <p>{i18n.t(Text::WithdrawnLead)}{wording}</p>
                        <button type="button" class="button" data-testid="undo-withdraw-button" on:click=move |_| {
                            set_withdrawn(sync, item, false);
                            self.last.set(None);
                        }>{i18n.t(Text::Undo)}</button>
                    </div>
                }
            })
        }
    }
}

/// What became of an item, in words: the goal as it stands in the plan it was
/// linked to, and which plan that is.
pub(crate) fn outcome_text(
    outcome: &ItemOutcome,
    plans: &[PlanSummary],
    lang: Lang,
    era: bool,
) -> String {
    let detail = match outcome {
        ItemOutcome::Answered { answer } => answer.clone(),
        ItemOutcome::SetAside { reason } => reason.clone(),
        ItemOutcome::BecameGoal { goal, plan } => linked_goal(plans, *goal, *plan)
            .map(|(plan, goal)| {
                let name = format!("{} {}", plan.period.label(lang, era), plan.kind.label(lang));
                messages::goal_in_plan(lang, &goal.text, &name)
            })
            .unwrap_or_default(),
        ItemOutcome::Carried => String::new(),
    };
    if detail.is_empty() {
        outcome.label(lang).to_owned()
    } else {
        format!("{}: {detail}", outcome.label(lang))
    }
}
