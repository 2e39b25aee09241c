/* pool: one string pool for the generated header. Strings are stored once,
 * NUL-terminated, and named by their byte offset. */
#ifndef GEN_POOL_H
#define GEN_POOL_H

#include <stdint.h>

#include "util.h"

typedef struct pool {
	buf data;
	uint32_t *index;   /* open addressing: offset + 1, 0 when empty */
	size_t cap, count;
} pool;

void pool_init(pool *p);
uint32_t pool_add(pool *p, const char *s);
/* The same, folded to lower case (phrases and names are compared so). */
uint32_t pool_add_lower(pool *p, const char *s);
void pool_release(pool *p);

/* Write the pool as the initializer of a struct of char arrays, each short
 * enough for every C and C++ compiler (musl's strerror does the same):
 * decl receives the struct's members, init the initializer. */
void pool_emit(const pool *p, buf *decl, buf *init);

/* Declare (for SMTPCODE_SPLIT) and define a constant array of n rows. */
void c_table(buf *decl, buf *def, const char *type, const char *name,
	     size_t n, const char *body);

/* Append s as the body of a C string literal (no quotes). */
void c_escape(buf *out, const char *s, size_t n);

#endif
