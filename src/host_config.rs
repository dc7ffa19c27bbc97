//! The host page's configuration, read once and typed: [`HostConfig::read`] takes the text values the host
//! gave (`data-` attributes or the JavaScript `mount` call) and returns the typed configuration with every
//! problem found (one console line naming the attribute and one visible notice each; a fallback, and the
//! check still works). Pure and natively tested; `embed.rs` only carries the values across from JavaScript.
//!
//! It is also the one source of the lists the JavaScript files need: the configuration keys ([`KEYS`]) and
//! the host events ([`EVENTS`]); `tests/host_lists.rs` checks the JS files against them.
//!
//! Host-provided text shown to the visitor (campaign names, purposes, controller, references) goes through
//! [`host_text`]: Unicode format characters (category Cf, such as U+202E RIGHT-TO-LEFT OVERRIDE) are removed,
//! so a name cannot reorder what follows it on the consent screen; the interface also isolates each such
//! value (`<bdi>`).

use crate::engine::ClaimId;
use crate::i18n::Locale;
use crate::theme::{parse_color, Rgb, ThemeMode};
use crate::url::{Url, UrlError};

/// The configuration keys a host may set, as `data-<key>` attributes or `mount()` options, in the order the
/// documentation lists them.
pub const KEYS: [&str; 6] = ["lang", "color", "theme", "manifest", "claims", "events"];
/// The keys the JavaScript side may add: the colour behind a transparent widget (measured by `embed.js` or the
/// loader), and `sandbox: "forms"` where the page blocks form submission (`embed.js` then submits the forms).
pub const INTERNAL_KEYS: [&str; 2] = ["background", "sandbox"];
/// The host events, without their `lic:` prefix.
pub const EVENTS: [&str; 4] = ["ready", "step", "result", "sent"];

/// Message keys of the notices the embed module shows (in `src/i18n/*.msg`).
pub mod notice {
    use crate::i18n::Msg;
    /// The configuration as a whole could not be read.
    pub const BAD_CONFIG: Msg = msg!("notice.bad_config");
    /// `data-lang` names a language the widget does not speak.
    pub const BAD_LANG: Msg = msg!("notice.bad_lang");
    /// `data-color` is not a colour the widget can read.
    pub const BAD_COLOR: Msg = msg!("notice.bad_color");
    /// `data-theme` is not `auto`, `light`, `dark` or `transparent`.
    pub const BAD_THEME: Msg = msg!("notice.bad_theme");
    /// `data-manifest` is neither an HTTPS address nor a JSON object.
    pub const BAD_MANIFEST: Msg = msg!("notice.bad_manifest");
    /// `data-claims` names claims the widget does not know.
    pub const BAD_CLAIMS: Msg = msg!("notice.bad_claims");
    /// `data-events` is neither `coarse` nor `detailed`.
    pub const BAD_EVENTS: Msg = msg!("notice.bad_events");
    /// The page is a sandboxed iframe without `allow-forms`.
    pub const SANDBOX_FORMS: Msg = msg!("notice.sandbox_forms");
    /// Every notice key, for the message-file test.
    pub const ALL: [Msg; 8] = [
        BAD_CONFIG,
        BAD_LANG,
        BAD_COLOR,
        BAD_THEME,
        BAD_MANIFEST,
        BAD_CLAIMS,
        BAD_EVENTS,
        SANDBOX_FORMS,
    ];
}

/// Longest manifest value read (an inline manifest is a small JSON document).
pub const MAX_MANIFEST_LEN: usize = 64 * 1024;

/// The configuration as the host gave it: text values, not trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawConfig {
    /// `data-lang`.
    pub lang: Option<String>,
    /// `data-color`.
    pub color: Option<String>,
    /// `data-theme`.
    pub theme: Option<String>,
    /// `data-manifest`.
    pub manifest: Option<String>,
    /// `data-claims`.
    pub claims: Option<String>,
    /// `data-events`.
    pub events: Option<String>,
    /// The colour behind the widget, measured by the JavaScript side (used by `theme: transparent`).
    pub background: Option<String>,
    /// What the page blocks, found by the JavaScript side (`forms`).
    pub sandbox: Option<String>,
}

