//! The widget's state and its reducer: the answers, what the visitor typed, and where they are.
//!
//! `reduce` is pure (it calls the engine, which is pure too); effects such as focus and announcements
//! live in components. What the visitor typed is kept verbatim in a [`Draft`] per question, valid or not,
//! so going back, changing language or fixing an error never loses anything.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::{
    self, check_value, Answer, Answers, Cents, Date, Evaluation, FactGroup, FactId, FactKind,
    Percent, Value, YearMonth,
};
use crate::i18n::field_error::{FormCode, InputCode};
use crate::i18n::parse::{
    parse_count, parse_date_input, parse_duration, parse_money, parse_percent, DateInput,
    ParseError,
};
use crate::i18n::{digits, push_digits, Locale};

/// The screen on show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// What the check covers and what happens to the data.
    Start,
    /// One question.
    Question(FactId),
    /// Check your answers, with "change" links.
    Review,
    /// The claims.
    Result,
}

impl Screen {
    /// The stable id of the screen, for host events (`start`, `question:<fact>`, `review`, `result`).
    pub fn id(self) -> String {
        match self {
            Screen::Start => "start".into(),
            Screen::Question(f) => "question:".to_string() + f.id(),
            Screen::Review => "review".into(),
            Screen::Result => "result".into(),
        }
    }

    /// The screen whose [`Screen::id`] is `id`.
    pub fn from_id(id: &str) -> Option<Screen> {
        match id {
            "start" => Some(Screen::Start),
            "review" => Some(Screen::Review),
            "result" => Some(Screen::Result),
            _ => id
                .strip_prefix("question:")
                .and_then(FactId::from_id)
                .map(Screen::Question),
        }
    }
}

/// What "I don't know" is stored as in a draft's `choice`.
pub const UNKNOWN: &str = "unknown";

/// A question's input as typed, kept verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The text of a single-field question (amount, percentage, duration, count).
    pub text: String,
    /// Day field of a date.
    pub day: String,
    /// Month field of a date.
    pub month: String,
    /// Year field of a date.
    pub year: String,
    /// For a duration: the text is in years rather than months.
    pub in_years: bool,
    /// The radio chosen: an option id, `yes`/`no`, a count, or [`UNKNOWN`].
    pub choice: Option<String>,
}

/// One of the fields of a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The whole question (radios, or all three date fields).
    Whole,
    /// Day of a date.
    Day,
    /// Month of a date.
    Month,
    /// Year of a date.
    Year,
    /// The text field.
    Text,
}

/// What is wrong with the answer on show: its code (`error.<code>`, every value listed in [`InputCode::ALL`]) and
/// the engine's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputError {
    /// What is wrong.
    pub code: InputCode,
    /// The field to mark and focus.
    pub part: Part,
    /// A limit date for `{date}`.
    pub limit_date: Option<Date>,
    /// A limit amount for `{amount}`.
    pub limit_amount: Option<Cents>,
    /// A limit number for `{number}`.
    pub limit_number: Option<i64>,
}

impl InputError {
    fn new(code: impl Into<InputCode>, part: Part) -> Self {
        InputError {
            code: code.into(),
            part,
            limit_date: None,
            limit_amount: None,
            limit_number: None,
        }
    }
}

