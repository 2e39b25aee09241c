/* util: allocation that cannot fail, growable buffers and diagnostics. */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define GEN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GEN_PRINTF(a, b)
#endif

/* xmalloc and friends report and abort on failure: generation cannot go on
 * without memory, and every caller would do the same. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated. */
typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, int c);
void buf_printf(buf *b, const char *fmt, ...) GEN_PRINTF(2, 3);
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_release(buf *b);

/* A growable list of ints (entry indices). */
typedef struct ilist {
	int *v;
	size_t n, cap;
} ilist;

void ilist_add(ilist *l, int i);
void ilists_free(ilist *l, size_t n); /* n lists and the array */

/* Compare ignoring the case of ASCII letters, as strcmp does. */
int ascii_casecmp(const char *a, const char *b);
/* An ASCII capital as its small letter; any other byte as it is. */
unsigned char ascii_lower(unsigned char c);
/* Each ASCII capital of s as its small letter, in place; returns s. */
char *ascii_lower_all(char *s);

/* Diagnostics: "gen: FILE:LINE:COL: error: message" on stderr. The count of
 * errors decides whether anything is written. */
void diag_error(const char *file, int line, int col, const char *fmt, ...)
	GEN_PRINTF(4, 5);
void diag_verror(const char *file, int line, int col, const char *fmt,
		 va_list ap);
int diag_count(void);

/* A thread that works ahead of the order in which diagnostics must be
 * said (catalog.c reads files in two threads) holds them: after
 * diag_hold(h), this thread's diagnostics go to h (h->count counts
 * them), and diag_release(h) says and counts them, in the order of the
 * releases. diag_hold(NULL) ends the hold. */
typedef struct diag_held {
	buf text;
	int count;
} diag_held;

void diag_hold(diag_held *h);
void diag_release(diag_held *h);
/* The same, in the order of the places they point to (file, line,
 * column), those without a place last. */
void diag_release_sorted(diag_held *h);

#endif
