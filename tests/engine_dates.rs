//! Direct checks of the calendar primitives (the case files in tests/cases/calendar cover the rules).

use loan_insurance_check::engine::{add_working_days, easter_sunday, is_working_day, Date};

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

#[test]
fn construction_rejects_impossible_dates() {
    assert!(Date::new(2023, 2, 29).is_none());
    assert!(Date::new(2024, 2, 29).is_some());
    assert!(Date::new(2026, 2, 31).is_none());
    assert!(Date::new(2026, 13, 1).is_none());
    assert!(Date::new(2026, 0, 1).is_none());
    assert!(Date::new(1900, 2, 29).is_none());
    assert!(Date::new(2000, 2, 29).is_some());
    assert!(Date::parse_iso("2026-1-01").is_none());
    assert!(Date::parse_iso("2026-01-01x").is_none());
    assert!(Date::parse_iso("+026-01-01").is_none());
    assert_eq!(d("2026-11-27").to_string(), "2026-11-27");
}

#[test]
fn arithmetic_and_end_of_month_rule() {
    assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
    assert_eq!(d("2023-01-31").add_months(1), d("2023-02-28"));
    assert_eq!(d("2024-02-29").add_years(5), d("2029-02-28"));
    assert_eq!(d("2024-02-29").add_years(4), d("2028-02-29"));
    assert_eq!(d("2024-03-31").add_months(-1), d("2024-02-29"));
    assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
    assert_eq!(d("2026-11-27").days_since(d("2026-01-01")), 330);
    assert_eq!(d("1970-01-01").weekday(), 3); // Thursday
    assert_eq!(d("2024-03-04").weekday(), 0); // Monday
    for y in [1, 4, 100, 400, 1600, 1999, 2000, 2024, 9999] {
        for m in 1..=12 {
            let x = Date::new(y, m, 1).unwrap();
            assert_eq!(
                x.add_days(x.end_of_month().day() as i64 - 1),
                x.end_of_month()
            );
            if y < 9999 {
                assert_eq!(x.end_of_month().add_days(1).add_days(-1), x.end_of_month());
            }
        }
    }
    assert_eq!(Date::MAX.add_days(10), Date::MAX);
    assert_eq!(Date::MIN.add_days(-10), Date::MIN);
    assert_eq!(Date::MAX.add_months(i32::MAX), Date::MAX);
    assert_eq!(Date::MIN.add_years(i32::MIN), Date::MIN);
}

#[test]
fn easter_and_working_days() {
    assert_eq!(easter_sunday(2024), d("2024-03-31"));
    assert_eq!(easter_sunday(2025), d("2025-04-20"));
    assert_eq!(easter_sunday(2026), d("2026-04-05"));
    assert_eq!(easter_sunday(2019), d("2019-04-21"));
    assert!(!is_working_day(d("2024-04-01"))); // Easter Monday
    assert!(!is_working_day(d("2024-05-09"))); // Ascension
    assert!(!is_working_day(d("2024-05-20"))); // Whit Monday
    assert!(!is_working_day(d("2024-07-14")));
    assert!(is_working_day(d("2024-07-15")));
    // SPEC §4 F: complete request Monday 2024-03-04, decision due 2024-03-18.
    assert_eq!(add_working_days(d("2024-03-04"), 10), d("2024-03-18"));
}

/// `add_days` (with its same-month shortcut) agrees with counting day numbers, across month, year and leap-day
/// boundaries, and saturates at the ends of the range.
#[test]
fn add_days_agrees_with_day_numbers() {
    let mut x = d("2023-12-01");
    while x < d("2025-03-31") {
        for n in -70i64..=70 {
            let y = x.add_days(n);
            assert_eq!(y.days_since(x), n, "{x} + {n} = {y}");
        }
        x = x.add_days(1);
    }
    assert_eq!(Date::MAX.add_days(1), Date::MAX);
    assert_eq!(Date::MIN.add_days(-1), Date::MIN);
    assert_eq!(d("2026-11-27").add_days(i64::MAX), Date::MAX);
    assert_eq!(d("2026-11-27").add_days(i64::MIN), Date::MIN);
}
