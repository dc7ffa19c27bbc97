//! The one configuration file (TOML): the campaign's manifest fields, the host origins allowed to send, the
//! database, the admin token and the limits. Checked whole at start: a bad file stops the server with every
//! problem named, before it listens.

use std::net::SocketAddr;

use loan_insurance_check::manifest::{self, Campaign};
use serde::Deserialize;
use serde_json::Value;

/// The configuration as written in the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where to listen, `127.0.0.1:8090` by default (port 0: any free port, printed at start).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// `sqlite://campaign.sqlite` (a file, created if missing) or `postgres://user@host/db`.
    #[serde(default = "default_database")]
    pub database_url: String,
    /// The token of the admin page and the exports (at least 16 characters).
    pub admin_token: String,
    /// The key the withdraw secrets are derived from (defaults to the admin token). Never change it: the
    /// secrets already given would stop working.
    #[serde(default)]
    pub secret_key: Option<String>,
    /// The origins of the pages allowed to send results (the host pages, or the widget's origin in iframe mode).
    /// A request from any other origin gets 403 and nothing is stored.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Take the client address from the last `X-Forwarded-For` entry (only behind a load balancer you run).
    #[serde(default)]
    pub trust_forwarded_for: bool,
    /// Limits.
    #[serde(default)]
    pub limits: Limits,
    /// The manifest v1 fields (`origin` defaults to `http://<listen address>`, `endpoint` to
    /// `<origin>/api/results`, `privacy_policy` to `<origin>/privacy`, `manifest_version` to 1).
    pub manifest: toml::Table,
}

/// Request limits.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request body, bytes (413 above).
    pub body_bytes: usize,
    /// Largest request head (request line and headers), bytes (431 above).
    pub header_bytes: usize,
    /// Longest time to receive a whole request, seconds (408 after).
    pub request_seconds: u64,
    /// Requests per minute per client address on `/api/` (429 above); 0 turns the limit off.
    pub rate_per_minute: u32,
    /// How many requests a client may make at once before the rate applies.
    pub rate_burst: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 256 * 1024,
            header_bytes: 16 * 1024,
            request_seconds: 10,
            rate_per_minute: 120,
            rate_burst: 20,
        }
    }
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8090))
}

fn default_database() -> String {
    "sqlite://campaign.sqlite".into()
}

/// The configuration checked, with the manifest validated by the widget's own rules.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The file's values.
    pub config: Config,
    /// The manifest as served at `/manifest.json`.
    pub manifest: Value,
    /// The same, read by the widget's validator.
    pub campaign: Campaign,
    /// Allowed origins, lower case.
    pub allowed: Vec<String>,
}

impl Config {
    /// Reads the TOML text.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string().trim().replace('\n', " "))
    }

    /// Reads a file.
    pub fn load(path: &str) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        Config::parse(&text).map_err(|e| format!("{path}: {e}"))
    }

    /// Checks everything and fills in the defaults that depend on the address actually listened on.
    pub fn settle(self, bound: SocketAddr) -> Result<Settings, String> {
        let mut problems = Vec::new();
        if self.admin_token.chars().count() < 16 {
            problems.push("admin_token: at least 16 characters".to_string());
        }
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            problems.push("database_url: sqlite://FILE or postgres://...".to_string());
        }
        let mut allowed = Vec::new();
        for (i, o) in self.allowed_origins.iter().enumerate() {
            match manifest::parse_origin(o) {
                Some(o) => allowed.push(o),
                None => problems.push(format!(
                    "allowed_origins[{i}]: not an origin such as https://host.example.org"
                )),
            }
        }
        if self.limits.body_bytes < 1024 || self.limits.header_bytes < 1024 {
            problems.push("limits: body_bytes and header_bytes are at least 1024".to_string());
        }
        if self.limits.request_seconds == 0 {
            problems.push("limits.request_seconds: at least 1".to_string());
        }
        let mut doc = match serde_json::to_value(&self.manifest) {
            Ok(Value::Object(m)) => m,
            _ => {
                problems.push("manifest: not a table".to_string());
                serde_json::Map::new()
            }
        };
        doc.entry("manifest_version").or_insert(Value::from(1));
        let origin = doc
            .entry("origin")
            .or_insert_with(|| Value::from(format!("http://{bound}")))
            .as_str()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string();
        let uses_endpoint = matches!(
            doc.get("delivery").and_then(Value::as_str),
            None | Some("json") | Some("form")
        );
        doc.entry("delivery").or_insert(Value::from("json"));
        if uses_endpoint {
            doc.entry("endpoint")
                .or_insert_with(|| Value::from(format!("{origin}/api/results")));
        }
        doc.entry("privacy_policy")
            .or_insert_with(|| Value::from(format!("{origin}/privacy")));
        let manifest = Value::Object(doc);
        let campaign = match manifest::validate(&manifest, None) {
            Ok(c) => Some(c),
            Err(ps) => {
                problems.extend(ps.iter().map(|p| format!("manifest: {}", p.explain())));
                None
            }
        };
        match campaign {
            Some(campaign) if problems.is_empty() => Ok(Settings {
                config: self,
                manifest,
                campaign,
                allowed,
            }),
            _ => Err(problems.join("; ")),
        }
    }
}

impl Settings {
    /// The key withdraw secrets are derived from.
    pub fn secret_key(&self) -> &str {
        self.config
            .secret_key
            .as_deref()
            .unwrap_or(&self.config.admin_token)
    }

    /// Whether a request's `Origin` may send: no header (not a browser), or an allowed origin.
    pub fn origin_allowed(&self, origin: Option<&str>) -> bool {
        match origin {
            None => true,
            Some(o) => {
                let o = o.trim().to_ascii_lowercase();
                self.allowed.contains(&o)
            }
        }
    }
}
