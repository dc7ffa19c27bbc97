//! Which right to switch borrower insurance a loan has on a given day: Lagarde, Hamon, Bourquin, Lemoine (SPEC §2.2–2.3, LAW §1, C7).

use super::codes::reason;
use super::date::Date;
use super::facts::{Answer, Answers, FactId, Value};
use super::params::{self, refs, LegalRef};

/// The kind of loan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanKind {
    /// Real-estate credit (C. conso L313-1 1°).
    RealEstate,
    /// Consumer credit.
    Consumer,
}

/// The one offer date known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OfferDate {
    /// The issue date printed on the offer ("date d'émission").
    Issued(Date),
    /// The date the borrower signed (accepted) the offer.
    Signed(Date),
}

/// The switching right open on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SwitchingRight {
    /// No right to switch (consumer credit; pre-Hamon real estate before the annual right existed; Hamon year over before 2018).
    None,
    /// The offer is not signed yet: the lender cannot refuse an equivalent contract (loi Lagarde).
    LagardeAtSigning,
    /// Within 12 months of signing the offer (loi Hamon); `hamon_until` is the last day.
    Hamon,
    /// At each yearly échéance with two months' notice (loi Bourquin).
    Annual,
    /// At any time (loi Lemoine).
    AnyTime,
    /// Depends on a date not given (see the reasons).
    Uncertain,
}

impl SwitchingRight {
    /// Stable snake_case id.
    pub const fn id(self) -> &'static str {
        match self {
            SwitchingRight::None => "none",
            SwitchingRight::LagardeAtSigning => "lagarde_at_signing",
            SwitchingRight::Hamon => "hamon",
            SwitchingRight::Annual => "annual",
            SwitchingRight::AnyTime => "any_time",
            SwitchingRight::Uncertain => "uncertain",
        }
    }

    /// Whether the borrower may ask for a substitution under this right.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            SwitchingRight::LagardeAtSigning
                | SwitchingRight::Hamon
                | SwitchingRight::Annual
                | SwitchingRight::AnyTime
        )
    }
}

/// The switching right of a loan on a day, with its reasons and legal references.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SwitchingVerdict {
    /// The right.
    pub right: SwitchingRight,
    /// Reason codes.
    pub reasons: Vec<reason::Reason>,
    /// The texts that decide it.
    pub references: Vec<LegalRef>,
    /// For [`SwitchingRight::Hamon`], the last day of the 12-month window.
    pub hamon_until: Option<Date>,
}

/// Hypothesis on the issue date: known, or earlier than every start date.
#[derive(Clone, Copy)]
enum Issue {
    Known(Date),
    Early,
}

impl Issue {
    fn on_or_after(self, d: Date) -> bool {
        match self {
            Issue::Known(i) => i >= d,
            Issue::Early => false,
        }
    }
}

/// The last day of the Hamon window of an offer signed on `signed`.
pub fn hamon_last_day(signed: Date) -> Date {
    signed.add_months(params::HAMON_WINDOW_MONTHS)
}

/// The latest possible issue date of an offer signed on `signed` (C. conso L313-34).
pub fn latest_issue_for_signature(signed: Date) -> Date {
    signed.add_days(-params::OFFER_ISSUE_BEFORE_SIGNATURE_DAYS)
}

