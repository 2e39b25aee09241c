#!/bin/sh
# Bad input gets a clear message and the documented exit status, never a
# crash: binary data, a 1 MB argument, a 1 MB line, a 4 MB line, invalid
# UTF-8, an empty string, a truncated reply, unreadable input.
. tests/check/common.inc
run() { # run EXPECTED-STATUS DESCRIPTION ARGS... (stdin from $IN)
	want=$1 what=$2
	shift 2
	"$SMTPCODE" "$@" <"${IN:-/dev/null}" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -gt 128 ]; then
		not_ok "$what: crashed (status $got)"
	elif [ "$got" -ne "$want" ]; then
		not_ok "$what: status $got, expected $want"
	elif [ "$want" -ne 0 ] && [ ! -s "$TMP/err" ]; then
		not_ok "$what: no message on stderr"
	else
		ok "$what"
	fi
}
# Linux passes no single argument over 128 KiB (MAX_ARG_STRLEN), so the
# longest argument any program can get is tested; 1 MB goes through stdin.
big=$(head -c 130000 /dev/zero | tr '\0' '5')
run 1 "a 130 kB argument" "$big"
check "  ... is named, shortened, with its size" grep -q "unknown code '5555.*\.\.\.' (130000 bytes)" "$TMP/err"
run 1 "a 130 kB argument to explain" explain "$big"
run 1 "an empty argument" ""
check "  ... is named" grep -q "unknown code ''" "$TMP/err"
run 1 "invalid UTF-8" "$(printf '5.1.\377\376')"
check "  ... is shown escaped" grep -q 'x[fF][fF]' "$TMP/err"
printf '550 5.1.1 ok\n\000\001\002binary\n550 5.2.2 full\n' >"$TMP/bin"
IN=$TMP/bin run 1 "binary data on standard input" explain -
check "  ... the line is named" grep -q "line 2: binary data" "$TMP/err"
check "  ... the other lines are still explained" [ "$(grep -c '^reply:' "$TMP/out")" -eq 2 ]
head -c 1048576 /dev/urandom >"$TMP/random"
IN=$TMP/random run 1 "1 MB of random bytes on standard input" explain -
{ printf '550 5.1.1 '; head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n'; } >"$TMP/long"
IN=$TMP/long run 0 "a 1 MB line on standard input" explain -
check "  ... says it explained only the start" grep -q "explained its first" "$TMP/err"
{ printf '550 5.1.1 '; head -c 4194304 /dev/zero | tr '\0' 'a'; printf '\n550 5.2.2 mailbox full\n'; } >"$TMP/longer"
IN=$TMP/longer run 0 "a 4 MB line on standard input, a reply after it" explain -
cut_said() {
	grep -qx "smtpcode: line 1: longer than 1048576 bytes; only its first 1048576 were read" "$TMP/err" &&
		[ "$(grep -c '^reply:' "$TMP/out")" -eq 2 ]
}
check "  ... is read to 1 MiB, with its number, and the reply after it explained" cut_said
printf '550-5.7.26 This mail has been blocked because the sender is\n550-5.7.26' >"$TMP/trunc"
IN=$TMP/trunc run 0 "a truncated multi-line reply" explain -
printf '550-5.1.1 The email account that you tried to reach does not exist. Please try\n' >"$TMP/open"
IN=$TMP/open run 0 "a multi-line reply that ends after a continued line" explain -
check "  ... is explained, not dropped" grep -q userunknown "$TMP/out"
{ i=0; while [ $i -lt 20000 ]; do
	printf '550-5.1.1 The email account that you tried to reach does not exist.\n'
	i=$((i + 1)); done
  printf '550 5.1.1 - gsmtp\n452 4.2.2 The recipient has exceeded their quota\n'; } >"$TMP/longopen"
IN=$TMP/longopen run 0 "a multi-line reply of 1.4 MB on standard input" -q explain -
check "  ... says it explained only the start" grep -q "explained its first 65536 bytes" "$TMP/err"
check "  ... the rest of it is no reply of its own, the next reply is" \
	[ "$(cut -f2 "$TMP/out" | tr '\n' ' ')" = "5.1.1 4.2.2 " ]
{ printf '<bob@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n'
  i=0; while [ $i -lt 2000 ]; do
	printf '        <bob@example.org>: Recipient address rejected: wrapped words %05d\n' $i
	i=$((i + 1)); done
  printf '421 4.7.0 try again later\n'; } >"$TMP/wrapped"
IN=$TMP/wrapped run 0 "a wrapped paragraph of 114 kB on standard input" -q explain -
check "  ... says it explained only the start" grep -q "line 1: reply longer than 65536 bytes" "$TMP/err"
check "  ... and the reply after it is its own" [ "$(cut -f1 "$TMP/out" | tr '\n' ' ')" = "550 421 " ]
"$SMTPCODE" search mailbox full >"$TMP/one" 2>&1
"$SMTPCODE" search $(i=0; while [ $i -lt 5000 ]; do printf 'Mailbox full '; i=$((i + 1)); done) >"$TMP/many" 2>&1
check "a search of 10000 words, two of them again and again, is that of the two" \
	cmp -s "$TMP/one" "$TMP/many"
IN=/dev/null run 1 "empty standard input" explain -
IN=/ run 3 "unreadable standard input (a folder)" explain -
run 2 "explain with nothing to explain" explain
run 2 "an unknown option" --frobnicate 550
run 2 "a bad --color" --color=purple 550
run 2 "an unknown reason filter" list --reason nosuchreason
run 2 "a 130 kB filter value" list --provider "$big"
check "  ... is echoed shortened" [ "$(wc -c <"$TMP/err")" -lt 2048 ]
run 2 "a 130 kB option" "--$big"
check "  ... is echoed shortened" [ "$(wc -c <"$TMP/err")" -lt 2048 ]
run 2 "a bad class filter" list --class 7
run 2 "operands to list" list 550
run 2 "no code at all"
run 0 "--help" --help
run 0 "--version" --version
# output that cannot be written (a full disk) is an error, status 3, for
# every way out: the help and version too
if [ -w /dev/full ]; then
	for args in "--version" "--help" "scan --help" "550" "list" \
		"explain 550 5.1.1"; do
		# shellcheck disable=SC2086 # the words are the arguments
		"$SMTPCODE" $args </dev/null >/dev/full 2>"$TMP/err"
		got=$?
		if [ "$got" -eq 3 ] && grep -q "cannot write" "$TMP/err"; then
			ok "smtpcode $args >/dev/full: status 3, said"
		else
			not_ok "smtpcode $args >/dev/full: status $got"
		fi
	done
	IN=tests/cli/scan-postfix.stdin
	"$SMTPCODE" scan - <"$IN" >/dev/full 2>"$TMP/err"
	check "scan - >/dev/full: status 3" [ $? -eq 3 ]
else
	ok "write errors: no /dev/full to write to # SKIP"
fi
