//! `refused_switch` (C7, SPEC §2.11): damages = (old − new premium) × old-contract debits while the switch was wrongly blocked.

use super::{
    detail, monthly_dates, needs, real_estate_only, result, switch_requested_only, Ctx, Got,
};
use crate::engine::calendar::add_working_days;
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::date::Date;
use crate::engine::evaluation::{Amount, AmountKind, ClaimResult, DetailValue, Verdict};
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::money::Cents;
use crate::engine::params::{self, refs, LegalRef};
use crate::engine::switching::{LoanKind, SwitchingRight};

const REFS: &[LegalRef] = &[refs::C_CONSO_L313_30, refs::C_CIV_2224];
const DOCS: &[&str] = &[
    doc::SWITCH_REQUEST_PROOF,
    doc::LENDER_DECISION,
    doc::LENDER_REQUIRED_GUARANTEES,
    doc::NEW_CONTRACT,
];

/// The first échéance (anniversary of the offer's signature) on or after `earliest`.
fn next_anniversary(signed: Date, earliest: Date) -> Date {
    let mut years = (earliest.year() - signed.year()).max(1) - 1;
    loop {
        let a = signed.add_years(years);
        if a >= earliest || a == Date::MAX {
            return a;
        }
        years += 1;
    }
}

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    let as_of = cx.as_of;
    if let Some(r) = real_estate_only(cx, DOCS, REFS) {
        return r;
    }
    if let Some(r) = switch_requested_only(cx, DOCS, REFS) {
        return r;
    }
    let no_answer = match cx.choice(FactId::SwitchDecision) {
        Got::Known("refused") => false,
        Got::Known("no_answer") => true,
        Got::Known(_) => {
            let mut r = result(Verdict::NotApplicable);
            r.reasons.push(reason::SWITCH_NOT_REFUSED);
            return r;
        }
        g => return needs(g == Got::Unknown, DOCS, REFS),
    };
    let request = match cx.date(FactId::SwitchRequestDate) {
        Got::Known(d) => d,
        g => return needs(g == Got::Unknown, DOCS, REFS),
    };
    let due = add_working_days(request, params::LENDER_ANSWER_WORKING_DAYS);
    let refusal = if no_answer {
        due
    } else {
        match cx.date(FactId::SwitchDecisionDate) {
            Got::Known(d) => d,
            g => return needs(g == Got::Unknown, DOCS, REFS),
        }
    };
    let mut r = result(Verdict::NotEligible);
    // The law in force on the date of the refusal (a 2015 refusal cites L312-9, a later one L313-30).
    r.references = params::cite_on(REFS, refusal);
    r.documents.extend_from_slice(DOCS);
    r.last_day = Some(limitation::last_day(refusal));
    detail(&mut r, det::REFUSAL_DATE, DetailValue::Date(refusal));
    let barred = limitation::is_barred(refusal, as_of);
    if no_answer {
        r.reasons.push(reason::NO_ANSWER_TREATED_AS_REFUSAL);
    }
    // A right must have been open on the day of the request (LAW C7).
    let right = cx.right_on(LoanKind::RealEstate, request);
    for x in &right.references {
        if !r.references.contains(x) {
            r.references.push(*x);
        }
    }
    match right.right {
        SwitchingRight::None => {
            r.reasons.push(reason::NO_SWITCHING_RIGHT_ON_REQUEST);
            r.reasons.extend(right.reasons.iter().copied());
            if barred {
                r.reasons.push(reason::LIMITATION_PASSED);
            }
            return r;
        }
        SwitchingRight::Uncertain => {
            r.verdict = Verdict::NeedsInfo;
            r.reasons.push(reason::SWITCHING_RIGHT_UNCERTAIN);
            r.reasons.extend(right.reasons.iter().copied());
            if barred {
                r.verdict = Verdict::TimeBarred;
                r.reasons.push(reason::LIMITATION_PASSED);
            }
            return r;
        }
        _ => r.reasons.extend(right.reasons.iter().copied()),
    }
    if barred {
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
        return r;
    }
    if !no_answer {
        match cx.yes_no(FactId::RefusalReasonValid) {
            Got::Known(false) => r.reasons.push(reason::REFUSAL_WITHOUT_VALID_REASON),
            Got::Known(true) => {
                r.reasons.push(reason::REFUSAL_REASON_VALID);
                return r;
            }
            Got::Unknown => {
                r.verdict = Verdict::NeedsInfo;
                r.reasons.push(reason::REFUSAL_VALIDITY_UNKNOWN);
                return r;
            }
            Got::Absent => {
                r.verdict = Verdict::NeedsInfo;
                return r;
            }
        }
    }
    let (old, new) = match (cx.premium(), cx.money(FactId::SwitchNewPremium)) {
        (Got::Known(o), Got::Known(n)) => (o, n),
        (a, b) => {
            r.verdict = Verdict::NeedsInfo;
            if a == Got::Unknown || b == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return r;
        }
    };
    let diff = old - new;
    detail(
        &mut r,
        det::MONTHLY_DIFFERENCE,
        DetailValue::Cents(diff.at_least_zero()),
    );
    if diff.0 <= 0 {
        r.reasons.push(reason::NO_LOSS);
        return r;
    }
    // When the new cover should have started.
    let should_start = if right.right == SwitchingRight::Annual {
        match cx.date(FactId::OfferSignatureDate) {
            Got::Known(s) => next_anniversary(s, request.add_months(params::ANNUAL_NOTICE_MONTHS)),
            g => {
                r.verdict = Verdict::NeedsInfo;
                if g == Got::Unknown {
                    r.reasons.push(reason::ANSWER_UNKNOWN);
                }
                return r;
            }
        }
    } else {
        let statutory = due.add_days(params::OLD_CONTRACT_END_DAYS);
        match cx.date(FactId::SwitchRequestedStart) {
            Got::Known(s) => statutory.max(s),
            Got::Unknown => statutory,
            Got::Absent => {
                r.verdict = Verdict::NeedsInfo;
                return r;
            }
        }
    };
    detail(
        &mut r,
        det::NEW_COVER_DUE_START,
        DetailValue::Date(should_start),
    );
    let (first, months) = match (
        cx.date(FactId::FirstInstallmentDate),
        cx.months(FactId::LoanMonths),
    ) {
        (Got::Known(f), Got::Known(m)) => (f, m),
        _ => {
            r.verdict = Verdict::NeedsInfo;
            r.documents.push(doc::AMORTISATION_TABLE);
            return r;
        }
    };
    let actual = match cx.yes_no(FactId::OldContractEnded) {
        Got::Known(true) => match cx.date(FactId::OldContractEndDate) {
            Got::Known(d) => Some(d),
            g => {
                r.verdict = Verdict::NeedsInfo;
                if g == Got::Unknown {
                    r.reasons.push(reason::ANSWER_UNKNOWN);
                }
                return r;
            }
        },
        Got::Known(false) => None,
        g => {
            r.verdict = Verdict::NeedsInfo;
            if g == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return r;
        }
    };
    let mut stop = match actual {
        Some(d) => d.add_days(-1),
        None => as_of,
    };
    if let Some(e) = cx.premiums_end() {
        stop = stop.min(e);
    }
    let debits = monthly_dates(first, should_start, stop, months).len() as i64;
    detail(&mut r, det::DEBITS_COUNTED, DetailValue::Count(debits));
    let blocked = actual.is_none() && cx.premiums_end().is_none_or(|e| e > as_of);
    if blocked {
        r.reasons.push(reason::STILL_BLOCKED);
    }
    if debits == 0 && !blocked {
        r.reasons.push(reason::NO_LOSS);
        return r;
    }
    let damages: Cents = diff.times(debits);
    r.verdict = Verdict::Eligible;
    r.reasons.push(reason::LETTER_DOES_NOT_STOP_CLOCK);
    r.reasons.push(reason::DAMAGES_INTEREST_FROM_JUDGMENT);
    r.amount = Some(Amount {
        kind: AmountKind::Damages,
        low: damages,
        high: damages,
        interest: None,
        contested_high: None,
        monthly_accrual: if blocked { Some(diff) } else { None },
        estimate_uses_defaults: false,
    });
    r
}
