//! Keep and resume, without a server (PRODUCT.md journey step 7): the dossier file (export, import), the resume
//! link (the answers' resume code in the URL fragment, which browsers never send to a server), the opt-in memory
//! of this device (local storage, keys prefixed `loan-insurance-check:`) and "forget everything".
//!
//! [`Keep`] wraps every screen (mounted once by the root component) and holds the keep state in a reducer
//! ([`Kept`]): the note on show, whether this device remembers, and what the visitor typed for the letters
//! ([`Parties`], saved with the answers while remembering is on, and in the dossier file). On start it restores
//! the answers of a resume link or of this device, asking first when both hold different answers. The controls
//! of the result screen are [`use_keep_panel`], called by the act panel; nothing here knows the act panel.
//! Nothing is stored unless the visitor ticks "remember", and nothing is fetched. The browser is reached only
//! through [`crate::ui::browser`].

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{actions, button, hint, para, paragraph};

use crate::act::dossier::{self, DossierError, Imported};
use crate::act::fragment::{self, CodeError};
use crate::act::letter::{Parties, PartyField};
use crate::act::{data_url, STORAGE_ANSWERS, STORAGE_LETTER, STORAGE_PREFIX};
use crate::engine::{Answers, Evaluation, FactId, DATA_VERSION, RULES_VERSION};
use crate::i18n::tables;
use crate::i18n::{t, tf, Locale};
use crate::ui::app::{use_wizard, WizardContext};
use crate::ui::browser;
use crate::ui::state::Screen;
use crate::ui::text;

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
    /// The page was reloaded or opened again by Back or Forward, and this device was not asked to remember the
    /// answers: they are gone, the check starts again.
    NotKept,
}

/// The keep state of one widget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kept {
    /// The note on show.
    pub note: Option<Note>,
    /// The note outlives the next screen change (it came with the review screen of restored answers).
    sticky: bool,
    /// Bumped when the note's first control must take the focus.
    focus: u32,
    /// This device remembers the answers (the visitor opted in).
    pub remembered: bool,
    /// What the visitor typed for the letters.
    pub parties: Parties,
}

/// What changes the keep state.
#[derive(Clone, Debug, PartialEq)]
pub enum KeepAction {
    /// Show a note until the next screen change.
    Show(Note),
    /// Show a note that comes with the next screen (restored answers).
    ShowSticky(Note),
    /// Show a note and give its first control the focus (the control pressed is gone).
    ShowFocused(Note),
    /// Close the note.
    Close,
    /// The screen changed.
    ScreenChanged,
    /// Remembering on this device is on or off.
    Remembered(bool),
    /// One field typed for the letters.
    Party(PartyField, String),
    /// Everything typed for the letters (from a file or this device).
    Parties(Parties),
}

impl Reducible for Kept {
    type Action = KeepAction;

    fn reduce(self: Rc<Self>, action: KeepAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            KeepAction::Show(n) => {
                s.note = Some(n);
                s.sticky = false;
            }
            KeepAction::ShowSticky(n) => {
                s.note = Some(n);
                s.sticky = true;
            }
            KeepAction::ShowFocused(n) => {
                s.note = Some(n);
                s.sticky = false;
                s.focus += 1;
            }
            KeepAction::Close => s.note = None,
            KeepAction::ScreenChanged if s.sticky => s.sticky = false,
            KeepAction::ScreenChanged => s.note = None,
            KeepAction::Remembered(on) => s.remembered = on,
            KeepAction::Party(f, v) => s.parties.set(f, &v),
            KeepAction::Parties(p) => s.parties = p,
        }
        Rc::new(s)
    }
}

/// The keep state and its dispatcher, for the components inside [`Keep`].
pub type KeepHandle = UseReducerHandle<Kept>;

/// The keep state of the widget (inside [`Keep`]).
#[hook]
pub fn use_keep() -> KeepHandle {
    use_context::<KeepHandle>().expect("use_keep must be called inside <Keep>")
}

/// Restores `answers` (the review screen then shows them), and what was typed for the letters, and says so.
pub fn restore(
    state: &WizardContext,
    keep: &KeepHandle,
    answers: Answers,
    parties: Option<Parties>,
    note: Note,
) {
    keep.dispatch(KeepAction::ShowSticky(note));
    if let Some(p) = parties {
        keep.dispatch(KeepAction::Parties(p));
    }
    state.dispatch(crate::ui::state::Action::Restore(Box::new(answers)));
}

