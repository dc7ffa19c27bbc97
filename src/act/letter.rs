//! Claim letters, always in French (they go to French banks and insurers), one per eligible money claim, and the
//! switch request (demande de substitution) where changing insurer saves money, from the templates of
//! `src/i18n/letters.fr.msg`: the sender and recipient blocks and the loan and contract references as the
//! visitor typed them on screen ([`Parties`], a blank line where they typed nothing), the facts from the answers, the legal basis, the amount and how it was computed, the statutory
//! interest where a refund carries it, the demand with its time limit, the mediator, the documents enclosed.
//! A letter never says it stops the limitation clock (SPEC §2.5): only a court claim or the other side's
//! acknowledgment does.

use crate::engine::codes::document::{self, Document};
use crate::engine::codes::{detail as det, reason};
use crate::engine::facts::option::ContractType;
use crate::engine::limitation;
use crate::engine::{
    Answer, Answers, Cents, ClaimId, ClaimResult, Date, DetailValue, Evaluation, FactId,
    InterestStart, SwitchingRight, Value, Verdict,
};
use crate::i18n::{format_cents, format_date};

/// The letter templates file as written (comments and blank lines stripped): tests and tools; the wasm has the
/// texts alone, in key order ([`Tpl`]).
#[cfg(not(target_arch = "wasm32"))]
pub const TEMPLATES: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n/letters.fr.msg"));

include!(concat!(env!("OUT_DIR"), "/i18n/letters.rs"));

/// A letter template: the index of its key in the sorted keys of `letters.fr.msg` (`build.rs`), like the
/// interface's [`Msg`](crate::i18n::Msg). Name one with `tpl!("letter.closing")`: the key becomes its index at compile
/// time, a key that does not exist is a compile error, and the second wasm file holds no key. A key written
/// `+letter.…` is a template that goes on with the paragraph before it ([`Tpl::CONTINUES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tpl(u16);

/// The template of a key written out: `tpl!("letter.closing")`, computed at compile time.
macro_rules! tpl {
    ($key:literal) => {
        const { Tpl::of($key) }
    };
}

impl Tpl {
    /// No template: a paragraph a body leaves out.
    pub const NONE: Tpl = Tpl(u16::MAX);
    /// The flag of a template that goes on with the paragraph before it (a key written `+letter.…`).
    pub const CONTINUES: u16 = 0x8000;

    /// The template of `key` (`+` first: going on with the paragraph before); a compile-time error (in const
    /// context) when there is none.
    pub const fn of(key: &str) -> Tpl {
        let (bytes, flag) = match key.as_bytes() {
            [b'+', rest @ ..] => (rest, Tpl::CONTINUES),
            all => (all, 0),
        };
        match find(bytes) {
            Some(i) => Tpl(i | flag),
            None => panic!("no such letter template key (see src/i18n/letters.fr.msg)"),
        }
    }

    /// The template named `key` at run time (tests and tools; not in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn named(key: &str) -> Option<Tpl> {
        find(key.as_bytes()).map(Tpl)
    }

    const fn index(self) -> usize {
        (self.0 & !Tpl::CONTINUES) as usize
    }

    fn continues(self) -> bool {
        self != Tpl::NONE && self.0 & Tpl::CONTINUES != 0
    }
}

/// The index of `key` in [`LETTER_KEYS`] (const: a binary search, byte by byte).
const fn find(key: &[u8]) -> Option<u16> {
    find2(key, b"")
}

/// The index of the key `head` then `tail` in [`LETTER_KEYS`] (const: no allocation).
const fn find2(head: &[u8], tail: &[u8]) -> Option<u16> {
    let n = head.len() + tail.len();
    let (mut lo, mut hi) = (0, LETTER_KEYS.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let k = LETTER_KEYS[mid].as_bytes();
        let mut i = 0;
        let order = loop {
            if i == k.len() || i == n {
                break if k.len() == n {
                    0i8
                } else if k.len() < n {
                    -1
                } else {
                    1
                };
            }
            let b = if i < head.len() {
                head[i]
            } else {
                tail[i - head.len()]
            };
            if k[i] < b {
                break -1;
            }
            if k[i] > b {
                break 1;
            }
            i += 1;
        };
        match order {
            -1 => lo = mid + 1,
            1 => hi = mid,
            _ => return Some(mid as u16),
        }
    }
    None
}

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

/// The text of template `t` ("…" for [`Tpl::NONE`]).
pub fn template(t: Tpl) -> &'static str {
    LETTER_TEXTS.get(t.index()).copied().unwrap_or("…")
}

