//! Issue 11 point 6: a last day on every verdict where a limitation applies, `not_eligible` and `time_barred`
//! included, checked over every law case (SPEC §2.4: 5 years from each payment or from the fact judged).

mod law_cases;

use loan_insurance_check::engine::codes::reason::{self, Reason};
use loan_insurance_check::engine::{
    evaluate, evaluate_claim, Answer, ClaimId, FactKind, Value, Verdict,
};

/// The claims that are refunds or damages: a limitation runs against each of them (SPEC §2.4, LAW G1).
const LIMITED: &[ClaimId] = &[
    ClaimId::AfterPayoff,
    ClaimId::AfterCoverEnd,
    ClaimId::WrongBasis,
    ClaimId::LenderFees,
    ClaimId::DoublePremium,
    ClaimId::RefusedSwitch,
    ClaimId::DutyToAdvise,
];

/// The claims judged on one dated fact (a fee paid, a refusal, a refused claim): the limitation runs from that fact
/// whatever the verdict, so `not_eligible` gives its last day too.
const ONE_FACT: &[ClaimId] = &[
    ClaimId::LenderFees,
    ClaimId::RefusedSwitch,
    ClaimId::DutyToAdvise,
];

/// The `not_eligible` verdicts that carry no last day, each with why no limitation runs (SPEC §2.4: the 5 years run
/// from each payment of an undue sum, or from the fact judged). Any other `not_eligible`, on any claim, must carry
/// its last day.
const NO_LIMITATION: &[(ClaimId, Reason, &str)] = &[
    (
        ClaimId::WrongBasis,
        reason::NO_BASIS_ERROR,
        "the premium followed its contractual basis: no sum was unduly paid, so there is no repetition of the undue \
         (C. civ. 1302) for a period to run against",
    ),
    (
        ClaimId::WrongBasis,
        reason::NO_RECALCULATION_CLAUSE,
        "the contract does not recalculate the premium after a partial repayment: the premium debited was due, \
         nothing undue, no period",
    ),
    (
        ClaimId::WrongBasis,
        reason::PREMIUM_MATCHES_CONTRACT,
        "the premium debited is not above the contractual one: nothing undue, no period",
    ),
    (
        ClaimId::AfterPayoff,
        reason::NO_DEBIT_AFTER_PAYOFF,
        "no premium was debited after the payoff: no payment, so no period runs from one",
    ),
    (
        ClaimId::DoublePremium,
        reason::NO_STATUTORY_DEADLINE_YET,
        "the request predates 2014-07-26: no time limit bound the lender, so its delay is no fault and owes no \
         damages; there is no claim for a period to run against",
    ),
];

/// Claims that are no claim on a past payment or fact, so no limitation runs against any of their verdicts: the
/// questionnaire exemption is a right for a new contract signed at `as_of` (SPEC §2.14), switch savings an estimate of
/// future costs (SPEC §2.13, LAW C9: "not a refund").
const NO_LIMITATION_EVER: &[(ClaimId, &str)] = &[
    (
        ClaimId::MedicalQuestionnaire,
        "a right for a new contract, not a sum owed",
    ),
    (
        ClaimId::SwitchSavings,
        "an estimate of future savings, not a refund",
    ),
];

#[test]
fn the_exemptions_are_claims_and_reasons_that_exist() {
    for (c, r, why) in NO_LIMITATION {
        assert!(ClaimId::ALL.contains(c) && reason::ALL.contains(r) && !why.is_empty());
        assert!(
            !ONE_FACT.contains(c),
            "{c:?} is judged on one dated fact: no exemption"
        );
    }
    for (c, why) in NO_LIMITATION_EVER {
        assert!(!LIMITED.contains(c) && !why.is_empty(), "{c:?}");
    }
}

