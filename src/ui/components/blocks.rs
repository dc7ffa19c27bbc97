//! Paragraphs and buttons of the late screens (result, act, keep, send), one function each: `html!` writes every
//! element out in full where it stands, so the forty-odd paragraphs and twenty buttons of those screens were as
//! many copies of the same element code in the second wasm file; as calls they are one each.

use yew::prelude::*;

use crate::i18n::{t, Locale, Msg};

/// A paragraph.
pub fn paragraph(text: impl Into<Html>) -> Html {
    html! { <p>{ text.into() }</p> }
}

/// A paragraph of one message.
pub fn para(locale: Locale, m: Msg) -> Html {
    paragraph(t(locale, m))
}

/// A hint (`lic-hint`): what a field or a button leads to.
pub fn hint(text: impl Into<Html>) -> Html {
    html! { <p class="lic-hint">{ text.into() }</p> }
}

/// A note (`lic-note`): the clock or a caveat under a claim.
pub fn note(text: impl Into<Html>) -> Html {
    html! { <p class="lic-note">{ text.into() }</p> }
}

/// A button (`type="button"`, class `lic-button`, with `lic-primary` when `primary`) doing `onclick`.
/// Two literal class lists, not a `class` variable: a computed class goes through yew's `Classes` (an IndexSet).
pub fn button(primary: bool, onclick: Callback<MouseEvent>, text: impl Into<Html>) -> Html {
    let text = text.into();
    if primary {
        html! { <button type="button" class="lic-button lic-primary" {onclick}>{ text }</button> }
    } else {
        html! { <button type="button" class="lic-button" {onclick}>{ text }</button> }
    }
}