fn fill(key: Tpl, args: &[(&str, String)]) -> String {
    let mut out = template(key).replace("{blank}", BLANK);
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn money(c: Cents) -> String {
    format_cents(crate::i18n::Locale::Fr, c.0)
}

/// A yearly rate in French ("0,36 %"): millionths of a percent, at least two decimals.
fn percent(p: crate::engine::Percent) -> String {
    let (whole, frac) = (p.0 / 1_000_000, (p.0 % 1_000_000).abs());
    let mut f = format!("{frac:06}");
    while f.len() > 2 && f.ends_with('0') {
        f.pop();
    }
    format!("{whole},{f} %")
}

fn date(d: Date) -> String {
    format_date(crate::i18n::Locale::Fr, d.year(), d.month(), d.day())
}

/// The month of the last installment of a loan that ran to its term (not repaid early) whose first installment is
/// known by its month only: `loan_months − 1` months after it (the engine tried its days; the letter says the month).
fn last_month_from_first(a: &Answers) -> Option<crate::engine::YearMonth> {
    match (
        known(a, FactId::RepaidEarly),
        known(a, FactId::FirstInstallmentDate),
        known(a, FactId::LoanMonths),
    ) {
        (Some(Value::YesNo(false)), Some(Value::Month(m)), Some(Value::Months(n))) if n > 0 => {
            let n = i32::try_from(n - 1).ok()?;
            Some(crate::engine::YearMonth::of(m.first_day().add_months(n)))
        }
        _ => None,
    }
}

/// A date known by its month and year only, as a letter writes it: "mars 2021".
fn month(m: crate::engine::YearMonth) -> String {
    format!(
        "{} {}",
        crate::i18n::MONTHS_FR[(m.month().clamp(1, 12) - 1) as usize],
        m.year()
    )
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
    /// One debit claimed back: its date and amount.
    Debit,
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
                        Style::Sender
                            | Style::Recipient
                            | Style::Item
                            | Style::Subject
                            | Style::Debit
                    )
                    || (p == Style::Label && matches!(style, Style::Sender | Style::Recipient))
                    || (p == Style::Para && matches!(style, Style::Item | Style::Debit));
                out.push_str(if same_block { "\n" } else { "\n\n" });
            }
            if matches!(style, Style::Item | Style::Debit) {
                out.push_str("– ");
            }
            out.push_str(line);
            prev = Some(*style);
        }
        out.push('\n');
        out
    }
}

/// The template of an enclosed document (`letter.doc.<code>`), from a table computed at compile time over every
/// engine document (one without its words does not compile).
pub fn document(d: Document) -> Tpl {
    const N: usize = document::ALL.len();
    const TABLE: [Tpl; N] = {
        let mut out = [Tpl::NONE; N];
        let mut i = 0;
        while i < N {
            out[i] = match find2(b"letter.doc.", document::ALL[i].code().as_bytes()) {
                Some(t) => Tpl(t),
                None => panic!("an engine document has no letter.doc.<code> in letters.fr.msg"),
            };
            i += 1;
        }
        out
    };
    match document::ALL.iter().position(|x| *x == d) {
        Some(i) => TABLE[i],
        None => Tpl::NONE,
    }
}

fn known(answers: &Answers, f: FactId) -> Option<Value> {
    match answers.get(f) {
        Some(Answer::Known(v)) => Some(v),
        _ => None,
    }
}

