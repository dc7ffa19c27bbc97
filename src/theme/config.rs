//! The host's other configuration values, read without trusting them: the campaign manifest
//! (`data-manifest`) and the claims to feature (`data-claims`). Pure and natively tested; `embed.rs`
//! turns each problem into a console message naming the attribute and a visible notice.

use crate::engine::ClaimId;

/// Message keys of the notices the embed module shows (in `src/i18n/*.msg`, under `# embed`).
pub mod notice {
    /// The configuration as a whole could not be read.
    pub const BAD_CONFIG: &str = "notice.bad_config";
    /// `data-lang` names a language the widget does not speak.
    pub const BAD_LANG: &str = "notice.bad_lang";
    /// `data-color` is not a colour the widget can read.
    pub const BAD_COLOR: &str = "notice.bad_color";
    /// `data-theme` is not `auto`, `light`, `dark` or `transparent`.
    pub const BAD_THEME: &str = "notice.bad_theme";
    /// `data-manifest` is neither an HTTPS address nor a JSON object.
    pub const BAD_MANIFEST: &str = "notice.bad_manifest";
    /// `data-claims` names claims the widget does not know.
    pub const BAD_CLAIMS: &str = "notice.bad_claims";
    /// Every notice key, for the message-file test.
    pub const ALL: [&str; 6] = [
        BAD_CONFIG,
        BAD_LANG,
        BAD_COLOR,
        BAD_THEME,
        BAD_MANIFEST,
        BAD_CLAIMS,
    ];
}

/// Longest manifest value read (an inline manifest is a small JSON document).
pub const MAX_MANIFEST_LEN: usize = 64 * 1024;
/// Longest manifest address.
const MAX_URL_LEN: usize = 2048;

/// A campaign manifest as the host gave it: only its shape is checked here; the forwarding feature
/// validates the content. Nothing is fetched: an address is kept until the visitor chooses to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Manifest {
    /// An `https://` address (or `http://` on localhost, for testing).
    Url(String),
    /// An inline JSON object, verbatim.
    Inline(String),
}

impl Manifest {
    /// The value as given (trimmed).
    pub fn raw(&self) -> &str {
        match self {
            Manifest::Url(s) | Manifest::Inline(s) => s,
        }
    }
}

/// Why a manifest value was refused, for the integrator's console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManifestError {
    /// Nothing given.
    Empty,
    /// Longer than a manifest should be.
    TooLong,
    /// Starts like JSON but does not parse, or is not an object.
    NotAnObject,
    /// An address that is not `https://` (nor `http://localhost` / `127.0.0.1` / `[::1]`).
    NotHttps,
    /// An `http(s)://` address that is not well formed (spaces, user name, bad port...).
    BadAddress,
    /// Neither an address nor JSON.
    Unreadable,
}

impl ManifestError {
    /// What is wrong, in English.
    pub fn explain(self) -> &'static str {
        match self {
            ManifestError::Empty => "it is empty",
            ManifestError::TooLong => "it is too long",
            ManifestError::NotAnObject => "it looks like JSON but is not a valid JSON object",
            ManifestError::NotHttps => {
                "a manifest address must use https:// (http:// only on localhost, for testing)"
            }
            ManifestError::BadAddress => "it is not a well-formed address",
            ManifestError::Unreadable => {
                "it is neither an https:// address nor an inline JSON object"
            }
        }
    }
}

/// Reads `data-manifest`: an HTTPS address, or a JSON object written inline. `is_json_object` says whether
/// a text parses as a JSON object (the browser's `JSON.parse` in the widget, which costs no WebAssembly;
/// [`is_json_object`] natively).
pub fn check_manifest(
    value: &str,
    is_json_object: impl Fn(&str) -> bool,
) -> Result<Manifest, ManifestError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ManifestError::Empty);
    }
    if v.len() > MAX_MANIFEST_LEN {
        return Err(ManifestError::TooLong);
    }
    if v.starts_with('{') || v.starts_with('[') || v.starts_with('"') {
        return if is_json_object(v) {
            Ok(Manifest::Inline(v.to_string()))
        } else {
            Err(ManifestError::NotAnObject)
        };
    }
    if v.len() > MAX_URL_LEN {
        return Err(ManifestError::TooLong);
    }
    let lower = v.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://").ok_or(ManifestError::Unreadable)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let well_formed = !authority.is_empty()
        && !authority.contains('@')
        && v.chars().all(|c| c.is_ascii_graphic());
    match scheme {
        "http" | "https" if !well_formed || host_of(authority).is_none() => {
            Err(ManifestError::BadAddress)
        }
        "https" => Ok(Manifest::Url(v.to_string())),
        "http" if is_loopback(authority) => Ok(Manifest::Url(v.to_string())),
        "http" => Err(ManifestError::NotHttps),
        _ if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            Err(ManifestError::NotHttps)
        }
        _ => Err(ManifestError::Unreadable),
    }
}

/// Whether `text` parses as a JSON object (with serde_json: for native use and tests).
pub fn is_json_object(text: &str) -> bool {
    matches!(
        serde_json::from_str::<serde_json::Value>(text),
        Ok(serde_json::Value::Object(_))
    )
}

/// The host name of `authority` (without the port), if it looks like one.
fn host_of(authority: &str) -> Option<&str> {
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    let port = &authority[host.len()..];
    let port_ok = port.is_empty()
        || (port.len() > 1
            && port.starts_with(':')
            && port[1..].bytes().all(|b| b.is_ascii_digit()));
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-[]:".contains(&b));
    (port_ok && host_ok).then_some(host)
}

