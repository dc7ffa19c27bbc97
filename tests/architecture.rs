//! Tidy test: the engine stays pure. No file under src/engine/ names a web crate or reads a clock.

use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src/engine") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Whether `word` occurs in `text` as a whole token (not inside a longer identifier such as "chronological").
fn mentions(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[test]
fn the_token_matcher_works() {
    assert!(mentions("use yew::prelude::*;", "yew"));
    assert!(mentions("std::time::SystemTime::now()", "SystemTime"));
    assert!(mentions("let t = Instant::now();", "Instant"));
    assert!(!mentions("in chronological order", "chrono"));
    assert!(mentions("extern crate chrono;", "chrono"));
    assert!(mentions("web-sys = 1", "web-sys"));
}

#[test]
fn engine_is_pure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(files.len() > 5, "engine files not found");
    let forbidden = [
        "yew",
        "web_sys",
        "web-sys",
        "js_sys",
        "js-sys",
        "gloo",
        "wasm_bindgen",
        "wasm-bindgen",
        "SystemTime",
        "Instant",
        "chrono",
        "std::time",
        "thread_rng",
        "getrandom",
        "std::env",
        "std::fs",
        "std::net",
    ];
    let mut bad = Vec::new();
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(_) => continue,
        };
        for word in forbidden {
            // The CSV reader is shared with build.rs and tests only, never compiled into the engine.
            if mentions(&text, word) {
                bad.push(format!("{} mentions {word}", f.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the engine must stay pure:\n{}",
        bad.join("\n")
    );
}

#[test]
fn engine_has_no_floats_for_money() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    walk(&root, &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            !text.contains("f64") && !text.contains("f32"),
            "{} uses floating point",
            f.display()
        );
    }
}

#[test]
fn every_engine_module_has_a_doc_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    walk(&root, &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        if f.ends_with("params/csv.rs") {
            continue; // not a module: included by build.rs and the tidy test
        }
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} lacks a //! module doc line",
            f.display()
        );
    }
}

/// Every `.rs` file under `dir`, with its path relative to the crate root (forward slashes).
fn rust_sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(dir, &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        out.push((rel, std::fs::read_to_string(f).unwrap()));
    }
}

/// One browser surface (issue 12): besides `src/embed.rs`, only `src/ui/browser/` names `web_sys::window`,
/// `js_sys` or reflection. No allow-list: the send panel's delivery code lives in `src/ui/browser/deliver.rs`.
#[test]
fn only_the_browser_module_reaches_the_browser() {
    let mut files = Vec::new();
    rust_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "sources not found");
    let reaches = |text: &str| {
        text.contains("web_sys::window") || mentions(text, "js_sys") || mentions(text, "Reflect")
    };
    assert!(reaches("let w = web_sys::window();") && reaches("js_sys::Reflect::get(&o, &k)"));
    assert!(!reaches("// the window of a claim"));
    let offenders: Vec<&String> = files
        .iter()
        .filter(|(path, text)| {
            path != "src/embed.rs" && !path.starts_with("src/ui/browser/") && reaches(text)
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        offenders.is_empty(),
        "these files reach the browser outside src/ui/browser/: {offenders:#?}"
    );
    assert!(
        files
            .iter()
            .any(|(p, t)| p.starts_with("src/ui/browser/") && reaches(t)),
        "the browser module reaches nothing: is the test looking at the right files?"
    );
    // The browser module itself exists and holds the surface.
    let browser = files
        .iter()
        .find(|(p, _)| p == "src/ui/browser/mod.rs")
        .map(|(_, t)| t.as_str())
        .expect("src/ui/browser/mod.rs");
    for f in [
        "pub fn copy_text(",
        "pub fn storage_get(",
        "pub fn storage_set(",
        "pub fn replace_address(",
        "pub fn read_file(",
        "pub fn json_parse(",
        "pub fn warn(",
        "pub fn today(",
        "pub fn random_bytes(",
    ] {
        assert!(browser.contains(f), "the browser module lacks {f}");
    }
    // No state shared between widgets.
    for (path, text) in &files {
        if path.starts_with("src/ui/") {
            assert!(!text.contains("thread_local!"), "{path} keeps global state");
        }
    }
}
