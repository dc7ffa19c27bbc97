//! The questionnaire model: one [`FactId`] per question, typed [`Answers`] ("not answered" vs "I don't know"), and the answers JSON v1.

use super::date::{Date, YearMonth};
use super::money::{Cents, Percent};
use std::fmt;

/// How a fact is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactKind {
    /// A civil date (JSON: "YYYY-MM-DD").
    Date,
    /// Money in integer cents (JSON: integer ≥ 0).
    Money,
    /// A percentage in millionths of a percent (JSON: integer ≥ 0; 50 % = 50000000).
    Percent,
    /// A number of months (JSON: integer ≥ 0).
    Months,
    /// A count (JSON: integer ≥ 0).
    Count,
    /// Yes or no (JSON: true / false).
    YesNo,
    /// One of fixed snake_case options (JSON: string).
    Choice(&'static [&'static str]),
}

/// The questionnaire screens' groups (PRODUCT.md: your loan, your insurance, what happened, you and your co-borrower).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactGroup {
    /// The loan.
    Loan,
    /// The insurance contract.
    Insurance,
    /// What happened.
    Events,
    /// The insured people.
    People,
}

/// An answered value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A date.
    Date(Date),
    /// Money.
    Money(Cents),
    /// A percentage.
    Percent(Percent),
    /// Months.
    Months(u32),
    /// A count.
    Count(u32),
    /// Yes or no.
    YesNo(bool),
    /// One of the fact's options.
    Choice(&'static str),
    /// A date known by its month and year only, for a fact that allows it ([`FactId::allows_month`]; JSON
    /// "YYYY-MM"). The claims read it as "I don't know"; the resolver tries its days.
    Month(YearMonth),
}

/// An answer: a value, or "I don't know" (distinct from not answered, which is `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    /// The value given.
    Known(T),
    /// "I don't know".
    Unknown,
}

impl<T> Answer<T> {
    /// Maps the known value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        match self {
            Answer::Known(v) => Answer::Known(f(v)),
            Answer::Unknown => Answer::Unknown,
        }
    }
    /// The known value, if any.
    pub fn known(self) -> Option<T> {
        match self {
            Answer::Known(v) => Some(v),
            Answer::Unknown => None,
        }
    }
}

/// The options of the choice questions, one enum per list (`code()` is the answers JSON value and the message key
/// suffix `q.<fact>.opt.<code>`); the claims match these instead of strings, and each `FactKind::Choice` list is its
/// enum's `CODES`.
pub mod option {
    use crate::engine::codes::coded;

    coded! {
        /// Options of `loan_kind`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum LoanKind {
            /// A real-estate loan.
            RealEstate = "real_estate",
            /// A consumer credit.
            Consumer = "consumer",
        }
    }
    coded! {
        /// Options of `contract_type`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ContractType {
            /// The lender's group contract.
            Group = "group",
            /// An individual contract (délégation).
            Delegated = "delegated",
        }
    }
    coded! {
        /// Options of `premium_basis`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum PremiumBasis {
            /// On the amount borrowed.
            InitialCapital = "initial_capital",
            /// On the capital still owed.
            OutstandingCapital = "outstanding_capital",
        }
    }
    coded! {
        /// Options of `lender_fees_payee`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum FeePayee {
            /// The lender.
            Lender = "lender",
            /// The new insurer.
            NewInsurer = "new_insurer",
            /// A broker.
            Broker = "broker",
        }
    }
    coded! {
        /// Options of `switch_decision` (and of the later requests' decisions).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum SwitchDecision {
            /// The switch was accepted.
            Accepted = "accepted",
            /// It was refused.
            Refused = "refused",
            /// The lender did not answer.
            NoAnswer = "no_answer",
        }
    }
    coded! {
        /// Options of `switch_kind` (and of the later requests' kinds): the right the request used.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum SwitchKind {
            /// Within the first year (Hamon).
            FirstYear = "first_year",
            /// At the yearly anniversary (Bourquin).
            Annual = "annual",
            /// At any time (Lemoine).
            AnyTime = "any_time",
        }
    }
    coded! {
        /// Options of `switch_refusal_reason`: what the lender's refusal said.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum RefusalReason {
            /// No reason given.
            NoneGiven = "none_given",
            /// A guarantee is missing.
            GuaranteeMissing = "guarantee_missing",
            /// The file is incomplete.
            FileIncomplete = "file_incomplete",
            /// Another reason.
            Other = "other",
        }
    }
    coded! {
        /// Options of `switch_refusal_validity`: whether the reason held.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum RefusalValidity {
            /// The reason held.
            Valid = "valid",
            /// The new contract meets the lender's published list.
            MeetsPublishedList = "meets_published_list",
            /// The reason did not hold.
            Invalid = "invalid",
        }
    }
}

