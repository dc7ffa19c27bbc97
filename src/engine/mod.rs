//! The rules engine: pure Rust (std + serde), no clock, no locale. Answers and `as_of` in; verdicts, ids, amounts in cents and legal references out.

pub mod calendar;
pub mod codes;
pub mod date;
pub mod money;
pub mod params;
pub mod switching;

pub use calendar::{
    add_working_days, easter_sunday, is_public_holiday, is_working_day, public_holidays,
};
pub use date::Date;
pub use money::{Cents, Percent};
pub use params::{LegalRef, DATA_VERSION};
pub use switching::{
    switching_right, switching_right_with, LoanKind, OfferDate, SwitchingRight, SwitchingVerdict,
};

/// Version of the rules (bumped whenever a rule changes an outcome).
pub const RULES_VERSION: &str = "1.0.0";
