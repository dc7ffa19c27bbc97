//! The start screen: what is checked, that nothing leaves the device, how long it takes.

use yew::prelude::*;

use crate::i18n::t;
use crate::ui::app::WizardContext;
use crate::ui::state::Action;

/// First screen of the journey (drawn by the root component: a function, not a component of its own, so it adds
/// no component type to the first wasm file).
pub fn start_screen(state: &WizardContext, heading: NodeRef) -> Html {
    let locale = state.locale;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Begin))
    };
    html! {
        <div class="lic-screen">
            <h2 class="lic-h" tabindex="-1" ref={heading}>{ t(locale, msg!("start.title")) }</h2>
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
