/* emit_man: smtpcode(7), the whole catalog as one man page, and the bash
 * completion of smtpcode(1). Both read the model and nothing else.
 *
 * Roff reaches the page in two ways only. Plain text (summaries, keys,
 * names, phrases, reply texts, attributes) goes through esc(), the one
 * escaping function of this file. Markdown prose goes through cmark's own
 * man renderer in safe mode; md_tame() and md_fix() close the few holes
 * cmark 0.30 leaves (headings that would end our sections, control lines
 * inside code blocks, hard breaks glued to the text before them).
 * Everything else is fixed roff written below. Nothing depends on the
 * clock or on the order of a hash table: the same model gives the same
 * bytes. */
#include "emit_man.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "util.h"

/* ---- plain text ---- */

/* Append the UTF-8 sequence at p as \[uXXXX], which groff and mandoc read
 * whatever the page's encoding; returns the bytes used. A byte that starts
 * no valid sequence becomes U+FFFD. */
static size_t put_utf8(buf *b, const unsigned char *p)
{
	size_t n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2, i;
	unsigned long cp = *p & (0x3fu >> (n - 1));

	for (i = 1; i < n && *p >= 0xc2 && *p <= 0xf4; i++) {
		if ((p[i] & 0xc0) != 0x80)
			break;
		cp = cp << 6 | (p[i] & 0x3fu);
	}
	if (*p < 0xc2 || *p > 0xf4 || i < n || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		buf_puts(b, "\\[uFFFD]");
		return 1;
	}
	buf_printf(b, "\\[u%04lX]", cp);
	return n;
}

static void esc_ascii(buf *b, int c)
{
	switch (c) {
	case '\\':
		buf_puts(b, "\\e");
		break;
	case '-': /* a minus: codes and options copy and search as typed */
		buf_puts(b, "\\-");
		break;
	case '"': /* safe inside a quoted macro argument too */
		buf_puts(b, "\\(dq");
		break;
	default: /* plain fields are one line: a newline or tab is a space */
		buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : c);
	}
}

/* A word this long (a URL, a provider's exception name) may break after
 * punctuation, where the line has no other place to break. */
enum { LONG_WORD = 30 };

static int long_word(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;

	while (q < end && *q != ' ')
		q++;
	return q - p >= LONG_WORD;
}

static int break_after(const unsigned char *p, const unsigned char *start,
		       const unsigned char *end)
{
	if (p + 1 >= end || p[1] == ' ' || !strchr("/:;-_?&=,", *p))
		return 0;
	return *p != '/' || (p[1] != '/' && (p == start || p[-1] != '/'));
}

/* The one escaping function for plain text: the result is safe as text
 * anywhere on a line and inside a quoted macro argument. A leading '.' or
 * '\'' would start a control line: \& stops it. */
static void esc(buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *start = p, *end = p + strlen((const char *)p);
	int brk = 0;

	if (*p == '.' || *p == '\'')
		buf_puts(b, "\\&");
	while (*p) {
		if (p == start || p[-1] == ' ')
			brk = long_word(p, end);
		if (*p >= 0x80) {
			p += put_utf8(b, p);
			continue;
		}
		esc_ascii(b, *p);
		if (brk && break_after(p, start, end))
			buf_puts(b, "\\:");
		p++;
	}
}

/* ---- Markdown, through cmark ---- */

/* A heading would come out as .SH and end our section; a hard line break
 * comes out glued to the text before it ("text.PD 0") in cmark 0.30. The
 * first becomes a bold paragraph, the second a soft break. */
static void md_replace(cmark_node *node)
{
	cmark_node *rep, *child, *strong;

	if (cmark_node_get_type(node) == CMARK_NODE_LINEBREAK) {
		rep = cmark_node_new(CMARK_NODE_SOFTBREAK);
	} else {
		rep = cmark_node_new(CMARK_NODE_PARAGRAPH);
		strong = cmark_node_new(CMARK_NODE_STRONG);
		while ((child = cmark_node_first_child(node)) != NULL)
			cmark_node_append_child(strong, child);
		cmark_node_append_child(rep, strong);
	}
	cmark_node_insert_before(node, rep);
	cmark_node_free(node);
}

static void md_tame(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **v = NULL;
	size_t n = 0, i;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_HEADING && t != CMARK_NODE_LINEBREAK))
			continue;
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = node;
	}
	cmark_iter_free(it);
	for (i = 0; i < n; i++)
		md_replace(v[i]);
	free(v);
}

/* Copy n bytes of cmark's output: non-ASCII as \[uXXXX], font C (which
 * mandoc does not know) as CR; long words of a text line get break
 * points. cmark writes a backslash of the text as \e, so every other
 * backslash is its own escape. */
