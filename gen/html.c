/* html: the HTML page of an entry (see html.h). Its parts are written in
 * the order the page shows them; html_entry lists them. */
#include "html.h"

#include <stdlib.h>

#include "page.h"

static xmlNode *html_section(page *p, site_sec sec)
{
	return page_section(p, site_sections[sec].id, site_sections[sec].title);
}

static void html_title(page *p, const entry *e)
{
	buf t = { 0 };
	site_entry_title(p->s, e, &t);
	page_tel(p->main, "p", "kind", site_kind_word(e));
	page_tel(p->main, "h1", NULL, t.s);
	page_tel(p->main, "p", "summary", e->summary ? e->summary : "");
	buf_release(&t);
}

static void html_verdict_facts(page *p, xmlNode *d, const entry *e,
			       const verdict *v)
{
	xmlNode *dl = page_el(d, "dl", "facts"), *dd;
	const char *reason = site_verdict_reason(e, v);

	if (*reason) {
		dd = page_row(dl, site_rows[ROW_REASON], NULL);
		if (v->reason >= 0 && (size_t)v->reason < p->s->m->nentries &&
		    e->kind != KIND_REASON)
			page_entry_link(p, dd, &p->s->m->entries[v->reason],
					reason, 1);
		else
			page_tel(dd, "code", NULL, reason);
	}
	if (v->act != ACT_NONE)
		page_row(dl, site_rows[ROW_WHO_ACTS], site_actor_word(v->act));
}

static void html_verdict(page *p, xmlNode *sec, const entry *e,
			 const verdict *v)
{
	buf c = { 0 };
	xmlNode *d, *head;

	buf_printf(&c, "verdict v-%s", site_verdict_id(v->value));
	d = page_el(sec, "div", c.s);
	head = page_el(d, "p", "vhead");
	if (v->cls) {
		c.len = 0;
		site_class_code(e, v->cls, &c);
		if (e->kind != KIND_STATUS)
			buf_printf(&c, " (class %d)", v->cls);
		buf_puts(&c, ": ");
		page_tel(head, "span", "vclass", c.s);
	}
	page_tel(head, "strong", "vword", site_verdict_word(v->value));
	html_verdict_facts(p, d, e, v);
	page_md(p, d, v->md, 0);
	buf_release(&c);
}

static void html_verdicts(page *p, const entry *e)
{
	xmlNode *sec;
	size_t i;

	if (!e->nverdicts)
		return;
	sec = html_section(p, SEC_VERDICT);
	for (i = 0; i < e->nverdicts; i++)
		html_verdict(p, sec, e, &e->verdicts[i]);
}

static void html_meaning(page *p, const entry *e)
{
	if (e->meaning)
		page_md(p, html_section(p, SEC_MEANING),
			e->meaning, 0);
}

static void html_causes(page *p, const entry *e)
{
	xmlNode *ul;
	size_t i;

	if (!e->causes.n)
		return;
	ul = page_el(html_section(p, SEC_CAUSES), "ul", NULL);
	for (i = 0; i < e->causes.n; i++)
		page_md(p, page_el(ul, "li", NULL), e->causes.v[i], 1);
}

static void html_fixes(page *p, const entry *e)
{
	xmlNode *sec;
	size_t i;
	int a;

	if (!e->nfixes)
		return;
	sec = html_section(p, SEC_FIXES);
	for (a = -1; a < AUD__COUNT; a++) {
		xmlNode *d = NULL;
		for (i = 0; i < e->nfixes; i++) {
			if (e->fixes[i].audience != a)
				continue;
			if (!d) {
				d = page_el(sec, "div", "fix");
				page_tel(d, "h3", NULL, site_audience_word(a));
			}
			page_md(p, d, e->fixes[i].md, 0);
		}
	}
}

static void reply_text(xmlNode *parent, const char *text)
{
	page_tel(page_el(parent, "pre", "reply"), "samp", NULL, text);
}