/// Every `not_eligible` over the law cases, on every claim: its last day, or an exemption above.
#[test]
fn every_not_eligible_has_a_last_day_or_says_why_none() {
    let cases = law_cases::law_cases();
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for (name, as_of, answers) in &cases {
        for c in &evaluate(answers, *as_of).claims {
            if c.verdict != Verdict::NotEligible {
                continue;
            }
            let how = if c.last_day.is_some() {
                "last day".to_string()
            } else if NO_LIMITATION_EVER.iter().any(|(id, _)| *id == c.claim) {
                "never limited".to_string()
            } else if let Some((_, r, _)) = NO_LIMITATION
                .iter()
                .find(|(id, r, _)| *id == c.claim && c.reasons.contains(r))
            {
                format!("exempt: {}", r.code())
            } else {
                problems.push(format!(
                    "{name}: {:?} not_eligible without a last day, reasons {:?}",
                    c.claim, c.reasons
                ));
                continue;
            };
            *seen.entry(format!("{:?} {how}", c.claim)).or_insert(0usize) += 1;
        }
    }
    for (k, n) in &seen {
        println!("{n:4} not_eligible {k}");
    }
    // The claims whose not_eligible must carry a last day are exercised with one.
    for id in [
        ClaimId::ProfitSharing,
        ClaimId::LenderFees,
        ClaimId::RefusedSwitch,
    ] {
        assert!(
            seen.contains_key(&format!("{id:?} last day")),
            "{id:?}: no not_eligible with a last day among the law cases"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_limited_verdict_has_its_last_day() {
    let cases = law_cases::law_cases();
    let mut problems = Vec::new();
    let mut counted = [0usize; 3];
    for (name, as_of, answers) in &cases {
        let e = evaluate(answers, *as_of);
        for c in &e.claims {
            let id = c.claim;
            match c.verdict {
                // Time-barred: the day it ran out, before `as_of`.
                Verdict::TimeBarred => {
                    counted[0] += 1;
                    if c.last_day.is_none_or(|d| d >= *as_of) {
                        problems.push(format!(
                            "{name}: {id:?} time_barred, last day {:?}",
                            c.last_day
                        ));
                    }
                }
                // Eligible to a refund or damages: the day to act by, not past.
                Verdict::Eligible if LIMITED.contains(&id) => {
                    counted[1] += 1;
                    if c.last_day.is_none_or(|d| d < *as_of) {
                        problems.push(format!(
                            "{name}: {id:?} eligible, last day {:?}",
                            c.last_day
                        ));
                    }
                }
                Verdict::NotEligible if ONE_FACT.contains(&id) => {
                    counted[2] += 1;
                    if c.last_day.is_none() {
                        problems.push(format!("{name}: {id:?} not_eligible without a last day"));
                    }
                }
                _ => {}
            }
        }
    }
    println!(
        "{} law cases: {} time_barred, {} eligible, {} not_eligible on one dated fact",
        cases.len(),
        counted[0],
        counted[1],
        counted[2]
    );
    assert!(
        counted.iter().all(|n| *n > 0),
        "each kind is exercised: {counted:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A needs_info with a range (an "I don't know" the figure spans) carries the last day of those values (SPEC §2.4,
/// issue 11 point 6): the earliest not past, marked `last_day_earliest_possible` where they differ (the law case
/// `g11_wrong_basis_rate_basis_unknown_constant_ranges_both_bases` derives one by hand). Exempt: the claims no
/// limitation runs against ([`NO_LIMITATION_EVER`]: switch savings' ranged months). With the `not_eligible` and
/// `time_barred` tests above, no verdict where a limitation applies lacks its last day. Where the unknown fact is a
/// yes/no or a choice, no value of it gives a last day not past that is earlier than the one told.
#[test]
fn every_ranged_needs_info_has_the_earliest_last_day() {
    let cases = law_cases::law_cases();
    let mut problems = Vec::new();
    let (mut ranged, mut marked, mut exempt, mut checked) = (0usize, 0usize, 0usize, 0usize);
    for (name, as_of, answers) in &cases {
        for c in &evaluate(answers, *as_of).claims {
            if c.verdict != Verdict::NeedsInfo || c.amount.is_none() || c.unknown_needed.is_empty()
            {
                continue;
            }
            if NO_LIMITATION_EVER.iter().any(|(id, _)| *id == c.claim) {
                exempt += 1;
                continue;
            }
            ranged += 1;
            let Some(day) = c.last_day else {
                problems.push(format!(
                    "{name}: {:?} needs_info {:?} on {:?} without a last day",
                    c.claim,
                    c.amount.map(|a| (a.low, a.high)),
                    c.unknown_needed
                ));
                continue;
            };
            marked += usize::from(c.reasons.contains(&reason::LAST_DAY_EARLIEST_POSSIBLE));
            let &[f] = c.unknown_needed.as_slice() else {
                continue;
            };
            let values: Vec<Value> = match f.kind() {
                FactKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
                FactKind::Choice(o) => o.iter().map(|x| Value::Choice(x)).collect(),
                _ => continue,
            };
            checked += 1;
            for v in values {
                let mut a = answers.clone();
                a.set(f, Some(Answer::Known(v)));
                let r = evaluate_claim(c.claim, &a, *as_of);
                if r.last_day.is_some_and(|d| d >= *as_of && d < day) {
                    problems.push(format!(
                        "{name}: {:?} tells {day}, yet {f} = {v:?} gives {:?}",
                        c.claim, r.last_day
                    ));
                }
            }
        }
    }
    println!(
        "{} law cases: {ranged} ranged needs_info on a limited claim ({marked} marked earliest possible, {checked} \
         checked value by value), {exempt} exempt",
        cases.len()
    );
    assert!(
        ranged > 0 && marked > 0 && checked > 0,
        "each kind is exercised"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
