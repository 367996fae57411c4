use leptos::prelude::*;
use tsunagu_model::SchoolYear;

use super::{intro, with_family};
use crate::{
    family::today,
    i18n::{Text, use_i18n},
};

/// The children, each at their stage this school year, and the plan summaries the
/// coordinator has published for them.
#[component]
pub fn Plans() -> impl IntoView {
    let i18n = use_i18n();
    with_family(move |overview| {
        let today = today();
        let year = SchoolYear::containing(today);
        let children = overview
            .children
            .into_iter()
            .map(|child| {
                view! {
                    <li class="child-row">
                        <span class="child-name">{child.given_name.clone()}</span>
                        <span class="child-stage">
                            {move || {
                                let stage = child.stage_on(today).map(|s| s.label(i18n.lang())).unwrap_or_default();
                                format!("{stage}({year})")
                            }}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 class="page-title">{i18n.t(Text::NavPlans)}</h1>
            <section aria-labelledby="children-heading">
                <h2 id="children-heading">{i18n.t(Text::Children)}</h2>
                <ul class="child-list">{children}</ul>
            </section>
            {intro(Text::PlansIntro, Text::NoPlansYet)}
        }
    })
}
