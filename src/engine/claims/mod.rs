//! One module per claim of SPEC §1, and what they share: `dispatch` (which rules a claim runs and the finishing of
//! its result), `read` (the reading context that records which unanswered facts a verdict needs), `verdict` (result
//! builders and gates) and `refund` (undue debits, limitation and statutory interest); `resolve` decides without
//! the facts that cannot change a claim.

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

mod dispatch;
mod read;
mod refund;
mod verdict;

pub(crate) use dispatch::{dispatch, evaluate_claim, switching_now};
pub(crate) use read::{Ctx, Got, Missing, Premium, Status};
pub(crate) use refund::{
    debits_verdict, interest_on, interest_reasons, monthly_dates, refund_amount, refund_interest,
    split_debits, Debits,
};
pub(crate) use verdict::{
    decide, detail, needs, not_applicable, real_estate_only, request_made, result,
    switch_requested_only,
};

/// The premium priced for a debit on `d` (see [`crate::engine::evaluation::premium_on`]).
/// The first installment date the rules use: given, or read from the loan's end ([`Ctx::first_installment`]).
pub(crate) fn first_installment(
    a: &crate::engine::facts::Answers,
    as_of: crate::engine::date::Date,
) -> Option<crate::engine::date::Date> {
    Ctx::new(a, as_of).first_installment().known()
}

pub(crate) fn premium_on(
    a: &crate::engine::facts::Answers,
    as_of: crate::engine::date::Date,
    d: crate::engine::date::Date,
) -> Option<crate::engine::money::Cents> {
    Ctx::new(a, as_of).premium_plan().known()?.on(d)
}
