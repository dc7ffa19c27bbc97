//! The result: claims sorted by what matters (urgent last days first, then amounts), each with its verdict,
//! amount, last day, reasons, law, documents and next step; what does not work and why; "also good to know";
//! and what the visitor keeps depending on how they claim.

use yew::prelude::*;

use super::keep::KeepHandle;
use super::{
    actions, body_row, button, el, head_row, hint, item, law_links, note, pair, para, paragraph,
    small_heading, ScreenProps,
};
use crate::engine::{
    fees, AmountKind, Cents, ClaimId, ClaimResult, DetailValue, Evaluation, FactId, InterestStart,
    RatePeriod, Verdict,
};
use crate::i18n::tables;
use crate::i18n::{has, t, tf, Locale, Msg};
use crate::ui::app::{use_wizard, WizardContext};
use crate::ui::state::Action;
use crate::ui::text;

/// Claims shown as "also good to know" rather than as money owed.
fn good_to_know(claim: ClaimId) -> bool {
    matches!(
        claim,
        ClaimId::SwitchSavings | ClaimId::MedicalQuestionnaire
    )
}

/// The order of the main list: urgent first (earliest last day), then the largest amount, then the rest.
pub fn sorted_claims<'a>(eval: &'a Evaluation, featured: &[&str]) -> Vec<&'a ClaimResult> {
    let mut claims: Vec<&ClaimResult> = eval
        .claims
        .iter()
        .filter(|c| !good_to_know(c.claim))
        .collect();
    crate::sort::stable_by_key(&mut claims, |c| {
        let rank = match c.verdict {
            Verdict::Eligible => 0,
            Verdict::NeedsInfo => 1,
            Verdict::TimeBarred => 2,
            Verdict::NotEligible => 3,
            Verdict::NotApplicable => 4,
        };
        let urgent_day = if c.urgent {
            c.last_day.map(|d| d.ordinal()).unwrap_or(i64::MAX)
        } else {
            i64::MAX
        };
        let high = c.amount.map(|a| a.high.0).unwrap_or(0);
        let featured_rank = if featured.contains(&c.claim.id()) {
            0
        } else {
            1
        };
        (rank.min(2), urgent_day, featured_rank, -high, rank, c.claim)
    });
    claims
}

/// Sum of the certain refunds (low figures of eligible refund claims), for the fee comparison.
fn certain_total(eval: &Evaluation) -> i64 {
    eval.claims
        .iter()
        .filter(|c| c.verdict == Verdict::Eligible && !good_to_know(c.claim))
        .filter_map(|c| c.amount)
        .filter(|a| a.kind == AmountKind::Refund)
        .map(|a| a.low.0)
        .sum()
}

/// A half-year of the statutory-interest table in words ("the first half of 2026").
fn rate_period(locale: Locale, p: RatePeriod) -> String {
    let key = if p.half() == 1 {
        msg!("amount.period.1")
    } else {
        msg!("amount.period.2")
    };
    tf(locale, key, &[("year", &p.from.year().to_string())])
}

/// The answers a `needs_info` claim waits for: the facts not answered yet, then those answered "I don't know"
/// whose value decides it (`true`).
fn needed(c: &ClaimResult) -> impl Iterator<Item = (FactId, bool)> + '_ {
    c.missing
        .iter()
        .map(|f| (*f, false))
        .chain(c.unknown_needed.iter().map(|f| (*f, true)))
}

/// What [`needed_answer`] draws.
struct NeededAnswerProps {
    /// The question.
    fact: FactId,
    /// It was answered "I don't know".
    unknown: bool,
    /// The result's one next step (the first answer the headline asks for).
    primary: bool,
    /// Without the hint (the result's first block stays short; the claims below give it).
    brief: bool,
}

