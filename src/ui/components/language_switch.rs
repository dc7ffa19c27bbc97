//! The language switch: one button that offers the other language, labelled in that language.

use yew::prelude::*;

use crate::i18n::{t, Locale};

/// A button that switches from `locale` to the other language (`on_change` gets it); nothing typed is lost. A
/// function drawn by the root component, not a component of its own.
pub fn language_switch(locale: Locale, on_change: &Callback<Locale>) -> Html {
    let other = match locale {
        Locale::Fr => Locale::En,
        Locale::En => Locale::Fr,
    };
    let onclick = on_change.reform(move |_: MouseEvent| other);
    html! {
        <button type="button" class="lic-lang" lang={other.tag()} {onclick}>
            { t(other, msg!("lang.switch_to")) }
        </button>
    }
}
