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

/// The source without its comment lines (a doc comment may name a function it does not call).
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `name(` is called in `code`: the byte offsets, `name` not inside a longer identifier (`a::name(` counts,
/// `.name` without a call and `my_name(` do not).
fn calls(code: &str, name: &str) -> Vec<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let call = format!("{name}(");
    code.match_indices(&call)
        .map(|(i, _)| i)
        .filter(|i| !code[..*i].chars().next_back().is_some_and(is_ident))
        .collect()
}

/// The function `pos` is in: the name after the last `fn ` before it.
fn enclosing_fn(code: &str, pos: usize) -> &str {
    let start = code[..pos].rfind("fn ").map_or(0, |i| i + 3);
    let rest = &code[start..];
    &rest[..rest.find(['(', '<']).unwrap_or(rest.len())]
}

#[test]
fn the_call_finder_works() {
    let code = "fn a() { engine::evaluate(&x, d); }\nfn store(s) { s.answers.set(f); evaluate(&s) }\nfn b() { re_evaluate(1); e.next_questions.iter() }";
    assert_eq!(calls(code, "evaluate").len(), 2);
    assert_eq!(calls(code, "next_questions"), Vec::<usize>::new());
    let at = calls(code, "evaluate");
    assert_eq!(enclosing_fn(code, at[0]), "a");
    assert_eq!(enclosing_fn(code, at[1]), "store");
    assert_eq!(code_only("// evaluate(x)\nlet y = 1;"), "let y = 1;");
}

/// Issue 11 point 9, one evaluation per answer: the interface never asks the engine for the next questions on its
/// own (they come with the evaluation), and it evaluates only in the reducer, once where the state is made (empty
/// answers), once where every answer is replaced (a file, a link, this device) and once in `store`, the one place an
/// answer is set, right after setting it. So each answer costs one evaluation and the evaluation shown is never stale.
#[test]
fn the_interface_evaluates_once_per_answer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_sources(&root.join("src/ui"), &mut files);
    files.push((
        "src/embed.rs".to_string(),
        std::fs::read_to_string(root.join("src/embed.rs")).unwrap(),
    ));
    assert!(files.len() > 5, "src/ui not found");
    assert!(files.iter().any(|(p, _)| p == "src/ui/state.rs"));
    let mut state_calls: Vec<String> = Vec::new();
    for (path, text) in &files {
        let code = code_only(text);
        for f in ["next_questions", "evaluate_claim"] {
            assert!(
                calls(&code, f).is_empty(),
                "{path} calls {f}(: the next questions come with the evaluation (issue 11 point 9)"
            );
        }
        let evals = calls(&code, "evaluate");
        if path != "src/ui/state.rs" {
            assert!(
                evals.is_empty(),
                "{path} evaluates: only the reducer (src/ui/state.rs) does, once per answer"
            );
            assert!(
                calls(&code, "answers.set").is_empty(),
                "{path} sets an answer outside the reducer"
            );
            continue;
        }
        for at in &evals {
            assert!(
                code[..*at].ends_with("engine::"),
                "{path}: evaluate without engine:: (an alias would hide a second call)"
            );
            state_calls.push(enclosing_fn(&code, *at).to_string());
        }
        // Every answer set is followed, in the same function, by the evaluation of the new answers.
        let sets = calls(&code, "answers.set");
        assert_eq!(sets.len(), 1, "{path}: one place sets an answer");
        for s in sets {
            let f = enclosing_fn(&code, s);
            assert_eq!(f, "store", "{path}: an answer is set outside store");
            let after = evals
                .iter()
                .filter(|e| **e > s && enclosing_fn(&code, **e) == f);
            assert_eq!(
                after.count(),
                1,
                "{path}: store evaluates once, after the answer is set"
            );
        }
        // The questions still to ask are read from the stored evaluation.
        assert!(
            code.contains(".next_questions") && code.contains("self.evaluation"),
            "{path}: the pending questions come from the evaluation"
        );
    }
    state_calls.sort();
    assert_eq!(
        state_calls,
        ["new", "store", "with_answers"],
        "the reducer evaluates once where the state is made, once when every answer is replaced, once per answer"
    );
}
