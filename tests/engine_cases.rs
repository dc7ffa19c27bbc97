//! The one harness for the table-driven law cases of tests/cases/**/*.json (STYLE.md E).
//!
//! Each file: `{"scope": "...", "cases": [ ... ]}`. Each case has `name`, `description`, `rule` (the SPEC/LAW section
//! it tests) and `kind` (`evaluate` by default, or `calendar`, `switching`). Only `check` calls the engine.

use loan_insurance_check::engine::{
    self, add_working_days, easter_sunday, is_working_day, switching_right_with, Answers, ClaimId,
    ClaimResult, Date, DetailValue, FactId, LoanKind,
};
use serde_json::Value as J;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// All case files, and every case of them as (file, case).
pub fn all_cases() -> Vec<(PathBuf, J)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut cases = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: J = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(
            doc["scope"].is_string(),
            "{}: a file needs a \"scope\" header",
            f.display()
        );
        for c in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no \"cases\" array", f.display()))
        {
            cases.push((f.clone(), c.clone()));
        }
    }
    cases
}

fn date(v: &J, what: &str) -> Date {
    Date::parse_iso(
        v.as_str()
            .unwrap_or_else(|| panic!("{what}: expected a date string")),
    )
    .unwrap_or_else(|| panic!("{what}: bad date"))
}

fn opt_date(v: &J) -> Option<Date> {
    v.as_str().and_then(Date::parse_iso)
}

struct Failures<'a> {
    name: &'a str,
    errors: Vec<String>,
}

impl Failures<'_> {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, expected: T, got: T) {
        if expected != got {
            self.errors
                .push(format!("{what}: expected {expected:?}, got {got:?}"));
        }
    }
    fn cents(&mut self, what: &str, expected: i64, got: Option<i64>, tol: i64) {
        match got {
            Some(g) if (g - expected).abs() <= tol => {}
            _ => self.errors.push(format!(
                "{what}: expected {expected} ±{tol} cents, got {got:?}"
            )),
        }
    }
}

