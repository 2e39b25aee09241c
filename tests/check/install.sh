#!/bin/sh
# make install puts the command, the header, the man pages, the bash
# completion, the site and smtpcode.pc under DESTDIR/PREFIX, and
# `pkg-config --cflags smtpcode` lets a program find the header.
. tests/check/common.inc
dest=$TMP/root
make -s --no-print-directory install BUILD="$BUILD" SANITIZE="${SANITIZE:-}" \
	PREFIX=/opt/smtpcode DESTDIR="$dest" >"$TMP/log" 2>&1
check "make install PREFIX=/opt/smtpcode DESTDIR=..." [ $? -eq 0 ]
p=$dest/opt/smtpcode
for f in bin/smtpcode include/smtpcode.h share/man/man1/smtpcode.1 \
	share/man/man7/smtpcode.7 share/bash-completion/completions/smtpcode \
	share/doc/smtpcode/site/index.html lib/pkgconfig/smtpcode.pc; do
	check "installs $f" [ -s "$p/$f" ]
done
# the site is readable by all whatever umask built it (a file gen left
# as it was keeps the mode it was made with)
unreadable=$(find "$p/share/doc/smtpcode/site" ! -perm -a+r | wc -l)
check "the installed site is readable by all ($unreadable files not)" [ "$unreadable" -eq 0 ]
"$p/bin/smtpcode" -q 5.1.1 >/dev/null
check "the installed command runs" [ $? -eq 0 ]
flags=$(echo $(PKG_CONFIG_PATH=$p/lib/pkgconfig pkg-config --define-variable=prefix="$p" --cflags smtpcode))
check "pkg-config --cflags smtpcode gives $flags" [ "$flags" = "-I$p/include" ]
version=$(PKG_CONFIG_PATH=$p/lib/pkgconfig pkg-config --modversion smtpcode)
check "pkg-config --modversion smtpcode is the header's version ($version)" \
	grep -q "define SMTPCODE_VERSION \"$version\"" "$p/include/smtpcode.h"
printf '#include <smtpcode.h>\nint main(void) { return smtpcode_lookup("550", 3) ? 0 : 1; }\n' >"$TMP/use.c"
cc $flags -o "$TMP/use" "$TMP/use.c" && "$TMP/use"
check "a program built with those flags finds the header and runs" [ $? -eq 0 ]
bash -n "$p/share/bash-completion/completions/smtpcode"
check "the bash completion is valid bash" [ $? -eq 0 ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode 5.2.); COMP_CWORD=1; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion completes 5.2. to the 5.2.x codes ($out)" [ -n "$(echo "$out" | grep -w 5.2.2)" ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode scan --s); COMP_CWORD=2; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion completes scan --s to --summary ($out)" [ "$out" = --summary ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode scan --verdict h); COMP_CWORD=3; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion completes scan --verdict h to hard ($out)" [ "$out" = hard ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode list --class ''); COMP_CWORD=3; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion offers list --class its classes ($out)" [ "$out" = "2 4 5" ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode scan --class ''); COMP_CWORD=3; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion offers no value to scan --class, which scan refuses ($out)" [ -z "$out" ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode scan --class=); COMP_CWORD=2; _smtpcode; echo \${COMPREPLY[*]}")
check "  ... nor to scan --class= ($out)" [ -z "$out" ]
out=$(bash -c ". '$p/share/bash-completion/completions/smtpcode'; COMP_WORDS=(smtpcode explain ''); COMP_CWORD=2; _smtpcode; echo \${COMPREPLY[*]}")
check "the completion offers explain only - (a reply is typed) ($out)" [ "$out" = - ]
groff -man -Tutf8 -ww -z "$p/share/man/man1/smtpcode.1" 2>"$TMP/w1"
groff -man -Tutf8 -ww -z "$p/share/man/man7/smtpcode.7" 2>"$TMP/w7"
check "groff renders smtpcode(1) and smtpcode(7) without a warning" [ ! -s "$TMP/w1" -a ! -s "$TMP/w7" ]
# a page that a later catalog no longer has does not stay from an earlier
# install; make uninstall takes away all that make install put
mkdir -p "$p/share/doc/smtpcode/site/gone"
make -s --no-print-directory install BUILD="$BUILD" SANITIZE="${SANITIZE:-}" \
	PREFIX=/opt/smtpcode DESTDIR="$dest" >"$TMP/log" 2>&1
check "make install again replaces the site, a stale page goes" \
	[ ! -e "$p/share/doc/smtpcode/site/gone" ]
make -s --no-print-directory uninstall BUILD="$BUILD" SANITIZE="${SANITIZE:-}" \
	PREFIX=/opt/smtpcode DESTDIR="$dest" >"$TMP/log" 2>&1
check "make uninstall" [ $? -eq 0 ]
left=$(find "$p" -type f | wc -l)
check "  ... leaves no file of smtpcode's ($left left)" [ "$left" -eq 0 ]
