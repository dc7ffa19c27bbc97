//! The visitor's language: message tables (FR, EN), money and date formatting, and the parsers of typed values.
//!
//! Strings shown to visitors live in the message files beside this file, never in components:
//! `fr.msg` and `en.msg` for the interface, `fr.law.msg` and `en.law.msg` for the engine's vocabulary
//! (questions, claims, verdicts, reasons, documents, figures, problems with an answer).
//! The format is one `key = text` per line; `#` starts a comment; `{name}` is a placeholder.
//! `build.rs` copies them without comments to `$OUT_DIR/i18n/`; they are compiled in with `include_str!` from there
//! and indexed once, on first use (the release widget loads one words file per language instead, see [`provide`]).
//! A message is named by a [`Msg`], the index of its key: `t(locale, msg!("result.title"))`.

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

include!(concat!(env!("OUT_DIR"), "/i18n/keys.rs"));

/// A message: the index of its key in the sorted key list `build.rs` makes from the message files (both
/// languages share it). Name one with [`msg!`](crate::msg) (`msg!("result.title")`): the key becomes its index
/// at compile time, a key that does not exist is a compile error, and the wasm holds no key. Keys built from a
/// value (a question's label, a reason's words) come from the tables of [`msg_table!`](crate::msg_table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Msg(u16);

impl Msg {
    /// No message: shown as "…" (the fallback of a table entry whose key is optional and absent).
    pub const NONE: Msg = Msg(u16::MAX);

    /// The message of `key`; a compile-time error (in const context) when there is none.
    pub const fn of(key: &str) -> Msg {
        match Msg::find(&[key]) {
            Some(m) => m,
            None => panic!("no such message key (see src/i18n/*.msg)"),
        }
    }

    /// The message whose key is the concatenation of `parts`, if there is one. Meant for const context
    /// (`msg!`, `msg_table!`): at run time the wasm has no keys.
    pub const fn find(parts: &[&str]) -> Option<Msg> {
        let (mut lo, mut hi) = (0, KEYS.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match compare(KEYS[mid].as_bytes(), parts) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(Msg(mid as u16)),
            }
        }
        None
    }

    /// Whether this is a message (not [`Msg::NONE`]).
    pub const fn is_some(self) -> bool {
        (self.0 as usize) < KEYS.len()
    }

    /// The message named `key` (tests and tools, which build keys at run time; not in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn named(key: &str) -> Msg {
        Msg::find(&[key]).unwrap_or(Msg::NONE)
    }

    /// The key of this message (tests and tools; not in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn key(self) -> Option<&'static str> {
        KEYS.get(usize::from(self.0)).copied()
    }

    /// Every message, in index order (tests and tools; not in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn all() -> impl Iterator<Item = Msg> {
        (0..KEYS.len() as u16).map(Msg)
    }
}

/// `key` against the concatenation of `parts`, byte by byte (const: no allocation).
const fn compare(key: &[u8], parts: &[&str]) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (mut k, mut p, mut b) = (0, 0, 0);
    loop {
        // The next byte of the concatenation, skipping exhausted parts.
        while p < parts.len() && b == parts[p].len() {
            p += 1;
            b = 0;
        }
        match (k < key.len(), p < parts.len()) {
            (false, false) => return Equal,
            (false, true) => return Less,
            (true, false) => return Greater,
            (true, true) => {
                let (x, y) = (key[k], parts[p].as_bytes()[b]);
                if x < y {
                    return Less;
                }
                if x > y {
                    return Greater;
                }
                k += 1;
                b += 1;
            }
        }
    }
}

/// The message of a key written out: `msg!("result.title")` is a [`Msg`] computed at compile time (a key
/// missing from the message files does not compile).
#[macro_export]
macro_rules! msg {
    ($key:literal) => {
        const { $crate::i18n::Msg::of($key) }
    };
}

