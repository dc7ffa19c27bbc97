//! A fetch that ends (issue 14 point 7): one `GET` of a host-given address (the campaign manifest, after the
//! visitor asked), without cookies, cache or referrer, that
//! - gives up after a timeout (the caller offers a retry),
//! - stops reading as soon as the body passes a size limit (a 10 MB answer is never downloaded whole: the
//!   `Content-Length` is checked first, then every chunk as it arrives),
//! - refuses redirects with their own reason (`redirect: "manual"`: the address fetched is the address
//!   checked, so the served-from check compares the right origin),
//! - says why it failed with a code per reason (`manifest.fetch.<code>` in the message files), the HTTP
//!   status where there is one.
//!
//! The stream is read through `js_sys` reflection (no extra web-sys features): this is the browser surface.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit, RequestMode,
    RequestRedirect, Response,
};

pub use crate::url::FetchError;
use crate::url::Url;

/// How long the manifest fetch may take, body included.
pub const MANIFEST_TIMEOUT_MS: u32 = 10_000;

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(target, method)?.dyn_into().ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).ok()
}

/// Fetches `url` as text, at most `max_bytes`, within `timeout_ms`.
pub async fn fetch_text(
    url: &Url,
    max_bytes: usize,
    timeout_ms: u32,
) -> Result<String, FetchError> {
    if !online() {
        return Err(FetchError::Offline);
    }
    let window = web_sys::window().ok_or(FetchError::Unreachable)?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_redirect(RequestRedirect::Manual);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let abort = || {
        if let Some(c) = &controller {
            c.abort();
        }
    };
    let failed = |timed_out: &Cell<bool>| {
        if timed_out.get() {
            FetchError::Timeout
        } else if !online() {
            FetchError::Offline
        } else {
            FetchError::Unreachable
        }
    };

    let response: Response = JsFuture::from(window.fetch_with_str_and_init(&url.href(), &init))
        .await
        .map_err(|_| failed(&timed_out))?
        .dyn_into()
        .map_err(|_| FetchError::Unreachable)?;
    let kind = get(&response, "type").and_then(|t| t.as_string());
    if kind.as_deref() == Some("opaqueredirect") || response.redirected() {
        abort();
        return Err(FetchError::Redirected);
    }
    let status = response.status();
    if (300..400).contains(&status) {
        abort();
        return Err(FetchError::Redirected);
    }
    if !(200..300).contains(&status) {
        abort();
        return Err(if (400..500).contains(&status) {
            FetchError::Refused(status)
        } else {
            FetchError::Server(status)
        });
    }
    let declared = get(&response, "headers")
        .and_then(|h| call(&h, "get", &[JsValue::from_str("content-length")]))
        .and_then(|v| v.as_string())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_bytes as u64) {
        abort();
        return Err(FetchError::TooLarge);
    }
    let reader = get(&response, "body")
        .and_then(|b| call(&b, "getReader", &[]))
        .ok_or(FetchError::Unreachable)?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let promise: js_sys::Promise = call(&reader, "read", &[])
            .and_then(|p| p.dyn_into().ok())
            .ok_or(FetchError::Unreachable)?;
        let chunk = JsFuture::from(promise)
            .await
            .map_err(|_| failed(&timed_out))?;
        if get(&chunk, "done").is_some_and(|d| d.is_truthy()) {
            break;
        }
        let Some(value) = get(&chunk, "value").and_then(|v| v.dyn_into::<Uint8Array>().ok()) else {
            abort();
            return Err(FetchError::Unreachable);
        };
        if bytes.len() + value.length() as usize > max_bytes {
            let _ = call(&reader, "cancel", &[]);
            abort();
            return Err(FetchError::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
    // Text that is not UTF-8 is no manifest: an empty text, which the manifest check refuses as not an object.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