/// Options of `loan_kind`.
pub const LOAN_KINDS: &[&str] = option::LoanKind::CODES;
/// Options of `contract_type`.
pub const CONTRACT_TYPES: &[&str] = option::ContractType::CODES;
/// Options of `premium_basis`.
pub const PREMIUM_BASES: &[&str] = option::PremiumBasis::CODES;
/// Options of `lender_fees_payee`.
pub const FEE_PAYEES: &[&str] = option::FeePayee::CODES;
/// Options of `switch_decision`.
pub const SWITCH_DECISIONS: &[&str] = option::SwitchDecision::CODES;
/// Options of `switch_kind` (and of the later requests' kinds): the right the request used.
pub const SWITCH_KINDS: &[&str] = option::SwitchKind::CODES;
/// Options of `switch_refusal_reason`: what the lender's refusal said.
pub const REFUSAL_REASONS: &[&str] = option::RefusalReason::CODES;
/// Options of `switch_refusal_validity`: whether the reason held.
pub const REFUSAL_VALIDITIES: &[&str] = option::RefusalValidity::CODES;

macro_rules! facts {
    ($( $desc:literal $variant:ident => $id:ident : $ty:ty, $vv:ident, $kind:expr, $group:ident, $unknown:literal; )*) => {
        /// One question of the questionnaire. `id()` is the answers JSON field name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FactId {
            $( #[doc = $desc] $variant, )*
        }

        impl FactId {
            /// Every fact, in questionnaire order.
            pub const ALL: &'static [FactId] = &[ $( FactId::$variant, )* ];

            /// Stable snake_case id, equal to the answers JSON field name.
            pub const fn id(self) -> &'static str {
                match self { $( FactId::$variant => stringify!($id), )* }
            }
            /// How it is answered.
            pub const fn kind(self) -> FactKind {
                match self { $( FactId::$variant => $kind, )* }
            }
            /// Its questionnaire group.
            pub const fn group(self) -> FactGroup {
                match self { $( FactId::$variant => FactGroup::$group, )* }
            }
            /// What the fact is, in English (for the JSON Schema and developers; the interface has its own words).
            pub fn description(self) -> &'static str {
                match self { $( FactId::$variant => $desc, )* }
            }
            /// Whether "I don't know" is an accepted answer (the engine can go on without the fact).
            pub fn allows_unknown(self) -> bool {
                match self { $( FactId::$variant => $unknown, )* }
            }
        }

        /// The number of facts (the length of [`FactId::ALL`]).
        pub const FACT_COUNT: usize = FactId::ALL.len();

        /// The visitor's answers, one slot per fact in [`FactId`] order: `None` = not answered yet,
        /// `Some(Answer::Unknown)` = "I don't know". Read and written through [`Answers::get`] and [`Answers::set`],
        /// which keep each slot's value of its fact's kind (an array of [`Value`]s rather than a typed field per
        /// fact: one load or store instead of a match over every fact, a smaller first wasm file).
        #[derive(Debug, PartialEq, Eq)]
        pub struct Answers {
            values: [Option<Answer<Value>>; FACT_COUNT],
            /// The dates known by their month only, one slot per fact of [`MONTH_FACTS`] (that fact's own slot is
            /// then `None`); read and written through [`Answers::get`] and [`Answers::set`].
            pub months: [Option<YearMonth>; MONTH_FACTS.len()],
        }

        // By hand: the slots are `Copy`, so a clone is one copy of the arrays (the derived clone copied slot by
        // slot; the resolver clones the answers for every value it tries).
        impl Clone for Answers {
            #[inline]
            fn clone(&self) -> Self {
                Answers {
                    values: self.values,
                    months: self.months,
                }
            }
        }

        impl Default for Answers {
            fn default() -> Self {
                Answers {
                    values: [None; FACT_COUNT],
                    months: [None; MONTH_FACTS.len()],
                }
            }
        }

        impl Answers {
            /// The answer to `f`, if any.
            pub fn get(&self, f: FactId) -> Option<Answer<Value>> {
                let v = self.values[f as usize];
                if v.is_none() {
                    if let Some(m) = month_slot(f).and_then(|i| self.months[i]) {
                        return Some(Answer::Known(Value::Month(m)));
                    }
                }
                v
            }

            /// Sets (or clears, with `None`) the answer to `f`; a value of the wrong kind, an option not offered,
            /// or "I don't know" where it is not allowed leaves the answer unchanged (see [`Answers::try_set`]).
            pub fn set(&mut self, f: FactId, v: Option<Answer<Value>>) {
                let _ = self.try_set(f, v);
            }

            /// Like [`Answers::set`], saying why a value was refused.
            pub fn try_set(&mut self, f: FactId, v: Option<Answer<Value>>) -> Result<(), SetError> {
                // `normalise` only lets through a value of the fact's kind (and a month where it is allowed).
                let v = match v {
                    None => None,
                    Some(Answer::Unknown) if !f.allows_unknown() => return Err(SetError::UnknownNotAllowed),
                    Some(Answer::Unknown) => Some(Answer::Unknown),
                    Some(Answer::Known(x)) => Some(Answer::Known(normalise(f, x).ok_or(SetError::WrongKind)?)),
                };
                // A month goes to its slot and clears the fact's own; any other answer clears the month slot.
                if let Some(i) = month_slot(f) {
                    self.months[i] = match v {
                        Some(Answer::Known(Value::Month(m))) => Some(m),
                        _ => None,
                    };
                }
                self.values[f as usize] = match v {
                    Some(Answer::Known(Value::Month(_))) => None,
                    v => v,
                };
                Ok(())
            }
        }
    };
}

