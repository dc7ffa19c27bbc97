//! Claim letters, always in French (they go to French banks and insurers), one per eligible money claim, from
//! the templates of `src/i18n/letters.fr.msg`: sender and recipient blocks to fill in, loan and contract
//! references, the facts from the answers, the legal basis, the amount and how it was computed, the statutory
//! interest where a refund carries it, the demand with its time limit, the mediator, the documents enclosed.
//! A letter never says it stops the limitation clock (SPEC §2.5): only a court claim or the other side's
//! acknowledgment does.

use std::sync::OnceLock;

use crate::engine::codes::{detail as det, reason};
use crate::engine::{
    Answer, Answers, Cents, ClaimId, ClaimResult, Date, DetailValue, FactId, InterestStart, Value,
    Verdict,
};
use crate::i18n::{format_cents, format_date, parse_messages};

/// The letter templates, compiled in.
pub const TEMPLATES: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n/letters.fr.msg"));

/// What the visitor writes by hand on a printed letter (or types into the copied text).
pub const BLANK: &str = "______________________";

/// The claims a letter exists for: money the lender or insurer owes. Duty to advise goes to a lawyer; switch
/// savings and the medical questionnaire are not claims against anyone.
pub const LETTER_CLAIMS: &[ClaimId] = &[
    ClaimId::AfterPayoff,
    ClaimId::AfterCoverEnd,
    ClaimId::WrongBasis,
    ClaimId::LenderFees,
    ClaimId::DoublePremium,
    ClaimId::RefusedSwitch,
];

fn table() -> &'static [(&'static str, &'static str)] {
    static T: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v = parse_messages(TEMPLATES);
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    })
}

/// The template `key` ("…" if it is missing: a bug that `tests/act_letters.rs` catches).
pub fn template(key: &str) -> &'static str {
    let t = table();
    t.binary_search_by_key(&key, |(k, _)| k)
        .map(|i| t[i].1)
        .unwrap_or("…")
}

fn fill(key: &str, args: &[(&str, String)]) -> String {
    let mut out = template(key).replace("{blank}", BLANK);
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn money(c: Cents) -> String {
    format_cents(crate::i18n::Locale::Fr, c.0)
}

fn date(d: Date) -> String {
    format_date(crate::i18n::Locale::Fr, d.year(), d.month(), d.day())
}

/// How a piece of the letter is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A block heading (Expéditeur, Destinataire).
    Label,
    /// A line of the sender's block.
    Sender,
    /// A line of the recipient's block.
    Recipient,
    /// Place and date, and the registered-letter mention.
    Meta,
    /// The subject and the references.
    Subject,
    /// A paragraph of the body.
    Para,
    /// One enclosed document.
    Item,
    /// The signature line.
    Sign,
}

/// A claim letter: its pieces, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The claim it is about.
    pub claim: ClaimId,
    /// The pieces.
    pub parts: Vec<(Style, String)>,
}

impl Letter {
    /// The letter as plain text (to copy, or to save as a `.txt` file): blocks separated by blank lines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut prev: Option<Style> = None;
        for (style, line) in &self.parts {
            if let Some(p) = prev {
                let same_block = p == *style
                    && matches!(
                        style,
                        Style::Sender | Style::Recipient | Style::Item | Style::Subject
                    )
                    || (p == Style::Label && matches!(style, Style::Sender | Style::Recipient))
                    || (p == Style::Para && *style == Style::Item);
                out.push_str(if same_block { "\n" } else { "\n\n" });
            }
            if *style == Style::Item {
                out.push_str("– ");
            }
            out.push_str(line);
            prev = Some(*style);
        }
        out.push('\n');
        out
    }
}

fn known(answers: &Answers, f: FactId) -> Option<Value> {
    match answers.get(f) {
        Some(Answer::Known(v)) => Some(v),
        _ => None,
    }
}

fn known_date(answers: &Answers, f: FactId) -> Option<Date> {
    match known(answers, f) {
        Some(Value::Date(d)) => Some(d),
        _ => None,
    }
}

fn known_money(answers: &Answers, f: FactId) -> Option<Cents> {
    match known(answers, f) {
        Some(Value::Money(c)) => Some(c),
        _ => None,
    }
}

fn detail_date(c: &ClaimResult, id: &str) -> Option<Date> {
    match c.detail(id) {
        Some(DetailValue::Date(d)) => Some(d),
        _ => None,
    }
}

