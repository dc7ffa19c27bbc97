//! Components of the widget: one screen or one reusable field each.

mod act;
mod blocks;
mod field_error;
mod isolated;
mod keep;
mod language_switch;
mod question;
mod result;
mod review;
mod send;
mod start_screen;

pub use act::ActPanel;
pub use blocks::{
    actions, body_row, button, el, el_role, head_row, hint, item, law_links, note, pair, para,
    paragraph, small_heading,
};
pub use field_error::field_error;
pub use isolated::isolated;
pub use keep::{open_file, Keep, KeepHandle, KeepNotes};
pub use language_switch::language_switch;
pub use question::{question, use_field_focus};
pub use result::ResultScreen;
pub use review::Review;
pub use send::{SendPanel, SentBook};
pub use start_screen::start_screen;

use yew::prelude::*;

/// Props shared by every screen: the heading that receives focus when the screen appears.
#[derive(Properties, Clone, PartialEq)]
pub struct ScreenProps {
    /// The screen's `<h2>`, focused after each move.
    pub heading: NodeRef,
}