/// Opens a dossier file the visitor chose to open: its answers and letter fields replace the current ones (the
/// start screen's confirm note and the result screen's import both end here).
fn open_dossier(state: &WizardContext, keep: &KeepHandle, imp: Imported) {
    let parties = Some(imp.parties.clone());
    restore(state, keep, imp.answers.clone(), parties, Note::Opened(imp));
}

/// Saves the answers and the letter fields on this device; false if the browser refused.
fn save(answers: &Answers, parties: &Parties) -> bool {
    let ok = browser::storage_set(STORAGE_ANSWERS, &fragment::encode(answers));
    if parties.is_empty() {
        browser::storage_forget(STORAGE_LETTER);
    } else if ok {
        browser::storage_set(
            STORAGE_LETTER,
            &browser::stringify::json_string(&parties.to_json_value()),
        );
    }
    ok
}

/// What this device remembers for the letters.
fn stored_parties() -> Option<Parties> {
    browser::storage_get(STORAGE_LETTER)
        .and_then(|s| browser::json_parse(&s))
        .map(|v| Parties::from_json_value(&v))
}

/// "Forget everything": this device's memory and the resume code in the address bar.
fn forget() {
    browser::storage_forget(STORAGE_PREFIX);
    clear_code_in_address();
}

/// Removes the resume code from the address bar, leaving the rest of the fragment.
fn clear_code_in_address() {
    let frag = browser::location_hash();
    if fragment::code_in_fragment(&frag).is_some() {
        browser::replace_address(&browser::address_with(&fragment::with_code(&frag, None)));
    }
}

/// The resume link of `answers`: this page's address (the host page, or the frame page in iframe mode) with the
/// code in its fragment.
fn resume_link(answers: &Answers) -> String {
    browser::address_with(&fragment::with_code(
        &browser::location_hash(),
        Some(&fragment::encode(answers)),
    ))
}

/// The dossier file, pretty-printed, as a `data:` URL, with the withdrawal secrets of the results sent.
fn dossier_url(
    answers: &Answers,
    eval: &Evaluation,
    parties: &Parties,
    sent: &[dossier::Sent],
) -> String {
    data_url(
        "application/json",
        &browser::json_pretty(&dossier::write_kept(answers, eval, parties, sent)),
    )
}

/// Reads the dossier file chosen in `input`; `done` gets what it holds or what is wrong with it.
fn read_dossier(input: &HtmlInputElement, done: Callback<Result<Imported, DossierError>>) {
    browser::read_file(
        input,
        dossier::MAX_DOSSIER_BYTES,
        Callback::from(move |text: Option<String>| {
            let Some(text) = text else {
                return done.emit(Err(DossierError::Unreadable));
            };
            let Some(value) = browser::json_parse(&text) else {
                return done.emit(Err(DossierError::NotJson));
            };
            done.emit(dossier::read_value(&value));
        }),
    );
}

/// What is wrong with a dossier file, in the visitor's language.
pub fn file_error(locale: Locale, e: &DossierError) -> String {
    match e {
        DossierError::BadAnswers { field: Some(f) } => match FactId::from_id(f) {
            Some(fact) => tf(
                locale,
                msg!("act.file_error.bad_answer"),
                &[("question", t(locale, tables::q_short(fact)))],
            ),
            None => t(locale, msg!("act.file_error.bad_answers")).into(),
        },
        e => t(locale, tables::file_error(e.code())).into(),
    }
}

/// Props of [`Keep`].
#[derive(Properties, PartialEq)]
pub struct KeepProps {
    /// Where the late part is: the notes and the saving are in it ([`KeepNotes`]).
    pub late: crate::ui::late::Late,
    /// The screen on show.
    pub children: Html,
}

