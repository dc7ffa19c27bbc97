//! Question: is the loan a real-estate loan or a consumer credit?

use yew::prelude::*;

use super::{FieldError, ScreenProps};
use crate::engine::LoanKind;
use crate::i18n::t;
use crate::ui::app::use_wizard;
use crate::ui::state::Action;

/// One radio group in a fieldset, with a hint and Back/Continue.
#[component]
pub fn LoanKindQuestion(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let error = state.error.filter(|_| state.error_field == Some("choice"));
    let described = if error.is_some() {
        "lic-kind-hint lic-kind-error"
    } else {
        "lic-kind-hint"
    };
    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::SubmitLoanKind)
        })
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let option = |kind: LoanKind, id: &'static str, key: &'static str, hint: &'static str| {
        let checked = state.loan_kind == Some(kind);
        let state = state.clone();
        let onchange = Callback::from(move |_: Event| state.dispatch(Action::ChooseLoanKind(kind)));
        html! {
            <div class="lic-radio">
                <input type="radio" name="lic-loan-kind" id={id} {checked} {onchange}
                    aria-describedby={format!("{id}-hint")} />
                <label for={id}>{ t(locale, key) }</label>
                <p class="lic-option-hint" id={format!("{id}-hint")}>{ t(locale, hint) }</p>
            </div>
        }
    };
    html! {
        <form class="lic-screen" {onsubmit} novalidate=true>
            <p class="lic-progress">{ t(locale, "group.loan") }</p>
            <fieldset class={classes!("lic-fieldset", error.map(|_| "lic-invalid"))} aria-describedby={described}>
                <legend><h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, "q.loan_kind.label") }</h2></legend>
                <p class="lic-hint" id="lic-kind-hint">{ t(locale, "q.loan_kind.hint") }</p>
                if let Some(code) = error { <FieldError id="lic-kind-error" {code} /> }
                { option(LoanKind::RealEstate, "lic-kind-real-estate", "q.loan_kind.real_estate", "q.loan_kind.real_estate.hint") }
                { option(LoanKind::Consumer, "lic-kind-consumer", "q.loan_kind.consumer", "q.loan_kind.consumer.hint") }
            </fieldset>
            <div class="lic-actions">
                <button type="submit" class="lic-button lic-primary">{ t(locale, "nav.continue") }</button>
                <button type="button" class="lic-button lic-link" onclick={on_back}>{ t(locale, "nav.back") }</button>
            </div>
        </form>
    }
}
