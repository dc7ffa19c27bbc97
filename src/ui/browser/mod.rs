//! The one browser surface of the interface: everything the components need from the page goes through here
//! (clipboard, local storage, the address bar and history, files and downloads, the browser's JSON parser, the
//! console, today's date, random bytes, printing, focus). Besides `src/embed.rs`, no other module names
//! `web_sys::window`, `js_sys` or reflection (`tests/architecture.rs` keeps it so).
//!
//! Nothing here keeps state between calls: what a widget needs to remember (its print sheet) it holds itself,
//! so two widgets on a page never share anything. Every function degrades quietly when the browser refuses
//! (no storage in a sandboxed frame, no clipboard permission): it says so by its return value.
//! Other engineers' browser functions go in `src/ui/browser/<theirs>.rs` with one `pub mod` line below.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, HtmlElement, HtmlInputElement};
use yew::{Callback, NodeRef};

use crate::engine::Date;

// ---- Reflection, for the objects web-sys features are not enabled for ----

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `obj[name](...args)`.
fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(obj, name)?.dyn_into().ok()?;
    Reflect::apply(&f, obj, &args.iter().collect()).ok()
}

fn global() -> JsValue {
    js_sys::global().into()
}

/// Runs `done(Some(value))` when `promise` resolves, `done(None)` when it fails.
fn settle(promise: &JsValue, done: Callback<Option<JsValue>>) {
    let d = done.clone();
    let ok = wasm_bindgen::closure::Closure::once_into_js(move |v: JsValue| d.emit(Some(v)));
    let err = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done.emit(None));
    let _ = call(promise, "then", &[ok, err]);
}

// ---- Clipboard ----

/// Copies `text` to the clipboard; `done(true)` once the browser copied it, `done(false)` if it refused (no
/// permission, no clipboard API, an insecure page).
pub fn copy_text(text: &str, done: Callback<bool>) {
    match get(&global(), "navigator")
        .and_then(|n| get(&n, "clipboard"))
        .and_then(|c| call(&c, "writeText", &[JsValue::from_str(text)]))
    {
        Some(p) => settle(&p, done.reform(|v: Option<JsValue>| v.is_some())),
        None => done.emit(false),
    }
}

// ---- Local storage (only ever called after the visitor opted in, or to forget) ----

fn storage() -> Option<JsValue> {
    // Reading `localStorage` throws in some sandboxed frames: Reflect turns that into None.
    get(&global(), "localStorage")
}

/// The value stored under `key`.
pub fn storage_get(key: &str) -> Option<String> {
    call(&storage()?, "getItem", &[JsValue::from_str(key)])?.as_string()
}

/// Stores `value` under `key`; false if the browser refused (private mode quota, storage disabled).
pub fn storage_set(key: &str, value: &str) -> bool {
    storage()
        .and_then(|s| {
            call(
                &s,
                "setItem",
                &[JsValue::from_str(key), JsValue::from_str(value)],
            )
        })
        .is_some()
}

/// Removes every key that starts with `prefix`.
pub fn storage_forget(prefix: &str) {
    let Some(s) = storage() else { return };
    let n = get(&s, "length").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    let ours: Vec<String> = (0..n)
        .filter_map(|i| call(&s, "key", &[JsValue::from(i)])?.as_string())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in ours {
        let _ = call(&s, "removeItem", &[JsValue::from_str(&k)]);
    }
}

// ---- The address bar and history ----

fn location(key: &str) -> String {
    get(&global(), "location")
        .and_then(|l| get(&l, key))
        .and_then(|h| h.as_string())
        .unwrap_or_default()
}

/// The page's fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    location("hash")
}

/// The page's address with its fragment replaced by `frag` (none when empty).
pub fn address_with(frag: &str) -> String {
    let href = location("href");
    let base = href.split('#').next().unwrap_or("");
    if frag.is_empty() {
        base.to_string()
    } else {
        base.to_string() + "#" + frag
    }
}

/// Replaces the address of the current history entry (no new entry, no request). The entry's state is kept as
/// it is: it holds the host page's own state and the widgets' step markers (`history.rs`).
pub fn replace_address(url: &str) {
    if let Some(h) = get(&global(), "history") {
        let state = get(&h, "state").unwrap_or(JsValue::NULL);
        let _ = call(
            &h,
            "replaceState",
            &[state, JsValue::from_str(""), JsValue::from_str(url)],
        );
    }
}

// ---- Files ----

