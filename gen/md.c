/* md: the Markdown page of an entry (see md.h). */
#include "md.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void md_banner(buf *b)
{
	buf_puts(b, "<!-- " GENERATED " -->\n\n");
}

/* Link text: brackets and backslashes would end or bend it. */
static void md_label(buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' || *s == ']' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

void md_link(buf *b, const char *text, const char *url, int code)
{
	buf_putc(b, '[');
	if (code)
		buf_putc(b, '`');
	md_label(b, text);
	if (code)
		buf_putc(b, '`');
	buf_puts(b, strpbrk(url, " ()") ? "](<" : "](");
	buf_puts(b, url);
	buf_puts(b, strpbrk(url, " ()") ? ">)" : ")");
}

static void md_entry_link(buf *b, const char *root, const entry *e,
			  const char *text, int code)
{
	buf href = { 0 };
	site_entry_href(root, e, "index.md", &href);
	md_link(b, text, href.s, code);
	buf_release(&href);
}

/* Text under a list marker: later lines indented to stay in the item. */
static void md_indented(buf *b, const char *s, const char *indent)
{
	for (; *s; s++) {
		buf_putc(b, *s);
		if (*s == '\n' && s[1] && s[1] != '\n')
			buf_puts(b, indent);
	}
}

static void md_item(buf *b, const char *s)
{
	buf_puts(b, "- ");
	md_indented(b, s, "  ");
	buf_putc(b, '\n');
}

static void md_para(buf *b, const char *s)
{
	buf_puts(b, s);
	buf_puts(b, "\n\n");
}

/* A reply text as a fenced block, the fence longer than any run of
 * backticks inside. */
static void md_code_block(buf *b, const char *text, const char *indent)
{
	size_t run = 0, most = 0, i;
	const char *s;

	for (s = text; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	for (i = 0; i < 2; i++) {
		size_t k;
		buf_puts(b, indent);
		for (k = 0; k < (most < 3 ? 3 : most + 1); k++)
			buf_putc(b, '`');
		buf_puts(b, i ? "\n" : "text\n");
		if (!i) {
			buf_puts(b, indent);
			buf_puts(b, text);
			buf_putc(b, '\n');
		}
	}
}

/* A heading, one blank line after whatever came before. */
/* "- Label: ", the start of a fact's line. */
static void md_fact(buf *b, site_row row)
{
	buf_printf(b, "- %s: ", site_rows[row]);
}

/* A fact's line: its label, then what fmt says. */
static void md_row(buf *b, site_row row, const char *fmt, ...)
	GEN_PRINTF(3, 4);

static void md_row(buf *b, site_row row, const char *fmt, ...)
{
	va_list ap;
	md_fact(b, row);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void md_section(buf *b, site_sec sec)
{
	while (b->len && b->s[b->len - 1] == '\n')
		b->len--;
	buf_printf(b, "\n\n## %s\n\n", site_sections[sec].title);
}

static void md_verdict(const site *s, buf *b, const entry *e,
		       const verdict *v, const char *root)
{
	const char *reason = site_verdict_reason(e, v);
	buf c = { 0 };

	buf_puts(b, "**");
	if (v->cls) {
		site_class_code(e, v->cls, &c);
		if (e->kind != KIND_STATUS)
			buf_printf(&c, " (class %d)", v->cls);
		buf_printf(b, "%s: ", c.s);
	}
	buf_printf(b, "%s**\n\n", site_verdict_word(v->value));
	if (*reason) {
		md_fact(b, ROW_REASON);
		if (v->reason >= 0 && (size_t)v->reason < s->m->nentries &&
		    e->kind != KIND_REASON)
			md_entry_link(b, root, &s->m->entries[v->reason],
				      reason, 1);
		else
			buf_printf(b, "`%s`", reason);
		buf_putc(b, '\n');
	}
	if (v->act != ACT_NONE)
		md_row(b, ROW_WHO_ACTS, "%s\n", site_actor_word(v->act));
	buf_puts(b, *reason || v->act != ACT_NONE ? "\n" : "");
	md_para(b, v->md ? v->md : "");
	buf_release(&c);
}

static void md_fixes(buf *b, const entry *e)
{
	size_t i;
	int a, head;

	if (!e->nfixes)
		return;
	md_section(b, SEC_FIXES);
	for (a = -1; a < AUD__COUNT; a++) {
		head = 0;
		for (i = 0; i < e->nfixes; i++) {
			if (e->fixes[i].audience != a)
				continue;
			if (!head++)
				buf_printf(b, "### %s\n\n",
					   site_audience_word(a));
			md_para(b, e->fixes[i].md);
		}
	}
}

static void md_texts(const site *s, buf *b, const entry *e,
		     const char *root)
{
	const ilist *l = &s->texts[e - s->m->entries];
	const verdict *v;
	buf t = { 0 };
	size_t i, k;

	if (!e->texts.n && !l->n)
		return;
	md_section(b, SEC_TEXTS);
	for (i = 0; i < e->texts.n; i++)
		md_code_block(b, e->texts.v[i], "");
	if (l->n)
		md_para(b, e->kind == KIND_REASON ?
			   "Provider replies classified with this reason:" :
			   "How providers send it:");
	for (i = 0; i < l->n; i++) {
		const entry *r = &s->m->entries[l->v[i]];
		t.len = 0;
		site_entry_title(s, r, &t);
		buf_puts(b, "- ");
		md_entry_link(b, root, r, t.s, 0);
		v = site_main_verdict(r);
		buf_printf(b, " (%s)\n\n", site_verdict_id(v ? v->value : -1));
		for (k = 0; k < r->texts.n; k++)
			md_code_block(b, r->texts.v[k], "  ");
		buf_putc(b, '\n');
	}
	buf_release(&t);
}

static void md_related(const site *s, buf *b, const entry *e,
		       const char *root)
{
	size_t i;

	if (!e->nrelated)
		return;
	md_section(b, SEC_RELATED);
	for (i = 0; i < e->nrelated; i++) {
		const see *r = &e->related[i];
		buf_puts(b, "- ");
		if (r->target >= 0 && (size_t)r->target < s->m->nentries) {
			const entry *t = &s->m->entries[r->target];
			md_entry_link(b, root, t, r->ref, 1);
			buf_printf(b, ": %s", t->summary ? t->summary : "");
		} else {
			buf_printf(b, "`%s`", r->ref);
		}
		if (r->confused || r->why)
			buf_printf(b, " (%s%s%s)",
				   r->confused ? "**often confused**" : "",
				   r->confused && r->why ? ": " : "",
				   r->why ? r->why : "");
		buf_putc(b, '\n');
	}
}

static void md_references(buf *b, const entry *e)
{
	buf t = { 0 }, u = { 0 };
	size_t i;

	if (!e->nrefs)
		return;
	md_section(b, SEC_REFERENCES);
	for (i = 0; i < e->nrefs; i++) {
		t.len = u.len = 0;
		buf_put(&t, "", 0);
		buf_put(&u, "", 0);
		reference_text(&e->refs[i], &t);
		reference_url(&e->refs[i], &u);
		buf_puts(b, "- ");
		if (site_web_url(u.s))
			md_link(b, t.s, u.s, 0);
		else
			buf_puts(b, t.s);
		buf_putc(b, '\n');
	}
	buf_release(&t);
	buf_release(&u);
}

static void md_code_list(const site *s, buf *b, const char *const *keys,
			 size_t n, const char *root)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int t = site_find_code(s, keys[i]);
		buf_puts(b, i ? ", " : "");
		if (t >= 0)
			md_entry_link(b, root, &s->m->entries[t], keys[i], 1);
		else
			buf_printf(b, "`%s`", keys[i]);
	}
}

