//! The HTTP side. Routes:
//!
//! - `GET /manifest.json`: the campaign's manifest (CORS open to all: it is public).
//! - `POST /api/results`: a payload v1, as JSON (`application/json`, or `text/plain` as the widget sends it: a
//!   CORS simple request) or a form POST (field `payload`, the widget's `form` delivery, answered in HTML).
//! - `GET /api/results/{reference}`, `DELETE /api/results/{reference}`: what the campaign holds for the claimant,
//!   and its withdrawal, with the `withdraw_secret` given at send time (`Authorization: Bearer <secret>`).
//! - `GET /admin`, `/admin/export.csv`, `/admin/export.jsonl`: the campaign's team (admin token).
//! - `GET /claim`, `POST /claim`, `POST /claim/withdraw`: the claimant's page, without JavaScript.
//! - `GET /privacy`: the privacy notice made from the manifest; `GET /health`.
//!
//! Never crashes, never lies: hyper answers a malformed request line or header with 400 and a too-large head
//! with 431; bodies above the limit get 413; a request not received whole in time gets 408; an origin not
//! allowed gets 403 before anything is read; a client above its rate gets 429. Handlers never panic (the fuzz
//! test counts panics) and a database failure is a 503, not a lie.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hmac::{Mac, SimpleHmac};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::config::Settings;
use crate::schema::Schemas;
use crate::store::{Store, Stored};
use crate::verify::{self, Status};

/// What every handler shares.
pub struct App {
    /// The configuration.
    pub settings: Settings,
    /// The schema files.
    pub schemas: Schemas,
    /// The database.
    pub store: Store,
    limiter: Mutex<HashMap<IpAddr, (f64, Instant)>>,
    /// The engine's re-checks run on tokio's blocking pool, at most this many at once (one per core), so the
    /// threads that read and answer connections are never held by a verification.
    verifiers: Arc<tokio::sync::Semaphore>,
    /// Where the time of the received results went.
    pub timings: Timings,
}

/// Where the time of `POST /api/results` went, summed over the requests (nanoseconds), so the engine's share is
/// known apart from the server's own: printed at shutdown when `LIC_CAMPAIGN_TIMINGS` is set (see
/// `scripts/bench-campaign.sh`).
#[derive(Debug, Default)]
pub struct Timings {
    requests: AtomicU64,
    /// Waiting for a verifier (a core).
    queue: AtomicU64,
    /// Reading the body as JSON.
    parse: AtomicU64,
    /// The JSON Schema check.
    schema: AtomicU64,
    /// The engine's evaluation.
    engine: AtomicU64,
    /// The campaign's rules, the comparison, the canonical text.
    other: AtomicU64,
    /// From handing the result to the writer to its transaction's commit.
    store: AtomicU64,
}

impl Timings {
    fn add(field: &AtomicU64, d: Duration) {
        field.fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }

    /// One line: the mean time per request of each part, in milliseconds, and the writer's batching.
    pub fn summary(&self, commits: &crate::store::Commits) -> String {
        let n = self.requests.load(Ordering::Relaxed).max(1) as f64;
        let ms = |f: &AtomicU64| f.load(Ordering::Relaxed) as f64 / n / 1e6;
        let tx = commits.transactions.load(Ordering::Relaxed);
        let results = commits.results.load(Ordering::Relaxed);
        format!(
            "timings per result over {} results (ms, mean): wait for a core {:.3}, JSON parse {:.3}, schema {:.3}, \
             engine {:.3}, campaign rules and comparison {:.3}, store until commit {:.3}; {} transactions, \
             {:.1} results per transaction",
            self.requests.load(Ordering::Relaxed),
            ms(&self.queue),
            ms(&self.parse),
            ms(&self.schema),
            ms(&self.engine),
            ms(&self.other),
            ms(&self.store),
            tx,
            results as f64 / tx.max(1) as f64
        )
    }
}

/// The shared state.
pub type Shared = Arc<App>;

/// The peer address of a connection (set by [`serve`]).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

impl App {
    /// Builds the state; fails when the schema files hold something the validator does not implement.
    pub fn new(settings: Settings, store: Store) -> Result<Shared, String> {
        Ok(Arc::new(App {
            settings,
            schemas: Schemas::load()?,
            store,
            limiter: Mutex::new(HashMap::new()),
            verifiers: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            timings: Timings::default(),
        }))
    }

