//! Bringing notebook entries to meetings, on the parent's device: from an entry
//! ("bring to a meeting", in words chosen for the team), on a meeting's page (the
//! preparation: my items in my order, withdraw until it starts, what is still
//! open from before), and back on the entry (what became of it).

use crate::i18n::messages;
use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{
    Lang, Meeting, MeetingId, TypedRecord,
    brought::{BroughtItem, ItemOutcome, linked_goal},
    meeting::upcoming,
    plan::PlanSummary,
    sync::{RecordKey, RecordType},
};

use crate::{
    family::{Records, now, today, use_records},
    i18n::{Text, use_i18n},
    sync::{Sync, new_record_id, use_sync},
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
fn reorder(sync: Sync, records: Records, meeting: MeetingId, from: usize, to: usize) {
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
struct Undo {
    last: RwSignal<Option<(uuid::Uuid, String)>>,
}

impl Undo {
    fn new() -> Self {
        Self {
            last: RwSignal::new(None),
        }
    }

    fn withdraw(self, sync: Sync, item: uuid::Uuid, wording: String) {
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

    fn view(self, sync: Sync) -> impl IntoView {
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

/// Why some words cannot be brought as they are, said next to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordingProblem {
    NoMeeting,
    Empty,
    /// By this many characters.
    TooLong(usize),
}

impl WordingProblem {
    fn of(words: &str) -> Option<Self> {
        let max = RecordType::BroughtItem
            .max_chars(BroughtItem::WORDING)
            .unwrap_or(4000);
        let count = words.chars().count();
        if words.trim().is_empty() {
            Some(Self::Empty)
        } else if count > max {
            Some(Self::TooLong(count - max))
        } else {
            None
        }
    }

    fn explain(self, lang: Lang) -> String {
        let max = RecordType::BroughtItem
            .max_chars(BroughtItem::WORDING)
            .unwrap_or(4000);
        match (self, lang) {
            (Self::NoMeeting, Lang::Ja) => "持っていく会議を選んでください。".to_owned(),
            (Self::NoMeeting, Lang::En) => "Choose the meeting to bring it to.".to_owned(),
            (Self::Empty, Lang::Ja) => {
                "チームに見せる言葉を書いてください(空白だけでは持っていけません)。".to_owned()
            }
            (Self::Empty, Lang::En) => {
                "Write the words the team will see (spaces alone cannot be brought).".to_owned()
            }
            (Self::TooLong(over), Lang::Ja) => {
                format!("{max}字までです。あと{over}字短くしてください。")
            }
            (Self::TooLong(over), Lang::En) => {
                format!("At most {max} characters: {over} too many.")
            }
        }
    }
}

/// On an entry: where it was brought and what became of it, and bringing it to
/// one of the coming meetings in words chosen for the team.
#[component]
pub fn EntryMeetings(entry: uuid::Uuid, text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let meetings = move || records.meetings().get();
    let chosen = RwSignal::new(String::new());
    let wording = RwSignal::new(String::new());
    let open_form = RwSignal::new(false);
    let problem = RwSignal::new(None::<WordingProblem>);
    let undo = Undo::new();
    let start = move |_| {
        wording.set(text.get_untracked());
        if let Some(m) = meetings().iter().find(|m| !m.items_fixed(now())) {
            chosen.set(m.id.to_string());
        }
        open_form.set(true);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = wording.get_untracked().trim().to_owned();
        let Ok(meeting) = chosen.get_untracked().parse::<MeetingId>() else {
            problem.set(Some(WordingProblem::NoMeeting));
            return;
        };
        match WordingProblem::of(&words) {
            Some(found) => problem.set(Some(found)),
            None => {
                problem.set(None);
                bring(sync, records, meeting, entry, words);
                open_form.set(false);
            }
        }
    };
    view! {
        <section class="entry-meetings" data-testid="entry-meetings">
            <h2>{i18n.t(Text::BringToMeetingHeading)}</h2>
            {move || {
                let all = meetings();
                let plans = records.plans().get();
                // Only my own items: another parent's item naming this entry is not about it.
                let mut items: Vec<BroughtItem> = records.my_items().into_iter().filter(|i| i.entry == Some(entry)).collect();
                items.sort_by_key(|i| all.iter().find(|m| m.id == i.meeting).map(|m| m.starts_at));
                items.into_iter().map(|item| {
                    let meeting = all.iter().find(|m| m.id == item.meeting).cloned();
                    let fixed = meeting.as_ref().is_none_or(|m| m.items_fixed(now()));
                    let when = meeting.as_ref().map(|m| (m.starts_at, m.kind));
                    let lang = i18n.lang();
                    let status = match (&item.outcome, item.withdrawn, fixed) {
                        (_, true, _) => i18n.t(Text::ItemWithdrawn)().to_owned(),
                        (Some(outcome), _, _) => outcome_text(outcome, &plans, lang, i18n.era()),
                        (None, _, false) => i18n.t(Text::ToBeBrought)().to_owned(),
                        (None, _, true) => i18n.t(Text::NoOutcomeShort)().to_owned(),
                    };
                    let id = item.id;
                    view! {
                        <div class="brought" data-testid="brought-item" data-withdrawn=item.withdrawn.to_string()>
                            <p class="brought-when">
                                {when.map(|(at, kind)| format!("{} {}", lang.date_time(at, today()), kind.label(lang)))}
                            </p>
                            <p class="brought-wording">{item.wording.clone()}</p>
                            <p class="brought-status" data-testid="brought-status">{status}</p>
                            {(!fixed && !item.withdrawn).then(|| {
                                let wording = item.wording.clone();
                                view! {
                                    <button type="button" class="button button-quiet" data-testid="withdraw-item"
                                        on:click=move |_| undo.withdraw(sync, id, wording.clone())>
                                        {i18n.t(Text::WithdrawItem)}
                                    </button>
                                }
                            })}
                        </div>
                    }
                }).collect_view()
            }}
            {undo.view(sync)}
            {move || if open_form.get() {
                // Read inside the select only: a meeting arriving by sync updates the
                // choices without rebuilding the form the parent is typing in.
                let coming = move || -> Vec<Meeting> { upcoming(&meetings(), now()).into_iter().filter(|m| !m.items_fixed(now())).cloned().collect() };
                view! {
                    <form class="form" data-testid="bring-form" on:submit=submit>
                        <label class="field">
                            <span>{i18n.t(Text::ToWhichMeeting)}</span>
                            <select name=BroughtItem::MEETING on:change=move |ev| chosen.set(event_target_value(&ev))>
                                {move || coming().into_iter().map(|m| {
                                    let value = m.id.to_string();
                                    let selected = chosen.get_untracked() == value;
                                    let label = format!("{} {}", i18n.lang().date_time(m.starts_at, today()), m.kind.label(i18n.lang()));
                                    view! { <option value=value selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span>{i18n.t(Text::WordingForTeam)}</span>
                            <small>{i18n.t(Text::WordingForTeamHint)}</small>
                            <textarea name=BroughtItem::WORDING rows="4" prop:value=wording aria-describedby="wording-problem"
                                on:input=move |ev| {
                                    let words = event_target_value(&ev);
                                    // Said while typing only when it runs over; an empty
                                    // wording is said when they try to bring it.
                                    if matches!(WordingProblem::of(&words), Some(WordingProblem::TooLong(_))) || problem.get_untracked().is_some() {
                                        problem.set(WordingProblem::of(&words));
                                    }
                                    wording.set(words);
                                }></textarea>
                            {move || problem.get().map(|p| view! {
                                <p class="field-problem" id="wording-problem" role="alert" data-testid="wording-problem">{p.explain(i18n.lang())}</p>
                            })}
                        </label>
                        <button type="submit" class="button" data-testid="bring-submit">
                            {i18n.t(Text::BringInTheseWords)}
                        </button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-quiet" data-testid="bring-to-meeting" on:click=start>
                        {i18n.t(Text::BringToMeetingOpen)}
                    </button>
                }.into_any()
            }}
        </section>
    }
}

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
