//! The switching-right foundation (SPEC §2.2–2.3, LAW §1, C7); more cases live in tests/cases/switching.

use loan_insurance_check::engine::codes::reason;
use loan_insurance_check::engine::{switching_right, Date, LoanKind, OfferDate, SwitchingRight};

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

#[test]
fn example_a_no_right_in_2015() {
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2014-07-25")),
        d("2015-03-02"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    assert!(v.reasons.contains(&reason::SIGNED_BEFORE_HAMON));
}

#[test]
fn hamon_window_and_its_last_day() {
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2015-03-10")),
        d("2016-03-10"),
    );
    assert_eq!(v.right, SwitchingRight::Hamon);
    assert_eq!(v.hamon_until, Some(d("2016-03-10")));
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2015-03-10")),
        d("2016-03-11"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2014-07-26")),
        d("2014-09-01"),
    );
    assert_eq!(v.right, SwitchingRight::Hamon);
    assert!(v.reasons.contains(&reason::HAMON_TRIGGER_AMBIGUOUS));
}

#[test]
fn consumer_credit_has_none() {
    let v = switching_right(
        LoanKind::Consumer,
        OfferDate::Signed(d("2023-01-10")),
        d("2026-11-27"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    assert_eq!(v.reasons, vec![reason::CONSUMER_CREDIT]);
}

fn right(offer: OfferDate, as_of: &str) -> SwitchingRight {
    switching_right(LoanKind::RealEstate, offer, d(as_of)).right
}

#[test]
fn bourquin_and_lemoine_transitions() {
    use OfferDate::{Issued, Signed};
    // Hamon year over (ended 2018-03-01), all contracts have the annual right from 2018-01-01.
    assert_eq!(
        right(Signed(d("2017-03-01")), "2018-03-31"),
        SwitchingRight::Annual
    );
    // Pre-2017 offer outside its Hamon year: nothing until 2018-01-01, then the annual right.
    assert_eq!(
        right(Signed(d("2016-01-01")), "2017-12-31"),
        SwitchingRight::None
    );
    assert_eq!(
        right(Signed(d("2016-01-01")), "2018-01-01"),
        SwitchingRight::Annual
    );
    assert_eq!(
        right(Signed(d("2016-03-10")), "2017-06-01"),
        SwitchingRight::None
    );
    // Within the Hamon year, whatever the issue date.
    assert_eq!(
        right(Signed(d("2017-03-10")), "2017-06-01"),
        SwitchingRight::Hamon
    );
    // Lemoine offers: any time.
    assert_eq!(
        right(Issued(d("2022-06-01")), "2023-08-01"),
        SwitchingRight::AnyTime
    );
    // An offer issued 2017-03-01 cannot be accepted before 2017-03-12: still at the Lagarde stage.
    assert_eq!(
        right(Issued(d("2017-03-01")), "2017-02-25"),
        SwitchingRight::LagardeAtSigning
    );
}

#[test]
fn uncertain_only_when_an_unknown_date_decides() {
    use OfferDate::{Issued, Signed};
    // Signed 2022-06-15 (issue maybe after 2022-06-01): a year later, AnyTime under both hypotheses.
    assert_eq!(
        right(Signed(d("2022-06-15")), "2023-07-01"),
        SwitchingRight::AnyTime
    );
    // Signed 2016-05-01: issued before 2017-02-22 for sure; in 2017-09 the Hamon year is over.
    assert_eq!(
        right(Signed(d("2016-05-01")), "2017-09-01"),
        SwitchingRight::None
    );
    // Issued 2016-12-01, signature unknown: on 2017-12-10 the Hamon year is open only if signed after 2016-12-10.
    let v = switching_right(
        LoanKind::RealEstate,
        Issued(d("2016-12-01")),
        d("2017-12-10"),
    );
    assert_eq!(v.right, SwitchingRight::Uncertain);
    assert!(v.reasons.contains(&reason::OFFER_SIGNATURE_DATE_NEEDED));
}

/// A person (and the end-to-end tests) tell the questions apart by their heading: the switching history's repeated
/// requests must not share a label (issue 11 point 1).
#[test]
fn every_question_label_is_its_own() {
    for lang in ["fr", "en"] {
        let path = format!("{}/src/i18n/{lang}.law.msg", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(" = ") else {
                continue;
            };
            if key.starts_with("q.") && key.ends_with(".label") {
                if let Some(other) = seen.insert(value, key) {
                    panic!("{lang}: {key} and {other} have the same label \"{value}\"");
                }
            }
        }
        assert!(seen.len() > 60, "{lang}: {} labels", seen.len());
    }
}

/// The answers v1 yes/no on the refusal's validity decides only alone: beside the reason and its validity (two
/// answers to one question), those decide, and removing the yes/no changes nothing (engine_needed's property; the
/// dossier of the law case sv2_single_request_meets_published_list, with a contradicting yes/no added).
#[test]
fn v1_validity_yes_no_beside_the_history_does_not_decide() {
    use loan_insurance_check::engine::{evaluate_claim, Answers, ClaimId, FactId};
    let json = r#"{"version": 1, "loan_kind": "real_estate", "offer_issue_date": "2023-01-02",
        "offer_signature_date": "2023-01-20", "first_installment_date": "2023-03-05", "loan_months": 240,
        "repaid_early": false, "premium_monthly": 9000, "switch_requested": true, "switch_kind": "any_time",
        "switch_request_date": "2025-03-03", "switch_requested_start": "2025-04-01", "switch_decision": "refused",
        "switch_decision_date": "2025-03-10", "switch_refusal_reason": "guarantee_missing",
        "switch_refusal_validity": "meets_published_list", "switch_new_premium": 5000,
        "old_contract_ended": false, "refusal_reason_valid": true}"#;
    let a = Answers::from_json_value(&serde_json::from_str(json).unwrap()).unwrap();
    let as_of = d("2026-11-27");
    let with = evaluate_claim(ClaimId::RefusedSwitch, &a, as_of);
    let mut without = a.clone();
    without.set(FactId::RefusalReasonValid, None);
    let without = evaluate_claim(ClaimId::RefusedSwitch, &without, as_of);
    // (90 − 50) € × 20 debits (05/04/2025 – 05/11/2026), as in the law case.
    assert_eq!(with.amount.map(|x| x.high.0), Some(80_000), "{with:?}");
    assert_eq!(with.amount, without.amount);
    assert_eq!(with.verdict, without.verdict);
    assert!(with
        .reasons
        .contains(&reason::NEW_CONTRACT_MEETS_PUBLISHED_LIST));
    // Alone (an answers v1 document), the yes/no still decides.
    let mut v1 = a.clone();
    v1.set(FactId::SwitchRefusalReason, None);
    v1.set(FactId::SwitchRefusalValidity, None);
    let v1 = evaluate_claim(ClaimId::RefusedSwitch, &v1, as_of);
    assert!(v1.reasons.contains(&reason::REFUSAL_REASON_VALID), "{v1:?}");
}

/// The switching history's request slots are one list (`switching::REQUESTS`): at least three, each slot's facts
/// distinct, every fact of a slot after every fact of the slot before in the questionnaire order, and the
/// questions words of each slot's facts present in both languages.
#[test]
fn the_request_slots_are_one_ordered_list() {
    use loan_insurance_check::engine::switching::{REQUESTS, REQUEST_SLOTS};
    use loan_insurance_check::engine::FactId;
    use loan_insurance_check::i18n::{has, tables, Locale};
    const { assert!(REQUEST_SLOTS >= 3) };
    let facts = |i: usize| {
        let r = REQUESTS[i];
        let mut v = vec![
            r.requested,
            r.kind,
            r.date,
            r.start,
            r.decision,
            r.decision_date,
            r.reason,
            r.validity,
            r.new_premium,
        ];
        v.extend(r.legacy_valid);
        v
    };
    let mut seen = std::collections::HashSet::new();
    for i in 0..REQUEST_SLOTS {
        for f in facts(i) {
            assert!(seen.insert(f), "{f} is in two slots");
            for l in [Locale::Fr, Locale::En] {
                assert!(
                    has(l, tables::q_label(f)) && has(l, tables::q_hint(f)),
                    "{f}: words"
                );
            }
        }
        if i > 0 {
            let first_here = facts(i).iter().map(|f| f.order()).min().unwrap();
            let last_before = facts(i - 1)
                .iter()
                .filter(|f| **f != FactId::SwitchRequested)
                .map(|f| f.order())
                .max()
                .unwrap();
            assert!(
                last_before < first_here,
                "slot {i} is asked before slot {}",
                i - 1
            );
        }
    }
}

/// A later request's dates are checked against the request before (its decision, else its date): the third
/// request's date cannot come before the second's decision, its decision not before its own date.
#[test]
fn a_later_request_s_dates_follow_the_request_before() {
    use loan_insurance_check::engine::checks::check_value;
    use loan_insurance_check::engine::{Answer, Answers, FactId, Value};
    let mut a = Answers::default();
    let set =
        |a: &mut Answers, f: FactId, s: &str| a.set(f, Some(Answer::Known(Value::Date(d(s)))));
    set(&mut a, FactId::SwitchRequestDate, "2024-02-05");
    set(&mut a, FactId::SwitchDecisionDate, "2024-02-12");
    set(&mut a, FactId::Switch2RequestDate, "2024-06-03");
    set(&mut a, FactId::Switch2DecisionDate, "2024-06-10");
    let as_of = d("2026-11-27");
    let v = |s: &str| Value::Date(d(s));
    assert!(check_value(&a, FactId::Switch3RequestDate, &v("2024-06-09"), as_of).is_err());
    assert!(check_value(&a, FactId::Switch3RequestDate, &v("2024-06-10"), as_of).is_ok());
    set(&mut a, FactId::Switch3RequestDate, "2025-09-01");
    assert!(check_value(&a, FactId::Switch3DecisionDate, &v("2025-08-31"), as_of).is_err());
    assert!(check_value(&a, FactId::Switch3DecisionDate, &v("2025-09-08"), as_of).is_ok());
    // A requested start is a planned date: it may lie after as_of.
    assert!(check_value(&a, FactId::Switch3RequestedStart, &v("2027-01-01"), as_of).is_ok());
}
