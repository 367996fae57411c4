//! Parent mentors on the desk: on a family's desk the mentors proposed to it
//! (propose one, withdraw one the family has not answered); for the town every
//! proposal, newest first, and the programme's contacts per mentor and month
//! (counts only, never whom or what).

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    FamilyId, Lang, PersonId,
    consent::{MentorMonth, MentorProposal, ProposalId, ProposalState, ProposeMentor},
    endpoints::{
        ListAllMentorProposals, ListMentorProposals, MentorActivity, NoContent, ProposeMentorTo,
        WithdrawMentorProposal,
    },
};

use super::{Notice, say};
use crate::{
    api::{self, call},
    family::today,
    i18n::{Text, use_i18n},
};

/// Changes whenever a family's desk proposes or withdraws a mentor, so the
/// town's list of proposals follows (`Desk` provides it).
#[derive(Clone, Copy)]
pub struct ProposalsChanged(RwSignal<u32>);

impl ProposalsChanged {
    pub fn provide() {
        provide_context(Self(RwSignal::new(0)));
    }

    fn bump(changed: Option<Self>) {
        if let Some(Self(n)) = changed {
            n.update(|n| *n = n.wrapping_add(1));
        }
    }

    fn track(changed: Option<Self>) {
        if let Some(Self(n)) = changed {
            n.track();
        }
    }
}

/// Newest first, whatever order the server kept.
fn newest_first(mut list: Vec<MentorProposal>) -> Vec<MentorProposal> {
    list.sort_by_key(|p| std::cmp::Reverse(p.proposed_at));
    list
}

