#!/bin/bash
# The Debian package, built by the release recipe of README.md and docs/PACKAGING.md, checked as a Debian
# packager and a user would. The ctest label "deb" (tests/packaging/CMakeLists.txt) runs one step per test:
#   deb.sh build     SOURCE_DIR    cmake --preset release, build, cpack -G DEB (without Qt Test or SQLite's headers)
#   deb.sh lintian   SOURCE_DIR    lintian --pedantic: no error, warning, info or pedantic tag
#   deb.sh hardening SOURCE_DIR    hardening-check, the compile flags, no RUNPATH, no .comment in usr/bin/rapport
#   deb.sh install   SOURCE_DIR    the control fields; dpkg -x into a throwaway root, then rapport --version,
#                                  rapport demo and stats, and the manual page from there
set -euo pipefail
step=${1:?usage: deb.sh build|lintian|hardening|install SOURCE_DIR}
src=$(cd "${2:?usage: deb.sh STEP SOURCE_DIR}" && pwd)
release="$src/build/release"

the_deb() {
    local debs
    debs=$(ls "$release"/rapport_*.deb 2>/dev/null || true)
    [ -n "$debs" ] || { echo "no package in $release: the deb_build test makes it" >&2; exit 1; }
    [ "$(wc -l <<<"$debs")" -eq 1 ] || { echo "more than one package in $release:"$'\n'"$debs" >&2; exit 1; }
    echo "$debs"
}

case "$step" in
build)
    # A second compile of the application (Debian's flags, RAPPORT_DPKG_BUILDFLAGS) beside the dev build. With ccache
    # (the settings of packaging/bootstrap.sh, shared by every clone) only what changed since the last package
    # build is compiled again.
    export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$src}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
    cd "$src"
    t0=$SECONDS
    # A release build must configure without Qt Test: it is hidden. (SQLite's own library is a real dependency
    # since the bulk inserts bind through its C API: libsqlite3-dev to build, libsqlite3-0 in the package's Depends;
    # OFF undoes what an older build directory cached.)
    cmake --preset release -DCMAKE_DISABLE_FIND_PACKAGE_Qt6Test=ON -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=OFF >/dev/null
    cmake --build --preset release
    rm -f "$release"/rapport_*.deb
    (cd "$release" && cpack -G DEB >/dev/null)
    deb=$(the_deb)
    echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $((SECONDS - t0)) s"
    ;;
lintian)
    deb=$(the_deb)
    # --pedantic shows every tag, --fail-on makes any of them fail the test (overrides, each with its reason:
    # packaging/lintian/rapport, installed as usr/share/lintian/overrides/rapport).
    lintian --pedantic --display-info --display-experimental --fail-on error,warning,info,pedantic,experimental \
        --tag-display-limit 0 "$deb"
    echo "lintian --pedantic: $(basename "$deb") is clean"
    ;;
