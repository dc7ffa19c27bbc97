//! The dossier file: `{"kind": "loan-insurance-check-dossier", "version": 1, "answers": {answers JSON v1},
//! "result": {result JSON v1}, "letter": {what the visitor typed for the letters, when they typed something},
//! "sent": [{campaign, reference, withdraw_secret}, ...], when a campaign stored a result and gave a withdrawal
//! secret}` (schema: `www/schema/dossier.v1.schema.json`).
//!
//! The answers are what comes back on import; the result shows what the check said on the day the file was made
//! (its `as_of`, rules and data versions). On import the result is computed again, on today's date, with the
//! rules of the version that opens the file. Reading never panics: a file that is not JSON, not a dossier, from
//! another version, or with a broken answer gets a [`DossierError`] the interface words for the visitor.

use super::letter::Parties;
use crate::engine::facts::ANSWERS_VERSION;
use crate::engine::result_doc::result_value;
use crate::engine::{Answers, Date, Evaluation, RESULT_VERSION};

/// The `kind` of a dossier file.
pub const DOSSIER_KIND: &str = "loan-insurance-check-dossier";
/// The dossier format version.
pub const DOSSIER_VERSION: u64 = 1;
/// Files larger than this are refused before reading (a dossier is a few kilobytes).
pub const MAX_DOSSIER_BYTES: usize = 1_000_000;

crate::engine::codes::coded! {
    /// Why a dossier file could not be opened; `code()` is the message key suffix (`act.file_error.<code>`).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum DossierError {
        /// Not JSON at all (or nested beyond reason).
        NotJson = "not_json",
        /// JSON, but not a dossier of this checker.
        NotDossier = "not_dossier",
        /// From a newer version of the checker.
        Newer = "newer",
        /// From an older version this one cannot read.
        Older = "older",
        /// The answers part is missing or broken; `field` names the answer at fault, when one is.
        BadAnswers {
            /// The answers JSON field at fault.
            field: Option<String> = None
        } = "bad_answers",
        /// The result part is missing or broken.
        BadResult = "bad_result",
        /// The file could not be opened at all: the browser could not read it, it is over
        /// [`MAX_DOSSIER_BYTES`], or the part of the widget that reads dossiers (the second wasm file) could not
        /// be loaded. Nothing says the file itself is damaged.
        Unreadable = "unreadable",
    }
}

/// What an opened dossier holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The answers.
    pub answers: Answers,
    /// The `as_of` of the saved result: the day the file was made.
    pub made_on: Date,
    /// The rules version of the saved result.
    pub rules_version: String,
    /// The data version of the saved result.
    pub data_version: String,
    /// What the visitor had typed for the letters (empty when the file holds none).
    pub parties: Parties,
    /// The results sent that a campaign can withdraw (an entry it cannot read is left out).
    pub sent: Vec<Sent>,
}

/// A result a campaign stored and can withdraw: its origin, its reference and the secret it gave (the visitor's
/// only way to withdraw it later, so the file keeps it). It stays in the file on their device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The campaign's origin.
    pub campaign: String,
    /// The campaign's reference.
    pub reference: String,
    /// The withdraw secret it gave.
    pub withdraw_secret: String,
}

impl Sent {
    fn to_json_value(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("campaign".into(), self.campaign.clone().into());
        m.insert("reference".into(), self.reference.clone().into());
        m.insert(
            "withdraw_secret".into(),
            self.withdraw_secret.clone().into(),
        );
        serde_json::Value::Object(m)
    }

    fn from_json_value(v: &serde_json::Value) -> Option<Sent> {
        let text = |k: &str, max: usize| {
            v.get(k)
                .and_then(|x| x.as_str())
                .filter(|s| !s.is_empty() && s.chars().count() <= max)
                .map(str::to_string)
        };
        Some(Sent {
            campaign: text("campaign", 300)?,
            reference: text("reference", 80)?,
            withdraw_secret: text("withdraw_secret", 128)?,
        })
    }
}

/// The dossier as a JSON value: every answer, and the result document (whose own `answers` are left empty:
/// they are at the top, once).
pub fn dossier_value(answers: &Answers, eval: &Evaluation) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("kind".into(), DOSSIER_KIND.into());
    m.insert("version".into(), DOSSIER_VERSION.into());
    m.insert(
        "answers".into(),
        answers.to_json_value(crate::engine::FactId::ALL),
    );
    m.insert("result".into(), result_value(eval, answers, &[]));
    serde_json::Value::Object(m)
}

