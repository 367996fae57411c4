//! The support directory (連絡先) on the desk: the town's agencies by field,
//! retired ones marked; add one, change one, retire one (or bring it back).
//! Every save sends the whole agency, checked first by the rules the server
//! checks it with; it reaches every device through sync.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use tsunagu_model::{
    Lang,
    directory::{Agency, AgencyField},
    endpoints::{ListAgencies, NoContent, SaveAgency},
};

use super::{LinesArea, Notice, SaveOrClose, bring_into_view, say};
use crate::{
    api::{FetchError, call},
    i18n::{Text, use_i18n},
    sync::new_record_id,
};

/// What the agency form is doing: closed, a new agency, or one being changed.
#[derive(Clone)]
enum Editing {
    Closed,
    New,
    Existing(Box<Agency>),
}

/// What the last save did, said under its agency's row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Done {
    Saved,
    Retired,
    Restored,
}

impl Done {
    const fn say(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Saved, Lang::Ja) => "保存しました:",
            (Self::Retired, Lang::Ja) => "掲載を終えました(各端末の連絡先から消えます):",
            (Self::Restored, Lang::Ja) => "連絡先に戻しました:",
            (Self::Saved, Lang::En) => "Saved:",
            (Self::Retired, Lang::En) => "Retired (it leaves every device's directory):",
            (Self::Restored, Lang::En) => "Back in the directory:",
        }
    }
}

async fn save(agency: &Agency) -> Result<Agency, FetchError> {
    call(
        &SaveAgency {
            agency_id: agency.id,
        },
        agency,
    )
    .await
}

