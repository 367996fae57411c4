//! The frame every screen sits in: header, the page, bottom navigation.

use leptos::prelude::*;
use leptos_router::{
    MatchNestedRoutes,
    components::{A, RouteChildren, Router, Routes, RoutesProps},
};

use crate::{
    family::{FamilyData, use_family},
    i18n::{I18n, Text, use_i18n},
    pages::{NotFound, SignIn},
    sync::{Sync, SyncStatus, use_sync},
};

/// The family app; `screens` are its routes, given by the family app's binary
/// (src/main.rs), where the screens split into chunks are declared so that no
/// other bundle links them.
pub fn app<Defs>(screens: Defs) -> impl IntoView
where
    Defs: MatchNestedRoutes + Clone + Send + 'static,
{
    let i18n = I18n::provide();
    let family = FamilyData::provide();
    let sync = Sync::provide();
    crate::family::Records::provide(sync, family);
    let update_ready = RwSignal::new(false);
    crate::service_worker::register(update_ready);
    // Whoever the server says is signed in is whose data this device syncs.
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = family.data.get() {
            sync.start_for(loaded.me.id);
        }
    });
    let is_mentor = move || {
        family
            .data
            .get()
            .and_then(Result::ok)
            .is_some_and(|l| l.me.role == tsunagu_model::Role::Mentor)
    };
    view! {
        <Router>
            <header class="top-bar">
                <A href="/" {..} class="brand">
                    <span class="brand-mark" aria-hidden="true">"つ"</span>
                    <span class="brand-name">{i18n.t(Text::AppName)}</span>
                </A>
                <FamilySwitcher/>
                <LangSwitch/>
            </header>
            <SyncBadge/>
            {move || update_ready.get().then(|| view! {
                <div class="update-banner" role="status" data-testid="update-ready">
                    <span>{i18n.t(Text::UpdateReady)}</span>
                    <button type="button" class="button" on:click=|_| crate::service_worker::apply_update()>
                        {i18n.t(Text::UpdateNow)}
                    </button>
                </div>
            })}
            <main id="main" class="content">
                {Routes(
                    RoutesProps::builder()
                        .fallback(NotFound)
                        .children(RouteChildren::to_children(move || screens))
                        .build(),
                )}
            </main>
            <nav class="bottom-nav" aria-label=i18n.t(Text::MainNavigation)>
                <NavLink href="/" icon=Icon::Home label=Text::NavHome/>
                // A mentor's workspace has its own tabs.
                {move || if is_mentor() {
                    view! {
                        <NavLink href="/consult" icon=Icon::Notebook label=Text::NavConsult/>
                        <NavLink href="/contact-log" icon=Icon::Plans label=Text::NavContactLog/>
                    }.into_any()
                } else {
                    view! {
                        <NavLink href="/meetings" icon=Icon::Meetings label=Text::NavMeetings/>
                        <NavLink href="/plans" icon=Icon::Plans label=Text::NavPlans/>
                        <NavLink href="/notebook" icon=Icon::Notebook label=Text::NavNotebook/>
                    }.into_any()
                }}
                <NavLink href="/directory" icon=Icon::Directory label=Text::NavDirectory/>
            </nav>
        </Router>
    }
}

#[derive(Clone, Copy)]
enum Icon {
    Home,
    Meetings,
    Plans,
    Notebook,
    Directory,
}

impl Icon {
    /// Outline icons on a 24-unit grid, drawn with the text colour.
    fn path(self) -> &'static str {
        match self {
            Self::Home => "M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",
            Self::Meetings => "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
            Self::Plans => "M7 3h10v18H7zM10 8h4M10 12h4M10 16h2",
            Self::Notebook => "M6 3h11a2 2 0 0 1 2 2v16H6zM6 3v18M10 8h5M10 12h5",
            Self::Directory => {
                "M5 4h2l2 5-2 1a11 11 0 0 0 6 6l1-2 5 2v2a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"
            }
        }
    }
}

#[component]
fn NavLink(href: &'static str, icon: Icon, label: Text) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <A href=href exact=true>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d=icon.path()/></svg>
            <span>{i18n.t(label)}</span>
        </A>
    }
}

/// Shown only to someone who belongs to more than one family.
#[component]
fn FamilySwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    move || {
        let loaded = family.data.get()?.ok()?;
        let current = loaded.overview.as_ref()?.family.id;
        if loaded.families.len() < 2 {
            return None;
        }
        let options = loaded
            .families
            .into_iter()
            .map(|f| {
                let selected = f.id == current;
                view! { <option value=f.id.to_string() selected=selected>{f.display_name}</option> }
            })
            .collect_view();
        Some(view! {
            <label class="family-switch">
                <span class="visually-hidden">{i18n.t(Text::Family)}</span>
                <select
                    data-testid="family-switch"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse() {
                            family.select(id);
                        }
                    }
                >
                    {options}
                </select>
            </label>
        })
    }
}

/// Switches between Japanese and English; labelled in the language it switches to.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            lang=move || i18n.lang().other().code()
            on:click=move |_| i18n.set(i18n.lang().other())
        >
            {i18n.t(Text::SwitchLanguage)}
        </button>
    }
}

/// Where sync stands, always in view once someone's data is on the device; never
/// in the way of editing.
#[component]
fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    move || {
        let lang = i18n.lang();
        let (text, waiting, problem) = match sync.status.get() {
            SyncStatus::Idle => return None,
            SyncStatus::Starting => (Text::SyncStarting, 0, false),
            SyncStatus::Syncing(n) => (Text::Working, n, false),
            SyncStatus::Synced => (Text::SyncSynced, 0, false),
            SyncStatus::Offline(n) => (Text::SyncOffline, n, false),
            SyncStatus::SignInAgain(n) => (Text::SyncSignInAgain, n, true),
            SyncStatus::Problem(n) => (Text::SyncProblem, n, true),
            SyncStatus::NoStorage => (Text::SyncNoStorage, 0, true),
        };
        let waiting = (waiting > 0).then(|| {
            format!(
                " · {}",
                crate::i18n::messages::changes_waiting(lang, waiting)
            )
        });
        let sign_in_again = matches!(sync.status.get(), SyncStatus::SignInAgain(_));
        Some(view! {
            <div class="sync-badge" class:sync-problem=problem role="status" data-testid="sync-status">
                <span>{crate::i18n::text(lang, text)}{waiting}</span>
                <button type="button" class="link-button" data-testid="sync-now" on:click=move |_| sync.sync_now()>
                    {i18n.t(Text::SyncNow)}
                </button>
            </div>
            // The session ended while changes waited: sign in right here, and they go.
            {sign_in_again.then(|| view! {
                <div class="sign-in-again">
                    <SignIn session_ended=true on_signed_in=Callback::new(move |()| {
                        family.reload();
                        sync.sync_now();
                    })/>
                </div>
            })}
        })
    }
}