/// Everything the widget knows.
#[derive(Clone, Debug, PartialEq)]
pub struct WizardState {
    /// The visitor's language.
    pub locale: Locale,
    /// Today, from the browser: the engine's `as_of`.
    pub as_of: Date,
    /// Current screen.
    pub screen: Screen,
    /// Screens visited, for Back.
    pub history: Vec<Screen>,
    /// Screens left by the browser's Back button, for its Forward button (emptied by any new move).
    pub forward: Vec<Screen>,
    /// The last move came from the browser's Back or Forward button (so no new history entry is made).
    pub moved_by_browser: bool,
    /// "Check another loan" was pressed: the widget asks before it clears anything.
    pub confirm_restart: bool,
    /// The answer being changed from the review or the result ("Change"), until the visitor is back there.
    pub changing: Option<FactId>,
    /// The review row to focus on arrival (the answer just changed), instead of the heading.
    pub focus_row: Option<FactId>,
    /// Where to go once the question on show is answered and nothing new needs asking (after "change").
    pub return_to: Option<Screen>,
    /// The engine's answers (valid values only).
    pub answers: Answers,
    /// What was typed, per question, valid or not.
    pub drafts: Vec<(FactId, Draft)>,
    /// The questions answered, in the order they were first answered (for the review list).
    pub asked: Vec<FactId>,
    /// The problem with the answer on show, if any.
    pub error: Option<InputError>,
    /// The engine's result for the current answers.
    pub evaluation: Rc<Evaluation>,
    /// Claims the host asked to feature first (ids).
    pub featured: Vec<String>,
    /// Bumped on every screen change so effects (focus, announcements, host events) run again.
    pub screen_serial: u32,
    /// Where the page's history entry says this widget was when the page was loaded (a reload, or a return to the
    /// page by Back or Forward without the browser's page cache): depth and screen. `None` on a fresh visit.
    pub entry: Option<(usize, Screen)>,
}

impl WizardState {
    /// A fresh check in `locale` on day `as_of`.
    pub fn new(locale: Locale, as_of: Date) -> Self {
        let answers = Answers::default();
        WizardState {
            locale,
            as_of,
            screen: Screen::Start,
            history: Vec::new(),
            forward: Vec::new(),
            moved_by_browser: false,
            confirm_restart: false,
            changing: None,
            focus_row: None,
            return_to: None,
            evaluation: Rc::new(engine::evaluate(&answers, as_of)),
            answers,
            drafts: Vec::new(),
            asked: Vec::new(),
            error: None,
            featured: Vec::new(),
            screen_serial: 0,
            entry: None,
        }
    }

    /// The draft of `fact` (empty if nothing was typed yet).
    pub fn draft(&self, fact: FactId) -> Draft {
        self.drafts
            .iter()
            .find(|(f, _)| *f == fact)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    }

    /// The questions still to ask, in order: those the engine says can change a result, not yet answered.
    pub fn pending(&self) -> Vec<FactId> {
        // One evaluation per answer: the stored evaluation carries its next questions (engine issue 11 point 9).
        self.evaluation
            .next_questions
            .iter()
            .copied()
            .filter(|f| self.answers.get(*f).is_none())
            .collect()
    }

    fn go(mut self, screen: Screen) -> Self {
        if self.screen != screen {
            self.history.push(self.screen);
        }
        self.screen = screen;
        self.error = None;
        self.forward.clear();
        self.moved_by_browser = false;
        self.confirm_restart = false;
        self.focus_row = None;
        self.screen_serial += 1;
        self
    }

