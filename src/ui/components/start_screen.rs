//! The start screen: what is checked, that nothing leaves the device, how long it takes.

use yew::prelude::*;

use super::ScreenProps;
use crate::i18n::t;
use crate::ui::app::use_wizard;
use crate::ui::state::Action;

/// First screen of the journey.
#[component]
pub fn StartScreen(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Begin))
    };
    html! {
        <div class="lic-screen">
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, msg!("start.title")) }</h2>
            <p>{ t(locale, msg!("start.what")) }</p>
            <ul class="lic-list">
                <li>{ t(locale, msg!("start.private")) }</li>
                <li>{ t(locale, msg!("start.time")) }</li>
                <li>{ t(locale, msg!("start.documents")) }</li>
            </ul>
            <button type="button" class="lic-button lic-primary" {onclick}>{ t(locale, msg!("start.begin")) }</button>
        </div>
    }
}