#[component]
pub fn DirectoryDesk() -> impl IntoView {
    let i18n = use_i18n();
    let agencies = LocalResource::new(move || async move {
        call(&ListAgencies {}, &NoContent).await.map(|mut list| {
            // In each field the agencies in the directory first, retired ones after.
            list.sort_by_key(|a: &Agency| (a.field, a.retired));
            list
        })
    });
    let editing = RwSignal::new(Editing::Closed);
    let done = RwSignal::new(None::<(uuid::Uuid, Done)>);
    let problem = RwSignal::new(None::<String>);
    let saved = Callback::new(move |id: uuid::Uuid| {
        editing.set(Editing::Closed);
        done.set(Some((id, Done::Saved)));
        agencies.refetch();
    });
    let close = Callback::new(move |()| editing.set(Editing::Closed));
    let set_retired = move |agency: Agency, retired: bool| {
        let lang = i18n.lang_untracked();
        problem.set(None);
        done.set(None);
        let agency = Agency { retired, ..agency };
        spawn_local(async move {
            match save(&agency).await {
                Ok(kept) => {
                    let said = if retired {
                        Done::Retired
                    } else {
                        Done::Restored
                    };
                    done.set(Some((kept.id, said)));
                }
                Err(error) => problem.set(Some(say(&error, lang))),
            }
            agencies.refetch();
        });
    };

    view! {
        <section class="staff-panel" data-testid="directory-desk" aria-labelledby="directory-desk-title">
            <h2 id="directory-desk-title">{i18n.tr("連絡先(関係機関)", "Support directory (agencies)")}</h2>
            <p class="hint">{i18n.tr(
                "ここで保存した内容は、保護者とメンターの端末の「連絡先」に同期されます。",
                "What you save here reaches the directory on parents' and mentors' devices through sync.",
            )}</p>
            <p class="form-problem" role="alert" data-testid="directory-problem">{move || problem.get()}</p>
            {move || match agencies.get() {
                None => view! { <p class="status">{i18n.t(Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="status status-problem" role="alert">{say(&error, i18n.lang())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty">{i18n.tr("まだ登録された機関はありません。", "No agency yet.")}</p>
                }.into_any(),
                Some(Ok(list)) => AgencyField::ALL.into_iter().filter_map(|field| {
                    let here: Vec<Agency> = list.iter().filter(|a| a.field == field).cloned().collect();
                    (!here.is_empty()).then(|| view! {
                        <h3 data-testid="agency-field" data-field=field.as_str()>{move || field.label(i18n.lang())}</h3>
                        <table class="staff-table">
                            <tbody>
                                {here.into_iter().map(|a| {
                                    let id = a.id;
                                    let retired = a.retired;
                                    let (to_edit, to_toggle, for_form) = (a.clone(), a.clone(), a.clone());
                                    let name = a.name.clone();
                                    let editing_here = move || {
                                        matches!(editing.get(), Editing::Existing(e) if e.id == id)
                                    };
                                    view! {
                                        <tr data-testid="agency-row" data-agency=id.to_string() data-retired=retired.to_string()>
                                            <td>
                                                <strong class="name" data-testid="agency-name">{a.name.clone()}</strong>
                                                {retired.then(|| view! {
                                                    " "<span class="badge badge-warn" data-testid="agency-retired">{i18n.tr("掲載終了", "Retired")}</span>
                                                })}
                                                <br/><small>{a.reading.clone()}</small>
                                            </td>
                                            <td>
                                                <span data-testid="agency-phone">{a.phone.clone()}</span>
                                                {(!a.hours.is_empty()).then(|| view! { <br/><small>{a.hours.clone()}</small> })}
                                            </td>
                                            <td>
                                                <button type="button" class="button button-quiet" data-testid="agency-edit"
                                                    aria-expanded=move || editing_here().to_string()
                                                    on:click=move |_| {
                                                        done.set(None);
                                                        editing.set(Editing::Existing(Box::new(to_edit.clone())));
                                                    }>
                                                    {i18n.tr("変更する", "Change")}
                                                </button>
                                                {if retired {
                                                    view! {
                                                        <button type="button" class="button button-quiet" data-testid="agency-restore"
                                                            on:click=move |_| set_retired(to_toggle.clone(), false)>
                                                            {i18n.tr("連絡先に戻す", "Put back in the directory")}
                                                        </button>
                                                    }.into_any()
                                                } else {
                                                    view! {
                                                        <button type="button" class="button button-quiet" data-testid="agency-retire"
                                                            on:click=move |_| set_retired(to_toggle.clone(), true)>
                                                            {i18n.tr("掲載を終える", "Retire")}
                                                        </button>
                                                    }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                        // Under its row, where the coordinator is: the last save's notice, the form.
                                        {move || done.get().filter(|(d, _)| *d == id).map(|(_, said)| {
                                            let name = name.clone();
                                            view! {
                                                <tr class="staff-row-panel"><td colspan="3">
                                                    <Notice text=Signal::derive(move || format!("{} {name}", said.say(i18n.lang())))/>
                                                </td></tr>
                                            }
                                        })}
                                        {move || editing_here().then(|| view! {
                                            <tr class="staff-row-panel"><td colspan="3">
                                                <AgencyForm initial=Some(for_form.clone()) on_saved=saved on_close=close/>
                                            </td></tr>
                                        })}
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })
                }).collect_view().into_any(),
            }}
            {move || match editing.get() {
                Editing::New => view! { <AgencyForm initial=None on_saved=saved on_close=close/> }.into_any(),
                _ => view! {
                    <button type="button" class="button" data-testid="agency-new"
                        on:click=move |_| {
                            done.set(None);
                            editing.set(Editing::New);
                        }>
                        {i18n.tr("機関を追加する", "Add an agency")}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}

/// A one-line box of the agency form.
#[component]
fn Line(
    ja: &'static str,
    en: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    /// How phones offer their keyboard (`tel`, `url`); text by default.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.tr(ja, en)}</span>
            <input type="text" name=name inputmode=inputmode prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// The agency form: every field of an agency, a new one (a fresh id) or one
/// being changed, checked by `Agency::check` before it is sent.
#[component]
fn AgencyForm(
    initial: Option<Agency>,
    on_saved: Callback<uuid::Uuid>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let head = NodeRef::<leptos::html::H4>::new();
    Effect::new(move |_| {
        if let Some(h) = head.get() {
            bring_into_view(&h);
        }
    });
    let title = initial.as_ref().map(|a| a.name.clone());
    let start = initial.unwrap_or_else(|| Agency {
        id: new_record_id(),
        field: AgencyField::Health,
        name: String::new(),
        reading: String::new(),
        does: String::new(),
        phone: String::new(),
        hours: String::new(),
        address: String::new(),
        website: String::new(),
        notes: String::new(),
        retired: false,
    });
    let (id, retired) = (start.id, start.retired);
    let field = RwSignal::new(start.field);
    let name = RwSignal::new(start.name);
    let reading = RwSignal::new(start.reading);
    let does = RwSignal::new(start.does);
    let phone = RwSignal::new(start.phone);
    let hours = RwSignal::new(start.hours);
    let address = RwSignal::new(start.address);
    let website = RwSignal::new(start.website);
    let notes = RwSignal::new(start.notes);
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let lang = i18n.lang_untracked();
        let agency = Agency {
            id,
            field: field.get_untracked(),
            name: name.get_untracked(),
            reading: reading.get_untracked(),
            does: does.get_untracked(),
            phone: phone.get_untracked(),
            hours: hours.get_untracked(),
            address: address.get_untracked(),
            website: website.get_untracked(),
            notes: notes.get_untracked(),
            retired,
        }
        .tidy();
        if let Err(p) = agency.check() {
            problem.set(Some(p.explain(lang).to_owned()));
            return;
        }
        pending.set(true);
        problem.set(None);
        spawn_local(async move {
            match save(&agency).await {
                Ok(kept) => {
                    // The screen that asked may have been rebuilt meanwhile.
                    let _ = on_saved.try_run(kept.id);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(say(&error, lang)));
                }
            }
            let _ = pending.try_set(false);
        });
    };

    view! {
        <form class="form staff-panel" data-testid="agency-form" on:submit=submit>
            <h4 class="panel-title" tabindex="-1" node_ref=head data-testid="agency-form-title">
                {move || match &title {
                    Some(name) => format!("{} {name}", i18n.tr("機関を変更:", "Change agency:")()),
                    None => i18n.tr("新しい機関", "New agency")().to_owned(),
                }}
            </h4>
            <div class="row">
                <label class="field">
                    <span>{i18n.tr("分野", "Field")}</span>
                    <select name="field" on:change=move |ev| {
                        if let Ok(f) = event_target_value(&ev).parse() { field.set(f) }
                    }>
                        {AgencyField::ALL.into_iter().map(|f| view! {
                            <option value=f.as_str() selected=field.get_untracked() == f>{move || f.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Line ja="名前" en="Name" name="name" value=name/>
                <Line ja="よみがな(ひらがな)" en="Reading (hiragana)" name="reading" value=reading/>
            </div>
            <LinesArea label=i18n.tr("していること", "What they do") name="does" value=does rows=2/>
            <div class="row">
                <Line ja="電話" en="Phone" name="phone" value=phone inputmode="tel"/>
                <Line ja="受付時間" en="Hours" name="hours" value=hours/>
            </div>
            <div class="row">
                <Line ja="住所" en="Address" name="address" value=address/>
                <Line ja="ウェブサイト" en="Web site" name="website" value=website inputmode="url"/>
            </div>
            <LinesArea label=i18n.tr("メモ", "Notes") name="notes" value=notes rows=2/>
            <SaveOrClose save="agency-save" problem=problem pending=pending on_close=on_close/>
        </form>
    }
}
