#!/usr/bin/env bash
# Builds the release widget into target/site/ and prints the size of every shipped file against the budgets.
# Follows shared/design/TOOLCHAIN.md: `cargo rustc --crate-type cdylib` so LTO is really on,
# wasm-bindgen --target web, wasm-opt -Oz from npm binaryen, no `strip` (wasm-opt reads target_features).
source "$(dirname "$0")/lib.sh"
ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_split
ensure_node_modules
ensure_chromium   # scripts/start-screen.mjs reads the start screen from the widget at build time

OUT="$ROOT/target/site"
# wasm-bindgen and wasm-opt write to target/widget/pkg, kept between builds: `./scripts/build.sh --site` only
# re-assembles target/site from it (the JS, HTML and CSS of www/), in a second instead of a minute.
PKG="$ROOT/target/widget/pkg"
if [ "${1:-}" != "--site" ] || [ ! -f "$PKG/split_late.wasm" ]; then
  say "building the widget (release, LTO)"
  # Panic locations keep source paths in the wasm even with panic = "abort": shorten them (about 6 KB raw).
  SYSROOT="$(rustc --print sysroot)"
  RUSTC_HASH="$(rustc -vV | awk '/^commit-hash/ {print $2}')"
  export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$HOME/.cargo/registry/src/= --remap-path-prefix=/rustc/$RUSTC_HASH/= --remap-path-prefix=$SYSROOT= --remap-path-prefix=$ROOT/="
  # external-messages: the texts are not compiled in; embed.js loads them, one file per language (version.mjs).
  # split: the screens after the questions go to a second wasm file (src/ui/late.rs). wasm-split-cli cuts the
  # linked module at its #[wasm_split] mark, reading the relocations the linker keeps with --emit-relocs; the
  # first part then goes through wasm-bindgen, keeping the exports the second part links against.
  RUSTFLAGS="$RUSTFLAGS -Clink-args=--emit-relocs" \
    cargo rustc --quiet --lib --release --target wasm32-unknown-unknown --crate-type cdylib --target-dir target/widget \
    --features external-messages,split
  SPLIT="$ROOT/target/widget/split"
  rm -rf "$SPLIT" "$PKG" && mkdir -p "$SPLIT" "$PKG"
  wasm-split-cli --target web --out-name loan_insurance_check \
    target/widget/wasm32-unknown-unknown/release/loan_insurance_check.wasm "$SPLIT"
  [ -f "$SPLIT/split_late.wasm" ] && [ -f "$SPLIT/__wasm_split.js" ] || { echo "wasm-split-cli made no second file" >&2; exit 1; }
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --keep-lld-exports \
    --out-dir "$PKG" "$SPLIT/loan_insurance_check.wasm"
  cp "$SPLIT/__wasm_split.js" "$PKG/"
  # The best wasm-opt flags measured (shared/design/TOOLCHAIN.md, about 0.9 KB less than a plain -Oz), on the first
  # file; the second shares the first's memory, so nothing may assume its memory starts zeroed. Both at once.
  # The producers and target-features sections are for tools (wasm-bindgen has read them): browsers ignore them.
  wasm-opt -Oz --gufa --low-memory-unused --zero-filled-memory -Oz --converge --strip-target-features \
    "$PKG/loan_insurance_check_bg.wasm" -o "$PKG/loan_insurance_check_bg.wasm" & first=$!
  wasm-opt -Oz --low-memory-unused -Oz --converge --strip-producers --strip-target-features \
    "$SPLIT/split_late.wasm" -o "$PKG/split_late.wasm" & second=$!
  wait "$first" && wait "$second" || { echo "wasm-opt failed" >&2; exit 1; }
  # Short names for the first file's JavaScript imports, in the wasm and its glue alike (wasm-bindgen's carry a
  # hash each: about 2.5 KB brotli of the first file and 1.9 KB of the glue).
  node scripts/short-imports.mjs "$PKG/loan_insurance_check_bg.wasm" "$PKG/loan_insurance_check.js"
  # Functions in an order brotli compresses better (scripts/order-functions.mjs: by signature, then by how each body
  # begins): about 1.8 KB brotli less on the first file and 1.3 on the second; the code itself is unchanged. The
  # features are those rustc's wasm32 target emits (the target_features section is stripped above).
  FEATURES="--enable-bulk-memory --enable-bulk-memory-opt --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-multivalue --enable-call-indirect-overlong"
  for wasm in "$PKG/loan_insurance_check_bg.wasm" "$PKG/split_late.wasm"; do
    node scripts/order-functions.mjs "$wasm" "$wasm.named"
    # shellcheck disable=SC2086
    wasm-opt $FEATURES --reorder-functions-by-name --strip-debug "$wasm.named" -o "$wasm"
    rm "$wasm.named"
  done
fi
rm -rf "$OUT" && mkdir -p "$OUT/www/pkg"
cp "$PKG/loan_insurance_check.js" "$PKG/loan_insurance_check_bg.wasm" "$PKG/split_late.wasm" "$PKG/__wasm_split.js" "$OUT/www/pkg/"
cp index.html "$OUT/"
cp www/host-demo.css "$OUT/www/"
cp -r www/schema "$OUT/www/" 2>/dev/null || true
# Versioned names, one in-page bundle (glue + embed.js), the iframe page and loader, SRI hashes in www/files.json,
# the integration page (scripts/version.mjs); the wasm-bindgen outputs it merged are then no longer shipped.
node scripts/version.mjs "$OUT" >/dev/null
rm "$OUT/www/pkg/loan_insurance_check.js" "$OUT/www/pkg/loan_insurance_check_bg.wasm" "$OUT/www/pkg/split_late.wasm" "$OUT/www/pkg/__wasm_split.js"
node scripts/sizes.mjs "$OUT"
