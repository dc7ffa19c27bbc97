//! One source for the lists the JavaScript files and the JSON Schemas need (issue 12 point 4): the configuration
//! keys and host events of `src/host_config.rs`, the engine's claim ids and the manifest's delivery methods
//! (both written by `coded!`, so their Rust lists are one list each). Every list written out in
//! `www/*.js` (any array of string literals that holds one of these lists' words) and in the schemas must be
//! exactly the Rust list, so a key, event or claim added in Rust and forgotten in a JS file fails here.

use loan_insurance_check::engine::ClaimId;
use loan_insurance_check::host_config::{claim_ids, EVENTS, INTERNAL_KEYS, KEYS};
use loan_insurance_check::manifest::Delivery;

const JS: [&str; 4] = [
    "www/loader.js",
    "www/embed.js",
    "www/frame.js",
    "www/integrate.js",
];

/// Every array literal of `source` made only of quoted strings (`['a', "b"]`), with its items.
fn string_arrays(source: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find([']', '[']) else {
            break;
        };
        if rest.as_bytes()[close] == b'[' {
            continue;
        }
        let inside = rest[..close].trim();
        let items: Vec<&str> = inside
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let quoted = |s: &&str| {
            s.len() >= 2
                && ((s.starts_with('\'') && s.ends_with('\''))
                    || (s.starts_with('"') && s.ends_with('"')))
        };
        if !items.is_empty() && items.iter().all(quoted) {
            out.push(
                items
                    .iter()
                    .map(|s| s[1..s.len() - 1].to_string())
                    .collect(),
            );
        }
    }
    out
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lists of `path` that hold `word` and `other` (a list of a few words that happen to be keys, such as the
/// ids of two form fields, is not a list of keys).
fn lists_with_both(path: &str, word: &str, other: &str) -> Vec<Vec<String>> {
    string_arrays(&read(path))
        .into_iter()
        .filter(|l| l.iter().any(|x| x == word) && l.iter().any(|x| x == other))
        .collect()
}

#[test]
fn the_parser_of_js_lists_finds_what_it_should() {
    let lists =
        string_arrays("const A = ['x', \"y\"]; f([1, 2]); g(['a', b]); const N = [['p'], 'q'];");
    assert_eq!(
        lists,
        vec![
            vec!["x".to_string(), "y".to_string()],
            vec!["p".to_string()]
        ]
    );
}

#[test]
fn configuration_keys_in_js_are_the_rust_keys() {
    let mut found = 0;
    for path in JS {
        for list in lists_with_both(path, "lang", "manifest") {
            found += 1;
            let (keys, extra) = list.split_at(list.len().min(KEYS.len()));
            assert_eq!(keys, KEYS, "{path}: configuration keys {list:?}");
            for e in extra {
                assert!(
                    INTERNAL_KEYS.contains(&e.as_str()),
                    "{path}: {e} is not a key of src/host_config.rs"
                );
            }
        }
    }
    // The loader, embed.js and frame.js each hold the list.
    assert!(found >= 3, "only {found} key lists found in {JS:?}");
    for path in ["www/loader.js", "www/embed.js", "www/frame.js"] {
        assert!(
            !lists_with_both(path, "lang", "manifest").is_empty(),
            "{path} has no key list"
        );
    }
}

#[test]
fn host_events_in_js_are_the_rust_events() {
    for path in JS {
        for list in lists_with_both(path, "ready", "step") {
            assert_eq!(list, EVENTS, "{path}: host events");
        }
    }
    for path in ["www/loader.js", "www/frame.js", "www/integrate.js"] {
        assert!(
            !lists_with_both(path, "ready", "step").is_empty(),
            "{path} has no event list"
        );
    }
}

#[test]
fn claim_ids_in_js_and_schemas_are_the_engine_ids() {
    let ids: Vec<&str> = claim_ids().collect();
    assert_eq!(ids.len(), ClaimId::ALL.len());
    let lists = lists_with_both("www/integrate.js", "after_payoff", "profit_sharing");
    assert!(!lists.is_empty(), "www/integrate.js lists the claims");
    for list in lists {
        assert_eq!(list, ids, "www/integrate.js");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&read("www/schema/manifest.v1.schema.json")).unwrap();
    let in_manifest = &manifest["properties"]["claims"]["items"]["enum"];
    assert_eq!(
        in_manifest,
        &serde_json::json!(ids),
        "manifest schema claims"
    );
    let result: serde_json::Value =
        serde_json::from_str(&read("www/schema/result.v1.schema.json")).unwrap();
    let found = find_key(&result, "claim_id").expect("result schema claim_id");
    assert_eq!(
        found["enum"],
        serde_json::json!(ids),
        "result schema claim_id"
    );
    // The verdicts too: the schema's list is the engine's one list (issue 12: `Verdict` is a `coded!` enum).
    let verdicts = find_key(&result, "verdict").expect("result schema verdict");
    assert_eq!(
        verdicts["enum"],
        serde_json::json!(loan_insurance_check::engine::Verdict::CODES),
        "result schema verdict"
    );
}

fn find_key<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => m
            .get(key)
            .or_else(|| m.values().find_map(|x| find_key(x, key))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

/// The README's configuration table has a row per key.
#[test]
fn the_readme_documents_every_key() {
    let readme = read("README.md");
    for key in KEYS {
        assert!(
            readme.contains(&format!("| `data-{key}` |")),
            "README: no row for data-{key}"
        );
    }
}

/// Every `www/schema/*.json` file, parsed, with its path.
fn schemas() -> Vec<(String, serde_json::Value)> {
    let mut out: Vec<(String, serde_json::Value)> = std::fs::read_dir("www/schema")
        .expect("www/schema")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let path = p.display().to_string();
            let doc = serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, doc)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every array of strings in `v` (enums, examples, defaults), with the key it is under.
fn string_lists<'a>(v: &'a serde_json::Value, key: &str, out: &mut Vec<(String, Vec<&'a str>)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                string_lists(x, k, out);
            }
        }
        serde_json::Value::Array(a) => {
            let words: Vec<&str> = a.iter().filter_map(|x| x.as_str()).collect();
            if !a.is_empty() && words.len() == a.len() {
                out.push((key.to_string(), words));
            }
            for x in a {
                string_lists(x, key, out);
            }
        }
        _ => {}
    }
}

