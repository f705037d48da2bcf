#!/bin/bash
# A private PostgreSQL cluster that one test may crash and start again (tst_serverrestart, issue 14: "kill the
# server mid-edit and start it again"). The server of tests/run-tests.sh serves other tests at the same time,
# so it is never the one killed.
#   pg-cluster.sh init DIR        initdb into DIR/data (trust on loopback: a throwaway server)
#   pg-cluster.sh start DIR PORT  start it on 127.0.0.1:PORT (after a kill: crash recovery, as after a power cut)
#   pg-cluster.sh kill DIR        stop it at once, as a crash would (pg_ctl -m immediate: no checkpoint, every
#                                 connection cut)
#   pg-cluster.sh stop DIR        stop it and remove DIR
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh init|start|kill|stop DIR [PORT]}
dir=${2:?usage: pg-cluster.sh init|start|kill|stop DIR [PORT]}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "pg-cluster: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin)" >&2; exit 2; }
if [ "$(id -u)" -eq 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG=""; fi
case "$cmd" in
init)
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
    $AS_PG "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
    ;;
start)
    port=${3:?usage: pg-cluster.sh start DIR PORT}
    $AS_PG "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { echo "pg-cluster: PostgreSQL did not start:" >&2; cat "$dir/log" >&2; exit 1; }
    ;;
kill)
    $AS_PG "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
stop)
    $AS_PG "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "pg-cluster: unknown command $cmd" >&2
    exit 2
    ;;
esac
