//! Shared by the campaign server's tests: a server on a free loopback port with a fresh database (an SQLite file,
//! and a fresh PostgreSQL database on the server whose URL is in `LIC_TEST_POSTGRES_URL`, which
//! `scripts/test.sh` starts), and payloads built from the law cases as the widget builds them.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use loan_insurance_campaign::client::{self, Reply};
use loan_insurance_campaign::config::Config;
use loan_insurance_campaign::load::{self, Case};
use loan_insurance_campaign::web::{self, Shared};
use loan_insurance_check::engine::FactId;
use loan_insurance_check::manifest::{self, Campaign};
use serde_json::Value;
use sqlx::Executor;

pub const TOKEN: &str = "test-admin-token-0123456789";
pub const HOST: &str = "http://127.0.0.1:9";

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every law case with answers.
pub fn cases() -> Vec<Case> {
    load::cases(&root().join("tests/cases"))
}

fn fresh_name() -> String {
    let mut b = [0u8; 6];
    loan_insurance_campaign::random(&mut b);
    loan_insurance_campaign::hex(&b)
}

/// A new SQLite file URL.
pub fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(format!("lic-campaign-{}", fresh_name()));
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}", dir.join("campaign.sqlite").display())
}

/// A new, empty PostgreSQL database on the test server.
pub async fn postgres_url() -> String {
    let base = std::env::var("LIC_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "LIC_TEST_POSTGRES_URL is not set: the campaign server is tested against SQLite AND PostgreSQL. \
             scripts/test.sh starts a PostgreSQL server (start_postgres in scripts/lib.sh)."
        )
    });
    sqlx::any::install_default_drivers();
    let name = format!("lic_test_{}", fresh_name());
    let pool = sqlx::AnyPool::connect(&base)
        .await
        .expect("PostgreSQL test server");
    pool.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    pool.close().await;
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

/// Both databases, fresh: SQLite first.
pub async fn databases() -> Vec<String> {
    vec![sqlite_url(), postgres_url().await]
}

/// The test configuration: the campaign asks for every answer (so it can re-check everything), an e-mail
/// address, and optionally a name and the lender's and insurer's names; `extra` is appended (TOML).
pub fn config_text(db: &str, extra: &str) -> String {
    let answers: Vec<String> = FactId::ALL
        .iter()
        .map(|f| format!("\"{}\"", f.id()))
        .collect();
    let optional_contacts: Vec<String> = manifest::Contact::ALL
        .iter()
        .filter(|c| c.id() != "email")
        .map(|c| format!("\"{}\"", c.id()))
        .collect();
    format!(
        r#"listen = "127.0.0.1:0"
database_url = "{db}"
admin_token = "{TOKEN}"
allowed_origins = ["{HOST}"]
{extra}
[manifest]
name = "Campagne de test"
fields = {{ required = ["email"], optional = [{}, {}] }}
purpose = "Regrouper les demandes pour une action collective."
controller = {{ name = "Association de test", contact = "dpo@example.org" }}
retention_months = 24
fee = {{ percent = 10 }}
"#,
        answers.join(", "),
        optional_contacts.join(", ")
    )
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub app: Shared,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// Starts a server on `db` with the test configuration plus `extra`.
    pub async fn start(db: &str, extra: &str) -> Server {
        let config = Config::parse(&config_text(db, extra)).expect("test configuration");
        let (listener, app, addr) = loan_insurance_campaign::prepare(config, None)
            .await
            .expect("server starts");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(web::serve(listener, app.clone(), async move {
            let _ = rx.await;
        }));
        Server {
            addr,
            app,
            stop: Some(tx),
            task: Some(task),
        }
    }

    /// The campaign as the widget reads its manifest.
    pub fn campaign(&self) -> Campaign {
        self.app.settings.campaign.clone()
    }

    /// POSTs a payload as the widget does (text/plain, from the allowed host page).
    pub async fn post(&self, payload: &Value) -> Reply {
        self.post_from(payload, Some(HOST)).await
    }

    /// POSTs a payload with the given `Origin` (none: not a browser).
    pub async fn post_from(&self, payload: &Value, origin: Option<&str>) -> Reply {
        let mut headers = vec![("content-type", "text/plain;charset=UTF-8")];
        if let Some(o) = origin {
            headers.push(("origin", o));
        }
        client::send(
            self.addr,
            "POST",
            "/api/results",
            &headers,
            payload.to_string().as_bytes(),
        )
        .await
        .expect("an answer")
    }

    /// A GET with the admin token.
    pub async fn admin(&self, path: &str) -> Reply {
        let auth = format!("Bearer {TOKEN}");
        client::send(self.addr, "GET", path, &[("authorization", &auth)], b"")
            .await
            .expect("an answer")
    }

    /// How many results are stored.
    pub async fn count(&self) -> i64 {
        self.app.store.count().await.unwrap()
    }

    /// Stops the server and closes the database.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        self.app.store.close().await;
    }
}

/// The payload of a law case for `campaign`, with a fresh key.
pub fn payload(campaign: &Campaign, case: &Case) -> Value {
    load::payload(campaign, case, &load::key())
}

/// The first law case whose payload has an eligible claim with an amount above zero.
pub fn eligible_case(campaign: &Campaign) -> (Case, Value) {
    cases()
        .into_iter()
        .map(|c| {
            let p = payload(campaign, &c);
            (c, p)
        })
        .find(|(_, p)| {
            p["result"]["claims"].as_array().unwrap().iter().any(|c| {
                c["verdict"] == "eligible" && c["amount"]["high"].as_i64().unwrap_or(0) > 0
            })
        })
        .expect("a law case with an eligible claim")
}