facts! {
    // ---- Loan ----
    "Kind of loan: real_estate or consumer."
    LoanKind => loan_kind: &'static str, Choice, FactKind::Choice(LOAN_KINDS), Loan, false;
    "Issue date printed on the offer (\"date d'émission\")."
    OfferIssueDate => offer_issue_date: Date, Date, FactKind::Date, Loan, true;
    "Date the borrower signed (accepted) the offer."
    OfferSignatureDate => offer_signature_date: Date, Date, FactKind::Date, Loan, true;
    "Amount borrowed (initial capital), cents."
    LoanAmount => loan_amount: Cents, Money, FactKind::Money, Loan, true;
    "Date of the first installment (the following ones fall on the same day of each month); \"YYYY-MM\" when only its month and year are known."
    FirstInstallmentDate => first_installment_date: Date, Date, FactKind::Date, Loan, true;
    "Duration in monthly installments."
    LoanMonths => loan_months: u32, Months, FactKind::Months, Loan, true;
    "Nominal yearly rate."
    LoanRate => loan_rate: Percent, Percent, FactKind::Percent, Loan, true;
    "Whether the loan was repaid in full before its end."
    RepaidEarly => repaid_early: bool, YesNo, FactKind::YesNo, Loan, false;
    "Whether the loan ran to its term (last installment paid), asked when its schedule is not known."
    LoanEnded => loan_ended: bool, YesNo, FactKind::YesNo, Loan, true;
    "Date of the loan's last installment (from the amortisation table), asked when the first installment date is not known; \"YYYY-MM\" when only its month and year are known."
    LastInstallmentDate => last_installment_date: Date, Date, FactKind::Date, Loan, true;
    "Date of the total early repayment."
    PayoffDate => payoff_date: Date, Date, FactKind::Date, Loan, true;
    "Whether part of the loan was repaid early."
    PartialRepayment => partial_repayment: bool, YesNo, FactKind::YesNo, Loan, false;
    "Date of the partial repayment."
    PartialRepaymentDate => partial_repayment_date: Date, Date, FactKind::Date, Loan, true;
    "Outstanding capital right after the partial repayment (new amortisation table), cents."
    OutstandingAfterPartial => outstanding_after_partial: Cents, Money, FactKind::Money, Loan, true;
    // ---- Insurance ----
    "Contract type: group (the lender's) or delegated (an individual contract)."
    ContractType => contract_type: &'static str, Choice, FactKind::Choice(CONTRACT_TYPES), Insurance, true;
    "Monthly premium of the loan's insurance contract as debited (all insured together, before any change of insurer), cents."
    PremiumMonthly => premium_monthly: Cents, Money, FactKind::Money, Insurance, true;
    "Yearly premium rate, when the premium is known as a rate and not in euros a month: % of the amount borrowed, or of the capital outstanding before each installment when premium_basis is outstanding_capital (not given: read on the amount borrowed, as answers v1 did)."
    PremiumRate => premium_rate: Percent, Percent, FactKind::Percent, Insurance, true;
    "What the contract computes the premium on: initial_capital or outstanding_capital."
    PremiumBasis => premium_basis: &'static str, Choice, FactKind::Choice(PREMIUM_BASES), Insurance, true;
    "Whether the same premium is debited every month."
    PremiumConstant => premium_constant: bool, YesNo, FactKind::YesNo, Insurance, true;
    "Whether the notice says the premium is recalculated after a partial repayment."
    PartialRepaymentClause => partial_repayment_clause: bool, YesNo, FactKind::YesNo, Insurance, true;
    "Whether a guarantee ended (age limit, retirement) while the loan runs."
    CoverEnded => cover_ended: bool, YesNo, FactKind::YesNo, Insurance, false;
    "Date the guarantee ended."
    CoverEndDate => cover_end_date: Date, Date, FactKind::Date, Insurance, true;
    "Whether the contract itself lowers the premium when that guarantee ends."
    CoverEndLowersPremium => cover_end_lowers_premium: bool, YesNo, FactKind::YesNo, Insurance, true;
    "Monthly premium the contract sets after that guarantee ended, cents."
    PremiumAfterCoverEnd => premium_after_cover_end: Cents, Money, FactKind::Money, Insurance, true;
    "Whether the visitor asks about the \"participation aux bénéfices\"."
    AskedProfitSharing => asked_profit_sharing: bool, YesNo, FactKind::YesNo, Insurance, false;
    // ---- Events ----
    "Number of premium debits after the loan was repaid."
    DebitsAfterPayoff => debits_after_payoff: u32, Count, FactKind::Count, Events, true;
    "Date of the first premium debit after the loan was repaid (the others monthly after it)."
    FirstDebitAfterPayoff => first_debit_after_payoff: Date, Date, FactKind::Date, Events, true;
    "Whether the insurer (or lender) was ever sent the payoff certificate (false: never told, distinct from \"I don't know\")."
    PayoffNoticeSent => payoff_notice_sent: bool, YesNo, FactKind::YesNo, Events, true;
    "Date the insurer (or lender) received the payoff certificate."
    PayoffNoticeDate => payoff_notice_date: Date, Date, FactKind::Date, Events, true;
    "Whether fees were paid for a delegation or substitution of insurance."
    LenderFeesPaid => lender_fees_paid: bool, YesNo, FactKind::YesNo, Events, false;
    "Amount of those fees, cents."
    LenderFeesAmount => lender_fees_amount: Cents, Money, FactKind::Money, Events, true;
    "Date those fees were paid."
    LenderFeesDate => lender_fees_date: Date, Date, FactKind::Date, Events, true;
    "Who was paid: lender, new_insurer or broker."
    LenderFeesPayee => lender_fees_payee: &'static str, Choice, FactKind::Choice(FEE_PAYEES), Events, true;
    "Whether a change of insurance was asked of the lender."
    SwitchRequested => switch_requested: bool, YesNo, FactKind::YesNo, Events, false;
    "Date the lender received the complete request."
    SwitchRequestDate => switch_request_date: Date, Date, FactKind::Date, Events, true;
    "Start date requested for the new contract."
    SwitchRequestedStart => switch_requested_start: Date, Date, FactKind::Date, Events, true;
    "The lender's decision: accepted, refused or no_answer."
    SwitchDecision => switch_decision: &'static str, Choice, FactKind::Choice(SWITCH_DECISIONS), Events, true;
    "Date of the lender's decision (the old insurer told the same day)."
    SwitchDecisionDate => switch_decision_date: Date, Date, FactKind::Date, Events, true;
    "Whether the refusal's reason was valid (a guarantee the lender requires was missing)."
    RefusalReasonValid => refusal_reason_valid: bool, YesNo, FactKind::YesNo, Events, true;
    "Monthly premium of the new contract that was asked for, cents."
    SwitchNewPremium => switch_new_premium: Cents, Money, FactKind::Money, Events, true;
    // ---- Switching history (issue 11 point 1): request 1 is the facts above (answers v1); a second and a third
    // request, each asked only when the one before was refused or left unanswered; the premium paid since a switch
    // succeeded (its date is `old_contract_end_date`). See `switching::REQUESTS`. ----
    "Kind of the first request: first_year (within 12 months of the offer's signature), annual (at the yearly échéance) or any_time (\"I don't know\": the kind the right open on its date gives)."
    SwitchKind => switch_kind: &'static str, Choice, FactKind::Choice(SWITCH_KINDS), Events, true;
    "Reason the lender gave for refusing the first request: none_given, guarantee_missing, file_incomplete or other."
    SwitchRefusalReason => switch_refusal_reason: &'static str, Choice, FactKind::Choice(REFUSAL_REASONS), Events, true;
    "Whether that reason held: valid (a guarantee of the lender's published list was missing), meets_published_list (the new contract meets the lender's published list of guarantees: the refusal was not valid) or invalid."
    SwitchRefusalValidity => switch_refusal_validity: &'static str, Choice, FactKind::Choice(REFUSAL_VALIDITIES), Events, true;
    "Whether a second change of insurance was asked of the lender (after the first was refused or left unanswered)."
    Switch2Requested => switch2_requested: bool, YesNo, FactKind::YesNo, Events, false;
    "Kind of the second request: first_year, annual or any_time."
    Switch2Kind => switch2_kind: &'static str, Choice, FactKind::Choice(SWITCH_KINDS), Events, true;
    "Date the lender received the second complete request."
    Switch2RequestDate => switch2_request_date: Date, Date, FactKind::Date, Events, true;
    "Start date requested for the new contract in the second request."
    Switch2RequestedStart => switch2_requested_start: Date, Date, FactKind::Date, Events, true;
    "The lender's decision on the second request: accepted, refused or no_answer."
    Switch2Decision => switch2_decision: &'static str, Choice, FactKind::Choice(SWITCH_DECISIONS), Events, true;
    "Date of the lender's decision on the second request."
    Switch2DecisionDate => switch2_decision_date: Date, Date, FactKind::Date, Events, true;
    "Reason the lender gave for refusing the second request: none_given, guarantee_missing, file_incomplete or other."
    Switch2RefusalReason => switch2_refusal_reason: &'static str, Choice, FactKind::Choice(REFUSAL_REASONS), Events, true;
    "Whether that reason held: valid, meets_published_list or invalid."
    Switch2RefusalValidity => switch2_refusal_validity: &'static str, Choice, FactKind::Choice(REFUSAL_VALIDITIES), Events, true;
    "Monthly premium of the new contract asked for in the second request, cents."
    Switch2NewPremium => switch2_new_premium: Cents, Money, FactKind::Money, Events, true;
    // Request 3 (`switching::REQUESTS[2]`): the same rows as request 2, asked only when request 2 was refused or left
    // unanswered. A hand-written block: `macro_rules!` cannot build the field names from a slot number (no `paste`).
    "Whether a third change of insurance was asked of the lender (after the second was refused or left unanswered)."
    Switch3Requested => switch3_requested: bool, YesNo, FactKind::YesNo, Events, false;
    "Kind of the third request: first_year, annual or any_time."
    Switch3Kind => switch3_kind: &'static str, Choice, FactKind::Choice(SWITCH_KINDS), Events, true;
    "Date the lender received the third complete request."
    Switch3RequestDate => switch3_request_date: Date, Date, FactKind::Date, Events, true;
    "Start date requested for the new contract in the third request."
    Switch3RequestedStart => switch3_requested_start: Date, Date, FactKind::Date, Events, true;
    "The lender's decision on the third request: accepted, refused or no_answer."
    Switch3Decision => switch3_decision: &'static str, Choice, FactKind::Choice(SWITCH_DECISIONS), Events, true;
    "Date of the lender's decision on the third request."
    Switch3DecisionDate => switch3_decision_date: Date, Date, FactKind::Date, Events, true;
    "Reason the lender gave for refusing the third request: none_given, guarantee_missing, file_incomplete or other."
    Switch3RefusalReason => switch3_refusal_reason: &'static str, Choice, FactKind::Choice(REFUSAL_REASONS), Events, true;
    "Whether that reason held: valid, meets_published_list or invalid."
    Switch3RefusalValidity => switch3_refusal_validity: &'static str, Choice, FactKind::Choice(REFUSAL_VALIDITIES), Events, true;
    "Monthly premium of the new contract asked for in the third request, cents."
    Switch3NewPremium => switch3_new_premium: Cents, Money, FactKind::Money, Events, true;
    "Monthly premium paid since the change of insurance went through (all insured together), cents."
    PremiumSinceSwitch => premium_since_switch: Cents, Money, FactKind::Money, Events, true;
    // ---- end of the switching history ----
    "Whether the old contract has ended (the new cover started)."
    OldContractEnded => old_contract_ended: bool, YesNo, FactKind::YesNo, Events, true;
    "Date the old contract actually ended."
    OldContractEndDate => old_contract_end_date: Date, Date, FactKind::Date, Events, true;
    "Whether the insurer refused to pay a claim (sinistre) or excluded it."
    ClaimRefused => claim_refused: bool, YesNo, FactKind::YesNo, Events, false;
    "Date of that refusal."
    ClaimRefusalDate => claim_refusal_date: Date, Date, FactKind::Date, Events, true;
    "Benefit an adequate cover would have paid, cents."
    BenefitRefused => benefit_refused: Cents, Money, FactKind::Money, Events, true;
    "Whether the bank specifically warned that the cover did not fit the borrower's situation."
    BankWarned => bank_warned: bool, YesNo, FactKind::YesNo, Events, true;
    "Monthly premium of a quote for a new contract, cents (\"I don't know\": default rates are used)."
    QuotePremium => quote_premium: Cents, Money, FactKind::Money, Events, true;
    "One-off fees of switching now (new contract, broker), cents."
    SwitchOneOffFees => switch_one_off_fees: Cents, Money, FactKind::Money, Events, true;
    "Whether the visitor has sent a written demand for repayment (false: not sent yet, distinct from \"I don't know\")."
    DemandSent => demand_sent: bool, YesNo, FactKind::YesNo, Events, true;
    "Date of the visitor's written demand for repayment (\"I don't know\" / none: the rate only is shown)."
    DemandDate => demand_date: Date, Date, FactKind::Date, Events, true;
    // ---- People ----
    "Number of insured people (1 or 2)."
    InsuredCount => insured_count: u32, Count, FactKind::Count, People, false;
    "First insured person's birth date."
    Person1BirthDate => person1_birth_date: Date, Date, FactKind::Date, People, true;
    "First insured person's cover share (quotité)."
    Person1Share => person1_share: Percent, Percent, FactKind::Percent, People, true;
    "Whether the first insured person smokes."
    Person1Smoker => person1_smoker: bool, YesNo, FactKind::YesNo, People, true;
    "First insured person's insured share of their other outstanding real-estate loans, cents."
    Person1OtherLoans => person1_other_loans: Cents, Money, FactKind::Money, People, true;
    "Second insured person's birth date."
    Person2BirthDate => person2_birth_date: Date, Date, FactKind::Date, People, true;
    "Second insured person's cover share (quotité)."
    Person2Share => person2_share: Percent, Percent, FactKind::Percent, People, true;
    "Whether the second insured person smokes."
    Person2Smoker => person2_smoker: bool, YesNo, FactKind::YesNo, People, true;
    "Second insured person's insured share of their other outstanding real-estate loans, cents."
    Person2OtherLoans => person2_other_loans: Cents, Money, FactKind::Money, People, true;
}

