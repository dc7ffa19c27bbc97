//! `refused_switch` (C7, SPEC §2.11): damages = (old − new premium) × old-contract debits while the switch was wrongly blocked.
//!
//! The switching history (issue 11 point 1) holds up to three requests ([`REQUESTS`]). The damages run from the
//! first request that was validly made (a right open on its date for its kind), refused or left unanswered without a
//! valid reason, and is not time-barred; they run until the new cover actually started (the old contract's end, a
//! later switch that succeeded) or `as_of`, at that request's new premium.
//!
//! Decisions beyond SPEC §2.11:
//! - A request after an accepted one is not asked: an accepted request ends the history (the old contract ends).
//! - A refusal that gave no reason is not a valid refusal (L313-30: the refusal is "explicite et comporte
//!   l'intégralité des motifs"; L312-9 before: "toute décision de refus doit être motivée"); "the new contract meets
//!   the lender's published list of guarantees" is an invalid refusal (LAW §1, equivalence: the lender requires
//!   only the criteria it publishes).
//! - The damages use the first wrongful refusal that is still within its limitation: an earlier one past its 5 years
//!   does not bar a later one (each refusal is its own fact, C. civ. 2224); a wrongful refusal whose damages show no
//!   loss (the contract asked for cost as much) leaves the next request to be judged.
//! - Damages stop at the first installment the new contract took over, whichever request got it through; the loss
//!   is priced at the wrongfully refused contract's premium (the saving the refusal cost), not at the premium paid
//!   since, which only the savings claim uses.
//! - An undecided request (right uncertain, reason's validity unknown) makes the claim `needs_info` before any later
//!   request is read.
//! - The new cover cannot start before the offer's signature (a request made before it, Lagarde, takes effect at
//!   the signature at the earliest), so no debit before the signature is counted.
//! - A decision, start or old contract's end dated before its request counts as not given ([`Ctx::checked_date`]).
//! - The answers v1 `refusal_reason_valid` stands for the validity (see [`validity`]): "no reason given" and a
//!   validity given override it; it stands for a validity not given.
//!
//! engine_needed at other seeds (`PROPTEST_CASES=400`): an offer issue date less than 11 days before the signature
//! no longer drops both offer dates (`checks::check_kept`); the answers v1 `refusal_reason_valid` stands for a
//! validity not given ([`validity`]). Left out of that property as contradictions no rule can serve (each answer
//! alone decides, differently): that yes/no saying the opposite of a history answer, and a first installment before
//! the offer's signature (refused at its field, kept by the evaluation).

use super::{
    decide, detail, monthly_dates, needs, not_applicable, real_estate_only, request_made, result,
    switch_requested_only, Ctx, Got, Missing, Premium,
};
use crate::engine::calendar::add_working_days;
use crate::engine::codes::{detail as det, document as doc, reason};
use crate::engine::date::Date;
use crate::engine::evaluation::{Amount, AmountKind, ClaimResult, DetailValue, Verdict};
use crate::engine::facts::option::{RefusalReason, RefusalValidity, SwitchDecision};
use crate::engine::facts::FactId;
use crate::engine::limitation;
use crate::engine::money::Cents;
use crate::engine::params::{self, refs, LegalRef};
use crate::engine::switching::{
    switching_right_with, LoanKind, RequestFacts, RequestKind, SwitchingRight, SwitchingVerdict,
    REQUESTS,
};

const REFS: &[LegalRef] = &[refs::C_CONSO_L313_30, refs::C_CIV_2224];
const DOCS: &[doc::Document] = &[
    doc::SWITCH_REQUEST_PROOF,
    doc::LENDER_DECISION,
    doc::LENDER_REQUIRED_GUARANTEES,
    doc::NEW_CONTRACT,
];

/// The first échéance (anniversary of the offer's signature) on or after `earliest`.
fn next_anniversary(signed: Date, earliest: Date) -> Date {
    let mut years = (earliest.year() - signed.year()).max(1) - 1;
    loop {
        let a = signed.add_years(years);
        if a >= earliest || a == Date::MAX {
            return a;
        }
        years += 1;
    }
}

/// How one refused (or unanswered) request is judged.
enum Judged {
    /// Lawfully refused (no right, a kind the right did not allow, a valid reason), or wrongful without a loss.
    Lawful(ClaimResult),
    /// Wrongful (or possibly so) but past its limitation.
    Barred(ClaimResult),
    /// Cannot be judged yet: the claim's result.
    Open(ClaimResult),
    /// The damages of a wrongful refusal.
    Damages(ClaimResult),
}

