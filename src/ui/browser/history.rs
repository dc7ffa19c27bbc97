//! The browser's Back and Forward buttons move between the widget's screens.
//!
//! Each move forward adds one entry to the page's session history whose state carries only a step marker for
//! this widget: `"<depth>:<step id>"` under the widget's own key (`lic0`, `lic1`… in mount order), merged
//! into whatever state the page keeps there, so the host page's own state and other widgets' markers stay.
//! Never an answer, never a URL change. In an iframe the entries are the frame's, which the browser's buttons
//! traverse the same way (joint session history), so both embed modes behave alike.

use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn history() -> Option<JsValue> {
    get(&js_sys::global(), "history")
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: js_sys::Function = get(target, method)?.dyn_into().ok()?;
    let list: js_sys::Array = args.iter().collect();
    f.apply(target, &list).ok()
}

/// A key of its own for each widget mounted in this document.
pub fn instance_key() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    "lic".to_string() + &crate::i18n::digits(NEXT.fetch_add(1, Ordering::Relaxed).into(), 1)
}

/// The depth of this widget's marker in a history state (0 when the entry has none: the page before the widget
/// moved).
pub fn depth_in(state: &JsValue, key: &str) -> usize {
    get(state, key)
        .and_then(|v| v.as_string())
        .and_then(|s| s.split(':').next().and_then(|d| d.parse().ok()))
        .unwrap_or(0)
}

/// This widget's marker in the entry the browser is on: its depth and step id. After a reload, or a return to
/// the page by Back or Forward when the browser did not keep the page in its cache, the entry still holds the
/// marker of the screen the visitor left, though the widget starts afresh.
pub fn marker(key: &str) -> Option<(usize, String)> {
    let state = get(&history()?, "state")?;
    let value = get(&state, key)?.as_string()?;
    let (depth, step) = value.split_once(':')?;
    Some((depth.parse().ok()?, step.to_string()))
}

/// The current entry's state with this widget's marker set (a copy: the page's own keys are kept). A state
/// that is not an object (a host storing a string there) is left alone: `None`.
fn merged_state(key: &str, depth: usize, step: &str) -> Option<JsValue> {
    let h = history()?;
    let current = get(&h, "state");
    let copy = js_sys::Object::new();
    if let Some(current) = current {
        if !current.is_object() {
            return None;
        }
        js_sys::Object::assign(&copy, current.unchecked_ref());
    }
    js_sys::Reflect::set(
        &copy,
        &JsValue::from_str(key),
        &JsValue::from_str(&(crate::i18n::digits(depth as i64, 1) + ":" + step)),
    )
    .ok()?;
    Some(copy.into())
}

/// A new entry for a move forward to `depth` (`step`: the screen's id, such as `question:loan_kind`).
pub fn push(key: &str, depth: usize, step: &str) {
    if let (Some(h), Some(state)) = (history(), merged_state(key, depth, step)) {
        let _ = call(&h, "pushState", &[state, JsValue::from_str("")]);
    }
}

/// Updates the current entry's marker (the screen changed without a new entry).
pub fn replace(key: &str, depth: usize, step: &str) {
    if let (Some(h), Some(state)) = (history(), merged_state(key, depth, step)) {
        let _ = call(&h, "replaceState", &[state, JsValue::from_str("")]);
    }
}

/// Moves the browser `delta` entries (negative: back), to follow a move made inside the widget.
pub fn go(delta: i32) {
    if let Some(h) = history() {
        let _ = call(&h, "go", &[JsValue::from(delta)]);
    }
}

/// Listens to the browser's Back and Forward buttons until dropped; `on_move` gets the depth of the entry
/// the browser is now on for this widget.
pub struct Listener {
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Starts listening for widget `key`.
    pub fn new(key: String, on_move: impl Fn(usize) + 'static) -> Option<Listener> {
        let window = web_sys::window()?;
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let state = get(&event, "state").unwrap_or(JsValue::NULL);
            on_move(depth_in(&state, &key));
        });
        window
            .add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener { closure })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "popstate",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}
