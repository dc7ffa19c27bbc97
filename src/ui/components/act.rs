//! Act on the result (PRODUCT.md journey step 5): for each eligible money claim a letter in French, and the
//! switch request where changing insurer saves money, filled in live from what the visitor types on screen
//! (name and address, the addressee, the loan and contract numbers: [`PartiesForm`]), to print, copy or
//! download; calendar reminders (.ics); a printable recap of the whole result; then keep or resume
//! ([`use_keep_panel`]). Mounted once on the result screen, which owns which view is open (its first block can open
//! the first letter).
//!
//! A letter or the recap opens as a print view: while one is open, the print stylesheet (`www/widget.css`,
//! "act: print") shows only that view inside the widget, and a print-only sheet this widget adopts in the host
//! document hides the rest of the host page and asks for A4, so "Print" gives the letter alone.
//! Downloads are `data:` URLs.

use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::keep::{use_keep, use_keep_panel, KeepAction, Status};
use super::{
    actions, body_row, button, head_row, hint, item, note, pair, para, paragraph, small_heading,
};
use crate::act::letter::{
    letter_for, recipient_unknown, switch_letter, Letter, Parties, PartyField, Style,
};
use crate::act::{data_url, ics};
use crate::engine::{ClaimId, ClaimResult, Date, Verdict, DATA_VERSION, RULES_VERSION};
use crate::i18n::tables;
use crate::i18n::{t, tf, Locale};
use crate::ui::app::use_wizard;
use crate::ui::browser::{self, PrintSheet};
use crate::ui::state::WizardState;
use crate::ui::text;

/// The print view on show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The letter of a claim (the switch request is `SwitchSavings`'s).
    Letter(ClaimId),
    /// The recap of the whole result.
    Recap,
}

/// The letters of a result, most urgent first, then the switch request.
pub fn letters(s: &WizardState, sent: Date, parties: &Parties) -> Vec<Letter> {
    let mut v: Vec<Letter> = super::result::sorted_claims(&s.evaluation, &[])
        .into_iter()
        .filter_map(|c| letter_for(c, &s.answers, s.as_of, sent, parties))
        .collect();
    v.extend(switch_letter(&s.evaluation, &s.answers, sent, parties));
    v
}

/// Props of [`ActPanel`].
#[derive(Properties, PartialEq)]
pub struct ActPanelProps {
    /// The view open.
    pub view: Option<View>,
    /// Opens or closes a view.
    pub on_view: Callback<Option<View>>,
    /// Bumped when the result's first block opens a letter: the letter's first field then takes the focus.
    pub jump: u32,
}

