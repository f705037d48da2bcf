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
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installing missing Debian packages:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The Bluesky tests run a real Bluesky server stack (tests/bluesky/devenv.js) that needs Node.js 20+.
# Debian 12 ships nodejs 18, so it is not in debian-build-deps.txt: install Node 20 yourself.
if [ "$mode" = test ]; then
    node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$node_major" -lt 20 ]; then
        echo "The tests need Node.js 20 or newer with npm for the Bluesky server stack" \
             "(found: $(node --version 2>/dev/null || echo none)). Debian 12's nodejs package is 18, too old" \
             "for @atproto/dev-env; install Node 20 (e.g. from nodejs.org or NodeSource), or run" \
             "RAPPORT_TEST_BSKY=off bash tests/run-tests.sh build/dev to skip those tests locally." >&2
        exit 1
    fi
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
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
