//! The one parser of the addresses the widget reads from outside: the `data-manifest` address, the
//! manifest's `origin`, `endpoint` and `privacy_policy`, and the address a manifest was fetched from. Pure
//! and natively tested. Every check of an address goes through [`Url::parse`], so the same rules hold
//! everywhere, and an address that passed one check always has the origin the others compare
//! (the served-from check cannot be skipped by an address one parser accepts and another refuses).
//!
//! The rules are stricter than a browser's, never looser, so that what the widget shows and compares is what
//! the browser will fetch:
//! - `https://`, or `http://` on `localhost`, `127.0.0.1` and `[::1]` only (for testing);
//! - printable ASCII only (no space, no control character, no backslash), at most 2048 characters;
//! - no user name or password (`user@host`), no empty host, host names of letters, digits and hyphens
//!   (labels of 1 to 63, not starting or ending with a hyphen, no trailing dot); a host whose last label starts
//!   with a digit must be a plain dotted IPv4 address (`127.0.0.1`, not `127.1` nor `0x7f.1`, which browsers
//!   read as other addresses); IPv6 literals in brackets;
//! - a port of 1 to 5 digits, without leading zeros, from 1 to 65535 (`:000443` is refused, `:443` on https is
//!   the default and dropped from the origin).

/// Longest address accepted.
pub const MAX_URL_LEN: usize = 2048;

crate::engine::codes::coded! {
    /// Why an address was refused. `code()` is the stable code used in the manifest problems and console
    /// messages (the manifest problem codes `not_https` and `bad_url` are these).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum UrlError {
        /// Nothing given.
        Empty = "empty",
        /// Longer than [`MAX_URL_LEN`].
        TooLong = "too_long",
        /// Another scheme than `https` (or `http` elsewhere than on the machine itself).
        NotHttps = "not_https",
        /// An `http(s)://` address that is not well formed (spaces, user name, bad host or port...).
        BadAddress = "bad_url",
        /// Not an absolute address at all.
        Unreadable = "unreadable",
    }
}

impl UrlError {
    /// What is wrong, in English, for the integrator's console.
    pub fn explain(self) -> &'static str {
        match self {
            UrlError::Empty => "it is empty",
            UrlError::TooLong => "it is too long",
            UrlError::NotHttps => {
                "an address must use https:// (http:// only on localhost, for testing)"
            }
            UrlError::BadAddress => {
                "it is not a well-formed address (printable ASCII, no user name, a host name, a port of at most 5 digits without leading zeros)"
            }
            UrlError::Unreadable => "it is not an absolute https:// address",
        }
    }
}

/// A checked absolute address, normalised: lower-case scheme and host, default port dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Url {
    https: bool,
    host: String,
    port: Option<u16>,
    /// Path, query and fragment as given, with a `/` before them when the path was empty.
    rest: String,
}

impl Url {
    /// Reads an absolute address (surrounding spaces ignored) by the rules of the module.
    pub fn parse(text: &str) -> Result<Url, UrlError> {
        let s = text.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        if s.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        let Some((scheme, rest)) = s.split_once("://") else {
            // `javascript:`, `data:`, `mailto:`... are not addresses anything may be fetched from or sent to.
            let scheme_like = s
                .split_once(':')
                .is_some_and(|(scheme, _)| is_scheme(scheme));
            return Err(if scheme_like {
                UrlError::NotHttps
            } else {
                UrlError::Unreadable
            });
        };
        if !is_scheme(scheme) {
            return Err(UrlError::Unreadable);
        }
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(UrlError::NotHttps);
        }
        if !s.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
            return Err(UrlError::BadAddress);
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let authority = authority.to_ascii_lowercase();
        if authority.is_empty() || authority.contains('@') {
            return Err(UrlError::BadAddress);
        }
        let (host, port) = split_host_port(&authority).ok_or(UrlError::BadAddress)?;
        let https = scheme == "https";
        if !https && !is_loopback(host) {
            return Err(UrlError::NotHttps);
        }
        let default = if https { 443 } else { 80 };
        Ok(Url {
            https,
            host: host.to_string(),
            port: port.filter(|p| *p != default),
            rest: if tail.starts_with('/') {
                tail.to_string()
            } else {
                "/".to_string() + tail
            },
        })
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// The host, lower case (IPv6 literals keep their brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The origin, `scheme://host[:port]`, as a browser writes it.
    pub fn origin(&self) -> String {
        match self.port {
            Some(p) => [
                self.scheme(),
                "://",
                &self.host,
                ":",
                &crate::i18n::digits(p.into(), 1),
            ]
            .concat(),
            None => [self.scheme(), "://", &self.host].concat(),
        }
    }

