#!/bin/sh
# One record shape everywhere: for every entry, `smtpcode --json KEY` prints
# exactly the site's KEY/index.json, and `smtpcode list --json` prints
# exactly the site's catalog.json.
. tests/check/common.inc
site=$BUILD/site
"$SMTPCODE" list --json >"$TMP/list" || { not_ok "smtpcode list --json"; exit 1; }
# catalog.json is an array with one record a line; list --json is JSON Lines
sed -e '1d' -e '$d' -e 's/},$/}/' "$site/catalog.json" >"$TMP/catalog"
check "smtpcode list --json has the records of the site's catalog.json, byte for byte" cmp -s "$TMP/list" "$TMP/catalog"
n=0 bad=0
for page in $(find "$site" -name index.json | sort); do
	key=$(basename "$(dirname "$page")")
	n=$((n + 1))
	"$SMTPCODE" --json "$key" >"$TMP/one" 2>/dev/null
	cmp -s "$TMP/one" "$page" || { bad=$((bad + 1)); [ $bad -le 3 ] && echo "# differs: $key"; }
done
check "smtpcode --json KEY is KEY/index.json for all $n entries ($bad differ)" [ "$bad" -eq 0 -a "$n" -gt 0 ]
entries=$(wc -l <"$TMP/list")
check "the site has a page for each of the $entries entries" [ "$n" -eq "$entries" ]
