//! `duty_to_advise` (C8, SPEC §2.12): never a point figure; needs info, range 0 to the benefit refused, see a lawyer.

use super::{decide, detail, not_applicable, result, Ctx, Got, Missing};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{Amount, AmountKind, ClaimResult, DetailValue, Verdict};
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::money::Cents;
use crate::engine::params::{refs, LegalRef};

const REFS: &[LegalRef] = &[
    refs::CASS_ASS_PLEN_2007_03_02,
    refs::CASS_2E_CIV_2020_05_20,
    refs::CASS_2E_CIV_2017_05_18,
    refs::C_CIV_2224,
];
const DOCS: &[doc::Document] = &[
    doc::INSURANCE_NOTICE,
    doc::CLAIM_REFUSAL_LETTER,
    doc::LOAN_OFFER,
];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if !cx.yes_no(FactId::ClaimRefused).required_quietly()? {
        return Ok(not_applicable(reason::NO_CLAIM_REFUSED));
    }
    let refused = cx.date(FactId::ClaimRefusalDate).required()?;
    let mut r = result(Verdict::NeedsInfo);
    r.references.extend_from_slice(REFS);
    r.documents.extend_from_slice(DOCS);
    r.last_day = Some(limitation::last_day(refused));
    detail(&mut r, det::REFUSAL_DATE, DetailValue::Date(refused));
    if limitation::is_barred(refused, as_of) {
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
        return Ok(r);
    }
    match cx.yes_no(FactId::BankWarned) {
        Got::Known(true) => {
            r.verdict = Verdict::NotEligible;
            r.reasons.push(reason::BANK_WARNED);
            return Ok(r);
        }
        Got::Unknown => r.reasons.push(reason::ANSWER_UNKNOWN),
        Got::Known(false) => {}
        // The warning decides first: the benefit is asked only when it can matter.
        Got::Absent => return Ok(r),
    }
    r.reasons.extend([
        reason::LOSS_OF_CHANCE_SET_BY_JUDGE,
        reason::SEE_A_LAWYER,
        reason::LETTER_DOES_NOT_STOP_CLOCK,
        reason::DAMAGES_INTEREST_FROM_JUDGMENT,
    ]);
    if let Got::Known(b) = cx.money(FactId::BenefitRefused) {
        detail(&mut r, det::BENEFIT_REFUSED, DetailValue::Cents(b));
        r.amount = Some(Amount {
            kind: AmountKind::Damages,
            low: Cents::ZERO,
            high: b,
            interest: None,
            contested_high: None,
            monthly_accrual: None,
            estimate_uses_defaults: false,
        });
    }
    Ok(r)
}
