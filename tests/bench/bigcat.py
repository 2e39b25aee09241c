#!/usr/bin/env python3
"""bigcat: a synthetic catalog some times larger than the real one, for the
benchmark of gen on a large catalog (DESIGN: a 100x larger catalog takes at
most 120x as long).

    bigcat.py FACTOR OUTDIR CATALOG.xml...

Writes to OUTDIR the real catalog files and copy-N.xml files, each a
renamed copy of all the provider files (response-*.xml), as many as make
the catalog FACTOR times as large in entries. The codes of the registry and the reasons are a closed
set, so only provider replies can multiply: copy N of a provider file gets
"-cN" after its provider ids, response ids and tokens, and " cN" after its
phrases, where its texts carry them too, so that every check gen makes
still passes. Prints the number of entries of the real catalog and of the
synthetic one.
"""
import os
import re
import sys

ENTRY = re.compile(r'<(reply|status|response|reason)\s')
PROVIDER_ID = re.compile(r'<provider\s+id="([^"]+)"')
RESPONSE_ID = re.compile(r'<response\s+id="([^"]+)"')
RESPONSE = re.compile(r'(<response\s.*?</response>)', re.S)
PHRASE = re.compile(r'<phrase((?:\s[^>]*)?)>(.*?)</phrase>', re.S)
TEXT = re.compile(r'<text>(.*?)</text>', re.S)
INNER = re.compile(r'<catalog>(.*)</catalog>', re.S)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def rename_attrs(xml, ids, providers, n):
    """Ids, provider ids, references to them and tokens, with -cN."""
    def attr(m):
        name, value = m.group(1), m.group(2)
        if name == 'token' or (name in ('id', 'ref') and value in ids) or \
                (name in ('id', 'provider') and value in providers):
            value = '%s-c%d' % (value, n)
        return '%s="%s"' % (name, value)
    return re.sub(r'\b(id|ref|provider|token)="([^"]*)"', attr, xml)


def mark_phrases(block, n):
    """Each phrase gets " cN"; each text gets it after the first of the
    phrases it contains."""
    phrases = [p for _, p in PHRASE.findall(block)]
    mark = ' c%d' % n

    def text(m):
        t = m.group(1)
        for p in phrases:
            i = t.lower().find(p.lower())
            if i >= 0:
                j = i + len(p)
                return '<text>%s%s%s</text>' % (t[:j], mark, t[j:])
        return m.group(0)
    block = TEXT.sub(text, block)
    return PHRASE.sub(lambda m: '<phrase%s>%s%s</phrase>' %
                      (m.group(1), m.group(2), mark), block)


def copy_of(xml, ids, providers, n):
    xml = rename_attrs(xml, ids, providers, n)
    return RESPONSE.sub(lambda m: mark_phrases(m.group(1), n), xml)


def main(argv):
    if len(argv) < 4:
        sys.exit('usage: bigcat.py FACTOR OUTDIR CATALOG.xml...')
    factor, outdir, files = int(argv[1]), argv[2], argv[3:]
    texts = {f: read(f) for f in files if f.endswith('.xml')}
    providers = {f for f in files
                 if os.path.basename(f).startswith('response-')}
    ids, prov_ids = set(), set()
    total = fixed = 0
    for f, xml in texts.items():
        count = len(ENTRY.findall(xml))
        total += count
        if f not in providers:
            fixed += count
        ids.update(RESPONSE_ID.findall(xml))
        prov_ids.update(PROVIDER_ID.findall(xml))
    per_copy = total - fixed
    copies = -(-(factor * total - fixed) // per_copy)  # rounded up
    os.makedirs(outdir, exist_ok=True)
    for f, xml in texts.items():
        if not f.endswith('.rng'):
            write(os.path.join(outdir, os.path.basename(f)), xml)
    # one file per copy, with every provider file's content in it: a few
    # hundred file names fit on a command line, thousands do not
    for n in range(1, copies):
        body = ''.join(INNER.search(copy_of(texts[f], ids, prov_ids, n)).group(1)
                       for f in sorted(providers))
        write(os.path.join(outdir, 'copy-%d.xml' % n),
              '<?xml version="1.0" encoding="UTF-8"?>\n<catalog>%s</catalog>\n'
              % body)
    print(total, fixed + copies * per_copy)


if __name__ == '__main__':
    main(sys.argv)
