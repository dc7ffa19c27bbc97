//! `switch_savings` (C9, SPEC §2.13, LAW §3.6): remaining premiums now versus a quote or default rates; a saving, not a refund.

use super::{
    decide, detail, not_applicable, real_estate_only, result, Ctx, Got, Missing, Premium, Status,
};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{Amount, AmountKind, ClaimResult, DetailValue, Verdict};
use crate::engine::facts::option::PremiumBasis;
use crate::engine::facts::FactId;
use crate::engine::loan::Loan;
use crate::engine::money::{mul_div, Cents, Fx, PERCENT_ONE};
use crate::engine::params::{self, refs, LegalRef};
use crate::engine::switching::{LoanKind, SwitchingRight};

const REFS: &[LegalRef] = &[refs::C_ASSUR_L113_12_2, refs::C_CONSO_L313_30];
const DOCS: &[doc::Document] = &[
    doc::AMORTISATION_TABLE,
    doc::INSURANCE_QUOTE,
    doc::LENDER_REQUIRED_GUARANTEES,
];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if let Some(r) = real_estate_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    if let Status::Closed(_) = cx.status().required()? {
        return Ok(not_applicable(reason::LOAN_CLOSED));
    }
    let right = cx.right_on(LoanKind::RealEstate, as_of);
    let mut r = result(Verdict::NotEligible);
    r.references.extend_from_slice(REFS);
    r.references.extend(right.references.iter().copied());
    r.documents.extend_from_slice(DOCS);
    r.reasons.extend(right.reasons.iter().copied());
    match right.right {
        SwitchingRight::None => {
            r.reasons.push(reason::NO_SWITCHING_RIGHT_NOW);
            return Ok(r);
        }
        SwitchingRight::Uncertain => {
            r.verdict = Verdict::NeedsInfo;
            return Ok(r);
        }
        _ => {}
    }
    // Decision (engine_needed, this round's sweep): on a quote and a premium that does not follow the outstanding
    // capital, current and new costs are each a monthly figure × the installments left, which a partial repayment
    // does not change (the duration stays): its date and capital are not asked (the resolver tried them at every
    // size, over its budget, and called them needed beside some dossiers only). The outstanding capital shown is
    // then left out unless they are given.
    let declining = cx.peek_option(FactId::PremiumBasis) == Some(PremiumBasis::OutstandingCapital)
        && cx.peek_yes_no(FactId::PremiumConstant) == Some(false);
    let quoted = matches!(
        cx.a.get(FactId::QuotePremium),
        Some(crate::engine::facts::Answer::Known(_))
    );
    let read = if quoted && !declining {
        cx.loan_dates_only()
    } else {
        match cx.loan() {
            Got::Known(l) => Got::Known((l, false)),
            Got::Unknown => Got::Unknown,
            Got::Absent => Got::Absent,
        }
    };
    let (loan, partial_left_out) = match read {
        Got::Known(l) => l,
        g => {
            r.verdict = Verdict::NeedsInfo;
            if g == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return Ok(r);
        }
    };
    let next = loan.installments_through(as_of) + 1;
    if next > loan.months {
        r.verdict = Verdict::NotApplicable;
        r.reasons.push(reason::LOAN_CLOSED);
        return Ok(r);
    }
    let remaining = loan.months - next + 1;
    let outstanding = loan.outstanding_after(next - 1);
    detail(
        &mut r,
        det::NEXT_INSTALLMENT,
        DetailValue::Date(loan.installment_date(next)),
    );
    detail(
        &mut r,
        det::REMAINING_INSTALLMENTS,
        DetailValue::Count(i64::from(remaining)),
    );
    if !partial_left_out {
        detail(
            &mut r,
            det::OUTSTANDING_NOW,
            DetailValue::Cents(outstanding.cents()),
        );
    }
    // The premium billed now (issue 11 point 1): after a switch that succeeded, the premium paid since, not the old
    // contract's (the savings compare a quote with what the visitor pays today).
    let plan = match premium_now(cx) {
        Got::Known(p) => p,
        g => {
            r.verdict = Verdict::NeedsInfo;
            if g == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return Ok(r);
        }
    };
    if cx.notes.contains(&reason::PREMIUM_SINCE_SWITCH) {
        r.reasons.push(reason::LATER_SWITCH_SUCCEEDED);
    }
    let sum = loan.sum_outstanding_before(next, loan.months);
    // Decision (issue 11 point 1): a rate of the outstanding capital prices each remaining installment on the
    // capital owed before it, CRD_{k−1} × rate / 12, summed exactly and rounded once (SPEC §3: an estimate of future
    // costs), on the contract's schedule (a partial repayment included), whether or not the premium was billed
    // constant until now: what a switch saves is what the contract will bill from now on, and a constant billing
    // against such a contract is the wrong-basis claim's to refund.
    let premium = match plan {
        Premium::Flat(p) => p,
        Premium::Outstanding { .. } => plan.now(as_of),
    };
    let current = if let Premium::Outstanding { rate, loan: pl } = plan {
        Fx(mul_div(
            pl.sum_outstanding_before(next, pl.months).0,
            i128::from(rate.0),
            PERCENT_ONE * 12,
        ))
    } else if declining && outstanding.0 > 0 {
        Fx::int(premium.0).times(sum).over(outstanding)
    } else {
        Fx::int(premium.0).times(Fx::int(i64::from(remaining)))
    };
    // The new cost: the quote, else default rates per insured person (an estimate).
    let quote = cx.money(FactId::QuotePremium);
    let (new_low_cost, new_high_cost, defaults) = match quote {
        Got::Known(q) => {
            r.reasons.push(reason::FROM_QUOTE);
            let c = Fx::int(q.0).times(Fx::int(i64::from(remaining)));
            (c, c, false)
        }
        // While the quote is not answered, the estimate does not ask whether people smoke (both figures shown);
        // once the visitor says they have no quote, it does.
        _ => match default_cost(cx, &loan, next, sum, quote == Got::Unknown) {
            Ok((smoker_cost, non_smoker_cost)) => {
                r.reasons.push(reason::ESTIMATE_FROM_DEFAULTS);
                (non_smoker_cost, smoker_cost, true)
            }
            Err(why) => {
                r.verdict = Verdict::NeedsInfo;
                if let Some(w) = why {
                    r.reasons.push(w);
                }
                return Ok(r);
            }
        },
    };
    let fees = match cx.money(FactId::SwitchOneOffFees) {
        Got::Known(f) => f,
        _ => Cents::ZERO,
    };
    let fees_fx = Fx::int(fees.0);
    // Summed exactly, rounded once (SPEC §3).
    let high = current.minus(new_low_cost).minus(fees_fx).cents();
    let low = current.minus(new_high_cost).minus(fees_fx).cents();
    detail(
        &mut r,
        det::CURRENT_COST,
        DetailValue::Cents(current.cents()),
    );
    detail(
        &mut r,
        det::NEW_COST,
        DetailValue::Cents(new_high_cost.cents()),
    );
    detail(&mut r, det::ONE_OFF_FEES, DetailValue::Cents(fees));
    if high.0 <= 0 {
        r.reasons.push(reason::NO_SAVING);
        return Ok(r);
    }
    r.verdict = Verdict::Eligible;
    r.reasons.push(reason::SAVING_POSSIBLE);
    r.reasons.push(reason::EQUIVALENCE_REQUIRED);
    r.amount = Some(Amount {
        kind: AmountKind::Saving,
        low: low.at_least_zero(),
        high,
        interest: None,
        contested_high: None,
        monthly_accrual: None,
        estimate_uses_defaults: defaults,
    });
    Ok(r)
}

