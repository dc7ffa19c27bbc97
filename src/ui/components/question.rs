//! One question per screen, whatever its kind: radios (choices, yes/no, "I don't know"), a date in three
//! fields, or one text field (amount, percentage, duration, count), with a hint and an error next to it.

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::FieldError;
use crate::engine::{FactId, FactKind};
use crate::i18n::tables;
use crate::i18n::{t, tf, Msg};
use crate::ui::app::use_wizard;
use crate::ui::state::{count_options, uses_radios, Action, Part, UNKNOWN};
use crate::ui::text;

/// Props of [`Question`].
#[derive(Properties, Clone, PartialEq)]
pub struct QuestionProps {
    /// The question on show.
    pub fact: FactId,
    /// The heading focused when the screen appears.
    pub heading: NodeRef,
}

/// The radio options of a fact: (value, message).
fn radio_options(fact: FactId) -> Vec<(String, Msg)> {
    let mut options: Vec<(String, Msg)> = match fact.kind() {
        FactKind::YesNo => vec![
            ("yes".into(), msg!("answer.yes")),
            ("no".into(), msg!("answer.no")),
        ],
        FactKind::Choice(opts) => opts
            .iter()
            .map(|o| (o.to_string(), tables::q_option(fact, o)))
            .collect(),
        _ => count_options(fact)
            .unwrap_or(&[])
            .iter()
            .map(|o| (o.to_string(), tables::q_option(fact, o)))
            .collect(),
    };
    if fact.allows_unknown() {
        options.push((UNKNOWN.into(), msg!("answer.unknown")));
    }
    options
}

