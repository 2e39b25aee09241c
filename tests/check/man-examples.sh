#!/bin/sh
# Every example of smtpcode(1) runs as shown: in each .EX block, a line
# "$ smtpcode ..." is run (standard error with standard output), and what it
# prints must be the lines that follow it, up to the next "$" or .EE.
. tests/check/common.inc
PATH=$OUT/bin:$PATH python3 - lookup/smtpcode.1 <<'PY'
import subprocess, sys
def unroff(s):
    return s.replace('\\-', '-').replace('\\e', '\\').replace('\\(aq', "'")
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
examples, inside, cur = [], False, None
for line in lines:
    if line == '.EX':
        inside = True
    elif line == '.EE':
        inside, cur = False, None
    elif inside and line.startswith('$ '):
        cur = [unroff(line[2:]), []]
        examples.append(cur)
    elif inside and cur is not None:
        cur[1].append(unroff(line))
if not examples:
    print('not ok - no examples found in smtpcode(1)')
for cmd, want in examples:
    got = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                         env={'PATH': __import__('os').environ['PATH'], 'TERM': 'dumb'})
    out = (got.stdout + got.stderr).rstrip('\n').split('\n')
    if got.returncode > 128:
        print('not ok - smtpcode(1) example crashed: %s' % cmd)
    elif out == want:
        print('ok - smtpcode(1) example: %s' % cmd)
    else:
        print('not ok - smtpcode(1) example: %s' % cmd)
        for w, g in zip(want + [''] * len(out), out + [''] * len(want)):
            if w != g:
                print('#   expected: %s\n#   got:      %s' % (w, g))
                break
PY
# Every option of --help is documented in smtpcode(1), and the other way.
help=$("$SMTPCODE" --help | grep -o -- '--[a-z]*' | sort -u)
man=$(grep -o -- '\\-\\-[a-z]*' lookup/smtpcode.1 | sed 's/\\//g' | sort -u)
check "smtpcode(1) documents every option of --help" [ -z "$(echo "$help" | grep -vxF -e "$man")" ]
check "every option documented in smtpcode(1) is in --help" [ -z "$(echo "$man" | grep -vxF -e "$help")" ]
