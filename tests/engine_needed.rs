//! One property per claim (issue 11 point 2): removing an answer after which the engine reports the claim decided
//! (nothing in `missing`, nothing in `unknown_needed`: the fact was not needed) never changes the claim's verdict,
//! amounts or last day. `profit_sharing` has its own form of it (`check_profit_sharing`): by SPEC §2.7 it is shown
//! from dates it never asks for, so removing one of those can switch it between not shown and shown.
//! Answers are the law cases' dossiers with a few answers changed at random, so the deep paths are reached.

mod law_cases;

use loan_insurance_check::engine::{
    check_value, evaluate_claim, Answer, Answers, Cents, ClaimId, ClaimResult, Date, FactId,
    FactKind, Value, Verdict,
};
use proptest::prelude::*;

fn outcome(c: &ClaimResult) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        c.verdict,
        c.amount.map(|a| (a.low, a.high, a.monthly_accrual)),
        c.amount.and_then(|a| a.interest).map(|i| i.amount),
        c.last_day
    )
}

fn dossiers() -> Vec<(Date, Answers)> {
    law_cases::law_cases()
        .into_iter()
        .map(|(_, d, a)| (d, a))
        .collect()
}

/// A changed answer: a value near the dossier's, or another option.
fn nudge(f: FactId, a: &Answers, k: u32) -> Option<Answer<Value>> {
    Some(Answer::Known(match (f.kind(), a.get(f)) {
        (FactKind::YesNo, Some(Answer::Known(Value::YesNo(b)))) => Value::YesNo(!b),
        (FactKind::YesNo, _) => Value::YesNo(k % 2 == 0),
        (FactKind::Choice(o), _) => Value::Choice(o[k as usize % o.len()]),
        (FactKind::Date, Some(Answer::Known(Value::Date(d)))) => {
            Value::Date(d.add_days(i64::from(k % 4000) - 2000))
        }
        (FactKind::Money, Some(Answer::Known(Value::Money(c)))) => {
            Value::Money(Cents(c.0 * i64::from(k % 5) / 2))
        }
        (FactKind::Count, _) => Value::Count(k % 15),
        _ => return None,
    }))
}

/// The answers v1 yes/no on the refusal's validity beside a history answer that says the opposite: "valid" beside
/// "no reason given", or beside a validity that says otherwise. The questionnaire never asks the yes/no (v1 documents
/// only, which have neither history answer); each answer alone decides, differently, so whichever wins, removing it
/// changes a decided result (refused_switch's `validity` says which wins where they do not contradict each other).
fn legacy_contradicted(a: &Answers) -> bool {
    let Some(Answer::Known(Value::YesNo(valid))) = a.get(FactId::RefusalReasonValid) else {
        return false;
    };
    let reason = a.get(FactId::SwitchRefusalReason);
    let validity = match a.get(FactId::SwitchRefusalValidity) {
        Some(Answer::Known(Value::Choice(v))) => Some(v == "valid"),
        _ => None,
    };
    (valid && reason == Some(Answer::Known(Value::Choice("none_given"))))
        || validity.is_some_and(|v| v != valid)
}

/// A first installment before the offer's signature (or its issue, when the signature is not given): refused at its
/// field (`before_offer_signature`), kept by the evaluation (`checks::sanitised`: each claim reads the one it needs).
/// Each date alone can decide, differently: without the first installment the rules try only first installments on
/// or after the signature (a loan not started yet), without the signature the schedule the first installment gives
/// (seed 3, switch_savings: 19.50 € a month against 24.00 €), so no reading of the pair can pass.
fn first_installment_before_offer(a: &Answers, as_of: Date) -> bool {
    match a.get(FactId::FirstInstallmentDate) {
        Some(Answer::Known(v)) => check_value(a, FactId::FirstInstallmentDate, &v, as_of)
            .is_err_and(|p| p.code() == "before_offer_signature"),
        _ => false,
    }
}

/// A first debit "after the payoff" dated on or before it: refused at its field (`not_after_payoff`) and dropped by
/// the evaluation (the visitor said debits happened after the payoff: the date is asked again). Without the payoff
/// the date is kept, and where another answer bounds the payoff after it (a partial repayment dated after the
/// first debit, itself refused before a payoff) every payoff tried leaves no debit after it: decided, while with
/// both the date is asked (this round's sweep, seed 12). Reading the pair as it is would tell a visitor who counted
/// 11 debits after the payoff that there was none.
fn first_debit_not_after_payoff(a: &Answers, as_of: Date) -> bool {
    match a.get(FactId::FirstDebitAfterPayoff) {
        Some(Answer::Known(v)) => check_value(a, FactId::FirstDebitAfterPayoff, &v, as_of)
            .is_err_and(|p| p.code() == "not_after_payoff"),
        _ => false,
    }
}

