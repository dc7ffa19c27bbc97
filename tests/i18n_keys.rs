//! The message files stay complete and the components keep their words in them:
//! FR and EN have the same keys and placeholders, every key the UI names exists, and no component
//! writes visible text itself.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use loan_insurance_check::i18n::{parse_messages, Locale};

fn keys(locale: Locale) -> BTreeMap<&'static str, &'static str> {
    let mut map = BTreeMap::new();
    for (key, text) in parse_messages(locale.source()) {
        assert!(
            map.insert(key, text).is_none(),
            "{}: key {key} is defined twice",
            locale.tag()
        );
        assert!(!text.is_empty(), "{}: key {key} is empty", locale.tag());
    }
    map
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}'))
        .map(|(name, _)| name.to_string())
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn french_and_english_have_the_same_keys_and_placeholders() {
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "only in fr: {only_fr:?}; only in en: {only_en:?}"
    );
    for (key, text) in &fr {
        assert_eq!(
            placeholders(text),
            placeholders(en[key]),
            "placeholders of {key} differ"
        );
    }
}

/// Every string literal the UI passes to `t(…)`, `tf(…)` or `has(…)` is a key of both files.
#[test]
fn every_key_named_in_the_ui_exists() {
    let fr = keys(Locale::Fr);
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    let mut missing = Vec::new();
    for (path, text) in &files {
        for call in [
            "t(locale, \"",
            "tf(locale, \"",
            "has(locale, \"",
            "t(other, \"",
        ] {
            for piece in text.split(call).skip(1) {
                let key = piece.split('"').next().unwrap();
                if !fr.contains_key(key) {
                    missing.push(format!("{path}: {key}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used but not defined: {missing:#?}"
    );
}

/// Components write no visible text of their own: a text node in `html!` is `{ "…" }`.
#[test]
fn components_have_no_literal_text() {
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    let mut offenders = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            for piece in line.split("{ \"").skip(1) {
                let literal = piece.split('"').next().unwrap_or("");
                // Class names and attribute values are lower-case ASCII words; text has capitals,
                // accents or several words.
                let words: Vec<&str> = literal.split_whitespace().collect();
                let looks_like_text = literal
                    .chars()
                    .any(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_ascii()))
                    || (words.len() > 1 && words.iter().any(|w| !w.starts_with("lic-")));
                if looks_like_text {
                    offenders.push(format!("{path}:{}: {literal}", n + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "visible text outside the message files: {offenders:#?}"
    );
}

/// Only the embed module exports anything to JavaScript.
#[test]
fn only_the_embed_module_touches_javascript_exports() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let exporters: Vec<_> = files
        .iter()
        .filter(|(_, text)| text.contains("#[wasm_bindgen]"))
        .map(|(path, _)| path.replace('\\', "/"))
        .collect();
    assert_eq!(exporters, vec!["src/embed.rs".to_string()]);
}

/// Every id the engine can return, and every question it can ask, has its words in both languages.
#[test]
fn every_engine_id_has_its_words() {
    use loan_insurance_check::engine::{self, codes, ClaimId, FactId, FactKind, Verdict};
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let mut wanted: Vec<String> = Vec::new();
    wanted.extend(codes::reason::ALL.iter().map(|c| format!("reason.{c}")));
    wanted.extend(codes::document::ALL.iter().map(|c| format!("doc.{c}")));
    wanted.extend(codes::detail::ALL.iter().map(|c| format!("detail.{c}")));
    wanted.extend(engine::PROBLEM_CODES.iter().map(|c| format!("error.{c}")));
    for claim in ClaimId::ALL {
        let id = claim.id();
        wanted.push(format!("claim.{id}.title"));
        wanted.push(format!("claim.{id}.summary"));
        // What to do next, where there is something to do.
        for verdict in [Verdict::Eligible, Verdict::NeedsInfo] {
            wanted.push(format!("claim.{id}.next.{}", verdict.id()));
        }
    }
    let verdicts = [
        Verdict::Eligible,
        Verdict::NeedsInfo,
        Verdict::NotEligible,
        Verdict::TimeBarred,
        Verdict::NotApplicable,
    ];
    wanted.extend(verdicts.iter().map(|v| format!("verdict.{}", v.id())));
    for fact in FactId::ALL {
        let id = fact.id();
        wanted.push(format!("q.{id}.label"));
        wanted.push(format!("q.{id}.hint"));
        wanted.push(format!("q.{id}.short"));
        if let FactKind::Choice(options) = fact.kind() {
            wanted.extend(options.iter().map(|o| format!("q.{id}.opt.{o}")));
        }
    }
    let missing: Vec<_> = wanted
        .iter()
        .filter(|k| !fr.contains_key(k.as_str()) || !en.contains_key(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} engine ids without words: {missing:#?}",
        missing.len()
    );
}