static void md_chars(buf *b, const char *s, size_t n, int text)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const unsigned char *start = p;
	int brk = 0;

	while (p < end) {
		if (text && (p == start || p[-1] == ' '))
			brk = long_word(p, end);
		if (*p >= 0x80) {
			p += put_utf8(b, p);
		} else if (end - p >= 5 && memcmp(p, "\\f[C]", 5) == 0) {
			buf_puts(b, "\\f[CR]");
			p += 5;
		} else {
			buf_putc(b, *p);
			if (brk && break_after(p, start, end))
				buf_puts(b, "\\:");
			p++;
		}
	}
}

/* One line of cmark's output. Inside a code block (.nf, \f[C] ... \f[])
 * cmark escapes a leading '.' or '\'' on the first line only; code cannot
 * forge the closing \f[] line, since cmark writes its backslashes as \e. */
static void md_line(buf *b, const char *s, size_t n, int *code)
{
	if (*code && n == 4 && memcmp(s, "\\f[]", 4) == 0)
		*code = 0;
	else if (*code && n && (s[0] == '.' || s[0] == '\''))
		buf_puts(b, "\\&");
	else if (n == 5 && memcmp(s, "\\f[C]", 5) == 0 && b->len >= 4 &&
		 memcmp(b->s + b->len - 4, ".nf\n", 4) == 0)
		*code = 1;
	md_chars(b, s, n, !*code && n && s[0] != '.' && s[0] != '\'');
	buf_putc(b, '\n');
}

/* Append cmark's man output s, without its leading .PP (the text follows a
 * tag or a bullet), non-ASCII written as \[uXXXX]. */
static void md_fix(buf *b, const char *s)
{
	int code = 0;

	if (strncmp(s, ".PP\n", 4) == 0)
		s += 4;
	while (*s) {
		size_t n = strcspn(s, "\n");
		md_line(b, s, n, &code);
		s += n + (s[n] == '\n');
	}
}

static void md_render(buf *b, cmark_node *doc)
{
	char *s;

	md_tame(doc);
	s = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
	md_fix(b, s);
	free(s);
	cmark_node_free(doc);
}

static cmark_node *md_parse(const char *text)
{
	return cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
}

static void md(buf *b, const char *text)
{
	if (text && *text)
		md_render(b, md_parse(text));
}

/* Several Markdown texts as the items of one bullet list. */
static void md_list(buf *b, const strlist *l)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *list = cmark_node_new(CMARK_NODE_LIST), *d, *c, *item;
	size_t i;

	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	cmark_node_append_child(doc, list);
	for (i = 0; i < l->n; i++) {
		item = cmark_node_new(CMARK_NODE_ITEM);
		d = md_parse(l->v[i]);
		while ((c = cmark_node_first_child(d)) != NULL)
			cmark_node_append_child(item, c);
		cmark_node_free(d);
		cmark_node_append_child(list, item);
	}
	md_render(b, doc);
}

/* ---- building blocks of the page ---- */

static int blank(const char *s)
{
	return !s || !*s;
}

/* A tagged paragraph: the label in bold, the body indented below it. */
static void tag(buf *b, const char *label)
{
	buf_puts(b, ".TP\n.B \"");
	esc(b, label);
	buf_puts(b, "\"\n");
}

static void tag_text(buf *b, const char *label, const char *text)
{
	if (blank(text))
		return;
	tag(b, label);
	esc(b, text);
	buf_putc(b, '\n');
}

/* .RS keeps every paragraph of the Markdown at the tag's indent. */
static void tag_md(buf *b, const char *label, const char *text)
{
	if (blank(text))
		return;
	tag(b, label);
	buf_puts(b, ".RS\n");
	md(b, text);
	buf_puts(b, ".RE\n");
}

static void bullet(buf *b)
{
	buf_puts(b, ".IP \\(bu 2\n");
}

static void tag_bullets(buf *b, const char *label, const strlist *l)
{
	size_t i;

	if (!l->n)
		return;
	tag(b, label);
	buf_puts(b, ".RS\n");
	for (i = 0; i < l->n; i++) {
		bullet(b);
		esc(b, l->v[i]);
		buf_putc(b, '\n');
	}
	buf_puts(b, ".RE\n");
}

/* "X.1.1" as used in class cls: "5.1.1"; other keys unchanged. */
static const char *name_of(const char *const *names, int count, int i)
{
	return i >= 0 && i < count ? names[i] : "?";
}

static const char *fix_label(int audience)
{
	static const char *const t[] = { "Fix for the sender",
		"Fix for the sender's mail admin",
		"Fix for the recipient's side" };
	return audience >= 0 && audience < AUD__COUNT ? t[audience] : "Fix";
}

