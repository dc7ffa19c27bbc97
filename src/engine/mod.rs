//! The rules engine: pure Rust (std + serde), no clock, no locale. Answers and `as_of` in; verdicts, ids, amounts in cents and legal references out.

pub mod calendar;
pub mod checks;
mod claims;
pub mod codes;
pub mod date;
pub mod evaluation;
pub mod facts;
pub mod fees;
pub mod interest;
pub mod limitation;
pub mod loan;
pub mod money;
pub mod params;
pub mod result_doc;
pub mod switching;

pub use calendar::{
    add_working_days, easter_sunday, is_public_holiday, is_working_day, public_holidays,
};
pub use checks::{check_value, Problem, PROBLEM_CODES};
pub use date::Date;
pub use evaluation::{
    evaluate, next_questions, Amount, AmountKind, ClaimId, ClaimResult, Detail, DetailValue,
    Evaluation, Interest, InterestStart, MissingFact, PersonResult, Verdict,
};
pub use facts::{Answer, Answers, FactGroup, FactId, FactKind, FormatError, SetError, Value};
pub use money::{Cents, Percent};
pub use params::{LegalRef, DATA_VERSION};
pub use result_doc::{result_document, RESULT_VERSION};
pub use switching::{
    switching_right, switching_right_with, LoanKind, OfferDate, SwitchingRight, SwitchingVerdict,
};

/// Version of the rules (bumped whenever a rule changes an outcome).
pub const RULES_VERSION: &str = "1.0.0";
