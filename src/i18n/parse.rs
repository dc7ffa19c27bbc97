//! Parsers of what visitors type, one per field kind: amounts, percentages, counts, durations, and dates given
//! as day, month and year (a month by its number or its French or English name; for the installment dates, a month
//! and year alone: the day left empty, or `03/2021`, `mars 2021`, `March 2021` typed into one field).
//!
//! They accept the French and the English ways of writing numbers whatever the interface language
//! (`200 000`, `200 000,50`, `200.000`, `200,000`, `200,000.50`, `200000`, `1 234,56 €`), never panic, and say
//! what is wrong with a stable code that fits the kind of field (`error.<code>` in the message files): a count
//! with decimals is told it must be whole, a negative percentage that a rate cannot be negative.

/// The kind of number a field holds: it decides what is accepted and which message a refusal gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// An amount in euros, at most two decimals. A single `.` or `,` followed by exactly three digits groups
    /// thousands (`200.000`, `200,000`): an amount never has three decimals.
    Amount,
    /// A percentage (a rate, a share), at most six decimals; a single `.` or `,` is always the decimal mark.
    Percent,
    /// A whole count (of debits, of people).
    Count,
    /// A whole number of months or years.
    Duration,
}

/// The earliest year a date field accepts (no living borrower was born before it).
pub const YEAR_MIN: i32 = 1900;
/// The latest year a date field accepts.
pub const YEAR_MAX: i32 = 2100;

crate::engine::codes::coded! {
    /// Why a typed value was not understood. `code()` is the message key suffix (`error.<code>`); each kind of
    /// number has its own words ([`ParseError::negative`] and the like pick the variant for a kind).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ParseError {
        /// Nothing was typed.
        Empty = "empty",
        /// Not a number in any accepted form.
        NotANumber = "not_a_number",
        /// More than two decimals in an amount.
        TooManyDecimals = "too_many_decimals",
        /// More than six decimals in a percentage.
        TooManyDecimalsPercent = "too_many_decimals_percent",
        /// Decimals in a count.
        NotWholeCount = "not_whole_count",
        /// Decimals in a duration.
        NotWholeDuration = "not_whole_duration",
        /// A negative amount.
        Negative = "negative",
        /// A negative percentage.
        NegativePercent = "negative_percent",
        /// A negative count.
        NegativeCount = "negative_count",
        /// A negative duration.
        NegativeDuration = "negative_duration",
        /// Too large to be plausible here.
        TooLarge = "too_large",
        /// Day, month or year missing among the three date fields.
        DateIncomplete = "date_incomplete",
        /// A date that does not exist (31 February, month 13, day 0).
        DateImpossible = "date_impossible",
        /// A year not written in full, or outside [`YEAR_MIN`]..=[`YEAR_MAX`].
        YearOutOfRange = "year_out_of_range",
        /// A month that is neither a number from 1 to 12 nor a month's name (French or English).
        MonthNotUnderstood = "month_not_understood",
        /// Where a month and year suffice: the month or the year is missing.
        MonthYearIncomplete = "month_year_incomplete",
    }
}

impl ParseError {
    /// More decimals than `kind` allows (an amount: two; a percentage: six).
    pub fn too_many_decimals(kind: NumberKind) -> ParseError {
        match kind {
            NumberKind::Percent => ParseError::TooManyDecimalsPercent,
            NumberKind::Amount => ParseError::TooManyDecimals,
            whole => ParseError::not_whole(whole),
        }
    }

    /// Decimals in a count or a duration.
    pub fn not_whole(kind: NumberKind) -> ParseError {
        match kind {
            NumberKind::Duration => ParseError::NotWholeDuration,
            _ => ParseError::NotWholeCount,
        }
    }

    /// A negative value of `kind`.
    pub fn negative(kind: NumberKind) -> ParseError {
        match kind {
            NumberKind::Amount => ParseError::Negative,
            NumberKind::Percent => ParseError::NegativePercent,
            NumberKind::Count => ParseError::NegativeCount,
            NumberKind::Duration => ParseError::NegativeDuration,
        }
    }
}

