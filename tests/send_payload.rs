//! The payload is the preview (issue 14 point 1): every leaf of every payload, for every law case and every
//! manifest fixture (tests/fixtures/manifests/), with only the required answers and with every answer
//! ticked, is found on the preview model the consent screen renders; an explaining figure goes only when
//! every answer it reveals is consented; the idempotency key changes with any change of the content.

mod law_cases;

use std::fs;

use loan_insurance_check::engine::codes::detail;
use loan_insurance_check::engine::facts::answer_to_json;
use loan_insurance_check::engine::{evaluate, ClaimId, Evaluation, FactId};
use loan_insurance_check::manifest::{validate, Campaign, Contact};
use loan_insurance_check::payload::{
    detail_allowed, hex, idempotency_key, json_text, open_to, payload, preview, result_fingerprint,
    revealed_by, sha256, Chosen, Preview,
};
use proptest::prelude::*;
use serde_json::Value;

fn manifests() -> Vec<(String, Campaign)> {
    let mut out: Vec<(String, Campaign)> = fs::read_dir("tests/fixtures/manifests")
        .expect("fixtures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let doc: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            let c = validate(&doc, None).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
            (p.display().to_string(), c)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 4, "the manifest fixtures");
    out
}

fn chosen(c: &Campaign, all: bool) -> Chosen {
    let contact = c
        .contacts()
        .into_iter()
        .filter(|(_, required)| all || *required)
        .map(|(k, _)| {
            let v = match k {
                Contact::Name => "Marie Dupont",
                Contact::Email => "marie@example.fr",
                Contact::Phone => "0612345678",
                Contact::PostalAddress => "3 rue de la Paix 75002 Paris",
                Contact::Lender => "Banque Exemple",
                Contact::Insurer => "Assureur Exemple",
            };
            (k, v.to_string())
        })
        .collect();
    Chosen {
        answers: c
            .answers()
            .into_iter()
            .filter(|(_, required)| all || *required)
            .map(|(f, _)| f)
            .collect(),
        contact,
    }
}

/// Every leaf of a JSON value with its path (`/result/claims/0/verdict`).
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                leaves(x, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}/{i}"), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Where a leaf is on the preview model, written independently of the payload builder: `Some(value)` the
/// preview holds at that place, `None` when the preview has no such place (a leak).
fn on_preview(p: &Preview, key: &str, path: &str) -> Option<Value> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let empty_list = || Some(Value::Array(vec![]));
    let empty_obj = || Some(Value::Object(Default::default()));
    match parts.as_slice() {
        ["payload_version"] => Some(1.into()),
        ["idempotency_key"] => Some(key.into()),
        ["campaign", "name"] => Some(p.campaign_name.clone().into()),
        ["campaign", "origin"] => Some(p.campaign_origin.clone().into()),
        ["contact"] if p.contact.is_empty() => empty_obj(),
        ["contact", id] => p
            .contact
            .iter()
            .find(|(c, _)| c.id() == *id)
            .map(|(_, v)| v.clone().into()),
        ["result", "version"] => Some(1.into()),
        ["result", "rules_version"] => Some(p.rules_version.into()),
        ["result", "data_version"] => Some(p.data_version.into()),
        ["result", "as_of"] => Some(p.as_of.to_string().into()),
        ["result", "claims"] if p.claims.is_empty() => empty_list(),
        ["result", "answers", "version"] => Some(1.into()),
        ["result", "answers", id] => p
            .answers
            .iter()
            .find(|(f, _)| f.id() == *id)
            .map(|(_, a)| answer_to_json(a)),
        ["result", "claims", i, rest @ ..] => {
            let c = p.claims.get(i.parse::<usize>().ok()?)?;
            match rest {
                ["claim"] => Some(c.claim.id().into()),
                ["verdict"] => Some(c.verdict.id().into()),
                ["amount"] if c.amount.is_none() => Some(Value::Null),
                ["amount", "kind"] => c.amount.map(|a| serde_json::to_value(a.0).unwrap()),
                ["amount", "low"] => c.amount.map(|a| a.1 .0.into()),
                ["amount", "high"] => c.amount.map(|a| a.2 .0.into()),
                ["last_day"] => Some(c.last_day.map_or(Value::Null, |d| d.to_string().into())),
                ["details"] if c.details.is_empty() => empty_list(),
                ["details", j, "id"] => c
                    .details
                    .get(j.parse::<usize>().ok()?)
                    .map(|d| d.id.code().into()),
                ["details", j, "value", _kind] => c
                    .details
                    .get(j.parse::<usize>().ok()?)
                    .map(|d| serde_json::to_value(d.value).unwrap())
                    .and_then(|v| v.as_object().and_then(|m| m.values().next().cloned())),
                _ => None,
            }
        }
        _ => None,
    }
}

