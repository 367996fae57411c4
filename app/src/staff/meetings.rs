//! The coordinator's meetings of one family: schedule, reschedule, cancel, add
//! members, and after the meeting record what was agreed. Every save sends the
//! whole meeting with the revision it started from; the server checks it with the
//! same model rules this form checks first.

use leptos::{prelude::*, task::spawn_local};
use tsunagu_model::{
    Child, FamilyId, Lang, Meeting, MeetingId,
    api::{Revisioned, SaveDocument},
    meeting_record::MeetingStatus,
};

use super::{Notice, agenda::AgendaPanel, meeting_form::MeetingForm, say};
use crate::{
    api,
    family::today,
    i18n::{Text, use_i18n},
};

/// What the meeting form is doing: closed, a new meeting, or one being changed.
#[derive(Clone)]
enum Editing {
    Closed,
    New,
    Existing(Box<Revisioned<Meeting>>),
}

/// How a meeting is named on the desk: "12月10日(木) 15:00 ケース会議 第3回(全5回予定) · 目的".
pub(super) fn meeting_title(m: &Meeting, lang: Lang) -> String {
    let series = m
        .series
        .map(|s| format!(" {}", s.label(lang)))
        .unwrap_or_default();
    format!(
        "{} {}{series} · {}",
        lang.date_time(m.starts_at, today()),
        m.kind.label(lang),
        m.purpose
    )
}

#[component]
pub fn MeetingsDesk(family: FamilyId, children: Vec<Child>) -> impl IntoView {
    let i18n = use_i18n();
    let meetings = LocalResource::new(move || api::family_meetings(family));
    let editing = RwSignal::new(Editing::Closed);
    // Under its meeting's row: the brought items, the form, the last save's notice.
    let items_of = RwSignal::new(None::<MeetingId>);
    // Set when the coordinator opens the items, so the panel takes the eye then
    // and not each time the list reloads.
    let items_just_opened = RwSignal::new(false);
    let saved_notice = RwSignal::new(None::<MeetingId>);
    let problem = RwSignal::new(None::<String>);
    let saved = Callback::new(move |id: MeetingId| {
        editing.set(Editing::Closed);
        saved_notice.set(Some(id));
        meetings.refetch();
    });
    let close = Callback::new(move |()| editing.set(Editing::Closed));
    let cancel_meeting = move |m: Revisioned<Meeting>| {
        let mut doc = m.doc;
        let id = doc.id;
        doc.status = MeetingStatus::Cancelled;
        let save = SaveDocument {
            doc,
            revision: Some(m.revision),
        };
        spawn_local(async move {
            match api::save_meeting(&save).await {
                Ok(_) => {
                    problem.set(None);
                    saved_notice.set(Some(id));
                }
                Err(error) => problem.set(Some(say(&error, i18n.lang_untracked()))),
            }
            meetings.refetch();
        });
    };
    let children_for_form = children.clone();
    let children_for_rows = children.clone();
    view! {
        <h3>{i18n.tr("会議", "Meetings")}</h3>
        <p class="form-problem" role="alert">{move || problem.get()}</p>
        {move || match meetings.get() {
            None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="status status-problem">{say(&error, i18n.lang())}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="empty">{i18n.tr("まだ会議はありません。", "No meetings yet.")}</p>
            }.into_any(),
            Some(Ok(list)) => {
                let children = children_for_rows.clone();
                view! {
                <table class="staff-table">
                    <tbody>
                        {list.into_iter().map(|m| {
                            let lang = i18n.lang();
                            let doc = &m.doc;
                            let when = lang.meeting_time(doc.starts_at, doc.ends_at);
                            let status = doc.status;
                            let label = format!(
                                "{} {}",
                                doc.kind.label(lang),
                                doc.series.map(|s| s.label(lang)).unwrap_or_default()
                            );
                            let purpose = doc.purpose.clone();
                            let (to_edit, to_cancel) = (m.clone(), m.clone());
                            let meeting_id = m.doc.id;
                            let (for_items, for_notice, for_form) = (m.doc.clone(), m.doc.clone(), m.clone());
                            let children = children.clone();
                            let editing_here = move || {
                                matches!(editing.get(), Editing::Existing(e) if e.doc.id == meeting_id)
                            };
                            view! {
                                <tr data-testid="staff-meeting" data-status=status.as_str() data-meeting=meeting_id.to_string()>
                                    <td>{when}</td>
                                    <td>{label}<br/>{purpose}</td>
                                    <td>{status.label(lang)}</td>
                                    <td>
                                        <button type="button" class="button button-quiet" data-testid="edit-meeting"
                                            aria-expanded=move || editing_here().to_string()
                                            on:click=move |_| {
                                                saved_notice.set(None);
                                                editing.set(Editing::Existing(Box::new(to_edit.clone())));
                                            }>
                                            {i18n.tr("変更・結果の記録", "Change or record outcome")}
                                        </button>
                                        <button type="button" class="button button-quiet" data-testid="show-items"
                                            aria-expanded=move || (items_of.get() == Some(meeting_id)).to_string()
                                            on:click=move |_| {
                                                items_just_opened.set(true);
                                                items_of.set(Some(meeting_id));
                                            }>
                                            {i18n.tr("出欠と持ってくること", "Answers and what they bring")}
                                        </button>
                                        {(status == MeetingStatus::Scheduled).then(|| view! {
                                            <button type="button" class="button button-quiet" data-testid="cancel-meeting"
                                                on:click=move |_| cancel_meeting(to_cancel.clone())>
                                                {i18n.tr("中止にする", "Cancel meeting")}
                                            </button>
                                        })}
                                    </td>
                                </tr>
                                // Each panel opens right under its meeting, where the coordinator is.
                                {move || (saved_notice.get() == Some(meeting_id)).then(|| {
                                    let saved = for_notice.clone();
                                    view! {
                                        <tr class="staff-row-panel"><td colspan="4">
                                            <Notice text=Signal::derive(move || format!(
                                                "{} {}",
                                                i18n.tr("保存しました:", "Saved:")(),
                                                meeting_title(&saved, i18n.lang())
                                            ))/>
                                        </td></tr>
                                    }
                                })}
                                {move || (items_of.get() == Some(meeting_id)).then(|| view! {
                                    <tr class="staff-row-panel"><td colspan="4">
                                        <AgendaPanel family=family meeting=for_items.clone() just_opened=items_just_opened
                                            on_close=Callback::new(move |()| items_of.set(None))/>
                                    </td></tr>
                                })}
                                {move || editing_here().then(|| view! {
                                    <tr class="staff-row-panel"><td colspan="4">
                                        <MeetingForm family=family children=children.clone() initial=Some(for_form.clone())
                                            on_saved=saved on_close=close/>
                                    </td></tr>
                                })}
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
            }
        }}
        {move || match editing.get() {
            Editing::New => view! {
                <MeetingForm family=family children=children_for_form.clone() initial=None
                    on_saved=saved on_close=close/>
            }.into_any(),
            _ => view! {
                <button type="button" class="button" data-testid="new-meeting" on:click=move |_| editing.set(Editing::New)>
                    {i18n.tr("会議を登録する", "Schedule a meeting")}
                </button>
            }.into_any(),
        }}
    }
}