/// Removes what surrounds the number (spaces at the ends, `€`, `EUR`, `%`, a `+`) and checks how spaces group
/// the digits: inside a number, a space (of any kind) must be followed by exactly three digits.
/// Returns the sign and the digits with their `,` and `.`.
fn clean(text: &str) -> Result<(bool, String), ParseError> {
    let is_space = |c: char| c.is_whitespace() || matches!(c, '\u{202F}' | '\u{A0}' | '\u{2009}');
    let mut s = text.trim_matches(is_space);
    for unit in ["€", "EUR", "eur", "%"] {
        s = s.strip_suffix(unit).unwrap_or(s).trim_matches(is_space);
        s = s.strip_prefix(unit).unwrap_or(s).trim_matches(is_space);
    }
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let (negative, s) = match s.strip_prefix(['-', '−', '–']) {
        Some(rest) => (true, rest.trim_start_matches(is_space)),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut out = String::with_capacity(s.len());
    let mut pieces = s.split(is_space).filter(|p| !p.is_empty()).peekable();
    let mut first = true;
    while let Some(piece) = pieces.next() {
        if !piece
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return Err(ParseError::NotANumber);
        }
        if !first {
            // "200 000", "1 234,56": the previous piece ends with a digit, this one starts with three.
            let lead = piece.chars().take_while(|c| c.is_ascii_digit()).count();
            let after_lead = piece[lead..].chars().next();
            if lead != 3
                || !out.ends_with(|c: char| c.is_ascii_digit())
                || (after_lead.is_some() && pieces.peek().is_some())
            {
                return Err(ParseError::NotANumber);
            }
        }
        out.push_str(piece);
        first = false;
    }
    if !out.chars().any(|c| c.is_ascii_digit()) {
        return Err(ParseError::NotANumber);
    }
    Ok((negative, out))
}

/// Splits digits with `,` and `.` into the whole part (thousands separators removed) and the decimals.
/// `three_groups_thousands`: a lone separator followed by exactly three digits groups thousands.
fn split(s: &str, three_groups_thousands: bool) -> Result<(String, String), ParseError> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let grouped = |whole: &str, sep: char| -> bool {
        let mut groups = whole.split(sep);
        let head = groups.next().unwrap_or("");
        (1..=3).contains(&head.len())
            && !head.starts_with('0')
            && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
    };
    let (whole, frac, sep) = match (commas, dots) {
        (0, 0) => return Ok((s.to_string(), String::new())),
        (_, _) if commas > 0 && dots > 0 => {
            // Both: the last one is the decimal mark and appears once; the other groups thousands.
            let (mark, other) = if s.rfind(',') > s.rfind('.') {
                (',', '.')
            } else {
                ('.', ',')
            };
            if s.matches(mark).count() != 1 {
                return Err(ParseError::NotANumber);
            }
            let (whole, frac) = s.split_once(mark).unwrap_or((s, ""));
            if whole.contains(mark) || !grouped(whole, other) {
                return Err(ParseError::NotANumber);
            }
            (whole.to_string(), frac.to_string(), Some(other))
        }
        _ => {
            let mark = if commas > 0 { ',' } else { '.' };
            let count = commas + dots;
            let (whole, frac) = s.rsplit_once(mark).unwrap_or((s, ""));
            if count > 1 {
                // "1.234.567", "1,234,567": all of them group thousands.
                if !grouped(s, mark) {
                    return Err(ParseError::NotANumber);
                }
                (s.to_string(), String::new(), Some(mark))
            } else if three_groups_thousands && frac.len() == 3 && grouped(s, mark) {
                (s.to_string(), String::new(), Some(mark))
            } else {
                (whole.to_string(), frac.to_string(), None)
            }
        }
    };
    let whole = match sep {
        Some(c) => whole.replace(c, ""),
        None => whole,
    };
    if whole.is_empty() && frac.is_empty() {
        return Err(ParseError::NotANumber);
    }
    Ok((whole, frac))
}