/// Functions giving the message of each value of a closed list, from a table of indices computed at compile
/// time (a value without its words does not compile, unless the key is marked `optional`; the wasm holds
/// no key). The list is a const slice; the parts are const expressions of its element (const fn ids).
///
/// ```ignore
/// msg_table! {
///     /// A question's label: matched with `==`.
///     pub fn label(f: FactId) in FactId::ALL => ["q.", f.id(), ".label"];
///     /// Matched by code (values with a payload): `x` is the list's element, `code` the value given.
///     pub fn fail(code: &str) in Failure::ALL, |x| x.code() => ["send.fail.", x.code()];
///     /// Two lists: a table of tables; `?`: `Msg::NONE` where the key does not exist.
///     pub fn badge(c: ClaimId, v: Verdict) in ClaimId::ALL, VERDICTS => optional ["claim.", c.code(), ".verdict.", v.id()];
/// }
/// ```
#[macro_export]
macro_rules! msg_table {
    () => {};
    ($(#[$m:meta])* $vis:vis fn $name:ident($x:ident : $ty:ty) in $all:expr => $($opt:ident)? [$($part:expr),+ $(,)?]; $($rest:tt)*) => {
        $(#[$m])*
        $vis fn $name(value: $ty) -> $crate::i18n::Msg {
            const N: usize = $all.len();
            const TABLE: [$crate::i18n::Msg; N] = {
                let mut out = [$crate::i18n::Msg::NONE; N];
                let mut i = 0;
                while i < N {
                    let $x: $ty = $all[i];
                    out[i] = $crate::msg_table!(@find $($opt)? $name [$($part),+]);
                    i += 1;
                }
                out
            };
            match $all.iter().position(|v| *v == value) {
                Some(i) => TABLE[i],
                None => $crate::i18n::Msg::NONE,
            }
        }
        $crate::msg_table! { $($rest)* }
    };
    ($(#[$m:meta])* $vis:vis fn $name:ident($code:ident : &str) in $all:expr, |$x:ident| $key:expr => $($opt:ident)? [$($part:expr),+ $(,)?]; $($rest:tt)*) => {
        $(#[$m])*
        $vis fn $name($code: &str) -> $crate::i18n::Msg {
            const N: usize = $all.len();
            const TABLE: [$crate::i18n::Msg; N] = {
                let mut out = [$crate::i18n::Msg::NONE; N];
                let mut i = 0;
                while i < N {
                    let $x = &$all[i];
                    out[i] = $crate::msg_table!(@find $($opt)? $name [$($part),+]);
                    i += 1;
                }
                out
            };
            match $all.iter().position(|$x| $key == $code) {
                Some(i) => TABLE[i],
                None => $crate::i18n::Msg::NONE,
            }
        }
        $crate::msg_table! { $($rest)* }
    };
    ($(#[$m:meta])* $vis:vis fn $name:ident($x:ident : $ty:ty, $y:ident : $ty2:ty) in $all:expr, $all2:expr => $($opt:ident)? [$($part:expr),+ $(,)?]; $($rest:tt)*) => {
        $(#[$m])*
        $vis fn $name(first: $ty, second: $ty2) -> $crate::i18n::Msg {
            const N: usize = $all.len();
            const M: usize = $all2.len();
            const TABLE: [[$crate::i18n::Msg; M]; N] = {
                let mut out = [[$crate::i18n::Msg::NONE; M]; N];
                let mut i = 0;
                while i < N {
                    let mut j = 0;
                    while j < M {
                        let $x: $ty = $all[i];
                        let $y: $ty2 = $all2[j];
                        out[i][j] = $crate::msg_table!(@find $($opt)? $name [$($part),+]);
                        j += 1;
                    }
                    i += 1;
                }
                out
            };
            match (
                $all.iter().position(|v| *v == first),
                $all2.iter().position(|v| *v == second),
            ) {
                (Some(i), Some(j)) => TABLE[i][j],
                _ => $crate::i18n::Msg::NONE,
            }
        }
        $crate::msg_table! { $($rest)* }
    };
    (@find optional $name:ident [$($part:expr),+]) => {
        match $crate::i18n::Msg::find(&[$($part),+]) {
            Some(m) => m,
            None => $crate::i18n::Msg::NONE,
        }
    };
    (@find $name:ident [$($part:expr),+]) => {
        match $crate::i18n::Msg::find(&[$($part),+]) {
            Some(m) => m,
            None => panic!(concat!("a value has no message key in ", stringify!($name), " (see src/i18n/*.msg)")),
        }
    };
}

// After the macros it uses.
pub mod tables;

/// A locale's words in index order (`None`: this language has no text for that key), and the texts other
/// languages lent it, as (language they are written in, message, text).
struct Table {
    texts: Vec<Option<&'static str>>,
    lent: Vec<(Locale, Msg, &'static str)>,
}

fn cell(locale: Locale) -> &'static OnceLock<Table> {
    static FR: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    match locale {
        Locale::Fr => &FR,
        Locale::En => &EN,
    }
}

/// Typography once, when the table is built: the message files keep plain spaces (easy to edit and to merge),
/// the visitor gets no "?" or ":" alone at the start of a line. Each changed text is leaked once: the table lives
/// as long as the page.
fn typeset(locale: Locale, text: &'static str) -> &'static str {
    match (locale, french_typography(text)) {
        (Locale::Fr, Cow::Owned(fixed)) => Box::leak(fixed.into_boxed_str()),
        _ => text,
    }
}

/// The table of a `key = text` source (the message files compiled in).
#[cfg(not(feature = "external-messages"))]
fn from_source(locale: Locale, source: &'static str) -> Table {
    let mut texts = vec![None; KEYS.len()];
    for (key, text) in parse_messages(source) {
        if let Ok(i) = KEYS.binary_search(&key) {
            texts[i] = Some(typeset(locale, text));
        }
    }
    Table {
        texts,
        lent: Vec::new(),
    }
}

/// The table of a words file (`scripts/version.mjs`): the line [`WORDS_HEADER`], then one line per key in index
/// order (empty where the language has no text; a text is one line, so nothing needs escaping), then the lent
/// texts as `@<tag> <index> <text>`. `None` when the file is of another build (another key list).
#[cfg_attr(not(feature = "external-messages"), allow(dead_code))]
fn from_words(locale: Locale, source: &'static str) -> Option<Table> {
    let mut lines = source.split('\n');
    if lines.next()? != WORDS_HEADER {
        return None;
    }
    let texts: Vec<Option<&'static str>> = lines
        .by_ref()
        .take(KEYS.len())
        .map(|t| (!t.is_empty()).then(|| typeset(locale, t)))
        .collect();
    if texts.len() != KEYS.len() {
        return None;
    }
    let lent = lines
        .filter_map(|line| {
            let (tag, rest) = line.strip_prefix('@')?.split_once(' ')?;
            let (index, text) = rest.split_once(' ')?;
            let index: u16 = index.parse().ok()?;
            let m = Msg(index);
            (m.is_some()).then_some((Locale::from_tag(tag)?, m, text))
        })
        .collect();
    Some(Table { texts, lent })
}

#[cfg(not(feature = "external-messages"))]
fn table(locale: Locale) -> Option<&'static Table> {
    Some(cell(locale).get_or_init(|| from_source(locale, locale.source())))
}

/// With `external-messages`, a language has words once [`provide`] gave them.
#[cfg(feature = "external-messages")]
fn table(locale: Locale) -> Option<&'static Table> {
    cell(locale).get()
}

/// The release widget loads one language per file (`www/messages.<lang>-<hash>.txt`, made by
/// `scripts/version.mjs` from the same message files) instead of compiling both in: `embed.rs` hands the text of
/// a language here once it has it. Returns false if that language already had its words (they stay as they
/// were) or if the file is not a words file of this build (the language stays without words).
#[cfg(feature = "external-messages")]
pub fn provide(locale: Locale, source: &'static str) -> bool {
    match from_words(locale, source) {
        Some(table) => cell(locale).set(table).is_ok(),
        None => false,
    }
}

/// Whether `locale` has its words: always, unless they are loaded from outside and not yet given.
pub fn available(locale: Locale) -> bool {
    table(locale).is_some()
}

fn lookup(locale: Locale, m: Msg) -> Option<&'static str> {
    *table(locale)?.texts.get(usize::from(m.0))?
}

/// The text of `m` in `locale`. A missing text (a bug, caught by `tests/i18n_keys.rs`) falls back to the
/// other language, then to a marker, so a screen is never blank.
pub fn t(locale: Locale, m: Msg) -> &'static str {
    lookup(locale, m)
        .or_else(|| lent(locale, m))
        .unwrap_or_else(|| {
            let other = if locale == Locale::Fr {
                Locale::En
            } else {
                Locale::Fr
            };
            lookup(other, m).unwrap_or("…")
        })
}

/// A text of `locale` shown before its file is loaded (the language switch's label, written in the language it
/// offers): each words file lends it to the others (`scripts/version.mjs`).
fn lent(locale: Locale, m: Msg) -> Option<&'static str> {
    Locale::ALL
        .into_iter()
        .filter(|other| *other != locale)
        .filter_map(table)
        .flat_map(|t| t.lent.iter())
        .find(|(l, lm, _)| *l == locale && *lm == m)
        .map(|(_, _, text)| *text)
}

/// Whether `m` has a text in `locale` (used for optional texts such as hints).
pub fn has(locale: Locale, m: Msg) -> bool {
    lookup(locale, m).is_some()
}

/// The text of `m` with each `{name}` replaced by its value, and each plural block
/// `{name, plural, one {…} other {…}}` (ICU's shape; `=N` selects an exact value, `#` is the number) resolved
/// for the value of `name` in `locale`.
pub fn tf(locale: Locale, m: Msg, args: &[(&str, &str)]) -> String {
    format_message(locale, t(locale, m), args)
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
        if let Some(text) = pick(&("=".to_string() + &digits(n, 1))) {
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

pub(crate) const MONTHS_FR: [&str; 12] = [
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
pub(crate) const MONTHS_EN: [&str; 12] = [
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
    let mut out = if locale == Locale::Fr && day == 1 {
        "1er".to_string()
    } else {
        digits(day.into(), 1)
    };
    out.push(' ');
    out.push_str(match locale {
        Locale::Fr => MONTHS_FR[m],
        Locale::En => MONTHS_EN[m],
    });
    out.push(' ');
    push_digits(&mut out, year.into(), 1);
    out
}

/// `n` in decimal digits, at least `width` of them (zeros before), a `-` before a negative number: the one
/// integer writer of the first wasm file, whose screens then carry none of `core::fmt`'s integer formatting (the
/// panic messages keep only the unsigned one).
pub fn digits(n: i64, width: usize) -> String {
    let mut out = String::new();
    push_digits(&mut out, n, width);
    out
}

/// [`digits`], written at the end of `out`.
pub fn push_digits(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut m = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    for _ in buf.len() - i..width {
        out.push('0');
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// `bytes` in lower-case hexadecimal, two digits each, written at the end of `out`: the one hexadecimal writer
/// (colours, the keys' hashes, JSON's `\u00XX` escapes), by hand like [`digits`].
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// An amount in cents for people: `1 234,56 €` (narrow no-break spaces) / `€1,234.56`.
pub fn format_cents(locale: Locale, cents: i64) -> String {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let whole = digits(euros as i64, 1);
    let sep = match locale {
        Locale::Fr => '\u{202F}',
        Locale::En => ',',
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let mut out = String::from(if negative { "−" } else { "" });
    if locale == Locale::En {
        out.push('€');
    }
    out.push_str(&grouped);
    out.push(if locale == Locale::En { '.' } else { ',' });
    push_digits(&mut out, rest as i64, 2);
    if locale == Locale::Fr {
        out.push_str("\u{A0}€");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_those_of_the_standard_formatting() {
        for n in [
            0i64,
            1,
            9,
            10,
            99,
            100,
            12_345,
            -1,
            -10,
            -987_654,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(digits(n, 1), n.to_string());
        }
        for (n, width) in [
            (0i64, 2),
            (5, 2),
            (42, 2),
            (7, 6),
            (123_456, 6),
            (1_234_567, 6),
            (2026, 4),
        ] {
            assert_eq!(digits(n, width), format!("{n:0width$}"));
        }
    }

    #[test]
    fn hex_is_that_of_the_standard_formatting() {
        let bytes: Vec<u8> = (0..=255).collect();
        let mut out = String::new();
        push_hex(&mut out, &bytes);
        assert_eq!(
            out,
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
    }

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
        for m in Msg::all() {
            let text = t(Locale::Fr, m);
            for p in [" ?", " !", " :", " ;"] {
                assert!(!text.contains(p), "{:?}: {text}", m.key());
            }
        }
    }

    /// A words file (the format `scripts/version.mjs` writes) gives the same texts as the message files, with
    /// the lent texts; a file of another key list is refused.
    #[test]
    fn a_words_file_is_read_in_index_order() {
        let en: std::collections::HashMap<&str, &str> =
            parse_messages(Locale::En.source()).into_iter().collect();
        let mut file = vec![WORDS_HEADER.to_string()];
        file.extend(
            KEYS.iter()
                .map(|k| en.get(k).copied().unwrap_or("").to_string()),
        );
        let lent = Msg::of("lang.switch_to");
        file.push(format!("@fr {} Passer en français", lent.0));
        let source: &'static str = Box::leak(file.join("\n").into_boxed_str());
        let table = from_words(Locale::En, source).expect("a words file of this build");
        for m in Msg::all() {
            assert_eq!(
                table.texts[usize::from(m.0)],
                lookup(Locale::En, m),
                "{:?}",
                m.key()
            );
        }
        assert_eq!(table.lent, [(Locale::Fr, lent, "Passer en français")]);
        let other: &'static str = Box::leak(
            source
                .replacen("lic-words", "lic-words 0", 1)
                .into_boxed_str(),
        );
        assert!(from_words(Locale::En, other).is_none());
        assert!(from_words(Locale::En, WORDS_HEADER).is_none());
    }

    #[test]
    fn placeholders_are_filled() {
        let s = tf(
            Locale::En,
            msg!("switch.hamon_until"),
            &[("date", "1 May 2027")],
        );
        assert!(s.contains("1 May 2027"), "{s}");
    }
}
