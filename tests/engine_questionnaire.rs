//! The minimal questionnaire (issue 11 point 5): over every law case, each question the questionnaire asks has two
//! answers that give different results on that dossier; and the number of questions asked on typical dossiers.

mod law_cases;

use loan_insurance_check::engine::{
    evaluate, Answer, Answers, Cents, ClaimResult, Date, Evaluation, FactId, FactKind, Percent,
    Value,
};

/// What a visitor sees of a claim: verdict, figures, last day, and what is still asked or needed.
fn seen(c: &ClaimResult) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        c.verdict,
        c.amount.map(|a| (a.low, a.high, a.monthly_accrual)),
        c.amount.and_then(|a| a.interest).map(|i| i.amount),
        c.last_day,
        c.missing,
        c.unknown_needed,
        c.per_person.iter().map(|p| p.verdict).collect::<Vec<_>>()
    )
}

fn seen_all(e: &Evaluation) -> Vec<String> {
    e.claims.iter().map(seen).collect()
}

/// Values to try for `f` around the dossier's own value.
fn tries(f: FactId, own: Option<Answer<Value>>) -> Vec<Answer<Value>> {
    let mut v: Vec<Answer<Value>> = Vec::new();
    if f.allows_unknown() {
        v.push(Answer::Unknown);
    }
    let own_v = own.and_then(|a| match a {
        Answer::Known(x) => Some(x),
        Answer::Unknown => None,
    });
    let known: Vec<Value> = match f.kind() {
        FactKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactKind::Choice(o) => o.iter().map(|x| Value::Choice(x)).collect(),
        FactKind::Date => {
            let base = match own_v {
                Some(Value::Date(d)) => d,
                _ => Date::new(2022, 6, 15).unwrap(),
            };
            let mut d = vec![base];
            for n in [1, 365, 5 * 365] {
                d.extend([base.add_days(n), base.add_days(-n)]);
            }
            d.into_iter().map(Value::Date).collect()
        }
        FactKind::Money => {
            let base = match own_v {
                Some(Value::Money(c)) => c.0,
                _ => 5_000,
            };
            [base, 0, base * 2 + 1, 30_000_000]
                .iter()
                .map(|c| Value::Money(Cents(*c)))
                .collect()
        }
        FactKind::Percent => [0, 100_000, 1_500_000, 50_000_000, 100_000_000]
            .iter()
            .map(|p| Value::Percent(Percent(*p)))
            .collect(),
        FactKind::Months => [1, 6, 12, 120, 240, 300]
            .iter()
            .map(|m| Value::Months(*m))
            .collect(),
        FactKind::Count => [0, 1, 2, 3, 12, 60]
            .iter()
            .map(|m| Value::Count(*m))
            .collect(),
    };
    v.extend(known.into_iter().map(Answer::Known));
    v
}

