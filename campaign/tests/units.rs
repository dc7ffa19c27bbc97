//! The configuration, the schema validator and the page messages on their own.
use loan_insurance_campaign::config::Config;
use loan_insurance_campaign::schema::Schemas;
use loan_insurance_check::i18n::Locale;

const ANSWERS: &str = include_str!("../../www/schema/answers.v1.schema.json");
const RESULT: &str = include_str!("../../www/schema/result.v1.schema.json");
const MANIFEST: &str = include_str!("../../www/schema/manifest.v1.schema.json");

#[test]
fn the_repository_schemas_load_and_an_unknown_keyword_or_pattern_is_refused() {
    assert!(Schemas::load().is_ok());
    let with = |from: &str, to: &str| {
        assert!(RESULT.contains(from), "{from}");
        RESULT.replacen(from, to, 1)
    };
    let keyword = with("\"minimum\": 0", "\"minimum\": 0, \"multipleOf\": 1");
    let e = Schemas::load_from(&[ANSWERS, &keyword, MANIFEST])
        .err()
        .unwrap();
    assert!(e.contains("multipleOf"), "{e}");
    let pattern = with("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "^[0-9]{4}$");
    let e = Schemas::load_from(&[ANSWERS, &pattern, MANIFEST])
        .err()
        .unwrap();
    assert!(e.contains("pattern"), "{e}");
}

#[test]
fn payload_problems_name_the_path() {
    let s = Schemas::load().unwrap();
    let problems = s.check_payload(&serde_json::json!({ "payload_version": 2, "x": 1 }), 20);
    for want in ["/payload_version", "/x", "'idempotency_key'", "'result'"] {
        assert!(
            problems.iter().any(|p| p.contains(want)),
            "{want}: {problems:?}"
        );
    }
    assert!(s.check_payload(&serde_json::json!([]), 20)[0].starts_with("/ must be object"));
}

fn config(extra: &str, manifest: &str) -> String {
    format!(
        "admin_token = \"0123456789abcdef\"\n{extra}\n[manifest]\nname = \"C\"\nfields = {{ required = [\"email\"] }}\n\
         purpose = \"P\"\ncontroller = {{ name = \"A\", contact = \"a@example.org\" }}\nretention_months = 12\n\
         fee = {{ percent = 0 }}\n{manifest}"
    )
}

#[test]
fn a_bad_configuration_names_every_problem_and_a_good_one_fills_the_defaults() {
    let addr = "127.0.0.1:8090".parse().unwrap();
    let good = Config::parse(&config("", ""))
        .unwrap()
        .settle(addr)
        .unwrap();
    assert_eq!(good.manifest["origin"], "http://127.0.0.1:8090");
    assert_eq!(
        good.manifest["endpoint"],
        "http://127.0.0.1:8090/api/results"
    );
    assert_eq!(
        good.manifest["privacy_policy"],
        "http://127.0.0.1:8090/privacy"
    );
    assert_eq!(good.config.database_url, "sqlite://campaign.sqlite");
    let bad = Config::parse(&config(
        "allowed_origins = [\"not an origin\"]\ndatabase_url = \"mysql://x\"",
        "delivery = \"carrier_pigeon\"",
    ))
    .unwrap()
    .settle(addr)
    .unwrap_err();
    for want in ["allowed_origins[0]", "database_url", "delivery"] {
        assert!(bad.contains(want), "{want}: {bad}");
    }
    let short = Config::parse(&config("", "").replace("0123456789abcdef", "short"))
        .unwrap()
        .settle(addr)
        .unwrap_err();
    assert!(short.contains("admin_token"));
    assert!(Config::parse("admin_token = 1").is_err());
    assert!(Config::parse(&config("unknown_key = 1", ""))
        .unwrap_err()
        .contains("unknown_key"));
}

#[test]
fn both_languages_have_the_same_page_messages() {
    let (mut fr, mut en) = (
        loan_insurance_campaign::admin::keys(Locale::Fr),
        loan_insurance_campaign::admin::keys(Locale::En),
    );
    fr.sort();
    en.sort();
    assert!(fr.len() > 40);
    assert_eq!(fr, en);
}

/// The payload is the consent screen's preview: only the consented answers travel, so a campaign that asks for none
/// of the answers its claims depend on receives the widget's honest result, accepts it, and can only keep it as
/// `mismatch` (what docs/campaign.md says); asking for every answer, the same result is `verified`.
#[test]
fn a_preview_is_verified_only_with_the_answers_its_claims_depend_on() {
    use loan_insurance_campaign::{load, verify};
    let addr = "127.0.0.1:8090".parse().unwrap();
    let settle = |fields: &str| {
        Config::parse(&config("", "").replace("fields = { required = [\"email\"] }", fields))
            .unwrap()
            .settle(addr)
            .unwrap()
    };
    let all: Vec<String> = loan_insurance_check::engine::FactId::ALL
        .iter()
        .map(|f| format!("\"{}\"", f.id()))
        .collect();
    let asks_all = settle(&format!(
        "fields = {{ required = [\"email\"], optional = [{}] }}",
        all.join(", ")
    ));
    let asks_none = settle("fields = { required = [\"email\"] }");
    let schemas = Schemas::load().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let case = load::cases(&root)
        .into_iter()
        .find(|c| {
            let p = load::payload(&asks_all.campaign, c, &load::key());
            p["result"]["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["verdict"] == "eligible")
        })
        .expect("a law case with an eligible claim");

    let full = load::payload(&asks_all.campaign, &case, &load::key());
    let checked = verify::check(&schemas, &asks_all.campaign, &full).unwrap();
    assert_eq!(
        checked.status,
        verify::Status::Verified,
        "{:?}",
        checked.differences
    );
    assert!(checked.fields.len() > 1 && checked.fields.last().unwrap() == "email");

    let bare = load::payload(&asks_none.campaign, &case, &load::key());
    assert_eq!(
        bare["result"]["answers"],
        serde_json::json!({ "version": 1 })
    );
    assert_eq!(
        bare["result"]["claims"].as_array().unwrap().len(),
        full["result"]["claims"].as_array().unwrap().len()
    );
    let checked = verify::check(&schemas, &asks_none.campaign, &bare).expect("accepted");
    assert_eq!(checked.status, verify::Status::Mismatch);
    assert!(
        checked.differences.iter().any(|d| d.field == "verdict"),
        "{:?}",
        checked.differences
    );
    assert_eq!(checked.fields, ["email"]);
}