/// One answer a claim waits for: the question in words, as a button to answer it (or change the "I don't know")
/// through the change-an-answer path (the question, then back to the result), and where to find it.
/// A function, not a component: each component type costs the wasm file its own copy of yew's lifecycle code.
fn needed_answer(state: &WizardContext, props: NeededAnswerProps) -> Html {
    let locale = state.locale;
    let fact = props.fact;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Change(fact)))
    };
    let hint = tables::q_hint(fact);
    let with_hint = !props.brief && has(locale, hint);
    html! {
        <li class="lic-needed" key={fact.id()}>
            // Each class list a literal (no `classes!`): yew's `Classes` is an IndexSet (indexmap and hashbrown).
            if props.primary {
                <button type="button" class="lic-button lic-primary" {onclick}>{ t(locale, tables::q_label(fact)) }</button>
            } else {
                <button type="button" class="lic-button lic-link" {onclick}>{ t(locale, tables::q_label(fact)) }</button>
            }
            if props.unknown || with_hint {
                <p class="lic-hint">
                    if props.unknown { { t(locale, msg!("result.needed.unknown")) }{ " " } }
                    if with_hint { { t(locale, hint) } }
                </p>
            }
        </li>
    }
}

fn amount_lines(locale: Locale, c: &ClaimResult) -> Html {
    let Some(a) = c.amount else { return html! {} };
    let key = match a.kind {
        AmountKind::Refund => msg!("amount.refund"),
        AmountKind::Damages => msg!("amount.damages"),
        AmountKind::Saving => msg!("amount.saving"),
    };
    let figure = if a.low == a.high {
        text::money(locale, a.high)
    } else {
        tf(
            locale,
            msg!("amount.range"),
            &[
                ("low", &text::money(locale, a.low)),
                ("high", &text::money(locale, a.high)),
            ],
        )
    };
    let interest = a.interest.map(|i| {
        let rate = text::percent(locale, i.rate.0);
        // After the last published half-year, the rate shown is that half-year's: say which, never "today".
        let last_published = i
            .rate_period
            .filter(|p| p.to < i.to)
            .map(|p| rate_period(locale, p));
        let key = |base: Msg, last: Msg| match last_published {
            Some(_) => last,
            None => base,
        };
        let period = last_published.clone().unwrap_or_default();
        let line = match (i.amount, i.start) {
            (Some(amount), _) => tf(
                locale,
                key(
                    msg!("amount.interest"),
                    msg!("amount.interest.last_published"),
                ),
                &[
                    ("amount", &text::money(locale, amount)),
                    ("date", &text::date(locale, i.to)),
                    ("rate", &rate),
                    ("period", &period),
                ],
            ),
            (None, InterestStart::NotStarted) | (None, InterestStart::Demand) => tf(
                locale,
                key(
                    msg!("amount.interest_from_demand"),
                    msg!("amount.interest_from_demand.last_published"),
                ),
                &[("rate", &rate), ("period", &period)],
            ),
            (None, InterestStart::EachPayment) => tf(
                locale,
                key(
                    msg!("amount.interest_rate"),
                    msg!("amount.interest_rate.last_published"),
                ),
                &[("rate", &rate), ("period", &period)],
            ),
        };
        html! {
            <li>
                { line }
                if i.provisional && i.amount.is_some() { { " " }{ t(locale, msg!("amount.interest_provisional")) } }
            </li>
        }
    });
    html! {
        <ul class="lic-figures">
            <li class="lic-amount"><strong>{ t(locale, key) }{ " " }{ figure }</strong></li>
            { for interest }
            if let Some(m) = a.monthly_accrual {
                { item(tf(locale, msg!("amount.monthly"), &[("amount", &text::money(locale, m))])) }
            }
            if let Some(x) = a.contested_high {
                { item(tf(locale, msg!("amount.contested"), &[("amount", &text::money(locale, x))])) }
            }
            if a.estimate_uses_defaults {
                { item(t(locale, msg!("amount.estimate_defaults"))) }
            }
        </ul>
    }
}

fn detail_value(locale: Locale, v: DetailValue) -> String {
    match v {
        DetailValue::Date(d) => text::date(locale, d),
        DetailValue::Cents(c) => text::money(locale, c),
        DetailValue::Percent(p) => text::percent(locale, p.0),
        DetailValue::Count(n) => n.to_string(),
    }
}

