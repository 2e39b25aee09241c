/* emit_site: the reference site (see emit_site.h).
 *
 * This file writes the pages of each entry (HTML from html.c, Markdown
 * from md.c, JSON from json.c), the index pages and the views, which it
 * builds with page.c, and the site-wide files. Everything iterates the
 * model in its sorted order, so the same model gives byte-identical
 * files. */
#include "emit_site.h"

#include <libxml/tree.h>
#include <stdlib.h>

#include "html.h"
#include "json.h"
#include "md.h"
#include "page.h"
#include "site.h"

#define X(s) ((const xmlChar *)(s))

/* ---- the pages of one entry ---- */

static const char *root_of(const char *path)
{
	size_t depth = 0;
	for (; *path; path++)
		depth += *path == '/';
	return depth >= 2 ? "../../" : depth == 1 ? "../" : "";
}

/* An enhanced code's page in each class it is used in (5.1.1/ and 4.1.1/
 * beside X.1.1/), where people look for it. */
static void write_class_codes(site *s, const entry *e, buf *b)
{
	buf file = { 0 };
	int cls;

	if (e->kind != KIND_STATUS || e->cls != CODE_X ||
	    e->subject == CODE_X || e->detail == CODE_X)
		return;
	for (cls = 2; cls <= 5; cls++) {
		if (!(e->classes >> cls & 1))
			continue;
		b->len = 0;
		html_class_code(s, e, cls, "../", b);
		file.len = 0;
		buf_printf(&file, "%d%s/index.html", cls, e->key + 1);
		site_write(s, file.s, b);
	}
	buf_release(&file);
}

static void write_entry(site *s, const entry *e, buf *b)
{
	buf path = { 0 }, file = { 0 };
	const char *root;

	entry_path(e, &path);
	root = root_of(path.s);
	b->len = 0;
	html_entry(s, e, root, b);
	buf_printf(&file, "%sindex.html", path.s);
	site_write(s, file.s, b);
	b->len = 0;
	md_entry(s, e, root, b);
	file.len = 0;
	buf_printf(&file, "%sindex.md", path.s);
	site_write(s, file.s, b);
	b->len = 0;
	json_record(s, e, b);
	buf_putc(b, '\n');
	file.len = 0;
	buf_printf(&file, "%sindex.json", path.s);
	site_write(s, file.s, b);
	write_class_codes(s, e, b);
	buf_release(&path);
	buf_release(&file);
}

/* ---- index.html and the views ---- */

static const char intro[] =
	"What an SMTP reply code, an enhanced status code or a provider's "
	"bounce message means, whether the address is dead (hard bounce) "
	"or fine (soft bounce), who must act, and what to do.";

static void search_form(page *p)
{
	xmlNode *f, *in, *b;

	f = page_el(p->main, "form", NULL);
	page_id(f, "search");
	page_attr(f, "role", "search");
	page_attr(f, "action", "index.html");
	page_attr(f, "method", "get");
	xmlNewProp(f, X("hidden"), NULL);
	page_attr(page_tel(f, "label", NULL,
			   "Look up a code or paste a bounce line"),
		  "for", "q");
	in = page_el(f, "input", NULL);
	page_id(in, "q");
	page_attr(in, "name", "q");
	page_attr(in, "type", "search");
	page_attr(in, "autocomplete", "off");
	page_attr(in, "spellcheck", "false");
	b = page_tel(f, "button", NULL, "Search");
	page_attr(b, "type", "submit");
	page_tel(page_el(p->main, "noscript", NULL), "p", NULL,
		 "The search needs JavaScript. Every entry is listed below, "
		 "and each view above works without it.");
	b = page_el(p->main, "div", NULL);
	page_id(b, "results");
	page_attr(b, "aria-live", "polite");
}

static void index_replies(page *p, xmlNode *sec)
{
	const model *m = p->s->m;
	xmlNode *ul = NULL;
	buf t = { 0 };
	int cls = -1;
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != KIND_REPLY)
			continue;
		if (e->reply / 100 != cls) {
			cls = e->reply / 100;
			t.len = 0;
			buf_printf(&t, "%dxx", cls);
			page_id(page_tel(sec, "h3", NULL, t.s), t.s);
			ul = page_el(sec, "ul", "entries");
		}
		page_item(p, ul, e);
	}
	buf_release(&t);
}