/* ---- the parts of an entry ---- */

static void entry_head(buf *b, const entry *e)
{
	buf_puts(b, ".SS \"");
	esc(b, e->key);
	if (e->name) {
		buf_putc(b, ' ');
		esc(b, e->name);
	}
	buf_puts(b, "\"\n");
	esc(b, blank(e->summary) ? "(no summary)" : e->summary);
	buf_putc(b, '\n');
}

static void verdict_label(buf *label, const entry *e, const verdict *v)
{
	buf_puts(label, "Verdict");
	if (v->cls && e->kind == KIND_STATUS && e->cls == CODE_X) {
		buf_puts(label, " as ");
		site_class_code(e, v->cls, label);
	}
}

static void verdict_one(buf *b, const entry *e, const verdict *v)
{
	buf label = { 0 };

	verdict_label(&label, e, v);
	tag(b, label.s);
	buf_release(&label);
	buf_puts(b, ".RS\n\\fB");
	esc(b, name_of(verdict_names, VERDICT__COUNT, v->value));
	buf_puts(b, "\\fP");
	if (v->reason_id) {
		buf_puts(b, ", reason \\fI");
		esc(b, v->reason_id);
		buf_puts(b, "\\fP");
	}
	if (v->act) {
		buf_puts(b, "; to act: ");
		esc(b, site_actor_word(v->act));
	}
	buf_puts(b, ".\n.br\n");
	md(b, v->md);
	buf_puts(b, ".RE\n");
}

static void verdicts(buf *b, const entry *e)
{
	size_t i;

	for (i = 0; i < e->nverdicts; i++)
		verdict_one(b, e, &e->verdicts[i]);
}

static void phases(buf *b, const entry *e)
{
	buf t = { 0 };

	site_phases_text(e, &t);
	tag_text(b, site_rows[ROW_PHASES], t.s);
	buf_release(&t);
}

static void meaning_causes_fixes(buf *b, const entry *e)
{
	size_t i;

	tag_md(b, "Meaning", e->meaning);
	if (e->causes.n) {
		tag(b, site_sections[SEC_CAUSES].title);
		buf_puts(b, ".RS\n");
		md_list(b, &e->causes);
		buf_puts(b, ".RE\n");
	}
	for (i = 0; i < e->nfixes; i++)
		tag_md(b, fix_label(e->fixes[i].audience), e->fixes[i].md);
}

static void related_one(buf *b, const model *m, const see *s)
{
	bullet(b);
	buf_puts(b, "\\fB");
	esc(b, s->ref);
	buf_puts(b, "\\fP");
	if (s->confused)
		buf_puts(b, " (often confused)");
	if (s->why) {
		buf_puts(b, ":\n");
		md(b, s->why);
	} else if (s->target >= 0 && (size_t)s->target < m->nentries) {
		buf_puts(b, ": ");
		esc(b, m->entries[s->target].summary);
		buf_putc(b, '\n');
	} else {
		buf_putc(b, '\n');
	}
}

static void references(buf *b, const entry *e)
{
	size_t i;

	if (!e->nrefs)
		return;
	tag(b, site_sections[SEC_REFERENCES].title);
	buf_puts(b, ".RS\n");
	for (i = 0; i < e->nrefs; i++) {
		buf text = { 0 }, url = { 0 };
		reference_text(&e->refs[i], &text);
		reference_url(&e->refs[i], &url);
		bullet(b);
		esc(b, text.s);
		if (url.len) {
			buf_puts(b, "\n.br\n<");
			esc(b, url.s);
			buf_putc(b, '>');
		}
		buf_putc(b, '\n');
		buf_release(&text);
		buf_release(&url);
	}
	buf_puts(b, ".RE\n");
}

/* Notes, related entries and references end every entry. */
static void entry_tail(buf *b, const model *m, const entry *e)
{
	size_t i;

	for (i = 0; i < e->notes.n; i++)
		tag_md(b, "Note", e->notes.v[i]);
	if (e->nrelated) {
		tag(b, site_sections[SEC_RELATED].title);
		buf_puts(b, ".RS\n");
		for (i = 0; i < e->nrelated; i++)
			related_one(b, m, &e->related[i]);
		buf_puts(b, ".RE\n");
	}
	references(b, e);
}

/* ---- reply codes ---- */

static void definition_one(buf *b, const definition *d)
{
	buf label = { 0 };

	buf_printf(&label, "Defined by %s, for %s", d->doc ? d->doc : "?",
		   d->commands ? d->commands : "?");
	if (d->status)
		buf_printf(&label, " (%s)", d->status);
	tag(b, label.s);
	buf_release(&label);
	buf_puts(b, ".RS\n");
	md(b, d->md);
	buf_puts(b, ".RE\n");
}

