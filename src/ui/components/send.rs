//! Send the result to a campaign, if the visitor chooses (PRODUCT.md journey step 6; README "Forwarding to a
//! campaign site"). Mounted once at the end of the result screen; shows nothing without a manifest.
//!
//! An inline manifest is read with no request at all. A manifest given as an address is fetched only when the
//! visitor clicks "See the campaign…", after being told so. A manifest that is not valid (see
//! [`crate::manifest::validate`]) gets a console message naming each problem and a visible notice, and no send
//! button: the check itself is untouched.
//!
//! The consent form renders one [`Preview`] (src/payload.rs) and the payload is built from that preview and
//! nothing else. The idempotency key is derived from the content: a retry of the same content is stored once,
//! and a corrected e-mail or one more answer is a new key. A result already sent to this campaign shows its
//! receipt again instead of a new send (across "change my answers" and back, and across a reload when the
//! visitor chose "remember on this device"). The receipt lists what the campaign confirmed. In a frame, a
//! click on "Send" counts only if the browser reports the button visible (IntersectionObserver v2); a browser
//! that cannot say gets a link to confirm in the widget's own top-level page.
//!
//! State: one reducer ([`Panel`], [`Msg`]); the parts are small view functions over typed arguments and
//! callbacks (plain functions rather than yew components: ten components cost some 19 KB brotli of wasm, and
//! none of these parts has state of its own).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{actions, el, el_role, field_error, isolated, item, para, paragraph};
use crate::engine::{Answers, Cents, Date, DetailValue, FactId};
use crate::host_config::ManifestSource;
use crate::i18n::tables;
use crate::i18n::{t, tf, Locale};
use crate::manifest::{
    check_contact, validate, Campaign, Contact, ManifestCode, ManifestProblem, MAX_MANIFEST_BYTES,
};
use crate::payload::{field_ids, payload, preview, result_fingerprint, Chosen, Preview};
use crate::ui::app::{use_wizard, HostEvent, WidgetProps};
use crate::ui::browser::copy_text;
use crate::ui::browser::deliver::{
    deliver, framed, load_sent, now_parts, parse_json, random_salt, save_sent, sleep,
    top_level_address, usable_here, warn, Failure, Outcome, Visibility,
};
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
    Invalid(ManifestProblem),
}

/// Where sending stands.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Sending,
    Failed(Failure),
    /// The send button was not visible when clicked (a hidden or covered frame): nothing sent.
    Hidden,
    /// This browser cannot report visibility in a frame: the send is confirmed in a top-level page.
    TopLevel(Option<String>),
    Sent(Rc<Receipt>),
}

/// How the receipt says it went.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReceiptKind {
    Stored,
    Opened,
    Handed,
}

impl ReceiptKind {
    fn id(self) -> &'static str {
        match self {
            ReceiptKind::Stored => "stored",
            ReceiptKind::Opened => "opened",
            ReceiptKind::Handed => "handed",
        }
    }
}

/// What the receipt says: when, to whom, what went, and what the campaign confirmed.
#[derive(Clone, PartialEq)]
struct Receipt {
    kind: ReceiptKind,
    /// Local year, month, day, hour, minute.
    when: (i32, u32, u32, u32, u32),
    key: String,
    /// Field ids sent.
    sent: Vec<String>,
    /// Field ids the campaign says it stored (`None`: it did not say).
    confirmed: Option<Vec<String>>,
    reference: Option<String>,
    withdraw_secret: Option<String>,
    /// The campaign's origin (kept with the withdraw secret in the dossier file; absent in older receipts).
    campaign: Option<String>,
}

impl Receipt {
    fn to_json(&self, fingerprint: &str) -> serde_json::Value {
        let (y, mo, d, h, mi) = self.when;
        // Built member by member (the same value as `json!`, without a serializer run per member type).
        let mut m = serde_json::Map::new();
        let mut put = |k: &str, v: serde_json::Value| {
            m.insert(k.to_string(), v);
        };
        put("fingerprint", fingerprint.into());
        put("kind", self.kind.id().into());
        put(
            "when",
            serde_json::Value::from(vec![
                i64::from(y),
                i64::from(mo),
                i64::from(d),
                i64::from(h),
                i64::from(mi),
            ]),
        );
        put("key", self.key.clone().into());
        put("sent", self.sent.clone().into());
        put("confirmed", self.confirmed.clone().into());
        put("reference", self.reference.clone().into());
        put("withdraw_secret", self.withdraw_secret.clone().into());
        put("campaign", self.campaign.clone().into());
        serde_json::Value::Object(m)
    }