/// Whether the refusal's reason held: `Ok(None)` valid, `Ok(Some(reason))` not valid, `Err(got)` not known.
///
/// Decision (answers v1 beside the history's answers, engine_needed): the v1 yes/no on the reason's validity is the
/// answer to the question `switch_refusal_validity` asks. Alone it decides, as in a v1 document. Beside the history's
/// answers, "no reason given" overrides it (it is the earlier question: a refusal without a reason is not valid,
/// whatever was said of its reason), then a validity given overrides it, and it stands for a validity not given (or
/// "I don't know"): the reason is then not asked. So removing any one of the three answers never turns a decided
/// result into another decided one, except where two of them contradict each other (the yes/no saying valid beside
/// "no reason given", or beside a validity saying the opposite): no rule can serve both, engine_needed leaves those out.
fn validity(cx: &mut Ctx, rq: &RequestFacts) -> Result<Option<reason::Reason>, Got<()>> {
    let legacy = rq
        .legacy_valid
        .and_then(|l| cx.peek_yes_no(l).map(|b| (l, b)));
    let v1 = |cx: &mut Ctx, l: FactId, valid: bool| {
        let _ = cx.yes_no(l);
        if valid {
            Ok(None)
        } else {
            Ok(Some(reason::REFUSAL_WITHOUT_VALID_REASON))
        }
    };
    if let Some((l, valid)) = legacy {
        if cx.peek_option(rq.reason) == Some(RefusalReason::NoneGiven) {
            let _ = cx.option::<RefusalReason>(rq.reason);
            return Ok(Some(reason::REFUSAL_GAVE_NO_REASON));
        }
        if cx.peek_option::<RefusalValidity>(rq.validity).is_none() {
            return v1(cx, l, valid);
        }
    } else if let Some(l) = rq.legacy_valid {
        // A v1 "I don't know", with neither history answer: the validity is unknown.
        if cx.a.get(l).is_some() && cx.a.get(rq.reason).is_none() && cx.a.get(rq.validity).is_none()
        {
            let _ = cx.yes_no(l);
            return Err(Got::Unknown);
        }
    }
    // Beside the v1 yes/no, a validity given decides without the reason (not "no reason given": read above).
    if legacy.is_none() {
        match cx.option(rq.reason) {
            Got::Known(RefusalReason::NoneGiven) => {
                return Ok(Some(reason::REFUSAL_GAVE_NO_REASON))
            }
            Got::Absent => return Err(Got::Absent),
            _ => {}
        }
    }
    match cx.option(rq.validity) {
        Got::Known(RefusalValidity::Valid) => Ok(None),
        Got::Known(RefusalValidity::MeetsPublishedList) => {
            Ok(Some(reason::NEW_CONTRACT_MEETS_PUBLISHED_LIST))
        }
        Got::Known(RefusalValidity::Invalid) => Ok(Some(reason::REFUSAL_WITHOUT_VALID_REASON)),
        g => Err(g.map_never()),
    }
}

