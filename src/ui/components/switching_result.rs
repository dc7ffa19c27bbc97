//! The foundation result: which switching right the loan has today, with the law cited.

use yew::prelude::*;

use super::ScreenProps;
use crate::i18n::{format_date, t, tf};
use crate::ui::app::use_wizard;
use crate::ui::state::Action;

/// The verdict, why, and the law, with Back and Start again.
#[component]
pub fn SwitchingResult(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let on_restart = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Restart))
    };
    let Some(verdict) = state.verdict.as_ref() else {
        // Unreachable in practice (the reducer sets the verdict with the step); never a blank screen.
        return html! {
            <div class="lic-screen">
                <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, "result.switch.title") }</h2>
                <button type="button" class="lic-button" onclick={on_restart}>{ t(locale, "nav.restart") }</button>
            </div>
        };
    };
    let id = verdict.right.id();
    let today = format_date(
        locale,
        state.as_of.year(),
        state.as_of.month(),
        state.as_of.day(),
    );
    html! {
        <div class="lic-screen">
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, "result.switch.title") }</h2>
            <div class={classes!("lic-verdict", format!("lic-verdict-{id}"))}>
                <p class="lic-verdict-title"><strong>{ t(locale, &format!("switch.{id}.title")) }</strong></p>
                <p>{ t(locale, &format!("switch.{id}.body")) }</p>
                if let Some(until) = verdict.hamon_until {
                    <p>{ tf(locale, "switch.hamon_until", &[("date", &format_date(locale, until.year(), until.month(), until.day()))]) }</p>
                }
            </div>
            <p class="lic-hint">{ tf(locale, "result.as_of", &[("date", &today)]) }</p>
            if !verdict.reasons.is_empty() {
                <h3 class="lic-h3">{ t(locale, "result.why") }</h3>
                <ul class="lic-list">
                    { for verdict.reasons.iter().map(|code| html! { <li>{ t(locale, &format!("reason.{code}")) }</li> }) }
                </ul>
            }
            if !verdict.references.is_empty() {
                <h3 class="lic-h3">{ t(locale, "result.law") }</h3>
                <ul class="lic-list">
                    { for verdict.references.iter().map(|r| html! {
                        <li><a href={r.href} target="_blank" rel="noopener noreferrer" lang="fr">{ r.title }</a></li>
                    }) }
                </ul>
            }
            <div class="lic-actions">
                <button type="button" class="lic-button lic-primary" onclick={on_restart}>{ t(locale, "nav.restart") }</button>
                <button type="button" class="lic-button lic-link" onclick={on_back}>{ t(locale, "nav.change") }</button>
            </div>
        </div>
    }
}
