//! `wrong_basis` (C4): premium not recalculated after a partial repayment, or billed on the initial capital when the contract says outstanding.

use super::{
    debits_verdict, decide, detail, interest_reasons, monthly_dates, needs, not_applicable,
    refund_amount, refund_interest, result, split_debits, Ctx, Got, Missing, Premium,
};
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::date::Date;
use crate::engine::evaluation::{ClaimResult, DetailValue, Verdict};
use crate::engine::facts::option::PremiumBasis;
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::loan::Loan;
use crate::engine::money::{div_round, to_cents, Cents, Fx, Percent};
use crate::engine::params::{refs, LegalRef};

const REFS: &[LegalRef] = &[refs::C_CIV_1302, refs::C_CIV_2224];
const DOCS: &[doc::Document] = &[
    doc::INSURANCE_NOTICE,
    doc::AMORTISATION_TABLE,
    doc::BANK_STATEMENTS,
];

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    let r = decide(rules(cx), DOCS, REFS);
    // A loan not started is not_applicable (below, in `rules`, when the first installment is given). Where the rules
    // judged the debits not wrongly billed without that date, it still decides between the two verdicts: it is read
    // here, which asks it, so that a first installment after `as_of` is never reported as not needed (engine_needed
    // seed 1 at 400 cases: a loan said repaid early, its payoff date not given). Given, `rules` has already read it.
    if r.verdict == Verdict::NotEligible
        && cx.peek_date(FactId::FirstInstallmentDate).is_none()
        && !repaid_by_now(cx)
    {
        let _ = cx.date(FactId::FirstInstallmentDate);
    }
    r
}

/// A loan repaid in full on a known day up to `as_of` had started: its first installment cannot make it "not
/// started", so that date is neither asked nor read for it (a repaid consumer loan was asked its first installment
/// for nothing: tests/e2e/questionnaire.test.mjs, the keyboard journey).
fn repaid_by_now(cx: &Ctx) -> bool {
    cx.peek_yes_no(FactId::RepaidEarly) == Some(true)
        && cx
            .peek_date(FactId::PayoffDate)
            .is_some_and(|p| p <= cx.as_of)
}

/// A loan whose first installment falls after `as_of` (see `rules`).
fn not_started() -> ClaimResult {
    let mut r = not_applicable(reason::NO_PREMIUM_DEBITED_YET);
    r.references.extend_from_slice(REFS);
    r
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    // Every debit past the limitation decides the claim whatever the basis (issue 11 points 2, 4 and 6).
    // Decision (extends SPEC §2.4 and §2.16): premiums that all ended more than 5 years ago make the claim
    // time_barred with the day the last one ran out; past the 20-year long stop too, the claim cannot concern this
    // loan any more (not_applicable).
    if let Some(end) = cx
        .premiums_end()
        .filter(|e| limitation::is_barred(*e, cx.as_of))
    {
        if !limitation::within_long_stop(end, cx.as_of) {
            let mut r = not_applicable(reason::ALL_DEBITS_PAST_LONG_STOP);
            r.references.push(refs::C_CIV_2232);
            return Ok(r);
        }
        let mut r = result(Verdict::TimeBarred);
        r.reasons
            .extend([reason::LIMITATION_PASSED, reason::ALL_DEBITS_TIME_BARRED]);
        r.references.extend_from_slice(REFS);
        r.last_day = Some(limitation::last_day(end));
        return Ok(r);
    }
    // Decision (issue 11 point 4, extends SPEC §2.4): a loan whose first installment falls after `as_of` has had no
    // premium debited, so none can have been billed on the wrong basis: the claim's triggering event never happened,
    // which is not_applicable (not not_eligible, which judges debits that exist). The date is read only when it
    // decides, so an unknown first installment goes on as before.
    if !repaid_by_now(cx)
        && cx
            .peek_date(FactId::FirstInstallmentDate)
            .is_some_and(|first| first > cx.as_of)
    {
        let _ = cx.date(FactId::FirstInstallmentDate);
        return Ok(not_started());
    }
    if cx.yes_no(FactId::PartialRepayment).required_quietly()? {
        // A partial repayment dated on or after the payoff (the pair `checks::kept_basis` keeps) leaves no debit after
        // it to recalculate: decided without the capital and the premium, as the debits' window is empty whatever they
        // are (engine_questionnaire on property_v4's payoff then partial repayment).
        if let Got::Known(d) = cx.date(FactId::PartialRepaymentDate) {
            if cx.yes_no(FactId::RepaidEarly) == Got::Known(true)
                && cx.date(FactId::PayoffDate).known().is_some_and(|p| p <= d)
            {
                let mut r = result(Verdict::NotEligible);
                r.reasons.push(reason::NO_DEBIT_IN_PERIOD);
                r.references.extend_from_slice(REFS);
                return Ok(r);
            }
        }
        // The basis is read, not peeked: a contract on the outstanding capital is judged on its own rule (billed
        // constant), so whether the premium was recalculated after the partial repayment depends on it. "I don't
        // know" goes on as for the initial capital (the resolver tries both when the claim cannot decide).
        return match cx.option(FactId::PremiumBasis) {
            Got::Known(PremiumBasis::OutstandingCapital) => outstanding_billed_constant(cx),
            _ => partial_not_recalculated(cx),
        };
    }
    if cx.option::<PremiumBasis>(FactId::PremiumBasis).required()?
        == PremiumBasis::OutstandingCapital
    {
        return outstanding_billed_constant(cx);
    }
    let mut r = result(Verdict::NotEligible);
    r.reasons.push(reason::NO_BASIS_ERROR);
    r.references.extend_from_slice(REFS);
    Ok(r)
}

