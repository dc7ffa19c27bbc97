//! The browser side of sending (moved here from the send panel: `src/ui/browser/` is the one browser surface):
//! reading a manifest with the browser's JSON parser (the fetch of a manifest
//! given as an address is `crate::ui::browser::fetch`), and the four delivery methods. Each function makes at most
//! one request, and only when the send panel calls it after a click.
//!
//! - `json`: one `fetch` POST to the endpoint, the JSON body sent as `text/plain` (a CORS "simple request":
//!   no preflight, so exactly one request), no credentials, no referrer, redirects refused, aborted after the
//!   manifest's timeout; the campaign's JSON answer may carry a `reference`.
//! - `form`: a form POST (field `payload`) into a new tab, for campaign sites without CORS.
//! - `post_message`: to the parent page, pinned to the manifest's origin (iframe mode); no request.
//! - `event`: a `lic:payload` `CustomEvent` on the widget's element (in-page mode); no request.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, CustomEvent, CustomEventInit, Element, HtmlFormElement, HtmlInputElement,
    ReferrerPolicy, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
    Response,
};

use crate::manifest::{Campaign, Delivery, ManifestCode, MAX_MANIFEST_BYTES};
pub use crate::payload::{Failure, Held, Outcome, Stored};

/// One console line for the integrator, with the widget's name in front.
pub fn warn(message: &str) {
    super::warn(&format!("loan-insurance-check: {message}"));
}

/// Parses a manifest text with the browser's `JSON.parse`.
pub fn parse_json(text: &str) -> Option<serde_json::Value> {
    if text.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    crate::ui::browser::json_parse(text)
}

fn fetch_init(method: &str) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_redirect(RequestRedirect::Error);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A text member of the campaign's answer, safe to show: at most `max` characters, no control or format
/// characters.
fn text_member(answer: &JsValue, key: &str, max: usize) -> Option<String> {
    let r = js_sys::Reflect::get(answer, &JsValue::from_str(key)).ok()?;
    let r = r
        .as_string()
        // A number as JavaScript writes it (`String(n)`): Rust's float formatting would bring some 8 KB of code
        // into the second wasm file for this one rare case.
        .or_else(|| {
            r.as_f64()?;
            js_sys::Number::unchecked_from_js_ref(&r)
                .to_string_with_radix(10)
                .ok()?
                .as_string()
        })?;
    let clean: String = crate::host_config::host_text(&r)
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect();
    (!clean.trim().is_empty()).then_some(clean)
}

/// The `fields` list of the campaign's answer: the ids that are field ids of this widget, `None` if absent.
fn fields_member(answer: &JsValue) -> Option<Vec<String>> {
    let v = js_sys::Reflect::get(answer, &JsValue::from_str("fields")).ok()?;
    if !js_sys::Array::is_array(&v) {
        return None;
    }
    Some(
        js_sys::Array::from(&v)
            .iter()
            .take(100)
            .filter_map(|x| x.as_string())
            .filter(|id| crate::manifest::Field::parse(id).is_some())
            .collect(),
    )
}

fn stored_of(answer: Option<&JsValue>) -> Stored {
    let Some(a) = answer.filter(|a| a.is_object()) else {
        return Stored::default();
    };
    Stored {
        reference: text_member(a, "reference", 80),
        fields: fields_member(a),
        withdraw_secret: text_member(a, "withdraw_secret", 128),
    }
}

async fn post_json(endpoint: &str, body: &str, timeout_seconds: u32) -> Result<Outcome, Failure> {
    if !online() {
        return Err(Failure::Offline);
    }
    let window = web_sys::window().ok_or(Failure::Page)?;
    let init = fetch_init("POST");
    init.set_body(&JsValue::from_str(body));
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timer = controller.clone().map(|c| {
        gloo::timers::callback::Timeout::new(timeout_seconds.saturating_mul(1000), move || {
            c.abort()
        })
    });
    let aborted = || controller.as_ref().is_some_and(|c| c.signal().aborted());
    let sent = JsFuture::from(window.fetch_with_str_and_init(endpoint, &init)).await;
    let response: Response = match sent {
        Ok(r) => r.dyn_into().map_err(|_| Failure::Unreachable)?,
        Err(_) if aborted() => return Err(Failure::Timeout),
        Err(_) if !online() => return Err(Failure::Offline),
        Err(_) => return Err(Failure::Unreachable),
    };
    let status = response.status();
    // The answer is optional: a campaign that says nothing still stored the result (or refused it).
    let answer = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    drop(timer);
    if status == 409 {
        let held = stored_of(answer.as_ref());
        let received_at = answer
            .as_ref()
            .and_then(|a| text_member(a, "received_at", 40));
        return Err(Failure::Conflict(Held {
            reference: held.reference,
            fields: held.fields,
            received_at,
        }));
    }
    if (400..500).contains(&status) {
        return Err(Failure::Refused(status));
    }
    if !(200..300).contains(&status) {
        return Err(Failure::Server(status));
    }
    Ok(Outcome::Stored(stored_of(answer.as_ref())))
}

