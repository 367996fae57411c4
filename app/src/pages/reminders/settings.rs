//! The person's reminder choices: each lead time on or off and when, the
//! preparation nudge, push notifications on this device, and the private
//! calendar feed with what its events may show. Everything here lives on the
//! server (it decides when to send), so the page needs a connection.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;
use tsunagu_model::{
    Lang,
    endpoints::{GetReminderChoices, NoContent, SaveReminderChoices},
    reminders::{LeadSetting, LeadTime, MAX_DAYS_BEFORE, ReminderChoices},
};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::{
    api::{FetchError, call},
    family::use_family,
    i18n::{Text, messages, text, use_i18n},
    pages::SignIn,
    push::{self, PushError},
};

use super::feed::FeedSection;

/// The server's refusal or the connection's failure, in the person's language.
pub(super) fn words(error: &FetchError, lang: Lang) -> String {
    match error {
        FetchError::Server { .. } => error.server_words(lang).unwrap_or_default(),
        FetchError::Offline => text(lang, Text::ReminderSettingsNeedConnection).to_owned(),
        FetchError::Unreadable => text(lang, Text::SettingsNotSaved).to_owned(),
    }
}

fn push_words(error: &PushError, lang: Lang) -> String {
    match error {
        PushError::Unsupported => text(lang, Text::PushUnsupported).to_owned(),
        PushError::Denied => text(lang, Text::PushDenied).to_owned(),
        PushError::Browser => text(lang, Text::PushFailed).to_owned(),
        PushError::Server(error) => words(error, lang),
    }
}

/// A box that shows what is, not what was tapped: its change is undone at once
/// and the box follows the saved choice once the server has it.
pub(super) fn tapped(ev: &leptos::ev::Event) -> bool {
    let want = event_target_checked(ev);
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_checked(!want);
    }
    want
}

/// The choices as the server keeps them, and the lead times being edited.
#[derive(Clone, Copy)]
pub(super) struct Choices {
    pub(super) saved: RwSignal<ReminderChoices>,
    draft: RwSignal<ReminderChoices>,
}

impl Choices {
    /// Saves `next`; what the server kept becomes the saved choices. The
    /// toggles (push, the feed's detail) take effect at once; lead times only
    /// with `leads_too`, so a toggle never saves lead times still being edited.
    pub(super) async fn save(
        self,
        next: ReminderChoices,
        leads_too: bool,
        lang: Lang,
    ) -> Result<(), String> {
        if let Err(problem) = next.check() {
            return Err(problem.explain(lang).to_owned());
        }
        let kept = call(&SaveReminderChoices {}, &next)
            .await
            .map_err(|error| words(&error, lang))?;
        self.draft.update(|draft| {
            draft.push = kept.push;
            draft.feed = kept.feed;
            if leads_too {
                draft.settings = kept.settings.clone();
            }
        });
        self.saved.set(kept);
        Ok(())
    }
}

#[component]
pub fn ReminderSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let family = use_family();
    let loaded = LocalResource::new(|| call(&GetReminderChoices {}, &NoContent));
    view! {
        <A href="/" {..} class="back-link">{i18n.t(Text::NavHome)}</A>
        <h1 class="page-title">{i18n.t(Text::ReminderSettingsTitle)}</h1>
        <p><A href="/reminders" {..} data-testid="reminders-link">{i18n.t(Text::RemindersLink)}</A></p>
        {move || match loaded.get() {
            None => view! { <p class="status" role="status">{i18n.t(Text::Loading)}</p> }.into_any(),
            Some(Ok(choices)) => {
                let choices = Choices {
                    saved: RwSignal::new(choices.clone()),
                    draft: RwSignal::new(choices),
                };
                view! {
                    <LeadTimes choices=choices/>
                    <PushSection choices=choices/>
                    <FeedSection choices=choices/>
                }.into_any()
            }
            Some(Err(error)) if error.is_signed_out() => view! {
                <SignIn session_ended=error.is_session_ended() on_signed_in=Callback::new(move |()| {
                    family.reload();
                    loaded.refetch();
                })/>
            }.into_any(),
            Some(Err(error)) => {
                let why = match error {
                    FetchError::Offline => i18n.t(Text::ReminderSettingsNeedConnection)().to_owned(),
                    other => {
                        let told = other.server_words(i18n.lang()).map(|w| format!(" ({w})")).unwrap_or_default();
                        format!("{}{told}", i18n.t(Text::ReminderSettingsLoadFailed)())
                    }
                };
                view! {
                    <div class="status status-problem" role="alert" data-testid="settings-load-problem">
                        <p>{why}</p>
                        <button type="button" class="button" on:click=move |_| loaded.refetch()>{i18n.t(Text::Retry)}</button>
                    </div>
                }.into_any()
            }
        }}
    }
}