/// The family's proposals with their state, the form to propose one of the
/// town's mentors, and a withdraw button on each one still waiting.
#[component]
pub fn FamilyMentors(family: FamilyId) -> impl IntoView {
    let i18n = use_i18n();
    let changed = use_context::<ProposalsChanged>();
    let proposals = LocalResource::new(move || async move {
        call(&ListMentorProposals { family_id: family }, &NoContent)
            .await
            .map(newest_first)
    });
    let mentors = LocalResource::new(api::mentors);
    let chosen = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let propose = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let lang = i18n.lang_untracked();
        let Ok(mentor) = chosen.get_untracked().parse::<PersonId>() else {
            problem.set(Some(
                match lang {
                    Lang::Ja => "提案するメンターを選んでください。",
                    Lang::En => "Please choose the mentor to propose.",
                }
                .to_owned(),
            ));
            return;
        };
        pending.set(true);
        problem.set(None);
        notice.set(None);
        spawn_local(async move {
            match call(
                &ProposeMentorTo { family_id: family },
                &ProposeMentor { mentor },
            )
            .await
            {
                Ok(made) => {
                    chosen.set(String::new());
                    notice.set(Some(made.mentor_name));
                    ProposalsChanged::bump(changed);
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
            pending.set(false);
            proposals.refetch();
        });
    };

    let withdraw = move |proposal_id: ProposalId| {
        let lang = i18n.lang_untracked();
        problem.set(None);
        notice.set(None);
        spawn_local(async move {
            let endpoint = WithdrawMentorProposal {
                family_id: family,
                proposal_id,
            };
            match call(&endpoint, &NoContent).await {
                Ok(_) => ProposalsChanged::bump(changed),
                Err(error) => problem.set(Some(say(&error, lang))),
            }
            proposals.refetch();
        });
    };

    view! {
        <h3>{i18n.tr("ペアレントメンターの提案", "Parent mentors proposed")}</h3>
        {move || match proposals.get() {
            None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="status status-problem" role="alert">{say(&error, i18n.lang())}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="empty" data-testid="proposals-none">{i18n.tr("まだ提案はありません。", "No mentor proposed yet.")}</p>
            }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="staff-list" data-testid="family-proposals">
                    {list.into_iter().map(|p| {
                        let id = p.id;
                        let state = p.state;
                        view! {
                            <li class="consent-row" data-testid="proposal-row" data-proposal=id.to_string()
                                data-mentor=p.mentor.to_string() data-state=state.as_str()>
                                <span>
                                    <strong class="name">{p.mentor_name.clone()}</strong>
                                    " · "
                                    <span data-testid="proposal-state">{move || state.label(i18n.lang())}</span>
                                    " · "
                                    {move || i18n.lang().date_time(p.proposed_at, today())}
                                </span>
                                {(state == ProposalState::Waiting).then(|| view! {
                                    <button type="button" class="button button-quiet" data-testid="proposal-withdraw"
                                        on:click=move |_| withdraw(id)>
                                        {i18n.tr("提案を取り下げる", "Withdraw the proposal")}
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <form class="form" data-testid="propose-mentor" on:submit=propose>
            <label class="field">
                <span>{i18n.tr("メンターを提案する", "Propose a mentor")}</span>
                <small>{i18n.tr(
                    "ご家族が受け入れて見せる範囲を選ぶまで、メンターにはご家族のことは何も見えません。",
                    "The mentor sees nothing of the family until its parent accepts and chooses what to share.",
                )}</small>
                <select name="mentor" aria-required="true"
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || chosen.get().is_empty()>{i18n.tr("選んでください", "Choose")}</option>
                    {move || mentors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|m| {
                        let id = m.id.to_string();
                        let here = id.clone();
                        view! { <option value=id prop:selected=move || chosen.get() == here>{m.display_name}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || match mentors.get() {
                Some(Err(error)) => Some(view! { <p class="status status-problem">{say(&error, i18n.lang())}</p> }),
                _ => None,
            }}
            <p class="form-problem" role="alert" data-testid="form-problem">{move || problem.get()}</p>
            {move || notice.get().map(|name| view! {
                <Notice text=Signal::derive(move || format!(
                    "{} {name}",
                    i18n.tr("提案しました:", "Proposed:")()
                ))/>
            })}
            <button type="submit" class="button button-quiet" data-testid="propose-mentor-submit" disabled=pending>
                {move || if pending.get() { i18n.t(Text::Working)() } else { i18n.tr("提案する", "Propose")() }}
            </button>
        </form>
    }
}

/// A month as the town's report names it: 2026年12月, December 2026.
fn month_label(year: i32, month: u32, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{year}年{month}月"),
        Lang::En => u8::try_from(month)
            .ok()
            .and_then(|m| chrono::Month::try_from(m).ok())
            .map_or_else(
                || format!("{year}-{month:02}"),
                |m| format!("{} {year}", m.name()),
            ),
    }
}

/// The town's mentoring: every proposal, newest first, and the contacts per
/// mentor and month.
#[component]
pub fn TownMentoring() -> impl IntoView {
    let i18n = use_i18n();
    let changed = use_context::<ProposalsChanged>();
    let proposals = LocalResource::new(move || {
        ProposalsChanged::track(changed);
        async move {
            call(&ListAllMentorProposals {}, &NoContent)
                .await
                .map(newest_first)
        }
    });
    let activity =
        LocalResource::new(move || async move { call(&MentorActivity {}, &NoContent).await });
    view! {
        <section class="staff-panel" data-testid="town-mentoring" aria-labelledby="town-proposals-title">
            <h2 id="town-proposals-title">{i18n.tr("町全体のメンターの提案", "Mentor proposals across the town")}</h2>
            {move || match proposals.get() {
                None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{say(&error, i18n.lang())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty">{i18n.tr("まだ提案はありません。", "No mentor proposed yet.")}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="staff-table" data-testid="town-proposals">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr("提案した日", "Proposed")}</th>
                                <th scope="col">{i18n.tr("家族", "Family")}</th>
                                <th scope="col">{i18n.tr("メンター", "Mentor")}</th>
                                <th scope="col">{i18n.tr("状態", "State")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|p| {
                                let state = p.state;
                                view! {
                                    <tr data-testid="town-proposal-row" data-proposal=p.id.to_string() data-state=state.as_str()>
                                        <td>{move || i18n.lang().date_time(p.proposed_at, today())}</td>
                                        <td>{crate::i18n::name(p.family_name.clone())}</td>
                                        <td>{crate::i18n::name(p.mentor_name.clone())}</td>
                                        <td>{move || state.label(i18n.lang())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            <h2 id="mentor-activity-title">{i18n.tr("メンターの活動", "Mentor activity")}</h2>
            <p class="hint">{i18n.tr(
                "メンターごと・月ごとの連絡の件数だけです。相手や内容は町には伝わりません。",
                "Only the number of contacts per mentor and month; the town never sees with whom or what.",
            )}</p>
            {move || match activity.get() {
                None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{say(&error, i18n.lang())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty" data-testid="mentor-activity-none">{i18n.tr("まだ連絡の記録はありません。", "No contact logged yet.")}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="staff-table" data-testid="mentor-activity" aria-labelledby="mentor-activity-title">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr("メンター", "Mentor")}</th>
                                <th scope="col">{i18n.tr("月", "Month")}</th>
                                <th scope="col">{i18n.tr("連絡の件数", "Contacts")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|m: MentorMonth| view! {
                                <tr data-testid="mentor-activity-row" data-mentor=m.mentor.to_string()>
                                    <td>{crate::i18n::name(m.mentor_name.clone())}</td>
                                    <td>{move || month_label(m.year, m.month, i18n.lang())}</td>
                                    <td data-testid="mentor-activity-count">{m.contacts}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