super::codes::coded! {
    /// Why [`Answers::try_set`] refused a value (its codes are problem codes of [`super::check_value`]).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SetError {
        /// The value's kind does not match the fact, or the option is not offered.
        WrongKind = "wrong_kind",
        /// "I don't know" is not an answer to this fact.
        UnknownNotAllowed = "unknown_not_allowed",
    }
}

/// The facts a month and year can answer (issue 11 points 1 and 2): the installment dates, whose day the rules
/// can often do without (the resolver tries the days of the month).
pub const MONTH_FACTS: [FactId; 2] = [FactId::FirstInstallmentDate, FactId::LastInstallmentDate];

/// The slot of `f` in [`Answers::months`].
fn month_slot(f: FactId) -> Option<usize> {
    MONTH_FACTS.iter().position(|x| *x == f)
}

impl FactId {
    /// Whether a month and year ([`Value::Month`], JSON "YYYY-MM") is an accepted answer, beside a full date.
    pub fn allows_month(self) -> bool {
        month_slot(self).is_some()
    }
}

/// The value with a choice replaced by the fact's own static option; `None` if it does not fit the fact.
fn normalise(f: FactId, v: Value) -> Option<Value> {
    match (f.kind(), v) {
        (FactKind::Date, Value::Month(_)) if f.allows_month() => Some(v),
        (FactKind::Choice(opts), Value::Choice(s)) => {
            opts.iter().find(|o| **o == s).map(|o| Value::Choice(o))
        }
        (FactKind::Date, Value::Date(_))
        | (FactKind::Money, Value::Money(_))
        | (FactKind::Percent, Value::Percent(_))
        | (FactKind::Months, Value::Months(_))
        | (FactKind::Count, Value::Count(_))
        | (FactKind::YesNo, Value::YesNo(_)) => Some(v),
        _ => None,
    }
}

