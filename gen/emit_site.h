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

/* The pages of the entries, then the index pages and views (the index,
 * by-reply/, by-verdict/, by-provider/, catalog.json, sitemap.xml,
 * llms.txt, the search index) and the static files, which several
 * threads may write together: each takes the next one not taken yet. */
typedef struct site_work {
	atomic_size_t next;      /* entries */
	atomic_size_t next_view; /* views, then the static files */
	const char *assets;      /* their folder, site/ in the source tree */
} site_work;

/* Write what work holds until nothing is left, under "site/" in o. The
 * header, offered for download as site/smtpcode.h, is written by the
 * caller. Returns 0, or -1 after reporting. Any number of threads may
 * call it at once. */
int emit_site_share(const model *m, out *o, site_work *work);

#endif
