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
