#include "ltable.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hashfn.h"
#include "keys.h"
#include "phash.h"

/* Long keys up to this length are compared as their three words alone. */
#define WORDS_COVER 24

/* One table: a hash per key, the perfect hash over them, and what the
 * header calls it. */
typedef struct table {
	const char *name, *prefix; /* "smtpcode__long", "L" */
	const char *what;          /* "short key", for messages */
	uint64_t *hash;
	size_t n;
	phash ph;
	const entry **ent;         /* each key's entry, for messages */
} table;

/* A key's hash and index, to sort by hash (ties by index). */
typedef struct hashed {
	uint64_t hash;
	size_t ix;
} hashed;

static int cmp_hashed(const void *a, const void *b)
{
	const hashed *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* Two keys whose hashes agree in the top half, which is all the tables
 * read (hashfn.h), cannot have slots of their own: say which, the first
 * such pair in the order of the hashes. Sorted, so that a large catalog
 * takes n log n, not n squared. */
static int distinct_hashes(const table *t, const char *const *what)
{
	hashed *v = xmalloc((t->n + 1) * sizeof *v);
	size_t i;
	int rc = 0;
	for (i = 0; i < t->n; i++)
		v[i] = (hashed){ t->hash[i] >> 32, i };
	qsort(v, t->n, sizeof *v, cmp_hashed);
	for (i = 1; i < t->n && rc == 0; i++)
		if (v[i - 1].hash == v[i].hash) {
			const loc *at = &t->ent[v[i].ix]->at;
			/* in lower case: the short table has each case */
			char *a = ascii_lower_all(xstrdup(what[v[i - 1].ix]));
			char *b = ascii_lower_all(xstrdup(what[v[i].ix]));
			diag_error(at->file, at->line, at->col,
				   "'%s' and '%s' would share a look-up slot "
				   "(their hashes agree): rename one", a, b);
			free(a), free(b);
			rc = -1;
		}
	free(v);
	return rc;
}

/* Build the perfect hash, or say which keys collide. */
static int table_hash(table *t, const char *const *what)
{
	size_t i;
	int rc = distinct_hashes(t, what);
	if (rc == 0 && phash_build(&t->ph, t->hash, t->n) < 0) {
		diag_error(NULL, 0, 0, "no perfect hash found for %zu %ss",
			   t->n, t->what);
		rc = -1;
	}
	/* the proof the header's comment promises */
	for (i = 0; rc == 0 && i < t->n; i++)
		if (t->ph.slot_of[phash_slot(&t->ph, t->hash[i])] != (int32_t)i) {
			diag_error(NULL, 0, 0, "perfect hash broken at '%s'",
				   what[i]);
			rc = -1;
		}
	return rc;
}

/* A table's #defines: its bits of buckets and of slots, its keys. */
static void table_defines(const table *t, ltable *out)
{
	buf_printf(&out->defines, "#define SMTPCODE__%sBBITS %u\n#define "
				  "SMTPCODE__%sSBITS %u\n#define SMTPCODE__%sKEYS %zu\n",
		   t->prefix, t->ph.bbits, t->prefix, t->ph.sbits, t->prefix, t->n);
}

/* Its displacements, as an initializer's lines, moved up by shift bits. */
static void disp_list(const table *t, unsigned shift, buf *out)
{
	size_t i;
	for (i = 0; i < (size_t)1 << t->ph.bbits; i++)
		buf_printf(out, "%s%u,", i % 12 ? "" : "\n\t",
			   t->ph.disp[i] << shift);
	buf_putc(out, '\n');
}

/* The table's #defines, its slots (of type, written in slots) and its
 * displacements, moved up by shift bits for slots over 16 bytes (hashfn.h,
 * SMTPCODE__LSLOT_SHIFT). */
static void table_emit(const table *t, const char *type, unsigned shift,
		       const buf *slots, ltable *out)
{
	buf body = { 0 }, name = { 0 };
	table_defines(t, out);
	c_table(&out->decl, &out->def, type, t->name, (size_t)1 << t->ph.sbits,
		slots->s);
	disp_list(t, shift, &body);
	buf_printf(&name, "%s_disp", t->name);
	c_table(&out->decl, &out->def, "uint32_t", name.s,
		(size_t)1 << t->ph.bbits, body.s);
	buf_release(&body);
	buf_release(&name);
}

/* The short keys' table is one object, so that the look-up reaches its
 * slots, displacements and flags (whether the slot's key may follow "550
 * ") from one address. */
static void shorts_emit(const table *t, const buf *slots, const buf *plain,
			ltable *out)
{
	size_t ns = (size_t)1 << t->ph.sbits, nb = (size_t)1 << t->ph.bbits;
	table_defines(t, out);
	buf_printf(&out->defines, "typedef struct smtpcode__shorts_t {\n"
				  "\tsmtpcode__short_t slot[%zu];\n"
				  "\tuint32_t disp[%zu];\n"
				  "\tuint8_t plain[%zu];\n"
				  "} smtpcode__shorts_t;\n",
		   ns, nb, ns);
	buf_puts(&out->decl, "SMTPCODE__HIDDEN extern const smtpcode__shorts_t "
			     "smtpcode__shorts;\n");
	buf_printf(&out->def, "SMTPCODE__STORAGE const smtpcode__shorts_t "
			      "smtpcode__shorts = {\n{\n%s},\n{", slots->s);
	disp_list(t, 0, &out->def);
	buf_printf(&out->def, "},\n{%s}\n};\n\n", plain->s);
}

/* ---- numbers ---- */

static size_t add_number(const model *m, uint32_t *key, size_t *ix,
			 const char **what, size_t n, uint32_t k, size_t i)
{
	key[n] = k;
	ix[n] = i;
	what[n] = m->entries[i].key;
	return n + 1;
}

static int numbers(const model *m, ltable *out)
{
	unsigned char *own = model_own_numbers(m);
	size_t cap = m->nentries * 2 + 1, n = 0, i;
	uint32_t *key = xmalloc(cap * sizeof *key);
	size_t *ix = xmalloc(cap * sizeof *ix);
	const char **what = xmalloc(cap * sizeof *what);
	table t = { "smtpcode__num", "N", "number", NULL, 0, { 0 }, NULL };
	buf body = { 0 };
	int rc;

	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind == KIND_REPLY)
			n = add_number(m, key, ix, what, n, (uint32_t)e->reply, i);
		else if (e->kind == KIND_STATUS)
			n = add_number(m, key, ix, what, n,
				       code_key(e->cls, e->subject, e->detail), i);
		if (own[i])
			n = add_number(m, key, ix, what, n, entry_sent_key(e), i);
	}
	t.n = n;
	t.hash = xmalloc((n + 1) * sizeof *t.hash);
	t.ent = xmalloc((n + 1) * sizeof *t.ent);
	for (i = 0; i < n; i++) {
		t.hash[i] = smtpcode__num_hash(key[i]);
		t.ent[i] = &m->entries[ix[i]];
	}
	rc = table_hash(&t, what);
	if (rc == 0) {
		for (i = 0; i < (size_t)1 << t.ph.sbits; i++) {
			int32_t k = t.ph.slot_of[i];
			if (k < 0)
				buf_puts(&body, "\t{0u,0u},\n");
			else
				buf_printf(&body, "\t{%uu,%zuu}, /* %s */\n", key[k],
					   ix[k], what[k]);
		}
		table_emit(&t, "smtpcode__num_t", 0, &body, out);
	}
	phash_release(&t.ph);
	buf_release(&body);
	free(t.hash), free(t.ent), free(key), free(ix), free(what), free(own);
	return rc;
}

