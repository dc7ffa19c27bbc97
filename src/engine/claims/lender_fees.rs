//! `lender_fees` (C5, SPEC §2.9): fees paid to the lender for a delegation or substitution, by date of payment.

use super::{decide, detail, interest_on, interest_reasons, not_applicable, result, Ctx, Missing};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{
    Amount, AmountKind, ClaimResult, DetailValue, InterestStart, Verdict,
};
use crate::engine::facts::option::FeePayee;
use crate::engine::facts::FactId;
use crate::engine::interest::rate_on;
use crate::engine::limitation;
use crate::engine::money::{Cents, Percent};
use crate::engine::params::{self, refs, LegalRef};
use crate::engine::switching::LoanKind;

const REFS: &[LegalRef] = &[
    refs::C_CONSO_L313_31,
    refs::LOI_HAMON_ART_54,
    refs::C_CIV_2224,
];
const DOCS: &[doc::Document] = &[doc::FEE_INVOICE, doc::AVENANT, doc::BANK_STATEMENTS];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if !cx.yes_no(FactId::LenderFeesPaid).required_quietly()? {
        return Ok(not_applicable(reason::NO_FEES_PAID));
    }
    // The date first: a fee paid before any ban, or more than 5 years ago, is decided whoever was paid and
    // whatever the amount (issue 11 point 2); the last day is given on every such verdict (point 6).
    let paid = cx.date(FactId::LenderFeesDate).required()?;
    let mut r = result(Verdict::NotEligible);
    // The law in force on the day the fee was paid (L312-9 before 2016-07-01, L313-31 after).
    r.references = params::cite_on(REFS, paid);
    r.documents.extend_from_slice(DOCS);
    detail(&mut r, det::FEE_DATE, DetailValue::Date(paid));
    r.last_day = Some(limitation::last_day(paid));
    if paid < params::LENDER_FEE_BAN_UNCERTAIN_START {
        r.reasons.push(reason::FEES_BEFORE_BAN);
        return Ok(r);
    }
    let barred = limitation::is_barred(paid, as_of);
    if barred {
        // Decision (extends SPEC §2.4): past the 5 years the claim is time_barred whoever was paid; the contested
        // figure is shown when the amount is already known (it is not asked for).
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
        if paid < params::LENDER_FEE_BAN_START {
            r.reasons.push(reason::FEE_BAN_DATE_UNCONFIRMED);
            r.references.push(refs::LOI_2013_672);
        }
        let fee = cx.peek_money(FactId::LenderFeesAmount);
        let within = limitation::within_long_stop(paid, as_of);
        if within && fee.is_some() {
            r.reasons.push(reason::CONTESTED_LATER_DISCOVERY);
        }
        r.amount = Some(Amount {
            kind: AmountKind::Refund,
            low: Cents::ZERO,
            high: Cents::ZERO,
            interest: None,
            contested_high: fee.filter(|_| within),
            monthly_accrual: None,
            estimate_uses_defaults: false,
        });
        return Ok(r);
    }
    let kind = cx.loan_kind().required_quietly()?;
    if cx.option::<FeePayee>(FactId::LenderFeesPayee).required()? != FeePayee::Lender {
        r.reasons.push(reason::FEES_NOT_TO_LENDER);
        return Ok(r);
    }
    let fee = cx.money(FactId::LenderFeesAmount).required()?;
    let certain_ban = paid >= params::LENDER_FEE_BAN_START;
    if !certain_ban {
        r.reasons.push(reason::FEE_BAN_DATE_UNCONFIRMED);
        r.references.push(refs::LOI_2013_672);
    }
    if kind == LoanKind::Consumer {
        r.reasons.push(reason::CONSUMER_CREDIT_FEES_UNSETTLED);
    }
    let mut amount = Amount {
        kind: AmountKind::Refund,
        low: fee,
        high: fee,
        interest: None,
        contested_high: None,
        monthly_accrual: None,
        estimate_uses_defaults: false,
    };
    r.verdict = if certain_ban && kind == LoanKind::RealEstate {
        r.reasons.push(reason::FEES_TO_LENDER_BANNED);
        Verdict::Eligible
    } else {
        Verdict::NeedsInfo
    };
    r.reasons.push(reason::LETTER_DOES_NOT_STOP_CLOCK);
    // A banned fee is charged knowingly: interest from the payment (C. civ. 1352-7; SPEC §4 E).
    r.references.push(refs::C_CIV_1352_7);
    let interest = Some(interest_on(
        &[(fee, paid)],
        as_of,
        InterestStart::EachPayment,
        rate_on(as_of).unwrap_or(Percent(0)),
    ));
    interest_reasons(&mut r, &interest);
    amount.interest = interest;
    r.amount = Some(amount);
    Ok(r)
}
