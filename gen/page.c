/* page: an HTML page of the site as a libxml2 tree (see page.h). */
#include "page.h"

#include <cmark.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static void quiet_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

xmlNode *page_el(xmlNode *parent, const char *name, const char *cls)
{
	xmlNode *n = xmlNewChild(parent, NULL, X(name), NULL);
	if (cls)
		xmlNewProp(n, X("class"), X(cls));
	return n;
}

xmlNode *page_tel(xmlNode *parent, const char *name, const char *cls,
		  const char *text)
{
	xmlNode *n = xmlNewTextChild(parent, NULL, X(name), X(text));
	if (cls)
		xmlNewProp(n, X("class"), X(cls));
	return n;
}

void page_txt(xmlNode *parent, const char *s)
{
	xmlAddChild(parent, xmlNewText(X(s)));
}

void page_attr(xmlNode *n, const char *name, const char *value)
{
	xmlNewProp(n, X(name), X(value));
}

void page_id(xmlNode *n, const char *id)
{
	xmlDoc *doc = n->doc;
	xmlAttr *a;

	n->doc = NULL;
	a = xmlNewProp(n, X("id"), X(id));
	n->doc = doc;
	xmlSetTreeDoc((xmlNode *)a, doc);
}

xmlNode *page_link(xmlNode *parent, const char *href, const char *text)
{
	xmlNode *a = page_tel(parent, "a", NULL, text);
	page_attr(a, "href", href);
	return a;
}

xmlNode *page_entry_link(page *p, xmlNode *parent, const entry *e,
			 const char *text, int code)
{
	buf href = { 0 };
	xmlNode *a;

	site_entry_href(p->root, e, "index.html", &href);
	a = page_el(parent, "a", NULL);
	page_attr(a, "href", href.s);
	if (code)
		page_tel(a, "code", NULL, text);
	else
		page_txt(a, text);
	buf_release(&href);
	return a;
}

void page_md(page *p, xmlNode *parent, const char *md, int flat)
{
	pending *q;
	if (!md)
		return;
	if (p->nmd == p->capmd) {
		p->capmd = p->capmd ? p->capmd * 2 : 16;
		p->md = xrealloc(p->md, p->capmd * sizeof *p->md);
	}
	q = &p->md[p->nmd++];
	q->at = xmlNewChild(parent, NULL, X("md"), NULL);
	q->md = md;
	q->flat = flat;
}

static xmlNode *find_child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* The one <p> a fragment consists of, or NULL. */
static xmlNode *only_paragraph(xmlNode *div)
{
	xmlNode *n, *p = NULL;
	for (n = div->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && xmlIsBlankNode(n))
			continue;
		if (p || n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "p") != 0)
			return NULL;
		p = n;
	}
	return p;
}

/* Put a copy of the rendered fragment where the placeholder is. */
static void place_fragment(pending *q, xmlNode *div)
{
	xmlNode *from = div->children, *n, *next, *para;

	para = q->flat ? only_paragraph(div) : NULL;
	if (para)
		from = para->children;
	for (n = xmlDocCopyNodeList(q->at->doc, from); n; n = next) {
		next = n->next;
		xmlAddPrevSibling(q->at, n);
	}
}

static void wrap_fragment(buf *w, const pending *q)
{
	char *html = cmark_markdown_to_html(q->md, strlen(q->md),
					    CMARK_OPT_DEFAULT);
	buf_puts(w, "<div>");
	buf_puts(w, html);
	buf_puts(w, "</div>\n");
	free(html);
}

/* Parse cmark's output. Whatever the HTML parser says about it goes
 * nowhere: the handler that catalog_load installs would count it as a
 * catalog error, and libxml2 ignores a context's own handler for HTML. */