/// One claim: verdict, amount, last day, documents, next step, what is missing; the reasons and the law behind a
/// "why" disclosure (so the keyboard path through the result does not cross every law link).
/// Compact (`compact`) for claims that give nothing: title, verdict, reasons, law. A function, not a component
/// (see [`needed_answer`]).
pub fn claim_card(state: &WizardContext, c: &ClaimResult, compact: bool) -> Html {
    let locale = state.locale;
    let id = c.claim.id();
    let verdict = c.verdict.id();
    let heading_id = format!("lic-claim-{id}");
    // A saving or an exemption is not "money to claim": such claims word their verdicts themselves.
    let own_badge = tables::claim_verdict(c.claim, c.verdict);
    let badge_key = if has(locale, own_badge) {
        own_badge
    } else {
        tables::verdict(c.verdict)
    };
    let days_left = c.last_day.map(|d| d.days_since(state.as_of));
    let last_day = c.last_day.filter(|_| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo)).map(|d| {
        let date = text::date(locale, d);
        html! {
            <p class="lic-deadline" data-urgent={c.urgent.then_some("")}>
                if c.urgent {
                    <strong class="lic-badge lic-badge-urgent">{ t(locale, msg!("claim.urgent")) }</strong>{ " " }
                }
                { tf(locale, msg!("claim.last_day"), &[("date", &date), ("days", &days_left.unwrap_or(0).to_string())]) }
            </p>
        }
    });
    let needed: Vec<(FactId, bool)> = needed(c).collect();
    let reasons = (!c.reasons.is_empty()).then(|| {
        html! {
            <ul class="lic-list">
                { for c.reasons.iter().map(|r| item(t(locale, tables::reason(*r)))) }
            </ul>
        }
    });
    let details = (!compact && !c.details.is_empty()).then(|| html! {
        <dl class="lic-details">
            { for c.details.iter().map(|d| pair(t(locale, tables::detail(d.id)).into(), detail_value(locale, d.value).into())) }
        </dl>
    });
    html! {
        <section key={id} class="lic-claim" data-verdict={verdict} aria-labelledby={heading_id.clone()}>
            <h4 class="lic-claim-title" id={heading_id}>{ t(locale, tables::claim_title(c.claim)) }</h4>
            <p class="lic-badge" data-verdict={verdict}>{ t(locale, badge_key) }</p>
            if compact {
                // Nothing to claim: the reasons are the answer, so they stay in view.
                { for reasons.clone() }
            } else {
                { para(locale, tables::claim_summary(c.claim)) }
                { amount_lines(locale, c) }
                { for last_day }
                if !c.per_person.is_empty() {
                    <ul class="lic-list">
                        { for c.per_person.iter().map(|p| html! {
                            { item(tf(locale, msg!("claim.person"), &[("n", &p.person.to_string()), ("verdict", t(locale, tables::verdict(p.verdict)))])) }
                        }) }
                    </ul>
                }
                if !needed.is_empty() {
                    { small_heading(tf(locale, msg!("result.needed"), &[("n", &needed.len().to_string())])) }
                    <ul class="lic-list lic-needed-list">
                        { for needed.iter().map(|(f, unknown)| needed_answer(state, NeededAnswerProps { fact: *f, unknown: *unknown, primary: false, brief: false })) }
                    </ul>
                }
                if matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo) {
                    { small_heading(t(locale, msg!("result.next"))) }
                    { para(locale, tables::claim_next(c.claim, c.verdict)) }
                }
                if !c.documents.is_empty() {
                    // Waiting for an answer, the documents are where to find it; decided, they prove the claim.
                    { small_heading(t(locale, if c.verdict == Verdict::NeedsInfo { msg!("result.documents.find") } else { msg!("result.documents") })) }
                    <ul class="lic-list">
                        { for c.documents.iter().map(|d| item(t(locale, tables::document(*d)))) }
                    </ul>
                }
            }
            if (!compact && (reasons.is_some() || details.is_some())) || !c.references.is_empty() {
                <details class="lic-why">
                    <summary>{ t(locale, msg!("result.why_law")) }</summary>
                    if !compact {
                        { for reasons }
                        { for details }
                    }
                    if !c.references.is_empty() {
                        { small_heading(t(locale, msg!("result.law"))) }
                        { law_links(&c.references) }
                    }
                </details>
            }
        </section>
    }
}

