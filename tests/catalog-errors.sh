#!/bin/sh
# catalog-errors.sh GEN: each folder of tests/catalog-errors/ holds files
# that replace or join those of the minimal catalog tests/data/min/, and
# `expected`, the exact diagnostics gen must print. gen must exit 1, print
# exactly that, and write nothing; gen --check must say the same.
# With UPDATE=1, write `expected` from what gen prints (review the diff).
set -u
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for case in "$here"/catalog-errors/*/; do
	name=$(basename "$case")
	rm -rf "$tmp/cat" "$tmp/out"
	mkdir -p "$tmp/cat" "$tmp/out"
	cp "$here"/data/min/*.xml "$tmp/cat/"
	cp "$case"*.xml "$tmp/cat/"
	(cd "$tmp/cat" && "$gen" -o "$tmp/out" --schema "$here/../catalog/schema.rng" \
		--template "$here/../gen/smtpcode.h.in" --hashfn "$here/../gen/hashfn.h" \
		--assets "$here/../site" *.xml) >"$tmp/stdout" 2>"$tmp/stderr"
	status=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/stderr" "$case/expected"
	fi
	why=""
	[ "$status" -eq 1 ] || why="exit status $status, not 1"
	[ -s "$tmp/stdout" ] && why="$why; wrote to stdout"
	[ -z "$(ls -A "$tmp/out")" ] || why="$why; wrote files"
	cmp -s "$tmp/stderr" "$case/expected" || why="$why; diagnostics differ"
	# gen --check finds the same, without an output folder
	(cd "$tmp/cat" && "$gen" --check --schema "$here/../catalog/schema.rng" \
		*.xml) >/dev/null 2>"$tmp/check-stderr"
	[ $? -eq 1 ] || why="$why; gen --check did not exit 1"
	cmp -s "$tmp/check-stderr" "$case/expected" ||
		why="$why; gen --check said something else"
	# every diagnostic names its place: gen: FILE:LINE:COL: error: ...
	grep -v '^gen: [0-9]* errors*; nothing written$' "$tmp/stderr" |
		grep -qv '^gen: [^:]*:[0-9][0-9]*:[0-9][0-9]*: error: ' &&
		why="$why; a diagnostic without FILE:LINE:COL"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok - catalog error $name"
	else
		fail=$((fail + 1))
		echo "not ok - catalog error $name: $why"
		diff "$case/expected" "$tmp/stderr" | sed 's/^/#   /' | head -20
	fi
done
echo "# catalog-errors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
