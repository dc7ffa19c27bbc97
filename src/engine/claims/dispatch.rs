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
use crate::engine::facts::{Answer, Answers, FactId, Value};
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
    let mut r = if signed_before_issue(answers) {
        one_offer_date_at_a_time(claim, answers, as_of)
    } else {
        resolve::resolve(claim, answers, as_of)
    };
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

/// Whether the offer's signature is dated before its issue (kept by `checks::sanitised`, refused at the field).
fn signed_before_issue(answers: &Answers) -> bool {
    let date = |f| match answers.get(f) {
        Some(Answer::Known(Value::Date(d))) => Some(d),
        _ => None,
    };
    matches!(
        (date(FactId::OfferIssueDate), date(FactId::OfferSignatureDate)),
        (Some(i), Some(s)) if s < i
    )
}

/// The offer's dates when the signature is dated before the issue: one of them is wrong, and the claim is read with
/// one at a time.
///
/// Decision (extends SPEC §2.17; engine_needed seeds 2 and 10): the claim is what the signature alone gives when that
/// is decided (the rules date the loan and its rights from the signature: Hamon window, annual échéance, Lagarde),
/// else what the issue alone gives when that is decided, else the claim reads neither and asks for both again
/// (the interface shows the pair's problem at its field, `before_offer_issue`). Dropping both whatever they gave
/// made a dossier whose claim the signature alone decides ask for both; reading both as they are let a pair no
/// offer can have give a right neither date alone gives. So removing either date never turns one decided result
/// into another, unless each alone decides and they differ (no rule can serve both).
fn one_offer_date_at_a_time(claim: ClaimId, answers: &Answers, as_of: Date) -> ClaimResult {
    let without = |facts: &[FactId]| {
        let mut a = answers.clone();
        for f in facts {
            a.set(*f, None);
        }
        resolve::resolve(claim, &a, as_of)
    };
    let decided = |r: &ClaimResult| r.missing.is_empty() && r.unknown_needed.is_empty();
    let by_signature = without(&[FactId::OfferIssueDate]);
    if decided(&by_signature) {
        return by_signature;
    }
    let by_issue = without(&[FactId::OfferSignatureDate]);
    if decided(&by_issue) {
        return by_issue;
    }
    without(&[FactId::OfferIssueDate, FactId::OfferSignatureDate])
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
    let (issued, signed) = (
        cx.peek_date(FactId::OfferIssueDate),
        cx.peek_date(FactId::OfferSignatureDate),
    );
    if signed_before_issue(answers) {
        // As the claims read such a pair (`one_offer_date_at_a_time`): the signature alone, else the issue alone.
        let by_signature = switching_right_with(kind, None, signed, as_of);
        if by_signature.right != SwitchingRight::Uncertain {
            return Some(by_signature);
        }
        let by_issue = switching_right_with(kind, issued, None, as_of);
        if by_issue.right != SwitchingRight::Uncertain {
            return Some(by_issue);
        }
        return Some(switching_right_with(kind, None, None, as_of));
    }
    Some(switching_right_with(kind, issued, signed, as_of))
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
