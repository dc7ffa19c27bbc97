//! The root component: language, layout, the screen on show, focus, announcements and host events.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::components::{Keep, LanguageSwitch, Question, ResultScreen, Review, StartScreen};
use super::state::{Action, Screen, WizardState};
use crate::engine::Date;
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
    pub notices: Vec<&'static str>,
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
}

/// The whole widget.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    let state = use_reducer({
        let (locale, as_of) = (props.locale, props.as_of);
        let featured = props
            .featured_claims
            .iter()
            .map(|s| s.to_string())
            .collect();
        move || WizardState {
            featured,
            ..WizardState::new(locale, as_of)
        }
    });
    let locale = state.locale;
    let heading = use_node_ref();

    // Focus the new screen's heading after each move (not on first load: the host page keeps focus),
    // and tell the host which screen is on show.
    {
        let heading = heading.clone();
        let on_event = props.on_event.clone();
        let screen = state.screen;
        use_effect_with(state.screen_serial, move |serial| {
            if *serial > 0 {
                if let Some(el) = heading.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            } else {
                on_event.emit(HostEvent::Ready);
            }
            on_event.emit(HostEvent::Step(screen.id()));
            if screen == Screen::Result {
                on_event.emit(HostEvent::Result);
            }
        });
    }

    let status = match state.screen {
        Screen::Start => String::new(),
        Screen::Question(fact) => tf(
            locale,
            "status.question",
            &[("question", t(locale, &format!("q.{}.label", fact.id())))],
        ),
        Screen::Review => t(locale, "review.title").to_string(),
        Screen::Result => t(locale, "status.result").to_string(),
    };

    let screen = match state.screen {
        Screen::Start => html! { <StartScreen heading={heading.clone()} /> },
        Screen::Question(fact) => {
            html! { <Question key={fact.id()} {fact} heading={heading.clone()} /> }
        }
        Screen::Review => html! { <Review heading={heading.clone()} /> },
        Screen::Result => html! { <ResultScreen heading={heading.clone()} /> },
    };

    let on_locale = {
        let state = state.clone();
        Callback::from(move |l: Locale| state.dispatch(Action::SetLocale(l)))
    };

    html! {
        <ContextProvider<WizardContext> context={state.clone()}>
        <ContextProvider<WidgetProps> context={props.clone()}>
            <section class="lic" lang={locale.tag()} aria-label={t(locale, "widget.name")}>
                <header class="lic-header">
                    <p class="lic-brand">{ t(locale, "widget.name") }</p>
                    <LanguageSwitch locale={locale} on_change={on_locale} />
                </header>
                { for props.notices.iter().map(|key| html! {
                    <p class="lic-notice">{ t(locale, key) }</p>
                }) }
                <Keep>{ screen }</Keep>
                <p class="lic-sr-only" role="status">{ status }</p>
                <footer class="lic-footer"><p>{ t(locale, "privacy.footer") }</p></footer>
            </section>
        </ContextProvider<WidgetProps>>
        </ContextProvider<WizardContext>>
    }
}