/// A question screen.
#[component]
pub fn Question(props: &QuestionProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let fact = props.fact;
    let id = fact.id();
    let draft = state.draft(fact);
    let error = state.error;
    let input_ref = use_node_ref();

    // After a failed submit, put the focus on the field in error so the message is read with it.
    {
        let input_ref = input_ref.clone();
        use_effect_with(error, move |error| {
            if error.is_some() {
                if let Some(el) = input_ref.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let hint_id = format!("lic-{id}-hint");
    let error_id = format!("lic-{id}-error");
    let described = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let error_html = match error {
        Some(e) => html! { <FieldError id={error_id.clone()} message={text::error(locale, &e)} /> },
        None => html! {},
    };

    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::Submit(fact))
        })
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let on_unknown = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AnswerUnknown(fact)))
    };

    // By group of questions, never backwards unless the visitor went back (WizardState::progress).
    let (part, parts) = state.progress().unwrap_or((1, 1));
    let progress = tf(
        locale,
        msg!("progress.group"),
        &[
            ("group", t(locale, tables::group(fact))),
            ("k", &part.to_string()),
            ("total", &parts.to_string()),
        ],
    );
    let label = t(locale, tables::q_label(fact));
    let hint = t(locale, tables::q_hint(fact));
    let invalid = |part: Part| match error {
        Some(e) => e.part == part || e.part == Part::Whole,
        None => false,
    };

    let body = if uses_radios(fact) {
        let options = radio_options(fact);
        let chosen = draft.choice.clone();
        html! {
            <fieldset class={classes!("lic-fieldset", error.map(|_| "lic-invalid"))} aria-describedby={described.clone()}>
                <legend><h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ label }</h2></legend>
                <p class="lic-hint" id={hint_id.clone()}>{ hint }</p>
                { error_html }
                { for options.into_iter().enumerate().map(|(i, (value, key))| {
                    let input_id = format!("lic-{id}-{value}");
                    let checked = chosen.as_deref() == Some(value.as_str());
                    let state = state.clone();
                    let v = value.clone();
                    let onchange = Callback::from(move |_: Event| state.dispatch(Action::Choose(fact, v.clone())));
                    let node = if i == 0 { input_ref.clone() } else { NodeRef::default() };
                    html! {
                        <div class={classes!("lic-radio", (value == UNKNOWN).then_some("lic-radio-unknown"))}>
                            <input type="radio" name={format!("lic-{id}")} id={input_id.clone()} value={value.clone()}
                                {checked} {onchange} ref={node} />
                            <label for={input_id}>{ t(locale, key) }</label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    } else if fact.kind() == FactKind::Date {
        let part_input = |part: Part, key: Msg, value: &str, class: &'static str, node: NodeRef| {
            let state = state.clone();
            let input_id = format!(
                "lic-{id}-{}",
                match part {
                    Part::Day => "day",
                    Part::Month => "month",
                    _ => "year",
                }
            );
            let oninput = Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                state.dispatch(Action::EditDate(fact, part, input.value()))
            });
            let bad = invalid(part);
            html! {
                <div class="lic-date-part">
                    <label for={input_id.clone()}>{ t(locale, key) }</label>
                    <input id={input_id} ref={node} class={classes!("lic-input", class, bad.then_some("lic-invalid"))}
                        type="text" inputmode="numeric" autocomplete="off" value={value.to_string()} {oninput}
                        aria-invalid={if bad { "true" } else { "false" }} aria-describedby={described.clone()} />
                </div>
            }
        };
        // Focus the first field in error.
        let first_bad = match error.map(|e| e.part) {
            Some(Part::Month) => Part::Month,
            Some(Part::Year) => Part::Year,
            _ => Part::Day,
        };
        let node_for = |p: Part| {
            if p == first_bad {
                input_ref.clone()
            } else {
                NodeRef::default()
            }
        };
        html! {
            <fieldset class={classes!("lic-fieldset", error.map(|_| "lic-invalid"))} role="group" aria-describedby={described.clone()}>
                <legend><h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ label }</h2></legend>
                <p class="lic-hint" id={hint_id.clone()}>{ hint }{ " " }{ t(locale, msg!("q.date.hint")) }
                    // A date the visitor may know by its month and year only (issue 11): the day may stay empty.
                    { for fact.allows_month().then(|| html! { <>{ " " }{ t(locale, msg!("q.date.month_only")) }</> }) }
                </p>
                { error_html }
                <div class="lic-date">
                    { part_input(Part::Day, msg!("q.date.day"), &draft.day, "lic-w2", node_for(Part::Day)) }
                    { part_input(Part::Month, msg!("q.date.month"), &draft.month, if fact.allows_month() { "lic-w9" } else { "lic-w2" }, node_for(Part::Month)) }
                    { part_input(Part::Year, msg!("q.date.year"), &draft.year, "lic-w4", node_for(Part::Year)) }
                </div>
            </fieldset>
        }
    } else {
        let input_id = format!("lic-{id}-input");
        let oninput = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                state.dispatch(Action::EditText(fact, input.value()))
            })
        };
        let bad = invalid(Part::Text);
        let mode = if matches!(fact.kind(), FactKind::Money | FactKind::Percent) {
            "decimal"
        } else {
            "numeric"
        };
        let unit = match fact.kind() {
            FactKind::Months => {
                let state = state.clone();
                let onchange = Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    state.dispatch(Action::SetInYears(fact, select.value() == "years"))
                });
                html! {
                    <select class="lic-input lic-unit" aria-label={t(locale, msg!("unit.duration"))} {onchange}>
                        <option value="months" selected={!draft.in_years}>{ t(locale, msg!("unit.months")) }</option>
                        <option value="years" selected={draft.in_years}>{ t(locale, msg!("unit.years")) }</option>
                    </select>
                }
            }
            _ => match text::unit_key(fact) {
                Some(key) => {
                    html! { <span class="lic-unit-text" aria-hidden="true">{ t(locale, key) }</span> }
                }
                None => html! {},
            },
        };
        html! {
            <div class={classes!("lic-fieldset", bad.then_some("lic-invalid"))}>
                <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}><label for={input_id.clone()}>{ label }</label></h2>
                <p class="lic-hint" id={hint_id.clone()}>{ hint }</p>
                { error_html }
                <div class="lic-with-unit">
                    <input id={input_id} ref={input_ref.clone()} class={classes!("lic-input", "lic-w10", bad.then_some("lic-invalid"))}
                        type="text" inputmode={mode} autocomplete="off" spellcheck="false" value={draft.text.clone()} {oninput}
                        aria-invalid={if bad { "true" } else { "false" }} aria-describedby={described.clone()} />
                    { unit }
                </div>
            </div>
        }
    };

    let unknown_button = (fact.allows_unknown() && !uses_radios(fact)).then(|| {
        html! { <button type="button" class="lic-button" onclick={on_unknown}>{ t(locale, msg!("answer.unknown_button")) }</button> }
    });

    html! {
        <form class="lic-screen" {onsubmit} novalidate=true>
            <p class="lic-progress">{ progress }</p>
            { body }
            <div class="lic-actions">
                <button type="submit" class="lic-button lic-primary">{ t(locale, msg!("nav.continue")) }</button>
                { for unknown_button }
                <button type="button" class="lic-button lic-link" onclick={on_back}>{ t(locale, msg!("nav.back")) }</button>
            </div>
        </form>
    }
}