    fn from_json(v: &serde_json::Value) -> Option<(String, Receipt)> {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let list = |k: &str| -> Option<Vec<String>> {
            v.get(k)?.as_array().map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .filter(|id| crate::manifest::Field::parse(id).is_some())
                    .map(str::to_string)
                    .collect()
            })
        };
        let when: Vec<i64> = v
            .get("when")?
            .as_array()?
            .iter()
            .filter_map(|x| x.as_i64())
            .collect();
        let [y, mo, d, h, mi] = when.as_slice() else {
            return None;
        };
        let kind = match v.get("kind")?.as_str()? {
            "stored" => ReceiptKind::Stored,
            "opened" => ReceiptKind::Opened,
            "handed" => ReceiptKind::Handed,
            _ => return None,
        };
        Some((
            s("fingerprint")?,
            Receipt {
                kind,
                when: (*y as i32, *mo as u32, *d as u32, *h as u32, *mi as u32),
                key: s("key").filter(|k| crate::manifest::is_idempotency_key(k))?,
                sent: list("sent").unwrap_or_default(),
                confirmed: list("confirmed"),
                reference: s("reference").map(|r| r.chars().take(80).collect()),
                withdraw_secret: s("withdraw_secret").map(|r| r.chars().take(128).collect()),
                campaign: s("campaign").map(|r| r.chars().take(300).collect()),
            },
        ))
    }
}

/// The sends of one widget: the salt of its idempotency keys and the receipts of what it sent, so a result
/// already sent shows its receipt again. Provided by the widget (one per widget, never shared), kept on the
/// device only while the visitor chose "remember on this device".
#[derive(Clone, Default)]
pub struct SentBook(Rc<RefCell<Book>>);

#[derive(Default)]
struct Book {
    salt: Option<String>,
    loaded: bool,
    records: Vec<(String, Rc<Receipt>)>,
}

