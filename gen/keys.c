#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashfn.h"
#include "util.h"

/* Whether the header's folding (SMTPCODE__FOLD) merges b with a byte that
 * is not b in another case ("_" with DEL): then a key with b needs the
 * byte-by-byte check. */
static int merged(unsigned char b)
{
	unsigned c;
	for (c = 0; c < 256; c++)
		if (SMTPCODE__FOLD((uint64_t)c) == SMTPCODE__FOLD((uint64_t)b) &&
		    ascii_lower((unsigned char)c) != ascii_lower(b))
			return 1;
	return 0;
}

/* A key as written. */
static lkey *push(lkeys *k, const char *s, size_t ix, unsigned flags)
{
	lkey *x;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	x = &k->v[k->n++];
	x->s = xstrdup(s);
	x->len = strlen(s);
	x->entry = ix;
	x->flags = flags;
	return x;
}

/* A key in lower case. */
static void add(lkeys *k, const char *s, size_t ix, unsigned flags)
{
	ascii_lower_all(push(k, s, ix, flags)->s);
}

/* KEY_ALIAS on the keys with a byte that the folding merges. */
static void mark_aliases(lkeys *k)
{
	unsigned char m[256];
	size_t i, j;
	for (i = 0; i < 256; i++)
		m[i] = (unsigned char)merged((unsigned char)i);
	for (i = 0; i < k->n; i++)
		for (j = 0; j < k->v[i].len; j++)
			if (m[(unsigned char)k->v[i].s[j]])
				k->v[i].flags |= KEY_ALIAS;
}

/* A code and the forms it is copied in from logs. */
static void add_code(lkeys *k, const char *code, size_t ix, unsigned flags)
{
	char v[64];
	add(k, code, ix, flags);
	snprintf(v, sizeof v, "#%s", code);
	add(k, v, ix, 0);
	snprintf(v, sizeof v, "<%s>", code);
	add(k, v, ix, 0);
	snprintf(v, sizeof v, "%s:", code);
	add(k, v, ix, 0);
}

static void part(char *out, size_t size, int v)
{
	if (v == CODE_X)
		snprintf(out, size, "x");
	else
		snprintf(out, size, "%d", v);
}

/* An enhanced code in the classes it is found in: a registered code X.s.d
 * and a subject row X.s.X in any class (2, 4, 5 or X), a class row or a
 * class's own number in its class only. */
static void add_status(lkeys *k, int c, int s, int d, size_t ix)
{
	static const char *const classes[] = { "x", "2", "4", "5" };
	char sp[8], dp[8], code[32];
	size_t i;
	part(sp, sizeof sp, s);
	part(dp, sizeof dp, d);
	if (c != CODE_X || s == CODE_X) {
		snprintf(code, sizeof code, "%d.%s.%s", c, sp, dp);
		if (c != CODE_X)
			add_code(k, code, ix, KEY_PLAIN);
		return;
	}
	for (i = 0; i < sizeof classes / sizeof *classes; i++) {
		snprintf(code, sizeof code, "%s.%s.%s", classes[i], sp, dp);
		add_code(k, code, ix, KEY_PLAIN);
	}
}

static void add_entry(lkeys *k, const entry *e, size_t i, int own)
{
	char code[16];
	if (e->kind == KIND_REPLY) {
		snprintf(code, sizeof code, "%d", e->reply);
		add_code(k, code, i, 0);
	} else if (e->kind == KIND_STATUS) {
		add_status(k, e->cls, e->subject, e->detail, i);
	} else {
		add(k, e->key, i, 0);
	}
	if (e->name)
		add(k, e->name, i, 0);
	if (e->token)
		add(k, e->token, i, 0);
	if (own) {
		uint32_t key = entry_sent_key(e);
		add_status(k, (int)(key >> 20 & 1023), (int)(key >> 10 & 1023),
			   (int)(key & 1023), i);
	}
}

static int cmp_key(const void *a, const void *b)
{
	const lkey *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	if (c)
		return c;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Sorted, each string once; two entries under one string is an error. */
static int unique(const model *m, lkeys *k)
{
	size_t i, n = 0;
	int rc = 0;
	qsort(k->v, k->n, sizeof *k->v, cmp_key);
	for (i = 0; i < k->n; i++) {
		lkey *prev = n ? &k->v[n - 1] : NULL;
		if (prev && strcmp(prev->s, k->v[i].s) == 0) {
			if (prev->entry != k->v[i].entry) {
				const entry *a = &m->entries[prev->entry];
				const entry *b = &m->entries[k->v[i].entry];
				diag_error(b->at.file, b->at.line, b->at.col,
					   "'%s' would find both '%s' and '%s'",
					   k->v[i].s, a->key, b->key);
				rc = -1;
			}
			prev->flags |= k->v[i].flags;
			free(k->v[i].s);
			continue;
		}
		k->v[n++] = k->v[i];
	}
	k->n = n;
	return rc;
}

int keys_collect(const model *m, lkeys *out)
{
	unsigned char *own = model_own_numbers(m);
	size_t i;
	memset(out, 0, sizeof *out);
	for (i = 0; i < m->nentries; i++)
		add_entry(out, &m->entries[i], i, own[i]);
	free(own);
	mark_aliases(out);
	return unique(m, out);
}

/* Each case of a short key's letters, from all lower case up. */
static void add_cases(lkeys *out, const lkey *k)
{
	char s[8];
	size_t i, nl = 0, pos[7];
	unsigned long v;
	for (i = 0; i < k->len; i++)
		if (k->s[i] >= 'a' && k->s[i] <= 'z')
			pos[nl++] = i;
	for (v = 0; v < 1ul << nl; v++) {
		memcpy(s, k->s, k->len + 1);
		for (i = 0; i < nl; i++)
			if (v >> i & 1)
				s[pos[i]] = (char)(s[pos[i]] - 'a' + 'A');
		push(out, s, k->entry, k->flags & ~(unsigned)KEY_ALIAS);
	}
}

void keys_short(const lkeys *all, lkeys *out)
{
	size_t i;
	memset(out, 0, sizeof *out);
	for (i = 0; i < all->n; i++)
		if (all->v[i].len < 8)
			add_cases(out, &all->v[i]);
}

void keys_release(lkeys *k)
{
	size_t i;
	for (i = 0; i < k->n; i++)
		free(k->v[i].s);
	free(k->v);
	memset(k, 0, sizeof *k);
}
