//! Question: the date of the loan offer, issued or signed, typed as day, month and year.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{FieldError, ScreenProps};
use crate::i18n::t;
use crate::ui::app::use_wizard;
use crate::ui::state::{Action, DatePart, OfferDateKind};

/// Which date is given (two radios), then the date in three numeric fields (the GOV.UK date pattern).
#[component]
pub fn DateQuestion(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let kind_error = state.error.filter(|_| state.error_field == Some("kind"));
    let date_error = state
        .error
        .filter(|_| matches!(state.error_field, Some("day" | "month" | "year")));
    let bad_field = state.error_field;

    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::SubmitOfferDate)
        })
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let kind_option = |kind: OfferDateKind, id: &'static str, key: &'static str| {
        let checked = state.offer_kind == Some(kind);
        let state = state.clone();
        let onchange =
            Callback::from(move |_: Event| state.dispatch(Action::ChooseOfferKind(kind)));
        html! {
            <div class="lic-radio">
                <input type="radio" name="lic-offer-kind" id={id} {checked} {onchange} />
                <label for={id}>{ t(locale, key) }</label>
            </div>
        }
    };
    let part = |p: DatePart,
                id: &'static str,
                key: &'static str,
                value: &str,
                width: &'static str,
                field: &'static str| {
        let state = state.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::EditDate(p, input.value()))
        });
        let invalid =
            date_error.is_some() && (bad_field == Some(field) || bad_field == Some("day"));
        html! {
            <div class="lic-date-part">
                <label for={id}>{ t(locale, key) }</label>
                <input id={id} class={classes!("lic-input", width, invalid.then_some("lic-invalid"))}
                    type="text" inputmode="numeric" autocomplete="off"
                    value={value.to_string()} {oninput}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={if date_error.is_some() { "lic-date-hint lic-date-error" } else { "lic-date-hint" }} />
            </div>
        }
    };
    let draft = &state.offer_date;
    html! {
        <form class="lic-screen" {onsubmit} novalidate=true>
            <p class="lic-progress">{ t(locale, "group.loan") }</p>
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, "q.offer_date.label") }</h2>
            <p class="lic-hint">{ t(locale, "q.offer_date.hint") }</p>
            <fieldset class={classes!("lic-fieldset", kind_error.map(|_| "lic-invalid"))}
                aria-describedby={kind_error.map(|_| "lic-offer-kind-error")}>
                <legend class="lic-legend">{ t(locale, "q.offer_kind.label") }</legend>
                if let Some(code) = kind_error { <FieldError id="lic-offer-kind-error" {code} /> }
                { kind_option(OfferDateKind::Issued, "lic-offer-issued", "q.offer_kind.issued") }
                { kind_option(OfferDateKind::Signed, "lic-offer-signed", "q.offer_kind.signed") }
            </fieldset>
            <fieldset class={classes!("lic-fieldset", date_error.map(|_| "lic-invalid"))} role="group"
                aria-describedby={if date_error.is_some() { "lic-date-hint lic-date-error" } else { "lic-date-hint" }}>
                <legend class="lic-legend">{ t(locale, "q.date.legend") }</legend>
                <p class="lic-hint" id="lic-date-hint">{ t(locale, "q.date.hint") }</p>
                if let Some(code) = date_error { <FieldError id="lic-date-error" {code} /> }
                <div class="lic-date">
                    { part(DatePart::Day, "lic-date-day", "q.date.day", &draft.day, "lic-w2", "day") }
                    { part(DatePart::Month, "lic-date-month", "q.date.month", &draft.month, "lic-w2", "month") }
                    { part(DatePart::Year, "lic-date-year", "q.date.year", &draft.year, "lic-w4", "year") }
                </div>
            </fieldset>
            <div class="lic-actions">
                <button type="submit" class="lic-button lic-primary">{ t(locale, "nav.see_result") }</button>
                <button type="button" class="lic-button lic-link" onclick={on_back}>{ t(locale, "nav.back") }</button>
            </div>
        </form>
    }
}
