//! The coordinator's plan summaries of one family: draft, publish (only then do
//! the parents' devices receive it), and start the next plan from the previous
//! one with its open goals carried over under the same ids.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    Child, FamilyId, SchoolYear, Term,
    api::{Revisioned, SaveDocument},
    forms::{GoalDraft, PlanDraft},
    plan::{GoalId, GoalStatus, PlanId, PlanKind, PlanPeriod, PlanSummary},
};

use super::{ChildSelect, LinesArea, Notice, SaveOrClose, say};
use crate::{
    api,
    family::today,
    i18n::{Text, use_i18n},
    sync::new_record_id,
};

#[derive(Clone)]
enum Editing {
    Closed,
    /// A plan not saved yet (new, or started from another), or a saved one.
    Draft(Box<PlanSummary>, Option<String>),
}

/// The period after `period` for a plan of `kind`.
fn next_period(kind: PlanKind, period: PlanPeriod) -> PlanPeriod {
    match (kind, period.term) {
        (PlanKind::TeachingPlan, Some(Term::First)) => PlanPeriod {
            year: period.year,
            term: Some(Term::Second),
        },
        (PlanKind::TeachingPlan, _) => PlanPeriod {
            year: period.year.next(),
            term: Some(Term::First),
        },
        (PlanKind::SupportPlan, _) => PlanPeriod {
            year: period.year.next(),
            term: None,
        },
    }
}

fn empty_plan(child: Option<&Child>) -> Option<PlanSummary> {
    let (year, _) = SchoolYear::term_of(today());
    Some(PlanSummary::draft(
        PlanId(new_record_id()),
        child?.id,
        PlanKind::SupportPlan,
        PlanPeriod { year, term: None },
    ))
}

