/* emit_site: the reference site. One page per entry in HTML, Markdown and
 * JSON, the index pages, catalog.json, sitemap.xml, llms.txt, the search
 * index, and the assets of site/. HTML is built as a libxml2 tree and
 * serialized by libxml2, so text is escaped by construction; Markdown
 * fields are rendered by cmark in safe mode. */
#ifndef GEN_EMIT_SITE_H
#define GEN_EMIT_SITE_H

#include "model.h"
#include "out.h"

/* Write the site under "site/" in o. assets is the folder of static files
 * (site/ in the source tree). The header, offered for download as
 * site/smtpcode.h, is written by the caller. Returns 0, or -1 after
 * reporting. */
int emit_site(const model *m, const char *assets, out *o);

#endif
