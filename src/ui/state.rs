//! The widget's state and its reducer: what the visitor has answered and typed, and where they are.
//!
//! `reduce` is pure (it may call the engine, which is pure too); effects such as focus and
//! announcements live in components. What the visitor typed is kept as typed, valid or not.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::{self, Date, LoanKind, OfferDate, SwitchingVerdict};
use crate::i18n::parse::{parse_date_parts, ParseError};
use crate::i18n::Locale;

/// The screen on show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// What the check covers and what happens to the data.
    Start,
    /// Real-estate loan or consumer credit.
    LoanKind,
    /// The offer's issue or signature date.
    OfferDate,
    /// The switching right that applies today.
    Result,
}

impl Step {
    /// The stable id of the screen, for host events.
    pub fn id(self) -> &'static str {
        match self {
            Step::Start => "start",
            Step::LoanKind => "question:loan_kind",
            Step::OfferDate => "question:offer_date",
            Step::Result => "result",
        }
    }

    /// The question number shown in the progress indicator (1-based), for question steps.
    pub fn question_number(self) -> Option<(usize, usize)> {
        match self {
            Step::LoanKind => Some((1, 2)),
            Step::OfferDate => Some((2, 2)),
            _ => None,
        }
    }
}

/// Which of the offer's dates the visitor has at hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferDateKind {
    /// "Date d'émission", printed on the offer.
    Issued,
    /// The date the borrower signed (accepted) the offer.
    Signed,
}

/// A date as typed in three fields, kept verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateDraft {
    /// Day field text.
    pub day: String,
    /// Month field text.
    pub month: String,
    /// Year field text.
    pub year: String,
}

/// One of the three parts of a date field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    /// Day of the month.
    Day,
    /// Month number.
    Month,
    /// Four-digit year.
    Year,
}

/// A field's problem, as a message-key suffix (`error.<code>`).
pub type ErrorCode = &'static str;

/// Everything the widget knows.
#[derive(Clone, Debug, PartialEq)]
pub struct WizardState {
    /// The visitor's language.
    pub locale: Locale,
    /// Today, from the browser: the engine's `as_of`.
    pub as_of: Date,
    /// Current screen.
    pub step: Step,
    /// Answer to the loan-kind question.
    pub loan_kind: Option<LoanKind>,
    /// Whether the date given is the issue or the signature date.
    pub offer_kind: Option<OfferDateKind>,
    /// The offer date as typed.
    pub offer_date: DateDraft,
    /// The problem with the answer on show, if any.
    pub error: Option<ErrorCode>,
    /// Which field the error concerns, for focus: `kind`, `day`, `month`, `year` or `choice`.
    pub error_field: Option<&'static str>,
    /// The engine's verdict, once both answers are valid.
    pub verdict: Option<SwitchingVerdict>,
    /// Bumped on every step change so effects (focus, announcements) run again.
    pub screen_serial: u32,
}

impl WizardState {
    /// A fresh check in `locale` on day `as_of`.
    pub fn new(locale: Locale, as_of: Date) -> Self {
        WizardState {
            locale,
            as_of,
            step: Step::Start,
            loan_kind: None,
            offer_kind: None,
            offer_date: DateDraft::default(),
            error: None,
            error_field: None,
            verdict: None,
            screen_serial: 0,
        }
    }

    fn go(mut self, step: Step) -> Self {
        self.step = step;
        self.error = None;
        self.error_field = None;
        self.screen_serial += 1;
        self
    }

    fn fail(mut self, code: ErrorCode, field: &'static str) -> Self {
        self.error = Some(code);
        self.error_field = Some(field);
        self
    }

    /// The offer date as the engine wants it, or the problem with what was typed.
    pub fn parsed_offer_date(&self) -> Result<OfferDate, (ErrorCode, &'static str)> {
        let kind = self.offer_kind.ok_or(("offer_kind_missing", "kind"))?;
        let d = &self.offer_date;
        let (y, m, day) = parse_date_parts(&d.day, &d.month, &d.year).map_err(|e| {
            let field = match e {
                ParseError::YearOutOfRange => "year",
                ParseError::DateImpossible
                | ParseError::DateIncomplete
                | ParseError::NotANumber
                | ParseError::Empty => first_empty_part(d),
                _ => "day",
            };
            (e.code(), field)
        })?;
        let date = Date::new(y, m, day).ok_or(("date_impossible", "day"))?;
        if date > self.as_of {
            return Err(("date_future", "day"));
        }
        Ok(match kind {
            OfferDateKind::Issued => OfferDate::Issued(date),
            OfferDateKind::Signed => OfferDate::Signed(date),
        })
    }
}

fn first_empty_part(d: &DateDraft) -> &'static str {
    if d.day.trim().is_empty() {
        "day"
    } else if d.month.trim().is_empty() {
        "month"
    } else if d.year.trim().is_empty() {
        "year"
    } else {
        "day"
    }
}

/// What the visitor does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Leave the start screen.
    Begin,
    /// Choose the loan kind (not yet confirmed).
    ChooseLoanKind(LoanKind),
    /// Confirm the loan-kind question.
    SubmitLoanKind,
    /// Choose which offer date is given.
    ChooseOfferKind(OfferDateKind),
    /// Type in one of the date fields.
    EditDate(DatePart, String),
    /// Confirm the offer-date question.
    SubmitOfferDate,
    /// Go back one screen; nothing typed is lost.
    Back,
    /// Start again with the same language.
    Restart,
    /// Switch the language; nothing typed is lost.
    SetLocale(Locale),
}

impl Reducible for WizardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = (*self).clone();
        let next = match action {
            Action::Begin => state.go(Step::LoanKind),
            Action::ChooseLoanKind(kind) => WizardState {
                loan_kind: Some(kind),
                error: None,
                error_field: None,
                ..state
            },
            Action::SubmitLoanKind => match state.loan_kind {
                Some(_) => state.go(Step::OfferDate),
                None => state.fail("choice_missing", "choice"),
            },
            Action::ChooseOfferKind(kind) => {
                let clear = state.error_field == Some("kind");
                WizardState {
                    offer_kind: Some(kind),
                    error: if clear { None } else { state.error },
                    error_field: if clear { None } else { state.error_field },
                    ..state
                }
            }
            Action::EditDate(part, text) => {
                let mut s = state;
                match part {
                    DatePart::Day => s.offer_date.day = text,
                    DatePart::Month => s.offer_date.month = text,
                    DatePart::Year => s.offer_date.year = text,
                }
                s
            }
            Action::SubmitOfferDate => match (state.loan_kind, state.parsed_offer_date()) {
                (Some(kind), Ok(offer)) => {
                    let verdict = engine::switching_right(kind, offer, state.as_of);
                    WizardState {
                        verdict: Some(verdict),
                        ..state.go(Step::Result)
                    }
                }
                (None, _) => state.go(Step::LoanKind),
                (_, Err((code, field))) => state.fail(code, field),
            },
            Action::Back => match state.step {
                Step::Start => state,
                Step::LoanKind => state.go(Step::Start),
                Step::OfferDate => state.go(Step::LoanKind),
                Step::Result => state.go(Step::OfferDate),
            },
            Action::Restart => WizardState {
                screen_serial: state.screen_serial + 1,
                ..WizardState::new(state.locale, state.as_of)
            },
            Action::SetLocale(locale) => WizardState { locale, ..state },
        };
        Rc::new(next)
    }
}
