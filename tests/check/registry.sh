#!/bin/sh
# Every row of the two registry files of shared/reference is found by
# smtpcode: each enhanced code in each class the registry gives it, and each
# reply code.
. tests/check/common.inc
ref=$SHARED/reference
if [ ! -f "$ref/iana-enhanced.csv" ]; then
	echo "ok - registry files not found at $ref # SKIP"
	exit 0
fi
codes=$(cut -d, -f1 "$ref/iana-enhanced.csv" | tail -n +2 |
	sed -e 's/XXX\.YYY/X.X/' -e 's/\.YYY$/.X/')
n=0 miss=0
for c in $codes; do
	n=$((n + 1))
	"$SMTPCODE" -q "$c" >/dev/null 2>&1 || { miss=$((miss + 1)); echo "# not found: $c"; }
done
check "all $n rows of iana-enhanced.csv are found ($miss missing)" [ "$miss" -eq 0 ]
n=0 miss=0
for c in $(cut -d, -f1 "$ref/basic-replies.csv" | tail -n +2 | sort -u); do
	n=$((n + 1))
	"$SMTPCODE" -q "$c" >/dev/null 2>&1 || { miss=$((miss + 1)); echo "# not found: $c"; }
done
check "all $n reply codes of basic-replies.csv are found ($miss missing)" [ "$miss" -eq 0 ]