static void reply_entry(buf *b, const model *m, const entry *e)
{
	size_t i;

	entry_head(b, e);
	verdicts(b, e);
	tag_text(b, site_rows[ROW_ORIGIN], e->origin);
	phases(b, e);
	meaning_causes_fixes(b, e);
	for (i = 0; i < e->ndefs; i++)
		definition_one(b, &e->defs[i]);
	entry_tail(b, m, e);
}

/* ---- enhanced status codes ---- */

/* "4.1.1, 5.1.1": the forms of a class-agnostic code in use. */
static void status_classes(buf *b, const entry *e)
{
	buf t = { 0 };

	if (e->cls != CODE_X)
		return;
	site_classes_text(e, &t);
	tag_text(b, site_rows[ROW_USED_AS], t.s);
	buf_release(&t);
}

static void status_replies(buf *b, const entry *e)
{
	buf t = { 0 };
	size_t i;

	for (i = 0; i < e->nreplies; i++)
		buf_printf(&t, "%s%d", i ? ", " : "", e->replies[i]);
	tag_text(b, site_rows[ROW_PAIRED_REPLIES], t.s);
	buf_release(&t);
}

static void status_variants(buf *b, const entry *e)
{
	size_t i;

	for (i = 0; i < e->nvariants; i++) {
		buf label = { 0 };
		buf_puts(&label, "As ");
		site_class_code(e, e->variants[i].cls, &label);
		tag_md(b, label.s, e->variants[i].md);
		buf_release(&label);
	}
	tag_md(b, "Class note", e->classnote);
}

static void status_entry(buf *b, const model *m, const entry *e)
{
	entry_head(b, e);
	tag_text(b, site_rows[ROW_REGISTRY_TEXT], e->sample);
	if (e->deprecated)
		tag_text(b, site_rows[ROW_DEPRECATED], "yes");
	status_classes(b, e);
	status_replies(b, e);
	verdicts(b, e);
	phases(b, e);
	meaning_causes_fixes(b, e);
	status_variants(b, e);
	entry_tail(b, m, e);
}

/* ---- provider responses ---- */

static const provider *provider_of(const model *m, const entry *e)
{
	int i = e->provider_idx;

	if (i < 0 && e->provider)
		i = model_find_provider(m, e->provider);
	return i >= 0 && (size_t)i < m->nproviders ? &m->providers[i] : NULL;
}

static void provider_head(buf *b, const entry *e, const provider *p)
{
	size_t i;

	buf_puts(b, ".SS \"Provider ");
	esc(b, e->provider);
	if (p) {
		buf_puts(b, ": ");
		esc(b, p->name);
	}
	buf_puts(b, "\"\n");
	if (!p)
		return;
	md(b, p->about); /* Markdown, as the catalog's other prose */
	buf_puts(b, ".PP\nType: ");
	esc(b, p->type);
	if (p->domains.n)
		buf_puts(b, "; domains:");
	for (i = 0; i < p->domains.n; i++) {
		buf_putc(b, ' ');
		esc(b, p->domains.v[i]);
	}
	buf_puts(b, ".\n");
}

/* "550 5.7.606 (refines 5.7.1)", "554, no enhanced code (refines ...)". */
static void response_reply(buf *b, const entry *e)
{
	buf t = { 0 };

	buf_printf(&t, "%d", e->reply);
	if (e->bare)
		buf_printf(&t, ", sent without an enhanced code (refines %s)",
			   e->status ? e->status : "?");
	else if (e->code)
		buf_printf(&t, " %s (refines %s)", e->code,
			   e->status ? e->status : "?");
	else if (e->status)
		buf_printf(&t, " %s", e->status);
	tag_text(b, site_rows[ROW_REPLY_CODE], t.s);
	buf_release(&t);
}

static void response_entry(buf *b, const model *m, const entry *e)
{
	entry_head(b, e);
	response_reply(b, e);
	tag_text(b, site_rows[ROW_TOKEN], e->token);
	tag_text(b, site_rows[ROW_SEEN], e->seen);
	verdicts(b, e);
	phases(b, e);
	tag_bullets(b, "Reply texts", &e->texts);
	tag_bullets(b, site_sections[SEC_PHRASES].title, &e->phrases);
	meaning_causes_fixes(b, e);
	entry_tail(b, m, e);
}

/* ---- reasons ---- */

