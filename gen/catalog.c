#include "catalog.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A catalog file as read: its bytes stay around so that diagnostics can
 * point at the column of an element or attribute, which libxml2's tree does
 * not record. */
typedef struct source {
	const char *name;
	char *text;
	size_t len;
	size_t *lines;  /* offset of the start of each line; lines[0] is line 1 */
	size_t nlines;
} source;

/* The file being read, by this thread (two threads read files at once). */
static _Thread_local source *current;

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		buf_release(&b);
		return NULL;
	}
	fclose(f);
	if (!b.s)
		buf_put(&b, "", 0);
	*len = b.len;
	return b.s;
}

/* Index the starts of the lines once, so that a location costs no scan. */
static void index_lines(source *src)
{
	size_t i, n = 1;
	for (i = 0; i < src->len; i++)
		n += src->text[i] == '\n';
	src->lines = xmalloc(n * sizeof *src->lines);
	src->lines[0] = 0;
	for (i = 0, n = 1; i < src->len; i++)
		if (src->text[i] == '\n')
			src->lines[n++] = i + 1;
	src->nlines = n;
}

/* The start of line `line` (1-based) in the current source, or NULL. */
static const char *line_start(int line)
{
	if (line < 1 || (size_t)line > current->nlines)
		return NULL;
	return current->text + current->lines[line - 1];
}

/* Find `needle` on line `line` or the lines before it (a start tag may span
 * lines; libxml2 records where it ends). Sets *col and returns the line. */
static int find_back(int line, const char *needle, int *col)
{
	int l;
	size_t nl = strlen(needle);
	for (l = line; l >= 1 && l > line - 8; l--) {
		const char *s = line_start(l), *e, *p;
		if (!s)
			continue;
		e = memchr(s, '\n', current->len - (size_t)(s - current->text));
		if (!e)
			e = current->text + current->len;
		for (p = s; p + nl <= e; p++)
			if (memcmp(p, needle, nl) == 0) {
				*col = (int)(p - s) + 1;
				return l;
			}
	}
	*col = 1;
	return line;
}

static loc node_loc(xmlNode *node, const char *attr)
{
	loc at = { current->name, 1, 1 };
	char needle[128];
	int line = (int)xmlGetLineNo(node);

	if (line <= 0)
		line = 1;
	if (attr)
		snprintf(needle, sizeof needle, "%s=", attr);
	else
		snprintf(needle, sizeof needle, "<%s", (const char *)node->name);
	at.line = find_back(line, needle, &at.col);
	if (attr && at.col == 1 && at.line == line) {
		snprintf(needle, sizeof needle, "<%s", (const char *)node->name);
		at.line = find_back(line, needle, &at.col);
	}
	return at;
}

static _Thread_local char pending[512]; /* a validity error without a place */

static void xml_error(void *ctx, xmlErrorPtr err)
{
	static _Thread_local char last[600];
	char msg[512], where[600];
	size_t n;
	int line = err->line, col = err->int2;
	const char *file = err->file ? err->file : current ? current->name : NULL;

	(void)ctx;
	if (err->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof msg, "%s", err->message ? err->message : "?");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (n = 0; msg[n]; n++) /* one line ("...\nBytes: 0xFF 0xFE") */
		if (msg[n] == '\n')
			msg[n] = ' ';
	/* libxml2's RELAX NG says no more for a missing attribute or a value
	 * outside a list: say where to look */
	if (strstr(msg, "failed to validate attributes"))
		snprintf(msg + n, sizeof msg - n, ": an attribute the schema "
			 "requires is missing, or one has a value it does not "
			 "allow (see schema.rng)");
	if (err->node && current && (line <= 0 || col <= 0)) {
		loc at = node_loc((xmlNode *)err->node, NULL);
		line = at.line;
		col = at.col;
	}
	/* The validator sometimes sums up without a place ("Element x failed
	 * to validate attributes") next to the error that has one: keep it
	 * only when nothing else is said (load_one). */
	if (current && line <= 0 && err->domain == XML_FROM_RELAXNGV) {
		if (!pending[0])
			snprintf(pending, sizeof pending, "%s", msg);
		return;
	}
	/* libxml2 repeats some errors once per level of nesting */
	snprintf(where, sizeof where, "%s:%d:%d:%s", file ? file : "", line,
		 col, msg);
	if (strcmp(where, last) == 0)
		return;
	snprintf(last, sizeof last, "%s", where);
	diag_error(file, line, col, "%s", msg);
}

