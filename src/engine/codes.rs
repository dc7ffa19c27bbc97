//! The stable snake_case ids the engine returns (reasons, documents, details), each a type of its own listed once
//! ([`reason::Reason`], [`document::Document`], [`detail::DetailId`]); the interface translates each of them.
//!
//! It also holds the one convention for closed lists (issue 12 point 5): [`Coded`], implemented by the
//! `coded!` macro, which writes an enum, its `ALL` and its stable code from one list, so a variant cannot be
//! added without its code, nor left out of `ALL` (the message-coverage tests loop over `ALL`).

/// A closed list of values, each with a stable snake_case code: every error or problem type, the claims and
/// the delivery methods. Written by `coded!`, so `ALL` and the codes come from one list.
pub trait Coded: Sized + 'static {
    /// Every value, one per code, in the order of the list (a variant with a payload appears once, with the
    /// payload given in its `coded!` line).
    const ALL: &'static [Self];
    /// The stable snake_case code (the message key suffix, the wire word).
    fn code(&self) -> &'static str;
    /// The value whose code is `code` (for a variant with a payload: with the payload of `ALL`).
    fn from_code(code: &str) -> Option<&'static Self> {
        Self::ALL.iter().find(|v| v.code() == code)
    }
}

/// Writes an enum, its inherent `ALL` and `code()` (or another name given after `as`), and [`Coded`], from one
/// list of `Variant = "code",` lines. A variant may carry one value, with the one `ALL` holds:
/// `Refused(u16 = 0) = "refused",` or `BadAnswers { field: Option<String> = None } = "bad_answers",`.
///
/// ```ignore
/// coded! {
///     /// Why an address was refused.
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum UrlError as code {
///         /// Nothing given.
///         Empty = "empty",
///     }
/// }
/// ```
macro_rules! coded {
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident as $method:ident {
            $(
                $(#[$vm:meta])*
                $variant:ident
                $( ( $tty:ty = $tdef:expr ) )?
                $( { $(#[$fm:meta])* $field:ident : $fty:ty = $fdef:expr } )?
                = $code:literal,
            )*
        }
    ) => {
        $(#[$m])*
        $vis enum $name {
            $(
                $(#[$vm])*
                $variant $( ($tty) )? $( { $(#[$fm])* $field: $fty } )?,
            )*
        }

        impl $name {
            /// Every value, one per code, in the order of the list.
            pub const ALL: &'static [$name] = &[
                $( $name::$variant $( ($tdef) )? $( { $field: $fdef } )?, )*
            ];

            /// Every code, in the order of the list.
            pub const CODES: &'static [&'static str] = &[ $( $code, )* ];

            /// The stable snake_case code.
            pub const fn $method(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => $code, )*
                }
            }
        }

        impl $crate::engine::codes::Coded for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn code(&self) -> &'static str {
                self.$method()
            }
        }
    };
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $crate::engine::codes::coded! { $(#[$m])* $vis enum $name as code { $($body)* } }
    };
}
pub(crate) use coded;

/// Writes one id type from one list of `NAME = "code",` lines: a `coded!` enum (its `ALL` and `code()`), the
/// values usable by name in the module (`reason::LOAN_CLOSED`), the module's `ALL`, and the serialisation and
/// display as the code, so the result JSON keeps its strings and a claim cannot return an id that is not listed
/// (nor a listed one without words: the message-coverage test loops over `ALL`).
macro_rules! codes {
    ($(#[$m:meta])* $ty:ident { $($name:ident = $s:literal,)* }) => {
        $crate::engine::codes::coded! {
            $(#[$m])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[allow(non_camel_case_types)]
            pub enum $ty {
                $(
                    #[doc = concat!("`", $s, "`")]
                    $name = $s,
                )*
            }
        }

        pub use $ty::*;

        /// Every value, in the order of the list (for the interface's translation tables).
        pub const ALL: &[$ty] = $ty::ALL;

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// Reason codes: why a verdict was given (stable ids).
pub mod reason {
    codes! {
        /// Why a verdict was given: a reason id (`reason.<code>` in the message files).
        Reason {
            // Switching rights (SPEC §2.2, §2.3, LAW §1, C7).
            CONSUMER_CREDIT = "consumer_credit",
            BEFORE_LAGARDE = "before_lagarde",
            BEFORE_OFFER_SIGNATURE = "before_offer_signature",
            HAMON_WINDOW_OPEN = "hamon_window_open",
            HAMON_WINDOW_OVER = "hamon_window_over",
            SIGNED_BEFORE_HAMON = "signed_before_hamon",
            HAMON_TRIGGER_AMBIGUOUS = "hamon_trigger_ambiguous",
            ANNUAL_ECHEANCE = "annual_echeance",
            NO_ANNUAL_RIGHT_YET = "no_annual_right_yet",
            LEMOINE_ANY_TIME = "lemoine_any_time",
            OFFER_ISSUE_DATE_NEEDED = "offer_issue_date_needed",
            OFFER_SIGNATURE_DATE_NEEDED = "offer_signature_date_needed",
            LATER_REGIME_DEPENDS_ON_ISSUE_DATE = "later_regime_depends_on_issue_date",
            // Common.
            FACTS_MISSING = "facts_missing",
            ANSWER_UNKNOWN = "answer_unknown",
            LIMITATION_PASSED = "limitation_passed",
            PARTLY_TIME_BARRED = "partly_time_barred",
            CONTESTED_LATER_DISCOVERY = "contested_later_discovery",
            LETTER_DOES_NOT_STOP_CLOCK = "letter_does_not_stop_clock",
            INTEREST_FROM_EACH_PAYMENT = "interest_from_each_payment",
            INTEREST_FROM_DEMAND = "interest_from_demand",
            INTEREST_RATE_ONLY = "interest_rate_only",
            INTEREST_PROVISIONAL = "interest_provisional",
            INTEREST_BEFORE_RATE_TABLE = "interest_before_rate_table",
            LOAN_CLOSED = "loan_closed",
            LOAN_RUNNING = "loan_running",
            // profit_sharing (C1, SPEC §2.7).
            NO_INDIVIDUAL_RIGHT = "no_individual_right",
            CE_RULE_ILLEGAL_ONLY = "ce_rule_illegal_only",
            PREMIUMS_TIME_BARRED = "premiums_time_barred",
            CAMPAIGNS_STILL_ADVERTISE = "campaigns_still_advertise",
            // after_payoff (C2).
            DEBITS_AFTER_PAYOFF = "debits_after_payoff",
            NO_DEBIT_AFTER_PAYOFF = "no_debit_after_payoff",
            DEBITS_AFTER_LOAN_END = "debits_after_loan_end",
            NO_DEBIT_IN_PERIOD = "no_debit_in_period",
            INSURER_WAS_TOLD = "insurer_was_told",
            // after_cover_end (C3, SPEC §2.8).
            COVER_NOT_ENDED = "cover_not_ended",
            CONTRACT_LOWERS_PREMIUM = "contract_lowers_premium",
            CONTRACT_CLAUSE_TO_CHECK = "contract_clause_to_check",
            NO_CASE_LAW_UNDUE_PORTION = "no_case_law_undue_portion",
            // wrong_basis (C4).
            PREMIUM_NOT_RECALCULATED = "premium_not_recalculated",
            BILLED_ON_INITIAL_NOT_OUTSTANDING = "billed_on_initial_not_outstanding",
            CLAUSE_NOT_CONFIRMED = "clause_not_confirmed",
            NO_RECALCULATION_CLAUSE = "no_recalculation_clause",
            NO_BASIS_ERROR = "no_basis_error",
            PREMIUM_MATCHES_CONTRACT = "premium_matches_contract",
            // lender_fees (C5, SPEC §2.9).
            FEES_TO_LENDER_BANNED = "fees_to_lender_banned",
            FEE_BAN_DATE_UNCONFIRMED = "fee_ban_date_unconfirmed",
            FEES_BEFORE_BAN = "fees_before_ban",
            FEES_NOT_TO_LENDER = "fees_not_to_lender",
            CONSUMER_CREDIT_FEES_UNSETTLED = "consumer_credit_fees_unsettled",
            NO_FEES_PAID = "no_fees_paid",
            // double_premium (C6) and refused_switch (C7).
            NO_SWITCH_REQUEST = "no_switch_request",
            SWITCH_NOT_ACCEPTED = "switch_not_accepted",
            SWITCH_NOT_REFUSED = "switch_not_refused",
            LENDER_LATE = "lender_late",
            LENDER_ON_TIME = "lender_on_time",
            NO_STATUTORY_DEADLINE_YET = "no_statutory_deadline_yet",
            NO_OVERLAP = "no_overlap",
            OLD_CONTRACT_STILL_RUNNING = "old_contract_still_running",
            NO_SWITCHING_RIGHT_ON_REQUEST = "no_switching_right_on_request",
            SWITCHING_RIGHT_UNCERTAIN = "switching_right_uncertain",
            REFUSAL_WITHOUT_VALID_REASON = "refusal_without_valid_reason",
            REFUSAL_REASON_VALID = "refusal_reason_valid",
            REFUSAL_VALIDITY_UNKNOWN = "refusal_validity_unknown",
            NO_ANSWER_TREATED_AS_REFUSAL = "no_answer_treated_as_refusal",
            STILL_BLOCKED = "still_blocked",
            NO_LOSS = "no_loss",
            DAMAGES_INTEREST_FROM_JUDGMENT = "damages_interest_from_judgment",
            // duty_to_advise (C8, SPEC §2.12).
            NO_CLAIM_REFUSED = "no_claim_refused",
            LOSS_OF_CHANCE_SET_BY_JUDGE = "loss_of_chance_set_by_judge",
            SEE_A_LAWYER = "see_a_lawyer",
            BANK_WARNED = "bank_warned",
            // switch_savings (C9, SPEC §2.13).
            SAVING_POSSIBLE = "saving_possible",
            NO_SAVING = "no_saving",
            ESTIMATE_FROM_DEFAULTS = "estimate_from_defaults",
            FROM_QUOTE = "from_quote",
            NO_DEFAULT_FROM_AGE_LIMIT = "no_default_from_age_limit",
            NO_SWITCHING_RIGHT_NOW = "no_switching_right_now",
            EQUIVALENCE_REQUIRED = "equivalence_required",
            // medical_questionnaire (SPEC §2.14, LAW §3.2).
            EXEMPT = "exempt",
            EXEMPT_PARTIAL = "exempt_partial",
            OVER_CEILING = "over_ceiling",
            ENDS_ON_OR_AFTER_AGE_LIMIT = "ends_on_or_after_age_limit",
            BEFORE_EXEMPTION_LAW = "before_exemption_law",
            // Rules engine v2 (issue 11).
            ALL_DEBITS_TIME_BARRED = "all_debits_time_barred",
            ALL_DEBITS_PAST_LONG_STOP = "all_debits_past_long_stop",
            LOAN_NOT_STARTED = "loan_not_started",
            PREMIUM_FROM_RATE = "premium_from_rate",
            DEMAND_NOT_SENT = "demand_not_sent",
            PAYEE_NEVER_TOLD = "payee_never_told",
            // Switching history (issue 11 point 1).
            REFUSAL_GAVE_NO_REASON = "refusal_gave_no_reason",
            NEW_CONTRACT_MEETS_PUBLISHED_LIST = "new_contract_meets_published_list",
            SWITCH_KIND_NOT_OPEN_ON_REQUEST = "switch_kind_not_open_on_request",
            LATER_SWITCH_SUCCEEDED = "later_switch_succeeded",
            PREMIUM_SINCE_SWITCH = "premium_since_switch",
            // Loans not started (issue 11 point 4): no premium has been debited yet.
            NO_PREMIUM_DEBITED_YET = "no_premium_debited_yet",
            // profit_sharing when not asked about and no group contract ran in the years of the rule (SPEC §2.7).
            PROFIT_SHARING_NOT_RAISED = "profit_sharing_not_raised",
            // The resolver: every possible answer left open gives the same verdict, each for its own reason.
            SAME_VERDICT_EVERY_ANSWER = "same_verdict_every_answer",
            // A premium given as a yearly rate of the outstanding capital (issue 11 point 1).
            PREMIUM_FROM_RATE_OUTSTANDING = "premium_from_rate_outstanding",
            PREMIUM_RATE_PAST_SCHEDULE = "premium_rate_past_schedule",
            // The resolver: an "I don't know" whose values agree on everything but the last day; the earliest given.
            LAST_DAY_EARLIEST_POSSIBLE = "last_day_earliest_possible",
        }
    }
}

/// Documents that prove a claim (stable ids).
pub mod document {
    codes! {
        /// A document that proves a claim (`doc.<code>` in the message files).
        Document {
            LOAN_OFFER = "loan_offer",
            AMORTISATION_TABLE = "amortisation_table",
            INSURANCE_NOTICE = "insurance_notice",
            BANK_STATEMENTS = "bank_statements",
            PAYOFF_CERTIFICATE = "payoff_certificate",
            PAYOFF_NOTICE_PROOF = "payoff_notice_proof",
            PARTIAL_REPAYMENT_NOTICE = "partial_repayment_notice",
            NEW_AMORTISATION_TABLE = "new_amortisation_table",
            FEE_INVOICE = "fee_invoice",
            AVENANT = "avenant",
            SWITCH_REQUEST_PROOF = "switch_request_proof",
            LENDER_DECISION = "lender_decision",
            LENDER_REQUIRED_GUARANTEES = "lender_required_guarantees",
            NEW_CONTRACT = "new_contract",
            OLD_CONTRACT_TERMINATION = "old_contract_termination",
            CLAIM_REFUSAL_LETTER = "claim_refusal_letter",
            INSURANCE_QUOTE = "insurance_quote",
            DEMAND_LETTER_COPY = "demand_letter_copy",
        }
    }
}

/// Ids of the explaining figures ([`crate::engine::Detail`]).
pub mod detail {
    codes! {
        /// The id of an explaining figure (`detail.<code>` in the message files).
        DetailId {
            PAYOFF_DATE = "payoff_date",
            LOAN_END = "loan_end",
            DEBITS_COUNTED = "debits_counted",
            DEBITS_TIME_BARRED = "debits_time_barred",
            FIRST_DEBIT = "first_debit",
            LAST_DEBIT = "last_debit",
            EXCESS_PER_DEBIT = "excess_per_debit",
            CONTRACTUAL_PREMIUM = "contractual_premium",
            PREMIUM_DEBITED = "premium_debited",
            FEE_DATE = "fee_date",
            DECISION_DUE = "decision_due",
            OLD_CONTRACT_DUE_END = "old_contract_due_end",
            OLD_CONTRACT_END = "old_contract_end",
            OVERLAP_DAYS = "overlap_days",
            NEW_COVER_DUE_START = "new_cover_due_start",
            MONTHLY_DIFFERENCE = "monthly_difference",
            NEXT_INSTALLMENT = "next_installment",
            REMAINING_INSTALLMENTS = "remaining_installments",
            OUTSTANDING_NOW = "outstanding_now",
            CURRENT_COST = "current_cost",
            NEW_COST = "new_cost",
            ONE_OFF_FEES = "one_off_fees",
            LAST_INSTALLMENT = "last_installment",
            PROFIT_SHARING_FIRST_YEAR = "profit_sharing_first_year",
            PROFIT_SHARING_LAST_YEAR = "profit_sharing_last_year",
            REFUSAL_DATE = "refusal_date",
            BENEFIT_REFUSED = "benefit_refused",
            SWITCH_REQUEST_USED = "switch_request_used",
        }
    }
}