/// Reads a number of `kind` into an integer scaled by 10^`scale` (cents: scale 2).
fn parse_number(text: &str, kind: NumberKind, scale: u32) -> Result<i64, ParseError> {
    let (negative, cleaned) = clean(text)?;
    let (whole, frac) = split(&cleaned, kind != NumberKind::Percent)?;
    // Trailing zeros of the decimals say nothing ("2,0" is a whole 2; "45,600" as a percentage is 45.6).
    let frac = frac.trim_end_matches('0');
    if negative && (whole.trim_start_matches('0').len() + frac.len()) > 0 {
        return Err(ParseError::negative(kind));
    }
    if frac.len() > scale as usize {
        return Err(ParseError::too_many_decimals(kind));
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 12 {
        return Err(ParseError::TooLarge);
    }
    let whole_value: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ParseError::NotANumber)?
    };
    let mut frac_value: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| ParseError::NotANumber)?
    };
    for _ in frac.len()..scale as usize {
        frac_value *= 10;
    }
    whole_value
        .checked_mul(10i64.pow(scale))
        .and_then(|w| w.checked_add(frac_value))
        .ok_or(ParseError::TooLarge)
}

/// A number the way people type it, scaled by 10^`scale`, read as an amount (kept for callers that want a
/// plain decimal; the field parsers below are what the questionnaire uses).
pub fn parse_decimal(text: &str, scale: u32) -> Result<i64, ParseError> {
    parse_number(text, NumberKind::Amount, scale)
}

/// An amount in euros, as cents: `200 000`, `200 000,50`, `200.000`, `200,000`, `200,000.50`, `1 234,56 €`.
pub fn parse_money(text: &str) -> Result<i64, ParseError> {
    parse_number(text, NumberKind::Amount, 2)
}

/// A percentage, in millionths of a percent: `2,90` → 2 900 000; `0.3 %` → 300 000.
pub fn parse_percent(text: &str) -> Result<i64, ParseError> {
    parse_number(text, NumberKind::Percent, 6)
}

fn whole(text: &str, kind: NumberKind) -> Result<u32, ParseError> {
    let value = parse_number(text, kind, 0)?;
    u32::try_from(value).map_err(|_| ParseError::TooLarge)
}

/// A whole count: `11`, `1 200`.
pub fn parse_count(text: &str) -> Result<u32, ParseError> {
    whole(text, NumberKind::Count)
}

/// A whole number of months or years: `240`, `20`.
pub fn parse_duration(text: &str) -> Result<u32, ParseError> {
    whole(text, NumberKind::Duration)
}

/// Day, month and year as typed in three fields. Returns (year, month, day) once the date exists.
pub fn parse_date_parts(day: &str, month: &str, year: &str) -> Result<(i32, u32, u32), ParseError> {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return Err(ParseError::Empty);
    }
    if d.is_empty() || m.is_empty() || y.is_empty() {
        return Err(ParseError::DateIncomplete);
    }
    let num = |s: &str| -> Result<u32, ParseError> {
        if s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseError::NotANumber);
        }
        s.parse().map_err(|_| ParseError::NotANumber)
    };
    let d = num(d)?;
    let m = parse_month(m)?;
    let y = num(y)? as i32;
    // "19" or "9999": the message gives the range. Finer plausibility (a borrower aged 130) is the engine's
    // to judge, with its own message naming the limit.
    if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
        return Err(ParseError::YearOutOfRange);
    }
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(ParseError::DateImpossible);
    }
    Ok((y, m, d))
}

