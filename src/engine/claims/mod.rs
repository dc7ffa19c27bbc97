//! One module per claim of SPEC §1, plus the reading context that records which unanswered facts a verdict needs.

mod after_cover_end;
mod after_payoff;
mod double_premium;
mod duty_to_advise;
mod lender_fees;
mod medical_questionnaire;
mod profit_sharing;
mod refused_switch;
mod resolve;
mod switch_savings;
mod wrong_basis;

use super::codes::{detail::DetailId, document::Document, reason, reason::Reason};
use super::date::Date;
use super::evaluation::{
    Amount, AmountKind, ClaimId, ClaimResult, Detail, DetailValue, Interest, InterestStart, Verdict,
};
use super::facts::{Answer, Answers, FactId, Value};
use super::interest::{rate_on, rate_period_on, statutory_interest};
use super::limitation;
use super::loan::Loan;
use super::money::{Cents, Percent};
use super::params::LegalRef;
use super::switching::{switching_right_with, LoanKind, SwitchingRight, SwitchingVerdict};

/// Runs the claim's own rules on the answers as they are (see [`resolve`] for the deciding layer on top).
pub(crate) fn dispatch(claim: ClaimId, cx: &mut Ctx) -> ClaimResult {
    match claim {
        ClaimId::ProfitSharing => profit_sharing::evaluate(cx),
        ClaimId::AfterPayoff => after_payoff::evaluate(cx),
        ClaimId::AfterCoverEnd => after_cover_end::evaluate(cx),
        ClaimId::WrongBasis => wrong_basis::evaluate(cx),
        ClaimId::LenderFees => lender_fees::evaluate(cx),
        ClaimId::DoublePremium => double_premium::evaluate(cx),
        ClaimId::RefusedSwitch => refused_switch::evaluate(cx),
        ClaimId::DutyToAdvise => duty_to_advise::evaluate(cx),
        ClaimId::SwitchSavings => switch_savings::evaluate(cx),
        ClaimId::MedicalQuestionnaire => medical_questionnaire::evaluate(cx),
    }
}

/// Evaluates one claim on sanitised answers, deciding without the facts that cannot change it.
pub(crate) fn evaluate_claim(claim: ClaimId, answers: &Answers, as_of: Date) -> ClaimResult {
    let mut r = resolve::resolve(claim, answers, as_of);
    r.claim = claim;
    if r.verdict == Verdict::NeedsInfo
        && !(r.missing.is_empty() && r.unknown_needed.is_empty())
        && !r.reasons.contains(&reason::FACTS_MISSING)
    {
        r.reasons.push(reason::FACTS_MISSING);
    }
    if r.verdict != Verdict::NeedsInfo {
        r.reasons.retain(|x| *x != reason::FACTS_MISSING);
    }
    dedup(&mut r.reasons);
    dedup(&mut r.documents);
    let mut refs: Vec<LegalRef> = Vec::new();
    for x in r.references.drain(..) {
        if !refs.contains(&x) {
            refs.push(x);
        }
    }
    r.references = refs;
    r.urgent = false;
    if let Some(last) = r.last_day {
        r.urgent = matches!(r.verdict, Verdict::Eligible | Verdict::NeedsInfo)
            && limitation::is_urgent(last, as_of);
    }
    r
}

fn dedup<T: Copy + PartialEq>(v: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(v.len());
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
}

/// The switching right on `as_of`, when the loan kind is known.
pub(crate) fn switching_now(answers: &Answers, as_of: Date) -> Option<SwitchingVerdict> {
    let mut cx = Ctx::new(answers, as_of);
    let kind = cx.peek_loan_kind()?;
    // The switching right of a running loan only (issue 11 point 4): a loan that is over has none.
    if let Got::Known(Status::Closed(_)) = cx.status() {
        return Some(SwitchingVerdict {
            right: SwitchingRight::None,
            reasons: vec![reason::LOAN_CLOSED],
            references: Vec::new(),
            hamon_until: None,
        });
    }
    Some(switching_right_with(
        kind,
        cx.peek_date(FactId::OfferIssueDate),
        cx.peek_date(FactId::OfferSignatureDate),
        as_of,
    ))
}