static xmlDoc *parse_fragments(site *s, const buf *w)
{
	xmlStructuredErrorFunc handler = xmlStructuredError;
	void *ctx = xmlStructuredErrorContext;
	xmlDoc *doc;

	xmlSetStructuredErrorFunc(NULL, quiet_error);
	doc = htmlCtxtReadMemory(s->parser, w->s, (int)w->len, NULL, "UTF-8",
				 HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				 HTML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(ctx, handler);
	return doc;
}

/* Render every queued field with cmark (safe mode), parse the fragments
 * with libxml2's HTML parser in one document, and move them into place. */
static void render_markdown(page *p)
{
	buf w = { 0 };
	xmlDoc *frag;
	xmlNode *d;
	size_t i, k = 0;

	buf_puts(&w, "<!DOCTYPE html><html><body>\n");
	for (i = 0; i < p->nmd; i++)
		wrap_fragment(&w, &p->md[i]);
	buf_puts(&w, "</body></html>\n");
	frag = parse_fragments(p->s, &w);
	d = frag ? find_child(find_child(xmlDocGetRootElement(frag), "body"),
			      "div") : NULL;
	for (; d && k < p->nmd; d = d->next)
		if (d->type == XML_ELEMENT_NODE)
			place_fragment(&p->md[k++], d);
	if (k != p->nmd) {
		diag_error(NULL, 0, 0, "site: %zu Markdown fields could not "
			   "be placed", p->nmd - k);
		p->s->failed = 1;
	}
	for (i = 0; i < p->nmd; i++) {
		xmlUnlinkNode(p->md[i].at);
		xmlFreeNode(p->md[i].at);
	}
	xmlFreeDoc(frag);
	buf_release(&w);
}

static void page_head(page *p, const char *title, const char *desc)
{
	buf href = { 0 };
	xmlNode *n;

	page_attr(page_el(p->head, "meta", NULL), "charset", "utf-8");
	n = page_el(p->head, "meta", NULL);
	page_attr(n, "name", "viewport");
	page_attr(n, "content", "width=device-width, initial-scale=1");
	page_tel(p->head, "title", NULL, title);
	if (desc) {
		n = page_el(p->head, "meta", NULL);
		page_attr(n, "name", "description");
		page_attr(n, "content", desc);
	}
	buf_printf(&href, "%sstyle.css", p->root);
	n = page_el(p->head, "link", NULL);
	page_attr(n, "rel", "stylesheet");
	page_attr(n, "href", href.s);
	buf_release(&href);
}

static void nav_item(page *p, xmlNode *ul, const char *path,
		     const char *text)
{
	buf href = { 0 };
	buf_printf(&href, "%s%s", p->root, path);
	page_link(page_el(ul, "li", NULL), href.s, text);
	buf_release(&href);
}

static void page_header(page *p)
{
	xmlNode *h, *nav, *ul;
	buf href = { 0 };

	page_attr(page_link(p->body, "#main", "Skip to content"), "class",
		  "skip");
	h = page_el(p->body, "header", NULL);
	buf_printf(&href, "%sindex.html", p->root);
	page_attr(page_link(h, href.s, "smtpcode"), "class", "brand");
	nav = page_el(h, "nav", NULL);
	page_attr(nav, "aria-label", "Views");
	ul = page_el(nav, "ul", NULL);
	nav_item(p, ul, "index.html", "All codes");
	nav_item(p, ul, "by-reply/index.html", "By reply code");
	nav_item(p, ul, "by-verdict/index.html", "By verdict");
	nav_item(p, ul, "by-provider/index.html", "By provider");
	buf_release(&href);
}

void page_begin(page *p, site *s, const char *root, const char *title,
		const char *desc)
{
	xmlNode *html;

	memset(p, 0, sizeof *p);
	p->s = s;
	p->root = root;
	p->doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(p->doc, X("html"), NULL, NULL);
	xmlAddChild((xmlNode *)p->doc,
		    xmlNewDocComment(p->doc, X(" " GENERATED " ")));
	html = xmlNewDocNode(p->doc, NULL, X("html"), NULL);
	xmlAddChild((xmlNode *)p->doc, html);
	page_attr(html, "lang", "en");
	p->head = page_el(html, "head", NULL);
	page_head(p, title, desc);
	p->body = page_el(html, "body", NULL);
	page_header(p);
	p->main = page_el(p->body, "main", NULL);
	page_id(p->main, "main");
}

static void footer_link(page *p, xmlNode *par, const char *path,
			const char *text, int first)
{
	buf href = { 0 };
	if (!first)
		page_txt(par, " · ");
	buf_printf(&href, "%s%s", p->root, path);
	page_link(par, href.s, text);
	buf_release(&href);
}

static void page_footer(page *p, int alternates)
{
	const model *m = p->s->m;
	xmlNode *f = page_el(p->body, "footer", NULL), *par;
	buf t = { 0 };

	buf_printf(&t, "smtpcode catalog %s, reviewed %s; IANA registry as "
		       "of %s. This page is generated from the catalog.",
		   m->version ? m->version : "?", m->date ? m->date : "?",
		   m->registry_date ? m->registry_date : "?");
	page_tel(f, "p", NULL, t.s);
	par = page_el(f, "p", NULL);
	if (alternates) {
		page_txt(par, "This page as ");
		page_link(par, "index.md", "Markdown");
		page_txt(par, " or ");
		page_link(par, "index.json", "JSON");
		page_txt(par, ". ");
	}
	page_txt(par, "Downloads: ");
	footer_link(p, par, "smtpcode.h", "smtpcode.h", 1);
	footer_link(p, par, "catalog.json", "catalog.json", 0);
	footer_link(p, par, "llms.txt", "llms.txt", 0);
	buf_release(&t);
}

/* Finish the page: render Markdown, add the footer, serialize. libxml2's
 * serializer escapes every text and attribute. */
void page_end(page *p, int alternates, buf *b)
{
	xmlOutputBufferPtr o;

	render_markdown(p);
	page_footer(p, alternates);
	o = xmlAllocOutputBuffer(NULL);
	if (!o)
		abort();
	htmlDocContentDumpFormatOutput(o, p->doc, NULL, 1);
	xmlOutputBufferFlush(o);
	buf_put(b, (const char *)xmlOutputBufferGetContent(o),
		xmlOutputBufferGetSize(o));
	xmlOutputBufferClose(o);
	xmlFreeDoc(p->doc);
	free(p->md);
}

xmlNode *page_section(page *p, const char *id, const char *title)
{
	xmlNode *sec = page_el(p->main, "section", NULL);
	page_id(sec, id);
	page_tel(sec, "h2", NULL, title);
	return sec;
}

xmlNode *page_row(xmlNode *dl, const char *term, const char *text)
{
	page_tel(dl, "dt", NULL, term);
	return text ? page_tel(dl, "dd", NULL, text) : page_el(dl, "dd", NULL);
}

void page_badges(xmlNode *parent, const entry *e)
{
	size_t i;
	buf t = { 0 }, c = { 0 };

	for (i = 0; i < e->nverdicts; i++) {
		const verdict *v = &e->verdicts[i];
		t.len = c.len = 0;
		if (v->cls)
			buf_printf(&t, "%d: ", v->cls);
		buf_puts(&t, site_verdict_id(v->value));
		buf_printf(&c, "badge v-%s", site_verdict_id(v->value));
		page_txt(parent, " ");
		page_tel(parent, "span", c.s, t.s);
	}
	buf_release(&t);
	buf_release(&c);
}

xmlNode *page_item(page *p, xmlNode *ul, const entry *e)
{
	xmlNode *li = page_el(ul, "li", NULL);
	buf label = { 0 };

	if (e->kind == KIND_RESPONSE)
		site_response_label(e, &label);
	else
		buf_puts(&label, e->key);
	page_entry_link(p, li, e, label.s, 1);
	page_badges(li, e);
	page_txt(li, " ");
	page_tel(li, "span", "sum", e->summary ? e->summary : "");
	buf_release(&label);
	return li;
}