fn judge(cx: &mut Ctx, i: usize, no_answer: bool) -> Judged {
    let as_of = cx.as_of;
    let rq = REQUESTS[i];
    let request = match cx.checked_date(rq.date) {
        Got::Known(d) => d,
        g => return Judged::Open(needs(g == Got::Unknown, DOCS, REFS)),
    };
    let due = add_working_days(request, params::LENDER_ANSWER_WORKING_DAYS);
    let refusal = if no_answer {
        due
    } else {
        match cx.checked_date(rq.decision_date) {
            Got::Known(d) => d,
            g => return Judged::Open(needs(g == Got::Unknown, DOCS, REFS)),
        }
    };
    let mut r = result(Verdict::NotEligible);
    // The law in force on the date of the refusal (a 2015 refusal cites L312-9, a later one L313-30).
    r.references = params::cite_on(REFS, refusal);
    r.documents.extend_from_slice(DOCS);
    r.last_day = Some(limitation::last_day(refusal));
    detail(&mut r, det::REFUSAL_DATE, DetailValue::Date(refusal));
    detail(
        &mut r,
        det::SWITCH_REQUEST_USED,
        DetailValue::Count(i as i64 + 1),
    );
    let barred = limitation::is_barred(refusal, as_of);
    if no_answer {
        r.reasons.push(reason::NO_ANSWER_TREATED_AS_REFUSAL);
    }
    // A right must have been open on the day of the request (LAW C7).
    //
    // Decision (engine_questionnaire, engine_needed): a refusal past its limitation, of a request made on or after
    // 2018-01-01, is time-barred whichever right was open: from then every real-estate loan has one on every day
    // (the annual échéance after its signature, Bourquin for all contracts; before it, the right at signing,
    // Lagarde), so `none` cannot come out and the offer dates are not asked; the right they give is shown when
    // they are given.
    let some_right_anyway = barred
        && request >= params::BOURQUIN_ALL_CONTRACTS_START
        && request >= params::LAGARDE_START;
    let right = if some_right_anyway {
        switching_right_with(
            LoanKind::RealEstate,
            cx.peek_date(FactId::OfferIssueDate),
            cx.peek_date(FactId::OfferSignatureDate),
            request,
        )
    } else {
        cx.right_on(LoanKind::RealEstate, request)
    };
    if some_right_anyway && right.right == SwitchingRight::Uncertain {
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
        return Judged::Barred(r);
    }
    // Duplicates are removed once, by `evaluate_claim`.
    r.references.extend(right.references.iter().copied());
    match right.right {
        SwitchingRight::None => {
            r.reasons.push(reason::NO_SWITCHING_RIGHT_ON_REQUEST);
            r.reasons.extend(right.reasons.iter().copied());
            if barred {
                r.reasons.push(reason::LIMITATION_PASSED);
            }
            return Judged::Lawful(r);
        }
        SwitchingRight::Uncertain => {
            r.reasons.push(reason::SWITCHING_RIGHT_UNCERTAIN);
            r.reasons.extend(right.reasons.iter().copied());
            if barred {
                r.verdict = Verdict::TimeBarred;
                r.reasons.push(reason::LIMITATION_PASSED);
                return Judged::Barred(r);
            }
            r.verdict = Verdict::NeedsInfo;
            return Judged::Open(r);
        }
        _ => r.reasons.extend(right.reasons.iter().copied()),
    }
    if barred {
        r.verdict = Verdict::TimeBarred;
        r.reasons.push(reason::LIMITATION_PASSED);
        return Judged::Barred(r);
    }
    if !no_answer {
        match validity(cx, &rq) {
            Ok(Some(why)) => r.reasons.push(why),
            Ok(None) => {
                r.reasons.push(reason::REFUSAL_REASON_VALID);
                return Judged::Lawful(r);
            }
            Err(g) => {
                r.verdict = Verdict::NeedsInfo;
                if g == Got::Unknown {
                    r.reasons.push(reason::REFUSAL_VALIDITY_UNKNOWN);
                }
                return Judged::Open(r);
            }
        }
    }
    // The kind of request, read once the refusal is known to be unfounded: before the offer's signature (Lagarde)
    // it does not matter; "I don't know" (and, while not answered, the figure shown) is the kind the open right
    // gives.
    let kind = if right.right == SwitchingRight::LagardeAtSigning {
        RequestKind::AnyTime
    } else {
        match cx.option(rq.kind) {
            Got::Known(o) => RequestKind::from_option(o),
            Got::Unknown => RequestKind::natural(right.right),
            Got::Absent => {
                // Not answered yet: the figure shown is that of the kind the open right gives (an answers v1
                // document keeps its result), worked out on a scratch reading so that nothing after the kind is
                // asked before it.
                let mut scratch = Ctx::new(cx.a, cx.as_of);
                let kind = RequestKind::natural(right.right);
                let j = damages(&mut scratch, r, &rq, &right, kind, request, due);
                cx.notes.extend(scratch.notes);
                return j;
            }
        }
    };
    if !kind.valid_under(right.right) {
        r.reasons.push(reason::SWITCH_KIND_NOT_OPEN_ON_REQUEST);
        return Judged::Lawful(r);
    }
    damages(cx, r, &rq, &right, kind, request, due)
}

