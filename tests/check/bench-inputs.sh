#!/bin/sh
# make bench builds its inputs from the catalog; a change to the catalog's
# form must not break them, and make test is what runs after every change.
# The synthetic catalog of the gen benchmark (tests/bench/bigcat.py: renamed
# copies of the provider files) is a catalog gen accepts.
. tests/check/common.inc
python3 tests/bench/bigcat.py 2 "$TMP/bigcat" catalog/*.xml >"$TMP/counts" \
	2>"$TMP/err"
check "bench: bigcat.py makes a catalog twice as large" [ $? -eq 0 ]
set -- $(cat "$TMP/counts")
check "bench: ... of $2 entries, the real one $1" [ "${2:-0}" -ge $((2 * ${1:-1})) ]
"$GEN" --check --schema catalog/schema.rng "$TMP"/bigcat/*.xml >/dev/null \
	2>"$TMP/check.err"
status=$?
check "bench: gen accepts it (status $status)" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || sed 's/^/#   /' "$TMP/check.err" | head -5