/// Letters, reminders, recap; then keep or resume.
#[component]
pub fn ActPanel(props: &ActPanelProps) -> Html {
    let state = use_wizard();
    let keep = use_keep();
    let locale = state.locale;
    let sent_text = use_state(|| state.as_of.to_string());
    let status = use_state(|| None::<Status>);
    let panel = use_node_ref();
    let first_field = use_node_ref();
    let sheet = use_mut_ref(PrintSheet::default);
    let sent = Date::parse_iso(&sent_text).unwrap_or(state.as_of);

    // While a print view is open, the host page prints only this widget.
    {
        let (panel, sheet) = (panel.clone(), sheet.clone());
        use_effect_with(props.view.is_some(), move |open| {
            let el = panel.cast::<Element>();
            if let Some(el) = &el {
                browser::host_print(el, &mut sheet.borrow_mut(), *open);
            }
            move || {
                if let Some(el) = &el {
                    browser::host_print(el, &mut sheet.borrow_mut(), false);
                }
            }
        });
    }
    {
        let first_field = first_field.clone();
        use_effect_with(props.jump, move |n| {
            if *n > 0 {
                browser::focus(&first_field);
            }
        });
    }

    let say = {
        let status = status.clone();
        Callback::from(move |s: Status| status.set(Some(s)))
    };
    let keep_panel = use_keep_panel(&say);
    let on_copy = {
        let say = say.clone();
        Callback::from(move |text: String| {
            let say = say.clone();
            browser::copy_text(
                &text,
                Callback::from(move |ok: bool| {
                    let key = if ok {
                        msg!("act.copied")
                    } else {
                        msg!("act.copy_failed")
                    };
                    say.emit((!ok, t(locale, key).into()));
                }),
            );
        })
    };
    let on_toggle = {
        let (view, on_view) = (props.view, props.on_view.clone());
        Callback::from(move |v: View| on_view.emit((view != Some(v)).then_some(v)))
    };
    let on_party = {
        let keep = keep.clone();
        Callback::from(move |(f, v): (PartyField, String)| keep.dispatch(KeepAction::Party(f, v)))
    };
    let on_sent = {
        let sent_text = sent_text.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                sent_text.set(input.value());
            }
        })
    };

    let letters = letters(&state, sent, &keep.parties);
    let recap_open = props.view == Some(View::Recap);
    let (error, message) = (*status).clone().unwrap_or_default();
    html! {
        <div class="lic-act" ref={panel}>
            <section class="lic-section" aria-labelledby="lic-act-title">
                <h3 class="lic-h3" id="lic-act-title">{ t(locale, msg!("act.title")) }</h3>
                if letters.is_empty() {
                    { para(locale, msg!("act.none")) }
                } else {
                    { para(locale, msg!("act.intro")) }
                    { para(locale, msg!("act.registered")) }
                    <div class="lic-field">
                        <label for="lic-sent" class="lic-label">{ t(locale, msg!("act.sent.label")) }</label>
                        <p class="lic-hint" id="lic-sent-hint">{ t(locale, msg!("act.sent.hint")) }</p>
                        <input id="lic-sent" type="date" class="lic-input" aria-describedby="lic-sent-hint"
                            value={sent.to_string()} onchange={on_sent} />
                    </div>
                }
                { for letters.into_iter().filter_map(|l| {
                    let claim = state.evaluation.claim(l.claim)?.clone();
                    let open = props.view == Some(View::Letter(l.claim));
                    Some(letter_card(&state, &LetterCardProps {
                        claim, letter: l, open, sent,
                        on_toggle: on_toggle.clone(), on_copy: on_copy.clone(),
                        parties: keep.parties.clone(), on_party: on_party.clone(),
                        first_field: first_field.clone(),
                    }))
                }) }
                { actions(html! { <>
                    <button type="button" class="lic-button" aria-expanded={recap_open.to_string()} aria-controls="lic-recap"
                        onclick={on_toggle.reform(|_| View::Recap)}>
                        { t(locale, if recap_open { msg!("act.recap.hide") } else { msg!("act.recap.show") }) }
                    </button>
                </> }) }
                <div id="lic-recap">
                    if recap_open {
                        { actions(html! { <>
                            <button type="button" class="lic-button lic-primary" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                                { t(locale, msg!("act.recap.print")) }
                            </button>
                            { hint(t(locale, msg!("act.print.pdf"))) }
                        </> }) }
                        { recap_view(&state) }
                    }
                </div>
            </section>
            { keep_panel }
            // Literal class lists, not `classes!` (yew's `Classes` is an IndexSet): the same element either way.
            if error {
                <p role="status" class="lic-act-status lic-error">{ message }</p>
            } else {
                <p role="status" class="lic-act-status">{ message }</p>
            }
        </div>
    }
}

/// What [`letter_card`] draws.
pub struct LetterCardProps {
    /// The claim the letter is for (`switch_savings` for the switch request).
    pub claim: ClaimResult,
    /// The letter, filled in.
    pub letter: Letter,
    /// The letter is on show.
    pub open: bool,
    /// The day the visitor sends it (reminders count from it).
    pub sent: Date,
    /// Shows or hides the letter.
    pub on_toggle: Callback<View>,
    /// Copies a text to the clipboard.
    pub on_copy: Callback<String>,
    /// What the visitor typed for the letters.
    pub parties: Parties,
    /// One field typed.
    pub on_party: Callback<(PartyField, String)>,
    /// The first field of the form, focused when the result's first block opens the letter.
    pub first_field: NodeRef,
}

