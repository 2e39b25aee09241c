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

# ... and whatever compiler built gen: C leaves the order in which a call's
# arguments are evaluated open, and output that depended on it would
# differ between gcc and clang. gen is built again with the other one.
case "${CC:-cc}" in
*clang*) other=gcc ;;
*) other=clang ;;
esac
if ! command -v "$other" >/dev/null 2>&1; then
	not_ok "reproducible: $other is missing (gen/deps.sh test installs it)"
	exit 0
fi
make -s BUILD="$TMP/other" CC="$other" SANITIZE= WERROR= "$TMP/other/gen" \
	>"$TMP/other.log" 2>&1 || { not_ok "reproducible: gen built with $other"; exit 0; }
GEN=$TMP/other/gen gen_all "$TMP/c" || { not_ok "gen built with $other runs"; exit 0; }
bad=0
for f in $(cd "$TMP/a" && find . -type f | sort); do
	cmp -s "$TMP/a/$f" "$TMP/c/$f" || { bad=$((bad + 1)); echo "# differs: $f"; }
done
check "reproducible: the same $n files from gen built with $other" [ "$bad" -eq 0 ]

# ... and whatever order the files are named in (a shell's glob sorts them,
# a script may not): gen reads them in name order.
gen_all "$TMP/r" $(ls catalog/*.xml | sort -r) || { not_ok "gen runs on files in reverse order"; exit 0; }
bad=0
for f in $(cd "$TMP/a" && find . -type f | sort); do
	cmp -s "$TMP/a/$f" "$TMP/r/$f" || { bad=$((bad + 1)); [ $bad -le 3 ] && echo "# differs: $f"; }
done
check "reproducible: the same $n files from the catalog's files named in reverse order" [ "$bad" -eq 0 ]

# ... and whatever the files are called: renamed so that their names sort
# the other way round, they give the same files (the providers came in the
# order of the files that define them)
mkdir -p "$TMP/renamed"
i=100
for f in $(ls catalog/*.xml | sort -r); do
	i=$((i + 1))
	cp "$f" "$TMP/renamed/$i-$(basename "$f")"
done
gen_all "$TMP/n" "$TMP"/renamed/*.xml || { not_ok "gen runs on renamed files"; exit 0; }
bad=0
for f in $(cd "$TMP/a" && find . -type f | sort); do
	cmp -s "$TMP/a/$f" "$TMP/n/$f" || { bad=$((bad + 1)); [ $bad -le 3 ] && echo "# differs: $f"; }
done
check "reproducible: the same $n files from the catalog's files renamed to sort the other way" [ "$bad" -eq 0 ]
