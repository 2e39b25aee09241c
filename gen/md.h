/* md: the Markdown page of an entry, the same page as the HTML one with
 * the catalog's Markdown fields pasted as they are. */
#ifndef GEN_MD_H
#define GEN_MD_H

#include "site.h"

/* Append the page of e to b; root leads from the page to the site's root
 * ("../"). */
void md_entry(const site *s, const entry *e, const char *root, buf *b);

/* The DO NOT EDIT banner, as an HTML comment. */
void md_banner(buf *b);

/* A link [text](url), its text as code when code is set; brackets in the
 * text and spaces in the URL are taken care of. */
void md_link(buf *b, const char *text, const char *url, int code);

#endif
