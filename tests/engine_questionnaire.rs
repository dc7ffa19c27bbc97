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

/// Typical dossiers (SPEC §4 D, G, a mortgage repaid in 2020, and a running mortgage with no switch request, one
/// refused request, two requests and a later switch): how many questions they are asked, before issue 11 and now.
/// Both counts are asserted: a change that asks more or fewer fails here and must be acknowledged by updating the
/// count (issue 11's closing note gives "the number of questions asked on three typical dossiers before and after").
#[test]
fn questions_asked_on_typical_dossiers() {
    let as_of = Date::new(2026, 11, 27).unwrap();
    // (what, answers, questions before issue 11, questions now)
    let dossiers: &[(&str, &str, usize, usize)] = &[
        (
            "D: after payoff, insurer told",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"delegated","premium_monthly":2500,"repaid_early":true,"payoff_date":"2023-03-15","payoff_notice_date":"2023-03-20","debits_after_payoff":11,"first_debit_after_payoff":"2023-04-05","partial_repayment":false,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1}"#,
            BEFORE_D,
            QUESTIONS_D,
        ),
        (
            "G: wrong basis after a partial repayment",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","loan_amount":25000000,"loan_months":300,"loan_rate":1500000,"first_installment_date":"2019-02-15","repaid_early":false,"partial_repayment":true,"partial_repayment_date":"2022-01-10","outstanding_after_partial":12542476,"premium_monthly":6250,"premium_basis":"initial_capital","partial_repayment_clause":true,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1,"person1_birth_date":"1980-05-05","person1_share":100000000,"person1_smoker":false,"person1_other_loans":0,"quote_premium":3000,"switch_one_off_fees":0}"#,
            BEFORE_G,
            QUESTIONS_G,
        ),
        (
            "Repaid in 2020, nothing after",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","premium_monthly":4000,"repaid_early":true,"payoff_date":"2020-06-10","debits_after_payoff":0,"partial_repayment":false,"cover_ended":false,"lender_fees_paid":false,"switch_requested":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1}"#,
            BEFORE_2020,
            QUESTIONS_2020,
        ),
        (
            "Running mortgage, no switch request",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","offer_issue_date":"2023-01-02","offer_signature_date":"2023-01-20","first_installment_date":"2023-03-05","loan_months":240,"loan_amount":25000000,"loan_rate":3500000,"repaid_early":false,"partial_repayment":false,"premium_monthly":9000,"premium_basis":"initial_capital","cover_ended":false,"lender_fees_paid":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1,"person1_birth_date":"1985-03-10","person1_share":100000000,"person1_smoker":false,"person1_other_loans":0,"quote_premium":2000,"switch_one_off_fees":0,"switch_requested":false}"#,
            BEFORE_NO_REQUEST,
            QUESTIONS_NO_REQUEST,
        ),
        (
            "Running mortgage, one request refused without a reason",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","offer_issue_date":"2023-01-02","offer_signature_date":"2023-01-20","first_installment_date":"2023-03-05","loan_months":240,"loan_amount":25000000,"loan_rate":3500000,"repaid_early":false,"partial_repayment":false,"premium_monthly":9000,"premium_basis":"initial_capital","cover_ended":false,"lender_fees_paid":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1,"person1_birth_date":"1985-03-10","person1_share":100000000,"person1_smoker":false,"person1_other_loans":0,"quote_premium":2000,"switch_one_off_fees":0,"switch_requested":true,"switch_kind":"any_time","switch_request_date":"2025-03-03","switch_requested_start":"2025-04-01","switch_decision":"refused","switch_decision_date":"2025-03-10","switch_refusal_reason":"none_given","refusal_reason_valid":false,"switch_new_premium":5000,"old_contract_ended":false,"switch2_requested":false}"#,
            BEFORE_ONE_REFUSED,
            QUESTIONS_ONE_REFUSED,
        ),
        (
            "Running mortgage, a valid refusal, then a second request accepted and a switch",
            r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","offer_issue_date":"2023-01-02","offer_signature_date":"2023-01-20","first_installment_date":"2023-03-05","loan_months":240,"loan_amount":25000000,"loan_rate":3500000,"repaid_early":false,"partial_repayment":false,"premium_monthly":9000,"premium_basis":"initial_capital","cover_ended":false,"lender_fees_paid":false,"claim_refused":false,"asked_profit_sharing":false,"insured_count":1,"person1_birth_date":"1985-03-10","person1_share":100000000,"person1_smoker":false,"person1_other_loans":0,"quote_premium":2000,"switch_one_off_fees":0,"switch_requested":true,"switch_kind":"any_time","switch_request_date":"2025-01-06","switch_requested_start":"2025-02-01","switch_decision":"refused","switch_decision_date":"2025-01-13","switch_refusal_reason":"guarantee_missing","switch_refusal_validity":"valid","refusal_reason_valid":true,"switch_new_premium":3000,"switch2_requested":true,"switch2_kind":"any_time","switch2_request_date":"2025-03-03","switch2_requested_start":"2025-04-15","switch2_decision":"accepted","switch2_decision_date":"2025-03-10","switch2_new_premium":3000,"old_contract_ended":true,"old_contract_end_date":"2025-04-15","premium_since_switch":3000}"#,
            BEFORE_TWO_AND_SWITCH,
            QUESTIONS_TWO_AND_SWITCH,
        ),
    ];
    let mut wrong = Vec::new();
    for (what, json, before, now) in dossiers {
        let full = Answers::from_json(json).unwrap();
        let asked = walk(&full, as_of);
        println!(
            "{what}: {before} -> {} questions: {}",
            asked.len(),
            asked.iter().map(|f| f.id()).collect::<Vec<_>>().join(", ")
        );
        if asked.len() != *now {
            wrong.push(format!(
                "{what}: {} questions asked, {now} expected: {asked:?}",
                asked.len()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "the question counts changed (update the QUESTIONS_ constants if that is meant):\n{}",
        wrong.join("\n")
    );
}

// Questions asked now (main after issue 11).
const QUESTIONS_D: usize = 14;
// 22 since the wrong-basis claim reads the premium basis after a partial repayment (a contract on the outstanding
// capital is judged by its own rule: deciding `no_recalculation_clause` without it was wrong, tests/engine_needed.rs).
const QUESTIONS_G: usize = 22;
const QUESTIONS_2020: usize = 9;
// The switching dossiers: last session's note gave 19, 29 and 34 for dossiers of these three shapes that were not kept
// in the tests; these are written out above, so their counts can be checked again.
const QUESTIONS_NO_REQUEST: usize = 19;
const QUESTIONS_ONE_REFUSED: usize = 28;
const QUESTIONS_TWO_AND_SWITCH: usize = 32;

// Questions asked before issue 11: measured on commit 836bf93 (the parent of 87d0165, the first issue 11 commit) by
// the same walk with that engine's `next_questions` (the evaluation did not carry them yet), each dossier stripped of
// the answers that engine had no fact for (the switching history's kinds, reasons, second request, premium since).
// D, G and 2020 (14, 21, 11) are also the figures of the stop-17 note. That engine had one switch request and no
// refusal reason or kind: the last dossier is, for it, one request refused for a valid reason (its second request
// and the switch could not be told), so its "before" is a lower bound of what telling it all would have cost.
const BEFORE_D: usize = 14;
const BEFORE_G: usize = 21;
const BEFORE_2020: usize = 11;
const BEFORE_NO_REQUEST: usize = 19;
const BEFORE_ONE_REFUSED: usize = 26;
const BEFORE_TWO_AND_SWITCH: usize = 23;