fn check_claim(f: &mut Failures, c: &ClaimResult, e: &J, tol: Option<i64>) {
    let id = c.claim.id();
    let tol_or = |f: &mut Failures| -> i64 {
        match tol {
            Some(t) => t,
            None => {
                f.errors.push(format!(
                    "{id}: an amount is asserted without \"tolerance_cents\""
                ));
                0
            }
        }
    };
    for (k, v) in e.as_object().expect("claim expectation object") {
        let what = format!("{id}.{k}");
        match k.as_str() {
            "verdict" => f.eq(&what, v.as_str().unwrap(), c.verdict.id()),
            "low" => {
                let t = tol_or(f);
                f.cents(&what, v.as_i64().unwrap(), c.amount.map(|a| a.low.0), t)
            }
            "high" => {
                let t = tol_or(f);
                f.cents(&what, v.as_i64().unwrap(), c.amount.map(|a| a.high.0), t)
            }
            "contested_high" => {
                let t = tol_or(f);
                f.cents(
                    &what,
                    v.as_i64().unwrap(),
                    c.amount.and_then(|a| a.contested_high).map(|x| x.0),
                    t,
                )
            }
            "monthly_accrual" => {
                let t = tol_or(f);
                f.cents(
                    &what,
                    v.as_i64().unwrap(),
                    c.amount.and_then(|a| a.monthly_accrual).map(|x| x.0),
                    t,
                )
            }
            "interest_amount" => {
                let t = tol_or(f);
                f.cents(
                    &what,
                    v.as_i64().unwrap(),
                    c.amount
                        .and_then(|a| a.interest)
                        .and_then(|i| i.amount)
                        .map(|x| x.0),
                    t,
                )
            }
            "interest_known_amount" => {
                let t = tol_or(f);
                let got = c
                    .amount
                    .and_then(|a| a.interest)
                    .and_then(|i| i.known_amount)
                    .map(|x| x.0);
                f.cents(&what, v.as_i64().unwrap(), got, t)
            }
            "interest_known_until" => f.eq(
                &what,
                opt_date(v),
                c.amount
                    .and_then(|a| a.interest)
                    .and_then(|i| i.known_until),
            ),
            "interest_provisional" => f.eq(
                &what,
                v.as_bool(),
                c.amount.and_then(|a| a.interest).map(|i| i.provisional),
            ),
            "interest_start" => f.eq(
                &what,
                v.as_str().map(String::from),
                c.amount.and_then(|a| a.interest).map(|i| {
                    serde_json::to_value(i.start)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                }),
            ),
            "interest_rate" => f.eq(
                &what,
                v.as_i64(),
                c.amount.and_then(|a| a.interest).map(|i| i.rate.0),
            ),
            "no_interest_amount" => f.eq(
                &what,
                true,
                c.amount
                    .and_then(|a| a.interest)
                    .is_some_and(|i| i.amount.is_none()),
            ),
            "no_amount" => f.eq(&what, v.as_bool().unwrap(), c.amount.is_none()),
            "estimate_uses_defaults" => f.eq(
                &what,
                v.as_bool(),
                c.amount.map(|a| a.estimate_uses_defaults),
            ),
            "last_day" => f.eq(&what, opt_date(v), c.last_day),
            "urgent" => f.eq(&what, v.as_bool().unwrap(), c.urgent),
            "reasons" => {
                for r in v.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if !c.reasons.iter().any(|x| x.code() == r) {
                        f.errors
                            .push(format!("{what}: {r} not among {:?}", c.reasons));
                    }
                }
            }
            "reasons_absent" => {
                for r in v.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if c.reasons.iter().any(|x| x.code() == r) {
                        f.errors
                            .push(format!("{what}: {r} present in {:?}", c.reasons));
                    }
                }
            }
            "references" => {
                for r in v.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if !c.references.iter().any(|x| x.id() == r) {
                        f.errors.push(format!("{what}: {r} not cited"));
                    }
                }
            }
            "references_absent" => {
                for r in v.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if c.references.iter().any(|x| x.id() == r) {
                        f.errors.push(format!("{what}: {r} cited"));
                    }
                }
            }
            "documents" => {
                for r in v.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if !c.documents.iter().any(|x| x.code() == r) {
                        f.errors
                            .push(format!("{what}: {r} not among {:?}", c.documents));
                    }
                }
            }
            "missing" => {
                for m in v.as_array().unwrap() {
                    let m = m.as_str().unwrap();
                    if !c.missing.iter().any(|x| x.id() == m) {
                        f.errors
                            .push(format!("{what}: {m} not among {:?}", c.missing));
                    }
                }
            }
            "unknown_needed" => {
                let want: Vec<&str> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap())
                    .collect();
                let got: Vec<&str> = c.unknown_needed.iter().map(|x| x.id()).collect();
                f.eq(&what, want, got);
            }
            "missing_exactly" => {
                let want: Vec<&str> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap())
                    .collect();
                let got: Vec<&str> = c.missing.iter().map(|x| x.id()).collect();
                f.eq(&what, want, got);
            }
            "details" => {
                for (dk, dv) in v.as_object().unwrap() {
                    let got = c
                        .details
                        .iter()
                        .find(|d| d.id.code() == dk)
                        .map(|d| d.value);
                    let ok = match (got, dv) {
                        (Some(DetailValue::Date(d)), J::String(s)) => Some(d) == Date::parse_iso(s),
                        (Some(DetailValue::Cents(x)), J::Number(n)) => {
                            (x.0 - n.as_i64().unwrap()).abs() <= tol.unwrap_or(0)
                        }
                        (Some(DetailValue::Count(x)), J::Number(n)) => Some(x) == n.as_i64(),
                        (Some(DetailValue::Percent(x)), J::Number(n)) => Some(x.0) == n.as_i64(),
                        _ => false,
                    };
                    if !ok {
                        f.errors
                            .push(format!("{what}.{dk}: expected {dv}, got {got:?}"));
                    }
                }
            }
            "per_person" => {
                let want: Vec<&str> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap())
                    .collect();
                let got: Vec<&str> = c.per_person.iter().map(|p| p.verdict.id()).collect();
                f.eq(&what, want, got);
            }
            "insured_outstanding" => {
                let want: Vec<Option<i64>> =
                    v.as_array().unwrap().iter().map(|m| m.as_i64()).collect();
                let got: Vec<Option<i64>> = c
                    .per_person
                    .iter()
                    .map(|p| p.insured_outstanding.map(|x| x.0))
                    .collect();
                f.eq(&what, want, got);
            }
            other => f
                .errors
                .push(format!("{id}: unknown expectation {other:?}")),
        }
    }
}

