//! The evaluation's result types (claims, verdicts, amounts, interest, missing facts) and `evaluate` / `next_questions`.

use super::checks;
use super::claims;
use super::codes::{detail::DetailId, document::Document, reason::Reason};
use super::date::Date;
use super::facts::{Answers, FactId};
use super::money::{Cents, Percent};
use super::params::LegalRef;
use super::switching::SwitchingVerdict;

super::codes::coded! {
    /// The claims the checker evaluates (SPEC §1), in SPEC §1 order; `id()` is the stable snake_case id.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ClaimId as id {
        /// Participation aux bénéfices des contrats groupe (C1).
        ProfitSharing = "profit_sharing",
        /// Cotisations prélevées après le remboursement total du prêt (C2).
        AfterPayoff = "after_payoff",
        /// Cotisations maintenues après la fin d'une garantie (C3).
        AfterCoverEnd = "after_cover_end",
        /// Cotisation calculée sur une mauvaise base (C4).
        WrongBasis = "wrong_basis",
        /// Frais facturés par le prêteur pour une délégation ou une substitution (C5).
        LenderFees = "lender_fees",
        /// Double cotisation pendant un changement d'assurance retardé par le prêteur (C6).
        DoublePremium = "double_premium",
        /// Refus injustifié d'un changement d'assurance (C7).
        RefusedSwitch = "refused_switch",
        /// Manquement au devoir de conseil (C8).
        DutyToAdvise = "duty_to_advise",
        /// Économie possible en changeant d'assurance maintenant (C9, LAW §3.6).
        SwitchSavings = "switch_savings",
        /// Dispense de questionnaire de santé pour un nouveau contrat (LAW §3.2).
        MedicalQuestionnaire = "medical_questionnaire",
    }
}

impl ClaimId {
    /// The claim whose id is `s`.
    pub fn from_id(s: &str) -> Option<ClaimId> {
        ClaimId::ALL.iter().copied().find(|c| c.id() == s)
    }
}

impl serde::Serialize for ClaimId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

super::codes::coded! {
    /// A claim's verdict (SPEC §1); `id()` is the stable snake_case id (`verdict.<id>` in the message files).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Verdict as id {
        /// Every condition met; an amount or range is computed where the claim has one.
        Eligible = "eligible",
        /// Depends on a missing fact, a document to check, or a judge.
        NeedsInfo = "needs_info",
        /// A condition failed (see the reasons).
        NotEligible = "not_eligible",
        /// The right existed but every part is past its limitation date.
        TimeBarred = "time_barred",
        /// The claim does not concern this loan.
        NotApplicable = "not_applicable",
    }
}

impl serde::Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// From when statutory interest runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestStart {
    /// From each payment (the payee knew it was not due, or the fee was banned).
    EachPayment,
    /// From the visitor's written demand.
    Demand,
    /// No demand date: only the rate is shown.
    NotStarted,
}

/// Statutory interest on a refund (SPEC §2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Interest {
    /// Interest up to `to`, or `None` when it cannot be computed (no demand date): show the rate.
    pub amount: Option<Cents>,
    /// The amount uses the last known rate for a half-year without a published rate.
    pub provisional: bool,
    /// The rate in force on `to` (particuliers).
    pub rate: Percent,
    /// The first start day (a payment or the demand), if interest runs.
    pub from: Option<Date>,
    /// The last day counted (`as_of`).
    pub to: Date,
    /// How the start is decided.
    pub start: InterestStart,
    /// Interest up to the last day with a published rate (`known_until`), never provisional.
    pub known_amount: Option<Cents>,
    /// The last day counted in `known_amount`.
    pub known_until: Option<Date>,
    /// The half-year whose published rate `rate` is: the one containing `to`, or, after the table ends, the last
    /// published one (then `rate_period.to` < `to`, and the interface says "the rate of <that half-year>, the last
    /// published"). `None` before the table.
    pub rate_period: Option<RatePeriod>,
}

/// A half-year of the statutory-interest table (its first and last days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RatePeriod {
    /// First day (1 January or 1 July).
    pub from: Date,
    /// Last day (30 June or 31 December).
    pub to: Date,
}

impl RatePeriod {
    /// 1 for the first half of its year, 2 for the second.
    pub fn half(self) -> u8 {
        if self.from.month() <= 6 {
            1
        } else {
            2
        }
    }
}

/// What an amount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// Money to be paid back (undue sums).
    Refund,
    /// Damages a court may award.
    Damages,
    /// A saving, not a refund.
    Saving,
}

