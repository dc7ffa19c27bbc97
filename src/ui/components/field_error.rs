//! An error message next to a field, linked to it by `aria-describedby` and announced when it appears.

use yew::prelude::*;

use crate::i18n::{t, Locale};

/// The message, with a visually hidden "Error:" prefix for screen readers: a function, not a component type (the
/// questions and the send panel draw it so).
pub fn field_error(locale: Locale, id: AttrValue, message: AttrValue) -> Html {
    html! {
        <p class="lic-error" {id} role="alert">
            <span class="lic-sr-only">{ t(locale, msg!("error.prefix")) }</span>
            { message }
        </p>
    }
}
