//! `loan-insurance-check`: the engine on the command line, so a campaign site can re-check a received result.
//!
//! ```text
//! loan-insurance-check evaluate --as-of YYYY-MM-DD [--include all|none|fact,fact...] <answers.json | ->
//! loan-insurance-check schema answers|result
//! loan-insurance-check bench [--seconds N] [--cases DIR]
//! ```
//! Bad input: exit status 2 and one line on stderr naming the field. Never a panic.

use loan_insurance_check::engine::{self, checks, Answers, Date, FactId};
use std::io::{Read, Write};
use std::process::ExitCode;

const ANSWERS_SCHEMA: &str = include_str!("../../www/schema/answers.v1.schema.json");
const RESULT_SCHEMA: &str = include_str!("../../www/schema/result.v1.schema.json");

const USAGE: &str = "usage: loan-insurance-check evaluate --as-of YYYY-MM-DD [--include all|none|fact,...] <answers.json|->\n       loan-insurance-check schema answers|result\n       loan-insurance-check bench [--seconds N] [--cases DIR]";

/// A one-line error for exit status 2.
struct Bad(String);

fn out(text: &str) -> ExitCode {
    let mut o = std::io::stdout().lock();
    // A closed pipe is not an error worth a panic.
    let _ = writeln!(o, "{text}");
    let _ = o.flush();
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match run(&args) {
        Ok(code) => code,
        Err(Bad(msg)) => {
            let line = msg.replace(['\n', '\r'], " ");
            let _ = writeln!(std::io::stderr().lock(), "loan-insurance-check: {line}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Bad> {
    match args.first().map(String::as_str) {
        Some("evaluate") => evaluate(&args[1..]),
        Some("schema") => match args.get(1).map(String::as_str) {
            Some("answers") if args.len() == 2 => Ok(out(ANSWERS_SCHEMA.trim_end())),
            Some("result") if args.len() == 2 => Ok(out(RESULT_SCHEMA.trim_end())),
            _ => Err(Bad("schema: expected \"answers\" or \"result\"".into())),
        },
        Some("bench") => bench(&args[1..]),
        Some("help" | "--help" | "-h") => Ok(out(USAGE)),
        Some(other) => Err(Bad(format!(
            "unknown command \"{other}\"; {}",
            USAGE.lines().next().unwrap_or("")
        ))),
        None => Err(Bad(format!(
            "no command; {}",
            USAGE.lines().next().unwrap_or("")
        ))),
    }
}

fn evaluate(args: &[String]) -> Result<ExitCode, Bad> {
    let mut as_of: Option<Date> = None;
    let mut include: Vec<FactId> = Vec::new();
    let mut file: Option<&str> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (a, None),
        };
        match flag {
            "--as-of" | "--include" => {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .map(String::as_str)
                            .ok_or_else(|| Bad(format!("{flag}: missing value")))?
                    }
                };
                if flag == "--as-of" {
                    as_of = Some(Date::parse_iso(v).ok_or_else(|| {
                        Bad(format!(
                            "--as-of: expected a real date YYYY-MM-DD, got \"{v}\""
                        ))
                    })?);
                } else {
                    include = parse_include(v)?;
                }
            }
            "-" => file = Some("-"),
            f if f.starts_with("--") => return Err(Bad(format!("unknown option \"{f}\""))),
            f => {
                if file.is_some() {
                    return Err(Bad(format!("one answers file expected, got also \"{f}\"")));
                }
                file = Some(f);
            }
        }
        i += 1;
    }
    let as_of = as_of
        .ok_or_else(|| Bad("--as-of: missing (the day of the evaluation, YYYY-MM-DD)".into()))?;
    let file =
        file.ok_or_else(|| Bad("answers file: missing (a path, or - for standard input)".into()))?;
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Bad(format!("answers file \"-\": {e}")))?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|e| Bad(format!("answers file \"{file}\": {e}")))?
    };
    let answers = Answers::from_json(&text).map_err(|e| Bad(e.to_string()))?;
    if let Some((fact, p)) = checks::first_problem(&answers, as_of) {
        let limit = p
            .limit_date
            .map(|d| d.to_string())
            .or(p.limit_amount.map(|c| format!("{} cents", c.0)))
            .or(p.limit_number.map(|n| n.to_string()));
        let limit = limit.map(|l| format!(" (limit {l})")).unwrap_or_default();
        return Err(Bad(format!("field \"{}\": {}{limit}", fact.id(), p.code())));
    }
    let eval = engine::evaluate(&answers, as_of);
    // Figures that would reveal an answer left out of --include are left out too (issue 14).
    let mut doc = engine::result_doc::result_value(&eval, &answers, &include);
    loan_insurance_check::payload::redact_details(&mut doc, &answers, &include);
    Ok(out(&doc.to_string()))
}

fn parse_include(v: &str) -> Result<Vec<FactId>, Bad> {
    match v {
        "all" => Ok(FactId::ALL.to_vec()),
        "none" | "" => Ok(Vec::new()),
        list => list
            .split(',')
            .map(|s| {
                FactId::from_id(s.trim())
                    .ok_or_else(|| Bad(format!("--include: unknown field \"{}\"", s.trim())))
            })
            .collect(),
    }
}

