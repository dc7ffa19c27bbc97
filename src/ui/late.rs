//! The late part of the widget: the screens after the questions (review, result, and through the result the act,
//! keep, send and letters panels). In the release widget (cargo feature `split`, `scripts/build.sh`) their code is
//! in a second WebAssembly file: `wasm-split-cli` cuts the module at [`enter`]'s `#[wasm_split]` mark, and
//! everything only that function reaches goes to the second file. `www/embed.js` requests that file with the
//! others when its module runs (integrity checked), whatever the visitor does; [`use_late`] instantiates it right
//! after the first render, so it is in place long before the questions are answered.
//! Without the feature (the wasm-bindgen tests, a plain build) the same screens are drawn directly.

use yew::prelude::*;

use super::app::WizardContext;
use super::components::{KeepHandle, KeepNotes, ResultScreen, Review};
use crate::i18n::t;

/// A screen of the late part.
#[derive(Clone, Debug, PartialEq)]
pub enum LateScreen {
    /// Check your answers.
    Review,
    /// The result (and the act, keep and send panels under it).
    Result,
    /// The keep notes and what restores and saves the answers (`components::keep`, drawn in the live region of
    /// `Keep`, on every screen).
    KeepNotes,
    /// The notice of a campaign address (`data-manifest`) that the one URL parser refuses, after the
    /// configuration's notices, and with `say` its console line too (the root component asks for it once).
    /// That parser is only in the late part (`host_config::ManifestSource::address`), so both come once it is
    /// in, right after the first render; the send panel then offers nothing, as for the other bad values.
    AddressNotice {
        /// The manifest the host gave.
        manifest: std::rc::Rc<crate::host_config::ManifestSource>,
        /// The language of the notice.
        locale: crate::i18n::Locale,
        /// Whether to write the console line.
        say: bool,
    },
}

/// Where the late part is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Late {
    /// Its file is still loading.
    Loading,
    /// Its code can be called.
    Ready,
    /// Its file could not be loaded (refused, wrong integrity, offline): said on the screen and the console.
    Failed,
}

/// The late screens, reached only through [`enter`] in the split build.
fn draw(which: LateScreen, heading: NodeRef) -> Html {
    match which {
        LateScreen::Review => html! { <Review {heading} /> },
        LateScreen::Result => html! { <ResultScreen {heading} /> },
        LateScreen::KeepNotes => html! { <KeepNotes /> },
        LateScreen::AddressNotice {
            manifest,
            locale,
            say,
        } => match manifest.address() {
            Some(Err(issue)) => {
                if say {
                    crate::ui::browser::deliver::warn(&issue.message);
                }
                html! { <p class="lic-notice">{ t(locale, issue.notice) }</p> }
            }
            _ => Html::default(),
        },
    }
}

#[cfg(feature = "split")]
#[allow(unsafe_code)] // the #[wasm_split] mark expands to an extern block; wasm-split-cli links it (no unsafe of ours)
mod split {
    use super::{LateScreen, NodeRef};
    use yew::Html;

    /// The late part did not load.
    #[derive(Debug)]
    pub struct Unavailable;

    impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
        fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
            Unavailable
        }
    }

    /// The entry into the second file's screens. `load_late` (generated) instantiates that file without calling
    /// it.
    #[wasm_split_helpers::wasm_split(late, preload(load_late), fallible)]
    pub fn enter(which: LateScreen, heading: NodeRef) -> Result<Html, Unavailable> {
        Ok(super::draw(which, heading))
    }

    /// The entry into the second file's dossier opening (the start screen's "open a file").
    #[wasm_split_helpers::wasm_split(late, fallible)]
    pub fn open_file(
        input: web_sys::HtmlInputElement,
        state: super::WizardContext,
        keep: super::KeepHandle,
    ) -> Result<(), Unavailable> {
        super::super::components::open_file(&input, state, keep);
        Ok(())
    }
}

/// Opens the dossier file chosen in `input` on the start screen (`components::keep::open_file`). In the split
/// build that code is in the second file (the start screen only has the file field): this waits for it, which is
/// in place long before a person has picked a file. If that file could not be loaded (said on the console
/// already, and on the screen once the questions are answered), nothing opens.
pub fn open_file(input: web_sys::HtmlInputElement, state: WizardContext, keep: KeepHandle) {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async move {
        let _ = split::open_file(input, state, keep).await;
    });
    #[cfg(not(feature = "split"))]
    super::components::open_file(&input, state, keep);
}

/// The keep notes ([`LateScreen::KeepNotes`]) once the late part is in place; nothing before.
pub fn keep_notes(late: Late) -> Html {
    part(late, LateScreen::KeepNotes)
}

/// A part drawn on every screen ([`LateScreen::KeepNotes`], [`LateScreen::AddressNotice`]) once the late part is
/// in place; nothing before.
pub fn part(late: Late, which: LateScreen) -> Html {
    #[cfg(feature = "split")]
    return match late {
        Late::Ready => now(split::enter(which, NodeRef::default()))
            .and_then(Result::ok)
            .unwrap_or_default(),
        _ => Html::default(),
    };
    #[cfg(not(feature = "split"))]
    {
        let _ = late;
        draw(which, NodeRef::default())
    }
}

/// Polls `future` once: its value if it is ready at once. [`split::enter`] is, once the late part is loaded (its
/// loader is memoized), so a render can call it synchronously.
#[cfg(feature = "split")]
fn now<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

/// Starts loading the late part after the first render (once per page: the loader is memoized) and re-renders
/// the caller when it is there.
#[hook]
pub fn use_late() -> Late {
    let state = use_state(|| {
        if cfg!(feature = "split") {
            Late::Loading
        } else {
            Late::Ready
        }
    });
    {
        #[cfg_attr(not(feature = "split"), allow(unused_variables))]
        let state = state.clone();
        use_effect_with((), move |_| {
            #[cfg(feature = "split")]
            wasm_bindgen_futures::spawn_local(async move {
                match split::load_late().await {
                    Ok(()) => state.set(Late::Ready),
                    Err(_) => {
                        crate::ui::browser::warn("loan-insurance-check: the second part of the widget (review and result) could not be loaded: the page's Content-Security-Policy connect-src must allow the widget's origin, and the file must match its integrity hash.");
                        state.set(Late::Failed)
                    }
                }
            });
        });
    }
    *state
}

/// The late screen `which`, or while the late part loads (or when it failed), a heading that says so.
pub fn view(late: Late, which: LateScreen, heading: NodeRef, locale: crate::i18n::Locale) -> Html {
    #[cfg(feature = "split")]
    let drawn = match late {
        Late::Ready => now(split::enter(which, heading.clone())).and_then(Result::ok),
        _ => None,
    };
    #[cfg(not(feature = "split"))]
    let drawn = Some(draw(which, heading.clone()));
    match drawn {
        Some(html) => html,
        None => {
            let key = if late == Late::Failed {
                msg!("late.failed")
            } else {
                msg!("late.loading")
            };
            html! {
                <section class="lic-screen" aria-busy={(late == Late::Loading).to_string()}>
                    <h2 class="lic-h" tabindex="-1" ref={heading}>{ t(locale, key) }</h2>
                    if late == Late::Failed { <p>{ t(locale, msg!("late.failed_hint")) }</p> }
                </section>
            }
        }
    }
}