    /// The withdraw secret of a result: derived from the server's key, the reference and the idempotency key,
    /// so the same payload sent again gets the same secret back and nothing secret is stored.
    pub fn withdraw_secret(&self, reference: &str, key: &str) -> String {
        let mut mac =
            <SimpleHmac<Sha256> as Mac>::new_from_slice(self.settings.secret_key().as_bytes())
                .unwrap_or_else(|_| unreachable_mac());
        mac.update(b"withdraw\0");
        mac.update(reference.as_bytes());
        mac.update(b"\0");
        mac.update(key.as_bytes());
        crate::hex(&mac.finalize().into_bytes()[..16])
    }

    /// Takes one token of the client's bucket; `false` when it is empty.
    fn allow(&self, ip: IpAddr) -> bool {
        let limits = &self.settings.config.limits;
        if limits.rate_per_minute == 0 {
            return true;
        }
        let burst = f64::from(limits.rate_burst.max(1));
        let per_sec = f64::from(limits.rate_per_minute) / 60.0;
        let now = Instant::now();
        let Ok(mut map) = self.limiter.lock() else {
            return true;
        };
        if map.len() > 100_000 {
            // Forget the clients whose bucket is full again (bounded memory whatever the traffic).
            map.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_sec < burst
            });
        }
        let (tokens, at) = map.entry(ip).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_sec).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn unreachable_mac() -> SimpleHmac<Sha256> {
    // HMAC takes keys of any length: this cannot happen; an empty key would still be a valid one.
    <SimpleHmac<Sha256> as Mac>::new_from_slice(b"").expect("HMAC accepts any key length")
}

/// The router with every layer.
pub fn router(app: Shared) -> Router {
    let limits = app.settings.config.limits.clone();
    let allowed: Vec<HeaderValue> = app
        .settings
        .allowed
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(600));
    let api = Router::new()
        .route("/api/results", post(receive))
        .route("/api/results/{reference}", get(held).delete(withdraw))
        .layer(cors)
        .route_layer(middleware::from_fn_with_state(app.clone(), guard));
    Router::new()
        .route("/manifest.json", get(manifest))
        .route("/health", get(|| async { "ok" }))
        .route("/privacy", get(crate::admin::privacy))
        .route("/admin", get(crate::admin::page))
        .route("/admin/export.csv", get(crate::admin::export_csv))
        .route("/admin/export.jsonl", get(crate::admin::export_jsonl))
        .route(
            "/claim",
            get(crate::admin::claim_form).post(crate::admin::claim_show),
        )
        .route("/claim/withdraw", post(crate::admin::claim_withdraw))
        .merge(api)
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(limits.request_seconds),
        ))
        .with_state(app)
}

/// The client's address: the peer, or the last `X-Forwarded-For` entry behind a trusted load balancer.
pub fn client_ip(app: &App, headers: &HeaderMap, peer: Option<Peer>) -> IpAddr {
    let peer = peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.0.ip());
    if !app.settings.config.trust_forwarded_for {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer)
}

/// Before anything of an `/api/` request is read: the origin (403) and the rate (429).
async fn guard(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let origin = match req.headers().get(header::ORIGIN).map(|v| v.to_str()) {
        None => None,
        Some(Ok(o)) => Some(o),
        Some(Err(_)) => return error(StatusCode::BAD_REQUEST, "bad_origin"),
    };
    // A form POST sent with the referrer policy `no-referrer` (the widget's `form` delivery) carries
    // `Origin: null`: a top-level navigation that no page can read the answer of, accepted as a request without
    // an Origin is. What makes a stored result trustworthy is the engine's check, not the origin.
    let null_form = origin == Some("null")
        && req.method() == Method::POST
        && header_starts(
            req.headers(),
            "content-type",
            "application/x-www-form-urlencoded",
        )
        && header_starts(req.headers(), "sec-fetch-mode", "navigate");
    if !null_form && !app.settings.origin_allowed(origin) {
        return error(StatusCode::FORBIDDEN, "origin_not_allowed");
    }
    let peer = req.extensions().get::<Peer>().copied();
    if !app.allow(client_ip(&app, req.headers(), peer)) {
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
        return r;
    }
    next.run(req).await
}

