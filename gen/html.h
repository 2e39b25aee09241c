/* html: the HTML page of an entry, built with page.c. */
#ifndef GEN_HTML_H
#define GEN_HTML_H

#include "site.h"

/* Append the page of e to b; root leads from the page to the site's root
 * ("../"). */
void html_entry(site *s, const entry *e, const char *root, buf *b);

#endif
