//! Amortisation schedule in exact fixed point: installment dates, outstanding capital CRD_k, partial repayments (SPEC §3, LAW C4).

use super::date::Date;
use super::money::{Cents, Fx, Percent};

/// A constant-installment loan, optionally re-amortised after a partial repayment (same end date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loan {
    /// Initial capital.
    pub amount: Cents,
    /// Number of monthly installments.
    pub months: u32,
    /// Nominal yearly rate.
    pub rate: Percent,
    /// Date of installment 1.
    pub first: Date,
    /// Partial repayment: date and outstanding capital right after it.
    pub partial: Option<(Date, Cents)>,
}

/// One amortisation segment: capital `c0` (cents, fixed point) over `n` installments at monthly rate `i`.
#[derive(Clone, Copy)]
struct Segment {
    c0: Fx,
    n: u32,
    i: Fx,
    installment: Fx,
}

impl Segment {
    fn new(c0: Fx, n: u32, rate: Percent) -> Segment {
        // i = rate / 12, rate in millionths of a percent: i = p / (12 · 10^8).
        let i = Fx::ratio(i128::from(rate.0), 1_200_000_000);
        let installment = if n == 0 {
            c0
        } else if i.0 == 0 {
            Fx(c0.0 / i128::from(n))
        } else {
            // M = C0·i / (1 − (1+i)^−n) = C0·i·P / (P − 1), P = (1+i)^n.
            let p = Fx::ONE.plus(i).pow(n);
            c0.times(i).times(p).over(p.minus(Fx::ONE))
        };
        Segment {
            c0,
            n,
            i,
            installment,
        }
    }

    /// CRD_k = C0·(1+i)^k − M·((1+i)^k − 1)/i, after k installments (0 ≤ k ≤ n), never negative.
    fn outstanding(&self, k: u32) -> Fx {
        let k = k.min(self.n);
        if k == self.n {
            return Fx::ZERO;
        }
        let v = if self.i.0 == 0 {
            self.c0.minus(Fx(self.installment.0 * i128::from(k)))
        } else {
            let pk = Fx::ONE.plus(self.i).pow(k);
            self.c0
                .times(pk)
                .minus(self.installment.times(pk.minus(Fx::ONE)).over(self.i))
        };
        if v.0 < 0 {
            Fx::ZERO
        } else {
            v
        }
    }
}

impl Loan {
    /// Date of installment `k` (k ≥ 1): the first installment's day, k − 1 months later (end-of-month rule).
    pub fn installment_date(&self, k: u32) -> Date {
        let m = i32::try_from(k.saturating_sub(1)).unwrap_or(i32::MAX);
        self.first.add_months(m)
    }

    /// Date of the last scheduled installment.
    pub fn last_installment(&self) -> Date {
        self.installment_date(self.months.max(1))
    }

    /// Number of installments dated on or before `d` (0 … months).
    pub fn installments_through(&self, d: Date) -> u32 {
        if d < self.first {
            return 0;
        }
        let months =
            (d.year() - self.first.year()) * 12 + d.month() as i32 - self.first.month() as i32;
        let mut k = u32::try_from(months.max(0)).unwrap_or(0) + 1;
        while k > 0 && self.installment_date(k) > d {
            k -= 1;
        }
        k.min(self.months)
    }

    fn base(&self) -> Segment {
        Segment::new(Fx::int(self.amount.0), self.months, self.rate)
    }

    /// The segment after a partial repayment, and the number of installments before it.
    fn after_partial(&self) -> Option<(u32, Segment)> {
        let (d, out) = self.partial?;
        let kp = self.installments_through(d);
        if kp >= self.months {
            return None;
        }
        Some((
            kp,
            Segment::new(Fx::int(out.0), self.months - kp, self.rate),
        ))
    }

    /// Outstanding capital after `k` installments (exact, in cents with 18 decimals).
    pub fn outstanding_after(&self, k: u32) -> Fx {
        if let Some((kp, seg)) = self.after_partial() {
            if k >= kp {
                return seg.outstanding(k - kp);
            }
        }
        self.base().outstanding(k)
    }

    /// `outstanding_after(k)` for every k of `ks`, in order, each segment computed once.
    pub fn outstanding_each(&self, ks: impl Iterator<Item = u32>) -> Vec<Fx> {
        let partial = self.after_partial();
        let mut base: Option<Segment> = None;
        ks.map(|k| match partial {
            Some((kp, seg)) if k >= kp => seg.outstanding(k - kp),
            _ => base.get_or_insert_with(|| self.base()).outstanding(k),
        })
        .collect()
    }

    /// Σ_{k=from}^{to} CRD_{k−1}: the outstanding capital on which installments `from..=to` are insured.
    pub fn sum_outstanding_before(&self, from: u32, to: u32) -> Fx {
        let mut acc = Fx::ZERO;
        let to = to.min(self.months);
        if from == 0 || from > to {
            return acc;
        }
        // Recurrence CRD_k = CRD_{k−1}·(1+i) − M within a segment; restart at the partial repayment.
        let partial = self.after_partial();
        let mut k = from;
        while k <= to {
            let (seg, offset, end) = match partial {
                Some((kp, seg)) if k > kp => (seg, kp, to),
                Some((kp, _)) => (self.base(), 0, to.min(kp)),
                None => (self.base(), 0, to),
            };
            let mut crd = seg.outstanding(k - 1 - offset);
            let growth = Fx::ONE.plus(seg.i);
            while k <= end {
                acc = acc.plus(crd);
                crd = crd.times(growth).minus(seg.installment);
                if crd.0 < 0 {
                    crd = Fx::ZERO;
                }
                k += 1;
            }
        }
        acc
    }
}
