//! The server's pages, rendered on the server (they work without JavaScript; there is none): the admin page
//! and its exports for the campaign's team, the claimant's page (see and withdraw), the privacy notice made from
//! the manifest, and the answer of a form POST. French and English, from `campaign/messages/*.msg`.

use std::sync::OnceLock;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use loan_insurance_check::engine::{ClaimId, Verdict};
use loan_insurance_check::i18n::{self, format_cents, tables, Locale};
use loan_insurance_check::manifest::Contact;
use serde::Deserialize;
use serde_json::Value;

use crate::store::Record;
use crate::web::Shared;

type Table = Vec<(&'static str, &'static str)>;

fn table(lang: Locale) -> &'static Table {
    static FR: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    let (cell, src) = match lang {
        Locale::Fr => (&FR, include_str!("../messages/fr.msg")),
        Locale::En => (&EN, include_str!("../messages/en.msg")),
    };
    cell.get_or_init(|| i18n::parse_messages(src))
}

/// Every key of a language's messages (for the test that both languages have the same).
pub fn keys(lang: Locale) -> Vec<&'static str> {
    table(lang).iter().map(|(k, _)| *k).collect()
}

/// A message, `{name}` placeholders filled (values escaped for HTML).
fn m(lang: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let text = table(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, v)| v);
    let mut out = esc(text);
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), &esc(v));
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's language: `?lang=`, else the browser's first preference, else French.
fn language(q: Option<&str>, headers: &HeaderMap) -> Locale {
    q.and_then(Locale::from_tag)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(Locale::from_tag)
        })
        .unwrap_or(Locale::Fr)
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;\
max-width:70rem;padding:1rem}h1{font-size:clamp(1.5rem,6vw,2rem)}table{border-collapse:collapse;margin:0 0 1.5rem;\
max-width:100%}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;overflow-wrap:break-word}.code{overflow-wrap:anywhere}td.n{text-align:right}a{color:#0b4f9c}.mismatch{color:#a4000f}\
input,button{font:inherit;padding:.25rem .5rem}label{display:block;font-weight:600}pre{white-space:pre-wrap;\
overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem}@media(prefers-color-scheme:dark){body{color:#f0f0f0;\
background:#121212}a{color:#8cc4ff}.mismatch{color:#ff9e9e}pre{background:#222}th,td{border-color:#999}}@media(max-width:30rem){body{padding:.5rem}th,td{padding:.2rem .25rem;font-size:.9rem}}";

fn html(lang: Locale, status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"icon\" href=\"data:,\"><title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>",
        lang.tag()
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )
        .into_response()
}

/// One row of an [`html_table`]: attributes of the `<tr>` (already escaped), the row's heading cell if it has one, and
/// its cells, each with its class (`n` for figures, `code`, or none) and its HTML.
struct Row {
    attrs: String,
    head: Option<String>,
    cells: Vec<(&'static str, String)>,
}

/// Every table of the pages: `label` names it (`aria-labelledby="..."` or `aria-label="..."`, escaped), a
/// column heading per `heads`, the rows.
fn html_table(label: &str, heads: &[String], rows: &[Row]) -> String {
    let mut t = format!("<table {label}><thead><tr>");
    for h in heads {
        t += &format!("<th scope=\"col\">{h}</th>");
    }
    t += "</tr></thead><tbody>";
    for r in rows {
        t += &format!("<tr{}>", r.attrs);
        if let Some(h) = &r.head {
            t += &format!("<th scope=\"row\">{h}</th>");
        }
        for (class, html) in &r.cells {
            if class.is_empty() {
                t += &format!("<td>{html}</td>");
            } else {
                t += &format!("<td class=\"{class}\">{html}</td>");
            }
        }
        t += "</tr>";
    }
    t + "</tbody></table>"
}

/// The words of a set of message keys.
fn words(lang: Locale, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| m(lang, k, &[])).collect()
}

fn verdict_word(lang: Locale, verdict: &str) -> String {
    match Verdict::ALL.iter().find(|v| v.id() == verdict) {
        Some(v) => esc(i18n::t(lang, tables::verdict(*v))),
        None => esc(verdict),
    }
}

fn campaign_name(app: &Shared) -> &str {
    &app.settings.campaign.name
}

fn claim_title(lang: Locale, id: &str) -> String {
    match ClaimId::ALL.iter().find(|c| c.id() == id) {
        Some(c) => esc(i18n::t(lang, tables::claim_title(*c))),
        None => esc(id),
    }
}

fn money(lang: Locale, cents: i64) -> String {
    esc(&format_cents(lang, cents))
}

/// A stored time for people: `2026-12-01 10:26 UTC`.
fn when(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(d), Some(t)) => format!("{d} {t} UTC"),
        _ => iso.to_string(),
    }
}

