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
use crate::host_config::{EventDetail, HostConfig, RawConfig};
use crate::i18n::Locale;
use crate::theme::{Rgb, ThemeMode};
use crate::ui::{HostEvent, Widget, WidgetProps};

/// A smaller allocator than the default dlmalloc (about 2.7 KB less brotli, shared/design/TOOLCHAIN.md): the widget
/// allocates little and frees in bursts. The locked variant needs no `unsafe` (the crate forbids it).
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The widget's stylesheet, compiled in: no extra request, nothing inline. The release widget (feature
/// `external-messages`) has none: `embed.js` carries `www/widget.css` for the static start screen and gives the
/// widget that sheet (`styles`), so the wasm does not carry a second copy (about 2.7 KB brotli).
#[cfg(not(feature = "external-messages"))]
const WIDGET_CSS: &str = include_str!("../www/widget.css");
#[cfg(feature = "external-messages")]
const WIDGET_CSS: &str = "";

/// The configuration accepted from the host page (`data-` attributes, or the JS `mount` call), as text.
#[derive(Default)]
struct Config {
    raw: RawConfig,
    /// Receives `(type, detail)` for each host event.
    on_event: Option<js_sys::Function>,
    /// `{ fr?: text, en?: text }`: the message files `embed.js` has loaded (release build, one language per file).
    messages: JsValue,
    /// `loadMessages(tag)` returns a promise of the message file of a language (for the language switch).
    load_messages: Option<js_sys::Function>,
    /// The widget's stylesheet (`www/widget.css`) as a constructable stylesheet, given by `embed.js`.
    styles: Option<CssStyleSheet>,
    /// `themeCss(theme, colour, background, notes)`: `www/theme.js` `licThemeCss`, given by `embed.js`.
    theme_css: Option<js_sys::Function>,
}

/// A mounted widget; `unmount()` removes it and frees its memory.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<Widget>>,
    /// Where the widget is (its shadow root gets the stylesheets).
    element: Element,
    /// The properties it was last given.
    props: WidgetProps,
    /// The widget's stylesheet given by `embed.js`, if any.
    styles: Option<CssStyleSheet>,
    /// The theme's stylesheet maker given by `embed.js`, if any.
    theme_css: Option<js_sys::Function>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget from the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// A new configuration for the widget on show (an attribute changed): the language, the theme and the colour
    /// change at once and the visitor's answers, drafts and screen stay; so does the manifest. Featured claims are
    /// read when the widget starts. Bad values get their console message and notice, as at mount.
    pub fn update(&mut self, config: JsValue) {
        let Some(app) = self.app.as_mut() else {
            return;
        };
        let mut notices = Vec::new();
        let mut config = read_config(&config, &mut notices);
        config.theme_css = config.theme_css.or_else(|| self.theme_css.clone());
        let (props, theme_css, _) = setup(&config, notices);
        adopt_styles(&self.element, self.styles.as_ref(), &theme_css);
        self.props = WidgetProps {
            as_of: self.props.as_of,
            // The manifest is read when the widget starts, like the featured claims.
            manifest: self.props.manifest.clone(),
            on_event: self.props.on_event.clone(),
            load_locale: self.props.load_locale.clone(),
            featured_claims: self.props.featured_claims.clone(),
            sent: self.props.sent.clone(),
            ..props
        };
        app.update(self.props.clone());
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(
        &["loan-insurance-check: ", message].concat(),
    ));
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

