//! Claim letters (issue 7), table-driven over every law case of `tests/cases/`: each eligible money claim gets a
//! French letter with every placeholder filled, the sender and recipient blocks, the loan and contract
//! references, the facts, the right articles, the amount to the cent and a computation that adds up, the
//! documents enclosed, the demand with its time limit and the mediator; and no letter says or implies that it
//! stops the limitation clock (SPEC §2.5). The templates file is complete and has nothing unused.

mod law_cases;

use std::fs;

use loan_insurance_check::act::letter::{
    debits, letter, letter_for, switch_letter, template, Letter, Parties, PartyField, Style, Tpl,
    BLANK, LETTER_CLAIMS, TEMPLATES,
};
use loan_insurance_check::engine::{
    codes, evaluate, Answers, ClaimId, ClaimResult, Date, DetailValue, FactId, Value, Verdict,
};
use loan_insurance_check::i18n::{format_cents, format_date, parse_messages, Locale};

fn eur(cents: i64) -> String {
    format_cents(Locale::Fr, cents)
}

fn day(d: Date) -> String {
    format_date(Locale::Fr, d.year(), d.month(), d.day())
}

fn count(c: &ClaimResult, id: codes::detail::DetailId) -> Option<i64> {
    match c.detail(id) {
        Some(DetailValue::Count(n)) => Some(n),
        _ => None,
    }
}

fn cents(c: &ClaimResult, id: codes::detail::DetailId) -> Option<i64> {
    match c.detail(id) {
        Some(DetailValue::Cents(n)) => Some(n.0),
        _ => None,
    }
}

/// The articles a letter of this claim must cite (LAW.md C2–C7), given its reasons.
fn articles(c: &ClaimResult) -> Vec<&'static str> {
    // The consumer-code article is the one the engine cites, in force on the date of the fact (issue 11 point 7).
    let cites = |id: &str| c.references.iter().any(|r| r.id() == id);
    let old_conso =
        cites("c_conso_l312_9") && !cites("c_conso_l313_30") && !cites("c_conso_l313_31");
    let mut v = match c.claim {
        ClaimId::DoublePremium | ClaimId::RefusedSwitch if old_conso => vec![
            "article L312-9 du Code de la consommation",
            if c.claim == ClaimId::DoublePremium {
                "article L113-12-2 du Code des assurances"
            } else {
                "dans sa rédaction alors en vigueur"
            },
        ],
        ClaimId::AfterPayoff => vec!["articles 1302 et 1302-1 du Code civil"],
        ClaimId::AfterCoverEnd | ClaimId::WrongBasis => vec![
            "articles 1302 et 1302-1 du Code civil",
            "notice d'information",
        ],
        ClaimId::LenderFees => vec![
            "article L312-9 du Code de la consommation",
            "loi n° 2014-344 du 17 mars 2014",
            "articles L313-31 et L313-32",
            "articles 1302 et 1302-1 du Code civil",
        ],
        ClaimId::DoublePremium => vec![
            "article L313-31 du Code de la consommation",
            "article L113-12-2 du Code des assurances",
        ],
        ClaimId::RefusedSwitch => vec!["article L313-30 du Code de la consommation"],
        _ => vec![],
    };
    let has = |r: codes::reason::Reason| c.reasons.contains(&r);
    if c.claim == ClaimId::RefusedSwitch {
        if has(codes::reason::LEMOINE_ANY_TIME) {
            v.extend(["L113-12-2 du Code des assurances", "loi n° 2022-270"]);
        } else if has(codes::reason::ANNUAL_ECHEANCE) {
            v.extend(["article L113-12 du Code des assurances", "loi n° 2017-203"]);
        } else if has(codes::reason::HAMON_WINDOW_OPEN) {
            v.extend(["L113-12-2 du Code des assurances", "loi n° 2014-344"]);
        }
    }
    if c.amount.and_then(|a| a.interest).is_some() {
        v.push("article 1352-7 du Code civil");
    }
    v
}

