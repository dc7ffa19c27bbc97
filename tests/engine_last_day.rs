//! Issue 11 point 6: a last day on every verdict where a limitation applies, `not_eligible` and `time_barred`
//! included, checked over every law case (SPEC §2.4: 5 years from each payment or from the fact judged).

mod law_cases;

use loan_insurance_check::engine::{evaluate, ClaimId, Verdict};

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