fn right_under(
    issue: Issue,
    signed: Date,
    on: Date,
) -> (SwitchingRight, Option<Date>, Vec<reason::Reason>) {
    if on < signed {
        if on >= params::LAGARDE_START {
            return (
                SwitchingRight::LagardeAtSigning,
                None,
                vec![reason::BEFORE_OFFER_SIGNATURE],
            );
        }
        return (SwitchingRight::None, None, vec![reason::BEFORE_LAGARDE]);
    }
    if issue.on_or_after(params::LEMOINE_NEW_OFFERS_START)
        || on >= params::LEMOINE_ALL_CONTRACTS_START
    {
        return (
            SwitchingRight::AnyTime,
            None,
            vec![reason::LEMOINE_ANY_TIME],
        );
    }
    let until = hamon_last_day(signed);
    if signed >= params::HAMON_START && on <= until {
        return (
            SwitchingRight::Hamon,
            Some(until),
            vec![reason::HAMON_WINDOW_OPEN],
        );
    }
    if issue.on_or_after(params::BOURQUIN_NEW_OFFERS_START)
        || on >= params::BOURQUIN_ALL_CONTRACTS_START
    {
        return (SwitchingRight::Annual, None, vec![reason::ANNUAL_ECHEANCE]);
    }
    let first = if signed < params::HAMON_START {
        reason::SIGNED_BEFORE_HAMON
    } else {
        reason::HAMON_WINDOW_OVER
    };
    (
        SwitchingRight::None,
        None,
        vec![first, reason::NO_ANNUAL_RIGHT_YET],
    )
}

fn references_for(right: SwitchingRight) -> Vec<LegalRef> {
    match right {
        SwitchingRight::None => vec![refs::CASS_1RE_CIV_2016_03_09, refs::CASS_1RE_CIV_2018_01_31],
        SwitchingRight::LagardeAtSigning => vec![refs::LOI_LAGARDE, refs::C_CONSO_L313_30],
        SwitchingRight::Hamon => vec![
            refs::LOI_HAMON_ART_54,
            refs::C_ASSUR_L113_12_2,
            refs::C_CONSO_L313_30,
        ],
        SwitchingRight::Annual => vec![
            refs::LOI_BOURQUIN,
            refs::CONS_CONST_2017_685_QPC,
            refs::C_CONSO_L313_30,
        ],
        SwitchingRight::AnyTime => vec![
            refs::LOI_LEMOINE_ART_8,
            refs::C_ASSUR_L113_12_2,
            refs::C_CONSO_L313_30,
        ],
        SwitchingRight::Uncertain => vec![refs::C_CONSO_L313_34],
    }
}

fn verdict(
    right: SwitchingRight,
    hamon_until: Option<Date>,
    mut reasons: Vec<reason::Reason>,
) -> SwitchingVerdict {
    let mut references = references_for(right);
    let date_needed = reasons.contains(&reason::OFFER_ISSUE_DATE_NEEDED)
        || reasons.contains(&reason::OFFER_SIGNATURE_DATE_NEEDED);
    if date_needed && !references.contains(&refs::C_CONSO_L313_34) {
        references.push(refs::C_CONSO_L313_34);
    }
    reasons.dedup();
    SwitchingVerdict {
        right,
        reasons,
        references,
        hamon_until,
    }
}

/// Combines the outcomes of two hypotheses that bound an unknown date (rights grow with the date).
fn combine(
    a: (SwitchingRight, Option<Date>, Vec<reason::Reason>),
    b: (SwitchingRight, Option<Date>, Vec<reason::Reason>),
    needed: reason::Reason,
) -> SwitchingVerdict {
    if a.0 == b.0 && a.1 == b.1 {
        return verdict(a.0, a.1, a.2);
    }
    if a.0 == SwitchingRight::Hamon && b.0 == SwitchingRight::AnyTime {
        let mut reasons = a.2;
        reasons.push(reason::LATER_REGIME_DEPENDS_ON_ISSUE_DATE);
        return verdict(a.0, a.1, reasons);
    }
    let hamon_until = if a.0 == SwitchingRight::Hamon {
        a.1
    } else {
        None
    };
    verdict(SwitchingRight::Uncertain, hamon_until, vec![needed])
}

/// The switching right on `as_of` when only one offer date is known (issue 2 foundation slice).
pub fn switching_right(kind: LoanKind, offer: OfferDate, as_of: Date) -> SwitchingVerdict {
    match offer {
        OfferDate::Issued(i) => switching_right_with(kind, Some(i), None, as_of),
        OfferDate::Signed(s) => switching_right_with(kind, None, Some(s), as_of),
    }
}