/// The months' names, French and English, without accents, lower case (the month is the position + 1).
const MONTH_NAMES: [[&str; 2]; 12] = [
    ["janvier", "january"],
    ["fevrier", "february"],
    ["mars", "march"],
    ["avril", "april"],
    ["mai", "may"],
    ["juin", "june"],
    ["juillet", "july"],
    ["aout", "august"],
    ["septembre", "september"],
    ["octobre", "october"],
    ["novembre", "november"],
    ["decembre", "december"],
];

/// A month typed in its field: `3`, `03`, or a name in French or English, in any case, with or without accents, in
/// full or shortened to at least three letters where that names one month (`mar`, `sept.`, `déc`, `Feb`; `jui` could
/// be June or July and is refused).
pub fn parse_month(text: &str) -> Result<u32, ParseError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ParseError::DateIncomplete);
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return match t.parse::<u32>() {
            Ok(m) if t.len() <= 2 && (1..=12).contains(&m) => Ok(m),
            _ if t.len() <= 4 => Err(ParseError::DateImpossible),
            _ => Err(ParseError::NotANumber),
        };
    }
    let plain: String = t
        .trim_end_matches('.')
        .chars()
        // ASCII case and the accents of the months' names by hand: `char::to_lowercase` would bring the Unicode
        // case tables into the first wasm file.
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'û' | 'ù' | 'ü' | 'Û' | 'Ù' | 'Ü' => 'u',
            'à' | 'â' | 'À' | 'Â' => 'a',
            'ô' | 'Ô' => 'o',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if !plain.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(ParseError::MonthNotUnderstood);
    }
    let mut found: Option<u32> = None;
    for (i, names) in MONTH_NAMES.iter().enumerate() {
        let whole = names.contains(&plain.as_str());
        let prefix = plain.len() >= 3 && names.iter().any(|n| n.starts_with(&plain));
        if whole {
            return Ok(i as u32 + 1);
        }
        if prefix {
            if found.is_some() {
                return Err(ParseError::MonthNotUnderstood);
            }
            found = Some(i as u32 + 1);
        }
    }
    found.ok_or(ParseError::MonthNotUnderstood)
}

/// A month and year typed into one field: `03/2021`, `3/2021`, `03-2021`, `03.2021`, `2021-03`, `mars 2021`,
/// `March 2021`, `sept. 2021`. `None` when the text is not of that shape (then it is read as a field of its own);
/// an error when it is, but the month or the year is wrong.
pub fn parse_month_year(text: &str) -> Option<Result<(i32, u32), ParseError>> {
    let t = text.trim();
    let dot = !t.starts_with(|c: char| c.is_ascii_alphabetic());
    let mut parts = t
        .split(|c: char| matches!(c, '/' | '-' | ' ' | '\u{a0}') || (dot && c == '.'))
        .filter(|p| !p.is_empty());
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Year first (ISO `2021-03`) or month first.
    let (month, year) = if digits(a) && a.len() == 4 && digits(b) && b.len() <= 2 {
        (b, a)
    } else {
        (a, b)
    };
    if !digits(year) {
        return None;
    }
    let y = match year.parse::<u32>() {
        Ok(y) if year.len() == 4 && (YEAR_MIN..=YEAR_MAX).contains(&(y as i32)) => y as i32,
        _ => return Some(Err(ParseError::YearOutOfRange)),
    };
    Some(parse_month(month).map(|m| (y, m)))
}

/// What the three date fields say: a day, or a month and year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateInput {
    /// A full date (year, month, day).
    Day(i32, u32, u32),
    /// A month and year only.
    Month(i32, u32),
}