hardening)
    deb=$(the_deb)
    root=$(mktemp -d /tmp/rapport-deb.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    dpkg-deb -x "$deb" "$root"
    bin="$root/usr/bin/rapport"
    # PIE, stack protector, RELRO and BIND_NOW (full RELRO): each must say "yes". Two checks are left to other means:
    # - Fortify Source: hardening-check sees it only where a call got its checking variant (__memcpy_chk), i.e. where
    #   the compiler knew the buffer's size. Rapport's own code reaches memcpy, memmove and memset only through C++ and
    #   Qt inlines with sizes known at run time, so it reports "only unprotected functions found" although
    #   -D_FORTIFY_SOURCE=2 is on (the false alarm its manual page describes). The compile commands are checked
    #   below instead.
    # - Control flow integrity (-fcf-protection): Debian 12's dpkg-buildflags does not enable it (dpkg 1.22, Debian
    #   13, does), so Debian 12's own packages do not have it either.
    hardening-check --nofortify --nocfprotection "$bin"
    failed=0
    # Every source file of the application was compiled with Debian's hardening flags.
    commands="$release/compile_commands.json"
    sources=$(grep -cE '"file": ".*/(models|ui|app)/[^"]*\.cpp"' "$commands")
    for flag in -D_FORTIFY_SOURCE=2 -fstack-protector-strong -O2; do
        with=$(grep -E '"command": ' "$commands" | grep -E ' -c [^"]*/(models|ui|app)/[^"]*\.cpp"' | grep -c -- " $flag " || true)
        [ "$with" -eq "$sources" ] || { echo "FAIL: $with of $sources source files compiled with $flag"; failed=1; }
    done
    [ "$sources" -gt 100 ] || { echo "FAIL: only $sources source files in $commands"; failed=1; }
    if readelf -d "$bin" | grep -qE '\((RUNPATH|RPATH)\)'; then
        echo "FAIL: usr/bin/rapport has a RUNPATH or RPATH:"; readelf -d "$bin" | grep -E 'R(UN)?PATH'; failed=1
    fi
    if readelf -S -W "$bin" | grep -qE ' \.comment '; then
        echo "FAIL: usr/bin/rapport still has its .comment section"; failed=1
    fi
    if readelf -S -W "$bin" | grep -qE ' \.(debug_[a-z]+|symtab) '; then
        echo "FAIL: usr/bin/rapport is not stripped"; failed=1
    fi
    [ "$failed" -eq 0 ]
    echo "usr/bin/rapport: hardened ($sources source files with _FORTIFY_SOURCE=2), no RUNPATH, no .comment, stripped"
    ;;
install)
    deb=$(the_deb)
    root=$(mktemp -d /tmp/rapport-deb.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    failed=0
    fail() { echo "FAIL: $*"; failed=1; }
    field() { dpkg-deb -f "$deb" "$1"; }
    [ "$(field Section)" = utils ] || fail "Section is \"$(field Section)\", not utils"
    field Depends | grep -q 'libqt6sql6-sqlite' || fail "Depends lacks libqt6sql6-sqlite: $(field Depends)"
    field Depends | grep -q 'libsqlite3-0' || fail "Depends lacks libsqlite3-0 (linked for the bulk inserts): $(field Depends)"
    ! field Depends | grep -q 'libqt6sql6-psql' || fail "Depends has libqt6sql6-psql (a Recommends): $(field Depends)"
    field Recommends | grep -q 'libqt6sql6-psql' || fail "Recommends lacks libqt6sql6-psql: $(field Recommends)"
    field Maintainer | grep -qE '^[^<]+ <[^@ ]+@[^> ]+>$' || fail "Maintainer is not a name and address: $(field Maintainer)"

    # Installed into a throwaway root, as dpkg would unpack it (no maintainer scripts to run). The executable links
    # only system libraries (readelf shows no RUNPATH), so it runs from there without LD_LIBRARY_PATH.
    dpkg-deb -x "$deb" "$root"
    bin="$root/usr/bin/rapport"
    version=$(field Version)
    out=$(env -u QT_LOGGING_RULES "$bin" --version)
    [ "$out" = "rapport ${version%-*}" ] || fail "rapport --version says \"$out\", the package is $version"

    export HOME="$root/home" XDG_DATA_HOME="$root/home/.local/share" XDG_CONFIG_HOME="$root/home/.config"
    mkdir -p "$HOME"
    db="$root/agency.sqlite"
    if ! out=$(env -u QT_LOGGING_RULES "$bin" --lang en --db "$db" demo --size small 2>"$root/err"); then
        fail "rapport demo failed: $(cat "$root/err")"
    fi
    grep -q "Demo data written to" <<<"$out" || fail "rapport demo said: $out"
    [ ! -s "$root/err" ] || fail "rapport demo wrote to standard error: $(cat "$root/err")"
    contacts=$(env -u QT_LOGGING_RULES "$bin" --db "$db" stats --json | sed -nE 's/^ *"contacts": ([0-9]+),?$/\1/p')
    [ "${contacts:-0}" -ge 100 ] || fail "rapport stats counts ${contacts:-no} contacts after the demo"
    # Without a --db, the default database in the (throwaway) home.
    env -u QT_LOGGING_RULES "$bin" demo >/dev/null 2>&1 || fail "rapport demo into the default database failed"
    [ -f "$XDG_DATA_HOME/Rapport/Rapport/rapport.sqlite" ] || fail "no default database after rapport demo"

    # The manual page and the documentation files, where Debian wants them.
    man_page="$root/usr/share/man/man1/rapport.1.gz"
    [ -f "$man_page" ] || fail "no usr/share/man/man1/rapport.1.gz"
    [ ! -f "$man_page" ] || LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$man_page" | grep -q "rapport - relationship memory" \
        || fail "man -l usr/share/man/man1/rapport.1.gz does not show the page"
    for f in copyright changelog.Debian.gz; do
        [ -f "$root/usr/share/doc/rapport/$f" ] || fail "no usr/share/doc/rapport/$f"
    done
    [ "$failed" -eq 0 ]
    echo "$(basename "$deb"): $version, rapport --version, demo ($contacts contacts) and stats run from a dpkg -x root"
    ;;
*)
    echo "usage: deb.sh build|lintian|hardening|install SOURCE_DIR" >&2
    exit 2
    ;;
esac