static void reason_entry(buf *b, const model *m, const entry *e)
{
	buf t = { 0 };
	size_t i;

	entry_head(b, e);
	verdicts(b, e);
	for (i = 0; i < e->codes.n; i++)
		buf_printf(&t, "%s%s", i ? ", " : "", e->codes.v[i]);
	tag_text(b, site_rows[ROW_USUAL_CODES], t.s);
	buf_release(&t);
	phases(b, e);
	tag_bullets(b, site_sections[SEC_PHRASES].title, &e->phrases);
	meaning_causes_fixes(b, e);
	entry_tail(b, m, e);
}

/* ---- the page ---- */

static size_t count_kind(const model *m, int kind)
{
	size_t i, n = 0;

	for (i = 0; i < m->nentries; i++)
		n += m->entries[i].kind == kind;
	return n;
}

/* The date goes to .TH as it is, so that mandoc can read it, when it is
 * made of digits and dashes only (the schema's date type). */
static void th_date(buf *b, const char *date)
{
	if (date && strspn(date, "0123456789-") == strlen(date))
		buf_puts(b, date);
	else
		esc(b, date);
}

static void page_head(buf *b, const model *m)
{
	buf_puts(b, ".\\\" smtpcode.7: generated by gen from catalog/*.xml. "
		    "DO NOT EDIT.\n"
		    ".\\\" Edit the catalog and run make to remake it.\n"
		    ".TH SMTPCODE 7 \"");
	th_date(b, m->date);
	buf_puts(b, "\" \"smtpcode ");
	esc(b, m->version);
	buf_puts(b, "\" \"smtpcode catalog\"\n"
		    ".\\\" Codes and reply texts read best unhyphenated, ragged "
		    "right.\n"
		    ".nh\n.ad l\n"
		    ".SH NAME\n"
		    "smtpcode \\- SMTP reply codes, enhanced status codes and "
		    "provider responses\n");
}

static void count(buf *b, const model *m, int kind, const char *what,
		  const char *sep)
{
	size_t n = count_kind(m, kind);
	buf_printf(b, "%zu %s%s%s", n, what, n == 1 ? "" : "s", sep);
}

static void description_counts(buf *b, const model *m)
{
	buf_puts(b, ".SH DESCRIPTION\n"
		    "This page is the whole catalog of\n.BR smtpcode (1):\n");
	count(b, m, KIND_REPLY, "reply code", ",\n");
	count(b, m, KIND_STATUS, "enhanced status code",
	      " (with the class and subject rows),\n");
	count(b, m, KIND_RESPONSE, "provider response", " and\n");
	count(b, m, KIND_REASON, "bounce reason", ",\n");
	buf_puts(b, "from catalog version ");
	esc(b, m->version ? m->version : "?");
	buf_puts(b, " of ");
	esc(b, m->date ? m->date : "?");
	if (m->registry_date) {
		buf_puts(b, ",\nwith the IANA registrations up to ");
		esc(b, m->registry_date);
	}
	buf_puts(b, ".\n");
}

static const char description[] =
	".PP\n"
	"An SMTP server answers every command with a three\\-digit\n"
	".IR \"reply code\" ,\n"
	"often followed by an\n"
	".I \"enhanced status code\"\n"
	"of the form class.subject.detail (RFC 3463).\n"
	"The class is 2 (success), 4 (temporary failure) or 5 (permanent\n"
	"failure); subject and detail say what happened.\n"
	"Enhanced codes are listed class\\-agnostic, with an X for the class,\n"
	"and say what differs between their classes.\n"
	"Providers and mail software send their own texts and numbers;\n"
	"the provider responses say what a given reply means as that provider\n"
	"sends it, and the phrases that identify it.\n"
	".PP\n"
	"Each entry gives a one\\-line summary, its verdict, who must act,\n"
	"what it means, typical causes, fixes for each audience (the sender,\n"
	"the sender's mail admin, the recipient's side), related entries and\n"
	"references.\n"
	"Search this page with the pager's\n"
	".B /\n"
	"command, or look a code up with\n"
	".BR smtpcode (1).\n"
	".SS Verdicts\n"
	"The verdict is catalog data, never just the first digit of a code:\n"
	"a full mailbox is a permanent code but a soft bounce, and a blocked\n"
	"sending address is a permanent code while the recipient's address\n"
	"is fine.\n"
	".TP\n.B hard\n"
	"The address itself is dead: no such user, no such domain, moved, or\n"
	"a domain that accepts no mail.\n"
	"Suppress the address.\n"
	".TP\n.B soft\n"
	"Everything else that failed: temporary trouble, a full mailbox, rate\n"
	"limits, and policy, reputation or authentication blocks.\n"
	"The address is fine; someone must fix something, or wait.\n"
	".TP\n.B success\n"
	"A 2xx reply: nothing failed.\n"
	".TP\n.B none\n"
	"A 3xx reply, or a message that is not a bounce.\n"
	".PP\n"
	"The reason names the kind of failure in the vocabulary of the\n"
	"Sisimai bounce analyzer; see REASONS below.\n";

