//! What a question's field can say is wrong with what was typed (`error.<code>` in the message files): one
//! closed list over the parsers' codes, the engine's checks of a value and the form's own, so the
//! message-coverage test loops over [`InputCode::ALL`] and a code added anywhere without its words fails.

use crate::engine::codes::{coded, Coded};
use crate::engine::ProblemCode;
use crate::i18n::parse::ParseError;

coded! {
    /// What the form itself refuses, before any parser or check.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FormCode {
        /// No option chosen.
        ChoiceMissing = "choice_missing",
        /// A text field left empty.
        EmptyValue = "empty_value",
    }
}

/// Why the answer on show is refused: a parser's code, an engine check's code, or the form's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputCode {
    /// What was typed is not understood.
    Parse(ParseError),
    /// The value is understood but implausible or inconsistent with another answer.
    Check(ProblemCode),
    /// Nothing usable was given.
    Form(FormCode),
}

const N: usize = ParseError::ALL.len() + ProblemCode::ALL.len() + FormCode::ALL.len();

/// Every value: the parsers', then the checks', then the form's, each in the order of its own list.
const EVERY: [InputCode; N] = {
    let mut all = [InputCode::Form(FormCode::EmptyValue); N];
    let mut i = 0;
    let mut j = 0;
    while j < ParseError::ALL.len() {
        all[i] = InputCode::Parse(ParseError::ALL[j]);
        i += 1;
        j += 1;
    }
    j = 0;
    while j < ProblemCode::ALL.len() {
        all[i] = InputCode::Check(ProblemCode::ALL[j]);
        i += 1;
        j += 1;
    }
    j = 0;
    while j < FormCode::ALL.len() {
        all[i] = InputCode::Form(FormCode::ALL[j]);
        i += 1;
        j += 1;
    }
    all
};

impl InputCode {
    /// Every value, built from the three lists (none is written twice).
    pub const ALL: &'static [InputCode] = &EVERY;

    /// The stable snake_case code (`error.<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            InputCode::Parse(e) => e.code(),
            InputCode::Check(p) => p.code(),
            InputCode::Form(f) => f.code(),
        }
    }
}

impl Coded for InputCode {
    const ALL: &'static [InputCode] = InputCode::ALL;
    fn code(&self) -> &'static str {
        InputCode::code(self)
    }
}

impl From<ParseError> for InputCode {
    fn from(e: ParseError) -> InputCode {
        InputCode::Parse(e)
    }
}

impl From<ProblemCode> for InputCode {
    fn from(p: ProblemCode) -> InputCode {
        InputCode::Check(p)
    }
}

impl From<FormCode> for InputCode {
    fn from(f: FormCode) -> InputCode {
        InputCode::Form(f)
    }
}
