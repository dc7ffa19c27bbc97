//! Receiving results, against a real SQLite file and a real PostgreSQL database (the same tests on both):
//! re-checked by the engine (verified / mismatch), idempotent per key and content, CORS, the claimant's view and
//! withdrawal, the admin figures and exports, the purge.
mod common;

use common::{databases, eligible_case, payload, Server, HOST, TOKEN};
use loan_insurance_campaign::client;
use serde_json::{json, Value};

fn is_secret(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_law_case_is_verified_and_stored_once_per_key_and_content() {
    for db in databases().await {
        let s = Server::start(&db, "[limits]\nrate_per_minute = 0").await;
        let campaign = s.campaign();
        let cases = common::cases();
        assert!(cases.len() > 100, "the law cases are found");
        let mut first = None;
        for case in &cases {
            let p = payload(&campaign, case);
            let r = s.post(&p).await;
            assert_eq!(r.status, 201, "{db} {}: {}", case.name, r.text());
            let body = r.json();
            assert_eq!(body["status"], "verified", "{}: {body}", case.name);
            assert_eq!(body["duplicate"], false);
            assert!(is_secret(&body["withdraw_secret"]), "{body}");
            assert_eq!(
                body["fields"],
                json!(loan_insurance_campaign::verify::fields_of(&p)),
                "the answer and contact ids stored"
            );
            assert!(
                body["fields"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|x| x == "email")),
                "{body}"
            );
            assert_eq!(
                r.header("access-control-allow-origin"),
                Some(HOST),
                "the allowed page can read the answer"
            );
            first.get_or_insert((p, body));
        }
        assert_eq!(s.count().await, cases.len() as i64);
        // The same payload again: the first reference and the same secret, nothing stored.
        let (p, body) = first.unwrap();
        let again = s.post(&p).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.json()["reference"], body["reference"]);
        assert_eq!(again.json()["duplicate"], true);
        assert_eq!(again.json()["withdraw_secret"], body["withdraw_secret"]);
        assert_eq!(again.json()["fields"], body["fields"]);
        // A known key with other content: 409, naming the reference that holds the key, the fields of the
        // version held (not of the one sent) and when it was received; nothing stored.
        let mut other = p.clone();
        other["contact"]["email"] = "autre@example.fr".into();
        other["contact"]["name"] = "Marie Autre".into();
        let conflict = s.post(&other).await;
        assert_eq!(conflict.status, 409, "{}", conflict.text());
        let held = conflict.json();
        assert_eq!(held["error"], "conflict");
        assert_eq!(held["reference"], body["reference"]);
        assert_eq!(held["fields"], body["fields"], "the version held: {held}");
        assert!(
            !held["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "name"),
            "{held}"
        );
        let received = s.admin("/admin/export.jsonl").await.text();
        let at = held["received_at"].as_str().unwrap_or_default();
        assert!(at.len() >= 20 && at.ends_with('Z'), "{held}");
        assert!(
            received.contains(&format!("\"received_at\":\"{at}\"")),
            "{at} {received}"
        );
        assert!(held.get("withdraw_secret").is_none(), "{held}");
        assert_eq!(s.count().await, cases.len() as i64);
        let stats = s.app.store.stats().await.unwrap();
        assert_eq!(stats.verified, cases.len() as i64);
        assert_eq!(stats.mismatch, 0);
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_payloads_are_kept_as_mismatch_and_never_counted() {
    for db in databases().await {
        let s = Server::start(&db, "").await;
        let campaign = s.campaign();
        let (_, honest) = eligible_case(&campaign);
        let r = s.post(&honest).await;
        assert_eq!(r.json()["status"], "verified");
        let before = s.app.store.stats().await.unwrap();
        assert_eq!(before.verified, 1);
        assert!(!before.per_claim.is_empty());

        let claims = honest["result"]["claims"].as_array().unwrap().clone();
        let i = claims
            .iter()
            .position(|c| c["verdict"] == "eligible" && c["amount"]["high"].as_i64().unwrap() > 0)
            .unwrap();
        let id = claims[i]["claim"].as_str().unwrap().to_string();
        let fresh = |p: &Value| {
            let mut p = p.clone();
            p["idempotency_key"] = loan_insurance_campaign::load::key().into();
            p
        };
        // Amount changed.
        let mut amount = fresh(&honest);
        amount["result"]["claims"][i]["amount"]["high"] = json!(100_000_000);
        amount["result"]["claims"][i]["amount"]["low"] = json!(100_000_000);
        // Verdict changed (of a claim that is not eligible).
        let mut verdict = fresh(&honest);
        let j = claims
            .iter()
            .position(|c| c["verdict"] != "eligible")
            .unwrap();
        verdict["result"]["claims"][j]["verdict"] = "eligible".into();
        // A claim added (the same claim twice).
        let mut added = fresh(&honest);
        added["result"]["claims"]
            .as_array_mut()
            .unwrap()
            .push(claims[i].clone());
        // A claim dropped.
        let mut dropped = fresh(&honest);
        dropped["result"]["claims"]
            .as_array_mut()
            .unwrap()
            .remove(i);
        for (label, forged, field) in [
            ("amount", &amount, "high"),
            ("verdict", &verdict, "verdict"),
            ("added", &added, "claim"),
            ("dropped", &dropped, "claim"),
        ] {
            let r = s.post(forged).await;
            assert_eq!(r.status, 201, "{label}: {}", r.text());
            assert_eq!(r.json()["status"], "mismatch", "{label}");
            let reference = r.json()["reference"].as_str().unwrap().to_string();
            let rec = s.app.store.get(&reference).await.unwrap().unwrap();
            let diffs: Vec<Value> = serde_json::from_str(&rec.differences).unwrap();
            assert!(
                diffs.iter().any(|d| d["field"] == field),
                "{label}: {diffs:?}"
            );
            // The admin page shows it as mismatch, with its differences.
            let page = s
                .admin(&format!("/admin?lang=en&reference={reference}"))
                .await;
            assert!(page.text().contains("data-status=\"mismatch\""), "{label}");
        }
        let after = s.app.store.stats().await.unwrap();
        assert_eq!(after.mismatch, 4);
        assert_eq!(
            (after.verified, &after.per_claim, &after.per_lender),
            (before.verified, &before.per_claim, &before.per_lender),
            "mismatches never count in the totals"
        );
        let total = after.per_claim.iter().find(|t| t.key == id).unwrap();
        assert_eq!(total.count, 1);
        assert_eq!(
            total.high,
            claims[i]["amount"]["high"].as_i64().unwrap(),
            "the total is the honest figure"
        );
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_payloads_say_why_and_store_nothing() {
    let s = Server::start(&common::sqlite_url(), "").await;
    let campaign = s.campaign();
    let (_, good) = eligible_case(&campaign);
    let mut bad_key = good.clone();
    bad_key["idempotency_key"] = "x".into();
    let mut extra_top = good.clone();
    extra_top["tracking"] = json!(true);
    let mut other_campaign = good.clone();
    other_campaign["campaign"]["origin"] = "https://autre.example.org".into();
    let mut bad_answer = good.clone();
    bad_answer["result"]["answers"]["loan_amount"] = "beaucoup".into();
    let mut bad_email = good.clone();
    bad_email["contact"]["email"] = "marie@".into();
    let mut not_asked = good.clone();
    not_asked["contact"]
        .as_object_mut()
        .unwrap()
        .remove("email");
    for (label, doc, needle) in [
        ("key", &bad_key, "/idempotency_key"),
        ("extra key", &extra_top, "/tracking"),
        ("campaign", &other_campaign, "/campaign/origin"),
        ("answer", &bad_answer, "/result/answers"),
        ("email", &bad_email, "/contact/email"),
        ("required contact", &not_asked, "/contact/email"),
    ] {
        let r = s.post(doc).await;
        assert_eq!(r.status, 422, "{label}: {}", r.text());
        let problems = r.json()["problems"].clone();
        assert!(
            problems
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p.as_str().unwrap().contains(needle)),
            "{label}: {problems}"
        );
    }
    for (body, status) in [
        (&b"{not json"[..], 400),
        (&b"[]"[..], 422),
        (&b"\xff\xfe"[..], 400),
    ] {
        let r = client::send(s.addr, "POST", "/api/results", &[], body)
            .await
            .unwrap();
        assert_eq!(r.status, status, "{}", String::from_utf8_lossy(body));
    }
    assert_eq!(s.count().await, 0);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_allowed_origins_may_send_others_get_403_and_nothing_is_stored() {
    let s = Server::start(&common::sqlite_url(), "").await;
    let campaign = s.campaign();
    let (_, p) = eligible_case(&campaign);
    for origin in ["https://evil.example", "null", "http://127.0.0.1:90"] {
        let r = s.post_from(&p, Some(origin)).await;
        assert_eq!(r.status, 403, "{origin}");
        assert_eq!(r.header("access-control-allow-origin"), None);
        let pre = client::send(
            s.addr,
            "OPTIONS",
            "/api/results",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
            ],
            b"",
        )
        .await
        .unwrap();
        assert_eq!(pre.status, 403, "preflight from {origin}");
    }
    assert_eq!(s.count().await, 0, "nothing stored from other origins");
    let pre = client::send(
        s.addr,
        "OPTIONS",
        "/api/results",
        &[
            ("origin", HOST),
            ("access-control-request-method", "DELETE"),
            ("access-control-request-headers", "authorization"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert!(pre.status < 300, "{}", pre.status);
    assert_eq!(pre.header("access-control-allow-origin"), Some(HOST));
    // The manifest is public.
    let m = client::send(
        s.addr,
        "GET",
        "/manifest.json",
        &[("origin", "https://any.example")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(m.status, 200);
    assert_eq!(m.header("access-control-allow-origin"), Some("*"));
    assert!(loan_insurance_check::manifest::validate(&m.json(), None).is_ok());
    // The widget's form delivery (a navigation with no referrer: `Origin: null`) is accepted; the same origin on a
    // fetch is not (above).
    let form = format!("payload={}", urlencode(&p.to_string()));
    let r = client::send(
        s.addr,
        "POST",
        "/api/results",
        &[
            ("origin", "null"),
            ("sec-fetch-mode", "navigate"),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        form.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("id=\"reference\""));
    assert_eq!(s.count().await, 1);
    // Not a browser (no Origin): accepted, CORS is the browser's protection.
    assert_eq!(
        s.post_from(&p, None).await.status,
        200,
        "the same payload: a duplicate"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_claimant_sees_and_withdraws_with_the_secret_and_it_is_gone_everywhere() {
    for db in databases().await {
        let s = Server::start(&db, "").await;
        let campaign = s.campaign();
        let (_, p) = eligible_case(&campaign);
        let sent = s.post(&p).await.json();
        let (reference, secret) = (
            sent["reference"].as_str().unwrap().to_string(),
            sent["withdraw_secret"].as_str().unwrap().to_string(),
        );
        let path = format!("/api/results/{reference}");
        let auth = format!("Bearer {secret}");
        let wrong = format!("Bearer {}", "0".repeat(32));
        let seen = client::send(
            s.addr,
            "GET",
            &path,
            &[("authorization", &auth), ("origin", HOST)],
            b"",
        )
        .await
        .unwrap();
        assert_eq!(seen.status, 200);
        assert_eq!(seen.json()["payload"], p);
        assert_eq!(seen.json()["status"], "verified");
        for headers in [vec![], vec![("authorization", wrong.as_str())]] {
            let r = client::send(s.addr, "GET", &path, &headers, b"")
                .await
                .unwrap();
            assert_eq!(r.status, 404);
            let r = client::send(s.addr, "DELETE", &path, &headers, b"")
                .await
                .unwrap();
            assert_eq!(r.status, 404);
        }
        assert!(s.admin("/admin").await.text().contains(&reference));
        assert!(s
            .admin("/admin/export.csv")
            .await
            .text()
            .contains(&reference));
        assert!(s
            .admin("/admin/export.jsonl")
            .await
            .text()
            .contains(&reference));
        let del = client::send(
            s.addr,
            "DELETE",
            &path,
            &[("authorization", &auth), ("origin", HOST)],
            b"",
        )
        .await
        .unwrap();
        assert_eq!(del.status, 204);
        assert_eq!(s.count().await, 0);
        assert!(!s.admin("/admin").await.text().contains(&reference));
        assert!(!s
            .admin("/admin/export.csv")
            .await
            .text()
            .contains(&reference));
        assert!(!s
            .admin("/admin/export.jsonl")
            .await
            .text()
            .contains(&reference));
        let stats = s.app.store.stats().await.unwrap();
        assert_eq!((stats.verified, stats.per_claim.len()), (0, 0));
        let again = client::send(s.addr, "GET", &path, &[("authorization", &auth)], b"")
            .await
            .unwrap();
        assert_eq!(again.status, 404);
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_page_and_exports_need_the_token_and_hold_the_figures() {
    for db in databases().await {
        let s = Server::start(&db, "").await;
        let campaign = s.campaign();
        let (_, mut p) = eligible_case(&campaign);
        p["contact"]["lender"] = "=HYPERLINK(\"http://x\")".into();
        p["contact"]["insurer"] = "Assureur \"Mutuel\"".into();
        let stored = s.post(&p).await;
        assert_eq!(stored.status, 201, "{}", stored.text());
        let reference = stored.json()["reference"].as_str().unwrap().to_string();
        for path in ["/admin", "/admin/export.csv", "/admin/export.jsonl"] {
            let r = client::send(s.addr, "GET", path, &[], b"").await.unwrap();
            assert_eq!(r.status, 401, "{path}");
            assert!(r.header("www-authenticate").is_some());
            let r = client::send(
                s.addr,
                "GET",
                path,
                &[("authorization", "Bearer wrong-token-wrong")],
                b"",
            )
            .await
            .unwrap();
            assert_eq!(r.status, 401, "{path}");
        }
        let basic = format!("Basic {}", b64(&format!("admin:{TOKEN}")));
        let page = client::send(s.addr, "GET", "/admin", &[("authorization", &basic)], b"")
            .await
            .unwrap();
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("<dd id=\"verified-count\">1</dd>"), "{html}");
        assert!(
            html.contains("=HYPERLINK(&quot;http://x&quot;)"),
            "lender shown, escaped"
        );
        let csv = s.admin("/admin/export.csv").await.text();
        let row = csv.lines().find(|l| l.contains(&reference)).unwrap();
        assert!(
            row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
            "formula neutralised: {row}"
        );
        assert!(row.contains("\"Assureur \"\"Mutuel\"\"\""), "{row}");
        let lines: Vec<Value> = s
            .admin("/admin/export.jsonl")
            .await
            .text()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["payload"], p);
        assert_eq!(lines[0]["status"], "verified");
        let stats = s.app.store.stats().await.unwrap();
        assert_eq!(stats.per_lender.len(), 1);
        assert_eq!(stats.per_lender[0].key, "=HYPERLINK(\"http://x\")");
        s.stop().await;
    }
}

fn b64(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purge_deletes_what_is_past_the_retention_and_keeps_the_rest() {
    assert_eq!(
        loan_insurance_campaign::retention_cutoff("2026-12-01T10:00:00.000Z", 24),
        "2024-12-01T00:00:00.000Z"
    );
    for db in databases().await {
        let s = Server::start(&db, "").await;
        let campaign = s.campaign();
        let cases = common::cases();
        for case in &cases[..3] {
            assert_eq!(s.post(&payload(&campaign, case)).await.status, 201);
        }
        let now = loan_insurance_campaign::now_utc();
        // Nothing is older than 24 months: nothing goes.
        let cutoff = loan_insurance_campaign::retention_cutoff(&now, 24);
        assert_eq!(s.app.store.purge_before(&cutoff).await.unwrap(), 0);
        assert_eq!(s.count().await, 3);
        // Everything received before tomorrow goes, claims included.
        assert_eq!(s.app.store.purge_before("9999-01-01").await.unwrap(), 3);
        assert_eq!(s.count().await, 0);
        assert_eq!(s.app.store.stats().await.unwrap().per_claim.len(), 0);
        s.stop().await;
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The group commit: many results sent at once share transactions, and the same payload sent many times at once
/// (a retry storm, landing in one batch or in concurrent writers) is stored once: one 201, every other answer
/// 200 with that reference; the same key with other content at the same time gets 409, never a second row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_sent_at_once_share_transactions_and_the_same_key_is_stored_once() {
    for db in databases().await {
        let s = Server::start(&db, "[limits]\nrate_per_minute = 0").await;
        let campaign = s.campaign();
        let cases = common::cases();
        let distinct: Vec<Value> = (0..64)
            .map(|i| payload(&campaign, &cases[i % cases.len()]))
            .collect();
        let (_, same) = eligible_case(&campaign);
        let mut other = same.clone();
        other["contact"]["email"] = "autre@example.fr".into();
        let mut tasks = Vec::new();
        let bodies: Vec<(usize, Value)> = distinct
            .into_iter()
            .map(|p| (0, p))
            .chain((0..24).map(|_| (1, same.clone())))
            .chain((0..4).map(|_| (2, other.clone())))
            .collect();
        for (kind, p) in bodies {
            let addr = s.addr;
            tasks.push(tokio::spawn(async move {
                let r = client::send(
                    addr,
                    "POST",
                    "/api/results",
                    &[("content-type", "text/plain")],
                    p.to_string().as_bytes(),
                )
                .await
                .expect("an answer");
                (kind, r.status, r.json())
            }));
        }
        let mut answers = Vec::new();
        for t in tasks {
            answers.push(t.await.unwrap());
        }
        assert!(answers
            .iter()
            .filter(|(k, _, _)| *k == 0)
            .all(|(_, status, body)| *status == 201 && body["status"] == "verified"));
        let same_answers: Vec<&(usize, u16, Value)> =
            answers.iter().filter(|(k, _, _)| *k != 0).collect();
        // Which content came first decides who is 201; the other content then gets 409 (or 201 if it came
        // first, and the first content 409): one 201 for the key whatever the order.
        let created: Vec<_> = same_answers
            .iter()
            .filter(|(_, st, _)| *st == 201)
            .collect();
        assert_eq!(created.len(), 1, "{db}: {same_answers:?}");
        let (winner, _, first) = created[0];
        let reference = &first["reference"];
        for (kind, status, body) in &same_answers {
            if kind == winner {
                assert!(*status == 201 || *status == 200, "{db}: {status} {body}");
                assert_eq!(&body["reference"], reference, "{db}");
            } else {
                assert_eq!(*status, 409, "{db}: {body}");
                assert_eq!(&body["reference"], reference, "{db}");
            }
        }
        assert_eq!(s.count().await, 65, "{db}: 64 results and the key once");
        // Handed to the store at once (no HTTP in between), 64 new results take far fewer transactions.
        let checked: Vec<_> = (0..64)
            .map(|i| {
                let p = payload(&campaign, &cases[i % cases.len()]);
                loan_insurance_campaign::verify::check(&s.app.schemas, &campaign, &p).unwrap()
            })
            .collect();
        let committed = || {
            s.app
                .store
                .commits
                .transactions
                .load(std::sync::atomic::Ordering::Relaxed)
        };
        let before = committed();
        let stored = futures_util::future::join_all(
            checked
                .iter()
                .map(|c| s.app.store.store(c, "json", "2026-12-01T10:00:00.000Z")),
        )
        .await;
        assert!(stored
            .iter()
            .all(|r| matches!(r, Ok(loan_insurance_campaign::store::Stored::New(_)))));
        let transactions = committed() - before;
        assert!(
            transactions <= 16,
            "{db}: {transactions} transactions for 64 results handed at once: they share transactions"
        );
        assert_eq!(s.count().await, 129);
        s.stop().await;
    }
}
