//! The hostile-input catalogue (`tests/hostile/catalogue.json`): inputs chosen to break each parser of outside
//! input (markup, NUL bytes, other scripts' digits, stack bombs, huge values, foreign origins, newer versions),
//! each with the outcome it must get. Runs in the normal test run; the fuzzer (`tests/fuzz.rs`) explores around.

mod crafted;
mod law_cases;
mod parsers;

use std::panic::{self, AssertUnwindSafe};

#[test]
fn every_hostile_input_gets_its_outcome_and_never_a_panic() {
    let text = std::fs::read_to_string("tests/hostile/catalogue.json").expect("catalogue");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("catalogue is JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(
        cases.len() >= 50,
        "the catalogue keeps at least 50 hostile inputs"
    );
    let mut wrong = Vec::new();
    for case in cases {
        let (target, input, expect, why) = (
            case["target"].as_str().unwrap(),
            // A crafted resume code is made here, by the encoder (tests/crafted/mod.rs).
            &crafted::expand(case["input"].as_str().unwrap()),
            case["expect"].as_str().unwrap(),
            case["why"].as_str().unwrap(),
        );
        let parse = parsers::by_name(target).unwrap_or_else(|| panic!("unknown target {target}"));
        let outcome = match panic::catch_unwind(AssertUnwindSafe(|| parse(input))) {
            Ok(r) => r,
            Err(_) => {
                wrong.push(format!("{target} ({why}): panicked"));
                continue;
            }
        };
        let ok = match (expect, &outcome) {
            ("accept", Ok(())) | ("refuse_or_accept", _) => true,
            ("refuse", Err(m)) => !m.starts_with('<'),
            (e, Err(m)) if e.starts_with("refuse:") => m == &e["refuse:".len()..],
            _ => false,
        };
        if !ok {
            wrong.push(format!(
                "{target} ({why}): expected {expect}, got {outcome:?}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} hostile inputs mishandled:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
