#!/bin/sh
# smtpcode scan: what it reads, in what order, and that it drops nothing.
# Its records of the real bounces of the shared samples are those of
# explain - (which tests/check/bounces.sh holds against their labels), one
# for one; the logs are read line for line.
. tests/check/common.inc
dir=$SHARED/samples/bounces

# -------------------------------------------------- the shared bounces
if [ -d "$dir/maildir" ]; then
	"$SMTPCODE" scan --tsv "$dir/maildir" "$dir/mailbox" >"$TMP/scan.tsv" \
		2>"$TMP/scan.err"
	status=$?
	check "scan of the shared maildir and mailbox: exit status 0 (got $status)" [ "$status" -eq 0 ]
	check "scan --tsv: the column names first" \
		[ "$(head -1 "$TMP/scan.tsv")" = "$(printf 'file\trecipient\taction\tstatus\treply\treason\thard\tverdict\tprovider\tcommand\tdiagnostic\tdate\tqueue_id\tmessage_id\toriginal_recipient')" ]
	bad=$(awk -F '\t' 'NF != 15' "$TMP/scan.tsv" | wc -l)
	check "scan --tsv: 15 columns on every line ($bad lines differ)" [ "$bad" -eq 0 ]
	# every sample bounce has a Date:; two are not RFC 5322's ("Thursday,
	# April 29, 2010 9:34 AM", "29-04-2017 23:34") and stay as written
	bad=$(sed 1d "$TMP/scan.tsv" | awk -F '\t' '$12 !~ /^[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9](Z|[+-][0-9][0-9]:[0-9][0-9])?$/' | wc -l)
	empty=$(sed 1d "$TMP/scan.tsv" | awk -F '\t' '$12 == ""' | wc -l)
	check "scan --tsv: a date on every record ($empty without), in ISO 8601 for all but 2 ($bad not)" \
		[ "$empty $bad" = "0 2" ]
	# only complaints and automatic replies are no failures
	bad=$(sed 1d "$TMP/scan.tsv" | awk -F '\t' '$3 == "" && $6 != "feedback" && $6 != "vacation"' | wc -l)
	delayed=$(sed 1d "$TMP/scan.tsv" | awk -F '\t' '$3 == "delayed"' | wc -l)
	check "scan --tsv: an action for every failure, with a DSN or not ($bad without; $delayed delayed)" \
		[ "$bad $delayed" = "0 6" ]
	ids=$(sed 1d "$TMP/scan.tsv" | awk -F '\t' '$14 ~ /^<[^<>]*@[^<>]*>$/' | wc -l)
	check "scan --tsv: the Message-ID of the original, where the bounce returns it ($ids records)" \
		[ "$ids" -ge 300 ]
	# explain - over each file, its -q columns recipient reply status
	# verdict reason, as scan's columns file recipient reply status verdict
	# reason
	sed 1d "$TMP/scan.tsv" | awk -F '\t' -v OFS='\t' '{
		print $1, ($2 == "" ? "-" : $2), ($5 == "" ? "-" : $5),
		      ($4 == "" ? "-" : $4), $8, $6 }' >"$TMP/scan.cols"
	cut -f1 "$TMP/scan.cols" | uniq | while IFS= read -r f; do
		"$SMTPCODE" -q explain - <"$f" 2>/dev/null |
			awk -F '\t' -v OFS='\t' -v f="$f" '{
				print f, $1, $2, $3, $4, ($5 == "-" ? "undefined" : $5) }'
	done >"$TMP/explain.cols"
	n=$(wc -l <"$TMP/scan.cols")
	check "scan finds every recipient explain - finds, the same way ($n records)" \
		cmp -s "$TMP/scan.cols" "$TMP/explain.cols"
	cmp -s "$TMP/scan.cols" "$TMP/explain.cols" ||
		diff "$TMP/explain.cols" "$TMP/scan.cols" | head -6 | sed 's/^/#   /'
	# every labelled message that names a recipient is in the records
	missing=$(sed 1d "$dir/labels.tsv" | awk -F '\t' '$2 > 0 { print $1 }' |
		sort -u | while IFS= read -r p; do
			grep -qF "$dir/$p	" "$TMP/scan.tsv" || echo "$p"
		done | wc -l)
	check "scan: records for all but the 13 labelled messages explain cannot read ($missing without)" [ "$missing" -le 13 ]
	"$SMTPCODE" --json scan "$dir/mailbox" >"$TMP/scan.json" 2>/dev/null
	python3 - "$TMP/scan.json" <<'PY'
