#include "emit_header.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ltable.h"
#include "pool.h"
#include "hashfn.h"

#define NONE8 255

typedef struct ctx {
	const model *m;
	pool pool;
	buf items, entries, replies, providers, phrases, rphrases;
	size_t nitems, nreplies, nphrases, nrphrases;
	/* the pair of each phrase's first two bytes, in table order:
	 * [0] the responses' phrases, [1] the reasons' */
	unsigned *first[2];
	size_t cap[2];
	ltable lt;
} ctx;

/* ---- items ---- */

/* The pool offsets of strings, added in the order given (not as the
 * arguments of one call, which C evaluates in no fixed order: the pool,
 * and so the header, would differ from one compiler to another). */
static void pool_offsets(pool *p, const char *const *s, size_t n,
			 uint32_t *off)
{
	size_t i;
	for (i = 0; i < n; i++)
		off[i] = pool_add(p, s[i] ? s[i] : "");
}

static void item(ctx *c, int field, int aux, int ref, const char *a,
		 const char *b, const char *d)
{
	const char *s[3];
	uint32_t off[3];
	s[0] = a, s[1] = b, s[2] = d;
	pool_offsets(&c->pool, s, 3, off);
	buf_printf(&c->items, "\t{%d,%d,%d,{%u,%u,%u}},\n", field, aux,
		   ref < 0 ? 0 : ref, off[0], off[1], off[2]);
	c->nitems++;
}

enum { F_CAUSE, F_FIX, F_VERDICT, F_RELATED, F_REFERENCE, F_NOTE,
       F_DEFINITION, F_VARIANT, F_CLASSNOTE, F_TEXT, F_PHRASE, F_CODE };

static void common_items(ctx *c, const entry *e)
{
	size_t i;
	for (i = 0; i < e->causes.n; i++)
		item(c, F_CAUSE, 0, -1, e->causes.v[i], NULL, NULL);
	for (i = 0; i < e->nfixes; i++)
		item(c, F_FIX, e->fixes[i].audience, -1, e->fixes[i].md, NULL,
		     NULL);
	for (i = 0; i < e->nverdicts; i++)
		item(c, F_VERDICT, e->verdicts[i].cls, -1, e->verdicts[i].md,
		     NULL, NULL);
	for (i = 0; i < e->nrelated; i++)
		item(c, F_RELATED, e->related[i].confused,
		     e->related[i].target, e->related[i].why, NULL, NULL);
	for (i = 0; i < e->nrefs; i++) {
		buf t = { 0 }, u = { 0 };
		reference_text(&e->refs[i], &t);
		reference_url(&e->refs[i], &u);
		item(c, F_REFERENCE, 0, -1, t.s, u.s, NULL);
		buf_release(&t);
		buf_release(&u);
	}
	for (i = 0; i < e->notes.n; i++)
		item(c, F_NOTE, 0, -1, e->notes.v[i], NULL, NULL);
}

static void kind_items(ctx *c, const entry *e)
{
	size_t i;
	for (i = 0; i < e->ndefs; i++) {
		buf doc = { 0 };
		buf_puts(&doc, e->defs[i].doc);
		if (e->defs[i].status)
			buf_printf(&doc, " (%s)", e->defs[i].status);
		item(c, F_DEFINITION, 0, -1, e->defs[i].md, doc.s,
		     e->defs[i].commands);
		buf_release(&doc);
	}
	for (i = 0; i < e->nvariants; i++)
		item(c, F_VARIANT, e->variants[i].cls, -1, e->variants[i].md,
		     NULL, NULL);
	if (e->classnote)
		item(c, F_CLASSNOTE, 0, -1, e->classnote, NULL, NULL);
	for (i = 0; i < e->texts.n; i++)
		item(c, F_TEXT, 0, -1, e->texts.v[i], NULL, NULL);
	for (i = 0; i < e->phrases.n; i++) /* check.c keeps i < 64 */
		item(c, F_PHRASE, (int)(e->common >> i & 1), -1,
		     e->phrases.v[i], NULL, NULL);
	for (i = 0; i < e->codes.n; i++)
		item(c, F_CODE, 0, -1, e->codes.v[i], NULL, NULL);
}

/* ---- entries ---- */

static size_t first_reason(const model *m)
{
	size_t i;
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_REASON)
			return i;
	return m->nentries;
}

static int origin_index(const char *o)
{
	int i;
	for (i = 1; o && i < ORIGIN__COUNT; i++)
		if (strcmp(o, origin_names[i]) == 0)
			return i;
	return 0;
}

