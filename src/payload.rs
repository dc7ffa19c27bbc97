//! What goes to a campaign, by construction the same as what the consent screen shows (issue 14 point 1).
//!
//! The send panel builds one [`Preview`] from the evaluation, the answers and what the visitor chose, renders
//! every part of it, and the payload is [`payload`] of that preview and of nothing else: the verdict, amount
//! and last day of each claim the campaign gathers, the explaining figures ([`Detail`]s) whose every answer
//! they reveal is consented, the consented answers, the contact details typed, and the versions and day of
//! the evaluation. No reason, reference, document list, missing-fact list or switching verdict goes: they are
//! not on the consent screen.
//!
//! The idempotency key is derived from the content ([`idempotency_key`]): the same content gives the same key
//! (a retry is stored once), and changing anything (an answer ticked, an e-mail corrected) gives a new key, so
//! a campaign never keeps one version under a receipt that lists another. A per-widget random salt enters
//! the key so that two visitors with the same answers never share one.
//!
//! Pure and natively tested (`tests/send_payload.rs`): no web, no clock.

use serde_json::{Map, Value};

use crate::engine::facts::answer_to_json;
use crate::engine::{
    AmountKind, Answer, Answers, Cents, ClaimId, Date, Detail, Evaluation, FactId,
    Value as AnswerValue, Verdict, DATA_VERSION, RESULT_VERSION, RULES_VERSION,
};
use crate::manifest::{Campaign, Contact, PAYLOAD_VERSION};

/// What the visitor agreed to send: the answers (required ones and the optional ones they ticked) and the
/// contact details they entered, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chosen {
    /// The answers to include.
    pub answers: Vec<FactId>,
    /// The contact details, checked.
    pub contact: Vec<(Contact, String)>,
}

/// One claim as the consent screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimLine {
    /// The claim.
    pub claim: ClaimId,
    /// Its verdict.
    pub verdict: Verdict,
    /// What kind of money, low and high, when the claim has an amount.
    pub amount: Option<(AmountKind, Cents, Cents)>,
    /// The last day to act.
    pub last_day: Option<Date>,
    /// The explaining figures whose answers are all consented.
    pub details: Vec<Detail>,
}

/// Everything that goes, as the consent screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The campaign's name and origin.
    pub campaign_name: String,
    /// The campaign's origin.
    pub campaign_origin: String,
    /// The day of the evaluation.
    pub as_of: Date,
    /// The rules version.
    pub rules_version: &'static str,
    /// The legal data version.
    pub data_version: &'static str,
    /// The claims the campaign gathers, in the engine's order.
    pub claims: Vec<ClaimLine>,
    /// The consented answers that have a value ("I don't know" included), in questionnaire order.
    pub answers: Vec<(FactId, Answer<AnswerValue>)>,
    /// The contact details typed.
    pub contact: Vec<(Contact, String)>,
}