/// A claim's money figures, integer cents; `low` ≤ `high`, never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Amount {
    /// What the figure is.
    pub kind: AmountKind,
    /// Low figure.
    pub low: Cents,
    /// High figure.
    pub high: Cents,
    /// Statutory interest, on its own (not added to low/high).
    pub interest: Option<Interest>,
    /// Parts older than 5 years but within the 20-year long stop (later-discovery argument), never in low/high.
    pub contested_high: Option<Cents>,
    /// What keeps adding up each month while the situation lasts.
    pub monthly_accrual: Option<Cents>,
    /// The figure uses default rates (an estimate), not the visitor's quote.
    pub estimate_uses_defaults: bool,
}

/// A named figure that explains a result (the interface labels it by id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Detail {
    /// Its id (every value in `codes::detail::ALL`).
    pub id: DetailId,
    /// Its value.
    pub value: DetailValue,
}

impl Detail {
    /// The answer this detail repeats as it was given, if any, for `claim` (so a payload filtered by answers can
    /// leave out the details that would reveal an answer not consented to). Derived figures (days, counts,
    /// outstanding capital, due dates) reveal no single answer and give `None`.
    pub fn reveals(&self, claim: ClaimId) -> Option<FactId> {
        use super::codes::detail as d;
        Some(match (claim, self.id) {
            (ClaimId::AfterPayoff, d::PAYOFF_DATE) => FactId::PayoffDate,
            (ClaimId::AfterPayoff, d::FIRST_DEBIT) => FactId::FirstDebitAfterPayoff,
            (ClaimId::AfterPayoff | ClaimId::WrongBasis, d::PREMIUM_DEBITED) => {
                FactId::PremiumMonthly
            }
            (ClaimId::AfterCoverEnd, d::CONTRACTUAL_PREMIUM) => FactId::PremiumAfterCoverEnd,
            (ClaimId::LenderFees, d::FEE_DATE) => FactId::LenderFeesDate,
            (ClaimId::RefusedSwitch, d::REFUSAL_DATE) => FactId::SwitchDecisionDate,
            (ClaimId::DoublePremium, d::OLD_CONTRACT_END) => FactId::OldContractEndDate,
            (ClaimId::DutyToAdvise, d::REFUSAL_DATE) => FactId::ClaimRefusalDate,
            (ClaimId::DutyToAdvise, d::BENEFIT_REFUSED) => FactId::BenefitRefused,
            (ClaimId::SwitchSavings, d::ONE_OFF_FEES) => FactId::SwitchOneOffFees,
            _ => return None,
        })
    }
}

/// The value of a [`Detail`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailValue {
    /// A date.
    Date(Date),
    /// Money.
    Cents(Cents),
    /// A percentage (millionths of a percent).
    Percent(Percent),
    /// A count (days, months, installments…).
    Count(i64),
}

/// The medical-questionnaire test for one insured person (SPEC §2.14).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PersonResult {
    /// 1 or 2.
    pub person: u8,
    /// Exempt (eligible), not exempt, or needs info.
    pub verdict: Verdict,
    /// Reason codes.
    pub reasons: Vec<Reason>,
    /// Insured share of all outstanding real-estate loans.
    pub insured_outstanding: Option<Cents>,
    /// The 60th birthday.
    pub age_limit_birthday: Option<Date>,
}

/// One claim's result.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClaimResult {
    /// The claim.
    pub claim: ClaimId,
    /// The verdict.
    pub verdict: Verdict,
    /// Reason codes (every value in `codes::reason::ALL`).
    pub reasons: Vec<Reason>,
    /// The texts that decide it.
    pub references: Vec<LegalRef>,
    /// Last day to act (the earliest limitation date of the parts still alive).
    pub last_day: Option<Date>,
    /// 60 days or fewer remain before `last_day`.
    pub urgent: bool,
    /// Documents that prove the claim (every value in `codes::document::ALL`).
    pub documents: Vec<Document>,
    /// Money figures.
    pub amount: Option<Amount>,
    /// Facts not answered yet that could change this verdict or amount, most decisive first.
    pub missing: Vec<FactId>,
    /// Facts answered "I don't know" whose value would change this verdict or amount (the claim is `needs_info`;
    /// the amount, when present, is the low and high figure over the values the fact can take).
    pub unknown_needed: Vec<FactId>,
    /// Explaining figures (dates, days, outstanding capital…).
    pub details: Vec<Detail>,
    /// Per insured person (medical questionnaire only).
    pub per_person: Vec<PersonResult>,
}

