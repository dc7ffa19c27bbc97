//! The CLI and the two JSON formats: good and bad inputs (exit 2, the field named), schemas that cannot drift from the
//! engine (answers schema generated from `FactId::ALL`; UPDATE_SCHEMAS=1 rewrites it), and every case file's answers
//! and every printed result validated against the schemas by a small JSON Schema checker.

use loan_insurance_check::engine::{FactId, FactKind};
use serde_json::{json, Value as J};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_loan-insurance-check");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("run the binary");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let o = child.wait_with_output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = root().join("target/engine/cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

// ---------- the answers schema, generated from the facts ----------

fn kind_schema(k: FactKind) -> J {
    match k {
        FactKind::Date => json!({"$ref": "#/$defs/date"}),
        FactKind::Money => json!({"$ref": "#/$defs/cents"}),
        FactKind::Percent => json!({"$ref": "#/$defs/percent"}),
        FactKind::Months => json!({"$ref": "#/$defs/months"}),
        FactKind::Count => json!({"$ref": "#/$defs/count"}),
        FactKind::YesNo => json!({"type": "boolean"}),
        FactKind::Choice(o) => json!({"enum": o}),
    }
}

fn expected_answers_schema() -> J {
    let mut props = serde_json::Map::new();
    props.insert(
        "version".into(),
        json!({"const": 1, "description": "Format version."}),
    );
    for f in FactId::ALL {
        let base = kind_schema(f.kind());
        // A date known by its month only (issue 11): "YYYY-MM" beside "YYYY-MM-DD".
        let mut alts = vec![base];
        if f.allows_month() {
            alts.push(json!({"$ref": "#/$defs/month"}));
        }
        if f.allows_unknown() {
            alts.push(json!({"const": "unknown"}));
        }
        let mut p = if alts.len() > 1 {
            json!({ "oneOf": alts })
        } else {
            alts.remove(0)
        };
        let group = serde_json::to_value(f.group()).unwrap();
        let obj = p.as_object_mut().unwrap();
        obj.insert("description".into(), J::String(f.description().into()));
        obj.insert("x-group".into(), group);
        props.insert(f.id().into(), p);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:loan-insurance-check:answers:v1",
        "title": "Loan insurance check: answers v1",
        "description": "The visitor's answers. An absent field is not answered yet; the string \"unknown\" means \"I don't know\" (only where the field allows it). Money is in integer euro cents, percentages in millionths of a percent (50 % = 50000000), dates YYYY-MM-DD (the installment dates also YYYY-MM, a date known by its month and year only, added without a new version: every v1 document reads the same). Unknown fields are rejected. Generated from engine::FactId (tests/cli.rs).",
        "type": "object",
        "required": ["version"],
        "additionalProperties": false,
        "properties": props,
        "$defs": {
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A real civil date YYYY-MM-DD."},
            "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "A month and year YYYY-MM (month 01 to 12): a date known by its month only; the engine tries the 28 to 31 days it may be and decides when they agree."},
            "cents": {"type": "integer", "minimum": 0, "description": "Euro cents."},
            "percent": {"type": "integer", "minimum": 0, "description": "Millionths of a percent."},
            "months": {"type": "integer", "minimum": 0, "maximum": 4294967295u64},
            "count": {"type": "integer", "minimum": 0, "maximum": 4294967295u64}
        }
    })
}

fn schema(name: &str) -> J {
    let text = std::fs::read_to_string(root().join("www/schema").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn answers_schema_is_generated_from_the_facts() {
    let want = expected_answers_schema();
    let path = root().join("www/schema/answers.v1.schema.json");
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&want).unwrap() + "\n").unwrap();
    }
    let got = schema("answers.v1.schema.json");
    assert_eq!(
        got, want,
        "www/schema/answers.v1.schema.json is stale: run UPDATE_SCHEMAS=1 cargo test --test cli"
    );
    let names: Vec<String> = got["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut facts: Vec<String> = FactId::ALL.iter().map(|f| f.id().to_string()).collect();
    facts.push("version".into());
    let (mut a, mut b) = (names, facts);
    a.sort();
    b.sort();
    assert_eq!(a, b, "schema property names must equal Answers' fields");
}