static void reply_section(buf *b, const model *m)
{
	size_t i;

	buf_puts(b, ".SH \"REPLY CODES\"\n");
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_REPLY)
			reply_entry(b, m, &m->entries[i]);
}

/* The model lists class rows first, then each subject row before its
 * details. */
static void status_section(buf *b, const model *m)
{
	size_t i;

	buf_puts(b, ".SH \"ENHANCED STATUS CODES\"\n");
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_STATUS)
			status_entry(b, m, &m->entries[i]);
}

/* Responses are sorted by provider: a heading starts each group. */
static void response_section(buf *b, const model *m)
{
	const char *last = NULL;
	size_t i;

	buf_puts(b, ".SH \"PROVIDER RESPONSES\"\n");
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != KIND_RESPONSE)
			continue;
		if (!last || !e->provider || strcmp(last, e->provider) != 0)
			provider_head(b, e, provider_of(m, e));
		last = e->provider;
		response_entry(b, m, e);
	}
}

static void reason_section(buf *b, const model *m)
{
	size_t i;

	buf_puts(b, ".SH REASONS\n");
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_REASON)
			reason_entry(b, m, &m->entries[i]);
}

static void see_also(buf *b, const model *m)
{
	buf_puts(b, ".SH \"SEE ALSO\"\n.BR smtpcode (1)\n");
	if (m->site_url) {
		buf_puts(b, ".PP\nThe same catalog on the web: ");
		esc(b, m->site_url);
		buf_putc(b, '\n');
	}
}

int emit_man(const model *m, out *o)
{
	buf b = { 0 };
	int rc;

	page_head(&b, m);
	description_counts(&b, m);
	buf_puts(&b, description);
	reply_section(&b, m);
	status_section(&b, m);
	response_section(&b, m);
	reason_section(&b, m);
	see_also(&b, m);
	rc = out_write(o, "man/smtpcode.7", b.s, b.len);
	buf_release(&b);
	return rc;
}

/* ---- bash completion ---- */

/* A bash array of words, each single-quoted, wrapped to fit 79 columns. */
typedef struct shlist {
	buf *b;
	size_t col, n;
} shlist;

static void sh_open(shlist *l, buf *b, const char *name)
{
	l->b = b;
	l->n = 0;
	buf_printf(b, "_smtpcode_%s=(", name);
	l->col = strlen(name) + 11;
}

static void sh_add(shlist *l, const char *word)
{
	size_t start = l->b->len;
	const char *p;

	if (l->n++ && l->col + strlen(word) + 3 > 78) {
		buf_puts(l->b, "\n\t");
		l->col = 8;
		start = l->b->len;
	} else if (l->n > 1) {
		buf_putc(l->b, ' ');
	}
	buf_putc(l->b, '\'');
	for (p = word; *p; p++) {
		if (*p == '\'')
			buf_puts(l->b, "'\\''");
		else
			buf_putc(l->b, *p);
	}
	buf_putc(l->b, '\'');
	l->col += l->b->len - start;
}

static void sh_number(shlist *l, int k)
{
	char num[16];

	snprintf(num, sizeof num, "%d", k);
	sh_add(l, num);
}

static void sh_close(shlist *l)
{
	buf_puts(l->b, ")\n");
}

/* The keys a status entry answers to: "X.1.1" and its class forms. */
static void keys_status(shlist *l, const entry *e)
{
	int cls;

	sh_add(l, e->key);
	if (e->cls != CODE_X || e->detail == CODE_X)
		return;
	for (cls = 2; cls <= 5; cls++) {
		buf t = { 0 };
		if (!(e->classes >> cls & 1))
			continue;
		site_class_code(e, cls, &t);
		sh_add(l, t.s);
		buf_release(&t);
	}
}

static void keys(buf *b, const model *m)
{
	unsigned char *sends = model_own_numbers(m); /* "5.7.606" */
	shlist l;
	size_t i;

	sh_open(&l, b, "keys");
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind == KIND_STATUS)
			keys_status(&l, e);
		else
			sh_add(&l, e->key);
		if (e->name)
			sh_add(&l, e->name);
		if (e->token)
			sh_add(&l, e->token);
		if (sends[i])
			sh_add(&l, e->code);
	}
	sh_close(&l);
	free(sends);
}

static void list_kind(buf *b, const model *m, const char *name, int kind)
{
	shlist l;
	size_t i;

	sh_open(&l, b, name);
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == kind)
			sh_add(&l, m->entries[i].key);
	sh_close(&l);
}