static unsigned classes_of(const entry *e)
{
	if (e->kind == KIND_STATUS)
		return e->classes;
	if (e->reply)
		return 1u << (e->reply / 100);
	return 0;
}


/* Whether an enhanced code's own verdict speaks for class cls, as
 * smtpcode_applies() says: a success and a failure never stand for each
 * other. The other kinds have one verdict for all. */
static int serves(const entry *e, int cls)
{
	unsigned k = e->classes;
	return e->kind != KIND_STATUS || !k || (k >> cls & 1u) ||
	       (cls != 2 && (k & 0x30u));
}

/* The verdicts of e for classes 2, 4 and 5. For a class e is not used in
 * ("2.1.1", "5.1.5"), the class's own ("2.X.X"), as explain has it. */
static void emit_verdicts(ctx *c, const entry *e, size_t reason0)
{
	static const int classes[3] = { 2, 4, 5 };
	int v[3], r[3], a[3];
	size_t i;

	for (i = 0; i < 3; i++) {
		char key[8];
		const entry *by = e;
		const verdict *vd;
		int row;
		snprintf(key, sizeof key, "%d.X.X", classes[i]);
		if (!serves(e, classes[i]) &&
		    (row = model_find_entry(c->m, key)) >= 0)
			by = &c->m->entries[row];
		vd = entry_verdict(by, classes[i]);
		v[i] = vd ? vd->value : VERDICT_NONE;
		r[i] = vd && vd->reason >= 0 ? (int)(vd->reason - (int)reason0)
					     : NONE8;
		a[i] = vd ? vd->act : 0;
		/* a temporary failure never kills an address: a hard code
		 * used in class 4 (4.1.1) is soft */
		if (classes[i] == 4 && v[i] == VERDICT_HARD)
			v[i] = VERDICT_SOFT;
		if (e->kind == KIND_REASON && r[i] == NONE8)
			r[i] = (int)((size_t)(e - c->m->entries) - reason0);
	}
	buf_printf(&c->entries, "{%d,%d,%d},{%d,%d,%d},{%d,%d,%d}},\n", v[0],
		   v[1], v[2], r[0], r[1], r[2], a[0], a[1], a[2]);
}

static void emit_entry(ctx *c, const entry *e, size_t idx, size_t reason0)
{
	buf url = { 0 };
	size_t item0 = c->nitems, replies0 = c->nreplies, i;
	uint32_t code = 0, str[10];

	common_items(c, e);
	kind_items(c, e);
	for (i = 0; i < e->nreplies; i++)
		buf_printf(&c->replies, "%d,%s", e->replies[i],
			   ++c->nreplies % 16 ? "" : "\n\t");
	entry_path(e, &url);
	if (e->kind == KIND_REPLY)
		code = (uint32_t)e->reply;
	else if (e->kind == KIND_STATUS)
		code = code_key(e->cls, e->subject, e->detail);
	{
		const char *s[10];
		s[0] = e->key, s[1] = e->name, s[2] = e->summary;
		s[3] = e->meaning, s[4] = url.s, s[5] = e->sample;
		s[6] = e->token, s[7] = e->seen, s[8] = e->status;
		s[9] = e->code;
		pool_offsets(&c->pool, s, 10, str);
	}
	buf_printf(&c->entries,
		   "\t/* %zu %s */ {%uu,%uu,%uu,{%u,%u,%u,%u,%u,%u,%u,%u,%u,%u},"
		   "%zu,%zu,%d,%d,%d,%zu,%zu,%d,%u,%d,%d,",
		   idx, e->key, code, entry_sent_key(e), e->phases, str[0],
		   str[1], str[2], str[3], str[4], str[5], str[6], str[7],
		   str[8], str[9], item0,
		   c->nitems - item0, e->kind == KIND_RESPONSE ? e->reply : 0,
		   e->status_idx < 0 ? 0 : e->status_idx,
		   e->provider_idx < 0 ? 0 : e->provider_idx, replies0,
		   e->nreplies, e->kind, classes_of(e), origin_index(e->origin),
		   e->deprecated | e->bare << 1);
	emit_verdicts(c, e, reason0);
	buf_release(&url);
}

/* The first four bytes of a phrase in lower case, folded, as
 * smtpcode__text4 reads a text: the header's quick test. */
