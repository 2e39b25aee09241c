#!/bin/sh
# Input that is still coming: `tail -f mail.log | smtpcode scan`, or a
# reply pasted into `smtpcode explain -` on a terminal. What is whole is
# answered while the input stays open, not when it ends. Each check waits
# for the answer to appear (up to 10 s): a liveness check, not a measure
# of speed.
. tests/check/common.inc

# live CMD... : runs CMD with a FIFO as standard input, writes $LINE into
# it and keeps it open; $TMP/early.out gets what CMD printed by the time it
# had printed $WANT lines (or 10 s passed), and $live_status is its exit
# status once the FIFO is closed.
live() {
	rm -f "$TMP/fifo"
	mkfifo "$TMP/fifo"
	: >"$TMP/live.out"
	"$@" >"$TMP/live.out" 2>&1 <"$TMP/fifo" &
	pid=$!
	exec 3>"$TMP/fifo"
	printf '%s\n' "$LINE" >&3
	i=0
	while [ "$i" -lt 100 ] && [ "$(wc -l <"$TMP/live.out")" -lt "$WANT" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cp "$TMP/live.out" "$TMP/early.out"
	exec 3>&-
	wait "$pid"
	live_status=$?
}

LINE=$(grep -m1 'status=bounced' tests/cli/scan-postfix.stdin)
WANT=2 live "$SMTPCODE" scan --tsv
check "scan of a pipe that stays open prints each failure line as it comes" \
	[ "$(wc -l <"$TMP/early.out")" -eq 2 ]
check "  ... and ends with its input (exit status $live_status)" [ "$live_status" -eq 0 ]

# a log whose first line starts with "[" is a log, not JSON
LINE=$(printf '[2026-11-28 10:00:00] mail relay started\n%s' \
	"$(grep -m1 'status=bounced' tests/cli/scan-postfix.stdin)")
WANT=2 live "$SMTPCODE" scan --tsv
check "scan of a pipe whose first line starts with [ still prints each failure as it comes" \
	[ "$(wc -l <"$TMP/early.out")" -eq 2 ]

# an email service's events are read as they come too: SES's JSON Lines,
# and an array of SendGrid's whose end has not come
LINE=$(grep -m1 '"Bounce"' tests/cli/scan-ses-lines.stdin)
WANT=2 live "$SMTPCODE" scan --tsv
check "scan of SES JSON Lines on a pipe that stays open prints each event as it comes" \
	[ "$(wc -l <"$TMP/early.out")" -eq 2 ]
check "  ... and ends with its input (exit status $live_status)" [ "$live_status" -eq 0 ]
LINE=$(printf '[\n%s' "$(grep -m1 '"bounce"' tests/cli/scan-sendgrid.stdin)")
WANT=2 live "$SMTPCODE" scan --tsv
check "scan of a JSON array of events on a pipe prints each element as it comes" \
	[ "$(wc -l <"$TMP/early.out")" -eq 2 ]

LINE='550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table'
WANT=1 live "$SMTPCODE" -q explain -
check "explain - answers a reply while its input stays open" \
	grep -q "userunknown" "$TMP/early.out"
check "  ... and ends with its input (exit status $live_status)" [ "$live_status" -eq 0 ]

# a multi-line reply is answered once its last line is in
LINE=$(printf '550-5.7.26 This mail has been blocked because the sender is\n550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with\n550 5.7.26 either SPF or DKIM. - gsmtp')
WANT=1 live "$SMTPCODE" -q explain -
check "explain - answers a multi-line reply once its last line is in, as one reply" \
	[ "$(grep -c . "$TMP/early.out")" -eq 1 ]

# replies written a few bytes at a time, multi-line ones longer than a
# pipe holds among them, get the answers they get from a file: a reply
# left open at the end of a read goes on in the next (its first line's
# number, even when a reply with another code ends it; the input's end,
# when it is left open there)
{
	cat tests/cli/explain-stdin.stdin tests/cli/explain-first-lines.stdin
	awk 'BEGIN { for (i = 0; i < 6000; i++) print "550-5.1.1 no such user " i
		print "421 4.7.0 try later"
		print "hello"
		for (i = 0; i < 6000; i++) print "550-5.7.1 line " i " of a long reply"
		print "550 5.7.1 its end"
		for (i = 0; i < 300; i++) # the next code at each place of a read
			printf "550-5.1.1 no\n550-5.1.1 such user%s\n421 4.7.0 later\n", substr("  ", 1, i % 3) }'
	tr '\n' '\r' <tests/cli/explain-stdin.stdin
	printf '550-5.1.1 no such user\n550-5.1.1 left open at the end\n'
} >"$TMP/pieces"
"$SMTPCODE" -q explain - <"$TMP/pieces" >"$TMP/whole.out" 2>"$TMP/whole.err"
python3 -c '
import os, sys
d = open(sys.argv[1], "rb").read()
for i in range(0, len(d), 3):
    os.write(1, d[i:i + 3])
