//! Reading answers for one claim: [`Ctx`] records, in reading order, the facts read and the unanswered facts the
//! claim needed; [`Got`] is an answer as read (known, "I don't know", not answered), and the loan's derived facts
//! (its end, whether it still runs, its schedule, the premium, the demand) are read here once for every claim.

use crate::engine::codes::{document::Document, reason, reason::Reason, Coded};
use crate::engine::date::Date;
use crate::engine::facts::option::PremiumBasis;
use crate::engine::facts::{option, Answer, Answers, FactId, Value};
use crate::engine::loan::Loan;
use crate::engine::money::{self, Cents, Fx, Percent};
use crate::engine::switching::{switching_right_with, LoanKind, SwitchingRight, SwitchingVerdict};

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
    /// The answer a claim cannot go on without: the known value, or the [`Missing`] fact that stops its rules
    /// (with `?`; "I don't know" is said in the result's reasons).
    pub(crate) fn required(self) -> Result<T, Missing> {
        match self {
            Got::Known(v) => Ok(v),
            Got::Unknown => Err(Missing::UNKNOWN),
            Got::Absent => Err(Missing::ABSENT),
        }
    }
    /// Like [`Got::required`], the fact being shown by `docs` rather than the claim's own documents.
    pub(crate) fn required_in(self, docs: &'static [Document]) -> Result<T, Missing> {
        self.required().map_err(|m| m.in_docs(docs))
    }
    /// Like [`Got::required`], without saying "I don't know" (a gate: whether the claim concerns the loan at all).
    pub(crate) fn required_quietly(self) -> Result<T, Missing> {
        self.required().map_err(|_| Missing::ABSENT)
    }
}

/// Why a claim's rules stop before a verdict: a fact they need is not answered, or answered "I don't know". The
/// rules return it with `?`; [`super::decide`] turns it into the claim's `needs_info` result, with the claim's
/// documents and references (or the documents given here, which say where to find that fact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Missing {
    /// Answered "I don't know" (the result says so: `answer_unknown`).
    pub(crate) unknown: bool,
    /// The documents that show the fact, when not the claim's own.
    pub(crate) docs: Option<&'static [Document]>,
}

impl Missing {
    pub(crate) const UNKNOWN: Missing = Missing {
        unknown: true,
        docs: None,
    };
    pub(crate) const ABSENT: Missing = Missing {
        unknown: false,
        docs: None,
    };
    /// The same, found in `docs` rather than the claim's own documents.
    pub(crate) fn in_docs(self, docs: &'static [Document]) -> Missing {
        Missing {
            docs: Some(docs),
            ..self
        }
    }
}

/// The premium of each installment (see [`Ctx::premium_plan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Premium {
    /// The same each month: in euros as debited, or a yearly rate of the amount borrowed.
    Flat(Cents),
    /// A yearly rate of the outstanding capital: installment k's premium is CRD_{k−1} × rate / 12.
    Outstanding { rate: Percent, loan: Loan },
}

impl Premium {
    /// `capital` (cents, fixed point) × yearly `rate` / 12, rounded once to the cent (SPEC §3).
    pub(crate) fn on_capital(capital: Fx, rate: Percent) -> Cents {
        Fx(money::mul_div(
            capital.0,
            i128::from(rate.0),
            money::PERCENT_ONE * 12,
        ))
        .cents()
    }

    /// The premium of installment `k` (1 … months): on the outstanding capital, CRD_{k−1} × rate / 12.
    pub(crate) fn of_installment(&self, k: u32) -> Cents {
        match *self {
            Premium::Flat(c) => c,
            Premium::Outstanding { rate, loan } => {
                Premium::on_capital(loan.outstanding_after(k.max(1) - 1), rate)
            }
        }
    }

    /// The premium of the installment a debit on `d` pays: the one dated on or before `d` (the first one before
    /// it). `None` on the outstanding capital when `d` is after the schedule's last installment: the contract
    /// prices nothing there (the capital is 0), so the rate does not say what was debited.
    pub(crate) fn on(&self, d: Date) -> Option<Cents> {
        match *self {
            Premium::Flat(c) => Some(c),
            Premium::Outstanding { loan, .. } => {
                if d > loan.last_installment() {
                    return None;
                }
                Some(self.of_installment(loan.installments_through(d).max(1)))
            }
        }
    }