import json, sys
keys = ['file', 'recipient', 'action', 'status', 'reply', 'reason', 'hard',
        'verdict', 'provider', 'command', 'diagnostic', 'date', 'queue_id',
        'message_id', 'original_recipient']
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
ok = recs and all(list(r) == keys for r in recs)
print('%s - scan --json: %d records, each with the fields of smtpcode(1) in order'
      % ('ok' if ok else 'not ok', len(recs)))
PY
else
	ok "scan: the shared samples are not there # SKIP"
fi

# ------------------------------------------------- directories and files
mkdir -p "$TMP/d/b/cur" "$TMP/d/a"
msg=tests/cli/scan-message.stdin
cp "$msg" "$TMP/d/b/cur/2.eml"
cp "$msg" "$TMP/d/a/1.eml"
cp "$msg" "$TMP/d/.hidden.eml"
tr '\n' '\r' <"$msg" >"$TMP/d/b/cur/3-cr.eml"
ln -s .. "$TMP/d/b/cur/up" # a loop, not followed
mkfifo "$TMP/d/b/cur/4-fifo" # no mail, and no end: skipped, and said
"$SMTPCODE" scan --tsv "$TMP/d" 2>"$TMP/err" | sed 1d | cut -f1,2 |
	sed "s|$TMP/d/||" >"$TMP/order"
printf 'a/1.eml\tbob@example.org\nb/cur/2.eml\tbob@example.org\nb/cur/3-cr.eml\tbob@example.org\n' >"$TMP/want"
check "scan DIR: every file below it in name order, lone CRs read, hidden files and links to directories left out" \
	cmp -s "$TMP/order" "$TMP/want"
check "scan DIR: the link to a directory is named on standard error" \
	grep -q "b/cur/up: a link to a directory; not followed" "$TMP/err"
check "scan DIR: so is the pipe it skips" \
	grep -q "b/cur/4-fifo: not a file or a directory; skipped" "$TMP/err"
# a directory 32 levels below the operand is not read, and that is said
deep=$TMP/deep
i=0
while [ $i -lt 33 ]; do
	deep=$deep/$i
	i=$((i + 1))
done
mkdir -p "$deep"
cp "$msg" "$TMP/deep/0/1.eml"
cp "$msg" "$deep/2.eml"
"$SMTPCODE" -q scan "$TMP/deep" >"$TMP/out" 2>"$TMP/err"
status=$?
too_deep() {
	[ "$status" -eq 3 ] && [ "$(grep -c bob@example.org "$TMP/out")" -eq 1 ] &&
		[ "$(cat "$TMP/err")" = "smtpcode: error: $(dirname "$deep"): more than 32 directory levels; not read" ]
}
check "scan DIR: a directory 32 levels below is not read, and standard error names it (exit status $status)" \
	too_deep
"$SMTPCODE" scan </dev/null >/dev/null 2>&1
check "scan with no operand reads standard input when it is not a terminal (exit 1: nothing in it)" [ $? -eq 1 ]
"$SMTPCODE" -q scan "$TMP/d/a/1.eml" "$TMP/missing" "$TMP/d/b/cur/2.eml" \
	>"$TMP/out" 2>"$TMP/err"
status=$?
# (check runs one command: the conditions are one function)
still_read() {
	[ "$status" -eq 3 ] && [ "$(grep -c bob@example.org "$TMP/out")" -eq 2 ] &&
		grep -q "missing: No such file" "$TMP/err"
}
check "scan: an unreadable operand gives exit status 3 ($status), the others are still read" \
	still_read

