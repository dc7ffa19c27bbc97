//! One question per screen, whatever its kind: radios (choices, yes/no, "I don't know"), a date in three
//! fields, or one text field (amount, percentage, duration, count), with a hint and an error next to it.

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field_error;
use crate::engine::{FactId, FactKind};
use crate::i18n::tables;
use crate::i18n::{t, tf, Locale, Msg};
use crate::ui::app::WizardContext;
use crate::ui::state::{count_options, uses_radios, Action, Draft, InputError, Part, UNKNOWN};
use crate::ui::text;

/// The radio options of a fact: (value, message).
fn radio_options(fact: FactId) -> Vec<(&'static str, Msg)> {
    let mut options: Vec<(&'static str, Msg)> = match fact.kind() {
        FactKind::YesNo => vec![("yes", msg!("answer.yes")), ("no", msg!("answer.no"))],
        FactKind::Choice(opts) => opts
            .iter()
            .map(|o| (*o, tables::q_option(fact, o)))
            .collect(),
        _ => count_options(fact)
            .unwrap_or(&[])
            .iter()
            .map(|o| (*o, tables::q_option(fact, o)))
            .collect(),
    };
    if fact.allows_unknown() {
        options.push((UNKNOWN, msg!("answer.unknown")));
    }
    options
}

/// What every part of a question screen needs.
struct Ctx {
    state: WizardContext,
    locale: Locale,
    fact: FactId,
    /// `lic-<fact id>`: the prefix of every element id of the screen.
    prefix: String,
    /// The hint's id, and the error's after it when there is one (`aria-describedby`).
    described: AttrValue,
    error: Option<InputError>,
}

impl Ctx {
    /// Whether `part` is marked as wrong.
    fn invalid(&self, part: Part) -> bool {
        self.error
            .is_some_and(|e| e.part == part || e.part == Part::Whole)
    }

    /// `lic-<fact id>-<suffix>`.
    fn id(&self, suffix: &str) -> String {
        let mut id = self.prefix.clone();
        id.push('-');
        id.push_str(suffix);
        id
    }
}

/// A callback that dispatches `action` (the same code for every button and radio of the screen).
fn dispatch<E: 'static>(state: &WizardContext, action: Action) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |_: E| state.dispatch(action.clone()))
}

/// The hint under the question, and the error after it when there is one.
fn hint_and_error(cx: &Ctx, hint: Html) -> Html {
    let error = cx.error.map(|e| {
        field_error(
            cx.locale,
            cx.id("error").into(),
            text::error(cx.locale, &e).into(),
        )
    });
    html! {
        <>
            <p class="lic-hint" id={cx.id("hint")}>{ hint }</p>
            { for error }
        </>
    }
}

/// Radios and the date's three fields: a fieldset whose legend is the question's heading.
///
/// The questions' states (in error, the "I don't know" radio, a field's width) are attributes the stylesheet reads,
/// not `classes!`: yew's `Classes` is an `IndexSet` (indexmap and hashbrown), about 4 KB raw in the first file.
fn fieldset(
    cx: &Ctx,
    heading: NodeRef,
    role: Option<&'static str>,
    hint: Html,
    body: Html,
) -> Html {
    html! {
        <fieldset class="lic-fieldset" data-invalid={cx.error.map(|_| "")} {role} aria-describedby={cx.described.clone()}>
            <legend><h2 class="lic-h" tabindex="-1" ref={heading}>{ t(cx.locale, tables::q_label(cx.fact)) }</h2></legend>
            { hint_and_error(cx, hint) }
            { body }
        </fieldset>
    }
}

/// A text field: a date's day, month or year (`part`), or the whole answer ([`Part::Text`]), `width` its `data-w`
/// (widget.css sizes it).
fn text_input(cx: &Ctx, part: Part, value: &str, width: &'static str, node: NodeRef) -> Html {
    let (suffix, mode) = match part {
        Part::Day => ("day", "numeric"),
        Part::Month => ("month", "numeric"),
        Part::Year => ("year", "numeric"),
        _ if matches!(cx.fact.kind(), FactKind::Money | FactKind::Percent) => ("input", "decimal"),
        _ => ("input", "numeric"),
    };
    let oninput = {
        let (state, fact) = (cx.state.clone(), cx.fact);
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            state.dispatch(match part {
                Part::Text | Part::Whole => Action::EditText(fact, value),
                _ => Action::EditDate(fact, part, value),
            })
        })
    };
    let bad = cx.invalid(part);
    let spellcheck = (part == Part::Text).then_some("false");
    html! {
        <input id={cx.id(suffix)} ref={node} class="lic-input" data-w={width}
            type="text" inputmode={mode} autocomplete="off" {spellcheck} value={value.to_string()} {oninput}
            aria-invalid={if bad { "true" } else { "false" }} aria-describedby={cx.described.clone()} />
    }
}

/// One of a date's fields with its label.
fn date_part(
    cx: &Ctx,
    part: Part,
    key: Msg,
    value: &str,
    width: &'static str,
    node: NodeRef,
) -> Html {
    let for_id = cx.id(match part {
        Part::Day => "day",
        Part::Month => "month",
        _ => "year",
    });
    html! {
        <div class="lic-date-part">
            <label for={for_id}>{ t(cx.locale, key) }</label>
            { text_input(cx, part, value, width, node) }
        </div>
    }
}

