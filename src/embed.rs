//! The one module that JavaScript sees: `mount(element, config)` returns a handle with `unmount()`.
//!
//! It reads the configuration (never trusting it), reads today's date from the browser for the engine's
//! `as_of`, gives the widget its stylesheet (a constructable stylesheet adopted by the shadow root, so a
//! strict `style-src` policy is respected and host CSS cannot leak in), and starts the yew app.

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element};
use yew::{AppHandle, Callback};

use crate::engine::Date;
use crate::i18n::Locale;
use crate::ui::{Widget, WidgetProps};

/// The widget's stylesheet, compiled in: no extra request, nothing inline.
const WIDGET_CSS: &str = include_str!("../www/widget.css");

/// The configuration accepted from the host page (`data-` attributes, or the JS `mount` call).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Config {
    lang: Option<String>,
}

/// A mounted widget; `unmount()` removes it and frees its memory.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<Widget>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget from the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Today in the visitor's time zone, as a civil date.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    );
    // `new Date()` is always a valid date; the clamps only guard a hostile environment.
    Date::new(
        y.clamp(1970, 9999),
        m.clamp(1, 12),
        d.clamp(1, 28).max(d.min(31)),
    )
    .or_else(|| Date::new(y.clamp(1970, 9999), m.clamp(1, 12), 28))
    .unwrap_or_else(|| unreachable!("day 28 exists in every month"))
}

/// Gives `element`'s shadow root (if it is in one) the widget's stylesheet.
fn adopt_styles(element: &Element) {
    let root = element.get_root_node();
    if root.dyn_ref::<web_sys::ShadowRoot>().is_none() {
        return;
    }
    let Ok(sheet) = CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(WIDGET_CSS).is_err() {
        return;
    }
    let sheets = js_sys::Array::of1(&sheet);
    let _ = js_sys::Reflect::set(&root, &JsValue::from_str("adoptedStyleSheets"), &sheets);
}

/// Mounts a widget inside `element` with `config` (`{ lang: "fr" | "en" }`).
/// A bad configuration value is reported on the console and as a visible notice; the check still works.
#[wasm_bindgen]
pub fn mount(element: Element, config: JsValue) -> MountHandle {
    let mut notices = Vec::new();
    let config: Config = if config.is_undefined() || config.is_null() {
        Config::default()
    } else {
        serde_wasm_bindgen::from_value(config).unwrap_or_else(|e| {
            warn(&format!(
                "loan-insurance-check: configuration ignored ({e})"
            ));
            notices.push("notice.bad_config");
            Config::default()
        })
    };
    let locale = match config.lang.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Locale::Fr,
        Some(tag) => Locale::from_tag(tag).unwrap_or_else(|| {
            warn(&format!("loan-insurance-check: data-lang=\"{tag}\" is not a supported language (fr, en); using fr"));
            notices.push("notice.bad_lang");
            Locale::Fr
        }),
    };
    adopt_styles(&element);
    let props = WidgetProps {
        locale,
        as_of: today(),
        notices,
        featured_claims: Vec::new(),
        on_event: Callback::noop(),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(element, props).render();
    MountHandle { app: Some(app) }
}