static uint32_t phrase_pre(const char *p)
{
	uint64_t w = 0;
	size_t i;
	for (i = 0; i < 4 && p[i]; i++) {
		unsigned char b = (unsigned char)p[i];
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b | 0x20);
		w |= (uint64_t)b << (8 * i);
	}
	return (uint32_t)SMTPCODE__FOLD(w);
}

/* The bytes of phrase_pre(p) before p's first blank: a text may have
 * more than a blank there (smtpcode__gap). */
static uint32_t phrase_mask(const char *p)
{
	uint32_t m = 0;
	size_t i;
	for (i = 0; i < 4 && p[i] && p[i] != ' '; i++)
		m |= 0xFFu << (8 * i);
	return m;
}

/* The phrases of responses ([0]) and reasons ([1]), each with the entry
 * it names; explain finds them through an index by their first two bytes
 * (emit_index). */
static void emit_phrases(ctx *c, const entry *e, size_t idx)
{
	size_t i, t = e->kind == KIND_RESPONSE ? 0 : 1;
	size_t *n = t == 0 ? &c->nphrases : &c->nrphrases;
	buf *out = t == 0 ? &c->phrases : &c->rphrases;
	for (i = 0; i < e->phrases.n; i++) {
		const char *p = e->phrases.v[i]; /* 3 bytes or more (check.c) */
		buf_printf(out, "\t{%u,%zu,%s,%zu,0x%08xu,0x%08xu},\n",
			   pool_add_lower(&c->pool, p), strlen(p),
			   e->common >> i & 1 ? "SMTPCODE__COMMON" : "0", idx,
			   phrase_pre(p), phrase_mask(p));
		if (*n == c->cap[t]) {
			c->cap[t] = c->cap[t] ? c->cap[t] * 2 : 256;
			c->first[t] = xrealloc(c->first[t],
					       c->cap[t] * sizeof *c->first[t]);
		}
		c->first[t][(*n)++] = smtpcode__pair((unsigned char)p[0],
						     (unsigned char)p[1]);
	}
}

/* The index of a phrase table: NAME_head[k] to NAME_head[k + 1] are the
 * places in NAME_list of the phrases whose first two bytes make the pair
 * k, in table order. */
static void emit_index(buf *decl, buf *def, const char *name,
		       const unsigned *first, size_t n)
{
	size_t *at = xcalloc(SMTPCODE__PAIRBITS + 1, sizeof *at), k, i;
	buf head = { 0 }, list = { 0 }, nm = { 0 };
	unsigned *v = xcalloc(n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++)
		at[first[i] + 1]++;
	for (k = 0; k < SMTPCODE__PAIRBITS; k++)
		at[k + 1] += at[k];
	for (k = 0; k <= SMTPCODE__PAIRBITS; k++)
		buf_printf(&head, "%s%zu,%s", k % 16 ? "" : "\t", at[k],
			   k % 16 == 15 || k == SMTPCODE__PAIRBITS ? "\n" : "");
	for (i = 0; i < n; i++) /* stable: table order within a pair */
		v[at[first[i]]++] = (unsigned)i;
	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%u,%s", i % 16 ? "" : "\t", v[i],
			   i % 16 == 15 || i + 1 == n ? "\n" : "");
	buf_printf(&nm, "%s_head", name);
	c_table(decl, def, "uint16_t", nm.s, SMTPCODE__PAIRBITS + 1, head.s);
	nm.len = 0;
	buf_printf(&nm, "%s_list", name);
	c_table(decl, def, "uint16_t", nm.s, n, list.s);
	buf_release(&head); buf_release(&list); buf_release(&nm);
	free(at);
	free(v);
}

/* ---- output ---- */

static void emit_version(const model *m, buf *o)
{
	int a = 0, b = 0, d = 0;
	sscanf(m->version, "%d.%d.%d", &a, &b, &d);
	buf_printf(o, "/* The version of this header and of its catalog. */\n"
		   "#define SMTPCODE_VERSION \"%s\"\n"
		   "#define SMTPCODE_VERSION_MAJOR %d\n"
		   "#define SMTPCODE_VERSION_MINOR %d\n"
		   "#define SMTPCODE_VERSION_PATCH %d\n"
		   "#define SMTPCODE_VERSION_NUMBER %d\n"
		   "/* When the catalog was last reviewed, and the newest IANA "
		   "registration\n * it includes. */\n"
		   "#define SMTPCODE_CATALOG_DATE \"%s\"\n"
		   "#define SMTPCODE_REGISTRY_DATE \"%s\"",
		   m->version, a, b, d, a * 10000 + b * 100 + d, m->date,
		   m->registry_date);
}