/// The facts of the switch request a claim's figures come from (its `switch_request_used` detail; request 1 when
/// there is none).
fn used_request(c: &ClaimResult) -> crate::engine::switching::RequestFacts {
    let n = detail_count(c, det::SWITCH_REQUEST_USED).unwrap_or(1);
    let i = usize::try_from(n.max(1) - 1).unwrap_or(0);
    crate::engine::switching::REQUESTS[i.min(crate::engine::switching::REQUESTS.len() - 1)]
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

fn detail_date(c: &ClaimResult, id: det::DetailId) -> Option<Date> {
    match c.detail(id) {
        Some(DetailValue::Date(d)) => Some(d),
        _ => None,
    }
}

fn detail_money(c: &ClaimResult, id: det::DetailId) -> Option<Cents> {
    match c.detail(id) {
        Some(DetailValue::Cents(x)) => Some(x),
        _ => None,
    }
}

fn detail_count(c: &ClaimResult, id: det::DetailId) -> Option<i64> {
    match c.detail(id) {
        Some(DetailValue::Count(n)) => Some(n),
        _ => None,
    }
}

fn days(n: i64) -> String {
    fill(
        if n == 1 {
            tpl!("letter.days.one")
        } else {
            tpl!("letter.days.many")
        },
        &[("n", n.to_string())],
    )
}

/// Who the letter goes to: the lender for what the lender did or collects (a group contract's premiums), the
/// insurer for an individual contract's premiums; `None` when the contract type is not known (the screen then
/// tells the visitor whom to write to: an instruction has no place in the letter).
pub fn recipient_key(claim: ClaimId, answers: &Answers) -> Option<Tpl> {
    match claim {
        ClaimId::LenderFees
        | ClaimId::DoublePremium
        | ClaimId::RefusedSwitch
        | ClaimId::SwitchSavings => Some(tpl!("letter.recipient.lender")),
        _ => match answers.option(FactId::ContractType)? {
            ContractType::Group => Some(tpl!("letter.recipient.lender_group")),
            ContractType::Delegated => Some(tpl!("letter.recipient.insurer")),
        },
    }
}

/// Whom the visitor writes to when the letter cannot say it: the lender or the insurer, whoever debits the
/// premiums (the interface words this next to the recipient fields).
pub fn recipient_unknown(claim: ClaimId, answers: &Answers) -> bool {
    recipient_key(claim, answers).is_none()
}

/// The placeholders of a letter: name, value.
type Vars = Vec<(&'static str, String)>;

/// The body of each claim: the template keys of its facts, law and amount, and their placeholders.
fn body(c: &ClaimResult, a: &Answers, v: &mut Vars) -> Option<Vec<Tpl>> {
    let has = |r: reason::Reason| c.reasons.contains(&r);
    let mut put = |name: &'static str, value: Option<String>| -> Option<()> {
        v.push((name, value?));
        Some(())
    };
    let d = |x: Option<Date>| x.map(date);
    let m = |x: Option<Cents>| x.map(money);
    // The engine cites the consumer-code article in force on the date of the fact (L312-9 before 2016-07-01):
    // the letter names the same one.
    let old_conso = {
        use crate::engine::params::refs;
        c.references.contains(&refs::C_CONSO_L312_9)
            && !c.references.contains(&refs::C_CONSO_L313_30)
            && !c.references.contains(&refs::C_CONSO_L313_31)
    };
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
    // A premium on the outstanding capital given as a yearly rate (issue 11 point 1): the letters give the rate and
    // the rule, each debit then having its own amount.
    let outstanding_rate = c.reasons.contains(&reason::PREMIUM_FROM_RATE_OUTSTANDING);
    if let Some(Value::Percent(r)) = known(a, FactId::PremiumRate) {
        put("rate", Some(percent(r)));
    }
    let keys = match c.claim {
        ClaimId::AfterPayoff => {
            let payoff = detail_date(c, det::PAYOFF_DATE);
            let end = payoff.or(detail_date(c, det::LOAN_END));
            // A last installment known by its month only (issue 11): the letter says the month.
            let end_month = match (end, known(a, FactId::LastInstallmentDate)) {
                (None, Some(Value::Month(m))) => Some(m),
                (None, _) => last_month_from_first(a),
                _ => None,
            };
            match end_month {
                Some(m) => put("end", Some(month(m)))?,
                None => put("end", d(end))?,
            }
            // The first and last debit, when the engine names them (not when their dates are unknown and every
            // possible date gives the same refund: the letter then says how many, not when).
            let (first, last) = (
                detail_date(c, det::FIRST_DEBIT),
                detail_date(c, det::LAST_DEBIT),
            );
            if let (Some(f), Some(l)) = (first, last) {
                put("first", Some(date(f)));
                put("last", Some(date(l)));
            }
            let notice = known_date(a, FactId::PayoffNoticeDate);
            put("notice", d(notice));
            vec![
                if payoff.is_some() {
                    tpl!("letter.after_payoff.facts.payoff")
                } else if end_month.is_some() {
                    tpl!("letter.after_payoff.facts.loan_end_month")
                } else {
                    tpl!("letter.after_payoff.facts.loan_end")
                },
                if notice.is_some() {
                    tpl!("letter.after_payoff.facts.notice")
                } else {
                    Tpl::NONE
                },
                if first.is_none() || last.is_none() {
                    tpl!("letter.after_payoff.facts.debits_undated")
                } else if first == last {
                    tpl!("letter.after_payoff.facts.debit_one")
                } else {
                    tpl!("letter.after_payoff.facts.debits")
                },
                tpl!("letter.after_payoff.law"),
                if outstanding_rate {
                    tpl!("letter.after_payoff.amount_outstanding")
                } else {
                    tpl!("letter.after_payoff.amount")
                },
                DEBITS,
            ]
        }
        ClaimId::AfterCoverEnd => {
            put("cover_end", d(known_date(a, FactId::CoverEndDate)))?;
            put("contractual", m(detail_money(c, det::CONTRACTUAL_PREMIUM)))?;
            put("excess", m(detail_money(c, det::EXCESS_PER_DEBIT)))?;
            vec![
                tpl!("letter.after_cover_end.facts"),
                tpl!("letter.after_cover_end.law"),
                tpl!("letter.after_cover_end.amount"),
                DEBITS_EXCESS,
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
                tpl!("letter.wrong_basis.partial.facts"),
                tpl!("letter.wrong_basis.law"),
                tpl!("letter.wrong_basis.partial.amount"),
                DEBITS,
            ]
        }
        ClaimId::WrongBasis => vec![
            tpl!("letter.wrong_basis.outstanding.facts"),
            tpl!("letter.wrong_basis.law"),
            if outstanding_rate {
                tpl!("letter.wrong_basis.outstanding.amount_rate")
            } else {
                tpl!("letter.wrong_basis.outstanding.amount")
            },
        ],
        ClaimId::LenderFees => {
            put("fee_date", d(detail_date(c, det::FEE_DATE)))?;
            put("fee", m(known_money(a, FactId::LenderFeesAmount)))?;
            vec![
                tpl!("letter.lender_fees.facts"),
                tpl!("letter.lender_fees.law"),
                tpl!("letter.lender_fees.amount"),
            ]
        }
        ClaimId::DoublePremium => {
            // The request of the switching history the claim is about (switching: `switch_request_used`).
            let rq = used_request(c);
            put("request", d(known_date(a, rq.date)))?;
            put("due", d(detail_date(c, det::DECISION_DUE)))?;
            put("decision", d(known_date(a, rq.decision_date)))?;
            let start = known_date(a, rq.start);
            put("start", d(start));
            put("due_end", d(detail_date(c, det::OLD_CONTRACT_DUE_END)))?;
            put("end", d(detail_date(c, det::OLD_CONTRACT_END)))?;
            put("days", detail_count(c, det::OVERLAP_DAYS).map(days))?;
            vec![
                tpl!("letter.double_premium.facts"),
                if start.is_some() {
                    tpl!("letter.double_premium.facts.start")
                } else {
                    Tpl::NONE
                },
                if has(reason::OLD_CONTRACT_STILL_RUNNING) {
                    tpl!("letter.double_premium.facts.running")
                } else {
                    tpl!("letter.double_premium.facts.ended")
                },
                if old_conso {
                    tpl!("letter.double_premium.law.l312_9")
                } else {
                    tpl!("letter.double_premium.law")
                },
                if outstanding_rate {
                    tpl!("letter.double_premium.amount_outstanding")
                } else {
                    tpl!("letter.double_premium.amount")
                },
            ]
        }
        ClaimId::RefusedSwitch => {
            let rq = used_request(c);
            put("request", d(known_date(a, rq.date)))?;
            put("new_premium", m(known_money(a, rq.new_premium)))?;
            put("refusal", d(detail_date(c, det::REFUSAL_DATE)))?;
            put("due_start", d(detail_date(c, det::NEW_COVER_DUE_START)))?;
            put("diff", m(detail_money(c, det::MONTHLY_DIFFERENCE)))?;
            let right = if has(reason::LEMOINE_ANY_TIME) {
                tpl!("+letter.refused_switch.right.lemoine_any_time")
            } else if has(reason::ANNUAL_ECHEANCE) {
                tpl!("+letter.refused_switch.right.annual_echeance")
            } else if has(reason::HAMON_WINDOW_OPEN) {
                tpl!("+letter.refused_switch.right.hamon_window_open")
            } else if has(reason::BEFORE_OFFER_SIGNATURE) {
                tpl!("+letter.refused_switch.right.before_offer_signature")
            } else {
                Tpl::NONE
            };
            vec![
                tpl!("letter.refused_switch.facts"),
                if has(reason::NO_ANSWER_TREATED_AS_REFUSAL) {
                    tpl!("letter.refused_switch.facts.no_answer")
                } else {
                    tpl!("letter.refused_switch.facts.refused")
                },
                tpl!("letter.refused_switch.facts.start"),
                if old_conso {
                    tpl!("letter.refused_switch.law.l312_9")
                } else {
                    tpl!("letter.refused_switch.law")
                },
                right,
                tpl!("letter.refused_switch.damages"),
                // A declining premium (a rate of the outstanding capital): each month has its own difference.
                if outstanding_rate {
                    tpl!("letter.refused_switch.amount_outstanding")
                } else {
                    tpl!("letter.refused_switch.amount")
                },
                DEBITS_DAMAGES,
            ]
        }
        _ => return None,
    };
    Some(keys)
}

/// The statutory interest paragraph of a refund, if it carries interest.
fn interest(c: &ClaimResult, v: &mut Vars) -> Vec<Tpl> {
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
        (InterestStart::EachPayment, Some(_), _) => tpl!("letter.interest.each_payment"),
        (InterestStart::EachPayment, None, _) => tpl!("letter.interest.each_payment_rate"),
        (InterestStart::Demand, Some(_), Some(_)) => tpl!("letter.interest.demand"),
        _ => tpl!("letter.interest.this_demand"),
    };
    // A provisional figure names the half-year of the rate it applies (the last published one).
    let period = i.rate_period.map(|p| {
        let half = if p.half() == 1 {
            tpl!("letter.period.1")
        } else {
            tpl!("letter.period.2")
        };
        fill(half, &[("year", p.from.year().to_string())])
    });
    if let (true, Some(_), Some(period)) = (i.provisional, i.amount, period) {
        v.push(("period", period));
        vec![key, tpl!("+letter.interest.provisional")]
    } else {
        vec![key]
    }
}

