#!/bin/sh
# run.sh: every test of smtpcode against the build in $BUILD, in TAP-like
# lines, closing with "N passed, N failed". Called by `make test-run`.
set -u
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top" || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT

total_pass=0 total_fail=0 total_skip=0
# count "ok"/"not ok" lines of a suite's output; a crash or a non-zero
# exit without a "not ok" still counts as a failure
suite() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	k=$(grep '^ok ' "$log" | grep -c '# SKIP')
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then
		echo "not ok - $name ran no test"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + k))
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP suite "$(basename "$t")" "$t"
done
suite catalog-errors sh tests/catalog-errors.sh "$BUILD/gen"
suite cli sh tests/cli.sh "$BUILD/bin/smtpcode"
for s in tests/check/*.sh; do
	[ -f "$s" ] || continue
	suite "$(basename "$s" .sh)" sh "$s"
done

echo "${SANITIZE:+sanitized: }$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
