//! The payload's JSON Schema check, with the repository's own schema files (`www/schema/`, compiled in), so
//! the server and the widget's documentation cannot drift apart.
//!
//! A small validator of the JSON Schema keywords these files use (`type`, `const`, `enum`, `required`,
//! `properties`, `additionalProperties`, `items`, `uniqueItems`, `$ref`, `oneOf`, `minimum`, `maximum`,
//! `minLength`, `maxLength`, `pattern`) rather than a general one: the `jsonschema` crate brings a regex engine
//! and some forty crates to a build that needs none of them. A keyword or pattern it does not know makes
//! [`Schemas::load`] fail (tested), so a schema change can never be silently ignored.

use std::collections::HashMap;
use std::fmt::Write;

use serde_json::Value;

const FILES: [&str; 3] = [
    include_str!("../../www/schema/answers.v1.schema.json"),
    include_str!("../../www/schema/result.v1.schema.json"),
    include_str!("../../www/schema/manifest.v1.schema.json"),
];
const PAYLOAD: &str = "urn:loan-insurance-check:manifest:v1#/$defs/payload";

const ANNOTATIONS: [&str; 8] = [
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "default",
    "examples",
    "x-group",
];
const KEYWORDS: [&str; 15] = [
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "uniqueItems",
    "$ref",
    "oneOf",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
];

/// The patterns the schema files use, each read by a plain function.
fn pattern(p: &str) -> Option<fn(&str) -> bool> {
    fn digits(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_digit())
    }
    Some(match p {
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => |s| {
            let b = s.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && digits(&s[..4])
                && digits(&s[5..7])
                && digits(&s[8..])
        },
        "^[0-9]{4}-[0-9]{2}$" => |s| {
            let b = s.as_bytes();
            b.len() == 7 && b[4] == b'-' && digits(&s[..4]) && digits(&s[5..])
        },
        "^[0-9a-f]{32}$" => |s| {
            s.len() == 32
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        },
        "^[^\\u0000-\\u001f\\u007f]*$" => |s| !s.chars().any(|c| c < ' ' || c == '\u{7f}'),
        "^(https://|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])[:/])" => |s| {
            s.starts_with("https://")
                || ["localhost", "127.0.0.1", "[::1]"].iter().any(|h| {
                    s.strip_prefix("http://")
                        .and_then(|r| r.strip_prefix(h))
                        .is_some_and(|r| r.starts_with(':') || r.starts_with('/'))
                })
        },
        "^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?)/?$" => {
            |s| {
                let s = s.strip_suffix('/').unwrap_or(s);
                let port_ok = |rest: &str| {
                    rest.is_empty()
                        || rest.strip_prefix(':').is_some_and(|p| {
                            (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
                        })
                };
                if let Some(r) = s.strip_prefix("https://") {
                    let end = r.find(':').unwrap_or(r.len());
                    let host = &r[..end];
                    !host.is_empty()
                        && host
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                        && port_ok(&r[end..])
                } else if let Some(r) = s.strip_prefix("http://") {
                    ["localhost", "127.0.0.1", "[::1]"]
                        .iter()
                        .any(|h| r.strip_prefix(h).is_some_and(port_ok))
                } else {
                    false
                }
            }
        }
        _ => return None,
    })
}

/// The schema documents by `$id`.
pub struct Schemas {
    docs: HashMap<String, Value>,
}

impl Schemas {
    /// Loads the compiled-in schema files, refusing any keyword or pattern this validator does not implement.
    pub fn load() -> Result<Schemas, String> {
        Schemas::load_from(&FILES)
    }

    /// Like [`Schemas::load`], from schema texts (one of them the manifest schema with `$defs/payload`).
    pub fn load_from(files: &[&str]) -> Result<Schemas, String> {
        let mut docs = HashMap::new();
        for text in files {
            let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            let id = doc
                .get("$id")
                .and_then(Value::as_str)
                .ok_or("a schema file without $id")?
                .to_string();
            check_supported(&doc, &id)?;
            docs.insert(id, doc);
        }
        let s = Schemas { docs };
        s.resolve(PAYLOAD, "")
            .ok_or("the manifest schema has no $defs/payload")?;
        Ok(s)
    }

    /// The problems of a payload v1 (`/path message`), empty when it is valid; at most `limit` of them.
    pub fn check_payload(&self, doc: &Value, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((base, node)) = self.resolve(PAYLOAD, "") {
            self.check(base, node, doc, &mut String::new(), &mut out, limit, 0);
        }
        out
    }