fn consented(p: &Preview) -> Vec<FactId> {
    p.answers.iter().map(|(f, _)| *f).collect()
}

#[test]
fn every_leaf_of_every_payload_is_on_the_preview() {
    let cases = law_cases::law_cases();
    assert!(cases.len() > 50, "the law cases load");
    let mut checked = 0;
    for (mname, campaign) in manifests() {
        for (name, as_of, answers) in &cases {
            let eval = evaluate(answers, *as_of);
            for all in [false, true] {
                let ch = chosen(&campaign, all);
                let p = preview(&campaign, &eval, answers, &ch);
                let body = payload("salt", &p);
                let key = body["idempotency_key"].as_str().unwrap().to_string();
                let mut out = Vec::new();
                leaves(&body, String::new(), &mut out);
                for (path, value) in out {
                    let shown = on_preview(&p, &key, &path);
                    assert_eq!(
                        shown.as_ref(),
                        Some(&value),
                        "{mname} / {name} (all ticked: {all}): {path} = {value} is not on the preview"
                    );
                    checked += 1;
                }
                // The figures on the preview reveal only consented answers.
                for c in &p.claims {
                    for d in &c.details {
                        assert!(
                            detail_allowed(d.id.code(), &open_to(answers, &consented(&p))),
                            "{mname} / {name}: {} reveals an answer not consented",
                            d.id
                        );
                    }
                }
                // Claims: exactly the gathered ones.
                let ids: Vec<ClaimId> = p.claims.iter().map(|c| c.claim).collect();
                let gathered: Vec<ClaimId> = eval
                    .claims
                    .iter()
                    .map(|c| c.claim)
                    .filter(|c| campaign.gathers(*c))
                    .collect();
                assert_eq!(ids, gathered);
            }
        }
    }
    assert!(checked > 10_000, "{checked} leaves checked");
}

/// The issue's case: a manifest asking only for the loan kind gets no refusal date, no outstanding capital,
/// no remaining installments, no last installment date, no insurance cost.
#[test]
fn a_manifest_asking_only_the_loan_kind_gets_no_figure_that_reveals_an_answer() {
    let (_, campaign) = manifests()
        .into_iter()
        .find(|(n, _)| n.ends_with("loan-kind-only.json"))
        .unwrap();
    let mut leaked_before = 0;
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval: Evaluation = evaluate(&answers, as_of);
        leaked_before += eval
            .claims
            .iter()
            .flat_map(|c| &c.details)
            .filter(|d| {
                [
                    "refusal_date",
                    "outstanding_now",
                    "remaining_installments",
                    "last_installment",
                    "current_cost",
                ]
                .contains(&d.id.code())
            })
            .count();
        let p = preview(&campaign, &eval, &answers, &chosen(&campaign, true));
        let body = payload("s", &p).to_string();
        for d in p.claims.iter().flat_map(|c| &c.details) {
            for f in revealed_by(d.id.code()).unwrap() {
                assert!(
                    answers.get(*f).is_none() || *f == FactId::LoanKind,
                    "{name}: {} sent, revealing {}",
                    d.id,
                    f.id()
                );
            }
        }
        for leak in [
            "reasons",
            "references",
            "documents",
            "missing",
            "switching",
            "per_person",
            "interest",
        ] {
            assert!(
                !body.contains(&format!("\"{leak}\"")),
                "{name}: {leak} sent"
            );
        }
        let answers_sent = &payload("s", &p)["result"]["answers"];
        let keys: Vec<&String> = answers_sent.as_object().unwrap().keys().collect();
        assert!(
            keys.iter().all(|k| *k == "version" || *k == "loan_kind"),
            "{keys:?}"
        );
    }
    assert!(leaked_before > 0, "the law cases do produce those figures");
}

#[test]
fn every_detail_id_says_what_it_reveals() {
    for id in detail::ALL {
        assert!(
            revealed_by(id.code()).is_some(),
            "{id} has no entry in payload::revealed_by"
        );
    }
    assert_eq!(
        revealed_by("a_new_figure"),
        None,
        "unknown figures never go"
    );
    assert!(!detail_allowed("a_new_figure", FactId::ALL));
    assert!(detail_allowed("refusal_date", FactId::ALL));
    assert!(!detail_allowed("refusal_date", &[FactId::LoanKind]));
}

