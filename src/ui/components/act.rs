//! Act on the result (PRODUCT.md journey step 5), then keep or resume (step 7): for each eligible claim a letter
//! in French to print, copy or download, and calendar reminders (.ics); a printable recap of the whole result; the
//! dossier file, the resume link, this device's memory and "forget everything". Mounted once on the result screen.
//!
//! Size: the widget has a 150 KB budget and each element written with `html!` costs a few hundred bytes of wasm,
//! so this panel, which is mostly text, builds its DOM with [`Dom`] (a few generic calls, no `innerHTML`) and
//! handles its buttons by delegation: one click and one change listener on the panel read the `data-act` of the
//! control. The focus is put back on the control after each render, and announcements go to a live region that
//! stays in place.
//!
//! A letter or the recap opens as a print view: while one is open, the print stylesheet (`www/widget.css`,
//! "act: print") shows only that view inside the widget, and a print-only sheet adopted by the host document
//! hides the rest of the host page, so "Print" gives the letter alone. Downloads are `data:` URLs.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::keep::{self, NoteHandle};
use crate::act::dossier::{DossierError, Imported};
use crate::act::fragment;
use crate::act::letter::{letter, Letter, Style};
use crate::act::{data_url, ics, STORAGE_ANSWERS};
use crate::engine::{ClaimId, Date, FactId, Verdict, DATA_VERSION, RULES_VERSION};
use crate::i18n::{t, tf, Locale};
use crate::ui::app::use_wizard;
use crate::ui::state::WizardState;
use crate::ui::text;

/// Builds DOM elements directly: `setAttribute` and text nodes, never `innerHTML` (nothing to escape, and hosts
/// that enforce Trusted Types keep working).
pub(super) struct Dom {
    doc: Option<Document>,
    stack: Vec<Element>,
}

impl Dom {
    /// A builder whose root is a `<div>` with `attrs`.
    pub(super) fn new(attrs: &[(&str, &str)]) -> Dom {
        let mut d = Dom {
            doc: web_sys::window().and_then(|w| w.document()),
            stack: Vec::new(),
        };
        d.open("div", attrs);
        d
    }

    /// Opens `<tag attrs…>` inside the current element.
    pub(super) fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Dom {
        if let Some(el) = self.doc.as_ref().and_then(|d| d.create_element(tag).ok()) {
            for (k, v) in attrs {
                let _ = el.set_attribute(k, v);
            }
            if let Some(parent) = self.stack.last() {
                let _ = parent.append_child(&el);
            }
            self.stack.push(el);
        }
        self
    }

    /// Text inside the current element.
    pub(super) fn text(&mut self, s: &str) -> &mut Dom {
        if let Some(el) = self.stack.last() {
            let _ = el.append_with_str_1(s);
        }
        self
    }

    /// Closes the current element.
    pub(super) fn close(&mut self) -> &mut Dom {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        self
    }

    /// `<tag attrs…>text</tag>`.
    pub(super) fn el(&mut self, tag: &str, attrs: &[(&str, &str)], s: &str) -> &mut Dom {
        self.open(tag, attrs).text(s).close()
    }

    /// A paragraph.
    pub(super) fn p(&mut self, s: &str) -> &mut Dom {
        self.el("p", &[], s)
    }

    /// A button that says `act` to the delegated click listener.
    pub(super) fn button(&mut self, act: &str, class: &str, s: &str) -> &mut Dom {
        self.el(
            "button",
            &[("type", "button"), ("class", class), ("data-act", act)],
            s,
        )
    }

    /// The built tree, for `html!`.
    pub(super) fn finish(self) -> Html {
        match self.stack.into_iter().next() {
            Some(root) => Html::VRef(root.into()),
            None => Html::default(),
        }
    }
}

/// The `data-act` of the control an event came from, and the control.
pub(super) fn acted(e: &Event) -> Option<(String, Element)> {
    let target: Element = e.target()?.dyn_into().ok()?;
    let control = target.closest("[data-act]").ok()??;
    Some((control.get_attribute("data-act")?, control))
}