/// One letter: what it asks, the reminders, and when open the fields, print, copy, download and the letter.
/// A function, not a component (see [`parties_form`]).
pub fn letter_card(state: &WizardState, props: &LetterCardProps) -> Html {
    let locale = state.locale;
    let c = &props.claim;
    let id = c.claim.id();
    let switch = c.claim == ClaimId::SwitchSavings;
    let amount = c
        .amount
        .map(|a| text::money(locale, a.low))
        .unwrap_or_default();
    let last_day = c
        .last_day
        .map(|x| text::date(locale, x))
        .unwrap_or_default();
    let view_id = format!("lic-letter-{id}");
    let letter_text = props.letter.text();
    let on_copy = {
        let (on_copy, text) = (props.on_copy.clone(), letter_text.clone());
        Callback::from(move |_: MouseEvent| on_copy.emit(text.clone()))
    };
    let toggle = props.on_toggle.reform({
        let claim = c.claim;
        move |_: MouseEvent| View::Letter(claim)
    });
    let reminders = (!switch).then(|| match ics::calendar(c, props.sent, state.as_of, locale) {
        Some(cal) => html! {
            <a class="lic-button" href={data_url("text/calendar", &cal)}
                download={tf(locale, msg!("act.file.reminders"), &[("claim", id)])}>{ t(locale, msg!("act.reminders")) }</a>
        },
        None => html! { <span class="lic-hint">{ t(locale, msg!("act.reminders.none")) }</span> },
    });
    let label = if switch {
        msg!("act.switch.label")
    } else {
        msg!("act.letter.label")
    };
    // A plain block, not a region: the result's card of the same claim is the region of that name.
    html! {
        <div class="lic-claim lic-act-claim" key={id}>
            <h4 class="lic-claim-title">{ t(locale, tables::claim_title(c.claim)) }</h4>
            if switch {
                { paragraph(tf(locale, msg!("act.switch.line"), &[("amount", &amount)])) }
                { para(locale, msg!("act.switch.summary")) }
            } else {
                { paragraph(tf(locale, msg!("act.claim_line"), &[("amount", &amount), ("date", &last_day)])) }
                { paragraph(tf(locale, msg!("act.letter.summary"), &[("amount", &amount)])) }
            }
            if locale == Locale::En {
                { para(locale, msg!("act.letter.in_french")) }
            }
            if !switch {
                { note(tf(locale, msg!("act.clock"), &[("date", &last_day)])) }
            }
            { actions(html! { <>
                <button type="button" class="lic-button" aria-expanded={props.open.to_string()}
                    aria-controls={view_id.clone()} onclick={toggle}>
                    { t(locale, if props.open { msg!("act.letter.hide") } else { msg!("act.letter.show") }) }
                </button>
                { for reminders }
            </> }) }
            <div id={view_id}>
                if props.open {
                    { parties_form(locale, &PartiesFormProps { parties: props.parties.clone(), on_party: props.on_party.clone(),
                        recipient_unknown: recipient_unknown(c.claim, &state.answers),
                        first: props.first_field.clone() }) }
                    { actions(html! { <>
                        <button type="button" class="lic-button lic-primary" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                            { t(locale, msg!("act.letter.print")) }
                        </button>
                        { button(false, on_copy, t(locale, msg!("act.letter.copy"))) }
                        <a class="lic-button" href={data_url("text/plain", &letter_text)}
                            download={tf(locale, msg!("act.file.letter"), &[("claim", id)])}>{ t(locale, msg!("act.letter.download")) }</a>
                    </> }) }
                    { hint(t(locale, msg!("act.print.pdf"))) }
                    <article class="lic-doc lic-print" lang="fr" aria-label={t(locale, label)}>
                        { letter_doc(&props.letter) }
                    </article>
                }
            </div>
        </div>
    }
}

/// What [`parties_form`] draws.
pub struct PartiesFormProps {
    /// What was typed.
    pub parties: Parties,
    /// One field typed (the letter below updates as the visitor types).
    pub on_party: Callback<(PartyField, String)>,
    /// Whom to write to is not known: the addressee's hint says how to tell.
    pub recipient_unknown: bool,
    /// The first field.
    pub first: NodeRef,
}

/// The fields that fill in the letter: who writes, to whom, the loan and contract numbers. They stay on this
/// device.
///
/// This and the letter and recap views are functions, not components: each component type costs the wasm file
/// its own copy of yew's lifecycle code, and these hold no state.
pub fn parties_form(locale: Locale, props: &PartiesFormProps) -> Html {
    let fields = PartyField::ALL.iter().enumerate().map(|(i, f)| {
        let f = *f;
        let id = format!("lic-party-{}", f.id());
        let hint_id = format!("{id}-hint");
        let hint_key = if f == PartyField::RecipientName && props.recipient_unknown {
            msg!("act.party.recipient_name.unknown")
        } else {
            tables::party_hint(f)
        };
        let value = props.parties.get(f).to_string();
        let node = if i == 0 {
            props.first.clone()
        } else {
            NodeRef::default()
        };
        let input = if f.multiline() {
            let on_input = props.on_party.reform(move |e: InputEvent| {
                (
                    f,
                    e.target_dyn_into::<HtmlTextAreaElement>()
                        .map(|t| t.value())
                        .unwrap_or_default(),
                )
            });
            html! {
                <textarea id={id.clone()} class="lic-input lic-wide lic-textarea" rows="3" autocomplete={autocomplete(f)}
                    aria-describedby={hint_id.clone()} ref={node} {value} oninput={on_input} />
            }
        } else {
            let on_input = props.on_party.reform(move |e: InputEvent| {
                (
                    f,
                    e.target_dyn_into::<HtmlInputElement>()
                        .map(|t| t.value())
                        .unwrap_or_default(),
                )
            });
            html! {
                <input id={id.clone()} type="text" class="lic-input lic-wide" autocomplete={autocomplete(f)}
                    aria-describedby={hint_id.clone()} ref={node} {value} oninput={on_input} />
            }
        };
        html! {
            <div class="lic-field" key={f.id()}>
                <label for={id} class="lic-label">{ t(locale, tables::party_label(f)) }</label>
                <p class="lic-hint" id={hint_id}>{ t(locale, hint_key) }</p>
                { input }
            </div>
        }
    });
    html! {
        <fieldset class="lic-parties">
            <legend class="lic-legend-small">{ t(locale, msg!("act.parties.title")) }</legend>
            { hint(t(locale, msg!("act.parties.intro"))) }
            { for fields }
        </fieldset>
    }
}