impl ClaimResult {
    /// An empty result with a verdict.
    pub fn new(claim: ClaimId, verdict: Verdict) -> ClaimResult {
        ClaimResult {
            claim,
            verdict,
            reasons: Vec::new(),
            references: Vec::new(),
            last_day: None,
            urgent: false,
            documents: Vec::new(),
            amount: None,
            missing: Vec::new(),
            unknown_needed: Vec::new(),
            details: Vec::new(),
            per_person: Vec::new(),
        }
    }
    /// The detail `id`, if present.
    pub fn detail(&self, id: DetailId) -> Option<DetailValue> {
        self.details.iter().find(|d| d.id == id).map(|d| d.value)
    }
}

/// A fact not answered yet, and the claims it could change.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MissingFact {
    /// The fact.
    pub fact: FactId,
    /// The claims whose verdict or amount it could change.
    pub affects: Vec<ClaimId>,
}

/// The whole evaluation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evaluation {
    /// The day of the evaluation.
    pub as_of: Date,
    /// One result per claim, in SPEC §1 order.
    pub claims: Vec<ClaimResult>,
    /// Missing facts, most decisive first (more claims affected, then questionnaire order).
    pub missing: Vec<MissingFact>,
    /// The switching right on `as_of`, when the loan kind is known.
    pub switching: Option<SwitchingVerdict>,
    /// The questions to ask next, in questionnaire order: the facts not answered yet whose answer can change a
    /// verdict or an amount (the interface reads them here instead of evaluating again).
    pub next_questions: Vec<FactId>,
}

impl Evaluation {
    /// The result of `claim`.
    pub fn claim(&self, claim: ClaimId) -> Option<&ClaimResult> {
        self.claims.iter().find(|c| c.claim == claim)
    }
}

/// Evaluates every claim on `as_of`. Never fails: unanswered facts are reported as missing, and answers that fail
/// [`checks::check_value`] are treated as not answered.
pub fn evaluate(answers: &Answers, as_of: Date) -> Evaluation {
    let clean = checks::sanitised(answers, as_of);
    let claims: Vec<ClaimResult> = ClaimId::ALL
        .iter()
        .map(|c| claims::evaluate_claim(*c, &clean, as_of))
        .collect();
    let mut missing: Vec<MissingFact> = Vec::new();
    for c in &claims {
        for f in &c.missing {
            match missing.iter_mut().find(|m| m.fact == *f) {
                Some(m) => {
                    if !m.affects.contains(&c.claim) {
                        m.affects.push(c.claim);
                    }
                }
                None => missing.push(MissingFact {
                    fact: *f,
                    affects: vec![c.claim],
                }),
            }
        }
    }
    crate::sort::sort_by(&mut missing, |a, b| {
        b.affects
            .len()
            .cmp(&a.affects.len())
            .then(a.fact.order().cmp(&b.fact.order()))
    });
    let switching = claims::switching_now(&clean, as_of);
    let mut next: Vec<FactId> = missing.iter().map(|m| m.fact).collect();
    crate::sort::sort_by_key(&mut next, |f| f.order());
    Evaluation {
        as_of,
        claims,
        missing,
        switching,
        next_questions: next,
    }
}

/// Evaluates one claim on `as_of` (the same result as in [`evaluate`]).
pub fn evaluate_claim(claim: ClaimId, answers: &Answers, as_of: Date) -> ClaimResult {
    let clean = checks::sanitised(answers, as_of);
    claims::evaluate_claim(claim, &clean, as_of)
}

/// The premium the contract prices for a debit on `d`: a flat premium (euros, or a rate of the amount borrowed), or
/// on the outstanding capital the premium of the installment dated on or before `d` (issue 11 point 1); `None` when
/// the answers do not give it. For the letters, which list each debit with its amount.
pub fn premium_on(answers: &Answers, as_of: Date, d: Date) -> Option<crate::engine::Cents> {
    let clean = checks::sanitised(answers, as_of);
    claims::premium_on(&clean, as_of, d)
}

/// The first installment date the engine's rules use for `answers`: the one given, or, when it is "I don't know",
/// the one the last installment and the duration give (issue 11 point 1). For the letters' lists of debits.
pub fn first_installment(answers: &Answers, as_of: Date) -> Option<Date> {
    let clean = checks::sanitised(answers, as_of);
    claims::first_installment(&clean, as_of)
}

/// The facts to ask next, in questionnaire order: only facts that could change a verdict or an amount.
///
/// Prefer [`Evaluation::next_questions`] when an evaluation is at hand (one evaluation per answer).
pub fn next_questions(answers: &Answers, as_of: Date) -> Vec<FactId> {
    evaluate(answers, as_of).next_questions
}