    /// The premium billed now: that of the next installment after `as_of` (the last one once the schedule is over).
    pub(crate) fn now(&self, as_of: Date) -> Cents {
        match *self {
            Premium::Flat(c) => c,
            Premium::Outstanding { loan, .. } => {
                self.of_installment((loan.installments_through(as_of) + 1).min(loan.months.max(1)))
            }
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
    pub(super) a: &'a Answers,
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
            // A date known by its month only reads as "I don't know"; the resolver tries its days (issue 11).
            Some(Answer::Unknown | Answer::Known(Value::Month(_))) => Got::Unknown,
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
            for b in crate::engine::switching::history_date_basis(self.a, f) {
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

    /// Reads the choice `f` as its options' enum `O` (one of [`crate::engine::facts::option`]).
    pub(crate) fn option<O: Coded + Copy>(&mut self, f: FactId) -> Got<O> {
        match self.choice(f) {
            Got::Known(s) => O::from_code(s).map_or(Got::Absent, |o| Got::Known(*o)),
            Got::Unknown => Got::Unknown,
            Got::Absent => Got::Absent,
        }
    }

    /// The choice `f` as its options' enum `O`, peeked (not required).
    pub(crate) fn peek_option<O: Coded + Copy>(&self, f: FactId) -> Option<O> {
        self.a.option(f)
    }

    pub(crate) fn loan_kind(&mut self) -> Got<LoanKind> {
        match self.option(FactId::LoanKind) {
            Got::Known(option::LoanKind::Consumer) => Got::Known(LoanKind::Consumer),
            Got::Known(option::LoanKind::RealEstate) => Got::Known(LoanKind::RealEstate),
            Got::Unknown => Got::Unknown,
            Got::Absent => Got::Absent,
        }
    }

    pub(crate) fn peek_loan_kind(&self) -> Option<LoanKind> {
        match self.peek_option(FactId::LoanKind)? {
            option::LoanKind::Consumer => Some(LoanKind::Consumer),
            option::LoanKind::RealEstate => Some(LoanKind::RealEstate),
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
        let first_read_before = self.read.contains(&FactId::FirstInstallmentDate);
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
            _ => {
                let last = self.date(FactId::LastInstallmentDate);
                // The loan's end is known from its last installment (issue 11 point 1): the first installment's
                // "I don't know" does not leave the end open. It stays open where a claim reads it for another
                // figure (the schedule, [`Ctx::first_installment`]).
                if let Got::Known(_) = last {
                    self.not_open(FactId::FirstInstallmentDate, first_read_before);
                }
                // Decision (issue 11 point 1): a last installment given (this reading is for a loan not repaid early)
                // says whether the loan ran to term: on or before `as_of` it did, after it it runs (a month holding
                // `as_of` is tried day by day, each a date). "I don't know" whether it ended is then no open fact:
                // its other answer (a loan still running after its last installment, or over before it) is a
                // contradiction no rule can serve.
                let over = matches!(
                    self.a.get(FactId::LastInstallmentDate),
                    Some(Answer::Known(Value::Date(_) | Value::Month(_)))
                );
                if over && self.a.get(FactId::LoanEnded) == Some(Answer::Unknown) {
                    self.not_open(FactId::LoanEnded, false);
                }
                last
            }
        }
    }

    /// Forgets that `f` was read, unless it was read before (`was_read`): an "I don't know" another answer stands
    /// for is not an open fact of the claim (the resolver would try its values first and find the claim waiting on
    /// the facts the other answer leaves to ask: the "waits" class, tests/engine_ranges.rs).
    fn not_open(&mut self, f: FactId, was_read: bool) {
        if !was_read {
            self.read.retain(|x| *x != f);
        }
    }

    /// The first installment date: given, or, when it is "I don't know", read from the loan's end (issue 11 point 1):
    /// the last installment (a date) and the duration give it, `last − (months − 1)` months.
    ///
    /// Decision: the schedule read from its end is the one whose installments fall on the last installment's day,
    /// except where that day is the last day of a month shorter than 31 days: the end-of-month rule (SPEC §3) then
    /// gives the same last installment for several first days (a 31st, a 30th, a 29th…), whose debits fall on
    /// different days; the first installment stays "I don't know" there (the resolver tries its dates). A date known
    /// by its month stays one too (its days are tried).
    pub(crate) fn first_installment(&mut self) -> Got<Date> {
        let f = FactId::FirstInstallmentDate;
        if self.a.get(f) != Some(Answer::Unknown)
            || !matches!(
                self.a.get(FactId::LastInstallmentDate),
                Some(Answer::Known(Value::Date(_)))
            )
        {
            return self.date(f);
        }
        let was_read = self.read.contains(&f);
        let Got::Known(last) = self.date(FactId::LastInstallmentDate) else {
            return self.date(f);
        };
        match self.months(FactId::LoanMonths) {
            Got::Known(m) => match first_from_last(last, m) {
                Some(first) => {
                    self.not_open(f, was_read);
                    Got::Known(first)
                }
                None => self.date(f),
            },
            Got::Unknown => self.date(f),
            // The duration is asked first: with it the first installment needs no answer.
            Got::Absent => Got::Absent,
        }
    }

    /// Amount, duration, rate and first installment (read from the loan's end when it is "I don't know"), in that
    /// reading order; the worst state wins.
    fn schedule_head(&mut self) -> Got<(Cents, u32, Percent, Date)> {
        let head = self.all([FactId::LoanAmount, FactId::LoanMonths, FactId::LoanRate]);
        let first = self.first_installment();
        match (head, first) {
            (Got::Known([Value::Money(a), Value::Months(m), Value::Percent(r)]), Got::Known(f)) => {
                Got::Known((a, m, r, f))
            }
            (Got::Known(_), Got::Known(_)) | (Got::Absent, _) | (_, Got::Absent) => Got::Absent,
            _ => Got::Unknown,
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

    /// The premium of each installment (issue 11 point 1): in euros a month as debited; or, when that is "I don't
    /// know", from a yearly rate: on the amount borrowed, C0 × rate / 12 rounded once to the cent (SPEC §3); on the
    /// outstanding capital (`premium_basis` = outstanding_capital), installment k's premium is CRD_{k−1} × rate / 12,
    /// each rounded to the cent (a debit is a debit, SPEC §3), which needs the loan's schedule ([`Ctx::loan`]).
    ///
    /// Decision (answers v1 stay readable the same): `premium_rate` was "% of the amount borrowed"; the basis is not a
    /// question of its own but the contract's `premium_basis` (asked anyway for the wrong-basis claim, so a rate of
    /// the outstanding capital costs no extra question). Not answered, the rate is read on the amount borrowed, as
    /// v1 read it, and the basis is recorded as missing: the resolver asks it only where the outstanding reading
    /// gives another result. "I don't know" is tried both ways (`resolve.rs`), a range when they differ. The euros
    /// path reads no schedule (the engine's speed: `scripts/bench-engine.sh`).
    pub(crate) fn premium_plan(&mut self) -> Got<Premium> {
        match self.money(FactId::PremiumMonthly) {
            Got::Unknown => {}
            Got::Known(c) => return Got::Known(Premium::Flat(c)),
            g => return g.map_never(),
        }
        let rate = match self.percent(FactId::PremiumRate) {
            Got::Known(r) => r,
            g => return g.map_never(),
        };
        // The rate stands for the euros the visitor does not know: their "I don't know" is no longer an open fact
        // (the resolver tries the facts the rate's reading leaves open: its basis, the loan's schedule).
        self.read.retain(|f| *f != FactId::PremiumMonthly);
        match self.option::<PremiumBasis>(FactId::PremiumBasis) {
            Got::Known(PremiumBasis::OutstandingCapital) => {
                return match self.loan() {
                    Got::Known(loan) => {
                        self.notes.push(reason::PREMIUM_FROM_RATE_OUTSTANDING);
                        Got::Known(Premium::Outstanding { rate, loan })
                    }
                    g => g.map_never(),
                };
            }
            Got::Unknown => return Got::Unknown,
            Got::Known(PremiumBasis::InitialCapital) | Got::Absent => {}
        }
        match self.money(FactId::LoanAmount) {
            Got::Known(c) => {
                self.notes.push(reason::PREMIUM_FROM_RATE);
                Got::Known(Premium::Flat(Premium::on_capital(Fx::int(c.0), rate)))
            }
            g => g.map_never(),
        }
    }

    /// The loan's schedule without asking about a partial repayment: the one given is used when its date and capital
    /// are both given, else none; the flag says whether one may have been left out. For a figure that depends only
    /// on the installments' dates (switch_savings on a quote and a constant premium).
    pub(crate) fn loan_dates_only(&mut self) -> Got<(Loan, bool)> {
        let vals = self.schedule_head();
        let given = match (
            self.peek_date(FactId::PartialRepaymentDate),
            self.peek_money(FactId::OutstandingAfterPartial),
        ) {
            (Some(d), Some(o)) => Some((d, o)),
            _ => None,
        };
        let (partial, left_out) = match self.peek_yes_no(FactId::PartialRepayment) {
            Some(false) => (None, false),
            Some(true) if given.is_some() => (given, false),
            _ => (None, true),
        };
        match vals {
            Got::Known((amount, months, rate, first)) => Got::Known((
                Loan {
                    amount,
                    months,
                    rate,
                    first,
                    partial,
                },
                left_out,
            )),
            Got::Unknown => Got::Unknown,
            _ => Got::Absent,
        }
    }

    /// The loan's schedule (amount, duration, rate, first installment, and a partial repayment if any).
    pub(crate) fn loan(&mut self) -> Got<Loan> {
        // Without the first installment date there is no schedule: the other figures are not asked for it, unless
        // the last installment gives it ([`Ctx::first_installment`]) and the schedule's other figures are answered
        // (engine_questionnaire: asked for a schedule read from its end, the duration alone changed nothing while the
        // amount and the rate stayed to ask).
        let from_end = matches!(
            self.a.get(FactId::LastInstallmentDate),
            Some(Answer::Known(Value::Date(_)))
        ) && [FactId::LoanAmount, FactId::LoanMonths, FactId::LoanRate]
            .iter()
            .all(|f| self.a.get(*f).is_some());
        if self.a.get(FactId::FirstInstallmentDate) == Some(Answer::Unknown) && !from_end {
            let _ = self.need(FactId::FirstInstallmentDate);
            return Got::Unknown;
        }
        let vals = self.schedule_head();
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
            (Got::Known((amount, months, rate, first)), Got::Known(partial)) => Got::Known(Loan {
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
            // Neither date given: the signature first (the rules date the rights from it; engine_needed seeds 2 and
            // 10), the issue once the signature is known and only if it still matters. Asking both at once asked an
            // issue date the signature then made useless (engine_questionnaire).
            let signature_needed = v.reasons.contains(&reason::OFFER_SIGNATURE_DATE_NEEDED);
            let both_open = signature_needed && self.a.get(FactId::OfferSignatureDate).is_none();
            if v.reasons.contains(&reason::OFFER_ISSUE_DATE_NEEDED) && !both_open {
                let _ = self.need(FactId::OfferIssueDate);
            }
            if signature_needed {
                let _ = self.need(FactId::OfferSignatureDate);
            }
        }
        v
    }
}

/// The first installment of a schedule of `months` installments whose last one is `last`, when only one first day
/// gives that last installment (see [`Ctx::first_installment`]). A 31st behind a first month of fewer days (no first
/// day gives it: the schedule's day is the first installment's) reads as the last day of that first month.
fn first_from_last(last: Date, months: u32) -> Option<Date> {
    let back = i32::try_from(months.max(1) - 1).ok()?;
    let first = last.add_months(-back);
    if first == Date::MAX || first.add_months(back) == Date::MAX {
        return None;
    }
    let dim = crate::engine::date::days_in_month(first.year(), first.month());
    // The first days (the last installment's day up to the 31st, within the first month) that give `last`.
    let mut found = None;
    let mut count = 0;
    for d in last.day()..=dim.max(last.day()) {
        if let Some(f) = Date::new(first.year(), first.month(), d) {
            if f.add_months(back) == last {
                found = Some(f);
                count += 1;
            }
        }
    }
    match count {
        0 if last.day() == 31 => Some(first),
        1 => found,
        _ => None,
    }
}
