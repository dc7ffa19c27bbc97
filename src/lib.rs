//! loan-insurance-check: a private, in-browser checker of French borrower-insurance
//! (assurance emprunteur) refund claims, embeddable on any site as a WebAssembly widget.
//!
//! - [`engine`]: the pure rules engine (no web, no clock, no locale); also used by the CLI.
//! - [`i18n`]: the French and English message tables and the parsers of typed values.
//! - `ui` (wasm only): the yew components, a reducer and its effects.
//! - `embed` (wasm only): the one module that exposes anything to JavaScript.

// First, with its macros (`msg!`, `msg_table!`) in scope for every module below.
#[macro_use]
pub mod i18n;
pub mod act;
pub mod engine;
pub mod host_config;
pub mod manifest;
pub mod payload;
pub mod sort;
pub mod theme;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod ui;
