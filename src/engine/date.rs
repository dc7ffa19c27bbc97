//! Civil dates (no time, no zone): construction, ISO text, day arithmetic and the end-of-month rule (SPEC §2.4, §3).

use std::fmt;

/// A civil date of the proleptic Gregorian calendar, years 1 to 9999.
///
/// Ordering is chronological. Arithmetic saturates at the ends of that range
/// instead of panicking.
#[derive(Clone, Copy)]
pub struct Date {
    y: i32,
    m: u8,
    d: u8,
}

/// Whether `y` is a leap year of the Gregorian calendar.
pub fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days of month `m` (1–12) of year `y`; 0 for an impossible month.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

// Equality and order compare one integer (year, then month, then day: the order of the fields), which the engine's
// hot loops do millions of times; the same as comparing the fields one by one.
impl Date {
    #[inline]
    fn key(self) -> u32 {
        ((self.y as u32) << 9) | (u32::from(self.m) << 5) | u32::from(self.d)
    }
}

impl PartialEq for Date {
    #[inline]
    fn eq(&self, o: &Date) -> bool {
        self.key() == o.key()
    }
}

impl Eq for Date {}

impl std::hash::Hash for Date {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.key().hash(h);
    }
}

impl PartialOrd for Date {
    #[inline]
    fn partial_cmp(&self, o: &Date) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Date {
    #[inline]
    fn cmp(&self, o: &Date) -> std::cmp::Ordering {
        self.key().cmp(&o.key())
    }
}

/// Sorts dates chronologically and removes repeats (on their integer keys: the engine's date searches do this often).
pub fn sort_dedup(v: &mut Vec<Date>) {
    let mut keys: Vec<u32> = v.iter().map(|d| d.key()).collect();
    crate::sort::sort(&mut keys);
    keys.dedup();
    v.clear();
    v.extend(keys.into_iter().map(|k| Date {
        y: (k >> 9) as i32,
        m: ((k >> 5) & 15) as u8,
        d: (k & 31) as u8,
    }));
}

/// Days from 0001-01-01 (day 0) for a valid date (Hinnant's algorithm, shifted).
const fn to_days(y: i32, m: u32, d: u32) -> i64 {
    let y = y as i64 - (m <= 2) as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 306 // so that 0001-01-01 is day 0
}

fn from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 306;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = y + i64::from(m <= 2);
    (y as i32, m as u32, d as u32)
}

impl Date {
    /// The earliest representable date (0001-01-01).
    pub const MIN: Date = Date {
        y: MIN_YEAR,
        m: 1,
        d: 1,
    };
    /// The latest representable date (9999-12-31).
    pub const MAX: Date = Date {
        y: MAX_YEAR,
        m: 12,
        d: 31,
    };

    /// The date `y-m-d`, or `None` when it does not exist (31 February, 29 February 2023, month 13, year 0 or 10000).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        if d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date {
            y,
            m: m as u8,
            d: d as u8,
        })
    }

    /// Used by the generated parameter tables only: the build script has checked the date.
    #[doc(hidden)]
    pub const fn from_checked_parts(y: i32, m: u8, d: u8) -> Date {
        Date { y, m, d }
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(c - b'0');
            }
            Some(v)
        };
        let y = digits(0..4)?;
        let m = digits(5..7)?;
        let d = digits(8..10)?;
        Date::new(y as i32, m, d)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.y
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.m)
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.d)
    }

    /// Days since 0001-01-01.
    pub fn ordinal(self) -> i64 {
        to_days(self.y, self.month(), self.day())
    }

    fn from_ordinal(z: i64) -> Date {
        const LO: i64 = to_days(MIN_YEAR, 1, 1);
        const HI: i64 = to_days(MAX_YEAR, 12, 31);
        let (y, m, d) = from_days(z.clamp(LO, HI));
        Date {
            y,
            m: m as u8,
            d: d as u8,
        }
    }

    /// The date `n` days later (earlier when negative), saturating at [`Date::MIN`] / [`Date::MAX`].
    pub fn add_days(self, n: i64) -> Date {
        // Within the same month (the days around a date, a working day after another): no trip through day numbers.
        let d = i64::from(self.d).saturating_add(n);
        if d >= 1 && d <= i64::from(days_in_month(self.y, u32::from(self.m))) {
            return Date {
                y: self.y,
                m: self.m,
                d: d as u8,
            };
        }
        Date::from_ordinal(self.ordinal().saturating_add(n))
    }

    /// The same day `n` months later; where that month is shorter, its last day (SPEC §2.4, §3).
    pub fn add_months(self, n: i32) -> Date {
        let total = i64::from(self.y) * 12 + i64::from(self.m) - 1 + i64::from(n);
        let y = total.div_euclid(12);
        let m = (total.rem_euclid(12) + 1) as u32;
        if y < i64::from(MIN_YEAR) {
            return Date::MIN;
        }
        if y > i64::from(MAX_YEAR) {
            return Date::MAX;
        }
        let y = y as i32;
        let d = self.day().min(days_in_month(y, m));
        Date {
            y,
            m: m as u8,
            d: d as u8,
        }
    }

    /// The same day `n` years later; 29 February becomes 28 February in a common year (SPEC §2.4).
    pub fn add_years(self, n: i32) -> Date {
        self.add_months(n.saturating_mul(12))
    }

    /// Number of days from `earlier` to `self` (negative when `self` is before).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.ordinal() - earlier.ordinal()
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 0001-01-01 was a Monday (proleptic Gregorian).
        self.ordinal().rem_euclid(7) as u32
    }

    /// Whole years of age on `self` of a person born on `birth` (a 29 February birthday falls on 28 February).
    pub fn years_since(self, birth: Date) -> i32 {
        let mut age = self.y - birth.y;
        if age > 0 && birth.add_years(age) > self {
            age -= 1;
        }
        age.max(0)
    }

    /// The last day of this date's month.
    pub fn end_of_month(self) -> Date {
        Date {
            y: self.y,
            m: self.m,
            d: days_in_month(self.y, self.month()) as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom("expected a real date written YYYY-MM-DD"))
    }
}

