//! On an entry: where it was brought and what became of it, and bringing it to
//! one of the coming meetings in words chosen for the team.

use leptos::prelude::*;
use tsunagu_model::{
    Lang, Meeting, MeetingId, brought::BroughtItem, meeting::upcoming, sync::RecordType,
};

use super::{Undo, bring, outcome_text};
use crate::{
    family::{now, today, use_records},
    i18n::{Text, use_i18n},
    sync::use_sync,
};

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
