/* json: the site's JSON (see json.h). */
#include "json.h"

/* The one escaping function of JSON output. */
static void json_str(buf *b, const char *s)
{
	const char *run;

	buf_putc(b, '"');
	for (run = s; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c == '\r') {
			buf_puts(b, "\\r");
		} else if (c == '\t') {
			buf_puts(b, "\\t");
		} else {
			buf_printf(b, "\\u%04x", c);
		}
	}
	if (s)
		buf_put(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}

/* A comma, unless the value opens an object or an array. */
static void jsep(buf *b)
{
	char c = b->len ? b->s[b->len - 1] : '[';
	if (c != '{' && c != '[')
		buf_putc(b, ',');
}

static void jkey(buf *b, const char *k)
{
	jsep(b);
	json_str(b, k);
	buf_putc(b, ':');
}

static void jstr(buf *b, const char *k, const char *v)
{
	jkey(b, k);
	json_str(b, v ? v : "");
}

static void jint(buf *b, const char *k, int v)
{
	jkey(b, k);
	buf_printf(b, "%d", v);
}

static void jbool(buf *b, const char *k, int v)
{
	jkey(b, k);
	buf_puts(b, v ? "true" : "false");
}

static void jlist(buf *b, const char *k, const strlist *l)
{
	size_t i;
	jkey(b, k);
	buf_putc(b, '[');
	for (i = 0; i < l->n; i++) {
		jsep(b);
		json_str(b, l->v[i]);
	}
	buf_putc(b, ']');
}

