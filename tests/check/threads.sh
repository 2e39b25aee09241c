#!/bin/sh
# smtpcode_lookup and smtpcode_explain from 8 threads at once under
# ThreadSanitizer: no data race, no wrong answer.
. tests/check/common.inc
[ -n "${SANITIZE:-}" ] && { ok "threads: run in the plain build only # SKIP"; exit 0; }
clang -std=c11 -O1 -g -fsanitize=thread -I"$BUILD/include" \
	tests/consumers/threads.c -o "$TMP/threads" -lpthread 2>"$TMP/err"
check "the thread test builds with -fsanitize=thread" [ $? -eq 0 ]
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$TMP/threads" >"$TMP/out" 2>&1
status=$?
check "lookup and explain from 8 threads: no race, same answers (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || sed 's/^/#   /' "$TMP/out" | head -20