static void md_reply_link(const site *s, buf *b, int code, const char *root)
{
	int r = site_reply_entry(s, code);
	buf t = { 0 };

	buf_printf(&t, "%d", code);
	if (r >= 0)
		md_entry_link(b, root, &s->m->entries[r], t.s, 1);
	else
		buf_printf(b, "`%s`", t.s);
	buf_release(&t);
}

static void md_status_details(const site *s, buf *b, const entry *e,
			      const char *root)
{
	buf t = { 0 };
	size_t i;

	site_classes_text(e, &t);
	if (t.len)
		md_row(b, ROW_USED_AS, "%s\n", t.s);
	if (e->sample)
		md_row(b, ROW_REGISTRY_TEXT, "%s\n", e->sample);
	if (e->nreplies) {
		md_fact(b, ROW_PAIRED_REPLIES);
		for (i = 0; i < e->nreplies; i++) {
			buf_puts(b, i ? ", " : "");
			md_reply_link(s, b, e->replies[i], root);
		}
		buf_putc(b, '\n');
	}
	if (e->deprecated)
		md_row(b, ROW_DEPRECATED, "yes\n");
	buf_release(&t);
}

static void md_response_details(const site *s, buf *b, const entry *e,
				const char *root)
{
	const char *status = e->status ? e->status : "";

	md_row(b, ROW_PROVIDER, "%s\n", site_provider_name(s, e));
	md_fact(b, ROW_REPLY_CODE);
	md_reply_link(s, b, e->reply, root);
	buf_putc(b, '\n');
	md_fact(b, ROW_REFINES);
	md_code_list(s, b, &status, 1, root);
	buf_putc(b, '\n');
	if (e->code)
		md_row(b, ROW_CODE_SENT, "`%s`\n", e->code);
	if (e->bare)
		md_row(b, ROW_BARE, "%s\n", site_bare_text);
	if (e->token)
		md_row(b, ROW_TOKEN, "`%s`\n", e->token);
	if (e->seen)
		md_row(b, ROW_SEEN, "%s\n", e->seen);
	md_row(b, ROW_IDENTIFIER, "`%s`\n", e->key);
}

