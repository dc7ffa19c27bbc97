//! French public holidays for any year (Gregorian Easter computus) and working days, "jours ouvrés" (SPEC §2.10).

use super::date::Date;
use super::params::{HolidayRule, HOLIDAYS};

/// Easter Sunday of year `y` (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(y: i32) -> Date {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, month as u32, day as u32).unwrap_or(Date::MIN)
}

/// The national public holidays of year `y`, in calendar order, with their ids.
pub fn public_holidays(y: i32) -> Vec<(Date, &'static str)> {
    let easter = easter_sunday(y);
    let mut v: Vec<(Date, &'static str)> = HOLIDAYS
        .iter()
        .filter_map(|h| {
            let d = match h.rule {
                HolidayRule::Fixed { month, day } => Date::new(y, month, day)?,
                HolidayRule::AfterEaster { days } => easter.add_days(days),
            };
            Some((d, h.id))
        })
        .collect();
    crate::sort::sort(&mut v);
    v
}

/// Whether `d` is a national public holiday.
pub fn is_public_holiday(d: Date) -> bool {
    // Easter of `d`'s year is computed once (not once per holiday it moves), and `d` compared by its day number:
    // add_working_days asks this of every day it steps over.
    let mut after_easter: Option<i64> = None;
    HOLIDAYS.iter().any(|h| match h.rule {
        HolidayRule::Fixed { month, day } => d.month() == month && d.day() == day,
        HolidayRule::AfterEaster { days } => {
            let off = *after_easter.get_or_insert_with(|| d.days_since(easter_sunday(d.year())));
            off == days
        }
    })
}

/// Whether `d` is a working day: Monday to Friday and not a public holiday.
pub fn is_working_day(d: Date) -> bool {
    d.weekday() < 5 && !is_public_holiday(d)
}

/// The `n`-th working day after `d` (`d` itself not counted). Saturates at [`Date::MAX`].
pub fn add_working_days(d: Date, n: u32) -> Date {
    let mut cur = d;
    let mut left = n;
    while left > 0 {
        let next = cur.add_days(1);
        if next == cur {
            return cur;
        }
        cur = next;
        if is_working_day(cur) {
            left -= 1;
        }
    }
    cur
}
