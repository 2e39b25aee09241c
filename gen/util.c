#include "util.h"

#include <pthread.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("gen: error: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void buf_grow(buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	b->cap = b->cap ? b->cap : 256;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void buf_put(buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	int n;

	buf_grow(b, 64);
	for (;;) {
		size_t avail = b->cap - b->len;
		va_list copy;
		va_copy(copy, ap);
		n = vsnprintf(b->s + b->len, avail, fmt, copy);
		va_end(copy);
		if (n < 0) {
			b->s[b->len] = '\0';
			return;
		}
		if ((size_t)n < avail) {
			b->len += (size_t)n;
			return;
		}
		buf_grow(b, (size_t)n);
	}
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_release(buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void ilist_add(ilist *l, int i)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = i;
}

void ilists_free(ilist *l, size_t n)
{
	size_t i;
	for (i = 0; l && i < n; i++)
		free(l[i].v);
	free(l);
}

/* The errors said so far; the lock keeps the count and each message whole
 * when two threads of gen write (main.c). A thread that holds its
 * diagnostics (diag_hold) keeps them in its diag_held instead. */
static int errors;
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local diag_held *held;

void diag_verror(const char *file, int line, int col, const char *fmt,
		 va_list ap)
{
	buf b = { 0 };
	if (file && line > 0)
		buf_printf(&b, "gen: %s:%d:%d: error: ", file, line,
			   col > 0 ? col : 1);
	else if (file)
		buf_printf(&b, "gen: %s: error: ", file);
	else
		buf_puts(&b, "gen: error: ");
	buf_vprintf(&b, fmt, ap);
	buf_putc(&b, '\n');
	if (held) {
		buf_put(&held->text, b.s, b.len);
		held->count++;
	} else {
		pthread_mutex_lock(&diag_lock);
		errors++;
		fputs(b.s, stderr);
		pthread_mutex_unlock(&diag_lock);
	}
	buf_release(&b);
}

void diag_hold(diag_held *h)
{
	held = h;
}

/* A held diagnostic, and where it points: file, line, column. */
typedef struct said_line {
	const char *s;
	size_t len, file_len, n;
	long line, col;
} said_line;

static int by_place(const void *a, const void *b)
{
	const said_line *x = a, *y = b;
	size_t n = x->file_len < y->file_len ? x->file_len : y->file_len;
	int d = memcmp(x->s, y->s, n);
	if (!x->file_len != !y->file_len) /* no place: last */
		return x->file_len ? -1 : 1;
	if (d || x->file_len != y->file_len)
		return d ? d : x->file_len < y->file_len ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* Where "gen: FILE:LINE:COL: error: ..." points; file_len 0 without. */
static void place_of(said_line *l)
{
	const char *p = l->s + 5, *e = l->s + l->len, *q;
	l->file_len = 0, l->line = l->col = 0;
	for (q = p; q < e && memcmp(q, ": error:", 8) != 0; q++)
		;
	while (q > p && q[-1] >= '0' && q[-1] <= '9')
		q--; /* back over the column */
	if (q > p + 1 && q[-1] == ':') {
		const char *c = q;
		for (q -= 1; q > p && q[-1] >= '0' && q[-1] <= '9'; q--)
			;
		if (q > p && q[-1] == ':') {
			l->file_len = (size_t)(q - 1 - p);
			l->line = strtol(q, NULL, 10);
			l->col = strtol(c, NULL, 10);
		}
	}
	l->s = p; /* compared from the file name on */
}

void diag_release_sorted(diag_held *h)
{
	said_line *v;
	size_t n = 0, i;
	char *p = h->text.s, *e;
	if (!h->text.len) { /* nothing held: text.s may be NULL */
		diag_release(h);
		return;
	}
	e = p + h->text.len;
	v = xcalloc((size_t)h->count + 1, sizeof *v);
	while (p < e && n <= (size_t)h->count) {
		char *nl = memchr(p, '\n', (size_t)(e - p));
		v[n].s = p;
		v[n].len = nl ? (size_t)(nl - p) : (size_t)(e - p);
		v[n].n = n;
		place_of(&v[n++]);
		p = nl ? nl + 1 : e;
	}
	qsort(v, n, sizeof *v, by_place);
	pthread_mutex_lock(&diag_lock);
	errors += h->count;
	for (i = 0; i < n; i++)
		fprintf(stderr, "gen: %.*s\n", (int)(v[i].len - 5), v[i].s);
	pthread_mutex_unlock(&diag_lock);
	free(v);
	buf_release(&h->text);
	h->count = 0;
}

void diag_release(diag_held *h)
{
	pthread_mutex_lock(&diag_lock);
	errors += h->count;
	if (h->text.len)
		fputs(h->text.s, stderr);
	pthread_mutex_unlock(&diag_lock);
	buf_release(&h->text);
	h->count = 0;
}

void diag_error(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(file, line, col, fmt, ap);
	va_end(ap);
}

int diag_count(void)
{
	int n;
	pthread_mutex_lock(&diag_lock);
	n = errors;
	pthread_mutex_unlock(&diag_lock);
	return n;
}

unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

char *ascii_lower_all(char *s)
{
	char *p;
	for (p = s; *p; p++)
		*p = (char)ascii_lower((unsigned char)*p);
	return s;
}

int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x |= 0x20;
		if (y >= 'A' && y <= 'Z')
			y |= 0x20;
		if (x != y || !x)
			return x - y;
	}
}