static void constant_name(buf *o, const char *key, int cls)
{
	const char *p;
	buf_puts(o, "#define SMTPCODE_");
	for (p = key; *p; p++) {
		if (p == key && cls)
			buf_putc(o, '0' + cls);
		else
			buf_putc(o, *p == '.' ? '_' : *p);
	}
}

static void emit_constants(const model *m, buf *o)
{
	size_t i;
	int cls;

	buf_printf(o, "#define SMTPCODE_X %d\n", CODE_X);
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind == KIND_REPLY)
			buf_printf(o, "#define SMTPCODE_%d %d\n", e->reply,
				   e->reply);
		if (e->kind != KIND_STATUS)
			continue;
		constant_name(o, e->key, 0);
		buf_printf(o, " SMTPCODE_STATUS(%d, %d, %d)\n", e->cls,
			   e->subject, e->detail);
		if (e->cls != CODE_X || e->detail == CODE_X)
			continue;
		for (cls = 2; cls <= 5; cls++) {
			if (!(e->classes >> cls & 1))
				continue;
			constant_name(o, e->key, cls);
			buf_printf(o, " SMTPCODE_STATUS(%d, %d, %d)\n", cls,
				   e->subject, e->detail);
		}
	}
}

static void emit_reasons(const model *m, buf *o)
{
	size_t i, n = 0;
	const char *p;

	buf_puts(o, "/* The bounce reasons: smtpcode_reason() returns the entry, "
		    "whose key is\n * the id (\"mailboxfull\"). */\n"
		    "typedef enum smtpcode_reason_id {\n");
	for (i = 0; i < m->nentries; i++) {
		if (m->entries[i].kind != KIND_REASON)
			continue;
		buf_puts(o, "\tSMTPCODE_REASON_");
		for (p = m->entries[i].key; *p; p++)
			buf_putc(o, toupper((unsigned char)*p));
		buf_printf(o, " = %zu,\n", n++);
	}
	buf_printf(o, "\tSMTPCODE_REASON__COUNT = %zu\n} smtpcode_reason_id;",
		   n);
}

static void emit_name_list(buf *o, const char *what,
			   const char *const *names, size_t n)
{
	size_t i;
	buf_printf(o, "#define SMTPCODE__N%s %zu\nstatic const char *const "
		      "smtpcode__%s_names[%zu] = {", what, n, what, n);
	for (i = 0; i < n; i++)
		buf_printf(o, "%s\"%s\"", i ? ", " : " ", names[i]);
	buf_puts(o, " };\n");
}

/* The names of the enums' values, from gen/model.c. */
static void emit_names(buf *o)
{
	buf_puts(o, "/* The names of smtpcode_verdict, smtpcode_actor, "
		    "smtpcode_kind,\n * smtpcode_audience and the origins of "
		    "reply codes, in the order of\n * their values. */\n");
	emit_name_list(o, "verdict", verdict_names, VERDICT__COUNT);
	emit_name_list(o, "actor", actor_names, ACT__COUNT);
	emit_name_list(o, "kind", kind_names, KIND__COUNT);
	emit_name_list(o, "audience", audience_names, AUD__COUNT);
	emit_name_list(o, "origin", origin_names, ORIGIN__COUNT);
}

/* The reason of a bare reply code at each step (<reason fallback=>): the
 * reason's number, or the count of reasons. */
static void emit_fallback(const model *m, buf *o)
{
	size_t i, k, n = 0, nreasons = 0;
	size_t of[32];
	for (i = 0; i < m->nentries; i++)
		nreasons += m->entries[i].kind == KIND_REASON;
	for (k = 0; phase_names[k]; k++)
		of[k] = nreasons;
	for (i = 0; i < m->nentries; i++) {
		if (m->entries[i].kind != KIND_REASON)
			continue;
		for (k = 0; phase_names[k]; k++)
			if (m->entries[i].fallback >> k & 1)
				of[k] = n;
		n++;
	}
	buf_puts(o, "\n\n/* The reason that a refusal saying no more than its "
		    "reply code is taken\n * for at the step whose bit is 1u << "
		    "i, when the reply code's own reason\n * cannot come there "
		    "(the catalog's <reason fallback=>);\n * "
		    "SMTPCODE_REASON__COUNT when none. */\nstatic inline "
		    "smtpcode_reason_id smtpcode__fallback(unsigned i)\n{\n"
		    "\tstatic const uint16_t f[] = {");
	for (k = 0; phase_names[k]; k++)
		buf_printf(o, "%s%s%zu", k ? "," : "", k % 12 ? " " : "\n\t\t",
			   of[k]);
	buf_puts(o, " };\n\treturn i < SMTPCODE_PHASE__COUNT ? "
		    "(smtpcode_reason_id)f[i]\n\t\t\t\t\t    : "
		    "SMTPCODE_REASON__COUNT;\n}");
}

