//! Check your answers: every answer given, in the order asked, each with a "change" button.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::{actions, ScreenProps};
use crate::i18n::{t, tables};
use crate::ui::app::use_wizard;
use crate::ui::state::Action;
use crate::ui::text;

/// The review screen.
#[component]
pub fn Review(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let on_result = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowResult))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    // Back from "Change": focus on the changed row's button rather than on the heading (app.rs skips it).
    let changed_ref = use_node_ref();
    {
        let changed_ref = changed_ref.clone();
        let focus = state.focus_row.is_some();
        use_effect_with(state.screen_serial, move |_| {
            if focus {
                if let Some(el) = changed_ref.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let rows = state.asked.iter().filter_map(|fact| {
        let answer = state.answers.get(*fact)?;
        let fact = *fact;
        let node = if state.focus_row == Some(fact) {
            changed_ref.clone()
        } else {
            NodeRef::default()
        };
        let onclick = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Change(fact)))
        };
        Some(html! {
            <div class="lic-summary-row">
                <dt>{ t(locale, tables::q_short(fact)) }</dt>
                <dd>{ text::answer(locale, fact, answer) }</dd>
                <dd class="lic-summary-action">
                    <button type="button" class="lic-button lic-link" {onclick} ref={node}>
                        { t(locale, msg!("review.change")) }
                        <span class="lic-sr-only">{ " " }{ t(locale, tables::q_short(fact)) }</span>
                    </button>
                </dd>
            </div>
        })
    });
    html! {
        <div class="lic-screen">
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, msg!("review.title")) }</h2>
            <p>{ t(locale, msg!("review.intro")) }</p>
            <dl class="lic-summary">{ for rows }</dl>
            { actions(html! { <>
                <button type="button" class="lic-button lic-primary" onclick={on_result}>{ t(locale, msg!("nav.see_result")) }</button>
                <button type="button" class="lic-button lic-link" onclick={on_back}>{ t(locale, msg!("nav.back")) }</button>
            </> }) }
        </div>
    }
}