static void list_names(buf *b, const char *name, const char *const *v,
		       int n)
{
	shlist l;
	int i;

	sh_open(&l, b, name);
	for (i = 0; i < n; i++)
		sh_add(&l, v[i]);
	sh_close(&l);
}

static void list_set(buf *b, const char *name, const unsigned char *set,
		     int n)
{
	shlist l;
	int k;

	sh_open(&l, b, name);
	for (k = 0; k < n; k++)
		if (set[k])
			sh_number(&l, k);
	sh_close(&l);
}

/* The classes and subjects that status entries of the catalog use. */
static void list_numbers(buf *b, const model *m)
{
	unsigned char classes[10] = { 0 }, subjects[1000] = { 0 };
	size_t i;
	int k;

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != KIND_STATUS)
			continue;
		for (k = 2; k <= 5; k++)
			classes[k] |= e->classes >> k & 1;
		if (e->subject >= 0 && e->subject < 1000)
			subjects[e->subject] = 1;
	}
	list_set(b, "classes", classes, 10);
	list_set(b, "subjects", subjects, 1000);
}

static void list_providers(buf *b, const model *m)
{
	shlist l;
	size_t i;

	sh_open(&l, b, "providers");
	for (i = 0; i < m->nproviders; i++)
		sh_add(&l, m->providers[i].id);
	sh_close(&l);
}

static void list_replies(buf *b, const model *m)
{
	shlist l;
	size_t i;

	sh_open(&l, b, "replies");
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_REPLY)
			sh_number(&l, m->entries[i].reply);
	sh_close(&l);
}

/* The completion logic; the data above it comes from the catalog. Words
 * are matched by hand, not with compgen -W, which would expand them. */
