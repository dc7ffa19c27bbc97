//! The message files stay complete and the components keep their words in them:
//! FR and EN have the same keys and placeholders, every key the UI names exists, and no component
//! writes visible text itself.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use loan_insurance_check::engine::codes::Coded;
use loan_insurance_check::i18n::{parse, parse_messages, plural_options, Locale};

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
    loan_insurance_check::i18n::placeholders(text)
        .into_iter()
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

/// Messages are named by index (`msg!("key")`, checked at compile time, or a table of `i18n::tables`), never by a
/// key string built or written at the call site: the wasm holds no key (issue 12 point 8).
#[test]
fn messages_are_named_by_index_not_by_key_string() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut offenders = Vec::new();
    for (path, text) in &files {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for call in ["t(", "tf(", "has("] {
            for (at, _) in flat.match_indices(call) {
                // A call of i18n's function, not of `get(` or `.has(`.
                let before = flat[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let piece = &flat[at + call.len()..];
                let Some((first, arg)) = piece.split_once(", ") else {
                    continue;
                };
                let is_locale = ["locale", "other", "Locale::Fr", "Locale::En"].contains(&first);
                if is_locale && (arg.starts_with('"') || arg.starts_with("&format!(")) {
                    let end = piece.char_indices().nth(60).map_or(piece.len(), |(i, _)| i);
                    offenders.push(format!("{path}: {call}{}", &piece[..end]));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "message keys as strings: {offenders:#?}"
    );
    // Every table entry names a key of both files.
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let m =
        loan_insurance_check::i18n::tables::q_label(loan_insurance_check::engine::FactId::ALL[0]);
    let key = m.key().expect("a message");
    assert!(fr.contains_key(key) && en.contains_key(key), "{key}");
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
    use loan_insurance_check::engine::{codes, ClaimId, FactId, FactKind, Verdict};
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let mut wanted: Vec<String> = Vec::new();
    wanted.extend(keys_of::<codes::reason::Reason>("reason."));
    wanted.extend(keys_of::<codes::document::Document>("doc."));
    wanted.extend(keys_of::<codes::detail::DetailId>("detail."));
    for claim in ClaimId::ALL {
        let id = claim.id();
        wanted.push(format!("claim.{id}.title"));
        wanted.push(format!("claim.{id}.summary"));
        // What to do next, where there is something to do.
        for verdict in [Verdict::Eligible, Verdict::NeedsInfo] {
            wanted.push(format!("claim.{id}.next.{}", verdict.id()));
        }
    }
    wanted.extend(keys_of::<Verdict>("verdict."));
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

/// Plurals are written in the message format, never as "demande(s)": every plural block names its argument,
/// has an `other` form (and a `one` form unless it lists exact values), and no text writes "(s)".
#[test]
fn plurals_are_written_in_the_message_format() {
    for locale in Locale::ALL {
        for (key, text) in keys(locale) {
            assert!(
                !text.contains("(s)") && !text.contains("(e)"),
                "{}: {key} writes a plural by hand: {text}",
                locale.tag()
            );
            let mut rest = text;
            while let Some(at) = rest.find(", plural,") {
                let name_start = rest[..at].rfind('{').expect("a plural block opens with {") + 1;
                let name = &rest[name_start..at];
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{}: {key}: plural argument {name:?}",
                    locale.tag()
                );
                let after = &rest[at + ", plural,".len()..];
                let block_end = {
                    let mut depth = 0i32;
                    let mut end = None;
                    for (i, c) in after.char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' if depth == 0 => {
                                end = Some(i);
                                break;
                            }
                            '}' => depth -= 1,
                            _ => {}
                        }
                    }
                    end.unwrap_or_else(|| panic!("{}: {key}: unclosed plural", locale.tag()))
                };
                let options = plural_options(&after[..block_end])
                    .unwrap_or_else(|| panic!("{}: {key}: malformed plural", locale.tag()));
                let selectors: Vec<&str> = options.iter().map(|(s, _)| *s).collect();
                assert!(
                    selectors.contains(&"other"),
                    "{}: {key}: no other form",
                    locale.tag()
                );
                assert!(
                    selectors.contains(&"one") || selectors.iter().any(|s| s.starts_with('=')),
                    "{}: {key}: no singular form",
                    locale.tag()
                );
                for s in &selectors {
                    assert!(
                        ["one", "other"].contains(s)
                            || s.strip_prefix('=')
                                .is_some_and(|n| n.parse::<i64>().is_ok()),
                        "{}: {key}: unknown plural selector {s:?}",
                        locale.tag()
                    );
                }
                rest = &after[block_end..];
            }
        }
    }
    // What a visitor reads, for one and for several.
    use loan_insurance_check::i18n::tf;
    let one = tf(
        Locale::Fr,
        loan_insurance_check::msg!("act.import.confirm"),
        &[("n", "1"), ("date", "1 mars 2026")],
    );
    let two = tf(
        Locale::En,
        loan_insurance_check::msg!("act.import.confirm"),
        &[("n", "2"), ("date", "1 March 2026")],
    );
    assert!(one.contains("contient 1 réponse."), "{one}");
    assert!(two.contains("holds 2 answers."), "{two}");
}

