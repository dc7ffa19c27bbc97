//! `loan-insurance-campaign`: the campaign server's command.
//!
//! ```text
//! loan-insurance-campaign [serve] [--config campaign.toml]   serve (prints "listening on http://ADDR")
//! loan-insurance-campaign purge [--config campaign.toml]     delete what is past the manifest's retention
//! loan-insurance-campaign check [--config campaign.toml]     check the configuration and the database, exit
//! loan-insurance-campaign dump [--config campaign.toml]      every stored result, one JSON line each (by reference),
//!                                                            with the withdraw secret the claimant was given
//! loan-insurance-campaign load --url http://127.0.0.1:PORT [--cases tests/cases] [--requests N] [--concurrency C]
//! ```
//! Exit status: 0 done, 2 bad arguments or configuration, 1 a failure while running.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use loan_insurance_campaign::config::Config;
use loan_insurance_campaign::{load, open, prepare, web};
use loan_insurance_check::manifest;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn fail(code: i32, msg: &str) -> ! {
    eprintln!("loan-insurance-campaign: {msg}");
    std::process::exit(code)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match args.first().map(String::as_str) {
        Some(c) if !c.starts_with('-') => c.to_string(),
        _ => "serve".into(),
    };
    let config_path = arg(&args, "--config").unwrap_or_else(|| "campaign.toml".into());
    match command.as_str() {
        "serve" => {
            let config = Config::load(&config_path).unwrap_or_else(|e| fail(2, &e));
            let (listener, app, addr) = prepare(config, None).await.unwrap_or_else(|e| fail(2, &e));
            println!("listening on http://{addr} ({})", app.store.backend);
            let _ = std::io::stdout().flush();
            web::serve(listener, app.clone(), shutdown()).await;
            if std::env::var_os("LIC_CAMPAIGN_TIMINGS").is_some() {
                eprintln!("{}", app.timings.summary(&app.store.commits));
            }
            app.store.close().await;
        }
        "check" | "purge" | "dump" => {
            let config = Config::load(&config_path).unwrap_or_else(|e| fail(2, &e));
            let addr = config.listen;
            let app = open(config, addr).await.unwrap_or_else(|e| fail(2, &e));
            match command.as_str() {
                "check" => println!("configuration and database ok ({})", app.store.backend),
                "purge" => {
                    let months = app.settings.campaign.retention_months;
                    let cutoff = loan_insurance_campaign::retention_cutoff(
                        &loan_insurance_campaign::now_utc(),
                        months,
                    );
                    match app.store.purge_before(&cutoff).await {
                        Ok(n) => println!(
                            "purged {n} results received before {cutoff} ({months} months)"
                        ),
                        Err(e) => fail(1, &format!("purge: {e}")),
                    }
                }
                _ => {
                    let mut out = std::io::stdout().lock();
                    let mut after = String::new();
                    loop {
                        let page = app
                            .store
                            .page(&after, 500)
                            .await
                            .unwrap_or_else(|e| fail(1, &format!("dump: {e}")));
                        let Some(last) = page.last() else { break };
                        after = last.reference.clone();
                        for r in &page {
                            let line = serde_json::json!({
                                "reference": r.reference,
                                "idempotency_key": r.key,
                                "received_at": r.received_at,
                                "delivery": r.delivery,
                                "status": r.status,
                                "withdraw_secret": app.withdraw_secret(&r.reference, &r.key),
                                "differences": serde_json::from_str::<serde_json::Value>(&r.differences).unwrap_or_default(),
                                "payload": serde_json::from_str::<serde_json::Value>(&r.payload).unwrap_or_default(),
                            });
                            let _ = writeln!(out, "{line}");
                        }
                    }
                }
            }
            app.store.close().await;
        }
        "load" => {
            let url = arg(&args, "--url")
                .unwrap_or_else(|| fail(2, "load needs --url http://127.0.0.1:PORT"));
            let addr: SocketAddr = url
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .parse()
                .unwrap_or_else(|_| fail(2, "--url must be http://IP:PORT (loopback)"));
            if !addr.ip().is_loopback() {
                fail(2, "the load generator only talks to loopback");
            }
            let dir = PathBuf::from(arg(&args, "--cases").unwrap_or_else(|| "tests/cases".into()));
            let n: usize = arg(&args, "--requests")
                .and_then(|s| s.parse().ok())
                .unwrap_or(4000);
            let c: usize = arg(&args, "--concurrency")
                .and_then(|s| s.parse().ok())
                .unwrap_or(16);
            let m = loan_insurance_campaign::client::send(addr, "GET", "/manifest.json", &[], b"")
                .await
                .unwrap_or_else(|e| fail(1, &format!("manifest: {e}")));
            let campaign = manifest::validate(&m.json(), None)
                .unwrap_or_else(|_| fail(1, "the server's manifest does not validate"));
            let cases = load::cases(&dir);
            if cases.is_empty() {
                fail(2, "no law case found");
            }
            let bodies: Vec<String> = (0..n)
                .map(|i| {
                    load::payload(&campaign, &cases[i % cases.len()], &load::key()).to_string()
                })
                .collect();
            let r = load::run(addr, bodies, c).await;
            println!(
                "{} requests, {} verified, {} failed in {:.2} s: {:.0} verified results/s (target >= 2000), p50 {:.1} ms, p99 {:.1} ms (target <= 50)",
                r.answered,
                r.verified,
                r.failed,
                r.seconds,
                r.verified as f64 / r.seconds,
                r.p50_ms,
                r.p99_ms
            );
        }
        other => fail(
            2,
            &format!("unknown command {other:?} (serve, check, purge, load)"),
        ),
    }
}

/// Resolves on Ctrl-C or SIGTERM (systemd's stop).
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = term.recv() => {},
            _ = tokio::signal::ctrl_c() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