/// The subject line's claim-specific part.
fn subject_key(c: &ClaimResult) -> Tpl {
    match c.claim {
        ClaimId::WrongBasis if c.reasons.contains(&reason::PREMIUM_NOT_RECALCULATED) => {
            tpl!("letter.wrong_basis.partial.subject")
        }
        ClaimId::WrongBasis => tpl!("letter.wrong_basis.outstanding.subject"),
        ClaimId::AfterPayoff => tpl!("letter.after_payoff.subject"),
        ClaimId::AfterCoverEnd => tpl!("letter.after_cover_end.subject"),
        ClaimId::LenderFees => tpl!("letter.lender_fees.subject"),
        ClaimId::DoublePremium => tpl!("letter.double_premium.subject"),
        _ => tpl!("letter.refused_switch.subject"),
    }
}

/// Where the list of debits claimed back goes in a body (see [`debits`]); [`DEBITS_EXCESS`] lists the part of
/// each debit claimed back (after_cover_end), [`DEBITS_DAMAGES`] the difference of each debit taken at the old
/// premium (refused_switch).
const DEBITS: Tpl = Tpl(u16::MAX - 1);
/// See [`DEBITS`].
const DEBITS_EXCESS: Tpl = Tpl(u16::MAX - 2);
/// See [`DEBITS`].
const DEBITS_DAMAGES: Tpl = Tpl(u16::MAX - 3);

