//! Calendar reminders (issue 7): the dates (follow-up one month after sending, mediator two months after, last
//! day minus 30 and minus 7 days, none in the past), and the iCalendar text itself (RFC 5545): CRLF lines folded at
//! 75 octets without splitting a character, escaped text, all-day events as floating dates (the same day in every
//! time zone), unique identifiers. The end-to-end test parses the same files with ical.js.

use loan_insurance_check::act::ics::{calendar, escape, reminders, Step};
use loan_insurance_check::engine::{evaluate, Answers, ClaimId, ClaimResult, Date, Verdict};
use loan_insurance_check::i18n::Locale;

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

#[test]
fn reminder_dates() {
    // (sent, last day, as_of, expected steps and dates)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static [(Step, &'static str)],
    );
    let table: &[Row] = &[
        (
            "2026-11-27",
            "2028-04-05",
            "2026-11-27",
            &[
                (Step::FollowUp, "2026-12-27"),
                (Step::Mediator, "2027-01-27"),
                (Step::LastDay30, "2028-03-06"),
                (Step::LastDay7, "2028-03-29"),
            ],
        ),
        // End of month: one month after 31 January is 28 (or 29) February.
        (
            "2027-01-31",
            "2030-01-01",
            "2027-01-31",
            &[
                (Step::FollowUp, "2027-02-28"),
                (Step::Mediator, "2027-03-31"),
                (Step::LastDay30, "2029-12-02"),
                (Step::LastDay7, "2029-12-25"),
            ],
        ),
        (
            "2028-01-31",
            "2030-01-01",
            "2028-01-31",
            &[
                (Step::FollowUp, "2028-02-29"),
                (Step::Mediator, "2028-03-31"),
                (Step::LastDay30, "2029-12-02"),
                (Step::LastDay7, "2029-12-25"),
            ],
        ),
        // An urgent claim: the last-day reminders come before the follow-up, in date order.
        (
            "2026-11-27",
            "2026-12-20",
            "2026-11-27",
            &[
                (Step::LastDay7, "2026-12-13"),
                (Step::FollowUp, "2026-12-27"),
                (Step::Mediator, "2027-01-27"),
            ],
        ),
        // A letter sent long ago: its follow-up and mediator dates are past and left out.
        (
            "2026-06-01",
            "2027-06-01",
            "2026-11-27",
            &[
                (Step::LastDay30, "2027-05-02"),
                (Step::LastDay7, "2027-05-25"),
            ],
        ),
        // Everything past.
        ("2020-01-01", "2026-11-26", "2026-11-27", &[]),
        // A reminder that falls on as_of is kept.
        (
            "2026-10-27",
            "2027-06-01",
            "2026-11-27",
            &[
                (Step::FollowUp, "2026-11-27"),
                (Step::Mediator, "2026-12-27"),
                (Step::LastDay30, "2027-05-02"),
                (Step::LastDay7, "2027-05-25"),
            ],
        ),
    ];
    for (sent, last, as_of, want) in table {
        let got = reminders(d(sent), d(last), d(as_of));
        let want: Vec<(Step, Date)> = want.iter().map(|(s, x)| (*s, d(x))).collect();
        assert_eq!(got, want, "sent {sent}, last day {last}, as_of {as_of}");
    }
}

#[test]
fn text_is_escaped() {
    assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    assert_eq!(escape("l'été"), "l'été");
}

/// The unfolded content lines of an iCalendar text, checking the folding and line ends on the way.
fn unfold(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    let body = &text[..text.len() - 2];
    let mut lines: Vec<String> = Vec::new();
    for raw in body.split("\r\n") {
        assert!(
            !raw.contains('\n') && !raw.contains('\r'),
            "bare line end in {raw:?}"
        );
        assert!(
            raw.len() <= 75,
            "line longer than 75 octets: {raw:?} ({} octets)",
            raw.len()
        );
        match raw.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .expect("a continuation line first")
                .push_str(rest),
            None => lines.push(raw.to_string()),
        }
    }
    lines
}

