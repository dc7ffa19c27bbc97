//! The result: claims sorted by what matters (urgent last days first, then amounts), each with its verdict,
//! amount, last day, reasons, law, documents and next step; what does not work and why; "also good to know";
//! and what the visitor keeps depending on how they claim.

use yew::prelude::*;

use super::ScreenProps;
use crate::engine::{
    fees, AmountKind, ClaimId, ClaimResult, DetailValue, Evaluation, InterestStart, Verdict,
};
use crate::i18n::{has, t, tf, Locale};
use crate::ui::app::use_wizard;
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
    claims.sort_unstable_by_key(|c| {
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

/// Props of [`ClaimCard`].
#[derive(Properties, Clone, PartialEq)]
pub struct ClaimCardProps {
    /// The claim's result.
    pub claim: ClaimResult,
    /// Compact form (for claims that give nothing: title, verdict, reasons, law).
    #[prop_or_default]
    pub compact: bool,
}

fn amount_lines(locale: Locale, c: &ClaimResult) -> Html {
    let Some(a) = c.amount else { return html! {} };
    let key = match a.kind {
        AmountKind::Refund => "amount.refund",
        AmountKind::Damages => "amount.damages",
        AmountKind::Saving => "amount.saving",
    };
    let figure = if a.low == a.high {
        text::money(locale, a.high)
    } else {
        tf(
            locale,
            "amount.range",
            &[
                ("low", &text::money(locale, a.low)),
                ("high", &text::money(locale, a.high)),
            ],
        )
    };
    let interest = a.interest.map(|i| {
        let rate = text::percent(locale, i.rate.0);
        let line = match (i.amount, i.start) {
            (Some(amount), _) => tf(
                locale,
                "amount.interest",
                &[
                    ("amount", &text::money(locale, amount)),
                    ("date", &text::date(locale, i.to)),
                    ("rate", &rate),
                ],
            ),
            (None, InterestStart::NotStarted) | (None, InterestStart::Demand) => {
                tf(locale, "amount.interest_from_demand", &[("rate", &rate)])
            }
            (None, InterestStart::EachPayment) => {
                tf(locale, "amount.interest_rate", &[("rate", &rate)])
            }
        };
        html! {
            <li>
                { line }
                if i.provisional { { " " }{ t(locale, "amount.interest_provisional") } }
            </li>
        }
    });
    html! {
        <ul class="lic-figures">
            <li class="lic-amount"><strong>{ t(locale, key) }{ " " }{ figure }</strong></li>
            { for interest }
            if let Some(m) = a.monthly_accrual {
                <li>{ tf(locale, "amount.monthly", &[("amount", &text::money(locale, m))]) }</li>
            }
            if let Some(x) = a.contested_high {
                <li>{ tf(locale, "amount.contested", &[("amount", &text::money(locale, x))]) }</li>
            }
            if a.estimate_uses_defaults {
                <li>{ t(locale, "amount.estimate_defaults") }</li>
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

/// One claim: verdict, amount, last day, why, documents, next step, law.
#[component]
pub fn ClaimCard(props: &ClaimCardProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let c = &props.claim;
    let id = c.claim.id();
    let verdict = c.verdict.id();
    let heading_id = format!("lic-claim-{id}");
    // A saving or an exemption is not "money to claim": such claims word their verdicts themselves.
    let own_badge = format!("claim.{id}.verdict.{verdict}");
    let badge_key = if has(locale, &own_badge) {
        own_badge
    } else {
        format!("verdict.{verdict}")
    };
    let days_left = c.last_day.map(|d| d.days_since(state.as_of));
    let last_day = c.last_day.filter(|_| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo)).map(|d| {
        let date = text::date(locale, d);
        html! {
            <p class={classes!("lic-deadline", c.urgent.then_some("lic-urgent"))}>
                if c.urgent {
                    <strong class="lic-badge lic-badge-urgent">{ t(locale, "claim.urgent") }</strong>{ " " }
                }
                { tf(locale, "claim.last_day", &[("date", &date), ("days", &days_left.unwrap_or(0).to_string())]) }
            </p>
        }
    });
    let missing = c.missing.iter().map(|fact| {
        let fact = *fact;
        let onclick = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Change(fact)))
        };
        html! {
            <li>
                <button type="button" class="lic-button lic-link" {onclick}>
                    { t(locale, &format!("q.{}.label", fact.id())) }
                </button>
            </li>
        }
    });
    let references = c.references.iter().map(|r| {
        html! { <li><a href={r.href} target="_blank" rel="noopener noreferrer" lang="fr">{ r.title }</a></li> }
    });
    html! {
        <section class={classes!("lic-claim", format!("lic-claim-{verdict}"))} aria-labelledby={heading_id.clone()}>
            <h4 class="lic-claim-title" id={heading_id}>{ t(locale, &format!("claim.{id}.title")) }</h4>
            <p class={classes!("lic-badge", format!("lic-badge-{verdict}"))}>{ t(locale, &badge_key) }</p>
            if !props.compact {
                <p>{ t(locale, &format!("claim.{id}.summary")) }</p>
                { amount_lines(locale, c) }
                { for last_day }
            }
            if !c.reasons.is_empty() {
                <p class="lic-small-heading">{ t(locale, "result.why") }</p>
                <ul class="lic-list">
                    { for c.reasons.iter().map(|r| html! { <li>{ t(locale, &format!("reason.{r}")) }</li> }) }
                </ul>
            }
            if !props.compact {
                if !c.per_person.is_empty() {
                    <ul class="lic-list">
                        { for c.per_person.iter().map(|p| html! {
                            <li>{ tf(locale, "claim.person", &[("n", &p.person.to_string()), ("verdict", t(locale, &format!("verdict.{}", p.verdict.id())))]) }</li>
                        }) }
                    </ul>
                }
                if !c.details.is_empty() {
                    <dl class="lic-details">
                        { for c.details.iter().map(|d| html! {
                            <div><dt>{ t(locale, &format!("detail.{}", d.id)) }</dt><dd>{ detail_value(locale, d.value) }</dd></div>
                        }) }
                    </dl>
                }
                if !c.missing.is_empty() {
                    <p class="lic-small-heading">{ t(locale, "result.missing") }</p>
                    <ul class="lic-list">{ for missing }</ul>
                }
                if !c.documents.is_empty() {
                    <p class="lic-small-heading">{ t(locale, "result.documents") }</p>
                    <ul class="lic-list">
                        { for c.documents.iter().map(|d| html! { <li>{ t(locale, &format!("doc.{d}")) }</li> }) }
                    </ul>
                }
                if matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo) {
                    <p class="lic-small-heading">{ t(locale, "result.next") }</p>
                    <p>{ t(locale, &format!("claim.{id}.next.{verdict}")) }</p>
                }
            }
            if !c.references.is_empty() {
                <p class="lic-small-heading">{ t(locale, "result.law") }</p>
                <ul class="lic-list lic-refs">{ for references }</ul>
            }
        </section>
    }
}