/// Debit dates of installments after `after` (excluded), up to `as_of` and the end of premiums.
fn debit_dates(cx: &mut Ctx, after: Date) -> Option<(Vec<Date>, bool)> {
    let first = cx.first_installment().known()?;
    let months = cx.months(FactId::LoanMonths).known()?;
    let end = cx.premiums_end();
    let stop = end.map_or(cx.as_of, |e| e.min(cx.as_of));
    let running = end.is_none_or(|e| e > cx.as_of);
    Some((
        monthly_dates(first, after.add_days(1), stop, months),
        running,
    ))
}

/// Example G (SPEC §4): the notice recalculates the premium on the new outstanding capital; it was not.
fn partial_not_recalculated(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    let clause = cx.yes_no(FactId::PartialRepaymentClause);
    if clause == Got::Known(false) {
        let mut r = result(Verdict::NotEligible);
        r.reasons.push(reason::NO_RECALCULATION_CLAUSE);
        r.references.extend_from_slice(REFS);
        return Ok(r);
    }
    // The premium as debited, in euros or from a yearly rate of the amount borrowed (issue 11 point 1: C0 × rate / 12,
    // rounded to the cent, SPEC §3): the notice's recalculation scales it by the capital left, whichever way it was
    // given. (A rate of the outstanding capital is judged by `outstanding_billed_constant`; its basis "I don't
    // know" gives `Unknown` here, and the resolver tries both bases.)
    let vals = cx.all([
        FactId::PartialRepaymentDate,
        FactId::OutstandingAfterPartial,
    ]);
    let premium = match cx.premium_plan() {
        Got::Known(Premium::Flat(p)) => Got::Known(p),
        Got::Known(Premium::Outstanding { .. }) | Got::Unknown => Got::Unknown,
        Got::Absent => Got::Absent,
    };
    let c0 = cx.money(FactId::LoanAmount);
    let joined = match (vals, premium, c0) {
        (
            Got::Known(
                [crate::engine::facts::Value::Date(d), crate::engine::facts::Value::Money(o)],
            ),
            Got::Known(p),
            Got::Known(c),
        ) => Got::Known((d, o, p, c)),
        (Got::Absent, _, _) | (_, Got::Absent, _) | (_, _, Got::Absent) => Got::Absent,
        (Got::Known(_), Got::Known(_), Got::Known(_)) => Got::Absent,
        _ => Got::Unknown,
    };
    let (date, out, premium, c0) = match joined {
        Got::Known(v) => v,
        g => {
            let mut r = needs(g == Got::Unknown, DOCS, REFS);
            r.documents
                .extend([doc::PARTIAL_REPAYMENT_NOTICE, doc::NEW_AMORTISATION_TABLE]);
            if clause != Got::Known(true) {
                r.reasons.push(reason::CLAUSE_NOT_CONFIRMED);
            }
            return Ok(r);
        }
    };
    let Some((dates, running)) = debit_dates(cx, date) else {
        return Err(Missing::ABSENT);
    };
    // The premium that should have been debited is itself a debit: rounded to the cent first (SPEC §3).
    let contractual = to_cents(div_round(
        i128::from(premium.0) * i128::from(out.0),
        i128::from(c0.0.max(1)),
    ));
    let excess = premium - contractual;
    let mut r = result(Verdict::NotEligible);
    r.references.extend_from_slice(REFS);
    r.documents.extend_from_slice(DOCS);
    r.documents
        .extend([doc::PARTIAL_REPAYMENT_NOTICE, doc::NEW_AMORTISATION_TABLE]);
    r.reasons.push(reason::PREMIUM_NOT_RECALCULATED);
    detail(
        &mut r,
        det::CONTRACTUAL_PREMIUM,
        DetailValue::Cents(contractual),
    );
    detail(&mut r, det::PREMIUM_DEBITED, DetailValue::Cents(premium));
    if excess.0 <= 0 {
        r.reasons.push(reason::PREMIUM_MATCHES_CONTRACT);
        return Ok(r);
    }
    let debits: Vec<_> = dates.iter().map(|d| (*d, excess)).collect();
    let split = split_debits(&debits, as_of);
    debits_verdict(&mut r, &split, as_of);
    detail(&mut r, det::EXCESS_PER_DEBIT, DetailValue::Cents(excess));
    detail(
        &mut r,
        det::DEBITS_COUNTED,
        DetailValue::Count(split.alive.len() as i64),
    );
    if let (Some(f), Some(l)) = (dates.first(), dates.last()) {
        detail(&mut r, det::FIRST_DEBIT, DetailValue::Date(*f));
        detail(&mut r, det::LAST_DEBIT, DetailValue::Date(*l));
    }
    Ok(finish(
        cx,
        r,
        split,
        if running { Some(excess) } else { None },
        clause,
    ))
}

