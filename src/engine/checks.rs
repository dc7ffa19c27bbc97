//! Plausibility and cross-field checks of one answer (`check_value`): stable problem codes the interface translates.

use super::date::Date;
use super::facts::{Answer, Answers, FactId, Value};
use super::money::{Cents, Percent, PERCENT_ONE};
use super::params;

/// What is wrong with a value: its stable [`ProblemCode`] and, where useful, the limit it crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub code: ProblemCode,
    /// A date limit (for example the latest or earliest acceptable date).
    pub limit_date: Option<Date>,
    /// An amount limit.
    pub limit_amount: Option<Cents>,
    /// A numeric limit (months, years, count, or millionths of a percent).
    pub limit_number: Option<i64>,
}

impl Problem {
    fn new(code: ProblemCode) -> Problem {
        Problem {
            code,
            limit_date: None,
            limit_amount: None,
            limit_number: None,
        }
    }
    fn date(code: ProblemCode, d: Date) -> Problem {
        Problem {
            limit_date: Some(d),
            ..Problem::new(code)
        }
    }
    fn amount(code: ProblemCode, c: Cents) -> Problem {
        Problem {
            limit_amount: Some(c),
            ..Problem::new(code)
        }
    }
    fn number(code: ProblemCode, n: i64) -> Problem {
        Problem {
            limit_number: Some(n),
            ..Problem::new(code)
        }
    }
    /// The stable snake_case code (`error.<code>`).
    pub fn code(&self) -> &'static str {
        self.code.code()
    }
}

super::codes::coded! {
    /// What is wrong with a value: the stable code of a [`Problem`] (`error.<code>` in the message files).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ProblemCode {
        /// The value's kind does not match the fact, or the option is not offered.
        WrongKind = "wrong_kind",
        /// "I don't know" is not an answer to this fact.
        UnknownNotAllowed = "unknown_not_allowed",
        /// A date after `as_of` where only past dates make sense (limit: `as_of`).
        DateInFuture = "date_in_future",
        /// A date older than any plausible one (limit: the oldest date accepted).
        DateTooOld = "date_too_old",
        /// A date before the offer's issue date (limit: that date).
        BeforeOfferIssue = "before_offer_issue",
        /// An offer signed within the legal reflection period after its issue (limit: the earliest day).
        TooSoonAfterIssue = "too_soon_after_issue",
        /// A date of the loan's life before the offer's signature (limit: that date).
        BeforeOfferSignature = "before_offer_signature",
        /// A date that must follow the payoff but does not (limit: the payoff date).
        NotAfterPayoff = "not_after_payoff",
        /// A first debit after the payoff too late for the number of debits said to have happened by `as_of`
        /// (limit: the latest first debit).
        TooLateForCount = "too_late_for_count",
        /// A partial repayment after the payoff (limit: the payoff date).
        AfterPayoff = "after_payoff",
        /// A payoff before the partial repayment (limit: its date).
        BeforePartialRepayment = "before_partial_repayment",
        /// A switch decision, start or end before its request (limit: the request date).
        BeforeSwitchRequest = "before_switch_request",
        /// An amount of zero where a positive one is needed.
        ZeroAmount = "zero_amount",
        /// A duration or rate of zero where a positive one is needed.
        ZeroValue = "zero_value",
        /// A duration beyond the longest loan (limit: months).
        TooLong = "too_long",
        /// A value beyond the plausible ceiling (limit: the ceiling).
        TooHigh = "too_high",
        /// An insured share over 100 % (limit: 100 %).
        ShareOver100 = "share_over_100",
        /// A birth date giving an implausible age (limit: the age).
        PersonTooOld = "person_too_old",
        /// A birth date of a person too young to borrow (limit: the age).
        PersonTooYoung = "person_too_young",
        /// An outstanding capital not below the amount borrowed (limit: that amount).
        NotBelowLoanAmount = "not_below_loan_amount",
        /// A premium after the cover's end not below the premium before (limit: that premium).
        NotBelowPremium = "not_below_premium",
        /// A number of insured persons other than 1 or 2 (limit: 2).
        InsuredCountOutOfRange = "insured_count_out_of_range",
    }
}

fn known_date(a: &Answers, f: FactId) -> Option<Date> {
    match a.get(f) {
        Some(Answer::Known(Value::Date(d))) => Some(d),
        _ => None,
    }
}

fn known_money(a: &Answers, f: FactId) -> Option<Cents> {
    match a.get(f) {
        Some(Answer::Known(Value::Money(c))) => Some(c),
        _ => None,
    }
}

