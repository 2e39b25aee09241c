/* tally: counts by a string, for scan --summary: an open-addressing hash
 * of copied keys, and the counts in a stable order. */
#ifndef SMTPCODE_TALLY_H
#define SMTPCODE_TALLY_H

#include <stddef.h>

typedef struct tally {
	char **key;    /* copies, each with a NUL after it (and maybe in it) */
	size_t *len;   /* their lengths */
	size_t *count;
	size_t n, cap; /* cap: a power of two, or 0 */
} tally;

typedef struct tally_row {
	const char *key;
	size_t len;
	size_t count;
} tally_row;

/* Adds one to the count of the len bytes at s; -1 when out of memory. A
 * tally starts as { 0 }. */
int tally_add(tally *t, const char *s, size_t len);

/* The counts, most first, then by key (the same order on every run), in
 * memory the caller frees; NULL when out of memory. */
tally_row *tally_rows(const tally *t);

void tally_free(tally *t);

#endif