/// A law case's dossier with the edits applied, or `None` where the answers contradict each other as below.
fn edited(case: usize, edits: &[(usize, u32)]) -> Option<(Date, Answers)> {
    let all = dossiers();
    let (as_of, base) = &all[case % all.len()];
    let mut a = base.clone();
    for (i, k) in edits {
        let f = FactId::ALL[i % FactId::ALL.len()];
        if let Some(v) = nudge(f, &a, *k) {
            a.set(f, Some(v));
        }
    }
    // Answers that contradict each other where the questionnaire never asks both ("not sent" with a date of the
    // thing sent): removing either leaves a decided result and the two differ, so no rule can pass the property
    // there. The edits can make them; they are left out (issue 11 closing note).
    let never_with_date = |sent: FactId, date: FactId| {
        a.get(sent) == Some(Answer::Known(Value::YesNo(false)))
            && matches!(a.get(date), Some(Answer::Known(_)))
    };
    if never_with_date(FactId::DemandSent, FactId::DemandDate)
        || never_with_date(FactId::PayoffNoticeSent, FactId::PayoffNoticeDate)
        || legacy_contradicted(&a)
        || first_installment_before_offer(&a, *as_of)
        || first_debit_not_after_payoff(&a, *as_of)
    {
        return None;
    }
    Some((*as_of, a))
}

/// Each fact answered with a value (not "I don't know"), with the answers that have it removed.
fn each_known_removed(a: &Answers) -> impl Iterator<Item = (FactId, Answers)> + '_ {
    a.answered()
        .into_iter()
        .filter(|&f| matches!(a.get(f), Some(Answer::Known(_))))
        .map(|f| {
            let mut without = a.clone();
            without.set(f, None);
            (f, without)
        })
}

/// `a` with the profit-sharing question answered `asked`.
fn with_asked(a: &Answers, asked: bool) -> Answers {
    let mut a = a.clone();
    a.set(
        FactId::AskedProfitSharing,
        Some(Answer::Known(Value::YesNo(asked))),
    );
    a
}

fn check(claim: ClaimId, case: usize, edits: &[(usize, u32)]) -> Result<(), TestCaseError> {
    let Some((as_of, a)) = edited(case, edits) else {
        return Ok(());
    };
    if claim == ClaimId::ProfitSharing {
        // The dossiers rarely answer the question: each is tried as it is and with both answers, so the switch
        // (only reachable with the question answered "no") is met.
        for asked in [None, Some(false), Some(true)] {
            let a = match asked {
                Some(b) => with_asked(&a, b),
                None => a.clone(),
            };
            check_profit_sharing(&a, as_of)?;
        }
        return Ok(());
    }
    let with = evaluate_claim(claim, &a, as_of);
    for (f, without) in each_known_removed(&a) {
        let r = evaluate_claim(claim, &without, as_of);
        // Without `f`, the engine says the claim is decided (nothing to ask, no "I don't know" that matters):
        // then `f` was not needed, and giving it must not change anything.
        if !(r.missing.is_empty() && r.unknown_needed.is_empty()) {
            continue;
        }
        prop_assert_eq!(
            outcome(&with),
            outcome(&r),
            "{}: {} was reported as not needed, yet it changes the result (with it: {:?} {:?}; without: {:?} {:?} missing {:?}) on {} as of {}",
            claim.id(),
            f,
            with.reasons,
            with.missing,
            r.reasons,
            r.missing,
            r.unknown_needed,
            a.to_json(),
            as_of
        );
    }
    Ok(())
}

/// `profit_sharing`'s whole result: its verdict, reasons, last day, amount and figures.
fn shown(c: &ClaimResult) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?}",
        c.verdict, c.reasons, c.last_day, c.amount, c.details
    )
}

/// The values a fact of this kind can take, for the facts `profit_sharing` lists as missing.
fn values(f: FactId, as_of: Date) -> Vec<Value> {
    match f.kind() {
        FactKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactKind::Choice(o) => o.iter().map(|c| Value::Choice(c)).collect(),
        FactKind::Date => (1..40)
            .map(|y| Value::Date(as_of.add_days(-365 * y)))
            .collect(),
        FactKind::Money => [0, 100_000, 10_000_000]
            .map(|c| Value::Money(Cents(c)))
            .to_vec(),
        FactKind::Count => (0..15).map(Value::Count).collect(),
        _ => Vec::new(),
    }
}