/// Σ_k Σ_j CRD_{k−1} × quotité_j × rate_j / 12 with default rates: (cost if unknown smokers smoke, cost if they do not).
fn default_cost(
    cx: &mut Ctx,
    _loan: &Loan,
    _next: u32,
    sum: Fx,
    ask_smoker: bool,
) -> Result<(Fx, Fx), Option<reason::Reason>> {
    let count = match cx.count(FactId::InsuredCount) {
        Got::Known(n) => n.clamp(1, 2),
        Got::Unknown => return Err(Some(reason::ANSWER_UNKNOWN)),
        Got::Absent => return Err(None),
    };
    let people = [
        (
            FactId::Person1BirthDate,
            FactId::Person1Share,
            FactId::Person1Smoker,
        ),
        (
            FactId::Person2BirthDate,
            FactId::Person2Share,
            FactId::Person2Smoker,
        ),
    ];
    // Σ_j quotité_j × rate_j, in (millionths of a percent)².
    let mut weight_smoking: i128 = 0;
    let mut weight_not: i128 = 0;
    let mut problem: Option<Option<reason::Reason>> = None;
    for (birth_f, share_f, smoker_f) in people.iter().take(count as usize) {
        let birth = cx.date(*birth_f);
        let share = cx.percent(*share_f);
        let (birth, share) = match (birth, share) {
            (Got::Known(b), Got::Known(s)) => (b, s),
            (a, b) => {
                let unknown = a == Got::Unknown || b == Got::Unknown;
                problem.get_or_insert(if unknown {
                    Some(reason::ANSWER_UNKNOWN)
                } else {
                    None
                });
                continue;
            }
        };
        let age = cx.as_of.years_since(birth);
        let Some(band) = params::premium_default_for_age(age) else {
            problem = Some(Some(reason::NO_DEFAULT_FROM_AGE_LIMIT));
            continue;
        };
        let smoker = if ask_smoker {
            cx.yes_no(*smoker_f)
        } else {
            match cx.peek_yes_no(*smoker_f) {
                Some(b) => Got::Known(b),
                None => Got::Unknown,
            }
        };
        let base = i128::from(band.rate.0);
        let smoking = mul_div(base, i128::from(params::SMOKER_MULTIPLIER.0), PERCENT_ONE);
        let (w_smoking, w_not) = match smoker {
            Got::Known(true) => (smoking, smoking),
            Got::Known(false) => (base, base),
            Got::Unknown => (smoking, base),
            Got::Absent => {
                problem.get_or_insert(None);
                continue;
            }
        };
        weight_smoking += i128::from(share.0) * w_smoking;
        weight_not += i128::from(share.0) * w_not;
    }
    if let Some(p) = problem {
        return Err(p);
    }
    let den = PERCENT_ONE * PERCENT_ONE * 12;
    Ok((
        Fx(mul_div(sum.0, weight_smoking, den)),
        Fx(mul_div(sum.0, weight_not, den)),
    ))
}

