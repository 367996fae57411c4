//! "Who looked at our family's data, and when": the family's access log.

use leptos::prelude::*;

use super::with_family;
use crate::{
    api,
    family::today,
    i18n::{Text, use_i18n},
};

#[component]
pub fn AccessLog() -> impl IntoView {
    let i18n = use_i18n();
    with_family(move |overview| {
        let family = overview.family.id;
        let log = LocalResource::new(move || api::access_log(family));
        let today = today();
        view! {
            <h1 class="page-title">{i18n.t(Text::AccessLogTitle)}</h1>
            <p class="intro">{i18n.t(Text::AccessLogIntro)}</p>
            {move || match log.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="status status-problem" role="alert">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Ok(entries)) if entries.is_empty() => {
                    view! { <p class="empty">{i18n.t(Text::AccessLogEmpty)}</p> }.into_any()
                }
                Some(Ok(entries)) => {
                    let lang = i18n.lang();
                    let rows = entries
                        .into_iter()
                        .map(|e| {
                            let who = match (e.actor_name, e.actor_role) {
                                (Some(name), Some(role)) => format!("{name}({})", role.label(lang)),
                                (Some(name), None) => name,
                                _ => i18n.t(Text::ServerAdmin)().to_owned(),
                            };
                            view! {
                                <li class="log-row" data-testid="access-log-entry">
                                    <time datetime=tsunagu_model::iso::format_date_time(e.at)>{lang.date_time(e.at, today)}</time>
                                    <span class="log-who">{who}</span>
                                    <span class="log-what">{e.action.label(lang)}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="log">{rows}</ul> }.into_any()
                }
            }}
        }
    })
}
