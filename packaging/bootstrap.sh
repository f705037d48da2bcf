#!/bin/bash
# The README's two commands. Installs the Debian packages that are missing, builds with the dev preset,
# then either starts the window (run) or runs every test against real services (test).
#   bash packaging/bootstrap.sh run [rapport arguments...]
#   bash packaging/bootstrap.sh test
set -eu
cd "$(dirname "$0")/.."
mode=${1:-run}
[ $# -gt 0 ] && shift

pkgs=$(grep -v '^#' packaging/debian-build-deps.txt | tr '\n' ' ')
missing=""
updated=""
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installing missing Debian packages:$missing"
    $SUDO apt-get update -qq
    updated=1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The Bluesky tests run a real Bluesky server stack (tests/bluesky/devenv.js) that needs Node.js 20+.
# Debian 12 ships nodejs 18 (too old for @atproto/dev-env 0.3.215). Without a Node 20 on PATH, Debian's npm
# fetches the official Node 20 binary package (node-linux-<arch>) from the npm registry into
# ~/.cache/rapport/node20, and the tests run with it first on PATH.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$mode" = test ] && [ "$(node_major)" -lt 20 ]; then
    case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch="" ;; esac
    node20="${XDG_CACHE_HOME:-$HOME/.cache}/rapport/node20"
    if [ -n "$node_arch" ] && [ ! -x "$node20/node_modules/node-linux-$node_arch/bin/node" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            [ -n "$updated" ] || $SUDO apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
        fi
        echo "bootstrap: fetching Node.js 20 for the Bluesky test server (npm package node-linux-$node_arch@20)"
        npm install --prefix "$node20" --no-audit --no-fund --loglevel=error "node-linux-$node_arch@20" >/dev/null
    fi
    [ -z "$node_arch" ] || export PATH="$node20/node_modules/node-linux-$node_arch/bin:$PATH"
    if [ "$(node_major)" -lt 20 ]; then
        echo "The tests need Node.js 20 or newer for the Bluesky server stack (found:" \
             "$(node --version 2>/dev/null || echo none)) and could not fetch it; install Node 20, or run" \
             "RAPPORT_TEST_BSKY=off bash tests/run-tests.sh build/dev to skip those tests locally." >&2
        exit 1
    fi
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Paths relative to the source root, so that every clone (CI's fresh one, a developer's worktrees) shares
# the cache: a clean clone then rebuilds from ccache in a few minutes instead of ~20 on two cores.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
cmake --preset dev >/dev/null
cmake --build --preset dev

case "$mode" in
run)
    exec ./build/dev/app/rapport "$@"
    ;;
test)
    exec bash tests/run-tests.sh build/dev "$@"
    ;;
*)
    echo "usage: bash packaging/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac
