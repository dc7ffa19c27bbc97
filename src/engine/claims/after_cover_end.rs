//! `after_cover_end` (C3, SPEC §2.8): premiums kept after a guarantee ended; needs info unless the contract lowers the premium.

use super::{
    debits_verdict, decide, detail, interest_reasons, monthly_dates, needs, not_applicable,
    refund_amount, refund_interest, result, split_debits, Ctx, Got, Missing,
};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{ClaimResult, DetailValue, Verdict};
use crate::engine::facts::FactId;
use crate::engine::params::{self, refs, LegalRef};

const REFS: &[LegalRef] = &[
    refs::C_CIV_1302,
    // The devoir d'éclairer of the Cour de cassation's 2009 report is the rule of this decision (the report, a
    // research source, is not shown to visitors: references.csv).
    refs::CASS_ASS_PLEN_2007_03_02,
    refs::C_CIV_2224,
];
const DOCS: &[doc::Document] = &[doc::INSURANCE_NOTICE, doc::BANK_STATEMENTS];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if !cx.yes_no(FactId::CoverEnded).required_quietly()? {
        return Ok(not_applicable(reason::COVER_NOT_ENDED));
    }
    let end = cx.date(FactId::CoverEndDate).required()?;
    if end > as_of {
        return Ok(not_applicable(reason::COVER_NOT_ENDED));
    }
    match cx.yes_no(FactId::CoverEndLowersPremium) {
        Got::Known(true) => {}
        Got::Known(false) => {
            let mut r = needs(false, DOCS, REFS);
            r.reasons.push(reason::NO_CASE_LAW_UNDUE_PORTION);
            return Ok(r);
        }
        g => {
            let mut r = needs(g == Got::Unknown, DOCS, REFS);
            r.reasons.push(reason::CONTRACT_CLAUSE_TO_CHECK);
            return Ok(r);
        }
    }
    let plan = cx.premium_plan().required()?;
    let after = cx.money(FactId::PremiumAfterCoverEnd).required()?;
    let first = cx
        .date(FactId::FirstInstallmentDate)
        .required_in(&[doc::AMORTISATION_TABLE])?;
    let months = cx
        .months(FactId::LoanMonths)
        .required_in(&[doc::AMORTISATION_TABLE])?;
    let stop = cx.premiums_end().map_or(as_of, |e| e.min(as_of));
    let dates = monthly_dates(first, end, stop, months);
    // Each debit kept the premium of its installment (on the outstanding capital, CRD_{k−1} × rate / 12, issue 11
    // point 1); the contract asked the premium after the cover's end: the difference is undue.
    let excess_on = |d| plan.on(d).unwrap_or(after) - after;
    let excess = excess_on(dates.last().copied().unwrap_or(stop));
    let debits: Vec<_> = dates.iter().map(|d| (*d, excess_on(*d))).collect();
    let split = split_debits(&debits, as_of);
    let mut r = result(Verdict::NotEligible);
    // The law in force on the days of the debits (art. 1235/1376 C. civ. before 2016-10-01, 1302 after).
    r.references = match (dates.first(), dates.last()) {
        (Some(f), Some(l)) => params::cite_over(REFS, *f, *l),
        _ => REFS.to_vec(),
    };
    r.documents.extend_from_slice(DOCS);
    r.reasons.push(reason::CONTRACT_LOWERS_PREMIUM);
    if excess.0 <= 0 {
        r.reasons.push(reason::PREMIUM_MATCHES_CONTRACT);
        return Ok(r);
    }
    debits_verdict(&mut r, &split, as_of);
    detail(&mut r, det::CONTRACTUAL_PREMIUM, DetailValue::Cents(after));
    detail(&mut r, det::EXCESS_PER_DEBIT, DetailValue::Cents(excess));
    detail(
        &mut r,
        det::DEBITS_COUNTED,
        DetailValue::Count(split.alive.len() as i64),
    );
    let running = cx.premiums_end().is_none_or(|e| e > as_of);
    let interest = if r.verdict == Verdict::Eligible {
        r.references.push(refs::C_CIV_1352_7);
        refund_interest(cx, &split.alive, |_| false)
    } else {
        None
    };
    interest_reasons(&mut r, &interest);
    if r.verdict != Verdict::NotEligible {
        r.amount = Some(refund_amount(
            &split,
            interest,
            if running { Some(excess) } else { None },
        ));
    }
    Ok(r)
}
