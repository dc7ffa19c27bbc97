//! The resume code: the answers in a few bytes, for the resume link's URL fragment and for this device's memory.
//!
//! Layout (then base64url without padding):
//! `[version][facts fingerprint: 2 bytes][entries...][CRC-16: 2 bytes]`.
//! Each entry is a varint `index << 2 | tag`, where `index` is the fact's position in [`FactId::ALL`] and `tag` is
//! 0 (a value follows), 1 ("I don't know"), 2 (yes) or 3 (no); entries come in strictly increasing index order.
//! A value is a varint: a date's day number since 0001-01-01, an amount or a percentage zigzag-encoded, a number of
//! months or a count as it is, a choice's option index. The fingerprint changes whenever the questionnaire model
//! changes (facts added, removed, reordered, retyped), so a code made by another version is refused with a clear
//! reason instead of being read wrongly; the CRC catches a link cut short or mistyped.

use crate::engine::{Answer, Answers, Cents, Date, FactId, FactKind, Percent, Value, YearMonth};

/// The format version written in the first byte.
pub const CODE_VERSION: u8 = 1;

/// A code longer than this is not one of ours (a few hundred characters at most in practice).
const MAX_CODE_LEN: usize = 2048;

crate::engine::codes::coded! {
    /// Why a code could not be read; `code()` is the message key suffix (`act.link_error.<code>`,
    /// `act.device_error.<code>`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum CodeError {
        /// Nothing to read.
        Empty = "empty",
        /// Cut short, mistyped or altered (bad characters, bad checksum, impossible content).
        Damaged = "damaged",
        /// Made by a newer version of the checker.
        Newer = "newer",
        /// Made by an older version whose questions differ.
        Older = "older",
    }
}

