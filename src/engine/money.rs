//! Money in integer cents, percentages in millionths of a percent, exact fixed-point arithmetic and the one rounding rule (SPEC §3).

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// An amount of money in euro cents.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// A percentage in millionths of a percent: 2.90 % is `Percent(2_900_000)`.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Percent(pub i64);

/// Millionths of a percent in a whole (100 %).
pub const PERCENT_ONE: i128 = 100_000_000;

impl Cents {
    /// Zero euros.
    pub const ZERO: Cents = Cents(0);
    /// Adds, saturating.
    pub fn saturating_add(self, o: Cents) -> Cents {
        Cents(self.0.saturating_add(o.0))
    }
    /// Subtracts, saturating.
    pub fn saturating_sub(self, o: Cents) -> Cents {
        Cents(self.0.saturating_sub(o.0))
    }
    /// Multiplies by a count, saturating.
    pub fn times(self, n: i64) -> Cents {
        Cents(self.0.saturating_mul(n))
    }
    /// The larger of `self` and zero.
    pub fn at_least_zero(self) -> Cents {
        Cents(self.0.max(0))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, o: Cents) -> Cents {
        self.saturating_add(o)
    }
}
impl AddAssign for Cents {
    fn add_assign(&mut self, o: Cents) {
        *self = self.saturating_add(o);
    }
}
impl Sub for Cents {
    type Output = Cents;
    fn sub(self, o: Cents) -> Cents {
        self.saturating_sub(o)
    }
}

impl fmt::Debug for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}€", a / 100, a % 100)
    }
}

impl fmt::Debug for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:06}%", a / 1_000_000, a % 1_000_000)
    }
}