/// The answers an explaining figure reveals (what a reader could work out from it). A figure goes only if
/// every one of them is consented. Over-approximated on purpose: a fact listed needlessly only keeps a figure
/// home, a fact forgotten would leak it. An id not listed here reveals everything (never sent).
pub fn revealed_by(detail: &str) -> Option<&'static [FactId]> {
    use FactId as F;
    const LOAN: &[FactId] = &[
        F::LoanAmount,
        F::LoanMonths,
        F::LoanRate,
        F::FirstInstallmentDate,
        F::PartialRepayment,
        F::PartialRepaymentDate,
        F::OutstandingAfterPartial,
        F::RepaidEarly,
        F::PayoffDate,
    ];
    const DEBITS: &[FactId] = &[
        F::DebitsAfterPayoff,
        F::FirstDebitAfterPayoff,
        F::PayoffDate,
        F::PayoffNoticeDate,
        F::RepaidEarly,
        F::FirstInstallmentDate,
        F::LoanMonths,
        F::PartialRepayment,
        F::PartialRepaymentDate,
        F::CoverEnded,
        F::CoverEndDate,
        F::SwitchRequestDate,
        F::SwitchRequestedStart,
        F::SwitchDecision,
        F::SwitchDecisionDate,
        F::OldContractEnded,
        F::OldContractEndDate,
    ];
    const PREMIUMS: &[FactId] = &[
        F::PremiumMonthly,
        F::PremiumBasis,
        F::PremiumConstant,
        F::PremiumAfterCoverEnd,
        F::CoverEndLowersPremium,
        F::PartialRepaymentClause,
        F::LoanAmount,
        F::LoanMonths,
        F::LoanRate,
        F::FirstInstallmentDate,
        F::PartialRepaymentDate,
        F::OutstandingAfterPartial,
        F::SwitchNewPremium,
        F::QuotePremium,
        F::InsuredCount,
        // The switching history (switching): the later requests' premiums and the premium paid since a switch.
        F::Switch2NewPremium,
        F::Switch3NewPremium,
        F::PremiumSinceSwitch,
        F::OldContractEnded,
    ];
    const SWITCH: &[FactId] = &[
        F::SwitchRequestDate,
        F::SwitchRequestedStart,
        F::SwitchDecision,
        F::SwitchDecisionDate,
        F::OldContractEnded,
        F::OldContractEndDate,
        // The switching history (switching): which request a figure comes from, and its dates.
        F::SwitchKind,
        F::Switch2Requested,
        F::Switch2Kind,
        F::Switch2RequestDate,
        F::Switch2RequestedStart,
        F::Switch2Decision,
        F::Switch2DecisionDate,
        F::Switch3Requested,
        F::Switch3Kind,
        F::Switch3RequestDate,
        F::Switch3RequestedStart,
        F::Switch3Decision,
        F::Switch3DecisionDate,
        F::OfferSignatureDate,
    ];
    Some(match detail {
        // Constants of the law data: they say nothing of the visitor.
        "profit_sharing_first_year" | "profit_sharing_last_year" => &[],
        "payoff_date" => &[F::PayoffDate, F::RepaidEarly],
        "loan_end" | "last_installment" | "next_installment" | "remaining_installments" => &[
            F::FirstInstallmentDate,
            F::LoanMonths,
            F::PayoffDate,
            F::RepaidEarly,
        ],
        "debits_counted" | "debits_time_barred" | "first_debit" | "last_debit" => DEBITS,
        "excess_per_debit"
        | "contractual_premium"
        | "premium_debited"
        | "monthly_difference"
        | "current_cost"
        | "new_cost" => PREMIUMS,
        "outstanding_now" => LOAN,
        "one_off_fees" => &[F::SwitchOneOffFees],
        "fee_date" => &[F::LenderFeesDate],
        "decision_due"
        | "old_contract_due_end"
        | "old_contract_end"
        | "overlap_days"
        | "new_cover_due_start"
        | "switch_request_used" => SWITCH,
        "refusal_date" => &[
            F::ClaimRefusalDate,
            F::SwitchDecisionDate,
            F::ClaimRefused,
            // The switching history (switching): a later request's refusal, or the due date of one unanswered.
            F::SwitchRequestDate,
            F::Switch2Requested,
            F::Switch2RequestDate,
            F::Switch2DecisionDate,
            F::Switch3Requested,
            F::Switch3RequestDate,
            F::Switch3DecisionDate,
        ],
        "benefit_refused" => &[F::BenefitRefused],
        _ => return None,
    })
}

/// The facts a figure may reveal when `consented` answers go: those, and the facts not answered (an answer
/// never given cannot be revealed).
pub fn open_to(answers: &Answers, consented: &[FactId]) -> Vec<FactId> {
    FactId::ALL
        .iter()
        .copied()
        .filter(|f| consented.contains(f) || answers.get(*f).is_none())
        .collect()
}

/// Whether a figure may go when the facts `consented` may be revealed (see [`open_to`]).
pub fn detail_allowed(detail: &str, consented: &[FactId]) -> bool {
    revealed_by(detail).is_some_and(|facts| facts.iter().all(|f| consented.contains(f)))
}