#[allow(clippy::too_many_arguments)]
fn damages(
    cx: &mut Ctx,
    mut r: ClaimResult,
    rq: &RequestFacts,
    right: &SwitchingVerdict,
    kind: RequestKind,
    request: Date,
    due: Date,
) -> Judged {
    let as_of = cx.as_of;
    let (plan, new) = match (cx.premium_plan(), cx.money(rq.new_premium)) {
        (Got::Known(o), Got::Known(n)) => (o, n),
        (a, b) => {
            r.verdict = Verdict::NeedsInfo;
            if a == Got::Unknown || b == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return Judged::Open(r);
        }
    };
    // The difference shown (and accruing while still blocked) is that of the premium billed now. A flat premium
    // that is not above the new one gives no loss before any date is read; a premium on the outstanding capital
    // declines, so an earlier month can show a loss where the premium billed now does not: its months are priced
    // one by one below.
    let diff = plan.now(as_of) - new;
    if let Premium::Outstanding { .. } = plan {
        // The premium billed now, converted from the rate (the letter names it beside the new one).
        detail(
            &mut r,
            det::PREMIUM_DEBITED,
            DetailValue::Cents(plan.now(as_of)),
        );
    }
    detail(
        &mut r,
        det::MONTHLY_DIFFERENCE,
        DetailValue::Cents(diff.at_least_zero()),
    );
    if diff.0 <= 0 && matches!(plan, Premium::Flat(_)) {
        r.reasons.push(reason::NO_LOSS);
        return Judged::Lawful(r);
    }
    // When the new cover should have started: at the échéance for an annual request (SPEC §2.11), else at the later
    // of the requested start and the lender's decision due date + 10 days.
    let _ = right;
    let should_start = if kind == RequestKind::Annual {
        match cx.date(FactId::OfferSignatureDate) {
            Got::Known(s) => next_anniversary(s, request.add_months(params::ANNUAL_NOTICE_MONTHS)),
            g => {
                r.verdict = Verdict::NeedsInfo;
                if g == Got::Unknown {
                    r.reasons.push(reason::ANSWER_UNKNOWN);
                }
                return Judged::Open(r);
            }
        }
    } else {
        let statutory = due.add_days(params::OLD_CONTRACT_END_DAYS);
        match cx.checked_date(rq.start) {
            Got::Known(s) => statutory.max(s),
            Got::Unknown => statutory,
            Got::Absent => {
                r.verdict = Verdict::NeedsInfo;
                return Judged::Open(r);
            }
        }
    };
    // Decision (SPEC §2.11 is silent): the new cover cannot start before the loan exists, at the offer's signature.
    // This matters for a request made before the signature (Lagarde), and keeps a first installment given before the
    // signature (kept, `checks::sanitised`) from counting debits no first installment the rules try could give.
    let should_start = if right.right == SwitchingRight::LagardeAtSigning {
        // Only a request before the signature can have a due start before it. The signature is read through the
        // context: when it is not given, the start (and the debits) depend on it.
        match cx.date(FactId::OfferSignatureDate) {
            Got::Known(s) => should_start.max(s),
            _ => should_start,
        }
    } else {
        should_start
    };
    detail(
        &mut r,
        det::NEW_COVER_DUE_START,
        DetailValue::Date(should_start),
    );
    let (first, months) = match (cx.first_installment(), cx.months(FactId::LoanMonths)) {
        (Got::Known(f), Got::Known(m)) => (f, m),
        _ => {
            r.verdict = Verdict::NeedsInfo;
            r.documents.push(doc::AMORTISATION_TABLE);
            return Judged::Open(r);
        }
    };
    // The new cover actually started when the old contract ended: a later request accepted, or this one at last.
    let actual = match cx.yes_no(FactId::OldContractEnded) {
        Got::Known(true) => match cx.checked_date(FactId::OldContractEndDate) {
            Got::Known(d) => Some(d),
            g => {
                r.verdict = Verdict::NeedsInfo;
                if g == Got::Unknown {
                    r.reasons.push(reason::ANSWER_UNKNOWN);
                }
                return Judged::Open(r);
            }
        },
        Got::Known(false) => None,
        g => {
            r.verdict = Verdict::NeedsInfo;
            if g == Got::Unknown {
                r.reasons.push(reason::ANSWER_UNKNOWN);
            }
            return Judged::Open(r);
        }
    };
    if actual.is_some() {
        r.reasons.push(reason::LATER_SWITCH_SUCCEEDED);
    }
    let mut stop = match actual {
        Some(d) => d.add_days(-1),
        None => as_of,
    };
    if let Some(e) = cx.premiums_end() {
        stop = stop.min(e);
    }
    let dates = monthly_dates(first, should_start, stop, months);
    let debits = dates.len() as i64;
    detail(&mut r, det::DEBITS_COUNTED, DetailValue::Count(debits));
    // Decision (issue 11, SPEC §2.11 is silent on a declining premium): each debit of the damage period is priced at
    // the premium the old contract's schedule asked on that date (on the outstanding capital, installment k's
    // CRD_{k−1} × rate / 12, as double_premium and switch_savings price theirs), less the new contract's monthly
    // premium (given in euros). The months are netted: a month where the declining old premium fell below the new
    // one is a month the switch would have cost more, and the damages are the loss over the period as a whole
    // (none when that sum is not above zero). A flat premium gives debits × difference, as before.
    let damages: Cents = match plan {
        Premium::Flat(_) => diff.times(debits),
        Premium::Outstanding { .. } => Cents(
            dates
                .iter()
                // Past the schedule's last installment the contract prices nothing (`premiums_end` stops before).
                .filter_map(|d| plan.on(*d))
                .map(|p| (p - new).0)
                .sum(),
        ),
    };
    let blocked = actual.is_none() && cx.premiums_end().is_none_or(|e| e > as_of);
    if blocked {
        r.reasons.push(reason::STILL_BLOCKED);
    }
    if (debits == 0 && !blocked) || (damages.0 <= 0 && diff.0 <= 0) {
        r.reasons.push(reason::NO_LOSS);
        return Judged::Lawful(r);
    }
    let damages = damages.at_least_zero();
    r.verdict = Verdict::Eligible;
    r.reasons.push(reason::LETTER_DOES_NOT_STOP_CLOCK);
    r.reasons.push(reason::DAMAGES_INTEREST_FROM_JUDGMENT);
    r.amount = Some(Amount {
        kind: AmountKind::Damages,
        low: damages,
        high: damages,
        interest: None,
        contested_high: None,
        monthly_accrual: if blocked && diff.0 > 0 {
            Some(diff)
        } else {
            None
        },
        estimate_uses_defaults: false,
    });
    Judged::Damages(r)
}