/// The line that says how the amount was computed, checked against the engine's own figures.
fn computation(c: &ClaimResult, answers: &Answers) -> String {
    let low = c.amount.unwrap().low.0;
    // The premium as answered, or as the engine converted it from a yearly rate (detail premium_debited).
    let premium = match answers.get(FactId::PremiumMonthly) {
        Some(loan_insurance_check::engine::Answer::Known(Value::Money(p))) => p.0,
        _ => cents(c, codes::detail::PREMIUM_DEBITED).unwrap_or(0),
    };
    match c.claim {
        // A premium on the outstanding capital (premium11): each debit has its own amount, listed and summed.
        ClaimId::AfterPayoff
            if c.reasons
                .contains(&codes::reason::PREMIUM_FROM_RATE_OUTSTANDING) =>
        {
            format!("soit {} au total", eur(low))
        }
        ClaimId::DoublePremium
            if c.reasons
                .contains(&codes::reason::PREMIUM_FROM_RATE_OUTSTANDING) =>
        {
            let days = count(c, codes::detail::OVERLAP_DAYS).unwrap();
            let unit = if days == 1 { "jour" } else { "jours" };
            format!("sur {days} {unit} : {}", eur(low))
        }
        // A declining premium (engine11): each blocked month has its own difference, listed and summed.
        ClaimId::RefusedSwitch
            if c.reasons
                .contains(&codes::reason::PREMIUM_FROM_RATE_OUTSTANDING) =>
        {
            format!("{} au total", eur(low))
        }
        ClaimId::AfterPayoff => {
            let n = count(c, codes::detail::DEBITS_COUNTED).unwrap();
            assert_eq!(n * premium, low, "after_payoff: count × premium");
            format!("{n} × {} = {}", eur(premium), eur(low))
        }
        ClaimId::AfterCoverEnd => {
            let n = count(c, codes::detail::DEBITS_COUNTED).unwrap();
            let x = cents(c, codes::detail::EXCESS_PER_DEBIT).unwrap();
            assert_eq!(n * x, low, "after_cover_end: count × excess");
            format!("{n} × {} = {}", eur(x), eur(low))
        }
        ClaimId::WrongBasis if c.reasons.contains(&codes::reason::PREMIUM_NOT_RECALCULATED) => {
            let n = count(c, codes::detail::DEBITS_COUNTED).unwrap();
            let x = cents(c, codes::detail::EXCESS_PER_DEBIT).unwrap();
            assert_eq!(n * x, low, "wrong_basis: count × excess");
            format!("{n} × {} = {}", eur(x), eur(low))
        }
        ClaimId::WrongBasis => format!("s'élève au total à {}", eur(low)),
        ClaimId::LenderFees => format!("soit {}", eur(low)),
        ClaimId::DoublePremium => {
            let days = count(c, codes::detail::OVERLAP_DAYS).unwrap();
            let exact = days as f64 * premium as f64 * 12.0 / 365.0;
            assert!(
                (exact - low as f64).abs() <= 0.5,
                "double_premium: days × premium × 12 / 365"
            );
            let unit = if days == 1 { "jour" } else { "jours" };
            format!("{days} {unit} × {} × 12 / 365 = {}", eur(premium), eur(low))
        }
        ClaimId::RefusedSwitch => {
            let n = count(c, codes::detail::DEBITS_COUNTED).unwrap();
            let diff = cents(c, codes::detail::MONTHLY_DIFFERENCE).unwrap();
            assert_eq!(n * diff, low, "refused_switch: debits × difference");
            format!("{n} × {} = {}", eur(diff), eur(low))
        }
        _ => unreachable!(),
    }
}

/// Words a letter must never use: it must not talk about stopping or suspending the limitation clock.
const FORBIDDEN: &[&str] = &["interromp", "suspen", "prescription", "{", "}", "…"];