/// The monthly installment dates of the loan: the first installment, then the same day of each month, as many as
/// the loan has months.
fn installments(answers: &Answers, as_of: Date) -> Vec<Date> {
    // The first installment given, or read from the loan's end as the engine reads it.
    let (Some(first), Some(Value::Months(n))) = (
        crate::engine::first_installment(answers, as_of),
        known(answers, FactId::LoanMonths),
    ) else {
        return Vec::new();
    };
    (0..n.min(1200) as i32)
        .map(|m| first.add_months(m))
        .collect()
}

/// Each debit a claim asks back (or counts for damages), with its amount, for the debit-based claims:
/// - after_payoff and wrong_basis after a partial repayment: the debits still within the limitation period, the
///   latest `debits_counted` of the monthly dates from the first to the last debit the engine explains the claim
///   with;
/// - after_cover_end: the installments from the end of the cover, not yet time-barred on `as_of`, the first
///   `debits_counted` of them, each with the excess;
/// - refused_switch: the installments from the day the new cover should have started, the first `debits_counted`
///   of them, each with the monthly difference.
///
/// Empty when the claim is not debit-based or the dates do not add up to the engine's count, amount and last day
/// (the letter then gives the count alone).
pub fn debits(c: &ClaimResult, answers: &Answers, as_of: Date) -> Vec<(Date, Cents)> {
    let Some(n) = detail_count(c, det::DEBITS_COUNTED).and_then(|n| usize::try_from(n).ok()) else {
        return Vec::new();
    };
    let (dates, each): (Vec<Date>, Option<Cents>) = match c.claim {
        ClaimId::AfterPayoff | ClaimId::WrongBasis => {
            let (anchor, each) = if c.claim == ClaimId::AfterPayoff {
                (
                    known_date(answers, FactId::FirstDebitAfterPayoff),
                    // The premium the engine counted (it may come from a yearly rate, not from premium_monthly).
                    detail_money(c, det::PREMIUM_DEBITED)
                        .or_else(|| known_money(answers, FactId::PremiumMonthly)),
                )
            } else if c.reasons.contains(&reason::PREMIUM_NOT_RECALCULATED) {
                (
                    crate::engine::first_installment(answers, as_of),
                    detail_money(c, det::EXCESS_PER_DEBIT),
                )
            } else {
                (None, None)
            };
            let (Some(anchor), Some(first), Some(last)) = (
                anchor,
                detail_date(c, det::FIRST_DEBIT),
                detail_date(c, det::LAST_DEBIT),
            ) else {
                return Vec::new();
            };
            let all: Vec<Date> = (0..1200)
                .map(|m| anchor.add_months(m))
                .take_while(|d| *d <= last)
                .filter(|d| *d >= first)
                .collect();
            (all[all.len().saturating_sub(n)..].to_vec(), each)
        }
        ClaimId::AfterCoverEnd => {
            let Some(end) = known_date(answers, FactId::CoverEndDate) else {
                return Vec::new();
            };
            let dates: Vec<Date> = installments(answers, as_of)
                .into_iter()
                .filter(|d| *d >= end && *d <= as_of && !limitation::is_barred(*d, as_of))
                .take(n)
                .collect();
            // The engine's last day is that of the earliest debit still claimable.
            if c.last_day.is_some() && dates.first().map(|d| limitation::last_day(*d)) != c.last_day
            {
                return Vec::new();
            }
            (dates, detail_money(c, det::EXCESS_PER_DEBIT))
        }
        ClaimId::RefusedSwitch => {
            let Some(start) = detail_date(c, det::NEW_COVER_DUE_START) else {
                return Vec::new();
            };
            let dates = installments(answers, as_of)
                .into_iter()
                .filter(|d| *d >= start && *d <= as_of)
                .take(n)
                .collect();
            (dates, detail_money(c, det::MONTHLY_DIFFERENCE))
        }
        _ => return Vec::new(),
    };
    // On the outstanding capital each debit after the payoff has the premium of its installment (issue 11 point 1);
    // each month a refused switch blocked, that premium less the new contract's.
    let less = match c.claim {
        ClaimId::RefusedSwitch => known_money(answers, used_request(c).new_premium),
        _ => Some(Cents::ZERO),
    };
    let list: Vec<(Date, Cents)> =
        if matches!(c.claim, ClaimId::AfterPayoff | ClaimId::RefusedSwitch)
            && c.reasons.contains(&reason::PREMIUM_FROM_RATE_OUTSTANDING)
        {
            let priced: Option<Vec<(Date, Cents)>> = dates
                .iter()
                .map(|d| {
                    let p = crate::engine::premium_on(answers, as_of, *d)?;
                    Some((*d, p - less?))
                })
                .collect();
            // Not priced from the answers (a loan rate the engine did without): the premium it counted, if the debits
            // add up with it (checked below).
            match (priced, each) {
                (Some(l), _) => l,
                (None, Some(e)) => dates.iter().map(|d| (*d, e)).collect(),
                (None, None) => return Vec::new(),
            }
        } else {
            let Some(each) = each else {
                return Vec::new();
            };
            dates.iter().map(|d| (*d, each)).collect()
        };
    let total: i64 = list.iter().map(|(_, x)| x.0).sum();
    if list.len() != n || n == 0 || c.amount.is_none_or(|a| a.low.0 != total) {
        return Vec::new();
    }
    list
}

