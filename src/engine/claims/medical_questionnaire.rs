//! `medical_questionnaire` (SPEC §2.14, LAW §3.2): per insured, share of outstanding real-estate loans ≤ 200 000 € and last installment before the 60th birthday.

use super::{decide, detail, not_applicable, real_estate_only, result, Ctx, Got, Missing, Status};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::evaluation::{ClaimResult, DetailValue, PersonResult, Verdict};
use crate::engine::facts::FactId;
use crate::engine::loan::Loan;
use crate::engine::money::{mul_div, Fx, PERCENT_ONE};
use crate::engine::params::{self, refs, LegalRef};

const REFS: &[LegalRef] = &[refs::C_ASSUR_L113_2_1, refs::LOI_LEMOINE_ART_10];
const DOCS: &[doc::Document] = &[doc::AMORTISATION_TABLE, doc::LOAN_OFFER];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    if let Some(r) = real_estate_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    if as_of < params::QUESTIONNAIRE_EXEMPTION_START {
        let mut r = result(Verdict::NotApplicable);
        r.reasons.push(reason::BEFORE_EXEMPTION_LAW);
        r.references.extend_from_slice(REFS);
        return Ok(r);
    }
    if let Status::Closed(_) = cx.status().required()? {
        return Ok(not_applicable(reason::LOAN_CLOSED));
    }
    let last = cx.loan_end().required()?;
    let mut r = result(Verdict::NeedsInfo);
    r.references.extend_from_slice(REFS);
    r.documents.extend_from_slice(DOCS);
    detail(&mut r, det::LAST_INSTALLMENT, DetailValue::Date(last));
    let count = match cx.count(FactId::InsuredCount) {
        Got::Known(n) => n.clamp(1, 2),
        Got::Unknown => {
            r.reasons.push(reason::ANSWER_UNKNOWN);
            return Ok(r);
        }
        Got::Absent => return Ok(r),
    };
    let people = [
        (
            FactId::Person1BirthDate,
            FactId::Person1Share,
            FactId::Person1OtherLoans,
        ),
        (
            FactId::Person2BirthDate,
            FactId::Person2Share,
            FactId::Person2OtherLoans,
        ),
    ];
    // Outstanding capital of this loan today (read only when a person passes the age test).
    let mut outstanding: Option<Got<Fx>> = None;
    for (i, (birth_f, share_f, other_f)) in people.iter().take(count as usize).enumerate() {
        let mut p = PersonResult {
            person: i as u8 + 1,
            verdict: Verdict::NeedsInfo,
            reasons: Vec::new(),
            insured_outstanding: None,
            age_limit_birthday: None,
        };
        let birth = match cx.date(*birth_f) {
            Got::Known(b) => b,
            g => {
                if g == Got::Unknown {
                    p.reasons.push(reason::ANSWER_UNKNOWN);
                }
                r.per_person.push(p);
                continue;
            }
        };
        let limit = birth.add_years(params::QUESTIONNAIRE_AGE_LIMIT);
        p.age_limit_birthday = Some(limit);
        // "antérieure au soixantième anniversaire": strictly before; on the birthday fails.
        if last >= limit {
            p.verdict = Verdict::NotEligible;
            p.reasons.push(reason::ENDS_ON_OR_AFTER_AGE_LIMIT);
            r.per_person.push(p);
            continue;
        }
        let share = cx.percent(*share_f);
        let out = *outstanding.get_or_insert_with(|| current_outstanding(cx));
        let (share, out) = match (share, out) {
            (Got::Known(s), Got::Known(o)) => (s, o),
            (a, b) => {
                if a == Got::Unknown || b == Got::Unknown {
                    p.reasons.push(reason::ANSWER_UNKNOWN);
                }
                r.per_person.push(p);
                continue;
            }
        };
        let this_loan = Fx(mul_div(out.0, i128::from(share.0), PERCENT_ONE)).cents();
        if this_loan > params::QUESTIONNAIRE_CEILING {
            p.verdict = Verdict::NotEligible;
            p.insured_outstanding = Some(this_loan);
            p.reasons.push(reason::OVER_CEILING);
            r.per_person.push(p);
            continue;
        }
        let other = match cx.money(*other_f) {
            Got::Known(o) => o,
            g => {
                if g == Got::Unknown {
                    p.reasons.push(reason::ANSWER_UNKNOWN);
                }
                p.insured_outstanding = Some(this_loan);
                r.per_person.push(p);
                continue;
            }
        };
        let total = this_loan + other;
        p.insured_outstanding = Some(total);
        // "n'excède pas": 200 000 € exactly passes.
        if total <= params::QUESTIONNAIRE_CEILING {
            p.verdict = Verdict::Eligible;
            p.reasons.push(reason::EXEMPT);
        } else {
            p.verdict = Verdict::NotEligible;
            p.reasons.push(reason::OVER_CEILING);
        }
        r.per_person.push(p);
    }
    let exempt = r
        .per_person
        .iter()
        .filter(|p| p.verdict == Verdict::Eligible)
        .count();
    let not = r
        .per_person
        .iter()
        .filter(|p| p.verdict == Verdict::NotEligible)
        .count();
    let pending = r.per_person.len() - exempt - not;
    for p in &r.per_person {
        r.reasons.extend(p.reasons.iter().copied());
    }
    r.verdict = if pending > 0 {
        Verdict::NeedsInfo
    } else if exempt == r.per_person.len() {
        Verdict::Eligible
    } else if exempt > 0 {
        r.reasons.push(reason::EXEMPT_PARTIAL);
        Verdict::Eligible
    } else {
        Verdict::NotEligible
    };
    Ok(r)
}

/// Outstanding capital of this loan on `as_of`: the amount if no installment is paid yet, else CRD_k.
fn current_outstanding(cx: &mut Ctx) -> Got<Fx> {
    let as_of = cx.as_of;
    let (first, amount) = match (
        cx.date(FactId::FirstInstallmentDate),
        cx.money(FactId::LoanAmount),
    ) {
        (Got::Known(f), Got::Known(a)) => (f, a),
        (a, b) => {
            return if a == Got::Absent || b == Got::Absent {
                Got::Absent
            } else {
                Got::Unknown
            };
        }
    };
    // Decision (issue 11 point 1): a loan not started on `as_of` owes the whole amount borrowed; no partial
    // repayment is read for it (one before the first installment would be part of the disbursement), so the answer
    // to that question cannot change this claim.
    if as_of < first {
        return Got::Known(Fx::int(amount.0));
    }
    let loan: Loan = match cx.loan() {
        Got::Known(l) => l,
        Got::Unknown => return Got::Unknown,
        Got::Absent => return Got::Absent,
    };
    Got::Known(loan.outstanding_after(loan.installments_through(as_of)))
}
