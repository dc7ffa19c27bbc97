//! The result document JSON v1 (PRODUCT.md "The result document"): rules and data versions, `as_of`, claims, and only the answers asked for.

use super::evaluation::Evaluation;
use super::facts::{Answers, FactId};
use super::params::DATA_VERSION;
use super::RULES_VERSION;

/// The result JSON format version.
pub const RESULT_VERSION: u64 = 1;

/// The result document as a JSON value.
pub fn result_value(eval: &Evaluation, answers: &Answers, include: &[FactId]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("version".into(), RESULT_VERSION.into());
    m.insert("rules_version".into(), RULES_VERSION.into());
    m.insert("data_version".into(), DATA_VERSION.into());
    m.insert(
        "data_checked_on".into(),
        super::params::DATA_CHECKED_ON.to_string().into(),
    );
    m.insert("as_of".into(), eval.as_of.to_string().into());
    m.insert(
        "claims".into(),
        serde_json::to_value(&eval.claims).unwrap_or_default(),
    );
    m.insert(
        "missing".into(),
        serde_json::to_value(&eval.missing).unwrap_or_default(),
    );
    m.insert(
        "next_questions".into(),
        serde_json::to_value(&eval.next_questions).unwrap_or_default(),
    );
    m.insert(
        "switching".into(),
        serde_json::to_value(&eval.switching).unwrap_or_default(),
    );
    m.insert("answers".into(), answers.to_json_value(include));
    serde_json::Value::Object(m)
}

/// The result document JSON v1, with only the `include`d answers.
pub fn result_document(eval: &Evaluation, answers: &Answers, include: &[FactId]) -> String {
    result_value(eval, answers, include).to_string()
}
