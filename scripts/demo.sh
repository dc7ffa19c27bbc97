#!/usr/bin/env bash
# Installs what is missing, builds the release widget and serves the demo host page
# at http://127.0.0.1:8080/ (or $PORT).
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/build.sh"
exec node scripts/serve.mjs target/site
