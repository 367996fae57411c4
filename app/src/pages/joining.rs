//! A parent joining a family that already has parents (issue 12): the family's
//! parents see who waits, who invited them, and confirm or turn them down; the
//! newcomer sees that they wait. Until confirmed, the newcomer receives none of
//! the entries the parents share with each other (the server decides this).

use leptos::{prelude::*, task::spawn_local};
use tsunagu_model::{FamilyId, PersonId};

use crate::{
    api,
    i18n::{Text, use_i18n},
};

/// On the home screen: newcomers waiting for this family, or, for a newcomer,
/// the families they wait to be confirmed in. Nothing when nobody waits.
#[component]
pub fn Joining(family: FamilyId) -> impl IntoView {
    let i18n = use_i18n();
    let joining = LocalResource::new(move || api::joining(family));
    let pending = LocalResource::new(api::my_joins);
    let decide = move |person: PersonId, confirm: bool| {
        spawn_local(async move {
            if api::answer_joining(family, person, confirm).await.is_ok() {
                joining.refetch();
            }
        });
    };
    view! {
        {move || pending.get().and_then(Result::ok).filter(|p| !p.is_empty()).map(|_| view! {
            <p class="status" role="status" data-testid="joining-waiting">
                {i18n.t(Text::JoiningWaits)}
            </p>
        })}
        {move || joining.get().and_then(Result::ok).filter(|j| !j.is_empty()).map(|newcomers| view! {
            <section class="status" aria-label=i18n.t(Text::ParentsToConfirm) data-testid="joining">
                <h2>{i18n.t(Text::ParentsToConfirm)}</h2>
                <ul>
                    {newcomers.into_iter().map(|n| {
                        let person = n.person;
                        let by = n.invited_by.unwrap_or_default();
                        view! {
                            <li data-testid="joining-parent">
                                <p>
                                    {n.display_name}
                                    {move || format!(" ({}: {by})", i18n.t(Text::InvitedBy)())}
                                </p>
                                <button type="button" class="button" data-testid="joining-confirm"
                                    on:click=move |_| decide(person, true)>
                                    {i18n.t(Text::ConfirmParent)}
                                </button>
                                <button type="button" class="button button-quiet" data-testid="joining-turn-down"
                                    on:click=move |_| decide(person, false)>
                                    {i18n.t(Text::TurnDown)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
