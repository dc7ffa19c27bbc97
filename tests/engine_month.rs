//! Dates known by their month and year only (issue 11 points 1 and 2): the `YearMonth` type, the answers JSON
//! ("YYYY-MM" beside "YYYY-MM-DD", v1 documents reading the same), the field checks (a month is valid if any day of
//! it is), the resume code, the answers schema, and the resolver's promise over the law cases of
//! tests/cases/month_year/: a month decides exactly when all its days agree, else names the fact with a range that
//! covers every day.

mod law_cases;

use loan_insurance_check::act::fragment;
use loan_insurance_check::engine::{
    self, check_value, Answer, Answers, ClaimId, Date, FactId, Value, Verdict, YearMonth,
};
use serde_json::Value as J;
use std::path::Path;

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

#[test]
fn a_month_parses_only_as_yyyy_mm() {
    assert_eq!(YearMonth::parse_iso("2021-03"), Some(ym(2021, 3)));
    assert_eq!(
        YearMonth::parse_iso("2021-12").map(|m| m.to_string()),
        Some("2021-12".into())
    );
    for bad in [
        "2021-3",
        "2021-13",
        "2021-00",
        "0000-01",
        "2021-03-15",
        "21-03",
        "2021/03",
        "",
        "2021-0a",
        "+021-03",
    ] {
        assert_eq!(YearMonth::parse_iso(bad), None, "{bad:?}");
    }
    let feb = ym(2024, 2);
    assert_eq!(
        (feb.day_count(), feb.first_day(), feb.last_day()),
        (29, d("2024-02-01"), d("2024-02-29"))
    );
    assert_eq!(ym(2023, 2).day_count(), 28);
    assert_eq!(ym(2023, 2).day(31), d("2023-02-28"), "end-of-month rule");
    assert!(feb.contains(d("2024-02-10")) && !feb.contains(d("2024-03-01")));
    assert_eq!(YearMonth::of(d("2021-03-15")), ym(2021, 3));
}