fn header_starts(headers: &HeaderMap, name: &str, want: &str) -> bool {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with(want))
}

/// A JSON error `{ "error": code }`.
pub fn error(status: StatusCode, code: &str) -> Response {
    json_response(status, json!({ "error": code }))
}

/// A JSON answer, never cached.
pub fn json_response(status: StatusCode, body: Value) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}

async fn manifest(State(app): State<Shared>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        app.settings.manifest.to_string(),
    )
        .into_response()
}

/// What a receiving attempt came to (shared by the JSON and the form answers).
enum Outcome {
    Stored {
        reference: String,
        duplicate: bool,
        status: String,
        secret: String,
        fields: Vec<String>,
    },
    /// The key is held with other content: that version's reference, fields and day of receipt.
    Conflict {
        reference: String,
        fields: Vec<String>,
        received_at: String,
    },
    Refused(StatusCode, &'static str, Vec<String>),
    /// The body is not a JSON document.
    NotJson,
}

/// The body of a `POST /api/results` as a document: the JSON text, or the `payload` field of a form.
fn read_body(body: &[u8], form: bool) -> Option<Value> {
    if form {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "payload")
            .and_then(|(_, v)| serde_json::from_str(&v).ok())
    } else {
        serde_json::from_slice(body).ok()
    }
}

/// Reads, checks and stores one body: the reading and the engine's check on the blocking pool (one per core),
/// the storing through the group-commit writer.
async fn take(app: &Shared, body: Bytes, form: bool) -> Result<Outcome, Response> {
    let unavailable = |what: &str| {
        eprintln!("{what}");
        error(StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable")
    };
    let queued = Instant::now();
    let permit = app
        .verifiers
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| unavailable("verifiers closed"))?;
    let worker = app.clone();
    let checked = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let t = &worker.timings;
        Timings::add(&t.queue, queued.elapsed());
        let start = Instant::now();
        let doc = read_body(&body, form);
        Timings::add(&t.parse, start.elapsed());
        let doc = doc?;
        let mut spent = verify::Spent::default();
        let checked =
            verify::check_timed(&worker.schemas, &worker.settings.campaign, &doc, &mut spent);
        Timings::add(&t.schema, spent.schema);
        Timings::add(&t.engine, spent.engine);
        Timings::add(&t.other, spent.other);
        Some(checked)
    })
    .await
    .map_err(|e| {
        eprintln!("verification failed: {e}");
        error(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    })?;
    let checked = match checked {
        None => return Ok(Outcome::NotJson),
        Some(Ok(c)) => c,
        Some(Err(verify::Refused(problems))) => {
            return Ok(Outcome::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                problems,
            ))
        }
    };
    let start = Instant::now();
    let stored = app
        .store
        .store(
            &checked,
            if form { "form" } else { "json" },
            &crate::now_utc(),
        )
        .await
        .map_err(|e| unavailable(&format!("database: {e}")))?;
    Timings::add(&app.timings.store, start.elapsed());
    app.timings.requests.fetch_add(1, Ordering::Relaxed);
    Ok(match stored {
        Stored::New(reference) => Outcome::Stored {
            secret: app.withdraw_secret(&reference, &checked.key),
            reference,
            duplicate: false,
            status: checked.status.id().into(),
            fields: checked.fields,
        },
        Stored::Duplicate(reference, status) => Outcome::Stored {
            secret: app.withdraw_secret(&reference, &checked.key),
            reference,
            duplicate: true,
            status,
            fields: checked.fields,
        },
        Stored::Conflict {
            reference,
            payload,
            received_at,
        } => Outcome::Conflict {
            fields: serde_json::from_str::<Value>(&payload)
                .map(|held| verify::fields_of(&held))
                .unwrap_or_default(),
            reference,
            received_at,
        },
    })
}

