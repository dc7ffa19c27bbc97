//! Fuzzing of every parser of outside input: what visitors type (amounts, percentages, counts, dates),
//! the answers JSON, the dossier file, the resume code of the URL fragment, the host's `data-` attributes
//! (colour, theme, claims, manifest shape) and the campaign manifest's content.
//!
//! Each target gets inputs mutated from valid seeds (byte flips, insertions from an alphabet of troublesome
//! characters, deletions, duplications, splices, truncations) and must answer every one without a panic,
//! within a time bound, and with an error that says something when it refuses.
//! A panicking input is written to `tests/fuzz-regressions/<target>/` and replayed by every later run.
//!
//! The normal test run tries `FUZZ_ITERATIONS` inputs per target (default 3 000);
//! `./scripts/bench.sh` runs it in release with 1 000 000 per target and prints the figures.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod law_cases;
mod parsers;

use loan_insurance_check::act::{dossier, fragment};
use loan_insurance_check::engine::{self, Answers, Date};
use parsers::*;

fn answers_seeds() -> Vec<String> {
    // Every law case's answers: the richest valid answers files there are.
    law_cases::law_cases()
        .into_iter()
        .take(40)
        .map(|(_, _, a)| a.to_json())
        .collect()
}

fn manifest_seeds() -> Vec<String> {
    let good = serde_json::json!({
        "manifest_version": 1,
        "name": "Action collective",
        "origin": "https://campagne.example.org",
        "endpoint": "https://campagne.example.org/api/results",
        "delivery": "json",
        "claims": ["after_payoff", "wrong_basis"],
        "fields": { "required": ["loan_kind", "email"], "optional": ["loan_amount", "name", "phone"] },
        "purpose": "Regrouper les demandes.",
        "controller": { "name": "Association Exemple", "contact": "dpo@campagne.example.org" },
        "retention_months": 36,
        "fee": { "percent": 12.5 },
        "privacy_policy": "https://campagne.example.org/confidentialite"
    });
    let mut form = good.clone();
    form["delivery"] = "form".into();
    vec![good.to_string(), form.to_string()]
}

/// A random JSON value of any type, for structure-aware mutation.
fn any_json(rng: &mut Rng) -> serde_json::Value {
    use serde_json::json;
    match rng.below(9) {
        0 => json!(null),
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(-1),
        4 => json!(1.5e300),
        5 => json!("unknown"),
        6 => json!(ALPHABET[rng.below(ALPHABET.len())]),
        7 => json!([]),
        _ => json!({"x": 1}),
    }
}

/// Mutates a JSON document by its structure: a value replaced by one of another type, a key removed,
/// an unknown key added, or a string made huge.
fn mutate_json(rng: &mut Rng, seed: &str) -> Option<String> {
    let mut doc: serde_json::Value = serde_json::from_str(seed).ok()?;
    for _ in 0..=rng.below(3) {
        let mut node = &mut doc;
        // Walk down a random path of up to three levels.
        for _ in 0..rng.below(3) {
            let next_key = match node {
                serde_json::Value::Object(m) if !m.is_empty() => {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    Some(keys[rng.below(keys.len())].clone())
                }
                _ => None,
            };
            match next_key {
                Some(k) => node = node.get_mut(&k)?,
                None => break,
            }
        }
        if let serde_json::Value::Object(m) = node {
            let keys: Vec<String> = m.keys().cloned().collect();
            match rng.below(4) {
                0 if !keys.is_empty() => {
                    m.remove(&keys[rng.below(keys.len())]);
                }
                1 => {
                    m.insert(format!("unknown_{}", rng.below(100)), any_json(rng));
                }
                2 if !keys.is_empty() => {
                    let k = keys[rng.below(keys.len())].clone();
                    m.insert(k, "é".repeat(rng.below(5000)).into());
                }
                _ if !keys.is_empty() => {
                    let k = keys[rng.below(keys.len())].clone();
                    m.insert(k, any_json(rng));
                }
                _ => {}
            }
        } else {
            *node = any_json(rng);
        }
    }
    Some(doc.to_string())
}

fn targets() -> Vec<(&'static str, Target, Vec<String>)> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let answers = answers_seeds();
    let as_of = Date::new(2026, 11, 27).expect("a real day");
    let dossier_seeds: Vec<String> = answers
        .iter()
        .take(8)
        .filter_map(|a| Answers::from_json(a).ok())
        .map(|a| dossier::write(&a, &engine::evaluate(&a, as_of)))
        .collect();
    let codes: Vec<String> = answers
        .iter()
        .take(8)
        .filter_map(|a| Answers::from_json(a).ok())
        .map(|a| fragment::encode(&a))
        .collect();
    vec![
        (
            "money",
            money as Target,
            s(&[
                "1 234,56 €",
                "1234.56",
                "200 000",
                "0,05",
                "1.234,56",
                "25 EUR",
            ]),
        ),
        ("percent", percent, s(&["2,90", "0.3 %", "100", "1,85"])),
        ("count", count, s(&["240", "1 200", "11"])),
        (
            "date_parts",
            date_parts,
            s(&["27/3/2019", "29/2/2024", "1/1/1896", "31/12/2026"]),
        ),
        ("answers_json", answers_json, answers),
        ("dossier_file", dossier_file, dossier_seeds),
        ("resume_code", resume_code, codes.clone()),
        ("resume_code_checked", resume_code_checked, codes),
        (
            "url",
            url,
            s(&[
                "https://campagne.example.org/manifest.json",
                "https://campagne.example.org:8443/m.json?v=1#x",
                "http://127.0.0.1:8080/m.json",
                "http://[::1]:3000/",
            ]),
        ),
        (
            "host_text",
            host_text,
            s(&[
                "Campagne \u{202e}gro.elpmaxe",
                "Association Exemple",
                "جمعية",
            ]),
        ),
        (
            "data_color",
            colour,
            s(&[
                "#005a9c",
                "#fff",
                "rgb(0, 90, 156)",
                "hsl(210 100% 30%)",
                "rebeccapurple",
            ]),
        ),
        (
            "data_theme",
            theme_mode,
            s(&["auto", "light", "dark", "transparent"]),
        ),
        (
            "data_claims",
            claims,
            s(&[
                "after_payoff,lender_fees",
                "switch_savings",
                " wrong_basis , refused_switch ",
            ]),
        ),
        (
            "data_manifest",
            manifest_attribute,
            s(&[
                "https://campagne.example.org/manifest.json",
                r#"{"version":1}"#,
            ]),
        ),
        ("manifest", manifest_content, manifest_seeds()),
    ]
}

