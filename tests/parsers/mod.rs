//! Every parser of outside input behind one signature, for the fuzzer (`tests/fuzz.rs`) and the hostile-input
//! catalogue (`tests/hostile.rs`): `Ok` when the parser accepts the input, `Err(message)` when it refuses it;
//! a message starting with `<` means the refusal said nothing, which is a failure too.
#![allow(dead_code)]

use loan_insurance_check::act::{dossier, fragment};
use loan_insurance_check::engine::{Answers, Date};
use loan_insurance_check::host_config as config;
use loan_insurance_check::i18n::parse;
use loan_insurance_check::theme;
use loan_insurance_check::{engine, manifest};

/// A parser under test: `Ok` when it accepts the input, `Err(message)` when it refuses it.
pub type Target = fn(&str) -> Result<(), String>;

pub fn nonempty(message: String) -> Result<(), String> {
    if message.trim().is_empty() {
        Err("<empty error message>".into())
    } else {
        Err(message)
    }
}

pub fn money(s: &str) -> Result<(), String> {
    parse::parse_money(s)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn percent(s: &str) -> Result<(), String> {
    parse::parse_percent(s)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn count(s: &str) -> Result<(), String> {
    parse::parse_count(s)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn date_parts(s: &str) -> Result<(), String> {
    let mut parts = s.splitn(3, '/');
    let (d, m, y) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    parse::parse_date_parts(d, m, y)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn answers_json(s: &str) -> Result<(), String> {
    match Answers::from_json(s) {
        Ok(answers) => {
            // Whatever was accepted evaluates without failing, on any day.
            let as_of = Date::new(2026, 11, 27).expect("a real day");
            let _ = engine::evaluate(&answers, as_of);
            Ok(())
        }
        Err(e) => nonempty(e.to_string()),
    }
}
pub fn dossier_file(s: &str) -> Result<(), String> {
    dossier::read(s)
        .map(|_| ())
        .or_else(|e| nonempty(format!("{e:?}")))
}
pub fn resume_code(s: &str) -> Result<(), String> {
    fragment::decode(s)
        .map(|_| ())
        .or_else(|e| nonempty(format!("{e:?}")))
}
pub fn colour(s: &str) -> Result<(), String> {
    theme::parse_color(s)
        .map(|_| ())
        .or_else(|e| nonempty(format!("{e:?}")))
}
pub fn theme_mode(s: &str) -> Result<(), String> {
    theme::ThemeMode::parse(s)
        .map(|_| ())
        .ok_or_else(|| "unknown theme".to_string())
}
pub fn claims(s: &str) -> Result<(), String> {
    let _ = config::parse_claims(s);
    Ok(())
}
pub fn manifest_attribute(s: &str) -> Result<(), String> {
    config::check_manifest(s, config::parse_json)
        .map(|_| ())
        .or_else(|e| nonempty(e.explain().into()))
}
pub fn url(s: &str) -> Result<(), String> {
    loan_insurance_check::url::Url::parse(s)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn resume_code_checked(s: &str) -> Result<(), String> {
    let as_of = Date::new(2026, 11, 27).expect("a real day");
    fragment::restore(s, as_of)
        .map(|_| ())
        .or_else(|e| nonempty(e.code().into()))
}
pub fn host_text(s: &str) -> Result<(), String> {
    let shown = config::host_text(s);
    if shown.chars().any(config::is_format_char) {
        Err("<a format character is left>".into())
    } else {
        Ok(())
    }
}
pub fn manifest_content(s: &str) -> Result<(), String> {
    let doc: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
    match manifest::validate(&doc, Some("https://campagne.example.org")) {
        Ok(_) => Ok(()),
        Err(problems) if problems.is_empty() => Err("<refused without a reason>".into()),
        Err(problems) => Err(format!("{problems:?}")),
    }
}

/// A manifest's payloads (issue 14 point 1): for every law case, with every field of the manifest ticked, the
/// payload holds no figure revealing an answer not sent, no answer not asked for, and none of the engine's
/// reasons, references, documents, missing facts or switching right. `Ok` when nothing leaks.
pub fn payload_of_manifest(s: &str) -> Result<(), String> {
    use loan_insurance_check::payload::{open_to, payload, preview, revealed_by, Chosen};
    let doc: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
    let campaign = manifest::validate(&doc, None).map_err(|p| format!("manifest: {p:?}"))?;
    // (`law_cases` is the test crate's module: every file that includes `parsers` also has `mod law_cases;`.)
    for (name, as_of, answers) in crate::law_cases::law_cases() {
        let eval = engine::evaluate(&answers, as_of);
        let chosen = Chosen {
            answers: campaign.answers().into_iter().map(|(f, _)| f).collect(),
            contact: Vec::new(),
        };
        let p = preview(&campaign, &eval, &answers, &chosen);
        let body = payload("catalogue", &p);
        let text = body.to_string();
        for key in [
            "reasons",
            "references",
            "documents",
            "missing",
            "switching",
            "per_person",
            "interest",
        ] {
            if text.contains(&format!("\"{key}\"")) {
                return Err(format!("leak: {name}: {key}"));
            }
        }
        let sent: Vec<engine::FactId> = body["result"]["answers"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, _)| engine::FactId::from_id(k))
            .collect();
        if sent.iter().any(|f| !chosen.answers.contains(f)) {
            return Err(format!("leak: {name}: an answer not asked for"));
        }
        let open = open_to(&answers, &sent);
        for c in body["result"]["claims"].as_array().into_iter().flatten() {
            for d in c["details"].as_array().into_iter().flatten() {
                let id = d["id"].as_str().unwrap_or("");
                let ok =
                    revealed_by(id).is_some_and(|facts| facts.iter().all(|f| open.contains(f)));
                if !ok {
                    return Err(format!("leak: {name}: {id} reveals an answer not sent"));
                }
            }
        }
    }
    Ok(())
}

/// A target by name.
pub fn by_name(name: &str) -> Option<Target> {
    Some(match name {
        "money" => money,
        "percent" => percent,
        "count" => count,
        "date_parts" => date_parts,
        "answers_json" => answers_json,
        "dossier_file" => dossier_file,
        "resume_code" => resume_code,
        "data_color" => colour,
        "data_theme" => theme_mode,
        "data_claims" => claims,
        "data_manifest" => manifest_attribute,
        "manifest" => manifest_content,
        "payload" => payload_of_manifest,
        "url" => url,
        "resume_code_checked" => resume_code_checked,
        "host_text" => host_text,
        _ => return None,
    })
}