# ------------------------------------------------------ a big log
# 220,000 lines: the lines of the test logs over and over, with a line of
# more than 1 MiB in the middle. Every failure line gives its records: none
# lost; the long line's is of its first 1 MiB, and that is said.
copies() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
		while ((getline l < ARGV[1]) > 0) print l
		close(ARGV[1]) } exit }' tests/cli/scan-postfix.stdin
}
{
	copies 10000
	printf 'Nov 28 09:12:02 mx1 postfix/smtp[1]: X: to=<long@example.org>, status=bounced (host h said: 550 5.1.1 '
	head -c 1048576 /dev/zero | tr '\0' x
	echo ')'
	copies 10000
} >"$TMP/big.log"
want=$(($(grep -c 'status=\(bounced\|deferred\|expired\)' tests/cli/scan-postfix.stdin) * 20000 + 1))
"$SMTPCODE" scan --tsv "$TMP/big.log" 2>"$TMP/big.err" | cut -f2- >"$TMP/big.tsv"
got=$(sed 1d "$TMP/big.tsv" | wc -l)
check "scan of $(wc -l <"$TMP/big.log") log lines with a 1 MiB line: $got records, one per failure line ($want)" \
	[ "$got" -eq "$want" ]
# the same records but for the file's name ("-")
cat "$TMP/big.log" | "$SMTPCODE" scan --tsv 2>"$TMP/piped.err" | cut -f2- >"$TMP/piped"
check "scan of the same log through a pipe, read as it comes: the same records" \
	cmp -s "$TMP/big.tsv" "$TMP/piped"
gzip -1 -c "$TMP/big.log" >"$TMP/big.log.gz"
"$SMTPCODE" scan --tsv "$TMP/big.log.gz" 2>"$TMP/gz.err" | cut -f2- >"$TMP/gz"
check "  ... and decompressed from gzip" cmp -s "$TMP/big.tsv" "$TMP/gz"
# the line of 1 MiB and 103 bytes is cut to 1 MiB: its reply, which starts
# at its 93rd byte, loses its end
long=$(awk -F '\t' '$1 == "long@example.org" { print length($10) }' "$TMP/big.tsv")
cut_said() {
	n=$(($(wc -l <tests/cli/scan-postfix.stdin) * 10000 + 1))
	[ "$long" -eq $((1048576 - 92)) ] &&
	[ "$(cat "$TMP/big.err")" = "smtpcode: $TMP/big.log: line $n: longer than 1048576 bytes; only its first 1048576 were read" ] &&
	[ "$(cat "$TMP/piped.err")" = "smtpcode: -: line $n: longer than 1048576 bytes; only its first 1048576 were read" ] &&
	[ "$(cat "$TMP/gz.err")" = "smtpcode: $TMP/big.log.gz: line $n: longer than 1048576 bytes; only its first 1048576 were read" ]
}
check "scan: a log line longer than 1 MiB is read to 1 MiB (its reply $long bytes), and standard error names its file and line, mapped, piped or decompressed" \
	cut_said
# a line with no end on a pipe is not kept: 64 MiB of it in 16 MiB
if [ -z "${SANITIZE:-}" ]; then
	head -c 67108864 /dev/zero | tr '\0' a |
		sh -c "ulimit -v 16384; exec '$SMTPCODE' scan" 2>"$TMP/err"
	status=$?
	kept_little() {
		[ "$status" -eq 1 ] && grep -q "^smtpcode: -: line 1: longer than" "$TMP/err"
	}
	check "scan of a line of 64 MiB on a pipe, within 16 MiB of memory: exit status 1 ($status), the line cut" \
		kept_little
else
	ok "scan of a line of 64 MiB on a pipe: no memory limit under sanitizers # SKIP"
fi
"$SMTPCODE" scan --summary --tsv "$TMP/big.log" >"$TMP/sum"
check "scan --summary counts the same records" \
	grep -qx "$(printf 'total\trecords\t%s' "$want")" "$TMP/sum"
by_domain=$(awk -F '\t' '$1 == "domain" { n += $3 } END { print n + 0 }' "$TMP/sum")
check "scan --summary: the counts by domain add up to the records ($by_domain)" \
	[ "$by_domain" -eq "$want" ]
# one domain, whatever the case of its letters
sed 's/to=<userunknown@example.co.jp>/to=<UserUnknown@EXAMPLE.co.JP>/' \
	tests/cli/scan-postfix.stdin >"$TMP/case.log"
cat tests/cli/scan-postfix.stdin >>"$TMP/case.log"
"$SMTPCODE" scan --summary --tsv "$TMP/case.log" >"$TMP/case.sum"
check "scan --summary counts a domain once, whatever the case of its letters" \
	grep -qx "$(printf 'domain\texample.co.jp\t2')" "$TMP/case.sum"

