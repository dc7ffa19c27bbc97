//! The result document JSON v1 (PRODUCT.md "The result document"): rules and data versions, `as_of`, claims, and only the answers asked for.

use serde_json::{Map, Value};

use super::codes::Coded;
use super::date::Date;
use super::evaluation::{
    Amount, AmountKind, ClaimResult, Detail, DetailValue, Evaluation, Interest, InterestStart,
    MissingFact, PersonResult,
};
use super::facts::{Answers, FactId};
use super::money::Cents;
use super::params::{LegalRef, DATA_VERSION};
use super::switching::SwitchingVerdict;
use super::RULES_VERSION;

/// The result JSON format version.
pub const RESULT_VERSION: u64 = 1;

/// The result document as a JSON value.
pub fn result_value(eval: &Evaluation, answers: &Answers, include: &[FactId]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("version".into(), RESULT_VERSION.into());
    m.insert("rules_version".into(), RULES_VERSION.into());
    m.insert("data_version".into(), DATA_VERSION.into());
    m.insert(
        "data_checked_on".into(),
        super::params::DATA_CHECKED_ON.to_string().into(),
    );
    m.insert("as_of".into(), eval.as_of.to_string().into());
    m.insert("claims".into(), list(&eval.claims, claim));
    m.insert("missing".into(), list(&eval.missing, missing));
    m.insert(
        "next_questions".into(),
        list(&eval.next_questions, |f| f.id().into()),
    );
    m.insert("switching".into(), opt(eval.switching.as_ref(), switching));
    m.insert("answers".into(), answers.to_json_value(include));
    serde_json::Value::Object(m)
}

/// The result document JSON v1, with only the `include`d answers.
pub fn result_document(eval: &Evaluation, answers: &Answers, include: &[FactId]) -> String {
    result_value(eval, answers, include).to_string()
}

// ---- The result's members written by hand ----
//
// The same values as serde's derives of the evaluation types (`tests/act_dossier.rs` compares them on every law
// case): the widget writes the result inside its dossier file, and serde's serialiser into a JSON value,
// monomorphised for every type, was some 4 KB brotli of the second wasm file.

/// An object from its members, inserted one by one (collecting into the map would sort, and bring a sort
/// routine into the wasm).
fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn list<T>(xs: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(xs.iter().map(f).collect())
}

fn opt<T>(x: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    x.map_or(Value::Null, f)
}

fn date(d: Date) -> Value {
    d.to_string().into()
}

fn cents(c: Cents) -> Value {
    c.0.into()
}

fn codes<T: Coded>(xs: &[T]) -> Value {
    list(xs, |x| x.code().into())
}

fn facts(xs: &[FactId]) -> Value {
    list(xs, |f| f.id().into())
}

fn legal_ref(r: &LegalRef) -> Value {
    obj([
        ("id", r.id().into()),
        ("title", r.title().into()),
        ("href", r.href().into()),
    ])
}

fn claim(c: &ClaimResult) -> Value {
    obj([
        ("claim", c.claim.id().into()),
        ("verdict", c.verdict.id().into()),
        ("reasons", codes(&c.reasons)),
        ("references", list(&c.references, legal_ref)),
        ("last_day", opt(c.last_day, date)),
        ("urgent", c.urgent.into()),
        ("documents", codes(&c.documents)),
        ("amount", opt(c.amount.as_ref(), amount)),
        ("missing", facts(&c.missing)),
        ("unknown_needed", facts(&c.unknown_needed)),
        ("details", list(&c.details, detail)),
        ("per_person", list(&c.per_person, person)),
    ])
}

/// An amount's kind as serde writes it (`rename_all = "snake_case"`).
pub fn amount_kind(k: AmountKind) -> Value {
    match k {
        AmountKind::Refund => "refund",
        AmountKind::Damages => "damages",
        AmountKind::Saving => "saving",
    }
    .into()
}

fn amount(a: &Amount) -> Value {
    obj([
        ("kind", amount_kind(a.kind)),
        ("low", cents(a.low)),
        ("high", cents(a.high)),
        ("interest", opt(a.interest.as_ref(), interest)),
        ("contested_high", opt(a.contested_high, cents)),
        ("monthly_accrual", opt(a.monthly_accrual, cents)),
        ("estimate_uses_defaults", a.estimate_uses_defaults.into()),
    ])
}

fn interest(i: &Interest) -> Value {
    let start = match i.start {
        InterestStart::EachPayment => "each_payment",
        InterestStart::Demand => "demand",
        InterestStart::NotStarted => "not_started",
    };
    obj([
        ("amount", opt(i.amount, cents)),
        ("provisional", i.provisional.into()),
        ("rate", i.rate.0.into()),
        ("from", opt(i.from, date)),
        ("to", date(i.to)),
        ("start", start.into()),
        ("known_amount", opt(i.known_amount, cents)),
        ("known_until", opt(i.known_until, date)),
        (
            "rate_period",
            opt(i.rate_period, |p| {
                obj([("from", date(p.from)), ("to", date(p.to))])
            }),
        ),
    ])
}

/// An explaining figure as serde writes it: `{"id": .., "value": {"<kind>": ..}}`.
pub fn detail(d: &Detail) -> Value {
    let value = match d.value {
        DetailValue::Date(x) => ("date", date(x)),
        DetailValue::Cents(x) => ("cents", cents(x)),
        DetailValue::Percent(x) => ("percent", x.0.into()),
        DetailValue::Count(x) => ("count", x.into()),
    };
    obj([("id", d.id.code().into()), ("value", obj([value]))])
}

fn person(p: &PersonResult) -> Value {
    obj([
        ("person", p.person.into()),
        ("verdict", p.verdict.id().into()),
        ("reasons", codes(&p.reasons)),
        ("insured_outstanding", opt(p.insured_outstanding, cents)),
        ("age_limit_birthday", opt(p.age_limit_birthday, date)),
    ])
}

fn missing(m: &MissingFact) -> Value {
    obj([
        ("fact", m.fact.id().into()),
        ("affects", list(&m.affects, |c| c.id().into())),
    ])
}

fn switching(s: &SwitchingVerdict) -> Value {
    obj([
        ("right", s.right.id().into()),
        ("reasons", codes(&s.reasons)),
        ("references", list(&s.references, legal_ref)),
        ("hamon_until", opt(s.hamon_until, date)),
    ])
}
