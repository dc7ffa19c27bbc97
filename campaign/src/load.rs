//! Realistic payloads and the load generator of `scripts/bench.sh`: every law case of `tests/cases/` (answers
//! and `as_of`) is evaluated by the engine and wrapped as the widget wraps it (the consent screen's preview,
//! `payload::preview`, then `payload::payload`), with all the answers the campaign asks for and an e-mail
//! address, and a fresh salt (so a fresh idempotency key) for each request.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use loan_insurance_check::engine::{evaluate, Answers, Date};
use loan_insurance_check::manifest::{Campaign, Contact};
use loan_insurance_check::payload::{self, Chosen};
use serde_json::Value;

use crate::client::Conn;

/// A law case's answers and day.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case's name.
    pub name: String,
    /// Its answers.
    pub answers: Answers,
    /// Its day.
    pub as_of: Date,
}

/// Every case of `dir` (recursively) that has answers and an `as_of`.
pub fn cases(dir: &Path) -> Vec<Case> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for c in doc
            .get("cases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let as_of = c
                .get("as_of")
                .and_then(Value::as_str)
                .and_then(Date::parse_iso);
            let answers = c
                .get("answers")
                .and_then(|a| Answers::from_json_value(a).ok());
            if let (Some(as_of), Some(answers)) = (as_of, answers) {
                out.push(Case {
                    name: c
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    answers,
                    as_of,
                });
            }
        }
    }
    out
}

/// A fresh random key (32 lower-case hex digits): an idempotency key, or the salt of one.
pub fn key() -> String {
    let mut b = [0u8; 16];
    crate::random(&mut b);
    payload::hex(&b)
}

/// The payload the widget would send for `case` to `campaign`: the answers asked for, a contact detail for each
/// required contact field (an e-mail address, a name...); `salt` enters its idempotency key as the widget's
/// per-device salt does (a fresh salt, a fresh key).
pub fn payload(campaign: &Campaign, case: &Case, salt: &str) -> Value {
    let eval = evaluate(&case.answers, case.as_of);
    let asked: Vec<_> = campaign.answers().into_iter().map(|(f, _)| f).collect();
    let answers = case
        .answers
        .answered()
        .into_iter()
        .filter(|f| asked.contains(f))
        .collect();
    let contact = campaign
        .contacts()
        .into_iter()
        .filter(|(_, required)| *required)
        .map(|(c, _)| {
            let v = match c {
                Contact::Email => "marie.dupont@example.fr",
                Contact::Phone => "0612345678",
                Contact::PostalAddress => "12 rue des Lilas 75011 Paris",
                _ => "Marie Dupont",
            };
            (c, v.to_string())
        })
        .collect();
    let preview = payload::preview(campaign, &eval, &case.answers, &Chosen { answers, contact });
    payload::payload(salt, &preview)
}

/// What a load run measured.
#[derive(Clone, Debug)]
pub struct Report {
    /// Requests answered.
    pub answered: usize,
    /// Answers 201 with status `verified`.
    pub verified: usize,
    /// Other answers and failed requests.
    pub failed: usize,
    /// Wall time.
    pub seconds: f64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
}

/// Posts `bodies` with `concurrency` keep-alive connections, each body once.
pub async fn run(addr: SocketAddr, bodies: Vec<String>, concurrency: usize) -> Report {
    let bodies = Arc::new(bodies);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (bodies, next) = (bodies.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let (mut verified, mut failed) = (0, 0);
            let mut conn = None;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(body) = bodies.get(i) else { break };
                if conn.is_none() {
                    conn = Conn::open(addr).await.ok();
                }
                let Some(c) = conn.as_mut() else {
                    failed += 1;
                    continue;
                };
                let t = Instant::now();
                let r = c
                    .request(
                        "POST",
                        "/api/results",
                        &[("content-type", "text/plain;charset=UTF-8")],
                        body.as_bytes(),
                    )
                    .await;
                lat.push(t.elapsed());
                match r {
                    Ok(r) if r.status == 201 && r.json()["status"] == "verified" => verified += 1,
                    Ok(_) => failed += 1,
                    Err(_) => {
                        failed += 1;
                        conn = None;
                    }
                }
            }
            (lat, verified, failed)
        }));
    }
    let mut lat: Vec<Duration> = Vec::new();
    let (mut verified, mut failed) = (0, 0);
    for t in tasks {
        if let Ok((l, v, f)) = t.await {
            lat.extend(l);
            verified += v;
            failed += f;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Report {
        answered: lat.len(),
        verified,
        failed,
        seconds,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    }
}