/// Every error a question's field can show (a parser's code, an engine check's, the form's own: `InputCode::ALL`)
/// has its words.
#[test]
fn every_input_error_has_its_words() {
    use loan_insurance_check::engine::ProblemCode;
    use loan_insurance_check::i18n::field_error::{FormCode, InputCode};
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let wanted = keys_of::<InputCode>("error.");
    assert_eq!(
        wanted.len(),
        parse::ParseError::ALL.len() + ProblemCode::ALL.len() + FormCode::ALL.len()
    );
    assert!(wanted.len() >= 37, "{wanted:?}");
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|k| !fr.contains_key(k.as_str()) || !en.contains_key(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "input errors without words: {missing:#?}"
    );
    // The year message gives the range allowed.
    assert_eq!(
        placeholders(fr["error.year_out_of_range"]),
        ["max", "min"].map(String::from).into()
    );
}

/// The message keys `<prefix><code>` of every value of `T` (issue 12: every error type lists `ALL`, so a
/// variant added without its words fails here).
fn keys_of<T: Coded>(prefix: &str) -> Vec<String> {
    let mut codes: Vec<&str> = T::ALL.iter().map(Coded::code).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "{prefix}: two values share a code");
    assert!(n > 1, "{prefix}: ALL is nearly empty");
    codes.iter().map(|c| format!("{prefix}{c}")).collect()
}

/// Every error a visitor can be shown has its words in both languages, and the words that give an HTTP
/// status are those of a failure that has one.
#[test]
fn every_error_type_has_its_words() {
    use loan_insurance_check::act::dossier::DossierError;
    use loan_insurance_check::act::fragment::CodeError;
    use loan_insurance_check::manifest::ContactProblem;
    use loan_insurance_check::payload::Failure;
    use loan_insurance_check::url::FetchError;
    let (fr, en) = (keys(Locale::Fr), keys(Locale::En));
    let mut wanted = Vec::new();
    wanted.extend(keys_of::<parse::ParseError>("error."));
    wanted.extend(keys_of::<FetchError>("manifest.fetch."));
    wanted.extend(keys_of::<ContactProblem>("send.error."));
    wanted.extend(keys_of::<CodeError>("act.link_error."));
    wanted.extend(keys_of::<CodeError>("act.device_error."));
    wanted.extend(keys_of::<DossierError>("act.file_error."));
    wanted.extend(keys_of::<Failure>("send.fail."));
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|k| !fr.contains_key(k.as_str()) || !en.contains_key(k.as_str()))
        .collect();
    assert!(missing.is_empty(), "errors without words: {missing:#?}");
    for f in Failure::ALL {
        let key = format!("send.fail.{}", f.code());
        for words in [&fr, &en] {
            let has_status = placeholders(words[key.as_str()]).contains("status");
            assert_eq!(
                has_status,
                matches!(f, Failure::Refused(_) | Failure::Server(_)),
                "{key}"
            );
        }
    }
}

/// The errors only the integrator reads (in the console) each have an explanation; the engine's refusals of
/// a value are problem codes with words.
#[test]
fn every_console_error_explains_itself() {
    use loan_insurance_check::engine::{ProblemCode, SetError};
    use loan_insurance_check::host_config::ManifestError;
    use loan_insurance_check::manifest::ManifestCode;
    use loan_insurance_check::theme::ColorError;
    use loan_insurance_check::url::UrlError;
    keys_of::<ColorError>("");
    assert!(ColorError::ALL.iter().all(|e| e.explain().len() > 10));
    keys_of::<ManifestError>("");
    assert!(ManifestError::ALL.iter().all(|e| e.explain().len() > 10));
    keys_of::<UrlError>("");
    assert!(UrlError::ALL.iter().all(|e| e.explain().len() > 10));
    keys_of::<ManifestCode>("");
    assert!(ManifestCode::ALL.iter().all(|e| e.explain().len() > 5));
    // The explanation of a bad delivery names every method.
    for d in loan_insurance_check::manifest::Delivery::ALL {
        assert!(ManifestCode::Delivery.explain().contains(d.id()), "{d:?}");
    }
    for e in SetError::ALL {
        assert!(ProblemCode::from_code(e.code()).is_some(), "{e:?}");
    }
}