/// Checks one case; returns the list of failures.
fn check(case: &J) -> Vec<String> {
    let name = case["name"].as_str().expect("name");
    let mut f = Failures {
        name,
        errors: Vec::new(),
    };
    let kind = case["kind"].as_str().unwrap_or("evaluate");
    let e = &case["expect"];
    match kind {
        "calendar" => {
            let d = date(&case["date"], "date");
            match case["op"].as_str().unwrap() {
                "add_working_days" => {
                    let n = case["n"].as_u64().unwrap() as u32;
                    f.eq(
                        "add_working_days",
                        date(e, "expect"),
                        add_working_days(d, n),
                    );
                }
                "add_months" => {
                    let n = case["n"].as_i64().unwrap() as i32;
                    f.eq("add_months", date(e, "expect"), d.add_months(n));
                }
                "add_years" => {
                    let n = case["n"].as_i64().unwrap() as i32;
                    f.eq("add_years", date(e, "expect"), d.add_years(n));
                }
                "is_working_day" => f.eq("is_working_day", e.as_bool().unwrap(), is_working_day(d)),
                "easter" => f.eq("easter", date(e, "expect"), easter_sunday(d.year())),
                "limitation_last_day" => f.eq(
                    "last_day",
                    date(e, "expect"),
                    engine::limitation::last_day(d),
                ),
                other => f.errors.push(format!("unknown calendar op {other}")),
            }
        }
        "switching" => {
            let k = match case["loan_kind"].as_str().unwrap() {
                "consumer" => LoanKind::Consumer,
                _ => LoanKind::RealEstate,
            };
            let as_of = date(&case["as_of"], "as_of");
            let v = switching_right_with(
                k,
                opt_date(&case["issued"]),
                opt_date(&case["signed"]),
                as_of,
            );
            f.eq("right", e["right"].as_str().unwrap(), v.right.id());
            if let Some(h) = e.get("hamon_until") {
                f.eq("hamon_until", opt_date(h), v.hamon_until);
            }
            for r in e["reasons"].as_array().into_iter().flatten() {
                let r = r.as_str().unwrap();
                if !v.reasons.iter().any(|x| x.code() == r) {
                    f.errors
                        .push(format!("reason {r} not among {:?}", v.reasons));
                }
            }
        }
        "evaluate" => {
            let as_of = date(&case["as_of"], "as_of");
            let answers = match Answers::from_json(&case["answers"].to_string()) {
                Ok(a) => a,
                Err(err) => {
                    f.errors.push(format!("answers rejected: {err}"));
                    return f.errors;
                }
            };
            if let Some((fact, p)) = engine::checks::first_problem(&answers, as_of) {
                if !case["allow_invalid_answers"].as_bool().unwrap_or(false) {
                    f.errors
                        .push(format!("answer {fact} fails check_value: {}", p.code()));
                }
            }
            let tol = case.get("tolerance_cents").and_then(|t| t.as_i64());
            if let Some(t) = tol {
                assert!((0..=1).contains(&t), "{name}: tolerance above 1 cent");
            }
            let ev = engine::evaluate(&answers, as_of);
            for (cid, ce) in e["claims"].as_object().into_iter().flatten() {
                let id =
                    ClaimId::from_id(cid).unwrap_or_else(|| panic!("{name}: unknown claim {cid}"));
                check_claim(&mut f, ev.claim(id).unwrap(), ce, tol);
            }
            let missing: Vec<&str> = ev.missing.iter().map(|m| m.fact.id()).collect();
            for m in e["missing"].as_array().into_iter().flatten() {
                let m = m.as_str().unwrap();
                assert!(FactId::from_id(m).is_some(), "{name}: unknown fact {m}");
                if !missing.contains(&m) {
                    f.errors.push(format!("missing: {m} not among {missing:?}"));
                }
            }
            for m in e["not_missing"].as_array().into_iter().flatten() {
                let m = m.as_str().unwrap();
                if missing.contains(&m) {
                    f.errors.push(format!("not_missing: {m} is asked"));
                }
            }
            if let Some(n) = e.get("next_question") {
                let q = engine::next_questions(&answers, as_of);
                f.eq("next_question", n.as_str(), q.first().map(|x| x.id()));
            }
            if let Some(s) = e.get("switching") {
                let got = ev.switching.as_ref().map(|v| v.right.id());
                f.eq("switching.right", s["right"].as_str(), got);
                if let Some(h) = s.get("hamon_until") {
                    f.eq(
                        "switching.hamon_until",
                        opt_date(h),
                        ev.switching.as_ref().and_then(|v| v.hamon_until),
                    );
                }
            }
        }
        other => f.errors.push(format!("unknown kind {other}")),
    }
    let _ = f.name;
    f.errors
}

#[test]
fn law_cases() {
    let cases = all_cases();
    let mut failed = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (file, case) in &cases {
        let name = case["name"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: a case without name", file.display()));
        assert!(names.insert(name.to_string()), "duplicate case name {name}");
        for field in ["description", "rule"] {
            assert!(
                case[field].as_str().is_some_and(|s| !s.is_empty()),
                "{name}: needs a {field}"
            );
        }
        let rule = case["rule"].as_str().unwrap();
        assert!(
            rule.contains("SPEC") || rule.contains("LAW"),
            "{name}: rule must cite SPEC or LAW"
        );
        let errors = check(case);
        if !errors.is_empty() {
            failed.push(format!(
                "--- {name} ({})\n  {}",
                file.display(),
                errors.join("\n  ")
            ));
        }
    }
    assert!(
        cases.len() >= 80,
        "at least 80 cases expected, found {}",
        cases.len()
    );
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}