/// The dossier file's text.
pub fn write(answers: &Answers, eval: &Evaluation) -> String {
    crate::payload::json_text(&dossier_value(answers, eval))
}

/// The dossier file's text with what the visitor typed for the letters (a `letter` member, only when they typed
/// something: it stays in the file on their device, never in a payload).
pub fn write_with(answers: &Answers, eval: &Evaluation, parties: &Parties) -> String {
    write_kept(answers, eval, parties, &[])
}

/// [`write_with`], and the results sent with their withdrawal secrets (a `sent` member, only when there is one).
pub fn write_kept(
    answers: &Answers,
    eval: &Evaluation,
    parties: &Parties,
    sent: &[Sent],
) -> String {
    let mut v = dossier_value(answers, eval);
    if let Some(m) = v.as_object_mut() {
        if !parties.is_empty() {
            m.insert("letter".into(), parties.to_json_value());
        }
        if !sent.is_empty() {
            m.insert(
                "sent".into(),
                serde_json::Value::Array(sent.iter().map(Sent::to_json_value).collect()),
            );
        }
    }
    crate::payload::json_text(&v)
}

/// Opens a dossier file's text.
pub fn read(text: &str) -> Result<Imported, DossierError> {
    if text.len() > MAX_DOSSIER_BYTES {
        return Err(DossierError::Unreadable);
    }
    // A byte-order mark is no reason to refuse a file (the browser's text decoding drops it too).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|_| DossierError::NotJson)?;
    read_value(&doc)
}

/// How a `version` field compares with the one this build reads.
fn version_check(v: Option<&serde_json::Value>, current: u64) -> Result<(), DossierError> {
    match v.map(serde_json::Value::as_u64) {
        None => Err(DossierError::Older),
        Some(Some(n)) if n == current => Ok(()),
        Some(Some(n)) if n > current => Err(DossierError::Newer),
        Some(Some(_)) => Err(DossierError::Older),
        // A string, a negative or fractional number: not something any version wrote.
        Some(None) => Err(DossierError::NotDossier),
    }
}

/// Opens a dossier already parsed as JSON (the browser parses with its own `JSON.parse`).
pub fn read_value(doc: &serde_json::Value) -> Result<Imported, DossierError> {
    let obj = doc.as_object().ok_or(DossierError::NotDossier)?;
    if obj.get("kind").and_then(|k| k.as_str()) != Some(DOSSIER_KIND) {
        return Err(DossierError::NotDossier);
    }
    version_check(obj.get("version"), DOSSIER_VERSION)?;
    let answers = obj
        .get("answers")
        .filter(|a| a.is_object())
        .ok_or(DossierError::BadAnswers { field: None })?;
    match version_check(answers.get("version"), ANSWERS_VERSION) {
        Ok(()) => {}
        Err(DossierError::Newer) => return Err(DossierError::Newer),
        Err(DossierError::Older) if answers.get("version").is_some() => {
            return Err(DossierError::Older)
        }
        Err(_) => {
            return Err(DossierError::BadAnswers {
                field: Some("version".into()),
            })
        }
    }
    let answers = Answers::from_json_value(answers)
        .map_err(|e| DossierError::BadAnswers { field: e.field })?;
    let result = obj
        .get("result")
        .filter(|r| r.is_object())
        .ok_or(DossierError::BadResult)?;
    match version_check(result.get("version"), RESULT_VERSION) {
        Ok(()) => {}
        Err(DossierError::Newer) => return Err(DossierError::Newer),
        Err(DossierError::Older) if result.get("version").is_some() => {
            return Err(DossierError::Older)
        }
        Err(_) => return Err(DossierError::BadResult),
    }
    let text = |k: &str| {
        result
            .get(k)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .map(str::to_string)
            .ok_or(DossierError::BadResult)
    };
    let made_on = Date::parse_iso(&text("as_of")?).ok_or(DossierError::BadResult)?;
    Ok(Imported {
        answers,
        made_on,
        rules_version: text("rules_version")?,
        data_version: text("data_version")?,
        parties: obj
            .get("letter")
            .map(Parties::from_json_value)
            .unwrap_or_default(),
        sent: obj
            .get("sent")
            .and_then(|s| s.as_array())
            .into_iter()
            .flatten()
            .take(50)
            .filter_map(Sent::from_json_value)
            .collect(),
    })
}