/// The contract prices on the outstanding capital, yet the same premium is debited every month.
fn outstanding_billed_constant(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    let as_of = cx.as_of;
    // At most one installment fell due before the premiums stopped: the first premium is priced on the whole capital,
    // as a constant billing is, so no debit can exceed what was due, whatever was billed (premium11: a loan repaid
    // days after its first installment, tests/cases/premium_outstanding). The first installment is read first: the
    // schedule needs it anyway, and asked after the billing question it made that question useless.
    if let Got::Known(first) = cx.first_installment() {
        let stop = cx.premiums_end().map_or(as_of, |e| e.min(as_of));
        if first.add_months(1) > stop {
            // The reasons the full reading gives when no debit exceeded what was due.
            let mut r = result(Verdict::NotEligible);
            r.reasons.extend([
                reason::BILLED_ON_INITIAL_NOT_OUTSTANDING,
                reason::NO_DEBIT_IN_PERIOD,
                reason::NO_BASIS_ERROR,
            ]);
            r.references.extend_from_slice(REFS);
            return Ok(r);
        }
    }
    if !cx.yes_no(FactId::PremiumConstant).required()? {
        let mut r = result(Verdict::NotEligible);
        r.reasons.push(reason::NO_BASIS_ERROR);
        r.references.extend_from_slice(REFS);
        return Ok(r);
    }
    let plan = cx.premium_plan().required()?;
    let loan = cx.loan().required()?;
    let end = cx.premiums_end();
    let stop = end.map_or(as_of, |e| e.min(as_of));
    let running = end.is_none_or(|e| e > as_of);
    let paid = loan.installments_through(stop);
    let c0 = Fx::int(loan.amount.0.max(1));
    // What was billed each month, and the contractual premium of installment k. Given in euros: the premium debited,
    // the first one priced on the whole capital, so installment k's is that premium scaled by CRD_{k−1} / C0, rounded to
    // the cent. Given as a yearly rate of the outstanding capital (issue 11 point 1): the basis error itself, billed
    // constant at the rate of the initial capital, C0 × rate / 12, while the contract asks CRD_{k−1} × rate / 12, each
    // rounded to the cent (SPEC §3: a premium that should have been debited is a debit).
    let (premium, rate) = match plan {
        Premium::Flat(p) => (p, None),
        Premium::Outstanding { rate, .. } => (Premium::on_capital(c0, rate), Some(rate)),
    };
    // Installment k's date and what was billed above its contractual premium (on CRD_{k−1}), for the installments
    // paid and the one after: see `excess_schedule`.
    let schedule = excess_schedule(&loan, premium, rate, paid);
    let debits: Vec<(Date, Cents)> = schedule[..paid as usize].to_vec();
    let split = split_debits(&debits, as_of);
    let mut r = result(Verdict::NotEligible);
    r.references.extend_from_slice(REFS);
    r.documents.extend_from_slice(DOCS);
    r.reasons.push(reason::BILLED_ON_INITIAL_NOT_OUTSTANDING);
    if rate.is_some() {
        // The constant premium billed, converted from the rate (the letter names it).
        detail(&mut r, det::PREMIUM_DEBITED, DetailValue::Cents(premium));
    }
    debits_verdict(&mut r, &split, as_of);
    if r.verdict == Verdict::NotEligible {
        // No debit so far exceeded what was due (the first one is priced on the whole capital, which it matches): the
        // premium followed its basis. Said with the initial-capital branch's reason, so that when the basis is unknown
        // the resolver, which keeps the reasons both bases share, still gives one (issue 11 point 4).
        r.reasons.push(reason::NO_BASIS_ERROR);
    }
    detail(
        &mut r,
        det::DEBITS_COUNTED,
        DetailValue::Count(split.alive.len() as i64),
    );
    let next = if running && paid < loan.months {
        Some(schedule[paid as usize].1)
    } else {
        None
    };
    if let Some(n) = next {
        detail(&mut r, det::EXCESS_PER_DEBIT, DetailValue::Cents(n));
    }
    Ok(finish(cx, r, split, next, Got::Known(true)))
}

