//! The campaign manifest v1: a good manifest is read whole; each hostile or broken manifest is refused with
//! a problem naming where it is; the schema file agrees with the validator; contact details are checked as
//! the questionnaire checks its fields; the payload holds only what was chosen.

use loan_insurance_check::engine::{evaluate, Answers, ClaimId, Date, FactId};
use loan_insurance_check::manifest::{
    check_contact, is_idempotency_key, parse_origin, url_origin, validate, Campaign, Contact,
    ContactProblem, Delivery, Field, ManifestCode, ManifestProblem,
};
use loan_insurance_check::payload::{payload, preview, Chosen};
use serde_json::{json, Value};

fn good() -> Value {
    json!({
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
    })
}

fn with(key: &str, value: Value) -> Value {
    let mut m = good();
    m[key] = value;
    m
}

fn without(key: &str) -> Value {
    let mut m = good();
    m.as_object_mut().unwrap().remove(key);
    m
}

fn problems(doc: &Value) -> Vec<ManifestProblem> {
    validate(doc, None).expect_err("the manifest should be refused")
}

fn refused_at(doc: &Value, path: &str, code: &str) {
    let p = problems(doc);
    assert!(
        p.iter().any(|p| p.path == path && p.code() == code),
        "expected {path}: {code}, got {p:?}"
    );
}

#[test]
fn a_good_manifest_is_read_whole() {
    let c: Campaign = validate(&good(), None).unwrap();
    assert_eq!(c.name, "Action collective");
    assert_eq!(c.origin, "https://campagne.example.org");
    assert_eq!(
        c.endpoint.as_deref(),
        Some("https://campagne.example.org/api/results")
    );
    assert_eq!(c.delivery, Delivery::Json);
    assert_eq!(c.claims, vec![ClaimId::AfterPayoff, ClaimId::WrongBasis]);
    assert_eq!(
        c.required,
        vec![
            Field::Answer(FactId::LoanKind),
            Field::Contact(Contact::Email)
        ]
    );
    assert_eq!(c.fee_hundredths, 1250);
    assert_eq!(c.fee_fixed_cents, 0);
    assert_eq!(c.retention_months, 36);
    assert_eq!(c.timeout_seconds, 20);
    assert_eq!(
        c.contacts(),
        vec![
            (Contact::Email, true),
            (Contact::Name, false),
            (Contact::Phone, false)
        ]
    );
    assert_eq!(
        c.answers(),
        vec![(FactId::LoanKind, true), (FactId::LoanAmount, false)]
    );
    assert!(c.gathers(ClaimId::AfterPayoff) && !c.gathers(ClaimId::ProfitSharing));
}

#[test]
fn the_schema_example_is_a_good_manifest_and_the_schema_names_every_key() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("www/schema/manifest.v1.schema.json").unwrap(),
    )
    .unwrap();
    for example in schema["examples"].as_array().unwrap() {
        validate(example, None).expect("the schema's example validates");
    }
    // Every key the schema lists is read, every required key is required by the validator.
    let props = schema["properties"].as_object().unwrap();
    let mut full = good();
    full["timeout_seconds"] = json!(10);
    full["$schema"] = json!("https://example.org/x");
    for key in full.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    for key in props.keys() {
        assert!(full.get(key).is_some(), "the test manifest lacks {key}");
    }
    validate(&full, None).unwrap();
    for key in schema["required"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        refused_at(&without(key), key, "missing");
    }
}

#[test]
fn endpoints_outside_the_origin_or_not_https_are_refused() {
    refused_at(
        &with("endpoint", json!("https://evil.example.net/collect")),
        "endpoint",
        "other_origin",
    );
    refused_at(
        &with("endpoint", json!("https://campagne.example.org.evil.net/x")),
        "endpoint",
        "other_origin",
    );
    refused_at(
        &with("endpoint", json!("javascript:alert(1)")),
        "endpoint",
        "not_https",
    );
    refused_at(
        &with("endpoint", json!("http://campagne.example.org/api")),
        "endpoint",
        "not_https",
    );
    refused_at(
        &with("endpoint", json!("https://user@campagne.example.org/api")),
        "endpoint",
        "bad_url",
    );
    refused_at(
        &with("endpoint", json!("data:text/html,hi")),
        "endpoint",
        "not_https",
    );
    refused_at(
        &with("privacy_policy", json!("javascript:alert(1)")),
        "privacy_policy",
        "not_https",
    );
    refused_at(
        &with("origin", json!("http://campagne.example.org")),
        "origin",
        "origin",
    );
    refused_at(
        &with("origin", json!("https://campagne.example.org/path")),
        "origin",
        "origin",
    );
    // localhost may use http, for testing; default ports are the same origin.
    let mut local = with("origin", json!("http://127.0.0.1:8123"));
    local["endpoint"] = json!("http://127.0.0.1:8123/results");
    local["privacy_policy"] = json!("http://127.0.0.1:8123/privacy");
    validate(&local, None).unwrap();
    let mut port = good();
    port["endpoint"] = json!("https://CAMPAGNE.example.org:443/api");
    assert!(validate(&port, None).is_ok());
}

