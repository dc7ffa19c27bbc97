#!/bin/sh
# Native evaluations per second of the rules engine (SPEC §4 answer sets), release build.
# Usage: scripts/bench-engine.sh [seconds]   (uses its own target dir so it never blocks other builds)
set -eu
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/engine}"
cargo build --quiet --release --bin loan-insurance-check
"$CARGO_TARGET_DIR/release/loan-insurance-check" bench --seconds "${1:-3}"
