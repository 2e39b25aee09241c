#include "rotated.h"

#include <stdlib.h>
#include <string.h>

/* What a name says of its rotation: the length of the log's own name,
 * and its age: rotations by number (mail.log.2) oldest first, then by
 * date (maillog-20261122) oldest first, then the log itself. */
typedef struct rotation {
	size_t base;
	int kind; /* 0 numbered, 1 dated, 2 the log itself */
	unsigned long long n;
} rotation;

static const char *const compressed[] = { ".gz", ".bz2", ".xz", ".zst",
					  ".lz4", ".Z" };

static int ends(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	return len >= n && memcmp(s + len - n, w, n) == 0;
}

/* The digits that end s[0..len), and where they start. */
static size_t digits(const char *s, size_t len, unsigned long long *v)
{
	size_t i = len, j;
	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && len - i < 12)
		i--;
	*v = 0;
	if (i == len || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
		return len; /* none, or too many */
	for (j = i; j < len; j++)
		*v = *v * 10 + (unsigned long long)(s[j] - '0');
	return i;
}

static rotation rotation_of(const char *name)
{
	rotation r;
	size_t len = strlen(name), i, at;
	for (i = 0; i < sizeof compressed / sizeof *compressed; i++)
		if (ends(name, len, compressed[i])) {
			len -= strlen(compressed[i]);
			break;
		}
	r.base = strlen(name), r.kind = 2, r.n = 0;
	at = digits(name, len, &r.n);
	if (at < len && at > 1 && name[at - 1] == '.' && len - at <= 4)
		r.base = at - 1, r.kind = 0;
	else if (at < len && at > 1 && name[at - 1] == '-' &&
		 (len - at == 8 || len - at == 10))
		r.base = at - 1, r.kind = 1;
	return r;
}

/* A name, what it says of its rotation, its place in the list given, and
 * the place its log's first name had there. */
typedef struct named {
	const char *s;
	rotation r;
	size_t at, first, rank;
} named;

/* The names of one log together, oldest first: numbered rotations, the
 * higher the older, then dated ones, then the log itself. */
static int by_log(const void *x, const void *y)
{
	const named *a = x, *b = y;
	size_t n = a->r.base < b->r.base ? a->r.base : b->r.base;
	int c = memcmp(a->s, b->s, n);
	if (c || a->r.base != b->r.base)
		return c ? c : a->r.base < b->r.base ? -1 : 1;
	if (a->r.kind != b->r.kind)
		return a->r.kind < b->r.kind ? -1 : 1;
	if (a->r.n != b->r.n)
		return (a->r.n < b->r.n) == (a->r.kind == 0) ? 1 : -1;
	if ((c = strcmp(a->s, b->s)) != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Each log where its first name was, its names in their order. */
static int by_place(const void *x, const void *y)
{
	const named *a = x, *b = y;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static int same_log(const named *a, const named *b)
{
	return a->r.base == b->r.base && memcmp(a->s, b->s, a->r.base) == 0;
}

void rotated_order(const char **names, size_t n)
{
	named *v = n > 1 ? malloc(n * sizeof *v) : NULL;
	size_t i, j, k;
	if (!v)
		return; /* as given */
	for (i = 0; i < n; i++) {
		v[i].s = names[i];
		v[i].r = rotation_of(names[i]);
		v[i].at = i;
	}
	qsort(v, n, sizeof *v, by_log);
	for (i = 0; i < n; i = j) {
		size_t first = v[i].at;
		for (j = i + 1; j < n && same_log(&v[i], &v[j]); j++)
			if (v[j].at < first)
				first = v[j].at;
		for (k = i; k < j; k++)
			v[k].first = first, v[k].rank = k;
	}
	qsort(v, n, sizeof *v, by_place);
	for (i = 0; i < n; i++)
		names[i] = v[i].s;
	free(v);
}
