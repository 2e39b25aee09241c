#include "check.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "util.h"

static int errors;

static void err(loc at, const char *fmt, const char *a, const char *b)
{
	errors++;
	diag_error(at.file, at.line, at.col, fmt, a, b ? b : "");
}

/* X sorts before digits so that rows come before their details. */
static int ord(int part)
{
	return part == CODE_X ? -1 : part;
}

int check_compare(const entry *a, const entry *b)
{
	int c;

	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->kind == KIND_REPLY && a->reply != b->reply)
		return a->reply - b->reply;
	if (a->kind == KIND_STATUS) {
		if (ord(a->subject) != ord(b->subject))
			return ord(a->subject) - ord(b->subject);
		if (ord(a->detail) != ord(b->detail))
			return ord(a->detail) - ord(b->detail);
		if (ord(a->cls) != ord(b->cls))
			return ord(a->cls) - ord(b->cls);
	}
	if (a->kind == KIND_RESPONSE) {
		c = strcmp(a->provider, b->provider);
		if (c)
			return c;
	}
	if (a->kind == KIND_REASON)
		return a->at.file == b->at.file ?
		       (a->at.line - b->at.line) : strcmp(a->at.file, b->at.file);
	c = strcmp(a->key, b->key);
	if (c)
		return c;
	/* duplicates: keep catalog order so "first at" is reported right */
	c = strcmp(a->at.file, b->at.file);
	return c ? c : a->at.line - b->at.line;
}

static int cmp_entries(const void *a, const void *b)
{
	return check_compare(a, b);
}

static int status_code_ok(const entry *e)
{
	if (e->cls < 0)
		return 0;
	if (e->subject == CODE_X) /* class row: 5.X.X */
		return e->cls != CODE_X && e->detail == CODE_X;
	if (e->detail == CODE_X) /* subject row: X.1.X */
		return e->cls == CODE_X;
	return e->cls == CODE_X; /* detail: X.1.1 */
}

static void check_key_shape(const entry *e)
{
	if (e->kind == KIND_STATUS && !status_code_ok(e))
		err(e->at, "malformed status code '%s': write 'X.S.D', "
			   "'C.X.X' or 'X.S.X'%s", e->key, NULL);
}

/* The same key twice, in a sorted model, is two neighbours. */
static void check_duplicates(const model *m)
{
	size_t i;
	for (i = 1; i < m->nentries; i++) {
		const entry *a = &m->entries[i - 1], *b = &m->entries[i];
		char first[64];
		if (a->kind != b->kind || strcmp(a->key, b->key) != 0)
			continue;
		snprintf(first, sizeof first, "%s:%d:%d", a->at.file,
			 a->at.line, a->at.col);
		err(b->at, "duplicate code '%s' (first at %s)", b->key, first);
	}
}

/* Two providers with one id: their responses would go to one of them. */
/* What in md is not the catalog's Markdown, or NULL (the text lasts
 * until the next call): raw HTML (a tag, a comment, a declaration), which
 * cmark renders as nothing on the site while the Markdown pages and the
 * JSON carry it as written; a heading or a thematic break, which would
 * break the page's own headings. Read by cmark itself, so that code
 * spans, escapes and autolinks are what they are on the site. */
