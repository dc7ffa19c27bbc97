//! Every law case of `tests/cases/**` with valid answers, sorted by name: the shared input of the tests that
//! replay the law cases through something else (letters, dossiers, resume codes, the fuzzer's seeds).
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use loan_insurance_check::engine::{Answers, Date};

/// (name, case) of every case of every file of `tests/cases/**`, as JSON, in the order the files are walked; a case
/// without a name gets "". The raw input of the tests that read the documents themselves (`tests/engine_month.rs`).
pub fn case_documents() -> Vec<(String, serde_json::Value)> {
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
                    out.push((c["name"].as_str().unwrap_or("").to_string(), c.clone()));
                }
            }
        }
    }
    out
}

/// (name, as_of, answers) of every case whose answers parse.
pub fn law_cases() -> Vec<(String, Date, Answers)> {
    let mut out = Vec::new();
    for (name, c) in case_documents() {
        let (Some(_), Some(as_of), Some(answers)) = (
            c["name"].as_str(),
            c["as_of"].as_str().and_then(Date::parse_iso),
            c.get("answers"),
        ) else {
            continue;
        };
        if let Ok(a) = Answers::from_json_value(answers) {
            out.push((name, as_of, a));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
