//! An error message next to a field, linked to it by `aria-describedby` and announced when it appears.

use yew::prelude::*;

use crate::i18n::{t, Locale};
use crate::ui::app::use_wizard;

/// Props of [`FieldError`].
#[derive(Properties, Clone, PartialEq)]
pub struct FieldErrorProps {
    /// The element id the field refers to in `aria-describedby`.
    pub id: AttrValue,
    /// The message, already in the visitor's language.
    pub message: AttrValue,
}

/// The message, with a visually hidden "Error:" prefix for screen readers (in the late screens).
#[component]
pub fn FieldError(props: &FieldErrorProps) -> Html {
    field_error(use_wizard().locale, props.id.clone(), props.message.clone())
}

/// The same as a function: the questions draw it this way, so the component type is only in the second wasm file.
pub fn field_error(locale: Locale, id: AttrValue, message: AttrValue) -> Html {
    html! {
        <p class="lic-error" {id} role="alert">
            <span class="lic-sr-only">{ t(locale, msg!("error.prefix")) }</span>
            { message }
        </p>
    }
}
