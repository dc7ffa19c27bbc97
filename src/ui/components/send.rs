//! Send the result to a campaign, if the visitor chooses (PRODUCT.md journey step 6; README "Forwarding to a
//! campaign site"). Mounted once at the end of the result screen; shows nothing without a manifest.
//!
//! An inline manifest is read with no request at all. A manifest given as an address is fetched only when the
//! visitor clicks "See the campaign…", after being told so. A manifest that is not valid (see
//! [`crate::manifest::validate`]) gets a console message naming each problem and a visible notice, and no send
//! button: the check itself is untouched.
//!
//! The consent form shows the campaign's name, origin, purpose, controller, retention, fee and privacy
//! policy, and exactly what will go, with the values: the claims, the required answers, the optional answers
//! (each unticked), the contact details the manifest asks for (checked like the questionnaire's fields:
//! errors next to them, what was typed kept) and an unticked consent box. One button sends; a failure says
//! what happened, keeps everything, offers a retry with the same idempotency key and a download or copy of
//! the result; a success shows a receipt.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::send_deliver::{
    copy_text, data_url, deliver, random_key, usable_here, warn, Failure, Outcome,
};
use super::{isolated, FieldError};
use crate::engine::{Cents, FactId};
use crate::host_config::ManifestSource;
use crate::i18n::{t, tf, Locale};
use crate::manifest::{
    check_contact, payload, validate, Campaign, Chosen, Contact, Problem, MAX_MANIFEST_BYTES,
};
use crate::ui::app::{use_wizard, HostEvent, WidgetProps};
use crate::ui::browser::fetch::{fetch_text, FetchError, MANIFEST_TIMEOUT_MS};
use crate::ui::text;
use crate::url::Url;

/// The campaign, as far as it is known.
#[derive(Clone, PartialEq)]
enum Load {
    /// An address, not fetched yet (or its fetch failed: the failure).
    Url(Url, Option<FetchError>),
    /// Being fetched.
    Loading(Url),
    /// Valid.
    Ready(Rc<Campaign>),
    /// Refused: the first problem, for the notice (all of them went to the console).
    Invalid(Problem),
}

/// Where sending stands.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Sending,
    Failed(Failure),
    Sent(Receipt),
}

/// What the receipt says.
#[derive(Clone, PartialEq)]
struct Receipt {
    outcome: Outcome,
    date: String,
    time: String,
    fields: Vec<String>,
}

/// Checks a manifest document and the page it is used on; logs each problem.
fn check(doc: Option<serde_json::Value>, served_from: Option<&str>) -> Load {
    let result = match doc {
        None => Err(vec![Problem {
            path: String::new(),
            code: "not_object",
        }]),
        Some(doc) => validate(&doc, served_from).and_then(|c| match usable_here(&c) {
            Ok(()) => Ok(c),
            Err(code) => Err(vec![Problem {
                path: "delivery".into(),
                code,
            }]),
        }),
    };
    match result {
        Ok(c) => Load::Ready(Rc::new(c)),
        Err(problems) => {
            for p in &problems {
                warn(&format!(
                    "data-manifest was refused: {}. The check works, but results cannot be sent",
                    p.explain()
                ));
            }
            Load::Invalid(problems.into_iter().next().unwrap_or(Problem {
                path: String::new(),
                code: "invalid",
            }))
        }
    }
}

fn initial(source: &ManifestSource) -> Load {
    match source {
        ManifestSource::Inline(doc) => check(Some(doc.clone()), None),
        ManifestSource::Url(url) => Load::Url(url.clone(), None),
    }
}

/// Why the manifest could not be fetched, every value filled in.
fn fetch_failure(locale: Locale, f: FetchError) -> String {
    let status = f.status().map(|s| s.to_string()).unwrap_or_default();
    let limit = (MAX_MANIFEST_BYTES / 1024).to_string();
    tf(
        locale,
        &format!("manifest.fetch.{}", f.code()),
        &[("status", &status), ("limit", &limit)],
    )
}