impl PartialEq for SentBook {
    fn eq(&self, other: &SentBook) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SentBook {
    fn salt(&self) -> String {
        self.0
            .borrow_mut()
            .salt
            .get_or_insert_with(random_salt)
            .clone()
    }

    fn load(&self) {
        let mut book = self.0.borrow_mut();
        if book.loaded {
            return;
        }
        book.loaded = true;
        let Some(doc) = load_sent() else { return };
        if let Some(salt) = doc.get("salt").and_then(|s| s.as_str()) {
            if salt.len() == 32 && salt.bytes().all(|b| b.is_ascii_hexdigit()) {
                book.salt = Some(salt.to_string());
            }
        }
        for r in doc
            .get("receipts")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
            .take(50)
        {
            if let Some((fp, receipt)) = Receipt::from_json(r) {
                book.records.push((fp, Rc::new(receipt)));
            }
        }
    }

    fn find(&self, fingerprint: &str) -> Option<Rc<Receipt>> {
        self.load();
        self.0
            .borrow()
            .records
            .iter()
            .find(|(f, _)| f == fingerprint)
            .map(|(_, r)| r.clone())
    }

    /// The results a campaign stored and can withdraw, with their secrets, for the dossier file.
    pub fn withdrawable(&self) -> Vec<crate::act::dossier::Sent> {
        self.load();
        self.0
            .borrow()
            .records
            .iter()
            .filter_map(|(_, r)| {
                Some(crate::act::dossier::Sent {
                    campaign: r.campaign.clone()?,
                    reference: r.reference.clone()?,
                    withdraw_secret: r.withdraw_secret.clone()?,
                })
            })
            .collect()
    }

    fn add(&self, fingerprint: String, receipt: Rc<Receipt>) {
        let salt = self.salt();
        let mut book = self.0.borrow_mut();
        book.records.retain(|(f, _)| *f != fingerprint);
        book.records.push((fingerprint, receipt));
        let receipts: Vec<serde_json::Value> =
            book.records.iter().map(|(f, r)| r.to_json(f)).collect();
        let mut doc = serde_json::Map::new();
        doc.insert("salt".into(), salt.into());
        doc.insert("receipts".into(), receipts.into());
        save_sent(&serde_json::Value::Object(doc));
    }
}

/// The panel's state.
#[derive(Clone, PartialEq)]
struct Panel {
    load: Option<Load>,
    open: bool,
    ticked: Vec<FactId>,
    typed: Vec<(Contact, String)>,
    consent: bool,
    errors: Vec<(Contact, &'static str)>,
    consent_error: bool,
    status: Status,
    copied: Option<bool>,
}

/// What changes it.
enum Msg {
    Load(Load),
    Open,
    Tick(FactId, bool),
    Type(Contact, String),
    Consent(bool),
    Checked(Vec<(Contact, &'static str)>, bool),
    Status(Status),
    Copied(bool),
}

impl Reducible for Panel {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Load(l) => s.load = Some(l),
            Msg::Open => s.open = true,
            Msg::Tick(f, on) => {
                s.ticked.retain(|x| *x != f);
                if on {
                    s.ticked.push(f);
                }
            }
            Msg::Type(c, v) => {
                s.typed.retain(|(x, _)| *x != c);
                s.typed.push((c, v));
            }
            Msg::Consent(on) => {
                s.consent = on;
                s.consent_error &= !on;
            }
            Msg::Checked(errors, consent_error) => {
                s.errors = errors;
                s.consent_error = consent_error;
            }
            Msg::Status(st) => {
                // A receipt is final: nothing replaces it.
                if !matches!(s.status, Status::Sent(_)) {
                    s.status = st;
                }
            }
            Msg::Copied(ok) => s.copied = Some(ok),
        }
        Rc::new(s)
    }
}

/// Checks a manifest document and the page it is used on; logs each problem.
fn check(doc: Option<serde_json::Value>, served_from: Option<&str>) -> Load {
    let result = match doc {
        None => Err(vec![ManifestProblem::new("", ManifestCode::NotObject)]),
        Some(doc) => validate(&doc, served_from).and_then(|c| match usable_here(&c) {
            Ok(()) => Ok(c),
            Err(code) => Err(vec![ManifestProblem::new("delivery", code)]),
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
            Load::Invalid(
                problems
                    .into_iter()
                    .next()
                    .unwrap_or(ManifestProblem::new("", ManifestCode::Invalid)),
            )
        }
    }
}

/// What the panel starts with; nothing for an address the URL parser refuses (its notice is `ui::late`'s).
fn initial(source: &ManifestSource) -> Option<Load> {
    match source {
        ManifestSource::Inline(doc) => Some(check(Some(doc.clone()), None)),
        ManifestSource::Address(_) => Some(Load::Url(source.address()?.ok()?, None)),
    }
}

/// Why the manifest could not be fetched, every value filled in.
fn fetch_failure(locale: Locale, f: &FetchError) -> String {
    let status = f.status().map(|s| s.to_string()).unwrap_or_default();
    let limit = (MAX_MANIFEST_BYTES / 1024).to_string();
    tf(
        locale,
        tables::fetch_error(f.code()),
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
        (0, 0) => t(locale, msg!("send.fee_none")).to_string(),
        (_, 0) => tf(locale, msg!("send.fee_percent"), &[("percent", &percent)]),
        (0, _) => tf(locale, msg!("send.fee_fixed"), &[("amount", &amount)]),
        _ => tf(
            locale,
            msg!("send.fee_both"),
            &[("percent", &percent), ("amount", &amount)],
        ),
    }
}

/// The chosen answers and contact details, and the problems of the contact fields.
fn chosen_of(
    campaign: &Campaign,
    ticked: &[FactId],
    typed: &[(Contact, String)],
) -> (Chosen, Vec<(Contact, &'static str)>) {
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
    (chosen, problems)
}

/// A field's label, by its id.
fn field_label(locale: Locale, id: &str) -> String {
    match crate::manifest::Field::parse(id) {
        Some(crate::manifest::Field::Answer(f)) => t(locale, tables::q_short(f)).into(),
        Some(crate::manifest::Field::Contact(c)) => t(locale, tables::send_field(c)).into(),
        None => id.to_string(),
    }
}

fn checked_of(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

fn focus(node: &NodeRef) {
    if let Some(el) = node.cast::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// The send panel.
#[component]
pub fn SendPanel() -> Html {
    let props = use_context::<WidgetProps>();
    let raw = props.as_ref().and_then(|p| p.manifest.clone());
    let book = props.as_ref().map(|p| p.sent.clone()).unwrap_or_default();
    let on_event = props.map(|p| p.on_event).unwrap_or_default();
    let state = use_wizard();
    let locale = state.locale;
    let panel = use_reducer({
        let raw = raw.clone();
        move || Panel {
            load: raw.as_deref().and_then(initial),
            open: false,
            ticked: Vec::new(),
            typed: Vec::new(),
            consent: false,
            errors: Vec::new(),
            consent_error: false,
            status: Status::Idle,
            copied: None,
        }
    });
    let place = use_node_ref();
    let focus_after = use_node_ref();
    let button = use_node_ref();
    let visibility = use_mut_ref(|| None::<Visibility>);

    // Opening the panel puts the focus on its heading (issue 13 point 8), where the eye goes.
    let title_ref = use_node_ref();
    {
        let title_ref = title_ref.clone();
        use_effect_with(panel.open, move |open| {
            if *open {
                focus(&title_ref);
            }
        });
    }
    // Move focus to the failure or the receipt when it appears.
    {
        let focus_after = focus_after.clone();
        use_effect_with(panel.status.clone(), move |s| {
            if !matches!(s, Status::Idle | Status::Sending) {
                focus(&focus_after);
            }
        });
    }
    // Watch the send button's visibility while the form is on show (frames only: there a host could hide it).
    let form_shown = matches!(panel.load, Some(Load::Ready(_)))
        && panel.open
        && !matches!(panel.status, Status::Sent(_));
    {
        let button = button.clone();
        let visibility = visibility.clone();
        use_effect_with(form_shown, move |shown| {
            if *shown && framed() {
                if let Some(el) = button.cast::<Element>() {
                    *visibility.borrow_mut() = Visibility::watch(&el);
                }
            }
            move || {
                visibility.borrow_mut().take();
            }
        });
    }

    let Some(current) = panel.load.clone() else {
        return html! {};
    };
    let section = |body: Html| section(locale, &title_ref, &place, body);

    let campaign = match current {
        Load::Invalid(problem) => {
            let what = if problem.path.is_empty() {
                problem.code().to_string()
            } else {
                format!("{}: {}", problem.path, problem.code())
            };
            return section(el(
                "p",
                "lic-notice",
                tf(locale, msg!("send.invalid"), &[("problem", &what)]).into(),
            ));
        }
        Load::Url(url, failure) => {
            return section(
                html! { { load_campaign(locale, &LoadProps { url, failure, loading: false, on_load: load_cb(&panel) }) } },
            )
        }
        Load::Loading(url) => {
            return section(
                html! { { load_campaign(locale, &LoadProps { url, failure: None, loading: true, on_load: Callback::noop() }) } },
            )
        }
        Load::Ready(c) => c,
    };

    // A result already sent to this campaign shows its receipt again, and nothing is sent twice.
    let fingerprint = result_fingerprint(&campaign.origin, &state.answers);
    let receipt = match &panel.status {
        Status::Sent(r) => Some((r.clone(), false)),
        Status::Idle => book.find(&fingerprint).map(|r| (r, true)),
        _ => None,
    };
    if let Some((receipt, again)) = receipt {
        return section(html! {
            { receipt_view(locale, &ReceiptProps { receipt, again, name: campaign.name.clone(), origin: campaign.origin.clone(), heading: focus_after.clone() }) }
        });
    }

    if !panel.open {
        let on_open = {
            let panel = panel.clone();
            Callback::from(move |_| panel.dispatch(Msg::Open))
        };
        return section(html! {
            { offer(locale, &OfferProps { name: campaign.name.clone(), origin: campaign.origin.clone(), on_open }) }
        });
    }

    // What will go, with its values: one preview, rendered below, and the payload is built from it.
    let (chosen, _) = chosen_of(&campaign, &panel.ticked, &panel.typed);
    let salt = book.salt();
    let shown = Rc::new(preview(
        &campaign,
        &state.evaluation,
        &state.answers,
        &chosen,
    ));
    let key = crate::payload::idempotency_key(&salt, &shown);

    let onsubmit = {
        let panel = panel.clone();
        let campaign = campaign.clone();
        let state = state.clone();
        let book = book.clone();
        let place = place.clone();
        let on_event = on_event.clone();
        let visibility = visibility.clone();
        let fingerprint = fingerprint.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(panel.status, Status::Sending | Status::Sent(_)) {
                return;
            }
            let (chosen, problems) = chosen_of(&campaign, &panel.ticked, &panel.typed);
            let ok = problems.is_empty() && panel.consent;
            panel.dispatch(Msg::Checked(problems, !panel.consent));
            if !ok {
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
            }
            let Some(el) = place.cast::<Element>() else {
                return;
            };
            let shown = preview(&campaign, &state.evaluation, &state.answers, &chosen);
            let salt = book.salt();
            let body = crate::payload::json_text(&payload(&salt, &shown));
            let key = crate::payload::idempotency_key(&salt, &shown);
            let sent: Vec<String> = field_ids(&shown).into_iter().map(String::from).collect();
            let in_frame = framed();
            if in_frame && !Visibility::supported() {
                let code = crate::act::fragment::encode(&state.answers);
                panel.dispatch(Msg::Status(Status::TopLevel(top_level_address(&code))));
                return;
            }
            let clicked_at = e.time_stamp();
            panel.dispatch(Msg::Status(Status::Sending));
            let panel = panel.clone();
            let campaign = campaign.clone();
            let on_event = on_event.clone();
            let book = book.clone();
            let visibility = visibility.clone();
            let fingerprint = fingerprint.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if in_frame {
                    // The browser reports a change within its 100 ms delay: wait for it, then judge the
                    // moment of the click.
                    sleep(150).await;
                    let look = visibility.borrow().as_ref().and_then(|v| v.at(clicked_at));
                    if look != Some(true) {
                        warn("the send button was hidden or covered when it was clicked: nothing was sent");
                        panel.dispatch(Msg::Status(Status::Hidden));
                        return;
                    }
                }
                match deliver(&campaign, &body, &el).await {
                    Ok(outcome) => {
                        let (kind, confirmed, reference, withdraw_secret) = match outcome {
                            Outcome::Stored(s) => (
                                ReceiptKind::Stored,
                                s.fields,
                                s.reference,
                                s.withdraw_secret,
                            ),
                            Outcome::Opened => (ReceiptKind::Opened, None, None, None),
                            Outcome::Handed => (ReceiptKind::Handed, None, None, None),
                        };
                        let receipt = Rc::new(Receipt {
                            kind,
                            when: now_parts(),
                            key,
                            sent,
                            confirmed,
                            reference,
                            withdraw_secret,
                            campaign: Some(campaign.origin.clone()),
                        });
                        book.add(fingerprint, receipt.clone());
                        panel.dispatch(Msg::Status(Status::Sent(receipt)));
                        on_event.emit(HostEvent::Sent);
                    }
                    Err(f) => {
                        warn(&format!("sending to the campaign failed ({})", f.code()));
                        panel.dispatch(Msg::Status(Status::Failed(f)));
                    }
                }
            });
        })
    };

    // What the visitor can keep after a failure: the same document without contact details.
    let keep_result = {
        let without_contact = Chosen {
            answers: chosen.answers.clone(),
            contact: Vec::new(),
        };
        crate::payload::json_text(&payload(
            &salt,
            &preview(
                &campaign,
                &state.evaluation,
                &state.answers,
                &without_contact,
            ),
        ))
    };
    let on_copy = {
        let panel = panel.clone();
        let text = keep_result.clone();
        Callback::from(move |_: MouseEvent| {
            let panel = panel.clone();
            copy_text(
                &text,
                Callback::from(move |ok| panel.dispatch(Msg::Copied(ok))),
            );
        })
    };
    let on_tick = {
        let panel = panel.clone();
        Callback::from(move |(f, on): (FactId, bool)| panel.dispatch(Msg::Tick(f, on)))
    };
    let on_type = {
        let panel = panel.clone();
        Callback::from(move |(c, v): (Contact, String)| panel.dispatch(Msg::Type(c, v)))
    };
    let on_consent = {
        let panel = panel.clone();
        Callback::from(move |e: Event| panel.dispatch(Msg::Consent(checked_of(&e))))
    };

    let failed = matches!(panel.status, Status::Failed(_));
    let sending = matches!(panel.status, Status::Sending);
    let submit_label = if failed {
        t(locale, msg!("send.retry"))
    } else {
        t(locale, msg!("send.submit"))
    };
    let name = campaign.name.clone();
    let origin = campaign.origin.clone();
    let consent_described = panel
        .consent_error
        .then_some(AttrValue::from("lic-send-consent-error"));

    section(html! {
        <form class="lic-send-form" novalidate=true {onsubmit}>
            { para(locale, msg!("send.intro")) }
            { terms(locale, &CampaignProps { campaign: campaign.clone() }) }
            <h4 class="lic-h4">{ t(locale, msg!("send.what")) }</h4>
            { preview_view(locale, &PreviewProps { preview: shown.clone(), campaign: campaign.clone(), answers: state.answers.clone(), key_text: key.clone() }) }
            { optional_answers(locale, &OptionalProps { campaign: campaign.clone(), answers: state.answers.clone(), ticked: panel.ticked.clone(), on_tick }) }
            { contact_fields(locale, &ContactProps { campaign: campaign.clone(), typed: panel.typed.clone(), errors: panel.errors.clone(), on_type }) }
            <div class="lic-field lic-check">
                if panel.consent_error {
                    { field_error(locale, "lic-send-consent-error".into(), t(locale, msg!("send.error.consent")).into()) }
                }
                <input type="checkbox" id="lic-send-consent" checked={panel.consent} onchange={on_consent} aria-describedby={consent_described} aria-invalid={panel.consent_error.then_some("true")} />
                <label for="lic-send-consent">{ isolated(locale, msg!("send.consent"), &[("name", &name), ("origin", &origin)]) }</label>
            </div>
            { status_view(locale, &StatusProps { status: panel.status.clone(), heading: focus_after.clone() }) }
            { el_role("p", "lic-sr-only", "status", if sending { t(locale, msg!("send.sending")) } else { "" }.into()) }
            { actions(html! { <button type="submit" class="lic-button lic-primary" disabled={sending} ref={button}>{ submit_label }</button> }) }
            if failed {
                { actions(html! { <>
                    <a class="lic-button" href={crate::act::data_url("application/json", &keep_result)} download="loan-insurance-check-result.json">{ t(locale, msg!("send.download")) }</a>
                    { super::button(false, on_copy, t(locale, msg!("send.copy"))) }
                </> }) }
                if let Some(ok) = panel.copied {
                    { el_role("p", "", "status", t(locale, if ok { msg!("send.copied") } else { msg!("send.copy_failed") }).into()) }
                }
            }
        </form>
    })
}

/// The panel's section: its heading, then `body`.
#[inline(never)]
fn section(locale: Locale, title_ref: &NodeRef, place: &NodeRef, body: Html) -> Html {
    html! {
        <section class="lic-send" aria-labelledby="lic-send-title" ref={place.clone()}>
            <h3 class="lic-h3" id="lic-send-title" tabindex="-1" ref={title_ref.clone()}>{ t(locale, msg!("send.title")) }</h3>
            { body }
        </section>
    }
}

/// The callback that fetches an address manifest (one GET, on the visitor's click).
fn load_cb(panel: &UseReducerHandle<Panel>) -> Callback<Url> {
    let panel = panel.clone();
    Callback::from(move |url: Url| {
        let panel = panel.clone();
        panel.dispatch(Msg::Load(Load::Loading(url.clone())));
        wasm_bindgen_futures::spawn_local(async move {
            // Served from the address fetched: its origin, by the same parser, always.
            let served = url.origin();
            let next = match fetch_text(&url, MAX_MANIFEST_BYTES, MANIFEST_TIMEOUT_MS).await {
                Ok(text) => check(parse_json(&text), Some(&served)),
                Err(f) => {
                    warn(&format!(
                        "the manifest at {} could not be fetched: {}",
                        crate::manifest::shorten(&url.href()),
                        f.explain(MAX_MANIFEST_BYTES)
                    ));
                    Load::Url(url, Some(f))
                }
            };
            panel.dispatch(Msg::Load(next));
        });
    })
}

struct LoadProps {
    url: Url,
    failure: Option<FetchError>,
    loading: bool,
    on_load: Callback<Url>,
}

/// An address manifest not fetched yet: what the button does, and why it failed if it did.
fn load_campaign(locale: Locale, p: &LoadProps) -> Html {
    let origin = p.url.origin();
    let onclick = {
        let (on_load, url) = (p.on_load.clone(), p.url.clone());
        Callback::from(move |_: MouseEvent| on_load.emit(url.clone()))
    };
    html! {
        <>
            { paragraph(tf(locale, msg!("send.intro_url"), &[("origin", &origin)])) }
            if let Some(f) = &p.failure {
                <p class="lic-error" role="alert">{ tf(locale, msg!("send.load_failed"), &[("origin", &origin)]) }{ " " }{ fetch_failure(locale, f) }</p>
            }
            { el_role("p", "lic-sr-only", "status", if p.loading { t(locale, msg!("send.loading")) } else { "" }.into()) }
            { actions(html! { <button type="button" class="lic-button" {onclick} disabled={p.loading}>{ t(locale, if p.failure.is_some() { msg!("send.load_retry") } else { msg!("send.load") }) }</button> }) }
        </>
    }
}

fn failure_text(locale: Locale, f: &Failure) -> String {
    let status = f.status().map(|s| s.to_string()).unwrap_or_default();
    tf(locale, tables::send_fail(f.code()), &[("status", &status)])
}

struct OfferProps {
    name: String,
    origin: String,
    on_open: Callback<()>,
}

/// The offer to prepare a send.
fn offer(locale: Locale, p: &OfferProps) -> Html {
    let onclick = {
        let on_open = p.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(()))
    };
    html! {
        <>
            { paragraph(isolated(locale, msg!("send.offer"), &[("name", &p.name), ("origin", &p.origin)])) }
            { actions(html! { <button type="button" class="lic-button" aria-expanded="false" {onclick}>{ isolated(locale, msg!("send.open"), &[("name", &p.name)]) }</button> }) }
        </>
    }
}

struct CampaignProps {
    campaign: Rc<Campaign>,
}

/// Who receives it and on what terms, in the order of the consent screen (the privacy link follows).
fn terms(locale: Locale, p: &CampaignProps) -> Html {
    let c = &p.campaign;
    let facts = [
        (msg!("send.who"), c.name.clone()),
        (msg!("send.site"), c.origin.clone()),
        (msg!("send.purpose"), c.purpose.clone()),
        (
            msg!("send.controller"),
            format!("{} — {}", c.controller, c.controller_contact),
        ),
        (
            msg!("send.retention"),
            tf(
                locale,
                msg!("send.retention_months"),
                &[("n", &c.retention_months.to_string())],
            ),
        ),
        (msg!("send.fee"), fee(locale, c)),
    ];
    html! {
        <dl class="lic-summary">
            { for facts.iter().map(|(key, value)| {
                el("div", "lic-summary-row", html! { <><dt>{ t(locale, *key) }</dt><dd><bdi>{ value.clone() }</bdi></dd></> })
            }) }
            <div class="lic-summary-row"><dt>{ t(locale, msg!("send.privacy")) }</dt><dd><a href={c.privacy_policy.clone()} target="_blank" rel="noopener noreferrer">{ isolated(locale, msg!("send.privacy_link"), &[("name", &c.name)]) }</a></dd></div>
        </dl>
    }
}

fn detail_value(locale: Locale, v: DetailValue) -> String {
    match v {
        DetailValue::Date(d) => text::date(locale, d),
        DetailValue::Cents(c) => text::money(locale, c),
        DetailValue::Percent(p) => text::percent(locale, p.0),
        DetailValue::Count(n) => n.to_string(),
    }
}

struct PreviewProps {
    preview: Rc<Preview>,
    campaign: Rc<Campaign>,
    answers: Answers,
    key_text: String,
}

/// Everything that goes: the claims with their figures, the day and versions, the required answers, and the
/// key of this send. The payload is built from the same [`Preview`].
fn preview_view(locale: Locale, p: &PreviewProps) -> Html {
    let pv = &p.preview;
    let claims = pv.claims.iter().map(|c| {
        let title = t(locale, tables::claim_title(c.claim));
        let verdict = t(locale, tables::verdict(c.verdict));
        let amount = c.amount.map(|(_, low, high)| {
            if low == high {
                tf(locale, msg!("send.amount_one"), &[("amount", &text::money(locale, low))])
            } else {
                tf(
                    locale,
                    msg!("send.amount_range"),
                    &[("low", &text::money(locale, low)), ("high", &text::money(locale, high))],
                )
            }
        });
        let last_day = c
            .last_day
            .map(|d| tf(locale, msg!("send.last_day"), &[("date", &text::date(locale, d))]));
        html! {
            <li data-claim={c.claim.id()}>
                { tf(locale, msg!("send.claim"), &[("claim", title), ("verdict", verdict)]) }
                if let Some(a) = amount { { " — " }{ a } }
                if let Some(d) = last_day { { " — " }{ d } }
                if !c.details.is_empty() {
                    <ul class="lic-list">
                        { for c.details.iter().map(|d| html! {
                            <li data-detail={d.id.code()}>{ t(locale, tables::detail(d.id)) }{ " : " }{ detail_value(locale, d.value) }</li>
                        }) }
                    </ul>
                }
            </li>
        }
    });
    let required: Vec<Html> = p
        .campaign
        .answers()
        .into_iter()
        .filter(|(_, r)| *r)
        .map(|(f, _)| {
            let value = p
                .answers
                .get(f)
                .map(|a| text::answer(locale, f, a))
                .unwrap_or_else(|| t(locale, msg!("send.not_answered")).to_string());
            html! {
                <li data-field={f.id()}>
                    <span class="lic-send-label">{ t(locale, tables::q_short(f)) }</span>{ " : " }
                    <span class="lic-send-value">{ value }</span>
                </li>
            }
        })
        .collect();
    let as_of = text::date(locale, pv.as_of);
    html! {
        <>
            { para(locale, msg!("send.result_line")) }
            <ul class="lic-list lic-send-claims">{ for claims }</ul>
            { el("p", "lic-send-meta", tf(locale, msg!("send.meta"), &[("date", &as_of), ("rules", pv.rules_version), ("data", pv.data_version)]).into()) }
            if !required.is_empty() {
                { para(locale, msg!("send.required")) }
                <ul class="lic-list lic-send-required">{ for required }</ul>
            }
            { el("p", "lic-send-key", tf(locale, msg!("send.key"), &[("key", &p.key_text)]).into()) }
        </>
    }
}

struct OptionalProps {
    campaign: Rc<Campaign>,
    answers: Answers,
    ticked: Vec<FactId>,
    on_tick: Callback<(FactId, bool)>,
}

/// The optional answers, each unticked until the visitor ticks it.
fn optional_answers(locale: Locale, p: &OptionalProps) -> Html {
    let rows: Vec<Html> = p
        .campaign
        .answers()
        .into_iter()
        .filter(|(_, r)| !*r)
        .map(|(fact, _)| {
            let id = format!("lic-send-opt-{}", fact.id());
            let checked = p.ticked.contains(&fact);
            let onchange = {
                let on_tick = p.on_tick.clone();
                Callback::from(move |e: Event| on_tick.emit((fact, checked_of(&e))))
            };
            let value = p
                .answers
                .get(fact)
                .map(|a| text::answer(locale, fact, a))
                .unwrap_or_else(|| t(locale, msg!("send.not_answered")).to_string());
            html! {
                <li class="lic-check" data-field={fact.id()}>
                    <input type="checkbox" id={id.clone()} {checked} {onchange} />
                    <label for={id}>
                        <span class="lic-send-label">{ t(locale, tables::q_short(fact)) }</span>{ " : " }
                        <span class="lic-send-value">{ value }</span>
                    </label>
                </li>
            }
        })
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <fieldset class="lic-fieldset">
            <legend>{ t(locale, msg!("send.optional")) }</legend>
            <ul class="lic-list lic-send-optional">{ for rows }</ul>
        </fieldset>
    }
}

