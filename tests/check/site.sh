#!/bin/sh
# The site's pages, as a reader and a screen reader find them, opened from
# file:// with no network: every page is well-formed (each element closed,
# ids unique), has its language, a title of its own, one h1 and headings
# that never skip a level, the landmarks main and nav, and a skip link
# whose target exists; every link and asset in it resolves inside the
# site (a file, not a folder; a fragment that exists), anything else is a
# plain link (no third-party asset); and its text holds no Markdown left
# unrendered and no entity escaped twice.
. tests/check/common.inc
python3 - "$OUT/site" >"$TMP/site" 2>&1 <<'PY'
import html, os, re, sys
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote

root = sys.argv[1]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
CODE = {"pre", "code", "samp", "script", "style", "kbd"}

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs, self.heads, self.tags = [], [], [], set()
        self.stack, self.errors, self.text = [], [], []
        self.lang = self.skip = None
        self.title, self.in_title, self.in_code = "", False, 0
    def handle_starttag(self, t, a):
        a = dict(a)
        self.tags.add(t)
        if a.get("id"):
            self.ids.append(a["id"])
        for k in ("href", "src", "action"):
            if a.get(k) is not None:
                self.refs.append((t, a[k]))
        if t == "html":
            self.lang = a.get("lang")
        if t == "title":
            self.in_title = True
        if re.fullmatch(r"h[1-6]", t):
            self.heads.append(int(t[1]))
        if t == "a" and "skip" in (a.get("class") or "").split():
            self.skip = a.get("href")
        if t in CODE:
            self.in_code += 1
        if t not in VOID:
            self.stack.append(t)
    def handle_startendtag(self, t, a):
        self.handle_starttag(t, a)
        if t not in VOID:
            self.stack.pop()
    def handle_endtag(self, t):
        if t in VOID:
            return
        if t == "title":
            self.in_title = False
        if t in CODE:
            self.in_code -= 1
        if not self.stack or self.stack[-1] != t:
            self.errors.append("</%s> closes <%s>" % (t, self.stack[-1] if self.stack else ""))
            while self.stack and self.stack.pop() != t:
                pass
        else:
            self.stack.pop()
    def handle_data(self, d):
        if self.in_title:
            self.title += d
        elif not self.in_code:
            self.text.append(d)

def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        src = f.read()
    p.feed(src)
    p.close()
    return p, src

pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(root)
               for f in fs if f.endswith(".html"))
parsed = {h: parse(h) for h in pages}
problems = {k: [] for k in ("form", "title", "headings", "landmarks",
                            "links", "text")}
titles = {}
for h, (p, src) in parsed.items():
    rel = os.path.relpath(h, root)
    def bad(kind, what):
        problems[kind].append("%s: %s" % (rel, what))
    for e in p.errors:
        bad("form", e)
    if p.stack:
        bad("form", "not closed: %s" % p.stack)
    dup = sorted({i for i in p.ids if p.ids.count(i) > 1})
    if dup:
        bad("form", "ids twice: %s" % dup)
    if not p.lang:
        bad("form", "no lang")
    titles.setdefault(p.title.strip(), []).append(rel)
    if p.heads.count(1) != 1 or p.heads[0] != 1:
        bad("headings", "h1 not once and first")
    for a, b in zip(p.heads, p.heads[1:]):
        if b > a + 1:
            bad("headings", "h%d after h%d" % (b, a))
    for t in ("main", "nav"):
        if t not in p.tags:
            bad("landmarks", "no " + t)
    if not p.skip or p.skip.lstrip("#") not in p.ids:
        bad("landmarks", "skip link to %s" % p.skip)
    for tag, ref in p.refs:
        u = urlsplit(ref)
        if u.scheme in ("http", "https", "mailto"):
            if tag != "a":
                bad("links", "third-party asset %s" % ref)
            continue
        if u.scheme or ref.startswith("/"):
            bad("links", "not relative: %s" % ref)
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(h), unquote(u.path))) if u.path else h
        if not target.startswith(root) or not os.path.isfile(target):
            bad("links", "no such file: %s" % ref)
        elif u.fragment and target.endswith(".html"):
            if target not in parsed:
                parsed[target] = parse(target)
            if u.fragment not in parsed[target][0].ids:
                bad("links", "no such fragment: %s" % ref)
    for d in p.text:
        if "`" in d or re.search(r"\*\*|\]\(|^#+ ", d):
            bad("text", "Markdown left: %r" % d.strip()[:60])
    for m in re.finditer(r"&amp;(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);", src):
        bad("text", "escaped twice: %s" % m.group(0))
for t, where in titles.items():
    if not t or len(where) > 1:
        problems["title"].append("%r: %s" % (t, ", ".join(where[:3])))
print(len(pages))
for kind, found in problems.items():
    print("%s %d" % (kind, len(found)))
    for f in found[:5]:
        print("#   " + f)
PY
check "the site's pages are read (python3)" [ $? -eq 0 ]
n=$(sed -n 1p "$TMP/site")
count() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/site"; }
show() { awk -v k="$1" '$1 == k { on = 1; next } /^[a-z]+ [0-9]+$/ { on = 0 } on' "$TMP/site"; }
for kind in form title headings landmarks links text; do
	c=$(count $kind)
	case $kind in
	form) what="well-formed, with unique ids and a language" ;;
	title) what="titled, each its own title" ;;
	headings) what="one h1 first, no heading level skipped" ;;
	landmarks) what="main, nav and a skip link to an id" ;;
	links) what="links and assets that resolve inside the site, no third-party asset" ;;
	text) what="no Markdown left in its text, no entity escaped twice" ;;
	esac
	check "all $n pages: $what ($c problems)" [ "${c:-1}" -eq 0 -a "${n:-0}" -gt 0 ]
	[ "${c:-1}" -eq 0 ] || show $kind