fn detail_money(c: &ClaimResult, id: &str) -> Option<Cents> {
    match c.detail(id) {
        Some(DetailValue::Cents(x)) => Some(x),
        _ => None,
    }
}

fn detail_count(c: &ClaimResult, id: &str) -> Option<i64> {
    match c.detail(id) {
        Some(DetailValue::Count(n)) => Some(n),
        _ => None,
    }
}

fn days(n: i64) -> String {
    fill(
        if n == 1 {
            "letter.days.one"
        } else {
            "letter.days.many"
        },
        &[("n", n.to_string())],
    )
}

/// Who the letter goes to: the lender for what the lender did or collects (a group contract's premiums), the
/// insurer for an individual contract's premiums.
pub fn recipient_key(claim: ClaimId, answers: &Answers) -> &'static str {
    match claim {
        ClaimId::LenderFees | ClaimId::DoublePremium | ClaimId::RefusedSwitch => {
            "letter.recipient.lender"
        }
        _ => match known(answers, FactId::ContractType) {
            Some(Value::Choice("group")) => "letter.recipient.lender_group",
            Some(Value::Choice("delegated")) => "letter.recipient.insurer",
            _ => "letter.recipient.either",
        },
    }
}

/// The placeholders of a letter: name, value.
type Vars = Vec<(&'static str, String)>;

/// The body of each claim: the template keys of its facts, law and amount, and their placeholders.
fn body(c: &ClaimResult, a: &Answers, v: &mut Vars) -> Option<Vec<&'static str>> {
    let has = |r: &str| c.reasons.contains(&r);
    let mut put = |name: &'static str, value: Option<String>| -> Option<()> {
        v.push((name, value?));
        Some(())
    };
    let d = |x: Option<Date>| x.map(date);
    let m = |x: Option<Cents>| x.map(money);
    put(
        "count",
        detail_count(c, det::DEBITS_COUNTED).map(|n| n.to_string()),
    );
    // The premium the engine used (a premium given as a yearly rate is converted by the engine).
    let used = match c.detail(det::PREMIUM_DEBITED) {
        Some(crate::engine::DetailValue::Cents(p)) => Some(p),
        _ => None,
    };
    if let Some(p) = known_money(a, FactId::PremiumMonthly).or(used) {
        put("premium", Some(money(p)));
    }
    if let Some(x) = known_money(a, FactId::LoanAmount) {
        put("loan_amount", Some(money(x)));
    }
    let keys = match c.claim {
        ClaimId::AfterPayoff => {
            let payoff = detail_date(c, det::PAYOFF_DATE);
            put("end", d(payoff.or(detail_date(c, det::LOAN_END))))?;
            let (first, last) = (
                detail_date(c, det::FIRST_DEBIT)?,
                detail_date(c, det::LAST_DEBIT)?,
            );
            put("first", Some(date(first)));
            put("last", Some(date(last)));
            let notice = known_date(a, FactId::PayoffNoticeDate);
            put("notice", d(notice));
            vec![
                if payoff.is_some() {
                    "letter.after_payoff.facts.payoff"
                } else {
                    "letter.after_payoff.facts.loan_end"
                },
                if notice.is_some() {
                    "letter.after_payoff.facts.notice"
                } else {
                    ""
                },
                if first == last {
                    "letter.after_payoff.facts.debit_one"
                } else {
                    "letter.after_payoff.facts.debits"
                },
                "letter.after_payoff.law",
                "letter.after_payoff.amount",
            ]
        }
        ClaimId::AfterCoverEnd => {
            put("cover_end", d(known_date(a, FactId::CoverEndDate)))?;
            put("contractual", m(detail_money(c, det::CONTRACTUAL_PREMIUM)))?;
            put("excess", m(detail_money(c, det::EXCESS_PER_DEBIT)))?;
            vec![
                "letter.after_cover_end.facts",
                "letter.after_cover_end.law",
                "letter.after_cover_end.amount",
            ]
        }
        ClaimId::WrongBasis if has(reason::PREMIUM_NOT_RECALCULATED) => {
            put("partial", d(known_date(a, FactId::PartialRepaymentDate)))?;
            put(
                "outstanding",
                m(known_money(a, FactId::OutstandingAfterPartial)),
            )?;
            put("contractual", m(detail_money(c, det::CONTRACTUAL_PREMIUM)))?;
            put("excess", m(detail_money(c, det::EXCESS_PER_DEBIT)))?;
            put("first", d(detail_date(c, det::FIRST_DEBIT)))?;
            put("last", d(detail_date(c, det::LAST_DEBIT)))?;
            vec![
                "letter.wrong_basis.partial.facts",
                "letter.wrong_basis.law",
                "letter.wrong_basis.partial.amount",
            ]
        }
        ClaimId::WrongBasis => vec![
            "letter.wrong_basis.outstanding.facts",
            "letter.wrong_basis.law",
            "letter.wrong_basis.outstanding.amount",
        ],
        ClaimId::LenderFees => {
            put("fee_date", d(detail_date(c, det::FEE_DATE)))?;
            put("fee", m(known_money(a, FactId::LenderFeesAmount)))?;
            vec![
                "letter.lender_fees.facts",
                "letter.lender_fees.law",
                "letter.lender_fees.amount",
            ]
        }
        ClaimId::DoublePremium => {
            put("request", d(known_date(a, FactId::SwitchRequestDate)))?;
            put("due", d(detail_date(c, det::DECISION_DUE)))?;
            put("decision", d(known_date(a, FactId::SwitchDecisionDate)))?;
            let start = known_date(a, FactId::SwitchRequestedStart);
            put("start", d(start));
            put("due_end", d(detail_date(c, det::OLD_CONTRACT_DUE_END)))?;
            put("end", d(detail_date(c, det::OLD_CONTRACT_END)))?;
            put("days", detail_count(c, det::OVERLAP_DAYS).map(days))?;
            vec![
                "letter.double_premium.facts",
                if start.is_some() {
                    "letter.double_premium.facts.start"
                } else {
                    ""
                },
                if has(reason::OLD_CONTRACT_STILL_RUNNING) {
                    "letter.double_premium.facts.running"
                } else {
                    "letter.double_premium.facts.ended"
                },
                "letter.double_premium.law",
                "letter.double_premium.amount",
            ]
        }
        ClaimId::RefusedSwitch => {
            put("request", d(known_date(a, FactId::SwitchRequestDate)))?;
            put("new_premium", m(known_money(a, FactId::SwitchNewPremium)))?;
            put("refusal", d(detail_date(c, det::REFUSAL_DATE)))?;
            put("due_start", d(detail_date(c, det::NEW_COVER_DUE_START)))?;
            put("diff", m(detail_money(c, det::MONTHLY_DIFFERENCE)))?;
            let right = if has(reason::LEMOINE_ANY_TIME) {
                "+letter.refused_switch.right.lemoine_any_time"
            } else if has(reason::ANNUAL_ECHEANCE) {
                "+letter.refused_switch.right.annual_echeance"
            } else if has(reason::HAMON_WINDOW_OPEN) {
                "+letter.refused_switch.right.hamon_window_open"
            } else if has(reason::BEFORE_OFFER_SIGNATURE) {
                "+letter.refused_switch.right.before_offer_signature"
            } else {
                ""
            };
            vec![
                "letter.refused_switch.facts",
                if has(reason::NO_ANSWER_TREATED_AS_REFUSAL) {
                    "letter.refused_switch.facts.no_answer"
                } else {
                    "letter.refused_switch.facts.refused"
                },
                "letter.refused_switch.facts.start",
                "letter.refused_switch.law",
                right,
                "letter.refused_switch.damages",
                "letter.refused_switch.amount",
            ]
        }
        _ => return None,
    };
    Some(keys)
}

