#!/bin/bash
# Runs every test against real services: a PostgreSQL server on loopback (and a second one that speaks only
# TLS, with a throwaway CA made by openssl for the run), a private gnome-keyring
# in its own D-Bus session (so a developer's real keyring is never touched), and a real Bluesky server
# stack (PLC, PDS, AppView from @atproto/dev-env, on redis-server and the same PostgreSQL). Stops them
# afterwards.
#   bash tests/run-tests.sh BUILD_DIR [ctest arguments...]
# Environment:
#   RAPPORT_TEST_BSKY=off      do not start the Bluesky stack (its tests skip, except in CI)
#   RAPPORT_BSKY_CACHE=DIR     where the dev-env's node_modules are cached (default ~/.cache/rapport/...)
#   RAPPORT_BSKY_PLC_PORT, RAPPORT_BSKY_PDS_PORT, RAPPORT_BSKY_APPVIEW_PORT: fixed ports (default: free ones)
#   CI=true (or RAPPORT_REQUIRE_BLUESKY=1): a missing Node.js 20 or a stack that does not start fails the run
#   RAPPORT_TEST_DEB=on|off    run the Debian package tests (label "deb": a release build, cpack, lintian,
#                              hardening-check, dpkg -x): on in CI, off otherwise (docs/PACKAGING.md says why)
set -euo pipefail
build=${1:?usage: run-tests.sh BUILD_DIR}
shift
build=$(cd "$build" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
# Before the XDG_* variables below point into the run's temp dir.
bsky_cache=${RAPPORT_BSKY_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/rapport/bluesky-devenv}

work=$(mktemp -d /tmp/rapport-test.XXXXXX)
chmod 755 "$work"
pg_started=""
pgtls_started=""
bsky_pid=""
redis_pid=""
stop_pid() { # pid: TERM, up to 10 s to exit, then KILL
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}
cleanup() {
    [ -z "$bsky_pid" ] || stop_pid "$bsky_pid"
    [ -z "$redis_pid" ] || stop_pid "$redis_pid"
    # The dev-env's log outlives the run, for a failed Bluesky test.
    [ ! -f "$work/bsky/log" ] || { mkdir -p "$build/Testing" && cp "$work/bsky/log" "$build/Testing/bluesky-devenv.log"; } 2>/dev/null || true
    if [ -n "$pg_started" ]; then
        $AS_PG "$PGBIN/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$pgtls_started" ]; then
        $AS_PG "$PGBIN/pg_ctl" -D "$work/pgtls/data" -m fast -w stop >/dev/null 2>&1 || true
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

# --- A second PostgreSQL that speaks only TLS, for the TLS tests (docs/TEAM.md, "with TLS") -----------------
# Its own server, so that the one above stays without TLS: tests there check that verify-full against a
# server without TLS is refused, and every other test's connections stay as they were. A throwaway CA and a
# server certificate for localhost and 127.0.0.1 are made here with openssl, the same commands as TEAM.md's
# (nothing secret is in the repository); a second CA signs nothing of this server (the "wrong CA"). pg_hba
# allows only hostssl lines, so whatever connects to this server is encrypted. It also listens on 127.0.0.2,
# an address that is not in the certificate (verify-full must refuse it).
command -v openssl >/dev/null 2>&1 || { echo "run-tests: openssl is not installed (apt-get install openssl)" >&2; exit 1; }
tlsport=""
for p in $(seq $((port + 1)) 55499); do
    if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then tlsport=$p; break; fi
done
[ -n "$tlsport" ] || { echo "run-tests: no free port for the TLS PostgreSQL in $((port + 1))-55499" >&2; exit 1; }
tlsdir="$work/pgtls/certs"
mkdir -p "$tlsdir"
(
    cd "$tlsdir"
    openssl req -new -x509 -days 2 -nodes -subj "/CN=Rapport test CA" -keyout ca.key -out ca.crt
    openssl req -new -x509 -days 2 -nodes -subj "/CN=Some other CA" -keyout wrong-ca.key -out wrong-ca.crt
    openssl req -new -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
        -extfile <(printf "subjectAltName=DNS:localhost,IP:127.0.0.1") -out server.crt
    chmod 600 server.key
) > "$work/openssl.log" 2>&1 || { echo "run-tests: openssl could not make the test certificates:" >&2; cat "$work/openssl.log" >&2; exit 1; }
cp "$work/pg/pwfile" "$work/pgtls/pwfile"
[ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$work/pgtls"
$AS_PG "$PGBIN/initdb" -D "$work/pgtls/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$work/pgtls/pwfile" -E UTF8 --no-locale --no-sync >/dev/null
printf '%s\n' "local all all trust" "hostssl all all 127.0.0.1/32 scram-sha-256" \
    "hostssl all all 127.0.0.2/32 scram-sha-256" "hostssl all all ::1/128 scram-sha-256" \
    | $AS_PG tee "$work/pgtls/data/pg_hba.conf" >/dev/null
$AS_PG "$PGBIN/pg_ctl" -D "$work/pgtls/data" -l "$work/pgtls/log" -w -t 30 \
    -o "-p $tlsport -k $work/pgtls -c listen_addresses=127.0.0.1,127.0.0.2 -c fsync=off -c max_connections=50 \
        -c ssl=on -c ssl_cert_file=$tlsdir/server.crt -c ssl_key_file=$tlsdir/server.key" start >/dev/null \
    || { echo "run-tests: the TLS PostgreSQL did not start:" >&2; cat "$work/pgtls/log" >&2; exit 1; }
pgtls_started=1
export RAPPORT_TEST_PG_TLS_URL="postgresql://postgres:$pgpass@localhost:$tlsport/postgres?sslmode=verify-full&sslrootcert=$tlsdir/ca.crt"
export RAPPORT_TEST_PG_TLS_WRONG_CA="$tlsdir/wrong-ca.crt" RAPPORT_TEST_PG_TLS_OTHER_HOST=127.0.0.2
echo "run-tests: PostgreSQL with TLS only on localhost:$tlsport (CA $tlsdir/ca.crt)"

# --- The Bluesky server stack (tests/bluesky/devenv.js) on loopback ----------------------------------
# Needs Node.js 20+ (Debian 12's own nodejs is 18: too old for @atproto/dev-env 0.3.215) and redis-server.
# node_modules (~360 MB, 2 minutes to install cold) live in a cache keyed by the lockfile, not in the
# source tree, so a fresh clone (CI) reuses them; `npm ci` runs only when the lockfile changed.
bsky_required=""
[ "${CI:-}" != "true" ] && [ "${RAPPORT_REQUIRE_BLUESKY:-}" != "1" ] || bsky_required=1
free_port() { # first free loopback port in [$1, $2]
    local p
    for p in $(seq "$1" "$2"); do
        if ! (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}
bsky_unavailable() { # reason
    if [ -n "$bsky_required" ]; then
        echo "run-tests: the Bluesky server stack is required in CI: $1" >&2
        exit 1
    fi
    echo "run-tests: skipping the Bluesky tests: $1" >&2
    export RAPPORT_TEST_BSKY_SKIP="$1"
}
start_bluesky() {
    local node_major
    if ! command -v node >/dev/null 2>&1; then
        bsky_unavailable "node is not installed (Node.js 20 or newer is needed)"; return 0
    fi
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$node_major" -lt 20 ]; then
        bsky_unavailable "Node.js $(node --version) is too old (20 or newer is needed)"; return 0
    fi
    command -v redis-server >/dev/null 2>&1 || { bsky_unavailable "redis-server is not installed"; return 0; }

    local t0=$SECONDS key dir
    key=$(cat "$src/tests/bluesky/package.json" "$src/tests/bluesky/package-lock.json" | sha256sum | cut -c1-16)
    dir="$bsky_cache/node$node_major-$key"
    mkdir -p "$bsky_cache"
    (
        flock 9 # two test runs at once must not install into one directory
        if [ ! -f "$dir/.installed" ]; then
            echo "run-tests: installing the Bluesky dev-env (npm ci, about 2 minutes the first time)..."
            rm -rf "$dir"; mkdir -p "$dir"
            cp "$src/tests/bluesky/package.json" "$src/tests/bluesky/package-lock.json" "$dir/"
            if ! (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund) > "$work/npm.log" 2>&1; then
                cat "$work/npm.log" >&2; rm -rf "$dir"; exit 1
            fi
            touch "$dir/.installed"
            # Older installs (an earlier lockfile) are 360 MB each.
            find "$bsky_cache" -mindepth 1 -maxdepth 1 -type d ! -path "$dir" -exec rm -rf {} + 2>/dev/null || true
        fi
    ) 9> "$bsky_cache/.lock" || { bsky_unavailable "npm ci failed (log above)"; return 0; }

    # redis-server: memory only, foreground, killed by its pid.
    local rport
    rport=$(free_port 56379 56479) || { bsky_unavailable "no free port for redis-server"; return 0; }
    mkdir -p "$work/redis"
    redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --dir "$work/redis" --logfile "$work/redis/log" &
    redis_pid=$!
    local n=0
    until redis-cli -h 127.0.0.1 -p "$rport" ping 2>/dev/null | grep -q PONG; do
        n=$((n+1))
        if [ $n -gt 100 ] || ! kill -0 "$redis_pid" 2>/dev/null; then
            cat "$work/redis/log" >&2; bsky_unavailable "redis-server did not start"; return 0
        fi
        sleep 0.05
    done

    # Its own database on the test PostgreSQL, and free ports. A port can be taken between the check and the
    # dev-env's listen() (another test run on the machine): then it is started again on other ports.
    local plc pds appview attempt base ready=""
    mkdir -p "$work/bsky"
    for attempt in 1 2 3; do
        $AS_PG "$PGBIN/psql" -h "$work/pg" -p "$port" -U postgres -q -c 'DROP DATABASE IF EXISTS bsky' >/dev/null
        $AS_PG "$PGBIN/psql" -h "$work/pg" -p "$port" -U postgres -q -c 'CREATE DATABASE bsky' >/dev/null
        base=$((52582 + (attempt - 1) * 1000 + RANDOM % 500))
        plc=${RAPPORT_BSKY_PLC_PORT:-$(free_port $base $((base + 99)))}
        pds=${RAPPORT_BSKY_PDS_PORT:-$(free_port $((plc+1)) $((base + 199)))}
        appview=${RAPPORT_BSKY_APPVIEW_PORT:-$(free_port $((pds+1)) $((base + 299)))}
        : > "$work/bsky/out"
        (
            cd "$src/tests/bluesky"
            export NODE_PATH="$dir/node_modules" DB_POSTGRES_URL="postgresql://postgres:$pgpass@127.0.0.1:$port/bsky" \
                REDIS_HOST="127.0.0.1:$rport" RAPPORT_BSKY_PLC_PORT="$plc" RAPPORT_BSKY_PDS_PORT="$pds" \
                RAPPORT_BSKY_APPVIEW_PORT="$appview" LOG_ENABLED=false
            exec node devenv.js > "$work/bsky/out" 2> "$work/bsky/log" < /dev/null
        ) &
        bsky_pid=$!
        local deadline=$((SECONDS + ${RAPPORT_BSKY_START_TIMEOUT:-120}))
        until grep -qx ready "$work/bsky/out" 2>/dev/null; do
            if ! kill -0 "$bsky_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
                break
            fi
            sleep 0.2
        done
        if grep -qx ready "$work/bsky/out" 2>/dev/null; then ready=1; break; fi
        stop_pid "$bsky_pid"; bsky_pid=""
        if grep -q EADDRINUSE "$work/bsky/log" 2>/dev/null && [ $attempt -lt 3 ]; then
            echo "run-tests: a Bluesky port was taken meanwhile; starting the dev-env again on other ports" >&2
            continue
        fi
        break
    done
    if [ -z "$ready" ]; then
        echo "run-tests: the Bluesky dev-env did not get ready; its log:" >&2
        tail -n 200 "$work/bsky/log" >&2
        bsky_unavailable "the dev-env did not start"; return 0
    fi
    head -n 1 "$work/bsky/out" > "$work/bsky/info.json"
    eval "$(node -e '
        const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
        const q = (s) => "\x27" + String(s).replace(/\x27/g, "\x27\\\x27\x27") + "\x27"
        const v = { PDS: i.pds, APPVIEW: i.appview, CONTROL: i.control,
                    HANDLE: i.agency.handle, APP_PASSWORD: i.agency.appPassword }
        for (const [k, x] of Object.entries(v)) console.log(`export RAPPORT_TEST_BSKY_${k}=${q(x)}`)
    ' "$work/bsky/info.json")"
    export RAPPORT_TEST_BSKY_INFO="$work/bsky/info.json"
    echo "run-tests: Bluesky PDS on $RAPPORT_TEST_BSKY_PDS, control on $RAPPORT_TEST_BSKY_CONTROL" \
         "(ready in $((SECONDS - t0)) s; log: $build/Testing/bluesky-devenv.log after the run)"
}
if [ "${RAPPORT_TEST_BSKY:-on}" = off ]; then
    bsky_unavailable "RAPPORT_TEST_BSKY=off"
else
    start_bluesky
fi

# --- The Debian package tests: a second compile, so only in CI unless asked for ------------------------
deb_default=off
[ "${CI:-}" != "true" ] || deb_default=on
if [ "${RAPPORT_TEST_DEB:-$deb_default}" = on ]; then
    echo "run-tests: with the Debian package tests (label deb: release build, cpack, lintian, hardening-check)"
else
    echo "run-tests: without the Debian package tests (label deb; RAPPORT_TEST_DEB=on runs them)"
    set -- -LE deb "$@"
fi

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
