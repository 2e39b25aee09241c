#!/bin/sh
# The README shows real output: each "$ smtpcode ..." line of a ```console
# block prints the lines that follow it (bounce.eml is a real Gmail
# bounce of the shared samples), and the C example compiles with
# -Wall -Wextra -Werror against the generated header and prints what the
# ```text block after it says.
. tests/check/common.inc
# the examples run in a scratch folder, where bounce.eml is a real bounce
# mail.log the Postfix log of the scan tests, sqs.json their SES
# notifications as `aws sqs receive-message` prints them, events.json
# their SendGrid events
cp "$SHARED/samples/bounces/maildir/bsd/rhost-google-02.eml" "$TMP/bounce.eml"
cp tests/cli/scan-postfix.stdin "$TMP/mail.log"
cp tests/cli/scan-ses-sqs.stdin "$TMP/sqs.json"
cp tests/cli/scan-sendgrid.stdin "$TMP/events.json"
PATH=$OUT/bin:$PATH BUILD=$BUILD TMP=$TMP python3 - README.md <<'PY'
import os, re, shlex, subprocess, sys
text = open(sys.argv[1], encoding='utf-8').read()
blocks = re.findall(r'```(\w+)\n(.*?)```', text, re.S)
env = {'PATH': os.environ['PATH'], 'TERM': 'dumb'}
for lang, body in blocks:
    if lang != 'console':
        continue
    cmd, want = None, []
    for line in body.rstrip('\n').split('\n') + ['$ ']:
        if line.startswith('$ '):
            if cmd:
                got = subprocess.run(cmd, shell=True, capture_output=True, text=True, env=env,
                                     cwd=os.environ['TMP'])
                out = (got.stdout + got.stderr).rstrip('\n').split('\n')
                print(('ok' if out == want else 'not ok') + ' - README example: ' + cmd)
                if out != want:
                    for w, g in zip(want + [''] * 99, out + [''] * 99):
                        if w != g:
                            print('#   expected: %s\n#   got:      %s' % (w, g))
                            break
            cmd, want = line[2:], []
        else:
            want.append(line)
codes = [b for l, b in blocks if l == 'c']
texts = [b for l, b in blocks if l == 'text']
if len(codes) != 1 or not texts:
    print('not ok - README has one C example and its output')
    sys.exit()
src = os.path.join(os.environ['TMP'], 'example.c')
exe = os.path.join(os.environ['TMP'], 'example')
open(src, 'w').write(codes[0])
lines = len(codes[0].strip().split('\n'))
inc = os.path.join(os.environ['BUILD'], 'include')
for cc, std in (('gcc', 'c99'), ('g++', 'c++11')):
    lang = ['-x', 'c++'] if cc == 'g++' else []
    r = subprocess.run([cc] + lang + ['-std=' + std, '-Wall', '-Wextra', '-Werror', '-I', inc, src, '-o', exe],
                       capture_output=True, text=True)
    if r.returncode:
        print('not ok - the README example compiles with %s -std=%s\n# %s' % (cc, std, r.stderr[:300]))
        continue
    out = subprocess.run([exe], capture_output=True, text=True).stdout
    ok = out == texts[0]
    print(('ok' if ok else 'not ok') + ' - the README example (%d lines) compiles with %s -std=%s and prints what the README shows' % (lines, cc, std))
PY