async fn receive(State(app): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let form = kind == "application/x-www-form-urlencoded";
    if !form && !matches!(kind.as_str(), "application/json" | "text/plain" | "") {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
    let outcome = match take(&app, body, form).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if form {
        return match outcome {
            Outcome::Stored {
                reference, secret, ..
            } => crate::admin::form_answer(&app, StatusCode::OK, Some((&reference, &secret))),
            Outcome::NotJson => crate::admin::form_answer(&app, StatusCode::BAD_REQUEST, None),
            Outcome::Conflict { .. } => crate::admin::form_answer(&app, StatusCode::CONFLICT, None),
            Outcome::Refused(status, _, _) => crate::admin::form_answer(&app, status, None),
        };
    }
    match outcome {
        Outcome::NotJson => error(StatusCode::BAD_REQUEST, "not_json"),
        Outcome::Stored {
            reference,
            duplicate,
            status,
            secret,
            fields,
        } => json_response(
            if duplicate {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            },
            json!({
                "reference": reference,
                "duplicate": duplicate,
                "status": status,
                "withdraw_secret": secret,
                "fields": fields,
            }),
        ),
        // The version held, as the widget tells the visitor (its reference, what it holds, since when); never
        // its content or its withdraw secret.
        Outcome::Conflict {
            reference,
            fields,
            received_at,
        } => json_response(
            StatusCode::CONFLICT,
            json!({
                "error": "conflict",
                "reference": reference,
                "fields": fields,
                "received_at": received_at,
                "problems": [format!(
                    "the idempotency key is already held by {reference} with other content"
                )],
            }),
        ),
        Outcome::Refused(status, code, problems) => {
            json_response(status, json!({ "error": code, "problems": problems }))
        }
    }
}

/// The record of `reference` when `secret` is its withdraw secret.
pub async fn authorised(
    app: &App,
    reference: &str,
    secret: &str,
) -> Result<Option<crate::store::Record>, Response> {
    let reference = reference.trim().to_ascii_uppercase();
    if !reference.starts_with("LIC-") || reference.len() > 40 {
        return Ok(None);
    }
    let rec = app.store.get(&reference).await.map_err(|e| {
        eprintln!("database: {e}");
        error(StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable")
    })?;
    Ok(rec.filter(|r| same(&app.withdraw_secret(&r.reference, &r.key), secret.trim())))
}

/// Compares two secrets in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
}

async fn held(
    State(app): State<Shared>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    match authorised(&app, &reference, bearer(&headers)).await {
        Err(r) => r,
        Ok(None) => error(StatusCode::NOT_FOUND, "not_found"),
        Ok(Some(r)) => json_response(
            StatusCode::OK,
            json!({
                "reference": r.reference,
                "status": r.status,
                "received_at": r.received_at,
                "differences": serde_json::from_str::<Value>(&r.differences).unwrap_or(json!([])),
                "payload": serde_json::from_str::<Value>(&r.payload).unwrap_or(Value::Null),
            }),
        ),
    }
}

async fn withdraw(
    State(app): State<Shared>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    match authorised(&app, &reference, bearer(&headers)).await {
        Err(r) => r,
        Ok(None) => error(StatusCode::NOT_FOUND, "not_found"),
        Ok(Some(r)) => match app.store.delete(&r.reference).await {
            Ok(_) => StatusCode::NO_CONTENT.into_response(),
            Err(e) => {
                eprintln!("database: {e}");
                error(StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable")
            }
        },
    }
}

/// Whether the verification status word is `verified`.
pub fn is_verified(status: &str) -> bool {
    status == Status::Verified.id()
}

/// Serves `router` on `listener` until `shutdown` resolves: HTTP/1.1 by hyper with a limit on the request
/// head's size and the time to receive it; a failed accept (too many open files) waits and goes on.
pub async fn serve(
    listener: TcpListener,
    app: Shared,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let limits = app.settings.config.limits.clone();
    let router = router(app);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.request_seconds))
        .max_buf_size(limits.header_bytes.max(8192))
        .half_close(true)
        .keep_alive(true);
    let connections = Arc::new(tokio::sync::Semaphore::new(8192));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = connections.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let svc = router
            .clone()
            .map_request(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(Peer(peer));
                req
            });
        let svc = hyper::service::service_fn(move |req| {
            let svc = svc.clone();
            async move { Ok::<_, Infallible>(svc.oneshot(req).await.unwrap_or_else(|e| match e {})) }
        });
        let conn = http.serve_connection(TokioIo::new(stream), svc);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    // Let the requests under way finish (a few seconds at most).
    let _ = tokio::time::timeout(Duration::from_secs(5), connections.acquire_many(8192)).await;
}

/// A body from text.
pub fn body(text: String) -> Body {
    Body::from(text)
}