/* External entities are never loaded: a catalog that asks for one is
 * refused, and no file or URL is opened on its behalf. */
static xmlParserInputPtr no_entity_loader(const char *url, const char *id,
					  xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	diag_error(current ? current->name : NULL, 0, 0,
		   "external entity '%s' refused", url ? url : "?");
	return NULL;
}

/* ---- text helpers ---- */

char *catalog_dedent(const char *s)
{
	buf b = { 0 };
	const char *p, *e;
	size_t indent = (size_t)-1;
	int first = 1;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		e--;
	for (p = strchr(s, '\n'); p && p < e; p = strchr(p + 1, '\n')) {
		size_t k = 0;
		while (p[1 + k] == ' ')
			k++;
		if (p[1 + k] != '\n' && p + 1 + k < e && k < indent)
			indent = k;
	}
	if (indent == (size_t)-1)
		indent = 0;
	for (p = s; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *end = nl ? nl : e;
		size_t k = 0;
		if (!first)
			while (k < indent && p + k < end && p[k] == ' ')
				k++;
		buf_put(&b, p + k, (size_t)(end - p - k));
		if (!nl)
			break;
		buf_putc(&b, '\n');
		p = nl + 1;
		first = 0;
	}
	if (!b.s)
		buf_put(&b, "", 0);
	return b.s;
}

/* One line: runs of white space become one space. */
static char *oneline(const char *s)
{
	buf b = { 0 };
	int space = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *s);
	}
	if (!b.s)
		buf_put(&b, "", 0);
	return b.s;
}