    /// Where the progress indicator stands on a question screen: (part, parts), by group of questions.
    ///
    /// The part is that of the furthest group reached on the way here (this question and the questions behind
    /// it in `history`), so it never goes down unless the visitor goes back; the parts counted are the groups
    /// already answered in, this one, and those of the questions still to ask. It counts no questions, so it
    /// never says "0 left" while the engine may still ask one.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let Screen::Question(current) = self.screen else {
            return None;
        };
        let rank = |f: FactId| match f.group() {
            FactGroup::Loan => 0usize,
            FactGroup::Insurance => 1,
            FactGroup::Events => 2,
            FactGroup::People => 3,
        };
        let reached = self
            .history
            .iter()
            .filter_map(|s| match s {
                Screen::Question(f) => Some(rank(*f)),
                _ => None,
            })
            .chain([rank(current)])
            .max()
            .unwrap_or(0);
        let mut active = [false; 4];
        active[reached] = true;
        for f in self.asked.iter().copied().chain(self.pending()) {
            active[rank(f)] = true;
        }
        let part = active[..=reached].iter().filter(|a| **a).count();
        let parts = active.iter().filter(|a| **a).count();
        Some((part, parts))
    }

    /// Back to `depth` screens behind the first (the browser's Back button), keeping what was left for Forward.
    fn back_to(mut self, depth: usize) -> Self {
        if depth >= self.history.len() {
            return self;
        }
        while self.history.len() > depth {
            if let Some(previous) = self.history.pop() {
                self.forward.push(self.screen);
                self.screen = previous;
            }
        }
        self.after_browser_move()
    }

    /// Forward again to `depth` (the browser's Forward button), as far as the screens left allow.
    fn forward_to(mut self, depth: usize) -> Self {
        if depth <= self.history.len() || self.forward.is_empty() {
            return self;
        }
        while self.history.len() < depth {
            match self.forward.pop() {
                Some(next) => {
                    self.history.push(self.screen);
                    self.screen = next;
                }
                None => break,
            }
        }
        self.after_browser_move()
    }

    fn after_browser_move(mut self) -> Self {
        self.focus_row = None;
        self.changing = None;
        self.error = None;
        self.return_to = None;
        self.moved_by_browser = true;
        self.confirm_restart = false;
        self.screen_serial += 1;
        self
    }

    /// Every answer replaced with `answers` (brought back from a file, a link or this device), on the start
    /// screen with no history: the caller moves on.
    fn with_answers(self, answers: Answers) -> Self {
        let asked = answers.answered();
        let drafts = asked
            .iter()
            .filter_map(|f| answers.get(*f).map(|a| (*f, draft_of(*f, a))))
            .collect();
        let fresh = WizardState::new(self.locale, self.as_of);
        WizardState {
            evaluation: Rc::new(engine::evaluate(&answers, self.as_of)),
            answers,
            asked,
            drafts,
            history: Vec::new(),
            featured: self.featured.clone(),
            screen_serial: self.screen_serial,
            entry: self.entry,
            ..fresh
        }
    }

    /// Back on `screen` at `depth`, where the page's history entry says the visitor was: the screens behind it
    /// are rebuilt (the start, the questions answered, the review) so the browser's Back goes through them, and
    /// no new history entry is made (the browser is already on this one). A question no longer asked, or the
    /// start screen, gives the review.
    fn resume_at(mut self, depth: usize, screen: Screen) -> Self {
        let screen = match screen {
            Screen::Question(f) if self.asked.contains(&f) || self.pending().contains(&f) => screen,
            Screen::Result => Screen::Result,
            _ => Screen::Review,
        };
        let until = match screen {
            Screen::Question(f) => self.asked.iter().position(|g| *g == f),
            _ => None,
        };
        let mut path = vec![Screen::Start];
        path.extend(
            self.asked
                .iter()
                .take(until.unwrap_or(self.asked.len()))
                .map(|f| Screen::Question(*f)),
        );
        if screen == Screen::Result {
            path.push(Screen::Review);
        }
        let depth = depth.max(1);
        if path.len() > depth {
            let tail = path.split_off(path.len() - (depth - 1));
            path.truncate(1);
            path.extend(tail);
        }
        while path.len() < depth {
            path.insert(0, Screen::Start);
        }
        self.history = path;
        self.screen = screen;
        self.forward.clear();
        self.error = None;
        self.moved_by_browser = true;
        self.screen_serial += 1;
        self
    }

    /// After an answer: the next question, or where the visitor came from, or the review.
    fn advance(self) -> Self {
        match self.pending().first() {
            Some(next) => {
                let next = Screen::Question(*next);
                self.go(next)
            }
            None => {
                let to = self.return_to.unwrap_or(Screen::Review);
                let changed = self.return_to.and(self.changing);
                let mut s = WizardState {
                    return_to: None,
                    changing: None,
                    ..self
                }
                .go(to);
                s.focus_row = changed;
                s
            }
        }
    }

    fn store(mut self, fact: FactId, answer: Answer<Value>) -> Self {
        self.answers.set(fact, Some(answer));
        if !self.asked.contains(&fact) {
            self.asked.push(fact);
        }
        self.evaluation = Rc::new(engine::evaluate(&self.answers, self.as_of));
        self
    }

    fn edit(mut self, fact: FactId, f: impl FnOnce(&mut Draft)) -> Self {
        match self.drafts.iter_mut().find(|(k, _)| *k == fact) {
            Some((_, draft)) => f(draft),
            None => {
                let mut draft = Draft::default();
                f(&mut draft);
                self.drafts.push((fact, draft));
            }
        }
        self
    }
}

