//! Issue 11 point 2 over every law case: a `needs_info` claim that names an unknown fact carries its low and high
//! amounts over that fact's values, or is in one of the classes `src/engine/claims/resolve.rs` names (the rule is
//! written there): `unbounded`, `waits`, `nothing_owed`. The medical questionnaire has no amount (per person).

mod law_cases;

use loan_insurance_check::engine::{
    check_value, evaluate, evaluate_claim, Answer, Answers, ClaimId, ClaimResult, Date, FactId,
    FactKind, Value, Verdict,
};

/// Values of `f` a visitor could give, for the test's own look (not the resolver's list): both answers, every option,
/// and for a date the first of every month from 45 years before `as_of` to 2 years after.
fn values(f: FactId, answers: &Answers, as_of: Date) -> Vec<Value> {
    let v: Vec<Value> = match f.kind() {
        FactKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactKind::Choice(opts) => opts.iter().map(|o| Value::Choice(o)).collect(),
        // A date known by its month: every day of that month.
        FactKind::Date => match answers.get(f) {
            Some(Answer::Known(Value::Month(m))) => {
                let (first, last) = (m.first_day(), m.last_day());
                (0..=last.days_since(first))
                    .map(|d| Value::Date(first.add_days(d)))
                    .collect()
            }
            _ => (-540..=24)
                .map(|m| Value::Date(as_of.add_months(m)))
                .collect(),
        },
        _ => Vec::new(),
    };
    v.into_iter()
        .filter(|x| check_value(answers, f, x, as_of).is_ok())
        .collect()
}

fn with(answers: &Answers, f: FactId, v: Value) -> Answers {
    let mut a = answers.clone();
    a.set(f, Some(Answer::Known(v)));
    a
}

/// The class of a `needs_info` result naming unknown fact `f` that gives no amount, or why it is in none.
fn class(
    claim: ClaimId,
    f: FactId,
    answers: &Answers,
    as_of: Date,
) -> Result<&'static str, String> {
    if matches!(
        f.kind(),
        FactKind::Money | FactKind::Count | FactKind::Months | FactKind::Percent
    ) {
        return Ok("unbounded");
    }
    let tried: Vec<ClaimResult> = values(f, answers, as_of)
        .into_iter()
        .map(|v| evaluate_claim(claim, &with(answers, f, v), as_of))
        .collect();
    if tried
        .iter()
        .any(|r| !(r.missing.is_empty() && r.unknown_needed.is_empty()) && r.amount.is_none())
    {
        return Ok("waits");
    }
    if tried.iter().all(|r| r.amount.is_none()) {
        return Ok("nothing_owed");
    }
    Err(format!(
        "no value waits on another answer and some give a figure: {:?}",
        tried
            .iter()
            .map(|r| (r.verdict, r.amount.map(|a| (a.low.0, a.high.0))))
            .collect::<Vec<_>>()
    ))
}

/// Why a claim cannot bound its figure whatever the unknown fact is: a figure it prices with is not answered at all
/// (the premium in euros and as a rate, the fee's amount, the loan's length beside no schedule date), so the values
/// tried give no upper bound. `None`: the figures are there, a range is owed.
fn unpriced(claim: ClaimId, a: &Answers) -> Option<&'static str> {
    let absent = |f: FactId| a.get(f).is_none();
    if claim == ClaimId::LenderFees {
        return absent(FactId::LenderFeesAmount).then_some("the fee's amount is not answered");
    }
    if absent(FactId::PremiumMonthly) && absent(FactId::PremiumRate) {
        return Some("the premium is not answered");
    }
    let dated = |f: FactId| matches!(a.get(f), Some(Answer::Known(Value::Date(_))));
    if absent(FactId::LoanMonths)
        && !dated(FactId::FirstInstallmentDate)
        && !dated(FactId::LastInstallmentDate)
    {
        return Some("neither the loan's length nor an installment date is answered");
    }
    None
}