static const char *not_markdown(const char *md)
{
	static char what[128];
	cmark_node *doc = cmark_parse_document(md, strlen(md),
					       CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	char *p;
	what[0] = '\0';
	while (!what[0] && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			snprintf(what, sizeof what, "raw HTML ('%.24s'): write "
				 "it as text, or as code between backticks",
				 cmark_node_get_literal(n));
			for (p = what; *p; p++) /* one line */
				*p = *p == '\n' || *p == '\t' ? ' ' : *p;
			break;
		case CMARK_NODE_HEADING:
			snprintf(what, sizeof what, "a heading: the page has "
				 "its own");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			snprintf(what, sizeof what, "a thematic break (a line "
				 "of ---, *** or ___)");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return what[0] ? what : NULL;
}

static void check_providers(const model *m)
{
	size_t i;
	for (i = 0; i < m->nproviders; i++) {
		const provider *p = &m->providers[i];
		const char *what = p->about ? not_markdown(p->about) : NULL;
		if (what)
			err(p->at, "provider '%s' has in its description %s",
			    p->id, what);
	}
	for (i = 1; i < m->nproviders; i++) {
		const provider *a = &m->providers[m->providers_by_id[i - 1]];
		const provider *b = &m->providers[m->providers_by_id[i]];
		char first[64];
		if (strcmp(a->id, b->id) != 0)
			continue;
		snprintf(first, sizeof first, "%s:%d:%d", a->at.file,
			 a->at.line, a->at.col);
		err(b->at, "duplicate provider '%s' (first at %s)", b->id, first);
	}
}

typedef struct named {
	const char *s;
	loc at;
	const char *what;
} named;

static int cmp_named(const void *a, const void *b)
{
	const named *x = a, *y = b;
	int c = ascii_casecmp(x->s, y->s);
	if (c)
		return c;
	c = strcmp(x->at.file, y->at.file);
	return c ? c : x->at.line - y->at.line;
}

/* Names, tokens, ids and reason ids are lookup keys together: none may
 * be used twice, whatever the case. */
static void check_unique(named *v, size_t n, const char *what)
{
	size_t i;
	qsort(v, n, sizeof *v, cmp_named);
	for (i = 1; i < n; i++) {
		char first[64];
		if (ascii_casecmp(v[i - 1].s, v[i].s) != 0)
			continue;
		snprintf(first, sizeof first, "%s:%d:%d", v[i - 1].at.file,
			 v[i - 1].at.line, v[i - 1].at.col);
		errors++;
		diag_error(v[i].at.file, v[i].at.line, v[i].at.col,
			   "duplicate %s '%s' (first at %s)", what, v[i].s,
			   first);
	}
}

/* The lookup tries names only for keys that start with a letter. */
static void check_name_start(const char *name, loc at)
{
	if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z')))
		err(at, "name '%s' must start with a letter%s", name, NULL);
}

static void check_names(const model *m)
{
	named *v = xcalloc(m->nentries * 3 + 1, sizeof *v); /* name, token, id */
	size_t i, n = 0;

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->name)
			v[n++] = (named){ e->name, e->at, "name" };
		if (e->token)
			v[n++] = (named){ e->token, e->at, "name" };
		if (e->kind == KIND_RESPONSE || e->kind == KIND_REASON)
			v[n++] = (named){ e->key, e->at, "name" };
	}
	for (i = 0; i < n; i++)
		check_name_start(v[i].s, v[i].at);
	check_unique(v, n, "name");
	free(v);
}

/* explain indexes the phrases by their first two bytes: every phrase has
 * at least PHRASE_MIN, and so few could not tell a reply anyway. The
 * header holds a phrase's length in a byte. */
#define PHRASE_MIN 3
#define PHRASE_MAX 255

static int blank(const char *s);

static void check_phrases(const model *m)
{
	size_t i, j, n = 0, cap = 16;
	named *v = xcalloc(cap, sizeof *v);

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		for (j = 0; j < e->phrases.n; j++)
			if (strlen(e->phrases.v[j]) < PHRASE_MIN &&
			    !blank(e->phrases.v[j]))
				err(e->phrases.at[j], "'%s': phrase '%s' is too "
						      "short to identify a reply",
				    e->key, e->phrases.v[j]);
			else if (strlen(e->phrases.v[j]) > PHRASE_MAX)
				err(e->phrases.at[j], "'%s': phrase '%.40s...' is "
						      "too long",
				    e->key, e->phrases.v[j]);
		if (e->kind != KIND_RESPONSE)
			continue;
		if (e->phrases.n > PHRASES_MAX) {
			char max[16];
			snprintf(max, sizeof max, "%d", PHRASES_MAX);
			err(e->phrases.at[PHRASES_MAX], "'%s': %s phrases at "
				"most", e->key, max);
		}
		for (j = 0; j < e->phrases.n; j++) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof *v);
			v[n++] = (named){ e->phrases.v[j], e->phrases.at[j],
					  "phrase" };
		}
	}
	check_unique(v, n, "identifying phrase");
	free(v);
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* A phrase made only of digits, dots and blanks is a code, not a phrase. */
static int code_like(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && *s != '.' && *s != ' ' &&
		    *s != '-')
			return 0;
	return 1;
}

