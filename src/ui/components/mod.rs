//! Components of the widget: one screen or one reusable field each.

mod date_question;
mod field_error;
mod language_switch;
mod loan_kind_question;
mod start_screen;
mod switching_result;

pub use date_question::DateQuestion;
pub use field_error::FieldError;
pub use language_switch::LanguageSwitch;
pub use loan_kind_question::LoanKindQuestion;
pub use start_screen::StartScreen;
pub use switching_result::SwitchingResult;

use yew::prelude::*;

/// Props shared by every screen: the heading that receives focus when the screen appears.
#[derive(Properties, Clone, PartialEq)]
pub struct ScreenProps {
    /// The screen's `<h2>`, focused after each move.
    pub heading: NodeRef,
}