/// Reads a draft into the engine's value for `fact`, or says what is wrong with it.
pub fn read_draft(fact: FactId, draft: &Draft) -> Result<Answer<Value>, InputError> {
    if draft.choice.as_deref() == Some(UNKNOWN) && fact.allows_unknown() && uses_radios(fact) {
        return Ok(Answer::Unknown);
    }
    let parse = |e: ParseError, part: Part| InputError::new(e, part);
    let value = match fact.kind() {
        FactKind::Date => {
            // An installment date may be known by its month and year only (issue 11): the day left empty, or
            // "03/2021", "mars 2021", "March 2021" typed into one field.
            let input =
                parse_date_input(&draft.day, &draft.month, &draft.year, fact.allows_month())
                    .map_err(|e| {
                        let part = match e {
                            ParseError::YearOutOfRange => Part::Year,
                            ParseError::MonthNotUnderstood => Part::Month,
                            ParseError::MonthYearIncomplete if draft.month.trim().is_empty() => {
                                Part::Month
                            }
                            ParseError::MonthYearIncomplete => Part::Year,
                            ParseError::DateIncomplete if draft.day.trim().is_empty() => Part::Day,
                            ParseError::DateIncomplete if draft.month.trim().is_empty() => {
                                Part::Month
                            }
                            ParseError::DateIncomplete => Part::Year,
                            _ => Part::Whole,
                        };
                        parse(e, part)
                    })?;
            match input {
                DateInput::Day(y, m, d) => Value::Date(
                    Date::new(y, m, d)
                        .ok_or(InputError::new(ParseError::DateImpossible, Part::Whole))?,
                ),
                DateInput::Month(y, m) => Value::Month(
                    YearMonth::new(y, m)
                        .ok_or(InputError::new(ParseError::DateImpossible, Part::Whole))?,
                ),
            }
        }
        FactKind::Money => Value::Money(Cents(parse_money(&draft.text).map_err(text_error)?)),
        FactKind::Percent => {
            Value::Percent(Percent(parse_percent(&draft.text).map_err(text_error)?))
        }
        FactKind::Months => {
            let n = parse_duration(&draft.text).map_err(text_error)?;
            Value::Months(if draft.in_years {
                n.saturating_mul(12)
            } else {
                n
            })
        }
        FactKind::Count if count_options(fact).is_some() => {
            let choice = draft
                .choice
                .as_deref()
                .ok_or(InputError::new(FormCode::ChoiceMissing, Part::Whole))?;
            Value::Count(
                choice
                    .parse()
                    .map_err(|_| InputError::new(FormCode::ChoiceMissing, Part::Whole))?,
            )
        }
        FactKind::Count => Value::Count(parse_count(&draft.text).map_err(text_error)?),
        FactKind::YesNo => match draft.choice.as_deref() {
            Some("yes") => Value::YesNo(true),
            Some("no") => Value::YesNo(false),
            _ => return Err(InputError::new(FormCode::ChoiceMissing, Part::Whole)),
        },
        FactKind::Choice(options) => {
            let chosen = draft.choice.as_deref().unwrap_or("");
            match options.iter().find(|o| **o == chosen) {
                Some(o) => Value::Choice(o),
                None => return Err(InputError::new(FormCode::ChoiceMissing, Part::Whole)),
            }
        }
    };
    Ok(Answer::Known(value))
}