static void check_fields(const entry *e)
{
	size_t i;
	if (blank(e->summary))
		err(e->summary ? e->summary_at : e->at,
		    "'%s' has an empty summary%s", e->key, NULL);
	if (blank(e->meaning))
		err(e->meaning ? e->meaning_at : e->at,
		    "'%s' has an empty meaning%s", e->key, NULL);
	if (e->causes.n < 2)
		err(e->at, "'%s' needs at least two causes%s", e->key, NULL);
	if (e->nfixes < 1)
		err(e->at, "'%s' has no fixes%s", e->key, NULL);
	for (i = 0; i < e->causes.n; i++)
		if (blank(e->causes.v[i]))
			err(e->causes.at[i], "'%s' has an empty cause%s", e->key,
			    NULL);
	for (i = 0; i < e->nfixes; i++)
		if (blank(e->fixes[i].md))
			err(e->fixes[i].at, "'%s' has an empty fix%s", e->key,
			    NULL);
	for (i = 0; i < e->nverdicts; i++)
		if (blank(e->verdicts[i].md))
			err(e->verdicts[i].at, "'%s' has a verdict that does "
					       "not say why%s", e->key, NULL);
}

/* One Markdown field of e, whose element is at at. */
static void markdown_field(const entry *e, const char *md, loc at)
{
	const char *what = md ? not_markdown(md) : NULL;
	if (what)
		err(at, "'%s' has in its Markdown %s", e->key, what);
}

/* Every Markdown field of e is Markdown alone. */
static void check_markdown(const entry *e)
{
	size_t i;
	markdown_field(e, e->summary, e->summary_at);
	markdown_field(e, e->meaning, e->meaning_at);
	markdown_field(e, e->classnote, e->classnote_at);
	for (i = 0; i < e->causes.n; i++)
		markdown_field(e, e->causes.v[i], e->causes.at[i]);
	for (i = 0; i < e->nfixes; i++)
		markdown_field(e, e->fixes[i].md, e->fixes[i].at);
	for (i = 0; i < e->nverdicts; i++)
		markdown_field(e, e->verdicts[i].md, e->verdicts[i].at);
	for (i = 0; i < e->nvariants; i++)
		markdown_field(e, e->variants[i].md, e->variants[i].at);
	for (i = 0; i < e->notes.n; i++)
		markdown_field(e, e->notes.v[i], e->notes.at[i]);
	for (i = 0; i < e->ndefs; i++)
		markdown_field(e, e->defs[i].md, e->defs[i].at);
	for (i = 0; i < e->nrelated; i++)
		markdown_field(e, e->related[i].why, e->related[i].at);
}

static int class_digit(int code)
{
	return code / 100;
}

static int has_class(const entry *e, int cls)
{
	return cls >= 0 && cls < 8 && (e->classes >> cls & 1);
}

static void check_status_classes(const entry *e)
{
	size_t i;
	char r[8];

	for (i = 0; i < e->nreplies; i++) {
		if (has_class(e, class_digit(e->replies[i])) || e->classnote)
			continue;
		snprintf(r, sizeof r, "%d", e->replies[i]);
		err(e->at, "'%s' lists reply code %s, whose class it is not "
			   "used in, without a classnote", e->key, r);
	}
	if (e->cls != CODE_X && e->classes != (1u << e->cls))
		err(e->at, "class row '%s' must list only its own class%s",
		    e->key, NULL);
}

static void check_verdict_classes(const entry *e)
{
	size_t i;
	unsigned seen = 0;
	int many = e->kind == KIND_STATUS && e->cls == CODE_X &&
		   (e->classes & (e->classes - 1));

	for (i = 0; i < e->nverdicts; i++) {
		const verdict *v = &e->verdicts[i];
		/* a class the code is not registered for has a verdict only
		 * where the class note says how the code is used there */
		if (v->cls && e->kind == KIND_STATUS && !has_class(e, v->cls) &&
		    !e->classnote)
			err(v->at, "'%s' has a verdict for a class it is not "
				   "used in, and no classnote%s", e->key, NULL);
		if (v->cls && seen >> v->cls & 1)
			err(v->at, "'%s' has two verdicts for one class%s",
			    e->key, NULL);
		if (!v->cls && e->nverdicts > 1)
			err(v->at, "'%s' has several verdicts: each needs a "
				   "class%s", e->key, NULL);
		if (v->cls)
			seen |= 1u << v->cls;
	}
	if (many && (seen & e->classes) != e->classes)
		err(e->at, "'%s' is used in several classes and needs one "
			   "verdict per class%s", e->key, NULL);
}

/* A response's reply code and the enhanced codes it carries agree on the
 * class (550 with 5.x.x), unless a note explains the mismatch. */