fn update_lead(choices: Choices, index: usize, change: impl FnOnce(&mut LeadSetting)) {
    choices.draft.update(|draft| {
        if let Some(lead) = draft.settings.leads.get_mut(index) {
            change(lead);
        }
    });
}

/// Each lead time on or off and when, the preparation nudge; saved together.
#[component]
fn LeadTimes(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let saved_now = RwSignal::new(false);
    let count = choices.draft.with_untracked(|d| d.settings.leads.len());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        saved_now.set(false);
        let lang = i18n.lang_untracked();
        let mut next = choices.saved.get_untracked();
        next.settings = choices.draft.get_untracked().settings;
        spawn_local(async move {
            let result = choices.save(next, true, lang).await;
            busy.set(false);
            match result {
                Ok(()) => saved_now.set(true),
                Err(words) => problem.set(Some(words)),
            }
        });
    };
    view! {
        <form class="form" data-testid="lead-times" on:submit=submit novalidate>
            <h2>{i18n.t(Text::LeadTimesHeading)}</h2>
            {(0..count).map(|index| view! { <LeadRow choices=choices index=index busy=busy/> }).collect_view()}
            <label class="check">
                <input type="checkbox" data-testid="preparation-on" disabled=busy
                    prop:checked=move || choices.draft.with(|d| d.settings.preparation)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        choices.draft.update(|d| d.settings.preparation = on);
                    }/>
                <span>{i18n.t(Text::PreparationOn)}</span>
            </label>
            <p class="form-problem" role="alert" data-testid="settings-problem">{move || problem.get()}</p>
            // "Saved" until something is changed again.
            {move || (saved_now.get() && choices.draft.with(|d| choices.saved.with(|s| d.settings == s.settings))).then(|| view! {
                <p class="status status-saved" role="status" data-testid="settings-saved">{i18n.t(Text::SettingsSaved)}</p>
            })}
            <button type="submit" class="button" data-testid="save-reminder-settings" disabled=busy aria-busy=move || busy.get().to_string()>
                {move || if busy.get() { i18n.t(Text::Working)() } else { i18n.t(Text::SaveSettings)() }}
            </button>
        </form>
    }
}

