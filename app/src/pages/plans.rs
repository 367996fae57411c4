//! The children's plan summaries as the family reads them: the plans in force
//! now, a timeline of the child's stages with the plans and meetings of each year
//! (the seed's vertical link), and one plan's page where each goal shows its
//! thread across plans: when it started, how it changed, when it was met.

use crate::i18n::messages;
use leptos::prelude::*;
use leptos_router::components::A;
use tsunagu_model::{
    Child, ChildStage, Meeting, SchoolYear,
    continuity::{current_plan, stage_timeline},
    plan::{GoalChange, PlanKind, PlanSummary, change_in_plan, goal_thread, thread_changes},
};

use super::with_family;
use crate::{
    family::{today, use_records},
    i18n::{Text, name, use_i18n},
};

#[component]
pub fn Plans() -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    with_family(move |overview| {
        let children = overview.children.clone();
        view! {
            <h1 class="page-title">{i18n.t(Text::NavPlans)}</h1>
            <p class="intro">{i18n.t(Text::PlansIntro)}</p>
            <label class="check">
                <input type="checkbox" data-testid="era-toggle" prop:checked=move || i18n.era()
                    on:change=move |ev| i18n.set_era(event_target_checked(&ev))/>
                <span>{i18n.t(Text::EraToggle)}</span>
            </label>
            {move || {
                let plans = records.plans().get();
                let meetings = records.meetings().get();
                children
                    .iter()
                    .map(|child| view! { <ChildPlans child=child.clone() plans=plans.clone() meetings=meetings.clone()/> })
                    .collect_view()
            }}
        }
    })
}