/// Facts whose date may lie after `as_of` (planned events).
fn future_allowed(f: FactId) -> bool {
    matches!(
        f,
        FactId::OfferSignatureDate
            | FactId::FirstInstallmentDate
            | FactId::SwitchRequestedStart
            | FactId::CoverEndDate
            | FactId::LastInstallmentDate
    ) || super::switching::is_requested_start(f)
}

/// Checks one value against plausibility limits and the other answers, on `as_of`.
///
/// The interface calls it before storing an answer; [`crate::engine::evaluate`] ignores answers that fail it.
pub fn check_value(
    answers: &Answers,
    fact: FactId,
    value: &Value,
    as_of: Date,
) -> Result<(), Problem> {
    let kind_ok = matches!(
        (fact.kind(), value),
        (super::facts::FactKind::Date, Value::Date(_))
            | (super::facts::FactKind::Money, Value::Money(_))
            | (super::facts::FactKind::Percent, Value::Percent(_))
            | (super::facts::FactKind::Months, Value::Months(_))
            | (super::facts::FactKind::Count, Value::Count(_))
            | (super::facts::FactKind::YesNo, Value::YesNo(_))
    ) || matches!(value, Value::Month(_) if fact.allows_month())
        || matches!((fact.kind(), value), (super::facts::FactKind::Choice(o), Value::Choice(s)) if o.contains(s));
    if !kind_ok {
        return Err(Problem::new(ProblemCode::WrongKind));
    }
    match *value {
        Value::Date(d) => check_date(answers, fact, d, as_of),
        // A month is valid if any day of it is (it stands for its days); else the problem of its first day.
        Value::Month(m) => {
            // Through check_value, so check_date keeps its one call site (the wasm stays smaller).
            let day = |n| check_value(answers, fact, &Value::Date(m.day(n)), as_of);
            if (2..=m.day_count()).any(|n| day(n).is_ok()) {
                return Ok(());
            }
            day(1)
        }
        Value::Money(c) => check_money(answers, fact, c),
        Value::Percent(p) => check_percent(fact, p),
        Value::Months(n) => {
            if n == 0 {
                return Err(Problem::new(ProblemCode::ZeroValue));
            }
            if i64::from(n) > i64::from(params::MAX_LOAN_MONTHS) {
                return Err(Problem::number(
                    ProblemCode::TooLong,
                    i64::from(params::MAX_LOAN_MONTHS),
                ));
            }
            Ok(())
        }
        Value::Count(n) => {
            if fact == FactId::InsuredCount {
                if n == 0 || n > 2 {
                    return Err(Problem::number(ProblemCode::InsuredCountOutOfRange, 2));
                }
                return Ok(());
            }
            if n > params::MAX_COUNT {
                return Err(Problem::number(
                    ProblemCode::TooHigh,
                    i64::from(params::MAX_COUNT),
                ));
            }
            Ok(())
        }
        Value::YesNo(_) | Value::Choice(_) => Ok(()),
    }
}