/* A subject heading: the subject row's key and registry text, linked. */
static void subject_heading(page *p, xmlNode *sec, const entry *e, int subj)
{
	buf t = { 0 }, id = { 0 };
	xmlNode *h;

	buf_printf(&id, "subject-%d", subj);
	h = page_el(sec, "h3", NULL);
	page_id(h, id.s);
	if (e) {
		site_entry_title(p->s, e, &t);
		page_entry_link(p, h, e, t.s, 0);
		page_tel(sec, "p", NULL, e->summary ? e->summary : "");
	} else {
		buf_printf(&t, "X.%d.X", subj);
		page_txt(h, t.s);
	}
	buf_release(&t);
	buf_release(&id);
}

static void index_statuses(page *p, xmlNode *sec)
{
	const model *m = p->s->m;
	xmlNode *ul = NULL;
	int subj = -2;
	size_t i;

	page_tel(sec, "h3", NULL, "Classes");
	ul = page_el(sec, "ul", "entries");
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != KIND_STATUS)
			continue;
		if (e->subject != CODE_X && e->subject != subj) {
			subj = e->subject;
			subject_heading(p, sec, e->detail == CODE_X ? e : NULL,
					subj);
			ul = page_el(sec, "ul", "entries");
			if (e->detail == CODE_X)
				continue;
		}
		page_item(p, ul, e);
	}
}

static void index_kind(page *p, xmlNode *sec, int kind)
{
	xmlNode *ul = page_el(sec, "ul", "entries");
	size_t i;
	for (i = 0; i < p->s->m->nentries; i++)
		if (p->s->m->entries[i].kind == kind)
			page_item(p, ul, &p->s->m->entries[i]);
}

static void provider_block(page *p, xmlNode *sec, size_t k, const char *h)
{
	const provider *pr = &p->s->m->providers[k];
	const ilist *l = &p->s->responses[k];
	buf id = { 0 };
	xmlNode *ul;
	size_t i;

	buf_printf(&id, "provider-%s", pr->id);
	page_id(page_tel(sec, h, NULL, pr->name ? pr->name : pr->id), id.s);
	if (pr->about && *pr->about)
		page_md(p, sec, pr->about, 0);
	ul = page_el(sec, "ul", "entries");
	for (i = 0; i < l->n; i++)
		page_item(p, ul, &p->s->m->entries[l->v[i]]);
	buf_release(&id);
}

/* Providers in the order of their ids, so that adding a file does not
 * reorder the page. */
static int *provider_order(const model *m)
{
	int *v = xcalloc(m->nproviders + 1, sizeof *v);
	size_t i;

	for (i = 0; i < m->nproviders; i++)
		v[i] = (int)m->providers_by_id[i];
	return v;
}

static void index_providers(page *p, xmlNode *sec, const char *h)
{
	int *order = provider_order(p->s->m);
	size_t i;
	for (i = 0; i < p->s->m->nproviders; i++)
		provider_block(p, sec, (size_t)order[i], h);
	free(order);
}

static void write_index(site *s, buf *b)
{
	xmlNode *sec;
	page p;

	page_begin(&p, s, "", "smtpcode: SMTP reply codes, enhanced status "
			      "codes and bounces", intro);
	page_tel(p.main, "h1", NULL, "SMTP reply codes and bounce messages");
	page_tel(p.main, "p", "summary", intro);
	search_form(&p);
	sec = page_section(&p, "replies", site_kind_plural(KIND_REPLY));
	index_replies(&p, sec);
	sec = page_section(&p, "statuses", site_kind_plural(KIND_STATUS));
	index_statuses(&p, sec);
	sec = page_section(&p, "reasons", site_kind_plural(KIND_REASON));
	index_kind(&p, sec, KIND_REASON);
	sec = page_section(&p, "providers", site_kind_plural(KIND_RESPONSE));
	index_providers(&p, sec, "h3");
	page_attr(page_el(p.body, "script", NULL), "src", "search-index.js");
	page_attr(page_el(p.body, "script", NULL), "src", "search.js");
	b->len = 0;
	page_end(&p, 0, b);
	site_write(s, "index.html", b);
}