/// Wraps the screen: the keep state, restoring on start (a resume link opens the review at once, even while the
/// second wasm file is still on its way), the live region of the notes and, on the start screen, the dossier file
/// field. What shows the notes and their choices and saves while remembering is on is [`KeepNotes`], drawn in
/// that live region from the second wasm file (`ui/late.rs`).
#[component]
pub fn Keep(props: &KeepProps) -> Html {
    let state = use_wizard();
    let keep = use_reducer(|| Kept {
        remembered: browser::storage_get(STORAGE_ANSWERS).is_some(),
        ..Kept::default()
    });
    // On start: the resume link first (the visitor just opened it), else this device's memory.
    {
        let (state, keep) = (state.clone(), keep.clone());
        use_effect_with((), move |_| {
            let device = browser::storage_get(STORAGE_ANSWERS);
            let returning = state.entry.is_some();
            let show = |n| keep.dispatch(KeepAction::Show(n));
            // Restores check what they restore: the values as the questionnaire checks them.
            let as_of = state.as_of;
            let decode = |code: &str| fragment::restore(code, as_of);
            match fragment::code_in_fragment(&browser::location_hash()).map(decode) {
                Some(Err(e)) => show(Note::Unreadable("link", e)),
                Some(Ok(answers)) if answers.answered().is_empty() => {
                    show(Note::Unreadable("link", CodeError::Empty))
                }
                Some(Ok(answers)) => {
                    clear_code_in_address();
                    match device
                        .and_then(|d| decode(&d).ok())
                        .filter(|d| *d != answers && !d.answered().is_empty())
                    {
                        Some(d) => show(Note::Choose(answers, d)),
                        None => restore(&state, &keep, answers, None, Note::Restored("link")),
                    }
                }
                // Back on the page (a reload, or Back or Forward without the page cache): the screen the
                // visitor left comes back with the answers when this device remembers them; otherwise the widget
                // says plainly that nothing was kept.
                None => match device.map(|d| decode(&d)) {
                    Some(Ok(answers)) if !answers.answered().is_empty() && returning => {
                        keep.dispatch(KeepAction::ShowSticky(Note::Restored("resumed")));
                        if let Some(p) = stored_parties() {
                            keep.dispatch(KeepAction::Parties(p));
                        }
                        state.dispatch(crate::ui::state::Action::Resume(Box::new(answers)));
                    }
                    Some(Ok(answers)) if !answers.answered().is_empty() => restore(
                        &state,
                        &keep,
                        answers,
                        stored_parties(),
                        Note::Restored("device"),
                    ),
                    Some(Err(e)) => show(Note::Unreadable("device", e)),
                    _ if returning => show(Note::NotKept),
                    _ => {}
                },
            }
        });
    }

    // A note is about the screen it came with: the next screen change takes it away.
    {
        let keep = keep.clone();
        use_effect_with(state.screen_serial, move |serial| {
            if *serial > 0 {
                keep.dispatch(KeepAction::ScreenChanged);
            }
        });
    }

    html! {
        <ContextProvider<KeepHandle> context={keep.clone()}>
            <div class="lic-keep">
                <div role="status">{ crate::ui::late::keep_notes(props.late) }</div>
            </div>
            { props.children.clone() }
            if state.screen == Screen::Start { { resume_file(&state, &keep) } }
        </ContextProvider<KeepHandle>>
    }
}

/// On the start screen: open a dossier file to carry on. The file is read by the late part
/// ([`crate::ui::late::open_file`]).
fn resume_file(state: &WizardContext, keep: &KeepHandle) -> Html {
    let locale = state.locale;
    let onchange = {
        let (state, keep) = (state.clone(), keep.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                crate::ui::late::open_file(input, state.clone(), keep.clone());
            }
        })
    };
    html! {
        <div class="lic-keep">
            <div class="lic-section lic-resume">
                <p>{ t(locale, msg!("act.resume.intro")) }</p>
                <div class="lic-field">
                    <label for="lic-resume-file" class="lic-label">{ t(locale, msg!("act.import.label")) }</label>
                    <p class="lic-hint" id="lic-resume-file-hint">{ t(locale, msg!("act.import.hint")) }</p>
                    <input id="lic-resume-file" type="file" accept=".json,application/json" class="lic-file"
                        aria-describedby="lic-resume-file-hint" {onchange} />
                </div>
            </div>
        </div>
    }
}

/// Opens the dossier file chosen on the start screen in `input`: its answers go to the review, or a question
/// asks first when they would replace answers already given, or a note says what is wrong with the file.
pub fn open_file(input: &HtmlInputElement, state: WizardContext, keep: KeepHandle) {
    read_dossier(
        input,
        Callback::from(move |r: Result<Imported, DossierError>| match r {
            // A message with a choice or an error takes the focus; opened answers go to the review.
            Err(e) => keep.dispatch(KeepAction::ShowFocused(Note::FileError(e))),
            Ok(imp) if state.answers.answered().is_empty() || imp.answers == state.answers => {
                open_dossier(&state, &keep, imp)
            }
            Ok(imp) => keep.dispatch(KeepAction::ShowFocused(Note::Confirm(imp))),
        }),
    );
}