' "$TMP/pieces" | "$SMTPCODE" -q explain - >"$TMP/pieces.out" 2>"$TMP/pieces.err"
same() {
	cmp -s "$TMP/whole.out" "$TMP/pieces.out" &&
		cmp -s "$TMP/whole.err" "$TMP/pieces.err" &&
		tail -n 1 "$TMP/pieces.out" | grep -q "left open at the end" &&
		[ "$(cat "$TMP/pieces.err")" = "smtpcode: line 14: reply longer than 65536 bytes; explained its first 65536 bytes
smtpcode: line 6016: reply longer than 65536 bytes; explained its first 65536 bytes" ]
}
check "explain - of replies written 3 bytes at a time: the answers they get from a file ($(wc -l <"$TMP/whole.out") lines)" \
	same

# a reply whose next line has begun to come is not taken as whole, however
# long the rest of that line takes (a slow writer, a network)
{ printf '<bob@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    <bob@example.org>: Recipient address rejected: User unknown in'
  sleep 0.5
  printf ' virtual mailbox table (in reply to RCPT TO command)\n'; } |
	"$SMTPCODE" -q explain - >"$TMP/slow.out" 2>&1
check "explain - of a wrapped reply whose second line comes in two pieces: one reply ($(wc -l <"$TMP/slow.out") lines)" \
	[ "$(wc -l <"$TMP/slow.out")" -eq 1 ]

# a reader that has gone while the input stays open, with SIGPIPE ignored
# (as systemd starts services): scan and explain stop, status 3, and say
# so, instead of reading on for ever (`tail -f mail.log | smtpcode scan`)
gone() { # gone SUBCOMMAND
	rm -f "$TMP/fifo" "$TMP/out.fifo"
	mkfifo "$TMP/fifo" "$TMP/out.fifo"
	(trap '' PIPE; exec "$SMTPCODE" "$@" <"$TMP/fifo" >"$TMP/out.fifo" \
		2>"$TMP/gone.err") &
	pid=$!
	exec 3>"$TMP/fifo"
	head -c 1 <"$TMP/out.fifo" >/dev/null &
	i=0
	while [ "$i" -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
		sed -n '/status=bounced/p' tests/cli/scan-postfix.stdin >&3 2>/dev/null
		sleep 0.1
		i=$((i + 1))
	done
	exec 3>&-
	wait "$pid"
	gone_status=$?
}
stopped() {
	[ "$gone_status" -eq 3 ] && [ "$i" -lt 100 ] &&
		grep -q "cannot write" "$TMP/gone.err"
}
gone scan -
check "scan - into a pipe whose reader is gone, SIGPIPE ignored: stops, status 3 (got $gone_status after $i writes)" \
	stopped
gone explain -
check "explain - likewise (got $gone_status after $i writes)" stopped