fn check_letter(
    name: &str,
    c: &ClaimResult,
    answers: &Answers,
    as_of: Date,
    sent: Date,
    l: &Letter,
) {
    let text = l.text();
    let label = format!("{name} / {}", c.claim.id());
    for bad in FORBIDDEN {
        assert!(
            !text.contains(bad),
            "{label}: the letter contains {bad:?}\n{text}"
        );
    }
    let amount = c.amount.unwrap();
    let mut wanted: Vec<String> = vec![
        "Expéditeur".into(),
        "Nom et prénom : ______".into(),
        "Destinataire".into(),
        "Service réclamations".into(),
        "Lettre recommandée avec demande d'avis de réception".into(),
        format!("À ______________________, le {}", day(sent)),
        "Objet : ".into(),
        "Prêt n° ______".into(),
        "Contrat d'assurance emprunteur (n° d'adhésion) : ______".into(),
        "Madame, Monsieur,".into(),
        format!(
            "me verser la somme de {}, arrêtée au {}, dans un délai de trente jours",
            eur(amount.low.0),
            day(as_of)
        ),
        "qui vaut mise en demeure".into(),
        "je saisirai le médiateur compétent".into(),
        "Pièces jointes (copies) :".into(),
        "– Relevé d'identité bancaire (RIB)".into(),
        "Signature :".into(),
        computation(c, answers),
    ];
    wanted.extend(articles(c).iter().map(|s| s.to_string()));
    for d in &c.documents {
        let key = format!("letter.doc.{d}");
        let t = Tpl::named(&key).unwrap_or_else(|| panic!("{key} is not in letters.fr.msg"));
        wanted.push(format!("– {}", template(t)));
    }
    if let Some(m) = amount.monthly_accrual {
        wanted.push(format!("à parfaire de {} par mois", eur(m.0)));
    }
    if let Some(i) = amount.interest {
        if let Some(x) = i.amount {
            wanted.push(format!("{} au {}", eur(x.0), day(i.to)));
        }
    }
    for w in &wanted {
        assert!(
            text.contains(w.as_str()),
            "{label}: the letter lacks {w:?}\n{text}"
        );
    }
    let cites = |id: &str| c.references.iter().any(|r| r.id() == id);
    if cites("c_conso_l312_9")
        && !cites("c_conso_l313_30")
        && !cites("c_conso_l313_31")
        && matches!(c.claim, ClaimId::DoublePremium | ClaimId::RefusedSwitch)
    {
        assert!(
            !text.contains("L313-30 du Code") && !text.contains("L313-31 du Code"),
            "{label}: a fact before 2016-07-01 cites the renumbered article\n{text}"
        );
    }
    // The facts from the answers: every date the engine explains the claim with is in the letter.
    for d in &c.details {
        if let DetailValue::Date(x) = d.value {
            if d.id != codes::detail::LOAN_END || text.contains("dernière échéance") {
                assert!(
                    text.contains(&day(x)),
                    "{label}: the letter lacks the {} {}",
                    d.id,
                    day(x)
                );
            }
        }
    }
    // Blocks in order: sender, recipient, place and date, subject, body, documents, signature.
    let styles: Vec<Style> = l.parts.iter().map(|p| p.0).collect();
    assert_eq!(styles.first(), Some(&Style::Label));
    assert_eq!(styles.last(), Some(&Style::Sign));
    assert!(styles.iter().filter(|s| **s == Style::Item).count() == c.documents.len() + 1);
}

#[test]
fn every_eligible_money_claim_of_every_law_case_gets_a_complete_letter() {
    let mut per_claim = std::collections::BTreeMap::<&str, usize>::new();
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        for c in &eval.claims {
            let sent = as_of.add_days(3);
            let l = letter(c, &answers, as_of, sent);
            let expected = c.verdict == Verdict::Eligible
                && LETTER_CLAIMS.contains(&c.claim)
                && c.amount.is_some_and(|a| a.low.0 > 0);
            assert_eq!(
                l.is_some(),
                expected,
                "{name} / {}: letter or not",
                c.claim.id()
            );
            if let Some(l) = l {
                check_letter(&name, c, &answers, as_of, sent, &l);
                *per_claim.entry(c.claim.id()).or_default() += 1;
            }
        }
    }
    // Every claim type with a letter is covered by at least one law case.
    for c in LETTER_CLAIMS {
        assert!(
            per_claim.get(c.id()).copied().unwrap_or(0) > 0,
            "no law case gives a letter for {}",
            c.id()
        );
    }
}

fn case(name: &str) -> (Date, Answers) {
    let (_, as_of, a) = law_cases::law_cases()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no law case {name}"));
    (as_of, a)
}

fn letter_of(name: &str, claim: ClaimId) -> String {
    let (as_of, a) = case(name);
    let eval = evaluate(&a, as_of);
    letter(eval.claim(claim).unwrap(), &a, as_of, as_of)
        .unwrap()
        .text()
}