impl FactId {
    /// The fact whose id is `s`.
    pub fn from_id(s: &str) -> Option<FactId> {
        FactId::ALL.iter().copied().find(|f| f.id() == s)
    }
    /// Its position in the questionnaire order ([`FactId::ALL`] lists the facts in declaration order, so this is
    /// the discriminant; `tests` checks it).
    pub fn order(self) -> usize {
        self as usize
    }
}

impl fmt::Display for FactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl serde::Serialize for FactId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// The answers JSON format version.
pub const ANSWERS_VERSION: u64 = 1;

/// A rejected answers document: the field at fault (if any) and a one-line message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// The JSON field at fault.
    pub field: Option<String>,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(x) => write!(f, "field \"{x}\": {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FormatError {}

fn field_err(field: &str, message: impl Into<String>) -> FormatError {
    FormatError {
        field: Some(field.to_string()),
        message: message.into(),
    }
}

/// The JSON value of one answer.
pub fn value_to_json(v: &Value) -> serde_json::Value {
    match *v {
        Value::Date(d) => serde_json::Value::String(d.to_string()),
        Value::Month(m) => serde_json::Value::String(m.to_string()),
        Value::Money(c) => serde_json::Value::from(c.0),
        Value::Percent(p) => serde_json::Value::from(p.0),
        Value::Months(n) | Value::Count(n) => serde_json::Value::from(n),
        Value::YesNo(b) => serde_json::Value::Bool(b),
        Value::Choice(s) => serde_json::Value::String(s.to_string()),
    }
}

/// The JSON value of an answer ("unknown" for "I don't know").
pub fn answer_to_json(a: &Answer<Value>) -> serde_json::Value {
    match a {
        Answer::Known(v) => value_to_json(v),
        Answer::Unknown => serde_json::Value::String("unknown".into()),
    }
}

fn kind_expectation(k: FactKind) -> String {
    match k {
        FactKind::Date => "expected a date \"YYYY-MM-DD\"".into(),
        FactKind::Money => "expected an amount in integer cents (>= 0)".into(),
        FactKind::Percent => "expected an integer in millionths of a percent (>= 0)".into(),
        FactKind::Months => "expected a whole number of months (>= 0)".into(),
        FactKind::Count => "expected a whole number (>= 0)".into(),
        FactKind::YesNo => "expected true or false".into(),
        FactKind::Choice(o) => format!("expected one of {}", o.join(", ")),
    }
}

/// Parses one answer given as JSON for `f`.
pub fn answer_from_json(f: FactId, v: &serde_json::Value) -> Result<Answer<Value>, FormatError> {
    let name = f.id();
    if v.as_str() == Some("unknown") {
        if f.allows_unknown() {
            return Ok(Answer::Unknown);
        }
        return Err(field_err(
            name,
            "\"unknown\" is not an accepted answer here",
        ));
    }
    let bad = || field_err(name, kind_expectation(f.kind()));
    let u32_of = |v: &serde_json::Value| v.as_u64().and_then(|n| u32::try_from(n).ok());
    let val = match f.kind() {
        FactKind::Date if f.allows_month() => {
            let s = v.as_str().ok_or_else(bad)?;
            match (Date::parse_iso(s), YearMonth::parse_iso(s)) {
                (Some(d), _) => Value::Date(d),
                (None, Some(m)) => Value::Month(m),
                (None, None) => {
                    return Err(field_err(
                        name,
                        "expected a date \"YYYY-MM-DD\" or a month \"YYYY-MM\"",
                    ))
                }
            }
        }
        FactKind::Date => Value::Date(v.as_str().and_then(Date::parse_iso).ok_or_else(bad)?),
        FactKind::Money => Value::Money(Cents(v.as_i64().filter(|n| *n >= 0).ok_or_else(bad)?)),
        FactKind::Percent => {
            Value::Percent(Percent(v.as_i64().filter(|n| *n >= 0).ok_or_else(bad)?))
        }
        FactKind::Months => Value::Months(u32_of(v).ok_or_else(bad)?),
        FactKind::Count => Value::Count(u32_of(v).ok_or_else(bad)?),
        FactKind::YesNo => Value::YesNo(v.as_bool().ok_or_else(bad)?),
        FactKind::Choice(opts) => {
            let s = v.as_str().ok_or_else(bad)?;
            Value::Choice(opts.iter().find(|o| **o == s).ok_or_else(bad)?)
        }
    };
    Ok(Answer::Known(val))
}

impl Answers {
    /// The known answer to the choice `f` as its options' enum `O` (one of [`option`]), if any.
    pub fn option<O: super::codes::Coded + Copy>(&self, f: FactId) -> Option<O> {
        match self.get(f) {
            Some(Answer::Known(Value::Choice(s))) => O::from_code(s).copied(),
            _ => None,
        }
    }

    /// Parses the answers JSON v1: `{"version": 1, "<fact id>": <value> | "unknown", ...}`.
    /// A date is "YYYY-MM-DD"; the facts of [`MONTH_FACTS`] also take a month "YYYY-MM" (a date known by its month
    /// and year only). That is an addition, not a new version: every document the format read before reads the same.
    /// Absent fields are not answered; unknown fields and wrong types are rejected, naming the field.
    pub fn from_json(text: &str) -> Result<Answers, FormatError> {
        let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| FormatError {
            field: None,
            message: format!("not valid JSON ({e})").replace('\n', " "),
        })?;
        Answers::from_json_value(&doc)
    }

    /// Like [`Answers::from_json`], from a parsed JSON value.
    pub fn from_json_value(doc: &serde_json::Value) -> Result<Answers, FormatError> {
        let obj = doc.as_object().ok_or_else(|| FormatError {
            field: None,
            message: "the answers must be a JSON object".into(),
        })?;
        match obj.get("version") {
            None => return Err(field_err("version", "missing; expected 1")),
            Some(v) if v.as_u64() == Some(ANSWERS_VERSION) => {}
            Some(_) => return Err(field_err("version", "unsupported version; expected 1")),
        }
        let mut a = Answers::default();
        for (k, v) in obj {
            if k == "version" {
                continue;
            }
            let f = FactId::from_id(k).ok_or_else(|| field_err(k, "unknown field"))?;
            let ans = answer_from_json(f, v)?;
            a.try_set(f, Some(ans))
                .map_err(|_| field_err(k, kind_expectation(f.kind())))?;
        }
        Ok(a)
    }

    /// The answers JSON v1 (fields sorted by name, unanswered facts omitted).
    pub fn to_json(&self) -> String {
        self.to_json_value(FactId::ALL).to_string()
    }

    /// The answers JSON v1 object restricted to `include`.
    pub fn to_json_value(&self, include: &[FactId]) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("version".into(), serde_json::Value::from(ANSWERS_VERSION));
        for f in FactId::ALL {
            if !include.contains(f) {
                continue;
            }
            if let Some(a) = self.get(*f) {
                m.insert(f.id().into(), answer_to_json(&a));
            }
        }
        serde_json::Value::Object(m)
    }

    /// These answers with each date known by its month replaced by one of its days (`pick`), or `None` when no date
    /// is known by its month.
    pub fn with_months_as(&self, pick: fn(YearMonth) -> Date) -> Option<Answers> {
        if self.months.iter().all(Option::is_none) {
            return None;
        }
        let mut a = self.clone();
        for f in MONTH_FACTS {
            if let Some(Answer::Known(Value::Month(m))) = self.get(f) {
                a.set(f, Some(Answer::Known(Value::Date(pick(m)))));
            }
        }
        Some(a)
    }

    /// The facts answered (known or "I don't know"), in questionnaire order.
    pub fn answered(&self) -> Vec<FactId> {
        FactId::ALL
            .iter()
            .copied()
            .filter(|f| self.get(*f).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_the_position_in_all() {
        for (i, f) in FactId::ALL.iter().enumerate() {
            assert_eq!(f.order(), i, "{f}");
        }
    }

    #[test]
    fn each_slot_keeps_its_answer() {
        let mut a = Answers::default();
        a.set(FactId::LoanMonths, Some(Answer::Known(Value::Months(240))));
        a.set(
            FactId::LoanKind,
            Some(Answer::Known(Value::Choice("consumer"))),
        );
        assert_eq!(
            a.try_set(FactId::LoanAmount, Some(Answer::Known(Value::Months(3)))),
            Err(SetError::WrongKind)
        );
        assert_eq!(
            a.try_set(FactId::LoanKind, Some(Answer::Unknown)),
            Err(SetError::UnknownNotAllowed)
        );
        assert_eq!(
            a.get(FactId::LoanMonths),
            Some(Answer::Known(Value::Months(240)))
        );
        assert_eq!(
            a.get(FactId::LoanKind),
            Some(Answer::Known(Value::Choice("consumer")))
        );
        assert_eq!(a.get(FactId::LoanAmount), None);
        assert_eq!(a.answered(), vec![FactId::LoanKind, FactId::LoanMonths]);
        a.set(FactId::LoanMonths, None);
        assert_eq!(a.get(FactId::LoanMonths), None);
    }
}
