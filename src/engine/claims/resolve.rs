//! Deciding without a fact that cannot matter (SPEC §2.17, issue 11 points 2 and 5).
//!
//! A claim reads its facts through [`super::Ctx`], which records, in reading order, the facts it needed and did not
//! get ("open" facts: not answered, or "I don't know" when the claim could not decide). The first open fact is the
//! one the claim's verdict turns on. [`resolve`] tries every value that fact can take ([`candidates`]: both answers of
//! a yes/no, every option of a choice, a spread of amounts and counts, and for a date the bounds and every breakpoint
//! the rules know: the law's dates, the limitation boundaries of `as_of`, and the days around the other dates given),
//! a few levels deep. When every value gives a decided result (no fact still needed) and the same outcome (verdict,
//! low and high amounts, monthly accrual, interest, last day), the fact is not needed: the claim is decided without
//! it and it is not asked. When they disagree, the fact is needed: it stays in `missing` if unanswered; if the visitor answered
//! "I don't know", the claim is `needs_info`, names it in `unknown_needed`, and carries the low and high amounts over
//! those values when each of them gives a decided figure.
//!
//! Decision (extends SPEC §2.17): the values tried are a finite set chosen at the rules' breakpoints, not every
//! possible value; an amount that varies with the fact differs at the bounds, so it is caught, and a verdict can only
//! change at a breakpoint the rules compare against. Only the first open fact of each reading is explored, at most
//! [`DEPTH`] facts deep and [`BUDGET`] readings per claim; past that the fact counts as needed (the questionnaire
//! stays conservative). So the claims read their facts in the order that decides soonest: applicability, then the
//! dates that settle limitation, then the figures.

use super::Ctx;
use crate::engine::checks::check_value;
use crate::engine::date::Date;
use crate::engine::evaluation::{Amount, ClaimId, ClaimResult, Verdict};
use crate::engine::facts::{Answer, Answers, FactId, FactKind, Value};
use crate::engine::money::{Cents, Percent};
use crate::engine::params;

/// What must agree between two values of a fact for it not to matter.
#[derive(PartialEq, Eq, Debug)]
struct Outcome {
    verdict: Verdict,
    low: Option<Cents>,
    high: Option<Cents>,
    monthly: Option<Cents>,
    interest: Option<Option<Cents>>,
    last_day: Option<Date>,
    missing: Vec<FactId>,
    unknown_needed: Vec<FactId>,
    per_person: Vec<Verdict>,
}

fn outcome(r: &ClaimResult) -> Outcome {
    let mut missing = r.missing.clone();
    crate::sort::sort(&mut missing);
    let mut unknown_needed = r.unknown_needed.clone();
    crate::sort::sort(&mut unknown_needed);
    Outcome {
        verdict: r.verdict,
        low: r.amount.map(|a| a.low),
        high: r.amount.map(|a| a.high),
        monthly: r.amount.and_then(|a| a.monthly_accrual),
        interest: r.amount.and_then(|a| a.interest).map(|i| i.amount),
        last_day: r.last_day,
        missing,
        unknown_needed,
        per_person: r.per_person.iter().map(|p| p.verdict).collect(),
    }
}

/// A claim's result on its raw reading, with the facts it needed and did not get, in reading order.
pub(super) struct Raw {
    pub result: ClaimResult,
    pub open: Vec<FactId>,
}

pub(super) fn raw(claim: ClaimId, answers: &Answers, as_of: Date) -> Raw {
    let mut cx = Ctx::new(answers, as_of);
    let mut r = super::dispatch(claim, &mut cx);
    r.claim = claim;
    r.reasons.extend(cx.notes.iter().copied());
    r.missing = cx.missing.clone();
    // "I don't know" only leaves the claim open when it could not decide.
    let open: Vec<FactId> = cx
        .read
        .iter()
        .copied()
        .filter(|f| match answers.get(*f) {
            None => true,
            Some(Answer::Unknown) => r.verdict == Verdict::NeedsInfo,
            Some(Answer::Known(_)) => false,
        })
        .collect();
    Raw { result: r, open }
}