    fn resolve<'a>(&'a self, reference: &str, base: &str) -> Option<(&'a str, &'a Value)> {
        let (doc_id, fragment) = match reference.split_once('#') {
            Some(("", f)) => (base, f),
            Some((d, f)) => (d, f),
            None => (reference, ""),
        };
        let (id, mut node) = self.docs.get_key_value(doc_id)?;
        for part in fragment.split('/').filter(|p| !p.is_empty()) {
            node = node.get(part)?;
        }
        Some((id.as_str(), node))
    }

    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        base: &str,
        schema: &Value,
        v: &Value,
        path: &mut String,
        out: &mut Vec<String>,
        limit: usize,
        depth: usize,
    ) {
        if out.len() >= limit {
            return;
        }
        if depth > 32 {
            return push(out, limit, path, "is nested too deeply");
        }
        let Some(s) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                push(out, limit, path, "is not allowed");
            }
            return;
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            match self.resolve(r, base) {
                Some((b, node)) => self.check(b, node, v, path, out, limit, depth + 1),
                None => push(out, limit, path, "has an unresolvable schema"),
            }
        }
        if let Some(t) = s.get("type") {
            let matches = match t {
                Value::String(t) => type_matches(t, v),
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| type_matches(t, v)),
                _ => false,
            };
            if !matches {
                let types: Vec<&str> = match t {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                return push(out, limit, path, &format!("must be {}", types.join(" or ")));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                push(out, limit, path, &format!("must be {c}"));
            }
        }
        if let Some(Value::Array(options)) = s.get("enum") {
            if !options.contains(v) {
                push(out, limit, path, "is not one of the allowed values");
            }
        }
        if let Some(Value::Array(options)) = s.get("oneOf") {
            let passing = options
                .iter()
                .filter(|o| {
                    let mut inner = Vec::new();
                    self.check(base, o, v, path, &mut inner, 1, depth + 1);
                    inner.is_empty()
                })
                .count();
            if passing != 1 {
                push(
                    out,
                    limit,
                    path,
                    "must match exactly one of the allowed forms",
                );
            }
        }
        match v {
            Value::Object(m) => {
                if let Some(Value::Array(req)) = s.get("required") {
                    for r in req.iter().filter_map(Value::as_str) {
                        if !m.contains_key(r) {
                            push(out, limit, path, &format!("must have property '{r}'"));
                        }
                    }
                }
                let props = s.get("properties").and_then(Value::as_object);
                for (k, child) in m {
                    let len = path.len();
                    path.push('/');
                    if k.contains(['~', '/']) {
                        path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    } else {
                        path.push_str(k);
                    }
                    match (props.and_then(|p| p.get(k)), s.get("additionalProperties")) {
                        (Some(cs), _) => self.check(base, cs, child, path, out, limit, depth + 1),
                        (None, Some(Value::Bool(false))) => {
                            if out.len() < limit {
                                out.push(format!("{path} is not an allowed property"));
                            }
                        }
                        (None, Some(extra)) => {
                            self.check(base, extra, child, path, out, limit, depth + 1)
                        }
                        (None, None) => {}
                    }
                    path.truncate(len);
                }
            }
            Value::Array(items) => {
                if let Some(item) = s.get("items") {
                    for (i, child) in items.iter().enumerate() {
                        let len = path.len();
                        let _ = write!(path, "/{i}");
                        self.check(base, item, child, path, out, limit, depth + 1);
                        path.truncate(len);
                    }
                }
                if s.get("uniqueItems") == Some(&Value::Bool(true)) {
                    let dup = items
                        .iter()
                        .enumerate()
                        .any(|(i, x)| items[..i].contains(x));
                    if dup {
                        push(out, limit, path, "has duplicate items");
                    }
                }
            }
            Value::String(text) => {
                let n = text.chars().count() as u64;
                if s.get("minLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n < m)
                {
                    push(out, limit, path, "is too short");
                }
                if s.get("maxLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
                {
                    push(out, limit, path, "is too long");
                }
                if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                    if !pattern(p).is_some_and(|f| f(text)) {
                        push(out, limit, path, &format!("must match \"{p}\""));
                    }
                }
            }
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if s.get("minimum")
                    .and_then(Value::as_f64)
                    .is_some_and(|m| x < m)
                {
                    push(out, limit, path, "is below the minimum");
                }
                if s.get("maximum")
                    .and_then(Value::as_f64)
                    .is_some_and(|m| x > m)
                {
                    push(out, limit, path, "is above the maximum");
                }
            }
            _ => {}
        }
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.as_i64().is_some() || v.as_u64().is_some(),
        _ => false,
    }
}

/// Every keyword and pattern under `node` is implemented here.
fn check_supported(node: &Value, at: &str) -> Result<(), String> {
    let Some(m) = node.as_object() else {
        return Ok(());
    };
    for (k, v) in m {
        if !KEYWORDS.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()) {
            return Err(format!("{at}: the keyword \"{k}\" is not implemented"));
        }
        if k == "pattern" {
            let p = v.as_str().unwrap_or_default();
            if pattern(p).is_none() {
                return Err(format!("{at}: the pattern \"{p}\" is not implemented"));
            }
        }
        let here = format!("{at}/{k}");
        match k.as_str() {
            "properties" | "$defs" => {
                for (name, child) in v.as_object().into_iter().flatten() {
                    check_supported(child, &format!("{here}/{name}"))?;
                }
            }
            "items" | "additionalProperties" => check_supported(v, &here)?,
            "oneOf" => {
                for (i, child) in v.as_array().into_iter().flatten().enumerate() {
                    check_supported(child, &format!("{here}/{i}"))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn push(out: &mut Vec<String>, limit: usize, path: &str, what: &str) {
    if out.len() < limit {
        out.push(format!(
            "{} {what}",
            if path.is_empty() { "/" } else { path }
        ));
    }
}