/// What the visitor keeps of `total` depending on how they claim.
/// A function, not a component (see [`needed_answer`]).
fn fee_comparison(locale: Locale, total: i64) -> Html {
    let rows = fees::compare(crate::engine::Cents(total));
    html! {
        <section class="lic-section" aria-labelledby="lic-fees-title">
            <h3 class="lic-h3" id="lic-fees-title">{ t(locale, msg!("fees.title")) }</h3>
            { paragraph(tf(locale, msg!("fees.intro"), &[("amount", &text::money(locale, crate::engine::Cents(total)))])) }
            <table class="lic-table">
                { head_row(locale, &[msg!("fees.route"), msg!("fees.fee"), msg!("fees.kept")]) }
                <tbody>
                    { for rows.iter().map(|r| body_row(
                        tf(locale, tables::fee_route(r.route), &[("share", &text::percent(locale, r.share.0))]).into(),
                        vec![text::money(locale, r.fee), text::money(locale, r.kept)],
                    )) }
                </tbody>
            </table>
            { hint(t(locale, msg!("fees.note"))) }
        </section>
    }
}

/// What leads the result: the visitor's main finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    /// Money to claim (refunds and damages of eligible claims).
    Claim,
    /// A saving by changing insurer now, larger than any money to claim.
    Saving,
    /// No health questionnaire for a new contract, and no money.
    Exemption,
    /// Claims that may give money once something missing is answered.
    NeedsInfo,
    /// Nothing to claim.
    Nothing,
}

/// The money to claim now: the low figures of the eligible refund and damages claims.
fn claimable_total(eval: &Evaluation) -> i64 {
    eval.claims
        .iter()
        .filter(|c| c.verdict == Verdict::Eligible && !good_to_know(c.claim))
        .filter_map(|c| c.amount)
        .filter(|a| a.kind != AmountKind::Saving)
        .map(|a| a.low.0)
        .sum()
}

/// The estimated saving of changing insurer now, when there is one.
fn saving(eval: &Evaluation) -> Option<Cents> {
    eval.claim(ClaimId::SwitchSavings)
        .filter(|c| c.verdict == Verdict::Eligible)
        .and_then(|c| c.amount)
        .map(|a| a.low)
        .filter(|x| x.0 > 0)
}

fn lead(eval: &Evaluation, actionable: &[&ClaimResult]) -> Lead {
    let total = claimable_total(eval);
    let saving = saving(eval).map_or(0, |s| s.0);
    let exempt = eval
        .claim(ClaimId::MedicalQuestionnaire)
        .is_some_and(|c| c.verdict == Verdict::Eligible);
    if saving > total {
        Lead::Saving
    } else if total > 0 {
        Lead::Claim
    } else if exempt {
        Lead::Exemption
    } else if !actionable.is_empty() {
        Lead::NeedsInfo
    } else {
        Lead::Nothing
    }
}

/// The answers the result's first block names at most (the others are in the claims below).
const LEAD_ANSWERS: usize = 3;

