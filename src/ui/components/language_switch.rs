//! The language switch: one button that offers the other language, labelled in that language.

use yew::prelude::*;

use crate::i18n::{t, Locale};

/// Props of [`LanguageSwitch`].
#[derive(Properties, Clone, PartialEq)]
pub struct LanguageSwitchProps {
    /// The language on show.
    pub locale: Locale,
    /// Called with the language chosen.
    pub on_change: Callback<Locale>,
}

/// A button that switches to the other language; nothing typed is lost.
#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    let other = match props.locale {
        Locale::Fr => Locale::En,
        Locale::En => Locale::Fr,
    };
    let onclick = props.on_change.reform(move |_: MouseEvent| other);
    html! {
        <button type="button" class="lic-lang" lang={other.tag()} {onclick}>
            { t(other, msg!("lang.switch_to")) }
        </button>
    }
}
