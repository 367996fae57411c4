//! Plan summaries: a draft reaches no parent until published, stays published,
//! and a plan carried on from it keeps its goals' ids.

use reqwest::StatusCode;
use tsunagu_model::{
    api::Revisioned,
    plan::{GoalId, PlanId, PlanPeriod, PlanSummary},
};

use crate::helpers::{draft_plan, plans_in, spawn_app};

#[tokio::test]
async fn a_draft_reaches_no_parent_until_published_and_stays_published() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let parent = app.sign_in("takadai").await;
    let mut plan = draft_plan(1);
    let response = app.save_plan(&coordinator, &plan, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: Revisioned<PlanSummary> = response.json().await.unwrap();
    let body = serde_json::to_string(&app.pull_everything(&parent).await).unwrap();
    assert!(!body.contains("CANARY-DRAFT-GOAL"), "a draft never syncs");

    plan.published = true;
    let response = app
        .save_plan(&coordinator, &plan, Some(saved.revision))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let published: Revisioned<PlanSummary> = response.json().await.unwrap();
    let plans = plans_in(&app.pull_everything(&parent).await);
    assert!(
        plans
            .iter()
            .any(|p| p.id == plan.id && p.goals[0].text == "CANARY-DRAFT-GOAL")
    );

    plan.published = false;
    let response = app
        .save_plan(&coordinator, &plan, Some(published.revision.clone()))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // A plan carried on from it keeps the goal's id.
    plan.published = true;
    let next_period = PlanPeriod {
        year: plan.period.year,
        term: Some(tsunagu_model::Term::Second),
    };
    let next = plan
        .start_next(
            PlanId::from_u128(0xbeef),
            next_period,
            &[GoalId::from_u128(0xcafe)],
        )
        .unwrap();
    assert_eq!(
        app.save_plan(&coordinator, &next, None).await.status(),
        StatusCode::OK
    );
    let (_, listed) = app.takadai_plans(&coordinator).await;
    let thread_plans: Vec<PlanSummary> = listed.into_iter().map(|p| p.doc).collect();
    let thread = tsunagu_model::plan::goal_thread(&thread_plans, GoalId::from_u128(0xcafe));
    assert_eq!(thread.len(), 2);

    // Parents and mentors cannot save plans or meetings at all.
    for login in ["takadai", "morikawa", "mentor"] {
        let session = app.sign_in(login).await;
        let response = app.save_plan(&session, &draft_plan(2), None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{login}");
    }
}
