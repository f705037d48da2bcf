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
