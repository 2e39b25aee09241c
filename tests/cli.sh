#!/bin/sh
# cli.sh SMTPCODE: golden tests of the command. For each tests/cli/NAME.args
# (the arguments, one per line), run smtpcode with NAME.stdin as standard
# input (or none) and compare standard output, standard error and the exit
# status with NAME.out, NAME.err and NAME.status. A crash (status > 128)
# always fails. With UPDATE=1, write the expected files from what it does.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for args in "$here"/cli/*.args; do
	case=${args%.args}
	name=$(basename "$case")
	set --
	while IFS= read -r a || [ -n "$a" ]; do
		set -- "$@" "$a"
	done <"$args"
	input=/dev/null
	[ -f "$case.stdin" ] && input=$case.stdin
	NO_COLOR= TERM=dumb "$bin" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "${UPDATE:-}" = 1 ] && [ "$status" -le 128 ]; then
		cp "$tmp/out" "$case.out"
		cp "$tmp/err" "$case.err"
		echo "$status" >"$case.status"
	fi
	why=""
	[ "$status" -gt 128 ] && why="crashed (status $status)"
	[ "$status" = "$(cat "$case.status" 2>/dev/null)" ] ||
		why="$why status $status, expected $(cat "$case.status" 2>/dev/null)"
	cmp -s "$tmp/out" "$case.out" || why="$why; stdout differs"
	cmp -s "$tmp/err" "$case.err" || why="$why; stderr differs"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok - cli $name"
	else
		fail=$((fail + 1))
		echo "not ok - cli $name: $why"
		diff "$case.out" "$tmp/out" 2>&1 | sed 's/^/#   /' | head -10
		diff "$case.err" "$tmp/err" 2>&1 | sed 's/^/#   /' | head -5
	fi
done
echo "# cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
