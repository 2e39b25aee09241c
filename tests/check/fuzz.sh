#!/bin/sh
# The lookup and the explainer take arbitrary bytes: 200,000 inputs from
# libFuzzer, seeded with real notations and replies, under AddressSanitizer
# and UndefinedBehaviorSanitizer. A fixed number of runs, not a time.
. tests/check/common.inc
[ -n "${SANITIZE:-}" ] && { ok "fuzz: run in the plain build only # SKIP"; exit 0; }
clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -I"$BUILD/include" tests/fuzz/fuzz_header.c \
	-o "$TMP/fuzz" 2>"$TMP/err"
check "the fuzz target builds with libFuzzer" [ $? -eq 0 ]
[ -x "$TMP/fuzz" ] || { sed 's/^/#   /' "$TMP/err" | head; exit 0; }
mkdir -p "$TMP/corpus"
cp tests/fuzz/corpus/* "$TMP/corpus/"
"$TMP/fuzz" -runs=200000 -seed=1 -max_len=4096 "$TMP/corpus" >"$TMP/log" 2>&1
status=$?
check "200,000 fuzzed inputs to lookup, parse and explain: no crash (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || grep -A15 'ERROR\|runtime error' "$TMP/log" | head -20 | sed 's/^/#   /'

# The bounce message reader, seeded with the real bounces of the shared
# samples (those under 8 kB): fewer runs, as each input is a whole message.
clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -I"$BUILD/include" -Ilookup \
	tests/fuzz/fuzz_bounce.c lookup/bounce.c -o "$TMP/fuzz-bounce" 2>"$TMP/err"
check "the bounce reader's fuzz target builds with libFuzzer" [ $? -eq 0 ]
[ -x "$TMP/fuzz-bounce" ] || { sed 's/^/#   /' "$TMP/err" | head; exit 0; }
mkdir -p "$TMP/bounces"
find "$SHARED/samples/bounces" -type f -size -8k | while IFS= read -r f; do
	cp "$f" "$TMP/bounces/$(echo "$f" | cksum | cut -d' ' -f1)"
done
"$TMP/fuzz-bounce" -runs=20000 -seed=1 -max_len=8192 "$TMP/bounces" \
	>"$TMP/log" 2>&1
status=$?
check "20,000 fuzzed messages to the bounce reader: no crash (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || grep -A15 'ERROR\|runtime error' "$TMP/log" | head -20 | sed 's/^/#   /'

# The mail log reader, seeded with the golden tests' Postfix, Exim and
# Sendmail logs, one whole log a file.
clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -I"$BUILD/include" -Ilookup \
	tests/fuzz/fuzz_maillog.c lookup/maillog.c -o "$TMP/fuzz-maillog" 2>"$TMP/err"
check "the mail log reader's fuzz target builds with libFuzzer" [ $? -eq 0 ]
[ -x "$TMP/fuzz-maillog" ] || { sed 's/^/#   /' "$TMP/err" | head; exit 0; }
mkdir -p "$TMP/logs"
for f in postfix exim-tsv exim-syslog sendmail-json; do
	cp "tests/cli/scan-$f.stdin" "$TMP/logs/$f"
done
"$TMP/fuzz-maillog" -runs=50000 -seed=1 -max_len=4096 \
	-artifact_prefix="$TMP/" "$TMP/logs" \
	>"$TMP/log" 2>&1
status=$?
check "50,000 fuzzed logs to the mail log reader: no crash (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || grep -A15 'ERROR\|runtime error\|fuzz_maillog:' "$TMP/log" | head -20 | sed 's/^/#   /'