/// Every schema and JS list that holds a claim id or a delivery method: an `enum` is the whole Rust list, in its
/// order; any other list (an example's `claims`) holds only known ids. The same for the JS files' string
/// arrays, which are whole lists.
#[test]
fn claim_ids_and_delivery_methods_in_every_schema_and_js_file() {
    let claims: Vec<&str> = ClaimId::ALL.iter().map(|c| c.id()).collect();
    let deliveries: Vec<&str> = Delivery::ALL.iter().map(|d| d.id()).collect();
    assert_eq!(deliveries, ["json", "form", "post_message", "event"]);
    let mut enums = [0usize; 2];
    for (path, doc) in schemas() {
        let mut lists = Vec::new();
        string_lists(&doc, "", &mut lists);
        for (key, list) in lists {
            // A list of claims holds a claim id (an answer option such as `debits_after_payoff` is not one); a
            // list of delivery methods holds `post_message` (`json` or `form` alone could be other words).
            let lists_of = [
                (
                    "claim ids",
                    &claims,
                    list.iter().any(|w| claims.contains(w)),
                ),
                (
                    "delivery methods",
                    &deliveries,
                    list.contains(&"post_message"),
                ),
            ];
            for (n, (name, rust, holds)) in lists_of.into_iter().enumerate() {
                if !holds {
                    continue;
                }
                if key == "enum" {
                    enums[n] += 1;
                    assert_eq!(&list, rust, "{path}: an enum of {name}");
                } else if key == "claims" || key == "delivery" {
                    for w in &list {
                        assert!(
                            rust.contains(w),
                            "{path}: {w} in {key} is not one of the {name}"
                        );
                    }
                }
            }
        }
    }
    // The manifest (claims, delivery) and result (claim_id) schemas.
    assert!(enums[0] >= 2, "only {} enums of claim ids found", enums[0]);
    assert!(enums[1] >= 1, "no enum of delivery methods found");
    for path in JS {
        for list in string_arrays(&read(path)) {
            if list.iter().any(|w| claims.contains(&w.as_str())) {
                assert_eq!(list, claims, "{path}: claim ids");
            }
            if list.iter().any(|w| w == "post_message") {
                assert_eq!(list, deliveries, "{path}: delivery methods");
            }
        }
    }
}

#[test]
fn the_schema_walker_finds_enums_and_examples() {
    let doc = serde_json::json!({"a": {"enum": ["x", "y"]}, "examples": [{"claims": ["z"]}], "n": [1, "w"]});
    let mut lists = Vec::new();
    string_lists(&doc, "", &mut lists);
    assert_eq!(
        lists,
        vec![
            ("enum".to_string(), vec!["x", "y"]),
            ("claims".to_string(), vec!["z"])
        ]
    );
}