static void view_begin(page *p, site *s, const char *title, const char *lead)
{
	buf t = { 0 };
	buf_printf(&t, "%s · smtpcode", title);
	page_begin(p, s, "../", t.s, lead);
	page_tel(p->main, "h1", NULL, title);
	page_tel(p->main, "p", "summary", lead);
	buf_release(&t);
}

static void by_reply_section(page *p, const entry *e)
{
	const ilist *l = &p->s->statuses[e - p->s->m->entries];
	buf t = { 0 };
	xmlNode *sec, *ul;
	size_t k;

	site_entry_title(p->s, e, &t);
	sec = page_el(p->main, "section", NULL);
	page_id(sec, e->key);
	page_entry_link(p, page_el(sec, "h2", NULL), e, t.s, 0);
	page_tel(sec, "p", NULL, e->summary ? e->summary : "");
	if (!l->n)
		page_tel(sec, "p", NULL,
			 "No enhanced code is associated with it.");
	ul = l->n ? page_el(sec, "ul", "entries") : NULL;
	for (k = 0; k < l->n; k++)
		page_item(p, ul, &p->s->m->entries[l->v[k]]);
	buf_release(&t);
}

static void write_by_reply(site *s, buf *b)
{
	const model *m = s->m;
	page p;
	size_t i;

	view_begin(&p, s, "Reply codes and their enhanced codes",
		   "Each reply code with the enhanced status codes that the "
		   "IANA registry associates with it.");
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_REPLY)
			by_reply_section(&p, &m->entries[i]);
	b->len = 0;
	page_end(&p, 0, b);
	site_write(s, "by-reply/index.html", b);
}

static int has_verdict(const entry *e, int value)
{
	size_t i;
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].value == value)
			return 1;
	return 0;
}

static void verdict_kind(page *p, xmlNode *sec, int value, int kind)
{
	const model *m = p->s->m;
	xmlNode *ul = NULL;
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != kind || !has_verdict(e, value))
			continue;
		if (!ul) {
			page_tel(sec, "h3", NULL, site_kind_plural(kind));
			ul = page_el(sec, "ul", "entries");
		}
		page_item(p, ul, e);
	}
}

static void write_by_verdict(site *s, buf *b)
{
	page p;
	int v, k;

	view_begin(&p, s, "Codes by verdict",
		   "Hard bounces, soft bounces, successes and replies that "
		   "are not bounces. An entry used in several classes appears "
		   "under the verdict of each class.");
	for (v = 0; v < VERDICT__COUNT; v++) {
		xmlNode *sec = page_section(&p, verdict_names[v],
					    site_verdict_word(v));
		page_tel(sec, "p", NULL, site_verdict_gloss(v));
		for (k = 0; k < KIND__COUNT; k++)
			verdict_kind(&p, sec, v, k);
	}
	b->len = 0;
	page_end(&p, 0, b);
	site_write(s, "by-verdict/index.html", b);
}

static void write_by_provider(site *s, buf *b)
{
	page p;

	view_begin(&p, s, "Replies by provider",
		   "How each provider or mail server software words its "
		   "replies, and what each one means.");
	index_providers(&p, p.main, "h2");
	b->len = 0;
	page_end(&p, 0, b);
	site_write(s, "by-provider/index.html", b);
}

/* ---- site-wide files ---- */

static void sitemap_url(xmlNode *set, const char *base, const char *path)
{
	buf u = { 0 };
	buf_printf(&u, "%s%s", base, path);
	xmlNewTextChild(xmlNewChild(set, NULL, X("url"), NULL), NULL, X("loc"),
			X(u.s));
	buf_release(&u);
}

/* The site's URL, ending in '/', or "" when the catalog gives none. */
static void site_base(const model *m, buf *b)
{
	buf_put(b, "", 0);
	buf_puts(b, m->site_url ? m->site_url : "");
	if (b->len && b->s[b->len - 1] != '/')
		buf_putc(b, '/');
}

