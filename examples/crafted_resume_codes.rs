//! Prints the crafted resume codes of `tests/crafted/mod.rs` as one JSON object `{ name: code }`, for the
//! hostile-host browser test (`tests/e2e/hostguard.test.mjs`): answers no visitor can type, each with a valid
//! checksum, made by `fragment::encode` so they cannot drift from the format.
//!
//! ```text
//! cargo run --quiet --example crafted_resume_codes
//! ```

#[path = "../tests/crafted/mod.rs"]
#[allow(dead_code)] // `expand` is for the catalogue test
mod crafted;

fn main() {
    let codes: serde_json::Map<String, serde_json::Value> = crafted::codes()
        .into_iter()
        .map(|(name, code)| (name.to_string(), code.into()))
        .collect();
    println!("{}", serde_json::Value::Object(codes));
}