/// The monthly premium paid now. Without a switch request, or when the old contract still runs, the loan's premium
/// (`premium_monthly`, or from its rate). Once a switch went through (the old contract ended): the premium paid since,
/// asked as such, and only that: not answered, it is missing; the accepted request's new premium (a quote at the
/// time of the request) is not read in its place, since the premium billed since can differ from it and a figure
/// that stands in silently for an unanswered fact makes that fact look unneeded while it changes the saving.
///
/// Decision (SPEC §2.13 says "the remaining premiums as they are billed"): "I don't know" whether the old contract
/// ended counts as not ended (the premium as the visitor gave it); the premium paid since, unknown, leaves the
/// saving `needs_info`.
fn premium_now(cx: &mut Ctx) -> Got<Premium> {
    let ended = match cx.yes_no(FactId::SwitchRequested) {
        Got::Known(true) => cx.yes_no(FactId::OldContractEnded),
        Got::Known(false) | Got::Unknown => Got::Known(false),
        Got::Absent => Got::Absent,
    };
    match ended {
        Got::Known(true) => {}
        Got::Known(false) | Got::Unknown => return cx.premium_plan(),
        Got::Absent => {
            // Not answered yet (whether a switch was asked, whether the old contract ended): the figure shown is on
            // the loan's premium, read on a scratch reading so that the premium is not asked before them.
            let mut scratch = Ctx::new(cx.a, cx.as_of);
            let p = scratch.premium_plan();
            cx.notes.extend(scratch.notes);
            return p;
        }
    }
    cx.notes.push(reason::PREMIUM_SINCE_SWITCH);
    match cx.money(FactId::PremiumSinceSwitch) {
        Got::Known(c) => Got::Known(Premium::Flat(c)),
        g => g.map_never(),
    }
}
