//! `after_payoff` (C2): premiums debited after the loan was repaid in full (or after its last installment) are undue.

use super::{
    debits_verdict, decide, detail, interest_reasons, not_applicable, refund_amount,
    refund_interest, result, split_debits, Ctx, Got, Missing,
};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{ClaimResult, DetailValue, Verdict};
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::money::Cents;
use crate::engine::params::{self, refs, LegalRef};

const REFS: &[LegalRef] = &[
    refs::C_CIV_1302,
    refs::C_CIV_2224,
    refs::C_CIV_2228_2229,
    refs::CASS_2E_CIV_2013_07_04,
];
const DOCS: &[doc::Document] = &[doc::PAYOFF_CERTIFICATE, doc::BANK_STATEMENTS];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    // The day after which no premium is due.
    let (end, early) = if cx.yes_no(FactId::RepaidEarly).required_quietly()? {
        (cx.date(FactId::PayoffDate).required()?, true)
    } else {
        let end = cx.loan_end();
        // Not repaid early and known to run still: the claim cannot concern this loan (issue 11 point 4).
        if matches!(end, Got::Known(d) if d >= as_of)
            || (end == Got::Unknown && cx.running_without_schedule())
        {
            return Ok(not_applicable(reason::LOAN_RUNNING));
        }
        (end.required_in(&[doc::AMORTISATION_TABLE])?, false)
    };
    let count = cx.count(FactId::DebitsAfterPayoff).required()?;
    if count == 0 {
        let mut r = result(Verdict::NotEligible);
        r.reasons.push(reason::NO_DEBIT_AFTER_PAYOFF);
        r.references.extend_from_slice(REFS);
        return Ok(r);
    }
    let first = cx.date(FactId::FirstDebitAfterPayoff).required()?;
    let dates: Vec<_> = (0..count)
        .map(|m| first.add_months(i32::try_from(m).unwrap_or(i32::MAX)))
        .filter(|d| *d > end && *d <= as_of)
        .collect();
    // Decision (issue 11 point 4, applicability before information): when every debit is past the 5 years, the
    // claim is time-barred whatever was taken, so a premium that cannot be priced (a rate whose schedule is not
    // known, a debit past that schedule) asks nothing more; such a debit counts as barred, and the contested figure
    // (which would be partial) is left out.
    let all_barred = !dates.is_empty() && dates.iter().all(|d| limitation::is_barred(*d, as_of));
    let (missing, read, notes) = (cx.missing.len(), cx.read.len(), cx.notes.len());
    let plan = match cx.premium_plan() {
        Got::Known(p) => Some(p),
        _ if all_barred => {
            // Nothing of the premium's reading was needed.
            cx.missing.truncate(missing);
            cx.read.truncate(read);
            cx.notes.truncate(notes);
            None
        }
        g => Some(g.required()?),
    };
    // Decision (issue 11 point 1, LAW C2: refund = Σ debits after the payoff; nothing is owed once the loan is repaid,
    // whatever the basis): a premium on the outstanding capital is owed on nothing after the payoff, so every debit
    // is undue in full, and what was debited is what the contract's own schedule of premiums (the insurer's
    // échéancier, which follows the amortisation table as it stood, partial repayment included) asked for on that
    // date: installment k's CRD_{k−1} × rate / 12, the payoff not taken into account by the payee. A debit after the
    // schedule's last installment (a loan that ran to term, or debits past the planned end) is priced at nothing by
    // that schedule, so the rate cannot say what was taken: the claim then needs the premium in euros, from the bank
    // statements (reason `premium_rate_past_schedule`).
    let mut debits: Vec<(crate::engine::date::Date, crate::engine::money::Cents)> =
        Vec::with_capacity(dates.len());
    let mut unpriced = false;
    for d in &dates {
        match plan.as_ref().and_then(|p| p.on(*d)) {
            Some(p) => debits.push((*d, p)),
            None if all_barred => {
                unpriced = true;
                debits.push((*d, Cents(1)));
            }
            None => {
                // The euros "I don't know" is the fact that decides again (the rate cannot stand for it here).
                let _ = cx.need(FactId::PremiumMonthly);
                let mut r = super::needs(true, &[doc::BANK_STATEMENTS], REFS);
                r.reasons.push(reason::PREMIUM_RATE_PAST_SCHEDULE);
                return Ok(r);
            }
        }
    }
    let premium = plan
        .as_ref()
        .and_then(|p| p.on(dates.first().copied().unwrap_or(first)))
        .unwrap_or_default();
    let mut split = split_debits(&debits, as_of);
    if unpriced {
        split.contested = Cents::ZERO;
    }
    let mut r = result(Verdict::NotEligible);
    // The law in force on the days of the debits (art. 1235/1376 C. civ. before 2016-10-01, 1302 after).
    r.references = match (dates.first(), dates.last()) {
        (Some(f), Some(l)) => params::cite_over(REFS, *f, *l),
        _ => REFS.to_vec(),
    };
    r.documents.extend_from_slice(DOCS);
    r.reasons.push(if early {
        reason::DEBITS_AFTER_PAYOFF
    } else {
        reason::DEBITS_AFTER_LOAN_END
    });
    debits_verdict(&mut r, &split, as_of);
    detail(
        &mut r,
        if early {
            det::PAYOFF_DATE
        } else {
            det::LOAN_END
        },
        DetailValue::Date(end),
    );
    detail(
        &mut r,
        det::DEBITS_COUNTED,
        DetailValue::Count(split.alive.len() as i64),
    );
    detail(
        &mut r,
        det::DEBITS_TIME_BARRED,
        DetailValue::Count(split.barred as i64),
    );
    if !unpriced {
        detail(&mut r, det::PREMIUM_DEBITED, DetailValue::Cents(premium));
    }
    if let (Some(f), Some(l)) = (dates.first(), dates.last()) {
        detail(&mut r, det::FIRST_DEBIT, DetailValue::Date(*f));
        detail(&mut r, det::LAST_DEBIT, DetailValue::Date(*l));
    }
    let interest = if r.verdict == Verdict::Eligible {
        // The payee knew once it had the payoff certificate: interest from each later debit (C. civ. 1352-7).
        // "Never told" (no certificate sent) is an answer of its own: interest from the demand, nothing to ask.
        let notice = if cx.peek_yes_no(FactId::PayoffNoticeSent) == Some(false) {
            r.reasons.push(reason::PAYEE_NEVER_TOLD);
            None
        } else {
            match cx.date(FactId::PayoffNoticeDate) {
                Got::Known(n) => Some(n),
                _ => None,
            }
        };
        if notice.is_some() {
            r.documents.push(doc::PAYOFF_NOTICE_PROOF);
        }
        let told = move |d| notice.is_some_and(|n| d > n);
        if split.alive.iter().all(|(d, _)| told(*d)) {
            r.reasons.push(reason::INSURER_WAS_TOLD);
        }
        r.references.push(refs::C_CIV_1352_7);
        refund_interest(cx, &split.alive, told)
    } else {
        None
    };
    interest_reasons(&mut r, &interest);
    if r.verdict != Verdict::NotEligible {
        r.amount = Some(refund_amount(&split, interest, None));
    }
    Ok(r)
}