/// Focuses the element `selector` finds under `root`, if any.
pub(super) fn refocus(root: &NodeRef, selector: &str) {
    if let Some(el) = root
        .cast::<Element>()
        .and_then(|r| r.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Hides everything of the host page but the widget being printed (print media only).
const HOST_PRINT_CSS: &str =
    "@media print{body *:not(:has([data-lic-print])):not([data-lic-print]){display:none!important}}";

thread_local! {
    static HOST_SHEET: Option<CssStyleSheet> = CssStyleSheet::new().ok().filter(|s| s.replace_sync(HOST_PRINT_CSS).is_ok());
}

/// Marks (or unmarks) the widget holding `el` as the one to print, and adopts (or drops) the host's print sheet.
fn host_print(el: &Element, on: bool) {
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
    HOST_SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return };
        let key = wasm_bindgen::JsValue::from_str("adoptedStyleSheets");
        let Ok(list) = js_sys::Reflect::get(&doc, &key) else {
            return;
        };
        let sheet: &wasm_bindgen::JsValue = sheet.as_ref();
        let list: js_sys::Array = js_sys::Array::from(&list)
            .iter()
            .filter(|s| s != sheet)
            .collect();
        if doc
            .query_selector("[data-lic-print]")
            .ok()
            .flatten()
            .is_some()
        {
            list.push(sheet);
        }
        let _ = js_sys::Reflect::set(&doc, &key, &list);
    });
}

/// A letter, laid out: sender and recipient blocks, references, body, enclosed documents.
fn letter_dom(d: &mut Dom, l: &Letter) {
    // Lines of one block (a labelled address block, the references, the documents) go together.
    let kind = |s: Style| match s {
        Style::Label | Style::Sender | Style::Recipient => 1,
        Style::Subject => 2,
        Style::Item => 3,
        _ => 0,
    };
    let mut open = 0;
    for (i, (style, line)) in l.parts.iter().enumerate() {
        let k = kind(*style);
        if open != 0 && (k != open || *style == Style::Label) {
            d.close();
            open = 0;
        }
        if open == 0 && k != 0 {
            let to = l.parts.get(i + 1).is_some_and(|p| p.0 == Style::Recipient);
            let (tag, class) = match k {
                1 if to => ("div", "lic-doc-block lic-doc-to"),
                1 => ("div", "lic-doc-block"),
                2 => ("div", "lic-doc-subject"),
                _ => ("ul", "lic-doc-list"),
            };
            d.open(tag, &[("class", class)]);
            open = k;
        }
        match style {
            Style::Item => d.el("li", &[], line),
            Style::Label => d.el("p", &[("class", "lic-doc-label")], line),
            Style::Meta => d.el("p", &[("class", "lic-doc-meta")], line),
            Style::Sign => d.el("p", &[("class", "lic-doc-sign")], line),
            _ => d.p(line),
        };
    }
    if open != 0 {
        d.close();
    }
}

