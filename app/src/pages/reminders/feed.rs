//! The private calendar feed on the settings page: made, shown (its address, a
//! `webcal://` link and a QR code), made anew or removed, and what its events
//! may show. The server keeps only a hash of the address, so it is in the
//! answer that made it and nowhere else: this device keeps it (for its person)
//! to show it again; another device says a feed exists and offers a new one.

use chrono::NaiveDateTime;
use leptos::{prelude::*, task::spawn_local};
use tsunagu_model::{
    PersonId,
    calendar::{CalendarFeed, FeedDetail},
    endpoints::{GetCalendarFeed, MakeCalendarFeed, NoContent, RemoveCalendarFeed},
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::settings::{Choices, tapped, words};
use crate::{
    api::{FetchError, call},
    family::use_family,
    i18n::{Text, messages, use_i18n},
    storage,
    sync::use_sync,
};

/// The address this device made, with whose it is.
const FEED_KEY: &str = "tsunagu.calendar-feed";

#[derive(serde::Serialize, serde::Deserialize)]
struct KeptFeed {
    person: PersonId,
    feed: CalendarFeed,
}

pub(super) fn forget_kept() {
    storage::remove(FEED_KEY);
}

fn keep(person: PersonId, feed: &CalendarFeed) {
    let kept = KeptFeed {
        person,
        feed: feed.clone(),
    };
    if let Ok(json) = serde_json::to_string(&kept) {
        storage::set(FEED_KEY, &json);
    }
}

/// An address to show: the feed's own if the server sent it, else the one this
/// device kept for the same person and the same feed (made at the same moment).
fn address(feed: &CalendarFeed, person: Option<PersonId>) -> Option<Address> {
    Address::of(feed).or_else(|| {
        let kept: KeptFeed = serde_json::from_str(&storage::get(FEED_KEY)?).ok()?;
        (Some(kept.person) == person && kept.feed.made_at == feed.made_at)
            .then(|| Address::of(&kept.feed))
            .flatten()
    })
}

#[derive(Debug, Clone, PartialEq)]
struct Address {
    url: String,
    webcal: String,
    qr_svg: Option<String>,
}

impl Address {
    fn of(feed: &CalendarFeed) -> Option<Self> {
        Some(Self {
            url: feed.url.clone()?,
            webcal: feed.webcal.clone()?,
            qr_svg: feed.qr_svg.clone(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Feed {
    Loading,
    /// The person has no feed (the server answered 404).
    Missing,
    Made(CalendarFeed),
    Failed(FetchError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeedAction {
    Make,
    Regenerate,
    Remove,
}

/// Writes `text` to the clipboard where the browser allows it.
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let get = |target: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(target, &name.into()).ok()
    };
    let Some(clipboard) = get(&window.navigator(), "clipboard").filter(|c| !c.is_undefined())
    else {
        return false;
    };
    let Some(write) =
        get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    match write
        .call1(&clipboard, &text.into())
        .map(|p| p.dyn_into::<js_sys::Promise>())
    {
        Ok(Ok(promise)) => JsFuture::from(promise).await.is_ok(),
        _ => false,
    }
}

#[component]
pub(super) fn FeedSection(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let family = use_family();
    // Whose device this is now (the sync store may open after the page).
    let person = move || sync.person().or_else(|| family.me());
    let feed = RwSignal::new(Feed::Loading);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let asking = RwSignal::new(None::<FeedAction>);
    let copied = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            feed.set(match call(&GetCalendarFeed {}, &NoContent).await {
                Ok(made) => Feed::Made(made),
                Err(FetchError::Server { status: 404, .. }) => Feed::Missing,
                Err(error) => Feed::Failed(error),
            });
        });
    };
    load();
    let act = move |action: FeedAction| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        asking.set(None);
        copied.set(false);
        let lang = i18n.lang_untracked();
        let me = untrack(person);
        spawn_local(async move {
            let result = match action {
                FeedAction::Make | FeedAction::Regenerate => {
                    call(&MakeCalendarFeed {}, &NoContent).await.map(|made| {
                        if let Some(me) = me {
                            keep(me, &made);
                        }
                        Feed::Made(made)
                    })
                }
                FeedAction::Remove => call(&RemoveCalendarFeed {}, &NoContent).await.map(|_| {
                    forget_kept();
                    Feed::Missing
                }),
            };
            busy.set(false);
            match result {
                Ok(now) => feed.set(now),
                Err(error) => problem.set(Some(words(&error, lang))),
            }
        });
    };
    let detail_busy = RwSignal::new(false);
    let detail_problem = RwSignal::new(None::<String>);
    let show = move |ev: leptos::ev::Event, set: fn(&mut FeedDetail, bool)| {
        let want = tapped(&ev);
        if detail_busy.get_untracked() {
            return;
        }
        detail_busy.set(true);
        detail_problem.set(None);
        let lang = i18n.lang_untracked();
        let mut next = choices.saved.get_untracked();
        set(&mut next.feed, want);
        spawn_local(async move {
            let result = choices.save(next, false, lang).await;
            detail_busy.set(false);
            if let Err(words) = result {
                detail_problem.set(Some(words));
            }
        });
    };
    let shown = move |address: Address| {
        let url = address.url.clone();
        view! {
            <label class="field">
                <span>{i18n.t(Text::FeedUrl)}</span>
                <input type="text" readonly data-testid="feed-url" prop:value=address.url.clone()
                    on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
            </label>
            <div class="row feed-actions">
                <button type="button" class="button button-quiet" data-testid="feed-copy" on:click=move |_| {
                    let url = url.clone();
                    spawn_local(async move { copied.set(copy_to_clipboard(&url).await) });
                }>{i18n.t(Text::FeedCopy)}</button>
                <a href=address.webcal.clone() rel="external" class="button" data-testid="feed-webcal">{i18n.t(Text::FeedSubscribe)}</a>
            </div>
            {move || copied.get().then(|| view! {
                <p class="status status-saved" role="status" data-testid="feed-copied">{i18n.t(Text::FeedCopied)}</p>
            })}
            {address.qr_svg.map(|svg| view! {
                // The server draws the QR code of the webcal address.
                <div class="feed-qr" data-testid="feed-qr" role="img" aria-label=i18n.t(Text::FeedQrHint) inner_html=svg></div>
                <p class="hint">{i18n.t(Text::FeedQrHint)}</p>
            })}
        }
    };
    view! {
        <section aria-labelledby="feed-heading" class="form calendar-feed" data-testid="calendar-feed">
            <h2 id="feed-heading">{i18n.t(Text::FeedHeading)}</h2>
            <p class="intro">{i18n.t(Text::FeedIntro)}</p>
            {move || match feed.get() {
                Feed::Loading => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Feed::Failed(error) => view! {
                    <p class="status status-problem" role="alert" data-testid="feed-load-problem">{words(&error, i18n.lang())}</p>
                    <button type="button" class="button button-quiet" on:click=move |_| load()>{i18n.t(Text::Retry)}</button>
                }.into_any(),
                Feed::Missing => view! {
                    <button type="button" class="button" data-testid="feed-make" disabled=busy
                        aria-busy=move || busy.get().to_string() on:click=move |_| act(FeedAction::Make)>
                        {move || if busy.get() { i18n.t(Text::Working)() } else { i18n.t(Text::FeedMake)() }}
                    </button>
                }.into_any(),
                Feed::Made(made) => {
                    let made_at: NaiveDateTime = made.made_at;
                    view! {
                        {move || match address(&made, person()) {
                            Some(address) => shown(address).into_any(),
                            None => view! {
                                <p class="status" data-testid="feed-made-elsewhere">
                                    {messages::feed_made_elsewhere(i18n.lang(), made_at.date())}
                                </p>
                            }.into_any(),
                        }}
                        <div class="row feed-actions">
                            <button type="button" class="button button-quiet" data-testid="feed-regenerate" disabled=busy
                                on:click=move |_| asking.set(Some(FeedAction::Regenerate))>{i18n.t(Text::FeedRegenerate)}</button>
                            <button type="button" class="button button-quiet" data-testid="feed-remove" disabled=busy
                                on:click=move |_| asking.set(Some(FeedAction::Remove))>{i18n.t(Text::FeedRemove)}</button>
                        </div>
                    }.into_any()
                }
            }}
            {move || asking.get().map(|action| {
                let (question, yes) = match action {
                    FeedAction::Remove => (Text::FeedRemoveConfirm, Text::FeedRemove),
                    FeedAction::Make | FeedAction::Regenerate => (Text::FeedRegenerateConfirm, Text::FeedRegenerate),
                };
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="feed-confirm-what" data-testid="feed-confirm">
                        <p id="feed-confirm-what">{i18n.t(question)}</p>
                        <button type="button" class="button" data-testid="feed-confirm-yes" disabled=busy
                            on:click=move |_| act(action)>{i18n.t(yes)}</button>
                        <button type="button" class="button button-quiet" data-testid="feed-confirm-no"
                            on:click=move |_| asking.set(None)>{i18n.t(Text::Cancel)}</button>
                    </div>
                }
            })}
            {move || busy.get().then(|| view! { <p class="status" role="status">{i18n.t(Text::Working)}</p> })}
            <p class="form-problem" role="alert" data-testid="feed-problem">{move || problem.get()}</p>
            <h3>{i18n.t(Text::FeedPrivacyHeading)}</h3>
            <p class="hint">{i18n.t(Text::FeedPrivacyIntro)}</p>
            <label class="check">
                <input type="checkbox" data-testid="feed-child-name" disabled=detail_busy
                    prop:checked=move || choices.saved.with(|c| c.feed.child_name)
                    on:change=move |ev| show(ev, |d, on| d.child_name = on)/>
                <span>{i18n.t(Text::FeedShowChildName)}</span>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="feed-purpose" disabled=detail_busy
                    prop:checked=move || choices.saved.with(|c| c.feed.purpose)
                    on:change=move |ev| show(ev, |d, on| d.purpose = on)/>
                <span>{i18n.t(Text::FeedShowPurpose)}</span>
            </label>
            <p class="form-problem" role="alert" data-testid="feed-detail-problem">{move || detail_problem.get()}</p>
        </section>
    }
}
