//! The dossier file (issue 7): export → import gives back the same answers for every law case; the file holds the
//! result document JSON v1 the command-line tool prints; every corrupted sample of `tests/fixtures/dossiers/` gets
//! its error (and that error has words in both languages); random damage to a dossier and random JSON never panic.

mod law_cases;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use loan_insurance_check::act::dossier::{self, DossierError, DOSSIER_KIND, DOSSIER_VERSION};
use loan_insurance_check::engine::{
    evaluate, result_document, Answers, FactId, DATA_VERSION, RULES_VERSION,
};
use loan_insurance_check::i18n::{has, Locale, Msg};
use proptest::prelude::*;

/// The message the visitor reads for an error, in both languages (the interface's `act.file_error.<id>` keys).
fn has_words(e: &DossierError) -> bool {
    let keys = match e {
        DossierError::BadAnswers { field: Some(f) } if FactId::from_id(f).is_some() => {
            vec!["act.file_error.bad_answer".to_string()]
        }
        e => vec![format!("act.file_error.{}", e.code())],
    };
    keys.iter()
        .all(|k| has(Locale::Fr, Msg::named(k)) && has(Locale::En, Msg::named(k)))
}

#[test]
fn export_then_import_gives_the_same_answers_for_every_law_case() {
    let cases = law_cases::law_cases();
    assert!(cases.len() > 100);
    for (name, as_of, answers) in cases {
        let eval = evaluate(&answers, as_of);
        let text = dossier::write(&answers, &eval);
        let back = dossier::read(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back.answers, answers, "{name}");
        assert_eq!(back.made_on, as_of, "{name}");
        assert_eq!(back.rules_version, RULES_VERSION);
        assert_eq!(back.data_version, DATA_VERSION);
        // The same answers on the same day give the same result: the round trip is exact.
        assert_eq!(evaluate(&back.answers, back.made_on), eval, "{name}");
    }
}

#[test]
fn the_file_holds_the_answers_json_and_the_result_document_of_the_cli() {
    let (_, as_of, answers) = law_cases::law_cases()
        .into_iter()
        .find(|c| c.0 == "example_d_debits_after_payoff")
        .unwrap();
    let eval = evaluate(&answers, as_of);
    let v: serde_json::Value = serde_json::from_str(&dossier::write(&answers, &eval)).unwrap();
    assert_eq!(v["kind"], DOSSIER_KIND);
    assert_eq!(v["version"], DOSSIER_VERSION);
    let answers_json: serde_json::Value = serde_json::from_str(&answers.to_json()).unwrap();
    assert_eq!(v["answers"], answers_json);
    let result: serde_json::Value =
        serde_json::from_str(&result_document(&eval, &answers, &[])).unwrap();
    assert_eq!(v["result"], result);
    assert_eq!(v["result"]["as_of"], "2026-11-27");
    assert_eq!(
        v.as_object().unwrap().len(),
        4,
        "kind, version, answers, result: nothing else"
    );
}

#[test]
fn every_fixture_gets_its_message() {
    let dir = Path::new("tests/fixtures/dossiers");
    let expected: BTreeMap<String, Option<String>> =
        serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut seen = 0;
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name == "expected.json" || !name.ends_with(".json") {
            continue;
        }
        let want = expected
            .get(&name)
            .unwrap_or_else(|| panic!("{name} is not in expected.json"));
        // The browser decodes a file as UTF-8, replacing what is not.
        let text = String::from_utf8_lossy(&fs::read(&p).unwrap()).to_string();
        let got = match dossier::read(&text) {
            Ok(imp) => {
                assert!(!imp.answers.answered().is_empty());
                None
            }
            Err(e) => {
                assert!(has_words(&e), "{name}: {e:?} has no words");
                Some(match e {
                    DossierError::BadAnswers { field: Some(f) } => format!("bad_answers:{f}"),
                    e => e.code().to_string(),
                })
            }
        };
        assert_eq!(&got, want, "{name}");
        seen += 1;
    }
    assert_eq!(seen, expected.len(), "every expected file exists");
}

/// A file over the size limit is not read at all: "could not be opened" (in both languages), not "damaged"; one
/// byte under it is read (and is not JSON here).
#[test]
fn a_file_over_the_limit_could_not_be_opened() {
    let over = " ".repeat(dossier::MAX_DOSSIER_BYTES + 1);
    assert_eq!(dossier::read(&over), Err(DossierError::Unreadable));
    assert!(has_words(&DossierError::Unreadable));
    let under = " ".repeat(dossier::MAX_DOSSIER_BYTES);
    assert_eq!(dossier::read(&under), Err(DossierError::NotJson));
}

fn valid() -> String {
    fs::read_to_string("tests/fixtures/dossiers/valid-example-d.json").unwrap()
}