static void write_sitemap(site *s, buf *b)
{
	xmlDoc *doc = xmlNewDoc(X("1.0"));
	xmlNode *set = xmlNewDocNode(doc, NULL, X("urlset"), NULL);
	buf base = { 0 }, path = { 0 };
	xmlChar *mem = NULL;
	int len = 0;
	size_t i;

	site_base(s->m, &base);
	xmlAddChild((xmlNode *)doc,
		    xmlNewDocComment(doc, X(" " GENERATED " ")));
	xmlAddChild((xmlNode *)doc, set);
	xmlNewProp(set, X("xmlns"),
		   X("http://www.sitemaps.org/schemas/sitemap/0.9"));
	sitemap_url(set, base.s, "");
	sitemap_url(set, base.s, "by-reply/");
	sitemap_url(set, base.s, "by-verdict/");
	sitemap_url(set, base.s, "by-provider/");
	for (i = 0; i < s->m->nentries; i++) {
		path.len = 0;
		entry_path(&s->m->entries[i], &path);
		sitemap_url(set, base.s, path.s);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	b->len = 0;
	buf_put(b, (const char *)mem, (size_t)len);
	site_write(s, "sitemap.xml", b);
	xmlFree(mem);
	xmlFreeDoc(doc);
	buf_release(&base);
	buf_release(&path);
}

static void llms_kind(const site *s, buf *b, int kind, const char *base)
{
	buf t = { 0 }, u = { 0 };
	size_t i;

	buf_printf(b, "\n## %s\n\n", site_kind_plural(kind));
	for (i = 0; i < s->m->nentries; i++) {
		const entry *e = &s->m->entries[i];
		if (e->kind != kind)
			continue;
		t.len = u.len = 0;
		site_entry_title(s, e, &t);
		buf_puts(&u, base);
		entry_path(e, &u);
		buf_puts(&u, "index.md");
		buf_puts(b, "- ");
		md_link(b, t.s, u.s, 0);
		buf_printf(b, ": %s\n", e->summary ? e->summary : "");
	}
	buf_release(&t);
	buf_release(&u);
}

static void write_llms(site *s, buf *b)
{
	buf base = { 0 };

	site_base(s->m, &base);
	b->len = 0;
	md_banner(b);
	buf_printf(b, "# smtpcode\n\n> %s\n\n", intro);
	buf_printf(b, "Catalog version %s. Every entry below is a Markdown "
		      "page; the same page exists as index.html and "
		      "index.json, and catalog.json holds every record.\n",
		   s->m->version ? s->m->version : "?");
	llms_kind(s, b, KIND_REPLY, base.s);
	llms_kind(s, b, KIND_STATUS, base.s);
	llms_kind(s, b, KIND_REASON, base.s);
	llms_kind(s, b, KIND_RESPONSE, base.s);
	site_write(s, "llms.txt", b);
	buf_release(&base);
}

static void copy_asset(site *s, const char *assets, const char *name)
{
	buf from = { 0 }, to = { 0 };
	buf_printf(&from, "%s/%s", assets, name);
	buf_printf(&to, "site/%s", name);
	if (out_copy(s->o, to.s, from.s) < 0)
		s->failed = 1;
	buf_release(&from);
	buf_release(&to);
}

/* The index pages and views, the most work first, so that the threads
 * that share them end together. */
static void (*const views[])(site *, buf *) = {
	json_write_catalog, write_by_provider, write_index, write_by_verdict,
	write_by_reply,     json_write_search, write_sitemap, write_llms,
};

int emit_site_share(const model *m, out *o, site_work *work)
{
	site s;
	buf b = { 0 };
	size_t i, nviews = sizeof views / sizeof *views;

	site_init(&s, m, o); /* a parser of its own, for this thread */
	while ((i = atomic_fetch_add(&work->next, 1)) < m->nentries)
		write_entry(&s, &m->entries[i], &b);
	while ((i = atomic_fetch_add(&work->next_view, 1)) <= nviews) {
		if (i < nviews) {
			views[i](&s, &b);
		} else { /* the static files, last */
			copy_asset(&s, work->assets, "style.css");
			copy_asset(&s, work->assets, "search.js");
		}
	}
	site_release(&s);
	buf_release(&b);
	return s.failed ? -1 : 0;
}
