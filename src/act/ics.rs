//! Calendar reminders (iCalendar, RFC 5545) for one claim: follow up one month after the letter is sent, go to the
//! mediator two months after, and the last day to act minus 30 days and minus 7 days.
//!
//! Every event is an all-day event (`DTSTART;VALUE=DATE`, `DTEND` the next day): a civil date with no time zone,
//! so it falls on the same day in every calendar and every time zone. Written by hand (no calendar crate in the
//! wasm): text escaped, lines folded at 75 octets without splitting a character, CRLF line ends. No clock is
//! read: the stamp is `as_of` at midnight UTC and the identifiers are made of the claim, the step and the date.

use crate::engine::{ClaimResult, Date};
use crate::i18n::tables;
use crate::i18n::{format_date, t, tf, Locale};

/// A reminder's step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// One month after sending: follow up if there is no answer.
    FollowUp,
    /// Two months after sending: go to the mediator.
    Mediator,
    /// 30 days before the last day to act.
    LastDay30,
    /// 7 days before the last day to act.
    LastDay7,
}

impl Step {
    /// Stable id (message keys `act.ics.<id>.summary` and the event's UID).
    pub const fn id(self) -> &'static str {
        match self {
            Step::FollowUp => "follow_up",
            Step::Mediator => "mediator",
            Step::LastDay30 => "last_30",
            Step::LastDay7 => "last_7",
        }
    }
}

/// The reminders of a claim whose letter is sent on `sent` and whose last day to act is `last_day`, in date
/// order, leaving out those already past on `as_of`.
pub fn reminders(sent: Date, last_day: Date, as_of: Date) -> Vec<(Step, Date)> {
    let mut v: Vec<(Step, Date)> = [
        (Step::FollowUp, sent.add_months(1)),
        (Step::Mediator, sent.add_months(2)),
        (Step::LastDay30, last_day.add_days(-30)),
        (Step::LastDay7, last_day.add_days(-7)),
    ]
    .into_iter()
    .filter(|(_, d)| *d >= as_of)
    .collect();
    crate::sort::stable_by_key(&mut v, |(_, d)| *d);
    v
}

/// `YYYYMMDD`.
fn basic(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A TEXT value escaped (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a UTF-8 character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The `.ics` file of `claim`'s reminders, in the visitor's language; `None` when it has no last day or every
/// reminder is already past.
pub fn calendar(claim: &ClaimResult, sent: Date, as_of: Date, locale: Locale) -> Option<String> {
    let last_day = claim.last_day?;
    let steps = reminders(sent, last_day, as_of);
    if steps.is_empty() {
        return None;
    }
    let id = claim.claim.id();
    let title = t(locale, tables::claim_title(claim.claim));
    let when = |d: Date| format_date(locale, d.year(), d.month(), d.day());
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//loan-insurance-check//act//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(&mut out, l);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(title)));
    for (step, date) in steps {
        let args = [
            ("claim", title),
            ("sent", &when(sent)),
            ("last_day", &when(last_day)),
        ];
        let summary = tf(locale, tables::ics_summary(step), &args);
        let description = match step {
            Step::FollowUp | Step::Mediator => tf(locale, tables::ics_description(step), &args),
            Step::LastDay30 | Step::LastDay7 => tf(locale, msg!("act.ics.last.description"), &args),
        };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!(
                "UID:{id}-{}-{}@loan-insurance-check",
                step.id(),
                basic(date)
            ),
        );
        line(&mut out, &format!("DTSTAMP:{}T000000Z", basic(as_of)));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", basic(date)));
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", basic(date.add_days(1))),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "BEGIN:VALARM");
        line(&mut out, "ACTION:DISPLAY");
        line(&mut out, "TRIGGER:PT9H");
        line(&mut out, &format!("DESCRIPTION:{}", escape(&summary)));
        line(&mut out, "END:VALARM");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Some(out)
}
