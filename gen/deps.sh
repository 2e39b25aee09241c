#!/bin/sh
# deps.sh [build|test|bench]: make sure the Debian packages smtpcode needs are
# installed. Installs what is missing (apt-get as root, sudo -n otherwise);
# where it cannot, names the exact packages and fails.
set -u
need=${1:-build}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

missing=""
want() { # want PACKAGE CHECK...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}
have() { command -v "$1"; }
pc() { have "$PKG_CONFIG" && "$PKG_CONFIG" --exists "$1"; }

# The compiler: Debian's package of the same name, gcc's for cc.
cc=${CC:-cc}
cc=${cc%% *}
case ${cc##*/} in
cc | c99 | gcc) ccpkg=gcc ;;
gcc-[0-9]* | clang | clang-[0-9]*) ccpkg=${cc##*/} ;;
*) ccpkg="" ;;
esac

want pkg-config have "$PKG_CONFIG"
if [ -n "$ccpkg" ]; then
	want "$ccpkg" have "$cc"
elif ! have "$cc" >/dev/null; then
	echo "deps: error: the compiler $cc (CC) is not installed" >&2
	exit 1
fi
want make have make
want libxml2-dev pc libxml-2.0
want libcmark-dev pc libcmark
want libc6-dev test -f /usr/lib/x86_64-linux-gnu/libc.a -o -f /usr/lib/libc.a -o -n "$(find /usr/lib -name libc.a -print -quit 2>/dev/null)"
if [ "$need" = test ] || [ "$need" = bench ]; then
	want libcmocka-dev pc cmocka
	want g++ have g++
	want clang have clang
	want libclang-rt-dev test -n "$(find /usr/lib -path '*clang*' -name 'libclang_rt.tsan*' -print -quit 2>/dev/null)"
	want libxml2-utils have xmllint
	want python3 have python3
	want strace have strace
	want groff have groff
	want nodejs have node
fi
if [ "$need" = bench ]; then
	want gperf have gperf
	want valgrind have valgrind
	want hyperfine have hyperfine
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	apt=apt-get
elif have sudo && sudo -n true 2>/dev/null; then
	apt="sudo -n apt-get"
else
	echo "deps: error: missing Debian packages:$missing" >&2
	echo "deps: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $apt install -y -q --no-install-recommends $missing >&2; then
	$apt update -q >&2
	if ! $apt install -y -q --no-install-recommends $missing >&2; then
		echo "deps: error: could not install:$missing" >&2
		exit 1
	fi
fi
exit 0
