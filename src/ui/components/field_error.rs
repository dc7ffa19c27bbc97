//! An error message next to a field, linked to it by `aria-describedby` and announced when it appears.

use yew::prelude::*;

use crate::i18n::t;
use crate::ui::app::use_wizard;

/// Props of [`FieldError`].
#[derive(Properties, Clone, PartialEq)]
pub struct FieldErrorProps {
    /// The element id the field refers to in `aria-describedby`.
    pub id: AttrValue,
    /// The message, already in the visitor's language.
    pub message: AttrValue,
}

/// The message, with a visually hidden "Error:" prefix for screen readers.
#[component]
pub fn FieldError(props: &FieldErrorProps) -> Html {
    let locale = use_wizard().locale;
    html! {
        <p class="lic-error" id={props.id.clone()} role="alert">
            <span class="lic-sr-only">{ t(locale, msg!("error.prefix")) }</span>
            { props.message.clone() }
        </p>
    }
}