struct ContactProps {
    campaign: Rc<Campaign>,
    typed: Vec<(Contact, String)>,
    errors: Vec<(Contact, &'static str)>,
    on_type: Callback<(Contact, String)>,
}

/// The contact details the manifest asks for, checked like the questionnaire's fields.
fn contact_fields(locale: Locale, p: &ContactProps) -> Html {
    let rows: Vec<Html> = p
        .campaign
        .contacts()
        .into_iter()
        .map(|(contact, required)| {
            let id = format!("lic-send-{}", contact.id());
            let error_id = format!("{id}-error");
            let value = p
                .typed
                .iter()
                .find(|(x, _)| *x == contact)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let error = p.errors.iter().find(|(x, _)| *x == contact).map(|(_, e)| *e);
            let oninput = {
                let on_type = p.on_type.clone();
                Callback::from(move |e: InputEvent| {
                    let Some(target) = e.target() else { return };
                    let v = target
                        .clone()
                        .dyn_into::<HtmlInputElement>()
                        .map(|i| i.value())
                        .or_else(|_| target.dyn_into::<HtmlTextAreaElement>().map(|t| t.value()))
                        .unwrap_or_default();
                    on_type.emit((contact, v));
                })
            };
            let need = if required {
                t(locale, msg!("send.contact_required"))
            } else {
                t(locale, msg!("send.contact_optional"))
            };
            let described = error.map(|_| AttrValue::from(error_id.clone()));
            let invalid = error.map(|_| "true");
            let (kind, autocomplete) = match contact {
                Contact::Name => ("text", "name"),
                Contact::Email => ("email", "email"),
                Contact::Phone => ("tel", "tel"),
                Contact::PostalAddress => ("text", "street-address"),
                Contact::Lender | Contact::Insurer => ("text", "off"),
            };
            let input = if contact == Contact::PostalAddress {
                html! { <textarea id={id.clone()} class="lic-input" rows="3" {autocomplete} value={value} {oninput} aria-describedby={described} aria-invalid={invalid} {required} /> }
            } else {
                html! { <input id={id.clone()} class="lic-input" type={kind} {autocomplete} value={value} {oninput} aria-describedby={described} aria-invalid={invalid} {required} /> }
            };
            html! {
                <div class="lic-field" data-field={contact.id()}>
                    <label for={id}>{ t(locale, tables::send_field(contact)) }{ " (" }{ need }{ ")" }</label>
                    if let Some(code) = error {
                        { field_error(locale, error_id.clone().into(), t(locale, tables::send_error(code)).into()) }
                    }
                    { input }
                </div>
            }
        })
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <fieldset class="lic-fieldset">
            <legend>{ t(locale, msg!("send.contact")) }</legend>
            { for rows }
        </fieldset>
    }
}

