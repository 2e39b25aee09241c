#!/bin/sh
# The parsers of untrusted input take arbitrary bytes: libFuzzer runs each
# fuzz target, seeded with real input, under AddressSanitizer and
# UndefinedBehaviorSanitizer. A fixed number of runs, not a time.
. tests/check/common.inc
[ -n "${SANITIZE:-}" ] && { ok "fuzz: run in the plain build only # SKIP"; exit 0; }

# fuzz NAME WHAT RUNS MAX_LEN CORPUS SOURCE...: build tests/fuzz/NAME.c with
# the sources, run it RUNS times over a copy of the corpus folder
fuzz() {
	name=$1 what=$2 runs=$3 max=$4 corpus=$5
	shift 5
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -I"$BUILD/include" -Ilookup \
		"tests/fuzz/$name.c" "$@" -o "$TMP/$name" 2>"$TMP/err"
	check "the fuzz target $name builds with libFuzzer" [ $? -eq 0 ]
	[ -x "$TMP/$name" ] || { sed 's/^/#   /' "$TMP/err" | head; return; }
	"$TMP/$name" -runs="$runs" -seed=1 -max_len="$max" \
		-artifact_prefix="$TMP/" "$corpus" >"$TMP/log" 2>&1
	status=$?
	check "$runs fuzzed inputs to $what: no crash (status $status)" [ "$status" -eq 0 ]
	[ "$status" -eq 0 ] || grep -A15 "ERROR\|runtime error\|$name:" "$TMP/log" |
		head -20 | sed 's/^/#   /'
}

# lookup, parse and explain, seeded with real notations and replies
mkdir -p "$TMP/corpus"
cp tests/fuzz/corpus/* "$TMP/corpus/"
fuzz fuzz_header "lookup, parse and explain" 200000 4096 "$TMP/corpus"

# the bounce message reader, seeded with the real bounces of the shared
# samples (those under 8 kB): fewer runs, as each input is a whole message
mkdir -p "$TMP/bounces"
find "$SHARED/samples/bounces" -type f -size -8k | while IFS= read -r f; do
	cp "$f" "$TMP/bounces/$(echo "$f" | cksum | cut -d' ' -f1)"
done
fuzz fuzz_bounce "the bounce reader" 20000 8192 "$TMP/bounces" lookup/bounce.c \
	lookup/esp.c lookup/date.c

# the reader of the ESPs' JSON (Amazon SES, SendGrid, Postmark, Mailgun),
# seeded with the golden tests' files of them (JSON lines and arrays; an
# SQS envelope around SNS's)
mkdir -p "$TMP/ses"
for f in ses-lines ses-sqs sendgrid postmark mailgun mailgun-api; do
	cp "tests/cli/scan-$f.stdin" "$TMP/ses/$f"
done
fuzz fuzz_esp "the ESP event reader" 50000 4096 "$TMP/ses" lookup/esp.c \
	lookup/bounce.c

# the mail log reader, seeded with the golden tests' Postfix, Exim,
# Sendmail, OpenSMTPD, qmail and PowerMTA logs, one whole log a file
mkdir -p "$TMP/logs"
for f in postfix exim-tsv exim-syslog sendmail-json opensmtpd qmail powermta \
	final final-exim final-sendmail; do
	cp "tests/cli/scan-$f.stdin" "$TMP/logs/$f"
done
fuzz fuzz_maillog "the mail log reader" 50000 4096 "$TMP/logs" lookup/maillog.c \
	lookup/qmail.c lookup/pmta.c lookup/last.c lookup/date.c lookup/bounce.c \
	lookup/esp.c