/// The widget's host element (the custom element, or the iframe page's container).
fn host_of(element: &Element) -> Element {
    element
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .map(|s| s.host())
        .unwrap_or_else(|_| element.clone())
}

fn submit_form(endpoint: &str, body: &str, place: &Element) -> Result<Outcome, Failure> {
    let doc = place.owner_document().ok_or(Failure::Page)?;
    let form: HtmlFormElement = doc
        .create_element("form")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or(Failure::Page)?;
    form.set_method("post");
    form.set_action(endpoint);
    form.set_target("_blank");
    form.set_enctype("application/x-www-form-urlencoded");
    let _ = form.set_attribute("rel", "noopener noreferrer");
    form.set_hidden(true);
    let input: HtmlInputElement = doc
        .create_element("input")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or(Failure::Page)?;
    input.set_type("hidden");
    input.set_name("payload");
    input.set_value(body);
    let _ = form.append_child(&input);
    place.append_child(&form).map_err(|_| Failure::Page)?;
    let submitted = form.submit();
    form.remove();
    submitted
        .map(|_| Outcome::Opened)
        .map_err(|_| Failure::Page)
}

fn post_message(origin: &str, body: &str) -> Result<Outcome, Failure> {
    let window = web_sys::window().ok_or(Failure::Page)?;
    let parent = window.parent().ok().flatten().ok_or(Failure::Page)?;
    if js_sys::Object::is(&parent, &window) {
        return Err(Failure::Page);
    }
    let message = js_sys::Object::new();
    let payload = js_sys::JSON::parse(body).map_err(|_| Failure::Page)?;
    for (k, v) in [
        ("source", JsValue::from_str("loan-insurance-check")),
        ("type", JsValue::from_str("payload")),
        ("payload", payload),
    ] {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), &v);
    }
    parent
        .post_message(&message, origin)
        .map(|_| Outcome::Handed)
        .map_err(|_| Failure::Page)
}

fn dispatch_event(body: &str, place: &Element) -> Result<Outcome, Failure> {
    let payload = js_sys::JSON::parse(body).map_err(|_| Failure::Page)?;
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&payload);
    let event =
        CustomEvent::new_with_event_init_dict("lic:payload", &init).map_err(|_| Failure::Page)?;
    host_of(place)
        .dispatch_event(&event)
        .map(|_| Outcome::Handed)
        .map_err(|_| Failure::Page)
}

/// Whether the widget is in a frame.
pub fn framed() -> bool {
    web_sys::window().is_some_and(|w| {
        w.parent()
            .ok()
            .flatten()
            .is_some_and(|p| !js_sys::Object::is(&p, &w))
    })
}

/// The host page's origin as the loader pinned it (`#parent=` of the frame's address), when the browser
/// does not contradict it (`location.ancestorOrigins`, where it exists, names the real parent).
pub fn pinned_parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let value = hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|p| p.strip_prefix("parent="))?;
    let value = String::from(js_sys::decode_uri_component(value).ok()?);
    let origin = crate::manifest::parse_origin(&value)?;
    if origin != value.to_ascii_lowercase() {
        return None;
    }
    let ancestors = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .filter(|a| !a.is_undefined() && !a.is_null());
    if let Some(list) = ancestors {
        let first = js_sys::Reflect::get(&list, &JsValue::from_f64(0.0))
            .ok()
            .and_then(|v| v.as_string());
        if !first.is_some_and(|f| f.eq_ignore_ascii_case(&origin)) {
            return None;
        }
    }
    Some(origin)
}

/// Whether the page allows this delivery: `post_message` needs a parent frame whose origin, pinned by the
/// loader, is the manifest's (a message to another origin is dropped by the browser: no false receipt);
/// `event` a page on the manifest's origin. `Err` names the manifest problem code.
pub fn usable_here(campaign: &Campaign) -> Result<(), ManifestCode> {
    let Some(window) = web_sys::window() else {
        return Err(ManifestCode::NotFramed);
    };
    match campaign.delivery {
        Delivery::PostMessage => {
            if !framed() {
                Err(ManifestCode::NotFramed)
            } else if pinned_parent_origin().as_deref() != Some(campaign.origin.as_str()) {
                Err(ManifestCode::ParentOrigin)
            } else {
                Ok(())
            }
        }
        Delivery::Event => {
            let here = window.location().origin().unwrap_or_default();
            if here.eq_ignore_ascii_case(&campaign.origin) {
                Ok(())
            } else {
                Err(ManifestCode::PageOrigin)
            }
        }
        Delivery::Json | Delivery::Form => Ok(()),
    }
}

/// Sends `body` (the payload JSON) by the campaign's method. Synchronous methods finish before the first
/// `await`, so a form still opens its tab within the visitor's click.
pub async fn deliver(campaign: &Campaign, body: &str, place: &Element) -> Result<Outcome, Failure> {
    match (campaign.delivery, campaign.endpoint.as_deref()) {
        (Delivery::Json, Some(endpoint)) => {
            post_json(endpoint, body, campaign.timeout_seconds).await
        }
        (Delivery::Form, Some(endpoint)) => submit_form(endpoint, body, place),
        (Delivery::PostMessage, _) => match pinned_parent_origin() {
            Some(o) if o == campaign.origin => post_message(&campaign.origin, body),
            _ => Err(Failure::Page),
        },
        (Delivery::Event, _) => dispatch_event(body, place),
        _ => Err(Failure::Page),
    }
}

