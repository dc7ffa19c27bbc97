//! The messages of keys built from a value (a question's label, a reason's words, an error's explanation): one
//! table of indices per family, computed at compile time from the value lists themselves (`msg_table!`), so a
//! value without its words does not compile and the wasm holds no key (issue 12 point 8).

use crate::act::dossier::DossierError;
use crate::act::fragment::CodeError;
use crate::act::ics::Step;
use crate::act::letter::PartyField;
use crate::engine::codes::{detail, document, reason};
use crate::engine::{ClaimId, FactGroup, FactId, FactKind, ProblemCode, SwitchingRight, Verdict};
use crate::i18n::field_error::{FormCode, InputCode};
use crate::i18n::{parse::ParseError, Msg};
use crate::manifest::{Contact, ContactProblem};
use crate::payload::Failure;
use crate::url::FetchError;

/// Every verdict (the order does not matter: tables only).
const VERDICTS: [Verdict; 5] = [
    Verdict::Eligible,
    Verdict::NeedsInfo,
    Verdict::NotEligible,
    Verdict::TimeBarred,
    Verdict::NotApplicable,
];

/// Every switching right (tables only).
const RIGHTS: [SwitchingRight; 6] = [
    SwitchingRight::None,
    SwitchingRight::LagardeAtSigning,
    SwitchingRight::Hamon,
    SwitchingRight::Annual,
    SwitchingRight::AnyTime,
    SwitchingRight::Uncertain,
];

/// Every ics step (tables only).
const STEPS: [Step; 4] = [
    Step::FollowUp,
    Step::Mediator,
    Step::LastDay30,
    Step::LastDay7,
];

/// The fee routes of `engine::fees` (`fees.route.<route>`).
const FEE_ROUTES: [&str; 5] = ["alone", "association", "platform", "firm", "firm_court"];

/// The message-key suffix of a fact's group (`group.<id>`).
pub const fn group_id(fact: FactId) -> &'static str {
    match fact.group() {
        FactGroup::Loan => "loan",
        FactGroup::Insurance => "insurance",
        FactGroup::Events => "events",
        FactGroup::People => "people",
    }
}

