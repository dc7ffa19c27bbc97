//! Keep and resume, without a server (PRODUCT.md journey step 7): the dossier file (export, import), the resume
//! link (the answers' resume code in the URL fragment, which browsers never send to a server), the opt-in memory
//! of this device (local storage, keys prefixed `loan-insurance-check:`) and "forget everything".
//!
//! [`Keep`] wraps every screen (mounted once by the root component): on start it restores the answers of a resume
//! link or of this device, asking first when both hold different answers; while remembering is on it saves each
//! change; and it says what happened (restored, refused and why) in the visitor's language, in a live region that
//! stays in place. The controls themselves are in the act panel ([`super::act`]). Nothing is stored unless the
//! visitor ticks "remember", and nothing is fetched. The browser's objects are reached through `js_sys::Reflect`,
//! so no web-sys feature is added for them.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::act::{acted, refocus, Dom};
use crate::act::dossier::{self, DossierError, Imported};
use crate::act::fragment::{self, CodeError};
use crate::act::{data_url, STORAGE_ANSWERS, STORAGE_PREFIX};
use crate::engine::{Answers, Evaluation, DATA_VERSION, RULES_VERSION};
use crate::i18n::{t, tf};
use crate::ui::app::{use_wizard, WizardContext};
use crate::ui::state::{Action, Screen};
use crate::ui::text;

// ---- The browser, through Reflect ----

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

/// Runs `done(Some(value))` when `promise` resolves, `done(None)` when it fails.
fn settle(promise: &JsValue, done: Callback<Option<JsValue>>) {
    let d = done.clone();
    let ok = wasm_bindgen::closure::Closure::once_into_js(move |v: JsValue| d.emit(Some(v)));
    let err = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done.emit(None));
    let _ = call(promise, "then", &[ok, err]);
}

/// Copies `text` to the clipboard; `done(true)` once copied, `done(false)` if the browser refused.
pub(super) fn copy_text(text: &str, done: Callback<bool>) {
    match get(&js_sys::global(), "navigator")
        .and_then(|n| get(&n, "clipboard"))
        .and_then(|c| call(&c, "writeText", &[JsValue::from_str(text)]))
    {
        Some(p) => settle(&p, done.reform(|v: Option<JsValue>| v.is_some())),
        None => done.emit(false),
    }
}

/// This origin's local storage, if the browser lets the page use it.
fn storage() -> Option<JsValue> {
    get(&js_sys::global(), "localStorage")
}

/// The value stored under `key`.
pub(super) fn load(key: &str) -> Option<String> {
    call(&storage()?, "getItem", &[JsValue::from_str(key)])?.as_string()
}

/// Stores `value` under `key`; false if the browser refused.
pub(super) fn save(key: &str, value: &str) -> bool {
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

/// Removes every key this widget wrote (all of them start with [`STORAGE_PREFIX`]).
pub(super) fn forget_storage() {
    let Some(s) = storage() else { return };
    let n = get(&s, "length").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    let ours: Vec<String> = (0..n)
        .filter_map(|i| call(&s, "key", &[JsValue::from(i)])?.as_string())
        .filter(|k| k.starts_with(STORAGE_PREFIX))
        .collect();
    for k in ours {
        let _ = call(&s, "removeItem", &[JsValue::from_str(&k)]);
    }
}

/// "Forget everything": this device's memory and the resume code in the address bar.
pub(super) fn forget() {
    forget_storage();
    clear_code_in_address();
}

fn location(key: &str) -> String {
    get(&js_sys::global(), "location")
        .and_then(|l| get(&l, key))
        .and_then(|h| h.as_string())
        .unwrap_or_default()
}

/// The page's address with its fragment replaced by `frag` (none when empty).
fn address_with(frag: &str) -> String {
    let href = location("href");
    let base = href.split('#').next().unwrap_or("");
    if frag.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{frag}")
    }
}