/// The switching right on `on`, from whichever offer dates are known.
///
/// An unknown issue date is bounded by "before every start date" and "signature − 11 days" (L313-34); an unknown
/// signature date by "issue + 11 days" and `on` (the loan is taken as signed). When the bounds disagree on whether a
/// right is open, the right is [`SwitchingRight::Uncertain`] with the reason naming the date needed.
///
/// The consumer-code articles cited are those in force on `on` (the day the right is judged: a request's day, or
/// the offer's signature for the right at signing): `L312-9`/`L312-10` before 2016-07-01, `L313-30`/`L313-34` after.
pub fn switching_right_with(
    kind: LoanKind,
    issued: Option<Date>,
    signed: Option<Date>,
    on: Date,
) -> SwitchingVerdict {
    let mut v = switching_right_undated(kind, issued, signed, on);
    v.references = params::cite_on(&v.references, on);
    v
}

fn switching_right_undated(
    kind: LoanKind,
    issued: Option<Date>,
    signed: Option<Date>,
    on: Date,
) -> SwitchingVerdict {
    if kind == LoanKind::Consumer {
        return SwitchingVerdict {
            right: SwitchingRight::None,
            reasons: vec![reason::CONSUMER_CREDIT],
            references: vec![refs::C_CONSO_L313_30],
            hamon_until: None,
        };
    }
    let mut v = match (issued, signed) {
        (Some(i), Some(s)) => {
            let (r, h, why) = right_under(Issue::Known(i), s, on);
            verdict(r, h, why)
        }
        (None, Some(s)) => {
            let early = right_under(Issue::Early, s, on);
            let late = right_under(Issue::Known(latest_issue_for_signature(s)), s, on);
            combine(early, late, reason::OFFER_ISSUE_DATE_NEEDED)
        }
        (Some(i), None) => {
            let first_signature = i.add_days(params::OFFER_ISSUE_BEFORE_SIGNATURE_DAYS);
            if on < first_signature {
                let (r, h, why) = right_under(Issue::Known(i), first_signature, on);
                verdict(r, h, why)
            } else {
                let early = right_under(Issue::Known(i), first_signature, on);
                let late = right_under(Issue::Known(i), on, on);
                combine(early, late, reason::OFFER_SIGNATURE_DATE_NEEDED)
            }
        }
        (None, None) => {
            if on >= params::LEMOINE_ALL_CONTRACTS_START {
                verdict(
                    SwitchingRight::AnyTime,
                    None,
                    vec![reason::LEMOINE_ANY_TIME],
                )
            } else {
                verdict(
                    SwitchingRight::Uncertain,
                    None,
                    vec![
                        reason::OFFER_ISSUE_DATE_NEEDED,
                        reason::OFFER_SIGNATURE_DATE_NEEDED,
                    ],
                )
            }
        }
    };
    if let Some(s) = signed {
        let ambiguous =
            s >= params::HAMON_START && latest_issue_for_signature(s) < params::HAMON_START;
        if ambiguous && v.right == SwitchingRight::Hamon {
            v.reasons.push(reason::HAMON_TRIGGER_AMBIGUOUS);
        }
    }
    v
}

/// The facts of one switch request of the history (issue 11 point 1). Request 1 is the answers v1 facts
/// (`switch_requested`, `switch_request_date`...), so every answers v1 document reads as a one-request history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestFacts {
    /// Whether this request was made (request 1: `switch_requested`; a later one is asked only when the one before
    /// was refused or left unanswered: an accepted request ends the history).
    pub requested: FactId,
    /// Its kind: first_year, annual or any_time.
    pub kind: FactId,
    /// The day the lender received it, complete.
    pub date: FactId,
    /// The start date asked for the new contract.
    pub start: FactId,
    /// The lender's decision.
    pub decision: FactId,
    /// The decision's date.
    pub decision_date: FactId,
    /// The reason the refusal gave.
    pub reason: FactId,
    /// Whether that reason held.
    pub validity: FactId,
    /// The answers v1 yes/no on the reason's validity (request 1 only): read when given, never asked any more.
    pub legacy_valid: Option<FactId>,
    /// The monthly premium of the contract asked for.
    pub new_premium: FactId,
}

