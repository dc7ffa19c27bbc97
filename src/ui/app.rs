//! The root component: language, layout, the screen on show, focus, announcements and host events.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::browser::history;
use super::components::{language_switch, question, start_screen, use_field_focus, Keep};
use super::late::{self, LateScreen};
use super::state::{Action, Screen, WizardState};
use crate::engine::Date;
use crate::host_config::ManifestSource;
use crate::i18n::tables;
use crate::i18n::{t, tf, Locale};

/// The reducer handle shared with every component.
pub type WizardContext = UseReducerHandle<WizardState>;

/// The wizard's state and dispatcher, from any component inside [`Widget`].
#[hook]
pub fn use_wizard() -> WizardContext {
    use_context::<WizardContext>().expect("use_wizard must be called inside <Widget>")
}

/// What the widget tells its host page. Never personal data, never amounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// The first screen is on show.
    Ready,
    /// A new screen is on show: its stable id (`start`, `question:<fact>`, `review`, `result`).
    Step(String),
    /// The result screen is on show.
    Result,
    /// The visitor sent their result to the campaign of the manifest (after consenting).
    Sent,
}

/// The widget's configuration, as read by the embed module.
#[derive(Properties, Clone, PartialEq)]
pub struct WidgetProps {
    /// Starting language.
    pub locale: Locale,
    /// Today, from the browser's clock (read in the embed module, never in the engine).
    pub as_of: Date,
    /// Configuration problems to show the integrator (message keys), already logged to the console.
    #[prop_or_default]
    pub notices: Vec<crate::i18n::Msg>,
    /// Ids of the claims the host wants featured first (already validated against the engine's claim ids).
    #[prop_or_default]
    pub featured_claims: Vec<&'static str>,
    /// Receives the events for the host page (the embed module turns them into DOM events or postMessage).
    #[prop_or_default]
    pub on_event: Callback<HostEvent>,
    /// The campaign manifest as the host gave it (`data-manifest`: an address or inline JSON), typed by
    /// [`crate::host_config`]; its content is validated by the send panel only. `None`: no sending offered.
    #[prop_or_default]
    pub manifest: Option<std::rc::Rc<crate::host_config::ManifestSource>>,
    /// Makes a language's words available, then calls back with it (the release widget loads one language per
    /// file, see `embed.rs`); `None`: every language is compiled in, the switch is immediate.
    #[prop_or_default]
    pub load_locale: Option<Callback<(Locale, Callback<Locale>)>>,
    /// This widget's book of sends (send.rs): a result already sent shows its receipt after "change my answers".
    /// One per mounted widget (the embed module keeps it across configuration updates), never shared; it comes
    /// with the props' context rather than a context of its own (one component type less in the first wasm file).
    #[prop_or_default]
    pub sent: super::components::SentBook,
}

/// What the widget keeps between renders without rendering again.
struct Cells {
    /// This widget's key in the page's history entries.
    history_key: String,
    /// Where the entry the page was loaded on said this widget was (its depth and screen), if anywhere but the start.
    entry: Option<(usize, Screen)>,
    /// The depth of the entry the browser is on.
    depth: usize,
    /// The rank of the control last focused among the widget's focusable elements (for "check another loan").
    last_focus: Option<u32>,
    /// Whether the late part has written the console line of a bad campaign address (`LateScreen::AddressNotice`).
    address_said: bool,
}

