//! JSON text written by the browser's `JSON.stringify`, so that the questionnaire's part of the widget (the first
//! wasm file) carries no JSON writer: this device's memory of the letter fields is written while the visitor
//! answers. The late screens write theirs with `payload::json_text` (serde_json's bytes, without its writer).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// `v` as a JavaScript value.
fn to_js(v: &serde_json::Value) -> JsValue {
    use serde_json::Value as J;
    match v {
        J::Null => JsValue::NULL,
        J::Bool(b) => JsValue::from_bool(*b),
        J::Number(n) => n.as_f64().map_or(JsValue::NULL, JsValue::from_f64),
        J::String(s) => JsValue::from_str(s),
        J::Array(a) => a.iter().map(to_js).collect::<Array>().into(),
        J::Object(m) => {
            let o = Object::new();
            for (k, x) in m {
                // Setting a property of a fresh plain object cannot fail.
                let _ = Reflect::set(&o, &JsValue::from_str(k), &to_js(x));
            }
            o.into()
        }
    }
}

/// `v` as compact JSON text (what `v.to_string()` writes, by the browser).
pub fn json_string(v: &serde_json::Value) -> String {
    js_sys::JSON::stringify(&to_js(v))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