/// The numbers following "par exemple" / "for example" in `hint` (digits with their spaces, `,` and `.`).
fn examples(hint: &str) -> Vec<(String, String)> {
    let lower = hint.to_lowercase();
    let mut found = Vec::new();
    for marker in ["par exemple", "for example"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(marker) {
            let start = from + at + marker.len();
            // Up to the end of the sentence.
            let sentence = &hint[start..];
            let end = sentence
                .char_indices()
                .find(|(i, c)| {
                    *c == '.' && !sentence[i + 1..].starts_with(|d: char| d.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .unwrap_or(sentence.len());
            let sentence = &sentence[..end];
            let chars: Vec<(usize, char)> = sentence.char_indices().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].1.is_ascii_digit() {
                    let s = chars[i].0;
                    let mut j = i;
                    while j + 1 < chars.len()
                        && (chars[j + 1].1.is_ascii_digit()
                            || ([' ', ',', '.', '\u{202F}', '\u{A0}'].contains(&chars[j + 1].1)
                                && chars.get(j + 2).is_some_and(|c| c.1.is_ascii_digit())))
                    {
                        j += 1;
                    }
                    let e = chars.get(j + 1).map(|c| c.0).unwrap_or(sentence.len());
                    let unit: String = sentence[e..]
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .collect();
                    found.push((sentence[s..e].to_string(), unit));
                    i = j + 1;
                } else {
                    i += 1;
                }
            }
            from = start;
        }
    }
    found
}

/// Every hint's example is accepted by its own field: the hint is read from the message files and its example
/// typed into the parser of the question's kind (a duration's "20 ans" / "20 years" in years).
#[test]
fn every_hint_example_is_accepted_by_its_own_field() {
    use loan_insurance_check::engine::{FactId, FactKind};
    let mut checked = 0;
    for locale in Locale::ALL {
        let words = keys(locale);
        for fact in FactId::ALL {
            let hint = words[format!("q.{}.hint", fact.id()).as_str()];
            let kind = fact.kind();
            let hint = if kind == FactKind::Date {
                words["q.date.hint"]
            } else {
                hint
            };
            for (example, unit) in examples(hint) {
                let outcome = match kind {
                    FactKind::Money => parse::parse_money(&example).map(|_| ()),
                    FactKind::Percent => parse::parse_percent(&example).map(|_| ()),
                    FactKind::Count => parse::parse_count(&example).map(|_| ()),
                    FactKind::Months => {
                        assert!(
                            ["mois", "ans", "months", "years"].contains(&unit.as_str()),
                            "{}: {} example {example} has no unit",
                            locale.tag(),
                            fact.id()
                        );
                        parse::parse_duration(&example).map(|_| ())
                    }
                    FactKind::Date => {
                        let parts: Vec<&str> = example.split(' ').collect();
                        assert_eq!(parts.len(), 3, "{}: date example {example}", locale.tag());
                        parse::parse_date_parts(parts[0], parts[1], parts[2]).map(|_| ())
                    }
                    // A yes/no or a choice has no typed example; its hint may cite ages or years.
                    _ => continue,
                };
                assert!(
                    outcome.is_ok(),
                    "{}: the example {example:?} of q.{}.hint is refused by its own field: {outcome:?}",
                    locale.tag(),
                    fact.id()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} hint examples found");
}

/// The accessibility statement's figures are those of its own table (docs/accessibility.md): 106 RGAA 4.1
/// criteria, each with one status, and the count and rate it publishes computed from them.
#[test]
fn the_accessibility_statement_counts_its_own_table() {
    let doc = fs::read_to_string("docs/accessibility.md").expect("docs/accessibility.md");
    let (mut met, mut not_met, mut na) = (0, 0, 0);
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 || !cells[1].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let n = if cells[1].contains('–') { 13 } else { 1 };
        match cells[3] {
            "met" => met += n,
            "not met" => not_met += n,
            "n/a" => na += n,
            other => panic!("criterion {}: status {other:?}", cells[1]),
        }
    }
    assert_eq!(met + not_met + na, 106, "every RGAA 4.1 criterion once");
    let applicable = met + not_met;
    let rate = met * 100 / applicable;
    let count = format!("{applicable} applicable: {met} met, {not_met} not met");
    assert!(doc.contains(&count), "the count should read \"{count}\"");
    assert!(
        doc.contains(&format!("**{rate} %**")),
        "the rate should be {rate} %"
    );
    assert!(
        doc.contains(&format!("{rate} % des critères")),
        "the declaration should say {rate} %"
    );
}

/// No unused key: every key is named by a `msg!("…")` of the sources, given by a table of `i18n::tables`, or read
/// by a build script (the words outside the wasm).
#[test]
fn every_key_is_used() {
    use loan_insurance_check::i18n::{tables, Msg};
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (_, text) in &files {
        for piece in text.split("msg!(\"").skip(1) {
            used.insert(piece.split('"').next().unwrap().to_string());
        }
    }
    used.extend(
        tables::every_message()
            .into_iter()
            .filter_map(|m| m.key().map(String::from)),
    );
    // Read by scripts/version.mjs (the frame's title, the loader's, the start-failure message).
    used.extend(["widget.name", "embed.unavailable"].map(String::from));
    let unused: Vec<&str> = Msg::all()
        .filter_map(|m| m.key())
        .filter(|k| !used.contains(*k))
        .collect();
    assert!(
        unused.is_empty(),
        "{} keys never used: {unused:#?}",
        unused.len()
    );
}