#[component]
fn ChildPlans(child: Child, plans: Vec<PlanSummary>, meetings: Vec<Meeting>) -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let current: Vec<PlanSummary> = [PlanKind::SupportPlan, PlanKind::TeachingPlan]
        .into_iter()
        .filter_map(|kind| current_plan(&plans, &child, kind, today).cloned())
        .collect();
    // Newest year first: what matters now is on top, the earlier years below.
    let timeline: Vec<(SchoolYear, ChildStage, Vec<PlanSummary>, Vec<Meeting>)> =
        stage_timeline(&child, &plans, &meetings, today)
            .into_iter()
            .rev()
            .map(|y| {
                (
                    y.year,
                    y.stage,
                    y.plans.into_iter().cloned().collect(),
                    y.meetings.into_iter().cloned().collect(),
                )
            })
            .collect();
    let stage = child.stage_on(today);
    view! {
        <section class="child-plans" data-testid="child-plans">
            <h2>
                {child.given_name.clone()}
                {move || stage.map(|s| format!(" · {}", s.label(i18n.lang())))}
                {(!child.school.is_empty()).then(|| view! { <span class="child-school">{name(child.school.clone())}</span> })}
            </h2>
            {if current.is_empty() {
                view! { <p class="empty">{i18n.t(Text::NoPlansYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {current.into_iter().map(|p| view! { <li><PlanCard plan=p/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{i18n.t(Text::ThroughTheYears)}</h3>
            <ol class="timeline" data-testid="timeline">
                {timeline.into_iter().map(|(school_year, stage, plans, meetings)| {
                    view! {
                        <li class="timeline-year" class:now=school_year.contains(today)>
                            <p class="timeline-head">
                                <strong>{move || stage.label(i18n.lang())}</strong>
                                " · "{move || school_year.label(i18n.lang(), i18n.era())}
                            </p>
                            <ul class="timeline-items">
                                {plans.into_iter().map(|p| {
                                    let (kind, period) = (p.kind, p.period);
                                    view! {
                                        <li><A href=format!("/plans/{}", p.id)>
                                            {move || kind.label(i18n.lang())}
                                            {period.term.map(|t| view! { " "{move || t.label(i18n.lang())} })}
                                        </A></li>
                                    }
                                }).collect_view()}
                                {meetings.into_iter().map(|m| {
                                    let (kind, day) = (m.kind, m.starts_at.date());
                                    view! {
                                        <li><A href=format!("/meetings/{}", m.id)>
                                            {move || i18n.lang().full_date(day)}" "{move || kind.label(i18n.lang())}
                                        </A></li>
                                    }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn PlanCard(plan: PlanSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, period) = (plan.kind, plan.period);
    let goals = plan.goals.len();
    view! {
        <article class="plan-card" data-testid="plan-card">
            <A href=format!("/plans/{}", plan.id) {..} class="card-link">
                <p class="plan-kind">{move || kind.label(i18n.lang())}</p>
                <p class="plan-period">{move || period.label(i18n.lang(), i18n.era())}</p>
                <p class="plan-goals">{move || messages::goal_count(i18n.lang(), goals)}</p>
            </A>
        </article>
    }
}

/// One plan summary, each goal with its thread across the plans this device has.
#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let records = use_records();
    let id = super::id_in_path();
    with_family(move |overview| {
        let children = overview.children.clone();
        move || {
            let id = id.get();
            let plans = records.plans().get();
            let Some(plan) = plans.iter().find(|p| Some(p.id.0) == id).cloned() else {
                return view! {
                    <A href="/plans" {..} class="back-link">{i18n.t(Text::NavPlans)}</A>
                    <p class="status">{i18n.t(Text::PlanMissing)}</p>
                }
                .into_any();
            };
            let child = children
                .iter()
                .find(|c| c.id == plan.child)
                .map(|c| c.given_name.clone());
            view! { <PlanSheet plan=plan all=plans child=child/> }.into_any()
        }
    })
}

#[component]
fn PlanSheet(plan: PlanSummary, all: Vec<PlanSummary>, child: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, period) = (plan.kind, plan.period);
    let text_block = move |heading: Text, text: String| {
        (!text.trim().is_empty()).then(|| {
            view! {
                <h2>{i18n.t(heading)}</h2>
                <p class="plan-text">{text}</p>
            }
        })
    };
    let goals = plan.goals.clone();
    let plan_id = plan.id;
    view! {
        <A href="/plans" {..} class="back-link no-print">{i18n.t(Text::NavPlans)}</A>
        <article class="plan-page" data-testid="plan-page">
            <p class="plan-kind">{move || kind.label(i18n.lang())}</p>
            <h1 class="page-title">
                {child}" · "{move || period.label(i18n.lang(), i18n.era())}
            </h1>
            {text_block(Text::StrengthsAndNeeds, plan.strengths_and_needs.clone())}
            {text_block(Text::ParentWishes, plan.parent_wishes.clone())}
            {text_block(Text::ChildWishes, plan.child_wishes.clone())}
            <h2>{i18n.t(Text::Goals)}</h2>
            <ul class="goals" data-testid="goals">
                {goals.into_iter().map(|goal| {
                    let status = goal.status;
                    let steps = goal_thread(&all, goal.id);
                    // What the plans show happened, not what the status field claims.
                    let changes = thread_changes(&steps);
                    let here = change_in_plan(&all, plan_id, goal.id).unwrap_or(GoalChange::Started);
                    let thread: Vec<_> = steps
                        .iter()
                        .zip(changes)
                        .map(|(s, change)| (s.plan.kind, s.plan.period, change, s.goal.text.clone()))
                        .collect();
                    view! {
                        <li class="goal" data-status=status.as_str() data-testid="goal">
                            <p class="goal-text">
                                <span class="badge" data-testid="goal-change">{move || here.label(i18n.lang())}</span>
                                {goal.text.clone()}
                            </p>
                            {(thread.len() > 1).then(|| view! {
                                <details class="goal-thread">
                                    <summary>{i18n.t(Text::GoalThread)}</summary>
                                    <ol data-testid="goal-thread">
                                        {thread.into_iter().map(|(kind, period, change, text)| view! {
                                            <li data-testid="thread-step">
                                                <span class="thread-when">
                                                    {move || period.label(i18n.lang(), i18n.era())}" "{move || kind.label(i18n.lang())}
                                                </span>
                                                " "<span class="badge" data-testid="thread-change">{move || change.label(i18n.lang())}</span>
                                                <span class="thread-text">{text}</span>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!plan.supports.is_empty()).then(|| view! {
                <h2>{i18n.t(Text::Supports)}</h2>
                <ul class="tasks">{plan.supports.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
            })}
            {(!plan.agency_parts.is_empty()).then(|| view! {
                <h2>{i18n.t(Text::AgencyParts)}</h2>
                <dl class="meeting-facts">
                    {plan.agency_parts.iter().map(|a| view! { <dt>{name(a.agency.clone())}</dt><dd>{a.part.clone()}</dd> }).collect_view()}
                </dl>
            })}
            {plan.evaluation.clone().and_then(|e| text_block(Text::Evaluation, e))}
        </article>
    }
}