pub(super) fn evaluate(cx: &mut Ctx) -> ClaimResult {
    decide(rules(cx), DOCS, REFS)
}

fn rules(cx: &mut Ctx) -> Result<ClaimResult, Missing> {
    if let Some(r) = real_estate_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    if let Some(r) = switch_requested_only(cx, DOCS, REFS) {
        return Ok(r);
    }
    // The requests judged so far that give no damages: (result, barred).
    let mut judged: Vec<(ClaimResult, bool)> = Vec::new();
    for (i, rq) in REQUESTS.iter().enumerate() {
        if !request_made(cx, i, rq) {
            break;
        }
        let no_answer = match cx.option(rq.decision).required()? {
            SwitchDecision::Refused => false,
            SwitchDecision::NoAnswer => true,
            // Accepted: the history ends here.
            SwitchDecision::Accepted => break,
        };
        match judge(cx, i, no_answer) {
            Judged::Damages(r) | Judged::Open(r) => return Ok(r),
            Judged::Lawful(r) => judged.push((r, false)),
            Judged::Barred(r) => judged.push((r, true)),
        }
    }
    Ok(merged(judged).unwrap_or_else(|| not_applicable(reason::SWITCH_NOT_REFUSED)))
}

/// The result of requests that give no damages: time-barred if one of them was (the right existed, every part is
/// past its limitation), else not eligible; the reasons and references of them all, and the figures of one request:
/// not eligible, the one with the latest last day; time-barred, the barred one with the earliest.
///
/// Decision (engine_props seed 6, `a_later_as_of_never_revives_a_time_barred_claim`; case
/// `sh3_second_request_undecided_both_barred`): a barred request is judged before its merits (its reason, its kind, its
/// loss are not asked: nothing can come of them), so a later barred request may be one that never cost anything.
/// Taking the latest barred last day made the claim's last day turn on the later request's decision, and so asked that
/// decision of a claim time-barred whatever it was (needs_info), on a day when, that request still in time and judged
/// without a loss, the earlier one's last day had stood. The earliest barred last day is that of the first wrongful
/// refusal the history shows past its limitation: it no longer depends on a later request that is barred too (SPEC §4:
/// the earlier date is the safer one to tell), and the claim is time-barred without another question.
fn merged(judged: Vec<(ClaimResult, bool)>) -> Option<ClaimResult> {
    let any_barred = judged.iter().any(|(_, b)| *b);
    let candidates = judged
        .iter()
        .enumerate()
        .filter(|(_, (_, b))| *b == any_barred);
    let pick = if any_barred {
        candidates.min_by_key(|(_, (r, _))| r.last_day)
    } else {
        candidates.max_by_key(|(_, (r, _))| r.last_day)
    }
    .map(|(i, _)| i)?;
    let mut out = judged[pick].0.clone();
    // Duplicates are removed once, by `evaluate_claim`.
    for (r, _) in &judged {
        out.reasons.extend(r.reasons.iter().copied());
        out.references.extend(r.references.iter().copied());
    }
    Some(out)
}