fn fee(locale: Locale, c: &Campaign) -> String {
    let percent = {
        let (whole, frac) = (c.fee_hundredths / 100, c.fee_hundredths % 100);
        let sep = if locale == Locale::Fr { "," } else { "." };
        match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}{sep}{}", f / 10),
            f => format!("{whole}{sep}{f:02}"),
        }
    };
    let amount = text::money(locale, Cents(c.fee_fixed_cents.min(i64::MAX as u64) as i64));
    match (c.fee_hundredths, c.fee_fixed_cents) {
        (0, 0) => t(locale, "send.fee_none").to_string(),
        (_, 0) => tf(locale, "send.fee_percent", &[("percent", &percent)]),
        (0, _) => tf(locale, "send.fee_fixed", &[("amount", &amount)]),
        _ => tf(
            locale,
            "send.fee_both",
            &[("percent", &percent), ("amount", &amount)],
        ),
    }
}

fn now(locale: Locale) -> (String, String) {
    let d = js_sys::Date::new_0();
    let date = crate::engine::Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .map(|x| text::date(locale, x))
        .unwrap_or_default();
    (date, format!("{:02}:{:02}", d.get_hours(), d.get_minutes()))
}

/// The send panel.
#[component]
pub fn SendPanel() -> Html {
    let props = use_context::<WidgetProps>();
    let raw = props.as_ref().and_then(|p| p.manifest.clone());
    let on_event = props.map(|p| p.on_event).unwrap_or_default();
    let state = use_wizard();
    let locale = state.locale;
    let load = use_state({
        let raw = raw.clone();
        move || raw.as_deref().map(initial)
    });
    let open = use_state(|| false);
    let ticked = use_state(Vec::<FactId>::new);
    let typed = use_state(Vec::<(Contact, String)>::new);
    let consent = use_state(|| false);
    let errors = use_state(Vec::<(Contact, &'static str)>::new);
    let consent_error = use_state(|| false);
    let status = use_state(|| Status::Idle);
    let copied = use_state(|| false);
    // One key per result, kept across retries: the campaign stores a retried result once.
    let key = use_state(random_key);
    let place = use_node_ref();
    let focus_after = use_node_ref();

    // Move focus to the failure or the receipt when it appears.
    {
        let focus_after = focus_after.clone();
        use_effect_with((*status).clone(), move |s| {
            if matches!(s, Status::Failed(_) | Status::Sent(_)) {
                if let Some(el) = focus_after.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let Some(current) = (*load).clone() else {
        return html! {};
    };
    let title = html! { <h3 class="lic-h3" id="lic-send-title">{ t(locale, "send.title") }</h3> };

    let campaign = match current {
        Load::Invalid(problem) => {
            let what = if problem.path.is_empty() {
                problem.code.to_string()
            } else {
                format!("{}: {}", problem.path, problem.code)
            };
            return html! {
                <section class="lic-send" aria-labelledby="lic-send-title">
                    { title }
                    <p class="lic-notice">{ tf(locale, "send.invalid", &[("problem", &what)]) }</p>
                </section>
            };
        }
        Load::Url(..) | Load::Loading(..) => {
            let (url, failure, loading) = match current {
                Load::Url(url, failure) => (url, failure, false),
                Load::Loading(url) => (url, None, true),
                _ => return html! {},
            };
            let origin = url.origin();
            let onclick = {
                let load = load.clone();
                let url = url.clone();
                Callback::from(move |_: MouseEvent| {
                    let load = load.clone();
                    let url = url.clone();
                    load.set(Some(Load::Loading(url.clone())));
                    wasm_bindgen_futures::spawn_local(async move {
                        // Served from the address fetched: its origin, by the same parser, always.
                        let served = url.origin();
                        let next =
                            match fetch_text(&url, MAX_MANIFEST_BYTES, MANIFEST_TIMEOUT_MS).await {
                                Ok(text) => {
                                    check(super::send_deliver::parse_json(&text), Some(&served))
                                }
                                Err(f) => {
                                    warn(&format!(
                                        "the manifest at {} could not be fetched: {}",
                                        crate::manifest::shorten(&url.href()),
                                        f.explain(MAX_MANIFEST_BYTES)
                                    ));
                                    Load::Url(url, Some(f))
                                }
                            };
                        load.set(Some(next));
                    });
                })
            };
            return html! {
                <section class="lic-send" aria-labelledby="lic-send-title">
                    { title }
                    <p>{ tf(locale, "send.intro_url", &[("origin", &origin)]) }</p>
                    if let Some(f) = failure {
                        <p class="lic-error" role="alert">{ tf(locale, "send.load_failed", &[("origin", &origin)]) }{ " " }{ fetch_failure(locale, f) }</p>
                    }
                    <p class="lic-sr-only" role="status">{ if loading { t(locale, "send.loading") } else { "" } }</p>
                    <div class="lic-actions">
                        <button type="button" class="lic-button" {onclick} disabled={loading}>{ t(locale, if failure.is_some() { "send.load_retry" } else { "send.load" }) }</button>
                    </div>
                </section>
            };
        }
        Load::Ready(c) => c,
    };

    let eval = state.evaluation.clone();
    let name = campaign.name.clone();
    let origin = campaign.origin.clone();

    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(true))
        };
        return html! {
            <section class="lic-send" aria-labelledby="lic-send-title">
                { title }
                <p>{ isolated(locale, "send.offer", &[("name", &name), ("origin", &origin)]) }</p>
                <div class="lic-actions">
                    <button type="button" class="lic-button" aria-expanded="false" {onclick}>{ isolated(locale, "send.open", &[("name", &name)]) }</button>
                </div>
            </section>
        };
    }

    // What will go, with its values.
    let claims: Vec<Html> = eval
        .claims
        .iter()
        .filter(|c| campaign.gathers(c.claim))
        .map(|c| {
            let id = c.claim.id();
            let title = t(locale, &format!("claim.{id}.title"));
            let verdict = t(locale, &format!("verdict.{}", c.verdict.id()));
            html! { <li>{ tf(locale, "send.claim", &[("claim", title), ("verdict", verdict)]) }</li> }
        })
        .collect();
    let value_of = |fact: FactId| {
        state
            .answers
            .get(fact)
            .map(|a| text::answer(locale, fact, a))
            .unwrap_or_else(|| t(locale, "send.not_answered").to_string())
    };
    let answers = campaign.answers();
    let required_rows: Vec<Html> = answers
        .iter()
        .filter(|(_, r)| *r)
        .map(|(f, _)| {
            html! {
                <li data-field={f.id()}>
                    <span class="lic-send-label">{ t(locale, &format!("q.{}.short", f.id())) }</span>{ " : " }
                    <span class="lic-send-value">{ value_of(*f) }</span>
                </li>
            }
        })
        .collect();
    let optional_rows: Vec<Html> = answers
        .iter()
        .filter(|(_, r)| !*r)
        .map(|(f, _)| {
            let fact = *f;
            let id = format!("lic-send-opt-{}", fact.id());
            let checked = ticked.contains(&fact);
            let onchange = {
                let ticked = ticked.clone();
                Callback::from(move |e: Event| {
                    let on = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                        .is_some_and(|i| i.checked());
                    let mut list: Vec<FactId> =
                        ticked.iter().copied().filter(|x| *x != fact).collect();
                    if on {
                        list.push(fact);
                    }
                    ticked.set(list);
                })
            };
            html! {
                <li class="lic-check" data-field={fact.id()}>
                    <input type="checkbox" id={id.clone()} {checked} {onchange} />
                    <label for={id}>
                        <span class="lic-send-label">{ t(locale, &format!("q.{}.short", fact.id())) }</span>{ " : " }
                        <span class="lic-send-value">{ value_of(fact) }</span>
                    </label>
                </li>
            }
        })
        .collect();
    let contacts = campaign.contacts();
    let contact_rows: Vec<Html> = contacts
        .iter()
        .map(|(c, required)| {
            let contact = *c;
            let id = format!("lic-send-{}", contact.id());
            let error_id = format!("{id}-error");
            let value = typed
                .iter()
                .find(|(x, _)| *x == contact)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let error = errors.iter().find(|(x, _)| *x == contact).map(|(_, e)| *e);
            let oninput = {
                let typed = typed.clone();
                Callback::from(move |e: InputEvent| {
                    let Some(target) = e.target() else { return };
                    let v = target
                        .clone()
                        .dyn_into::<HtmlInputElement>()
                        .map(|i| i.value())
                        .or_else(|_| target.dyn_into::<HtmlTextAreaElement>().map(|t| t.value()))
                        .unwrap_or_default();
                    let mut list: Vec<(Contact, String)> =
                        typed.iter().filter(|(x, _)| *x != contact).cloned().collect();
                    list.push((contact, v));
                    typed.set(list);
                })
            };
            let need = if *required {
                t(locale, "send.contact_required")
            } else {
                t(locale, "send.contact_optional")
            };
            let described = error.map(|_| AttrValue::from(error_id.clone()));
            let invalid = error.map(|_| "true");
            let (kind, autocomplete) = match contact {
                Contact::Name => ("text", "name"),
                Contact::Email => ("email", "email"),
                Contact::Phone => ("tel", "tel"),
                Contact::PostalAddress => ("text", "street-address"),
            };
            let input = if contact == Contact::PostalAddress {
                html! { <textarea id={id.clone()} class="lic-input" rows="3" {autocomplete} value={value} {oninput} aria-describedby={described} aria-invalid={invalid} required={*required} /> }
            } else {
                html! { <input id={id.clone()} class="lic-input" type={kind} {autocomplete} value={value} {oninput} aria-describedby={described} aria-invalid={invalid} required={*required} /> }
            };
            html! {
                <div class="lic-field" data-field={contact.id()}>
                    <label for={id}>{ t(locale, &format!("send.field.{}", contact.id())) }{ " (" }{ need }{ ")" }</label>
                    if let Some(code) = error {
                        <FieldError id={error_id.clone()} message={t(locale, &format!("send.error.{code}"))} />
                    }
                    { input }
                </div>
            }
        })
        .collect();

    // The chosen answers and contact details, checked; errors set on the fields when `show` is true.
    let collect = {
        let campaign = campaign.clone();
        let ticked = ticked.clone();
        let typed = typed.clone();
        let errors = errors.clone();
        move || -> Option<Chosen> {
            let mut chosen = Chosen::default();
            for (f, required) in campaign.answers() {
                if required || ticked.contains(&f) {
                    chosen.answers.push(f);
                }
            }
            let mut problems = Vec::new();
            for (c, required) in campaign.contacts() {
                let v = typed
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("");
                match check_contact(c, v, required) {
                    Ok(Some(v)) => chosen.contact.push((c, v)),
                    Ok(None) => {}
                    Err(p) => problems.push((c, p.code())),
                }
            }
            let ok = problems.is_empty();
            errors.set(problems);
            ok.then_some(chosen)
        }
    };

    let body_of = {
        let campaign = campaign.clone();
        let key = key.clone();
        let state = state.clone();
        move |chosen: &Chosen| {
            payload(&campaign, &state.evaluation, &state.answers, chosen, &key).to_string()
        }
    };

    let fields_sent = {
        let campaign = campaign.clone();
        move |chosen: &Chosen| -> Vec<String> {
            let mut out = vec![t(locale, "send.receipt.result").to_string()];
            out.extend(
                chosen
                    .answers
                    .iter()
                    .map(|f| t(locale, &format!("q.{}.short", f.id())).to_string()),
            );
            out.extend(
                chosen
                    .contact
                    .iter()
                    .map(|(c, _)| t(locale, &format!("send.field.{}", c.id())).to_string()),
            );
            let _ = &campaign;
            out
        }
    };

    let onsubmit = {
        let consent = consent.clone();
        let consent_error = consent_error.clone();
        let status = status.clone();
        let campaign = campaign.clone();
        let place = place.clone();
        let on_event = on_event.clone();
        let collect = collect.clone();
        let body_of = body_of.clone();
        let fields_sent = fields_sent.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*status, Status::Sending | Status::Sent(_)) {
                return;
            }
            let chosen = collect();
            consent_error.set(!*consent);
            let (Some(chosen), true) = (chosen, *consent) else {
                // Focus the first field in error, or the consent box.
                if let Some(root) = place.cast::<Element>() {
                    let first = root
                        .query_selector("[aria-invalid=\"true\"], #lic-send-consent")
                        .ok()
                        .flatten();
                    if let Some(el) = first.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                }
                return;
            };
            let Some(el) = place.cast::<Element>() else {
                return;
            };
            let body = body_of(&chosen);
            let fields = fields_sent(&chosen);
            status.set(Status::Sending);
            let status = status.clone();
            let campaign = campaign.clone();
            let on_event = on_event.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match deliver(&campaign, &body, &el).await {
                    Ok(outcome) => {
                        let (date, time) = now(locale);
                        status.set(Status::Sent(Receipt {
                            outcome,
                            date,
                            time,
                            fields,
                        }));
                        on_event.emit(HostEvent::Sent);
                    }
                    Err(f) => {
                        warn(&format!("sending to the campaign failed ({})", f.id()));
                        status.set(Status::Failed(f));
                    }
                }
            });
        })
    };

    let on_consent = {
        let consent = consent.clone();
        let consent_error = consent_error.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            consent.set(on);
            if on {
                consent_error.set(false);
            }
        })
    };

    let keep_result = {
        let chosen = Chosen {
            answers: campaign
                .answers()
                .into_iter()
                .filter(|(f, r)| *r || ticked.contains(f))
                .map(|(f, _)| f)
                .collect(),
            contact: Vec::new(),
        };
        body_of(&chosen)
    };
    let on_copy = {
        let copied = copied.clone();
        let text = keep_result.clone();
        Callback::from(move |_: MouseEvent| {
            copy_text(&text);
            copied.set(true);
        })
    };

    let receipt = match &*status {
        Status::Sent(r) => {
            let args = [
                ("date", r.date.as_str()),
                ("time", r.time.as_str()),
                ("name", name.as_str()),
                ("origin", origin.as_str()),
            ];
            let (line, reference) = match &r.outcome {
                Outcome::Stored(reference) => (
                    isolated(locale, "send.receipt.when", &args),
                    reference.as_deref().map(crate::host_config::host_text),
                ),
                Outcome::Opened => (isolated(locale, "send.receipt.opened", &args), None),
                Outcome::Handed => (isolated(locale, "send.receipt.handed", &args), None),
            };
            Some(html! {
                <div class="lic-send-receipt">
                    <h4 class="lic-h4" tabindex="-1" ref={focus_after.clone()}>{ t(locale, "send.receipt.title") }</h4>
                    <p>{ line }</p>
                    <p>{ t(locale, "send.receipt.fields") }</p>
                    <ul class="lic-list">{ for r.fields.iter().map(|f| html! { <li>{ f.clone() }</li> }) }</ul>
                    if let Some(reference) = reference {
                        <p>{ isolated(locale, "send.receipt.reference", &[("reference", &reference)]) }</p>
                    }
                </div>
            })
        }
        _ => None,
    };
    if let Some(receipt) = receipt {
        return html! {
            <section class="lic-send" aria-labelledby="lic-send-title" ref={place}>
                { title }
                { receipt }
            </section>
        };
    }

    let failure = match &*status {
        Status::Failed(f) => {
            let status_text = f.status().map(|s| s.to_string()).unwrap_or_default();
            Some(html! {
                <div class="lic-send-failure" role="alert">
                    <h4 class="lic-h4" tabindex="-1" ref={focus_after.clone()}>{ t(locale, "send.fail.title") }</h4>
                    <p>{ tf(locale, &format!("send.fail.{}", f.id()), &[("status", &status_text)]) }</p>
                    <p>{ t(locale, "send.keep") }</p>
                </div>
            })
        }
        _ => None,
    };
    let failed = matches!(*status, Status::Failed(_));
    let sending = matches!(*status, Status::Sending);
    let consent_described = consent_error.then_some(AttrValue::from("lic-send-consent-error"));
    let submit_label = if failed {
        t(locale, "send.retry")
    } else {
        t(locale, "send.submit")
    };

    // Who receives it and on what terms, in the order of the consent screen (the privacy link follows).
    let facts = [
        ("send.who", name.clone()),
        ("send.site", origin.clone()),
        ("send.purpose", campaign.purpose.clone()),
        (
            "send.controller",
            format!("{} — {}", campaign.controller, campaign.controller_contact),
        ),
        (
            "send.retention",
            tf(
                locale,
                "send.retention_months",
                &[("n", &campaign.retention_months.to_string())],
            ),
        ),
        ("send.fee", fee(locale, &campaign)),
    ];

    html! {
        <section class="lic-send" aria-labelledby="lic-send-title" ref={place}>
            { title }
            <form class="lic-send-form" novalidate=true {onsubmit}>
                <p>{ t(locale, "send.intro") }</p>
                <dl class="lic-summary">
                    { for facts.iter().map(|(key, value)| html! {
                        <div class="lic-summary-row"><dt>{ t(locale, key) }</dt><dd><bdi>{ value.clone() }</bdi></dd></div>
                    }) }
                    <div class="lic-summary-row"><dt>{ t(locale, "send.privacy") }</dt><dd><a href={campaign.privacy_policy.clone()} target="_blank" rel="noopener noreferrer">{ isolated(locale, "send.privacy_link", &[("name", &name)]) }</a></dd></div>
                </dl>
                <h4 class="lic-h4">{ t(locale, "send.what") }</h4>
                <p>{ t(locale, "send.result_line") }</p>
                <ul class="lic-list lic-send-claims">{ for claims }</ul>
                if !required_rows.is_empty() {
                    <p>{ t(locale, "send.required") }</p>
                    <ul class="lic-list lic-send-required">{ for required_rows }</ul>
                }
                if !optional_rows.is_empty() {
                    <fieldset class="lic-fieldset">
                        <legend>{ t(locale, "send.optional") }</legend>
                        <ul class="lic-list lic-send-optional">{ for optional_rows }</ul>
                    </fieldset>
                }
                if !contact_rows.is_empty() {
                    <fieldset class="lic-fieldset">
                        <legend>{ t(locale, "send.contact") }</legend>
                        { for contact_rows }
                    </fieldset>
                }
                <div class="lic-field lic-check">
                    if *consent_error {
                        <FieldError id="lic-send-consent-error" message={t(locale, "send.error.consent")} />
                    }
                    <input type="checkbox" id="lic-send-consent" checked={*consent} onchange={on_consent} aria-describedby={consent_described} aria-invalid={consent_error.then_some("true")} />
                    <label for="lic-send-consent">{ isolated(locale, "send.consent", &[("name", &name), ("origin", &origin)]) }</label>
                </div>
                { for failure }
                <p class="lic-sr-only" role="status">{ if sending { t(locale, "send.sending") } else { "" } }</p>
                <div class="lic-actions">
                    <button type="submit" class="lic-button lic-primary" disabled={sending}>{ submit_label }</button>
                </div>
                if failed {
                    <div class="lic-actions">
                        <a class="lic-button" href={data_url(&keep_result)} download="loan-insurance-check-result.json">{ t(locale, "send.download") }</a>
                        <button type="button" class="lic-button" onclick={on_copy}>{ t(locale, "send.copy") }</button>
                    </div>
                    if *copied {
                        <p role="status">{ t(locale, "send.copied") }</p>
                    }
                }
            </form>
        </section>
    }
}