/// The statutory interest paragraph of a refund, if it carries interest.
fn interest(c: &ClaimResult, v: &mut Vars) -> Vec<&'static str> {
    let Some(i) = c.amount.and_then(|a| a.interest) else {
        return Vec::new();
    };
    v.push(("to", date(i.to)));
    if let Some(x) = i.amount {
        v.push(("interest", money(x)));
    }
    if let Some(f) = i.from {
        v.push(("from", date(f)));
    }
    let key = match (i.start, i.amount, i.from) {
        (InterestStart::EachPayment, Some(_), _) => "letter.interest.each_payment",
        (InterestStart::EachPayment, None, _) => "letter.interest.each_payment_rate",
        (InterestStart::Demand, Some(_), Some(_)) => "letter.interest.demand",
        _ => "letter.interest.this_demand",
    };
    if i.provisional && i.amount.is_some() {
        vec![key, "+letter.interest.provisional"]
    } else {
        vec![key]
    }
}

/// The subject line's claim-specific part.
fn subject_key(c: &ClaimResult) -> &'static str {
    match c.claim {
        ClaimId::WrongBasis if c.reasons.contains(&reason::PREMIUM_NOT_RECALCULATED) => {
            "letter.wrong_basis.partial.subject"
        }
        ClaimId::WrongBasis => "letter.wrong_basis.outstanding.subject",
        ClaimId::AfterPayoff => "letter.after_payoff.subject",
        ClaimId::AfterCoverEnd => "letter.after_cover_end.subject",
        ClaimId::LenderFees => "letter.lender_fees.subject",
        ClaimId::DoublePremium => "letter.double_premium.subject",
        _ => "letter.refused_switch.subject",
    }
}