/// SPEC §4's worked examples, to the cent, as the letters write them.
#[test]
fn spec_examples_read_to_the_cent() {
    let cases: &[(&str, ClaimId, &[&str])] = &[
        (
            "example_d_debits_after_payoff",
            ClaimId::AfterPayoff,
            &[
                "par anticipation le 15 mars 2023",
                "reçue le 20 mars 2023",
                "du 5 avril 2023 au 5 février 2024",
                "(11 au total) : 11 × 25,00 € = 275,00 €.",
                "à compter de chaque paiement",
            ],
        ),
        (
            "example_e_lender_fees",
            ClaimId::LenderFees,
            &["Le 10 mai 2023, vous m'avez facturé 150,00 €", "soit 150,00 €."],
        ),
        (
            "example_f_double_premium_lemoine",
            ClaimId::DoublePremium,
            &[
                "reçu le 4 mars 2024",
                "au plus tard le 18 mars 2024",
                "que le 22 avril 2024",
                "devait prendre effet le 20 mars 2024",
                "fin le 28 mars 2024 ; il n'a pris fin que le 2 mai 2024",
                "35 jours × 70,00 € × 12 / 365 = 80,55 €.",
            ],
        ),
        (
            "example_g_partial_repayment_confirmed",
            ClaimId::WrongBasis,
            &[
                "le 10 janvier 2022",
                "passé à 125\u{202F}424,76 €",
                "de 62,50 € à 31,36 € par mois (62,50 € × 125\u{202F}424,76 € / 250\u{202F}000,00 €, arrondi au centime)",
                "59 × 31,14 € = 1\u{202F}837,26 €.",
                "à parfaire de 31,14 € par mois",
            ],
        ),
    ];
    let names: Vec<String> = law_cases::law_cases().into_iter().map(|c| c.0).collect();
    for (prefix, claim, wanted) in cases {
        let name = names
            .iter()
            .find(|n| n.starts_with(prefix))
            .unwrap_or_else(|| panic!("no case {prefix}"));
        let text = letter_of(name, *claim).replace('\u{A0}', " ");
        for w in *wanted {
            let w = w.replace('\u{A0}', " ");
            assert!(text.contains(&w), "{name}: lacks {w:?}\n{text}");
        }
    }
}

#[test]
fn the_recipient_follows_who_collects() {
    let (as_of, mut a) = case("example_g_partial_repayment_confirmed");
    for (t, want) in [
        (
            "group",
            "L'établissement prêteur, souscripteur du contrat d'assurance de groupe",
        ),
        ("delegated", "L'assureur emprunteur"),
    ] {
        a.set(
            FactId::ContractType,
            Some(loan_insurance_check::engine::Answer::Known(Value::Choice(
                t,
            ))),
        );
        let eval = evaluate(&a, as_of);
        let l = letter(eval.claim(ClaimId::WrongBasis).unwrap(), &a, as_of, as_of).unwrap();
        assert!(l.text().contains(want), "{t}: {}", l.text());
    }
}

#[test]
fn no_letter_for_claims_that_are_not_money_owed() {
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        for c in &eval.claims {
            if matches!(
                c.claim,
                ClaimId::ProfitSharing
                    | ClaimId::DutyToAdvise
                    | ClaimId::SwitchSavings
                    | ClaimId::MedicalQuestionnaire
            ) {
                assert!(
                    letter(c, &answers, as_of, as_of).is_none(),
                    "{name}: {}",
                    c.claim.id()
                );
            }
        }
    }
}