fn text_error(e: ParseError) -> InputError {
    if e == ParseError::Empty {
        InputError::new(FormCode::EmptyValue, Part::Text)
    } else {
        InputError::new(e, Part::Text)
    }
}

/// What a visitor would have typed to give `answer` (used when answers come back from a file or a link).
pub fn draft_of(fact: FactId, answer: Answer<Value>) -> Draft {
    let mut d = Draft::default();
    match answer {
        Answer::Unknown => d.choice = Some(UNKNOWN.into()),
        Answer::Known(v) => match v {
            Value::Date(date) => {
                d.day = digits(date.day().into(), 1);
                d.month = digits(date.month().into(), 1);
                d.year = digits(date.year().into(), 1);
            }
            Value::Month(m) => {
                d.month = digits(m.month().into(), 1);
                d.year = digits(m.year().into(), 1);
            }
            Value::Money(c) => {
                d.text = digits(c.0 / 100, 1);
                d.text.push(',');
                push_digits(&mut d.text, c.0 % 100, 2);
            }
            Value::Percent(p) => d.text = crate::ui::text::decimal(p.0, ','),
            Value::Months(n) => d.text = digits(n.into(), 1),
            Value::Count(n) if count_options(fact).is_some() => {
                d.choice = Some(digits(n.into(), 1))
            }
            Value::Count(n) => d.text = digits(n.into(), 1),
            Value::YesNo(b) => d.choice = Some(if b { "yes" } else { "no" }.into()),
            Value::Choice(o) => d.choice = Some(o.into()),
        },
    }
    d
}

/// Whether `fact` is answered with radio buttons (then "I don't know" is one of them).
pub fn uses_radios(fact: FactId) -> bool {
    matches!(fact.kind(), FactKind::YesNo | FactKind::Choice(_)) || count_options(fact).is_some()
}

/// Counts answered by choosing among a few values rather than typing.
pub fn count_options(fact: FactId) -> Option<&'static [&'static str]> {
    match fact {
        FactId::InsuredCount => Some(&["1", "2"]),
        _ => None,
    }
}

/// What the visitor does.
// `Restore` carries every answer; actions are short-lived, so boxing it would only cost a call site.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Leave the start screen for the first question.
    Begin,
    /// Type in a text field.
    EditText(FactId, String),
    /// Type in one of a date's fields.
    EditDate(FactId, Part, String),
    /// Choose months or years for a duration.
    SetInYears(FactId, bool),
    /// Choose a radio (an option id, `yes`/`no`, a count, or `unknown`).
    Choose(FactId, String),
    /// Confirm the question on show.
    Submit(FactId),
    /// "I don't know" for a typed question.
    AnswerUnknown(FactId),
    /// Go to a question from the review or the result, then come back there.
    Change(FactId),
    /// See the result from the review.
    ShowResult,
    /// Go back one screen; nothing typed is lost.
    Back,
    /// The browser's Back button: back to this many screens behind the first.
    BrowserBack(usize),
    /// The browser's Forward button: forward again to this many screens behind the first.
    BrowserForward(usize),
    /// "Check another loan": asks first when there is anything to lose.
    Restart,
    /// The visitor's answer to "clear everything?": yes starts a new check, no keeps everything.
    ConfirmRestart(bool),
    /// Switch the language; nothing typed is lost.
    SetLocale(Locale),
    /// Replace every answer with answers brought back (a dossier file, a resume link, this device's memory),
    /// then show the review. The caller asks the visitor first when answers would be overwritten.
    Restore(Box<Answers>),
    /// Answers remembered on this device, back after a reload or a return to the page: they replace every
    /// answer, and the widget goes back to the screen the page's history entry names ([`WizardState::entry`]),
    /// or to the review when it names none.
    Resume(Box<Answers>),
}