static void html_response_texts(page *p, xmlNode *sec, const ilist *l)
{
	xmlNode *ul = page_el(sec, "ul", "responses");
	buf t = { 0 };
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		const entry *r = &p->s->m->entries[l->v[i]];
		xmlNode *li = page_el(ul, "li", NULL);
		t.len = 0;
		site_entry_title(p->s, r, &t);
		page_entry_link(p, li, r, t.s, 0);
		page_badges(li, r);
		for (k = 0; k < r->texts.n; k++)
			reply_text(li, r->texts.v[k]);
	}
	buf_release(&t);
}

static void html_texts(page *p, const entry *e)
{
	const ilist *l = &p->s->texts[e - p->s->m->entries];
	xmlNode *sec;
	size_t i;

	if (!e->texts.n && !l->n)
		return;
	sec = html_section(p, SEC_TEXTS);
	for (i = 0; i < e->texts.n; i++)
		reply_text(sec, e->texts.v[i]);
	if (l->n) {
		page_tel(sec, "p", NULL, e->kind == KIND_REASON ?
			 "Provider replies classified with this reason:" :
			 "How providers send it:");
		html_response_texts(p, sec, l);
	}
}

static void html_see(page *p, xmlNode *ul, const see *r)
{
	xmlNode *li = page_el(ul, "li", NULL), *why;
	const entry *t = r->target >= 0 &&
			 (size_t)r->target < p->s->m->nentries ?
			 &p->s->m->entries[r->target] : NULL;

	if (t) {
		page_entry_link(p, li, t, r->ref, 1);
		page_txt(li, ": ");
		page_txt(li, t->summary ? t->summary : "");
	} else {
		page_tel(li, "code", NULL, r->ref);
	}
	if (!r->confused && !r->why)
		return;
	why = page_el(li, "span", "why");
	page_txt(why, " (");
	if (r->confused)
		page_tel(why, "strong", NULL, r->why ? "often confused: "
						      : "often confused");
	page_md(p, why, r->why, 1);
	page_txt(why, ")");
}

static void html_related(page *p, const entry *e)
{
	xmlNode *ul;
	size_t i;

	if (!e->nrelated)
		return;
	ul = page_el(html_section(p, SEC_RELATED), "ul", NULL);
	for (i = 0; i < e->nrelated; i++)
		html_see(p, ul, &e->related[i]);
}

static void html_references(page *p, const entry *e)
{
	xmlNode *ul;
	buf t = { 0 }, u = { 0 };
	size_t i;

	if (!e->nrefs)
		return;
	ul = page_el(html_section(p, SEC_REFERENCES), "ul", NULL);
	for (i = 0; i < e->nrefs; i++) {
		xmlNode *li = page_el(ul, "li", NULL);
		t.len = u.len = 0;
		buf_put(&t, "", 0);
		buf_put(&u, "", 0);
		reference_text(&e->refs[i], &t);
		reference_url(&e->refs[i], &u);
		if (site_web_url(u.s))
			page_link(li, u.s, t.s);
		else
			page_txt(li, t.s);
	}
	buf_release(&t);
	buf_release(&u);
}

/* Links to the entries of keys, written as given: codes of a class go to
 * their class-agnostic page. */
static void code_links(page *p, xmlNode *dd, const char *const *keys,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int t = site_find_code(p->s, keys[i]);
		if (i)
			page_txt(dd, ", ");
		if (t >= 0)
			page_entry_link(p, dd, &p->s->m->entries[t], keys[i],
					1);
		else
			page_tel(dd, "code", NULL, keys[i]);
	}
}

/* A reply code, linked to its page when the catalog has one. */
static void reply_link(page *p, xmlNode *parent, int code)
{
	int r = site_reply_entry(p->s, code);
	buf t = { 0 };

	buf_printf(&t, "%d", code);
	if (r >= 0)
		page_entry_link(p, parent, &p->s->m->entries[r], t.s, 1);
	else
		page_tel(parent, "code", NULL, t.s);
	buf_release(&t);
}

