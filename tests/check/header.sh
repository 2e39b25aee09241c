#!/bin/sh
# The header compiles cleanly in every C and C++ standard with gcc and
# clang, warns about nothing under -Wall -Wextra -Wpedantic -Werror
# (-Wunused-function included), and works from two translation units, in
# the default mode and in the one-copy mode (SMTPCODE_SPLIT).
. tests/check/common.inc
inc=$OUT/include
cons=tests/consumers
W="-Wall -Wextra -Wpedantic -Werror -Wunused-function -Wshadow"
build_run() { # build_run NAME COMPILER FLAGS...: link a.c + b.c, run it
	name=$1 cc=$2
	shift 2
	if ! command -v "$cc" >/dev/null; then
		not_ok "$name: $cc not installed"
		return
	fi
	lang=c ext=c
	case $cc in *++*) lang=c++ ;; esac
	"$cc" -x $lang $W "$@" -I"$inc" -c $cons/consumer.c -o "$TMP/a.o" 2>"$TMP/err" &&
	"$cc" -x $lang $W "$@" -I"$inc" -c $cons/second.c -o "$TMP/b.o" 2>>"$TMP/err" &&
	"$cc" "$@" -o "$TMP/consumer" "$TMP/a.o" "$TMP/b.o" 2>>"$TMP/err"
	if [ $? -ne 0 ]; then
		not_ok "$name: does not compile"
		sed 's/^/#   /' "$TMP/err" | head -15
		return
	fi
	"$TMP/consumer" >"$TMP/records" 2>"$TMP/err"
	if [ $? -ne 0 ]; then
		not_ok "$name: the consumer failed"
		sed 's/^/#   /' "$TMP/err" | head -15
	elif ! cmp -s "$TMP/records" "$TMP/cli"; then
		not_ok "$name: the consumer's records differ from smtpcode --json"
		diff "$TMP/cli" "$TMP/records" | head -5 | sed 's/^/#   /'
	else
		ok "$name"
	fi
}
"$SMTPCODE" list --json | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("\t".join([r["key"], r["kind"], r["verdict"], r["reason"], r["act"], r["url"], r["summary"]]))
' >"$TMP/cli" || { not_ok "smtpcode list --json"; exit 1; }
san=""
[ -n "${SANITIZE:-}" ] && san="-fsanitize=$SANITIZE"
for cc in gcc clang; do
	for std in c99 c11 c17; do
		build_run "$cc -std=$std" $cc -std=$std -O1 $san
	done
	build_run "$cc -std=c11 one-copy mode" $cc -std=c11 -O1 $san -DSMTPCODE_SPLIT -DSMTPCODE_ONE_COPY
done
for cxx in g++ clang++; do
	for std in c++11 c++17 c++20; do
		build_run "$cxx -std=$std" $cxx -std=$std -O1 $san
	done
done

# Two shared libraries that each hold the tables once (one-copy mode) keep
# them to themselves: none of the tables is an exported symbol, so neither
# library's copy can stand in for the other's (they could be of different
# versions). With SMTPCODE_TABLES_VISIBLE, a library exports them.
if [ -z "${SANITIZE:-}" ]; then
	cat >"$TMP/lib.c" <<'EOC'
#define SMTPCODE_SPLIT
#define SMTPCODE_IMPLEMENTATION
#include "smtpcode.h"
const char *lib_summary(const char *key);
const char *lib_summary(const char *key)
{
	const smtpcode_entry *e = smtpcode_lookup(key, strlen(key));
	return e ? smtpcode_summary(e) : "";
}
EOC
	gcc -std=c11 -O1 -fPIC -shared -I"$inc" "$TMP/lib.c" -o "$TMP/liba.so" 2>"$TMP/err"
	check "a shared library in one-copy mode builds" [ $? -eq 0 ]
	n=$(nm -D --defined-only "$TMP/liba.so" 2>/dev/null | grep -c ' smtpcode__')
	check "... and exports none of the tables ($n exported)" [ "$n" -eq 0 ]
	check "... but its function" sh -c "nm -D --defined-only '$TMP/liba.so' | grep -q ' lib_summary$'"
	gcc -std=c11 -O1 -fPIC -shared -DSMTPCODE_TABLES_VISIBLE -I"$inc" "$TMP/lib.c" \
		-o "$TMP/libv.so" 2>"$TMP/err"
	n=$(nm -D --defined-only "$TMP/libv.so" 2>/dev/null | grep -c ' smtpcode__')
	check "with SMTPCODE_TABLES_VISIBLE it exports them ($n)" [ "$n" -gt 0 ]
	gcc -std=c11 -O1 -fPIC -shared -fvisibility=hidden -DSMTPCODE_TABLES_VISIBLE \
		-I"$inc" "$TMP/lib.c" -o "$TMP/libh.so" 2>"$TMP/err"
	n=$(nm -D --defined-only "$TMP/libh.so" 2>/dev/null | grep -c ' smtpcode__')
	check "... also when built with -fvisibility=hidden ($n)" [ "$n" -gt 0 ]
	# gcc -O0 emits what is not inline: no function of the header may be
	# left in a unit of one-copy mode that calls none (it would need the
	# tables of a unit with SMTPCODE_IMPLEMENTATION)
	printf '#define SMTPCODE_SPLIT\n#include "smtpcode.h"\nint main(void) { return 0; }\n' \
		>"$TMP/none.c"
	check "a unit of one-copy mode that calls nothing links alone at gcc -O0" \
		gcc -std=c99 -O0 -I"$inc" "$TMP/none.c" -o "$TMP/none"
fi
