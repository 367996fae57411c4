//! The coordinator's meetings of one family: schedule, reschedule, cancel, add
//! members, and after the meeting record what was agreed. Every save sends the
//! whole meeting with the revision it started from; the server checks it with the
//! same model rules this form checks first.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    Child, FamilyId, Lang, Meeting, MeetingId, MeetingKind, MemberRole,
    api::{AgendaItem, Revisioned, SaveDocument},
    brought::ItemOutcome,
    forms::{MeetingDraft, MemberDraft},
    iso,
    meeting_record::MeetingStatus,
    plan::{GoalId, PlanId, PlanSummary, goal_choices},
};

/// A plan's name and the goals a brought item can become, in the goal picker.
/// A plan's name and its goals, each as (the picker's value, its wording).
type GoalGroup = (String, Vec<(String, String)>);

use super::{ChildSelect, LinesArea, Notice, bring_into_view, say};
use crate::{
    api,
    family::{now, today},
    i18n::{Text, use_i18n},
    sync::new_record_id,
};

/// What the meeting form is doing: closed, a new meeting, or one being changed.
#[derive(Clone)]
enum Editing {
    Closed,
    New,
    Existing(Box<Revisioned<Meeting>>),
}

/// How a meeting is named on the desk: "12月10日(木) 15:00 ケース会議 第3回(全5回予定) · 目的".
fn meeting_title(m: &Meeting, lang: Lang) -> String {
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
                                            {i18n.tr("保護者が持ってくること", "What the parents bring")}
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
fn MeetingForm(
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
            <p class="form-problem" role="alert" data-testid="form-problem">{move || problem.get()}</p>
            <div class="row">
                <button type="submit" class="button" data-testid="save-meeting" disabled=pending>
                    {i18n.tr("保存する", "Save")}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| on_close.run(())>
                    {i18n.tr("閉じる", "Close")}
                </button>
            </div>
        </form>
    }
}