// ---------- a small JSON Schema checker (the subset our schemas use) ----------

struct Schemas {
    answers: J,
    result: J,
}

fn resolve<'a>(s: &'a Schemas, root: &'a J, r: &str) -> (&'a J, &'a J) {
    if r == "urn:loan-insurance-check:answers:v1" {
        return (&s.answers, &s.answers);
    }
    let path = r
        .strip_prefix("#/")
        .unwrap_or_else(|| panic!("unsupported $ref {r}"));
    let mut node = root;
    for part in path.split('/') {
        node = &node[part];
    }
    assert!(!node.is_null(), "unresolved $ref {r}");
    (node, root)
}

fn validate(s: &Schemas, root: &J, schema: &J, v: &J, at: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(J::as_str) {
        let (node, new_root) = resolve(s, root, r);
        validate(s, new_root, node, v, at, errs);
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errs.push(format!("{at}: expected {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(J::as_array) {
        if !e.contains(v) {
            errs.push(format!("{at}: {v} not in enum"));
        }
    }
    if let Some(alts) = schema.get("oneOf").and_then(J::as_array) {
        let ok = alts
            .iter()
            .filter(|alt| {
                let mut e = Vec::new();
                validate(s, root, alt, v, at, &mut e);
                e.is_empty()
            })
            .count();
        if ok != 1 {
            errs.push(format!("{at}: {ok} oneOf alternatives match {v}"));
        }
    }
    if let Some(t) = schema.get("type").and_then(J::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            "number" => v.is_number(),
            other => panic!("unsupported type {other}"),
        };
        if !ok {
            errs.push(format!("{at}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(min) = schema.get("minimum").and_then(J::as_i64) {
        if v.as_i64().is_some_and(|x| x < min) {
            errs.push(format!("{at}: below {min}"));
        }
    }
    if let Some(max) = schema.get("maximum").and_then(J::as_u64) {
        if v.as_u64().is_some_and(|x| x > max) {
            errs.push(format!("{at}: above {max}"));
        }
    }
    if let Some(p) = schema.get("pattern").and_then(J::as_str) {
        // Our only patterns are the date's and the month's.
        let len = if p.len() == "^[0-9]{4}-[0-9]{2}$".len() {
            7
        } else {
            10
        };
        let ok = v.as_str().is_some_and(|x| {
            x.len() == len
                && x.bytes().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
        });
        if !ok {
            errs.push(format!("{at}: {v} does not match {p}"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(J::as_object);
        for req in schema
            .get("required")
            .and_then(J::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(req.as_str().unwrap()) {
                errs.push(format!("{at}: missing required {req}"));
            }
        }
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(s, root, ps, x, &format!("{at}.{k}"), errs),
                None => {
                    if schema.get("additionalProperties") == Some(&J::Bool(false)) {
                        errs.push(format!("{at}: unexpected field {k}"));
                    }
                }
            }
        }
    }
    if let (Some(arr), Some(items)) = (v.as_array(), schema.get("items")) {
        for (i, x) in arr.iter().enumerate() {
            validate(s, root, items, x, &format!("{at}[{i}]"), errs);
        }
    }
}

fn schemas() -> Schemas {
    Schemas {
        answers: schema("answers.v1.schema.json"),
        result: schema("result.v1.schema.json"),
    }
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_case_files_answers_validate_against_the_schema() {
    let s = schemas();
    let mut files = Vec::new();
    case_files(&root().join("tests/cases"), &mut files);
    let mut n = 0;
    for f in files {
        let doc: J = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            if let Some(a) = c.get("answers") {
                let mut errs = Vec::new();
                validate(&s, &s.answers, &s.answers, a, "answers", &mut errs);
                assert!(errs.is_empty(), "{} / {}: {errs:?}", f.display(), c["name"]);
                n += 1;
            }
        }
    }
    assert!(n > 10, "too few answers checked: {n}");
}

#[test]
fn the_checker_rejects_what_it_should() {
    let s = schemas();
    for bad in [
        json!({}),
        json!({"version": 2}),
        json!({"version": 1, "loan_kind": "house"}),
        json!({"version": 1, "loan_amount": -5}),
        json!({"version": 1, "loan_amount": "12"}),
        json!({"version": 1, "loan_kind": "unknown"}),
        json!({"version": 1, "payoff_date": "2023-3-1"}),
        json!({"version": 1, "surprise": true}),
    ] {
        let mut errs = Vec::new();
        validate(&s, &s.answers, &s.answers, &bad, "answers", &mut errs);
        assert!(!errs.is_empty(), "{bad} should be rejected");
    }
}

// ---------- the binary ----------

const EXAMPLE_D: &str = r#"{"version":1,"loan_kind":"real_estate","contract_type":"delegated","premium_monthly":2500,"repaid_early":true,"payoff_date":"2023-03-15","payoff_notice_date":"2023-03-20","debits_after_payoff":11,"first_debit_after_payoff":"2023-04-05"}"#;

#[test]
fn evaluate_prints_a_valid_result() {
    let f = temp_file("d.json", EXAMPLE_D);
    let (code, out, err) = run(
        &[
            "evaluate",
            "--as-of",
            "2026-11-27",
            "--include",
            "loan_kind,payoff_date",
            f.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "stderr: {err}");
    let v: J = serde_json::from_str(&out).unwrap();
    let s = schemas();
    let mut errs = Vec::new();
    validate(&s, &s.result, &s.result, &v, "result", &mut errs);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(v["version"], 1);
    assert_eq!(v["as_of"], "2026-11-27");
    assert_eq!(
        v["answers"],
        json!({"version": 1, "loan_kind": "real_estate", "payoff_date": "2023-03-15"})
    );
    let claim = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["claim"] == "after_payoff")
        .unwrap();
    assert_eq!(claim["verdict"], "eligible");
    assert_eq!(claim["amount"]["low"], 27500);
    assert_eq!(claim["last_day"], "2028-04-05");
}

#[test]
fn evaluate_reads_stdin_and_includes_nothing_by_default() {
    let (code, out, err) = run(&["evaluate", "--as-of=2026-11-27", "-"], Some(EXAMPLE_D));
    assert_eq!(code, 0, "stderr: {err}");
    let v: J = serde_json::from_str(&out).unwrap();
    assert_eq!(v["answers"], json!({"version": 1}));
}

#[test]
fn every_case_evaluates_to_a_valid_result_document() {
    use loan_insurance_check::engine::{evaluate, result_document, Answers, Date};
    let s = schemas();
    let mut files = Vec::new();
    case_files(&root().join("tests/cases"), &mut files);
    for f in files {
        let doc: J = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            let Some(a) = c.get("answers") else { continue };
            let answers = Answers::from_json(&a.to_string()).unwrap();
            let as_of = Date::parse_iso(c["as_of"].as_str().unwrap()).unwrap();
            let text = result_document(&evaluate(&answers, as_of), &answers, FactId::ALL);
            let v: J = serde_json::from_str(&text).unwrap();
            let mut errs = Vec::new();
            validate(&s, &s.result, &s.result, &v, "result", &mut errs);
            assert!(
                errs.is_empty(),
                "{} / {}: {errs:#?}",
                f.display(),
                c["name"]
            );
            // The included answers round-trip.
            assert_eq!(
                Answers::from_json(&v["answers"].to_string()).unwrap(),
                answers
            );
        }
    }
}

fn bad(args: &[&str], stdin: Option<&str>, field: &str) {
    let (code, out, err) = run(args, stdin);
    assert_eq!(
        code, 2,
        "{args:?}: expected exit 2, got {code}; stderr {err}"
    );
    assert!(out.is_empty(), "{args:?}: nothing on stdout expected");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: one line expected: {err}"
    );
    assert!(
        err.contains(field),
        "{args:?}: the message should name {field}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_inputs_exit_2_naming_the_field() {
    let ev = |name: &str, text: &str| temp_file(name, text).to_str().unwrap().to_string();
    let unknown = ev(
        "unknown.json",
        r#"{"version":1,"loan_kind":"real_estate","colour":"blue"}"#,
    );
    bad(
        &["evaluate", "--as-of", "2026-11-27", &unknown],
        None,
        "\"colour\"",
    );
    let wrong = ev("wrong.json", r#"{"version":1,"loan_amount":"200000"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &wrong],
        None,
        "\"loan_amount\"",
    );
    let wrong2 = ev("wrong2.json", r#"{"version":1,"repaid_early":"yes"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &wrong2],
        None,
        "\"repaid_early\"",
    );
    let neg = ev("neg.json", r#"{"version":1,"premium_monthly":-1}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &neg],
        None,
        "\"premium_monthly\"",
    );
    let choice = ev("choice.json", r#"{"version":1,"loan_kind":"car"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &choice],
        None,
        "\"loan_kind\"",
    );
    let date = ev("date.json", r#"{"version":1,"payoff_date":"2023-02-29"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &date],
        None,
        "\"payoff_date\"",
    );
    let date2 = ev("date2.json", r#"{"version":1,"payoff_date":"15/03/2023"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &date2],
        None,
        "\"payoff_date\"",
    );
    let unk = ev("unk.json", r#"{"version":1,"loan_kind":"unknown"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &unk],
        None,
        "\"loan_kind\"",
    );
    let future = ev("future.json", r#"{"version":1,"payoff_date":"2027-01-01"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &future],
        None,
        "\"payoff_date\"",
    );
    let version = ev("version.json", r#"{"loan_kind":"real_estate"}"#);
    bad(
        &["evaluate", "--as-of", "2026-11-27", &version],
        None,
        "\"version\"",
    );
    let notjson = ev("notjson.json", "{\"version\":1,");
    bad(
        &["evaluate", "--as-of", "2026-11-27", &notjson],
        None,
        "JSON",
    );
    let good = ev("good.json", EXAMPLE_D);
    bad(
        &["evaluate", "--as-of", "2026-13-01", &good],
        None,
        "--as-of",
    );
    bad(
        &["evaluate", "--as-of", "yesterday", &good],
        None,
        "--as-of",
    );
    bad(&["evaluate", &good], None, "--as-of");
    bad(
        &[
            "evaluate",
            "--as-of",
            "2026-11-27",
            "/nonexistent/answers.json",
        ],
        None,
        "/nonexistent/answers.json",
    );
    bad(&["evaluate", "--as-of", "2026-11-27"], None, "answers file");
    bad(
        &[
            "evaluate",
            "--as-of",
            "2026-11-27",
            "--include",
            "colour",
            &good,
        ],
        None,
        "colour",
    );
    bad(
        &["evaluate", "--as-of", "2026-11-27", "--frobnicate", &good],
        None,
        "--frobnicate",
    );
    bad(
        &["evaluate", "--as-of", "2026-11-27", "-"],
        Some("[1,2]"),
        "object",
    );
    bad(&["schema", "questions"], None, "schema");
    bad(&["launch"], None, "launch");
    bad(&[], None, "command");
}

#[test]
fn schema_command_prints_the_published_files() {
    for which in ["answers", "result"] {
        let (code, out, _) = run(&["schema", which], None);
        assert_eq!(code, 0);
        let printed: J = serde_json::from_str(&out).unwrap();
        assert_eq!(printed, schema(&format!("{which}.v1.schema.json")));
    }
}

#[test]
fn bench_command_reports_a_rate() {
    let (code, out, err) = run(&["bench", "--seconds", "1"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("evaluations/s"), "{out}");
}

#[test]
fn bench_on_the_law_cases_reads_every_case() {
    let (code, out, err) = run(&["bench", "--seconds", "1", "--cases", "tests/cases"], None);
    assert_eq!(code, 0, "{err}");
    let n: usize = out
        .split(" law cases")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    assert!(n > 200, "{out}");
    let (code, _, err) = run(&["bench", "--cases", "tests/no-such-dir"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--cases"), "{err}");
}
