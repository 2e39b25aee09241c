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

# An output that cannot be replaced when others already were (a folder
# the user may not move): they are put back, so the outputs stay all of the
# last run, not a mix. Each output in turn is the one that cannot be moved
# (the others are moved in the order the folder lists them). Run as an
# unprivileged user, as root may move anything.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	u=$TMP/unpriv
	chmod o+x "$TMP" # the user must reach its folder
	mkdir -p "$u" && gen_all "$u/out" >/dev/null 2>&1
	cp -r catalog "$u/cat"
	sed -i 's|<summary>[^<]*|&, changed|' "$u/cat/reply.xml"
	chown -R 65534:65534 "$u"
	outputs() { (cd "$u" && find out -path out/.gen-old -prune -o -type f \
		-print | sort | xargs sha256sum); }
	outputs >"$TMP/before"
	mixed=0 said=0 failed=0
	for o in completion include man site; do
		chmod a-w "$u/out/$o"
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$GEN" -o "$u/out" --schema catalog/schema.rng \
			--template gen/smtpcode.h.in --hashfn gen/hashfn.h \
			--assets site "$u"/cat/*.xml >/dev/null 2>"$TMP/err" ||
			failed=$((failed + 1))
		grep -q "out/$o: error: cannot replace" "$TMP/err" && said=$((said + 1))
		chmod u+w "$u/out/$o"
		outputs | cmp -s - "$TMP/before" || mixed=$((mixed + 1))
	done
	check "gen fails when an output cannot be replaced ($failed of 4)" [ "$failed" -eq 4 ]
	check "  ... and says which ($said of 4)" [ "$said" -eq 4 ]
	check "  ... and every output is still the last run's (mixed $mixed times)" [ "$mixed" -eq 0 ]
else
	ok "an output that cannot be replaced: needs root and setpriv # SKIP"
fi
