//! On a meeting's page: the parent's answer (coming, not coming, or wanting to
//! talk about the date, with a short note), kept as a synced record so it is
//! given offline too; the other parent's answer beside it; and the meeting as a
//! file for the phone's calendar.

use leptos::prelude::*;
use tsunagu_model::{
    Meeting, MeetingId, TypedRecord,
    answer::{Attendance, MeetingAnswer, NOTE_MAX_CHARS},
    endpoints::{Endpoint, GetMeetingCalendar},
    sync::{RecordKey, RecordType},
};

use crate::{
    family::{now, today, use_records},
    i18n::{Text, messages, use_i18n},
    sync::{Sync, new_record_id, use_sync},
};

fn answer_key(id: uuid::Uuid) -> RecordKey {
    RecordKey {
        record_type: RecordType::MeetingAnswer,
        id,
    }
}

const CHOICES: [Attendance; 3] = [
    Attendance::Attending,
    Attendance::NotAttending,
    Attendance::DiscussDate,
];

/// Writes my answer: into my record for this meeting if I have one (one record
/// per parent per meeting), a new one otherwise. `false` when nobody's data is
/// open on this device.
fn give_answer(
    sync: Sync,
    mine: Option<MeetingAnswer>,
    meeting: MeetingId,
    answer: Attendance,
    note: &str,
) -> bool {
    let Some(me) = sync.person() else {
        return false;
    };
    let record = MeetingAnswer {
        id: mine.map_or_else(new_record_id, |m| m.id),
        owner: me,
        meeting,
        answer,
        note: MeetingAnswer::tidy_note(note),
        answered_at: Some(now()),
    };
    sync.edit(answer_key(record.id), record.changes()).is_ok()
}

/// The parent's answer to a coming meeting, changeable until it starts.
#[component]
pub fn MeetingAnswerPanel(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let records = use_records();
    let id = meeting.id;
    let fixed = meeting.items_fixed(now());
    let mine = Memo::new(move |_| records.my_answer(id));
    let others = Memo::new(move |_| {
        let me = sync.person();
        records
            .answers(id)
            .into_iter()
            .filter(|a| Some(a.owner) != me)
            .collect::<Vec<_>>()
    });
    let note = RwSignal::new(String::new());
    // The note as it stands, also when my answer arrives by sync (given on my
    // other device) after the page opened.
    let standing_note = Memo::new(move |_| mine.with(|m| m.as_ref().map(|m| m.note.clone())));
    Effect::new(move |_| note.set(standing_note.get().unwrap_or_default()));
    let failed = RwSignal::new(false);
    let answer = move |choice: Attendance| {
        let note = note.get_untracked();
        failed.set(!give_answer(sync, mine.get_untracked(), id, choice, &note));
    };
    // A memo: the button does not flicker with every keystroke.
    let note_changed = Memo::new(move |_| {
        mine.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.note != MeetingAnswer::tidy_note(&note.get()))
        })
    });
    view! {
        <section aria-labelledby="answer-heading" class="answer" data-testid="meeting-answer">
            <h2 id="answer-heading">{i18n.t(Text::AnswerHeading)}</h2>
            <p class="answer-mine" data-testid="my-answer">
                {move || {
                    let lang = i18n.lang();
                    match mine.get() {
                        Some(a) => messages::my_answer(lang, a.answer.label(lang), a.answered_at, today()),
                        None => i18n.t(Text::AnswerNotGiven)().to_owned(),
                    }
                }}
            </p>
            {move || {
                let lang = i18n.lang();
                others.get().into_iter().map(|a| view! {
                    <p class="answer-other" data-testid="other-answer">
                        {messages::other_parent_answer(lang, a.answer.label(lang), a.answered_at, today())}
                        {(!a.note.is_empty()).then(|| view! { <span class="answer-note">{a.note.clone()}</span> })}
                    </p>
                }).collect_view()
            }}
            {if fixed {
                view! {
                    {move || mine.get().filter(|a| !a.note.is_empty()).map(|a| view! {
                        <p class="answer-note" data-testid="my-answer-note">{a.note}</p>
                    })}
                    <p class="hint" data-testid="answer-fixed">{i18n.t(Text::AnswerFixed)}</p>
                }.into_any()
            } else {
                view! {
                    <p class="intro no-print">{i18n.t(Text::AnswerIntro)}</p>
                    <div class="answer-choices no-print" role="group" aria-labelledby="answer-heading">
                        {CHOICES.into_iter().map(|choice| view! {
                            <button type="button" class="button button-quiet answer-choice"
                                data-testid=format!("answer-{}", choice.as_str())
                                aria-pressed=move || mine.with(|m| m.as_ref().is_some_and(|m| m.answer == choice)).to_string()
                                on:click=move |_| answer(choice)>
                                {move || choice.label(i18n.lang())}
                            </button>
                        }).collect_view()}
                    </div>
                    <label class="field no-print">
                        <span>{i18n.t(Text::AnswerNote)}</span>
                        <small>{i18n.t(Text::AnswerNoteHint)}</small>
                        <textarea name=MeetingAnswer::NOTE rows="2" maxlength=NOTE_MAX_CHARS.to_string()
                            data-testid="answer-note" prop:value=note
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || note_changed.get().then(|| view! {
                        <button type="button" class="button no-print" data-testid="answer-save-note"
                            on:click=move |_| {
                                if let Some(m) = mine.get_untracked() {
                                    answer(m.answer);
                                }
                            }>
                            {i18n.t(Text::AnswerSaveNote)}
                        </button>
                    })}
                    {move || failed.get().then(|| view! {
                        <p class="form-problem" role="alert" data-testid="answer-problem">{i18n.t(Text::AnswerNotSaved)}</p>
                    })}
                }.into_any()
            }}
        </section>
    }
}

/// 「カレンダーに追加」: the meeting as one `.ics` file.
#[component]
pub fn AddToCalendar(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    // Only a meeting still to come is worth adding.
    (!meeting.items_fixed(now())).then(|| {
        let href = GetMeetingCalendar {
            family_id: meeting.family_id,
            record_id: meeting.id,
        }
        .path();
        let file = format!("tsunagu-{}.ics", meeting.starts_at.format("%Y%m%d-%H%M"));
        view! {
            <p class="no-print">
                <a href=href download=file rel="external" class="button button-quiet" data-testid="add-to-calendar">
                    {i18n.t(Text::AddToCalendar)}
                </a>
            </p>
        }
    })
}