static void check_response_classes(const entry *e)
{
	int c, s, d;
	const char *codes[2] = { e->status, e->code };
	size_t i;

	for (i = 0; i < 2; i++) {
		if (!codes[i] || code_parse_status(codes[i], &c, &s, &d) < 0)
			continue;
		if (c == CODE_X || s == CODE_X || d == CODE_X)
			err(e->at, "'%s' must give its code with a class "
				   "digit, not '%s'", e->key, codes[i]);
		else if (c != class_digit(e->reply) && !e->notes.n) {
			char reply[16];
			snprintf(reply, sizeof reply, "%d", e->reply);
			errors++;
			diag_error(e->at.file, e->at.line, e->at.col,
				   "'%s': reply code %s and enhanced code %s "
				   "are of different classes, and no note says "
				   "why", e->key, reply, codes[i]);
		}
	}
}

static char *x_form(const char *code)
{
	char *x = xstrdup(code);
	x[0] = 'X';
	return x;
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;
	for (i = 0; hay[i]; i++) {
		size_t j;
		for (j = 0; j < n && hay[i + j] &&
			    tolower((unsigned char)hay[i + j]) ==
				    tolower((unsigned char)needle[j]);
		     j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

static int contains_phrase(const char *text, const strlist *phrases)
{
	size_t i;
	for (i = 0; i < phrases->n; i++)
		if (contains_ci(text, phrases->v[i]))
			return 1;
	return 0;
}

/* A response sent as 4.7.1 shows that X.7.1 is used in class 4: the
 * status entry must say so (and give that class a verdict). */
static void check_sent_class(const model *m, const entry *e)
{
	const entry *st;
	char cls[2] = { e->status[0], '\0' };
	if (e->status_idx < 0 || e->status[0] < '2' || e->status[0] > '5')
		return;
	st = &m->entries[e->status_idx];
	if (st->kind != KIND_STATUS || has_class(st, e->status[0] - '0'))
		return;
	errors++;
	diag_error(e->at.file, e->at.line, e->at.col,
		   "'%s' is sent in class %s, which '%s' does not list in "
		   "classes=", e->key, cls, st->key);
}

static void resolve_response(model *m, entry *e)
{
	size_t i;
	char *x;

	e->provider_idx = model_find_provider(m, e->provider);
	if (e->provider_idx < 0)
		err(e->at, "'%s' names unknown provider '%s'", e->key,
		    e->provider);
	if (!e->status) {
		err(e->at, "'%s' names no standard code: give status=, the "
			   "registered code it refines%s", e->key, NULL);
	} else {
		x = x_form(e->status);
		e->status_idx = model_find_entry(m, x);
		if (e->status_idx < 0 ||
		    m->entries[e->status_idx].kind != KIND_STATUS ||
		    m->entries[e->status_idx].detail == CODE_X)
			err(e->at, "'%s' refines '%s', which is not a "
				   "registered code in the catalog", e->key,
			    e->status);
		free(x);
		check_sent_class(m, e);
	}
	if (!e->phrases.n)
		err(e->at, "'%s' has no identifying phrase%s", e->key, NULL);
	for (i = 0; i < e->phrases.n; i++)
		if (blank(e->phrases.v[i]) || code_like(e->phrases.v[i]))
			err(e->phrases.at[i], "'%s': phrase '%s' does not "
					      "identify a reply", e->key,
			    e->phrases.v[i]);
	for (i = 0; e->phrases.n && i < e->texts.n; i++)
		if (!contains_phrase(e->texts.v[i], &e->phrases))
			err(e->texts.at[i], "'%s': this text contains none of "
					    "its phrases, so explain would "
					    "not find it", e->key, NULL);
	check_response_classes(e);
}

static void resolve_refs(model *m, entry *e)
{
	size_t i;
	for (i = 0; i < e->nrelated; i++) {
		see *s = &e->related[i];
		s->target = model_find_entry(m, s->ref);
		if (s->target < 0)
			err(s->at, "'%s' refers to unknown entry '%s'", e->key,
			    s->ref);
		else if (&m->entries[s->target] == e)
			err(s->at, "'%s' refers to itself%s", e->key, NULL);
	}
	for (i = 0; i < e->nverdicts; i++) {
		verdict *v = &e->verdicts[i];
		if (!v->reason_id)
			continue;
		v->reason = model_find_entry(m, v->reason_id);
		if (v->reason < 0 || m->entries[v->reason].kind != KIND_REASON)
			err(v->at, "'%s' names unknown reason '%s'", e->key,
			    v->reason_id);
	}
	for (i = 0; i < e->codes.n; i++) {
		char *x = x_form(e->codes.v[i]);
		if (model_find_entry(m, x) < 0)
			err(e->codes.at[i], "reason '%s' names unknown code "
					    "'%s'", e->key, e->codes.v[i]);
		free(x);
	}
}

static void check_registry(const model *m)
{
	int s, d;
	char key[32];
	const char *rows[] = { "2.X.X", "4.X.X", "5.X.X" };
	size_t i;

	if (!m->have_registry) {
		err(m->first_root, "no catalog file gives <registry>: add it "
				   "to this <catalog> or another file's",
		    NULL, NULL);
		return;
	}
	for (i = 0; i < 3; i++)
		if (model_find_entry(m, rows[i]) < 0)
			err(m->registry_at, "registered class row '%s' is "
					    "missing%s", rows[i], NULL);
	for (s = 0; s < 10; s++) {
		if (m->registry_last[s] < 0)
			continue;
		snprintf(key, sizeof key, "X.%d.X", s);
		if (model_find_entry(m, key) < 0)
			err(m->registry_at, "registered subject row '%s' is "
					    "missing%s", key, NULL);
		for (d = 0; d <= m->registry_last[s]; d++) {
			snprintf(key, sizeof key, "X.%d.%d", s, d);
			if (model_find_entry(m, key) < 0)
				err(m->registry_at, "registered code '%s' is "
						    "missing", key, NULL);
		}
	}
}

/* Each step of the transaction falls back to one reason at most, one of
 * whose phases it is. */
static void check_fallbacks(const model *m)
{
	const char *owner[32] = { 0 };
	size_t i;
	int k;
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		for (k = 0; phase_names[k]; k++) {
			char msg[160];
			if (!(e->fallback >> k & 1))
				continue;
			if (owner[k]) {
				snprintf(msg, sizeof msg, "step '%s' falls back "
					 "to both '%%s' and '%%s'", phase_names[k]);
				err(e->at, msg, owner[k], e->key);
			} else if ((1u << k) == phase_bit("any") ||
				   (1u << k) == phase_bit("delivery")) {
				snprintf(msg, sizeof msg, "reason '%%s' falls back "
					 "at '%s', which is no command a reply "
					 "answers%%s", phase_names[k]);
				err(e->at, msg, e->key, NULL);
			} else if (!(e->phases >> k & 1) &&
				   !(e->phases & phase_bit("any"))) {
				snprintf(msg, sizeof msg, "reason '%%s' falls back "
					 "at '%s', which is not one of its "
					 "phases%%s", phase_names[k]);
				err(e->at, msg, e->key, NULL);
			}
			owner[k] = e->key;
		}
	}
}

static void check_meta(const model *m)
{
	if (!m->version)
		err(m->first_root, "no catalog file gives the version: add "
				   "version=, date= and registry-date= to this "
				   "<catalog> or another file's",
		    NULL, NULL);
}

static void check_entry(model *m, entry *e)
{
	check_markdown(e);
	check_key_shape(e);
	check_fields(e);
	check_verdict_classes(e);
	resolve_refs(m, e);
	if (e->kind == KIND_STATUS && status_code_ok(e))
		check_status_classes(e);
	if (e->kind == KIND_RESPONSE)
		resolve_response(m, e);
}

/* The providers in id order (ties in catalog order), whatever the files
 * that define them are called: the header's table and the completion
 * follow it. */
static void sort_providers(model *m)
{
	provider *p = xmalloc((m->nproviders + 1) * sizeof *p);
	size_t i;
	for (i = 0; i < m->nproviders; i++)
		p[i] = m->providers[m->providers_by_id[i]];
	if (m->nproviders)
		memcpy(m->providers, p, m->nproviders * sizeof *p);
	free(p);
	model_index(m);
}

int check_model(model *m)
{
	size_t i;

	errors = 0;
	qsort(m->entries, m->nentries, sizeof *m->entries, cmp_entries);
	model_index(m);
	sort_providers(m);
	check_meta(m);
	check_duplicates(m);
	check_providers(m);
	check_names(m);
	check_phrases(m);
	for (i = 0; i < m->nentries; i++)
		check_entry(m, &m->entries[i]);
	check_registry(m);
	check_fallbacks(m);
	return errors;
}