/// The claim letter for `claim`, dated `sent` (the day the visitor sends it); `None` when the claim has no letter
/// (not one of [`LETTER_CLAIMS`], not eligible, or a figure it needs is missing).
pub fn letter(claim: &ClaimResult, answers: &Answers, as_of: Date, sent: Date) -> Option<Letter> {
    if claim.verdict != Verdict::Eligible || !LETTER_CLAIMS.contains(&claim.claim) {
        return None;
    }
    let amount = claim.amount.filter(|a| a.low.0 > 0)?;
    let mut v: Vars = vec![
        ("amount", money(amount.low)),
        ("as_of", date(as_of)),
        ("sent", date(sent)),
        ("subject", template(subject_key(claim)).to_string()),
    ];
    if let Some(x) = amount.monthly_accrual.filter(|m| m.0 > 0) {
        v.push(("monthly", money(x)));
    }
    let mut body = body(claim, answers, &mut v)?;
    body.extend(interest(claim, &mut v));
    body.push("letter.demand");
    if amount.monthly_accrual.is_some_and(|m| m.0 > 0) {
        body.push("+letter.demand.monthly");
    }
    body.extend(["letter.mediator", "letter.enclosed"]);
    let mut loan = Vec::new();
    if let Some(d) = known_date(answers, FactId::OfferSignatureDate) {
        loan.push(fill("letter.loan_ref.signed", &[("signed", date(d))]));
    }
    if known_money(answers, FactId::LoanAmount).is_some() {
        loan.push(fill("letter.loan_ref.amount", &v));
    }
    let contract: Vec<String> = match known(answers, FactId::ContractType) {
        Some(Value::Choice(t)) => vec![template(&format!("letter.contract.{t}")).to_string()],
        _ => Vec::new(),
    };
    let details = |x: Vec<String>| {
        if x.is_empty() {
            String::new()
        } else {
            format!(" ({})", x.join(", "))
        }
    };
    let mut parts: Vec<(Style, String)> = Vec::new();
    let plan: [(Style, &str); 12] = [
        (Style::Label, "letter.sender"),
        (Style::Sender, "letter.sender.name"),
        (Style::Sender, "letter.sender.address"),
        (Style::Sender, "letter.sender.contact"),
        (Style::Label, "letter.recipient"),
        (Style::Recipient, recipient_key(claim.claim, answers)),
        (Style::Recipient, "letter.recipient.name"),
        (Style::Recipient, "letter.recipient.service"),
        (Style::Recipient, "letter.recipient.address"),
        (Style::Meta, "letter.place_date"),
        (Style::Meta, "letter.registered"),
        (Style::Subject, "letter.subject"),
    ];
    for (style, key) in plan {
        parts.push((style, fill(key, &v)));
    }
    parts.push((
        Style::Subject,
        fill("letter.loan_ref", &[("details", details(loan))]),
    ));
    parts.push((
        Style::Subject,
        fill("letter.contract_ref", &[("details", details(contract))]),
    ));
    parts.push((Style::Para, fill("letter.salutation", &v)));
    for key in body.into_iter().filter(|k| !k.is_empty()) {
        // A key marked `+` goes on with the paragraph before it.
        match (key.strip_prefix('+'), parts.last_mut()) {
            (Some(key), Some((_, before))) => {
                before.push(' ');
                before.push_str(&fill(key, &v));
            }
            _ => parts.push((Style::Para, fill(key, &v))),
        }
    }
    for d in &claim.documents {
        parts.push((Style::Item, fill(&format!("letter.doc.{d}"), &v)));
    }
    parts.push((Style::Item, fill("letter.doc.rib", &v)));
    parts.push((Style::Para, fill("letter.closing", &v)));
    parts.push((Style::Sign, fill("letter.signature", &v)));
    Some(Letter {
        claim: claim.claim,
        parts,
    })
}
