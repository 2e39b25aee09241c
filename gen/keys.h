/* keys: every string that smtpcode_lookup finds as written, with the entry
 * it finds. The header's look-up tables are built from this list alone, and
 * smtpcode_lookup answers any other notation ("  550   5.1.1 ", "(5.1.1)")
 * by trimming and parsing it down to one of these. */
#ifndef GEN_KEYS_H
#define GEN_KEYS_H

#include <stddef.h>

#include "model.h"

/* Flags of a key: the header gets KEY_PLAIN as smtpcode__shorts.plain,
 * KEY_ALIAS as SMTPCODE__ALIAS. */
enum {
	KEY_PLAIN = 1, /* an enhanced code as such: may follow "550 " */
	KEY_ALIAS = 2  /* has a byte that the header's case folding merges
			  with another ("_" with DEL) */
};

typedef struct lkey {
	char *s;        /* in lower case; keys_short: in each case */
	size_t len;
	size_t entry;
	unsigned flags;
} lkey;

typedef struct lkeys {
	lkey *v;        /* sorted by s */
	size_t n, cap;
} lkeys;

/* Collect the keys of the model: each entry's key, name and token; every
 * enhanced code in each class ("5.1.1" and "x.1.1" for X.1.1); the numbers
 * providers send of their own; and the decorated forms of each code that
 * logs show ("#5.1.1", "<5.1.1>", "5.1.1:"). Returns 0, or -1 after
 * reporting a string that would find two entries. */
int keys_collect(const model *m, lkeys *out);
/* The short keys (up to 7 bytes) of ALL, each in every case of its
 * letters ("x.1.1", "X.1.1"), for the table the header reads byte for
 * byte; without KEY_ALIAS, which only the folded long keys need. */
void keys_short(const lkeys *all, lkeys *out);
void keys_release(lkeys *k);

#endif
