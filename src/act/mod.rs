//! Acting on a result, and keeping it (PRODUCT.md journey steps 5 and 7; issue 7). Pure: answers, results and
//! dates in, text out; no clock, no DOM, no storage. The interface (`ui::components::act`, `keep`) does the rest.
//!
//! - [`letter`]: the claim letters, always in French, from `src/i18n/letters.fr.msg`.
//! - [`ics`]: the calendar reminders of a claim (iCalendar text).
//! - [`dossier`]: the dossier file (answers + result document), written and read back.
//! - [`fragment`]: the resume code (answers in a few bytes, base64url, versioned and checksummed) carried by the
//!   resume link's URL fragment and by this device's memory.

pub mod dossier;
pub mod fragment;
pub mod ics;
pub mod letter;

/// The prefix of every key this widget writes to the browser's local storage (only after the visitor opts in).
pub const STORAGE_PREFIX: &str = "loan-insurance-check:";
/// The local storage key of the remembered answers (a resume code).
pub const STORAGE_ANSWERS: &str = "loan-insurance-check:answers";
/// The local storage key of what the visitor typed for the letters (JSON, [`letter::Parties`]).
pub const STORAGE_LETTER: &str = "loan-insurance-check:letter";

/// A `data:` URL holding `text` (UTF-8, percent-encoded): a download that makes no request.
pub fn data_url(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
