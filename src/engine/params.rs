//! Legal parameters, generated at build time from the dated, sourced CSV files of `src/engine/params/` (see `build.rs`).
//! The fields that only document a value (its source, the title of a parameter row) are compiled natively only
//! (`cfg(not(target_arch = "wasm32"))`): the widget never shows them, and the wasm is smaller without them.

use super::date::Date;
use super::money::{Cents, Percent};

/// A legal reference: a stable id, the French citation and a link (one row of `references.csv`, a constant of
/// [`refs`]). Only its row number is stored: the engine compares and collects references, and only what shows or
/// writes them (the result screen, the letters, the payload) reads the texts, so in the release widget they are in
/// the second wasm file with that code, not in the first with the questionnaire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegalRef(u8);

impl LegalRef {
    /// Stable snake_case id.
    pub fn id(self) -> &'static str {
        REF_IDS[usize::from(self.0)]
    }

    /// The citation, in French (citations are not translated).
    pub fn title(self) -> &'static str {
        REF_TITLES[usize::from(self.0)]
    }

    /// A link to the text or to a commentary of it.
    pub fn href(self) -> &'static str {
        REF_HREFS[usize::from(self.0)]
    }
}

impl std::fmt::Debug for LegalRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// As it always was: `{"id": .., "title": .., "href": ..}`.
impl serde::Serialize for LegalRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("LegalRef", 3)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("title", self.title())?;
        st.serialize_field("href", self.href())?;
        st.end()
    }
}

/// A reference with the period it was in force under its number, and the rule (topic) it states there.
#[derive(Clone, Copy, Debug)]
pub struct DatedRef {
    /// The rule the reference states (a `topic::*` constant); a row may state several, one entry each.
    pub topic: &'static str,
    /// First day in force under this number.
    pub from: Date,
    /// Last day in force under this number (`None`: still in force).
    pub to: Option<Date>,
    /// Where the row was researched (never shown to a visitor).
    #[cfg(not(target_arch = "wasm32"))]
    pub source: &'static str,
    /// The reference.
    pub reference: LegalRef,
}

/// One scalar parameter as written in the data, for listings and tidy checks.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    /// Parameter id (the generated constant is its upper-case form).
    pub id: &'static str,
    /// Unit kind: date, cents, percent, days, working_days, months, years, year, count.
    pub kind: &'static str,
    /// Value as written in the data file.
    pub value: &'static str,
    /// Date from which the value applies.
    pub effective_from: Date,
    /// Source title.
    #[cfg(not(target_arch = "wasm32"))]
    pub title: &'static str,
    /// Source link (or `spec:<section>` for a product decision).
    #[cfg(not(target_arch = "wasm32"))]
    pub href: &'static str,
}

/// The statutory interest rates of one half-year.
#[derive(Clone, Copy, Debug)]
pub struct InterestRate {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Rate when the creditor is a natural person not acting for professional needs.
    pub particuliers: Percent,
    /// Rate in all other cases.
    pub autres_cas: Percent,
    /// The arrêté.
    #[cfg(not(target_arch = "wasm32"))]
    pub title: &'static str,
    /// Source.
    #[cfg(not(target_arch = "wasm32"))]
    pub href: &'static str,
}

/// A default yearly premium rate for an age band (an estimate, LAW §3.5).
#[derive(Clone, Copy, Debug)]
pub struct PremiumBand {
    /// First age of the band.
    pub age_from: i32,
    /// Last age of the band.
    pub age_to: i32,
    /// Yearly rate on the outstanding capital, per insured share.
    pub rate: Percent,
    /// Date of the source.
    pub effective_from: Date,
    /// Source title.
    #[cfg(not(target_arch = "wasm32"))]
    pub title: &'static str,
    /// Source link.
    #[cfg(not(target_arch = "wasm32"))]
    pub href: &'static str,
}

/// How a public holiday falls.
#[derive(Clone, Copy, Debug)]
pub enum HolidayRule {
    /// Same day every year.
    Fixed {
        /// Month.
        month: u32,
        /// Day.
        day: u32,
    },
    /// A number of days after Easter Sunday.
    AfterEaster {
        /// Days after Easter Sunday.
        days: i64,
    },
}