/// Removes the resume code from the address bar, leaving the rest of the fragment.
fn clear_code_in_address() {
    let frag = location("hash");
    if fragment::code_in_fragment(&frag).is_none() {
        return;
    }
    if let Some(h) = get(&js_sys::global(), "history") {
        let url = address_with(&fragment::with_code(&frag, None));
        let _ = call(
            &h,
            "replaceState",
            &[
                JsValue::NULL,
                JsValue::from_str(""),
                JsValue::from_str(&url),
            ],
        );
    }
}

/// The resume link of `answers`: this page's address (the host page, or the frame page in iframe mode) with the
/// code in its fragment.
pub(super) fn resume_link(answers: &Answers) -> String {
    address_with(&fragment::with_code(
        &location("hash"),
        Some(&fragment::encode(answers)),
    ))
}

/// Opens a dossier file's text with the browser's JSON parser.
fn open_dossier(text: &str) -> Result<Imported, DossierError> {
    if text.len() > dossier::MAX_DOSSIER_BYTES {
        return Err(DossierError::NotJson);
    }
    let v = js_sys::JSON::parse(text).map_err(|_| DossierError::NotJson)?;
    dossier::read_value(&super::send_deliver::to_json(&v, 0).ok_or(DossierError::NotJson)?)
}

/// Reads the file chosen in `input` as a dossier; `done` gets what it holds or what is wrong with it.
pub(super) fn read_file(input: &HtmlInputElement, done: Callback<Result<Imported, DossierError>>) {
    let file = get(input, "files").and_then(|f| get(&f, "0"));
    // Let the same file be chosen again later.
    input.set_value("");
    let Some(file) = file else { return };
    let size = get(&file, "size")
        .and_then(|s| s.as_f64())
        .unwrap_or(f64::MAX);
    match call(&file, "text", &[]).filter(|_| size <= dossier::MAX_DOSSIER_BYTES as f64) {
        Some(p) => settle(
            &p,
            done.reform(|v: Option<JsValue>| match v.and_then(|v| v.as_string()) {
                Some(text) => open_dossier(&text),
                None => Err(DossierError::NotJson),
            }),
        ),
        None => done.emit(Err(DossierError::NotJson)),
    }
}

/// The dossier file, pretty-printed by the browser, as a `data:` URL.
pub(super) fn dossier_url(answers: &Answers, eval: &Evaluation) -> String {
    let compact = dossier::write(answers, eval);
    let pretty = js_sys::JSON::parse(&compact)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or(compact);
    data_url("application/json", &pretty)
}

// ---- What happened ----

