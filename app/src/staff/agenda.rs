//! What the parents brought to one meeting, in their order and words, and the
//! coordinator's record of what became of each item once the meeting started.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    FamilyId, Lang, Meeting,
    api::AgendaItem,
    brought::ItemOutcome,
    plan::{GoalId, PlanId, PlanSummary, goal_choices},
};

use super::{answers::MeetingAnswers, bring_into_view, meetings::meeting_title, say};
use crate::{
    api,
    family::now,
    i18n::{Text, use_i18n},
};

/// A plan's name and its goals, each as (the picker's value, its wording).
type GoalGroup = (String, Vec<(String, String)>);

/// The items the family's parents brought to one meeting, in their order and
/// their words, and what became of each (recorded once the meeting started).
#[component]
pub fn AgendaPanel(
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
            <MeetingAnswers family=family meeting=id/>
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
