//! loan-insurance-campaign: the campaign server of loan-insurance-check (issue 15). It publishes the campaign's
//! manifest, receives the results the widget sends, re-checks each one with the same rules engine, stores them
//! (SQLite file, or PostgreSQL), and gives the campaign's team an admin page and exports.
//!
//! - [`config`]: the TOML configuration, checked whole at start.
//! - [`schema`]: the payload's JSON Schema check, from the repository's schema files.
//! - [`verify`]: re-evaluation with the engine, `verified` or `mismatch` with the differences.
//! - [`store`]: sqlx with the same migrations on SQLite and PostgreSQL.
//! - [`web`]: the HTTP server (axum on hyper, tower-http limits, CORS and timeouts, a per-address rate limit).
//! - [`admin`]: the admin page (server-rendered HTML, French and English) and the CSV / JSON Lines exports.
//! - [`client`]: a minimal HTTP/1.1 client over a TCP socket, for the tests and the load generator.
//! - [`load`]: the load generator of `scripts/bench.sh`, with payloads built from the law cases.

pub mod admin;
pub mod client;
pub mod config;
pub mod load;
pub mod schema;
pub mod store;
pub mod verify;
pub mod web;

/// Fills `buf` with random bytes from the operating system.
pub fn random(buf: &mut [u8]) {
    if getrandom::getrandom(buf).is_err() {
        // No OS random source is not a state a server can run in: references and secrets would repeat.
        eprintln!("loan-insurance-campaign: the operating system gave no random bytes");
        std::process::exit(70);
    }
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, as ISO 8601 UTC with milliseconds (`2026-12-01T10:00:00.000Z`): text that sorts as time does.
pub fn now_utc() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (y, m, day) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60,
        d.subsec_millis()
    )
}

/// The civil date of a count of days since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The first instant of the day `months` months before today (UTC), as stored times are written: what the
/// `purge` command deletes is everything received before it.
pub fn retention_cutoff(today: &str, months: u32) -> String {
    use loan_insurance_check::engine::Date;
    match Date::parse_iso(today.get(..10).unwrap_or_default()) {
        Some(d) => format!("{}T00:00:00.000Z", d.add_months(-(months as i32))),
        None => "0000".into(),
    }
}

/// Binds the configured address (or uses `listener`), checks the configuration, opens the database: the server
/// ready to [`web::serve`], and the address it listens on.
pub async fn prepare(
    config: config::Config,
    listener: Option<tokio::net::TcpListener>,
) -> Result<(tokio::net::TcpListener, web::Shared, std::net::SocketAddr), String> {
    let listener = match listener {
        Some(l) => l,
        None => tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("listen on {}: {e}", config.listen))?,
    };
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    Ok((listener, open(config, addr).await?, addr))
}

/// Checks the configuration and opens the database without listening (the `purge`, `check` and `dump`
/// commands, next to a running server); `addr` stands for the address the server listens on.
pub async fn open(
    config: config::Config,
    addr: std::net::SocketAddr,
) -> Result<web::Shared, String> {
    let settings = config.settle(addr)?;
    let store = store::Store::open(&settings.config.database_url, 8).await?;
    web::App::new(settings, store)
}