/// An answer as read by a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Got<T> {
    Known(T),
    Unknown,
    Absent,
}

impl<T> Got<T> {
    /// An `Unknown` or `Absent` of another type (panics on nothing: a `Known` becomes `Absent`).
    pub(crate) fn map_never<U>(self) -> Got<U> {
        match self {
            Got::Unknown => Got::Unknown,
            _ => Got::Absent,
        }
    }
    pub(crate) fn known(self) -> Option<T> {
        match self {
            Got::Known(v) => Some(v),
            _ => None,
        }
    }
}

/// Whether a loan is still running on `as_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Running,
    /// Closed on that date (repaid early, or last installment paid), if known.
    Closed(Option<Date>),
}

/// Reads answers for one claim and records the unanswered facts the claim needed.
pub(crate) struct Ctx<'a> {
    a: &'a Answers,
    pub(crate) as_of: Date,
    pub(crate) missing: Vec<FactId>,
    /// Every fact read, in reading order (answered or not).
    pub(crate) read: Vec<FactId>,
    /// Reasons the reading helpers add to the claim's result (premium from a rate, demand not sent…).
    pub(crate) notes: Vec<Reason>,
}

macro_rules! typed {
    ($need:ident, $peek:ident, $variant:ident, $ty:ty) => {
        pub(crate) fn $need(&mut self, f: FactId) -> Got<$ty> {
            match self.need(f) {
                Got::Known(Value::$variant(x)) => Got::Known(x),
                Got::Known(_) => Got::Absent,
                Got::Unknown => Got::Unknown,
                Got::Absent => Got::Absent,
            }
        }
        #[allow(dead_code)]
        pub(crate) fn $peek(&self, f: FactId) -> Option<$ty> {
            match self.a.get(f) {
                Some(Answer::Known(Value::$variant(x))) => Some(x),
                _ => None,
            }
        }
    };
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(a: &'a Answers, as_of: Date) -> Ctx<'a> {
        Ctx {
            a,
            as_of,
            // Sized for a claim's usual reading, so the resolver's many readings do not grow them.
            missing: Vec::with_capacity(8),
            read: Vec::with_capacity(24),
            notes: Vec::new(),
        }
    }

    /// Reads `f`; when not answered, records it as missing.
    pub(crate) fn need(&mut self, f: FactId) -> Got<Value> {
        if !self.read.contains(&f) {
            self.read.push(f);
        }
        match self.a.get(f) {
            None => {
                if !self.missing.contains(&f) {
                    self.missing.push(f);
                }
                Got::Absent
            }
            Some(Answer::Unknown) => Got::Unknown,
            Some(Answer::Known(v)) => Got::Known(v),
        }
    }

    typed!(date, peek_date, Date, Date);

    /// Reads a date the answers check against another one (a switch decision, start or old contract's end on or
    /// after its request): one that fails that check counts as not given, as [`crate::engine::checks::sanitised`]
    /// drops it. The resolver sets the values it tries without sanitising again, so a claim whose result depends
    /// on such a pair reads it here: a request date tried after the decision given then leaves the decision
    /// missing, as it would be on the visitor's answers.
    pub(crate) fn checked_date(&mut self, f: FactId) -> Got<Date> {
        let got = self.date(f);
        if let Got::Known(_) = got {
            // What the check compares against decides whether the date counts: read too (asked when not given).
            for b in super::switching::history_date_basis(self.a, f) {
                let _ = self.need(*b);
            }
        }
        match got {
            Got::Known(d)
                if crate::engine::checks::check_kept(self.a, f, &Value::Date(d), self.as_of)
                    .is_err() =>
            {
                if !self.missing.contains(&f) {
                    self.missing.push(f);
                }
                Got::Absent
            }
            g => g,
        }
    }
    typed!(money, peek_money, Money, Cents);
    typed!(percent, peek_percent, Percent, Percent);
    typed!(months, peek_months, Months, u32);
    typed!(count, peek_count, Count, u32);
    typed!(yes_no, peek_yes_no, YesNo, bool);
    typed!(choice, peek_choice, Choice, &'static str);

    pub(crate) fn loan_kind(&mut self) -> Got<LoanKind> {
        match self.choice(FactId::LoanKind) {
            Got::Known("consumer") => Got::Known(LoanKind::Consumer),
            Got::Known(_) => Got::Known(LoanKind::RealEstate),
            Got::Unknown => Got::Unknown,
            Got::Absent => Got::Absent,
        }
    }

    pub(crate) fn peek_loan_kind(&self) -> Option<LoanKind> {
        match self.peek_choice(FactId::LoanKind)? {
            "consumer" => Some(LoanKind::Consumer),
            _ => Some(LoanKind::RealEstate),
        }
    }

    /// Reads several facts, recording each missing one; the worst state wins (Absent > Unknown > Known).
    pub(crate) fn all<const N: usize>(&mut self, facts: [FactId; N]) -> Got<[Value; N]> {
        let got: Vec<Got<Value>> = facts.iter().map(|f| self.need(*f)).collect();
        if got.contains(&Got::Absent) {
            return Got::Absent;
        }
        if got.contains(&Got::Unknown) {
            return Got::Unknown;
        }
        let vals: Vec<Value> = got.into_iter().filter_map(|g| g.known()).collect();
        match vals.try_into() {
            Ok(a) => Got::Known(a),
            Err(_) => Got::Absent,
        }
    }

    /// The scheduled last installment: from the first installment date and the duration, else (when either is
    /// "I don't know") whether the loan ran to term and its last installment date (issue 11 point 1). A loan that did
    /// not run to term with an unknown schedule gives `Unknown` (see [`Ctx::status`]).
    pub(crate) fn loan_end(&mut self) -> Got<Date> {
        let first = self.date(FactId::FirstInstallmentDate);
        let months = if first == Got::Unknown {
            Got::Unknown
        } else {
            self.months(FactId::LoanMonths)
        };
        match (first, months) {
            (Got::Known(f), Got::Known(m)) => {
                return Got::Known(f.add_months(i32::try_from(m.max(1) - 1).unwrap_or(0)))
            }
            (Got::Absent, _) | (_, Got::Absent) => return Got::Absent,
            _ => {}
        }
        match self.yes_no(FactId::LoanEnded) {
            Got::Known(false) => Got::Unknown,
            Got::Absent => Got::Absent,
            _ => self.date(FactId::LastInstallmentDate),
        }
    }

    /// The loan is known to run still although its end date is not known.
    pub(crate) fn running_without_schedule(&self) -> bool {
        self.peek_yes_no(FactId::LoanEnded) == Some(false)
            && (self.a.get(FactId::FirstInstallmentDate) == Some(Answer::Unknown)
                || self.a.get(FactId::LoanMonths) == Some(Answer::Unknown))
    }

    /// Whether the loan still runs on `as_of`: repaid early, or past its last installment.
    pub(crate) fn status(&mut self) -> Got<Status> {
        match self.yes_no(FactId::RepaidEarly) {
            Got::Absent => Got::Absent,
            Got::Unknown => Got::Unknown,
            Got::Known(true) => match self.date(FactId::PayoffDate) {
                Got::Known(d) if d <= self.as_of => Got::Known(Status::Closed(Some(d))),
                Got::Known(_) => Got::Known(Status::Running),
                _ => Got::Known(Status::Closed(None)),
            },
            Got::Known(false) => match self.loan_end() {
                Got::Known(end) if end <= self.as_of => Got::Known(Status::Closed(Some(end))),
                Got::Known(_) => Got::Known(Status::Running),
                Got::Unknown if self.running_without_schedule() => Got::Known(Status::Running),
                Got::Unknown if self.peek_yes_no(FactId::LoanEnded) == Some(true) => {
                    Got::Known(Status::Closed(None))
                }
                Got::Unknown => Got::Unknown,
                Got::Absent => Got::Absent,
            },
        }
    }

    /// The last day premiums are due (the payoff date if repaid early, else the last installment), reading what
    /// it needs: a claim that depends on it records the facts as needed.
    pub(crate) fn premiums_end(&mut self) -> Option<Date> {
        match self.yes_no(FactId::RepaidEarly) {
            Got::Known(true) => self.date(FactId::PayoffDate).known(),
            Got::Known(false) => self.loan_end().known(),
            _ => None,
        }
    }

    /// The date of the visitor's written demand: a date given (answers v1 documents), else whether a demand was sent
    /// ("not sent yet" is an answer: interest will run from the demand) and then its date.
    pub(crate) fn demand(&mut self) -> Option<Date> {
        match self.a.get(FactId::DemandDate) {
            Some(Answer::Known(Value::Date(d))) => return Some(d),
            Some(_) => return None,
            None => {}
        }
        match self.yes_no(FactId::DemandSent) {
            Got::Known(true) => self.date(FactId::DemandDate).known(),
            Got::Known(false) => {
                self.notes.push(reason::DEMAND_NOT_SENT);
                None
            }
            _ => None,
        }
    }

    /// The last day premiums are due, peeked (not required): for displays that must not ask anything.
    pub(crate) fn peek_premiums_end(&self) -> Option<Date> {
        if self.peek_yes_no(FactId::RepaidEarly) == Some(true) {
            return self.peek_date(FactId::PayoffDate);
        }
        if let (Some(first), Some(months)) = (
            self.peek_date(FactId::FirstInstallmentDate),
            self.peek_months(FactId::LoanMonths),
        ) {
            return Some(first.add_months(i32::try_from(months.max(1) - 1).unwrap_or(0)));
        }
        self.peek_date(FactId::LastInstallmentDate)
    }

    /// The monthly premium: in euros as debited, or (when that is "I don't know") from a yearly rate of the amount
    /// borrowed: C0 × rate / 12, rounded once to the cent (SPEC §3; the first premium of a contract on the
    /// outstanding capital is on C0 too).
    pub(crate) fn premium(&mut self) -> Got<Cents> {
        match self.money(FactId::PremiumMonthly) {
            Got::Unknown => {}
            g => return g,
        }
        let rate = match self.percent(FactId::PremiumRate) {
            Got::Known(r) => r,
            g => return g.map_never(),
        };
        match self.money(FactId::LoanAmount) {
            Got::Known(c) => {
                self.notes.push(reason::PREMIUM_FROM_RATE);
                Got::Known(super::money::to_cents(super::money::div_round(
                    i128::from(c.0) * i128::from(rate.0),
                    super::money::PERCENT_ONE * 12,
                )))
            }
            g => g,
        }
    }

    /// The loan's schedule (amount, duration, rate, first installment, and a partial repayment if any).
    pub(crate) fn loan(&mut self) -> Got<Loan> {
        // Without the first installment date there is no schedule: the other figures are not asked for it.
        if self.a.get(FactId::FirstInstallmentDate) == Some(Answer::Unknown) {
            let _ = self.need(FactId::FirstInstallmentDate);
            return Got::Unknown;
        }
        let vals = self.all([
            FactId::LoanAmount,
            FactId::LoanMonths,
            FactId::LoanRate,
            FactId::FirstInstallmentDate,
        ]);
        let partial = match self.yes_no(FactId::PartialRepayment) {
            Got::Known(true) => {
                match self.all([
                    FactId::PartialRepaymentDate,
                    FactId::OutstandingAfterPartial,
                ]) {
                    Got::Known([Value::Date(d), Value::Money(o)]) => Got::Known(Some((d, o))),
                    Got::Unknown => Got::Unknown,
                    _ => Got::Absent,
                }
            }
            Got::Known(false) => Got::Known(None),
            Got::Unknown => Got::Unknown,
            Got::Absent => Got::Absent,
        };
        match (vals, partial) {
            (
                Got::Known(
                    [Value::Money(amount), Value::Months(months), Value::Percent(rate), Value::Date(first)],
                ),
                Got::Known(partial),
            ) => Got::Known(Loan {
                amount,
                months,
                rate,
                first,
                partial,
            }),
            (Got::Absent, _) | (_, Got::Absent) => Got::Absent,
            _ => Got::Unknown,
        }
    }

    /// The switching right on `on`; when it is uncertain, records the offer date that would settle it.
    pub(crate) fn right_on(&mut self, kind: LoanKind, on: Date) -> SwitchingVerdict {
        let v = switching_right_with(
            kind,
            self.peek_date(FactId::OfferIssueDate),
            self.peek_date(FactId::OfferSignatureDate),
            on,
        );
        if v.right == SwitchingRight::Uncertain {
            if v.reasons.contains(&reason::OFFER_ISSUE_DATE_NEEDED) {
                let _ = self.need(FactId::OfferIssueDate);
            }
            if v.reasons.contains(&reason::OFFER_SIGNATURE_DATE_NEEDED) {
                let _ = self.need(FactId::OfferSignatureDate);
            }
        }
        v
    }
}

/// A result under construction.
pub(crate) fn result(verdict: Verdict) -> ClaimResult {
    // The claim id is set by `evaluate_claim`.
    ClaimResult::new(ClaimId::ProfitSharing, verdict)
}

/// `needs_info` because a fact is missing or unknown.
pub(crate) fn needs(got_unknown: bool, docs: &[Document], refs: &[LegalRef]) -> ClaimResult {
    let mut r = result(Verdict::NeedsInfo);
    if got_unknown {
        r.reasons.push(reason::ANSWER_UNKNOWN);
    }
    r.documents.extend_from_slice(docs);
    r.references.extend_from_slice(refs);
    r
}

/// `not_applicable` with one reason.
pub(crate) fn not_applicable(reason: Reason) -> ClaimResult {
    let mut r = result(Verdict::NotApplicable);
    r.reasons.push(reason);
    r
}

/// The gate of the claims that exist only for real-estate loans (Hamon, Bourquin, Lemoine, L113-2-1):
/// `Some(result)` to return at once (consumer credit, or the loan kind still unknown), `None` to go on.
pub(crate) fn real_estate_only(
    cx: &mut Ctx,
    docs: &[Document],
    refs: &[LegalRef],
) -> Option<ClaimResult> {
    match cx.loan_kind() {
        Got::Known(LoanKind::Consumer) => Some(not_applicable(reason::CONSUMER_CREDIT)),
        Got::Known(LoanKind::RealEstate) => None,
        _ => Some(needs(false, docs, refs)),
    }
}

/// The gate of the claims about a switch request (double premium, refused switch).
pub(crate) fn switch_requested_only(
    cx: &mut Ctx,
    docs: &[Document],
    refs: &[LegalRef],
) -> Option<ClaimResult> {
    match cx.yes_no(FactId::SwitchRequested) {
        Got::Known(true) => None,
        Got::Known(false) => Some(not_applicable(reason::NO_SWITCH_REQUEST)),
        _ => Some(needs(false, docs, refs)),
    }
}

/// Whether slot `i` of the switching history was a request made: request 1 is past [`switch_requested_only`]'s gate;
/// a later one only when "was there another request?" is answered yes. Not answered yet counts as not made: the
/// requests read so far give the result shown while that question stays to ask (an answers v1 document keeps its
/// verdict).
pub(crate) fn request_made(
    cx: &mut Ctx,
    i: usize,
    rq: &crate::engine::switching::RequestFacts,
) -> bool {
    i == 0 || matches!(cx.yes_no(rq.requested), Got::Known(true))
}

/// Adds a detail.
pub(crate) fn detail(r: &mut ClaimResult, id: DetailId, value: DetailValue) {
    r.details.push(Detail { id, value });
}

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
            r.documents.push(super::codes::document::DEMAND_LETTER_COPY);
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