/// A message about keeping and resuming, shown above the screen until closed.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one note at a time, in one state slot
pub enum Note {
    /// Answers from a resume link (`link`) or this device (`device`) are back.
    Restored(&'static str),
    /// A dossier file is open.
    Opened(Imported),
    /// A resume link (`link`) or this device's memory (`device`) could not be read.
    Unreadable(&'static str, CodeError),
    /// The link and this device hold different answers: which to open?
    Choose(Answers, Answers),
    /// Everything was forgotten.
    Forgotten,
    /// A dossier file chosen on the start screen could not be opened.
    FileError(DossierError),
    /// A dossier file read on the start screen would replace answers already given: replace them?
    Confirm(Imported),
}

/// The note on show, shared with the act panel (which sets it before the screen changes).
pub type NoteHandle = UseStateHandle<Option<Note>>;

thread_local! {
    /// Screen changes the note on show outlives: one for a note that comes with the review screen of restored
    /// answers; any other note goes at the next screen change.
    static OUTLIVES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Restores `answers` (the review screen then shows them) and says so.
pub(super) fn restore(
    state: &WizardContext,
    notes: Option<&NoteHandle>,
    answers: Answers,
    note: Note,
) {
    if let Some(n) = notes {
        OUTLIVES.with(|c| c.set(1));
        n.set(Some(note));
    }
    state.dispatch(Action::Restore(answers));
}

/// Props of [`Keep`].
#[derive(Properties, PartialEq)]
pub struct KeepProps {
    /// The screen on show.
    pub children: Html,
}

/// Wraps the screen: restores on start, saves while remembering is on, shows what happened.
#[component]
pub fn Keep(props: &KeepProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let notes: NoteHandle = use_state(|| None);
    let choosing = matches!(*notes, Some(Note::Choose(..)));
    let banner = use_node_ref();

    // On start: the resume link first (the visitor just opened it), else this device's memory.
    {
        let (state, notes) = (state.clone(), notes.clone());
        use_effect_with((), move |_| {
            let restored =
                |answers, source| restore(&state, Some(&notes), answers, Note::Restored(source));
            let device = load(STORAGE_ANSWERS);
            // Restores check what they restore: the values as the questionnaire checks them.
            let as_of = state.as_of;
            let decode = |code: &str| fragment::restore(code, as_of);
            match fragment::code_in_fragment(&location("hash")).map(decode) {
                Some(Err(e)) => notes.set(Some(Note::Unreadable("link", e))),
                Some(Ok(answers)) if answers.answered().is_empty() => {
                    notes.set(Some(Note::Unreadable("link", CodeError::Empty)))
                }
                Some(Ok(answers)) => {
                    clear_code_in_address();
                    match device
                        .and_then(|d| decode(&d).ok())
                        .filter(|d| *d != answers && !d.answered().is_empty())
                    {
                        Some(d) => notes.set(Some(Note::Choose(answers, d))),
                        None => restored(answers, "link"),
                    }
                }
                None => match device.map(|d| decode(&d)) {
                    Some(Ok(answers)) if !answers.answered().is_empty() => {
                        restored(answers, "device")
                    }
                    Some(Err(e)) => notes.set(Some(Note::Unreadable("device", e))),
                    _ => {}
                },
            }
        });
    }

    // A note is about the screen it came with: the next screen change takes it away.
    {
        let notes = notes.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.screen_serial, move |_| {
            // Not on the first screen: only on changes.
            if !first.replace(false) && OUTLIVES.with(|c| c.replace(0)) == 0 && notes.is_some() {
                notes.set(None);
            }
        });
    }

    // While remembering is on (the key exists), every change is saved; never while the visitor is choosing.
    use_effect_with((state.answers.clone(), choosing), |(answers, choosing)| {
        if !*choosing && !answers.answered().is_empty() && load(STORAGE_ANSWERS).is_some() {
            save(STORAGE_ANSWERS, &fragment::encode(answers));
        }
    });

    // After "forget", the focus goes to the message's close button (the button pressed is gone).
    let focus = use_mut_ref(|| false);
    {
        let (focus, banner) = (focus.clone(), banner.clone());
        use_effect(move || {
            if focus.replace(false) {
                refocus(&banner, "[data-act=close]");
            }
        });
    }

    let on_click = {
        let (state, notes, focus) = (state.clone(), notes.clone(), focus.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((act, _)) = acted(&e) else { return };
            match (act.as_str(), (*notes).clone()) {
                ("pick-link", Some(Note::Choose(a, _)))
                | ("pick-device", Some(Note::Choose(_, a))) => {
                    // The chosen answers are the ones remembered from now on.
                    save(STORAGE_ANSWERS, &fragment::encode(&a));
                    let source = if act == "pick-link" { "link" } else { "device" };
                    restore(&state, Some(&notes), a, Note::Restored(source));
                }
                ("replace", Some(Note::Confirm(imp))) => {
                    restore(&state, Some(&notes), imp.answers.clone(), Note::Opened(imp))
                }
                ("forget", _) => {
                    forget();
                    focus.replace(true);
                    notes.set(Some(Note::Forgotten));
                }
                _ => notes.set(None),
            }
        })
    };

    let today = text::date(locale, state.as_of);
    let mut d = Dom::new(&[("class", "lic-keep-note")]);
    let note = (*notes).clone();
    match &note {
        Some(Note::Restored(source)) => {
            d.p(&tf(
                locale,
                &format!("act.restored.{source}"),
                &[("date", &today)],
            ));
        }
        Some(Note::Opened(imp)) => {
            let mut s = tf(
                locale,
                "act.restored.file",
                &[
                    ("made_on", &text::date(locale, imp.made_on)),
                    ("date", &today),
                ],
            );
            if imp.rules_version != RULES_VERSION || imp.data_version != DATA_VERSION {
                s.push(' ');
                s.push_str(&tf(
                    locale,
                    "act.restored.versions",
                    &[
                        ("old_rules", &imp.rules_version),
                        ("old_data", &imp.data_version),
                        ("rules", RULES_VERSION),
                        ("data", DATA_VERSION),
                    ],
                ));
            }
            d.p(&s);
        }
        Some(Note::Unreadable(source, e)) => {
            d.el(
                "p",
                &[("class", "lic-error")],
                t(locale, &format!("act.{source}_error.{}", e.id())),
            );
        }
        Some(Note::Choose(..)) => {
            d.p(t(locale, "act.choice.text"));
        }
        Some(Note::FileError(e)) => {
            d.el(
                "p",
                &[("class", "lic-error")],
                &super::act::file_error(locale, e),
            );
        }
        Some(Note::Forgotten) => {
            d.p(t(locale, "act.forgotten"));
        }
        Some(Note::Confirm(imp)) => {
            d.p(&tf(
                locale,
                "act.import.confirm",
                &[
                    ("date", &text::date(locale, imp.made_on)),
                    ("n", &imp.answers.answered().len().to_string()),
                ],
            ));
        }
        None => {}
    }
    if let Some(n) = &note {
        d.open("div", &[("class", "lic-actions")]);
        if let Note::Choose(..) = n {
            d.button("pick-link", "lic-button", t(locale, "act.choice.link"));
            d.button("pick-device", "lic-button", t(locale, "act.choice.device"));
        } else if let Note::Confirm(_) = n {
            d.button(
                "replace",
                "lic-button lic-primary",
                t(locale, "act.import.replace"),
            );
            d.button("close", "lic-button", t(locale, "act.import.cancel"));
        } else {
            if matches!(n, Note::Restored("device") | Note::Unreadable("device", _)) {
                d.button("forget", "lic-button", t(locale, "act.forget"));
            }
            d.button("close", "lic-button lic-link", t(locale, "act.note.close"));
        }
        d.close();
    }

    // On the start screen: open a dossier file to carry on.
    let on_change = {
        let (state, notes, focus) = (state.clone(), notes.clone(), focus.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let (state, notes, focus) = (state.clone(), notes.clone(), focus.clone());
            read_file(
                &input,
                Callback::from(move |r: Result<Imported, DossierError>| {
                    // A message with a choice or an error takes the focus; opened answers go to the review.
                    focus.replace(r.is_err() || !state.answers.answered().is_empty());
                    match r {
                        Err(e) => notes.set(Some(Note::FileError(e))),
                        Ok(imp)
                            if state.answers.answered().is_empty()
                                || imp.answers == state.answers =>
                        {
                            restore(&state, Some(&notes), imp.answers.clone(), Note::Opened(imp))
                        }
                        Ok(imp) => notes.set(Some(Note::Confirm(imp))),
                    }
                }),
            );
        })
    };
    let start = (state.screen == Screen::Start).then(|| {
        let mut f = Dom::new(&[("class", "lic-section lic-resume")]);
        f.p(t(locale, "act.resume.intro"));
        super::act::field(
            &mut f,
            "lic-resume-file",
            t(locale, "act.import.label"),
            t(locale, "act.import.hint"),
            &[
                ("type", "file"),
                ("accept", ".json,application/json"),
                ("class", "lic-file"),
            ],
        );
        f.finish()
    });

    html! {
        <ContextProvider<NoteHandle> context={notes.clone()}>
            <div class="lic-keep" ref={banner} onclick={on_click}>
                <div role="status">
                    if note.is_some() { { d.finish() } }
                </div>
            </div>
            { props.children.clone() }
            <div class="lic-keep" onchange={on_change}>{ for start }</div>
        </ContextProvider<NoteHandle>>
    }
}
