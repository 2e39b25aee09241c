#include "phash.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "hashfn.h"

typedef struct bucket {
	uint32_t id;
	size_t *keys;
	size_t n;
} bucket;

/* Largest buckets first, as hash-and-displace needs; ties by bucket id so
 * that the order never depends on qsort. */
static int cmp_bucket(const void *a, const void *b)
{
	const bucket *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

uint32_t phash_slot(const phash *ph, uint64_t key)
{
	uint32_t b = smtpcode__bucket(key, ph->bbits);
	return smtpcode__slot(key, ph->disp[b], ph->sbits);
}

/* Find a displacement that puts every key of bk in a free slot. */
static int place(phash *ph, const bucket *bk, const uint64_t *keys)
{
	uint32_t d, *slots = xmalloc(bk->n * sizeof *slots);
	size_t i, j;

	/* the displacements that differ in the slot's bits */
	for (d = 0; d < 1u << ph->sbits; d++) {
		for (i = 0; i < bk->n; i++) {
			slots[i] = smtpcode__slot(keys[bk->keys[i]],
						  d << SMTPCODE__SLOT_SHIFT,
						  ph->sbits);
			if (ph->slot_of[slots[i]] >= 0)
				break;
			for (j = 0; j < i && slots[j] != slots[i]; j++)
				;
			if (j < i)
				break;
		}
		if (i == bk->n)
			break;
	}
	if (d == 1u << ph->sbits) {
		free(slots);
		return -1;
	}
	ph->disp[bk->id] = d << SMTPCODE__SLOT_SHIFT;
	for (i = 0; i < bk->n; i++)
		ph->slot_of[slots[i]] = (int32_t)bk->keys[i];
	free(slots);
	return 0;
}

static int try_build(phash *ph, const uint64_t *keys, size_t n)
{
	size_t nb = (size_t)1 << ph->bbits, ns = (size_t)1 << ph->sbits, i;
	bucket *bk = xcalloc(nb, sizeof *bk);
	int rc = 0;

	ph->disp = xcalloc(nb, sizeof *ph->disp);
	ph->slot_of = xmalloc(ns * sizeof *ph->slot_of);
	for (i = 0; i < ns; i++)
		ph->slot_of[i] = -1;
	for (i = 0; i < nb; i++)
		bk[i].id = (uint32_t)i;
	for (i = 0; i < n; i++) {
		bucket *b = &bk[smtpcode__bucket(keys[i], ph->bbits)];
		b->keys = xrealloc(b->keys, (b->n + 1) * sizeof *b->keys);
		b->keys[b->n++] = i;
	}
	qsort(bk, nb, sizeof *bk, cmp_bucket);
	ph->max_bucket = (unsigned)bk[0].n;
	for (i = 0; i < nb && bk[i].n && rc == 0; i++)
		rc = place(ph, &bk[i], keys);
	for (i = 0; i < nb; i++)
		free(bk[i].keys);
	free(bk);
	return rc;
}

int phash_build(phash *ph, const uint64_t *keys, size_t n)
{
	unsigned bits = 1;

	memset(ph, 0, sizeof *ph);
	ph->nkeys = n;
	while (((size_t)1 << bits) < n + n / 8)
		bits++;
	/* Slots: load at most 8/9. Buckets: about four keys each. Grow the
	 * table if a bucket cannot be placed. */
	for (ph->sbits = bits; ph->sbits < bits + 4; ph->sbits++) {
		ph->bbits = ph->sbits > 3 ? ph->sbits - 2 : 1;
		/* hashfn.h: at most 2^28 slots (32 bits from bit 28, less
		 * SMTPCODE__SLOT_SHIFT). The slot's bits and the bucket's
		 * overlap from 2^18 slots on: keys are then told apart by
		 * fewer bits, and a table may need to grow. */
		if (ph->sbits + SMTPCODE__SLOT_SHIFT > 32)
			break;
		if (try_build(ph, keys, n) == 0)
			return 0;
		phash_release(ph);
		ph->nkeys = n;
	}
	return -1;
}

void phash_release(phash *ph)
{
	free(ph->disp);
	free(ph->slot_of);
	ph->disp = NULL;
	ph->slot_of = NULL;
}
