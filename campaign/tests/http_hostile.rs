//! The server never crashes and never lies on hostile HTTP input (issue 14 point 8, issue 15): malformed request
//! lines, bad headers, slow and oversized bodies each get a 4xx; a client above its rate gets 429; a fuzz loop of
//! mutated raw requests over a loopback socket never gets a 5xx, never panics a handler, never stores a thing it
//! should not, and leaves the server answering.
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{eligible_case, Server, HOST};
use loan_insurance_campaign::client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TIGHT: &str =
    "[limits]\nbody_bytes = 65536\nheader_bytes = 8192\nrequest_seconds = 1\nrate_per_minute = 0";

async fn status_of(s: &Server, raw: &[u8]) -> Option<u16> {
    client::raw(s.addr, raw, Duration::from_secs(5))
        .await
        .expect("the server answers or closes in time")
        .map(|r| r.status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_a_4xx_and_the_server_goes_on() {
    let s = Server::start(&common::sqlite_url(), TIGHT).await;
    let big_header = format!(
        "GET /manifest.json HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    let many_headers = format!(
        "GET /manifest.json HTTP/1.1\r\nHost: x\r\n{}\r\n",
        (0..200)
            .map(|i| format!("X-{i}: 1\r\n"))
            .collect::<String>()
    );
    let cases: Vec<(&str, Vec<u8>, std::ops::RangeInclusive<u16>)> = vec![
        ("the request of issue 14", b"GET http://[ HTTP/1.1\r\n\r\n".to_vec(), 400..=400),
        ("no version", b"GET /\r\n\r\n".to_vec(), 400..=499),
        ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(), 400..=499),
        ("a header without colon", b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".to_vec(), 400..=400),
        ("a NUL in a header", b"GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n".to_vec(), 400..=400),
        ("a space before the colon", b"GET / HTTP/1.1\r\nHost : x\r\n\r\n".to_vec(), 400..=400),
        ("a huge header", big_header.into_bytes(), 431..=431),
        ("200 headers", many_headers.into_bytes(), 431..=431),
        ("two content lengths", b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}".to_vec(), 400..=400),
        ("a bad content length", b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(), 400..=400),
        ("a declared 10 MB body", b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10485760\r\n\r\n{".to_vec(), 413..=413),
        ("a bad origin header", b"POST /api/results HTTP/1.1\r\nHost: x\r\nOrigin: \xff\r\nContent-Length: 2\r\n\r\n{}".to_vec(), 400..=403),
        ("an unknown method", b"BREW /api/results HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), 400..=499),
        ("a path with dots", b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), 400..=404),
        ("an unknown media type", b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 2\r\n\r\n{}".to_vec(), 415..=415),
    ];
    for (label, raw, want) in &cases {
        let got = status_of(&s, raw).await;
        assert!(
            got.is_some_and(|g| want.contains(&g)),
            "{label}: {got:?}, want {want:?}"
        );
    }
    // A chunked body growing past the limit: 413 while reading.
    let mut chunked = b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..80 {
        chunked.extend_from_slice(b"400\r\n");
        chunked.extend_from_slice(&[b' '; 1024]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(
        status_of(&s, &chunked).await,
        Some(413),
        "chunked, too large"
    );
    assert_eq!(s.count().await, 0);
    let ok = client::send(s.addr, "GET", "/health", &[], b"")
        .await
        .unwrap();
    assert_eq!((ok.status, ok.text().as_str()), (200, "ok"));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_gets_408_and_a_slow_head_is_cut_off() {
    let s = Server::start(&common::sqlite_url(), TIGHT).await;
    let start = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    stream
        .write_all(b"POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n{\"payload")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let reply = tokio::time::timeout(
        Duration::from_secs(5),
        client::read_reply(&mut stream, &mut buf),
    )
    .await
    .expect("answered before the client gave up")
    .expect("an answer");
    assert_eq!(reply.status, 408);
    assert!(start.elapsed() < Duration::from_secs(4));
    // A head that never ends: the connection is closed after the limit (no request, nothing to answer).
    let mut slow = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    slow.write_all(b"GET /manifest.json HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "the server closes a connection whose head never ends"
    );
    assert_eq!(s.count().await, 0);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_above_its_rate_gets_429() {
    let s = Server::start(
        &common::sqlite_url(),
        "[limits]\nrate_per_minute = 6\nrate_burst = 3",
    )
    .await;
    let campaign = s.campaign();
    let (_, p) = eligible_case(&campaign);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(s.post(&p).await.status);
    }
    assert_eq!(statuses, vec![201, 200, 200, 429, 429]);
    let r = s.post(&p).await;
    assert_eq!(r.header("retry-after"), Some("10"));
    // The manifest and the pages are not rate limited.
    for _ in 0..5 {
        let m = client::send(s.addr, "GET", "/manifest.json", &[], b"")
            .await
            .unwrap();
        assert_eq!(m.status, 200);
    }
    s.stop().await;
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// A reproducible stream of pseudo-random numbers (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    const TOKENS: [&[u8]; 12] = [
        b"\r\n",
        b"\r\n\r\n",
        b":",
        b" ",
        b"\x00",
        b"\xff",
        b"%",
        b"[",
        b"Content-Length: 99999999\r\n",
        b"Transfer-Encoding: chunked\r\n",
        b"Origin: https://evil.example\r\n",
        b"\"",
    ];
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            2 if at < v.len() => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            3 => v.truncate(at),
            4 if !v.is_empty() => {
                let i = rng.below(v.len());
                let b = v[i];
                let n = rng.below(64);
                v.splice(i..i, std::iter::repeat_n(b, n));
            }
            _ => v.insert(at.min(v.len()), (rng.next() & 0xff) as u8),
        }
    }
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzz_mutated_raw_requests_never_get_a_5xx_nor_panic_the_server() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
    let s = Server::start(&common::sqlite_url(), TIGHT).await;
    let campaign = s.campaign();
    let (_, p) = eligible_case(&campaign);
    let body = p.to_string();
    let form = format!(
        "payload={}",
        body.bytes()
            .map(|b| if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            })
            .collect::<String>()
    );
    let seeds: Vec<Vec<u8>> = vec![
        format!("POST /api/results HTTP/1.1\r\nHost: x\r\nOrigin: {HOST}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes(),
        format!("POST /api/results HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}", form.len()).into_bytes(),
        b"GET /manifest.json HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n".to_vec(),
        b"OPTIONS /api/results HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:9\r\nAccess-Control-Request-Method: POST\r\n\r\n".to_vec(),
        b"GET /admin?lang=en&reference=LIC-0 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46dGVzdA==\r\n\r\n".to_vec(),
        b"DELETE /api/results/LIC-000000000000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 00\r\n\r\n".to_vec(),
        b"POST /claim HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\nreference=LIC-1&secret=abcd".to_vec(),
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let (mut answered, mut closed, mut created) = (0, 0, 0);
    let rounds = 600;
    for i in 0..rounds {
        let seed = &seeds[i % seeds.len()];
        let raw = mutate(&mut rng, seed);
        match client::raw(s.addr, &raw, Duration::from_secs(5)).await {
            Ok(Some(r)) => {
                answered += 1;
                assert!(
                    r.status < 500,
                    "round {i}: {} for {:?}",
                    r.status,
                    String::from_utf8_lossy(&raw)
                );
                if r.status == 201 {
                    created += 1;
                }
            }
            Ok(None) => closed += 1,
            Err(e) => panic!(
                "round {i}: no answer and no close in time ({e}) for {:?}",
                String::from_utf8_lossy(&raw)
            ),
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "no handler panicked");
    assert!(
        answered > rounds / 2,
        "most mutated requests get an answer ({answered} answered, {closed} closed)"
    );
    assert!(s.count().await <= created, "nothing stored without a 201");
    // Still up, still right.
    let r = s.post(&p).await;
    assert!(r.status == 201 || r.status == 200, "{}", r.text());
    assert_eq!(r.json()["status"], "verified");
    s.stop().await;
}
