#!/bin/sh
# smtpcode explain - over every real bounce message of the shared samples,
# against their labels (labels.tsv: for each recipient, in order, its
# enhanced code, reply code and reason). One test per labelled recipient:
# it passes when the command finds that recipient with the labelled codes
# and reason, or when it differs exactly as tests/data/bounces-known.tsv
# says (the labels come from another analyzer, whose reasons and internal
# codes such as 5.0.910 are its own: the list says where we differ and
# why). A new difference, a listed one that went away, a missing
# recipient or a crash fails. With UPDATE=1 the list is rewritten from
# what the command does (review its diff).
. tests/check/common.inc
dir=$SHARED/samples/bounces
known=$TOP/tests/data/bounces-known.tsv
if [ ! -f "$dir/labels.tsv" ]; then
	not_ok "bounces: $dir/labels.tsv is missing"
	exit 0
fi

# every labelled message, explained once: "path TAB n TAB record" per
# record, where record is the -q output (recipient reply status verdict
# reason act response text)
cut -f1 "$dir/labels.tsv" | sed 1d | sort -u | while IFS= read -r path; do
	"$SMTPCODE" -q explain - <"$dir/$path" >"$TMP/out" 2>/dev/null
	rc=$?
	if [ "$rc" -gt 1 ]; then
		printf '%s\t0\tCRASH %s\n' "$path" "$rc"
		continue
	fi
	awk -v p="$path" '{ printf "%s\t%d\t%s\n", p, NR, $0 }' "$TMP/out"
done >"$TMP/got"

# the differences, one line per labelled row that differs
awk -F'\t' -v OFS='\t' '
	FILENAME == ARGV[1] {
		if ($3 ~ /^CRASH/) crash[$1] = $3
		got[$1, $2] = $0
		n[$1] = $2 > n[$1] ? $2 : n[$1]
		next
	}
	FNR == 1 { next }
	{
		path = $1; i = $2; status = $3; reply = $4; reason = $5
		if (path in crash) { print path, i, crash[path]; next }
		if (i == 0) { # not a bounce: nothing may be found
			if (n[path] > 0) print path, i, "found " n[path] " records"
			else print path, i, "ok"
			next
		}
		if (!((path, i) in got)) { print path, i, "missing"; next }
		split(got[path, i], g, "\t")
		# g: path n recipient reply status verdict reason act response text
		d = ""
		# codes past x.x.899 are the labelling analyzer'"'"'s own
		split(status, st, ".")
		if (status != "" && st[3] < 900 && g[5] != status)
			d = d " status " g[5] " want " status
		if (reply != "" && g[4] != reply)
			d = d " reply " g[4] " want " reply
		if (g[7] != reason)
			d = d " reason " g[7] " want " reason
		print path, i, d == "" ? "ok" : substr(d, 2)
	}' "$TMP/got" "$dir/labels.tsv" >"$TMP/diff"

grep -v '	ok$' "$TMP/diff" >"$TMP/differs"
if [ "${UPDATE:-}" = 1 ]; then # keep the comments at the top
	{ grep '^#' "$known" 2>/dev/null; cat "$TMP/differs"; } >"$TMP/new"
	cp "$TMP/new" "$known"
fi
touch "$known"
awk -F'\t' '
	FILENAME == ARGV[1] && /^#/ { next }
	FILENAME == ARGV[1] { known[$1 "\t" $2] = $3; next }
	{
		k = $1 "\t" $2
		if ($3 == "ok" && k in known)
			print "not ok - bounces " k ": now agrees with the label; " \
			      "remove it from tests/data/bounces-known.tsv"
		else if ($3 == "ok")
			print "ok - bounces " k
		else if (k in known && known[k] == $3)
			print "ok - bounces " k " # differs as listed: " $3
		else if ($3 == "missing" || $3 ~ /^CRASH/)
			print "not ok - bounces " k ": " $3
		else
			print "not ok - bounces " k ": " $3 \
			      (k in known ? " (listed: " known[k] ")" : " (not listed)")
	}' "$known" "$TMP/diff"
awk -F'\t' '{ n++; if ($3 == "ok") a++ }
	END { printf "# bounces: %d of %d labelled recipients agree with the label\n", a, n }' "$TMP/diff"

# every message of an mbox is read
n=$("$SMTPCODE" -q explain - <"$dir/mailbox/mbox-0" 2>/dev/null | wc -l)
m=$(grep -c '^From ' "$dir/mailbox/mbox-0")
check "bounces: mbox-0 gives a record for each of its $m messages ($n)" \
	test "$n" -ge "$m"

# --json: one valid record per recipient, with the documented fields
"$SMTPCODE" --json explain - <"$dir/maildir/bsd/rhost-google-02.eml" >"$TMP/json"
python3 - "$TMP/json" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
need = ['recipient', 'action', 'dsn_status', 'input', 'reply', 'status',
        'reason', 'verdict', 'act', 'provider', 'summary', 'url']
r = recs[0] if len(recs) == 1 else {}
ok = all(k in r for k in need) and r['recipient'] == 'neko-nyaan@example.org' \
    and r['action'] == 'failed' and r['status'] == '5.1.1' and r['reply'] == 550
print('%s - bounces: --json gives one record with %s for a Postfix DSN' %
      ('ok' if ok else 'not ok', ', '.join(need)))
if not ok:
    print('#   got: %r' % recs)
PY