#[test]
fn a_fetched_manifest_must_come_from_its_origin() {
    assert!(validate(&good(), Some("https://campagne.example.org")).is_ok());
    let p = validate(&good(), Some("https://other.example.org")).unwrap_err();
    assert!(p.iter().any(|p| p.code() == "manifest_origin"), "{p:?}");
}

#[test]
fn unknown_keys_wrong_types_and_bad_fields_are_refused() {
    refused_at(
        &with("share_with_partners", json!(true)),
        "share_with_partners",
        "unknown",
    );
    refused_at(
        &with("manifest_version", json!(2)),
        "manifest_version",
        "version",
    );
    refused_at(&with("name", json!(42)), "name", "type");
    refused_at(&with("name", json!("  ")), "name", "empty");
    refused_at(&with("name", json!("x".repeat(501))), "name", "too_long");
    refused_at(&with("name", json!("a\u{7}b")), "name", "control");
    refused_at(&with("delivery", json!("ftp")), "delivery", "delivery");
    refused_at(
        &with("claims", json!(["after_payoff", "lottery"])),
        "claims[1]",
        "claim",
    );
    refused_at(
        &with("claims", json!(["after_payoff", "after_payoff"])),
        "claims[1]",
        "twice",
    );
    refused_at(
        &with("fields", json!({ "required": ["iban"] })),
        "fields.required[0]",
        "field",
    );
    refused_at(
        &with(
            "fields",
            json!({ "required": ["email"], "optional": ["email"] }),
        ),
        "fields: email",
        "twice",
    );
    refused_at(
        &with("fields", json!({ "always": [] })),
        "fields.always",
        "unknown",
    );
    refused_at(
        &with("retention_months", json!(0)),
        "retention_months",
        "range",
    );
    refused_at(
        &with("retention_months", json!("3 ans")),
        "retention_months",
        "type",
    );
    refused_at(
        &with("fee", json!({ "percent": 150 })),
        "fee.percent",
        "range",
    );
    refused_at(
        &with("controller", json!({ "name": "X" })),
        "controller.contact",
        "missing",
    );
    refused_at(
        &with("timeout_seconds", json!(0)),
        "timeout_seconds",
        "range",
    );
    assert_eq!(problems(&json!(["a"]))[0].code(), "not_object");
    assert_eq!(problems(&json!(null))[0].code(), "not_object");
    // The explanation names the place.
    let p = problems(&with("endpoint", json!("https://evil.example.net/")));
    assert!(
        p[0].explain().contains("\"endpoint\""),
        "{}",
        p[0].explain()
    );
}

#[test]
fn script_in_the_name_is_kept_as_text() {
    // Accepted as text: the interface shows it as a text node, never as markup.
    let c = validate(&with("name", json!("<script>alert(1)</script>")), None).unwrap();
    assert_eq!(c.name, "<script>alert(1)</script>");
}

#[test]
fn delivery_methods_and_their_endpoint() {
    let mut pm = with("delivery", json!("post_message"));
    refused_at(&pm, "endpoint", "not_needed");
    pm.as_object_mut().unwrap().remove("endpoint");
    let c = validate(&pm, None).unwrap();
    assert_eq!((c.delivery, c.endpoint), (Delivery::PostMessage, None));
    let mut form = with("delivery", json!("form"));
    assert_eq!(validate(&form, None).unwrap().delivery, Delivery::Form);
    form.as_object_mut().unwrap().remove("endpoint");
    refused_at(&form, "endpoint", "missing");
}