#[test]
fn needs_info_naming_an_unknown_fact_gives_a_range_or_says_why_not() {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut errors = Vec::new();
    let mut seen: Vec<(String, ClaimId, &str)> = Vec::new();
    let mut waits: Vec<String> = Vec::new();
    // Those of `waits` whose figures are all answered: a range is owed.
    let mut unjustified: Vec<String> = Vec::new();
    for (name, as_of, answers) in law_cases::law_cases() {
        let e = evaluate(&answers, as_of);
        for c in &e.claims {
            if c.verdict != Verdict::NeedsInfo
                || c.unknown_needed.is_empty()
                || c.claim == ClaimId::MedicalQuestionnaire
            {
                continue;
            }
            if let Some(a) = c.amount {
                if a.low <= a.high {
                    *counts.entry("ranged").or_default() += 1;
                } else {
                    errors.push(format!(
                        "{name} {}: low {} > high {}",
                        c.claim.id(),
                        a.low.0,
                        a.high.0
                    ));
                }
                continue;
            }
            // The clean answers the claim read (the resolver's input).
            let f = c.unknown_needed[0];
            match class(c.claim, f, &answers, as_of) {
                Ok(k) => {
                    if k == "waits" {
                        let what = format!("{name} {} ({})", c.claim.id(), f.id());
                        match unpriced(c.claim, &answers) {
                            Some(why) => waits.push(format!("{what}: {why}")),
                            None => {
                                unjustified.push(what.clone());
                                waits.push(what);
                            }
                        }
                    }
                    *counts.entry(k).or_default() += 1;
                    seen.push((name.clone(), c.claim, k));
                }
                Err(why) => {
                    errors.push(format!("{name} {} ({f:?}): no range, {why}", c.claim.id()))
                }
            }
        }
    }
    println!("needs_info naming an unknown fact, by class: {counts:?}");
    // The "waits" class (no range: some value of the unknown fact leaves the claim waiting on another answer),
    // listed with the fact, so a change that ranges more of them shows (issue 11 point 2).
    for w in &waits {
        println!("waits: {w}");
    }
    // 34 before the schedule was read from its end (24 of them on an unknown first installment date), 19 after, 16
    // since a value on which nothing is owed as the answers stand counts as a low of 0 € and a value waiting on a
    // question is bounded over that question's values (resolve.rs). Each one left is an exception the test checks:
    // the figure the claim prices is not answered at all, so no value of the unknown fact has an upper bound.
    assert!(
        unjustified.is_empty(),
        "needs_info claims without a range, though the figures they price are answered:\n{}",
        unjustified.join("\n")
    );
    assert!(
        waits.len() <= 16,
        "{} needs_info claims without a range wait on another answer (ceiling 16):\n{}",
        waits.len(),
        waits.join("\n")
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The cases the review named, each in its class (the reason written in resolve.rs).
    for (name, claim, want) in [
        // Refused: the refusal's date, not answered, decides the damages.
        (
            "d2_unknown_switch_decision",
            ClaimId::RefusedSwitch,
            "waits",
        ),
        (
            "d2_unknown_switch_decision",
            ClaimId::DoublePremium,
            "waits",
        ),
        // A recent fee date: the payee, not answered, decides the refund.
        (
            "d2_unknown_fee_date_needs_info",
            ClaimId::LenderFees,
            "waits",
        ),
        // The refund is a number of debits times the premium: it grows with the premium.
        (
            "d2_rate_and_euros_both_unknown",
            ClaimId::AfterPayoff,
            "unbounded",
        ),
        // Time-barred on every day of the month, with different last days.
        (
            "month_after_payoff_time_barred_from_month",
            ClaimId::WrongBasis,
            "nothing_owed",
        ),
    ] {
        let got = seen
            .iter()
            .find(|(n, c, _)| n == name && *c == claim)
            .map(|x| x.2);
        assert_eq!(got, Some(want), "{name} {}", claim.id());
    }
    // Each class is reached by the law cases (the test can tell them apart).
    for k in ["ranged", "unbounded", "waits", "nothing_owed"] {
        assert!(
            counts.contains_key(k),
            "no law case in class {k}: {counts:?}"
        );
    }
}
