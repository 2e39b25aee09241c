#!/bin/sh
# smtpcode_lookup and smtpcode_explain from 8 threads at once under
# ThreadSanitizer: no data race, no wrong answer. And gen's own threads.
. tests/check/common.inc
[ -n "${SANITIZE:-}" ] && { ok "threads: run in the plain build only # SKIP"; exit 0; }
clang -std=c11 -O1 -g -fsanitize=thread -I"$BUILD/include" \
	tests/consumers/threads.c -o "$TMP/threads" -lpthread 2>"$TMP/err"
check "the thread test builds with -fsanitize=thread" [ $? -eq 0 ]
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$TMP/threads" >"$TMP/out" 2>&1
status=$?
check "lookup and explain from 8 threads: no race, same answers (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || sed 's/^/#   /' "$TMP/out" | head -20

# gen writes the site in one thread while another writes the header and
# the man pages, and a third removes the outputs two runs old: gen built
# with -fsanitize=thread, run twice (the second run has a trash to
# remove), reports no race and writes what the plain gen writes.
make -s BUILD="$TMP/tsan" CC=clang SANITIZE=thread WERROR= "$TMP/tsan/gen" \
	>"$TMP/tsan.log" 2>&1
check "gen builds with -fsanitize=thread" [ $? -eq 0 ]
status=0
for run in 1 2; do
	GEN=$TMP/tsan/gen TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
		gen_all "$TMP/gen-tsan" >"$TMP/out" 2>&1 || status=$?
done
check "gen's threads: no race (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || sed 's/^/#   /' "$TMP/out" | head -20
gen_all "$TMP/gen-plain" >/dev/null 2>&1
same_outputs() {
	diff -r -x .gen-old "$TMP/gen-plain" "$TMP/gen-tsan" >/dev/null
}
check "  ... and the same outputs as the plain gen" same_outputs