/// The whole widget.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    // This widget's key in the page's history entries, and where the entry the page was loaded on says this widget
    // was (a reload, or a return to the page without the browser's page cache). The widget starts on its start
    // screen, so the entry says so from now on; keep.rs brings the visitor back there when this device remembers
    // the answers, or says they were not kept. Read on the first render into the one cell of the widget's
    // bookkeeping (one hook type less in the first wasm file than a memo of their own).
    let cells = use_mut_ref(|| {
        let key = history::instance_key();
        let entry = history::marker(&key).filter(|(depth, _)| *depth > 0);
        if entry.is_some() {
            history::replace(&key, 0, &Screen::Start.id());
        }
        let entry = entry.and_then(|(depth, step)| Screen::from_id(&step).map(|s| (depth, s)));
        Cells {
            history_key: key,
            entry,
            depth: 0,
            last_focus: None,
            address_said: false,
        }
    });
    let (history_key, entry) = {
        let c = cells.borrow();
        (c.history_key.clone(), c.entry)
    };
    let state = use_reducer({
        let (locale, as_of) = (props.locale, props.as_of);
        let featured = props
            .featured_claims
            .iter()
            .map(|s| s.to_string())
            .collect();
        move || WizardState {
            featured,
            entry,
            ..WizardState::new(locale, as_of)
        }
    });
    let locale = state.locale;
    let heading = use_node_ref();
    let browser_depth = cells.clone();

    // The browser's Back and Forward buttons move between screens (src/ui/browser/history.rs).
    {
        let key = history_key.clone();
        let depth = browser_depth.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = history::Listener::new(key, move |to| {
                let from = depth.borrow().depth;
                depth.borrow_mut().depth = to;
                if to < from {
                    dispatcher.dispatch(Action::BrowserBack(to));
                } else if to > from {
                    dispatcher.dispatch(Action::BrowserForward(to));
                }
            });
            move || drop(listener)
        });
    }

    // The host changed the language (data-lang): the widget follows, keeping everything typed. The visitor's own
    // switch changes only the state, so a later change of another attribute does not undo it.
    {
        let state = state.clone();
        use_effect_with(props.locale, move |l| {
            if state.locale != *l {
                state.dispatch(Action::SetLocale(*l));
            }
        });
    }

    // Focus the new screen's heading after each move (not on first load: the host page keeps focus; on the
    // review after a change, the changed row takes it), keep the browser's history in step,
    // and tell the host which screen is on show.
    {
        let heading = heading.clone();
        let on_event = props.on_event.clone();
        let screen = state.screen;
        let focus_row = state.focus_row.is_some() && screen == Screen::Review;
        let (depth, by_browser) = (state.history.len(), state.moved_by_browser);
        let key = history_key.clone();
        let tracked = browser_depth.clone();
        use_effect_with(state.screen_serial, move |serial| {
            if *serial > 0 {
                // The first screen change made by the browser is a resume after the page was loaded again: like
                // a first load, the page keeps the focus (the note about it is announced in its live region).
                let resumed = *serial == 1 && by_browser;
                if !focus_row && !resumed {
                    if let Some(el) = heading.cast::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
                let was = tracked.borrow().depth;
                if by_browser {
                    // The browser is already on the entry of this screen; its marker is made to say so (after a
                    // resume, the entry the page was loaded on gets its marker back).
                    history::replace(&key, depth, &screen.id());
                } else if depth > was {
                    history::push(&key, depth, &screen.id());
                } else if depth < was {
                    // Back or "another loan" inside the widget: the browser follows, so its Forward still works.
                    history::go(depth as i32 - was as i32);
                } else {
                    history::replace(&key, depth, &screen.id());
                }
                tracked.borrow_mut().depth = depth;
            } else {
                on_event.emit(HostEvent::Ready);
            }
            on_event.emit(HostEvent::Step(screen.id()));
            if screen == Screen::Result {
                on_event.emit(HostEvent::Result);
            }
        });
    }

    let field = use_field_focus(&state);
    let late = late::use_late();
    // A late screen reached while its file was still loading: its heading takes the focus when it is drawn.
    {
        let heading = heading.clone();
        // Not after a resume (the first screen change, made by the browser): the page keeps its focus then.
        let resumed = state.screen_serial == 1 && state.moved_by_browser;
        let moved = state.screen_serial > 0
            && !resumed
            && matches!(state.screen, Screen::Review | Screen::Result);
        use_effect_with(late, move |late| {
            if moved && *late == late::Late::Ready {
                if let Some(el) = heading.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let status = match state.screen {
        Screen::Start => String::new(),
        Screen::Question(fact) => tf(
            locale,
            msg!("status.question"),
            &[("question", t(locale, tables::q_label(fact)))],
        ),
        Screen::Review => t(locale, msg!("review.title")).to_string(),
        Screen::Result => t(locale, msg!("status.result")).to_string(),
    };

    let screen = match state.screen {
        Screen::Start => start_screen(&state, heading.clone()),
        Screen::Question(fact) => question(&state, fact, heading.clone(), &field),
        // In the second wasm file of the release build (src/ui/late.rs).
        Screen::Review => late::view(late, LateScreen::Review, heading.clone(), locale),
        Screen::Result => late::view(late, LateScreen::Result, heading.clone(), locale),
    };

    // "Check another loan" asks first: focus on the question's heading when it opens, and back on what the
    // visitor was on when they keep their answers. That control is found again by its rank among the
    // widget's focusable elements (recorded on each focus), since a re-render may have replaced its node.
    const FOCUSABLE: &str = "button, a[href], input, select, textarea";
    let root_ref = use_node_ref();
    let confirm_heading = use_node_ref();
    let last_focus = cells.clone();
    let on_focus_in = {
        let root_ref = root_ref.clone();
        let last_focus = last_focus.clone();
        let asking = state.confirm_restart;
        Callback::from(move |e: FocusEvent| {
            let (Some(root), Some(target)) = (
                root_ref.cast::<web_sys::Element>(),
                e.target_dyn_into::<web_sys::Node>(),
            ) else {
                return;
            };
            if asking {
                return;
            }
            if let Ok(list) = root.query_selector_all(FOCUSABLE) {
                last_focus.borrow_mut().last_focus = (0..list.length())
                    .find(|i| list.get(*i).is_some_and(|n| n.is_same_node(Some(&target))));
            }
        })
    };
    {
        let confirm_heading = confirm_heading.clone();
        let root_ref = root_ref.clone();
        let last_focus = last_focus.clone();
        use_effect_with(state.confirm_restart, move |open| {
            // Copied out: focusing below fires focusin, which records into the same cell.
            let recorded = last_focus.borrow().last_focus;
            if *open {
                if let Some(el) = confirm_heading.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            } else if let (Some(root), Some(i)) = (root_ref.cast::<web_sys::Element>(), recorded) {
                let el = root
                    .query_selector_all(FOCUSABLE)
                    .ok()
                    .and_then(|list| list.get(i))
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(n).ok());
                if let Some(el) = el {
                    let _ = el.focus();
                }
            }
        });
    }
    let confirm = state.confirm_restart.then(|| {
        let yes = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::ConfirmRestart(true)))
        };
        let no = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::ConfirmRestart(false)))
        };
        html! {
            <section class="lic-confirm" aria-labelledby="lic-confirm-title">
                <h3 id="lic-confirm-title" class="lic-h3" tabindex="-1" ref={confirm_heading.clone()}>{ t(locale, msg!("restart.title")) }</h3>
                <p>{ t(locale, msg!("restart.text")) }</p>
                <div class="lic-actions">
                    <button type="button" class="lic-button" onclick={yes}>{ t(locale, msg!("restart.confirm")) }</button>
                    <button type="button" class="lic-button lic-primary" onclick={no}>{ t(locale, msg!("restart.cancel")) }</button>
                </div>
            </section>
        }
    });

    let on_locale = {
        let state = state.clone();
        let load = props.load_locale.clone();
        Callback::from(move |l: Locale| {
            let state = state.clone();
            let set = Callback::from(move |l: Locale| state.dispatch(Action::SetLocale(l)));
            match &load {
                Some(load) => load.emit((l, set)),
                None => set.emit(l),
            }
        })
    };

    // A campaign address is checked by the late part (its URL parser is there): a bad one's notice, and once its
    // console line, come when that part is in.
    let address_notice = props
        .manifest
        .clone()
        .filter(|m| late == late::Late::Ready && matches!(**m, ManifestSource::Address(_)))
        .map(|manifest| {
            let say = !std::mem::replace(&mut cells.borrow_mut().address_said, true);
            late::part(
                late,
                LateScreen::AddressNotice {
                    manifest,
                    locale,
                    say,
                },
            )
        });

    html! {
        <ContextProvider<WizardContext> context={state.clone()}>
        <ContextProvider<WidgetProps> context={props.clone()}>
            <section class="lic" lang={locale.tag()} aria-label={t(locale, msg!("widget.name"))} ref={root_ref} onfocusin={on_focus_in}>
                <header class="lic-header">
                    <p class="lic-brand">{ t(locale, msg!("widget.name")) }</p>
                    { language_switch(locale, &on_locale) }
                </header>
                { for props.notices.iter().map(|key| html! {
                    <p class="lic-notice">{ t(locale, *key) }</p>
                }) }
                { for address_notice }
                <Keep {late}>{ screen }</Keep>
                { for confirm }
                <p class="lic-sr-only" role="status">{ status }</p>
                <footer class="lic-footer"><p>{ t(locale, msg!("privacy.footer")) }</p></footer>
            </section>
        </ContextProvider<WidgetProps>>
        </ContextProvider<WizardContext>>
    }
}