/// A fingerprint of the questionnaire model: fact ids in order, their kinds and options (FNV-1a, 16 bits).
pub fn facts_fingerprint() -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u32::from(*b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    for f in FactId::ALL {
        eat(f.id().as_bytes());
        let kind: &[u8] = match f.kind() {
            FactKind::Date => b"d",
            FactKind::Money => b"m",
            FactKind::Percent => b"p",
            FactKind::Months => b"n",
            FactKind::Count => b"c",
            FactKind::YesNo => b"y",
            FactKind::Choice(_) => b"o",
        };
        eat(kind);
        if let FactKind::Choice(options) = f.kind() {
            for o in options {
                eat(o.as_bytes());
                eat(b",");
            }
        }
        eat(if f.allows_unknown() { b"?" } else { b"!" });
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

/// CRC-16/CCITT-FALSE.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xffff;
    for b in bytes {
        crc ^= u16::from(*b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding; `None` for any other character or an impossible length.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = B64.iter().position(|b| *b == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be a proper tail (2 or 4 zero bits), never a whole character.
    (bits < 6 && acc == 0).then_some(out)
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}

/// The resume code of `answers`.
pub fn encode(answers: &Answers) -> String {
    let fp = facts_fingerprint();
    let mut out = vec![CODE_VERSION, (fp >> 8) as u8, fp as u8];
    for (i, f) in FactId::ALL.iter().enumerate() {
        let Some(a) = answers.get(*f) else { continue };
        let index = (i as u64) << 2;
        match a {
            Answer::Unknown => put_varint(&mut out, index | 1),
            Answer::Known(Value::YesNo(b)) => put_varint(&mut out, index | if b { 2 } else { 3 }),
            Answer::Known(v) => {
                put_varint(&mut out, index);
                let n = match v {
                    Value::Date(d) => d.ordinal() as u64,
                    Value::Month(m) => month_code(m),
                    Value::Money(c) => zigzag(c.0),
                    Value::Percent(p) => zigzag(p.0),
                    Value::Months(n) | Value::Count(n) => u64::from(n),
                    Value::Choice(s) => match f.kind() {
                        FactKind::Choice(o) => o.iter().position(|x| *x == s).unwrap_or(0) as u64,
                        _ => 0,
                    },
                    Value::YesNo(_) => 0,
                };
                put_varint(&mut out, n);
            }
        }
    }
    let crc = crc16(&out);
    out.extend([(crc >> 8) as u8, crc as u8]);
    base64url(&out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u64, CodeError> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(CodeError::Damaged)?;
            self.at += 1;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(CodeError::Damaged);
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(CodeError::Damaged)
    }
}

/// The answers of a resume code. Never panics, whatever the text.
pub fn decode(code: &str) -> Result<Answers, CodeError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(CodeError::Empty);
    }
    if code.len() > MAX_CODE_LEN {
        return Err(CodeError::Damaged);
    }
    let bytes = from_base64url(code).ok_or(CodeError::Damaged)?;
    if bytes.len() < 5 {
        return Err(CodeError::Damaged);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 2);
    if crc16(body) != u16::from(sum[0]) << 8 | u16::from(sum[1]) {
        return Err(CodeError::Damaged);
    }
    match body[0] {
        v if v > CODE_VERSION => return Err(CodeError::Newer),
        v if v < CODE_VERSION => return Err(CodeError::Older),
        _ => {}
    }
    if u16::from(body[1]) << 8 | u16::from(body[2]) != facts_fingerprint() {
        return Err(CodeError::Older);
    }
    let mut r = Reader {
        bytes: &body[3..],
        at: 0,
    };
    let mut answers = Answers::default();
    let mut next_index = 0u64;
    while r.at < r.bytes.len() {
        let head = r.varint()?;
        let index = head >> 2;
        if index < next_index {
            return Err(CodeError::Damaged);
        }
        next_index = index + 1;
        let fact = *FactId::ALL
            .get(usize::try_from(index).map_err(|_| CodeError::Damaged)?)
            .ok_or(CodeError::Damaged)?;
        let answer = match (head & 3, fact.kind()) {
            (1, _) => Answer::Unknown,
            (2, FactKind::YesNo) => Answer::Known(Value::YesNo(true)),
            (3, FactKind::YesNo) => Answer::Known(Value::YesNo(false)),
            (0, FactKind::YesNo) | (2 | 3, _) => return Err(CodeError::Damaged),
            (_, kind) => {
                let n = r.varint()?;
                let small = || u32::try_from(n).map_err(|_| CodeError::Damaged);
                Answer::Known(match kind {
                    FactKind::Date if n > Date::MAX.ordinal() as u64 => {
                        match month_of_code(n).filter(|_| fact.allows_month()) {
                            Some(m) => Value::Month(m),
                            None => return Err(CodeError::Damaged),
                        }
                    }
                    FactKind::Date => {
                        let day = i64::try_from(n).map_err(|_| CodeError::Damaged)?;
                        let d = Date::MIN.add_days(day);
                        if d.ordinal() != day {
                            return Err(CodeError::Damaged);
                        }
                        Value::Date(d)
                    }
                    // Negative amounts and rates are refused, as in the answers JSON and the dossier file.
                    FactKind::Money => Value::Money(Cents(non_negative(unzigzag(n))?)),
                    FactKind::Percent => Value::Percent(Percent(non_negative(unzigzag(n))?)),
                    FactKind::Months => Value::Months(small()?),
                    FactKind::Count => Value::Count(small()?),
                    FactKind::Choice(options) => Value::Choice(
                        options
                            .get(usize::try_from(n).map_err(|_| CodeError::Damaged)?)
                            .ok_or(CodeError::Damaged)?,
                    ),
                    FactKind::YesNo => return Err(CodeError::Damaged),
                })
            }
        };
        answers
            .try_set(fact, Some(answer))
            .map_err(|_| CodeError::Damaged)?;
    }
    Ok(answers)
}

/// A month and year in the code: a number past every day number (codes made before months existed never hold
/// one, so they read the same), `MAX day + 1 + 12 × year + month − 1`.
fn month_code(m: YearMonth) -> u64 {
    Date::MAX.ordinal() as u64 + 1 + 12 * m.year() as u64 + u64::from(m.month()) - 1
}

fn month_of_code(n: u64) -> Option<YearMonth> {
    let k = n.checked_sub(Date::MAX.ordinal() as u64 + 1)?;
    YearMonth::new(i32::try_from(k / 12).ok()?, (k % 12) as u32 + 1)
}

fn non_negative(n: i64) -> Result<i64, CodeError> {
    if n < 0 {
        Err(CodeError::Damaged)
    } else {
        Ok(n)
    }
}

/// The answers of a resume link or of this device's memory, each value checked the way the questionnaire
/// checks what is typed: the parsers' limits (no negative amount, a year of four digits from 1000 to 2999,
/// amounts of at most 12 digits of euros) and the engine's plausibility checks of the value on `as_of`
/// ([`check_value`](crate::engine::checks::check_value): no date after today where only past dates make sense,
/// no zero loan, no rate over the ceiling...). A code whose checksum is right but whose values no visitor could
/// have typed was crafted or altered: [`CodeError::Damaged`], and nothing is restored.
pub fn restore(code: &str, as_of: Date) -> Result<Answers, CodeError> {
    let answers = decode(code)?;
    match first_invalid(&answers, as_of) {
        Some(_) => Err(CodeError::Damaged),
        None => Ok(answers),
    }
}

/// The first answer (in questionnaire order) the questionnaire would not have accepted, if any.
pub fn first_invalid(answers: &Answers, as_of: Date) -> Option<FactId> {
    use crate::i18n::parse;
    FactId::ALL.iter().copied().find(|f| {
        let Some(Answer::Known(v)) = answers.get(*f) else {
            return false;
        };
        let typed_ok = match v {
            Value::Date(d) => parse::parse_date_parts(
                &crate::i18n::digits(d.day().into(), 1),
                &crate::i18n::digits(d.month().into(), 1),
                &crate::i18n::digits(d.year().into(), 4),
            )
            .is_ok(),
            Value::Month(m) => (parse::YEAR_MIN..=parse::YEAR_MAX).contains(&m.year()),
            Value::Money(c) => c.0 >= 0 && c.0 / 100 < 1_000_000_000_000,
            Value::Percent(p) => p.0 >= 0 && p.0 / 1_000_000 < 1_000_000_000_000,
            _ => true,
        };
        // Each value alone: a cross-field problem (a date before another answer changed later) is the review
        // screen's to show, not a reason to lose every answer.
        !typed_ok || crate::engine::checks::check_value(&Answers::default(), *f, &v, as_of).is_err()
    })
}

/// The resume code in a URL fragment (`#…&lic=CODE&…`, or `lic=CODE` alone), if any.
pub fn code_in_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|p| p.strip_prefix(PARAM))
}

/// The fragment parameter that carries the code.
pub const PARAM: &str = "lic=";

/// `fragment` (with or without `#`) with the code parameter set to `code`, or removed when `code` is `None`;
/// a fragment that is not a list of parameters (an anchor such as `#contact`) is replaced. Returns the new
/// fragment without `#` (empty when nothing is left).
pub fn with_code(fragment: &str, code: Option<&str>) -> String {
    let fragment = fragment.trim_start_matches('#');
    let mut parts: Vec<String> = if fragment.contains('=') {
        fragment
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with(PARAM))
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    if let Some(c) = code {
        parts.push(PARAM.to_string() + c);
    }
    parts.join("&")
}
