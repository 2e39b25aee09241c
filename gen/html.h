/* html: the HTML page of an entry, built with page.c. */
#ifndef GEN_HTML_H
#define GEN_HTML_H

#include "site.h"

/* Append the page of e to b; root leads from the page to the site's root
 * ("../"). */
void html_entry(site *s, const entry *e, const char *root, buf *b);

/* Append the page of the enhanced code e in class cls ("5.1.1" of X.1.1):
 * its verdict and its form in that class, and the way to the entry. */
void html_class_code(site *s, const entry *e, int cls, const char *root,
		     buf *b);

#endif