#[test]
fn the_key_follows_the_content() {
    let (_, campaign) = manifests()
        .into_iter()
        .find(|(n, _)| n.ends_with("every-field.json"))
        .unwrap();
    let (_, as_of, answers) = law_cases::law_cases().into_iter().next().unwrap();
    let eval = evaluate(&answers, as_of);
    let base = chosen(&campaign, false);
    let key =
        |ch: &Chosen, salt: &str| idempotency_key(salt, &preview(&campaign, &eval, &answers, ch));
    let k = key(&base, "a");
    assert_eq!(k.len(), 32);
    assert!(loan_insurance_check::manifest::is_idempotency_key(&k));
    assert_eq!(
        k,
        key(&base.clone(), "a"),
        "the same content, the same key (a retry)"
    );
    assert_ne!(k, key(&base, "b"), "another widget, another key");
    let mut email = base.clone();
    email.contact[0].1 = "marie.dupont@example.fr".into();
    assert_ne!(k, key(&email, "a"), "a corrected e-mail is a new key");
    let mut more = base.clone();
    more.answers.push(answers.answered()[0]);
    assert_ne!(k, key(&more, "a"), "one more answer ticked is a new key");
    let later = evaluate(&answers, as_of.add_days(1));
    assert_ne!(
        k,
        idempotency_key("a", &preview(&campaign, &later, &answers, &base)),
        "another day is another result"
    );
    assert_eq!(
        payload("a", &preview(&campaign, &eval, &answers, &base))["idempotency_key"],
        k.as_str()
    );
    // The fingerprint of the result (kept on the device) follows the answers and the campaign only.
    assert_eq!(
        result_fingerprint("https://a.example", &answers),
        result_fingerprint("https://a.example", &answers.clone())
    );
    assert_ne!(
        result_fingerprint("https://a.example", &answers),
        result_fingerprint("https://b.example", &answers)
    );
}

#[test]
fn sha256_matches_the_standard_vectors() {
    assert_eq!(
        hex(&sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(&sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(&sha256(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(
        hex(&sha256(&[b'a'; 1000])),
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
    );
}

/// The command line's `evaluate --include`: a figure revealing an answer left out is left out too.
#[test]
fn the_cli_include_leaves_out_the_figures_of_answers_left_out() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let run = |answers: &str, as_of: &str, include: &str| -> String {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loan-insurance-check"))
            .args([
                "evaluate",
                &format!("--as-of={as_of}"),
                &format!("--include={include}"),
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answers.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let mut seen = 0;
    for id in [
        "refusal_date",
        "outstanding_now",
        "remaining_installments",
        "last_installment",
        "current_cost",
    ] {
        let Some((name, as_of, answers)) =
            law_cases::law_cases().into_iter().find(|(_, as_of, a)| {
                evaluate(a, *as_of)
                    .claims
                    .iter()
                    .any(|c| c.details.iter().any(|d| d.id.code() == id))
            })
        else {
            continue;
        };
        seen += 1;
        let text = answers.to_json();
        let all = run(&text, &as_of.to_string(), "all");
        assert!(
            all.contains(&format!("\"{id}\"")),
            "{name}: {id} with --include all"
        );
        let some = run(&text, &as_of.to_string(), "loan_kind");
        assert!(
            !some.contains(&format!("\"{id}\"")),
            "{name}: {id} with --include loan_kind"
        );
        let none = run(&text, &as_of.to_string(), "none");
        assert!(
            !none.contains(&format!("\"{id}\"")),
            "{name}: {id} with --include none"
        );
    }
    assert_eq!(seen, 5, "a law case for each figure of the issue");
}

/// The widget writes its JSON texts (the payload's body, the idempotency key's content, the dossier file, the
/// book of sends) with `payload::json_text`, a small writer instead of serde_json's in the second wasm file: its
/// bytes are serde_json's for every payload and dossier of every law case (the campaign server reads the same
/// text, and the keys of earlier sends stay the same).
#[test]
fn the_small_json_writer_writes_serde_json_s_bytes() {
    let cases = law_cases::law_cases();
    let mut checked = 0;
    for (mname, campaign) in manifests() {
        for (name, as_of, answers) in &cases {
            let eval = evaluate(answers, *as_of);
            for all in [false, true] {
                let p = preview(&campaign, &eval, answers, &chosen(&campaign, all));
                let body = payload("salt", &p);
                assert_eq!(
                    json_text(&body),
                    serde_json::to_string(&body).unwrap(),
                    "{mname} / {name}"
                );
                checked += 1;
            }
        }
    }
    for (name, as_of, answers) in &cases {
        let dossier =
            loan_insurance_check::act::dossier::dossier_value(answers, &evaluate(answers, *as_of));
        assert_eq!(json_text(&dossier), dossier.to_string(), "{name}: dossier");
    }
    assert!(checked > 100);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\\x00-\\x7f\"\\\\]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]
    /// Any JSON value without a fractional number (the widget builds none): the same text as serde_json.
    #[test]
    fn the_small_json_writer_matches_serde_json_on_any_value(v in json_value()) {
        prop_assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap());
    }
}

/// A fractional number, which the widget never builds, is written `null` (not a wrong figure).
#[test]
fn a_fractional_number_is_written_null() {
    assert_eq!(
        json_text(&serde_json::json!({"a": 1.5, "b": [2, -3]})),
        r#"{"a":null,"b":[2,-3]}"#
    );
}