/// The first block of the result, in plain words: what the visitor can claim in total, the earliest last day,
/// and the one next step as a button; or the saving, or the exemption, or what is missing, when that is the
/// main finding. `on_letter` opens a letter (the first one, or the switch request) and takes the visitor to its
/// first field. A function, not a component (see [`needed_answer`]).
fn answer(state: &WizardContext, keep: &KeepHandle, on_letter: &Callback<ClaimId>) -> Html {
    let locale = state.locale;
    let eval = &state.evaluation;
    let actionable: Vec<&ClaimResult> = sorted_claims(eval, &[])
        .into_iter()
        .filter(|c| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo))
        .collect();
    let lead = lead(eval, &actionable);
    let total = Cents(claimable_total(eval));
    let saving = saving(eval);
    // The earliest last day of the claims that can still give money.
    let last = actionable
        .iter()
        .filter_map(|c| c.last_day.map(|d| (d, c.urgent)))
        .min();
    let last_line = last.map(|(d, urgent)| {
        html! {
            <p class="lic-answer-day" data-urgent={urgent.then_some("")}>
                if urgent {
                    <strong class="lic-badge lic-badge-urgent">{ t(locale, msg!("claim.urgent")) }</strong>{ " " }
                }
                { tf(locale, msg!("claim.last_day"), &[("date", &text::date(locale, d)), ("days", &d.days_since(state.as_of).to_string())]) }
            </p>
        }
    });
    let letters = super::act::letters(state, state.as_of, &keep.parties);
    let first_letter = letters
        .iter()
        .map(|l| l.claim)
        .find(|c| *c != ClaimId::SwitchSavings);
    let switch_letter = letters.iter().any(|l| l.claim == ClaimId::SwitchSavings);
    let letter_button = |claim: ClaimId, key: Msg| {
        let on = on_letter.reform(move |_: MouseEvent| claim);
        button(true, on, t(locale, key))
    };
    // The answers the undecided claims wait for, each once, in the claims' order.
    let mut waiting: Vec<(FactId, bool)> = Vec::new();
    let mut documents: Vec<crate::engine::codes::document::Document> = Vec::new();
    for c in actionable
        .iter()
        .filter(|c| c.verdict == Verdict::NeedsInfo)
    {
        for (f, unknown) in needed(c) {
            if !waiting.iter().any(|(g, _)| *g == f) {
                waiting.push((f, unknown));
            }
        }
        for d in &c.documents {
            if !documents.contains(d) {
                documents.push(*d);
            }
        }
    }
    let money = |c: Cents| text::money(locale, c);
    let exempt = eval
        .claim(ClaimId::MedicalQuestionnaire)
        .is_some_and(|c| c.verdict == Verdict::Eligible);
    let unknown_claims = actionable
        .iter()
        .filter(|c| c.verdict == Verdict::NeedsInfo)
        .map(|c| item(t(locale, tables::claim_title(c.claim))));
    let on_review = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let body = match lead {
        Lead::Claim => html! {
            <>
                { el("p", "lic-lead", tf(locale, msg!("result.lead.claim"), &[("amount", &money(total))]).into()) }
                { for last_line }
                if let Some(s) = saving {
                    { paragraph(tf(locale, msg!("result.lead.also_saving"), &[("amount", &money(s))])) }
                }
                if let Some(c) = first_letter {
                    { actions(letter_button(c, msg!("result.lead.letter"))) }
                }
            </>
        },
        Lead::Saving => html! {
            <>
                { el("p", "lic-lead", tf(locale, msg!("result.lead.saving"), &[("amount", &money(saving.unwrap_or_default()))]).into()) }
                if let Some(v) = &eval.switching {
                    { para(locale, tables::switch_title(v.right)) }
                }
                if exempt {
                    { para(locale, msg!("result.lead.also_exempt")) }
                }
                if total.0 > 0 {
                    { paragraph(tf(locale, msg!("result.lead.also_claim"), &[("amount", &money(total))])) }
                    { for last_line }
                }
                { actions(html! { <>
                    if switch_letter { { letter_button(ClaimId::SwitchSavings, msg!("result.lead.switch")) } }
                    if let Some(c) = first_letter.filter(|_| total.0 > 0) {
                        { button(false, on_letter.reform(move |_: MouseEvent| c), t(locale, msg!("result.lead.letter"))) }
                    }
                </> }) }
            </>
        },
        Lead::Exemption => html! {
            <>
                { el("p", "lic-lead", t(locale, msg!("result.lead.exemption")).into()) }
                { para(locale, msg!("claim.medical_questionnaire.next.eligible")) }
            </>
        },
        Lead::NeedsInfo if !waiting.is_empty() => {
            // The headline follows the evaluation: one answer decides, or several; each is named and links to
            // its question.
            let lead_line = match waiting.as_slice() {
                [(f, _)] => tf(
                    locale,
                    msg!("result.lead.needed_one"),
                    &[("question", t(locale, tables::q_label(*f)))],
                ),
                _ => tf(
                    locale,
                    msg!("result.lead.needed"),
                    &[("n", &waiting.len().to_string())],
                ),
            };
            html! {
                <>
                    { el("p", "lic-lead", lead_line.into()) }
                    { for last_line }
                    // Short, so what follows (the question the visitor asked) stays near the top: at most three
                    // answers, without their hints (the claims below give them), the documents on one line.
                    <ul class="lic-list lic-answer-missing">
                        { for waiting.iter().take(LEAD_ANSWERS).enumerate().map(|(i, (f, unknown))| {
                            needed_answer(state, NeededAnswerProps { fact: *f, unknown: *unknown, primary: i == 0, brief: true })
                        }) }
                    </ul>
                    if waiting.len() > LEAD_ANSWERS {
                        { paragraph(tf(locale, msg!("result.lead.needed_more"), &[("n", &(waiting.len() - LEAD_ANSWERS).to_string())])) }
                    }
                    if !documents.is_empty() {
                        { paragraph(tf(locale, msg!("result.lead.documents"), &[("list", &documents.iter().map(|d| t(locale, tables::document(*d))).collect::<Vec<_>>().join(", "))])) }
                    }
                </>
            }
        }
        Lead::NeedsInfo => html! {
            <>
                { el("p", "lic-lead", t(locale, msg!("result.lead.needs_info")).into()) }
                { for last_line }
                // Nothing to answer: a document to check or a judge decides. What to check is in the claims
                // below; the answers can be changed from the review.
                { small_heading(t(locale, msg!("result.lead.to_check"))) }
                <ul class="lic-list">{ for unknown_claims }</ul>
                { actions(html! { <>
                    { button(true, on_review, t(locale, msg!("nav.change"))) }
                </> }) }
            </>
        },
        Lead::Nothing => el(
            "p",
            "lic-lead",
            t(locale, msg!("result.summary_none")).into(),
        ),
    };
    html! { <div class="lic-answer">{ body }</div> }
}