/// A national public holiday.
#[derive(Clone, Copy, Debug)]
pub struct Holiday {
    /// Id.
    pub id: &'static str,
    /// Rule.
    pub rule: HolidayRule,
    /// Date from which the rule applies.
    pub effective_from: Date,
    /// Source title.
    #[cfg(not(target_arch = "wasm32"))]
    pub title: &'static str,
    /// Source link.
    #[cfg(not(target_arch = "wasm32"))]
    pub href: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/params.rs"));

/// The reference of `topic` in force on `d` (the date of the fact the claim judges: a refusal, a payment...).
/// Before the first period of the topic, the earliest; after the last, the latest (the data's periods touch, a test
/// says so). `None` only for a topic the data does not have.
pub fn ref_in_force(topic: &str, d: Date) -> Option<LegalRef> {
    let rows = || DATED_REFERENCES.iter().filter(move |r| r.topic == topic);
    rows()
        .find(|r| r.from <= d && r.to.is_none_or(|to| d <= to))
        .or_else(|| rows().min_by_key(|r| r.from).filter(|r| d < r.from))
        .or_else(|| rows().max_by_key(|r| r.from))
        .map(|r| r.reference)
}

/// `r` as cited on `d`: when `r` states a rule (its first topic) that another row states on `d` (a renumbered
/// article), that row; otherwise `r` itself.
pub fn in_force_on(r: LegalRef, d: Date) -> LegalRef {
    DATED_REFERENCES
        .iter()
        .find(|x| x.reference == r)
        .and_then(|x| ref_in_force(x.topic, d))
        .unwrap_or(r)
}

/// Every reference of `refs` as cited on `d` ([`in_force_on`]), in order, without repeats.
pub fn cite_on(refs: &[LegalRef], d: Date) -> Vec<LegalRef> {
    let mut out: Vec<LegalRef> = Vec::with_capacity(refs.len());
    for r in refs {
        let r = in_force_on(*r, d);
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Every reference of `refs` as cited over the days `from` to `to` (debits spread over a period): each rule gives
/// every article that stated it on one of those days, earliest first, without repeats.
pub fn cite_over(refs: &[LegalRef], from: Date, to: Date) -> Vec<LegalRef> {
    let mut out: Vec<LegalRef> = Vec::with_capacity(refs.len());
    for r in refs {
        let topic = DATED_REFERENCES
            .iter()
            .find(|x| x.reference == *r)
            .map(|x| x.topic);
        let mut rows: Vec<&DatedRef> = DATED_REFERENCES
            .iter()
            .filter(|x| Some(x.topic) == topic && x.from <= to && x.to.is_none_or(|t| t >= from))
            .collect();
        crate::sort::stable_by_key(&mut rows, |x| x.from);
        let found: Vec<LegalRef> = if rows.is_empty() {
            vec![in_force_on(*r, from)]
        } else {
            rows.iter().map(|x| x.reference).collect()
        };
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// The default premium band for an age, if any (none from the age where no default exists).
pub fn premium_default_for_age(age: i32) -> Option<&'static PremiumBand> {
    if age >= NO_DEFAULT_PREMIUM_FROM_AGE {
        return None;
    }
    PREMIUM_DEFAULTS
        .iter()
        .find(|b| b.age_from <= age && age <= b.age_to)
}

/// The `particuliers` rate in force on `d`, and whether it is provisional (no published rate: last one known).
/// `None` before the first half-year of the table.
pub fn interest_rate_on(d: Date) -> Option<(Percent, bool)> {
    let first = INTEREST_RATES.first()?;
    if d < first.from {
        return None;
    }
    for r in INTEREST_RATES {
        if r.from <= d && d <= r.to {
            return Some((r.particuliers, false));
        }
    }
    INTEREST_RATES.last().map(|r| (r.particuliers, true))
}

/// The last day covered by a published statutory interest rate.
pub fn interest_rates_known_until() -> Date {
    INTEREST_RATES.last().map(|r| r.to).unwrap_or(Date::MIN)
}
