//! `double_premium` (C6): overlap days × old premium × 12/365 when the lender's late decision kept the old contract running.

use super::{
    decide, detail, not_applicable, real_estate_only, request_made, result, switch_requested_only,
    Ctx, Got, Missing,
};
use crate::engine::calendar::add_working_days;
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{Amount, AmountKind, ClaimResult, DetailValue, Verdict};
use crate::engine::facts::option::SwitchDecision;
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::money::{div_round, to_cents};
use crate::engine::params::{self, refs, LegalRef};
use crate::engine::switching::REQUESTS;

const REFS: &[LegalRef] = &[
    refs::C_CONSO_L313_31,
    refs::C_ASSUR_L113_12_2,
    refs::C_CIV_2224,
];
const DOCS: &[doc::Document] = &[
    doc::SWITCH_REQUEST_PROOF,
    doc::LENDER_DECISION,
    doc::NEW_CONTRACT,
    doc::OLD_CONTRACT_TERMINATION,
    doc::BANK_STATEMENTS,
];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if let Some(r) = real_estate_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    if let Some(r) = switch_requested_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    // The accepted request of the switching history (issue 11 point 1): a later request is asked only after a
    // refused or unanswered one, so the accepted one, if any, is the last. The overlap runs up to the day the old
    // contract actually ended, that is the switch that succeeded.
    let mut accepted = None;
    for (i, rq) in REQUESTS.iter().enumerate() {
        if !request_made(cx, i, rq) {
            break;
        }
        if cx.option::<SwitchDecision>(rq.decision).required()? == SwitchDecision::Accepted {
            accepted = Some(i);
            break;
        }
    }
    let Some(i) = accepted else {
        return Ok(not_applicable(reason::SWITCH_NOT_ACCEPTED));
    };
    let rq = REQUESTS[i];
    let request = cx.checked_date(rq.date).required()?;
    if request < params::HAMON_START {
        let mut r = result(Verdict::NotEligible);
        r.reasons.push(reason::NO_STATUTORY_DEADLINE_YET);
        // The law in force on the day the lender received the request.
        r.references = params::cite_on(REFS, request);
        return Ok(r);
    }
    let decision = cx.checked_date(rq.decision_date).required()?;
    let ended = cx.yes_no(FactId::OldContractEnded);
    let actual_end = match ended.required()? {
        true => Some(cx.checked_date(FactId::OldContractEndDate).required()?),
        false => None,
    };
    let plan = cx.premium_plan().required()?;
    let premium = plan.now(as_of);
    // L313-31: decision within 10 working days; L113-12-2: old contract ends 10 days after the insurer
    // receives it, or when the new contract starts if later.
    let due = add_working_days(request, params::LENDER_ANSWER_WORKING_DAYS);
    let mut due_end = due.add_days(params::OLD_CONTRACT_END_DAYS);
    let end = actual_end.unwrap_or(as_of);
    // A later requested start only shortens the overlap: it is read only when there is one without it.
    if end > due_end {
        match cx.checked_date(rq.start) {
            Got::Known(s) => due_end = due_end.max(s),
            // "I don't know": the start asked may or may not shorten the overlap; the resolver tries its values and
            // decides when they agree, else gives the range and names it (SPEC §2.17; tests/cases/property_v3).
            Got::Unknown => return Err(Missing::UNKNOWN),
            Got::Absent => return Err(Missing::ABSENT),
        }
    }
    let overlap = end.days_since(due_end).max(0);
    let mut r = result(Verdict::NotEligible);
    // The law in force on the day the lender received the request (L312-9 before 2016-07-01, L313-31 after).
    r.references = params::cite_on(REFS, request);
    r.documents.extend_from_slice(DOCS);
    // A last day on every verdict (issue 11 point 6): 5 years from the lender's decision (LAW C6).
    r.last_day = Some(limitation::last_day(decision));
    detail(&mut r, det::DECISION_DUE, DetailValue::Date(due));
    detail(
        &mut r,
        det::OLD_CONTRACT_DUE_END,
        DetailValue::Date(due_end),
    );
    detail(&mut r, det::OLD_CONTRACT_END, DetailValue::Date(end));
    detail(&mut r, det::OVERLAP_DAYS, DetailValue::Count(overlap));
    detail(
        &mut r,
        det::SWITCH_REQUEST_USED,
        DetailValue::Count(i as i64 + 1),
    );
    r.reasons.push(if decision > due {
        reason::LENDER_LATE
    } else {
        reason::LENDER_ON_TIME
    });
    if actual_end.is_none() {
        r.reasons.push(reason::OLD_CONTRACT_STILL_RUNNING);
    }
    if overlap == 0 {
        r.reasons.push(reason::NO_OVERLAP);
        return Ok(r);
    }
    // Σ over the overlap days of the old premium × 12 / 365, summed exactly and rounded once (SPEC §3). On the
    // outstanding capital (issue 11 point 1) each day is priced at the premium of the installment period it falls in
    // (the installment dated on or before it: CRD_{k−1} × rate / 12); a flat premium gives days × premium.
    let premium_days: i128 = match plan {
        super::Premium::Flat(p) => i128::from(overlap) * i128::from(p.0),
        super::Premium::Outstanding { .. } => {
            let mut sum: i128 = 0;
            let mut day = due_end.add_days(1);
            while day <= end {
                // Past the last installment the contract prices nothing.
                sum += i128::from(plan.on(day).unwrap_or_default().0);
                day = day.add_days(1);
            }
            sum
        }
    };
    let damages = to_cents(div_round(
        premium_days * 12,
        i128::from(params::PRORATA_DAYS_PER_YEAR),
    ));
    // Conservatively, the 5 years run from the lender's decision (LAW C6).
    let last = limitation::last_day(decision);
    r.last_day = Some(last);
    let barred = limitation::is_barred(decision, as_of);
    r.amount = Some(Amount {
        kind: AmountKind::Damages,
        low: if barred { Default::default() } else { damages },
        high: if barred { Default::default() } else { damages },
        interest: None,
        contested_high: if barred && limitation::within_long_stop(decision, as_of) {
            Some(damages)
        } else {
            None
        },
        // Still running: each further month costs one more old premium.
        monthly_accrual: if actual_end.is_none() && !barred {
            Some(premium)
        } else {
            None
        },
        estimate_uses_defaults: false,
    });
    if barred {
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
    } else {
        r.verdict = Verdict::Eligible;
        r.reasons.push(reason::LETTER_DOES_NOT_STOP_CLOCK);
        r.reasons.push(reason::DAMAGES_INTEREST_FROM_JUDGMENT);
    }
    Ok(r)
}
