//! The visitor's language: message tables (FR, EN), money and date formatting, and the parsers of typed values.
//!
//! Strings shown to visitors live in the message files beside this file, never in components:
//! `fr.msg` and `en.msg` for the interface, `fr.law.msg` and `en.law.msg` for the engine's vocabulary
//! (questions, claims, verdicts, reasons, documents, figures, problems with an answer).
//! The format is one `key = text` per line; `#` starts a comment; `{name}` is a placeholder.
//! `build.rs` copies them without comments to `$OUT_DIR/i18n/`; they are compiled in with `include_str!` from there
//! and indexed once, on first use.

pub mod parse;

use std::sync::OnceLock;

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// French, the default: the visitors are French borrowers.
    #[default]
    Fr,
    /// English.
    En,
}

impl Locale {
    /// Every locale, in the order the language switch shows them.
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 tag (`fr`, `en`), used for `lang` attributes and configuration.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Reads a configuration value such as `fr`, `en`, `fr-FR` or `EN`; `None` when unknown.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The raw messages of this locale (the interface file, then the law vocabulary file).
    /// Not compiled in with the `external-messages` feature (the release widget): see [`provide`].
    #[cfg(not(feature = "external-messages"))]
    pub fn source(self) -> &'static str {
        match self {
            Locale::Fr => concat!(
                include_str!(concat!(env!("OUT_DIR"), "/i18n/fr.msg")),
                include_str!(concat!(env!("OUT_DIR"), "/i18n/fr.law.msg"))
            ),
            Locale::En => concat!(
                include_str!(concat!(env!("OUT_DIR"), "/i18n/en.msg")),
                include_str!(concat!(env!("OUT_DIR"), "/i18n/en.law.msg"))
            ),
        }
    }
}

/// Parses a message file into `(key, text)` pairs, in file order.
/// Lines are `key = text`; blank lines and lines starting with `#` are skipped.
pub fn parse_messages(source: &str) -> Vec<(&str, &str)> {
    source
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let (key, text) = line.split_once('=')?;
            Some((key.trim(), text.trim()))
        })
        .collect()
}

/// A locale's messages sorted by key (a binary search is as quick here as a hash map, and smaller in the wasm).
type Table = Vec<(&'static str, &'static str)>;

fn cell(locale: Locale) -> &'static OnceLock<Table> {
    static FR: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    match locale {
        Locale::Fr => &FR,
        Locale::En => &EN,
    }
}

fn sorted(source: &'static str) -> Table {
    let mut entries = parse_messages(source);
    entries.sort_unstable_by_key(|(key, _)| *key);
    entries
}

#[cfg(not(feature = "external-messages"))]
fn table(locale: Locale) -> &'static [(&'static str, &'static str)] {
    cell(locale).get_or_init(|| sorted(locale.source()))
}

/// With `external-messages`, a language has words once [`provide`] gave them (empty until then).
#[cfg(feature = "external-messages")]
fn table(locale: Locale) -> &'static [(&'static str, &'static str)] {
    cell(locale).get().map_or(&[], Vec::as_slice)
}

/// The release widget loads one language per file (`www/messages.<lang>-<hash>.txt`, made by
/// `scripts/version.mjs` from the same message files) instead of compiling both in: `embed.rs` hands the text of
/// a language here once it has it. Returns false if that language already had its words (they stay as they were).
#[cfg(feature = "external-messages")]
pub fn provide(locale: Locale, source: &'static str) -> bool {
    cell(locale).set(sorted(source)).is_ok()
}

/// Whether `locale` has its words: always, unless they are loaded from outside and not yet given.
pub fn available(locale: Locale) -> bool {
    !table(locale).is_empty()
}

fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    let entries = table(locale);
    entries
        .binary_search_by_key(&key, |(k, _)| k)
        .ok()
        .map(|i| entries[i].1)
}

/// The text of `key` in `locale`. A missing key (a bug, caught by `tests/i18n_keys.rs`) falls back to the
/// other language, then to a marker, so a screen is never blank.
pub fn t(locale: Locale, key: &str) -> &'static str {
    lookup(locale, key)
        .or_else(|| lent(locale, key))
        .unwrap_or_else(|| {
            let other = if locale == Locale::Fr {
                Locale::En
            } else {
                Locale::Fr
            };
            lookup(other, key).unwrap_or("…")
        })
}

/// A text of `locale` shown before its file is loaded (the language switch's label, written in the language it
/// offers): each language file lends it to the others as `key@<tag>` (`scripts/version.mjs`).
#[cfg(feature = "external-messages")]
fn lent(locale: Locale, key: &str) -> Option<&'static str> {
    let lent = format!("{key}@{}", locale.tag());
    Locale::ALL
        .into_iter()
        .filter(|other| *other != locale)
        .find_map(|other| lookup(other, &lent))
}

#[cfg(not(feature = "external-messages"))]
fn lent(_: Locale, _: &str) -> Option<&'static str> {
    None
}

/// Whether `key` exists in `locale` (used for optional texts such as hints).
pub fn has(locale: Locale, key: &str) -> bool {
    lookup(locale, key).is_some()
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn tf(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = t(locale, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A civil date for people: `5 mars 2026` / `5 March 2026` (`1er` for the first day in French).
pub fn format_date(locale: Locale, year: i32, month: u32, day: u32) -> String {
    let m = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::Fr if day == 1 => format!("1er {} {year}", MONTHS_FR[m]),
        Locale::Fr => format!("{day} {} {year}", MONTHS_FR[m]),
        Locale::En => format!("{day} {} {year}", MONTHS_EN[m]),
    }
}

/// An amount in cents for people: `1 234,56 €` (narrow no-break spaces) / `€1,234.56`.
pub fn format_cents(locale: Locale, cents: i64) -> String {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let digits = euros.to_string();
    let sep = match locale {
        Locale::Fr => '\u{202F}',
        Locale::En => ',',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let sign = if negative { "−" } else { "" };
    match locale {
        Locale::Fr => format!("{sign}{grouped},{rest:02}\u{A0}€"),
        Locale::En => format!("{sign}€{grouped}.{rest:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_the_french_and_the_english_way() {
        assert_eq!(format_cents(Locale::Fr, 123456), "1\u{202F}234,56\u{A0}€");
        assert_eq!(format_cents(Locale::En, 123456), "€1,234.56");
        assert_eq!(format_cents(Locale::Fr, 5), "0,05\u{A0}€");
        assert_eq!(format_cents(Locale::En, 100_000_000), "€1,000,000.00");
        assert_eq!(format_cents(Locale::Fr, -27500), "−275,00\u{A0}€");
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(format_date(Locale::Fr, 2026, 3, 1), "1er mars 2026");
        assert_eq!(format_date(Locale::Fr, 2026, 11, 27), "27 novembre 2026");
        assert_eq!(format_date(Locale::En, 2026, 11, 27), "27 November 2026");
    }

    #[test]
    fn locale_tags_are_read_leniently() {
        assert_eq!(Locale::from_tag("fr-FR"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag(" EN "), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn placeholders_are_filled() {
        let s = tf(Locale::En, "switch.hamon_until", &[("date", "1 May 2027")]);
        assert!(s.contains("1 May 2027"), "{s}");
    }
}
