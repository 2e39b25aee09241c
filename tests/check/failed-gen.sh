#!/bin/sh
# A failed gen run leaves the previous outputs untouched, byte for byte;
# a successful one replaces them.
. tests/check/common.inc
gen_all "$TMP/out" || { not_ok "gen runs"; exit 1; }
sums() { (cd "$TMP/out" && find . -type f | sort | xargs sha256sum); }
before=$(sums)
mkdir -p "$TMP/bad"
cp catalog/*.xml "$TMP/bad/"
# a duplicate of the first reply code: a catalog error found after parsing
sed -n '1,2p' catalog/reply.xml >"$TMP/bad/zz-broken.xml"
awk '/<reply /{p=1} p{print} /<\/reply>/{if(p) exit}' catalog/reply.xml >>"$TMP/bad/zz-broken.xml"
echo '</catalog>' >>"$TMP/bad/zz-broken.xml"
gen_all "$TMP/out" "$TMP"/bad/*.xml 2>"$TMP/err"
status=$?
check "gen refuses the broken catalog (status $status)" [ "$status" -eq 1 ]
check "and says where" grep -q 'zz-broken.xml:[0-9]*:[0-9]*: error: duplicate code' "$TMP/err"
check "the previous outputs are untouched" [ "$before" = "$(sums)" ]
check "no staging folder is left" [ ! -e "$TMP/out/.gen-new" ]
# a truncated file: the parser's error, same guarantee
head -c 2000 catalog/reply.xml >"$TMP/bad/zz-broken.xml"
gen_all "$TMP/out" "$TMP"/bad/*.xml 2>/dev/null
check "a truncated catalog file is refused" [ $? -eq 1 ]
check "the previous outputs are still untouched" [ "$before" = "$(sums)" ]
echo stale >"$TMP/out/include/stale.h"
gen_all "$TMP/out" >/dev/null 2>&1
check "a successful run replaces the outputs whole" [ ! -e "$TMP/out/include/stale.h" ]
