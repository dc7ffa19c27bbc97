//! Parsers of what visitors type: amounts, percentages, durations and dates given as day, month and year.
//!
//! They accept the French and the English ways of writing numbers whatever the interface language
//! ("1 234,56", "1234.56", "1 234.56 €", "1234"), never panic, and say what is wrong with a stable code
//! that the message files turn into a sentence (`error.<code>`).

/// Why a typed value was not understood. `code()` is the message key suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing was typed.
    Empty,
    /// Not a number in any accepted form.
    NotANumber,
    /// More than two decimals in an amount (or six in a percentage).
    TooManyDecimals,
    /// A negative value where only positive ones make sense.
    Negative,
    /// Too large to be plausible here.
    TooLarge,
    /// Day, month or year missing among the three date fields.
    DateIncomplete,
    /// A date that does not exist (31 February, month 13, year 0).
    DateImpossible,
    /// A year written with two digits or out of range.
    YearOutOfRange,
}

impl ParseError {
    /// The stable code (`error.<code>` in the message files).
    pub fn code(self) -> &'static str {
        match self {
            ParseError::Empty => "empty",
            ParseError::NotANumber => "not_a_number",
            ParseError::TooManyDecimals => "too_many_decimals",
            ParseError::Negative => "negative",
            ParseError::TooLarge => "too_large",
            ParseError::DateIncomplete => "date_incomplete",
            ParseError::DateImpossible => "date_impossible",
            ParseError::YearOutOfRange => "year_out_of_range",
        }
    }
}

/// Reads a decimal number into an integer scaled by 10^`scale` (cents: scale 2).
/// Spaces of any kind and a trailing `€` or `%` are ignored; `,` or `.` is the decimal mark, and the
/// other one (or a space) groups thousands when it is followed by exactly three digits.
pub fn parse_decimal(text: &str, scale: u32) -> Result<i64, ParseError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{202F}' | '\u{A0}' | '€' | '%'))
        .collect();
    let cleaned = cleaned
        .strip_prefix("EUR")
        .or_else(|| cleaned.strip_suffix("EUR"))
        .unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err(ParseError::Empty);
    }
    if cleaned.starts_with('-') || cleaned.starts_with('−') {
        return Err(ParseError::Negative);
    }
    let cleaned = cleaned.strip_prefix('+').unwrap_or(cleaned);
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || !cleaned.chars().any(|c| c.is_ascii_digit())
    {
        return Err(ParseError::NotANumber);
    }
    // The decimal mark is the last separator, unless it is followed by exactly three digits and
    // another separator of the other kind precedes it (then it groups thousands: "1.234" alone is read as
    // a decimal, "1,234.5" uses "." as the mark).
    let seps: Vec<(usize, char)> = cleaned
        .char_indices()
        .filter(|(_, c)| *c == ',' || *c == '.')
        .collect();
    let (int_part, frac_part) = match seps.last() {
        None => (cleaned.to_string(), String::new()),
        Some(&(pos, mark)) => {
            let before = &cleaned[..pos];
            let after = &cleaned[pos + 1..];
            // All earlier separators must be of the other kind (thousands) and group by three.
            let thousands: Vec<&(usize, char)> = seps[..seps.len() - 1].iter().collect();
            if thousands.iter().any(|(_, c)| *c == mark) {
                // "1.234.567" or "1,234,567": all are thousands separators.
                if after.len() == 3 && before.split(mark).skip(1).all(|g| g.len() == 3) {
                    (cleaned.replace(mark, ""), String::new())
                } else {
                    return Err(ParseError::NotANumber);
                }
            } else {
                let other = if mark == ',' { '.' } else { ',' };
                if !before.split(other).skip(1).all(|g| g.len() == 3) {
                    return Err(ParseError::NotANumber);
                }
                (before.replace(other, ""), after.to_string())
            }
        }
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(ParseError::NotANumber);
    }
    if frac_part.len() > scale as usize {
        return Err(ParseError::TooManyDecimals);
    }
    let int_part = int_part.trim_start_matches('0');
    if int_part.len() > 12 {
        return Err(ParseError::TooLarge);
    }
    let whole: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| ParseError::NotANumber)?
    };
    let mut frac: i64 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().map_err(|_| ParseError::NotANumber)?
    };
    for _ in frac_part.len()..scale as usize {
        frac *= 10;
    }
    whole
        .checked_mul(10i64.pow(scale))
        .and_then(|w| w.checked_add(frac))
        .ok_or(ParseError::TooLarge)
}

/// An amount in euros, as cents: "1 234,56 €", "1234.56", "1234".
pub fn parse_money(text: &str) -> Result<i64, ParseError> {
    parse_decimal(text, 2)
}

/// A percentage, in millionths of a percent: "2,90" → 2 900 000; "0.3 %" → 300 000.
pub fn parse_percent(text: &str) -> Result<i64, ParseError> {
    parse_decimal(text, 6)
}

/// A whole number (months, a count): "240", "1 200".
pub fn parse_count(text: &str) -> Result<u32, ParseError> {
    let value = parse_decimal(text, 0)?;
    u32::try_from(value).map_err(|_| ParseError::TooLarge)
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
    let (d, m) = (num(d)?, num(m)?);
    if y.len() != 4 {
        return Err(ParseError::YearOutOfRange);
    }
    let y = num(y)? as i32;
    // Plausibility (a borrower aged 130, a loan from 1850) is the engine's to judge, with its own message.
    if !(1000..=2999).contains(&y) {
        return Err(ParseError::YearOutOfRange);
    }
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(ParseError::DateImpossible);
    }
    Ok((y, m, d))
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
            ("1 234,56 €", 123456),
            ("1234,56", 123456),
            ("1 234.56", 123456),
            ("1234", 123400),
            ("1\u{202F}234,5", 123450),
            ("1.234,56", 123456),
            ("1,234.56", 123456),
            ("1,234,567", 123456700),
            ("0,05", 5),
            (",5", 50),
            ("200 000", 20000000),
            ("200 000,01", 20000001),
            ("25 EUR", 2500),
        ] {
            assert_eq!(parse_money(typed), Ok(cents), "{typed}");
        }
    }

    #[test]
    fn amounts_refused_with_a_reason() {
        assert_eq!(parse_money(""), Err(ParseError::Empty));
        assert_eq!(parse_money("  "), Err(ParseError::Empty));
        assert_eq!(parse_money("abc"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("12,345"), Err(ParseError::TooManyDecimals));
        assert_eq!(parse_money("-5"), Err(ParseError::Negative));
        assert_eq!(parse_money("1,2,3"), Err(ParseError::NotANumber));
        assert_eq!(parse_money("99999999999999"), Err(ParseError::TooLarge));
        assert_eq!(parse_money("."), Err(ParseError::NotANumber));
    }

    #[test]
    fn percentages_with_comma_or_dot() {
        assert_eq!(parse_percent("2,90"), Ok(2_900_000));
        assert_eq!(parse_percent("0.3 %"), Ok(300_000));
        assert_eq!(parse_percent("100"), Ok(100_000_000));
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
            parse_date_parts("", "1", "2023"),
            Err(ParseError::DateIncomplete)
        );
        assert_eq!(parse_date_parts("", "", ""), Err(ParseError::Empty));
        assert_eq!(
            parse_date_parts("x", "1", "2023"),
            Err(ParseError::NotANumber)
        );
    }
}