static void md_details(const site *s, buf *b, const entry *e,
		       const char *root)
{
	buf t = { 0 };

	md_section(b, SEC_DETAILS);
	if (e->kind == KIND_REPLY || e->kind == KIND_STATUS)
		md_row(b, ROW_CODE, "`%s`\n", e->key);
	if (e->kind == KIND_REPLY && e->origin)
		md_row(b, ROW_ORIGIN, "%s\n", e->origin);
	if (e->kind == KIND_STATUS)
		md_status_details(s, b, e, root);
	if (e->kind == KIND_RESPONSE)
		md_response_details(s, b, e, root);
	if (e->kind == KIND_REASON) {
		md_row(b, ROW_REASON, "`%s`\n", e->key);
		if (e->codes.n) {
			md_fact(b, ROW_USUAL_CODES);
			md_code_list(s, b, (const char *const *)e->codes.v,
				     e->codes.n, root);
			buf_putc(b, '\n');
		}
	}
	if (e->name)
		md_row(b, ROW_NAME, "`%s`\n", e->name);
	site_phases_text(e, &t);
	if (t.len)
		md_row(b, ROW_PHASES, "%s\n", t.s);
	buf_release(&t);
}

static void md_definitions(buf *b, const entry *e)
{
	size_t i;

	if (!e->ndefs)
		return;
	md_section(b, SEC_DEFINITIONS);
	for (i = 0; i < e->ndefs; i++) {
		const definition *d = &e->defs[i];
		buf_printf(b, "### %s", d->doc ? d->doc : "");
		if (d->status)
			buf_printf(b, " (%s)", d->status);
		buf_puts(b, "\n\n");
		if (d->commands)
			buf_printf(b, "Commands: `%s`\n\n", d->commands);
		md_para(b, d->md ? d->md : "");
	}
}

static void md_entry_list(const site *s, buf *b, const ilist *l,
			  const char *root)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		const entry *t = &s->m->entries[l->v[i]];
		buf_puts(b, "- ");
		md_entry_link(b, root, t, t->key, 1);
		buf_printf(b, ": %s\n", t->summary ? t->summary : "");
	}
}

static void md_variants(buf *b, const entry *e)
{
	buf t = { 0 };
	size_t i;

	if (!e->nvariants && !e->classnote)
		return;
	md_section(b, SEC_VARIANTS);
	for (i = 0; i < e->nvariants; i++) {
		t.len = 0;
		site_class_code(e, e->variants[i].cls, &t);
		buf_printf(b, "### %s\n\n", t.s);
		md_para(b, e->variants[i].md);
	}
	if (e->classnote) {
		buf_puts(b, "### Reply codes of another class\n\n");
		md_para(b, e->classnote);
	}
	buf_release(&t);
}

static void md_kind(const site *s, buf *b, const entry *e, const char *root)
{
	const ilist *st = &s->statuses[e - s->m->entries];
	ilist l = { 0 };
	size_t i;

	if (e->kind == KIND_REPLY) {
		md_definitions(b, e);
		if (st->n)
			md_section(b, SEC_ENHANCED);
		md_entry_list(s, b, st, root);
	} else if (e->kind == KIND_STATUS) {
		md_variants(b, e);
		if (e->subject != CODE_X && e->detail == CODE_X)
			site_subject_codes(s, e, &l);
		if (l.n)
			md_section(b, SEC_CODES);
		md_entry_list(s, b, &l, root);
		free(l.v);
	} else if (e->phrases.n) {
		md_section(b, SEC_PHRASES);
		for (i = 0; i < e->phrases.n; i++)
			buf_printf(b, "- \"%s\"%s\n", e->phrases.v[i],
				   e->common >> i & 1 ? COMMON_NOTE : "");
	}
}

void md_entry(const site *s, const entry *e, const char *root, buf *b)
{
	buf t = { 0 };
	size_t i;

	md_banner(b);
	site_entry_title(s, e, &t);
	buf_printf(b, "# %s\n\n%s\n\n%s\n", t.s, site_kind_word(e),
		   e->summary ? e->summary : "");
	if (e->nverdicts)
		md_section(b, SEC_VERDICT);
	for (i = 0; i < e->nverdicts; i++)
		md_verdict(s, b, e, &e->verdicts[i], root);
	md_section(b, SEC_MEANING);
	md_para(b, e->meaning ? e->meaning : "");
	if (e->causes.n)
		md_section(b, SEC_CAUSES);
	for (i = 0; i < e->causes.n; i++)
		md_item(b, e->causes.v[i]);
	md_fixes(b, e);
	md_texts(s, b, e, root);
	md_related(s, b, e, root);
	md_references(b, e);
	md_details(s, b, e, root);
	md_kind(s, b, e, root);
	if (e->notes.n)
		md_section(b, SEC_NOTES);
	for (i = 0; i < e->notes.n; i++)
		md_para(b, e->notes.v[i]);
	while (b->len && b->s[b->len - 1] == '\n')
		b->len--;
	buf_putc(b, '\n');
	buf_release(&t);
}
