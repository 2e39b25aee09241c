/* phash: build a perfect hash over 64-bit hashes (hash and displace, see
 * hashfn.h; the caller hashes its keys first): every hash gets its own
 * slot, one probe finds it. */
#ifndef GEN_PHASH_H
#define GEN_PHASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct phash {
	unsigned bbits, sbits;  /* 2^bbits buckets, 2^sbits slots */
	uint32_t *disp;         /* one per bucket */
	int32_t *slot_of;       /* key index per slot, -1 when empty */
	size_t nkeys;
	unsigned max_bucket;    /* largest bucket, for the record */
} phash;

/* Build a hash over keys[0..n), hashes that must be distinct. Returns 0, or -1
 * when no displacement set was found (then report and stop). */
int phash_build(phash *ph, const uint64_t *keys, size_t n);
void phash_release(phash *ph);

/* The slot of key, as the header computes it. */
uint32_t phash_slot(const phash *ph, uint64_t key);

#endif
