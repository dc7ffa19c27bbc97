//! Tidy test of the legal data (src/engine/params/*.csv) and of the engine code that reads it:
//! every value has an effective date and a source; dated rows are in order without overlap; law start dates follow
//! each other; and no legal literal (date, year, 200 000 €, named threshold) is written in src/engine/**/*.rs.

use std::path::{Path, PathBuf};

include!("../src/engine/params/csv.rs");

use loan_insurance_check::engine::{params, Date};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/params")
}

fn load(name: &str) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
    let text = std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut recs = csv_records(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (_, head) = recs.remove(0);
    (head, recs)
}

fn col(head: &[String], name: &str) -> usize {
    head.iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn date(name: &str, line: usize, s: &str) -> Date {
    let (y, m, d) = csv_date(s).unwrap_or_else(|e| panic!("{name}:{line}: {e}"));
    Date::new(y, m, d).unwrap()
}

fn is_source(href: &str) -> bool {
    (href.starts_with("https://") || href.starts_with("http://"))
        && href.len() > 12
        && !href.contains(' ')
        || href.starts_with("spec:") && href.len() > 5
}

/// (file, title column, href column, effective date column) of every data file.
const FILES: &[(&str, &str, &str, &str)] = &[
    ("law.csv", "title", "href", "effective_from"),
    ("product.csv", "title", "href", "effective_from"),
    ("references.csv", "title", "href", "effective_from"),
    ("holidays.csv", "title", "href", "effective_from"),
    ("legal-interest.csv", "text", "source", "from"),
    ("premium-defaults.csv", "title", "href", "effective_from"),
];

#[test]
fn every_value_has_an_effective_date_and_a_source() {
    let mut listed: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    listed.sort();
    let mut known: Vec<String> = FILES.iter().map(|f| f.0.to_string()).collect();
    known.sort();
    assert_eq!(
        listed, known,
        "every data file must be checked here (and read by build.rs)"
    );
    for (file, title, href, since) in FILES {
        let (head, recs) = load(file);
        assert!(!recs.is_empty(), "{file}: empty");
        let (t, h, s) = (col(&head, title), col(&head, href), col(&head, since));
        for (line, f) in &recs {
            assert_eq!(f.len(), head.len(), "{file}:{line}: wrong number of fields");
            assert!(
                f[t].trim().len() > 5,
                "{file}:{line}: the value lacks a source title"
            );
            assert!(
                is_source(&f[h]),
                "{file}:{line}: the value lacks a source link: {:?}",
                f[h]
            );
            date(file, *line, &f[s]);
            for (i, v) in f.iter().enumerate() {
                assert!(!v.trim().is_empty(), "{file}:{line}: empty {}", head[i]);
            }
        }
    }
}

#[test]
fn legal_references_link_to_a_url_and_have_unique_ids() {
    let (head, recs) = load("references.csv");
    let (i, h) = (col(&head, "id"), col(&head, "href"));
    let mut ids = std::collections::HashSet::new();
    for (line, f) in &recs {
        assert!(
            ids.insert(f[i].clone()),
            "references.csv:{line}: duplicate id {}",
            f[i]
        );
        assert!(
            f[h].starts_with("http"),
            "references.csv:{line}: a legal reference needs a URL"
        );
    }
    assert_eq!(params::REFERENCES.len(), recs.len());
}

#[test]
fn scalar_parameters_are_unique_and_generated() {
    let mut ids = Vec::new();
    for file in ["law.csv", "product.csv"] {
        let (head, recs) = load(file);
        let (i, k, v, s) = (
            col(&head, "id"),
            col(&head, "kind"),
            col(&head, "value"),
            col(&head, "effective_from"),
        );
        for (line, f) in &recs {
            assert!(!ids.contains(&f[i]), "{file}:{line}: duplicate id {}", f[i]);
            ids.push(f[i].clone());
            if f[k] == "date" {
                let value = date(file, *line, &f[v]);
                let since = date(file, *line, &f[s]);
                assert!(
                    since <= value,
                    "{file}:{line}: a date value cannot apply before it is effective"
                );
            }
        }
    }
    let generated: Vec<&str> = params::PARAMS.iter().map(|p| p.id).collect();
    assert_eq!(
        generated,
        ids.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn law_start_dates_follow_each_other() {
    let chain = [
        ("lagarde_start", params::LAGARDE_START),
        (
            "lender_fee_ban_uncertain_start",
            params::LENDER_FEE_BAN_UNCERTAIN_START,
        ),
        ("hamon_start", params::HAMON_START),
        (
            "bourquin_new_offers_start",
            params::BOURQUIN_NEW_OFFERS_START,
        ),
        (
            "bourquin_all_contracts_start",
            params::BOURQUIN_ALL_CONTRACTS_START,
        ),
        ("lemoine_new_offers_start", params::LEMOINE_NEW_OFFERS_START),
        (
            "lemoine_all_contracts_start",
            params::LEMOINE_ALL_CONTRACTS_START,
        ),
    ];
    for w in chain.windows(2) {
        assert!(w[0].1 < w[1].1, "{} must come before {}", w[0].0, w[1].0);
    }
    assert!(params::LENDER_FEE_BAN_UNCERTAIN_START < params::LENDER_FEE_BAN_START);
    assert_eq!(params::LENDER_FEE_BAN_START, params::HAMON_START);
    assert!(params::QUESTIONNAIRE_EXEMPTION_START >= params::LEMOINE_NEW_OFFERS_START);
    let (first, last) = (
        params::PROFIT_SHARING_FIRST_YEAR,
        params::PROFIT_SHARING_LAST_YEAR,
    );
    assert!(first < last, "profit-sharing years reversed");
    let (short, long) = (params::PRESCRIPTION_YEARS, params::LONG_STOP_YEARS);
    assert!(
        short < long,
        "the long stop must be longer than the limitation"
    );
}

#[test]
fn statutory_interest_half_years_are_in_order_without_gap_or_overlap() {
    let (head, recs) = load("legal-interest.csv");
    let (f, t, p) = (
        col(&head, "from"),
        col(&head, "to"),
        col(&head, "particuliers_percent"),
    );
    let mut prev: Option<Date> = None;
    for (line, r) in &recs {
        let from = date("legal-interest.csv", *line, &r[f]);
        let to = date("legal-interest.csv", *line, &r[t]);
        assert!(from <= to, "legal-interest.csv:{line}: from after to");
        assert!(
            (from.month(), from.day()) == (1, 1) || (from.month(), from.day()) == (7, 1),
            "legal-interest.csv:{line}: a half-year starts on 1 January or 1 July"
        );
        assert_eq!(
            to,
            from.add_months(6).add_days(-1),
            "legal-interest.csv:{line}: not a half-year"
        );
        if let Some(p) = prev {
            assert_eq!(
                from,
                p.add_days(1),
                "legal-interest.csv:{line}: gap or overlap with the previous row"
            );
        }
        prev = Some(to);
        let rate = csv_decimal(&r[p], 6).unwrap();
        assert!(
            rate > 0 && rate < 20_000_000,
            "legal-interest.csv:{line}: implausible rate"
        );
    }
    assert_eq!(params::INTEREST_RATES.len(), recs.len());
}

#[test]
fn premium_bands_are_in_order_without_gap_or_overlap() {
    let (head, recs) = load("premium-defaults.csv");
    let (a, b) = (col(&head, "age_from"), col(&head, "age_to"));
    let mut prev: Option<i32> = None;
    for (line, r) in &recs {
        let (from, to): (i32, i32) = (r[a].parse().unwrap(), r[b].parse().unwrap());
        assert!(from <= to, "premium-defaults.csv:{line}: band reversed");
        if let Some(p) = prev {
            assert_eq!(from, p + 1, "premium-defaults.csv:{line}: gap or overlap");
        }
        prev = Some(to);
    }
    assert_eq!(
        prev.map(|p| p + 1),
        Some(params::NO_DEFAULT_PREMIUM_FROM_AGE),
        "bands end where defaults stop"
    );
}

#[test]
fn holidays_are_unique() {
    let (head, recs) = load("holidays.csv");
    let r = col(&head, "rule");
    let mut rules = std::collections::HashSet::new();
    for (line, f) in &recs {
        assert!(
            rules.insert(f[r].clone()),
            "holidays.csv:{line}: duplicate rule"
        );
    }
    assert_eq!(recs.len(), 11, "SPEC §2.10 lists eleven national holidays");
}

// ---------- no legal literal in engine code ----------

/// The code of a Rust file with comments removed (string literals are kept: a date in a string is still a literal).
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut in_str = false;
        let mut cut = line.len();
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' if i == 0 || b[i - 1] != b'\\' => in_str = !in_str,
                b'/' if !in_str && b.get(i + 1) == Some(&b'/') => {
                    cut = i;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Integer literals of `code` with their position (underscores removed), not parts of identifiers or decimals.
fn numbers(code: &str) -> Vec<(usize, String)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let prev_ok =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.');
        if b[i].is_ascii_digit() && prev_ok {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                i += 1;
            }
            let is_ident = i < b.len()
                && b[i].is_ascii_alphabetic()
                && !code[i..].starts_with("i32")
                && !code[i..].starts_with("i64");
            if !is_ident {
                out.push((start, code[start..i].replace('_', "")));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The legal literals found in `code` (file name decides calendar-arithmetic exemptions).
fn legal_literals(file: &str, code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let calendar_math = file.ends_with("date.rs") || file.ends_with("calendar.rs");
    let b = code.as_bytes();
    // Dates written YYYY-MM-DD (in strings too).
    for i in 0..b.len().saturating_sub(9) {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(j, c)| {
            if j == 4 || j == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        if shape && (w[0] == b'1' || w[0] == b'2') {
            found.push(format!("date literal {}", &code[i..i + 10]));
        }
    }
    for (pos, n) in numbers(code) {
        let v: u128 = n.parse().unwrap_or(0);
        if n.len() == 4 && (1900..=2099).contains(&v) {
            found.push(format!("year literal {n}"));
        }
        if v == 200_000 || v == 20_000_000 {
            found.push(format!("amount literal {n} (the questionnaire ceiling)"));
        }
        if (v == 365 || v == 366) && !calendar_math {
            found.push(format!("day-count literal {n}"));
        }
        if v == 150 {
            found.push("smoker multiplier literal 150".to_string());
        }
        // Named thresholds passed to date arithmetic: add_years(5), add_months(12), add_days(11)…
        let before = &code[..pos];
        let arith = [
            "add_years(",
            "add_months(",
            "add_days(",
            "add_days(-",
            "add_working_days(",
            "years_since(",
        ];
        if arith.iter().any(|a| before.ends_with(a)) && v > 1 {
            found.push(format!("threshold literal {n} in date arithmetic"));
        }
        if before.trim_end().ends_with(',')
            && before
                .rsplit("add_working_days(")
                .next()
                .is_some_and(|s| !s.contains(')'))
        {
            found.push(format!("working-day literal {n}"));
        }
        let cmp = [">= ", "> ", "<= ", "< ", "== "];
        if [5, 10, 11, 12, 15, 20, 60, 70].contains(&v)
            && cmp.iter().any(|c| before.ends_with(c))
            && !calendar_math
        {
            found.push(format!("threshold literal {n} in a comparison"));
        }
    }
    if code.contains("1.5") {
        found.push("smoker multiplier literal 1.5".into());
    }
    found
}

#[test]
fn the_literal_scanner_finds_what_it_should() {
    let hits = |c: &str| legal_literals("x.rs", &strip_comments(c));
    assert!(!hits("let d = Date::new(2014, 7, 26);").is_empty());
    assert!(!hits("if d >= Date::parse_iso(\"2022-06-01\").unwrap() {}").is_empty());
    assert!(!hits("let c = Cents(20_000_000);").is_empty());
    assert!(!hits("let c = 200000;").is_empty());
    assert!(!hits("let last = d.add_years(5);").is_empty());
    assert!(!hits("let until = s.add_months(12);").is_empty());
    assert!(!hits("let i = s.add_days(-11);").is_empty());
    assert!(!hits("let due = add_working_days(r, 10);").is_empty());
    assert!(!hits("if age >= 70 { }").is_empty());
    assert!(!hits("let x = p * 12 / 365;").is_empty());
    assert!(!hits("let r = rate * 1.5;").is_empty());
    assert!(hits("let next = d.add_days(1); // 2014-07-26 in a comment is fine").is_empty());
    assert!(hits("let x = PARAMS_2;").is_empty());
    assert!(hits("let s = 1_200_000_000;").is_empty());
}

fn rust_files(d: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_legal_literal_in_engine_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut bad = Vec::new();
    for f in files {
        if f.ends_with("params/csv.rs") {
            continue; // the data reader, not engine code
        }
        let name = f.display().to_string();
        let code = strip_comments(&std::fs::read_to_string(&f).unwrap());
        for hit in legal_literals(&name, &code) {
            bad.push(format!("{name}: {hit}"));
        }
    }
    assert!(
        bad.is_empty(),
        "legal values belong in src/engine/params/*.csv:\n{}",
        bad.join("\n")
    );
}

/// The engine's date candidates read DATE_PARAMS instead of parsing PARAMS: the same dates, in the same order.
#[test]
fn date_params_are_the_date_rows_of_params() {
    let parsed: Vec<loan_insurance_check::engine::Date> = params::PARAMS
        .iter()
        .filter(|p| p.kind == "date")
        .map(|p| loan_insurance_check::engine::Date::parse_iso(p.value).expect(p.id))
        .collect();
    assert!(!parsed.is_empty());
    assert_eq!(params::DATE_PARAMS, parsed.as_slice());
}