/// What the host events say about the questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EventDetail {
    /// `start`, `question`, `review`, `result`: which kind of screen, never which question (the default).
    #[default]
    Coarse,
    /// `question:<fact id>` too, where the integrator asks for it (`data-events="detailed"`); the iframe page
    /// never gives it to a host page of another origin.
    Detailed,
}

impl EventDetail {
    /// Reads `coarse` or `detailed` (any case, spaces around).
    pub fn parse(value: &str) -> Option<EventDetail> {
        match value.trim().to_ascii_lowercase().as_str() {
            "coarse" => Some(EventDetail::Coarse),
            "detailed" => Some(EventDetail::Detailed),
            _ => None,
        }
    }

    /// The step id the host is told for the screen `step` (`start`, `question:<fact>`, `review`, `result`).
    pub fn step(self, step: &str) -> String {
        match (self, step.split_once(':')) {
            (EventDetail::Coarse, Some((kind, _))) => kind.to_string(),
            _ => step.to_string(),
        }
    }
}

/// A campaign manifest as the host gave it: an inline object parsed, an address kept as text. The address is
/// checked by the one URL parser ([`ManifestSource::address`]) only in the late screens: `url::Url::parse` is
/// then in the second wasm file, and a bad address gets its console line and notice once that file is in
/// (`ui::late`), the send panel offering nothing for it.
#[derive(Clone, Debug, PartialEq)]
pub enum ManifestSource {
    /// An address (trimmed, not checked yet), fetched only when the visitor asks to see the campaign.
    Address(String),
    /// An inline JSON object, parsed.
    Inline(serde_json::Value),
}

impl ManifestSource {
    /// The address checked by the one URL parser, or the issue of a bad one (console line naming `data-manifest`,
    /// notice); `None` for an inline manifest.
    pub fn address(&self) -> Option<Result<Url, ConfigIssue>> {
        let ManifestSource::Address(text) = self else {
            return None;
        };
        Some(Url::parse(text).map_err(|e| ConfigIssue {
            key: "manifest",
            notice: notice::BAD_MANIFEST,
            message: manifest_message(text, ManifestError::Address(e)),
        }))
    }
}

/// The console line of a refused `data-manifest`.
fn manifest_message(value: &str, e: ManifestError) -> String {
    [
        "data-manifest=",
        &quote(value),
        " was ignored: ",
        e.explain(),
        ". The check works, but results cannot be sent",
    ]
    .concat()
}

crate::engine::codes::coded! {
    /// Why a manifest value was refused, for the integrator's console.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ManifestError {
        /// Nothing given.
        Empty = "empty",
        /// Longer than a manifest should be.
        TooLong = "too_long",
        /// Starts like JSON but does not parse, or is not an object.
        NotAnObject = "not_an_object",
        /// An address the URL parser refused.
        Address(UrlError = UrlError::Unreadable) = "address",
    }
}

impl ManifestError {
    /// What is wrong, in English.
    pub fn explain(self) -> &'static str {
        match self {
            ManifestError::Empty => "it is empty",
            ManifestError::TooLong => "it is too long",
            ManifestError::NotAnObject => "it looks like JSON but is not a valid JSON object",
            ManifestError::Address(UrlError::Unreadable) => {
                "it is neither an https:// address nor an inline JSON object"
            }
            ManifestError::Address(UrlError::NotHttps) => {
                "a manifest address must use https:// (http:// only on localhost, for testing)"
            }
            ManifestError::Address(e) => e.explain(),
        }
    }
}

