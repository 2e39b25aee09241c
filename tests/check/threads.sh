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

# gen's threads: one surveys the tree it recycles while the catalog
# loads, then two write the header, the man pages, the entry pages and
# the views: gen built with -fsanitize=thread, run twice (the second run
# recycles the first one's tree), reports no race and writes what the
# plain gen writes.
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

# A catalog of more than 64 files is read and validated in two threads
# (catalog.c), its diagnostics said in the order of the files: the
# real catalog, 30 empty catalog files, and two broken ones, the first
# and the last file.
mkdir -p "$TMP/many"
cp catalog/*.xml "$TMP/many/"
i=0
while [ "$i" -lt 30 ]; do
	printf '<catalog/>\n' >"$TMP/many/zz-empty-$i.xml"
	i=$((i + 1))
done
printf '<catalog>\n  <reply code="9x9"/>\n</catalog>\n' >"$TMP/many/aa-first.xml"
printf '<catalog>\n  <oops/>\n</catalog>\n' >"$TMP/many/zz-last.xml"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$TMP/tsan/gen" --check \
	"$TMP"/many/*.xml >/dev/null 2>"$TMP/many-tsan.err"
status=$?
check "gen reads $(ls "$TMP/many" | wc -l) files in two threads: no race (status $status, 1 for the errors)" \
	[ "$status" -eq 1 ]
[ "$status" -eq 1 ] || sed 's/^/#   /' "$TMP/many-tsan.err" | head -20
"$BUILD/gen" --check "$TMP"/many/*.xml >/dev/null 2>"$TMP/many.err"
check "  ... and says what the plain gen says" cmp -s "$TMP/many.err" "$TMP/many-tsan.err"
in_order() {
	first=$(grep -n 'aa-first.xml' "$TMP/many.err" | head -1 | cut -d: -f1)
	last=$(grep -n 'zz-last.xml' "$TMP/many.err" | head -1 | cut -d: -f1)
	[ -n "$first" ] && [ -n "$last" ] && [ "$first" -lt "$last" ]
}
check "  ... in the order of the files" in_order