#[test]
fn every_question_asked_on_a_law_case_has_two_answers_with_different_results() {
    let cases = law_cases::law_cases();
    assert!(cases.len() > 100, "law cases: {}", cases.len());
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, as_of, full) in &cases {
        // The visitor answers each question from the dossier; a question the dossier has no answer for is left.
        let mut a = Answers::default();
        let mut left: Vec<FactId> = Vec::new();
        for _ in 0..FactId::ALL.len() {
            let e = evaluate(&a, *as_of);
            let Some(f) = e.next_questions.iter().copied().find(|f| !left.contains(f)) else {
                break;
            };
            // The question must matter when it is asked: two answers give different results (a verdict, an
            // amount, a last day, or what must be asked next), given the answers so far and the dossier's answers to
            // the other questions the questionnaire would ask without this one (two facts that only matter together,
            // such as a duration and a first installment date, are asked together).
            let mut now = a.clone();
            loop {
                let mut added = false;
                for g in evaluate(&now, *as_of).next_questions {
                    if g != f && now.get(g).is_none() {
                        if let Some(x) = full.get(g) {
                            now.set(g, Some(x));
                            added = true;
                        }
                    }
                }
                if !added {
                    break;
                }
            }
            let results: Vec<Vec<String>> = tries(f, full.get(f))
                .into_iter()
                .map(|t| {
                    let mut b = now.clone();
                    b.set(f, Some(t));
                    seen_all(&evaluate(&b, *as_of))
                })
                .collect();
            checked += 1;
            if results.iter().all(|r| *r == results[0]) {
                problems.push(format!(
                    "{name}: {f} is asked but no answer changes the result"
                ));
            }
            match full.get(f) {
                Some(ans) => a.set(f, Some(ans)),
                None => left.push(f),
            }
        }
    }
    println!("{checked} questions asked over the law cases");
    assert!(checked > 500, "only {checked} questions checked");
    assert!(
        problems.is_empty(),
        "{} questions of {checked} cannot change a result:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A visitor who knows their whole dossier: every question asked is answered from it ("I don't know" where the
/// dossier has nothing and the question allows it, else the first option).
fn walk(full: &Answers, as_of: Date) -> Vec<FactId> {
    let mut a = Answers::default();
    let mut asked = Vec::new();
    while let Some(f) = evaluate(&a, as_of).next_questions.first().copied() {
        assert!(!asked.contains(&f), "{f} asked twice");
        asked.push(f);
        let ans = full.get(f).unwrap_or_else(|| {
            if f.allows_unknown() {
                Answer::Unknown
            } else {
                Answer::Known(match f.kind() {
                    FactKind::YesNo => Value::YesNo(false),
                    FactKind::Choice(o) => Value::Choice(o[0]),
                    FactKind::Count => Value::Count(1),
                    _ => unreachable!("{f}"),
                })
            }
        });
        a.set(f, Some(ans));
    }
    asked
}

/// Three typical dossiers (SPEC §4 D, G and a mortgage repaid in 2020): how many questions they are asked.
/// The counts are budgets: a change that asks more fails here (issue 11's closing note gives before/after).
#[test]
fn questions_asked_on_typical_dossiers() {
    let as_of = Date::new(2026, 11, 27).unwrap();
    let dossiers: &[(&str, &str, usize)] = &[
        (
            "D: after payoff, insurer told",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"delegated","premium_monthly":2500,"repaid_early":true,"payoff_date":"2023-03-15","payoff_notice_date":"2023-03-20","debits_after_payoff":11,"first_debit_after_payoff":"2023-04-05","partial_repayment":false,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1}"#,
            QUESTIONS_D,
        ),
        (
            "G: wrong basis after a partial repayment",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","loan_amount":25000000,"loan_months":300,"loan_rate":1500000,"first_installment_date":"2019-02-15","repaid_early":false,"partial_repayment":true,"partial_repayment_date":"2022-01-10","outstanding_after_partial":12542476,"premium_monthly":6250,"premium_basis":"initial_capital","partial_repayment_clause":true,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1,"person1_birth_date":"1980-05-05","person1_share":100000000,"person1_smoker":false,"person1_other_loans":0,"quote_premium":3000,"switch_one_off_fees":0}"#,
            QUESTIONS_G,
        ),
        (
            "Repaid in 2020, nothing after",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","premium_monthly":4000,"repaid_early":true,"payoff_date":"2020-06-10","debits_after_payoff":0,"partial_repayment":false,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1}"#,
            QUESTIONS_2020,
        ),
    ];
    for (what, json, budget) in dossiers {
        let full = Answers::from_json(json).unwrap();
        let asked = walk(&full, as_of);
        println!(
            "{what}: {} questions: {}",
            asked.len(),
            asked.iter().map(|f| f.id()).collect::<Vec<_>>().join(", ")
        );
        assert!(
            asked.len() <= *budget,
            "{what}: {} questions asked, budget {budget}: {asked:?}",
            asked.len()
        );
    }
}

const QUESTIONS_D: usize = 14;
// 22 since the wrong-basis claim reads the premium basis after a partial repayment (a contract on the outstanding
// capital is judged by its own rule: deciding `no_recalculation_clause` without it was wrong, tests/engine_needed.rs).
const QUESTIONS_G: usize = 22;
const QUESTIONS_2020: usize = 9;
