//! The visitor's language: message tables (FR, EN), money and date formatting, and the parsers of typed values.
//!
//! Strings shown to visitors live in the message files beside this file, never in components:
//! `fr.msg` and `en.msg` for the interface, `fr.law.msg` and `en.law.msg` for the engine's vocabulary
//! (questions, claims, verdicts, reasons, documents, figures, problems with an answer).
//! The format is one `key = text` per line; `#` starts a comment; `{name}` is a placeholder.
//! `build.rs` copies them without comments to `$OUT_DIR/i18n/`; they are compiled in with `include_str!` from there
//! and indexed once, on first use.

pub mod field_error;
pub mod parse;

use std::borrow::Cow;
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

fn sorted(locale: Locale, source: &'static str) -> Table {
    let mut entries = parse_messages(source);
    if locale == Locale::Fr {
        // Typography once, when the table is built: the message files keep plain spaces (easy to edit and
        // to merge), the visitor gets no "?" or ":" alone at the start of a line. Each changed text is
        // leaked once: the table lives as long as the page.
        for (_, text) in entries.iter_mut() {
            if let Cow::Owned(fixed) = french_typography(text) {
                *text = Box::leak(fixed.into_boxed_str());
            }
        }
    }
    crate::sort::sort_by_key(&mut entries, |(key, _)| *key);
    entries
}

#[cfg(not(feature = "external-messages"))]
fn table(locale: Locale) -> &'static [(&'static str, &'static str)] {
    cell(locale).get_or_init(|| sorted(locale, locale.source()))
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
    cell(locale).set(sorted(locale, source)).is_ok()
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

/// The text of `key` with each `{name}` replaced by its value, and each plural block
/// `{name, plural, one {…} other {…}}` (ICU's shape; `=N` selects an exact value, `#` is the number) resolved
/// for the value of `name` in `locale`.
pub fn tf(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    format_message(locale, t(locale, key), args)
}

/// Whether `n` takes the singular in `locale` (CLDR: French "one" is 0 and 1, English "one" is 1 only).
pub fn is_singular(locale: Locale, n: i64) -> bool {
    match locale {
        Locale::Fr => n == 0 || n == 1,
        Locale::En => n == 1,
    }
}

/// Fills `template` (see [`tf`]).
pub fn format_message(locale: Locale, template: &str, args: &[(&str, &str)]) -> String {
    let value = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = matching_brace(after) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        rest = &after[close + 1..];
        match inner.split_once(',') {
            Some((name, spec)) if spec.trim_start().starts_with("plural,") => {
                let name = name.trim();
                let text = value(name).unwrap_or("");
                let n: Option<i64> = text.trim().parse().ok();
                let options = spec.trim_start()["plural,".len()..].trim();
                let chosen = plural_choice(locale, options, n).unwrap_or("");
                out.push_str(&format_message(locale, &chosen.replace('#', text), args));
            }
            _ => match value(inner) {
                Some(v) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(inner);
                    out.push('}');
                }
            },
        }
    }
    out.push_str(rest);
    out
}

/// The index of the `}` closing a block whose `{` came just before `s`.
fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The options of a plural block as (selector, text): `one {…} other {…} =0 {…}`.
pub fn plural_options(options: &str) -> Option<Vec<(&str, &str)>> {
    let mut found = Vec::new();
    let mut rest = options.trim();
    while !rest.is_empty() {
        let open = rest.find('{')?;
        let selector = rest[..open].trim();
        let close = matching_brace(&rest[open + 1..])?;
        found.push((selector, &rest[open + 1..open + 1 + close]));
        rest = rest[open + 1 + close + 1..].trim();
    }
    Some(found)
}

fn plural_choice(locale: Locale, options: &str, n: Option<i64>) -> Option<&str> {
    let options = plural_options(options)?;
    let pick = |sel: &str| options.iter().find(|(s, _)| *s == sel).map(|(_, t)| *t);
    if let Some(n) = n {
        if let Some(text) = pick(&format!("={n}")) {
            return Some(text);
        }
        if is_singular(locale, n) {
            if let Some(text) = pick("one") {
                return Some(text);
            }
        }
    }
    pick("other")
}