/// Reads `data-manifest` as the first wasm file does ([`HostConfig::read`]): a JSON object written inline, or any
/// other text as an address, checked later ([`ManifestSource::address`]). `parse_json` parses a JSON text (the
/// browser's `JSON.parse` in the widget, which costs no WebAssembly; [`parse_json`] natively).
pub fn read_manifest(
    value: &str,
    parse_json: impl Fn(&str) -> Option<serde_json::Value>,
) -> Result<ManifestSource, ManifestError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ManifestError::Empty);
    }
    if v.len() > MAX_MANIFEST_LEN {
        return Err(ManifestError::TooLong);
    }
    if v.starts_with('{') || v.starts_with('[') || v.starts_with('"') {
        return match parse_json(v) {
            Some(doc) if doc.is_object() => Ok(ManifestSource::Inline(doc)),
            _ => Err(ManifestError::NotAnObject),
        };
    }
    Ok(ManifestSource::Address(v.to_string()))
}

/// Reads `data-manifest` whole: [`read_manifest`], then an address checked by the one URL parser (what the
/// widget does in two steps, the second in the late screens).
pub fn check_manifest(
    value: &str,
    parse_json: impl Fn(&str) -> Option<serde_json::Value>,
) -> Result<ManifestSource, ManifestError> {
    let m = read_manifest(value, parse_json)?;
    if let ManifestSource::Address(text) = &m {
        Url::parse(text).map_err(ManifestError::Address)?;
    }
    Ok(m)
}

/// Parses a JSON text with serde_json (for native use and tests).
pub fn parse_json(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
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

/// Whether `c` is a Unicode format character (general category Cf, Unicode 15.1): invisible characters that
/// change how text around them is shown (bidirectional overrides and isolates, zero-width joiners, the BOM...).
pub fn is_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Host-provided text made safe to show: format characters (Cf) removed, spaces around trimmed.
pub fn host_text(value: &str) -> String {
    value
        .chars()
        .filter(|c| !is_format_char(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// A message template split around its `{name}` placeholders: `(false, text)` for the message's own words,
/// `(true, value)` for each value filled in (host-provided text), so the interface can isolate each value
/// (`<bdi>`) and no value can change the direction of the words around it. Unknown placeholders stay as written.
pub fn isolate_parts(template: &str, args: &[(&str, &str)]) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut own = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                own.push_str(&rest[..open]);
                if !own.is_empty() {
                    out.push((false, std::mem::take(&mut own)));
                }
                out.push((true, v.to_string()));
                rest = &after[close + 1..];
            }
            None => {
                own.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    own.push_str(rest);
    if !own.is_empty() {
        out.push((false, own));
    }
    out
}

/// A host value made safe to quote in a console message: at most 60 characters, control and format
/// characters dropped.
pub fn shorten(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control() && !is_format_char(*c))
        .collect();
    if clean.chars().count() > 60 {
        let cut: String = clean.chars().take(57).collect();
        cut + "..."
    } else {
        clean
    }
}

/// One thing wrong with the configuration: the console line (already naming the attribute) and the notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    /// The configuration key at fault (`lang`, `color`...), or `""` for the configuration as a whole.
    pub key: &'static str,
    /// The message key of the visible notice.
    pub notice: crate::i18n::Msg,
    /// The console line, in English, without the `loan-insurance-check: ` prefix.
    pub message: String,
}

/// The host's configuration, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct HostConfig {
    /// The starting language.
    pub locale: Locale,
    /// The theme.
    pub theme: ThemeMode,
    /// The brand colour, if one was given and read.
    pub brand: Option<Rgb>,
    /// The colour behind the widget (for `theme: transparent`), if measured.
    pub backdrop: Option<Rgb>,
    /// The campaign manifest, if one was given and its shape is right (an address is checked later:
    /// [`ManifestSource::address`]).
    pub manifest: Option<ManifestSource>,
    /// The claims to feature first.
    pub featured: Vec<&'static str>,
    /// What the step events say.
    pub events: EventDetail,
}

impl Default for HostConfig {
    fn default() -> HostConfig {
        HostConfig {
            locale: Locale::Fr,
            theme: ThemeMode::Auto,
            brand: None,
            backdrop: None,
            manifest: None,
            featured: Vec::new(),
            events: EventDetail::Coarse,
        }
    }
}

