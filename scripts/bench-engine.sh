#!/bin/sh
# Native evaluations per second of the rules engine: the SPEC §4 answer sets and every law case of tests/cases/,
# in the release build (the wasm's profile, opt-level "z") and the campaign server's build (profile "server").
# Usage: scripts/bench-engine.sh [seconds]   (uses its own target dir so it never blocks other builds)
# Budget (issue 11/15, printed, not a test: the speed depends on the machine's load): >= 10000 evaluations/s on the
# law cases; the campaign server re-checks every payload with this engine (>= 2000 verified results/s on 2 cores).
set -eu
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/engine}"
S="${1:-3}"
echo "load: $(uptime)"
for profile in release server; do
  cargo build --quiet --profile "$profile" --bin loan-insurance-check
  bin="$CARGO_TARGET_DIR/$profile/loan-insurance-check"
  echo "[$profile] $("$bin" bench --seconds "$S")"
  echo "[$profile] $("$bin" bench --seconds "$S" --cases tests/cases)"
done
echo "budget: >= 10000 evaluations/s on the law cases (before issue 11's resolver: ~26000 on SPEC §4; with it, before this round's speed work: ~2500 release / ~4400 law cases)"