static void u16_table(ltable *out, const char *name, const unsigned *v,
		      size_t n)
{
	buf body = { 0 };
	size_t i;
	for (i = 0; i < n; i++)
		buf_printf(&body, "%s%u,", i % 16 ? "" : "\n\t", v[i]);
	buf_putc(&body, '\n');
	c_table(&out->decl, &out->def, "uint16_t", name, n, body.s);
	buf_release(&body);
}

/* Reply codes and the usual enhanced codes index the entries directly. */
static void direct(const model *m, ltable *out)
{
	unsigned reply[400] = { 0 }, status[1000] = { 0 };
	size_t i;
	for (i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind == KIND_REPLY && e->reply >= 200 && e->reply < 600)
			reply[e->reply - 200] = (unsigned)i + 1;
		if (e->kind == KIND_STATUS && e->cls == CODE_X &&
		    e->subject < 10 && e->detail < 100)
			status[e->subject * 100 + e->detail] = (unsigned)i + 1;
	}
	u16_table(out, "smtpcode__replyix", reply, 400);
	u16_table(out, "smtpcode__directix", status, 1000);
}

/* ---- strings ---- */

static void fold(char *s)
{
	for (; *s; s++)
		*s = (char)SMTPCODE__FOLD((uint64_t)(unsigned char)*s);
}

static void short_slot(buf *body, const lkey *k)
{
	uint64_t h = smtpcode__short_hash(
		smtpcode__short_word((const unsigned char *)k->s, k->len), k->len);
	buf_printf(body, "\t{0x%016llxull,{&smtpcode__entries[%zu]}}, /* ",
		   (unsigned long long)h, k->entry);
	c_escape(body, k->s, k->len);
	buf_puts(body, " */\n");
}

