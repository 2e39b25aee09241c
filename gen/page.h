/* page: an HTML page of the site as a libxml2 tree. Text goes into the
 * tree as text and libxml2's serializer escapes it, so nothing here or in
 * the callers escapes HTML by hand. Markdown fields are queued where they
 * go and rendered by cmark (safe mode) when the page ends. */
#ifndef GEN_PAGE_H
#define GEN_PAGE_H

#include <libxml/tree.h>

#include "site.h"

/* A Markdown field waiting to be rendered where its placeholder stands. */
typedef struct pending {
	xmlNode *at;
	const char *md;
	int flat;         /* a single paragraph loses its <p> */
} pending;

typedef struct page {
	site *s;
	xmlDoc *doc;
	xmlNode *head, *body, *main;
	const char *root; /* from the page to the site root: "", "../" */
	pending *md;
	size_t nmd, capmd;
} page;

/* Start a page: doctype, banner, head, skip link, header, <main>. */
void page_begin(page *p, site *s, const char *root, const char *title,
		const char *desc);

/* Finish the page: render the Markdown, add the footer (with links to the
 * page as Markdown and JSON when alternates is set) and append the
 * serialized page to b. */
void page_end(page *p, int alternates, buf *b);

/* An element, with a class when cls is not NULL. */
xmlNode *page_el(xmlNode *parent, const char *name, const char *cls);

/* An element holding text. */
xmlNode *page_tel(xmlNode *parent, const char *name, const char *cls,
		  const char *text);

void page_txt(xmlNode *parent, const char *s);
void page_attr(xmlNode *n, const char *name, const char *value);

/* An id, without entering it in the document's table of ids: no page
 * looks ids up, and the table would cost a hash table per page. */
void page_id(xmlNode *n, const char *id);

xmlNode *page_link(xmlNode *parent, const char *href, const char *text);

/* A link to an entry's page, its text in <code> when code is set. */
xmlNode *page_entry_link(page *p, xmlNode *parent, const entry *e,
			 const char *text, int code);

/* Queue a Markdown field (nothing when md is NULL): rendered at the end of
 * the page, in one parse. */
void page_md(page *p, xmlNode *parent, const char *md, int flat);

/* A <section> of <main> with its id and <h2>. */
xmlNode *page_section(page *p, const char *id, const char *title);

/* A term and its description in a <dl>; returns the <dd>. */
xmlNode *page_row(xmlNode *dl, const char *term, const char *text);

/* Verdict words, one per verdict: "5: hard". */
void page_badges(xmlNode *parent, const entry *e);

/* One entry in a list: its key (or label) linked, verdicts, summary. */
xmlNode *page_item(page *p, xmlNode *ul, const entry *e);

#endif