msg_table! {
    /// `q.<id>.label`: the question.
    pub fn q_label(f: FactId) in FactId::ALL => ["q.", f.id(), ".label"];
    /// `q.<id>.hint`: the hint under it.
    pub fn q_hint(f: FactId) in FactId::ALL => ["q.", f.id(), ".hint"];
    /// `q.<id>.short`: its short name (review, summaries).
    pub fn q_short(f: FactId) in FactId::ALL => ["q.", f.id(), ".short"];
    /// `group.<id>`: the name of its group.
    pub fn group(f: FactId) in FactId::ALL => ["group.", group_id(f)];
    /// `claim.<id>.title`.
    pub fn claim_title(c: ClaimId) in ClaimId::ALL => ["claim.", c.id(), ".title"];
    /// `claim.<id>.summary`.
    pub fn claim_summary(c: ClaimId) in ClaimId::ALL => ["claim.", c.id(), ".summary"];
    /// `claim.<id>.next.<verdict>`: what to do next, where there is something to do.
    pub fn claim_next(c: ClaimId, v: Verdict) in ClaimId::ALL, VERDICTS => optional ["claim.", c.id(), ".next.", v.id()];
    /// `claim.<id>.verdict.<verdict>`: a claim's own word for a verdict, where it has one.
    pub fn claim_verdict(c: ClaimId, v: Verdict) in ClaimId::ALL, VERDICTS => optional ["claim.", c.id(), ".verdict.", v.id()];
    /// `verdict.<id>`.
    pub fn verdict(v: Verdict) in VERDICTS => ["verdict.", v.id()];
    /// `switch.<right>.title`.
    pub fn switch_title(r: SwitchingRight) in RIGHTS => optional ["switch.", r.id(), ".title"];
    /// `switch.<right>.body`.
    pub fn switch_body(r: SwitchingRight) in RIGHTS => optional ["switch.", r.id(), ".body"];
    /// `reason.<code>`.
    pub fn reason(r: reason::Reason) in reason::ALL => ["reason.", r.code()];
    /// `doc.<code>`.
    pub fn document(d: document::Document) in document::ALL => ["doc.", d.code()];
    /// `detail.<code>`.
    pub fn detail(d: detail::DetailId) in detail::ALL => ["detail.", d.code()];
    /// `fees.route.<route>`.
    pub fn fee_route(r: &str) in FEE_ROUTES => ["fees.route.", r];
    /// `act.ics.<step>.summary`.
    pub fn ics_summary(s: Step) in STEPS => ["act.ics.", s.id(), ".summary"];
    /// `act.ics.<step>.description` (the last-day steps share `act.ics.last.description`).
    pub fn ics_description(s: Step) in STEPS => optional ["act.ics.", s.id(), ".description"];
    /// `act.party.<field>.label`.
    pub fn party_label(f: PartyField) in PartyField::ALL => ["act.party.", f.id(), ".label"];
    /// `act.party.<field>.hint`.
    pub fn party_hint(f: PartyField) in PartyField::ALL => ["act.party.", f.id(), ".hint"];
    /// `act.file_error.<code>`.
    pub fn file_error(code: &str) in DossierError::ALL, |x| x.code() => ["act.file_error.", x.code()];
    /// `act.link_error.<code>`.
    pub fn link_error(e: CodeError) in CodeError::ALL => ["act.link_error.", e.code()];
    /// `act.device_error.<code>`.
    pub fn device_error(e: CodeError) in CodeError::ALL => ["act.device_error.", e.code()];
    /// `send.field.<contact>`.
    pub fn send_field(c: Contact) in Contact::ALL => ["send.field.", c.id()];
    /// `send.error.<code>`.
    pub fn send_error(code: &str) in ContactProblem::ALL, |x| x.code() => ["send.error.", x.code()];
    /// `send.fail.<code>`.
    pub fn send_fail(code: &str) in Failure::ALL, |x| x.code() => ["send.fail.", x.code()];
    /// `manifest.fetch.<code>`.
    pub fn fetch_error(code: &str) in FetchError::ALL, |x| x.code() => ["manifest.fetch.", x.code()];
    /// `error.<code>` of a parser's error.
    pub fn parse_error(code: &str) in ParseError::ALL, |x| x.code() => ["error.", x.code()];
}

msg_table! {
    /// `error.<code>` of a problem the engine finds in an answer.
    fn problem(p: ProblemCode) in ProblemCode::ALL => ["error.", p.code()];
    /// `error.<code>` of what the form itself refuses.
    fn form_error(f: FormCode) in FormCode::ALL => ["error.", f.code()];
}

/// `error.<code>` of an answer the questionnaire refuses (`ui::state::InputError`): a parser's error, a problem
/// the engine finds, or one of the questionnaire's own.
pub fn input_error(code: InputCode) -> Msg {
    match code {
        InputCode::Parse(e) => parse_error(e.code()),
        InputCode::Check(p) => problem(p),
        InputCode::Form(f) => form_error(f),
    }
}

/// The options of a fact in the questionnaire: a choice's, or a count's (`ui::state::count_options`).
const fn options(fact: FactId) -> &'static [&'static str] {
    match (fact.kind(), fact) {
        (FactKind::Choice(options), _) => options,
        (_, FactId::InsuredCount) => &["1", "2"],
        _ => &[],
    }
}

/// The most options a fact has.
const MAX_OPTIONS: usize = {
    let (mut most, mut i) = (0, 0);
    while i < FactId::ALL.len() {
        if options(FactId::ALL[i]).len() > most {
            most = options(FactId::ALL[i]).len();
        }
        i += 1;
    }
    most
};

