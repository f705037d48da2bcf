#!/bin/bash
# The manual page rapport(1): man renders it without a warning (the way lintian checks it), it has the sections a
# manual page needs, and it documents every command and every option that `rapport --help` lists.
#   check_manpage.sh RAPPORT_BINARY MANPAGE
set -euo pipefail
rapport=${1:?usage: check_manpage.sh RAPPORT_BINARY MANPAGE}
page=${2:?usage: check_manpage.sh RAPPORT_BINARY MANPAGE}
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# 1. Rendering, as lintian's manpage check does it: any warning of man, groff or the macros fails.
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) \
    || fail "man could not render $page"
[ -z "$warnings" ] || fail "man warns about $page:"$'\n'"$warnings"

# The page as a reader sees it, without the bold and underline.
text=$(LC_ALL=C.UTF-8 MANWIDTH=100 man -E UTF-8 -l "$page" 2>/dev/null | col -bx)

# 2. The sections.
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -qx "$section" <<<"$text" || fail "no $section section"
done
for status in 0 1 2; do
    grep -qE "^ +$status +[A-Z]" <<<"$text" || fail "EXIT STATUS does not explain $status"
done

# 3. Every command of --help starts an entry of the page. In --help a command is a line indented by two spaces
# that starts with lower-case words ("  accounts add feed URL …" -> "accounts add feed", "  stats   Row …" ->
# "stats"); in the page each starts a line of its own, indented.
help=$("$rapport" --lang en --help)
commands=$(sed -nE 's/^  ([a-z][a-z]*( [a-z][a-z]*)*)( .*)?$/\1/p' <<<"$help" | sort -u)
count=$(wc -l <<<"$commands")
[ "$count" -ge 15 ] || fail "found only $count commands in rapport --help; has its layout changed?"$'\n'"$commands"
while IFS= read -r command; do
    # A long entry line is justified: its words may be more than one space apart.
    grep -qE "^ +${command// / +}( |$)" <<<"$text" || fail "the command \"$command\" of rapport --help is not in the page"
done <<<"$commands"

# 4. Every option of --help appears in the page.
options=$(grep -oE -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
while IFS= read -r option; do
    grep -qF -- "$option" <<<"$text" || fail "the option $option of rapport --help is not in the page"
done <<<"$options"

[ "$failed" -eq 0 ] || exit 1
echo "rapport(1): renders without warnings; $count commands and $(wc -l <<<"$options") options of --help documented"
