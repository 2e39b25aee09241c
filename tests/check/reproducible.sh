#!/bin/sh
# Generating twice gives byte-identical files: every file of two runs of gen
# on the catalog is compared with cmp.
. tests/check/common.inc
gen_all "$TMP/a" && gen_all "$TMP/b" || { not_ok "gen runs"; exit 1; }
n=0 bad=0
for f in $(cd "$TMP/a" && find . -type f | sort); do
	n=$((n + 1))
	cmp -s "$TMP/a/$f" "$TMP/b/$f" || { bad=$((bad + 1)); echo "# differs: $f"; }
done
[ "$(cd "$TMP/a" && find . -type f | sort)" = "$(cd "$TMP/b" && find . -type f | sort)" ] || bad=$((bad + 1))
check "reproducible: $n files byte-identical in two runs" [ "$bad" -eq 0 -a "$n" -gt 0 ]
grep -q 'DO NOT EDIT' "$TMP/a/include/smtpcode.h"
check "the header says DO NOT EDIT" [ $? -eq 0 ]