/// The browser's autofill token of a field (WCAG 1.3.5): the visitor's own name and address only.
fn autocomplete(f: PartyField) -> &'static str {
    match f {
        PartyField::SenderName => "name",
        PartyField::SenderAddress => "street-address",
        PartyField::Place => "address-level2",
        _ => "off",
    }
}

/// A letter laid out like paper: sender and recipient blocks, references, body, debits, enclosed documents.
pub fn letter_doc(letter: &Letter) -> Html {
    // Consecutive lines of one block (an address block, the references, a list) go together.
    let kind = |s: Style| match s {
        Style::Label | Style::Sender | Style::Recipient => 1,
        Style::Subject => 2,
        Style::Item => 3,
        Style::Debit => 4,
        _ => 0,
    };
    let parts = &letter.parts;
    let mut blocks: Vec<Html> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let k = kind(parts[i].0);
        if k == 0 {
            let (style, line) = &parts[i];
            // Literal classes (a computed `class` goes through yew's `Classes`, an IndexSet).
            let line = line.clone();
            blocks.push(match style {
                Style::Meta => html! { <p class="lic-doc-meta">{ line }</p> },
                Style::Sign => html! { <p class="lic-doc-sign">{ line }</p> },
                _ => html! { <p>{ line }</p> },
            });
            i += 1;
            continue;
        }
        // A block runs while the kind stays the same; a new label starts a new address block.
        let mut j = i + 1;
        while j < parts.len() && kind(parts[j].0) == k && parts[j].0 != Style::Label {
            j += 1;
        }
        let lines = &parts[i..j];
        blocks.push(match k {
            1 => {
                let to = lines.iter().any(|p| p.0 == Style::Recipient);
                html! {
                    <div class="lic-doc-block" data-to={to.then_some("")}>
                        { for lines.iter().map(|(s, l)| html! {
                            <p data-label={(*s == Style::Label).then_some("")}>{ l.clone() }</p>
                        }) }
                    </div>
                }
            }
            2 => html! {
                <div class="lic-doc-subject">{ for lines.iter().map(|(_, l)| paragraph(l.clone())) }</div>
            },
            _ => html! {
                <ul class="lic-doc-list" data-debits={(k == 4).then_some("")}>
                    { for lines.iter().map(|(_, l)| item(l.clone())) }
                </ul>
            },
        });
        i = j;
    }
    html! { <>{ for blocks }</> }
}

/// The printable recap of the whole result.
pub fn recap_view(s: &WizardState) -> Html {
    let locale = s.locale;
    let none = t(locale, msg!("act.recap.none"));
    let rows = s
        .evaluation
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::NotApplicable)
        .map(|c| {
            let amount = match c.amount.filter(|a| a.high.0 > 0) {
                Some(a) if a.low == a.high => text::money(locale, a.high),
                Some(a) => tf(
                    locale,
                    msg!("amount.range"),
                    &[
                        ("low", &text::money(locale, a.low)),
                        ("high", &text::money(locale, a.high)),
                    ],
                ),
                None => none.into(),
            };
            let last = c
                .last_day
                .filter(|_| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo))
                .map_or_else(|| none.into(), |x| text::date(locale, x));
            body_row(
                t(locale, tables::claim_title(c.claim)).into(),
                vec![
                    t(locale, tables::verdict(c.verdict)).to_string(),
                    amount,
                    last,
                ],
            )
        });
    let answers = s.answers.answered().into_iter().filter_map(|f| {
        let a = s.answers.get(f)?;
        Some(pair(
            t(locale, tables::q_short(f)).into(),
            text::answer(locale, f, a).into(),
        ))
    });
    html! {
        <article class="lic-doc lic-print lic-recap" aria-labelledby="lic-recap-title">
            <h4 class="lic-claim-title" id="lic-recap-title">{ t(locale, msg!("act.recap.title")) }</h4>
            { paragraph(tf(locale, msg!("act.recap.meta"), &[
                ("date", &text::date(locale, s.as_of)),
                ("rules", RULES_VERSION),
                ("data", DATA_VERSION),
            ])) }
            <table class="lic-table lic-recap-table">
                { head_row(locale, &[msg!("act.recap.claim"), msg!("act.recap.verdict"), msg!("act.recap.amount"), msg!("act.recap.last_day")]) }
                <tbody>{ for rows }</tbody>
            </table>
            { small_heading(t(locale, msg!("act.recap.answers"))) }
            <dl class="lic-details">{ for answers }</dl>
            { para(locale, msg!("result.clock_note")) }
            { para(locale, msg!("result.disclaimer")) }
        </article>
    }
}