    /// Whether nothing follows the origin (or only `/`): the form of the manifest's `origin`.
    pub fn is_origin_only(&self) -> bool {
        self.rest == "/"
    }

    /// The normalised address, the one to fetch or link to.
    pub fn href(&self) -> String {
        format!("{}{}", self.origin(), self.rest)
    }

    /// Whether the address is on `origin` (as [`Url::origin`] writes it).
    pub fn is_on(&self, origin: &str) -> bool {
        self.origin() == origin
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.href())
    }
}

/// An origin: `https://host[:port]` with nothing after it but an optional `/`, normalised.
pub fn parse_origin(text: &str) -> Result<String, UrlError> {
    let url = Url::parse(text)?;
    if url.is_origin_only() {
        Ok(url.origin())
    } else {
        Err(UrlError::BadAddress)
    }
}

fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
}

/// Whether `host` (lower case, no port) is the machine itself.
pub fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Splits `host[:port]` (lower case) and checks both.
fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        let inner = &host[1..host.len() - 1];
        let ok = inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        if !ok {
            return None;
        }
        (host, after)
    } else {
        let (host, after) = match authority.find(':') {
            Some(i) => authority.split_at(i),
            None => (authority, ""),
        };
        if !is_host_name(host) {
            return None;
        }
        (host, after)
    };
    let port = match port.strip_prefix(':') {
        None if port.is_empty() => None,
        None => return None,
        Some(digits) => Some(parse_port(digits)?),
    };
    Some((host, port))
}

/// 1 to 5 digits, no leading zero, 1..=65535.
fn parse_port(digits: &str) -> Option<u16> {
    let ok = (1..=5).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !ok {
        return None;
    }
    // By hand rather than `str::parse`, which costs the widget more WebAssembly than this whole check.
    let n = digits
        .bytes()
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    u16::try_from(n).ok().filter(|p| *p > 0)
}

fn is_host_name(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let labels_ok = labels.iter().all(|l| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    if !labels_ok {
        return false;
    }
    // A browser reads a host whose last label is numeric as an IPv4 address, in forms such as `127.1` or
    // `0x7f.0.0.1`: only the plain dotted form is accepted, so the host shown is the host fetched.
    let last = labels[labels.len() - 1];
    if last.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return labels.len() == 4
            && labels.iter().all(|l| {
                l.len() <= 3
                    && l.bytes().all(|b| b.is_ascii_digit())
                    && (l.len() == 1 || !l.starts_with('0'))
                    && l.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')) <= 255
            });
    }
    true
}

crate::engine::codes::coded! {
    /// Why fetching an address gave nothing (`src/ui/browser/fetch.rs` fetches; the words are
    /// `manifest.fetch.<code>` in the message files).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FetchError {
        /// The browser is offline.
        Offline = "offline",
        /// No complete answer within the timeout.
        Timeout = "timeout",
        /// The answer is larger than the limit (reading stopped there).
        TooLarge = "too_large",
        /// The server answered with a redirect, which is refused.
        Redirected = "redirect",
        /// A 4xx status.
        Refused(u16 = 400) = "refused",
        /// A 5xx (or other unexpected) status.
        Server(u16 = 500) = "server",
        /// The network failed, or the server does not allow this page to read it (CORS).
        Unreachable = "unreachable",
    }
}

