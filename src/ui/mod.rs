//! The yew interface: a root component, a pure reducer (`state`), and small components.
//! It holds no rule of law: every verdict comes from [`crate::engine`], every text from [`crate::i18n`].

pub mod app;
pub mod browser;
pub mod components;
pub mod late;
pub mod state;
pub mod text;

pub use app::{HostEvent, Widget, WidgetProps};