static void long_slot(buf *body, buf *strbody, const lkey *k, pool *strs)
{
	uint64_t w[3];
	uint32_t str = 0;
	smtpcode__long_words((const unsigned char *)k->s, k->len, w);
	if (k->len > WORDS_COVER) {
		char *f = xstrdup(k->s);
		fold(f);
		str = pool_add(strs, f);
		free(f);
	}
	buf_printf(body, "\t{{0x%016llxull,0x%016llxull,0x%016llxull},"
			 "%zuu*SMTPCODE__ESIZE,%zuu,%uu}, /* ",
		   (unsigned long long)w[0], (unsigned long long)w[1],
		   (unsigned long long)w[2], k->entry, k->len, k->flags);
	buf_printf(strbody, "%uu,", str);
	c_escape(body, k->s, k->len);
	buf_puts(body, " */\n");
}

/* The keys of one table: short (up to 7 bytes, each case of them from
 * keys_short) or long. */
static int strings(const model *m, const lkeys *keys, int is_long,
		   pool *strs, ltable *out)
{
	table t = { is_long ? "smtpcode__long" : "smtpcode__shorts",
		    is_long ? "L" : "S", is_long ? "long key" : "short key", NULL,
		    0, { 0 }, NULL };
	const lkey **k = xmalloc((keys->n + 1) * sizeof *k);
	const char **what = xmalloc((keys->n + 1) * sizeof *what);
	buf body = { 0 }, side = { 0 };
	size_t i;
	int rc;

	t.hash = xmalloc((keys->n + 1) * sizeof *t.hash);
	t.ent = xmalloc((keys->n + 1) * sizeof *t.ent);
	for (i = 0; i < keys->n; i++) {
		const lkey *x = &keys->v[i];
		const unsigned char *s = (const unsigned char *)x->s;
		uint64_t w[3];
		if ((x->len >= 8) != is_long)
			continue;
		k[t.n] = x;
		what[t.n] = x->s;
		t.ent[t.n] = &m->entries[x->entry];
		t.hash[t.n++] = is_long ? smtpcode__long_words(s, x->len, w)
			      : smtpcode__short_hash(smtpcode__short_word(s, x->len),
						     x->len);
	}
	rc = table_hash(&t, what);
	for (i = 0; rc == 0 && i < (size_t)1 << t.ph.sbits; i++) {
		int32_t j = t.ph.slot_of[i];
		if (i % 16 == 0)
			buf_puts(&side, "\n\t");
		if (j < 0 && is_long) {
			buf_puts(&body, "\t{{0,0,0},0,0,0},\n");
			buf_puts(&side, "0,");
		} else if (j < 0) {
			buf_printf(&body, "\t{0x%016llxull,{NULL}},\n",
				   (unsigned long long)SMTPCODE__SHORT_EMPTY);
			buf_puts(&side, "0,");
		} else if (is_long) {
			long_slot(&body, &side, k[j], strs);
		} else {
			short_slot(&body, k[j]);
			buf_printf(&side, "%d,", !!(k[j]->flags & KEY_PLAIN));
		}
	}
	buf_putc(&side, '\n');
	if (rc == 0 && is_long) {
		table_emit(&t, "smtpcode__long_t",
			   SMTPCODE__LSLOT_SHIFT - SMTPCODE__SLOT_SHIFT, &body, out);
		c_table(&out->decl, &out->def, "uint32_t", "smtpcode__long_str",
			(size_t)1 << t.ph.sbits, side.s);
	} else if (rc == 0) {
		shorts_emit(&t, &body, &side, out);
	}
	phash_release(&t.ph);
	buf_release(&body);
	buf_release(&side);
	free(t.hash), free(t.ent), free(k), free(what);
	return rc;
}

static size_t longest(const lkeys *keys)
{
	size_t i, n = 0;
	for (i = 0; i < keys->n; i++)
		if (keys->v[i].len > n)
			n = keys->v[i].len;
	return n;
}

int ltable_build(const model *m, pool *strs, ltable *out)
{
	lkeys keys;
	int rc = keys_collect(m, &keys);
	memset(out, 0, sizeof *out);
	if (rc == 0)
		rc = numbers(m, out);
	if (rc == 0) {
		lkeys shorts;
		keys_short(&keys, &shorts);
		rc = strings(m, &shorts, 0, strs, out);
		keys_release(&shorts);
	}
	if (rc == 0)
		rc = strings(m, &keys, 1, strs, out);
	if (rc == 0) {
		direct(m, out);
		buf_printf(&out->defines, "#define SMTPCODE__ESIZE "
					  "((uint32_t)sizeof(smtpcode_entry))\n"
					  "#define SMTPCODE__MAXKEY %zu\n"
					  "#define SMTPCODE__WORDS_COVER %d\n"
					  "#define SMTPCODE__ALIAS %d\n",
			   longest(&keys), WORDS_COVER, KEY_ALIAS);
	}
	keys_release(&keys);
	return rc;
}

void ltable_release(ltable *t)
{
	buf_release(&t->defines);
	buf_release(&t->decl);
	buf_release(&t->def);
}

int ltable_check(const model *m)
{
	pool strs;
	ltable t;
	int rc;
	pool_init(&strs);
	rc = ltable_build(m, &strs, &t);
	ltable_release(&t);
	pool_release(&strs);
	return rc;
}