/// How many facts deep [`resolve`] looks, and how many raw evaluations one claim may cost.
const DEPTH: u32 = 3;
const BUDGET: u32 = 400;

/// The claim decided as far as the answers allow (see the module documentation).
pub(super) fn resolve(claim: ClaimId, answers: &Answers, as_of: Date) -> ClaimResult {
    let mut budget = BUDGET;
    resolve_at(claim, answers, as_of, DEPTH, &mut budget)
}

fn decided(r: &ClaimResult) -> bool {
    r.missing.is_empty() && r.unknown_needed.is_empty()
}

fn resolve_at(
    claim: ClaimId,
    answers: &Answers,
    as_of: Date,
    depth: u32,
    budget: &mut u32,
) -> ClaimResult {
    *budget = budget.saturating_sub(1);
    let Raw { result: r, open } = raw(claim, answers, as_of);
    let Some(&f) = open.first() else {
        return r;
    };
    if depth == 0 || *budget == 0 {
        return r;
    }
    let unknown = answers.get(f) == Some(Answer::Unknown);
    let cands = candidates(f, answers, as_of);
    if cands.len() < 2 {
        return r;
    }
    // Not needed only if every value gives a decided result, all the same. Stop at the first value that leaves the
    // claim open (or, for a fact not answered, that disagrees): the fact is needed.
    let mut subs: Vec<ClaimResult> = Vec::with_capacity(cands.len());
    let mut agree = true;
    for v in &cands {
        if *budget == 0 {
            return mark_unknown(r, f, unknown, None);
        }
        let mut a = answers.clone();
        a.set(f, Some(Answer::Known(*v)));
        let s = resolve_at(claim, &a, as_of, depth - 1, budget);
        if !decided(&s) {
            return mark_unknown(r, f, unknown, None);
        }
        if let Some(first) = subs.first() {
            if outcome(first) != outcome(&s) {
                agree = false;
                if !unknown {
                    return r;
                }
            }
        }
        subs.push(s);
    }
    if agree {
        return common(subs);
    }
    // "I don't know" and the values disagree: needs_info, with the range over those values where it means something
    // (a yes/no, a choice, a date: bounded by the rules; an amount or a count tried at a few sizes is not a range).
    let ranged = matches!(
        f.kind(),
        FactKind::YesNo | FactKind::Choice(_) | FactKind::Date
    );
    let range = if ranged && subs.iter().all(decided) {
        range(&subs)
    } else {
        None
    };
    mark_unknown(r, f, unknown, range)
}

/// A needed fact: when it was answered "I don't know", the claim is `needs_info` and names it.
fn mark_unknown(
    mut r: ClaimResult,
    f: FactId,
    unknown: bool,
    range: Option<Amount>,
) -> ClaimResult {
    if unknown {
        r.verdict = Verdict::NeedsInfo;
        if !r.unknown_needed.contains(&f) {
            r.unknown_needed.push(f);
        }
        if range.is_some() {
            r.amount = range;
        }
    }
    r
}

/// The low and high amounts over the values tried (a value giving no amount counts as zero).
fn range(subs: &[ClaimResult]) -> Option<Amount> {
    let with: Vec<Amount> = subs.iter().filter_map(|s| s.amount).collect();
    let base = *with.first()?;
    let none = with.len() < subs.len();
    let low = if none {
        Cents::ZERO
    } else {
        with.iter().map(|a| a.low).min().unwrap_or(Cents::ZERO)
    };
    let high = with.iter().map(|a| a.high).max().unwrap_or(Cents::ZERO);
    Some(Amount {
        low,
        high,
        interest: None,
        contested_high: with.iter().filter_map(|a| a.contested_high).max(),
        monthly_accrual: None,
        ..base
    })
}