impl Reducible for WizardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = (*self).clone();
        let next = match action {
            Action::Begin => state.advance(),
            Action::EditText(fact, text) => state.edit(fact, |d| d.text = text),
            Action::EditDate(fact, part, text) => state.edit(fact, |d| match part {
                Part::Day => d.day = text,
                Part::Month => d.month = text,
                _ => d.year = text,
            }),
            Action::SetInYears(fact, years) => state.edit(fact, |d| d.in_years = years),
            Action::Choose(fact, choice) => {
                let mut s = state.edit(fact, |d| d.choice = Some(choice));
                s.error = None;
                s
            }
            Action::Submit(fact) => {
                let draft = state.draft(fact);
                match read_draft(fact, &draft) {
                    Err(e) => WizardState {
                        error: Some(e),
                        ..state
                    },
                    Ok(Answer::Unknown) => state.store(fact, Answer::Unknown).advance(),
                    Ok(Answer::Known(value)) => {
                        match check_value(&state.answers, fact, &value, state.as_of) {
                            Ok(()) => state.store(fact, Answer::Known(value)).advance(),
                            Err(problem) => {
                                let part = if fact.kind() == FactKind::Date || uses_radios(fact) {
                                    Part::Whole
                                } else {
                                    Part::Text
                                };
                                let error = InputError {
                                    code: problem.code.into(),
                                    part,
                                    limit_date: problem.limit_date,
                                    limit_amount: problem.limit_amount,
                                    limit_number: problem.limit_number,
                                };
                                WizardState {
                                    error: Some(error),
                                    ..state
                                }
                            }
                        }
                    }
                }
            }
            Action::AnswerUnknown(fact) if fact.allows_unknown() => {
                state.store(fact, Answer::Unknown).advance()
            }
            Action::AnswerUnknown(_) => state,
            Action::Change(fact) => {
                let back_to = state.screen;
                WizardState {
                    return_to: Some(back_to),
                    changing: Some(fact),
                    ..state
                }
                .go(Screen::Question(fact))
            }
            Action::ShowResult => state.go(Screen::Result),
            Action::Back => {
                let mut s = state;
                match s.history.pop() {
                    Some(previous) => {
                        // Back from the answer being changed to where "Change" was pressed: focus its row.
                        s.focus_row = if s.return_to == Some(previous) {
                            s.changing
                        } else {
                            None
                        };
                        s.changing = None;
                        s.forward.push(s.screen);
                        s.screen = previous;
                        s.error = None;
                        s.return_to = None;
                        s.moved_by_browser = false;
                        s.confirm_restart = false;
                        s.screen_serial += 1;
                        s
                    }
                    None => s,
                }
            }
            Action::BrowserBack(depth) => state.back_to(depth),
            Action::BrowserForward(depth) => state.forward_to(depth),
            Action::Restart if !state.asked.is_empty() => WizardState {
                confirm_restart: true,
                ..state
            },
            Action::ConfirmRestart(false) => WizardState {
                confirm_restart: false,
                ..state
            },
            Action::Restart | Action::ConfirmRestart(true) => WizardState {
                screen_serial: state.screen_serial + 1,
                featured: state.featured.clone(),
                ..WizardState::new(state.locale, state.as_of)
            },
            Action::SetLocale(locale) => WizardState { locale, ..state },
            Action::Restore(answers) => state.with_answers(*answers).go(Screen::Review),
            Action::Resume(answers) => {
                let entry = state.entry;
                let s = state.with_answers(*answers);
                match entry.filter(|(depth, _)| *depth > 0) {
                    Some((depth, screen)) => s.resume_at(depth, screen),
                    None => s.go(Screen::Review),
                }
            }
        };
        Rc::new(next)
    }
}