/// Every key the letter code names is in the templates file, every template is used, and every engine
/// document id has its words in the letter's first person.
#[test]
fn the_templates_are_complete_and_all_used() {
    let code = fs::read_to_string("src/act/letter.rs").unwrap();
    let keys: Vec<&str> = parse_messages(TEMPLATES)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut named: Vec<String> = Vec::new();
    for piece in code
        .split("\"+letter.")
        .skip(1)
        .chain(code.split("\"letter.").skip(1))
    {
        let key = piece.split('"').next().unwrap();
        if !key.ends_with('.') && !key.contains('{') {
            named.push(format!("letter.{key}"));
        }
    }
    for k in &named {
        assert!(
            keys.contains(&k.as_str()),
            "{k} is used by the code but not in letters.fr.msg"
        );
    }
    for d in codes::document::ALL {
        let k = format!("letter.doc.{d}");
        assert!(keys.contains(&k.as_str()), "{k} is missing");
    }
    for c in ["group", "delegated"] {
        assert!(keys.contains(&format!("letter.contract.{c}").as_str()));
    }
    for k in &keys {
        let used = named.iter().any(|n| n == k)
            || k.starts_with("letter.doc.")
            || k.starts_with("letter.contract.");
        assert!(used, "{k} is in letters.fr.msg but no code uses it");
    }
    // Every placeholder a template has is one the code fills.
    let filled = [
        "blank",
        "amount",
        "as_of",
        "sent",
        "subject",
        "monthly",
        "count",
        "premium",
        "loan_amount",
        "rate",
        "end",
        "first",
        "last",
        "notice",
        "cover_end",
        "contractual",
        "excess",
        "partial",
        "outstanding",
        "fee_date",
        "fee",
        "request",
        "due",
        "decision",
        "start",
        "due_end",
        "days",
        "new_premium",
        "refusal",
        "due_start",
        "diff",
        "to",
        "interest",
        "from",
        "signed",
        "details",
        "n",
        "place",
        "number",
        "date",
        "debit",
        "period",
        "year",
    ];
    for (k, text) in parse_messages(TEMPLATES) {
        for p in text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}'))
            .map(|(n, _)| n)
        {
            assert!(
                filled.contains(&p),
                "{k}: placeholder {{{p}}} is never filled"
            );
        }
    }
}

/// Every article a letter cites is in LAW.md (skipped when shared/ is not beside the repository).
#[test]
fn the_articles_cited_are_those_of_law_md() {
    let Ok(law) = fs::read_to_string("../shared/domain/LAW.md") else {
        eprintln!("../shared/domain/LAW.md not found: skipped");
        return;
    };
    for a in [
        "1302",
        "1302-1",
        "1352-7",
        "L312-9",
        "L313-30",
        "L313-31",
        "L313-32",
        "L113-12-2",
        "L113-12",
        "2014-344",
        "2017-203",
        "2022-270",
        "2010-737",
    ] {
        assert!(TEMPLATES.contains(a), "{a} is not cited by any letter");
        assert!(
            law.contains(a),
            "{a} is cited by a letter but is not in LAW.md"
        );
    }
}

fn parties() -> Parties {
    let mut p = Parties::default();
    for (f, v) in [
        (PartyField::SenderName, "Camille Martin"),
        (PartyField::SenderAddress, "12 rue des Lilas\n\n69003 Lyon"),
        (PartyField::Place, "Lyon"),
        (PartyField::RecipientName, "Banque Exemple"),
        (
            PartyField::RecipientAddress,
            "Service clients\n1 place de la Bourse\n75002 Paris",
        ),
        (PartyField::LoanNumber, "PR-2014-778"),
        (PartyField::ContractNumber, "ADH 55 01"),
    ] {
        p.set(f, v);
    }
    p
}

/// What the visitor types on screen replaces every blank of every letter; with nothing typed, the blanks stay.
#[test]
fn the_parties_typed_fill_every_blank() {
    let p = parties();
    let mut n = 0;
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        for c in &eval.claims {
            let Some(l) = letter_for(c, &answers, as_of, as_of, &p) else {
                continue;
            };
            let text = l.text();
            assert!(!text.contains(BLANK), "{name}: a blank is left\n{text}");
            for w in [
                "Camille Martin\n12 rue des Lilas\n69003 Lyon\n",
                "Banque Exemple\nService réclamations\nService clients\n1 place de la Bourse\n75002 Paris",
                "À Lyon, le ",
                "Prêt n° PR-2014-778",
                "(n° d'adhésion) : ADH 55 01",
            ] {
                assert!(text.contains(w), "{name}: lacks {w:?}\n{text}");
            }
            // No instruction to the visitor inside a letter.
            assert!(!text.contains("ou l'assureur qui"), "{name}\n{text}");
            n += 1;
        }
    }
    assert!(n > 10);
    // The round trip of the dossier and this device's memory keeps every field, and nothing else.
    assert_eq!(Parties::from_json_value(&p.to_json_value()), p);
    assert!(Parties::default()
        .to_json_value()
        .as_object()
        .unwrap()
        .is_empty());
    let odd = serde_json::json!({"sender_name": 3, "other": "x", "place": "Nîmes"});
    assert_eq!(Parties::from_json_value(&odd).place, "Nîmes");
    assert_eq!(Parties::from_json_value(&odd).sender_name, "");
    let mut long = Parties::default();
    long.set(PartyField::SenderName, &"x".repeat(1000));
    assert_eq!(long.sender_name.len(), PartyField::MAX_CHARS);
}