/// `q.<id>.opt.<option>`: the words of one option of a fact (`Msg::NONE` for an option it does not offer).
pub fn q_option(fact: FactId, option: &str) -> Msg {
    const N: usize = FactId::ALL.len();
    const TABLE: [[Msg; MAX_OPTIONS]; N] = {
        let mut out = [[Msg::NONE; MAX_OPTIONS]; N];
        let mut i = 0;
        while i < N {
            let f = FactId::ALL[i];
            let mut j = 0;
            while j < options(f).len() {
                out[i][j] = match Msg::find(&["q.", f.id(), ".opt.", options(f)[j]]) {
                    Some(m) => m,
                    None => panic!("an option has no words (q.<id>.opt.<option>)"),
                };
                j += 1;
            }
            i += 1;
        }
        out
    };
    let i = FactId::ALL.iter().position(|f| *f == fact);
    let j = options(fact).iter().position(|o| *o == option);
    match (i, j) {
        (Some(i), Some(j)) => TABLE[i][j],
        _ => Msg::NONE,
    }
}

/// Every message a table of this module can give (tests and tools: the "no unused key" check).
#[cfg(not(target_arch = "wasm32"))]
pub fn every_message() -> Vec<Msg> {
    let mut out = Vec::new();
    for f in FactId::ALL {
        out.extend([q_label(*f), q_hint(*f), q_short(*f), group(*f)]);
        out.extend(options(*f).iter().map(|o| q_option(*f, o)));
    }
    for c in ClaimId::ALL {
        out.extend([claim_title(*c), claim_summary(*c)]);
        for v in VERDICTS {
            out.extend([claim_next(*c, v), claim_verdict(*c, v)]);
        }
    }
    out.extend(VERDICTS.map(verdict));
    for r in RIGHTS {
        out.extend([switch_title(r), switch_body(r)]);
    }
    out.extend(reason::ALL.iter().map(|c| reason(*c)));
    out.extend(document::ALL.iter().map(|c| document(*c)));
    out.extend(detail::ALL.iter().map(|c| detail(*c)));
    out.extend(FEE_ROUTES.map(fee_route));
    for s in STEPS {
        out.extend([ics_summary(s), ics_description(s)]);
    }
    for f in PartyField::ALL {
        out.extend([party_label(f), party_hint(f)]);
    }
    out.extend(DossierError::ALL.iter().map(|e| file_error(e.code())));
    for e in CodeError::ALL {
        out.extend([link_error(*e), device_error(*e)]);
    }
    out.extend(Contact::ALL.map(send_field));
    out.extend(ContactProblem::ALL.iter().map(|e| send_error(e.code())));
    out.extend(Failure::ALL.iter().map(|e| send_fail(e.code())));
    out.extend(FetchError::ALL.iter().map(|e| fetch_error(e.code())));
    out.extend(ParseError::ALL.iter().map(|e| parse_error(e.code())));
    out.extend(InputCode::ALL.iter().map(|c| input_error(*c)));
    out.retain(|m| m.is_some());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_name_the_keys_they_are_built_from() {
        assert_eq!(
            q_label(FactId::ALL[0]).key().unwrap(),
            format!("q.{}.label", FactId::ALL[0].id())
        );
        assert_eq!(
            reason(reason::ALL[3]).key().unwrap(),
            format!("reason.{}", reason::ALL[3])
        );
        for f in FactId::ALL {
            for o in options(*f) {
                assert_eq!(
                    q_option(*f, o).key().unwrap(),
                    format!("q.{}.opt.{o}", f.id())
                );
            }
        }
        assert_eq!(q_option(FactId::InsuredCount, "3"), Msg::NONE);
        assert_eq!(
            claim_next(ClaimId::ALL[0], Verdict::Eligible)
                .key()
                .unwrap(),
            format!("claim.{}.next.eligible", ClaimId::ALL[0].id())
        );
        assert!(!claim_next(ClaimId::ALL[0], Verdict::NotApplicable).is_some());
        for code in ["eligible", "needs_info"] {
            assert!(crate::i18n::Msg::named(&format!("verdict.{code}")).is_some());
        }
    }
}
