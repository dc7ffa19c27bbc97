//! A message with host-provided values (a campaign's name, origin, reference...), each value in its own
//! `<bdi>`: a right-to-left name cannot reorder the words or the origin shown after it.

use yew::prelude::*;

use crate::host_config::isolate_parts;
use crate::i18n::{t, Locale, Msg};

/// The text of `key` with its `{name}` placeholders filled in, each value isolated.
pub fn isolated(locale: Locale, key: Msg, args: &[(&str, &str)]) -> Html {
    isolate_parts(t(locale, key), args)
        .into_iter()
        .map(|(value, text)| {
            if value {
                html! { <bdi>{ text }</bdi> }
            } else {
                html! { { text } }
            }
        })
        .collect()
}