/// `num / den` rounded once, half away from zero; `den` must be non-zero (returns 0 otherwise).
pub fn div_round(num: i128, den: i128) -> i128 {
    if den == 0 {
        return 0;
    }
    let (n, d) = if den < 0 { (-num, -den) } else { (num, den) };
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

/// Clamps an i128 into an i64 amount of cents.
pub fn to_cents(v: i128) -> Cents {
    Cents(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// A fixed-point number with 18 decimal digits, for the amortisation powers and sums (SPEC §3: at least 10 digits).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub struct Fx(pub i128);

/// 10^18, the scale of [`Fx`].
pub const FX_SCALE: i128 = 1_000_000_000_000_000_000;

/// 256-bit unsigned product of two u128.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let mask = u128::from(u64::MAX);
    let (a0, a1) = (a & mask, a >> 64);
    let (b0, b1) = (b & mask, b >> 64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
    let lo = (p00 & mask) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// floor((hi·2^128 + lo) / d) for a 256-bit numerator, saturating at u128::MAX; and whether the remainder ≥ d/2.
fn div_wide(hi: u128, lo: u128, d: u128) -> (u128, bool) {
    if d == 0 || hi >= d {
        return (u128::MAX, false);
    }
    if hi == 0 {
        // The numerator fits in 128 bits: one division.
        let q = lo / d;
        let r = lo - q * d;
        return (q, r >= d - r);
    }
    if d <= u128::from(u64::MAX) {
        // Fast path: four 128/64 divisions, one 64-bit limb at a time (a limb below `d` is a zero digit, no division).
        let mask = u128::from(u64::MAX);
        let mut r: u128 = 0;
        let mut q: u128 = 0;
        for limb in [hi >> 64, hi & mask, lo >> 64, lo & mask] {
            let cur = (r << 64) | limb;
            let digit = if cur < d { 0 } else { cur / d };
            q = (q << 64) | digit;
            r = cur - digit * d;
        }
        return (q, r >= d - r);
    }
    // Restoring division, one bit at a time (hi < d keeps the quotient within 128 bits).
    let mut rem = hi;
    let mut q: u128 = 0;
    for i in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((lo >> i) & 1);
        q <<= 1;
        if carry == 1 || rem >= d {
            rem = rem.wrapping_sub(d);
            q |= 1;
        }
    }
    let half_up = rem >= d - rem;
    (q, half_up)
}

/// a·b/c rounded half away from zero, exact on 256 bits; saturates instead of overflowing.
pub fn mul_div(a: i128, b: i128, c: i128) -> i128 {
    if c == 0 {
        return 0;
    }
    let neg = (a < 0) ^ (b < 0) ^ (c < 0);
    let (hi, lo) = mul_wide(a.unsigned_abs(), b.unsigned_abs());
    let (q, up) = div_wide(hi, lo, c.unsigned_abs());
    let q = if up { q.saturating_add(1) } else { q };
    let q = q.min(i128::MAX as u128) as i128;
    if neg {
        -q
    } else {
        q
    }
}

impl Fx {
    /// 0.
    pub const ZERO: Fx = Fx(0);
    /// 1.
    pub const ONE: Fx = Fx(FX_SCALE);
    /// An integer.
    pub fn int(v: i64) -> Fx {
        Fx(i128::from(v).saturating_mul(FX_SCALE))
    }
    /// The exact value `num / den`, rounded at the 18th decimal.
    pub fn ratio(num: i128, den: i128) -> Fx {
        Fx(mul_div(num, FX_SCALE, den))
    }
    /// Product.
    pub fn times(self, o: Fx) -> Fx {
        Fx(mul_div(self.0, o.0, FX_SCALE))
    }
    /// Quotient (0 when dividing by 0).
    pub fn over(self, o: Fx) -> Fx {
        Fx(mul_div(self.0, FX_SCALE, o.0))
    }
    /// Sum, saturating.
    pub fn plus(self, o: Fx) -> Fx {
        Fx(self.0.saturating_add(o.0))
    }
    /// Difference, saturating.
    pub fn minus(self, o: Fx) -> Fx {
        Fx(self.0.saturating_sub(o.0))
    }
    /// `self^n` by repeated squaring.
    pub fn pow(self, mut n: u32) -> Fx {
        let mut base = self;
        let mut acc = Fx::ONE;
        while n > 0 {
            if n & 1 == 1 {
                acc = acc.times(base);
            }
            base = base.times(base);
            n >>= 1;
        }
        acc
    }
    /// Rounded once, half away from zero, to an integer (e.g. cents when `self` is in cents).
    pub fn round(self) -> i128 {
        div_round(self.0, FX_SCALE)
    }
    /// Rounded to cents, when `self` is an amount in cents.
    pub fn cents(self) -> Cents {
        to_cents(self.round())
    }
}

#[cfg(test)]
mod tests {
    use super::div_wide;

    /// The bit-by-bit long division: the reference the faster paths of [`div_wide`] must equal.
    fn restoring(hi: u128, lo: u128, d: u128) -> (u128, bool) {
        let mut rem = hi;
        let mut q: u128 = 0;
        for i in (0..128).rev() {
            let carry = rem >> 127;
            rem = (rem << 1) | ((lo >> i) & 1);
            q <<= 1;
            if carry == 1 || rem >= d {
                rem = rem.wrapping_sub(d);
                q |= 1;
            }
        }
        (q, rem >= d - rem)
    }

    #[test]
    fn div_wide_equals_long_division() {
        // A fixed xorshift sequence over numerators and divisors of every size, and the edges.
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..20_000u32 {
            let d = match i % 4 {
                0 => next() >> (next() % 128),
                1 => next() >> 64,
                2 => u128::from(u64::MAX) - (next() % 3),
                _ => 1_000_000_000_000_000_000 + (next() % 2),
            }
            .max(1);
            let lo = next();
            let hi = match i % 3 {
                0 => 0,
                1 => (next() >> (next() % 128)) % d,
                _ => d - 1,
            };
            assert_eq!(div_wide(hi, lo, d), restoring(hi, lo, d), "{hi} {lo} {d}");
        }
    }
}
