//! The crafted resume codes of the hostile-host tests (`tests/e2e/hostguard.test.mjs`), made by
//! `fragment::encode` so they cannot drift from the format (a new question changes the fingerprint in every
//! code): answers no visitor can type, set directly as an attacker would, each with a valid checksum. The widget
//! must restore none of them. Prints one JSON object, `{ name: code }`.
//!
//! ```text
//! cargo run --quiet --example crafted_resume_codes
//! ```

use loan_insurance_check::act::fragment::encode;
use loan_insurance_check::engine::{Answer, Answers, Cents, Date, FactId, Value};

fn code(values: &[(FactId, Value)]) -> String {
    let mut a = Answers::default();
    for (f, v) in values {
        a.set(*f, Some(Answer::Known(*v)));
    }
    encode(&a)
}

fn main() {
    let date = |y, m, d| Value::Date(Date::new(y, m, d).expect("a real date"));
    let codes = serde_json::json!({
        // −25,00 € a month (issue 14: it once restored, with its checksum valid).
        "negative_premium": code(&[(FactId::PremiumMonthly, Value::Money(Cents(-2500)))]),
        // An offer issued in year 1 and a cover ending in 9999, with a plausible premium.
        "years_1_and_9999": code(&[
            (FactId::OfferIssueDate, date(1, 1, 1)),
            (FactId::CoverEndDate, date(9999, 1, 1)),
            (FactId::PremiumMonthly, Value::Money(Cents(2500))),
        ]),
        // The same plausible premium alone, which restores (so the refusals above are not a broken encoder).
        "plausible_premium": code(&[(FactId::PremiumMonthly, Value::Money(Cents(2500)))]),
    });
    println!("{codes}");
}