static const char completion_code[] =
	"\n"
	"_smtpcode_options=(-j --json -q --quiet -v --verbose --color= "
	"-h --help\n\t-V --version)\n"
	"_smtpcode_filters=(--class --subject --verdict --reason --provider "
	"--reply\n\t--kind)\n"
	"_smtpcode_scan=(--tsv --summary --final --verdict --reason "
	"--provider)\n"
	"_smtpcode_commands=(explain scan search list)\n"
	"\n"
	"# _smtpcode_match WORD CANDIDATE...: the candidates that start with\n"
	"# WORD, whatever the case, into COMPREPLY.\n"
	"_smtpcode_match()\n"
	"{\n"
	"\tlocal cur=${1,,} w\n"
	"\tshift\n"
	"\tCOMPREPLY=()\n"
	"\tfor w; do\n"
	"\t\t[[ ${w,,} == \"$cur\"* ]] && COMPREPLY+=(\"$w\")\n"
	"\tdone\n"
	"\treturn 0\n"
	"}\n"
	"\n"
	"# _smtpcode_takes OPTION: whether the subcommand takes OPTION with a\n"
	"# value (scan refuses list's filters, a look-up all of them).\n"
	"_smtpcode_takes()\n"
	"{\n"
	"\tlocal w list\n"
	"\tcase $_smtpcode_cmd in\n"
	"\tlist) list=(\"${_smtpcode_filters[@]}\") ;;\n"
	"\tscan) list=(\"${_smtpcode_scan[@]}\") ;;\n"
	"\tesac\n"
	"\tfor w in --color --colour \"${list[@]}\"; do\n"
	"\t\t[[ $w == \"$1\" ]] && return 0\n"
	"\tdone\n"
	"\treturn 1\n"
	"}\n"
	"\n"
	"# _smtpcode_values OPTION WORD: the values of OPTION that start with\n"
	"# WORD; fails when the subcommand takes no value for OPTION.\n"
	"_smtpcode_values()\n"
	"{\n"
	"\t_smtpcode_takes \"$1\" || return 1\n"
	"\tcase $1 in\n"
	"\t--color|--colour) _smtpcode_match \"$2\" auto always never ;;\n"
	"\t--class) _smtpcode_match \"$2\" \"${_smtpcode_classes[@]}\" ;;\n"
	"\t--subject) _smtpcode_match \"$2\" \"${_smtpcode_subjects[@]}\" ;;\n"
	"\t--verdict) _smtpcode_match \"$2\" \"${_smtpcode_verdicts[@]}\" ;;\n"
	"\t--reason) _smtpcode_match \"$2\" \"${_smtpcode_reasons[@]}\" ;;\n"
	"\t--provider) _smtpcode_match \"$2\" \"${_smtpcode_providers[@]}\" ;;\n"
	"\t--reply) _smtpcode_match \"$2\" \"${_smtpcode_replies[@]}\" ;;\n"
	"\t--kind) _smtpcode_match \"$2\" \"${_smtpcode_kinds[@]}\" ;;\n"
	"\t*) return 1 ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"# The subcommand is the first operand, as smtpcode reads it; \"\" when\n"
	"# there is none yet, \"lookup\" when the first operand is a code.\n"
	"_smtpcode_command()\n"
	"{\n"
	"\tlocal i w\n"
	"\t_smtpcode_cmd=\n"
	"\tfor (( i = 1; i < COMP_CWORD; i++ )); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\t[[ $w == -?* || $w == = || ${COMP_WORDS[i-1]} == = ]] && continue\n"
	"\t\tcase $w in\n"
	"\t\texplain|scan|search|list) _smtpcode_cmd=$w ;;\n"
	"\t\t*) _smtpcode_cmd=lookup ;;\n"
	"\t\tesac\n"
	"\t\treturn\n"
	"\tdone\n"
	"}\n"
	"\n"
	"_smtpcode_operand()\n"
	"{\n"
	"\tcase $_smtpcode_cmd in\n"
	"\t'') _smtpcode_match \"$1\" \"${_smtpcode_commands[@]}\" "
	"\"${_smtpcode_keys[@]}\" ;;\n"
	"\tlookup) _smtpcode_match \"$1\" \"${_smtpcode_keys[@]}\" ;;\n"
	"\texplain) _smtpcode_match \"$1\" - ;; # a reply is typed, or -\n"
	"\tscan) compopt -o default 2>/dev/null ;; # files, by readline\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_smtpcode()\n"
	"{\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= opt _smtpcode_cmd\n"
	"\t(( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	"\tCOMPREPLY=()\n"
	"\t_smtpcode_command\n"
	"\t# --option=VALUE, whether or not COMP_WORDBREAKS splits it at '='\n"
	"\tif [[ $cur == --*=* ]]; then\n"
	"\t\topt=${cur%%=*}\n"
	"\t\t_smtpcode_values \"$opt\" \"${cur#*=}\" &&\n"
	"\t\t\tCOMPREPLY=(\"${COMPREPLY[@]/#/$opt=}\")\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $cur == = && $prev == --* ]]; then\n"
	"\t\t_smtpcode_values \"$prev\" \"\"\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $prev == = ]] && (( COMP_CWORD > 1 )) &&\n"
	"\t\t_smtpcode_values \"${COMP_WORDS[COMP_CWORD-2]}\" \"$cur\"; then\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\t# --color's value is only ever given after '=' (--color alone means\n"
	"\t# always)\n"
	"\tif [[ $prev == --* && $prev != --color && $prev != --colour ]] &&\n"
	"\t\t_smtpcode_values \"$prev\" \"$cur\"; then\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\tif [[ $_smtpcode_cmd == list ]]; then\n"
	"\t\t\t_smtpcode_match \"$cur\" \"${_smtpcode_options[@]}\" "
	"\"${_smtpcode_filters[@]}\"\n"
	"\t\telif [[ $_smtpcode_cmd == scan ]]; then\n"
	"\t\t\t_smtpcode_match \"$cur\" \"${_smtpcode_options[@]}\" "
	"\"${_smtpcode_scan[@]}\"\n"
	"\t\telse\n"
	"\t\t\t_smtpcode_match \"$cur\" \"${_smtpcode_options[@]}\"\n"
	"\t\tfi\n"
	"\t\t[[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] &&\n"
	"\t\t\tcompopt -o nospace 2>/dev/null\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\t_smtpcode_operand \"$cur\"\n"
	"\treturn 0\n"
	"}\n"
	"\n"
	"complete -F _smtpcode smtpcode\n";

int emit_completion(const model *m, out *o)
{
	buf b = { 0 };
	int rc;

	buf_puts(&b, "# smtpcode.bash: generated by gen from catalog/*.xml. "
		     "DO NOT EDIT.\n"
		     "# Bash completion for smtpcode(1): source it, or install "
		     "it as\n"
		     "# /usr/share/bash-completion/completions/smtpcode.\n");
	buf_printf(&b, "# Catalog version %s of %s.\n\n",
		   m->version ? m->version : "?", m->date ? m->date : "?");
	keys(&b, m);
	list_kind(&b, m, "reasons", KIND_REASON);
	list_providers(&b, m);
	list_replies(&b, m);
	list_numbers(&b, m);
	list_names(&b, "verdicts", verdict_names, VERDICT__COUNT);
	list_names(&b, "kinds", kind_names, KIND__COUNT);
	buf_puts(&b, completion_code);
	rc = out_write(o, "completion/smtpcode.bash", b.s, b.len);
	buf_release(&b);
	return rc;
}