struct StatusProps {
    status: Status,
    heading: NodeRef,
}

/// A failure, a refused click, or the top-level confirmation: in plain words.
fn status_view(locale: Locale, p: &StatusProps) -> Html {
    let (title, lines, link): (crate::i18n::Msg, Vec<String>, Option<String>) = match &p.status {
        Status::Failed(Failure::Conflict(held)) => {
            let mut lines = vec![t(locale, msg!("send.fail.conflict")).to_string()];
            if let Some(r) = &held.reference {
                lines.push(tf(
                    locale,
                    msg!("send.conflict.reference"),
                    &[("reference", r)],
                ));
            }
            if let Some(at) = &held.received_at {
                // An ISO date-time is shown as a date in the visitor's words; anything else as given.
                let when = at
                    .get(..10)
                    .and_then(Date::parse_iso)
                    .map(|d| text::date(locale, d))
                    .unwrap_or_else(|| at.clone());
                lines.push(tf(
                    locale,
                    msg!("send.conflict.received"),
                    &[("when", &when)],
                ));
            }
            match &held.fields {
                Some(fields) => {
                    let mut list = vec![t(locale, msg!("send.receipt.result")).to_string()];
                    list.extend(fields.iter().map(|f| field_label(locale, f)));
                    lines.push(tf(
                        locale,
                        msg!("send.conflict.fields"),
                        &[("fields", &list.join(", "))],
                    ));
                }
                None => lines.push(t(locale, msg!("send.conflict.unknown")).to_string()),
            }
            (msg!("send.fail.title"), lines, None)
        }
        Status::Failed(f) => (
            msg!("send.fail.title"),
            vec![
                failure_text(locale, f),
                t(locale, msg!("send.keep")).to_string(),
            ],
            None,
        ),
        Status::Hidden => (
            msg!("send.fail.title"),
            vec![t(locale, msg!("send.hidden")).to_string()],
            None,
        ),
        Status::TopLevel(link) => (
            msg!("send.top.title"),
            vec![t(locale, msg!("send.top")).to_string()],
            link.clone(),
        ),
        _ => return html! {},
    };
    html! {
        <div class="lic-send-failure" role="alert">
            <h4 class="lic-h4" tabindex="-1" ref={p.heading.clone()}>{ t(locale, title) }</h4>
            { for lines.into_iter().map(paragraph) }
            if let Some(href) = link {
                <p><a {href} target="_blank" rel="noopener">{ t(locale, msg!("send.top.link")) }</a></p>
            }
        </div>
    }
}