/// The printable recap of the whole result.
fn recap_dom(d: &mut Dom, locale: Locale, s: &WizardState) {
    let none = t(locale, "act.recap.none");
    d.open(
        "article",
        &[
            ("class", "lic-doc lic-print lic-recap"),
            ("aria-labelledby", "lic-recap-title"),
        ],
    );
    d.el(
        "h4",
        &[("class", "lic-claim-title"), ("id", "lic-recap-title")],
        t(locale, "act.recap.title"),
    );
    d.p(&tf(
        locale,
        "act.recap.meta",
        &[
            ("date", &text::date(locale, s.as_of)),
            ("rules", RULES_VERSION),
            ("data", DATA_VERSION),
        ],
    ));
    d.open("table", &[("class", "lic-table lic-recap-table")]);
    d.open("thead", &[]).open("tr", &[]);
    for k in [
        "act.recap.claim",
        "act.recap.verdict",
        "act.recap.amount",
        "act.recap.last_day",
    ] {
        d.el("th", &[("scope", "col")], t(locale, k));
    }
    d.close().close().open("tbody", &[]);
    for c in s
        .evaluation
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::NotApplicable)
    {
        let amount = match c.amount.filter(|a| a.high.0 > 0) {
            Some(a) if a.low == a.high => text::money(locale, a.high),
            Some(a) => tf(
                locale,
                "amount.range",
                &[
                    ("low", &text::money(locale, a.low)),
                    ("high", &text::money(locale, a.high)),
                ],
            ),
            None => none.into(),
        };
        let last = c
            .last_day
            .filter(|_| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo))
            .map_or_else(|| none.into(), |x| text::date(locale, x));
        d.open("tr", &[]);
        d.el(
            "th",
            &[("scope", "row")],
            t(locale, &format!("claim.{}.title", c.claim.id())),
        );
        d.el("td", &[], t(locale, &format!("verdict.{}", c.verdict.id())));
        d.el("td", &[], &amount);
        d.el("td", &[], &last);
        d.close();
    }
    d.close().close();
    d.el(
        "p",
        &[("class", "lic-small-heading")],
        t(locale, "act.recap.answers"),
    );
    d.open("dl", &[("class", "lic-details")]);
    for f in s.answers.answered() {
        if let Some(a) = s.answers.get(f) {
            d.open("div", &[]);
            d.el("dt", &[], t(locale, &format!("q.{}.short", f.id())));
            d.el("dd", &[], &text::answer(locale, f, a));
            d.close();
        }
    }
    d.close();
    d.p(t(locale, "result.clock_note"));
    d.p(t(locale, "result.disclaimer"));
    d.close();
}

/// A field: label, hint, then the control given by `input`.
pub(super) fn field(d: &mut Dom, id: &str, label: &str, hint: &str, input: &[(&str, &str)]) {
    let hint_id = format!("{id}-hint");
    d.open("div", &[("class", "lic-field")]);
    d.el("label", &[("for", id), ("class", "lic-label")], label);
    d.el("p", &[("class", "lic-hint"), ("id", &hint_id)], hint);
    let mut attrs = vec![("id", id), ("aria-describedby", hint_id.as_str())];
    attrs.extend_from_slice(input);
    d.open("input", &attrs).close();
    d.close();
}

/// The print view on show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Letter(ClaimId),
    Recap,
}

