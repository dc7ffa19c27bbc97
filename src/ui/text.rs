//! Turning the engine's values into words for the visitor: answers, amounts, dates, error messages.
//! Every word comes from the message files; this module only assembles them.

use crate::engine::{Answer, Cents, Date, FactId, FactKind, Value, YearMonth};
use crate::i18n::parse::{YEAR_MAX, YEAR_MIN};
use crate::i18n::{digits, format_cents, format_date, push_digits, t, tables, tf, Locale};
use crate::ui::state::InputError;

/// A date for people.
pub fn date(locale: Locale, d: Date) -> String {
    format_date(locale, d.year(), d.month(), d.day())
}

/// A month and year for people: `mars 2021` / `March 2021` (a date known by its month only).
pub fn month(locale: Locale, m: YearMonth) -> String {
    let i = (m.month().clamp(1, 12) - 1) as usize;
    let mut out = String::from(match locale {
        Locale::Fr => crate::i18n::MONTHS_FR[i],
        Locale::En => crate::i18n::MONTHS_EN[i],
    });
    out.push(' ');
    push_digits(&mut out, m.year().into(), 1);
    out
}

/// An amount for people.
pub fn money(locale: Locale, c: Cents) -> String {
    format_cents(locale, c.0)
}

/// A number of millionths as a decimal number, `sep` before its decimals, without trailing zeros: `2,9` for
/// 2 900 000 (the percentages shown, and those put back in their field to change them).
pub fn decimal(millionths: i64, sep: char) -> String {
    let mut number = digits(millionths / 1_000_000, 1);
    let mut frac = digits((millionths % 1_000_000).abs(), 6);
    while frac.ends_with('0') {
        frac.pop();
    }
    if !frac.is_empty() {
        number.push(sep);
        number.push_str(&frac);
    }
    number
}

/// A percentage in millionths of a percent, for people: `2,9 %` / `2.9%`.
pub fn percent(locale: Locale, millionths: i64) -> String {
    let mut number = decimal(millionths, if locale == Locale::Fr { ',' } else { '.' });
    number.push_str(match locale {
        Locale::Fr => "\u{A0}%",
        Locale::En => "%",
    });
    number
}

/// An answer as shown on the review screen.
pub fn answer(locale: Locale, fact: FactId, a: Answer<Value>) -> String {
    match a {
        Answer::Unknown => t(locale, msg!("answer.unknown")).to_string(),
        Answer::Known(v) => match v {
            Value::Date(d) => date(locale, d),
            Value::Month(m) => month(locale, m),
            Value::Money(c) => money(locale, c),
            Value::Percent(p) => percent(locale, p.0),
            Value::Months(n) if n % 12 == 0 && n > 0 => tf(
                locale,
                msg!("answer.years"),
                &[("n", &digits((n / 12).into(), 1))],
            ),
            Value::Months(n) => tf(
                locale,
                msg!("answer.months"),
                &[("n", &digits(n.into(), 1))],
            ),
            Value::Count(n) if fact == FactId::InsuredCount => {
                t(locale, tables::q_option(fact, &digits(n.into(), 1))).to_string()
            }
            Value::Count(n) => digits(n.into(), 1),
            Value::YesNo(true) => t(locale, msg!("answer.yes")).to_string(),
            Value::YesNo(false) => t(locale, msg!("answer.no")).to_string(),
            Value::Choice(o) => t(locale, tables::q_option(fact, o)).to_string(),
        },
    }
}

/// The message for an input error, with the engine's limit filled in.
pub fn error(locale: Locale, e: &InputError) -> String {
    let date = e.limit_date.map(|d| date(locale, d)).unwrap_or_default();
    let amount = e.limit_amount.map(|c| money(locale, c)).unwrap_or_default();
    let number = e.limit_number.map(|n| digits(n, 1)).unwrap_or_default();
    let (min, max) = (digits(YEAR_MIN.into(), 1), digits(YEAR_MAX.into(), 1));
    tf(
        locale,
        tables::input_error(e.code),
        &[
            ("date", &date),
            ("amount", &amount),
            ("number", &number),
            ("min", &min),
            ("max", &max),
        ],
    )
}

/// Whether a fact is typed in a text field with a unit after it (€, %).
pub fn unit_key(fact: FactId) -> Option<crate::i18n::Msg> {
    match fact.kind() {
        FactKind::Money => Some(msg!("unit.euro")),
        FactKind::Percent => Some(msg!("unit.percent")),
        _ => None,
    }
}