struct ReceiptProps {
    receipt: Rc<Receipt>,
    again: bool,
    name: String,
    origin: String,
    heading: NodeRef,
}

/// The receipt: when, to whom, what the campaign confirmed (or that it confirmed nothing), its reference and
/// the withdrawal secret.
fn receipt_view(locale: Locale, p: &ReceiptProps) -> Html {
    let r = &p.receipt;
    let (y, mo, d, h, mi) = r.when;
    let date = Date::new(y, mo, d)
        .map(|x| text::date(locale, x))
        .unwrap_or_default();
    let time = format!("{h:02}:{mi:02}");
    let args = [
        ("date", date.as_str()),
        ("time", time.as_str()),
        ("name", p.name.as_str()),
        ("origin", p.origin.as_str()),
    ];
    let line = match r.kind {
        ReceiptKind::Stored => isolated(locale, msg!("send.receipt.when"), &args),
        ReceiptKind::Opened => isolated(locale, msg!("send.receipt.opened"), &args),
        ReceiptKind::Handed => isolated(locale, msg!("send.receipt.handed"), &args),
    };
    let labels = |ids: &[String]| -> Vec<String> {
        let mut out = vec![t(locale, msg!("send.receipt.result")).to_string()];
        out.extend(ids.iter().map(|id| field_label(locale, id)));
        out
    };
    let (intro, fields) = match (&r.kind, &r.confirmed) {
        (ReceiptKind::Stored, Some(ids)) => (msg!("send.receipt.confirmed"), labels(ids)),
        (ReceiptKind::Stored, None) => (msg!("send.receipt.unconfirmed"), labels(&r.sent)),
        _ => (msg!("send.receipt.fields"), labels(&r.sent)),
    };
    html! {
        <div class="lic-send-receipt">
            <h4 class="lic-h4" tabindex="-1" ref={p.heading.clone()}>{ t(locale, msg!("send.receipt.title")) }</h4>
            if p.again {
                { paragraph(isolated(locale, msg!("send.receipt.again"), &[("name", &p.name)])) }
            }
            { paragraph(line) }
            { para(locale, intro) }
            <ul class="lic-list lic-send-confirmed">{ for fields.into_iter().map(item) }</ul>
            if let Some(reference) = &r.reference {
                { paragraph(isolated(locale, msg!("send.receipt.reference"), &[("reference", reference)])) }
            }
            if let Some(secret) = &r.withdraw_secret {
                { el("p", "lic-send-secret", tf(locale, msg!("send.receipt.secret"), &[("secret", secret)]).into()) }
            }
            { el("p", "lic-send-key", tf(locale, msg!("send.key"), &[("key", &r.key)]).into()) }
        </div>
    }
}