/// Reads the file chosen in `input` as text; `done(None)` when it is larger than `max_bytes` or unreadable.
/// Nothing happens when no file is chosen. The input is emptied so the same file can be chosen again.
pub fn read_file(input: &HtmlInputElement, max_bytes: usize, done: Callback<Option<String>>) {
    let file = get(input, "files").and_then(|f| get(&f, "0"));
    input.set_value("");
    let Some(file) = file else { return };
    let size = get(&file, "size")
        .and_then(|s| s.as_f64())
        .unwrap_or(f64::MAX);
    match call(&file, "text", &[]).filter(|_| size <= max_bytes as f64) {
        Some(p) => settle(
            &p,
            done.reform(|v: Option<JsValue>| v.and_then(|v| v.as_string())),
        ),
        None => done.emit(None),
    }
}

// ---- The JSON bridge: the browser's parser instead of one in the wasm ----

/// A JavaScript value as JSON (`None` for what JSON cannot hold, or nesting beyond reason).
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
        return Some(if n.fract() == 0.0 && (0.0..9.0e15).contains(&n) {
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
        let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
        if keys.length() > 200 {
            return None;
        }
        let mut m = serde_json::Map::new();
        for k in keys.iter() {
            let key = k.as_string()?;
            let value = Reflect::get(v, &k).ok()?;
            m.insert(key, to_json(&value, depth + 1)?);
        }
        return Some(J::Object(m));
    }
    None
}

/// Parses `text` with the browser's `JSON.parse`.
pub fn json_parse(text: &str) -> Option<serde_json::Value> {
    js_sys::JSON::parse(text).ok().and_then(|v| to_json(&v, 0))
}

/// `text` (JSON) indented by two spaces, as people read it; `text` itself if it is not JSON.
pub fn json_pretty(text: &str) -> String {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_string())
}

// ---- Console, clock, randomness ----

/// One warning line in the console (for the integrator).
#[allow(dead_code)] // for the send panel and the embed module, which still reach the browser themselves
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Today, in the visitor's time zone, from the browser's clock.
#[allow(dead_code)] // for the send panel and the embed module, which still reach the browser themselves
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// `n` random bytes from the browser's cryptographic generator (`None` if it has none).
#[allow(dead_code)] // for the send panel and the embed module, which still reach the browser themselves
pub fn random_bytes(n: usize) -> Option<Vec<u8>> {
    let mut bytes = vec![0u8; n];
    let crypto = web_sys::window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

// ---- Printing and focus ----

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Hides everything of the host page but the widget being printed, on A4 (print media only).
const HOST_PRINT_CSS: &str = "@page{size:A4;margin:15mm}@media print{body *:not(:has([data-lic-print])):not([data-lic-print]){display:none!important}}";

/// The print-only sheet one widget adopts into its host document while one of its print views is open. Each
/// widget holds its own (no state shared between widgets).
#[derive(Default)]
pub struct PrintSheet(Option<CssStyleSheet>);

/// Marks (or unmarks) the widget holding `el` as the one to print, and adopts (or drops) its print sheet in the
/// host document.
pub fn host_print(el: &Element, sheet: &mut PrintSheet, on: bool) {
    let Ok(shadow) = el.get_root_node().dyn_into::<web_sys::ShadowRoot>() else {
        return;
    };
    let host = shadow.host();
    let Some(doc) = host.owner_document() else {
        return;
    };
    let _ = if on {
        host.set_attribute("data-lic-print", "")
    } else {
        host.remove_attribute("data-lic-print")
    };
    if sheet.0.is_none() && on {
        sheet.0 = CssStyleSheet::new()
            .ok()
            .filter(|s| s.replace_sync(HOST_PRINT_CSS).is_ok());
    }
    let Some(own) = sheet.0.as_ref() else { return };
    let key = JsValue::from_str("adoptedStyleSheets");
    let Ok(list) = Reflect::get(&doc, &key) else {
        return;
    };
    let own: &JsValue = own.as_ref();
    let list: js_sys::Array = js_sys::Array::from(&list)
        .iter()
        .filter(|s| s != own)
        .collect();
    if on {
        list.push(own);
    }
    let _ = Reflect::set(&doc, &key, &list);
}

/// Scrolls the page so that the element of `node` is at the top of the viewport (a new screen starts there).
pub fn scroll_to_top(node: &NodeRef) {
    if let Some(el) = node.cast::<Element>() {
        el.scroll_into_view_with_bool(true);
    }
}

/// Moves the focus to the element of `node`, if it is rendered.
pub fn focus(node: &NodeRef) {
    if let Some(el) = node.cast::<HtmlElement>() {
        let _ = el.focus();
    }
}
pub mod deliver;
pub mod fetch;
pub mod history;
pub mod stringify;
