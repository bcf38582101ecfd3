#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests (and for trying
# `extract batch --db`). Installs Debian's postgresql package if the server
# binaries are missing (root only), initdb's a cluster into a temporary folder
# owned by a non-root user (postgres refuses to run as root), starts it on
# 127.0.0.1 on a free port, and prints its URL on stdout.
#
#   scripts/postgres.sh [start]   start (or find running) and print the URL
#   scripts/postgres.sh status    print the URL if running, else exit 1
#   scripts/postgres.sh stop      stop the server and remove its folder
#
# Idempotent: a second `start` prints the running server's URL. The folder is
# $EXTRACT_PG_DIR (default: $TMPDIR/extract-pg-<uid>). Tuned for tests:
# trust authentication on loopback only, fsync off.
set -euo pipefail

state="${EXTRACT_PG_DIR:-${TMPDIR:-/tmp}/extract-pg-$(id -u)}"
data="$state/data"
db="extract_test"
pg_user="extract"

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

install_server() {
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL server binaries not found and not root: install Debian's postgresql package"
    return 1
  fi
  say "installing Debian's postgresql package"
  # No default cluster: this script makes its own.
  mkdir -p /etc/postgresql-common
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Run a command as the server's owner: ourselves, or (as root) the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url() { echo "postgresql://$pg_user@127.0.0.1:$(cat "$state/port")/$db"; }

running() {
  [ -f "$state/port" ] && [ -f "$data/postmaster.pid" ] && bindir="$(find_bindir)" \
    && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  if running; then url; return 0; fi
  bindir="$(find_bindir)" || { install_server && bindir="$(find_bindir)"; } \
    || { say "no PostgreSQL server binaries"; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id "$owner" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$state"
    mkdir -p "$state"
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$state"
    as_owner "$bindir/initdb" -D "$data" -U "$pg_user" --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
      || { say "initdb failed:"; cat "$state/initdb.log" >&2; return 1; }
  fi
  port="$(free_port)"
  echo "$port" > "$state/port"
  as_owner "$bindir/pg_ctl" -D "$data" -l "$state/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null \
    || { say "the server did not start:"; tail -20 "$state/server.log" >&2; return 1; }
  if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$pg_user" -d postgres -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$pg_user" "$db"
  fi
  say "PostgreSQL running on 127.0.0.1:$port (data in $data)"
  url
}

stop() {
  if [ -f "$data/postmaster.pid" ] && bindir="$(find_bindir)"; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

owner="postgres"
[ "$(id -u)" -ne 0 ] && owner="$(id -un)"

case "${1:-start}" in
  start) start ;;
  status) running && url ;;
  stop) stop ;;
  *) echo "usage: scripts/postgres.sh [start|status|stop]" >&2; exit 2 ;;
esac