/// A month of a year, for a date known only by its month and year (issue 11 points 1 and 2): the answers JSON writes
/// it `YYYY-MM` beside the `YYYY-MM-DD` of a full date. To the rules it stands for its 28 to 31 days: the claims read
/// it as "I don't know" and the resolver (`claims::resolve`) tries the days that can change a result
/// ([`YearMonth::days`]), deciding when they all agree.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    y: i32,
    m: u8,
}

impl YearMonth {
    /// The month `m` (1–12) of year `y`, or `None` when it does not exist (month 13, year 0 or 10000).
    pub fn new(y: i32, m: u32) -> Option<YearMonth> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        Some(YearMonth { y, m: m as u8 })
    }

    /// The month of `d`.
    pub fn of(d: Date) -> YearMonth {
        YearMonth { y: d.y, m: d.m }
    }

    /// Parses exactly `YYYY-MM` (four-digit year, two-digit month).
    pub fn parse_iso(s: &str) -> Option<YearMonth> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
            return None;
        }
        let n =
            |r: std::ops::Range<usize>| b[r].iter().fold(0, |v, c| v * 10 + u32::from(c - b'0'));
        YearMonth::new(n(0..4) as i32, n(5..7))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.y
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.m)
    }
    /// How many days it has (28 to 31).
    pub fn day_count(self) -> u32 {
        days_in_month(self.y, self.month())
    }
    /// Its first day.
    pub fn first_day(self) -> Date {
        Date {
            y: self.y,
            m: self.m,
            d: 1,
        }
    }
    /// Its last day.
    pub fn last_day(self) -> Date {
        self.first_day().end_of_month()
    }
    /// Whether `d` is one of its days.
    pub fn contains(self, d: Date) -> bool {
        d.y == self.y && d.m == self.m
    }
    /// Its day `n`, or its last day when it has fewer (the end-of-month rule of SPEC §3).
    pub fn day(self, n: u32) -> Date {
        Date {
            y: self.y,
            m: self.m,
            d: n.clamp(1, self.day_count()) as u8,
        }
    }

    /// The days of this month a result can turn on, sorted and distinct: its first and last day, the days from 28 on
    /// (where the end-of-month rule moves a schedule's day), each of `breakpoints` that falls inside it, and the day
    /// of the month of each of them with the days around it (a count of monthly debits between two dates changes
    /// when the installment day passes the day of the month of either). A day between two of these gives the same
    /// comparisons with every breakpoint as one of them, so the rules cannot tell it apart.
    pub fn days(self, breakpoints: &[Date]) -> Vec<Date> {
        // One bit per day of the month (bit n for day n): sorted and distinct by construction.
        let mut mask: u32 = 1 << 1 | u32::MAX << 28;
        for b in breakpoints {
            let n = b.day();
            mask |= 0b111 << (n - 1);
        }
        (1..=self.day_count())
            .filter(|n| mask & (1 << n) != 0)
            .map(|n| self.day(n))
            .collect()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.y, self.m)
    }
}

impl fmt::Debug for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