# a failure line not written as Postfix writes a record (no queue id; the
# address cut short) gives no record, as a stranger may have written it,
# but it is not dropped without a word
pf=$(grep -m1 'status=bounced' tests/cli/scan-postfix.stdin)
{
	printf '%s\n' "$pf" | sed 's/: [0-9A-F]*: to=/: to=/'
	printf '%s\n' "$pf" | sed 's/\(to=<[^>]*\)>/\1/'
	printf '%s\n' "$pf"
} >"$TMP/unread.log"
"$SMTPCODE" scan --tsv "$TMP/unread.log" >"$TMP/unread.tsv" 2>"$TMP/unread.err"
status=$?
unread_said() {
	[ "$status" -eq 0 ] && [ "$(sed 1d "$TMP/unread.tsv" | wc -l)" -eq 1 ] &&
	[ "$(cat "$TMP/unread.err")" = "smtpcode: $TMP/unread.log: 2 lines tell a failure (status=) but are not written as Postfix writes a record (no queue id, or a field cut short); skipped" ]
}
check "scan: two failure lines without a queue id or with an address cut short are no records, and standard error names their file (exit status $status)" \
	unread_said

# ------------------------------------------------------ rotated logs
# `smtpcode scan /var/log/mail.log*`: compressed logs are read through
# their program, and give the records the plain log gives.
cp tests/cli/scan-postfix.stdin "$TMP/mail.log.1"
gzip -c "$TMP/mail.log.1" >"$TMP/mail.log.2.gz"
"$SMTPCODE" scan --tsv "$TMP/mail.log.1" | sed 1d | cut -f2- >"$TMP/plain"
"$SMTPCODE" scan --tsv "$TMP/mail.log.2.gz" | sed 1d | cut -f2- >"$TMP/unzipped"
check "scan of a gzip-compressed log ($(wc -l <"$TMP/unzipped") records): the records of the plain log" \
	cmp -s "$TMP/plain" "$TMP/unzipped"
if command -v xz >/dev/null 2>&1; then
	xz -c "$TMP/mail.log.1" >"$TMP/mail.log.3.xz"
	"$SMTPCODE" scan --tsv "$TMP/mail.log.3.xz" | sed 1d | cut -f2- >"$TMP/unxz"
	check "  ... and of an xz-compressed one" cmp -s "$TMP/plain" "$TMP/unxz"
fi
head -c 200 "$TMP/mail.log.2.gz" >"$TMP/cut.gz"
"$SMTPCODE" scan "$TMP/cut.gz" >/dev/null 2>"$TMP/err"
status=$?
cut_said() { [ "$status" -eq 3 ] && grep -q "cut.gz: gzip -dc failed" "$TMP/err"; }
check "scan of a gzip file cut short: exit status 3 ($status), and it says so" cut_said
PATH=/nonexistent "$SMTPCODE" scan "$TMP/mail.log.2.gz" >/dev/null 2>"$TMP/err"
status=$?
no_gzip() { [ "$status" -eq 3 ] && grep -q "gzip could not be run" "$TMP/err"; }
check "scan of a compressed log without its program: exit status 3 ($status), and it says so" no_gzip

# binary data on a pipe is not read to its end: /dev/zero has none
timeout 20 sh -c "cat /dev/zero | '$SMTPCODE' scan" >/dev/null 2>"$TMP/err"
status=$?
stopped() {
	[ "$status" -ne 124 ] && grep -q "binary file, not mail; skipped" "$TMP/err"
}
check "scan of endless binary data on a pipe stops at its first bytes (status $status)" \
	stopped

# an email service's events as they come: SES's JSON Lines, gzipped as
# Firehose writes them, give the records of the text
gzip -c tests/cli/scan-ses-sorted.stdin >"$TMP/ses.json.gz"
"$SMTPCODE" scan --tsv "$TMP/ses.json.gz" 2>&1 |
	sed "s#^$TMP/ses.json.gz	#-	#" >"$TMP/ses.gz.tsv"
check "scan of gzipped SES JSON Lines gives the records of the text" \
	cmp -s "$TMP/ses.gz.tsv" tests/cli/scan-ses-sorted.out