fn claim(name: &str) -> (ClaimResult, Date) {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/cases/examples/spec_section4.json").unwrap(),
    )
    .unwrap();
    let c = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap();
    let as_of = d(c["as_of"].as_str().unwrap());
    let a = Answers::from_json_value(&c["answers"]).unwrap();
    let eval = evaluate(&a, as_of);
    let r = eval
        .claims
        .iter()
        .find(|r| r.verdict == Verdict::Eligible && r.claim == ClaimId::AfterPayoff)
        .unwrap()
        .clone();
    (r, as_of)
}

#[test]
fn a_calendar_is_valid_icalendar_with_all_day_events() {
    let (c, as_of) = claim("example_d_debits_after_payoff");
    let last = c.last_day.unwrap();
    for locale in [Locale::Fr, Locale::En] {
        let sent = d("2026-11-30");
        let text = calendar(&c, sent, as_of, locale).unwrap();
        let lines = unfold(&text);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        for required in [
            "VERSION:2.0",
            "PRODID:-//loan-insurance-check//act//EN",
            "CALSCALE:GREGORIAN",
        ] {
            assert!(lines.iter().any(|l| l == required), "{required}");
        }
        // Components balance.
        let mut depth = Vec::new();
        for l in &lines {
            if let Some(x) = l.strip_prefix("BEGIN:") {
                depth.push(x.to_string());
            } else if let Some(x) = l.strip_prefix("END:") {
                assert_eq!(depth.pop().as_deref(), Some(x));
            }
            // Every line is NAME[;PARAM]:VALUE.
            let (name, _) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("no colon in {l:?}"));
            assert!(
                name.chars().all(|c| c.is_ascii_uppercase()
                    || c == '-'
                    || c == ';'
                    || c == '='
                    || c.is_ascii_digit()),
                "{name}"
            );
        }
        assert!(depth.is_empty());
        let events: Vec<&[String]> = lines.split(|l| l == "BEGIN:VEVENT").skip(1).collect();
        let want = reminders(sent, last, as_of);
        assert_eq!(events.len(), want.len());
        let mut uids = Vec::new();
        for (ev, (step, date)) in events.iter().zip(&want) {
            let get = |p: &str| {
                ev.iter()
                    .find_map(|l| l.strip_prefix(p))
                    .unwrap_or_else(|| panic!("{p} missing"))
            };
            let ymd = |x: Date| format!("{:04}{:02}{:02}", x.year(), x.month(), x.day());
            assert_eq!(get("DTSTART;VALUE=DATE:"), ymd(*date), "{step:?}");
            assert_eq!(
                get("DTEND;VALUE=DATE:"),
                ymd(date.add_days(1)),
                "{step:?}: one whole day"
            );
            assert_eq!(get("DTSTAMP:"), format!("{}T000000Z", ymd(as_of)));
            // No time, no time zone anywhere on the dates: a floating all-day event.
            assert!(!ev
                .iter()
                .any(|l| l.starts_with("DTSTART:") || l.contains("TZID")));
            let uid = get("UID:");
            assert!(uid.contains(step.id()) && uid.ends_with("@loan-insurance-check"));
            uids.push(uid.to_string());
            let summary = get("SUMMARY:");
            assert!(!summary.is_empty());
            let description = get("DESCRIPTION:");
            // The last day to act is in every description; no reminder says a letter stops the clock.
            let written = loan_insurance_check::i18n::format_date(
                locale,
                last.year(),
                last.month(),
                last.day(),
            );
            assert!(description.contains(&written), "{description}");
        }
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), events.len(), "unique UIDs");
    }
}

#[test]
fn long_lines_fold_between_characters() {
    let (mut c, as_of) = claim("example_d_debits_after_payoff");
    // A title full of multi-byte characters forces folds next to them.
    c.claim = ClaimId::AfterPayoff;
    let text = calendar(&c, as_of, as_of, Locale::Fr).unwrap();
    for raw in text.split("\r\n") {
        assert!(raw.len() <= 75);
        // Every physical line is valid UTF-8 on its own (split never cuts a character).
        assert!(std::str::from_utf8(raw.as_bytes()).is_ok());
    }
    assert!(text.contains("\r\n "), "some line was folded");
}

#[test]
fn no_calendar_without_a_last_day_or_with_every_date_past() {
    let (mut c, as_of) = claim("example_d_debits_after_payoff");
    assert!(calendar(&c, as_of, as_of.add_years(10), Locale::En).is_none());
    c.last_day = None;
    assert!(calendar(&c, as_of, as_of, Locale::En).is_none());
}
