//! `profit_sharing` (C1, SPEC §2.7): always not eligible; shown when asked about, or for a group contract that ran in 1995–2007.

use super::{detail, result, Ctx};
use crate::engine::codes::{detail as det, reason};
use crate::engine::date::Date;
use crate::engine::evaluation::{ClaimResult, DetailValue, Verdict};
use crate::engine::facts::option::ContractType;
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::params::{self, refs};

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    let asked = cx.peek_yes_no(FactId::AskedProfitSharing) == Some(true);
    if !asked && !group_ran_in_period(cx) {
        let _ = cx.yes_no(FactId::AskedProfitSharing);
        // A not_applicable always says why (issue 11 point 4).
        let mut r = result(Verdict::NotApplicable);
        r.reasons.push(reason::PROFIT_SHARING_NOT_RAISED);
        r.references.push(refs::CE_2012_07_23);
        return r;
    }
    let mut r = result(Verdict::NotEligible);
    r.reasons.extend([
        reason::NO_INDIVIDUAL_RIGHT,
        reason::CE_RULE_ILLEGAL_ONLY,
        reason::CAMPAIGNS_STILL_ADVERTISE,
    ]);
    if let Some(end) = Date::new(params::PROFIT_SHARING_LAST_YEAR, 12, 31) {
        if limitation::is_barred(end, cx.as_of) {
            r.reasons.push(reason::PREMIUMS_TIME_BARRED);
        }
        // A last day on every verdict where a limitation applies (issue 11 point 6): 5 years from the last premium of
        // the rule's years (SPEC §2.4), the day `premiums_time_barred` says is past.
        r.last_day = Some(limitation::last_day(end));
    }
    r.references
        .extend([refs::CE_2012_07_23, refs::C_ASSUR_L331_3, refs::C_CIV_2224]);
    detail(
        &mut r,
        det::PROFIT_SHARING_FIRST_YEAR,
        DetailValue::Count(i64::from(params::PROFIT_SHARING_FIRST_YEAR)),
    );
    detail(
        &mut r,
        det::PROFIT_SHARING_LAST_YEAR,
        DetailValue::Count(i64::from(params::PROFIT_SHARING_LAST_YEAR)),
    );
    r
}

/// A group contract whose loan ran during the years of the illegal rule (from the dates given, not asked for).
fn group_ran_in_period(cx: &Ctx) -> bool {
    if cx.peek_option(FactId::ContractType) != Some(ContractType::Group) {
        return false;
    }
    let start = cx
        .peek_date(FactId::FirstInstallmentDate)
        .or_else(|| cx.peek_date(FactId::OfferSignatureDate))
        .or_else(|| cx.peek_date(FactId::OfferIssueDate));
    let Some(start) = start else {
        return false;
    };
    let end = cx.peek_premiums_end().unwrap_or(cx.as_of);
    start.year() <= params::PROFIT_SHARING_LAST_YEAR
        && end.year() >= params::PROFIT_SHARING_FIRST_YEAR
}