/// The preview of what goes to `campaign` when the visitor chose `chosen`.
pub fn preview(
    campaign: &Campaign,
    eval: &Evaluation,
    answers: &Answers,
    chosen: &Chosen,
) -> Preview {
    let consented: Vec<FactId> = FactId::ALL
        .iter()
        .copied()
        .filter(|f| chosen.answers.contains(f) && answers.get(*f).is_some())
        .collect();
    let may_show = open_to(answers, &consented);
    let claims = eval
        .claims
        .iter()
        .filter(|c| campaign.gathers(c.claim))
        .map(|c| ClaimLine {
            claim: c.claim,
            verdict: c.verdict,
            amount: c.amount.map(|a| (a.kind, a.low, a.high)),
            last_day: c.last_day,
            details: c
                .details
                .iter()
                .filter(|d| detail_allowed(d.id.code(), &may_show))
                .copied()
                .collect(),
        })
        .collect();
    Preview {
        campaign_name: campaign.name.clone(),
        campaign_origin: campaign.origin.clone(),
        as_of: eval.as_of,
        rules_version: RULES_VERSION,
        data_version: DATA_VERSION,
        claims,
        answers: consented
            .iter()
            .filter_map(|f| answers.get(*f).map(|a| (*f, a)))
            .collect(),
        contact: chosen.contact.clone(),
    }
}

/// An object from its members (inserted one by one: collecting into the map would sort, and bring a sort
/// routine of some 18 KB into the wasm).
fn obj(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

/// `v` as compact JSON text, the same bytes as serde_json's `to_string` (`tests/send_payload.rs` compares them)
/// for every value the widget writes: a dozen lines instead of serde's serializer and float formatting in the
/// second wasm file. Its numbers are all integers (counts, cents, versions); a fractional number, which no
/// part of the widget builds, is written `null`, as serde_json writes a non-finite one.
pub fn json_text(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v);
    out
}

fn write_json(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => out.push_str(&u.to_string()),
            (None, Some(i)) => out.push_str(&i.to_string()),
            _ => out.push_str("null"),
        },
        Value::String(s) => write_str(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_json(out, x);
            }
            out.push('}');
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                crate::i18n::push_hex(out, &[c as u8]);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The payload's content without its key: everything of the preview, nothing else.
fn content(p: &Preview) -> Value {
    let claims: Vec<Value> = p
        .claims
        .iter()
        .map(|c| {
            obj([
                ("claim", c.claim.id().into()),
                ("verdict", c.verdict.id().into()),
                (
                    "amount",
                    c.amount.map_or(Value::Null, |(kind, low, high)| {
                        obj([
                            ("kind", serde_json::to_value(kind).unwrap_or_default()),
                            ("low", low.0.into()),
                            ("high", high.0.into()),
                        ])
                    }),
                ),
                (
                    "last_day",
                    c.last_day.map_or(Value::Null, |d| d.to_string().into()),
                ),
                (
                    "details",
                    serde_json::to_value(&c.details).unwrap_or_default(),
                ),
            ])
        })
        .collect();
    let mut answers = Map::new();
    answers.insert("version".into(), 1.into());
    for (f, a) in &p.answers {
        answers.insert(f.id().into(), answer_to_json(a));
    }
    let mut contact = Map::new();
    for (c, v) in &p.contact {
        contact.insert(c.id().to_string(), Value::from(v.clone()));
    }
    obj([
        ("payload_version", PAYLOAD_VERSION.into()),
        (
            "campaign",
            obj([
                ("name", p.campaign_name.clone().into()),
                ("origin", p.campaign_origin.clone().into()),
            ]),
        ),
        (
            "result",
            obj([
                ("version", RESULT_VERSION.into()),
                ("rules_version", p.rules_version.into()),
                ("data_version", p.data_version.into()),
                ("as_of", p.as_of.to_string().into()),
                ("claims", Value::Array(claims)),
                ("answers", Value::Object(answers)),
            ]),
        ),
        ("contact", Value::Object(contact)),
    ])
}

/// The idempotency key of this content: 32 hex digits of SHA-256 over the salt and the content. The same
/// content gives the same key; any change gives another.
pub fn idempotency_key(salt: &str, p: &Preview) -> String {
    let text = format!(
        "loan-insurance-check/idempotency/1\0{salt}\0{}",
        json_text(&content(p))
    );
    hex(&sha256(text.as_bytes())[..16])
}