/// The result screen: the answer first, then the claims that concern this loan, urgent first.
#[component]
pub fn ResultScreen(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let keep = super::keep::use_keep();
    let locale = state.locale;
    let eval = state.evaluation.clone();
    let featured = state.featured.clone();
    let view = use_state(|| None::<super::act::View>);
    let jump = use_state(|| 0u32);
    // The result starts at the top of the viewport, so its first block is the first thing in view.
    {
        let heading = props.heading.clone();
        use_effect_with((), move |_| crate::ui::browser::scroll_to_top(&heading));
    }
    let claims = sorted_claims(
        &eval,
        &featured.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    // The question the visitor asked is answered near the top.
    let asked = eval
        .claim(ClaimId::ProfitSharing)
        .filter(|c| c.verdict != Verdict::NotApplicable)
        .filter(|_| {
            matches!(
                state.answers.get(FactId::AskedProfitSharing),
                Some(crate::engine::Answer::Known(crate::engine::Value::YesNo(
                    true
                )))
            )
        });
    let (actionable, closed): (Vec<&ClaimResult>, Vec<&ClaimResult>) = claims
        .iter()
        .copied()
        .filter(|c| c.verdict != Verdict::NotApplicable)
        .filter(|c| asked.is_none() || c.claim != ClaimId::ProfitSharing)
        .partition(|c| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo));
    let checked: Vec<&ClaimResult> = eval
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::NotApplicable)
        .collect();
    let extra: Vec<&ClaimResult> = eval
        .claims
        .iter()
        .filter(|c| good_to_know(c.claim) && c.verdict != Verdict::NotApplicable)
        .collect();
    let lead = lead(&eval, &actionable);
    let total = certain_total(&eval);
    let on_review = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let on_restart = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Restart))
    };
    let on_letter = {
        let (view, jump) = (view.clone(), jump.clone());
        Callback::from(move |c: ClaimId| {
            view.set(Some(super::act::View::Letter(c)));
            jump.set(*jump + 1);
        })
    };
    let on_view = {
        let view = view.clone();
        Callback::from(move |v| view.set(v))
    };
    let switching = eval.switching.as_ref().map(|v| {
        html! {
            <section class="lic-claim" aria-labelledby="lic-switching-title">
                <h4 class="lic-claim-title" id="lic-switching-title">{ t(locale, msg!("result.switch.title")) }</h4>
                <p><strong>{ t(locale, tables::switch_title(v.right)) }</strong></p>
                { para(locale, tables::switch_body(v.right)) }
                if let Some(until) = v.hamon_until {
                    { paragraph(tf(locale, msg!("switch.hamon_until"), &[("date", &text::date(locale, until))])) }
                }
                if !v.references.is_empty() {
                    <details class="lic-why">
                        <summary>{ t(locale, msg!("result.why_law")) }</summary>
                        { law_links(&v.references) }
                    </details>
                }
            </section>
        }
    });
    let good = (!extra.is_empty() || switching.is_some()).then(|| {
        html! {
            <>
                <h3 class="lic-h3">{ t(locale, msg!("result.good_to_know")) }</h3>
                { for switching }
                { for extra.iter().map(|c| claim_card(&state, c, false)) }
            </>
        }
    });
    let saving_leads = matches!(lead, Lead::Saving | Lead::Exemption);
    let main = (!actionable.is_empty()).then(|| {
        html! {
            <>
                <h3 class="lic-h3">{ t(locale, msg!("result.actionable")) }</h3>
                { for actionable.iter().map(|c| claim_card(&state, c, false)) }
                { note(t(locale, msg!("result.clock_note"))) }
            </>
        }
    });
    let (first, second) = if saving_leads {
        (good, main)
    } else {
        (main, good)
    };
    html! {
        <div class="lic-screen lic-result">
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, msg!("result.title")) }</h2>
            { answer(&state, &keep, &on_letter) }
            if let Some(c) = asked {
                <h3 class="lic-h3">{ t(locale, msg!("result.asked")) }</h3>
                { claim_card(&state, c, true) }
            }
            <p class="lic-hint">{ tf(locale, msg!("result.as_of"), &[("date", &text::date(locale, state.as_of))]) }{ " " }{ t(locale, msg!("result.disclaimer")) }</p>
            { for first }
            if total > 0 {
                { fee_comparison(locale, total) }
            }
            { for second }
            if !closed.is_empty() {
                <h3 class="lic-h3">{ t(locale, msg!("result.closed")) }</h3>
                { for closed.iter().map(|c| claim_card(&state, c, true)) }
            }
            if !checked.is_empty() {
                <details class="lic-checked">
                    <summary>{ tf(locale, msg!("result.checked"), &[("n", &checked.len().to_string())]) }</summary>
                    <ul class="lic-list">
                        { for checked.iter().map(|c| {
                            let why = c.reasons.first().map_or_else(
                                || t(locale, msg!("result.checked.no_reason")).to_string(),
                                |r| t(locale, tables::reason(*r)).to_string(),
                            );
                            html! { <li><strong>{ t(locale, tables::claim_title(c.claim)) }</strong>{ " " }{ why }</li> }
                        }) }
                    </ul>
                </details>
            }
            // Acting on the result (letters, reminders, recap, keep and resume) and sending it mount here.
            <super::ActPanel view={*view} {on_view} jump={*jump} />
            <super::SendPanel />
            { actions(html! { <>
                { button(false, on_review, t(locale, msg!("nav.change"))) }
                // The reducer asks "clear everything?" first (state.rs `confirm_restart`, shown by app.rs).
                <button type="button" class="lic-button lic-link" onclick={on_restart}>{ t(locale, msg!("nav.another_loan")) }</button>
            </> }) }
        </div>
    }
}