/// For k = 1 … `paid` + 1: installment k's date and the premium billed less its contractual premium (priced on
/// CRD_{k−1}: at `rate` when the premium is a rate of the outstanding capital, else `premium` scaled by
/// CRD_{k−1} / C0); remembered for the last (loan, premium, rate) asked, whose longer schedule serves a shorter one.
/// The resolver reads the claim again for every value it tries of another fact, on the same loan: this schedule was
/// most of wrong_basis's time (scripts/bench-engine.sh). A memo of a pure function of its key, per thread.
fn excess_schedule(
    loan: &Loan,
    premium: Cents,
    rate: Option<Percent>,
    paid: u32,
) -> Vec<(Date, Cents)> {
    let c0 = Fx::int(loan.amount.0.max(1));
    let contractual = |crd: Fx| -> Cents {
        match rate {
            Some(r) => Premium::on_capital(crd, r),
            None => Fx::int(premium.0).times(crd).over(c0).cents(),
        }
    };
    let compute = || -> Vec<(Date, Cents)> {
        // CRD_0 … CRD_paid: those before each installment paid, and the one before the next.
        let crds = loan.outstanding_each(0..=paid);
        (1..=paid + 1)
            .map(|k| {
                (
                    loan.installment_date(k),
                    premium - contractual(crds[(k - 1) as usize]),
                )
            })
            .collect()
    };
    // In the browser (one evaluation per answer) the memo is not worth its bytes in the first wasm file.
    if cfg!(target_arch = "wasm32") {
        return compute();
    }
    use std::cell::RefCell;
    type Key = (Loan, Cents, Option<Percent>);
    type Memo = Option<(Key, Vec<(Date, Cents)>)>;
    thread_local! {
        static LAST: RefCell<Memo> = const { RefCell::new(None) };
    }
    let key: Key = (*loan, premium, rate);
    let want = paid as usize + 1;
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((k, v)) = last.as_ref() {
            if *k == key && v.len() >= want {
                return v[..want].to_vec();
            }
        }
        let v = compute();
        *last = Some((key, v.clone()));
        v
    })
}

fn finish(
    cx: &mut Ctx,
    mut r: ClaimResult,
    split: super::Debits,
    monthly: Option<Cents>,
    clause: Got<bool>,
) -> ClaimResult {
    let interest = if r.verdict == Verdict::Eligible {
        r.references.push(refs::C_CIV_1352_7);
        refund_interest(cx, &split.alive, |_| false)
    } else {
        None
    };
    interest_reasons(&mut r, &interest);
    if r.verdict != Verdict::NotEligible {
        r.amount = Some(refund_amount(&split, interest, monthly));
    }
    if clause != Got::Known(true) && r.verdict != Verdict::NotEligible {
        // SPEC §4 G: eligible once the clause is confirmed, needs_info until then (the amount is shown).
        if r.verdict == Verdict::Eligible {
            r.verdict = Verdict::NeedsInfo;
        }
        r.reasons.push(reason::CLAUSE_NOT_CONFIRMED);
    }
    r
}
