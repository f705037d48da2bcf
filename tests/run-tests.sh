#!/bin/bash
# Runs every test against real services: a PostgreSQL server on loopback and a private gnome-keyring
# in its own D-Bus session (so a developer's real keyring is never touched). Stops them afterwards.
#   sh tests/run-tests.sh BUILD_DIR [ctest arguments...]
set -euo pipefail
build=${1:?usage: run-tests.sh BUILD_DIR}
shift
build=$(cd "$build" && pwd)

work=$(mktemp -d /tmp/rapport-test.XXXXXX)
chmod 755 "$work"
pg_started=""
cleanup() {
    if [ -n "$pg_started" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# --- PostgreSQL on a free loopback port -------------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=""
for p in $(seq 55432 55499); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "run-tests: no free port for PostgreSQL in 55432-55499" >&2; exit 1; }
mkdir -p "$work/pg"
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work/pg"
if [ "$(id -u)" -eq 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG=""; fi
# Password authentication over TCP, as a real team server would have: the tests also check that a wrong
# password gets a clear message. The password is a throwaway for this private server.
pgpass=rapport-test-only
printf '%s\n' "$pgpass" > "$work/pg/pwfile"
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work/pg/pwfile"
$AS_PG "$PGBIN/initdb" -D "$work/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$work/pg/pwfile" -E UTF8 --no-locale --no-sync >/dev/null
$AS_PG "$PGBIN/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 30 \
    -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { echo "run-tests: PostgreSQL did not start:" >&2; cat "$work/pg/log" >&2; exit 1; }
pg_started=1
export RAPPORT_TEST_PG_URL="postgresql://postgres:$pgpass@127.0.0.1:$port/postgres"
export RAPPORT_REQUIRE_POSTGRES=1
echo "run-tests: PostgreSQL on 127.0.0.1:$port"

# --- A private keyring session, then the tests inside it --------------------------------------------
export XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen

dbus-run-session -- sh -c '
  printf %s throwaway | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  K=$!
  n=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; do
    n=$((n+1)); [ $n -lt 200 ] || { echo "run-tests: the keyring did not start" >&2; kill $K; exit 1; }
    sleep 0.05
  done
  build=$1; shift
  rc=0
  ctest --test-dir "$build" --output-on-failure -j2 --timeout 600 "$@" || rc=$?
  kill $K 2>/dev/null; wait $K 2>/dev/null
  exit $rc' sh "$build" "$@"