/// What the visitor keeps of `total` depending on how they claim.
#[component]
fn FeeComparison(props: &FeeComparisonProps) -> Html {
    let locale = use_wizard().locale;
    let rows = fees::compare(crate::engine::Cents(props.total));
    html! {
        <section class="lic-section" aria-labelledby="lic-fees-title">
            <h3 class="lic-h3" id="lic-fees-title">{ t(locale, "fees.title") }</h3>
            <p>{ tf(locale, "fees.intro", &[("amount", &text::money(locale, crate::engine::Cents(props.total)))]) }</p>
            <table class="lic-table">
                <thead><tr>
                    <th scope="col">{ t(locale, "fees.route") }</th>
                    <th scope="col">{ t(locale, "fees.fee") }</th>
                    <th scope="col">{ t(locale, "fees.kept") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ tf(locale, &format!("fees.route.{}", r.route), &[("share", &text::percent(locale, r.share.0))]) }</th>
                            <td>{ text::money(locale, r.fee) }</td>
                            <td>{ text::money(locale, r.kept) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="lic-hint">{ t(locale, "fees.note") }</p>
        </section>
    }
}

/// Props of [`FeeComparison`].
#[derive(Properties, Clone, PartialEq)]
struct FeeComparisonProps {
    /// The certain total, in cents.
    total: i64,
}

/// The result screen.
#[component]
pub fn ResultScreen(props: &ScreenProps) -> Html {
    let state = use_wizard();
    let locale = state.locale;
    let eval = state.evaluation.clone();
    let featured = state.featured.clone();
    let claims = sorted_claims(
        &eval,
        &featured.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let (actionable, closed): (Vec<&ClaimResult>, Vec<&ClaimResult>) = claims
        .into_iter()
        .filter(|c| c.verdict != Verdict::NotApplicable)
        .partition(|c| matches!(c.verdict, Verdict::Eligible | Verdict::NeedsInfo));
    let extra: Vec<&ClaimResult> = eval
        .claims
        .iter()
        .filter(|c| good_to_know(c.claim) && c.verdict != Verdict::NotApplicable)
        .collect();
    let total = certain_total(&eval);
    let eligible = actionable
        .iter()
        .filter(|c| c.verdict == Verdict::Eligible)
        .count();
    let summary = if eligible > 0 {
        tf(
            locale,
            "result.summary",
            &[
                ("n", &eligible.to_string()),
                ("amount", &text::money(locale, crate::engine::Cents(total))),
            ],
        )
    } else if !actionable.is_empty() {
        t(locale, "result.summary_needs_info").to_string()
    } else {
        t(locale, "result.summary_none").to_string()
    };
    let on_review = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let on_restart = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Restart))
    };
    let switching = eval.switching.as_ref().map(|v| {
        let id = v.right.id();
        html! {
            <section class="lic-claim" aria-labelledby="lic-switching-title">
                <h4 class="lic-claim-title" id="lic-switching-title">{ t(locale, "result.switch.title") }</h4>
                <p><strong>{ t(locale, &format!("switch.{id}.title")) }</strong></p>
                <p>{ t(locale, &format!("switch.{id}.body")) }</p>
                if let Some(until) = v.hamon_until {
                    <p>{ tf(locale, "switch.hamon_until", &[("date", &text::date(locale, until))]) }</p>
                }
                <ul class="lic-list lic-refs">
                    { for v.references.iter().map(|r| html! {
                        <li><a href={r.href} target="_blank" rel="noopener noreferrer" lang="fr">{ r.title }</a></li>
                    }) }
                </ul>
            </section>
        }
    });
    html! {
        <div class="lic-screen lic-result">
            <h2 class="lic-h" tabindex="-1" ref={props.heading.clone()}>{ t(locale, "result.title") }</h2>
            <p class="lic-lead">{ summary }</p>
            <p class="lic-hint">{ tf(locale, "result.as_of", &[("date", &text::date(locale, state.as_of))]) }{ " " }{ t(locale, "result.disclaimer") }</p>
            if !actionable.is_empty() {
                <h3 class="lic-h3">{ t(locale, "result.actionable") }</h3>
                { for actionable.iter().map(|c| html! { <ClaimCard claim={(*c).clone()} /> }) }
                <p class="lic-note">{ t(locale, "result.clock_note") }</p>
            }
            if total > 0 {
                <FeeComparison {total} />
            }
            if !extra.is_empty() || switching.is_some() {
                <h3 class="lic-h3">{ t(locale, "result.good_to_know") }</h3>
                { for switching }
                { for extra.iter().map(|c| html! { <ClaimCard claim={(*c).clone()} /> }) }
            }
            if !closed.is_empty() {
                <h3 class="lic-h3">{ t(locale, "result.closed") }</h3>
                { for closed.iter().map(|c| html! { <ClaimCard claim={(*c).clone()} compact=true /> }) }
            }
            // Acting on the result (letters, reminders, recap, keep and resume) and sending it mount here.
            <super::ActPanel />
            <super::SendPanel />
            <div class="lic-actions">
                <button type="button" class="lic-button" onclick={on_review}>{ t(locale, "nav.change") }</button>
                <button type="button" class="lic-button lic-link" onclick={on_restart}>{ t(locale, "nav.another_loan") }</button>
            </div>
        </div>
    }
}
