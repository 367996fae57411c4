//! 連絡先: the town's support directory from the synced `agency` records on
//! this device, so it opens offline; forgiving search (kana and widths alike).

use leptos::prelude::*;
use tsunagu_model::{
    FamilyId,
    directory::{Agency, AgencyField, TeamMember, find, tel_href},
    endpoints::{GetFamilyTeam, NoContent},
    search::Query,
};

use crate::{
    api::{self, FetchError},
    family::{read_all, use_family},
    i18n::{Text, use_i18n},
    storage,
    sync::use_sync,
};

#[component]
pub fn Directory() -> impl IntoView {
    super::signed_in(|_| view! { <DirectoryScreen/> })
}

#[component]
fn DirectoryScreen() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let agencies = Memo::new(move |_| read_all::<Agency>(sync));
    let typed = RwSignal::new(String::new());
    view! {
        <h1 class="page-title">{i18n.t(Text::DirectoryTitle)}</h1>
        <FamilyTeam/>
        <label class="field">
            <span>{i18n.t(Text::DirectorySearch)}</span>
            <input
                type="search"
                data-testid="directory-search"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        </label>
        {move || {
            let lang = i18n.lang();
            let all = agencies.get();
            let query = Query::parse(&typed.get());
            let found = find(&all, &query);
            if found.is_empty() {
                return view! { <p class="empty">{i18n.t(Text::DirectoryNoneFound)}</p> }.into_any();
            }
            AgencyField::ALL
                .iter()
                .filter_map(|&field| {
                    let here: Vec<&Agency> = found.iter().copied().filter(|a| a.field == field).collect();
                    (!here.is_empty()).then(|| view! {
                        <section data-testid="directory-field">
                            <h2>{field.label(lang)}</h2>
                            <ul class="cards">
                                {here.into_iter().map(|a| card(a.clone())).collect_view()}
                            </ul>
                        </section>
                    })
                })
                .collect_view()
                .into_any()
        }}
    }
}

fn card(a: Agency) -> impl IntoView {
    let line = |class: &'static str, text: String| {
        (!text.is_empty()).then(|| view! { <p class=class>{text}</p> })
    };
    let phone = a
        .tel()
        .map(|tel| view! { <p><a class="tap-link" href=tel data-testid="agency-tel">{a.phone.clone()}</a></p> });
    let website = (!a.website.is_empty()).then(|| {
        let href = a.website.clone();
        view! { <p><a class="tap-link" href=href target="_blank" rel="noopener">{a.website.clone()}</a></p> }
    });
    view! {
        <li class="meeting-card" data-testid="agency">
            <h3>{a.name.clone()}</h3>
            {line("series", a.reading.clone())}
            {line("agency-does", a.does.clone())}
            {phone}
            {line("agency-hours", a.hours.clone())}
            {line("agency-address", a.address.clone())}
            {website}
            {line("agency-notes", a.notes.clone())}
        </li>
    }
}

fn team_key(family: FamilyId) -> String {
    format!("tsunagu.team.{family}")
}

/// The family's team as the server last told it, so it opens offline too.
async fn family_team(family: FamilyId) -> Result<Vec<TeamMember>, FetchError> {
    match api::call(&GetFamilyTeam { family_id: family }, &NoContent).await {
        Ok(team) => {
            if let Ok(json) = serde_json::to_string(&team) {
                storage::set(&team_key(family), &json);
            }
            Ok(team)
        }
        Err(FetchError::Offline) => storage::get(&team_key(family))
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or(FetchError::Offline),
        Err(error) => Err(error),
    }
}

/// わが家のチーム, for a parent: the people and organisations from the family's
/// meetings, the coordinator and the mentor, each with a phone where known.
#[component]
fn FamilyTeam() -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let team = LocalResource::new(move || {
        let id = family.overview().map(|o| o.family.id);
        async move {
            match id {
                Some(id) => family_team(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    move || {
        let members = team.get()?.ok()??;
        let lang = i18n.lang();
        Some(view! {
            <section data-testid="family-team">
                <h2>{i18n.t(Text::FamilyTeamTitle)}</h2>
                {if members.is_empty() {
                    view! { <p class="empty">{i18n.t(Text::NoneAtTheMoment)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {members.into_iter().map(|m| {
                                let phone = tel_href(&m.phone).map(|href| view! {
                                    <a class="tap-link" href=href data-testid="team-tel">{m.phone.clone()}</a>
                                });
                                view! {
                                    <li class="meeting-card" data-testid="team-member">
                                        <p><span class="kind-badge">{m.role.label(lang)}</span>" "{m.name.clone()}</p>
                                        {(!m.organisation.is_empty()).then(|| view! { <p class="series">{m.organisation.clone()}</p> })}
                                        {phone}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })
    }
}
