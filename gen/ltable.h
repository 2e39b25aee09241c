/* ltable: the look-up tables of smtpcode.h, each a perfect hash (phash.c)
 * over the hashes of hashfn.h:
 *   - numbers: reply codes and SMTPCODE_STATUS() keys, for smtpcode_reply
 *     and smtpcode_status, and two direct tables for the usual codes;
 *   - short keys (1 to 7 bytes) and long keys (8 bytes or more): every
 *     string smtpcode_lookup finds as written (keys.c). */
#ifndef GEN_LTABLE_H
#define GEN_LTABLE_H

#include "model.h"
#include "pool.h"
#include "util.h"

typedef struct ltable {
	buf defines;   /* the tables' #define lines and types */
	buf decl, def; /* the tables, as c_table() writes them */
} ltable;

/* Build the tables of m; long keys go to pool. Returns 0, or -1 after
 * reporting why. */
int ltable_build(const model *m, pool *strs, ltable *out);
void ltable_release(ltable *t);

/* Build them and throw them away, for gen --check: the checks only the
 * tables make (two keys that would share a slot, keys.c's string that
 * would find two entries). Returns 0, or -1 after reporting why. */
int ltable_check(const model *m);

#endif