/// The keep notes, in the live region [`Keep`] keeps in place, with their choices, and the saving while
/// remembering is on (on every change, and once when drawn). Drawn from the late part once it is in place
/// (`ui/late.rs`).
#[component]
pub fn KeepNotes() -> Html {
    let state = use_wizard();
    let keep = use_keep();
    let locale = state.locale;
    let choosing = matches!(keep.note, Some(Note::Choose(..)));

    // While remembering is on, every change is saved; never while the visitor is choosing.
    use_effect_with(
        (
            state.answers.clone(),
            keep.parties.clone(),
            keep.remembered,
            choosing,
        ),
        |(answers, parties, remembered, choosing)| {
            if *remembered && !*choosing && !answers.answered().is_empty() {
                save(answers, parties);
            }
        },
    );

    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with(keep.focus, move |n| {
            if *n > 0 {
                browser::focus(&first);
            }
        });
    }
    let today = text::date(locale, state.as_of);
    let note = keep.note.clone();
    let message = match &note {
        Some(Note::Restored(source)) => {
            let key = match *source {
                "link" => msg!("act.restored.link"),
                "resumed" => msg!("act.restored.resumed"),
                _ => msg!("act.restored.device"),
            };
            paragraph(tf(locale, key, &[("date", &today)]))
        }
        Some(Note::Opened(imp)) => {
            let mut s = tf(
                locale,
                msg!("act.restored.file"),
                &[
                    ("made_on", &text::date(locale, imp.made_on)),
                    ("date", &today),
                ],
            );
            if imp.rules_version != RULES_VERSION || imp.data_version != DATA_VERSION {
                s.push(' ');
                s.push_str(&tf(
                    locale,
                    msg!("act.restored.versions"),
                    &[
                        ("old_rules", &imp.rules_version),
                        ("old_data", &imp.data_version),
                        ("rules", RULES_VERSION),
                        ("data", DATA_VERSION),
                    ],
                ));
            }
            paragraph(s)
        }
        Some(Note::Unreadable(source, e)) => html! {
            <p class="lic-error">{ t(locale, if *source == "link" { tables::link_error(*e) } else { tables::device_error(*e) }) }</p>
        },
        Some(Note::Choose(..)) => para(locale, msg!("act.choice.text")),
        Some(Note::FileError(e)) => html! { <p class="lic-error">{ file_error(locale, e) }</p> },
        Some(Note::Forgotten) => para(locale, msg!("act.forgotten")),
        Some(Note::NotKept) => para(locale, msg!("act.not_kept")),
        Some(Note::Confirm(imp)) => paragraph(tf(
            locale,
            msg!("act.import.confirm"),
            &[
                ("date", &text::date(locale, imp.made_on)),
                ("n", &imp.answers.answered().len().to_string()),
            ],
        )),
        None => html! {},
    };
    let close = {
        let keep = keep.clone();
        Callback::from(move |_: MouseEvent| keep.dispatch(KeepAction::Close))
    };
    let pick = |link: bool| {
        let (state, keep) = (state.clone(), keep.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Note::Choose(l, d)) = keep.note.clone() {
                let a = if link { l } else { d };
                // The chosen answers are the ones remembered from now on.
                browser::storage_set(STORAGE_ANSWERS, &fragment::encode(&a));
                let source = if link { "link" } else { "device" };
                let parties = (!link).then(stored_parties).flatten();
                restore(&state, &keep, a, parties, Note::Restored(source));
            }
        })
    };
    let replace = {
        let (state, keep) = (state.clone(), keep.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Note::Confirm(imp)) = keep.note.clone() {
                open_dossier(&state, &keep, imp);
            }
        })
    };
    let on_forget = {
        let keep = keep.clone();
        Callback::from(move |_: MouseEvent| {
            forget();
            keep.dispatch(KeepAction::Remembered(false));
            keep.dispatch(KeepAction::ShowFocused(Note::Forgotten));
        })
    };
    let controls = match &note {
        None => html! {},
        Some(Note::Choose(..)) => html! {
            { actions(html! { <>
                <button type="button" class="lic-button" ref={first.clone()} onclick={pick(true)}>{ t(locale, msg!("act.choice.link")) }</button>
                { button(false, pick(false), t(locale, msg!("act.choice.device"))) }
            </> }) }
        },
        Some(Note::Confirm(_)) => html! {
            { actions(html! { <>
                { button(true, replace, t(locale, msg!("act.import.replace"))) }
                <button type="button" class="lic-button" ref={first.clone()} onclick={close}>{ t(locale, msg!("act.import.cancel")) }</button>
            </> }) }
        },
        Some(n) => {
            let forgettable = matches!(
                n,
                Note::Restored("device" | "resumed") | Note::Unreadable("device", _)
            );
            html! {
                { actions(html! { <>
                    if forgettable {
                        { button(false, on_forget, t(locale, msg!("act.forget"))) }
                    }
                    <button type="button" class="lic-button lic-link" ref={first.clone()} onclick={close}>{ t(locale, msg!("act.note.close")) }</button>
                </> }) }
            }
        }
    };
    html! {
        if note.is_some() {
            <div class="lic-keep-note">{ message }{ controls }</div>
        }
    }
}

