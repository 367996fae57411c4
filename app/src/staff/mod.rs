//! The coordinators' app at `/staff/`: a separate bundle, fetched only by those who
//! open it, desk first. Register families and children, invite parents, schedule
//! meetings and record what was agreed, draft and publish plan summaries.

mod agenda;
mod answers;
mod directory;
mod meeting_form;
mod meetings;
mod mentoring;
mod plans;

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    Child, ChildId, FamilyId, Lang, Role,
    api::{InvitationState, InvitationSummary},
    iso,
};

use crate::{
    api::{self, FetchError},
    family::today,
    form::{Field, FieldKind, FormProblem, Submit},
    i18n::{I18n, Text, use_i18n},
    pages::{SignIn, SignOut, problem_text},
    shell::LangSwitch,
};

#[component]
pub fn StaffApp() -> impl IntoView {
    let i18n = I18n::provide();
    let me = LocalResource::new(api::me);
    let reload = Callback::new(move |()| me.refetch());
    view! {
        <header class="top-bar">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"つ"</span>
                <span class="brand-name">{i18n.tr("地域コーディネーター画面", "Coordinator's desk")}</span>
            </a>
            <LangSwitch/>
        </header>
        <main id="main" class="content staff">
            {move || match me.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) if error.is_signed_out() => {
                    view! { <SignIn session_ended=error.is_session_ended() on_signed_in=reload/> }.into_any()
                }
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{i18n.t(problem_text(&error))}</p> }.into_any(),
                Some(Ok(me)) if me.role != Role::Coordinator => view! {
                    <p class="status" role="alert" data-testid="staff-only">{i18n.tr("この画面は地域コーディネーター向けです。", "This screen is for regional coordinators.")}</p>
                    <footer class="account"><SignOut on_signed_out=reload/></footer>
                }
                .into_any(),
                Some(Ok(_)) => view! {
                    <Desk/>
                    <footer class="account"><SignOut on_signed_out=reload/></footer>
                }
                .into_any(),
            }}
        </main>
    }
}

/// The town's families on the left, the chosen one's children, meetings, plans
/// and invitations on the right.
#[component]
fn Desk() -> impl IntoView {
    let i18n = use_i18n();
    let families = LocalResource::new(api::families);
    let selected = RwSignal::new(None::<FamilyId>);
    let new_name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    mentoring::ProposalsChanged::provide();
    let register = move |ev: SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        spawn_local(async move {
            match api::register_family(&name).await {
                Ok(family) => {
                    new_name.set(String::new());
                    problem.set(None);
                    families.refetch();
                    selected.set(Some(family.id));
                }
                Err(error) => problem.set(Some(say(&error, i18n.lang_untracked()))),
            }
        });
    };
    view! {
        <h1 class="page-title">{i18n.tr("地域コーディネーター画面", "Coordinator's desk")}</h1>
        <div class="staff-grid">
            <aside>
                <h2>{i18n.tr("家族", "Families")}</h2>
                <ul class="staff-list" data-testid="family-list">
                    {move || families.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|f| {
                        let id = f.id;
                        view! {
                            <li><button type="button" data-family=id.to_string() aria-pressed=move || (selected.get() == Some(id)).to_string()
                                on:click=move |_| selected.set(Some(id))>{f.display_name}</button></li>
                        }
                    }).collect_view()}
                </ul>
                <form class="form" data-testid="register-family" on:submit=register>
                    <label class="field">
                        <span>{i18n.tr("家族を登録(呼び名)", "Register a family (as addressed)")}</span>
                        <input type="text" name="family-name" required prop:value=new_name
                            on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    </label>
                    <p class="form-problem" role="alert">{move || problem.get()}</p>
                    <button type="submit" class="button">{i18n.tr("登録する", "Register")}</button>
                </form>
            </aside>
            <section>
                {move || match selected.get() {
                    None => view! { <p class="empty">{i18n.tr("左の一覧から家族を選んでください。", "Choose a family from the list.")}</p> }.into_any(),
                    Some(family) => view! { <FamilyDesk family=family/> }.into_any(),
                }}
            </section>
        </div>
        <mentoring::TownMentoring/>
        <directory::DirectoryDesk/>
    }
}

