//! Re-checking a payload v1 with the widget's own engine. A payload is what the visitor's consent screen showed
//! (`loan_insurance_check::payload`, `$defs/payload` of the manifest schema): the verdict, amounts and last day of
//! each claim the campaign gathers (with the explaining figures whose answers are consented), the consented
//! answers, the contact details and the day of the evaluation. The consented answers are evaluated again at
//! that `as_of`, and every gathered claim must have the same verdict, amounts and last day as sent.
//! A payload that passes is `verified`; one that does not is kept as `mismatch` with the differences, so the
//! campaign's team can look at it, and never counts in the totals.
//!
//! Only the consented answers travel, so a campaign that wants its results `verified` must ask (required or
//! optional, ticked by the visitor) for the answers its gathered claims depend on: a result whose claims rest on
//! answers the campaign did not get cannot be re-derived, and is kept as `mismatch` (expected, documented in
//! docs/campaign.md).

use loan_insurance_check::engine::{evaluate, Answers, ClaimId, Date, RULES_VERSION};
use loan_insurance_check::manifest::{check_contact, Campaign, Contact, PAYLOAD_VERSION};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

use crate::schema::Schemas;

/// Whether the engine agrees with what was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every gathered claim matches.
    Verified,
    /// At least one difference: stored, never counted.
    Mismatch,
}

impl Status {
    /// The stored word.
    pub fn id(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Mismatch => "mismatch",
        }
    }
}

/// One difference between what was sent and what the engine says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// The claim id (or `result` for the whole document).
    pub claim: String,
    /// What differs: `claim` (present or not), `verdict`, `low`, `high`, `last_day`, `rules_version`.
    pub field: &'static str,
    /// What was sent.
    pub sent: Value,
    /// What the engine says.
    pub expected: Value,
}

/// One claim of a stored result (the figures as sent; for a verified result, also the engine's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimRow {
    /// The claim id.
    pub claim: String,
    /// The verdict.
    pub verdict: String,
    /// Low figure, cents (0 without an amount).
    pub low: i64,
    /// High figure, cents.
    pub high: i64,
    /// Last day to act.
    pub last_day: Option<String>,
}

/// A payload checked and ready to store.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The idempotency key.
    pub key: String,
    /// The payload, serialised canonically (keys sorted): the content the idempotency check compares.
    pub canonical: String,
    /// Verified or mismatch.
    pub status: Status,
    /// The differences (empty when verified).
    pub differences: Vec<Difference>,
    /// The claims as sent.
    pub claims: Vec<ClaimRow>,
    /// `as_of` of the result.
    pub as_of: String,
    /// The lender's name, if the campaign asked for it and it was given (free text, never used by the rules).
    pub lender: Option<String>,
    /// The insurer's name, likewise.
    pub insurer: Option<String>,
    /// The answer and contact ids stored (see [`fields_of`]), as the widget lists them on its receipt.
    pub fields: Vec<String>,
}

/// The field ids a payload carries: its answers (without `version`), then its contact details, in the order of
/// the stored document (keys sorted).
pub fn fields_of(doc: &Value) -> Vec<String> {
    let keys = |p: &str| {
        doc.pointer(p)
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.keys().cloned())
            .collect::<Vec<_>>()
    };
    keys("/result/answers")
        .into_iter()
        .filter(|k| k != "version")
        .chain(keys("/contact"))
        .collect()
}

/// Why a payload is refused (422): the problems, each `path message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub Vec<String>);

/// Where the time of one [`check_timed`] went: the JSON Schema check, the engine's evaluation, and the rest
/// (the campaign's rules, the comparison, the canonical text). The server adds these up (see
/// [`crate::web::Timings`]) so the engine's share of a request is known apart from the server's own.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spent {
    /// The JSON Schema check.
    pub schema: Duration,
    /// `engine::evaluate`.
    pub engine: Duration,
    /// Everything else.
    pub other: Duration,
}

/// Checks a payload: shape (JSON Schema), that it is for this campaign and holds only what it asks for,
/// then the engine's verdict.
pub fn check(schemas: &Schemas, campaign: &Campaign, doc: &Value) -> Result<Checked, Refused> {
    check_timed(schemas, campaign, doc, &mut Spent::default())
}

/// [`check`], adding the time of each part to `spent`.
pub fn check_timed(
    schemas: &Schemas,
    campaign: &Campaign,
    doc: &Value,
    spent: &mut Spent,
) -> Result<Checked, Refused> {
    let start = Instant::now();
    let problems = schemas.check_payload(doc, 20);
    let schema_done = Instant::now();
    spent.schema += schema_done - start;
    if !problems.is_empty() {
        return Err(Refused(problems));
    }
    let mut engine = Duration::ZERO;
    let result = check_valid(campaign, doc, &mut engine);
    spent.engine += engine;
    spent.other += schema_done.elapsed().saturating_sub(engine);
    result
}