/// A message for the act panel's live region: (is an error, text).
pub type Status = (bool, String);

/// On the result screen: download the dossier, open one, the resume link, this device's memory, forget; what
/// happened is said through `on_status` in the act panel's live region. A hook the act panel calls (its hooks
/// run as the act panel's), not a component type: each component type costs the wasm file its own copy of
/// yew's lifecycle code.
#[hook]
pub fn use_keep_panel(on_status: &Callback<Status>) -> Html {
    let state = use_wizard();
    let keep = use_keep();
    let locale = state.locale;
    let pending = use_state(|| None::<Imported>);
    let import = use_node_ref();
    // The question before a dossier replaces the answers takes the focus when it appears.
    let question = use_node_ref();
    {
        let question = question.clone();
        use_effect_with((*pending).clone(), move |p| {
            if p.is_some() {
                browser::focus(&question);
            }
        });
    }
    // Bumped when the file field gets the focus back (after "keep my answers").
    let refocus = use_state(|| 0u32);
    {
        let import = import.clone();
        use_effect_with(*refocus, move |n| {
            if *n > 0 {
                browser::focus(&import);
            }
        });
    }
    let say = on_status.clone();
    let on_file = {
        let (state, pending, say) = (state.clone(), pending.clone(), say.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let (current, pending, say) = (state.answers.clone(), pending.clone(), say.clone());
            pending.set(None);
            read_dossier(
                &input,
                Callback::from(move |r: Result<Imported, DossierError>| match r {
                    Err(e) => say.emit((true, file_error(locale, &e))),
                    Ok(imp) if imp.answers == current => {
                        say.emit((false, t(locale, msg!("act.import.same")).into()))
                    }
                    Ok(imp) => {
                        say.emit((false, String::new()));
                        pending.set(Some(imp));
                    }
                }),
            );
        })
    };
    let on_replace = {
        let (state, keep, pending) = (state.clone(), keep.clone(), pending.clone());
        Callback::from(move |_: ()| {
            if let Some(imp) = (*pending).clone() {
                open_dossier(&state, &keep, imp);
            }
        })
    };
    let on_cancel = {
        let (pending, say, refocus) = (pending.clone(), say.clone(), refocus.clone());
        Callback::from(move |_: ()| {
            pending.set(None);
            refocus.set(*refocus + 1);
            say.emit((false, t(locale, msg!("act.import.cancelled")).into()));
        })
    };
    let on_copy_link = {
        let (answers, say) = (state.answers.clone(), say.clone());
        Callback::from(move |_: MouseEvent| {
            let say = say.clone();
            browser::copy_text(
                &resume_link(&answers),
                Callback::from(move |ok: bool| {
                    let key = if ok {
                        msg!("act.link.copied")
                    } else {
                        msg!("act.copy_failed")
                    };
                    say.emit((!ok, t(locale, key).into()));
                }),
            );
        })
    };
    let on_remember = {
        let (state, keep, say) = (state.clone(), keep.clone(), say.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if !input.checked() {
                browser::storage_forget(STORAGE_PREFIX);
                keep.dispatch(KeepAction::Remembered(false));
                say.emit((false, t(locale, msg!("act.remember.off")).into()));
            } else if save(&state.answers, &keep.parties) {
                keep.dispatch(KeepAction::Remembered(true));
                say.emit((false, t(locale, msg!("act.remember.on")).into()));
            } else {
                input.set_checked(false);
                keep.dispatch(KeepAction::Remembered(false));
                say.emit((true, t(locale, msg!("act.remember.failed")).into()));
            }
        })
    };
    let on_forget = {
        let keep = keep.clone();
        Callback::from(move |_: MouseEvent| {
            forget();
            keep.dispatch(KeepAction::Remembered(false));
            keep.dispatch(KeepAction::Close);
            say.emit((false, t(locale, msg!("act.forgotten")).into()));
        })
    };
    let link = resume_link(&state.answers);
    // A send made after this panel was drawn is in the file too: the link is brought up to date when clicked.
    let book = use_context::<crate::ui::app::WidgetProps>()
        .map(|p| p.sent)
        .unwrap_or_default();
    let on_export = {
        let (state, parties, book) = (state.clone(), keep.parties.clone(), book.clone());
        Callback::from(move |e: MouseEvent| {
            // The link itself (yew listens at the root: the current target is not the link).
            if let Some(a) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("a").ok().flatten())
            {
                let url = dossier_url(
                    &state.answers,
                    &state.evaluation,
                    &parties,
                    &book.withdrawable(),
                );
                let _ = a.set_attribute("href", &url);
            }
        })
    };
    html! {
        <section class="lic-section lic-keep" aria-labelledby="lic-keep-title">
            <h3 class="lic-h3" id="lic-keep-title">{ t(locale, msg!("act.keep.title")) }</h3>
            { para(locale, msg!("act.keep.intro")) }
            <p>
                <a class="lic-button" href={dossier_url(&state.answers, &state.evaluation, &keep.parties, &book.withdrawable())} onclick={on_export}
                    download={tf(locale, msg!("act.file.dossier"), &[("date", &state.as_of.to_string())])}>
                    { t(locale, msg!("act.export")) }
                </a>
            </p>
            { hint(t(locale, msg!("act.export.hint"))) }
            <div class="lic-field">
                <label for="lic-import" class="lic-label">{ t(locale, msg!("act.import.label")) }</label>
                <p class="lic-hint" id="lic-import-hint">{ t(locale, msg!("act.import.hint")) }</p>
                <input id="lic-import" type="file" accept=".json,application/json" class="lic-file"
                    aria-describedby="lic-import-hint" ref={import} onchange={on_file} />
            </div>
            if let Some(imp) = (*pending).clone() {
                { import_confirm(locale, &imp, &on_replace, &on_cancel, &question) }
            }
            <div class="lic-field">
                <label for="lic-link" class="lic-label">{ t(locale, msg!("act.link.label")) }</label>
                <p class="lic-hint" id="lic-link-hint">{ t(locale, msg!("act.link.hint")) }</p>
                <input id="lic-link" type="text" readonly=true class="lic-input lic-wide"
                    aria-describedby="lic-link-hint" value={link} />
            </div>
            { actions(html! { <>
                { button(false, on_copy_link, t(locale, msg!("act.link.copy"))) }
            </> }) }
            <div class="lic-check">
                <input id="lic-remember" type="checkbox" aria-describedby="lic-remember-hint"
                    checked={keep.remembered} onchange={on_remember} />
                <label for="lic-remember">{ t(locale, msg!("act.remember.label")) }</label>
            </div>
            <p class="lic-hint" id="lic-remember-hint">{ t(locale, msg!("act.remember.hint")) }</p>
            { actions(html! { <>
                { button(false, on_forget, t(locale, msg!("act.forget"))) }
            </> }) }
        </section>
    }
}

/// Asks before a dossier replaces the answers given (`question` takes the focus: [`use_keep_panel`]). A function, not
/// a component: each component type costs the wasm file its own copy of yew's lifecycle code.
fn import_confirm(
    locale: Locale,
    imp: &Imported,
    on_replace: &Callback<()>,
    on_cancel: &Callback<()>,
    question: &NodeRef,
) -> Html {
    html! {
        <div class="lic-keep-confirm" role="group" aria-labelledby="lic-import-confirm">
            <p id="lic-import-confirm" tabindex="-1" ref={question.clone()}>
                { tf(locale, msg!("act.import.confirm"), &[
                    ("date", &text::date(locale, imp.made_on)),
                    ("n", &imp.answers.answered().len().to_string()),
                ]) }
            </p>
            { actions(html! { <>
                { button(true, on_replace.reform(|_| ()), t(locale, msg!("act.import.replace"))) }
                { button(false, on_cancel.reform(|_| ()), t(locale, msg!("act.import.cancel"))) }
            </> }) }
        </div>
    }
}
