//! The meeting form: a `MeetingDraft` bound box by box, checked by the meeting's
//! rules before it is sent with the revision it started from.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    Child, FamilyId, Lang, Meeting, MeetingId, MeetingKind, MemberRole,
    api::{Revisioned, SaveDocument},
    forms::{MeetingDraft, MemberDraft},
    iso,
    meeting_record::MeetingStatus,
};

use super::{ChildSelect, LinesArea, SaveOrClose, bring_into_view, meetings::meeting_title, say};
use crate::{
    api,
    family::{now, today},
    i18n::{Text, use_i18n},
    sync::new_record_id,
};

/// One member row of the form: taking part or not, from which organisation, and
/// after the meeting their tasks (one per line).
#[derive(Clone, Copy)]
struct MemberRow {
    role: MemberRole,
    present: RwSignal<bool>,
    organisation: RwSignal<String>,
    tasks: RwSignal<String>,
}

#[component]
pub fn MeetingForm(
    family: FamilyId,
    children: Vec<Child>,
    initial: Option<Revisioned<Meeting>>,
    on_saved: Callback<MeetingId>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let revision = initial.as_ref().map(|m| m.revision.clone());
    let doc = initial.map(|m| m.doc);
    let title = doc.clone();
    let head = NodeRef::<leptos::html::H4>::new();
    Effect::new(move |_| {
        if let Some(h) = head.get() {
            bring_into_view(&h);
        }
    });
    let id = doc
        .as_ref()
        .map_or_else(|| MeetingId(new_record_id()), |m| m.id);
    let draft = doc.as_ref().map_or_else(
        || MeetingDraft::new(children.first().map(|c| c.id)),
        MeetingDraft::from,
    );
    let child = RwSignal::new(draft.child);
    let kind = RwSignal::new(draft.kind);
    let status = RwSignal::new(draft.status);
    let purpose = RwSignal::new(draft.purpose);
    let date = RwSignal::new(draft.date);
    let start = RwSignal::new(draft.start);
    let end = RwSignal::new(draft.end);
    let place = RwSignal::new(draft.place);
    let link = RwSignal::new(draft.online_link);
    let nth = RwSignal::new(draft.nth);
    let planned = RwSignal::new(draft.planned);
    let agenda = RwSignal::new(draft.agenda);
    let direction = RwSignal::new(draft.direction);
    let next_target = RwSignal::new(draft.next_target);
    let follow_ups = RwSignal::new(draft.follow_ups);
    let rows: Vec<MemberRow> = draft
        .members
        .into_iter()
        .map(|m| MemberRow {
            role: m.role,
            present: RwSignal::new(m.present),
            organisation: RwSignal::new(m.organisation),
            tasks: RwSignal::new(m.tasks),
        })
        .collect();
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let (build_rows, outcome_rows) = (rows.clone(), rows.clone());
    let build = move |lang: Lang| -> Result<Meeting, String> {
        let draft = MeetingDraft {
            child: child.get_untracked(),
            kind: kind.get_untracked(),
            status: status.get_untracked(),
            purpose: purpose.get_untracked(),
            date: date.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            place: place.get_untracked(),
            online_link: link.get_untracked(),
            nth: nth.get_untracked(),
            planned: planned.get_untracked(),
            agenda: agenda.get_untracked(),
            direction: direction.get_untracked(),
            next_target: next_target.get_untracked(),
            follow_ups: follow_ups.get_untracked(),
            members: build_rows
                .iter()
                .map(|r| MemberDraft {
                    role: r.role,
                    present: r.present.get_untracked(),
                    organisation: r.organisation.get_untracked(),
                    tasks: r.tasks.get_untracked(),
                })
                .collect(),
        };
        draft
            .build(id, family)
            .map_err(|p| p.explain(lang).to_owned())
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let lang = i18n.lang_untracked();
        let meeting = match build(lang) {
            Ok(m) => m,
            Err(message) => {
                problem.set(Some(message));
                return;
            }
        };
        pending.set(true);
        problem.set(None);
        let save = SaveDocument {
            doc: meeting,
            revision: revision.clone(),
        };
        spawn_local(async move {
            match api::save_meeting(&save).await {
                Ok(saved) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_saved.try_run(saved.doc.id);
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
            pending.set(false);
        });
    };

    let today = today();
    // Marking held a meeting that has not started: allowed (a coordinator may
    // correct the date afterwards), but said, with why its items wait.
    let held_early = move || {
        let starts = iso::parse_date_time(&format!("{}T{}", date.get(), start.get()))?;
        (status.get() == MeetingStatus::Held && starts > now()).then_some(starts)
    };
    view! {
        <form class="form staff-panel" data-testid="meeting-form" on:submit=submit>
            <h4 class="panel-title" tabindex="-1" node_ref=head data-testid="meeting-form-title">
                {move || match &title {
                    Some(m) => format!("{} {}", i18n.tr("変更・結果の記録:", "Change or record outcome:")(), meeting_title(m, i18n.lang())),
                    None => i18n.tr("新しい会議", "New meeting")().to_owned(),
                }}
            </h4>
            <div class="row">
                <ChildSelect children=children.clone() value=child/>
                <label class="field">
                    <span>{i18n.t(Text::Kind)}</span>
                    <select name="kind" on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) }
                    }>
                        {MeetingKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=kind.get_untracked() == k>{move || k.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.tr("状態", "Status")}</span>
                    <select name="status" on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse() { status.set(s) }
                    }>
                        {MeetingStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=status.get_untracked() == s>{move || s.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {move || held_early().map(|starts| view! {
                <p class="status status-warning" role="alert" data-testid="held-early">
                    {move || match i18n.lang() {
                        Lang::Ja => format!(
                            "この会議の開始は{}で、まだ先です。開催済みにできますが、保護者が持ってくることの結果は会議が始まってから記録できます。始まるまでは、保護者が項目を並べ替えたり取り下げたりできるからです。",
                            Lang::Ja.date_time(starts, today)
                        ),
                        Lang::En => format!(
                            "This meeting starts {}, still ahead. You can mark it held, but what became of the parents' items can be recorded only once it has started: until then the parents may still reorder or withdraw them.",
                            Lang::En.date_time(starts, today)
                        ),
                    }}
                </p>
            })}
            <LinesArea label=i18n.t(Text::Purpose) name="purpose" value=purpose rows=2/>
            <div class="row">
                <label class="field">
                    <span>{i18n.tr("日付", "Date")}</span>
                    <input type="date" name="date" min=iso::format_date(today - chrono::Duration::days(3650)) prop:value=date
                        on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("開始", "Starts")}</span>
                    <input type="time" name="start" prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("終了", "Ends")}</span>
                    <input type="time" name="end" prop:value=end on:input=move |ev| end.set(event_target_value(&ev))/>
                </label>
            </div>
            <div class="row">
                <label class="field">
                    <span>{i18n.t(Text::Place)}</span>
                    <input type="text" name="place" prop:value=place on:input=move |ev| place.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("オンラインのリンク(任意)", "Online link (optional)")}</span>
                    <input type="url" name="online-link" prop:value=link on:input=move |ev| link.set(event_target_value(&ev))/>
                </label>
            </div>
            <div class="row">
                <label class="field">
                    <span>{i18n.tr("第何回", "Number in series")}</span>
                    <input type="number" min="1" name="nth" prop:value=nth on:input=move |ev| nth.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("全何回予定", "Planned in series")}</span>
                    <input type="number" min="1" name="planned" prop:value=planned on:input=move |ev| planned.set(event_target_value(&ev))/>
                </label>
            </div>
            <fieldset>
                <legend>{i18n.tr("参加者(役割と所属)", "Members (role and organisation)")}</legend>
                <div class="member-grid">
                    {rows.iter().copied().map(|r| view! {
                        <label>
                            <input type="checkbox" data-role=r.role.as_str() prop:checked=r.present
                                on:change=move |ev| r.present.set(event_target_checked(&ev))/>
                            <span class="name">{move || r.role.label(i18n.lang())}</span>
                            <input type="text" aria-label=move || format!("{} {}", r.role.label(i18n.lang()), i18n.tr("の所属", " organisation")())
                                prop:value=r.organisation on:input=move |ev| r.organisation.set(event_target_value(&ev))/>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <LinesArea label=i18n.tr("議題(1行に1つ)", "Agenda (one item per line)") name="agenda" value=agenda rows=3/>
            {move || (status.get() == MeetingStatus::Held).then(|| view! {
                <fieldset data-testid="outcome-fields">
                    <legend>{i18n.tr("会議の結果", "Outcome")}</legend>
                    <LinesArea label=i18n.tr("支援の方向性", "Direction of support") name="direction" value=direction rows=3/>
                    {outcome_rows.iter().copied().filter(|r| r.present.get()).map(|r| view! {
                        <LinesArea label=move || format!("{}{}", r.role.label(i18n.lang()), i18n.tr("の役割(1行に1つ)", ": tasks (one per line)")())
                            name="tasks" value=r.tasks rows=2/>
                    }).collect_view()}
                    <label class="field">
                        <span>{i18n.tr("次回開催の目途", "Next meeting around")}</span>
                        <input type="date" name="next-target" prop:value=next_target on:input=move |ev| next_target.set(event_target_value(&ev))/>
                    </label>
                    <LinesArea label=i18n.tr("その後の確認(1行に1つ)", "Follow-ups (one per line)") name="follow-ups" value=follow_ups rows=2/>
                </fieldset>
            })}
            <SaveOrClose save="save-meeting" problem=problem pending=pending on_close=on_close/>
        </form>
    }
}
