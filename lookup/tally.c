/* tally: counts by a string (see tally.h). */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s, size_t len)
{
	size_t h = 2166136261u, i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static size_t slot_of(const tally *t, const char *s, size_t len)
{
	size_t i = hash(s, len) & (t->cap - 1);
	while (t->key[i] &&
	       (t->len[i] != len || memcmp(t->key[i], s, len) != 0))
		i = (i + 1) & (t->cap - 1);
	return i;
}

static int tally_grow(tally *t)
{
	tally g = { 0 };
	size_t i;
	g.cap = t->cap ? t->cap * 2 : 64;
	g.key = calloc(g.cap, sizeof *g.key);
	g.len = calloc(g.cap, sizeof *g.len);
	g.count = calloc(g.cap, sizeof *g.count);
	if (!g.key || !g.len || !g.count) {
		free(g.key), free(g.len), free(g.count);
		return -1;
	}
	for (i = 0; i < t->cap; i++)
		if (t->key[i]) {
			size_t j = slot_of(&g, t->key[i], t->len[i]);
			g.key[j] = t->key[i];
			g.len[j] = t->len[i];
			g.count[j] = t->count[i];
		}
	g.n = t->n;
	free(t->key), free(t->len), free(t->count);
	*t = g;
	return 0;
}

int tally_add(tally *t, const char *s, size_t len)
{
	size_t i;
	if ((t->n + 1) * 2 > t->cap && tally_grow(t) < 0)
		return -1;
	i = slot_of(t, s, len);
	if (!t->key[i]) {
		if (!(t->key[i] = malloc(len + 1)))
			return -1;
		memcpy(t->key[i], s, len);
		t->key[i][len] = '\0';
		t->len[i] = len;
		t->n++;
	}
	t->count[i]++;
	return 0;
}

void tally_free(tally *t)
{
	size_t i;
	for (i = 0; i < t->cap; i++)
		free(t->key[i]);
	free(t->key), free(t->len), free(t->count);
	memset(t, 0, sizeof *t);
}

/* Most first, then by key: the same order on every run. */
static int cmp_row(const void *a, const void *b)
{
	const tally_row *x = a, *y = b;
	int c;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

tally_row *tally_rows(const tally *t)
{
	tally_row *r = malloc((t->n + 1) * sizeof *r);
	size_t i, n = 0;
	if (!r)
		return NULL;
	for (i = 0; i < t->cap; i++)
		if (t->key[i]) {
			r[n].key = t->key[i];
			r[n].len = t->len[i];
			r[n++].count = t->count[i];
		}
	qsort(r, n, sizeof *r, cmp_row);
	return r;
}