#[component]
pub fn PlansDesk(family: FamilyId, children: Vec<Child>) -> impl IntoView {
    let i18n = use_i18n();
    let plans = LocalResource::new(move || api::family_plans(family));
    let editing = RwSignal::new(Editing::Closed);
    let problem = RwSignal::new(None::<String>);
    let just_saved = RwSignal::new(None::<PlanSummary>);
    let saved = Callback::new(move |plan: PlanSummary| {
        editing.set(Editing::Closed);
        just_saved.set(Some(plan));
        plans.refetch();
    });
    let first_child = children.first().cloned();
    let names = children.clone();
    let start_next = move |p: &Revisioned<PlanSummary>| {
        let open: Vec<GoalId> = p
            .doc
            .goals
            .iter()
            .filter(|g| !g.status.ends_thread())
            .map(|g| g.id)
            .collect();
        match p.doc.start_next(
            PlanId(new_record_id()),
            next_period(p.doc.kind, p.doc.period),
            &open,
        ) {
            Ok(next) => editing.set(Editing::Draft(Box::new(next), None)),
            Err(e) => problem.set(Some(e.explain(i18n.lang_untracked()).to_owned())),
        }
    };
    view! {
        <h3>{i18n.tr("計画の要点", "Plan summaries")}</h3>
        <p class="form-problem" role="alert">{move || problem.get()}</p>
        {move || just_saved.get().map(|plan| view! {
            <Notice text=Signal::derive(move || format!(
                "{} {}",
                i18n.tr("保存しました:", "Saved:")(),
                plan.title(i18n.lang(), i18n.era())
            ))/>
        })}
        {move || match plans.get() {
            None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="status status-problem">{say(&error, i18n.lang())}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="empty">{i18n.tr("まだ計画はありません。", "No plans yet.")}</p>
            }.into_any(),
            Some(Ok(list)) => view! {
                <table class="staff-table">
                    <tbody>
                        {list.into_iter().map(|p| {
                            let lang = i18n.lang();
                            let child = names.iter().find(|c| c.id == p.doc.child).map(|c| c.given_name.clone()).unwrap_or_default();
                            let published = p.doc.published;
                            let (to_edit, to_continue) = (p.clone(), p.clone());
                            view! {
                                <tr data-testid="staff-plan" data-published=published.to_string()>
                                    <td>{child}</td>
                                    <td>{p.doc.kind.label(lang)}<br/>{p.doc.period.label(lang, i18n.era())}</td>
                                    <td>{if published { i18n.tr("公開済み", "Published")() } else { i18n.tr("下書き", "Draft")() }}</td>
                                    <td>
                                        <button type="button" class="button button-quiet" data-testid="edit-plan"
                                            on:click=move |_| editing.set(Editing::Draft(Box::new(to_edit.doc.clone()), Some(to_edit.revision.clone())))>
                                            {i18n.tr("編集", "Edit")}
                                        </button>
                                        <button type="button" class="button button-quiet" data-testid="start-next-plan"
                                            on:click=move |_| start_next(&to_continue)>
                                            {i18n.tr("次の計画を作る", "Start the next plan")}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
        {move || match editing.get() {
            Editing::Closed => {
                let first_child = first_child.clone();
                view! {
                    <button type="button" class="button" data-testid="new-plan"
                        on:click=move |_| if let Some(plan) = empty_plan(first_child.as_ref()) {
                            editing.set(Editing::Draft(Box::new(plan), None));
                        }>
                        {i18n.tr("計画の要点を作る", "Draft a plan summary")}
                    </button>
                }.into_any()
            }
            Editing::Draft(plan, revision) => view! {
                <PlanForm family=family children=children.clone() plan=*plan revision=revision
                    on_saved=saved on_close=Callback::new(move |()| editing.set(Editing::Closed))/>
            }.into_any(),
        }}
    }
}

#[derive(Clone, Copy)]
struct GoalRow {
    id: GoalId,
    text: RwSignal<String>,
    status: RwSignal<GoalStatus>,
}

#[component]
fn PlanForm(
    family: FamilyId,
    children: Vec<Child>,
    plan: PlanSummary,
    revision: Option<String>,
    on_saved: Callback<PlanSummary>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let was_published = plan.published;
    let id = plan.id;
    let draft = PlanDraft::from(&plan);
    let child = RwSignal::new(draft.child);
    let kind = RwSignal::new(draft.kind);
    let year = RwSignal::new(draft.year);
    let term = RwSignal::new(draft.term);
    let published = RwSignal::new(draft.published);
    let strengths = RwSignal::new(draft.strengths_and_needs);
    let parent_wishes = RwSignal::new(draft.parent_wishes);
    let child_wishes = RwSignal::new(draft.child_wishes);
    let supports = RwSignal::new(draft.supports);
    let agencies = RwSignal::new(draft.agencies);
    let evaluation = RwSignal::new(draft.evaluation);
    let goals = RwSignal::new(
        draft
            .goals
            .into_iter()
            .map(|g| GoalRow {
                id: g.id,
                text: RwSignal::new(g.text),
                status: RwSignal::new(g.status),
            })
            .collect::<Vec<_>>(),
    );
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let build = move || -> Result<PlanSummary, String> {
        let draft = PlanDraft {
            child: child.get_untracked(),
            kind: kind.get_untracked(),
            year: year.get_untracked(),
            term: term.get_untracked(),
            published: published.get_untracked(),
            strengths_and_needs: strengths.get_untracked(),
            parent_wishes: parent_wishes.get_untracked(),
            child_wishes: child_wishes.get_untracked(),
            supports: supports.get_untracked(),
            agencies: agencies.get_untracked(),
            evaluation: evaluation.get_untracked(),
            goals: goals
                .get_untracked()
                .iter()
                .map(|g| GoalDraft {
                    id: g.id,
                    text: g.text.get_untracked(),
                    status: g.status.get_untracked(),
                })
                .collect(),
        };
        draft
            .build(id)
            .map_err(|p| p.explain(i18n.lang_untracked()).to_owned())
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let plan = match build() {
            Ok(plan) => plan,
            Err(message) => {
                problem.set(Some(message));
                return;
            }
        };
        pending.set(true);
        problem.set(None);
        let save = SaveDocument {
            doc: plan,
            revision: revision.clone(),
        };
        let lang = i18n.lang_untracked();
        spawn_local(async move {
            match api::save_plan(family, &save).await {
                Ok(saved) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_saved.try_run(saved.doc);
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
            pending.set(false);
        });
    };

    let add_goal = move |_| {
        goals.update(|g| {
            g.push(GoalRow {
                id: GoalId(new_record_id()),
                text: RwSignal::new(String::new()),
                status: RwSignal::new(GoalStatus::New),
            })
        })
    };

    view! {
        <form class="form staff-panel" data-testid="plan-form" on:submit=submit>
            <div class="row">
                <ChildSelect children=children.clone() value=child/>
                <label class="field">
                    <span>{i18n.tr("計画", "Plan")}</span>
                    <select name="kind" on:change=move |ev| {
                        let chosen: Option<PlanKind> = event_target_value(&ev).parse().ok();
                        if let Some(k) = chosen {
                            kind.set(k);
                            term.set(match k {
                                PlanKind::SupportPlan => None,
                                PlanKind::TeachingPlan => Some(term.get_untracked().unwrap_or(Term::First)),
                            });
                        }
                    }>
                        {PlanKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=kind.get_untracked() == k>{move || k.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.tr("年度(西暦の開始年)", "School year (starting year)")}</span>
                    <input type="number" name="year" prop:value=year on:input=move |ev| year.set(event_target_value(&ev))/>
                </label>
                {move || (kind.get() == PlanKind::TeachingPlan).then(|| view! {
                    <label class="field">
                        <span>{i18n.tr("期", "Term")}</span>
                        <select name="term" on:change=move |ev| term.set(match event_target_value(&ev).as_str() {
                            "second" => Some(Term::Second),
                            _ => Some(Term::First),
                        })>
                            <option value="first" selected=term.get_untracked() == Some(Term::First)>{move || Term::First.label(i18n.lang())}</option>
                            <option value="second" selected=term.get_untracked() == Some(Term::Second)>{move || Term::Second.label(i18n.lang())}</option>
                        </select>
                    </label>
                })}
            </div>
            <LinesArea label=i18n.tr("本人の様子(得意なこと・苦手なこと)", "Strengths and needs") name="strengths" value=strengths rows=3/>
            <LinesArea label=i18n.tr("保護者の願い", "Parent's wishes") name="parent-wishes" value=parent_wishes rows=2/>
            <LinesArea label=i18n.tr("本人の願い", "Child's wishes") name="child-wishes" value=child_wishes rows=2/>
            <fieldset>
                <legend>{i18n.tr("目標", "Goals")}</legend>
                {move || goals.get().into_iter().map(|g| view! {
                    <div class="row" data-testid="goal-row">
                        <label class="field">
                            <span>{i18n.tr("目標", "Goal")}</span>
                            <input type="text" name="goal" prop:value=g.text on:input=move |ev| g.text.set(event_target_value(&ev))/>
                        </label>
                        <label class="field">
                            <span>{i18n.tr("この計画で", "In this plan")}</span>
                            <select name="goal-status" on:change=move |ev| {
                                if let Ok(s) = event_target_value(&ev).parse() { g.status.set(s) }
                            }>
                                {GoalStatus::ALL.into_iter().map(|s| view! {
                                    <option value=s.as_str() selected=g.status.get_untracked() == s>{move || s.label(i18n.lang())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="button button-quiet"
                            on:click=move |_| goals.update(|all| all.retain(|x| x.id != g.id))>
                            {i18n.tr("外す", "Remove")}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" class="button button-quiet" data-testid="add-goal" on:click=add_goal>
                    {i18n.tr("目標を追加", "Add a goal")}
                </button>
            </fieldset>
            <LinesArea label=i18n.tr("支援・合理的配慮(1行に1つ)", "Supports and accommodations (one per line)") name="supports" value=supports rows=3/>
            <LinesArea label=i18n.tr("関係機関の役割(「機関: 役割」を1行に1つ)", "Each agency's part (\"agency: part\", one per line)") name="agencies" value=agencies rows=3/>
            <LinesArea label=i18n.tr("評価", "Evaluation") name="evaluation" value=evaluation rows=2/>
            <label class="check">
                <input type="checkbox" name="published" disabled=was_published prop:checked=published
                    on:change=move |ev| published.set(event_target_checked(&ev))/>
                <span>{i18n.tr("公開する(保護者の端末に届きます。公開後は下書きに戻せません)", "Publish (it reaches the parents' devices; it cannot go back to draft)")}</span>
            </label>
            <SaveOrClose save="save-plan" problem=problem pending=pending on_close=on_close/>
        </form>
    }
}
