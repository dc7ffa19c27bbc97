//! kill -9 during the load, restart, retry everything: every acknowledged result is there exactly once, under the
//! reference it was acknowledged with (SQLite file and PostgreSQL). The server runs as its own process (the real
//! binary) so the kill is a real one.
mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use loan_insurance_campaign::client::Conn;
use loan_insurance_check::manifest;
use serde_json::Value;

fn spawn(config: &std::path::Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loan-insurance-campaign"))
        .args(["serve", "--config"])
        .arg(config)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, addr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_the_load_then_retry_everything_every_acknowledged_result_is_there_once() {
    for db in common::databases().await {
        let dir = std::env::temp_dir().join(format!(
            "lic-crash-{}",
            loan_insurance_campaign::load::key()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("campaign.toml");
        // A fixed origin: the payloads name it, and the restarted server listens on another port.
        let text = common::config_text(&db, "[limits]\nrate_per_minute = 0").replace(
            "[manifest]\n",
            "[manifest]\norigin = \"https://campagne.example.org\"\n",
        );
        std::fs::write(&config, text).unwrap();
        let (mut child, addr) = spawn(&config);
        let m = loan_insurance_campaign::client::send(addr, "GET", "/manifest.json", &[], b"")
            .await
            .unwrap();
        let campaign = manifest::validate(&m.json(), None).unwrap();
        let cases = common::cases();
        let bodies: Arc<Vec<(String, String)>> = Arc::new(
            (0..500)
                .map(|i| {
                    let p = common::payload(&campaign, &cases[i % cases.len()]);
                    (
                        p["idempotency_key"].as_str().unwrap().to_string(),
                        p.to_string(),
                    )
                })
                .collect(),
        );
        let acked: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let next = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (bodies, acked, next) = (bodies.clone(), acked.clone(), next.clone());
            tasks.push(tokio::spawn(async move {
                let Ok(mut conn) = Conn::open(addr).await else {
                    return;
                };
                while let Some((key, body)) = bodies.get(next.fetch_add(1, Ordering::SeqCst)) {
                    match conn
                        .request(
                            "POST",
                            "/api/results",
                            &[("content-type", "text/plain")],
                            body.as_bytes(),
                        )
                        .await
                    {
                        Ok(r) if r.status == 201 || r.status == 200 => {
                            let reference = r.json()["reference"].as_str().unwrap().to_string();
                            acked.lock().unwrap().insert(key.clone(), reference);
                        }
                        Ok(r) => panic!("{}: {}", r.status, r.text()),
                        Err(_) => return, // killed
                    }
                }
            }));
        }
        // Kill in the middle of the load.
        while acked.lock().unwrap().len() < 100 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for t in tasks {
            t.await.unwrap();
        }
        let acknowledged = acked.lock().unwrap().clone();
        assert!(
            acknowledged.len() >= 100 && acknowledged.len() < bodies.len(),
            "killed during the load ({} acknowledged of {})",
            acknowledged.len(),
            bodies.len()
        );

        // Restart on the same database and retry everything.
        let (mut child, addr) = spawn(&config);
        let mut conn = Conn::open(addr).await.unwrap();
        let mut retried = HashMap::new();
        for (key, body) in bodies.iter() {
            let r = conn
                .request(
                    "POST",
                    "/api/results",
                    &[("content-type", "text/plain")],
                    body.as_bytes(),
                )
                .await
                .unwrap();
            assert!(
                r.status == 201 || r.status == 200,
                "{}: {}",
                r.status,
                r.text()
            );
            if acknowledged.contains_key(key) {
                assert_eq!(
                    r.status, 200,
                    "an acknowledged result is known after the restart"
                );
                assert_eq!(r.json()["duplicate"], true);
            }
            retried.insert(
                key.clone(),
                r.json()["reference"].as_str().unwrap().to_string(),
            );
        }
        child.kill().unwrap();
        child.wait().unwrap();

        // What the database holds, read by the server's own dump command.
        let out = Command::new(env!("CARGO_BIN_EXE_loan-insurance-campaign"))
            .args(["dump", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert!(out.status.success());
        let rows: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut per_key: HashMap<String, Vec<String>> = HashMap::new();
        for r in &rows {
            per_key
                .entry(r["idempotency_key"].as_str().unwrap().into())
                .or_default()
                .push(r["reference"].as_str().unwrap().into());
        }
        assert_eq!(
            rows.len(),
            bodies.len(),
            "{db}: every result once, none twice"
        );
        for (key, reference) in &acknowledged {
            assert_eq!(
                per_key.get(key),
                Some(&vec![reference.clone()]),
                "{db}: {key}"
            );
        }
        for (key, reference) in &retried {
            assert_eq!(per_key.get(key), Some(&vec![reference.clone()]));
        }
        assert!(rows.iter().all(|r| r["status"] == "verified"));
    }
}
