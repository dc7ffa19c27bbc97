//! The one module that JavaScript sees: `mount(element, config)` (exported as `createWidget`) returns a
//! handle with `unmount()`. `www/embed.js` wraps it in the `<loan-insurance-check>` custom element and
//! the public `mount` API; `www/frame.js` uses the same in the iframe page.
//!
//! It carries the configuration's text values across from JavaScript; [`crate::host_config`] reads them,
//! never trusting them: a bad value gets a console message naming the attribute, a visible notice (a message
//! key shown by the widget), a fallback, and the check still works. It reads today's date from the browser for the engine's `as_of`, gives the widget
//! its stylesheets (the widget's own and the theme's, both constructable stylesheets adopted by the
//! shadow root: no inline style, so a strict `style-src` is respected and host CSS cannot leak in), and
//! starts the yew app. The host events go to the `onEvent` function of the configuration, which the
//! JavaScript side turns into DOM events (in-page) or `postMessage` (iframe).

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element};
use yew::{AppHandle, Callback};

use crate::engine::Date;
use crate::host_config::{EventDetail, HostConfig, ManifestSource, RawConfig};
use crate::theme::{theme, ThemeMode};
use crate::ui::{HostEvent, Widget, WidgetProps};

/// The widget's stylesheet, compiled in: no extra request, nothing inline.
const WIDGET_CSS: &str = include_str!("../www/widget.css");

/// The configuration accepted from the host page (`data-` attributes, or the JS `mount` call), as text.
#[derive(Default)]
struct Config {
    raw: RawConfig,
    /// Receives `(type, detail)` for each host event.
    on_event: Option<js_sys::Function>,
}

/// A mounted widget; `unmount()` removes it and frees its memory.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<Widget>>,
    /// The campaign manifest as given (shape checked, content not yet): kept for the forwarding feature.
    manifest: Option<std::rc::Rc<ManifestSource>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget from the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.manifest = None;
    }

    /// Whether a usable campaign manifest was given (an address or an inline JSON object).
    #[wasm_bindgen(getter, js_name = hasManifest)]
    pub fn has_manifest(&self) -> bool {
        self.manifest.is_some()
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "loan-insurance-check: {message}"
    )));
}

/// Today in the visitor's time zone, as a civil date.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    );
    // `new Date()` is always a valid date; the fallbacks only guard a hostile environment.
    Date::new(y.clamp(1970, 9999), m.clamp(1, 12), d.clamp(1, 31))
        .or_else(|| Date::new(y.clamp(1970, 9999), m.clamp(1, 12), 28))
        .unwrap_or_else(|| unreachable!("day 28 exists in every month"))
}

/// The text of `key` in `object`: strings as they are, arrays joined with commas, other values as JSON.
fn text_field(object: &JsValue, key: &str) -> Option<String> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if js_sys::Array::is_array(&value) {
        return Some(String::from(js_sys::Array::from(&value).join(",")));
    }
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
}

fn read_config(value: &JsValue, notices: &mut Vec<&'static str>) -> Config {
    if value.is_undefined() || value.is_null() {
        return Config::default();
    }
    if !value.is_object() {
        let issue = HostConfig::not_an_object();
        warn(&issue.message);
        notices.push(issue.notice);
        return Config::default();
    }
    Config {
        raw: RawConfig {
            lang: text_field(value, "lang"),
            color: text_field(value, "color"),
            theme: text_field(value, "theme"),
            manifest: text_field(value, "manifest"),
            claims: text_field(value, "claims"),
            events: text_field(value, "events"),
            background: text_field(value, "background"),
            sandbox: text_field(value, "sandbox"),
        },
        on_event: js_sys::Reflect::get(value, &JsValue::from_str("onEvent"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
    }
}

/// Gives `element`'s shadow root (if it is in one) the widget's stylesheet, then the theme's.
fn adopt_styles(element: &Element, theme_css: &str) {
    let root = element.get_root_node();
    if root.dyn_ref::<web_sys::ShadowRoot>().is_none() {
        return;
    }
    let sheets = js_sys::Array::new();
    for css in [WIDGET_CSS, theme_css] {
        let Ok(sheet) = CssStyleSheet::new() else {
            return;
        };
        if sheet.replace_sync(css).is_ok() {
            sheets.push(&sheet);
        }
    }
    let _ = js_sys::Reflect::set(&root, &JsValue::from_str("adoptedStyleSheets"), &sheets);
}

/// Sends each host event to `on_event(type, detail)`: ids only, never answers or amounts; the question ids
/// only with `events: detailed`.
fn host_events(
    on_event: Option<js_sys::Function>,
    detail_level: EventDetail,
) -> Callback<HostEvent> {
    let Some(function) = on_event else {
        return Callback::noop();
    };
    Callback::from(move |event: HostEvent| {
        let detail = js_sys::Object::new();
        #[allow(unreachable_patterns)]
        let kind = match event {
            HostEvent::Ready => "ready",
            HostEvent::Step(step) => {
                let _ = js_sys::Reflect::set(
                    &detail,
                    &JsValue::from_str("step"),
                    &JsValue::from_str(&detail_level.step(&step)),
                );
                "step"
            }
            HostEvent::Result => "result",
            HostEvent::Sent => "sent",
            // Events added later are not forwarded until this module knows what they may carry.
            _ => return,
        };
        if let Err(e) = function.call2(&JsValue::NULL, &JsValue::from_str(kind), &detail) {
            web_sys::console::error_2(
                &JsValue::from_str("loan-insurance-check: the onEvent handler failed"),
                &e,
            );
        }
    })
}

/// Mounts a widget inside `element` with `config`: `{ lang, color, theme, manifest, claims }` as text
/// (see README "Embed it"), plus `background` (the colour behind a transparent widget) and `onEvent`.
/// A bad value is reported on the console and as a visible notice, with a fallback; the check still works.
#[wasm_bindgen(js_name = createWidget)]
pub fn mount(element: Element, config: JsValue) -> MountHandle {
    let mut notices = Vec::new();
    let config = read_config(&config, &mut notices);
    let parse_json = crate::ui::components::send_deliver::parse_json;
    let (host, issues) = HostConfig::read(&config.raw, parse_json);
    for issue in &issues {
        warn(&issue.message);
        notices.push(issue.notice);
    }
    let (locale, mode, brand, backdrop) = (host.locale, host.theme, host.brand, host.backdrop);
    let theme = theme(mode, brand, backdrop);
    if let Some(brand) = brand {
        for adjustment in &theme.adjustments {
            let message = format!(
                "loan-insurance-check: data-color=\"{brand}\" was adjusted to stay readable: {adjustment}"
            );
            // With data-theme="auto", the dark variant is derived for visitors who prefer dark: expected,
            // so only worth a note. A colour that fails where the integrator asked for it is a warning.
            if mode == ThemeMode::Auto && adjustment.scheme == "dark" {
                web_sys::console::info_1(&JsValue::from_str(&message));
            } else {
                web_sys::console::warn_1(&JsValue::from_str(&message));
            }
        }
    }

    let manifest = host.manifest.map(std::rc::Rc::new);
    adopt_styles(&element, &theme.css);
    let props = WidgetProps {
        locale,
        as_of: today(),
        notices,
        featured_claims: host.featured,
        on_event: host_events(config.on_event, host.events),
        manifest: manifest.clone(),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(element, props).render();
    MountHandle {
        app: Some(app),
        manifest,
    }
}
