#!/usr/bin/env bash
# Runs every Tandem test: unit, integration (SQLite and PostgreSQL) and browser tests.
# Installs what the tests need when missing (Debian chromium), starts a throw-away PostgreSQL
# cluster on a free loopback port in a temp folder, and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

log() { printf '[test] %s\n' "$*" >&2; }

install_debian() {
  if [ "$(id -u)" -ne 0 ]; then
    log "need root to install $*; install them and run again"; exit 1
  fi
  log "installing $* (Debian packages)"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  install_debian chromium
fi

# Briefing books and reports in Japanese print with a Japanese font; without one Chromium shows empty boxes.
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  install_debian fonts-ipafont-gothic
fi

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  install_debian postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi

PG_DIR="$(mktemp -d /tmp/tandem-pg.XXXXXX)"
cleanup() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PG_DIR"
fi

PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
# Character classes from C.UTF-8 (sorting stays C): pg_trgm then makes trigrams of Japanese, so search uses its index.
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C --lc-ctype=C.UTF-8 >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null

export TANDEM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
export TANDEM_TEST_CHROMIUM=/usr/bin/chromium
# Browser tests photograph the pages they walk (every page, both languages, phone and desktop) here, for people to look at.
export TANDEM_TEST_SCREENSHOTS="${TANDEM_TEST_SCREENSHOTS:-$RESULTS/screenshots}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

log "building"
dotnet build Tandem.slnx -c Release -warnaserror -nologo -v quiet
log "running tests"
status=0
dotnet test Tandem.slnx -c Release --no-build --logger "trx" --results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
python3 "$ROOT/scripts/count-results.py" "$RESULTS" || status=1
exit $status
