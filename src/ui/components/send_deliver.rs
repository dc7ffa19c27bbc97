//! The browser side of sending: reading a manifest with the browser's JSON parser (the fetch of a manifest
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

use crate::manifest::{Campaign, Delivery, MAX_MANIFEST_BYTES};

/// How a send went wrong, in the words the visitor is shown (`send.fail.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser is offline.
    Offline,
    /// No answer within the manifest's timeout.
    Timeout,
    /// The campaign refused the document (4xx).
    Refused(u16),
    /// The campaign's server failed (5xx, or another unexpected status).
    Server(u16),
    /// The network failed or the campaign's site does not accept requests from this page (CORS).
    Unreachable,
    /// The page the result was meant for cannot receive it (no parent frame, no element).
    Page,
}

impl Failure {
    /// The message-key suffix.
    pub fn id(self) -> &'static str {
        match self {
            Failure::Offline => "offline",
            Failure::Timeout => "timeout",
            Failure::Refused(_) => "refused",
            Failure::Server(_) => "server",
            Failure::Unreachable => "unreachable",
            Failure::Page => "page",
        }
    }

    /// The HTTP status, where there is one.
    pub fn status(self) -> Option<u16> {
        match self {
            Failure::Refused(s) | Failure::Server(s) => Some(s),
            _ => None,
        }
    }
}

/// How a send went well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The campaign stored it (`json`), with its reference if it gave one.
    Stored(Option<String>),
    /// The campaign's page opened in a new tab with the result (`form`): it confirms there.
    Opened,
    /// Handed to the page (`post_message`, `event`).
    Handed,
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "loan-insurance-check: {message}"
    )));
}

/// A value from the browser's `JSON.parse` as serde_json sees it (no JSON parser in the wasm). `None` past a
/// nesting depth of 16, or for values JSON cannot hold.
pub fn to_json(v: &JsValue, depth: u32) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    if depth > 16 {
        return None;
    }
    if v.is_null() {
        return Some(J::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(J::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(if n.fract() == 0.0 && n >= 0.0 && n < 9.0e15 {
            J::from(n as u64)
        } else if n.fract() == 0.0 && n < 0.0 && n > -9.0e15 {
            J::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map(J::Number)?
        });
    }
    if let Some(s) = v.as_string() {
        return Some(J::String(s));
    }
    if js_sys::Array::is_array(v) {
        let a = js_sys::Array::from(v);
        if a.length() > 1000 {
            return None;
        }
        return a
            .iter()
            .map(|x| to_json(&x, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(J::Array);
    }
    if v.is_object() {
        let mut m = serde_json::Map::new();
        let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
        if keys.length() > 200 {
            return None;
        }
        for k in keys.iter() {
            let key = k.as_string()?;
            let value = js_sys::Reflect::get(v, &k).ok()?;
            m.insert(key, to_json(&value, depth + 1)?);
        }
        return Some(J::Object(m));
    }
    None
}

/// Parses a manifest text with the browser's `JSON.parse`.
pub fn parse_json(text: &str) -> Option<serde_json::Value> {
    if text.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    js_sys::JSON::parse(text).ok().and_then(|v| to_json(&v, 0))
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

/// A reference the campaign returned, safe to show: at most 80 characters, no control characters.
fn reference(answer: &JsValue) -> Option<String> {
    let r = js_sys::Reflect::get(answer, &JsValue::from_str("reference")).ok()?;
    let r = r
        .as_string()
        .or_else(|| r.as_f64().map(|n| n.to_string()))?;
    let clean: String = crate::host_config::host_text(&r)
        .chars()
        .filter(|c| !c.is_control())
        .take(80)
        .collect();
    (!clean.trim().is_empty()).then_some(clean)
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
    if (400..500).contains(&status) {
        return Err(Failure::Refused(status));
    }
    if !(200..300).contains(&status) {
        return Err(Failure::Server(status));
    }
    // The answer is optional: a campaign that says nothing still stored the result.
    let answer = match response.json() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    drop(timer);
    Ok(Outcome::Stored(answer.as_ref().and_then(reference)))
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

/// Whether the page allows this delivery: `post_message` needs a parent frame, `event` a page on the
/// manifest's origin. `Err` names the manifest problem code.
pub fn usable_here(campaign: &Campaign) -> Result<(), &'static str> {
    let Some(window) = web_sys::window() else {
        return Err("not_framed");
    };
    match campaign.delivery {
        Delivery::PostMessage => {
            let framed = window
                .parent()
                .ok()
                .flatten()
                .is_some_and(|p| !js_sys::Object::is(&p, &window));
            if framed {
                Ok(())
            } else {
                Err("not_framed")
            }
        }
        Delivery::Event => {
            let here = window.location().origin().unwrap_or_default();
            if here.eq_ignore_ascii_case(&campaign.origin) {
                Ok(())
            } else {
                Err("page_origin")
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
        (Delivery::PostMessage, _) => post_message(&campaign.origin, body),
        (Delivery::Event, _) => dispatch_event(body, place),
        _ => Err(Failure::Page),
    }
}

/// 16 random bytes from the browser's `crypto.getRandomValues`, as the idempotency key.
pub fn random_key() -> String {
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
    crate::manifest::idempotency_key(&bytes)
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`), if the page allows it.
pub fn copy_text(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"));
    if let Ok(clipboard) = clipboard {
        if let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) {
            if let Some(f) = write.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&clipboard, &JsValue::from_str(text));
            }
        }
    }
}

/// A `data:` address of `text` as a JSON file (a download: nothing is fetched).
pub fn data_url(text: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}