done

# An enhanced code has a page in each class it is used in, beside the
# entry's: 5.1.1/ and X.1.1/, 4.2.2/ and 5.2.2/ and X.2.2/.
for c in 5.1.1 4.2.2 5.2.2 2.1.5; do
	f=$OUT/site/$c/index.html
	check "the site has a page for $c, which leads to its entry" \
		grep -q "href=\"../X${c#?}/index.html\"" "$f"
done
[ ! -e "$OUT/site/4.1.1" ]
check "... and none for a class the code is not used in (4.1.1)" [ $? -eq 0 ]

# What the pages say of each verdict is what the catalog says: every
# entry's page (HTML and Markdown) shows each verdict of its JSON, in its
# order, with its class and its word (hard is "Hard bounce"); a class's
# page (5.1.0/) shows its entry's verdict for that class; the verdict
# view heads each verdict's section with its word.
python3 - "$OUT/site" >"$TMP/verdicts" 2>&1 <<'PY'
import json, os, re, sys
from html.parser import HTMLParser

root = sys.argv[1]
WORD = {"hard": "Hard bounce", "soft": "Soft bounce", "success": "Success",
        "none": "Not a bounce"}

class Verdicts(HTMLParser):
    """The (class, word) of each verdict shown, and each section's heading."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shown, self.heads, self.cur, self.section = [], {}, None, None
    def handle_starttag(self, t, a):
        c = (dict(a).get("class") or "").split()
        if t == "section":
            self.section = dict(a).get("id")
        elif t == "h2" and self.section:
            self.cur = "h2"
            self.heads[self.section] = ""
        elif t == "p" and "vhead" in c:
            self.shown.append(["", ""])
        elif self.shown and t in ("span", "strong") and ("vclass" in c or "vword" in c):
            self.cur = "vclass" if "vclass" in c else "vword"
    def handle_endtag(self, t):
        if t in ("span", "strong", "h2"):
            self.cur = None
    def handle_data(self, d):
        if self.cur == "h2":
            self.heads[self.section] += d
        elif self.cur == "vclass":
            self.shown[-1][0] += d
        elif self.cur == "vword":
            self.shown[-1][1] += d

def html_verdicts(path):
    p = Verdicts()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p

def cls_of(label):
    """The class digit a verdict's label names: 5.1.0: or 550 (class 5):"""
    m = re.search(r"\(class ([0-9])\)", label) or re.match(r"\s*([0-9])", label)
    return int(m.group(1)) if m else 0

def md_verdicts(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^## Verdict\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if not m:
        return []
    return [(cls_of(l or ""), w) for l, w in
            re.findall(r"^\*\*(?:([^*\n]+): )?([^*\n]+)\*\*$", m.group(1), re.M)]

problems, pages, entries = [], 0, {}
for d, _, fs in sorted(os.walk(root)):
    if "index.json" not in fs:
        continue
    with open(os.path.join(d, "index.json"), encoding="utf-8") as f:
        e = json.load(f)
    entries[e["key"]] = e
    want = [(v["class"], WORD.get(v["verdict"], "?" + v["verdict"])) for v in e["verdicts"]]
    rel = os.path.relpath(d, root)
    got = [(cls_of(c), w.strip()) for c, w in html_verdicts(os.path.join(d, "index.html")).shown]
    if got != want:
        problems.append("%s/index.html shows %s, its JSON says %s" % (rel, got, want))
    got = md_verdicts(os.path.join(d, "index.md"))
    if got != want:
        problems.append("%s/index.md shows %s, its JSON says %s" % (rel, got, want))
    pages += 2
for name in sorted(os.listdir(root)):
    m = re.fullmatch(r"([245])(\.[0-9]+\.[0-9]+)", name)
    if not m:
        continue
    e = entries.get("X" + m.group(2))
    want = [(v["class"], WORD[v["verdict"]]) for v in (e or {}).get("verdicts", [])
            if v["class"] == int(m.group(1))]
    got = [(cls_of(c), w.strip()) for c, w in
           html_verdicts(os.path.join(root, name, "index.html")).shown]
    if not want or got != want:
        problems.append("%s/index.html shows %s, X%s's JSON says %s" % (name, got, m.group(2), want))
    pages += 1
heads = html_verdicts(os.path.join(root, "by-verdict", "index.html")).heads
for v, w in WORD.items():
    if heads.get(v, "").strip() != w:
        problems.append("by-verdict/index.html heads %s with %r" % (v, heads.get(v)))
pages += 1
print(pages, len(entries), len(problems))
for p in problems[:5]:
    print("#   " + p)
PY
check "the verdicts' words are read (python3)" [ $? -eq 0 ]
set -- $(sed -n 1p "$TMP/verdicts")
check "all ${1:-0} pages of ${2:-0} entries show their verdicts as the JSON gives them (${3:-?} problems)" \
	[ "${3:-1}" -eq 0 -a "${2:-0}" -gt 0 ]
[ "${3:-1}" -eq 0 ] || sed 1d "$TMP/verdicts"