fn read_config(value: &JsValue, notices: &mut Vec<crate::i18n::Msg>) -> Config {
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
        messages: js_sys::Reflect::get(value, &JsValue::from_str("messages"))
            .unwrap_or(JsValue::UNDEFINED),
        load_messages: js_sys::Reflect::get(value, &JsValue::from_str("loadMessages"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
        styles: js_sys::Reflect::get(value, &JsValue::from_str("styles"))
            .ok()
            .and_then(|f| f.dyn_into::<CssStyleSheet>().ok()),
        theme_css: js_sys::Reflect::get(value, &JsValue::from_str("themeCss"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
    }
}

/// Gives `element`'s shadow root (if it is in one) the widget's stylesheet (`base`, or the compiled-in one), then
/// the theme's.
fn adopt_styles(element: &Element, base: Option<&CssStyleSheet>, theme_css: &str) {
    let root = element.get_root_node();
    if root.dyn_ref::<web_sys::ShadowRoot>().is_none() {
        return;
    }
    let sheets = js_sys::Array::new();
    if let Some(base) = base {
        sheets.push(base);
    }
    for css in [if base.is_some() { "" } else { WIDGET_CSS }, theme_css] {
        if css.is_empty() {
            continue;
        }
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

/// Gives the i18n tables the message files `embed.js` passed (`{ fr?: text, en?: text }`); each once per page.
/// Without `external-messages` (the wasm-bindgen tests) every language is compiled in and this does nothing.
fn provide_messages(messages: &JsValue) {
    #[cfg(not(feature = "external-messages"))]
    let _ = messages;
    #[cfg(feature = "external-messages")]
    for locale in Locale::ALL {
        if crate::i18n::available(locale) {
            continue;
        }
        let text = js_sys::Reflect::get(messages, &JsValue::from_str(locale.tag()))
            .ok()
            .and_then(|t| t.as_string());
        if let Some(text) = text {
            // Kept for the page's lifetime, like compiled-in text: one copy per language and page.
            if !crate::i18n::provide(locale, Box::leak(text.into_boxed_str())) {
                warn("a words file is not one of this widget's build (another key list): it is not used");
            }
        }
    }
}

/// The language switch's loader: a language whose words are here switches at once; otherwise
/// `loadMessages(tag)` (embed.js; the file was requested with the others when the page loaded, so no request
/// depends on the visitor) gives them first. A failure leaves the language as it is, with a console error.
fn locale_loader(load: Option<js_sys::Function>) -> Option<Callback<(Locale, Callback<Locale>)>> {
    if !cfg!(feature = "external-messages") {
        return None;
    }
    Some(Callback::from(
        move |(locale, then): (Locale, Callback<Locale>)| {
            if crate::i18n::available(locale) {
                return then.emit(locale);
            }
            let promise = load
                .as_ref()
                .and_then(|f| {
                    f.call1(&JsValue::NULL, &JsValue::from_str(locale.tag()))
                        .ok()
                })
                .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
            let Some(promise) = promise else {
                warn("the words of the other language could not be loaded");
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(text) => {
                    let messages = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&messages, &JsValue::from_str(locale.tag()), &text);
                    provide_messages(&messages);
                    if crate::i18n::available(locale) {
                        then.emit(locale);
                    }
                }
                Err(e) => web_sys::console::error_2(
                    &JsValue::from_str("loan-insurance-check: the words of the other language could not be loaded"),
                    &e,
                ),
            }
            });
        },
    ))
}

/// Mounts a widget inside `element` with `config`: `{ lang, color, theme, manifest, claims }` as text
/// (see README "Embed it"), plus `background` (the colour behind a transparent widget) and `onEvent`.
/// A bad value is reported on the console and as a visible notice, with a fallback; the check still works.
#[wasm_bindgen(js_name = createWidget)]
pub fn mount(element: Element, config: JsValue) -> MountHandle {
    let mut notices = Vec::new();
    let config = read_config(&config, &mut notices);
    let (mut props, theme_css, events) = setup(&config, notices);
    props.on_event = host_events(config.on_event, events);
    props.load_locale = locale_loader(config.load_messages);
    adopt_styles(&element, config.styles.as_ref(), &theme_css);
    let app = yew::Renderer::<Widget>::with_root_and_props(element.clone(), props.clone()).render();
    MountHandle {
        app: Some(app),
        element,
        props,
        styles: config.styles,
        theme_css: config.theme_css,
    }
}

/// What a configuration makes of the widget: its properties (but the event handler and the language loader,
/// which `mount` adds), its theme stylesheet, the campaign manifest and what the step events may say. Console
/// messages and notices for bad values ([`HostConfig::read`]).
fn setup(
    config: &Config,
    mut notices: Vec<crate::i18n::Msg>,
) -> (WidgetProps, String, EventDetail) {
    provide_messages(&config.messages);
    let parse_json = crate::ui::browser::deliver::parse_json;
    let (host, issues) = HostConfig::read(&config.raw, parse_json);
    for issue in &issues {
        warn(&issue.message);
        notices.push(issue.notice);
    }
    let (locale, mode, brand, backdrop) = (host.locale, host.theme, host.brand, host.backdrop);
    let (css, adjustments) = theme_sheet(config.theme_css.as_ref(), mode, brand, backdrop);
    if let Some(brand) = brand {
        for (scheme, text) in adjustments {
            let message = [
                "loan-insurance-check: data-color=\"",
                &brand.to_hex(),
                "\" was adjusted to stay readable: ",
                &text,
            ]
            .concat();
            // With data-theme="auto", the dark variant is derived for visitors who prefer dark: expected,
            // so only worth a note. A colour that fails where the integrator asked for it is a warning.
            if mode == ThemeMode::Auto && scheme == "dark" {
                web_sys::console::info_1(&JsValue::from_str(&message));
            } else {
                web_sys::console::warn_1(&JsValue::from_str(&message));
            }
        }
    }

    let props = WidgetProps {
        locale,
        as_of: today(),
        notices,
        featured_claims: host.featured,
        on_event: Callback::noop(),
        manifest: host.manifest.map(std::rc::Rc::new),
        load_locale: None,
        sent: Default::default(),
    };
    (props, css, host.events)
}

/// The theme stylesheet for `mode`, `brand` and `backdrop` (as read by [`HostConfig::read`]), and the brand colours
/// adjusted to stay readable, as `(scheme, what changed)`. `embed.js` gives its `licThemeCss` (`www/theme.js`: the
/// start screen's theme, the same computation as [`crate::theme::theme`], held equal by `tests/theme_js.rs`), so
/// the release widget carries no colour arithmetic of its own (about 3.5 KB brotli); the colours go to it as hex,
/// read here, so `rgb()` and `hsl()` work too. Without that function, the build that compiles its stylesheet in (the
/// wasm-bindgen tests) computes it here; the release widget then keeps `www/widget.css`'s default colours.
fn theme_sheet(
    compute: Option<&js_sys::Function>,
    mode: ThemeMode,
    brand: Option<Rgb>,
    backdrop: Option<Rgb>,
) -> (String, Vec<(String, String)>) {
    if let Some(compute) = compute {
        let hex = |c: Option<Rgb>| JsValue::from_str(&c.map(|c| c.to_hex()).unwrap_or_default());
        let notes = js_sys::Array::new();
        let css = compute
            .call4(
                &JsValue::NULL,
                &JsValue::from_str(mode.name()),
                &hex(brand),
                &hex(backdrop),
                &notes,
            )
            .ok()
            .and_then(|css| css.as_string());
        let Some(css) = css else {
            warn("the theme could not be computed: the default colours are used");
            return (String::new(), Vec::new());
        };
        let notes = notes
            .iter()
            .filter_map(|note| {
                let note = js_sys::Array::from(&note);
                Some((note.get(0).as_string()?, note.get(1).as_string()?))
            })
            .collect();
        return (css, notes);
    }
    #[cfg(feature = "external-messages")]
    return (String::new(), Vec::new());
    #[cfg(not(feature = "external-messages"))]
    {
        let theme = crate::theme::theme(mode, brand, backdrop);
        let notes = theme
            .adjustments
            .iter()
            .map(|a| (a.scheme.to_string(), a.to_string()))
            .collect();
        (theme.css, notes)
    }
}
