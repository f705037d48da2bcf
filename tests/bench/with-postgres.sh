#!/bin/bash
# Runs one command beside a throwaway PostgreSQL server on a free loopback port (the server block of
# tests/run-tests.sh, with trust authentication), exports its URL as RAPPORT_BENCH_PG_URL, and stops the
# server and deletes its data afterwards, whatever the command did. Exits with the command's status.
#
#   tests/bench/with-postgres.sh sh -c 'build/dev/app/rapport --db "$RAPPORT_BENCH_PG_URL" demo --size large &&
#       build/dev/tests/bench/bench_search --db /tmp/large.sqlite --pg "$RAPPORT_BENCH_PG_URL"'
#
# Like the tests, the server runs with fsync=off: figures taken beside it leave out the cost of flushing to disk.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: with-postgres.sh COMMAND [ARGS...]" >&2; exit 2; }

work=$(mktemp -d /tmp/rapport-bench-pg.XXXXXX)
chmod 755 "$work"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "$(id -u)" -eq 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG=""; fi
pg_started=""
cleanup() {
    if [ -n "$pg_started" ]; then
        $AS_PG "$PGBIN/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

port=""
for p in $(seq 55500 55599); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "with-postgres: no free port for PostgreSQL in 55500-55599" >&2; exit 1; }
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work"
$AS_PG "$PGBIN/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
$AS_PG "$PGBIN/pg_ctl" -D "$work/data" -l "$work/log" -w -t 30 \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { echo "with-postgres: PostgreSQL did not start:" >&2; cat "$work/log" >&2; exit 1; }
pg_started=1
$AS_PG "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres rapport_bench
export RAPPORT_BENCH_PG_URL="postgresql://postgres@127.0.0.1:$port/rapport_bench"
export RAPPORT_BENCH_PG_LOG="$work/log"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port, RAPPORT_BENCH_PG_URL=$RAPPORT_BENCH_PG_URL" >&2

rc=0
"$@" || rc=$?
exit $rc
