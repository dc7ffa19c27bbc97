//! Which rules a claim runs, and the finishing of its result (reasons and references once each, the
//! `facts_missing` reason, urgency); the switching right on the day of the evaluation.

use super::{
    after_cover_end, after_payoff, double_premium, duty_to_advise, lender_fees,
    medical_questionnaire, profit_sharing, refused_switch, resolve, switch_savings, wrong_basis,
    Ctx, Got, Status,
};
use crate::engine::codes::reason;
use crate::engine::date::Date;
use crate::engine::evaluation::{ClaimId, ClaimResult, Verdict};
use crate::engine::facts::{Answers, FactId};
use crate::engine::limitation;
use crate::engine::params::LegalRef;
use crate::engine::switching::{switching_right_with, SwitchingRight, SwitchingVerdict};

/// Runs the claim's own rules on the answers as they are (see [`resolve`] for the deciding layer on top).
pub(crate) fn dispatch(claim: ClaimId, cx: &mut Ctx) -> ClaimResult {
    match claim {
        ClaimId::ProfitSharing => profit_sharing::evaluate(cx),
        ClaimId::AfterPayoff => after_payoff::evaluate(cx),
        ClaimId::AfterCoverEnd => after_cover_end::evaluate(cx),
        ClaimId::WrongBasis => wrong_basis::evaluate(cx),
        ClaimId::LenderFees => lender_fees::evaluate(cx),
        ClaimId::DoublePremium => double_premium::evaluate(cx),
        ClaimId::RefusedSwitch => refused_switch::evaluate(cx),
        ClaimId::DutyToAdvise => duty_to_advise::evaluate(cx),
        ClaimId::SwitchSavings => switch_savings::evaluate(cx),
        ClaimId::MedicalQuestionnaire => medical_questionnaire::evaluate(cx),
    }
}

/// Evaluates one claim on sanitised answers, deciding without the facts that cannot change it.
pub(crate) fn evaluate_claim(claim: ClaimId, answers: &Answers, as_of: Date) -> ClaimResult {
    let mut r = resolve::resolve(claim, answers, as_of);
    r.claim = claim;
    if r.verdict == Verdict::NeedsInfo
        && !(r.missing.is_empty() && r.unknown_needed.is_empty())
        && !r.reasons.contains(&reason::FACTS_MISSING)
    {
        r.reasons.push(reason::FACTS_MISSING);
    }
    if r.verdict != Verdict::NeedsInfo {
        r.reasons.retain(|x| *x != reason::FACTS_MISSING);
    }
    dedup(&mut r.reasons);
    dedup(&mut r.documents);
    let mut refs: Vec<LegalRef> = Vec::new();
    for x in r.references.drain(..) {
        if !refs.contains(&x) {
            refs.push(x);
        }
    }
    r.references = refs;
    r.urgent = false;
    if let Some(last) = r.last_day {
        r.urgent = matches!(r.verdict, Verdict::Eligible | Verdict::NeedsInfo)
            && limitation::is_urgent(last, as_of);
    }
    r
}

fn dedup<T: Copy + PartialEq>(v: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(v.len());
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
}

/// The switching right on `as_of`, when the loan kind is known.
pub(crate) fn switching_now(answers: &Answers, as_of: Date) -> Option<SwitchingVerdict> {
    let mut cx = Ctx::new(answers, as_of);
    let kind = cx.peek_loan_kind()?;
    // The switching right of a running loan only (issue 11 point 4): a loan that is over has none.
    if matches!(cx.status(), Got::Known(Status::Closed(_))) || closed_every_day(answers, as_of) {
        return Some(SwitchingVerdict {
            right: SwitchingRight::None,
            reasons: vec![reason::LOAN_CLOSED],
            references: Vec::new(),
            hamon_until: None,
        });
    }
    Some(switching_right_with(
        kind,
        cx.peek_date(FactId::OfferIssueDate),
        cx.peek_date(FactId::OfferSignatureDate),
        as_of,
    ))
}

/// Whether a loan whose end is known by its month only is over on every day of that month (issue 11 point 1): the
/// status changes once, so its first and last day settle it.
fn closed_every_day(answers: &Answers, as_of: Date) -> bool {
    let on = |pick: fn(crate::engine::date::YearMonth) -> Date| {
        let a = answers.with_months_as(pick)?;
        Some(matches!(
            Ctx::new(&a, as_of).status(),
            Got::Known(Status::Closed(_))
        ))
    };
    on(|m| m.first_day()) == Some(true) && on(|m| m.last_day()) == Some(true)
}
