//! Limitation (prescription): 5 years per payment, same calendar day, inclusive; 20-year long stop; urgency (SPEC §2.4, LAW G1).

use super::date::Date;
use super::params;

/// The last day to act for a fact or payment of `d` (same day 5 years later; 29 February → 28 February).
pub fn last_day(d: Date) -> Date {
    d.add_years(params::PRESCRIPTION_YEARS)
}

/// Whether the 5-year period of `d` is over on `as_of`.
pub fn is_barred(d: Date, as_of: Date) -> bool {
    as_of > last_day(d)
}

/// Whether `d` is still within the 20-year long stop on `as_of` (C. civ. 2232).
pub fn within_long_stop(d: Date, as_of: Date) -> bool {
    as_of <= d.add_years(params::LONG_STOP_YEARS)
}

/// Whether `last` is close: 60 days or fewer remain (and it is not past).
pub fn is_urgent(last: Date, as_of: Date) -> bool {
    let left = last.days_since(as_of);
    (0..=params::URGENT_DAYS).contains(&left)
}
