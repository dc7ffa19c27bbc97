//! Refunds of repeated undue debits: splitting them by limitation (SPEC §2.4), statutory interest from each payment
//! or from the demand (SPEC §2.6), the refund amount and its verdict, and a schedule's installment dates.

use super::Ctx;
use crate::engine::codes::{document, reason};
use crate::engine::date::Date;
use crate::engine::evaluation::{
    Amount, AmountKind, ClaimResult, Interest, InterestStart, Verdict,
};
use crate::engine::interest::{rate_on, rate_period_on, statutory_interest};
use crate::engine::limitation;
use crate::engine::money::{Cents, Percent};

/// Repeated undue debits, split by limitation (SPEC §2.4).
pub(crate) struct Debits {
    /// Debits still within 5 years: (date, undue part).
    pub alive: Vec<(Date, Cents)>,
    /// Sum of `alive`.
    pub certain: Cents,
    /// Sum of the barred debits still within the 20-year long stop.
    pub contested: Cents,
    /// Number of barred debits.
    pub barred: usize,
    /// Earliest last day among `alive`.
    pub last_day: Option<Date>,
    /// The latest last day among the barred debits (the day the claim ran out, when all are barred).
    pub barred_last_day: Option<Date>,
}

pub(crate) fn split_debits(debits: &[(Date, Cents)], as_of: Date) -> Debits {
    let mut d = Debits {
        alive: Vec::new(),
        certain: Cents::ZERO,
        contested: Cents::ZERO,
        barred: 0,
        last_day: None,
        barred_last_day: None,
    };
    for &(date, amount) in debits {
        if amount.0 <= 0 {
            continue;
        }
        if limitation::is_barred(date, as_of) {
            d.barred += 1;
            let last = limitation::last_day(date);
            d.barred_last_day = Some(d.barred_last_day.map_or(last, |x: Date| x.max(last)));
            if limitation::within_long_stop(date, as_of) {
                d.contested += amount;
            }
        } else {
            d.alive.push((date, amount));
            d.certain += amount;
            let last = limitation::last_day(date);
            d.last_day = Some(d.last_day.map_or(last, |x: Date| x.min(last)));
        }
    }
    d
}

/// Statutory interest on refunds: from each payment the payee knew was undue (`told`), else from the demand.
/// Reads the demand date only when needed (it changes the interest amount).
pub(crate) fn refund_interest(
    cx: &mut Ctx,
    alive: &[(Date, Cents)],
    told: impl Fn(Date) -> bool,
) -> Option<Interest> {
    if alive.is_empty() {
        return None;
    }
    let as_of = cx.as_of;
    let rate = rate_on(as_of).unwrap_or(Percent(0));
    let all_told = alive.iter().all(|(d, _)| told(*d));
    let demand = if all_told { None } else { cx.demand() };
    let mut sums: Vec<(Cents, Date)> = Vec::with_capacity(alive.len());
    for &(d, c) in alive {
        if told(d) {
            sums.push((c, d));
        } else if let Some(dd) = demand {
            sums.push((c, dd.max(d)));
        } else {
            return Some(Interest {
                amount: None,
                provisional: false,
                rate,
                from: None,
                to: as_of,
                start: InterestStart::NotStarted,
                known_amount: None,
                known_until: None,
                rate_period: rate_period_on(as_of),
            });
        }
    }
    let start = if all_told {
        InterestStart::EachPayment
    } else {
        InterestStart::Demand
    };
    Some(interest_on(&sums, as_of, start, rate))
}

pub(crate) fn interest_on(
    sums: &[(Cents, Date)],
    as_of: Date,
    start: InterestStart,
    rate: Percent,
) -> Interest {
    let fig = statutory_interest(sums, as_of);
    let from = sums.iter().map(|(_, d)| *d).min();
    if fig.before_table {
        return Interest {
            amount: None,
            provisional: false,
            rate,
            from,
            to: as_of,
            start,
            known_amount: None,
            known_until: None,
            rate_period: rate_period_on(as_of),
        };
    }
    Interest {
        amount: Some(fig.amount),
        provisional: fig.provisional,
        rate,
        from,
        to: as_of,
        start,
        known_amount: Some(fig.known_amount),
        known_until: Some(fig.known_until),
        rate_period: rate_period_on(as_of),
    }
}

/// Interest reasons for a refund.
pub(crate) fn interest_reasons(r: &mut ClaimResult, i: &Option<Interest>) {
    if let Some(i) = i {
        if i.start == InterestStart::Demand {
            r.documents.push(document::DEMAND_LETTER_COPY);
        }
        r.reasons.push(match i.start {
            InterestStart::EachPayment => reason::INTEREST_FROM_EACH_PAYMENT,
            InterestStart::Demand => reason::INTEREST_FROM_DEMAND,
            InterestStart::NotStarted => reason::INTEREST_RATE_ONLY,
        });
        if i.provisional {
            r.reasons.push(reason::INTEREST_PROVISIONAL);
        }
        if i.amount.is_none() && i.start != InterestStart::NotStarted {
            r.reasons.push(reason::INTEREST_BEFORE_RATE_TABLE);
        }
    }
}

/// A refund amount from split debits.
pub(crate) fn refund_amount(
    d: &Debits,
    interest: Option<Interest>,
    monthly: Option<Cents>,
) -> Amount {
    Amount {
        kind: AmountKind::Refund,
        low: d.certain,
        high: d.certain,
        interest,
        contested_high: if d.contested.0 > 0 {
            Some(d.contested)
        } else {
            None
        },
        monthly_accrual: monthly.filter(|m| m.0 > 0),
        estimate_uses_defaults: false,
    }
}

/// Applies the limitation outcome of repeated debits to a result: eligible, or time-barred, or nothing to claim.
pub(crate) fn debits_verdict(r: &mut ClaimResult, d: &Debits, as_of: Date) {
    if d.certain.0 > 0 {
        r.verdict = Verdict::Eligible;
        r.last_day = d.last_day;
        r.reasons.push(reason::LETTER_DOES_NOT_STOP_CLOCK);
        if d.barred > 0 {
            r.reasons.push(reason::PARTLY_TIME_BARRED);
        }
    } else if d.barred > 0 {
        r.verdict = Verdict::TimeBarred;
        // A last day on every verdict where a limitation applies (issue 11 point 6): the day it ran out.
        r.last_day = d.barred_last_day;
        r.reasons.push(reason::LIMITATION_PASSED);
    } else {
        r.verdict = Verdict::NotEligible;
        r.reasons.push(reason::NO_DEBIT_IN_PERIOD);
    }
    if d.contested.0 > 0 {
        r.reasons.push(reason::CONTESTED_LATER_DISCOVERY);
    }
    let _ = as_of;
}

/// The installment dates between `from` and `to` (both included) of a schedule whose first installment is `first`,
/// at most `limit` installments from the first.
pub(crate) fn monthly_dates(first: Date, from: Date, to: Date, limit: u32) -> Vec<Date> {
    let mut v = Vec::new();
    if to < from {
        return v;
    }
    let start_month =
        (from.year() - first.year()) * 12 + from.month() as i32 - first.month() as i32;
    let mut m = (start_month - 1).max(0);
    let limit = i32::try_from(limit).unwrap_or(i32::MAX);
    while m < limit {
        let d = first.add_months(m);
        if d > to || d == Date::MAX {
            break;
        }
        if d >= from {
            v.push(d);
        }
        m += 1;
    }
    v
}
