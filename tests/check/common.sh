# Sourced by the checks: paths, a scratch folder, and ok/not_ok that count.
BUILD=${BUILD:-build}
TOP=$(pwd)
GEN=$TOP/$BUILD/gen
SMTPCODE=$TOP/$BUILD/bin/smtpcode
SHARED=${SHARED:-$TOP/../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
gen_all() { # gen_all OUTDIR [FILES...]: the real catalog unless files given
	out=$1
	shift
	[ $# -gt 0 ] || set -- catalog/*.xml
	"$GEN" -o "$out" --schema catalog/schema.rng --template gen/smtpcode.h.in \
		--hashfn gen/hashfn.h --assets site "$@"
}
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