/// A host value worth reading: present and not blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A host value quoted for the console: shortened, control characters removed.
fn quote(value: &str) -> String {
    ["\"", &shorten(value), "\""].concat()
}

impl HostConfig {
    /// Reads the host's values; every problem is in the list, with a fallback in the configuration.
    pub fn read(
        raw: &RawConfig,
        parse_json: impl Fn(&str) -> Option<serde_json::Value>,
    ) -> (HostConfig, Vec<ConfigIssue>) {
        let mut issues = Vec::new();
        let mut issue = |key: &'static str, notice: crate::i18n::Msg, message: String| {
            issues.push(ConfigIssue {
                key,
                notice,
                message,
            })
        };
        let mut config = HostConfig::default();

        if let Some(tag) = given(&raw.lang) {
            match Locale::from_tag(tag) {
                Some(l) => config.locale = l,
                None => issue(
                    "lang",
                    notice::BAD_LANG,
                    [
                        "data-lang=",
                        &quote(tag),
                        " is not a supported language (fr, en); using fr",
                    ]
                    .concat(),
                ),
            }
        }
        if let Some(value) = given(&raw.theme) {
            match ThemeMode::parse(value) {
                Some(m) => config.theme = m,
                None => issue(
                    "theme",
                    notice::BAD_THEME,
                    [
                        "data-theme=",
                        &quote(value),
                        " is not one of auto, light, dark, transparent; using auto",
                    ]
                    .concat(),
                ),
            }
        }
        if let Some(value) = given(&raw.color) {
            match parse_color(value) {
                Ok(c) => config.brand = Some(c),
                Err(e) => issue(
                    "color",
                    notice::BAD_COLOR,
                    [
                        "data-color=",
                        &quote(value),
                        " was ignored: ",
                        e.explain(),
                        "; use a colour such as #1f4e8c. The default colours are used",
                    ]
                    .concat(),
                ),
            }
        }
        config.backdrop = given(&raw.background).and_then(|v| parse_color(v).ok());
        if let Some(value) = given(&raw.manifest) {
            // An address is checked in the late screens (ManifestSource::address).
            match read_manifest(value, &parse_json) {
                Ok(m) => config.manifest = Some(m),
                Err(e) => issue("manifest", notice::BAD_MANIFEST, manifest_message(value, e)),
            }
        }
        if let Some(value) = given(&raw.claims) {
            let claims = parse_claims(value);
            if !claims.unknown.is_empty() {
                issue(
                    "claims",
                    notice::BAD_CLAIMS,
                    [
                        "data-claims: unknown claim id(s) ",
                        &claims
                            .unknown
                            .iter()
                            .map(|u| quote(u))
                            .collect::<Vec<_>>()
                            .join(", "),
                        " ignored; known ids: ",
                        &claim_ids().collect::<Vec<_>>().join(", "),
                    ]
                    .concat(),
                );
            }
            config.featured = claims.featured;
        }
        if let Some(value) = given(&raw.events) {
            match EventDetail::parse(value) {
                Some(e) => config.events = e,
                None => issue(
                    "events",
                    notice::BAD_EVENTS,
                    [
                        "data-events=",
                        &quote(value),
                        " is not one of coarse, detailed; using coarse (no question ids)",
                    ]
                    .concat(),
                ),
            }
        }
        if given(&raw.sandbox).is_some() {
            issue(
                "sandbox",
                notice::SANDBOX_FORMS,
                "this page blocks forms (an iframe sandbox without allow-forms): the widget submits its own forms, but add allow-forms to the sandbox attribute".into(),
            );
        }
        (config, issues)
    }

    /// The issue for a configuration that is not an object at all.
    pub fn not_an_object() -> ConfigIssue {
        ConfigIssue {
            key: "",
            notice: notice::BAD_CONFIG,
            message:
                "the configuration must be an object such as { lang: \"fr\" }; default settings used"
                    .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::parse_messages;

    fn raw(pairs: &[(&str, &str)]) -> RawConfig {
        let mut r = RawConfig::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "lang" => r.lang = v,
                "color" => r.color = v,
                "theme" => r.theme = v,
                "manifest" => r.manifest = v,
                "claims" => r.claims = v,
                "events" => r.events = v,
                "background" => r.background = v,
                "sandbox" => r.sandbox = v,
                _ => panic!("{k}"),
            }
        }
        r
    }

    #[test]
    fn a_good_configuration_is_read_whole() {
        let (c, issues) = HostConfig::read(
            &raw(&[
                ("lang", "EN-gb"),
                ("color", "#005a9c"),
                ("theme", "dark"),
                ("manifest", "https://campagne.example.org/m.json"),
                ("claims", "after_payoff"),
                ("events", "detailed"),
            ]),
            parse_json,
        );
        assert_eq!(issues, vec![]);
        assert_eq!(c.locale, Locale::En);
        assert_eq!(c.theme, ThemeMode::Dark);
        assert!(c.brand.is_some());
        assert_eq!(c.featured, vec!["after_payoff"]);
        assert_eq!(c.events, EventDetail::Detailed);
        match c.manifest.as_ref().and_then(ManifestSource::address) {
            Some(Ok(u)) => assert_eq!(u.origin(), "https://campagne.example.org"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            HostConfig::read(&RawConfig::default(), parse_json),
            (HostConfig::default(), vec![])
        );
    }

    #[test]
    fn each_bad_value_gets_its_notice_and_a_console_line_naming_it() {
        for (key, value, notice, fallback_ok) in [
            ("lang", "klingon", notice::BAD_LANG, true),
            ("color", "vert sapin", notice::BAD_COLOR, true),
            ("theme", "neon", notice::BAD_THEME, true),
            (
                "manifest",
                "https://host:000443/m.json",
                notice::BAD_MANIFEST,
                true,
            ),
            ("manifest", "{\"a\": ", notice::BAD_MANIFEST, true),
            ("claims", "free_money", notice::BAD_CLAIMS, true),
            ("events", "everything", notice::BAD_EVENTS, true),
            ("sandbox", "forms", notice::SANDBOX_FORMS, true),
        ] {
            let (mut c, mut issues) = HostConfig::read(&raw(&[(key, value)]), parse_json);
            // A bad address is said by the late screens (the URL parser is in the second wasm file), which then
            // offer no sending, as for a manifest refused here.
            if let Some(Err(late)) = c.manifest.as_ref().and_then(ManifestSource::address) {
                assert!(issues.is_empty(), "{key}={value}: said once");
                issues.push(late);
                c.manifest = None;
            }
            assert_eq!(issues.len(), 1, "{key}={value}");
            assert_eq!(issues[0].notice, notice);
            assert_eq!(issues[0].key, key);
            // The console line names the attribute (or, for what the page blocks, the attribute to fix).
            let named = if key == "sandbox" {
                "allow-forms".to_string()
            } else {
                format!("data-{key}")
            };
            assert!(issues[0].message.contains(&named), "{}", issues[0].message);
            if fallback_ok {
                assert_eq!(c, HostConfig::default(), "{key}: falls back");
            }
        }
    }

    #[test]
    fn manifest_values_use_the_one_url_parser() {
        for ok in [
            "https://campagne.example.org/manifest.json",
            "  https://example.org  ",
            "https://example.org:8443/m.json?v=2#x",
            "http://localhost:8080/m.json",
            "http://[::1]:3000/m.json",
        ] {
            assert!(
                matches!(
                    check_manifest(ok, parse_json),
                    Ok(ManifestSource::Address(_))
                ),
                "{ok}"
            );
        }
        for (bad, why) in [
            ("http://example.org/m.json", UrlError::NotHttps),
            ("javascript:alert(1)", UrlError::NotHttps),
            ("https://user@example.org/", UrlError::BadAddress),
            ("https://host:000443/m.json", UrlError::BadAddress),
            ("manifest.json", UrlError::Unreadable),
        ] {
            assert_eq!(
                check_manifest(bad, parse_json),
                Err(ManifestError::Address(why)),
                "{bad}"
            );
        }
        assert_eq!(check_manifest("", parse_json), Err(ManifestError::Empty));
    }

    #[test]
    fn an_inline_manifest_must_be_a_json_object() {
        let m = check_manifest(r#" {"name": "Campagne"} "#, parse_json).unwrap();
        assert_eq!(
            m,
            ManifestSource::Inline(serde_json::json!({"name": "Campagne"}))
        );
        for bad in ["{", "{name: 1}", "[1, 2]", "\"text\"", "{} {}"] {
            assert_eq!(
                check_manifest(bad, parse_json),
                Err(ManifestError::NotAnObject),
                "{bad}"
            );
        }
        let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_MANIFEST_LEN));
        assert_eq!(
            check_manifest(&huge, parse_json),
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
        let all: Vec<&str> = claim_ids().collect();
        assert_eq!(all.len(), ClaimId::ALL.len());
        assert_eq!(parse_claims(&all.join(",")).featured, all);
    }

    #[test]
    fn coarse_events_never_name_the_question() {
        assert_eq!(
            EventDetail::Coarse.step("question:refusal_date"),
            "question"
        );
        assert_eq!(EventDetail::Coarse.step("review"), "review");
        assert_eq!(
            EventDetail::Detailed.step("question:refusal_date"),
            "question:refusal_date"
        );
        assert_eq!(
            EventDetail::parse(" Detailed "),
            Some(EventDetail::Detailed)
        );
        assert_eq!(EventDetail::parse("all"), None);
    }

    #[test]
    fn host_text_loses_format_characters() {
        assert_eq!(
            host_text("Campagne \u{202e}gro.elpmaxe\u{202c}"),
            "Campagne gro.elpmaxe"
        );
        assert_eq!(
            host_text("\u{feff}A\u{200b}B\u{2066}C\u{2069}\u{e0041}"),
            "ABC"
        );
        assert_eq!(host_text("Association Exemple"), "Association Exemple");
        // Letters of right-to-left scripts are text, not format characters: kept (the interface isolates them).
        assert_eq!(host_text("جمعية"), "جمعية");
        for c in [
            '\u{202e}', '\u{202d}', '\u{2067}', '\u{200f}', '\u{061c}', '\u{00ad}',
        ] {
            assert!(is_format_char(c), "{c:?}");
        }
        for c in ['a', 'é', ' ', '\u{2028}', 'ا'] {
            assert!(!is_format_char(c), "{c:?}");
        }
    }

    #[test]
    fn templates_split_around_their_values() {
        let parts = isolate_parts(
            "Envoyer à {name} ({origin}) {x}.",
            &[("name", "Camp\u{5d0}"), ("origin", "https://a.org")],
        );
        assert_eq!(
            parts,
            vec![
                (false, "Envoyer à ".to_string()),
                (true, "Camp\u{5d0}".to_string()),
                (false, " (".to_string()),
                (true, "https://a.org".to_string()),
                (false, ") {x}.".to_string()),
            ]
        );
        assert_eq!(
            isolate_parts("{name}", &[("name", "A")]),
            vec![(true, "A".to_string())]
        );
        assert_eq!(
            isolate_parts("no values {", &[]),
            vec![(false, "no values {".to_string())]
        );
        // The text shown is the text `tf` makes.
        let template = "« {name} » ({origin})";
        let joined: String = isolate_parts(template, &[("name", "N"), ("origin", "O")])
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(joined, "« N » (O)");
    }

    #[test]
    fn console_quotes_are_short_and_clean() {
        assert_eq!(shorten("a\u{1b}[31mb\n\u{202e}"), "a[31mb");
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
            for m in notice::ALL {
                let key = m.key().expect("a message");
                assert!(keys.contains(&key), "{}: {key} missing", locale.tag());
            }
        }
    }
}