#[component]
fn FamilyDesk(family: FamilyId) -> impl IntoView {
    let i18n = use_i18n();
    let overview = LocalResource::new(move || api::family_overview(family));
    view! {
        {move || match overview.get() {
            None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="status status-problem">{say(&error, i18n.lang())}</p> }.into_any(),
            Some(Ok(o)) => {
                let children = o.children.clone();
                view! {
                    <div class="staff-panel" data-testid="family-desk">
                        <h2>{o.family.display_name.clone()}</h2>
                        <Children family=family children=children.clone() on_added=Callback::new(move |()| overview.refetch())/>
                        <meetings::MeetingsDesk family=family children=children.clone()/>
                        <plans::PlansDesk family=family children=children/>
                        <Invitations family=family/>
                        <mentoring::FamilyMentors family=family/>
                    </div>
                }.into_any()
            }
        }}
    }
}

#[component]
fn Children(family: FamilyId, children: Vec<Child>, on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let today = today();
    let register = move |ev: SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let Some(birth_date) = iso::parse_date(&birth.get_untracked()) else {
            problem.set(Some(
                i18n.tr("生年月日を入れてください。", "Please give the birth date.")().to_owned(),
            ));
            return;
        };
        let child = Child {
            id: ChildId(crate::sync::new_record_id()),
            family_id: family,
            given_name: name.get_untracked().trim().to_owned(),
            birth_date,
            school: school.get_untracked().trim().to_owned(),
        };
        if let Err(p) = child.check(today) {
            problem.set(Some(p.explain(lang).to_owned()));
            return;
        }
        spawn_local(async move {
            match api::register_child(&child).await {
                Ok(_) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_added.try_run(());
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
        });
    };
    view! {
        <h3>{i18n.t(Text::Children)}</h3>
        <ul class="staff-list">
            {children.into_iter().map(|c| {
                let birth = c.birth_date;
                let school = (!c.school.is_empty()).then(|| view! { " · "{crate::i18n::name(c.school.clone())} });
                view! {
                    <li data-testid="staff-child">
                        <strong>{c.given_name.clone()}</strong>" · "
                        {move || c.stage_on(today).map(|s| s.label(i18n.lang())).unwrap_or_default()}" · "
                        {move || i18n.lang().full_date(birth)}
                        {school}
                    </li>
                }
            }).collect_view()}
        </ul>
        <form class="form" data-testid="register-child" on:submit=register>
            <div class="row">
                <label class="field">
                    <span>{i18n.tr("お子さんの呼び名", "Child's name")}</span>
                    <input type="text" name="child-name" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("生年月日", "Birth date")}</span>
                    <input type="date" name="birth-date" required prop:value=birth on:input=move |ev| birth.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.tr("園・学校", "Nursery or school")}</span>
                    <input type="text" name="school" prop:value=school on:input=move |ev| school.set(event_target_value(&ev))/>
                </label>
            </div>
            <p class="form-problem" role="alert">{move || problem.get()}</p>
            <button type="submit" class="button button-quiet">{i18n.tr("お子さんを登録する", "Register the child")}</button>
        </form>
    }
}