/// Characters that break naive parsers: separators, signs, quotes, braces, accents, odd spaces, controls.
const ALPHABET: &[&str] = &[
    "0", "9", ",", ".", " ", "-", "+", "\"", "'", "{", "}", "[", "]", ":", "/", "\\", "é", "€",
    "%", "\u{202F}", "\u{A0}", "\u{0}", "\n", "e", "E", "null", "true", "1e309", "-0", "\u{FEFF}",
    "💶", "<script>", "unknown",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: reproducible from the seed, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, seeds: &[String]) -> String {
    let mut s = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        let at = char_boundary(&s, rng.below(s.len() + 1));
        match rng.below(7) {
            0 => s.insert_str(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 => {
                let end = char_boundary(&s, at + rng.below(8) + 1);
                s.replace_range(at..end, "");
            }
            2 => {
                let end = char_boundary(&s, at + rng.below(16) + 1);
                let piece = s[at..end].to_string();
                s.insert_str(at, &piece);
            }
            3 => s.truncate(at),
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = char_boundary(other, rng.below(other.len() + 1));
                s.insert_str(at, &other[from..]);
            }
            5 => {
                // Flip one byte into another ASCII character.
                let bytes: Vec<char> = s.chars().collect();
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    let c = char::from(b' ' + (rng.below(95)) as u8);
                    s = bytes
                        .iter()
                        .enumerate()
                        .map(|(j, ch)| if j == i { c } else { *ch })
                        .collect();
                }
            }
            _ => {
                let n = rng.below(4) + 1;
                s = s.repeat(n);
            }
        }
        if s.len() > 200_000 {
            s.truncate(char_boundary(&s, 200_000));
        }
    }
    s
}

fn regressions(target: &str) -> Vec<String> {
    let dir = Path::new("tests/fuzz-regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .collect()
}

fn keep(target: &str, input: &str) -> PathBuf {
    let dir = Path::new("tests/fuzz-regressions").join(target);
    let _ = fs::create_dir_all(&dir);
    let hash = input.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{hash:016x}.txt"));
    let _ = fs::write(&path, input);
    path
}

/// Longest time one input may take (a hang is a failure too); generous for a loaded 2-core machine.
const SLOW: Duration = Duration::from_millis(250);

#[test]
fn every_parser_of_outside_input_survives_mutated_input() {
    let iterations: usize = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for (name, target, seeds) in targets() {
        assert!(!seeds.is_empty(), "{name}: no seed");
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
        let (mut accepted, mut refused, mut slowest) = (0usize, 0usize, Duration::ZERO);
        let started = Instant::now();
        let replay = regressions(name);
        let json = seeds[0].starts_with('{');
        for i in 0..iterations + replay.len() {
            let input = if i < replay.len() {
                replay[i].clone()
            } else if json && rng.below(2) == 0 {
                let seed = &seeds[rng.below(seeds.len())];
                mutate_json(&mut rng, seed).unwrap_or_else(|| mutate(&mut rng, &seeds))
            } else {
                mutate(&mut rng, &seeds)
            };
            let t0 = Instant::now();
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| target(&input)));
            let took = t0.elapsed();
            slowest = slowest.max(took);
            match outcome {
                Ok(Ok(())) => accepted += 1,
                Ok(Err(message)) if message.starts_with('<') => failures.push(format!(
                    "{name}: {message} for {}",
                    keep(name, &input).display()
                )),
                Ok(Err(_)) => refused += 1,
                Err(_) => failures.push(format!(
                    "{name}: panic, input kept in {}",
                    keep(name, &input).display()
                )),
            }
            if took > SLOW {
                failures.push(format!(
                    "{name}: {took:?} on one input, kept in {}",
                    keep(name, &input).display()
                ));
            }
        }
        report.push(format!(
            "{name:<14} {:>9} inputs  {accepted:>9} accepted  {refused:>9} refused  slowest {slowest:>10.2?}  {:>8.1?}",
            iterations + replay.len(),
            started.elapsed()
        ));
    }
    let _ = panic::take_hook();
    println!(
        "fuzz: {iterations} mutated inputs per target\n{}",
        report.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