static void status_details(page *p, xmlNode *dl, const entry *e)
{
	buf t = { 0 };
	xmlNode *dd;
	size_t i;

	site_classes_text(e, &t);
	if (t.len)
		page_row(dl, site_rows[ROW_USED_AS], t.s);
	if (e->sample)
		page_row(dl, site_rows[ROW_REGISTRY_TEXT], e->sample);
	if (e->nreplies) {
		dd = page_row(dl, site_rows[ROW_PAIRED_REPLIES],
			      NULL);
		for (i = 0; i < e->nreplies; i++) {
			if (i)
				page_txt(dd, ", ");
			reply_link(p, dd, e->replies[i]);
		}
	}
	if (e->deprecated)
		page_row(dl, site_rows[ROW_DEPRECATED], "yes");
	buf_release(&t);
}

static void response_details(page *p, xmlNode *dl, const entry *e)
{
	buf href = { 0 };
	const char *status = e->status ? e->status : "";

	buf_printf(&href, "%sby-provider/index.html#provider-%s", p->root,
		   e->provider ? e->provider : "");
	page_link(page_row(dl, site_rows[ROW_PROVIDER], NULL), href.s,
		  site_provider_name(p->s, e));
	reply_link(p, page_row(dl, site_rows[ROW_REPLY_CODE], NULL), e->reply);
	code_links(p, page_row(dl, site_rows[ROW_REFINES], NULL), &status,
		   1);
	if (e->code)
		page_tel(page_row(dl, site_rows[ROW_CODE_SENT], NULL), "code", NULL,
			 e->code);
	if (e->bare)
		page_row(dl, site_rows[ROW_BARE], site_bare_text);
	if (e->token)
		page_tel(page_row(dl, site_rows[ROW_TOKEN], NULL), "code", NULL, e->token);
	if (e->seen)
		page_row(dl, site_rows[ROW_SEEN], e->seen);
	page_tel(page_row(dl, site_rows[ROW_IDENTIFIER], NULL), "code", NULL, e->key);
	buf_release(&href);
}

static void html_details(page *p, const entry *e)
{
	xmlNode *dl = page_el(html_section(p, SEC_DETAILS), "dl",
			      "details");
	buf t = { 0 };

	if (e->kind == KIND_REPLY) {
		page_tel(page_row(dl, site_rows[ROW_CODE], NULL), "code", NULL, e->key);
		if (e->origin)
			page_row(dl, site_rows[ROW_ORIGIN], e->origin);
	} else if (e->kind == KIND_STATUS) {
		page_tel(page_row(dl, site_rows[ROW_CODE], NULL), "code", NULL, e->key);
		status_details(p, dl, e);
	} else if (e->kind == KIND_RESPONSE) {
		response_details(p, dl, e);
	} else {
		page_tel(page_row(dl, site_rows[ROW_REASON], NULL), "code", NULL, e->key);
		if (e->codes.n)
			code_links(p, page_row(dl, site_rows[ROW_USUAL_CODES], NULL),
				   (const char *const *)e->codes.v,
				   e->codes.n);
	}
	if (e->name)
		page_tel(page_row(dl, site_rows[ROW_NAME], NULL), "code", NULL, e->name);
	site_phases_text(e, &t);
	if (t.len)
		page_row(dl, site_rows[ROW_PHASES], t.s);
	buf_release(&t);
}

static void html_definitions(page *p, const entry *e)
{
	xmlNode *sec;
	buf t = { 0 };
	size_t i;

	if (!e->ndefs)
		return;
	sec = html_section(p, SEC_DEFINITIONS);
	for (i = 0; i < e->ndefs; i++) {
		const definition *d = &e->defs[i];
		xmlNode *div = page_el(sec, "div", "definition");
		t.len = 0;
		buf_puts(&t, d->doc ? d->doc : "");
		if (d->status)
			buf_printf(&t, " (%s)", d->status);
		page_tel(div, "h3", NULL, t.s);
		if (d->commands)
			page_tel(page_tel(div, "p", "commands", "Commands: "),
				 "code", NULL, d->commands);
		page_md(p, div, d->md, 0);
	}
	buf_release(&t);
}

static void html_list_section(page *p, site_sec sec, const ilist *l)
{
	xmlNode *ul;
	size_t i;

	if (!l->n)
		return;
	ul = page_el(html_section(p, sec), "ul", "entries");
	for (i = 0; i < l->n; i++)
		page_item(p, ul, &p->s->m->entries[l->v[i]]);
}

