//! Visitors see official sources only (issue 11 point 7): every legal reference the engine can return links to
//! Légifrance, the Cour de cassation, the Conseil d'État or the Conseil constitutionnel; a Code reference links to
//! its article, never to the whole code or a section; the article of a renumbered rule is the one in force on the
//! date of the fact (the periods of a topic follow each other without gap or overlap); and no visitor-facing text
//! (message files, reference titles) names an internal document.

use loan_insurance_check::engine::params::{self, refs, LegalRef, DATED_REFERENCES, REFERENCES};
use loan_insurance_check::engine::{evaluate, Answers, Date};
use std::path::{Path, PathBuf};

/// The Code references whose Légifrance article id (LEGIARTI) was not found stated in a public source for the version
/// in force over the row's dates: they keep the Légifrance search form for the one article, until someone verifies
/// the id. Any other Code reference must link to its article (`/codes/article_lc/LEGIARTI...`), so a new search link
/// fails; and a row verified since must leave this list (`the_unverified_list_is_current`).
const UNVERIFIED_ARTICLE_IDS: &[&str] = &[
    // Monetary and financial code L313-2: rewritten on 2015-01-01; only the 2001 version's id was found.
    "cmf_l313_2",
    // Insurance code L331-3: no id found.
    "c_assur_l331_3",
    // Consumer code L312-9 (2010-09-01 to 2016-06-30; several versions: Lagarde, Hamon): no id found.
    "c_conso_l312_9",
    // Consumer code L313-34 (since 2016-07-01): no id found.
    "c_conso_l313_34",
    // Consumer code L312-10 (to 2016-06-30): no id found.
    "c_conso_l312_10",
];

/// Words of a link or title that show a court's report or publication, not a decision: visitors see decisions only
/// (a report stays in the data's source column).
const REPORT_MARKS: &[&str] = &["rapport", "/publications", "bulletin", "communique"];

/// The hosts a visitor-facing link may point to.
const ALLOWED_HOSTS: &[&str] = &[
    "www.legifrance.gouv.fr",
    "www.courdecassation.fr",
    "www.conseil-etat.fr",
    "www.conseil-constitutionnel.fr",
];

/// The codes the engine cites, as written at the start of a title, with their Légifrance text id.
const CODES: &[(&str, &str)] = &[
    ("Code civil", "LEGITEXT000006070721"),
    ("Code de la consommation", "LEGITEXT000006069565"),
    ("Code des assurances", "LEGITEXT000006073984"),
    ("Code monétaire et financier", "LEGITEXT000006072026"),
];

fn host(href: &str) -> Option<&str> {
    let rest = href.strip_prefix("https://")?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(""))
}

