//! Browser access of the interface (web_sys, js_sys, reflection), one file per concern.

pub mod history;
