//! Resume codes of answers no visitor can type, set directly as an attacker would and encoded by
//! `fragment::encode`, so each has a valid checksum and the current questionnaire's fingerprint: a new question
//! or a format change cannot leave them stale (they used to be written out, and went "older" instead of being
//! refused for what they hold). One source for the `{crafted:<name>}` inputs of `tests/hostile/catalogue.json`
//! and, through `examples/crafted_resume_codes.rs`, for the hostile-host browser test.

use loan_insurance_check::act::fragment::encode;
use loan_insurance_check::engine::{Answer, Answers, Cents, Date, FactId, Value};

fn code(values: &[(FactId, Value)]) -> String {
    let mut a = Answers::default();
    for (f, v) in values {
        a.set(*f, Some(Answer::Known(*v)));
    }
    encode(&a)
}

fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(Date::new(y, m, d).expect("a real date"))
}

/// Every crafted code, by name.
pub fn codes() -> Vec<(&'static str, String)> {
    let premium = |c| (FactId::PremiumMonthly, Value::Money(Cents(c)));
    vec![
        // −25,00 € a month (issue 14: it once restored, with its checksum valid).
        ("negative_premium", code(&[premium(-2500)])),
        // An offer issued in year 1.
        (
            "offer_in_year_1",
            code(&[(FactId::OfferIssueDate, date(1, 1, 1))]),
        ),
        // A cover ending in year 9999.
        (
            "cover_end_in_9999",
            code(&[(FactId::CoverEndDate, date(9999, 1, 1))]),
        ),
        // Both, with a plausible premium.
        (
            "years_1_and_9999",
            code(&[
                (FactId::OfferIssueDate, date(1, 1, 1)),
                (FactId::CoverEndDate, date(9999, 1, 1)),
                premium(2500),
            ]),
        ),
        // A plausible premium alone, which restores (so the refusals above are not a broken encoder).
        ("plausible_premium", code(&[premium(2500)])),
    ]
}

/// `input` with a `{crafted:<name>}` input replaced by its code.
pub fn expand(input: &str) -> String {
    match input
        .strip_prefix("{crafted:")
        .and_then(|s| s.strip_suffix('}'))
    {
        Some(name) => {
            codes()
                .into_iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("no crafted code {name}"))
                .1
        }
        None => input.to_string(),
    }
}