/// Random JSON values, up to a few levels deep.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "[a-z_0-9-]{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("loan-insurance-check-dossier"),
            Just("unknown"),
            Just("2026-11-27"),
            Just("real_estate"),
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("kind".to_string()),
                    Just("version".to_string()),
                    Just("answers".to_string()),
                    Just("result".to_string()),
                    Just("as_of".to_string()),
                    Just("loan_kind".to_string()),
                    Just("premium_monthly".to_string()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    /// A dossier damaged at random (bytes cut, replaced or inserted) is read or refused, never a panic; a refusal
    /// always has its words.
    #[test]
    fn damaged_dossiers_never_panic(cuts in prop::collection::vec((0usize..20_000, 0usize..40, any::<u8>(), 0u8..3), 1..6)) {
        let mut bytes = valid().into_bytes();
        for (at, len, byte, how) in cuts {
            let at = at % (bytes.len() + 1);
            match how {
                0 => { let end = (at + len).min(bytes.len()); bytes.drain(at..end); }
                1 => { if at < bytes.len() { bytes[at] = byte; } }
                _ => { bytes.insert(at, byte); }
            }
        }
        let text = String::from_utf8_lossy(&bytes).to_string();
        match dossier::read(&text) {
            Ok(imp) => prop_assert!(Answers::from_json(&imp.answers.to_json()).is_ok()),
            Err(e) => prop_assert!(has_words(&e), "{e:?}"),
        }
    }

    /// Any JSON value at all is read or refused with words, never a panic.
    #[test]
    fn random_json_never_panics(v in json()) {
        if let Err(e) = dossier::read_value(&v) {
            prop_assert!(has_words(&e), "{e:?}");
        }
    }

    /// A valid dossier with one answer replaced by a random value is read or refused naming that answer.
    #[test]
    fn one_wrong_answer_is_named(fact in 0usize..FactId::ALL.len(), v in json()) {
        let mut doc: serde_json::Value = serde_json::from_str(&valid()).unwrap();
        let id = FactId::ALL[fact].id();
        doc["answers"][id] = v;
        match dossier::read_value(&doc) {
            Ok(_) => {}
            Err(DossierError::BadAnswers { field }) => prop_assert_eq!(field.as_deref(), Some(id)),
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }
}

/// A result sent with a withdrawal secret is kept in the file and read back; a broken entry is left out.
#[test]
fn the_withdrawal_secrets_of_the_results_sent_are_kept_and_read_back() {
    let (_, as_of, answers) = law_cases::law_cases().into_iter().next().unwrap();
    let eval = evaluate(&answers, as_of);
    let sent = dossier::Sent {
        campaign: "https://campagne.example.org".into(),
        reference: "LIC-0123456789AB".into(),
        withdraw_secret: "0123456789abcdef0123456789abcdef".into(),
    };
    let text = dossier::write_kept(
        &answers,
        &eval,
        &Default::default(),
        std::slice::from_ref(&sent),
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["sent"][0]["withdraw_secret"], sent.withdraw_secret);
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("www/schema/dossier.v1.schema.json").unwrap())
            .unwrap();
    let item = &schema["properties"]["sent"]["items"];
    let mut keys: Vec<&String> = v["sent"][0].as_object().unwrap().keys().collect();
    keys.sort();
    let mut want: Vec<&String> = item["properties"].as_object().unwrap().keys().collect();
    want.sort();
    assert_eq!(keys, want, "the schema describes every member");
    assert_eq!(dossier::read(&text).unwrap().sent, vec![sent.clone()]);
    // Without any, no `sent` member; a broken entry is dropped, the rest read.
    assert!(!dossier::write(&answers, &eval).contains("\"sent\""));
    let mut broken = v.clone();
    broken["sent"] = serde_json::json!([{ "campaign": "x" }, v["sent"][0].clone()]);
    assert_eq!(dossier::read_value(&broken).unwrap().sent, vec![sent]);
}

/// The published JSON Schema describes what `dossier::write` writes, and points at the answers and result schemas.
#[test]
fn the_json_schema_matches_the_format() {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("www/schema/dossier.v1.schema.json").unwrap())
            .unwrap();
    assert_eq!(schema["properties"]["kind"]["const"], DOSSIER_KIND);
    assert_eq!(schema["properties"]["version"]["const"], DOSSIER_VERSION);
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let valid: serde_json::Value = serde_json::from_str(&valid()).unwrap();
    let mut keys: Vec<&str> = valid
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    let mut req = required.clone();
    req.sort();
    assert_eq!(keys, req);
    for (part, file) in [("answers", "answers"), ("result", "result")] {
        let other: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(format!("www/schema/{file}.v1.schema.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(schema["properties"][part]["$ref"], other["$id"], "{part}");
    }
}