/// `profit_sharing` (SPEC §2.7) never has money to claim: it is shown (not eligible, with why and the rule's last
/// day) when the visitor asks about it, or unasked for a group contract whose loan ran in the rule's years, and is
/// not applicable otherwise. So the facts it reads without asking (contract type, the loan's dates, the payoff) are
/// never reported as needed, yet removing one can switch it between not shown and shown: the other claims' property
/// cannot hold as such. What must hold instead:
/// - it is only ever not applicable or not eligible, with no amount;
/// - removing a fact reported as not needed changes nothing but that switch; the shown side is then exactly the
///   result of asking about it on the same answers (nothing else of those facts reaches what it says), and the
///   visitor had not asked (asked, it is shown whatever the dates);
/// - every fact it lists as missing changes its result for some value (the question decides something).
fn check_profit_sharing(a: &Answers, as_of: Date) -> Result<(), TestCaseError> {
    let claim = ClaimId::ProfitSharing;
    let asked = |a: &Answers| shown(&evaluate_claim(claim, &with_asked(a, true), as_of));
    let with = evaluate_claim(claim, a, as_of);
    prop_assert!(
        matches!(with.verdict, Verdict::NotApplicable | Verdict::NotEligible)
            && with.amount.is_none(),
        "profit_sharing: {} on {} as of {}",
        shown(&with),
        a.to_json(),
        as_of
    );
    for (f, without) in each_known_removed(a) {
        let r = evaluate_claim(claim, &without, as_of);
        if !(r.missing.is_empty() && r.unknown_needed.is_empty()) || shown(&with) == shown(&r) {
            continue;
        }
        // The shown side (not eligible) with its answers, and the hidden side.
        let (on, on_answers, off) = if with.verdict == Verdict::NotEligible {
            (&with, a, &r)
        } else {
            (&r, &without, &with)
        };
        prop_assert!(
            on.verdict == Verdict::NotEligible
                && off.verdict == Verdict::NotApplicable
                && a.get(FactId::AskedProfitSharing) != Some(Answer::Known(Value::YesNo(true)))
                && shown(on) == asked(on_answers),
            "profit_sharing: {} was reported as not needed, yet removing it does more than show or hide the claim \
             (with it: {}; without: {}; asked about on the shown side's answers: {}) on {} as of {}",
            f,
            shown(&with),
            shown(&r),
            asked(on_answers),
            a.to_json(),
            as_of
        );
    }
    for f in &with.missing {
        let changes = values(*f, as_of).into_iter().any(|v| {
            let mut given = a.clone();
            given.set(*f, Some(Answer::Known(v)));
            shown(&evaluate_claim(claim, &given, as_of)) != shown(&with)
        });
        prop_assert!(
            changes,
            "profit_sharing lists {} as missing, yet no value of it changes its result ({}) on {} as of {}",
            f,
            shown(&with),
            a.to_json(),
            as_of
        );
    }
    Ok(())
}

macro_rules! per_claim {
    ($($name:ident => $claim:expr;)*) => {
        proptest! {
            #![proptest_config(ProptestConfig {
                // 256 since the engine is fast again (24 before): about 50 s in debug on the loaded 2-core machine.
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256),
                failure_persistence: None,
                // A fixed sample, so a CI run is the same run every time. Other seeds: `PROPTEST_RNG_SEED=N`,
                // `PROPTEST_CASES=400` (`--profile server` runs it optimised with unwinding). The seeds move with
                // the law cases (the dossiers are theirs): what each sweep found is a case of
                // tests/cases/property_v3 and property_v4.
                rng_seed: std::env::var("PROPTEST_RNG_SEED")
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .map_or(proptest::test_runner::RngSeed::Fixed(20261201), proptest::test_runner::RngSeed::Fixed),
                ..ProptestConfig::default()
            })]
            $(
                #[test]
                fn $name(case in 0usize..10_000, edits in proptest::collection::vec((0usize..100, 0u32..10_000), 0..4)) {
                    check($claim, case, &edits)?;
                }
            )*
        }
    };
}

per_claim! {
    after_payoff => ClaimId::AfterPayoff;
    after_cover_end => ClaimId::AfterCoverEnd;
    wrong_basis => ClaimId::WrongBasis;
    lender_fees => ClaimId::LenderFees;
    double_premium => ClaimId::DoublePremium;
    refused_switch => ClaimId::RefusedSwitch;
    duty_to_advise => ClaimId::DutyToAdvise;
    switch_savings => ClaimId::SwitchSavings;
    medical_questionnaire => ClaimId::MedicalQuestionnaire;
    profit_sharing => ClaimId::ProfitSharing;
}