fn check_date(a: &Answers, fact: FactId, d: Date, as_of: Date) -> Result<(), Problem> {
    if d > as_of && !future_allowed(fact) {
        return Err(Problem::date(ProblemCode::DateInFuture, as_of));
    }
    let oldest = as_of.add_years(-params::MAX_AGE_YEARS);
    if d < oldest {
        return Err(Problem::date(ProblemCode::DateTooOld, oldest));
    }
    let issue = known_date(a, FactId::OfferIssueDate);
    let signature = known_date(a, FactId::OfferSignatureDate);
    let payoff = known_date(a, FactId::PayoffDate);
    match fact {
        FactId::Person1BirthDate | FactId::Person2BirthDate => {
            let age = as_of.years_since(d);
            if age > params::MAX_AGE_YEARS {
                return Err(Problem::number(
                    ProblemCode::PersonTooOld,
                    i64::from(params::MAX_AGE_YEARS),
                ));
            }
            if age < params::MIN_AGE_YEARS {
                return Err(Problem::number(
                    ProblemCode::PersonTooYoung,
                    i64::from(params::MIN_AGE_YEARS),
                ));
            }
        }
        FactId::OfferSignatureDate => {
            if let Some(i) = issue {
                if d < i {
                    return Err(Problem::date(ProblemCode::BeforeOfferIssue, i));
                }
                let earliest = i.add_days(params::OFFER_ISSUE_BEFORE_SIGNATURE_DAYS);
                if d < earliest && real_estate(a) {
                    return Err(Problem::date(ProblemCode::TooSoonAfterIssue, earliest));
                }
            }
        }
        FactId::OfferIssueDate => {
            if let Some(s) = signature {
                if d > s {
                    return Err(Problem::date(ProblemCode::BeforeOfferIssue, s));
                }
                let latest = s.add_days(-params::OFFER_ISSUE_BEFORE_SIGNATURE_DAYS);
                if d > latest && real_estate(a) {
                    return Err(Problem::date(ProblemCode::TooSoonAfterIssue, latest));
                }
            }
        }
        FactId::FirstInstallmentDate => {
            if let Some(s) = signature.or(issue) {
                if d < s {
                    return Err(Problem::date(ProblemCode::BeforeOfferSignature, s));
                }
            }
        }
        FactId::PayoffDate
        | FactId::PartialRepaymentDate
        | FactId::LenderFeesDate
        | FactId::SwitchRequestDate
        | FactId::ClaimRefusalDate
        | FactId::CoverEndDate => {
            if let Some(s) = signature.or(issue) {
                if d < s {
                    return Err(Problem::date(ProblemCode::BeforeOfferSignature, s));
                }
            }
            if fact == FactId::PartialRepaymentDate {
                if let Some(p) = payoff {
                    if d > p {
                        return Err(Problem::date(ProblemCode::AfterPayoff, p));
                    }
                }
            }
            if fact == FactId::PayoffDate {
                if let Some(p) = known_date(a, FactId::PartialRepaymentDate) {
                    if d < p {
                        return Err(Problem::date(ProblemCode::BeforePartialRepayment, p));
                    }
                }
            }
        }
        FactId::FirstDebitAfterPayoff => {
            if let Some(p) = payoff {
                if d <= p {
                    return Err(Problem::date(ProblemCode::NotAfterPayoff, p));
                }
            }
            // The debits counted happened by `as_of`, a month apart: the first is at least n − 1 months before it
            // (the disputed after_payoff dossier, tests/cases/property_v4).
            if let Some(Answer::Known(Value::Count(n))) = a.get(FactId::DebitsAfterPayoff) {
                let later = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
                if n > 0 && d.add_months(later) > as_of {
                    return Err(Problem::date(
                        ProblemCode::TooLateForCount,
                        as_of.add_months(-later),
                    ));
                }
            }
        }
        FactId::PayoffNoticeDate => {
            if let Some(p) = payoff {
                if d < p {
                    return Err(Problem::date(ProblemCode::NotAfterPayoff, p));
                }
            }
        }
        FactId::SwitchDecisionDate | FactId::OldContractEndDate | FactId::SwitchRequestedStart => {
            if let Some(r) = known_date(a, FactId::SwitchRequestDate) {
                if d < r {
                    return Err(Problem::date(ProblemCode::BeforeSwitchRequest, r));
                }
            }
        }
        // The later requests of the switching history (switching owns `history_date_floor`).
        f if super::switching::is_later_request_date(f) => {
            if let Some(r) = super::switching::history_date_floor(a, f) {
                if d < r {
                    return Err(Problem::date(ProblemCode::BeforeSwitchRequest, r));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn real_estate(a: &Answers) -> bool {
    a.option(FactId::LoanKind) == Some(super::facts::option::LoanKind::RealEstate)
}

fn check_money(a: &Answers, fact: FactId, c: Cents) -> Result<(), Problem> {
    if c.0 < 0 {
        return Err(Problem::amount(ProblemCode::ZeroAmount, Cents::ZERO));
    }
    let may_be_zero = matches!(
        fact,
        FactId::SwitchOneOffFees
            | FactId::Person1OtherLoans
            | FactId::Person2OtherLoans
            | FactId::PremiumAfterCoverEnd
            | FactId::OutstandingAfterPartial
    );
    if c.0 == 0 && !may_be_zero {
        return Err(Problem::amount(ProblemCode::ZeroAmount, Cents::ZERO));
    }
    let ceiling = params::MAX_AMOUNT;
    if c > ceiling {
        return Err(Problem::amount(ProblemCode::TooHigh, ceiling));
    }
    match fact {
        FactId::OutstandingAfterPartial => {
            if let Some(l) = known_money(a, FactId::LoanAmount) {
                if c >= l {
                    return Err(Problem::amount(ProblemCode::NotBelowLoanAmount, l));
                }
            }
        }
        FactId::LoanAmount => {
            if let Some(o) = known_money(a, FactId::OutstandingAfterPartial) {
                if o >= c {
                    return Err(Problem::amount(ProblemCode::NotBelowLoanAmount, c));
                }
            }
        }
        FactId::PremiumAfterCoverEnd => {
            if let Some(p) = known_money(a, FactId::PremiumMonthly) {
                if c >= p {
                    return Err(Problem::amount(ProblemCode::NotBelowPremium, p));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_percent(fact: FactId, p: Percent) -> Result<(), Problem> {
    if p.0 < 0 {
        return Err(Problem::number(ProblemCode::ZeroValue, 0));
    }
    match fact {
        FactId::Person1Share | FactId::Person2Share => {
            if p.0 == 0 {
                return Err(Problem::number(ProblemCode::ZeroValue, 0));
            }
            if i128::from(p.0) > PERCENT_ONE {
                return Err(Problem::number(
                    ProblemCode::ShareOver100,
                    PERCENT_ONE as i64,
                ));
            }
        }
        FactId::LoanRate if p > params::MAX_LOAN_RATE => {
            return Err(Problem::number(
                ProblemCode::TooHigh,
                params::MAX_LOAN_RATE.0,
            ));
        }
        _ => {}
    }
    Ok(())
}

/// Dates of the loan's life that [`check_value`] refuses before the offer was signed (`before_offer_signature`).
const AFTER_OFFER: &[FactId] = &[
    FactId::FirstInstallmentDate,
    FactId::PayoffDate,
    FactId::PartialRepaymentDate,
    FactId::LenderFeesDate,
    FactId::SwitchRequestDate,
    FactId::ClaimRefusalDate,
    FactId::CoverEndDate,
];

/// The answers with every value that fails [`check_value`] removed (treated as not answered).
///
/// Decision (extends SPEC §2.17; issue 11 point 2): a date of the loan's life given before the offer's signature is
/// refused by the interface at the field (`before_offer_signature`), but the evaluation keeps both answers: each
/// claim reads the one it needs (the schedule runs on the first installment, the switching right on the offer),
/// so neither date can make the other one's claim lose its answer. Dropping one of the two would make an answer
/// the claim does not need change its result.
pub fn sanitised(answers: &Answers, as_of: Date) -> Answers {
    let mut out = answers.clone();
    for f in FactId::ALL {
        if let Some(Answer::Known(v)) = answers.get(*f) {
            if check_kept(answers, *f, &v, as_of).is_err() {
                out.set(*f, None);
            }
        }
    }
    out
}

/// The check [`sanitised`] applies to one value: [`check_value`], except that a date of the loan's life is not
/// compared with the offer's dates (see [`sanitised`]), nor the dates of a pair that would both fail (see
/// [`kept_basis`]).
pub fn check_kept(
    answers: &Answers,
    fact: FactId,
    value: &Value,
    as_of: Date,
) -> Result<(), Problem> {
    let r = match kept_basis(answers, fact) {
        Some(against) => check_value(&against, fact, value, as_of),
        None => check_value(answers, fact, value, as_of),
    };
    // Both offer dates are kept when the issue is less than 11 days before the signature (see `kept_basis`), and
    // when the signature is before the issue: the claims read such a pair one date at a time
    // (`claims::dispatch::evaluate_claim`).
    match r {
        Err(p) if p.code == ProblemCode::TooSoonAfterIssue => Ok(()),
        Err(p)
            if p.code == ProblemCode::BeforeOfferIssue
                && matches!(fact, FactId::OfferIssueDate | FactId::OfferSignatureDate) =>
        {
            Ok(())
        }
        r => r,
    }
}

/// The answers a value of `fact` is checked against by [`check_kept`], when they differ from `answers`.
///
/// Decision (engine_needed, issue 11 point 2): a pair of dates that would both fail their check against each other
/// is kept: an issue date less than 11 days before the signature (`too_soon_after_issue`, see [`check_kept`]), and
/// a payoff with a partial repayment after it. Dropping both made a dossier whose result either date alone decides
/// ask for them again; the evaluation keeps both and each claim reads the one it needs. A signature before the
/// issue is kept too (engine_needed seeds 2 and 10): the claims read that pair one date at a time
/// (`claims::dispatch::evaluate_claim`). The resolver still tries only values that pass [`check_value`], so an
/// unknown issue date is tried at least 11 days before the signature given, and the questionnaire asks what it
/// asked before.
fn kept_basis(answers: &Answers, fact: FactId) -> Option<Answers> {
    use FactId::{OfferIssueDate as Issue, OfferSignatureDate as Signed};
    use FactId::{PartialRepaymentDate as Partial, PayoffDate as Payoff};
    let other: &[FactId] = match fact {
        Payoff => &[Issue, Signed, Partial],
        Partial => &[Issue, Signed, Payoff],
        f if AFTER_OFFER.contains(&f) => &[Issue, Signed],
        _ => return None,
    };
    if other.iter().all(|f| answers.get(*f).is_none()) {
        return None;
    }
    let mut against = answers.clone();
    for f in other {
        against.set(*f, None);
    }
    Some(against)
}

/// The first answered value that fails [`check_value`], in questionnaire order.
pub fn first_problem(answers: &Answers, as_of: Date) -> Option<(FactId, Problem)> {
    FactId::ALL.iter().find_map(|f| match answers.get(*f) {
        Some(Answer::Known(v)) => check_value(answers, *f, &v, as_of).err().map(|p| (*f, p)),
        _ => None,
    })
}