/// What the visitor types on screen for the letters: who writes, to whom, about which loan and contract.
/// It stays on the device (the dossier file, this device's memory when the visitor opts in), never in a payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parties {
    /// The visitor's name.
    pub sender_name: String,
    /// The visitor's postal address (several lines).
    pub sender_address: String,
    /// The town the letter is written from.
    pub place: String,
    /// The addressee: the bank or insurer's name.
    pub recipient_name: String,
    /// The addressee's postal address (several lines).
    pub recipient_address: String,
    /// The loan number.
    pub loan_number: String,
    /// The insurance contract (membership) number.
    pub contract_number: String,
}

/// One field of [`Parties`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyField {
    /// [`Parties::sender_name`].
    SenderName,
    /// [`Parties::sender_address`].
    SenderAddress,
    /// [`Parties::place`].
    Place,
    /// [`Parties::recipient_name`].
    RecipientName,
    /// [`Parties::recipient_address`].
    RecipientAddress,
    /// [`Parties::loan_number`].
    LoanNumber,
    /// [`Parties::contract_number`].
    ContractNumber,
}

impl PartyField {
    /// Every field, in the order of the form.
    pub const ALL: [PartyField; 7] = [
        PartyField::SenderName,
        PartyField::SenderAddress,
        PartyField::Place,
        PartyField::RecipientName,
        PartyField::RecipientAddress,
        PartyField::LoanNumber,
        PartyField::ContractNumber,
    ];
    /// The longest text kept for one field.
    pub const MAX_CHARS: usize = 300;

    /// Stable id (the dossier's `letter` member, the message keys `act.party.<id>.*`).
    pub const fn id(self) -> &'static str {
        match self {
            PartyField::SenderName => "sender_name",
            PartyField::SenderAddress => "sender_address",
            PartyField::Place => "place",
            PartyField::RecipientName => "recipient_name",
            PartyField::RecipientAddress => "recipient_address",
            PartyField::LoanNumber => "loan_number",
            PartyField::ContractNumber => "contract_number",
        }
    }

    /// Typed on several lines (an address).
    pub fn multiline(self) -> bool {
        matches!(
            self,
            PartyField::SenderAddress | PartyField::RecipientAddress
        )
    }
}

impl Parties {
    /// The text of `f`.
    pub fn get(&self, f: PartyField) -> &str {
        match f {
            PartyField::SenderName => &self.sender_name,
            PartyField::SenderAddress => &self.sender_address,
            PartyField::Place => &self.place,
            PartyField::RecipientName => &self.recipient_name,
            PartyField::RecipientAddress => &self.recipient_address,
            PartyField::LoanNumber => &self.loan_number,
            PartyField::ContractNumber => &self.contract_number,
        }
    }

    /// Sets `f` to `value`, cut at [`PartyField::MAX_CHARS`] characters.
    pub fn set(&mut self, f: PartyField, value: &str) {
        let value: String = value.chars().take(PartyField::MAX_CHARS).collect();
        let slot = match f {
            PartyField::SenderName => &mut self.sender_name,
            PartyField::SenderAddress => &mut self.sender_address,
            PartyField::Place => &mut self.place,
            PartyField::RecipientName => &mut self.recipient_name,
            PartyField::RecipientAddress => &mut self.recipient_address,
            PartyField::LoanNumber => &mut self.loan_number,
            PartyField::ContractNumber => &mut self.contract_number,
        };
        *slot = value;
    }

    /// Nothing typed.
    pub fn is_empty(&self) -> bool {
        PartyField::ALL
            .iter()
            .all(|f| self.get(*f).trim().is_empty())
    }