/// 16 random bytes from the browser's `crypto.getRandomValues`, in hex: the salt of the idempotency keys.
pub fn random_salt() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Never reached in a browser that runs WebAssembly; still unique enough not to merge two visitors.
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = ((js_sys::Math::random() * 256.0) as u8) ^ (i as u8);
        }
    }
    crate::payload::hex(&bytes)
}

/// What the browser says of the send button's visibility (IntersectionObserver v2: `trackVisibility`,
/// `isVisible`). `isVisible` is true only when nothing covers the element and no opacity, filter or
/// transform alters it, in this frame and every frame above: a host page that hides the frame (opacity 0)
/// or draws over it cannot get a click counted as the visitor's.
pub struct Visibility {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
    /// The reports: (the entry's `time`, visible), oldest first, the last few only.
    reports: std::rc::Rc<std::cell::RefCell<Vec<(f64, bool)>>>,
}

impl Visibility {
    /// Whether this browser reports visibility (Chromium does; others get the top-level confirmation).
    pub fn supported() -> bool {
        let global = js_sys::global();
        js_sys::Reflect::get(&global, &JsValue::from_str("IntersectionObserverEntry"))
            .ok()
            .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("prototype")).ok())
            .is_some_and(|p| {
                js_sys::Reflect::has(&p, &JsValue::from_str("isVisible")).unwrap_or(false)
            })
    }

    /// Starts watching `element`; `None` where the browser cannot say.
    pub fn watch(element: &Element) -> Option<Visibility> {
        if !Visibility::supported() {
            return None;
        }
        let reports = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let callback = {
            let reports = reports.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
                move |entries: js_sys::Array| {
                    let mut list = reports.borrow_mut();
                    for entry in entries.iter() {
                        let get =
                            |k: &str| js_sys::Reflect::get(&entry, &JsValue::from_str(k)).ok();
                        let visible = get("isVisible").and_then(|v| v.as_bool()).unwrap_or(false);
                        let time = get("time").and_then(|v| v.as_f64()).unwrap_or(0.0);
                        list.push((time, visible));
                    }
                    let extra = list.len().saturating_sub(16);
                    list.drain(..extra);
                },
            )
        };
        let options = js_sys::Object::new();
        for (k, v) in [
            ("trackVisibility", JsValue::TRUE),
            ("delay", JsValue::from_f64(100.0)),
            ("threshold", JsValue::from_f64(1.0)),
        ] {
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &v);
        }
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            options.unchecked_ref(),
        )
        .ok()?;
        observer.observe(element);
        Some(Visibility {
            observer,
            _callback: callback,
            reports,
        })
    }

    /// Whether the element was visible at `time` (the click's `timeStamp`): the last report made at or
    /// before it; with none (the form had only just appeared), the first report within 250 ms after it.
    /// `None` when the browser has not said.
    pub fn at(&self, time: f64) -> Option<bool> {
        let list = self.reports.borrow();
        list.iter()
            .rev()
            .find(|(t, _)| *t <= time)
            .or_else(|| list.iter().find(|(t, _)| *t <= time + 250.0))
            .map(|(_, v)| *v)
    }
}

impl Drop for Visibility {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::timers::callback::Timeout::new(ms, move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .forget();
    });
    let _ = JsFuture::from(promise).await;
}

/// The widget's own page, top level, with the same configuration (without the host's origin) and the
/// answers as a resume code: where a browser without visibility reports confirms a send.
pub fn top_level_address(code: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    let hash = location.hash().ok()?;
    let kept: Vec<&str> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("parent="))
        .collect();
    let fragment = crate::act::fragment::with_code(&kept.join("&"), Some(code));
    Some(format!("{base}#{fragment}"))
}

const SENT_KEY: &str = "loan-insurance-check:sent";

/// Whether the visitor chose "remember on this device" (its key is there).
pub fn remembering() -> bool {
    super::storage_get(crate::act::STORAGE_ANSWERS).is_some()
}

/// The receipts kept on this device (only while the visitor opted in), as the browser parsed them.
pub fn load_sent() -> Option<serde_json::Value> {
    if !remembering() {
        return None;
    }
    super::json_parse(&super::storage_get(SENT_KEY)?)
}

/// Keeps the receipts on this device, only while the visitor opted in ("forget everything" removes it with
/// every other `loan-insurance-check:` key).
pub fn save_sent(doc: &serde_json::Value) {
    if remembering() {
        super::storage_set(SENT_KEY, &crate::payload::json_text(doc));
    }
}

/// The local date and time now, for the receipt.
pub fn now_parts() -> (i32, u32, u32, u32, u32) {
    let d = js_sys::Date::new_0();
    (
        d.get_full_year() as i32,
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
    )
}