/// The items the family's parents brought to one meeting, in their order and
/// their words, and what became of each (recorded once the meeting started).
#[component]
fn AgendaPanel(
    family: FamilyId,
    meeting: Meeting,
    just_opened: RwSignal<bool>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = meeting.id;
    let items = LocalResource::new(move || api::meeting_items(family, id));
    let plans = LocalResource::new(move || api::family_plans(family));
    let head = NodeRef::<leptos::html::H4>::new();
    Effect::new(move |_| {
        if let Some(h) = head.get()
            && just_opened.get_untracked()
        {
            just_opened.set(false);
            bring_into_view(&h);
        }
    });
    let started = meeting.outcomes_recordable(now());
    view! {
        <section class="staff-panel" data-testid="agenda-panel">
            <h4 class="panel-title" tabindex="-1" node_ref=head data-testid="agenda-title">
                {move || format!("{} {}", i18n.tr("保護者が持ってくること:", "What the parents bring:")(), meeting_title(&meeting, i18n.lang()))}
            </h4>
            {(!started).then(|| view! {
                <p class="hint" data-testid="results-wait">{i18n.tr(
                    "結果は会議が始まってから記録できます。それまでは、保護者が項目を並べ替えたり取り下げたりできるためです。",
                    "What became of each item can be recorded once the meeting has started: until then the parents may still reorder or withdraw their items.",
                )}</p>
            })}
            {move || match items.get() {
                None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="status status-problem">{say(&error, i18n.lang())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty">{i18n.tr("まだありません。", "Nothing yet.")}</p>
                }.into_any(),
                Some(Ok(list)) => {
                    // Each goal as it stands in each plan, under that plan's name: a
                    // goal keeps its id across plans while its wording changes, so
                    // the choice names the plan too.
                    let lang = i18n.lang();
                    let plans: Vec<PlanSummary> = plans
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|p| p.doc)
                        .collect();
                    let goals: Vec<GoalGroup> = goal_choices(&plans)
                        .into_iter()
                        .map(|(plan, goals)| {
                            let mut title = plan.title(lang, false);
                            if !plan.published {
                                title = lang.aside(&title, if lang == Lang::Ja { "下書き" } else { "draft" });
                            }
                            (title, goals.into_iter().map(|g| (goal_choice(plan.id, g.id), g.text.clone())).collect())
                        })
                        .collect();
                    view! {
                        <ol class="agenda" data-testid="agenda-items">
                            {list.into_iter().map(|item| view! {
                                <ItemRow family=family item=item goals=goals.clone() started=started on_saved=Callback::new(move |()| items.refetch())/>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            <button type="button" class="button button-quiet" on:click=move |_| on_close.run(())>
                {i18n.tr("閉じる", "Close")}
            </button>
        </section>
    }
}

/// A goal of one plan, as the picker's value.
fn goal_choice(plan: PlanId, goal: GoalId) -> String {
    format!("{plan}/{goal}")
}

fn parse_goal_choice(value: &str) -> Option<(PlanId, GoalId)> {
    let (plan, goal) = value.split_once('/')?;
    Some((plan.parse().ok()?, goal.parse().ok()?))
}

#[component]
fn ItemRow(
    family: FamilyId,
    item: AgendaItem,
    goals: Vec<GoalGroup>,
    started: bool,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, text, goal) = match &item.outcome {
        Some(ItemOutcome::Answered { answer }) => ("answered", answer.clone(), String::new()),
        Some(ItemOutcome::BecameGoal { goal, plan }) => (
            "became_goal",
            String::new(),
            plan.map(|p| goal_choice(p, *goal)).unwrap_or_default(),
        ),
        Some(ItemOutcome::Carried) => ("carried", String::new(), String::new()),
        Some(ItemOutcome::SetAside { reason }) => ("set_aside", reason.clone(), String::new()),
        None => ("answered", String::new(), String::new()),
    };
    let kind = RwSignal::new(kind.to_owned());
    let text = RwSignal::new(text);
    let goal = RwSignal::new(goal);
    let problem = RwSignal::new(None::<String>);
    let id = item.id;
    let recorded = item.outcome.clone();
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let words = text.get_untracked().trim().to_owned();
        let outcome = match kind.get_untracked().as_str() {
            "became_goal" => match parse_goal_choice(&goal.get_untracked()) {
                Some((plan, goal)) => ItemOutcome::BecameGoal {
                    goal,
                    plan: Some(plan),
                },
                None => {
                    problem.set(Some(
                        i18n.tr("目標を選んでください。", "Please choose the goal.")().to_owned(),
                    ));
                    return;
                }
            },
            "carried" => ItemOutcome::Carried,
            "set_aside" => ItemOutcome::SetAside { reason: words },
            _ => ItemOutcome::Answered { answer: words },
        };
        if let Err(p) = outcome.check() {
            problem.set(Some(p.explain(lang).to_owned()));
            return;
        }
        spawn_local(async move {
            match api::record_item_outcome(family, id, &outcome).await {
                Ok(_) => {
                    problem.set(None);
                    let _ = on_saved.try_run(());
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
        });
    };
    view! {
        <li data-testid="agenda-item">
            <p><strong class="agenda-wording">{item.wording.clone()}</strong>" ("{item.brought_by.clone()}")"</p>
            {recorded.map(|o| view! { <p class="badge" data-testid="item-outcome">{move || o.label(i18n.lang())}</p> })}
            <form class="row" data-testid="outcome-form" on:submit=save>
                <label class="field">
                    <span>{i18n.tr("どうなったか", "What became of it")}</span>
                    <select name="outcome" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {[("answered", "回答した", "Answered"), ("became_goal", "計画の目標にした", "Became a plan goal"),
                          ("carried", "次回に持ち越す", "Carried to next meeting"), ("set_aside", "見送る", "Set aside")]
                            .into_iter().map(|(value, ja, en)| view! {
                                <option value=value selected=kind.get_untracked() == value>{i18n.tr(ja, en)}</option>
                            }).collect_view()}
                    </select>
                </label>
                {move || match kind.get().as_str() {
                    "answered" | "set_aside" => view! {
                        <label class="field">
                            <span>{move || if kind.get() == "answered" { i18n.tr("回答", "Answer")() } else { i18n.tr("理由", "Reason")() }}</span>
                            <textarea name="outcome-text" rows="2" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        </label>
                    }.into_any(),
                    "became_goal" => view! {
                        <label class="field">
                            <span>{i18n.tr("目標", "Goal")}</span>
                            <select name="goal" on:change=move |ev| goal.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                // Each plan's goals under its name, as they stand in it.
                                {goals.iter().map(|(plan, list)| view! {
                                    <optgroup label=plan.clone()>
                                        {list.iter().map(|(value, g)| {
                                            let value = value.clone();
                                            let selected = goal.get_untracked() == value;
                                            view! { <option value=value selected=selected>{g.clone()}</option> }
                                        }).collect_view()}
                                    </optgroup>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                <button type="submit" class="button" data-testid="save-outcome" disabled=!started>{i18n.tr("記録する", "Record")}</button>
            </form>
            <p class="form-problem" role="alert">{move || problem.get()}</p>
        </li>
    }
}