/// How many requests the switching history holds (a fixed number: the questionnaire has no repeated group). Each
/// slot after the first is asked only when the one before was refused or left unanswered.
pub const REQUEST_SLOTS: usize = 3;

/// The request slots, in order: the one source of the history's facts (the claims, the date checks, the letters and
/// the questionnaire's order read them from here; the `facts!` rows of each slot follow one another).
pub const REQUESTS: [RequestFacts; REQUEST_SLOTS] = [
    RequestFacts {
        requested: FactId::SwitchRequested,
        kind: FactId::SwitchKind,
        date: FactId::SwitchRequestDate,
        start: FactId::SwitchRequestedStart,
        decision: FactId::SwitchDecision,
        decision_date: FactId::SwitchDecisionDate,
        reason: FactId::SwitchRefusalReason,
        validity: FactId::SwitchRefusalValidity,
        legacy_valid: Some(FactId::RefusalReasonValid),
        new_premium: FactId::SwitchNewPremium,
    },
    RequestFacts {
        requested: FactId::Switch2Requested,
        kind: FactId::Switch2Kind,
        date: FactId::Switch2RequestDate,
        start: FactId::Switch2RequestedStart,
        decision: FactId::Switch2Decision,
        decision_date: FactId::Switch2DecisionDate,
        reason: FactId::Switch2RefusalReason,
        validity: FactId::Switch2RefusalValidity,
        legacy_valid: None,
        new_premium: FactId::Switch2NewPremium,
    },
    RequestFacts {
        requested: FactId::Switch3Requested,
        kind: FactId::Switch3Kind,
        date: FactId::Switch3RequestDate,
        start: FactId::Switch3RequestedStart,
        decision: FactId::Switch3Decision,
        decision_date: FactId::Switch3DecisionDate,
        reason: FactId::Switch3RefusalReason,
        validity: FactId::Switch3RefusalValidity,
        legacy_valid: None,
        new_premium: FactId::Switch3NewPremium,
    },
];

/// The kind of a switch request: which right the borrower used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// Within 12 months of the offer's signature (loi Hamon).
    FirstYear,
    /// At the yearly échéance, two months' notice (loi Bourquin).
    Annual,
    /// At any time (loi Lemoine).
    AnyTime,
}

impl RequestKind {
    /// The kind of an answer's option.
    pub fn from_option(o: super::facts::option::SwitchKind) -> RequestKind {
        use super::facts::option::SwitchKind;
        match o {
            SwitchKind::FirstYear => RequestKind::FirstYear,
            SwitchKind::Annual => RequestKind::Annual,
            SwitchKind::AnyTime => RequestKind::AnyTime,
        }
    }

    /// The kind a request made under `right` has when the visitor does not know it: the one that right gives.
    pub fn natural(right: SwitchingRight) -> RequestKind {
        match right {
            SwitchingRight::Annual => RequestKind::Annual,
            SwitchingRight::Hamon => RequestKind::FirstYear,
            _ => RequestKind::AnyTime,
        }
    }

    /// Whether a request of this kind was validly made while `right` was open.
    ///
    /// Decision (SPEC §2.11 is silent on a request of another kind than the right open): the Hamon window and the
    /// Lemoine right take a request at any date, so every kind is valid under them; under the annual right alone
    /// (Bourquin, before Lemoine), only an annual request is, and a request "within the first year" past the window
    /// or "at any time" before 2022-09-01 could be lawfully refused (LAW C7: requests outside an open right).
    pub fn valid_under(self, right: SwitchingRight) -> bool {
        match right {
            SwitchingRight::Hamon | SwitchingRight::AnyTime | SwitchingRight::LagardeAtSigning => {
                true
            }
            SwitchingRight::Annual => self == RequestKind::Annual,
            SwitchingRight::None | SwitchingRight::Uncertain => false,
        }
    }
}

