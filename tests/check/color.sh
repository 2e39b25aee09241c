#!/bin/sh
# Colour only on a terminal, --color=auto|always|never, NO_COLOR honoured,
# and the verdict is a word whether coloured or not. A terminal is made with
# script(1).
. tests/check/common.inc
esc=$(printf '\033')
has_esc() { grep -q "$esc\[" "$1"; }
tty_run() { # tty_run ENV... -- ARGS: run on a pseudo-terminal
	script -qec "env $* $SMTPCODE 5.1.1" /dev/null >"$TMP/out" 2>&1
}
if ! command -v script >/dev/null; then
	ok "color: script(1) not installed # SKIP"
	exit 0
fi
tty_run TERM=xterm
check "on a terminal, the verdict is coloured" has_esc "$TMP/out"
check "  ... and still written as a word" grep -q "verdict: .*hard" "$TMP/out"
tty_run TERM=xterm NO_COLOR=1
check "NO_COLOR=1 on a terminal: no colour" sh -c "! grep -q '$esc\[' '$TMP/out'"
tty_run TERM=dumb
check "TERM=dumb: no colour" sh -c "! grep -q '$esc\[' '$TMP/out'"
"$SMTPCODE" 5.1.1 >"$TMP/out"
check "into a pipe: no colour" sh -c "! grep -q '$esc\[' '$TMP/out'"
"$SMTPCODE" --color=always 5.1.1 >"$TMP/out"
check "--color=always into a pipe: colour" has_esc "$TMP/out"
NO_COLOR=1 "$SMTPCODE" --color=always 5.1.1 >"$TMP/out"
check "--color=always wins over NO_COLOR" has_esc "$TMP/out"
script -qec "env TERM=xterm $SMTPCODE --color=never 5.1.1" /dev/null >"$TMP/out" 2>&1
check "--color=never on a terminal: no colour" sh -c "! grep -q '$esc\[' '$TMP/out'"
