//! Turning the engine's values into words for the visitor: answers, amounts, dates, error messages.
//! Every word comes from the message files; this module only assembles them.

use crate::engine::{Answer, Cents, Date, FactId, FactKind, Value};
use crate::i18n::parse::{YEAR_MAX, YEAR_MIN};
use crate::i18n::{format_cents, format_date, t, tf, Locale};
use crate::ui::state::InputError;

/// A date for people.
pub fn date(locale: Locale, d: Date) -> String {
    format_date(locale, d.year(), d.month(), d.day())
}

/// An amount for people.
pub fn money(locale: Locale, c: Cents) -> String {
    format_cents(locale, c.0)
}

/// A percentage in millionths of a percent, for people: `2,9 %` / `2.9%`.
pub fn percent(locale: Locale, millionths: i64) -> String {
    let whole = millionths / 1_000_000;
    let mut frac = format!("{:06}", (millionths % 1_000_000).abs());
    while frac.ends_with('0') {
        frac.pop();
    }
    let number = if frac.is_empty() {
        whole.to_string()
    } else {
        match locale {
            Locale::Fr => format!("{whole},{frac}"),
            Locale::En => format!("{whole}.{frac}"),
        }
    };
    match locale {
        Locale::Fr => format!("{number}\u{A0}%"),
        Locale::En => format!("{number}%"),
    }
}

/// An answer as shown on the review screen.
pub fn answer(locale: Locale, fact: FactId, a: Answer<Value>) -> String {
    match a {
        Answer::Unknown => t(locale, "answer.unknown").to_string(),
        Answer::Known(v) => match v {
            Value::Date(d) => date(locale, d),
            Value::Money(c) => money(locale, c),
            Value::Percent(p) => percent(locale, p.0),
            Value::Months(n) if n % 12 == 0 && n > 0 => {
                tf(locale, "answer.years", &[("n", &(n / 12).to_string())])
            }
            Value::Months(n) => tf(locale, "answer.months", &[("n", &n.to_string())]),
            Value::Count(n) if fact == FactId::InsuredCount => {
                t(locale, &format!("q.insured_count.opt.{n}")).to_string()
            }
            Value::Count(n) => n.to_string(),
            Value::YesNo(true) => t(locale, "answer.yes").to_string(),
            Value::YesNo(false) => t(locale, "answer.no").to_string(),
            Value::Choice(o) => t(locale, &format!("q.{}.opt.{o}", fact.id())).to_string(),
        },
    }
}

/// The message for an input error, with the engine's limit filled in.
pub fn error(locale: Locale, e: &InputError) -> String {
    let date = e.limit_date.map(|d| date(locale, d)).unwrap_or_default();
    let amount = e.limit_amount.map(|c| money(locale, c)).unwrap_or_default();
    let number = e.limit_number.map(|n| n.to_string()).unwrap_or_default();
    let (min, max) = (YEAR_MIN.to_string(), YEAR_MAX.to_string());
    tf(
        locale,
        &format!("error.{}", e.code()),
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
pub fn unit_key(fact: FactId) -> Option<&'static str> {
    match fact.kind() {
        FactKind::Money => Some("unit.euro"),
        FactKind::Percent => Some("unit.percent"),
        _ => None,
    }
}