/// The first article number of a Code citation: "Code civil, art. 2228 et 2229 (...)" gives "2228".
fn first_article(title: &str) -> Option<&str> {
    let rest = title.split_once("art. ")?.1;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

/// A reference's texts (a [`LegalRef`] is a row number; the test also checks made-up ones).
struct Link {
    id: &'static str,
    title: &'static str,
    href: &'static str,
}

/// Why `r` is not an acceptable visitor-facing link, if it is not.
fn link_problem(r: &LegalRef) -> Option<String> {
    text_problem(&Link {
        id: r.id(),
        title: r.title(),
        href: r.href(),
    })
}

/// Why the reference `r` is not an acceptable visitor-facing link, if it is not.
fn text_problem(r: &Link) -> Option<String> {
    let Some(h) = host(r.href) else {
        return Some(format!("{}: not an https link: {}", r.id, r.href));
    };
    if !ALLOWED_HOSTS.contains(&h) {
        return Some(format!("{}: host {h} is not an official source", r.id));
    }
    if r.href.contains(' ') || !r.href.is_ascii() {
        return Some(format!("{}: link not encoded: {}", r.id, r.href));
    }
    let lower = r.title.to_lowercase();
    if let Some(w) = REPORT_MARKS
        .iter()
        .find(|w| r.href.to_lowercase().contains(**w) || lower.contains(**w))
    {
        return Some(format!(
            "{}: a visitor sees decisions, not a report ({w}): {}",
            r.id, r.href
        ));
    }
    let code = CODES.iter().find(|(name, _)| r.title.starts_with(name));
    if let Some((name, text_id)) = code {
        let path = &r.href["https://www.legifrance.gouv.fr".len().min(r.href.len())..];
        if h != "www.legifrance.gouv.fr" {
            return Some(format!(
                "{}: a {name} reference must link to Légifrance",
                r.id
            ));
        }
        if let Some(id) = path.strip_prefix("/codes/article_lc/LEGIARTI") {
            let digits: String = id.chars().take_while(char::is_ascii_digit).collect();
            let after = &id[digits.len()..];
            if digits.len() != 12 || !(after.is_empty() || after.starts_with('/')) {
                return Some(format!("{}: malformed LEGIARTI link {}", r.id, r.href));
            }
        } else if let Some(query) = path.strip_prefix("/search/code?") {
            // The Légifrance search form for the one article: only while its LEGIARTI id is not verified.
            if !UNVERIFIED_ARTICLE_IDS.contains(&r.id) {
                return Some(format!(
                    "{}: a {name} reference must link to its article (LEGIARTI), not a search: {}",
                    r.id, r.href
                ));
            }
            let article = first_article(r.title)
                .ok_or_else(|| format!("{}: no article number in {:?}", r.id, r.title));
            let article = match article {
                Ok(a) => a,
                Err(e) => return Some(e),
            };
            let params: Vec<&str> = query.split('&').collect();
            for want in [
                "searchField=NUM_ARTICLE".to_string(),
                format!("query={article}"),
                format!("codeId={text_id}"),
            ] {
                if !params.contains(&want.as_str()) {
                    return Some(format!(
                        "{}: article search without {want}: {}",
                        r.id, r.href
                    ));
                }
            }
        } else {
            return Some(format!(
                "{}: a {name} reference must link to its article, not {}",
                r.id, r.href
            ));
        }
    }
    None
}

#[test]
fn every_reference_links_to_an_official_source_at_article_level() {
    assert!(!REFERENCES.is_empty());
    let problems: Vec<String> = REFERENCES.iter().filter_map(link_problem).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_link_check_refuses_what_it_must() {
    let bad = |title: &'static str, href: &'static str| Link {
        id: "x",
        title,
        href,
    };
    // A search link passes only for an unverified row: the made-up id "x" is not one.
    for (t, h) in [
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE&query=2232&codeId=LEGITEXT000006070721"),
        ("Cour de cassation, rapport 2009 : obligation d'éclairer", "https://www.courdecassation.fr/publications_26/rapport_annuel_36/rapport_2009_3408/etude_personnes_3411/chambre_civile_3418/credit_preteur_3428/client_inadaptation_15329.html"),
        ("Cass. ass. plén., 2 mars 2007, n° 06-15.267", "https://www.courdecassation.fr/publications_26/rapport_annuel_36/rapport_2007_2640/quatrieme_partie_jurisprudence_cour_2653/responsabilite_civile_assurances_2659/assurances_11349.html"),
        ("Cour de cassation, Rapport annuel 2007", "https://www.legifrance.gouv.fr/search/juri?tab_selection=juri&query=06-15.267"),
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"),
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070721/LEGISCTA000006136"),
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI00001901"),
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/search/code?searchField=NUM_ARTICLE&query=2224&codeId=LEGITEXT000006070721"),
        ("Code civil, art. 2232", "https://www.legifrance.gouv.fr/search/code?searchField=NUM_ARTICLE&query=2232&codeId=LEGITEXT000006069565"),
        ("Code de la consommation, art. L313-30", "https://www.doctrine.fr/l/texts/codes/LEGITEXT000006069565/articles/LEGIARTI000032225886"),
        ("Cass. 1re civ., 9 mars 2016", "https://juricaf.org/arret/FRANCE-COURDECASSATION-20160309-1518899"),
        ("Loi n° 2010-737", "http://www.legifrance.gouv.fr/jorf/id/JORFTEXT000022419094"),
        ("CE, 23 juillet 2012", "https://www.legifrance.gouv.fr.example.com/x"),
    ] {
        assert!(text_problem(&bad(t, h)).is_some(), "accepted {t} -> {h}");
    }
    assert_eq!(link_problem(&refs::C_CIV_2224), None);
    // The same search link passes for a listed (unverified) row, so the refusal above is the list's doing.
    let listed = Link {
        id: "c_conso_l313_34",
        title: "Code de la consommation, art. L313-34",
        href: "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE&query=L313-34&codeId=LEGITEXT000006069565",
    };
    assert_eq!(text_problem(&listed), None);
    assert_eq!(link_problem(&refs::CASS_ASS_PLEN_2007_03_02), None);
}

/// Every listed unverified row exists and still links to a search: a row given its LEGIARTI link leaves the list.
#[test]
fn the_unverified_list_is_current() {
    for id in UNVERIFIED_ARTICLE_IDS {
        let r = REFERENCES
            .iter()
            .find(|r| r.id() == *id)
            .unwrap_or_else(|| panic!("{id}: listed unverified but not a row"));
        assert!(
            r.href().contains("/search/code?"),
            "{id}: has an article link now, remove it from UNVERIFIED_ARTICLE_IDS"
        );
    }
    let articles = REFERENCES
        .iter()
        .filter(|r| r.href().contains("/codes/article_lc/LEGIARTI"))
        .count();
    assert!(articles >= 10, "only {articles} article links");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Every reference returned over every law case (claims and the switching right) is a row of the data, so the
/// checks above cover everything a visitor can be shown.
#[test]
fn every_reference_returned_over_the_law_cases_is_a_checked_row() {
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"),
        &mut files,
    );
    let mut seen = 0;
    for f in files {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in doc["cases"].as_array().into_iter().flatten() {
            let (Some(as_of), Ok(answers)) = (
                c["as_of"].as_str().and_then(Date::parse_iso),
                Answers::from_json_value(&c["answers"]),
            ) else {
                continue;
            };
            let e = evaluate(&answers, as_of);
            let all = e
                .claims
                .iter()
                .flat_map(|c| c.references.iter())
                .chain(e.switching.iter().flat_map(|s| s.references.iter()));
            for r in all {
                seen += 1;
                assert!(
                    REFERENCES.contains(r),
                    "{}: {} is not a row of references.csv",
                    f.display(),
                    r.id()
                );
                assert_eq!(link_problem(r), None);
            }
        }
    }
    assert!(seen > 100, "only {seen} references seen over the law cases");
}

/// Within a topic the periods follow each other: sorted, each starting the day after the previous one ends,
/// only the last open. So `ref_in_force` has exactly one answer on every day from the first period on.
#[test]
fn the_periods_of_a_topic_touch() {
    let mut topics: Vec<&str> = DATED_REFERENCES.iter().map(|r| r.topic).collect();
    topics.sort();
    topics.dedup();
    for t in topics {
        let mut rows: Vec<_> = DATED_REFERENCES.iter().filter(|r| r.topic == t).collect();
        rows.sort_by_key(|r| r.from);
        for w in rows.windows(2) {
            let to = w[0]
                .to
                .unwrap_or_else(|| panic!("{t}: {} is open but followed", w[0].reference.id()));
            assert_eq!(
                to.add_days(1),
                w[1].from,
                "{t}: {} and {} do not touch",
                w[0].reference.id(),
                w[1].reference.id()
            );
        }
        assert!(
            rows.last().unwrap().to.is_none(),
            "{t}: the last period must be open"
        );
        for r in &rows {
            assert!(r.source.starts_with("http"), "{}: source", r.reference.id());
            assert_eq!(params::ref_in_force(t, r.from), Some(r.reference));
            if let Some(to) = r.to {
                assert_eq!(params::ref_in_force(t, to), Some(r.reference));
            }
        }
    }
}

#[test]
fn the_renumbered_consumer_code_is_cited_by_date() {
    let d = |s| Date::parse_iso(s).unwrap();
    let sub = params::topic::CONSO_SUBSTITUTION;
    let answer = params::topic::CONSO_LENDER_ANSWER;
    let offer = params::topic::CONSO_OFFER_ACCEPTANCE;
    assert_eq!(
        params::ref_in_force(sub, d("2015-06-08")),
        Some(refs::C_CONSO_L312_9)
    );
    assert_eq!(
        params::ref_in_force(sub, d("2016-06-30")),
        Some(refs::C_CONSO_L312_9)
    );
    assert_eq!(
        params::ref_in_force(sub, d("2016-07-01")),
        Some(refs::C_CONSO_L313_30)
    );
    assert_eq!(
        params::ref_in_force(answer, d("2015-06-08")),
        Some(refs::C_CONSO_L312_9)
    );
    assert_eq!(
        params::ref_in_force(answer, d("2024-01-01")),
        Some(refs::C_CONSO_L313_31)
    );
    assert_eq!(
        params::ref_in_force(offer, d("2012-01-01")),
        Some(refs::C_CONSO_L312_10)
    );
    assert_eq!(
        params::ref_in_force(offer, d("2016-07-01")),
        Some(refs::C_CONSO_L313_34)
    );
    assert_eq!(
        params::in_force_on(refs::C_CONSO_L313_31, d("2016-06-30")),
        refs::C_CONSO_L312_9
    );
    assert_eq!(
        params::in_force_on(refs::C_CIV_2224, d("2010-01-01")),
        refs::C_CIV_2224
    );
    assert_eq!(
        params::cite_on(
            &[refs::C_CONSO_L313_30, refs::C_CONSO_L313_31],
            d("2015-01-01")
        ),
        vec![refs::C_CONSO_L312_9]
    );
    assert_eq!(params::ref_in_force("no_such_topic", d("2015-01-01")), None);
}

/// Words that name the project's internal documents; a visitor never reads them.
const INTERNAL: &[&str] = &[
    "SPEC",
    "LAW.md",
    "LAW §",
    "LAW C",
    "PRODUCT.md",
    "ARCHITECTURE",
    "STYLE.md",
    "TOOLCHAIN",
    "BRIEF",
    "README",
];

fn internal_name(text: &str) -> Option<&'static str> {
    INTERNAL.iter().copied().find(|w| text.contains(w))
}

#[test]
fn no_visitor_facing_text_names_an_internal_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut lines = 0;
    for dir in ["src/i18n", "campaign/messages"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "msg") {
                continue;
            }
            for (n, line) in std::fs::read_to_string(&p).unwrap().lines().enumerate() {
                let l = line.trim_start();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                lines += 1;
                let value = l.split_once('=').map_or(l, |(_, v)| v);
                if let Some(w) = internal_name(value) {
                    problems.push(format!("{}:{}: names {w}: {line}", p.display(), n + 1));
                }
            }
        }
    }
    assert!(lines > 500, "only {lines} message lines read");
    for r in REFERENCES {
        if let Some(w) = internal_name(r.title()) {
            problems.push(format!("reference {}: title names {w}", r.id()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(internal_name("voir SPEC §2.4"), Some("SPEC"));
    assert_eq!(internal_name("Code civil, art. 2224"), None);
}

/// The switching right cites the consumer-code article in force on the day it is judged (`on`).
#[test]
fn the_switching_right_cites_the_article_of_its_day() {
    use loan_insurance_check::engine::switching::{switching_right, LoanKind, OfferDate};
    let d = |s| Date::parse_iso(s).unwrap();
    // Offer signed 2015-01-15: the Hamon year runs to 2016-01-15; a request of 2015-06-01 is judged under L312-9.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2015-01-15")),
        d("2015-06-01"),
    );
    assert!(
        v.references.contains(&refs::C_CONSO_L312_9),
        "{:?}",
        v.references
    );
    assert!(!v.references.contains(&refs::C_CONSO_L313_30));
    // Offer signed 2016-01-15: a request of 2016-12-01, inside the Hamon year, is judged under L313-30.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-01-15")),
        d("2016-12-01"),
    );
    assert!(
        v.references.contains(&refs::C_CONSO_L313_30),
        "{:?}",
        v.references
    );
    assert!(!v.references.contains(&refs::C_CONSO_L312_9));
    for r in &v.references {
        assert_eq!(link_problem(r), None);
    }
}

#[test]
fn debits_over_a_period_cite_every_article_in_force_over_it() {
    let d = |s| Date::parse_iso(s).unwrap();
    assert_eq!(
        params::cite_over(
            &[refs::C_CIV_1302, refs::C_CIV_2224],
            d("2016-08-05"),
            d("2017-01-05")
        ),
        vec![refs::C_CIV_1235_1376, refs::C_CIV_1302, refs::C_CIV_2224]
    );
    assert_eq!(
        params::cite_over(&[refs::C_CIV_1302], d("2016-10-01"), d("2017-01-05")),
        vec![refs::C_CIV_1302]
    );
    assert_eq!(
        params::cite_over(&[refs::C_CIV_1302], d("2015-01-05"), d("2016-09-30")),
        vec![refs::C_CIV_1235_1376]
    );
}