/// Which of the family's children a meeting or plan is about (`value`: the id).
#[component]
fn ChildSelect(children: Vec<Child>, value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(Text::Child)}</span>
            <select name="child" on:change=move |ev| value.set(event_target_value(&ev))>
                {children.into_iter().map(|c| {
                    let id = c.id.to_string();
                    let chosen = value.get_untracked() == id;
                    view! { <option value=id selected=chosen>{c.given_name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A multi-line text field; lists are written one item per line.
#[component]
fn LinesArea<F, L>(
    label: F,
    name: &'static str,
    value: RwSignal<String>,
    rows: u32,
) -> impl IntoView
where
    F: Fn() -> L + Send + Sync + 'static,
    L: IntoView + 'static,
{
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea name=name rows=rows prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
}

/// The end of a desk form: what went wrong, if anything, then save and close.
#[component]
fn SaveOrClose(
    /// The save button's test id.
    save: &'static str,
    problem: RwSignal<Option<String>>,
    pending: RwSignal<bool>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-problem" role="alert" data-testid="form-problem">{move || problem.get()}</p>
        <div class="row">
            <button type="submit" class="button" data-testid=save disabled=pending>
                {i18n.tr("保存する", "Save")}
            </button>
            <button type="button" class="button button-quiet" on:click=move |_| on_close.run(())>
                {i18n.tr("閉じる", "Close")}
            </button>
        </div>
    }
}

/// Where the coordinator's eye should go next (a panel just opened, a save just
/// confirmed): scrolled to and focused, so a screen reader reads it too.
fn bring_into_view(element: &web_sys::HtmlElement) {
    element.scroll_into_view();
    let _ = element.focus();
}

/// A confirmation where the eye is: it takes the focus when it appears.
#[component]
fn Notice(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let node = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = node.get() {
            bring_into_view(&p);
        }
    });
    view! {
        <p class="status status-saved" role="status" tabindex="-1" data-testid="saved-notice" node_ref=node>{text}</p>
    }
}

/// What a failed request tells the coordinator: the server's problem explained
/// in the desk's language (every conflict says what it was about).
fn say(error: &FetchError, lang: Lang) -> String {
    match error {
        FetchError::Server { .. } => error.server_words(lang).unwrap_or_default(),
        FetchError::Offline => crate::i18n::text(lang, Text::Offline).to_owned(),
        FetchError::Unreadable => crate::i18n::text(lang, Text::LoadFailed).to_owned(),
    }
}

#[component]
fn Invitations(family: FamilyId) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(Some(family));
    let name = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let invitations = LocalResource::new(move || {
        let family = selected.get();
        async move {
            match family {
                Some(family) => api::family_invitations(family).await,
                None => Ok(Vec::new()),
            }
        }
    });

    let invite = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(family) = selected.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        link.set(None);
        spawn_local(async move {
            match api::invite_parent(family, &name.get_untracked()).await {
                Ok(made) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    link.set(Some(format!("{origin}/invite#{}", made.code)));
                    name.set(String::new());
                    invitations.refetch();
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
            pending.set(false);
        });
    };

    let withdraw = move |family: FamilyId, id: uuid::Uuid| {
        spawn_local(async move {
            if let Err(error) = api::revoke_invitation(family, id).await {
                problem.set(Some(problem_text(&error)));
            }
            invitations.refetch();
        });
    };

    view! {
        <h3>{i18n.tr("このご家族への招待", "Invitations for this family")}</h3>
        <form class="form" data-testid="invite-parent" on:submit=invite>
            <Field label=crate::form::Label::Own { ja: "保護者のお名前", en: "Parent's name" } name="parent-name" kind=FieldKind::PersonName value=name/>
            <FormProblem problem=problem/>
            <Submit label=crate::form::Label::Own { ja: "招待リンクを作る", en: "Make an invitation link" } pending=pending/>
        </form>
        {move || link.get().map(|url| view! {
            <div class="status" data-testid="invitation-link">
                <p>{i18n.tr("このリンクを保護者に渡してください。7日間、1回だけ使えます。この画面を閉じると二度と表示されません。", "Give this link to the parent. It works once, for 7 days, and is never shown again once you leave.")}</p>
                <input class="link-box" readonly prop:value=url/>
            </div>
        })}
        {move || {
            let Some(family) = selected.get() else { return ().into_any() };
            match invitations.get() {
                None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(FetchError::Offline)) => view! { <p class="status status-problem">{i18n.t(Text::Offline)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="status status-problem">{i18n.t(Text::LoadFailed)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{i18n.tr("招待はまだありません。", "No invitations yet.")}</p> }.into_any(),
                Some(Ok(list)) => {
                    let today = today();
                    list.into_iter()
                        .map(|inv: InvitationSummary| {
                            let lang = i18n.lang();
                            let state = match inv.state {
                                InvitationState::Pending => ("未使用", "waiting"),
                                InvitationState::Used => ("使用済み", "used"),
                                InvitationState::Revoked => ("取り消し済み", "withdrawn"),
                                InvitationState::Expired => ("期限切れ", "expired"),
                            };
                            let id = inv.id;
                            view! {
                                <div class="consent-row" data-testid="invitation">
                                    <span>
                                        <strong>{inv.display_name}</strong>
                                        " · "
                                        {i18n.tr(state.0, state.1)}
                                        " · "
                                        {lang.date(inv.expires_at.date(), today)}
                                    </span>
                                    {(inv.state == InvitationState::Pending).then(|| view! {
                                        <button type="button" class="button button-quiet" on:click=move |_| withdraw(family, id)>
                                            {i18n.tr("取り消す", "Withdraw")}
                                        </button>
                                    })}
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }
        }}
    }
}