    /// The fields typed, as a JSON object (the dossier's `letter` member, this device's memory).
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for f in PartyField::ALL {
            let v = self.get(f);
            if !v.trim().is_empty() {
                m.insert(f.id().into(), v.into());
            }
        }
        serde_json::Value::Object(m)
    }

    /// Reads what [`Parties::to_json_value`] wrote; anything else (unknown keys, non-strings) is left out.
    pub fn from_json_value(v: &serde_json::Value) -> Parties {
        let mut p = Parties::default();
        if let Some(obj) = v.as_object() {
            for f in PartyField::ALL {
                if let Some(s) = obj.get(f.id()).and_then(|x| x.as_str()) {
                    p.set(f, s);
                }
            }
        }
        p
    }
}

/// The lines of a typed block (an address), blank lines dropped.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// A typed value, or the blank line to fill in by hand.
fn typed(s: &str) -> String {
    match s.trim() {
        "" => BLANK.to_string(),
        x => x.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The head of every letter: sender, recipient, place and date, subject, loan and contract references,
/// salutation.
fn head(
    p: &Parties,
    recipient: Option<Tpl>,
    subject: &str,
    sent: Date,
    answers: &Answers,
    v: &Vars,
) -> Vec<(Style, String)> {
    let mut parts = vec![(Style::Label, fill(tpl!("letter.sender"), v))];
    if p.sender_name.trim().is_empty() {
        parts.push((Style::Sender, fill(tpl!("letter.sender.name"), v)));
    } else {
        parts.push((Style::Sender, typed(&p.sender_name)));
    }
    if p.sender_address.trim().is_empty() {
        parts.push((Style::Sender, fill(tpl!("letter.sender.address"), v)));
        parts.push((Style::Sender, fill(tpl!("letter.sender.contact"), v)));
    } else {
        parts.extend(lines(&p.sender_address).map(|l| (Style::Sender, typed(l))));
    }
    parts.push((Style::Label, fill(tpl!("letter.recipient"), v)));
    if let Some(key) = recipient {
        parts.push((Style::Recipient, fill(key, v)));
    }
    if p.recipient_name.trim().is_empty() {
        parts.push((Style::Recipient, fill(tpl!("letter.recipient.name"), v)));
    } else {
        parts.push((Style::Recipient, typed(&p.recipient_name)));
    }
    parts.push((Style::Recipient, fill(tpl!("letter.recipient.service"), v)));
    if p.recipient_address.trim().is_empty() {
        parts.push((Style::Recipient, fill(tpl!("letter.recipient.address"), v)));
    } else {
        parts.extend(lines(&p.recipient_address).map(|l| (Style::Recipient, typed(l))));
    }
    parts.push((
        Style::Meta,
        fill(
            tpl!("letter.place_date"),
            &[("place", typed(&p.place)), ("sent", date(sent))],
        ),
    ));
    parts.push((Style::Meta, fill(tpl!("letter.registered"), v)));
    parts.push((
        Style::Subject,
        fill(tpl!("letter.subject"), &[("subject", subject.to_string())]),
    ));
    let mut loan = Vec::new();
    if let Some(d) = known_date(answers, FactId::OfferSignatureDate) {
        loan.push(fill(tpl!("letter.loan_ref.signed"), &[("signed", date(d))]));
    }
    if let Some(x) = known_money(answers, FactId::LoanAmount) {
        loan.push(fill(
            tpl!("letter.loan_ref.amount"),
            &[("loan_amount", money(x))],
        ));
    }
    // The first installment identifies the loan too; known by its month only, the letter says the month.
    match known(answers, FactId::FirstInstallmentDate) {
        Some(Value::Date(d)) => {
            loan.push(fill(tpl!("letter.loan_ref.first"), &[("first", date(d))]))
        }
        Some(Value::Month(m)) => loan.push(fill(
            tpl!("letter.loan_ref.first_month"),
            &[("first", month(m))],
        )),
        _ => {}
    }
    let contract: Vec<String> = match known(answers, FactId::ContractType) {
        Some(Value::Choice(_)) => match answers.option(FactId::ContractType) {
            Some(ContractType::Group) => vec![template(tpl!("letter.contract.group")).to_string()],
            Some(ContractType::Delegated) => {
                vec![template(tpl!("letter.contract.delegated")).to_string()]
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    let details = |x: Vec<String>| {
        if x.is_empty() {
            String::new()
        } else {
            format!(" ({})", x.join(", "))
        }
    };
    parts.push((
        Style::Subject,
        fill(
            tpl!("letter.loan_ref"),
            &[
                ("number", typed(&p.loan_number)),
                ("details", details(loan)),
            ],
        ),
    ));
    parts.push((
        Style::Subject,
        fill(
            tpl!("letter.contract_ref"),
            &[
                ("number", typed(&p.contract_number)),
                ("details", details(contract)),
            ],
        ),
    ));
    parts.push((Style::Para, fill(tpl!("letter.salutation"), v)));
    parts
}

/// Appends the body paragraphs `keys` (a key marked `+` goes on with the paragraph before it; [`DEBITS`],
/// [`DEBITS_EXCESS`] and [`DEBITS_DAMAGES`] are the list of debits under their heading).
fn paragraphs(parts: &mut Vec<(Style, String)>, keys: &[Tpl], v: &Vars, debits: &[(Date, Cents)]) {
    for key in keys.iter().filter(|k| **k != Tpl::NONE) {
        let header = match *key {
            DEBITS => Some(tpl!("letter.debits")),
            DEBITS_EXCESS => Some(tpl!("letter.debits.excess")),
            DEBITS_DAMAGES => Some(tpl!("letter.debits.damages")),
            _ => None,
        };
        if let Some(header) = header {
            if !debits.is_empty() {
                parts.push((Style::Para, fill(header, v)));
                for (d, x) in debits {
                    parts.push((
                        Style::Debit,
                        fill(
                            tpl!("letter.debit"),
                            &[("date", date(*d)), ("debit", money(*x))],
                        ),
                    ));
                }
            }
            continue;
        }
        match (key.continues(), parts.last_mut()) {
            (true, Some((_, before))) => {
                before.push(' ');
                before.push_str(&fill(*key, v));
            }
            _ => parts.push((Style::Para, fill(*key, v))),
        }
    }
}

/// The claim letter for `claim`, dated `sent` (the day the visitor sends it), with blank lines for the parties;
/// `None` when the claim has no letter (not one of [`LETTER_CLAIMS`], not eligible, or a figure it needs is
/// missing).
pub fn letter(claim: &ClaimResult, answers: &Answers, as_of: Date, sent: Date) -> Option<Letter> {
    letter_for(claim, answers, as_of, sent, &Parties::default())
}

/// [`letter`] with the parties the visitor typed.
pub fn letter_for(
    claim: &ClaimResult,
    answers: &Answers,
    as_of: Date,
    sent: Date,
    parties: &Parties,
) -> Option<Letter> {
    if claim.verdict != Verdict::Eligible || !LETTER_CLAIMS.contains(&claim.claim) {
        return None;
    }
    let amount = claim.amount.filter(|a| a.low.0 > 0)?;
    let mut v: Vars = vec![("amount", money(amount.low)), ("as_of", date(as_of))];
    if let Some(x) = amount.monthly_accrual.filter(|m| m.0 > 0) {
        v.push(("monthly", money(x)));
    }
    let mut body = body(claim, answers, &mut v)?;
    body.extend(interest(claim, &mut v));
    body.push(tpl!("letter.demand"));
    if amount.monthly_accrual.is_some_and(|m| m.0 > 0) {
        body.push(tpl!("+letter.demand.monthly"));
    }
    body.extend([tpl!("letter.mediator"), tpl!("letter.enclosed")]);
    let mut parts = head(
        parties,
        recipient_key(claim.claim, answers),
        template(subject_key(claim)),
        sent,
        answers,
        &v,
    );
    paragraphs(&mut parts, &body, &v, &debits(claim, answers, as_of));
    for d in &claim.documents {
        parts.push((Style::Item, fill(document(*d), &v)));
    }
    parts.push((Style::Item, fill(tpl!("letter.doc.rib"), &v)));
    parts.push((Style::Para, fill(tpl!("letter.closing"), &v)));
    parts.push((Style::Sign, fill(tpl!("letter.signature"), &v)));
    Some(Letter {
        claim: claim.claim,
        parts,
    })
}

/// The switch request (demande de substitution) to the lender, citing the switching right open today, where
/// changing insurer saves money (`switch_savings` eligible with a saving); `None` otherwise.
pub fn switch_letter(
    eval: &Evaluation,
    answers: &Answers,
    sent: Date,
    parties: &Parties,
) -> Option<Letter> {
    let saving = eval
        .claim(ClaimId::SwitchSavings)
        .filter(|c| c.verdict == Verdict::Eligible)
        .and_then(|c| c.amount)
        .filter(|a| a.low.0 > 0)?;
    let right = match eval.switching.as_ref()?.right {
        SwitchingRight::AnyTime => tpl!("letter.switch.right.any_time"),
        SwitchingRight::Hamon => tpl!("letter.switch.right.hamon"),
        SwitchingRight::Annual => tpl!("letter.switch.right.annual"),
        _ => return None,
    };
    let v: Vars = vec![("amount", money(saving.low))];
    let mut parts = head(
        parties,
        recipient_key(ClaimId::SwitchSavings, answers),
        template(tpl!("letter.switch.subject")),
        sent,
        answers,
        &v,
    );
    paragraphs(
        &mut parts,
        &[
            tpl!("letter.switch.request"),
            right,
            tpl!("letter.switch.law"),
            tpl!("letter.switch.decision"),
            tpl!("letter.enclosed"),
        ],
        &v,
        &[],
    );
    for key in [
        tpl!("letter.doc.new_contract"),
        tpl!("letter.switch.doc.equivalence"),
    ] {
        parts.push((Style::Item, fill(key, &v)));
    }
    parts.push((Style::Para, fill(tpl!("letter.closing"), &v)));
    parts.push((Style::Sign, fill(tpl!("letter.signature"), &v)));
    Some(Letter {
        claim: ClaimId::SwitchSavings,
        parts,
    })
}