/// The radios of a choice, a yes/no or a count.
fn radios(cx: &Ctx, heading: NodeRef, chosen: Option<&str>, first: &NodeRef) -> Html {
    let name = cx.prefix.clone();
    let options = radio_options(cx.fact)
        .into_iter()
        .enumerate()
        .map(|(i, (value, key))| {
            let input_id = cx.id(value);
            let checked = chosen == Some(value);
            let onchange = dispatch::<Event>(&cx.state, Action::Choose(cx.fact, value.into()));
            let node = if i == 0 {
                first.clone()
            } else {
                NodeRef::default()
            };
            html! {
                <div class="lic-radio" data-unknown={(value == UNKNOWN).then_some("")}>
                    <input type="radio" name={name.clone()} id={input_id.clone()} value={value}
                        {checked} {onchange} ref={node} />
                    <label for={input_id}>{ t(cx.locale, key) }</label>
                </div>
            }
        });
    let hint = html! { { t(cx.locale, tables::q_hint(cx.fact)) } };
    fieldset(cx, heading, None, hint, options.collect())
}

/// A date in three fields (the day may stay empty for a date known by its month).
fn date_fields(cx: &Ctx, heading: NodeRef, draft: &Draft, first: &NodeRef) -> Html {
    let locale = cx.locale;
    // Focus the first field in error.
    let first_bad = match cx.error.map(|e| e.part) {
        Some(Part::Month) => Part::Month,
        Some(Part::Year) => Part::Year,
        _ => Part::Day,
    };
    let node_for = |p: Part| {
        if p == first_bad {
            first.clone()
        } else {
            NodeRef::default()
        }
    };
    let month_only = cx.fact.allows_month();
    let hint = html! {
        <>
            { t(locale, tables::q_hint(cx.fact)) }{ " " }{ t(locale, msg!("q.date.hint")) }
            // A date the visitor may know by its month and year only (issue 11): the day may stay empty.
            if month_only { { " " }{ t(locale, msg!("q.date.month_only")) } }
        </>
    };
    let body = html! {
        <div class="lic-date">
            { date_part(cx, Part::Day, msg!("q.date.day"), &draft.day, "2", node_for(Part::Day)) }
            { date_part(cx, Part::Month, msg!("q.date.month"), &draft.month, if month_only { "9" } else { "2" }, node_for(Part::Month)) }
            { date_part(cx, Part::Year, msg!("q.date.year"), &draft.year, "4", node_for(Part::Year)) }
        </div>
    };
    fieldset(cx, heading, Some("group"), hint, body)
}

/// An amount, a percentage, a duration or a count in one text field, with its unit after it.
fn single_field(cx: &Ctx, heading: NodeRef, draft: &Draft, first: &NodeRef) -> Html {
    let locale = cx.locale;
    let unit = match cx.fact.kind() {
        FactKind::Months => {
            let (state, fact) = (cx.state.clone(), cx.fact);
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
        _ => match text::unit_key(cx.fact) {
            Some(key) => {
                html! { <span class="lic-unit-text" aria-hidden="true">{ t(locale, key) }</span> }
            }
            None => html! {},
        },
    };
    let hint = html! { { t(locale, tables::q_hint(cx.fact)) } };
    html! {
        <div class="lic-fieldset" data-invalid={cx.invalid(Part::Text).then_some("")}>
            <h2 class="lic-h" tabindex="-1" ref={heading}><label for={cx.id("input")}>{ t(locale, tables::q_label(cx.fact)) }</label></h2>
            { hint_and_error(cx, hint) }
            <div class="lic-with-unit">
                { text_input(cx, Part::Text, &draft.text, "10", first.clone()) }
                { unit }
            </div>
        </div>
    }
}

/// A question screen, drawn by the root component (a function: no component type of its own). `field` is the
/// field that takes the focus after a failed submit ([`use_field_focus`]).
pub fn question(state: &WizardContext, fact: FactId, heading: NodeRef, field: &NodeRef) -> Html {
    let locale = state.locale;
    let error = state.error;
    let input_ref = field;

    let mut prefix = String::from("lic-");
    prefix.push_str(fact.id());
    let mut described = prefix.clone();
    described.push_str("-hint");
    if error.is_some() {
        described.push(' ');
        described.push_str(&prefix);
        described.push_str("-error");
    }
    let cx = Ctx {
        state: state.clone(),
        locale,
        fact,
        prefix,
        described: described.into(),
        error,
    };

    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::Submit(fact))
        })
    };

    // By group of questions, never backwards unless the visitor went back (WizardState::progress).
    let (part, parts) = state.progress().unwrap_or((1, 1));
    let progress = tf(
        locale,
        msg!("progress.group"),
        &[
            ("group", t(locale, tables::group(fact))),
            ("k", &crate::i18n::digits(part as i64, 1)),
            ("total", &crate::i18n::digits(parts as i64, 1)),
        ],
    );

    let draft = state.draft(fact);
    let body = if uses_radios(fact) {
        radios(&cx, heading, draft.choice.as_deref(), input_ref)
    } else if fact.kind() == FactKind::Date {
        date_fields(&cx, heading, &draft, input_ref)
    } else {
        single_field(&cx, heading, &draft, input_ref)
    };

    let unknown_button = (fact.allows_unknown() && !uses_radios(fact)).then(|| {
        let onclick = dispatch::<MouseEvent>(state, Action::AnswerUnknown(fact));
        html! { <button type="button" class="lic-button" {onclick}>{ t(locale, msg!("answer.unknown_button")) }</button> }
    });
    let on_back = dispatch::<MouseEvent>(state, Action::Back);

    // Keyed by the question: each question gets fields of its own (nothing typed or chosen carries over).
    html! {
        <form key={fact.id()} class="lic-screen" {onsubmit} novalidate=true>
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

/// After a failed submit, puts the focus on the field in error (`field`, given to [`question`]) so the message is
/// read with it.
#[hook]
pub fn use_field_focus(state: &WizardContext) -> NodeRef {
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with(state.error, move |error| {
            if error.is_some() {
                if let Some(el) = field.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    field
}