/// The payload v1 of a preview: `{ payload_version, idempotency_key, campaign, result, contact }`.
pub fn payload(salt: &str, p: &Preview) -> Value {
    let mut v = content(p);
    if let Value::Object(m) = &mut v {
        m.insert("idempotency_key".into(), idempotency_key(salt, p).into());
    }
    v
}

/// A fingerprint of a result for one campaign (every answer given, not only the consented ones), kept on the
/// device only: a result already sent to this campaign shows its receipt instead of a new send.
pub fn result_fingerprint(campaign_origin: &str, answers: &Answers) -> String {
    let text = format!(
        "loan-insurance-check/sent/1\0{campaign_origin}\0{}",
        json_text(&answers.to_json_value(FactId::ALL))
    );
    hex(&sha256(text.as_bytes())[..16])
}

/// The field ids a payload carries (answers, then contact details), as a campaign may confirm them.
pub fn field_ids(p: &Preview) -> Vec<&'static str> {
    p.answers
        .iter()
        .map(|(f, _)| f.id())
        .chain(p.contact.iter().map(|(c, _)| c.id()))
        .collect()
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    crate::i18n::push_hex(&mut out, bytes);
    out
}

/// SHA-256 (FIPS 180-4), small and dependency-free: the keys need a hash the campaign cannot invert back to
/// a second visitor's answers, not speed.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Removes from a result document (`claims[].details`) the figures that reveal an answer not in `include`
/// (answered facts only count): the command line's `evaluate --include` prints what a campaign may be sent,
/// and a figure must not carry an answer the list leaves out.
pub fn redact_details(doc: &mut Value, answers: &Answers, include: &[FactId]) {
    let may_show = open_to(answers, include);
    if let Some(Value::Array(claims)) = doc.get_mut("claims") {
        for c in claims {
            if let Some(Value::Array(details)) = c.get_mut("details") {
                details.retain(|d| {
                    d.get("id")
                        .and_then(Value::as_str)
                        .is_some_and(|id| detail_allowed(id, &may_show))
                });
            }
        }
    }
}

// ---- How a send ends (the browser side, `src/ui/browser/deliver.rs`, makes them) ----

crate::engine::codes::coded! {
    /// How a send went wrong; `code()` is the key of the words the visitor is shown (`send.fail.<code>`).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Failure {
        /// The browser is offline.
        Offline = "offline",
        /// No answer within the manifest's timeout.
        Timeout = "timeout",
        /// The campaign refused the document (4xx).
        Refused(u16 = 400) = "refused",
        /// The campaign's server failed (5xx, or another unexpected status).
        Server(u16 = 500) = "server",
        /// The network failed or the campaign's site does not accept requests from this page (CORS).
        Unreachable = "unreachable",
        /// The page the result was meant for cannot receive it (no parent frame, no element).
        Page = "page",
        /// The campaign already holds another version under this key (409): what it says it holds.
        Conflict(Held = Held::NOTHING) = "conflict",
    }
}

/// What a campaign says it holds, from its `409` answer (each part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Held {
    /// Its reference.
    pub reference: Option<String>,
    /// The field ids it holds.
    pub fields: Option<Vec<String>>,
    /// When it received it, as it wrote it.
    pub received_at: Option<String>,
}

impl Held {
    /// Nothing said.
    pub const NOTHING: Held = Held {
        reference: None,
        fields: None,
        received_at: None,
    };
}

impl Failure {
    /// The HTTP status, where there is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Refused(s) | Failure::Server(s) => Some(*s),
            Failure::Conflict(_) => Some(409),
            _ => None,
        }
    }
}

/// How a send went well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The campaign stored it (`json`): what its answer confirmed.
    Stored(Stored),
    /// The campaign's page opened in a new tab with the result (`form`): it confirms there.
    Opened,
    /// Handed to the page (`post_message`, `event`).
    Handed,
}

/// What a campaign's JSON answer confirmed (`json`): each part only if it said so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    /// Its reference.
    pub reference: Option<String>,
    /// The field ids it says it stored (`fields`), `None` when it did not say.
    pub fields: Option<Vec<String>>,
    /// The secret that lets the visitor withdraw the claim (`withdraw_secret`), kept in the receipt.
    pub withdraw_secret: Option<String>,
}