# ... and are read an event at a time: 100 MB of them on a pipe in 64 MB
# of address space (the whole would not fit)
limit="ulimit -v 65536" within=" within 64 MB"
[ -n "${SANITIZE:-}" ] && limit=true within=" (no memory limit under sanitizers)"
awk 'BEGIN { for (i = 0; i < 300000; i++) {
	printf "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":"
	printf "\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":"
	printf "\"u%d@example.com\",\"status\":\"5.1.1\",\"action\":", i
	printf "\"failed\",\"diagnosticCode\":\"smtp; 550 5.1.1 <u%d", i
	printf "@example.com>... User Unknown\"}],\"timestamp\":\"2026-11-"
	printf "28T09:50:03.000Z\"},\"mail\":{\"messageId\":\"0100018c"
	printf "%08d\",\"timestamp\":\"2026-11-28T09:50:01.000Z\"}}\n", i
} }' |
	(eval "$limit" && "$SMTPCODE" scan --summary --tsv) >"$TMP/lines.sum" \
	2>&1
status=$?
check "scan of 100 MB of SES JSON Lines on a pipe$within (status $status)" \
	grep -q '^total	records	300000$' "$TMP/lines.sum"

# --final over a log of 5000 messages, each arriving (Postfix's cleanup
# gives its Message-ID) and then bounced: one record each, with its own
# Message-ID (the table of them grows many times over)
awk 'BEGIN { for (i = 0; i < 5000; i++) {
	printf "Nov 28 09:12:01 mx1 postfix/cleanup[2214]: %010X: message-id=<m%d@example.jp>\n", i + 4096, i
	printf "Nov 28 09:12:02 mx1 postfix/smtp[2216]: %010X: to=<u%d@example.co.jp>, relay=mx.example.co.jp[192.0.2.153]:25, delay=1.1, delays=0.1/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.co.jp[192.0.2.153] said: 550 5.1.1 <u%d@example.co.jp>... User Unknown (in reply to RCPT TO command))\n", i + 4096, i, i
} }' >"$TMP/many.log"
"$SMTPCODE" scan --final --tsv "$TMP/many.log" >"$TMP/many.tsv" 2>/dev/null
own=$(awk -F '\t' 'NR > 1 { split($2, a, "@"); sub("u", "", a[1])
	if ($14 == "<m" a[1] "@example.jp>") n++ } END { print n + 0 }' "$TMP/many.tsv")
check "scan --final of 5000 messages: each record with its own Message-ID ($own of 5000)" \
	[ "$own" -eq 5000 ]

# lone CRs end lines when one comes in the first 64 KiB, on a pipe as in
# a file, whatever the first read brought: a first line ending in LF, or a
# first line of JSON (then a log), before the rest in CRs
pf=$(grep -m1 'status=bounced' tests/cli/scan-postfix.stdin)
printf '%s\n%s\r%s\r' "$pf" "$pf" "$pf" >"$TMP/lfcr.log"
tr '\n' '\r' <tests/cli/scan-log-json-first.stdin >"$TMP/jsoncr.log"
for f in lfcr jsoncr; do
	"$SMTPCODE" scan --tsv "$TMP/$f.log" >"$TMP/$f.file" 2>&1
	first=$(head -n 1 "$TMP/$f.log" | wc -c)
	[ "$f" = jsoncr ] && first=64
	{ head -c "$first" "$TMP/$f.log"; sleep 0.3; tail -c +"$((first + 1))" "$TMP/$f.log"; } |
		"$SMTPCODE" scan --tsv - >"$TMP/$f.pipe" 2>&1
	sed '1!s|^[^	]*	|-	|' "$TMP/$f.file" >"$TMP/$f.want"
	check "scan of a log in lone CRs whose first read ends early ($f): the records of the file ($(($(wc -l <"$TMP/$f.want") - 1)))" \
		cmp -s "$TMP/$f.want" "$TMP/$f.pipe"
done

# events after a line of blanks: JSON on a pipe as in a file
"$SMTPCODE" scan --tsv tests/data/ses-blank-first.json >"$TMP/bf.file" 2>&1
cat tests/data/ses-blank-first.json | "$SMTPCODE" scan --tsv - >"$TMP/bf.pipe" 2>&1
sed '1!s|^[^	]*	|-	|' "$TMP/bf.file" >"$TMP/bf.want"
check "scan of SES events after a line of blanks, on a pipe: the records of the file ($(($(wc -l <"$TMP/bf.want") - 1)))" \
	cmp -s "$TMP/bf.want" "$TMP/bf.pipe"
