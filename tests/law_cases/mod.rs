//! Every law case of `tests/cases/**` with valid answers, sorted by name: the shared input of the tests that
//! replay the law cases through something else (letters, dossiers, resume codes, the fuzzer's seeds).
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use loan_insurance_check::engine::{Answers, Date};

/// (name, as_of, answers) of every case whose answers parse.
pub fn law_cases() -> Vec<(String, Date, Answers)> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from("tests/cases")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("tests/cases") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                let doc: serde_json::Value =
                    serde_json::from_str(&fs::read_to_string(&path).expect("case file"))
                        .expect("case JSON");
                for c in doc["cases"].as_array().into_iter().flatten() {
                    let (Some(name), Some(as_of), Some(answers)) = (
                        c["name"].as_str(),
                        c["as_of"].as_str().and_then(Date::parse_iso),
                        c.get("answers"),
                    ) else {
                        continue;
                    };
                    if let Ok(a) = Answers::from_json_value(answers) {
                        out.push((name.to_string(), as_of, a));
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
