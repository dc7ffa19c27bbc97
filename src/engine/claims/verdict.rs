//! Building a claim's result: an empty one, `needs_info` for a missing fact, `not_applicable` with its reason, the
//! gates of the claims that exist only for some loans, and the explaining figures.

use super::{Ctx, Got, Missing};
use crate::engine::codes::{detail::DetailId, document::Document, reason, reason::Reason};
use crate::engine::evaluation::{ClaimId, ClaimResult, Detail, DetailValue, Verdict};
use crate::engine::facts::FactId;
use crate::engine::params::LegalRef;
use crate::engine::switching::LoanKind;

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

/// The result of a claim's rules, or the `needs_info` result of the fact they stopped at ([`Missing`]), with the
/// claim's documents `docs` (or the fact's own) and references `refs`.
pub(crate) fn decide(
    rules: Result<ClaimResult, Missing>,
    docs: &[Document],
    refs: &[LegalRef],
) -> ClaimResult {
    rules.unwrap_or_else(|m| needs(m.unknown, m.docs.unwrap_or(docs), refs))
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
