//! The switching-right foundation (SPEC §2.2–2.3, LAW §1, C7); more cases live in tests/cases/switching.

use loan_insurance_check::engine::{switching_right, Date, LoanKind, OfferDate, SwitchingRight};

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

#[test]
fn example_a_no_right_in_2015() {
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2014-07-25")),
        d("2015-03-02"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    assert!(v.reasons.contains(&"signed_before_hamon"));
}

#[test]
fn hamon_window_and_its_last_day() {
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2015-03-10")),
        d("2016-03-10"),
    );
    assert_eq!(v.right, SwitchingRight::Hamon);
    assert_eq!(v.hamon_until, Some(d("2016-03-10")));
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2015-03-10")),
        d("2016-03-11"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2014-07-26")),
        d("2014-09-01"),
    );
    assert_eq!(v.right, SwitchingRight::Hamon);
    assert!(v.reasons.contains(&"hamon_trigger_ambiguous"));
}

#[test]
fn consumer_credit_has_none() {
    let v = switching_right(
        LoanKind::Consumer,
        OfferDate::Signed(d("2023-01-10")),
        d("2026-11-27"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    assert_eq!(v.reasons, vec!["consumer_credit"]);
}

#[test]
fn bourquin_and_lemoine_transitions() {
    // Signed 2017-03-01: issued on or before 2017-02-18, maybe after 2017-02-22? No: 03-01 − 11 = 02-18 < 02-22.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2017-03-01")),
        d("2017-12-31").add_months(3),
    );
    assert_eq!(v.right, SwitchingRight::Annual);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-01-01")),
        d("2017-12-31"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-01-01")),
        d("2018-01-01"),
    );
    assert_eq!(v.right, SwitchingRight::Annual);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Issued(d("2022-06-01")),
        d("2023-08-01"),
    );
    assert_eq!(v.right, SwitchingRight::AnyTime);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2017-03-05")),
        d("2018-08-01"),
    );
    assert_eq!(v.right, SwitchingRight::Annual);
    // Signed 2017-03-10: may have been issued on/after 2017-02-22 (Annual) or before (None) in mid-2017... but Hamon covers it.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2017-03-10")),
        d("2017-06-01"),
    );
    assert_eq!(v.right, SwitchingRight::Hamon);
    // Signed 2016-03-10, in 2017-06: Hamon over, no annual right before 2018 for an offer issued before 2017-02-22.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-03-10")),
        d("2017-06-01"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    // Signed 2017-04-10 (maybe issued after 2017-02-22), asked 2017-12-01 ... within Hamon anyway; asked after the window:
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-12-01")),
        d("2017-12-20"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Issued(d("2017-03-01")),
        d("2017-02-25"),
    );
    assert_eq!(v.right, SwitchingRight::LagardeAtSigning);
}

#[test]
fn uncertain_when_only_signature_and_regime_depends_on_issue() {
    // Signed 2022-06-15: issued ≤ 2022-06-04, maybe on/after 2022-06-01 (Lemoine new offers) or before.
    // On 2023-07-01 the Hamon year is over and 2022-09-01 has passed: AnyTime either way.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2022-06-15")),
        d("2023-07-01"),
    );
    assert_eq!(v.right, SwitchingRight::AnyTime);
    // Signed 2016-05-01, as of 2017-09-01: issued before 2017-02-22 for sure → None.
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Signed(d("2016-05-01")),
        d("2017-09-01"),
    );
    assert_eq!(v.right, SwitchingRight::None);
    // Signed 2016-08-01 and asked 2017-08-05: window over; issue certain before 2017-02-22.
    // Signed 2017-03-20 (issue ≤ 2017-03-09, maybe ≥ 2017-02-22), asked 2017-04-01 within Hamon: Hamon.
    // Asked 2017-...: Hamon runs to 2018-03-20, after 2018-01-01 the annual right is certain. So construct one:
    // signed 2013-03-20 … pre-Hamon; no. Uncertainty arises only between 2017-02-22 + 11 days and 2018-01-01 outside Hamon,
    // which Hamon always covers (12 months), so for real estate the interesting Uncertain case is the issue-date-only one:
    let v = switching_right(
        LoanKind::RealEstate,
        OfferDate::Issued(d("2016-12-01")),
        d("2017-12-10"),
    );
    assert_eq!(v.right, SwitchingRight::Uncertain);
    assert!(v.reasons.contains(&"offer_signature_date_needed"));
}