/// Debit-based letters list each debit claimed back with its date and amount, and the list adds up.
#[test]
fn debit_based_letters_list_each_debit() {
    let (as_of, a) = case("example_d_debits_after_payoff");
    let eval = evaluate(&a, as_of);
    let c = eval.claim(ClaimId::AfterPayoff).unwrap();
    let list = debits(c, &a, as_of);
    assert_eq!(list.len(), 11);
    assert_eq!(day(list[0].0), "5 avril 2023");
    assert_eq!(day(list[10].0), "5 février 2024");
    let text = letter(c, &a, as_of, as_of).unwrap().text();
    let want = format!(
        "Prélèvements dont je demande le remboursement :\n– 5 avril 2023 : {0}\n– 5 mai 2023 : {0}",
        eur(2500)
    );
    assert!(text.contains(&want), "{text}");
    let mut per_claim = std::collections::BTreeSet::new();
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        for c in &eval.claims {
            let Some(l) = letter(c, &answers, as_of, as_of) else {
                continue;
            };
            let list = debits(c, &answers, as_of);
            let shown = l.parts.iter().filter(|p| p.0 == Style::Debit).count();
            assert_eq!(shown, list.len(), "{name}");
            // The debits' dates unknown, every possible date giving the same refund (engine11): the letter says how
            // many, and lists none.
            let undated = c
                .reasons
                .contains(&codes::reason::LAST_DAY_EARLIEST_POSSIBLE);
            if undated {
                assert!(list.is_empty(), "{name}: undated debits are not listed");
            } else if matches!(
                c.claim,
                ClaimId::AfterPayoff | ClaimId::AfterCoverEnd | ClaimId::RefusedSwitch
            ) || c.claim == ClaimId::WrongBasis
                && c.reasons.contains(&codes::reason::PREMIUM_NOT_RECALCULATED)
            {
                assert_eq!(
                    list.len() as i64,
                    count(c, codes::detail::DEBITS_COUNTED).unwrap(),
                    "{name}: every debit counted is listed"
                );
                let sum: i64 = list.iter().map(|d| d.1 .0).sum();
                assert_eq!(sum, c.amount.unwrap().low.0, "{name}: the list adds up");
                for (d, x) in &list {
                    assert!(
                        text_has(&l, &format!("{} : {}", day(*d), eur(x.0))),
                        "{name}"
                    );
                }
                per_claim.insert(c.claim);
            }
        }
    }
    for claim in [
        ClaimId::AfterPayoff,
        ClaimId::WrongBasis,
        ClaimId::AfterCoverEnd,
        ClaimId::RefusedSwitch,
    ] {
        assert!(
            per_claim.contains(&claim),
            "no law case lists the debits of {claim:?}"
        );
    }
}

fn text_has(l: &Letter, w: &str) -> bool {
    l.text().contains(w)
}

/// Where switching saves money and a right is open, the switch request cites that right's articles; elsewhere
/// there is none.
#[test]
fn the_switch_request_cites_the_right_open_today() {
    use loan_insurance_check::engine::SwitchingRight;
    let mut n = 0;
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        let saving = eval
            .claim(ClaimId::SwitchSavings)
            .filter(|c| c.verdict == Verdict::Eligible)
            .and_then(|c| c.amount)
            .is_some_and(|a| a.low.0 > 0);
        let right = eval.switching.as_ref().map(|s| s.right);
        let wanted: &[&str] = match right {
            Some(SwitchingRight::AnyTime) => {
                &["L113-12-2 du Code des assurances", "loi n° 2022-270"]
            }
            Some(SwitchingRight::Hamon) => &["L113-12-2 du Code des assurances", "loi n° 2014-344"],
            Some(SwitchingRight::Annual) => {
                &["article L113-12 du Code des assurances", "loi n° 2017-203"]
            }
            _ => &[],
        };
        let l = switch_letter(&eval, &answers, as_of, &Parties::default());
        assert_eq!(
            l.is_some(),
            saving && !wanted.is_empty(),
            "{name}: switch request or not"
        );
        let Some(l) = l else { continue };
        let text = l.text();
        for w in wanted.iter().chain(&[
            "Objet : Demande de substitution de mon assurance emprunteur",
            "article L313-30 du Code de la consommation",
            "dix jours ouvrés",
            "L313-31 et L313-32",
            "L'établissement prêteur",
            "Signature :",
        ]) {
            assert!(text.contains(w), "{name}: lacks {w:?}\n{text}");
        }
        for bad in FORBIDDEN {
            assert!(!text.contains(bad), "{name}: {bad:?}\n{text}");
        }
        n += 1;
    }
    assert!(n >= 2, "the law cases give {n} switch requests");
}