static char *content(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = catalog_dedent(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static char *content_line(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = oneline(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;
	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static int lookup_name(const char *const *names, size_t count, const char *s)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (names[i] && s && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* Split a space-separated attribute into a list. */
static void split_words(strlist *l, const char *s, loc at)
{
	while (s && *s) {
		size_t n;
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (n)
			strlist_add(l, xstrndup(s, n), at);
		s += n;
	}
}

static unsigned parse_phases(const char *s)
{
	strlist l = { 0 };
	loc none = { 0 };
	unsigned bits = 0;
	size_t i;

	split_words(&l, s, none);
	for (i = 0; i < l.n; i++) {
		bits |= phase_bit(l.v[i]);
		free(l.v[i]);
	}
	free(l.v);
	free(l.at);
	return bits;
}

/* ---- the parts every entry has ---- */

static void read_fix(entry *e, xmlNode *n)
{
	char *f = attr(n, "for");
	e->fixes = xrealloc(e->fixes, (e->nfixes + 1) * sizeof *e->fixes);
	e->fixes[e->nfixes].audience =
		lookup_name(audience_names, AUD__COUNT, f);
	e->fixes[e->nfixes].md = content(n);
	e->fixes[e->nfixes].at = node_loc(n, NULL);
	e->nfixes++;
	free(f);
}

static void read_verdict(entry *e, xmlNode *n)
{
	verdict *v;
	char *s;

	e->verdicts = xrealloc(e->verdicts,
			       (e->nverdicts + 1) * sizeof *e->verdicts);
	v = &e->verdicts[e->nverdicts++];
	memset(v, 0, sizeof *v);
	v->at = node_loc(n, NULL);
	s = attr(n, "class");
	v->cls = s ? s[0] - '0' : 0;
	free(s);
	s = attr(n, "value");
	v->value = lookup_name(verdict_names, VERDICT__COUNT, s);
	free(s);
	s = attr(n, "act");
	v->act = s ? lookup_name(actor_names, ACT__COUNT, s) : ACT_NONE;
	free(s);
	v->reason = -1;
	v->reason_id = attr(n, "reason");
	v->md = content(n);
}

static void read_related(entry *e, xmlNode *list)
{
	xmlNode *n;
	for (n = list->children; n; n = n->next) {
		see *s;
		char *c;
		if (!is(n, "see"))
			continue;
		e->related = xrealloc(e->related,
				      (e->nrelated + 1) * sizeof *e->related);
		s = &e->related[e->nrelated++];
		memset(s, 0, sizeof *s);
		s->ref = attr(n, "ref");
		c = attr(n, "confused");
		s->confused = c != NULL;
		free(c);
		s->why = content_line(n);
		if (!*s->why) {
			free(s->why);
			s->why = NULL;
		}
		s->target = -1;
		s->at = node_loc(n, "ref");
	}
}

static void read_references(entry *e, xmlNode *list)
{
	xmlNode *n;
	for (n = list->children; n; n = n->next) {
		reference *r;
		char *num;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		e->refs = xrealloc(e->refs, (e->nrefs + 1) * sizeof *e->refs);
		r = &e->refs[e->nrefs++];
		memset(r, 0, sizeof *r);
		if (is(n, "rfc")) {
			r->kind = REF_RFC;
			num = attr(n, "number");
			r->rfc = num ? (int)strtol(num, NULL, 10) : 0;
			free(num);
			r->section = attr(n, "section");
		} else if (is(n, "iana")) {
			r->kind = REF_IANA;
		} else if (is(n, "draft")) {
			r->kind = REF_DRAFT;
			r->name = attr(n, "name");
		} else {
			r->kind = REF_LINK;
			r->href = attr(n, "href");
			r->date = attr(n, "date");
			r->name = content_line(n);
		}
	}
}

static void read_common(entry *e, xmlNode *n)
{
	xmlNode *c;

	if (is(n, "summary")) {
		e->summary = content_line(n);
		e->summary_at = node_loc(n, NULL);
	} else if (is(n, "meaning")) {
		e->meaning = content(n);
		e->meaning_at = node_loc(n, NULL);
	} else if (is(n, "causes")) {
		for (c = n->children; c; c = c->next)
			if (is(c, "cause"))
				strlist_add(&e->causes, content(c),
					    node_loc(c, NULL));
	} else if (is(n, "fixes")) {
		for (c = n->children; c; c = c->next)
			if (is(c, "fix"))
				read_fix(e, c);
	} else if (is(n, "verdict"))
		read_verdict(e, n);
	else if (is(n, "related"))
		read_related(e, n);
	else if (is(n, "references"))
		read_references(e, n);
	else if (is(n, "note"))
		strlist_add(&e->notes, content(n), node_loc(n, NULL));
}

/* ---- kind-specific parts ---- */

static void read_reply_part(entry *e, xmlNode *n)
{
	definition *d;
	if (!is(n, "definition"))
		return;
	e->defs = xrealloc(e->defs, (e->ndefs + 1) * sizeof *e->defs);
	d = &e->defs[e->ndefs++];
	d->doc = attr(n, "doc");
	d->commands = attr(n, "commands");
	d->status = attr(n, "status");
	d->md = content(n);
	d->at = node_loc(n, NULL);
}

static void read_status_part(entry *e, xmlNode *n)
{
	if (is(n, "sample")) {
		e->sample = content_line(n);
	} else if (is(n, "variant")) {
		char *c = attr(n, "class");
		e->variants = xrealloc(e->variants, (e->nvariants + 1) *
						    sizeof *e->variants);
		e->variants[e->nvariants].cls = c ? c[0] - '0' : 0;
		e->variants[e->nvariants].md = content(n);
		e->variants[e->nvariants].at = node_loc(n, NULL);
		e->nvariants++;
		free(c);
	} else if (is(n, "classnote")) {
		e->classnote = content(n);
		e->classnote_at = node_loc(n, NULL);
	}
}

/* A response's phrase, and whether it is common (of the first
 * PHRASES_MAX: check.c refuses more). */
static void read_phrase(entry *e, xmlNode *n)
{
	char *common = attr(n, "common");
	if (common && e->phrases.n < PHRASES_MAX)
		e->common |= (uint64_t)1 << e->phrases.n;
	free(common);
	strlist_add(&e->phrases, content_line(n), node_loc(n, NULL));
}

static void read_response_part(entry *e, xmlNode *n)
{
	if (is(n, "text"))
		strlist_add(&e->texts, content_line(n), node_loc(n, NULL));
	else if (is(n, "phrase"))
		read_phrase(e, n);
}

static void read_status_attrs(entry *e, xmlNode *n)
{
	strlist l = { 0 };
	char *s;
	size_t i;

	if (code_parse_status(e->key, &e->cls, &e->subject, &e->detail) < 0)
		e->cls = e->subject = e->detail = -1;
	s = attr(n, "classes");
	split_words(&l, s, e->at);
	for (i = 0; i < l.n; i++)
		e->classes |= 1u << (l.v[i][0] - '0');
	free(s);
	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	free(l.at);
	memset(&l, 0, sizeof l);
	s = attr(n, "replies");
	split_words(&l, s, node_loc(n, "replies"));
	e->replies = xcalloc(l.n, sizeof *e->replies);
	for (i = 0; i < l.n; i++) {
		e->replies[i] = (int)strtol(l.v[i], NULL, 10);
		free(l.v[i]);
	}
	e->nreplies = l.n;
	free(l.v);
	free(l.at);
	free(s);
	s = attr(n, "deprecated");
	e->deprecated = s != NULL;
	free(s);
}

static void read_response_attrs(entry *e, xmlNode *n)
{
	char *s;
	e->provider = attr(n, "provider");
	e->provider_idx = -1;
	s = attr(n, "reply");
	e->reply = s ? (int)strtol(s, NULL, 10) : 0;
	free(s);
	e->status = attr(n, "status");
	e->status_idx = -1;
	e->code = attr(n, "code");
	s = attr(n, "bare");
	e->bare = s != NULL;
	free(s);
	e->token = attr(n, "token");
	e->seen = attr(n, "seen");
}

static void read_entry(model *m, xmlNode *n, int kind)
{
	entry *e;
	xmlNode *c;
	char *s;

	m->entries = xrealloc(m->entries, (m->nentries + 1) * sizeof *e);
	e = &m->entries[m->nentries++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->at = node_loc(n, NULL);
	e->key = attr(n, kind == KIND_REPLY || kind == KIND_STATUS ? "code"
								    : "id");
	if (!e->key)
		e->key = xstrdup("");
	e->name = attr(n, "name");
	e->status_idx = e->provider_idx = -1;
	s = attr(n, "phases");
	e->phases = parse_phases(s);
	free(s);
	if (kind == KIND_REPLY) {
		e->reply = (int)strtol(e->key, NULL, 10);
		e->origin = attr(n, "origin");
	} else if (kind == KIND_STATUS) {
		read_status_attrs(e, n);
	} else if (kind == KIND_RESPONSE) {
		read_response_attrs(e, n);
	} else {
		s = attr(n, "codes");
		split_words(&e->codes, s, node_loc(n, "codes"));
		free(s);
		s = attr(n, "fallback");
		e->fallback = parse_phases(s);
		free(s);
	}
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		read_common(e, c);
		if (kind == KIND_REPLY)
			read_reply_part(e, c);
		else if (kind == KIND_STATUS)
			read_status_part(e, c);
		else
			read_response_part(e, c);
	}
}

static void read_provider(model *m, xmlNode *n)
{
	provider *p;
	char *s;

	m->providers = xrealloc(m->providers,
				(m->nproviders + 1) * sizeof *p);
	p = &m->providers[m->nproviders++];
	memset(p, 0, sizeof *p);
	p->at = node_loc(n, NULL);
	p->id = attr(n, "id");
	p->name = attr(n, "name");
	p->type = attr(n, "type");
	p->about = content_line(n);
	s = attr(n, "domains");
	split_words(&p->domains, s, p->at);
	free(s);
	s = attr(n, "markers");
	split_words(&p->markers, s, p->at);
	free(s);
}

static void read_meta(model *m, xmlNode *root)
{
	char *v = attr(root, "version");
	loc at;
	if (!v)
		return;
	if (m->version) {
		at = node_loc(root, "version");
		diag_error(at.file, at.line, at.col,
			   "catalog version given twice");
		free(v);
		return;
	}
	m->version = v;
	m->date = attr(root, "date");
	m->registry_date = attr(root, "registry-date");
	m->site_url = attr(root, "site");
}

static void read_registry(model *m, xmlNode *reg)
{
	xmlNode *n;
	m->have_registry = 1;
	m->registry_at = node_loc(reg, NULL);
	for (n = reg->children; n; n = n->next) {
		char *num, *last;
		long s;
		if (!is(n, "subject"))
			continue;
		num = attr(n, "number");
		last = attr(n, "last");
		s = strtol(num, NULL, 10);
		if (s >= 0 && s < 10)
			m->registry_last[s] = (int)strtol(last, NULL, 10);
		free(num);
		free(last);
	}
}

static void read_doc(model *m, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *n;

	if (!m->first_root.file)
		m->first_root = node_loc(root, NULL);
	read_meta(m, root);
	for (n = root->children; n; n = n->next) {
		if (is(n, "registry"))
			read_registry(m, n);
		else if (is(n, "provider"))
			read_provider(m, n);
		else if (is(n, "reply"))
			read_entry(m, n, KIND_REPLY);
		else if (is(n, "status"))
			read_entry(m, n, KIND_STATUS);
		else if (is(n, "response"))
			read_entry(m, n, KIND_RESPONSE);
		else if (is(n, "reason"))
			read_entry(m, n, KIND_REASON);
	}
}

/* Parse and validate one file; returns the document only when valid. Its
 * diagnostics are held in said. */
static xmlDoc *load_one(source *src, xmlRelaxNGPtr schema,
			const diag_held *said)
{
	xmlDoc *doc;
	xmlRelaxNGValidCtxtPtr v;
	int before = said->count;

	/* NONET: never touch the network. No NOENT: entities are not
	 * substituted, and the loader above refuses external ones. The
	 * parser's default limits (no XML_PARSE_HUGE) stay in force. */
	doc = xmlReadMemory(src->text, (int)src->len, src->name, NULL,
			    XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (!doc) {
		if (said->count == before)
			diag_error(src->name, 1, 1, "%s",
				   src->len ? "not a well-formed XML file"
					    : "the file is empty: a catalog "
					      "file holds one <catalog> element");
		return NULL;
	}
	if (doc->intSubset || doc->extSubset) {
		xmlNode *dtd = (xmlNode *)(doc->intSubset ? doc->intSubset
							  : doc->extSubset);
		diag_error(src->name, (int)xmlGetLineNo(dtd) > 0 ?
			   (int)xmlGetLineNo(dtd) : 1, 1,
			   "document type declarations are not allowed");
		xmlFreeDoc(doc);
		return NULL;
	}
	v = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(v, xml_error, NULL);
	pending[0] = '\0';
	if (xmlRelaxNGValidateDoc(v, doc) != 0 && said->count == before) {
		loc at = node_loc(xmlDocGetRootElement(doc), NULL);
		diag_error(src->name, at.line, at.col, "%s",
			   pending[0] ? pending : "does not match the schema");
	}
	pending[0] = '\0';
	xmlRelaxNGFreeValidCtxt(v);
	if (said->count != before) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static xmlRelaxNGPtr load_schema(const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr schema;

	xmlRelaxNGSetParserStructuredErrors(pc, xml_error, NULL);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!schema)
		diag_error(path, 0, 0, "cannot load the schema");
	return schema;
}

/* One file of the catalog, read and validated ahead of its turn. */
typedef struct job {
	source src;
	xmlDoc *doc;     /* NULL when not valid */
	diag_held said;  /* what reading it said, said in its turn */
} job;

/* The files that two threads read and validate together, each taking
 * the next not taken; then the first reads them into the model in order. */
typedef struct batch {
	job *jobs;
	size_t end;
	atomic_size_t next;
	const char *schema_path;
} batch;

static void read_job(job *j, xmlRelaxNGPtr schema)
{
	diag_hold(&j->said);
	current = &j->src;
	j->src.text = read_file(j->src.name, &j->src.len);
	if (!j->src.text) {
		diag_error(j->src.name, 0, 0, "cannot read: %s",
			   "no such file or not readable");
	} else {
		index_lines(&j->src);
		j->doc = load_one(&j->src, schema, &j->said);
	}
	current = NULL;
	diag_hold(NULL);
}

static void read_jobs(batch *b, xmlRelaxNGPtr schema)
{
	size_t i;
	while ((i = atomic_fetch_add(&b->next, 1)) < b->end)
		read_job(&b->jobs[i], schema);
}

/* The second thread: a schema of its own (libxml2 does not promise that
 * one may validate in two threads at once), the same error handler. */
static void *reader(void *arg)
{
	batch *b = arg;
	xmlRelaxNGPtr schema;
	diag_held quiet = { { 0 }, 0 }; /* the first thread said it all */

	xmlSetStructuredErrorFunc(NULL, xml_error);
	diag_hold(&quiet);
	schema = load_schema(b->schema_path);
	diag_hold(NULL);
	buf_release(&quiet.text);
	if (schema) {
		read_jobs(b, schema);
		xmlRelaxNGFree(schema);
	}
	return NULL;
}

/* A file read ahead, in its turn: what reading it said, then its entries
 * into the model. 0, or -1 when it was not valid. */
static int take_job(model *m, job *j)
{
	int rc = 0;
	diag_release(&j->said);
	if (j->src.text)
		strlist_add(&m->files, xstrdup(j->src.name), (loc){ 0 });
	if (j->doc) {
		current = &j->src;
		read_doc(m, j->doc);
		current = NULL;
		xmlFreeDoc(j->doc);
	} else {
		rc = -1;
	}
	free(j->src.text);
	free(j->src.lines);
	return rc;
}

/* Files read ahead, at most this many at once (each holds its tree), in
 * a catalog of more files than that. */
enum { BATCH = 64 };

int catalog_load(model *m, const char *schema_path, char *const *files,
		 size_t n)
{
	xmlRelaxNGPtr schema;
	xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
	batch b;
	size_t i, start, size;
	int ok = 1;

	for (i = 0; i < sizeof m->registry_last / sizeof m->registry_last[0];
	     i++)
		m->registry_last[i] = -1;
	xmlInitParser(); /* before a second thread uses libxml2 */
	xmlSetStructuredErrorFunc(NULL, xml_error);
	schema = load_schema(schema_path);
	if (!schema)
		return -1;
	/* from here on, nothing is loaded but the files named */
	xmlSetExternalEntityLoader(no_entity_loader);
	b.jobs = xcalloc(n ? n : 1, sizeof *b.jobs);
	b.schema_path = schema_path;
	for (i = 0; i < n; i++)
		b.jobs[i].src.name = files[i];
	/* a second thread pays for itself only on a large catalog; a small
	 * one is read a file at a time, each freed before the next */
	size = n > BATCH ? BATCH : 1;
	for (start = 0; start < n; start = b.end) {
		pthread_t t;
		int threaded;
		b.end = start + size < n ? start + size : n;
		atomic_store(&b.next, start);
		threaded = size > 1 && pthread_create(&t, NULL, reader, &b) == 0;
		read_jobs(&b, schema);
		if (threaded)
			pthread_join(t, NULL);
		for (i = start; i < b.end; i++)
			if (take_job(m, &b.jobs[i]) < 0)
				ok = 0;
	}
	free(b.jobs);
	xmlRelaxNGFree(schema);
	xmlSetExternalEntityLoader(loader);
	return ok ? 0 : -1;
}