/// The placeholders `template` names (plain `{name}` and the argument of each plural block), in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = matching_brace(after) else {
            break;
        };
        let inner = &after[..close];
        rest = &after[close + 1..];
        match inner.split_once(',') {
            Some((name, spec)) => {
                names.push(name.trim().to_string());
                let options = spec.trim_start().strip_prefix("plural,").unwrap_or("");
                for (_, text) in plural_options(options).unwrap_or_default() {
                    names.extend(placeholders(text));
                }
            }
            None => names.push(inner.to_string()),
        }
    }
    names
}

/// French typography: a narrow no-break space before `?`, `!` and `;`, a no-break space before `:`, `%`, `€`
/// and `»` and after `«`, and narrow no-break spaces between the thousands of a number (`200 000`).
/// Only plain spaces are replaced; a text without any comes back borrowed.
pub fn french_typography(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Option<String> = None;
    for (i, &c) in chars.iter().enumerate() {
        let replacement = if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let thousands = prev.is_some_and(|p| p.is_ascii_digit())
                && chars.len() >= i + 4
                && chars[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
                && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit());
            match next {
                Some('?' | '!' | ';') => Some('\u{202F}'),
                Some(':' | '%' | '€' | '»') => Some('\u{A0}'),
                _ if prev == Some('«') => Some('\u{A0}'),
                _ if thousands => Some('\u{202F}'),
                _ => None,
            }
        } else {
            None
        };
        match (replacement, &mut out) {
            (Some(r), Some(o)) => o.push(r),
            (Some(r), None) => {
                let mut o: String = chars[..i].iter().collect();
                o.push(r);
                out = Some(o);
            }
            (None, Some(o)) => o.push(c),
            (None, None) => {}
        }
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(text),
    }
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
    fn plurals_follow_each_language() {
        let fr = "{n, plural, one {# demande} other {# demandes}} pour {amount}";
        let en = "{n, plural, =0 {no claim} one {# claim} other {# claims}} for {amount}";
        let f = |l, t, n: &str| format_message(l, t, &[("n", n), ("amount", "5 €")]);
        assert_eq!(f(Locale::Fr, fr, "1"), "1 demande pour 5 €");
        assert_eq!(f(Locale::Fr, fr, "0"), "0 demande pour 5 €");
        assert_eq!(f(Locale::Fr, fr, "2"), "2 demandes pour 5 €");
        assert_eq!(f(Locale::En, en, "1"), "1 claim for 5 €");
        assert_eq!(f(Locale::En, en, "0"), "no claim for 5 €");
        assert_eq!(f(Locale::En, en, "12"), "12 claims for 5 €");
        assert_eq!(
            f(Locale::En, "{x, plural, one {a {y}} other {b}}", "1"),
            "b"
        );
        assert_eq!(placeholders(en), ["n", "amount"]);
        assert_eq!(
            placeholders("{a} {b, plural, one {# {c}} other {#}}"),
            ["a", "b", "c"]
        );
        // Broken templates never panic.
        for broken in ["{n, plural, one {x", "{", "}", "{n, plural, one x}", "{{}}"] {
            let _ = format_message(Locale::Fr, broken, &[("n", "1")]);
            let _ = placeholders(broken);
        }
    }

    #[test]
    fn french_typography_puts_no_break_spaces() {
        assert_eq!(
            french_typography("Vraiment ? Oui : « non » ; 200 000 € et 5 % !"),
            "Vraiment\u{202F}? Oui\u{A0}: «\u{A0}non\u{A0}»\u{202F}; 200\u{202F}000\u{A0}€ et 5\u{A0}%\u{202F}!"
        );
        assert_eq!(
            french_typography("27 3 2019, entre 1900 et 2100, 12 000 000"),
            "27 3 2019, entre 1900 et 2100, 12\u{202F}000\u{202F}000"
        );
        assert!(matches!(
            french_typography("Rien à changer."),
            Cow::Borrowed(_)
        ));
        // What the visitor reads: no plain space before a French high punctuation.
        for (key, text) in table(Locale::Fr) {
            for p in [" ?", " !", " :", " ;"] {
                assert!(!text.contains(p), "{key}: {text}");
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let s = tf(Locale::En, "switch.hamon_until", &[("date", "1 May 2027")]);
        assert!(s.contains("1 May 2027"), "{s}");
    }
}
