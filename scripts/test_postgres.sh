#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the tests: data and socket in a temp dir.
#   eval "$(bash scripts/test_postgres.sh start)"   # prints export lines (URL, dir)
#   bash scripts/test_postgres.sh stop               # stops it, removes the dir
# Needs the Debian package `postgresql` (.ci/run installs it). Run as root, the server runs
# as the postgres user; as another user, as that user.
set -euo pipefail

bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
    echo "$dir"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin root port
    bin=$(bin_dir)
    root=$(mktemp -d /tmp/spendline-pg.XXXXXX)
    mkdir -p "$root/data" "$root/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$root"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --no-locale >"$root/initdb.log"
    as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w \
        -o "-k $root/sock -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres spendline_test
    echo "export SPENDLINE_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/spendline_test"
    echo "export SPENDLINE_TEST_PG_DIR=$root"
}

stop() {
    local root=${1:-${SPENDLINE_TEST_PG_DIR:-}}
    [ -n "$root" ] && [ -d "$root/data" ] || { echo "no test PostgreSQL to stop" >&2; return 0; }
    as_owner "$(bin_dir)/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null || true
    rm -rf "$root"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop [dir]" >&2; exit 2 ;;
esac