/// Evaluations per second of the SPEC §4 examples, natively.
fn bench(args: &[String]) -> Result<ExitCode, Bad> {
    let usage = || Bad("bench: usage: bench [--seconds N] [--cases DIR]".into());
    let mut seconds: u64 = 2;
    let mut cases: Option<&str> = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let v = it.next().ok_or_else(usage)?;
        match flag.as_str() {
            "--seconds" => {
                seconds = v
                    .parse()
                    .ok()
                    .filter(|s| (1..=600).contains(s))
                    .ok_or_else(|| Bad(format!("--seconds: expected 1 to 600, got \"{v}\"")))?
            }
            "--cases" => cases = Some(v),
            _ => return Err(usage()),
        }
    }
    let as_of = Date::new(2026, 11, 27).ok_or_else(|| Bad("bench date".into()))?;
    let inputs: Vec<(Date, Answers)> = match cases {
        None => BENCH_ANSWERS
            .iter()
            .map(|t| {
                Answers::from_json(t)
                    .map(|a| (as_of, a))
                    .map_err(|e| Bad(format!("bench input: {e}")))
            })
            .collect::<Result<_, _>>()?,
        Some(dir) => law_cases(std::path::Path::new(dir))?,
    };
    if inputs.is_empty() {
        return Err(Bad("bench: no answer sets".into()));
    }
    let what = match cases {
        None => "answer sets of SPEC §4".to_string(),
        Some(dir) => format!("law cases of {dir}"),
    };
    let start = std::time::Instant::now();
    let mut n: u64 = 0;
    let mut checksum: i64 = 0;
    while start.elapsed().as_secs() < seconds {
        for (as_of, a) in &inputs {
            let e = engine::evaluate(a, *as_of);
            checksum = checksum.wrapping_add(
                e.claims
                    .iter()
                    .filter_map(|c| c.amount.map(|x| x.high.0))
                    .sum::<i64>(),
            );
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    Ok(out(&format!(
        "{n} evaluations in {secs:.2} s: {:.0} evaluations/s ({} {what}; checksum {checksum})",
        n as f64 / secs,
        inputs.len()
    )))
}

/// The (as_of, answers) of every `evaluate` case of the law-case files under `dir` (tests/cases/**/*.json).
fn law_cases(dir: &std::path::Path) -> Result<Vec<(Date, Answers)>, Bad> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .map_err(|e| Bad(format!("--cases \"{}\": {e}", d.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&p)
                .map_err(|e| Bad(format!("--cases \"{}\": {e}", p.display())))?;
            let doc: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Bad(format!("--cases \"{}\": {e}", p.display())))?;
            for c in doc["cases"].as_array().into_iter().flatten() {
                if c["kind"].as_str().unwrap_or("evaluate") != "evaluate" {
                    continue;
                }
                let (Some(as_of), Some(answers)) = (
                    c["as_of"].as_str().and_then(Date::parse_iso),
                    c.get("answers"),
                ) else {
                    continue;
                };
                if let Ok(a) = Answers::from_json_value(answers) {
                    out.push((as_of, a));
                }
            }
        }
    }
    Ok(out)
}

const BENCH_ANSWERS: &[&str] = &[
    r#"{"version":1,"loan_kind":"real_estate","offer_signature_date":"2014-07-25","loan_amount":20000000,"loan_months":300,"loan_rate":2900000,"first_installment_date":"2014-09-05","repaid_early":false,"partial_repayment":false,"contract_type":"group","premium_monthly":6000,"premium_basis":"initial_capital","switch_requested":true,"switch_request_date":"2015-03-02","switch_decision":"refused","switch_decision_date":"2015-03-10","quote_premium":"unknown","switch_one_off_fees":0,"insured_count":1,"person1_birth_date":"1984-04-02","person1_share":100000000,"person1_smoker":false}"#,
    r#"{"version":1,"loan_kind":"real_estate","offer_signature_date":"2025-03-01","loan_amount":38000000,"loan_months":300,"loan_rate":3800000,"first_installment_date":"2025-04-05","repaid_early":false,"partial_repayment":false,"contract_type":"group","premium_monthly":9500,"premium_basis":"initial_capital","quote_premium":"unknown","switch_one_off_fees":0,"insured_count":2,"person1_birth_date":"1990-05-05","person1_share":50000000,"person1_smoker":false,"person1_other_loans":0,"person2_birth_date":"1992-09-09","person2_share":50000000,"person2_smoker":false,"person2_other_loans":0}"#,
    r#"{"version":1,"loan_kind":"real_estate","contract_type":"delegated","premium_monthly":2500,"repaid_early":true,"payoff_date":"2023-03-15","payoff_notice_date":"2023-03-20","debits_after_payoff":11,"first_debit_after_payoff":"2023-04-05"}"#,
    r#"{"version":1,"loan_kind":"real_estate","lender_fees_paid":true,"lender_fees_payee":"lender","lender_fees_amount":15000,"lender_fees_date":"2023-05-10"}"#,
    r#"{"version":1,"loan_kind":"real_estate","premium_monthly":7000,"switch_requested":true,"switch_request_date":"2024-03-04","switch_requested_start":"2024-03-20","switch_decision":"accepted","switch_decision_date":"2024-04-22","old_contract_ended":true,"old_contract_end_date":"2024-05-02"}"#,
    r#"{"version":1,"loan_kind":"real_estate","contract_type":"group","loan_amount":25000000,"loan_months":300,"loan_rate":1500000,"first_installment_date":"2019-02-15","repaid_early":false,"partial_repayment":true,"partial_repayment_date":"2022-01-10","outstanding_after_partial":12542476,"premium_monthly":6250,"premium_basis":"initial_capital","partial_repayment_clause":true}"#,
    r#"{"version":1}"#,
];