/// The three date fields of a question; `month_allowed` for a date the visitor may know by its month and year only
/// (the day left empty, or the month and year typed into one field with the others empty). Elsewhere a month alone is
/// [`ParseError::DateIncomplete`] (the day is needed).
pub fn parse_date_input(
    day: &str,
    month: &str,
    year: &str,
    month_allowed: bool,
) -> Result<DateInput, ParseError> {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    let filled: Vec<&str> = [d, m, y].into_iter().filter(|s| !s.is_empty()).collect();
    if let [only] = filled[..] {
        if let Some(r) = parse_month_year(only) {
            let (y, m) = r?;
            return if month_allowed {
                Ok(DateInput::Month(y, m))
            } else {
                Err(ParseError::DateIncomplete)
            };
        }
    }
    if month_allowed && d.is_empty() && !m.is_empty() && !y.is_empty() {
        let m = parse_month(m)?;
        let y = match y.parse::<u32>() {
            Ok(v) if y.chars().all(|c| c.is_ascii_digit()) && y.len() == 4 => v as i32,
            _ if y.chars().all(|c| c.is_ascii_digit()) => return Err(ParseError::YearOutOfRange),
            _ => return Err(ParseError::NotANumber),
        };
        if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
            return Err(ParseError::YearOutOfRange);
        }
        return Ok(DateInput::Month(y, m));
    }
    match parse_date_parts(day, month, year) {
        Err(ParseError::DateIncomplete) if month_allowed => Err(ParseError::MonthYearIncomplete),
        r => r.map(|(y, m, d)| DateInput::Day(y, m, d)),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_every_accepted_form() {
        for (typed, cents) in [
            ("200 000", 20_000_000),
            ("200 000,50", 20_000_050),
            ("200.000", 20_000_000),
            ("200,000", 20_000_000),
            ("200,000.50", 20_000_050),
            ("200000", 20_000_000),
            ("200\u{202F}000", 20_000_000),
            ("200\u{A0}000,5", 20_000_050),
            ("1 234,56 €", 123456),
            ("1234,56", 123456),
            ("1 234.56", 123456),
            ("1234", 123400),
            ("1.234,56", 123456),
            ("1,234.56", 123456),
            ("1,234,567", 123456700),
            ("1.234.567,89", 123456789),
            ("12,345", 1234500),
            ("45,60", 4560),
            ("45.6", 4560),
            ("0,05", 5),
            (",5", 50),
            ("25 EUR", 2500),
            ("€ 25", 2500),
            ("+25", 2500),
            ("2,50 €", 250),
        ] {
            assert_eq!(parse_money(typed), Ok(cents), "{typed}");
        }
    }

    #[test]
    fn amounts_refused_with_a_reason() {
        use NumberKind::Amount;
        assert_eq!(parse_money(""), Err(ParseError::Empty));
        assert_eq!(parse_money("  "), Err(ParseError::Empty));
        assert_eq!(parse_money(" € "), Err(ParseError::Empty));
        assert_eq!(parse_money("abc"), Err(ParseError::NotANumber));
        assert_eq!(
            parse_money("1,2345"),
            Err(ParseError::too_many_decimals(Amount))
        );
        assert_eq!(
            parse_money("0,125"),
            Err(ParseError::too_many_decimals(Amount))
        );
        assert_eq!(parse_money("-5"), Err(ParseError::negative(Amount)));
        assert_eq!(parse_money("− 5"), Err(ParseError::negative(Amount)));
        assert_eq!(parse_money("1,2,3"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("1 2"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("12 34"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("1.234.56"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("1,23.456"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("99999999999999"), Err(ParseError::TooLarge));
        assert_eq!(parse_money("."), Err(ParseError::NotANumber));
        assert_eq!(parse_money("1e6"), Err(ParseError::NotANumber));
    }

    #[test]
    fn percentages_with_comma_or_dot() {
        assert_eq!(parse_percent("2,90"), Ok(2_900_000));
        assert_eq!(parse_percent("0.3 %"), Ok(300_000));
        assert_eq!(parse_percent("100"), Ok(100_000_000));
        assert_eq!(
            parse_percent("1,234"),
            Ok(1_234_000),
            "a lone separator is the decimal mark"
        );
        assert_eq!(parse_percent("50 %"), Ok(50_000_000));
        assert_eq!(
            parse_percent("-1 %"),
            Err(ParseError::negative(NumberKind::Percent))
        );
        assert_eq!(
            parse_percent("0,1234567"),
            Err(ParseError::too_many_decimals(NumberKind::Percent))
        );
        assert_eq!(parse_percent("%"), Err(ParseError::Empty));
    }

    #[test]
    fn counts_and_durations_are_whole() {
        assert_eq!(parse_count("11"), Ok(11));
        assert_eq!(parse_count("1 200"), Ok(1200));
        assert_eq!(parse_count("2,0"), Ok(2));
        assert_eq!(
            parse_count("2,5"),
            Err(ParseError::not_whole(NumberKind::Count))
        );
        assert_eq!(
            parse_count("-1"),
            Err(ParseError::negative(NumberKind::Count))
        );
        assert_eq!(parse_count("4294967296"), Err(ParseError::TooLarge));
        assert_eq!(parse_duration("240"), Ok(240));
        assert_eq!(
            parse_duration("20,5"),
            Err(ParseError::not_whole(NumberKind::Duration))
        );
        assert_eq!(
            parse_duration("-20"),
            Err(ParseError::negative(NumberKind::Duration))
        );
    }

    #[test]
    fn each_kind_has_its_own_codes() {
        use NumberKind::*;
        let negatives: Vec<_> = [Amount, Percent, Count, Duration]
            .into_iter()
            .map(|k| ParseError::negative(k).code())
            .collect();
        assert_eq!(
            negatives,
            [
                "negative",
                "negative_percent",
                "negative_count",
                "negative_duration"
            ]
        );
        assert_ne!(
            ParseError::not_whole(Count).code(),
            ParseError::too_many_decimals(Amount).code()
        );
        // Every kind's refusals are variants of their own, with codes of their own.
        let mut made: Vec<ParseError> = [Amount, Percent, Count, Duration]
            .into_iter()
            .flat_map(|k| {
                [
                    ParseError::negative(k),
                    ParseError::not_whole(k),
                    ParseError::too_many_decimals(k),
                ]
            })
            .collect();
        made.dedup();
        for e in &made {
            assert!(ParseError::ALL.contains(e), "{e:?}");
        }
        let mut codes: Vec<&str> = ParseError::ALL.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(
            codes.len(),
            ParseError::ALL.len(),
            "two variants share a code"
        );
    }

    #[test]
    fn dates_from_three_fields() {
        assert_eq!(parse_date_parts("29", "2", "2024"), Ok((2024, 2, 29)));
        assert_eq!(
            parse_date_parts("29", "2", "2023"),
            Err(ParseError::DateImpossible)
        );
        assert_eq!(
            parse_date_parts("31", "4", "2023"),
            Err(ParseError::DateImpossible)
        );
        assert_eq!(
            parse_date_parts("1", "13", "2023"),
            Err(ParseError::DateImpossible)
        );
        assert_eq!(
            parse_date_parts("1", "1", "23"),
            Err(ParseError::YearOutOfRange)
        );
        assert_eq!(
            parse_date_parts("1", "1", "9999"),
            Err(ParseError::YearOutOfRange)
        );
        assert_eq!(
            parse_date_parts("1", "1", "1899"),
            Err(ParseError::YearOutOfRange)
        );
        assert_eq!(parse_date_parts("1", "1", "1900"), Ok((1900, 1, 1)));
        assert_eq!(
            parse_date_parts("", "1", "2023"),
            Err(ParseError::DateIncomplete)
        );
        assert_eq!(parse_date_parts("", "", ""), Err(ParseError::Empty));
        assert_eq!(
            parse_date_parts("x", "1", "2023"),
            Err(ParseError::NotANumber)
        );
        assert_eq!(parse_date_parts("5", "mars", "2021"), Ok((2021, 3, 5)));
    }

    #[test]
    fn months_by_number_or_name() {
        for (typed, m) in [
            ("3", 3),
            ("03", 3),
            ("mars", 3),
            ("Mars", 3),
            ("March", 3),
            ("mar.", 3),
            ("février", 2),
            ("fevrier", 2),
            ("FÉVR.", 2),
            ("Feb", 2),
            ("mai", 5),
            ("May", 5),
            ("juin", 6),
            ("June", 6),
            ("juil.", 7),
            ("Jul", 7),
            ("août", 8),
            ("aout", 8),
            ("Aug", 8),
            ("sept.", 9),
            ("déc", 12),
            ("December", 12),
        ] {
            assert_eq!(parse_month(typed), Ok(m), "{typed:?}");
        }
        for (typed, e) in [
            ("13", ParseError::DateImpossible),
            ("0", ParseError::DateImpossible),
            ("jui", ParseError::MonthNotUnderstood),
            ("ma", ParseError::MonthNotUnderstood),
            ("marz", ParseError::MonthNotUnderstood),
            ("3e", ParseError::MonthNotUnderstood),
            ("", ParseError::DateIncomplete),
        ] {
            assert_eq!(parse_month(typed), Err(e), "{typed:?}");
        }
    }

    #[test]
    fn a_month_and_year_in_one_field() {
        for typed in [
            "03/2021",
            "3/2021",
            "03-2021",
            "03.2021",
            "2021-03",
            "mars 2021",
            "Mars 2021",
            "March 2021",
            "mar. 2021",
            " 3 / 2021 ",
        ] {
            assert_eq!(parse_month_year(typed), Some(Ok((2021, 3))), "{typed:?}");
        }
        assert_eq!(
            parse_month_year("13/2021"),
            Some(Err(ParseError::DateImpossible))
        );
        assert_eq!(
            parse_month_year("03/21"),
            Some(Err(ParseError::YearOutOfRange))
        );
        assert_eq!(
            parse_month_year("marz 2021"),
            Some(Err(ParseError::MonthNotUnderstood))
        );
        for not_one in ["15/03/2021", "2021", "mars", "15"] {
            assert_eq!(parse_month_year(not_one), None, "{not_one:?}");
        }
    }

    #[test]
    fn dates_or_months_from_three_fields() {
        use DateInput::{Day, Month};
        assert_eq!(parse_date_input("", "3", "2021", true), Ok(Month(2021, 3)));
        assert_eq!(
            parse_date_input("", "mars", "2021", true),
            Ok(Month(2021, 3))
        );
        assert_eq!(
            parse_date_input("03/2021", "", "", true),
            Ok(Month(2021, 3))
        );
        assert_eq!(
            parse_date_input("", "March 2021", "", true),
            Ok(Month(2021, 3))
        );
        assert_eq!(
            parse_date_input("", "", "mars 2021", true),
            Ok(Month(2021, 3))
        );
        assert_eq!(
            parse_date_input("15", "3", "2021", true),
            Ok(Day(2021, 3, 15))
        );
        // Where the day is needed, a month alone says so.
        assert_eq!(
            parse_date_input("", "3", "2021", false),
            Err(ParseError::DateIncomplete)
        );
        assert_eq!(
            parse_date_input("03/2021", "", "", false),
            Err(ParseError::DateIncomplete)
        );
        assert_eq!(
            parse_date_input("", "13", "2021", true),
            Err(ParseError::DateImpossible)
        );
        assert_eq!(
            parse_date_input("", "3", "21", true),
            Err(ParseError::YearOutOfRange)
        );
        assert_eq!(
            parse_date_input("", "marz", "2021", true),
            Err(ParseError::MonthNotUnderstood)
        );
        assert_eq!(parse_date_input("", "", "", true), Err(ParseError::Empty));
        assert_eq!(
            parse_date_input("", "3", "", true),
            Err(ParseError::MonthYearIncomplete)
        );
        assert_eq!(
            parse_date_input("5", "", "2021", true),
            Err(ParseError::MonthYearIncomplete)
        );
        assert_eq!(
            parse_date_input("5", "", "2021", false),
            Err(ParseError::DateIncomplete)
        );
    }
}