#[test]
fn origins_and_addresses() {
    assert_eq!(
        parse_origin("https://A.example.org/").as_deref(),
        Some("https://a.example.org")
    );
    assert_eq!(parse_origin("https://a.example.org/x"), None);
    assert_eq!(
        parse_origin("http://localhost:3000").as_deref(),
        Some("http://localhost:3000")
    );
    assert_eq!(
        url_origin("https://a.example.org:8443/x?y").as_deref(),
        Ok("https://a.example.org:8443")
    );
    assert_eq!(
        url_origin("https://a.example.org/x y"),
        Err(ManifestCode::BadUrl)
    );
    assert_eq!(
        url_origin("JAVASCRIPT:alert(1)"),
        Err(ManifestCode::NotHttps)
    );
    assert_eq!(url_origin("https:///x"), Err(ManifestCode::BadUrl));
    assert_eq!(
        url_origin("https://a.example.org:99999999/"),
        Err(ManifestCode::BadUrl)
    );
}

#[test]
fn contact_details_are_checked_like_the_questionnaire() {
    use ContactProblem as P;
    assert_eq!(check_contact(Contact::Email, "", true), Err(P::Empty));
    assert_eq!(check_contact(Contact::Email, "  ", false), Ok(None));
    assert_eq!(
        check_contact(Contact::Email, " marie@example.fr ", true),
        Ok(Some("marie@example.fr".into()))
    );
    for bad in [
        "marie",
        "marie@",
        "@example.fr",
        "marie@example",
        "ma rie@example.fr",
        "a@b@c.fr",
        "a@.fr",
    ] {
        assert_eq!(
            check_contact(Contact::Email, bad, true),
            Err(P::Email),
            "{bad}"
        );
    }
    assert_eq!(
        check_contact(Contact::Phone, "06 12 34 56 78", true),
        Ok(Some("0612345678".into()))
    );
    assert_eq!(
        check_contact(Contact::Phone, "+33 6.12.34.56.78", true),
        Ok(Some("+33612345678".into()))
    );
    assert_eq!(check_contact(Contact::Phone, "12", true), Err(P::Phone));
    assert_eq!(
        check_contact(Contact::Phone, "06 12 AB 56 78", true),
        Err(P::Phone)
    );
    assert_eq!(
        check_contact(Contact::PostalAddress, "3 rue des Lilas\n75011 Paris", true),
        Ok(Some("3 rue des Lilas\n75011 Paris".into()))
    );
    assert_eq!(
        check_contact(Contact::PostalAddress, "Paris", true),
        Err(P::Address)
    );
    assert_eq!(
        check_contact(Contact::Name, &"x".repeat(201), true),
        Err(P::TooLong)
    );
    assert_eq!(
        check_contact(Contact::Name, "Marie\u{0}", true),
        Err(P::Control)
    );
    assert_eq!(
        check_contact(Contact::Name, "<b>Marie</b>", true),
        Ok(Some("<b>Marie</b>".into()))
    );
}

#[test]
fn the_payload_holds_only_what_was_chosen() {
    let c = validate(&good(), None).unwrap();
    let mut answers = Answers::default();
    answers
        .try_set(
            FactId::LoanKind,
            Some(loan_insurance_check::engine::Answer::Known(
                loan_insurance_check::engine::Value::Choice("real_estate"),
            )),
        )
        .unwrap();
    let eval = evaluate(&answers, Date::new(2026, 11, 27).unwrap());
    let chosen = Chosen {
        answers: vec![FactId::LoanKind],
        contact: vec![(Contact::Email, "marie@example.fr".into())],
    };
    let p = payload("salt", &preview(&c, &eval, &answers, &chosen));
    let key = p["idempotency_key"].as_str().unwrap().to_string();
    assert!(is_idempotency_key(&key));
    assert_eq!(p["payload_version"], 1);
    assert_eq!(p["idempotency_key"], key.as_str());
    assert_eq!(p["campaign"]["origin"], "https://campagne.example.org");
    assert_eq!(p["contact"], json!({ "email": "marie@example.fr" }));
    let answers_sent = p["result"]["answers"].as_object().unwrap();
    let keys: Vec<&String> = answers_sent.keys().filter(|k| *k != "version").collect();
    assert_eq!(keys, vec!["loan_kind"]);
    for claim in p["result"]["claims"].as_array().unwrap() {
        let id = claim["claim"].as_str().unwrap();
        assert!(
            id == "after_payoff" || id == "wrong_basis",
            "{id} is not gathered"
        );
    }
    assert_eq!(p["result"]["version"], 1);
}
