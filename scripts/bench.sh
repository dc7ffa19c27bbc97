#!/usr/bin/env bash
# ./scripts/bench.sh: the benchmark of issue 8 (not part of the tests). Builds the release site, then measures
# sizes, time to the first question and to the result screen (loopback and throttled), next-question time,
# engine speed and wasm memory, next to the same questionnaire built with SurveyJS (tests/surveyjs/).
# Prints a table with a verdict per budget, then fuzzes every parser of outside input (a million inputs each).
# About 3 to 5 minutes on 2 cores once the tools are installed, plus a few minutes of fuzzing.
# Times are from navigation start (the page's performance.now()): the demo page's own request is included.
# Where the first screens' time goes, step by step: node scripts/bench-trace.mjs [site] [loads] (not run here).
#   BENCH_NO_BUILD=1   reuse target/site as it is (while iterating on the bench itself)
#   BENCH_LOADS=N      fresh loads per configuration (default 10; fewer only to try the bench itself)
#   BENCH_NO_WASI=1    skip the engine compiled to wasm32-wasip1 (its first build takes about 2 minutes)
source "$(dirname "$0")/lib.sh"
ensure_chromium
ensure_node_modules

if [ "${BENCH_NO_BUILD:-0}" = 1 ] && [ -f target/site/index.html ]; then
  say "reusing target/site (BENCH_NO_BUILD=1)"
else
  say "1/2 release build and sizes (scripts/build.sh)"
  "$ROOT/scripts/build.sh"
fi

# Measure a copy: other builds in this checkout may replace target/site while the bench runs.
site_complete() { [ -f target/site/index.html ] && ls target/site/www/*.js >/dev/null 2>&1 && find target/site -name '*.wasm' | grep -q .; }
if ! site_complete; then
  say "target/site is incomplete (another build running?): building again"
  sleep 5; "$ROOT/scripts/build.sh"
fi
rm -rf target/bench/site && mkdir -p target/bench && cp -r target/site target/bench/site

# The SurveyJS comparison page: its own packages, their prebuilt browser bundles copied next to the page.
SJ="$ROOT/tests/surveyjs"
if [ ! -d "$SJ/node_modules/survey-js-ui" ] || [ "$SJ/package-lock.json" -nt "$SJ/node_modules/.package-lock.json" ]; then
  say "installing SurveyJS for the comparison (npm ci in tests/surveyjs)"
  (cd "$SJ" && npm ci --no-audit --no-fund --loglevel=error) || echo "SurveyJS could not be installed: its columns stay empty"
fi
OUT="$ROOT/target/bench/surveyjs"
rm -rf "$OUT"
if [ -d "$SJ/node_modules/survey-js-ui" ]; then
  mkdir -p "$OUT/vendor" "$OUT/www"
  cp "$SJ/index.html" "$SJ/questionnaire.js" "$OUT/"
  cp www/host-demo.css "$OUT/www/"   # the same host page styling as our demo page
  cp "$SJ/node_modules/survey-core/survey.core.min.js" "$SJ/node_modules/survey-core/survey-core.fontless.min.css" \
     "$SJ/node_modules/survey-core/i18n/french.min.js" "$SJ/node_modules/survey-js-ui/survey-js-ui.min.js" "$OUT/vendor/"
fi

say "2/2 measuring (headless Chromium; progress below, the table at the end)"
node scripts/bench.mjs

# Hardening: every parser of outside input under a million mutated inputs each (tests/fuzz.rs), in release.
# A panic, a hang or a silent refusal fails and keeps the input under tests/fuzz-regressions/.
#   BENCH_FUZZ=N   mutated inputs per target (default 1 000 000; 0 skips)
FUZZ="${BENCH_FUZZ:-1000000}"
if [ "$FUZZ" != 0 ]; then
  say "fuzzing: $FUZZ mutated inputs per parser (release)"
  FUZZ_ITERATIONS="$FUZZ" cargo test --quiet --release --test fuzz --target-dir target/fuzz -- --nocapture 2>&1 \
    | grep -Ev '^(running|test result|$)' || echo "fuzzing: FAIL (see above)"
fi

# --- server: the campaign server under load (scripts/bench-campaign.sh; BENCH_NO_CAMPAIGN=1 skips it).
if [ "${BENCH_NO_CAMPAIGN:-0}" != 1 ]; then
  "$ROOT/scripts/bench-campaign.sh"
fi