/// The dossier file keeps what the visitor typed for the letters (and only a file with something typed has it);
/// its schema lists exactly the fields of [`PartyField::ALL`].
#[test]
fn the_dossier_keeps_the_parties() {
    use loan_insurance_check::act::dossier;
    let (as_of, a) = case("example_d_debits_after_payoff");
    let eval = evaluate(&a, as_of);
    let p = parties();
    let text = dossier::write_with(&a, &eval, &p);
    let back = dossier::read(&text).unwrap();
    assert_eq!(back.parties, p);
    assert_eq!(back.answers, a);
    let plain = dossier::write_with(&a, &eval, &Parties::default());
    assert_eq!(plain, dossier::write(&a, &eval));
    assert!(!plain.contains("\"letter\""));
    assert_eq!(dossier::read(&plain).unwrap().parties, Parties::default());
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("www/schema/dossier.v1.schema.json").unwrap())
            .unwrap();
    let mut listed: Vec<&str> = schema["properties"]["letter"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut ids: Vec<&str> = PartyField::ALL.iter().map(|f| f.id()).collect();
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);
}

/// The letters of the other debit-based claims list each debit too, under a heading saying what each figure is:
/// after the end of a cover, the part of each debit claimed back; after a refused switch, the difference on each
/// debit taken at the old premium (issue 13 point 2).
#[test]
fn cover_end_and_refused_switch_letters_list_each_debit() {
    let cases = [
        (
            "d2_cover_end_running_loan_five_installments",
            ClaimId::AfterCoverEnd,
            "Échéances dont je demande le trop-perçu :",
            ["10 juillet 2026", "10 novembre 2026"],
            1500,
            5,
        ),
        (
            "law_2015_refusal_cites_l312_9",
            ClaimId::RefusedSwitch,
            "Échéances prélevées à l'ancienne cotisation, et la différence sur chacune :",
            ["15 juillet 2015", "15 décembre 2015"],
            5000,
            6,
        ),
    ];
    for (name, claim, heading, [first, last], each, n) in cases {
        let (as_of, a) = case(name);
        let eval = evaluate(&a, as_of);
        let c = eval.claim(claim).unwrap();
        let list = debits(c, &a, as_of);
        assert_eq!(list.len(), n, "{name}");
        assert_eq!(day(list[0].0), first, "{name}");
        assert_eq!(day(list[n - 1].0), last, "{name}");
        let text = letter(c, &a, as_of, as_of).unwrap().text();
        let want = format!("{heading}\n– {first} : {}", eur(each));
        assert!(text.contains(&want), "{name}: {text}");
        assert!(
            text.contains(&format!("– {last} : {}", eur(each))),
            "{name}"
        );
        // The count and the product stay, and the list adds up to them.
        assert!(text.contains(&format!("{n} au total")), "{name}");
        assert_eq!(
            list.iter().map(|d| d.1 .0).sum::<i64>(),
            c.amount.unwrap().low.0
        );
    }
}