/// The result every value agrees on: the first one, keeping only the reasons, documents, references and details they
/// all share (a detail that depends on the value tried is not shown).
fn common(mut subs: Vec<ClaimResult>) -> ClaimResult {
    let mut r = subs.remove(0);
    for s in &subs {
        r.reasons.retain(|x| s.reasons.contains(x));
        r.documents.retain(|x| s.documents.contains(x));
        r.references.retain(|x| s.references.contains(x));
        r.details.retain(|x| s.details.contains(x));
        if r.amount != s.amount {
            if let (Some(a), Some(b)) = (r.amount.as_mut(), s.amount) {
                if a.contested_high != b.contested_high {
                    a.contested_high = match (a.contested_high, b.contested_high) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        (x, y) => x.or(y),
                    };
                }
                if a.interest != b.interest {
                    a.interest = None;
                }
            }
        }
        for (p, q) in r.per_person.iter_mut().zip(&s.per_person) {
            p.reasons.retain(|x| q.reasons.contains(x));
            if p.insured_outstanding != q.insured_outstanding {
                p.insured_outstanding = None;
            }
            if p.age_limit_birthday != q.age_limit_birthday {
                p.age_limit_birthday = None;
            }
        }
    }
    r
}

/// The law's dates (every `date` parameter of `law.csv`).
fn law_dates() -> impl Iterator<Item = Date> {
    params::PARAMS
        .iter()
        .filter(|p| p.kind == "date")
        .filter_map(|p| Date::parse_iso(p.value))
}

/// The values tried for `f`, each accepted by [`check_value`] against the other answers.
pub(super) fn candidates(f: FactId, answers: &Answers, as_of: Date) -> Vec<Value> {
    let raw: Vec<Value> = match f.kind() {
        FactKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactKind::Choice(opts) => opts.iter().map(|o| Value::Choice(o)).collect(),
        FactKind::Count => [0u32, 1, 12, 60, 240]
            .iter()
            .map(|n| Value::Count(*n))
            .collect(),
        FactKind::Months => [12u32, 60, 180, 300, 420]
            .iter()
            .map(|n| Value::Months(*n))
            .collect(),
        FactKind::Money => [0i64, 1_000, 5_000, 20_000, 1_000_000, 40_000_000]
            .iter()
            .map(|c| Value::Money(Cents(*c)))
            .collect(),
        FactKind::Percent => [0i64, 100_000, 1_500_000, 4_000_000, 50_000_000, 100_000_000]
            .iter()
            .map(|p| Value::Percent(Percent(*p)))
            .collect(),
        FactKind::Date => date_candidates(answers, as_of)
            .into_iter()
            .map(Value::Date)
            .collect(),
    };
    let mut out: Vec<Value> = Vec::with_capacity(raw.len());
    for v in raw {
        if check_value(answers, f, &v, as_of).is_ok() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn date_candidates(answers: &Answers, as_of: Date) -> Vec<Date> {
    let mut v: Vec<Date> = Vec::with_capacity(64);
    // The search bounds: the oldest plausible date and the longest plausible loan ahead (product.csv).
    let lo = as_of.add_years(-params::MAX_AGE_YEARS);
    let hi = as_of.add_months(params::MAX_LOAN_MONTHS);
    v.extend([lo, hi, as_of, as_of.add_days(1), as_of.add_days(-1)]);
    let five = as_of.add_years(-params::PRESCRIPTION_YEARS);
    let twenty = as_of.add_years(-params::LONG_STOP_YEARS);
    for b in [five, twenty] {
        v.extend([b.add_days(-1), b, b.add_days(1)]);
    }
    for d in law_dates() {
        v.extend([d.add_days(-1), d]);
    }
    for f in FactId::ALL {
        if let Some(Answer::Known(Value::Date(d))) = answers.get(*f) {
            v.extend([
                d.add_days(-1),
                d,
                d.add_days(1),
                d.add_months(1),
                d.add_months(-1),
                d.add_years(1),
            ]);
        }
    }
    crate::sort::sort(&mut v);
    v.dedup();
    v
}