#[test]
fn the_days_tried_cover_the_bounds_the_month_end_and_the_breakpoints() {
    let m = ym(2023, 4);
    let days = m.days(&[d("2023-04-10"), d("2026-11-27")]);
    for want in [
        "2023-04-01",
        "2023-04-28",
        "2023-04-29",
        "2023-04-30",
        "2023-04-09",
        "2023-04-10",
        "2023-04-11",
        "2023-04-26",
        "2023-04-27",
    ] {
        assert!(days.contains(&d(want)), "{want} not among {days:?}");
    }
    assert!(
        days.iter().all(|x| m.contains(*x)),
        "only days of the month: {days:?}"
    );
    assert!(days.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
    // Without breakpoints: the first day and the days from the 28th.
    assert_eq!(
        ym(2023, 2).days(&[]),
        vec![d("2023-02-01"), d("2023-02-28")]
    );
}

#[test]
fn answers_json_reads_and_writes_a_month_beside_a_date() {
    let a = Answers::from_json(
        r#"{"version":1,"first_installment_date":"2021-03","last_installment_date":"2041-02-05"}"#,
    )
    .unwrap();
    assert_eq!(
        a.get(FactId::FirstInstallmentDate),
        Some(Answer::Known(Value::Month(ym(2021, 3))))
    );
    assert_eq!(
        a.months,
        [Some(ym(2021, 3)), None],
        "the month lives in its slot, not in the date field"
    );
    assert_eq!(
        a.get(FactId::LastInstallmentDate),
        Some(Answer::Known(Value::Date(d("2041-02-05"))))
    );
    let back: J = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(back["first_installment_date"], "2021-03");
    assert_eq!(back["last_installment_date"], "2041-02-05");
    assert_eq!(Answers::from_json(&a.to_json()).unwrap(), a);
    assert_eq!(
        a.answered(),
        vec![FactId::FirstInstallmentDate, FactId::LastInstallmentDate]
    );
}

#[test]
fn a_month_is_refused_where_the_day_is_needed_and_a_bad_month_everywhere() {
    for (doc, field) in [
        (r#"{"version":1,"payoff_date":"2021-03"}"#, "payoff_date"),
        (
            r#"{"version":1,"person1_birth_date":"1980-05"}"#,
            "person1_birth_date",
        ),
        (
            r#"{"version":1,"first_installment_date":"2021-13"}"#,
            "first_installment_date",
        ),
        (
            r#"{"version":1,"last_installment_date":"2021-3"}"#,
            "last_installment_date",
        ),
    ] {
        let e = Answers::from_json(doc).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{doc}: {e}");
    }
    let e = Answers::from_json(r#"{"version":1,"first_installment_date":"2021-13"}"#).unwrap_err();
    assert!(
        e.message.contains("YYYY-MM"),
        "the message says a month is accepted: {e}"
    );
    let mut a = Answers::default();
    assert!(a
        .try_set(
            FactId::PayoffDate,
            Some(Answer::Known(Value::Month(ym(2021, 3))))
        )
        .is_err());
    assert_eq!(a, Answers::default());
}

#[test]
fn setting_a_date_or_nothing_clears_the_month() {
    let mut a = Answers::default();
    let f = FactId::LastInstallmentDate;
    a.set(f, Some(Answer::Known(Value::Month(ym(2030, 6)))));
    assert_eq!(a.get(f), Some(Answer::Known(Value::Month(ym(2030, 6)))));
    a.set(f, Some(Answer::Known(Value::Date(d("2030-06-05")))));
    assert_eq!(a.get(f), Some(Answer::Known(Value::Date(d("2030-06-05")))));
    assert!(a.months.iter().all(Option::is_none));
    a.set(f, Some(Answer::Known(Value::Month(ym(2030, 7)))));
    a.set(f, Some(Answer::Unknown));
    assert_eq!(a.get(f), Some(Answer::Unknown));
    a.set(f, Some(Answer::Known(Value::Month(ym(2030, 7)))));
    a.set(f, None);
    assert_eq!(a.get(f), None);
    assert_eq!(a, Answers::default());
}

#[test]
fn a_month_is_valid_if_any_day_of_it_is() {
    let as_of = d("2026-11-27");
    let mut a = Answers::default();
    a.set(
        FactId::OfferSignatureDate,
        Some(Answer::Known(Value::Date(d("2014-07-25")))),
    );
    let f = FactId::FirstInstallmentDate;
    // July 2014: the 25th to the 31st are on or after the signature.
    assert_eq!(
        check_value(&a, f, &Value::Month(ym(2014, 7)), as_of),
        Ok(())
    );
    // June 2014: every day is before it; the problem is the one a day gets.
    let p = check_value(&a, f, &Value::Month(ym(2014, 6)), as_of).unwrap_err();
    let day = check_value(&a, f, &Value::Date(d("2014-06-01")), as_of).unwrap_err();
    assert_eq!(p, day);
    assert_eq!(p.code(), "before_offer_signature");
    // Not a fact a month answers.
    assert_eq!(
        check_value(&a, FactId::PayoffDate, &Value::Month(ym(2020, 1)), as_of)
            .unwrap_err()
            .code(),
        "wrong_kind"
    );
}

/// Every answers document of the law cases, as v1 documents.
fn case_answers() -> Vec<(String, J)> {
    law_cases::case_documents()
        .into_iter()
        .filter(|(_, c)| c["answers"].is_object())
        .map(|(name, c)| (name, c["answers"].clone()))
        .collect()
}

fn has_month(doc: &J) -> bool {
    doc.as_object().unwrap().values().any(|v| {
        v.as_str()
            .is_some_and(|s| YearMonth::parse_iso(s).is_some())
    })
}

#[test]
fn every_v1_document_reads_the_same() {
    let all = case_answers();
    assert!(all.len() > 200, "the law cases' answers: {}", all.len());
    let mut with_month = 0;
    for (name, doc) in &all {
        let a = Answers::from_json_value(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Written back, the same document (fields and values), month or not.
        let back = a.to_json_value(FactId::ALL);
        assert_eq!(
            &back, doc,
            "{name}: not the same document once read and written"
        );
        if has_month(doc) {
            with_month += 1;
        } else {
            assert!(
                a.months.iter().all(Option::is_none),
                "{name}: a month where none was written"
            );
        }
    }
    assert!(with_month >= 8, "month cases: {with_month}");
}

#[test]
fn the_resume_code_keeps_a_month_and_old_codes_read_the_same() {
    let a = Answers::from_json(
        r#"{"version":1,"loan_kind":"real_estate","first_installment_date":"unknown","last_installment_date":"2023-03","loan_months":240}"#,
    )
    .unwrap();
    let code = fragment::encode(&a);
    assert_eq!(fragment::decode(&code).unwrap(), a);
    assert_eq!(fragment::restore(&code, d("2026-11-27")).unwrap(), a);
    // The same answers with a day instead: a code of the kind made before months existed.
    let mut b = a.clone();
    b.set(
        FactId::LastInstallmentDate,
        Some(Answer::Known(Value::Date(d("2023-03-05")))),
    );
    assert_eq!(fragment::decode(&fragment::encode(&b)).unwrap(), b);
    assert_ne!(fragment::encode(&a), fragment::encode(&b));
}

#[test]
fn the_answers_schema_offers_a_month_for_the_installment_dates_only() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("www/schema/answers.v1.schema.json"),
    )
    .unwrap();
    let s: J = serde_json::from_str(&text).unwrap();
    assert_eq!(s["$defs"]["month"]["pattern"], "^[0-9]{4}-[0-9]{2}$");
    assert!(s["$defs"]["month"]["description"]
        .as_str()
        .unwrap()
        .contains("YYYY-MM"));
    for f in FactId::ALL {
        let p = &s["properties"][f.id()];
        let refs_month = p["oneOf"]
            .as_array()
            .is_some_and(|alts| alts.iter().any(|x| x["$ref"] == "#/$defs/month"));
        assert_eq!(refs_month, f.allows_month(), "{}", f.id());
    }
    assert!(
        FactId::FirstInstallmentDate.allows_month() && FactId::LastInstallmentDate.allows_month()
    );
    assert!(s["properties"]["first_installment_date"]["description"]
        .as_str()
        .unwrap()
        .contains("YYYY-MM"));
}

/// The month cases' answers with the month replaced by one of its days.
fn with_day(a: &Answers, f: FactId, day: Date) -> Answers {
    let mut b = a.clone();
    b.set(f, Some(Answer::Known(Value::Date(day))));
    b
}

#[test]
fn a_month_decides_exactly_when_all_its_days_agree() {
    let mut checked = 0;
    let mut decided = 0;
    for (name, doc) in case_answers() {
        if !has_month(&doc) {
            continue;
        }
        let as_of = d("2026-11-27");
        let a = Answers::from_json_value(&doc).unwrap();
        let ev = engine::evaluate(&a, as_of);
        let f = *engine::facts::MONTH_FACTS
            .iter()
            .find(|f| matches!(a.get(**f), Some(Answer::Known(Value::Month(_)))))
            .unwrap();
        let Some(Answer::Known(Value::Month(m))) = a.get(f) else {
            unreachable!()
        };
        let days: Vec<_> = (1..=m.day_count())
            .map(|n| engine::evaluate(&with_day(&a, f, m.day(n)), as_of))
            .collect();
        for id in ClaimId::ALL {
            let got = ev.claim(*id).unwrap();
            let each: Vec<_> = days.iter().map(|e| e.claim(*id).unwrap()).collect();
            let same = each.iter().all(|c| {
                c.verdict == each[0].verdict
                    && c.amount.map(|x| (x.low, x.high)) == each[0].amount.map(|x| (x.low, x.high))
                    && c.last_day == each[0].last_day
            });
            if got.unknown_needed.contains(&f) {
                // Named: the days must disagree, and the range covers each day's figures.
                assert!(
                    !same,
                    "{name} {}: names {f} though every day agrees",
                    id.id()
                );
                assert_eq!(got.verdict, Verdict::NeedsInfo);
                if let Some(r) = got.amount {
                    for c in &each {
                        if let Some(x) = c.amount {
                            assert!(
                                r.low <= x.low && x.high <= r.high,
                                "{name} {}: {x:?} outside {r:?}",
                                id.id()
                            );
                        }
                    }
                }
            } else if same && each[0].unknown_needed.is_empty() && each[0].missing.is_empty() {
                // Every day agrees and decides: the month gives that result.
                assert_eq!(got.verdict, each[0].verdict, "{name} {}", id.id());
                assert_eq!(
                    got.amount.map(|x| (x.low, x.high)),
                    each[0].amount.map(|x| (x.low, x.high)),
                    "{name} {}",
                    id.id()
                );
                assert_eq!(got.last_day, each[0].last_day, "{name} {}", id.id());
                decided += 1;
            } else if !same {
                // The days disagree: the month cannot give a decided result.
                assert_eq!(
                    got.verdict,
                    Verdict::NeedsInfo,
                    "{name} {}: decided though its days disagree",
                    id.id()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 80, "claims checked: {checked}");
    assert!(decided >= 8, "claims decided from a month: {decided}");
}