/// Decodes standard base64 (for `Authorization: Basic`).
fn base64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let s = s.trim().trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= val(*c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

/// Whether the request carries the admin token (`Bearer <token>`, or HTTP Basic with the token as password).
pub fn admin_ok(app: &Shared, headers: &HeaderMap) -> bool {
    let Some(auth) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let token = &app.settings.config.admin_token;
    let given = if let Some(t) = auth.strip_prefix("Bearer ") {
        t.to_string()
    } else if let Some(b) = auth.strip_prefix("Basic ") {
        match base64(b).and_then(|v| String::from_utf8(v).ok()) {
            Some(pair) => pair
                .split_once(':')
                .map(|(_, p)| p.to_string())
                .unwrap_or_default(),
            None => return false,
        }
    } else {
        return false;
    };
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |a, (x, y)| a | (x ^ y))
            == 0
}

fn unauthorised(lang: Locale) -> Response {
    let mut r = html(
        lang,
        StatusCode::UNAUTHORIZED,
        &m(lang, "admin.login.title", &[]),
        &format!(
            "<h1>{}</h1><p>{}</p>",
            m(lang, "admin.login.title", &[]),
            m(lang, "admin.login.text", &[])
        ),
    );
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Basic realm=\"campaign admin\", charset=\"UTF-8\""),
    );
    r
}