impl FetchError {
    /// The HTTP status, where there is one.
    pub fn status(self) -> Option<u16> {
        match self {
            FetchError::Refused(s) | FetchError::Server(s) => Some(s),
            _ => None,
        }
    }

    /// What went wrong, in English, for the console.
    pub fn explain(self, limit: usize) -> String {
        match self {
            FetchError::Offline => "the browser is offline".into(),
            FetchError::Timeout => "no complete answer in time".into(),
            FetchError::TooLarge => format!("the answer is larger than {} KB", limit / 1024),
            FetchError::Redirected => {
                "the server answered with a redirect; give the final address".into()
            }
            FetchError::Refused(s) | FetchError::Server(s) => format!("HTTP status {s}"),
            FetchError::Unreachable => {
                "the network failed, or the server does not send Access-Control-Allow-Origin for this page".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_addresses_and_their_origins() {
        for (text, origin, href) in [
            (
                "https://campagne.example.org/manifest.json",
                "https://campagne.example.org",
                "https://campagne.example.org/manifest.json",
            ),
            (
                "  HTTPS://Example.ORG  ",
                "https://example.org",
                "https://example.org/",
            ),
            (
                "https://example.org:8443/m.json?v=2#x",
                "https://example.org:8443",
                "https://example.org:8443/m.json?v=2#x",
            ),
            (
                "https://example.org:443/a",
                "https://example.org",
                "https://example.org/a",
            ),
            (
                "https://example.org?x=1",
                "https://example.org",
                "https://example.org/?x=1",
            ),
            (
                "http://localhost:8080/m.json",
                "http://localhost:8080",
                "http://localhost:8080/m.json",
            ),
            (
                "http://127.0.0.1/m.json",
                "http://127.0.0.1",
                "http://127.0.0.1/m.json",
            ),
            (
                "http://127.0.0.1:80/",
                "http://127.0.0.1",
                "http://127.0.0.1/",
            ),
            (
                "http://[::1]:3000/m.json",
                "http://[::1]:3000",
                "http://[::1]:3000/m.json",
            ),
            (
                "https://xn--caf-dma.example/",
                "https://xn--caf-dma.example",
                "https://xn--caf-dma.example/",
            ),
            (
                "https://10.0.0.1:65535/",
                "https://10.0.0.1:65535",
                "https://10.0.0.1:65535/",
            ),
        ] {
            let url = Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(url.origin(), origin, "{text}");
            assert_eq!(url.href(), href, "{text}");
        }
    }

    #[test]
    fn bad_addresses_say_why() {
        use UrlError::*;
        for (text, why) in [
            ("", Empty),
            ("   ", Empty),
            ("http://example.org/m.json", NotHttps),
            ("http://localhost.evil.org/m.json", NotHttps),
            ("http://127.0.0.2/", NotHttps),
            ("ftp://example.org/m.json", NotHttps),
            ("javascript:alert(1)", NotHttps),
            ("data:text/html,x", NotHttps),
            ("manifest.json", Unreadable),
            ("//example.org/m.json", Unreadable),
            ("https://user@example.org/", BadAddress),
            ("https://user:pw@example.org/", BadAddress),
            ("https://exa mple.org/", BadAddress),
            ("https://", BadAddress),
            ("https:///path", BadAddress),
            ("https://example.org:port/", BadAddress),
            ("https://example.org:/", BadAddress),
            // Ports: at most 5 digits, no leading zeros, 1..=65535.
            ("https://host:000443/m.json", BadAddress),
            ("https://host:0443/", BadAddress),
            ("https://host:0/", BadAddress),
            ("https://host:65536/", BadAddress),
            ("https://host:123456/", BadAddress),
            ("https://host:1:2/", BadAddress),
            // Hosts a browser reads otherwise.
            ("https://127.1/", BadAddress),
            ("https://0x7f.0.0.1/", BadAddress),
            ("https://127.000.0.1/", BadAddress),
            ("https://256.0.0.1/", BadAddress),
            ("https://example.org./", BadAddress),
            ("https://.example.org/", BadAddress),
            ("https://-x.example.org/", BadAddress),
            ("https://ex%41mple.org/", BadAddress),
            ("https://example.org\\@evil.org/", BadAddress),
            ("https://exämple.org/", BadAddress),
            ("https://example.org/\u{202e}gro", BadAddress),
            ("https://[zz::1]/", BadAddress),
            ("https://[::1/", BadAddress),
        ] {
            assert_eq!(Url::parse(text), Err(why), "{text:?}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(Url::parse(&long), Err(TooLong));
    }

    #[test]
    fn origins_have_nothing_after_them() {
        assert_eq!(
            parse_origin("https://Campagne.example.org/").as_deref(),
            Ok("https://campagne.example.org")
        );
        assert_eq!(
            parse_origin("https://example.org:443").as_deref(),
            Ok("https://example.org")
        );
        assert_eq!(
            parse_origin("https://example.org/path"),
            Err(UrlError::BadAddress)
        );
        assert_eq!(
            parse_origin("https://example.org?q"),
            Err(UrlError::BadAddress)
        );
        assert_eq!(
            parse_origin("https://host:000443"),
            Err(UrlError::BadAddress)
        );
        assert_eq!(parse_origin("http://example.org"), Err(UrlError::NotHttps));
    }

    /// Whatever the text, an address the parser accepts has an origin the parser accepts as an origin, and the
    /// normalised address reads back the same: no two checks can disagree about one address.
    #[test]
    fn accepted_addresses_are_stable() {
        let pieces = [
            "https://",
            "http://",
            "HTTPS://",
            "a",
            "b.c",
            "localhost",
            "127.0.0.1",
            "[::1]",
            ":",
            "443",
            "0",
            "00443",
            "/",
            "?",
            "#",
            "@",
            ".",
            "-",
            "8080",
            "%2e",
            "\\",
            " ",
            "1",
            "x",
        ];
        let mut n = 0u32;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let text = format!("{a}{b}{c}{d}");
                        if let Ok(url) = Url::parse(&text) {
                            n += 1;
                            assert_eq!(parse_origin(&url.origin()), Ok(url.origin()), "{text}");
                            assert_eq!(Url::parse(&url.href()), Ok(url.clone()), "{text}");
                            if let Some(p) = url.port() {
                                assert!(!text.contains(":0"), "{text}: port {p}");
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 100, "only {n} accepted");
    }

    #[test]
    fn every_fetch_failure_has_its_words_with_their_values() {
        use crate::i18n::{parse_messages, Locale};
        for locale in Locale::ALL {
            let messages = parse_messages(locale.source());
            for e in FetchError::ALL {
                let key = format!("manifest.fetch.{}", e.code());
                let (_, text) = messages
                    .iter()
                    .find(|(k, _)| *k == key)
                    .unwrap_or_else(|| panic!("{}: {key} missing", locale.tag()));
                // The status is in the words where there is one, and only there.
                assert_eq!(
                    text.contains("{status}"),
                    e.status().is_some(),
                    "{key}: {text}"
                );
                let placeholders = text.matches('{').count();
                let known = ["{status}", "{limit}"]
                    .iter()
                    .filter(|p| text.contains(*p))
                    .count();
                assert_eq!(placeholders, known, "{key}: unknown placeholder in {text}");
            }
        }
        assert!(FetchError::TooLarge.explain(65536).contains("64 KB"));
    }

    #[test]
    fn every_error_has_a_code_and_words() {
        let mut codes: Vec<&str> = UrlError::ALL.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(
            codes.len(),
            UrlError::ALL.len(),
            "two variants share a code"
        );
        assert!(UrlError::ALL.iter().all(|e| !e.explain().is_empty()));
    }
}