fn is_loopback(authority: &str) -> bool {
    matches!(
        host_of(authority),
        Some("localhost" | "127.0.0.1" | "[::1]")
    )
}

/// `data-claims` read: the known claim ids, in the host's order without repeats, and what was not known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claims {
    /// Known ids (the engine's own `&'static str`).
    pub featured: Vec<&'static str>,
    /// Unknown entries, shortened for the console.
    pub unknown: Vec<String>,
}

/// Reads a comma- (or space-) separated list of claim ids, such as `profit_sharing, after_payoff`.
pub fn parse_claims(value: &str) -> Claims {
    let mut out = Claims::default();
    for item in value
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .take(64)
    {
        let id = item.to_ascii_lowercase().replace('-', "_");
        match ClaimId::ALL.iter().find(|c| c.id() == id) {
            Some(c) => {
                if !out.featured.contains(&c.id()) {
                    out.featured.push(c.id());
                }
            }
            None => out.unknown.push(shorten(item)),
        }
    }
    out
}

/// Every claim id, as `data-claims` accepts them.
pub fn claim_ids() -> impl Iterator<Item = &'static str> {
    ClaimId::ALL.iter().map(|c| c.id())
}

/// A host value made safe to quote in a console message: at most 60 characters, control characters
/// dropped.
pub fn shorten(value: &str) -> String {
    let clean: String = value.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() > 60 {
        let cut: String = clean.chars().take(57).collect();
        format!("{cut}...")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{parse_messages, Locale};

    #[test]
    fn manifest_addresses_must_be_https_or_loopback() {
        for ok in [
            "https://campagne.example.org/manifest.json",
            "  https://example.org  ",
            "https://example.org:8443/m.json?v=2#x",
            "http://localhost:8080/m.json",
            "http://127.0.0.1/m.json",
            "http://[::1]:3000/m.json",
        ] {
            assert!(
                matches!(check_manifest(ok, is_json_object), Ok(Manifest::Url(_))),
                "{ok}"
            );
        }
        use ManifestError::*;
        for (bad, why) in [
            ("http://example.org/m.json", NotHttps),
            ("http://localhost.evil.org/m.json", NotHttps),
            ("ftp://example.org/m.json", NotHttps),
            ("javascript:alert(1)", Unreadable),
            ("https://user@example.org/", BadAddress),
            ("https://exa mple.org/", BadAddress),
            ("https://", BadAddress),
            ("https://example.org:port/", BadAddress),
            ("manifest.json", Unreadable),
            ("", Empty),
        ] {
            assert_eq!(check_manifest(bad, is_json_object), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn an_inline_manifest_must_be_a_json_object() {
        let m = check_manifest(
            r#" {"name": "Campagne", "endpoint": "https://x.org"} "#,
            is_json_object,
        )
        .unwrap();
        assert_eq!(
            m,
            Manifest::Inline(r#"{"name": "Campagne", "endpoint": "https://x.org"}"#.into())
        );
        assert_eq!(
            m.raw(),
            r#"{"name": "Campagne", "endpoint": "https://x.org"}"#
        );
        for bad in ["{", "{name: 1}", "[1, 2]", "\"text\"", "{} {}"] {
            assert_eq!(
                check_manifest(bad, is_json_object),
                Err(ManifestError::NotAnObject),
                "{bad}"
            );
        }
        let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_MANIFEST_LEN));
        assert_eq!(
            check_manifest(&huge, is_json_object),
            Err(ManifestError::TooLong)
        );
    }

    #[test]
    fn claims_are_read_against_the_engine_ids() {
        let c = parse_claims(" profit_sharing, AFTER-PAYOFF ,nope;profit_sharing  lender_fees");
        assert_eq!(
            c.featured,
            vec!["profit_sharing", "after_payoff", "lender_fees"]
        );
        assert_eq!(c.unknown, vec!["nope".to_string()]);
        assert_eq!(parse_claims(""), Claims::default());
        assert_eq!(claim_ids().count(), ClaimId::ALL.len());
        let all: Vec<&str> = claim_ids().collect();
        assert_eq!(parse_claims(&all.join(",")).featured, all);
    }

    #[test]
    fn console_quotes_are_short_and_clean() {
        assert_eq!(shorten("a\u{1b}[31mb\n"), "a[31mb");
        let long = shorten(&"é".repeat(100));
        assert_eq!(long.chars().count(), 60);
        assert!(long.ends_with("..."));
    }

    /// The notices the embed module can show have their words in both languages.
    #[test]
    fn every_notice_has_its_words() {
        for locale in Locale::ALL {
            let keys: Vec<&str> = parse_messages(locale.source())
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            for key in notice::ALL {
                assert!(keys.contains(&key), "{}: {key} missing", locale.tag());
            }
        }
    }

    /// The integration page offers exactly the engine's claim ids.
    #[test]
    fn the_integration_page_lists_the_engine_claims() {
        let js = include_str!("../../www/integrate.js");
        let list = js
            .split("const CLAIMS = [")
            .nth(1)
            .and_then(|s| s.split(']').next())
            .expect("CLAIMS list in www/integrate.js");
        let ids: Vec<&str> = list
            .split(',')
            .map(|s| s.trim().trim_matches('\''))
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(ids, claim_ids().collect::<Vec<_>>());
    }
}