/// A provisional interest figure names the half-year of the rate it applies, the last published one (issue 11
/// point 8), in the letter as on screen.
#[test]
fn provisional_interest_names_the_rate_s_half_year() {
    let until = loan_insurance_check::engine::params::interest_rates_known_until();
    let half = if until.month() == 6 {
        "premier"
    } else {
        "second"
    };
    let want = format!(
        "Ce calcul est provisoire : il applique le taux légal du {half} semestre {}, le dernier publié.",
        until.year()
    );
    let mut n = 0;
    for (name, as_of, answers) in law_cases::law_cases() {
        let eval = evaluate(&answers, as_of);
        for c in &eval.claims {
            let Some(l) = letter(c, &answers, as_of, as_of) else {
                continue;
            };
            let Some(i) = c.amount.and_then(|a| a.interest) else {
                continue;
            };
            let p = i
                .rate_period
                .expect("a rate period wherever the rate is in the table");
            assert!(p.from <= i.to, "{name}");
            if i.provisional && i.amount.is_some() {
                assert_eq!(p.to, until, "{name}: the last published half-year");
                assert!(i.to > until, "{name}");
                assert!(l.text().contains(&want), "{name}: {}", l.text());
                n += 1;
            } else {
                assert!(!l.text().contains("provisoire"), "{name}");
            }
        }
    }
    assert!(n > 0, "no law case has a provisional interest figure");
}

/// The loan's reference names its first installment: by its day when the visitor gave one, by its month and year
/// when only those are known ("première échéance en août 2004"), never a day the visitor did not give.
#[test]
fn the_loan_reference_names_a_first_installment_known_by_month() {
    use loan_insurance_check::engine::{Answer, FactId, Value, YearMonth};
    let (as_of, base) = case("month_after_payoff_exact_day_in_that_month");
    let with = |v: Value| {
        let mut a = base.clone();
        a.set(FactId::FirstInstallmentDate, Some(Answer::Known(v)));
        // 240 installments from August 2004: the last one in July 2024, as the case says.
        a.set(FactId::LoanMonths, Some(Answer::Known(Value::Months(240))));
        let eval = evaluate(&a, as_of);
        let c = eval.claim(ClaimId::AfterPayoff).unwrap();
        assert_eq!(c.verdict, Verdict::Eligible, "{c:?}");
        letter(c, &a, as_of, as_of).unwrap().text()
    };
    let by_month = with(Value::Month(YearMonth::new(2004, 8).unwrap()));
    assert!(
        by_month.contains("première échéance en août 2004"),
        "{by_month}"
    );
    assert!(!by_month.contains("première échéance le"), "{by_month}");
    let by_day = with(Value::Date(Date::parse_iso("2004-08-05").unwrap()));
    assert!(
        by_day.contains("première échéance le 5 août 2004"),
        "{by_day}"
    );
    // Unknown: the reference says nothing of it.
    let unknown = letter_of(
        "month_after_payoff_exact_day_in_that_month",
        ClaimId::AfterPayoff,
    );
    assert!(!unknown.contains("première échéance"), "{unknown}");
}

/// A refused-switch letter of a three-request history tells the request its damages come from (the third, refused
/// although the new contract met the lender's published list), not the two refused for a reason that held.
#[test]
fn the_refused_switch_letter_names_the_third_request() {
    let text = letter_of(
        "sh3_two_valid_refusals_third_meets_published_list_still_blocked",
        ClaimId::RefusedSwitch,
    );
    for w in ["1er septembre 2025", "8 septembre 2025", "700,00"] {
        assert!(text.contains(w), "lacks {w:?}\n{text}");
    }
    for w in ["5 février 2024", "3 juin 2024", "10 juin 2024"] {
        assert!(
            !text.contains(w),
            "names an earlier request ({w:?})\n{text}"
        );
    }
}

/// A loan that ran to its term, its first installment known by its month only: the after-payoff letter exists and
/// says the last installment's month, worked out from the first one and the duration ("en juillet 2024"), and the
/// first installment's month, never a day the visitor did not give.
#[test]
fn a_loan_end_known_by_month_from_the_first_installment_is_written_as_its_month() {
    let text = letter_of(
        "month_after_payoff_loan_end_from_first_month_letter_says_months",
        ClaimId::AfterPayoff,
    );
    for w in [
        "Mon prêt a pris fin avec sa dernière échéance, en juillet 2024.",
        "première échéance en août 2004",
        "90,00",
    ] {
        assert!(text.contains(w), "lacks {w:?}\n{text}");
    }
    assert!(
        !text.contains("1er août 2004") && !text.contains("1er juillet 2024"),
        "{text}"
    );
}