fn unavailable(e: sqlx::Error) -> Response {
    eprintln!("database: {e}");
    crate::web::error(StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable")
}

/// The admin page's query.
#[derive(Debug, Default, Deserialize)]
pub struct AdminQuery {
    lang: Option<String>,
    reference: Option<String>,
}

fn status_word(lang: Locale, status: &str) -> String {
    let cls = if crate::web::is_verified(status) {
        "verified"
    } else {
        "mismatch"
    };
    format!(
        "<span class=\"{cls}\">{}</span>",
        m(lang, &format!("status.{cls}"), &[])
    )
}

/// `GET /admin`: the figures, the search, the latest results, the exports.
pub async fn page(
    State(app): State<Shared>,
    Query(q): Query<AdminQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = language(q.lang.as_deref(), &headers);
    if !admin_ok(&app, &headers) {
        return unauthorised(lang);
    }
    let stats = match app.store.stats().await {
        Ok(s) => s,
        Err(e) => return unavailable(e),
    };
    let other = match lang {
        Locale::Fr => Locale::En,
        Locale::En => Locale::Fr,
    };
    let reference = q.reference.as_deref().map(str::trim).unwrap_or("");
    let mut b = String::new();
    let ref_q = if reference.is_empty() {
        String::new()
    } else {
        format!("&amp;reference={}", esc(reference))
    };
    b += &format!(
        "<p><a href=\"/admin?lang={}{ref_q}\" lang=\"{}\" hreflang=\"{}\" aria-label=\"{}\">{}</a></p>",
        other.tag(),
        other.tag(),
        other.tag(),
        m(lang, "lang.switch.label", &[]),
        m(lang, "lang.switch", &[]),
    );
    let title = m(lang, "admin.title", &[("name", campaign_name(&app))]);
    b += &format!("<h1>{title}</h1>");
    b += &format!(
        "<h2>{}</h2><dl><dt>{}</dt><dd id=\"verified-count\">{}</dd><dt>{}</dt><dd id=\"mismatch-count\">{}</dd></dl>",
        m(lang, "admin.summary", &[]),
        m(lang, "admin.claimants", &[]),
        stats.verified,
        m(lang, "admin.mismatch", &[]),
        stats.mismatch
    );
    let totals = |caption: &str, first: &str, rows: &[crate::store::Total], claim: bool| {
        if rows.is_empty() {
            return format!("<h2>{caption}</h2><p>{}</p>", m(lang, "admin.none", &[]));
        }
        let id = if claim { "per-claim" } else { "per-lender" };
        let heads = [
            first.to_string(),
            m(lang, "admin.col.count", &[]),
            m(lang, "admin.col.low", &[]),
            m(lang, "admin.col.high", &[]),
        ];
        let rows: Vec<Row> = rows
            .iter()
            .map(|r| Row {
                attrs: format!(" data-claim=\"{}\"", esc(if claim { &r.key } else { "" })),
                head: Some(if claim {
                    claim_title(lang, &r.key)
                } else if r.key.is_empty() {
                    m(lang, "admin.lender.none", &[])
                } else {
                    esc(&r.key)
                }),
                cells: vec![
                    ("n", r.count.to_string()),
                    ("n", money(lang, r.low)),
                    ("n", money(lang, r.high)),
                ],
            })
            .collect();
        format!(
            "<h2 id=\"{id}\">{caption}</h2>{}",
            html_table(&format!("aria-labelledby=\"{id}\""), &heads, &rows)
        )
    };
    b += &totals(
        &m(lang, "admin.per_claim", &[]),
        &m(lang, "admin.col.claim", &[]),
        &stats.per_claim,
        true,
    );
    b += &totals(
        &m(lang, "admin.per_lender", &[]),
        &m(lang, "admin.col.lender", &[]),
        &stats.per_lender,
        false,
    );
    b += &format!(
        "<h2>{}</h2><form method=\"get\" action=\"/admin\" role=\"search\"><input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <label for=\"reference\">{}</label><input id=\"reference\" name=\"reference\" value=\"{}\" autocomplete=\"off\" spellcheck=\"false\"> \
         <button type=\"submit\">{}</button></form>",
        m(lang, "admin.search", &[]),
        lang.tag(),
        m(lang, "admin.search.label", &[]),
        esc(reference),
        m(lang, "admin.search.submit", &[])
    );
    if !reference.is_empty() {
        let wanted = reference.to_ascii_uppercase();
        match app.store.get(&wanted).await {
            Err(e) => return unavailable(e),
            Ok(None) => {
                b += &format!(
                    "<p role=\"status\">{}</p>",
                    m(lang, "admin.search.none", &[("reference", reference)])
                )
            }
            Ok(Some(r)) => match detail(&app, lang, &r).await {
                Ok(d) => b += &d,
                Err(e) => return unavailable(e),
            },
        }
    }
    let latest = match app.store.latest(50).await {
        Ok(l) => l,
        Err(e) => return unavailable(e),
    };
    b += &format!("<h2 id=\"latest\">{}</h2>", m(lang, "admin.latest", &[]));
    if latest.is_empty() {
        b += &format!("<p>{}</p>", m(lang, "admin.none", &[]));
    } else {
        let rows: Vec<Row> = latest
            .iter()
            .map(|r| Row {
                attrs: format!(" data-reference=\"{}\"", esc(&r.reference)),
                head: None,
                cells: vec![
                    (
                        "code",
                        format!(
                            "<a href=\"/admin?lang={1}&amp;reference={0}\">{0}</a>",
                            esc(&r.reference),
                            lang.tag()
                        ),
                    ),
                    ("", esc(&when(&r.received_at))),
                    ("", status_word(lang, &r.status)),
                    ("", esc(r.lender.as_deref().unwrap_or(""))),
                ],
            })
            .collect();
        b += &html_table(
            "aria-labelledby=\"latest\"",
            &words(
                lang,
                &[
                    "admin.col.reference",
                    "admin.col.received",
                    "admin.col.status",
                    "admin.col.lender",
                ],
            ),
            &rows,
        );
    }
    b += &format!(
        "<h2>{}</h2><ul><li><a href=\"/admin/export.csv\" download>{}</a></li><li><a href=\"/admin/export.jsonl\" download>{}</a></li></ul>",
        m(lang, "admin.exports", &[]),
        m(lang, "admin.export.csv", &[]),
        m(lang, "admin.export.jsonl", &[])
    );
    html(lang, StatusCode::OK, &title, &b)
}

/// One result in full: status, differences, claims, contact details, answers.
async fn detail(app: &Shared, lang: Locale, r: &Record) -> Result<String, sqlx::Error> {
    let claims = app.store.claims(&r.reference).await?;
    let payload: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
    let mut b = format!(
        "<section aria-labelledby=\"detail\" id=\"result-detail\" data-status=\"{}\"><h2 id=\"detail\">{}</h2><p>{} : {} — {} : {}</p>",
        esc(&r.status),
        m(lang, "admin.detail", &[("reference", &r.reference)]),
        m(lang, "admin.col.received", &[]),
        esc(&when(&r.received_at)),
        m(lang, "admin.col.status", &[]),
        status_word(lang, &r.status)
    );
    let diffs: Vec<Value> = serde_json::from_str(&r.differences).unwrap_or_default();
    if !diffs.is_empty() {
        let rows: Vec<Row> = diffs
            .iter()
            .map(|d| {
                let field = d.get("field").and_then(Value::as_str).unwrap_or("");
                let s = |k: &str| match d.get(k) {
                    Some(Value::Number(n)) if field == "low" || field == "high" => {
                        n.as_i64().map(|c| money(lang, c)).unwrap_or_default()
                    }
                    Some(Value::String(t)) => esc(t),
                    Some(v) => esc(&v.to_string()),
                    None => String::new(),
                };
                Row {
                    attrs: String::new(),
                    head: Some(claim_title(
                        lang,
                        d.get("claim").and_then(Value::as_str).unwrap_or(""),
                    )),
                    cells: vec![("", esc(field)), ("", s("sent")), ("", s("expected"))],
                }
            })
            .collect();
        b += &format!(
            "<h3 id=\"diffs\">{}</h3>{}",
            m(lang, "admin.differences", &[]),
            html_table(
                "aria-labelledby=\"diffs\"",
                &words(
                    lang,
                    &[
                        "admin.col.claim",
                        "admin.col.field",
                        "admin.col.sent",
                        "admin.col.expected"
                    ]
                ),
                &rows
            )
        );
    }
    if !claims.is_empty() {
        let rows: Vec<Row> = claims
            .iter()
            .map(|c| Row {
                attrs: String::new(),
                head: Some(claim_title(lang, &c.claim)),
                cells: vec![
                    ("", verdict_word(lang, &c.verdict)),
                    ("n", money(lang, c.low)),
                    ("n", money(lang, c.high)),
                    ("", esc(c.last_day.as_deref().unwrap_or("—"))),
                ],
            })
            .collect();
        b += &html_table(
            &format!(
                "aria-label=\"{}\"",
                m(lang, "admin.detail", &[("reference", &r.reference)])
            ),
            &words(
                lang,
                &[
                    "admin.col.claim",
                    "admin.col.verdict",
                    "admin.col.low",
                    "admin.col.high",
                    "admin.col.last_day",
                ],
            ),
            &rows,
        );
    }
    let pretty = |v: Option<&Value>| {
        esc(&v
            .and_then(|v| serde_json::to_string_pretty(v).ok())
            .unwrap_or_default())
    };
    b += &format!(
        "<h3>{}</h3><pre>{}</pre><h3>{}</h3><pre>{}</pre></section>",
        m(lang, "admin.contact", &[]),
        pretty(payload.get("contact")),
        m(lang, "admin.answers", &[]),
        pretty(payload.pointer("/result/answers"))
    );
    Ok(b)
}

/// A CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@` neutralised so a spreadsheet never
/// runs a visitor's text as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn export(app: Shared, headers: &HeaderMap, kind: &'static str) -> Response {
    if !admin_ok(&app, headers) {
        return unauthorised(language(None, headers));
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(4);
    tokio::spawn(async move {
        if kind == "csv" {
            let head = [
                "reference",
                "received_at",
                "status",
                "delivery",
                "lender",
                "insurer",
                "name",
                "email",
                "phone",
                "postal_address",
                "as_of",
                "claim",
                "verdict",
                "low_cents",
                "high_cents",
                "last_day",
            ]
            .join(",")
                + "\r\n";
            if tx.send(Ok(head)).await.is_err() {
                return;
            }
        }
        let mut after = String::new();
        loop {
            let page = match app.store.page(&after, 500).await {
                Ok(p) => p,
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
            };
            let Some(last) = page.last() else { return };
            after = last.reference.clone();
            let mut chunk = String::new();
            for r in &page {
                let payload: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
                if kind == "jsonl" {
                    let line = serde_json::json!({
                        "reference": r.reference,
                        "received_at": r.received_at,
                        "status": r.status,
                        "delivery": r.delivery,
                        "differences": serde_json::from_str::<Value>(&r.differences).unwrap_or(Value::Null),
                        "payload": payload,
                    });
                    chunk += &line.to_string();
                    chunk.push('\n');
                    continue;
                }
                let claims = match app.store.claims(&r.reference).await {
                    Ok(c) => c,
                    Err(e) => {
                        let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                        return;
                    }
                };
                let contact = |k: &str| {
                    payload
                        .pointer(&format!("/contact/{k}"))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string()
                };
                let base = [
                    r.reference.clone(),
                    r.received_at.clone(),
                    r.status.clone(),
                    r.delivery.clone(),
                    r.lender.clone().unwrap_or_default(),
                    r.insurer.clone().unwrap_or_default(),
                    contact("name"),
                    contact("email"),
                    contact("phone"),
                    contact("postal_address"),
                    payload
                        .pointer("/result/as_of")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                ]
                .iter()
                .map(|s| cell(s))
                .collect::<Vec<_>>()
                .join(",");
                if claims.is_empty() {
                    chunk += &format!("{base},,,,,\r\n");
                }
                for c in &claims {
                    chunk += &format!(
                        "{base},{},{},{},{},{}\r\n",
                        cell(&c.claim),
                        cell(&c.verdict),
                        c.low,
                        c.high,
                        cell(c.last_day.as_deref().unwrap_or(""))
                    );
                }
            }
            if tx.send(Ok(chunk)).await.is_err() {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let (ctype, name) = match kind {
        "csv" => ("text/csv; charset=utf-8", "campaign-results.csv"),
        _ => (
            "application/x-ndjson; charset=utf-8",
            "campaign-results.jsonl",
        ),
    };
    (
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (header::CACHE_CONTROL, "no-store".into()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// `GET /admin/export.csv`: one row per claim of every result (verified and mismatch, with the status).
pub async fn export_csv(State(app): State<Shared>, headers: HeaderMap) -> Response {
    export(app, &headers, "csv")
}

/// `GET /admin/export.jsonl`: one result per line, the payload as received.
pub async fn export_jsonl(State(app): State<Shared>, headers: HeaderMap) -> Response {
    export(app, &headers, "jsonl")
}

/// The answer of the widget's `form` delivery (a new tab on the campaign's site).
pub fn form_answer(app: &Shared, status: StatusCode, stored: Option<(&str, &str)>) -> Response {
    let lang = Locale::Fr;
    match stored {
        Some((reference, secret)) => html(
            lang,
            status,
            &m(lang, "form.title", &[]),
            &format!(
                "<h1>{}</h1><p>{}</p><p>{} <strong id=\"reference\">{}</strong></p><p>{} <strong id=\"withdraw-secret\">{}</strong></p>\
                 <p><a href=\"/claim\">{}</a></p><p lang=\"en\">{} {} — <a href=\"/claim?lang=en\">{}</a></p>",
                m(lang, "form.title", &[]),
                esc(campaign_name(app)),
                m(lang, "form.thanks", &[]),
                esc(reference),
                m(lang, "form.secret", &[]),
                esc(secret),
                m(lang, "form.manage", &[]),
                m(Locale::En, "form.thanks", &[]),
                esc(reference),
                m(Locale::En, "form.manage", &[]),
            ),
        ),
        None => html(
            lang,
            status,
            &m(lang, "form.refused", &[]),
            &format!(
                "<h1>{}</h1><p>{}</p><p lang=\"en\">{}</p>",
                m(lang, "form.refused", &[]),
                m(lang, "form.refused.text", &[]),
                m(Locale::En, "form.refused.text", &[])
            ),
        ),
    }
}

/// The claimant page's query and forms.
#[derive(Debug, Default, Deserialize)]
pub struct ClaimForm {
    lang: Option<String>,
    reference: Option<String>,
    secret: Option<String>,
}

fn claim_page(
    app: &Shared,
    lang: Locale,
    status: StatusCode,
    extra: &str,
    f: &ClaimForm,
) -> Response {
    let title = m(lang, "claim.title", &[("name", campaign_name(app))]);
    let body = format!(
        "<h1>{title}</h1>{extra}<p>{}</p><form method=\"post\" action=\"/claim\"><input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <p><label for=\"reference\">{}</label><input id=\"reference\" name=\"reference\" required autocomplete=\"off\" value=\"{}\"></p>\
         <p><label for=\"secret\">{}</label><input id=\"secret\" name=\"secret\" required autocomplete=\"off\" spellcheck=\"false\" value=\"\"></p>\
         <p><button type=\"submit\">{}</button></p></form>",
        m(lang, "claim.intro", &[]),
        lang.tag(),
        m(lang, "claim.reference", &[]),
        esc(f.reference.as_deref().unwrap_or("")),
        m(lang, "claim.secret", &[]),
        m(lang, "claim.submit", &[])
    );
    html(lang, status, &title, &body)
}

/// `GET /claim`: the form asking for the reference and the withdrawal code.
pub async fn claim_form(
    State(app): State<Shared>,
    Query(f): Query<ClaimForm>,
    headers: HeaderMap,
) -> Response {
    let lang = language(f.lang.as_deref(), &headers);
    claim_page(&app, lang, StatusCode::OK, "", &f)
}

/// `POST /claim`: what the campaign holds, and the withdraw button.
pub async fn claim_show(
    State(app): State<Shared>,
    headers: HeaderMap,
    Form(f): Form<ClaimForm>,
) -> Response {
    let lang = language(f.lang.as_deref(), &headers);
    let reference = f.reference.clone().unwrap_or_default();
    let secret = f.secret.clone().unwrap_or_default();
    let rec = match crate::web::authorised(&app, &reference, &secret).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let Some(r) = rec else {
        let msg = format!("<p role=\"alert\">{}</p>", m(lang, "claim.not_found", &[]));
        return claim_page(&app, lang, StatusCode::NOT_FOUND, &msg, &f);
    };
    let payload: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
    let title = m(lang, "claim.title", &[("name", campaign_name(&app))]);
    let mut contact = String::new();
    for (k, v) in payload
        .get("contact")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let label = match Contact::ALL.iter().find(|c| c.id() == k) {
            Some(c) => esc(i18n::t(lang, tables::send_field(*c))),
            None => esc(k),
        };
        contact += &format!("<dt>{label}</dt><dd>{}</dd>", esc(v.as_str().unwrap_or("")));
    }
    let rows: Vec<Row> = payload
        .pointer("/result/claims")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|c| Row {
            attrs: String::new(),
            head: Some(claim_title(
                lang,
                c.get("claim").and_then(Value::as_str).unwrap_or(""),
            )),
            cells: vec![
                (
                    "",
                    verdict_word(lang, c.get("verdict").and_then(Value::as_str).unwrap_or("")),
                ),
                (
                    "n",
                    c.pointer("/amount/high")
                        .and_then(Value::as_i64)
                        .map(|h| money(lang, h))
                        .unwrap_or_default(),
                ),
            ],
        })
        .collect();
    let claims = html_table(
        "aria-labelledby=\"held-claims\"",
        &words(
            lang,
            &["admin.col.claim", "admin.col.verdict", "admin.col.high"],
        ),
        &rows,
    );
    let answers = payload
        .pointer("/result/answers")
        .and_then(Value::as_object)
        .map_or(0, |a| a.len().saturating_sub(1));
    let body = format!(
        "<h1>{title}</h1><p>{}</p><h2>{}</h2><dl>{contact}</dl><h2 id=\"held-claims\">{}</h2>\
         {claims}<p>{}</p>\
         <details><summary>{}</summary><pre>{}</pre></details>\
         <form method=\"post\" action=\"/claim/withdraw\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\"><input type=\"hidden\" name=\"reference\" value=\"{}\">\
         <input type=\"hidden\" name=\"secret\" value=\"{}\"><p><button type=\"submit\">{}</button></p></form>",
        m(
            lang,
            "claim.held",
            &[("reference", &r.reference), ("received", &when(&r.received_at))]
        ),
        m(lang, "claim.contact", &[]),
        m(lang, "claim.claims", &[]),
        m(lang, "claim.answers", &[("count", &answers.to_string())]),
        m(lang, "claim.raw", &[]),
        esc(&serde_json::to_string_pretty(&payload).unwrap_or_default()),
        lang.tag(),
        esc(&r.reference),
        esc(secret.trim()),
        m(lang, "claim.withdraw", &[])
    );
    html(lang, StatusCode::OK, &title, &body)
}

/// `POST /claim/withdraw`: erases the result.
pub async fn claim_withdraw(
    State(app): State<Shared>,
    headers: HeaderMap,
    Form(f): Form<ClaimForm>,
) -> Response {
    let lang = language(f.lang.as_deref(), &headers);
    let reference = f.reference.clone().unwrap_or_default();
    let secret = f.secret.clone().unwrap_or_default();
    match crate::web::authorised(&app, &reference, &secret).await {
        Err(r) => r,
        Ok(None) => {
            let msg = format!("<p role=\"alert\">{}</p>", m(lang, "claim.not_found", &[]));
            claim_page(&app, lang, StatusCode::NOT_FOUND, &msg, &f)
        }
        Ok(Some(r)) => match app.store.delete(&r.reference).await {
            Err(e) => unavailable(e),
            Ok(_) => {
                let title = m(lang, "claim.title", &[("name", campaign_name(&app))]);
                html(
                    lang,
                    StatusCode::OK,
                    &title,
                    &format!(
                        "<h1>{title}</h1><p role=\"status\">{}</p>",
                        m(lang, "claim.withdrawn", &[("reference", &r.reference)])
                    ),
                )
            }
        },
    }
}

/// `GET /privacy`: the privacy notice made from the manifest (purpose, controller, retention).
pub async fn privacy(
    State(app): State<Shared>,
    Query(f): Query<ClaimForm>,
    headers: HeaderMap,
) -> Response {
    let lang = language(f.lang.as_deref(), &headers);
    let c = &app.settings.campaign;
    let title = m(lang, "privacy.title", &[("name", &c.name)]);
    let body = format!(
        "<h1>{title}</h1><h2>{}</h2><p>{}</p><h2>{}</h2><p>{} — {}</p><p>{}</p><p>{}</p><p><a href=\"/claim?lang={}\">{}</a></p>",
        m(lang, "privacy.purpose", &[]),
        esc(&c.purpose),
        m(lang, "privacy.controller", &[]),
        esc(&c.controller),
        esc(&c.controller_contact),
        m(
            lang,
            "privacy.retention",
            &[("months", &c.retention_months.to_string())]
        ),
        m(lang, "privacy.rights", &[]),
        lang.tag(),
        m(lang, "form.manage", &[])
    );
    html(lang, StatusCode::OK, &title, &body)
}