/// Letters, reminders, recap; then keep or resume.
#[component]
pub fn ActPanel() -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let notes = use_context::<NoteHandle>();
    let view = use_state(|| None::<View>);
    let sent_text = use_state(|| state.as_of.to_string());
    // What to announce in the live region: (is an error, text).
    let status = use_state(|| None::<(bool, String)>);
    let pending = use_state(|| None::<Imported>);
    let remembered = use_state(|| keep::load(STORAGE_ANSWERS).is_some());
    let focus: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    let panel = use_node_ref();
    let sent = Date::parse_iso(&sent_text).unwrap_or(state.as_of);

    // While a print view is open, the host page prints only this widget.
    {
        let panel = panel.clone();
        use_effect_with(view.is_some(), move |open| {
            let el = panel.cast::<Element>();
            if let Some(el) = &el {
                host_print(el, *open);
            }
            move || {
                if let Some(el) = &el {
                    host_print(el, false);
                }
            }
        });
    }
    // The control the visitor used is rebuilt by each render: give it the focus back.
    {
        let (panel, focus) = (panel.clone(), focus.clone());
        use_effect(move || {
            if let Some(selector) = focus.borrow_mut().take() {
                refocus(&panel, &selector);
            }
        });
    }

    let letters: Vec<Letter> = super::result::sorted_claims(&state.evaluation, &[])
        .into_iter()
        .filter_map(|c| letter(c, &state.answers, state.as_of, sent))
        .collect();

    let on_click = {
        let (state, view, status, pending, remembered, focus, notes) = (
            state.clone(),
            view.clone(),
            status.clone(),
            pending.clone(),
            remembered.clone(),
            focus.clone(),
            notes.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let Some((act, _)) = acted(&e) else { return };
            focus.replace(Some(format!("[data-act=\"{act}\"]")));
            let say = |error: bool, key: &str| status.set(Some((error, t(locale, key).into())));
            let copied = {
                let status = status.clone();
                Callback::from(move |(ok, key): (bool, &'static str)| {
                    let key = if ok { key } else { "act.copy_failed" };
                    status.set(Some((!ok, t(locale, key).into())));
                })
            };
            match act.split_once(':') {
                Some(("letter", id)) => {
                    let v = ClaimId::from_id(id).map(View::Letter);
                    view.set(if *view == v { None } else { v });
                }
                Some(("copy", id)) => {
                    let text = state
                        .evaluation
                        .claims
                        .iter()
                        .filter(|c| c.claim.id() == id)
                        .find_map(|c| letter(c, &state.answers, state.as_of, sent))
                        .map(|l| l.text())
                        .unwrap_or_default();
                    keep::copy_text(&text, copied.reform(|ok| (ok, "act.copied")));
                }
                _ => match act.as_str() {
                    "recap" => view.set(if *view == Some(View::Recap) {
                        None
                    } else {
                        Some(View::Recap)
                    }),
                    "print" => {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                    "copy-link" => keep::copy_text(
                        &keep::resume_link(&state.answers),
                        copied.reform(|ok| (ok, "act.link.copied")),
                    ),
                    "forget" => {
                        keep::forget();
                        remembered.set(false);
                        say(false, "act.forgotten");
                        if let Some(n) = &notes {
                            n.set(None);
                        }
                    }
                    "replace" => {
                        if let Some(imp) = (*pending).clone() {
                            keep::restore(
                                &state,
                                notes.as_ref(),
                                imp.answers.clone(),
                                keep::Note::Opened(imp),
                            );
                        }
                    }
                    "cancel" => {
                        pending.set(None);
                        focus.replace(Some("#lic-import".into()));
                        say(false, "act.import.cancelled");
                    }
                    _ => {}
                },
            }
        })
    };

    let on_change = {
        let (state, sent_text, status, pending, remembered, focus) = (
            state.clone(),
            sent_text.clone(),
            status.clone(),
            pending.clone(),
            remembered.clone(),
            focus.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let id = input.id();
            focus.replace(Some(format!("#{id}")));
            let say = {
                let status = status.clone();
                move |error: bool, text: String| status.set(Some((error, text)))
            };
            match id.as_str() {
                "lic-sent" => sent_text.set(input.value()),
                "lic-remember" if input.checked() => {
                    if keep::save(STORAGE_ANSWERS, &fragment::encode(&state.answers)) {
                        remembered.set(true);
                        say(false, t(locale, "act.remember.on").into());
                    } else {
                        remembered.set(false);
                        say(true, t(locale, "act.remember.failed").into());
                    }
                }
                "lic-remember" => {
                    keep::forget_storage();
                    remembered.set(false);
                    say(false, t(locale, "act.remember.off").into());
                }
                "lic-import" => {
                    let (current, pending, focus) =
                        (state.answers.clone(), pending.clone(), focus.clone());
                    pending.set(None);
                    keep::read_file(
                        &input,
                        Callback::from(move |r: Result<Imported, DossierError>| match r {
                            Err(e) => say(true, file_error(locale, &e)),
                            Ok(imp) if imp.answers == current => {
                                say(false, t(locale, "act.import.same").into())
                            }
                            Ok(imp) => {
                                focus.replace(Some("#lic-import-confirm".into()));
                                say(false, String::new());
                                pending.set(Some(imp));
                            }
                        }),
                    );
                }
                _ => {}
            }
        })
    };

    // The panel.
    let mut d = Dom::new(&[("class", "lic-act-body")]);
    d.open(
        "section",
        &[
            ("class", "lic-section"),
            ("aria-labelledby", "lic-act-title"),
        ],
    );
    d.el(
        "h3",
        &[("class", "lic-h3"), ("id", "lic-act-title")],
        t(locale, "act.title"),
    );
    if letters.is_empty() {
        d.p(t(locale, "act.none"));
    } else {
        d.p(t(locale, "act.intro")).p(t(locale, "act.registered"));
        field(
            &mut d,
            "lic-sent",
            t(locale, "act.sent.label"),
            t(locale, "act.sent.hint"),
            &[
                ("type", "date"),
                ("class", "lic-input"),
                ("value", &sent.to_string()),
            ],
        );
    }
    for l in &letters {
        let Some(c) = state.evaluation.claim(l.claim) else {
            continue;
        };
        let id = c.claim.id();
        let open = *view == Some(View::Letter(c.claim));
        let amount = c
            .amount
            .map(|a| text::money(locale, a.low))
            .unwrap_or_default();
        let last_day = c
            .last_day
            .map(|x| text::date(locale, x))
            .unwrap_or_default();
        let heading = format!("lic-act-{id}");
        let view_id = format!("lic-letter-{id}");
        // A plain block, not a region: the result's card of the same claim is the region of that name.
        d.open("div", &[("class", "lic-claim lic-act-claim")]);
        d.el(
            "h4",
            &[("class", "lic-claim-title"), ("id", &heading)],
            t(locale, &format!("claim.{id}.title")),
        );
        d.p(&tf(
            locale,
            "act.claim_line",
            &[("amount", &amount), ("date", &last_day)],
        ));
        d.p(&tf(locale, "act.letter.summary", &[("amount", &amount)]));
        if locale == Locale::En {
            d.p(t(locale, "act.letter.in_french"));
        }
        d.el(
            "p",
            &[("class", "lic-note")],
            &tf(locale, "act.clock", &[("date", &last_day)]),
        );
        d.open("div", &[("class", "lic-actions")]);
        d.el(
            "button",
            &[
                ("type", "button"),
                ("class", "lic-button"),
                ("data-act", &format!("letter:{id}")),
                ("aria-expanded", if open { "true" } else { "false" }),
                ("aria-controls", &view_id),
            ],
            t(
                locale,
                if open {
                    "act.letter.hide"
                } else {
                    "act.letter.show"
                },
            ),
        );
        match ics::calendar(c, sent, state.as_of, locale) {
            Some(cal) => d.el(
                "a",
                &[
                    ("class", "lic-button"),
                    ("href", &data_url("text/calendar", &cal)),
                    (
                        "download",
                        &tf(locale, "act.file.reminders", &[("claim", id)]),
                    ),
                ],
                t(locale, "act.reminders"),
            ),
            None => d.el(
                "span",
                &[("class", "lic-hint")],
                t(locale, "act.reminders.none"),
            ),
        };
        d.close();
        d.open("div", &[("id", &view_id)]);
        if open {
            d.open("div", &[("class", "lic-actions")]);
            d.button(
                "print",
                "lic-button lic-primary",
                t(locale, "act.letter.print"),
            );
            d.button(
                &format!("copy:{id}"),
                "lic-button",
                t(locale, "act.letter.copy"),
            );
            d.el(
                "a",
                &[
                    ("class", "lic-button"),
                    ("href", &data_url("text/plain", &l.text())),
                    ("download", &tf(locale, "act.file.letter", &[("claim", id)])),
                ],
                t(locale, "act.letter.download"),
            );
            d.close();
            d.open(
                "article",
                &[
                    ("class", "lic-doc lic-print"),
                    ("lang", "fr"),
                    ("aria-label", t(locale, "act.letter.label")),
                ],
            );
            letter_dom(&mut d, l);
            d.close();
        }
        d.close().close();
    }
    let recap_open = *view == Some(View::Recap);
    d.open("div", &[("class", "lic-actions")]);
    d.el(
        "button",
        &[
            ("type", "button"),
            ("class", "lic-button"),
            ("data-act", "recap"),
            ("aria-expanded", if recap_open { "true" } else { "false" }),
            ("aria-controls", "lic-recap"),
        ],
        t(
            locale,
            if recap_open {
                "act.recap.hide"
            } else {
                "act.recap.show"
            },
        ),
    );
    d.close();
    d.open("div", &[("id", "lic-recap")]);
    if recap_open {
        d.open("div", &[("class", "lic-actions")]);
        d.button(
            "print",
            "lic-button lic-primary",
            t(locale, "act.recap.print"),
        );
        d.close();
        recap_dom(&mut d, locale, &state);
    }
    d.close();
    d.close();

    // Keep or resume.
    d.open(
        "section",
        &[
            ("class", "lic-section lic-keep"),
            ("aria-labelledby", "lic-keep-title"),
        ],
    );
    d.el(
        "h3",
        &[("class", "lic-h3"), ("id", "lic-keep-title")],
        t(locale, "act.keep.title"),
    );
    d.p(t(locale, "act.keep.intro"));
    d.open("p", &[]);
    d.el(
        "a",
        &[
            ("class", "lic-button"),
            (
                "href",
                &keep::dossier_url(&state.answers, &state.evaluation),
            ),
            (
                "download",
                &tf(
                    locale,
                    "act.file.dossier",
                    &[("date", &state.as_of.to_string())],
                ),
            ),
        ],
        t(locale, "act.export"),
    );
    d.close();
    d.el("p", &[("class", "lic-hint")], t(locale, "act.export.hint"));
    field(
        &mut d,
        "lic-import",
        t(locale, "act.import.label"),
        t(locale, "act.import.hint"),
        &[
            ("type", "file"),
            ("accept", ".json,application/json"),
            ("class", "lic-file"),
        ],
    );
    if let Some(imp) = &*pending {
        d.open(
            "div",
            &[
                ("class", "lic-keep-confirm"),
                ("role", "group"),
                ("aria-labelledby", "lic-import-confirm"),
            ],
        );
        d.el(
            "p",
            &[("id", "lic-import-confirm"), ("tabindex", "-1")],
            &tf(
                locale,
                "act.import.confirm",
                &[
                    ("date", &text::date(locale, imp.made_on)),
                    ("n", &imp.answers.answered().len().to_string()),
                ],
            ),
        );
        d.open("div", &[("class", "lic-actions")]);
        d.button(
            "replace",
            "lic-button lic-primary",
            t(locale, "act.import.replace"),
        );
        d.button("cancel", "lic-button", t(locale, "act.import.cancel"));
        d.close().close();
    }
    field(
        &mut d,
        "lic-link",
        t(locale, "act.link.label"),
        t(locale, "act.link.hint"),
        &[
            ("type", "text"),
            ("readonly", ""),
            ("class", "lic-input lic-wide"),
            ("value", &keep::resume_link(&state.answers)),
        ],
    );
    d.open("div", &[("class", "lic-actions")]);
    d.button("copy-link", "lic-button", t(locale, "act.link.copy"));
    d.close();
    d.open("div", &[("class", "lic-check")]);
    let mut check = vec![
        ("id", "lic-remember"),
        ("type", "checkbox"),
        ("aria-describedby", "lic-remember-hint"),
    ];
    if *remembered {
        check.push(("checked", ""));
    }
    d.open("input", &check).close();
    d.el(
        "label",
        &[("for", "lic-remember")],
        t(locale, "act.remember.label"),
    );
    d.close();
    d.el(
        "p",
        &[("class", "lic-hint"), ("id", "lic-remember-hint")],
        t(locale, "act.remember.hint"),
    );
    d.open("div", &[("class", "lic-actions")]);
    d.button("forget", "lic-button", t(locale, "act.forget"));
    d.close();
    d.close();

    let (error, message) = (*status).clone().unwrap_or_default();
    html! {
        <div class="lic-act" ref={panel} onclick={on_click} onchange={on_change}>
            { d.finish() }
            <p role="status" class={classes!("lic-act-status", error.then_some("lic-error"))}>{ message }</p>
        </div>
    }
}

/// What is wrong with a dossier file, in the visitor's language.
pub(super) fn file_error(locale: Locale, e: &DossierError) -> String {
    match e {
        DossierError::BadAnswers { field: Some(f) } => match FactId::from_id(f) {
            Some(fact) => tf(
                locale,
                "act.file_error.bad_answer",
                &[("question", t(locale, &format!("q.{}.short", fact.id())))],
            ),
            None => t(locale, "act.file_error.bad_answers").into(),
        },
        e => t(locale, &format!("act.file_error.{}", e.id())).into(),
    }
}
