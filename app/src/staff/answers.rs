//! Beside a meeting on the desk: what each of the family's parents answered
//! (coming, not coming, or wanting to talk about the date), their note and when.

use leptos::prelude::*;
use tsunagu_model::{
    FamilyId, MeetingId,
    endpoints::{ListMeetingAnswers, NoContent},
};

use super::say;
use crate::{
    api::call,
    family::today,
    i18n::{Text, use_i18n},
};

#[component]
pub fn MeetingAnswers(family: FamilyId, meeting: MeetingId) -> impl IntoView {
    let i18n = use_i18n();
    let answers = LocalResource::new(move || async move {
        let list = ListMeetingAnswers {
            family_id: family,
            record_id: meeting,
        };
        call(&list, &NoContent).await
    });
    view! {
        <section class="meeting-answers" aria-labelledby=format!("answers-{meeting}") data-testid="meeting-answers">
            <h5 class="panel-subtitle" id=format!("answers-{meeting}")>{i18n.tr("保護者の出欠", "The parents' answers")}</h5>
            {move || match answers.get() {
                None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{say(&error, i18n.lang())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty" data-testid="answers-none">{i18n.tr("まだ回答がありません。", "No answer yet.")}</p>
                }.into_any(),
                Some(Ok(list)) => {
                    let lang = i18n.lang();
                    view! {
                        <ul class="tasks" data-testid="answers-list">
                            {list.into_iter().map(|a| view! {
                                <li data-testid="answer" data-answer=a.answer.as_str()>
                                    <strong class="name">{a.display_name.clone()}</strong>
                                    ": "
                                    <span data-testid="answer-label">{a.answer.label(lang)}</span>
                                    {a.answered_at.map(|at| view! {
                                         " · "<time class="answered-at" data-testid="answered-at">{lang.date_time(at, today())}</time>
                                    })}
                                    {(!a.note.is_empty()).then(|| view! {
                                        <p class="answer-note" data-testid="answer-note">{a.note.clone()}</p>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
