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

static int same_log(const char *a, const rotation *ra, const char *b,
		    const rotation *rb)
{
	return ra->base == rb->base && memcmp(a, b, ra->base) == 0;
}

static int older_first(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	rotation ra = rotation_of(a), rb = rotation_of(b);
	if (ra.kind != rb.kind)
		return ra.kind < rb.kind ? -1 : 1;
	if (ra.n != rb.n) /* numbered: the higher the older */
		return (ra.n < rb.n) == (ra.kind == 0) ? 1 : -1;
	return strcmp(a, b);
}

void rotated_order(const char **names, size_t n)
{
	size_t i = 0, j;
	while (i < n) {
		rotation ri = rotation_of(names[i]);
		for (j = i + 1; j < n; j++) {
			rotation rj = rotation_of(names[j]);
			if (!same_log(names[i], &ri, names[j], &rj))
				break;
		}
		if (j - i > 1)
			qsort(names + i, j - i, sizeof *names, older_first);
		i = j;
	}
}
