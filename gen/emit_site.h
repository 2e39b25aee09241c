/* emit_site: the reference site. One page per entry in HTML, Markdown and
 * JSON, the index pages, catalog.json, sitemap.xml, llms.txt, the search
 * index, and the assets of site/. HTML is built as a libxml2 tree and
 * serialized by libxml2, so text is escaped by construction; Markdown
 * fields are rendered by cmark in safe mode. */
#ifndef GEN_EMIT_SITE_H
#define GEN_EMIT_SITE_H

#include <stdatomic.h>

#include "model.h"
#include "out.h"

/* The pages of the entries, which several threads may write together:
 * each takes the next entry not taken yet. */
typedef struct site_pages {
	atomic_size_t next;
} site_pages;

/* Write pages of entries taken from pages until none is left. Returns 0,
 * or -1 after reporting. Any number of threads may call it at once. */
int emit_site_pages(const model *m, out *o, site_pages *pages);

/* Write the rest of the site under "site/" in o: the index pages, the
 * views, catalog.json, sitemap.xml, llms.txt, the search index and the
 * assets (assets is the folder of static files, site/ in the source
 * tree). The header, offered for download as site/smtpcode.h, is written
 * by the caller. Returns 0, or -1 after reporting. */
int emit_site(const model *m, const char *assets, out *o);

#endif
