# Shared by scripts/*.sh: install what is missing on a fresh Debian machine, and nothing else.
# Each ensure_* is idempotent and quiet when the tool is already there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Root in CI and on the dev machines; sudo elsewhere.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Lint is a test (scripts/test.sh): a minimal rustup profile may lack these two.
ensure_lint_components() {
  local have; have="$(rustup component list --installed)"
  for c in clippy rustfmt; do
    grep -q "^$c" <<<"$have" || { say "adding the $c component"; rustup component add "$c"; }
  done
}

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 2 minutes)"
    # No --locked: its lockfile pins a crate the registry does not serve (shared/design/TOOLCHAIN.md).
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

# Chromium (the browser tests) and PostgreSQL (the campaign server's tests) in ONE apt-get update and install, run in
# the background by scripts/test.sh while Rust compiles: on a fresh machine PostgreSQL then no longer waits in the
# foreground after the native tests (ensure_chromium and ensure_postgres stay, and find everything there).
ensure_chromium_and_postgres() {
  local missing=()
  { command -v chromium >/dev/null && command -v chromedriver >/dev/null; } || missing+=(chromium chromium-driver)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_node_modules() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# --- server (campaign/) ---
# PostgreSQL for the campaign server's tests: Debian's server, started as a throwaway instance on a free
# loopback port with its data and socket under target/ (as the postgres user when run as root, as in CI).
ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    say "installing PostgreSQL from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
}

pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres DIR: prints the server's URL (postgres://postgres@127.0.0.1:PORT/postgres).
start_postgres() {
  local dir="$1" bin port
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  stop_postgres "$dir"
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  pg_run "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
  pg_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# stop_postgres DIR: stops the instance of DIR, if one runs.
stop_postgres() {
  local dir="$1" bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    pg_run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# --- ecosystem (issue 16) ---
# What tests/ecosystem/ needs from Debian: nginx and Apache (the hosting test) and WordPress with MariaDB and
# PHP-FPM (the plugin test). Waits for another apt run (Chromium's) to release the lock rather than failing.
ensure_ecosystem_packages() {
  local missing=()
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -x /usr/sbin/apache2 ] || missing+=(apache2)
  [ -f /usr/share/wordpress/wp-load.php ] || missing+=(wordpress)
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  compgen -G '/usr/sbin/php-fpm*' >/dev/null || missing+=(php-fpm)
  { command -v php >/dev/null && php -m 2>/dev/null | grep -x mysqli >/dev/null; } || missing+=(php-mysql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian (the ecosystem tests)"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  fi
}

# --- split ---
# wasm-split-cli (crate wasm_split_cli_support, the build tool of the `wasm_split_helpers` split point the widget
# uses, same version line): cuts the release wasm into its two files (scripts/build.sh, src/ui/late.rs).
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
  fi
}