static void json_verdicts(buf *b, const entry *e)
{
	size_t i;
	jkey(b, "verdicts");
	buf_putc(b, '[');
	for (i = 0; i < e->nverdicts; i++) {
		const verdict *v = &e->verdicts[i];
		jsep(b);
		buf_putc(b, '{');
		jint(b, "class", v->cls);
		jstr(b, "verdict", site_verdict_id(v->value));
		jstr(b, "reason", site_verdict_reason(e, v));
		jstr(b, "act", site_actor_id(v->act));
		jstr(b, "why", v->md);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void json_fixes(buf *b, const entry *e)
{
	size_t i;
	jkey(b, "fixes");
	buf_putc(b, '[');
	for (i = 0; i < e->nfixes; i++) {
		int a = e->fixes[i].audience;
		jsep(b);
		buf_putc(b, '{');
		jstr(b, "for", site_audience_id(a));
		jstr(b, "text", e->fixes[i].md);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void json_phases(buf *b, const entry *e)
{
	int k;
	jkey(b, "phases");
	buf_putc(b, '[');
	for (k = 0; phase_names[k]; k++)
		if (e->phases >> k & 1) {
			jsep(b);
			json_str(b, phase_names[k]);
		}
	buf_putc(b, ']');
}

static void json_related(buf *b, const entry *e)
{
	size_t i;
	jkey(b, "related");
	buf_putc(b, '[');
	for (i = 0; i < e->nrelated; i++) {
		jsep(b);
		buf_putc(b, '{');
		jstr(b, "key", e->related[i].ref);
		jbool(b, "confused", e->related[i].confused);
		jstr(b, "why", e->related[i].why);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void json_references(buf *b, const entry *e)
{
	buf t = { 0 };
	size_t i;

	jkey(b, "references");
	buf_putc(b, '[');
	for (i = 0; i < e->nrefs; i++) {
		jsep(b);
		buf_putc(b, '{');
		t.len = 0;
		buf_put(&t, "", 0);
		reference_text(&e->refs[i], &t);
		jstr(b, "text", t.s);
		t.len = 0;
		buf_put(&t, "", 0);
		reference_url(&e->refs[i], &t);
		jstr(b, "url", t.s);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
	buf_release(&t);
}

static void json_reply(buf *b, const entry *e)
{
	size_t i;
	jstr(b, "origin", e->origin);
	jkey(b, "definitions");
	buf_putc(b, '[');
	for (i = 0; i < e->ndefs; i++) {
		const definition *d = &e->defs[i];
		buf doc = { 0 };
		buf_puts(&doc, d->doc ? d->doc : "");
		if (d->status)
			buf_printf(&doc, " (%s)", d->status);
		jsep(b);
		buf_putc(b, '{');
		jstr(b, "doc", doc.s);
		jstr(b, "commands", d->commands);
		jstr(b, "text", d->md);
		buf_putc(b, '}');
		buf_release(&doc);
	}
	buf_putc(b, ']');
}

static void json_codes(buf *b, const entry *e)
{
	size_t i;
	int c;

	jkey(b, "classes");
	buf_putc(b, '[');
	for (c = 0; c < 10; c++)
		if (e->classes >> c & 1) {
			jsep(b);
			buf_printf(b, "%d", c);
		}
	buf_putc(b, ']');
	jkey(b, "replies");
	buf_putc(b, '[');
	for (i = 0; i < e->nreplies; i++) {
		jsep(b);
		buf_printf(b, "%d", e->replies[i]);
	}
	buf_putc(b, ']');
}

static void json_status(buf *b, const entry *e)
{
	size_t i;

	json_codes(b, e);
	jstr(b, "sample", e->sample);
	jbool(b, "deprecated", e->deprecated);
	jkey(b, "variants");
	buf_putc(b, '[');
	for (i = 0; i < e->nvariants; i++) {
		jsep(b);
		buf_putc(b, '{');
		jint(b, "class", e->variants[i].cls);
		jstr(b, "text", e->variants[i].md);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
	jstr(b, "classnote", e->classnote);
}

static void json_response(const site *s, buf *b, const entry *e)
{
	jstr(b, "provider", e->provider);
	jstr(b, "provider_name", e->provider_idx >= 0 ? site_provider_name(s, e)
						       : "");
	jint(b, "reply", e->reply);
	jstr(b, "status", e->status);
	jstr(b, "sent", e->code);
	jbool(b, "bare", e->bare);
	jstr(b, "token", e->token);
	jstr(b, "seen", e->seen);
	jlist(b, "texts", &e->texts);
	jlist(b, "phrases", &e->phrases);
}

static void json_common(buf *b, const entry *e)
{
	const verdict *v = site_main_verdict(e);
	buf url = { 0 };

	jstr(b, "key", e->key);
	jstr(b, "code", entry_code(e));
	jstr(b, "kind", kind_names[e->kind]);
	jstr(b, "name", e->name);
	jstr(b, "summary", e->summary);
	jstr(b, "meaning", e->meaning);
	jstr(b, "verdict", v ? site_verdict_id(v->value) : "");
	jstr(b, "reason", site_verdict_reason(e, v));
	jstr(b, "act", v ? site_actor_id(v->act) : "");
	json_verdicts(b, e);
	jlist(b, "causes", &e->causes);
	json_fixes(b, e);
	json_phases(b, e);
	json_related(b, e);
	json_references(b, e);
	jlist(b, "notes", &e->notes);
	entry_path(e, &url);
	jstr(b, "url", url.s);
	buf_release(&url);
}

/* Append the record of e, on one line, without a newline. The one writer
 * of index.json and catalog.json. */
void json_record(const site *s, const entry *e, buf *b)
{
	buf_putc(b, '{');
	json_common(b, e);
	switch (e->kind) {
	case KIND_REPLY:
		json_reply(b, e);
		break;
	case KIND_STATUS:
		json_status(b, e);
		break;
	case KIND_RESPONSE:
		json_response(s, b, e);
		break;
	case KIND_REASON:
		jlist(b, "codes", &e->codes);
		jlist(b, "phrases", &e->phrases);
		break;
	}
	buf_putc(b, '}');
}


void json_write_catalog(site *s, buf *b)
{
	size_t i;

	b->len = 0;
	buf_puts(b, "[\n");
	for (i = 0; i < s->m->nentries; i++) {
		json_record(s, &s->m->entries[i], b);
		buf_puts(b, i + 1 < s->m->nentries ? ",\n" : "\n");
	}
	buf_puts(b, "]\n");
	site_write(s, "catalog.json", b);
}

/* "v":[[class,"verdict"],...] */
static void search_verdicts(buf *b, const entry *e)
{
	size_t i;

	jkey(b, "v");
	buf_putc(b, '[');
	for (i = 0; i < e->nverdicts; i++) {
		jsep(b);
		buf_printf(b, "[%d,", e->verdicts[i].cls);
		json_str(b, site_verdict_id(e->verdicts[i].value));
		buf_putc(b, ']');
	}
	buf_putc(b, ']');
}

/* One entry of the search index: short keys, what search.js reads. */
static void search_record(const site *s, const entry *e, buf *b)
{
	buf t = { 0 };

	buf_putc(b, '{');
	jstr(b, "k", e->key);
	jstr(b, "t", kind_names[e->kind]);
	t.len = 0;
	entry_path(e, &t);
	jstr(b, "u", t.s);
	t.len = 0;
	site_entry_title(s, e, &t);
	jstr(b, "l", t.s);
	jstr(b, "n", e->name);
	jstr(b, "s", e->summary);
	search_verdicts(b, e);
	if (e->kind == KIND_REPLY || e->kind == KIND_RESPONSE)
		jint(b, "r", e->reply);
	if (e->kind == KIND_RESPONSE) {
		jstr(b, "c", e->code ? e->code : e->status);
		if (e->code)
			jstr(b, "sc", e->code);
		jstr(b, "x", e->token);
		jstr(b, "pn", site_provider_name(s, e));
	}
	if (e->phrases.n)
		jlist(b, "p", &e->phrases);
	buf_putc(b, '}');
	buf_release(&t);
}

/* The search index is a script that sets a global: fetch() does not work
 * from file://, a <script src> does. */
void json_write_search(site *s, buf *b)
{
	size_t i;

	b->len = 0;
	buf_puts(b, "/* " GENERATED " */\n");
	buf_puts(b, "window.SMTPCODE_INDEX = {");
	jstr(b, "version", s->m->version);
	jkey(b, "entries");
	buf_puts(b, "[\n");
	for (i = 0; i < s->m->nentries; i++) {
		search_record(s, &s->m->entries[i], b);
		buf_puts(b, i + 1 < s->m->nentries ? ",\n" : "\n");
	}
	buf_puts(b, "]};\n");
	site_write(s, "search-index.js", b);
}