#[component]
fn LeadRow(choices: Choices, index: usize, busy: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let lead = move || choices.draft.with(|d| d.settings.leads.get(index).copied());
    let Some(first) = lead() else {
        return ().into_any();
    };
    let values = match first.lead {
        LeadTime::DaysBefore { days } => {
            let options = (1..=MAX_DAYS_BEFORE)
                .map(|n| {
                    view! {
                        <option value=n.to_string() selected=n == days>
                            {move || LeadTime::DaysBefore { days: n }.label(i18n.lang())}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <label class="field">
                    <span>{i18n.t(Text::DaysBefore)}</span>
                    <select data-testid="lead-days" disabled=busy on:change=move |ev| {
                        if let Ok(days) = event_target_value(&ev).parse() {
                            update_lead(choices, index, |l| l.lead = LeadTime::DaysBefore { days });
                        }
                    }>{options}</select>
                </label>
            }
            .into_any()
        }
        LeadTime::MorningOf { hour, hours_before } => {
            let hours = (5..=12u8)
                .map(|h| view! { <option value=h.to_string() selected=h == hour>{move || messages::hour_of_day(i18n.lang(), h)}</option> })
                .collect_view();
            let befores = (1..=6u8)
                .map(|n| view! { <option value=n.to_string() selected=n == hours_before>{move || messages::hours_before(i18n.lang(), n)}</option> })
                .collect_view();
            let set = move |hour: Option<u8>, before: Option<u8>| {
                update_lead(choices, index, |l| {
                    if let LeadTime::MorningOf {
                        hour: h,
                        hours_before: b,
                    } = &mut l.lead
                    {
                        *h = hour.unwrap_or(*h);
                        *b = before.unwrap_or(*b);
                    }
                });
            };
            view! {
                <div class="row">
                    <label class="field">
                        <span>{i18n.t(Text::MorningHour)}</span>
                        <select data-testid="lead-morning-hour" disabled=busy
                            on:change=move |ev| set(event_target_value(&ev).parse().ok(), None)>{hours}</select>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Text::EarlyHoursBefore)}</span>
                        <select data-testid="lead-hours-before" disabled=busy
                            on:change=move |ev| set(None, event_target_value(&ev).parse().ok())>{befores}</select>
                    </label>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="lead" data-testid="lead" data-index=index.to_string()>
            <legend>{move || lead().map(|l| l.lead.label(i18n.lang()))}</legend>
            <label class="check">
                <input type="checkbox" data-testid="lead-on" disabled=busy
                    prop:checked=move || lead().is_some_and(|l| l.on)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update_lead(choices, index, |l| l.on = on);
                    }/>
                <span>{i18n.t(Text::LeadOn)}</span>
            </label>
            {values}
        </fieldset>
    }
    .into_any()
}

/// 「通知でお知らせ」: the browser's permission is asked only when turned on.
#[component]
fn PushSection(choices: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let supported = push::supported();
    // Whether this device holds a subscription (`None` until the browser says).
    let device = RwSignal::new(None::<bool>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    if supported {
        spawn_local(async move { device.set(Some(push::current().await.is_some())) });
    }
    let on = move || choices.saved.with(|c| c.push) && device.get() == Some(true);
    let toggle = move |ev: leptos::ev::Event| {
        let want = tapped(&ev);
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let lang = i18n.lang_untracked();
        spawn_local(async move {
            let done = if want {
                push::subscribe().await
            } else {
                push::unsubscribe().await
            };
            let result = match done {
                Ok(()) => {
                    device.set(Some(want));
                    // The page may have been left while the browser asked.
                    let Some(mut next) = choices.saved.try_get_untracked() else {
                        return;
                    };
                    next.push = want;
                    choices.save(next, false, lang).await
                }
                Err(error) => Err(push_words(&error, lang)),
            };
            busy.set(false);
            if let Err(words) = result {
                problem.set(Some(words));
            }
        });
    };
    view! {
        <section aria-labelledby="push-heading" class="form" data-testid="push-settings">
            <h2 id="push-heading">{i18n.t(Text::PushHeading)}</h2>
            <label class="check">
                <input type="checkbox" data-testid="push-toggle" disabled=move || busy.get() || !supported
                    aria-busy=move || busy.get().to_string() prop:checked=on on:change=toggle/>
                <span>{i18n.t(Text::PushToggle)}</span>
            </label>
            {if supported {
                view! { <p class="hint">{i18n.t(Text::PushIntro)}</p> }.into_any()
            } else {
                view! { <p class="status status-warning" data-testid="push-unsupported">{i18n.t(Text::PushUnsupported)}</p> }.into_any()
            }}
            {move || (choices.saved.with(|c| c.push) && device.get() == Some(false)).then(|| view! {
                <p class="hint" data-testid="push-elsewhere">{i18n.t(Text::PushElsewhere)}</p>
            })}
            {move || busy.get().then(|| view! { <p class="status" role="status">{i18n.t(Text::Working)}</p> })}
            <p class="form-problem" role="alert" data-testid="push-problem">{move || problem.get()}</p>
        </section>
    }
}