static void html_variants(page *p, const entry *e)
{
	xmlNode *sec;
	buf t = { 0 };
	size_t i;

	if (!e->nvariants && !e->classnote)
		return;
	sec = html_section(p, SEC_VARIANTS);
	for (i = 0; i < e->nvariants; i++) {
		t.len = 0;
		site_class_code(e, e->variants[i].cls, &t);
		page_tel(sec, "h3", NULL, t.s);
		page_md(p, sec, e->variants[i].md, 0);
	}
	if (e->classnote) {
		page_tel(sec, "h3", NULL, "Reply codes of another class");
		page_md(p, sec, e->classnote, 0);
	}
	buf_release(&t);
}

static void html_phrases(page *p, const entry *e)
{
	xmlNode *ul;
	size_t i;

	if (!e->phrases.n)
		return;
	ul = page_el(html_section(p, SEC_PHRASES), "ul",
		     NULL);
	for (i = 0; i < e->phrases.n; i++) {
		xmlNode *li = page_el(ul, "li", NULL);
		page_tel(li, "q", NULL, e->phrases.v[i]);
		if (e->common >> i & 1)
			page_txt(li, COMMON_NOTE);
	}
}

static void html_kind(page *p, const entry *e)
{
	ilist l = { 0 };

	if (e->kind == KIND_REPLY) {
		html_definitions(p, e);
		html_list_section(p, SEC_ENHANCED,
				  &p->s->statuses[e - p->s->m->entries]);
	} else if (e->kind == KIND_STATUS) {
		html_variants(p, e);
		if (e->subject != CODE_X && e->detail == CODE_X) {
			site_subject_codes(p->s, e, &l);
			html_list_section(p, SEC_CODES, &l);
			free(l.v);
		}
	} else {
		html_phrases(p, e);
	}
}

static void html_notes(page *p, const entry *e)
{
	xmlNode *sec;
	size_t i;

	if (!e->notes.n)
		return;
	sec = html_section(p, SEC_NOTES);
	for (i = 0; i < e->notes.n; i++)
		page_md(p, sec, e->notes.v[i], 0);
}

void html_entry(site *s, const entry *e, const char *root, buf *b)
{
	page p;
	buf title = { 0 };

	site_entry_title(s, e, &title);
	buf_puts(&title, " · smtpcode");
	page_begin(&p, s, root, title.s, e->summary);
	html_title(&p, e);
	html_verdicts(&p, e);
	html_meaning(&p, e);
	html_causes(&p, e);
	html_fixes(&p, e);
	html_texts(&p, e);
	html_related(&p, e);
	html_references(&p, e);
	html_details(&p, e);
	html_kind(&p, e);
	html_notes(&p, e);
	page_end(&p, 1, b);
	buf_release(&title);
}

void html_class_code(site *s, const entry *e, int cls, const char *root,
		     buf *b)
{
	page p;
	buf code = { 0 }, t = { 0 };
	const verdict *v = entry_verdict(e, cls);
	xmlNode *sec;
	size_t i;

	site_class_code(e, cls, &code);
	buf_printf(&t, "%s %s · smtpcode", code.s, e->sample ? e->sample : "");
	page_begin(&p, s, root, t.s, e->summary);
	page_tel(p.main, "p", "kind", site_kind_word(e));
	page_tel(p.main, "h1", NULL, code.s);
	page_tel(p.main, "p", "summary", e->summary ? e->summary : "");
	t.len = 0;
	buf_printf(&t, "%s is the enhanced code %s used in class %d.", code.s,
		   e->key, cls);
	page_txt(page_el(p.main, "p", NULL), t.s);
	if (v)
		html_verdict(&p, html_section(&p, SEC_VERDICT), e, v);
	for (i = 0; i < e->nvariants; i++)
		if (e->variants[i].cls == cls) {
			sec = html_section(&p, SEC_VARIANTS);
			page_md(&p, sec, e->variants[i].md, 0);
		}
	t.len = 0;
	site_entry_title(s, e, &t);
	sec = page_el(p.main, "p", NULL);
	page_txt(sec, "The whole entry: ");
	page_entry_link(&p, sec, e, t.s, 0);
	page_end(&p, 0, b);
	buf_release(&code);
	buf_release(&t);
}