/// The later request (slot 1 and after) `fact` is a date of, and whether it is that request's own date (else its
/// decision date or requested start).
fn later_request_of(fact: FactId) -> Option<(usize, bool)> {
    REQUESTS.iter().enumerate().skip(1).find_map(|(i, r)| {
        if fact == r.date {
            Some((i, true))
        } else if fact == r.decision_date || fact == r.start {
            Some((i, false))
        } else {
            None
        }
    })
}

/// The answers a later request's date is checked against, per slot: its own request date (for its decision and
/// start), the request before's decision date then date (for its request date); see [`history_date_basis`].
static LATER_BASIS: [[FactId; 2]; REQUEST_SLOTS] = {
    let mut out = [[FactId::SwitchRequestDate; 2]; REQUEST_SLOTS];
    let mut i = 1;
    while i < REQUEST_SLOTS {
        out[i] = [REQUESTS[i - 1].decision_date, REQUESTS[i - 1].date];
        i += 1;
    }
    out
};

/// The earliest date a date of a later request (the second, the third) can take given the other answers: its
/// decision and start date are on or after its request, and that request is on or after the request before's
/// decision (or that request, when its decision is not given). `None` when nothing bounds it.
pub fn history_date_floor(a: &Answers, fact: FactId) -> Option<Date> {
    let known = |f: FactId| match a.get(f) {
        Some(Answer::Known(Value::Date(d))) => Some(d),
        _ => None,
    };
    match later_request_of(fact)? {
        (i, false) => known(REQUESTS[i].date),
        (i, true) => {
            let before = REQUESTS[i - 1];
            known(before.decision_date).or_else(|| known(before.date))
        }
    }
}

/// The answers a date of the switching history is checked against (by `checks::check_value`, and so dropped by the
/// sanitiser when it comes before them): a claim that reads the date needs them too, since they decide whether the
/// date counts (`Ctx::checked_date`). The request before's decision date bounds a later request only when that
/// decision can have a date (not "no answer").
pub fn history_date_basis(a: &Answers, fact: FactId) -> &'static [FactId] {
    if matches!(
        fact,
        FactId::SwitchDecisionDate | FactId::OldContractEndDate | FactId::SwitchRequestedStart
    ) {
        return &[FactId::SwitchRequestDate];
    }
    match later_request_of(fact) {
        None => &[],
        Some((i, false)) => std::slice::from_ref(&REQUESTS_DATES[i]),
        Some((i, true)) => {
            if a.option(REQUESTS[i - 1].decision)
                == Some(super::facts::option::SwitchDecision::NoAnswer)
            {
                &LATER_BASIS[i][1..]
            } else {
                &LATER_BASIS[i]
            }
        }
    }
}

/// Each slot's request date (a `'static` place for [`history_date_basis`]).
static REQUESTS_DATES: [FactId; REQUEST_SLOTS] = {
    let mut out = [FactId::SwitchRequestDate; REQUEST_SLOTS];
    let mut i = 0;
    while i < REQUEST_SLOTS {
        out[i] = REQUESTS[i].date;
        i += 1;
    }
    out
};

/// Whether `fact` is a date of a later request (the second, the third), checked by [`history_date_floor`].
pub fn is_later_request_date(fact: FactId) -> bool {
    later_request_of(fact).is_some()
}

/// Whether `fact` is a requested start of the history (a planned date: it may lie after `as_of`).
pub fn is_requested_start(fact: FactId) -> bool {
    REQUESTS.iter().any(|r| r.start == fact)
}
