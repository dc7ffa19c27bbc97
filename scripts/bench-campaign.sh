#!/usr/bin/env bash
# ./scripts/bench-campaign.sh: the campaign server under load (issue 15), on loopback only. Builds the server
# (profile `server`), then for an SQLite file and a throwaway PostgreSQL: starts it, posts realistic payloads (every
# law case of tests/cases/, as the widget wraps them, each with a fresh idempotency key, all re-checked by the engine),
# and prints verified results per second and the p50/p99 latency next to the targets. Not a pass/fail test.
#   BENCH_CAMPAIGN_REQUESTS=N      payloads per database (default 20000)
#   BENCH_CAMPAIGN_CONCURRENCY=C   keep-alive connections (default 16)
source "$(dirname "$0")/lib.sh"
ensure_postgres
N="${BENCH_CAMPAIGN_REQUESTS:-20000}"
C="${BENCH_CAMPAIGN_CONCURRENCY:-16}"
say "building the campaign server (cargo build -p loan-insurance-campaign --profile server)"
cargo build --quiet -p loan-insurance-campaign --profile server
BIN="$ROOT/target/server/loan-insurance-campaign"
WORK="$ROOT/target/bench/campaign"
rm -rf "$WORK"; mkdir -p "$WORK"
PG_URL="$(start_postgres "$WORK/pg")"
trap 'stop_postgres "$WORK/pg"' EXIT
fields="$(node -e 'const s=require("./www/schema/answers.v1.schema.json");console.log(JSON.stringify(Object.keys(s.properties).filter(k=>k!=="version")))')"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # name, database_url
  local name="$1" url="$2" conf="$WORK/$1.toml"
  cat > "$conf" <<TOML
listen = "127.0.0.1:0"
database_url = "$url"
admin_token = "bench-admin-token-0123456789"
[limits]
rate_per_minute = 0
[manifest]
name = "Campagne de mesure"
origin = "https://campagne.example.org"
fields = { required = ["email"], optional = $fields }
purpose = "Mesurer le serveur de campagne."
controller = { name = "Association", contact = "dpo@example.org" }
retention_months = 24
fee = { percent = 0 }
TOML
  LIC_CAMPAIGN_TIMINGS=1 "$BIN" serve --config "$conf" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  local pid=$!
  for _ in $(seq 100); do grep -qs listening "$WORK/$name.out" && break; sleep 0.1; done
  local addr; addr="$(grep -o '127.0.0.1:[0-9]*' "$WORK/$name.out" | head -1)"
  "$BIN" load --url "http://$addr" --cases tests/cases --requests 500 --concurrency "$C" > /dev/null   # warm-up
  local before; before="$(cpu_ticks "$pid")"
  printf '%-10s load average before: %s\n%-10s ' "$name" "$(cut -d' ' -f1-3 /proc/loadavg)" ""
  "$BIN" load --url "http://$addr" --cases tests/cases --requests "$N" --concurrency "$C"
  local used=$(( $(cpu_ticks "$pid") - before )) hz; hz="$(getconf CLK_TCK)"
  # CPU time the server itself used (the machine is shared: wall-clock figures depend on what else runs).
  awk -v t="$used" -v hz="$hz" -v n="$N" 'BEGIN { s = t / hz; printf "%-10s server CPU %.2f s for %d results: %.0f results per CPU-second (the database server not included)\n", "", s, n, (s > 0 ? n / s : 0) }'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # Where each request's time went inside the server (the warm-up included), the engine apart.
  grep '^timings' "$WORK/$name.err" | sed "s/^/           /" || true
  printf '%-10s load average after: %s\n' "" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

say "load: $N payloads per database, $C connections, $(nproc) cores (shared: figures vary with what else runs)"
run sqlite "sqlite://$WORK/campaign.sqlite"
run postgres "${PG_URL%/postgres}/postgres"