/// The checks after the schema's, on a document the schema accepts.
fn check_valid(
    campaign: &Campaign,
    doc: &Value,
    engine: &mut Duration,
) -> Result<Checked, Refused> {
    let mut problems = Vec::new();
    let str_at = |p: &str| doc.pointer(p).and_then(Value::as_str).unwrap_or_default();
    if doc.get("payload_version").and_then(Value::as_u64) != Some(PAYLOAD_VERSION) {
        problems.push("/payload_version must be 1".to_string());
    }
    if str_at("/campaign/origin").trim_end_matches('/') != campaign.origin {
        problems.push(format!(
            "/campaign/origin is not this campaign ({})",
            campaign.origin
        ));
    }
    let as_of_text = str_at("/result/as_of");
    let as_of = Date::parse_iso(as_of_text);
    if as_of.is_none() {
        problems.push("/result/as_of is not a date".to_string());
    }
    // Only what the campaign asks for: anything else is refused rather than kept.
    let empty = json!({});
    let answers_doc = doc.pointer("/result/answers").unwrap_or(&empty);
    let asked: Vec<&str> = campaign.answers().iter().map(|(f, _)| f.id()).collect();
    for k in answers_doc
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        if k != "version" && !asked.contains(&k.as_str()) {
            problems.push(format!("/result/answers/{k} was not asked for"));
        }
    }
    let answers = match Answers::from_json_value(answers_doc) {
        Ok(a) => Some(a),
        Err(e) => {
            problems.push(format!(
                "/result/answers{} {}",
                e.field.map(|f| format!("/{f}")).unwrap_or_default(),
                e.message
            ));
            None
        }
    };
    let no_contact = Map::new();
    let contact = doc
        .get("contact")
        .and_then(Value::as_object)
        .unwrap_or(&no_contact);
    let asked_contacts = campaign.contacts();
    for k in contact.keys() {
        if !asked_contacts.iter().any(|(c, _)| c.id() == k) {
            problems.push(format!("/contact/{k} was not asked for"));
        }
    }
    for (c, required) in &asked_contacts {
        let typed = contact.get(c.id()).and_then(Value::as_str).unwrap_or("");
        if let Err(e) = check_contact(*c, typed, *required) {
            problems.push(format!("/contact/{} {}", c.id(), e.code()));
        }
    }
    let (Some(as_of), Some(answers), true) = (as_of, answers, problems.is_empty()) else {
        return Err(Refused(problems));
    };

    let sent: Vec<&Map<String, Value>> = doc
        .pointer("/result/claims")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    let engine_start = Instant::now();
    let eval = evaluate(&answers, as_of);
    *engine = engine_start.elapsed();
    let mut differences = Vec::new();
    let sent_rules = str_at("/result/rules_version");
    if sent_rules != RULES_VERSION {
        differences.push(Difference {
            claim: "result".into(),
            field: "rules_version",
            sent: sent_rules.into(),
            expected: RULES_VERSION.into(),
        });
    }
    let id_of = |c: &Map<String, Value>| {
        c.get("claim")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    for (i, c) in sent.iter().enumerate() {
        let id = id_of(c);
        let gathered = ClaimId::from_id(&id).is_some_and(|c| campaign.gathers(c));
        if !gathered || sent[..i].iter().any(|o| id_of(o) == id) {
            differences.push(Difference {
                claim: id,
                field: "claim",
                sent: "present".into(),
                expected: Value::Null,
            });
        }
    }
    for expected in eval.claims.iter().filter(|c| campaign.gathers(c.claim)) {
        let id = expected.claim.id();
        let Some(got) = sent.iter().find(|c| id_of(c) == id) else {
            differences.push(Difference {
                claim: id.into(),
                field: "claim",
                sent: Value::Null,
                expected: "present".into(),
            });
            continue;
        };
        let amount = |f: &str| {
            expected
                .amount
                .map(|a| if f == "low" { a.low } else { a.high })
        };
        let want: [(&'static str, Value); 4] = [
            ("verdict", expected.verdict.id().into()),
            ("low", amount("low").map(|c| c.0).into()),
            ("high", amount("high").map(|c| c.0).into()),
            ("last_day", expected.last_day.map(|d| d.to_string()).into()),
        ];
        for (field, want) in want {
            let sent_value = match field {
                "low" | "high" => got
                    .get("amount")
                    .and_then(|a| a.get(field))
                    .cloned()
                    .unwrap_or(Value::Null),
                _ => got.get(field).cloned().unwrap_or(Value::Null),
            };
            if sent_value != want {
                differences.push(Difference {
                    claim: id.into(),
                    field,
                    sent: sent_value,
                    expected: want,
                });
            }
        }
    }
    let claims = sent
        .iter()
        .map(|c| {
            let cents = |f: &str| {
                c.get("amount")
                    .and_then(|a| a.get(f))
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
            };
            ClaimRow {
                claim: id_of(c),
                verdict: c
                    .get("verdict")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
                low: cents("low"),
                high: cents("high"),
                last_day: c.get("last_day").and_then(Value::as_str).map(String::from),
            }
        })
        .collect();
    let free_text = |c: Option<Contact>| {
        c.and_then(|c| contact.get(c.id()))
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(Checked {
        key: str_at("/idempotency_key").to_string(),
        canonical: doc.to_string(),
        status: if differences.is_empty() {
            Status::Verified
        } else {
            Status::Mismatch
        },
        differences,
        claims,
        as_of: as_of.to_string(),
        lender: free_text(contact_named("lender")),
        insurer: free_text(contact_named("insurer")),
        fields: fields_of(doc),
    })
}

/// The contact field with this id, when the widget has one.
fn contact_named(id: &str) -> Option<Contact> {
    Contact::ALL.into_iter().find(|c| c.id() == id)
}