static void emit_phases(const model *m, buf *o)
{
	size_t i;
	const char *p;
	for (i = 0; phase_names[i]; i++) {
		buf_puts(o, "#define SMTPCODE_PHASE_");
		for (p = phase_names[i]; *p; p++)
			buf_putc(o, toupper((unsigned char)*p));
		buf_printf(o, " (1u << %zu)\n", i);
	}
	buf_printf(o, "#define SMTPCODE_PHASE__COUNT %zu\n\n/* The name of "
		      "the phase whose bit is 1u << i (\"rcpt\" for i = 5, "
		      "the bit of\n * SMTPCODE_PHASE_RCPT), or NULL from "
		      "SMTPCODE_PHASE__COUNT on. */\nstatic inline const char "
		      "*smtpcode_phase_name"
		      "(unsigned i)\n{\n\tstatic const char *const names[] = "
		      "{", i);
	for (i = 0; phase_names[i]; i++)
		buf_printf(o, "%s\"%s\",", i % 6 ? " " : "\n\t\t", phase_names[i]);
	buf_puts(o, " NULL };\n\treturn i < SMTPCODE_PHASE__COUNT ? names[i] "
		    ": NULL;\n}");
	emit_fallback(m, o);
}

static void emit_providers(ctx *c)
{
	size_t i, j;
	for (i = 0; i < c->m->nproviders; i++) {
		const provider *p = &c->m->providers[i];
		buf d = { 0 }, mk = { 0 };
		for (j = 0; j < p->domains.n; j++)
			buf_printf(&d, "%s%s", j ? " " : "", p->domains.v[j]);
		for (j = 0; j < p->markers.n; j++)
			buf_printf(&mk, "%s%s", j ? " " : "", p->markers.v[j]);
		buf_puts(&c->providers, "\t{\"");
		c_escape(&c->providers, p->id, strlen(p->id));
		buf_puts(&c->providers, "\", \"");
		c_escape(&c->providers, p->name, strlen(p->name));
		buf_puts(&c->providers, "\", \"");
		c_escape(&c->providers, p->type, strlen(p->type));
		buf_puts(&c->providers, "\", \"");
		c_escape(&c->providers, d.s ? d.s : "", d.len);
		buf_puts(&c->providers, "\", \"");
		c_escape(&c->providers, mk.s ? mk.s : "", mk.len);
		buf_puts(&c->providers, "\"},\n");
		buf_release(&d);
		buf_release(&mk);
	}
}

static void emit_tables(ctx *c, buf *o)
{
	buf decl = { 0 }, def = { 0 }, pdecl = { 0 }, pinit = { 0 };

	pool_emit(&c->pool, &pdecl, &pinit);
	buf_printf(o, "/* The look-up tables (gen/ltable.c): perfect hashes "
		      "(gen/phash.c) of the hashes\n * in smtpcode__num_hash, "
		      "smtpcode__short_hash and smtpcode__long_words, in\n * "
		      "2^SBITS slots and 2^BBITS buckets. gen checked that every "
		      "key has a slot\n * of its own. */\n%s\n", c->lt.defines.s);
	buf_printf(o, "#define SMTPCODE__NENTRIES %zu\n#define "
		      "SMTPCODE__FIRST_REASON %zu\n#define SMTPCODE__NPROVIDERS "
		      "%zu\n#define SMTPCODE__NPHRASES %zu\n#define "
		      "SMTPCODE__NRPHRASES %zu\n\n",
		   c->m->nentries, first_reason(c->m), c->m->nproviders,
		   c->nphrases, c->nrphrases);
	buf_printf(o, "typedef struct smtpcode__pool_t {\n%s} "
		      "smtpcode__pool_t;\n\n", pdecl.s);
	buf_puts(&decl, "SMTPCODE__HIDDEN extern const smtpcode__pool_t "
			"smtpcode__pool;\n");
	buf_printf(&def, "SMTPCODE__STORAGE const smtpcode__pool_t "
			 "smtpcode__pool = {\n%s};\n\n", pinit.s);
	c_table(&decl, &def, "smtpcode_entry", "smtpcode__entries",
	      c->m->nentries, c->entries.s);
	c_table(&decl, &def, "smtpcode__item_t", "smtpcode__items", c->nitems,
	      c->items.s);
	buf_putc(&c->replies, '\n');
	c_table(&decl, &def, "uint16_t", "smtpcode__replies", c->nreplies,
	      c->replies.s);
	c_table(&decl, &def, "smtpcode_provider_info", "smtpcode__providers",
	      c->m->nproviders, c->providers.s);
	c_table(&decl, &def, "smtpcode__phrase_t", "smtpcode__phrases",
	      c->nphrases, c->phrases.s);
	c_table(&decl, &def, "smtpcode__phrase_t", "smtpcode__rphrases",
	      c->nrphrases, c->rphrases.s);
	emit_index(&decl, &def, "smtpcode__phrase", c->first[0], c->nphrases);
	emit_index(&decl, &def, "smtpcode__rphrase", c->first[1], c->nrphrases);
	buf_puts(&decl, c->lt.decl.s);
	buf_puts(&def, c->lt.def.s);
	buf_printf(o, "#if defined(SMTPCODE_SPLIT)\n%s#define "
		      "SMTPCODE__STORAGE\n#else\n#define SMTPCODE__STORAGE "
		      "static\n#endif\n\n#if !defined(SMTPCODE_SPLIT) || "
		      "defined(SMTPCODE_IMPLEMENTATION)\n%s#endif\n",
		   decl.s, def.s);
	buf_release(&decl); buf_release(&def); buf_release(&pdecl);
	buf_release(&pinit);
}

