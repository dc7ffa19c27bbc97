//! Statutory interest (taux de l'intérêt légal, particuliers): simple, day by day, 365-day year, start excluded, end included (SPEC §2.6, LAW §4).

use super::date::Date;
use super::evaluation::RatePeriod;
use super::money::{div_round, to_cents, Cents, Percent, PERCENT_ONE};
use super::params::{self, INTEREST_RATES};

/// Interest on a set of sums, each from its own start day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterestFigure {
    /// Interest up to `to`, rounded once.
    pub amount: Cents,
    /// Whether some day after the last published half-year used the last known rate.
    pub provisional: bool,
    /// Interest up to the last day with a published rate (or `to` if earlier), rounded once.
    pub known_amount: Cents,
    /// The last day counted in `known_amount`.
    pub known_until: Date,
    /// Whether some day fell before the first half-year of the table (those days are not counted).
    pub before_table: bool,
}

/// The rate table as day numbers ([`Date::ordinal`]): (first day, last day, rate), computed once.
fn table() -> &'static [(i64, i64, i128)] {
    static T: std::sync::OnceLock<Vec<(i64, i64, i128)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        INTEREST_RATES
            .iter()
            .map(|r| {
                (
                    r.from.ordinal(),
                    r.to.ordinal(),
                    i128::from(r.particuliers.0),
                )
            })
            .collect()
    })
}

/// Interest on `sums` (amount, start day excluded) up to `to` included.
pub fn statutory_interest(sums: &[(Cents, Date)], to: Date) -> InterestFigure {
    let known_until = params::interest_rates_known_until().min(to);
    let mut num: i128 = 0;
    let mut known: i128 = 0;
    let mut provisional = false;
    let mut before_table = false;
    // Day numbers: the order of dates is the order of their ordinals, and a day count a difference of them.
    let table = table();
    let max = Date::MAX.ordinal();
    let first_day = table.first().map_or(max, |r| r.0);
    let to_n = to.ordinal();
    for &(p, start) in sums {
        // The day after `start` (saturating at the last representable day, as `Date::add_days` does).
        let begin = (start.ordinal() + 1).min(max);
        if begin > to_n {
            continue;
        }
        if begin < first_day {
            before_table = true;
        }
        let p = i128::from(p.0);
        for &(from, last, rate) in table {
            let a = begin.max(from);
            let b = to_n.min(last);
            if a > b {
                continue;
            }
            let x = p * rate * i128::from(b - a + 1);
            num += x;
            known += x;
        }
        if let Some(&(_, last, rate)) = table.last() {
            let a = begin.max((last + 1).min(max));
            if a <= to_n {
                provisional = true;
                num += p * rate * i128::from(to_n - a + 1);
            }
        }
    }
    let den = i128::from(params::INTEREST_DAY_COUNT) * PERCENT_ONE;
    InterestFigure {
        amount: to_cents(div_round(num, den)),
        provisional,
        known_amount: to_cents(div_round(known, den)),
        known_until,
        before_table,
    }
}

/// The rate applied on `d` (the last known one after the table ends).
pub fn rate_on(d: Date) -> Option<Percent> {
    params::interest_rate_on(d).map(|(r, _)| r)
}

/// The half-year whose published rate applies on `d`: the one containing `d`, or the last published one after the
/// table ends; `None` before the table.
pub fn rate_period_on(d: Date) -> Option<RatePeriod> {
    let first = INTEREST_RATES.first()?;
    if d < first.from {
        return None;
    }
    INTEREST_RATES
        .iter()
        .find(|r| r.from <= d && d <= r.to)
        .or(INTEREST_RATES.last())
        .map(|r| RatePeriod {
            from: r.from,
            to: r.to,
        })
}