/* Paste each generated part where the template has its marker. */
static int fill(buf *out, const char *tpl, const char *const *marks,
		const buf *parts, size_t n)
{
	const char *p = tpl;
	size_t i;

	while (*p) {
		const char *m = strstr(p, "/*@@");
		if (!m) {
			buf_puts(out, p);
			break;
		}
		buf_put(out, p, (size_t)(m - p));
		for (i = 0; i < n; i++)
			if (strncmp(m + 4, marks[i], strlen(marks[i])) == 0 &&
			    strncmp(m + 4 + strlen(marks[i]), "@@*/", 4) == 0)
				break;
		if (i == n) {
			diag_error("gen/smtpcode.h.in", 0, 0,
				   "unknown marker '%.20s'", m);
			return -1;
		}
		buf_puts(out, parts[i].s ? parts[i].s : "");
		p = m + 4 + strlen(marks[i]) + 4;
	}
	return 0;
}

static void build_tables(ctx *c)
{
	size_t i, reason0 = first_reason(c->m);
	for (i = 0; i < c->m->nentries; i++) {
		emit_entry(c, &c->m->entries[i], i, reason0);
		emit_phrases(c, &c->m->entries[i], i);
	}
	emit_providers(c);
}

static void release(ctx *c)
{
	pool_release(&c->pool);
	buf_release(&c->items); buf_release(&c->entries);
	buf_release(&c->replies); buf_release(&c->providers);
	buf_release(&c->phrases); buf_release(&c->rphrases);
	free(c->first[0]); free(c->first[1]);
	ltable_release(&c->lt);
}

int emit_header(const model *m, const char *tpl, const char *hashfn,
		buf *out)
{
	static const char *const marks[] = { "BANNER", "VERSION",
		"CONSTANTS", "REASONS", "PHASES", "TABLES", "HASHFN", "NAMES" };
	buf parts[8];
	ctx c;
	size_t i;
	int rc = -1;

	memset(&c, 0, sizeof c);
	memset(parts, 0, sizeof parts);
	c.m = m;
	buf_putc(&c.replies, '\t');
	pool_init(&c.pool);
	if (ltable_build(m, &c.pool, &c.lt) < 0)
		goto fail;
	build_tables(&c);
	buf_puts(&parts[0], "/* smtpcode.h: generated by gen from the XML files in "
			    "catalog/. DO NOT EDIT. Remake it with 'make'. */");
	emit_version(m, &parts[1]);
	emit_constants(m, &parts[2]);
	emit_reasons(m, &parts[3]);
	emit_phases(m, &parts[4]);
	emit_tables(&c, &parts[5]);
	buf_puts(&parts[6], hashfn);
	emit_names(&parts[7]);
	rc = fill(out, tpl, marks, parts, 8);
fail:
	for (i = 0; i < 8; i++)
		buf_release(&parts[i]);
	release(&c);
	return rc;
}
