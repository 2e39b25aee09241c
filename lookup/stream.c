#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Room kept free for one read. */
#define STREAM_READ 65536

void stream_init(stream *st, int fd)
{
	memset(st, 0, sizeof *st);
	st->fd = fd;
	st->line_max = STREAM_LINE_MAX;
}

int stream_fill(stream *st)
{
	ssize_t n;
	if (st->cap - st->len < STREAM_READ / 2 || !st->s) {
		size_t cap = st->cap ? st->cap * 2 : STREAM_READ;
		char *t = realloc(st->s, cap + 1);
		if (!t) {
			errno = ENOMEM;
			return -1;
		}
		st->s = t;
		st->cap = cap;
	}
	do
		n = read(st->fd, st->s + st->len, st->cap - st->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	st->eof = n == 0;
	st->len += (size_t)n;
	st->s[st->len] = '\0';
	return 0;
}

int stream_first_line(stream *st, size_t max)
{
	size_t b;
	do {
		if (stream_fill(st) < 0)
			return -1;
		b = strspn(st->s, " \t\r\n"); /* blank lines before it */
	} while (!st->eof && st->len < max &&
		 !memchr(st->s + b, '\n', st->len - b) &&
		 !memchr(st->s + b, '\r', st->len - b));
	return 0;
}

int stream_rest(stream *st)
{
	while (!st->eof)
		if (stream_fill(st) < 0)
			return -1;
	return 0;
}

void stream_drop(stream *st, size_t n)
{
	memmove(st->s, st->s + n, st->len - n + 1);
	st->len -= n;
	st->seen = st->seen > n ? st->seen - n : 0;
	st->whole = st->whole > n ? st->whole - n : 0;
}

void stream_lf(char *s, size_t n)
{
	char *p = s, *e = s + n;
	while ((p = memchr(p, '\r', (size_t)(e - p))) != NULL) {
		if (p + 1 == e || p[1] != '\n')
			*p = '\n';
		p++;
	}
}

/* Takes s[from..to) out of s. */
static void forget(stream *st, size_t from, size_t to)
{
	memmove(st->s + from, st->s + to, st->len - to + 1);
	st->len -= to - from;
}

/* The line at whole is longer than line_max: its first line_max bytes are
 * kept with an LF after them (over a byte of the rest), what follows up
 * to s[to] is dropped, and the line is counted. Returns where it ends. */
static size_t cut_line(stream *st, size_t to)
{
	size_t lf = st->whole + st->line_max;
	st->s[lf] = '\n';
	forget(st, lf + 1, to);
	st->lines++;
	if (st->cut)
		st->cut(st->lines, st->arg);
	return lf + 1;
}

/* Searches what was read since the last search for line ends: with crs,
 * its lone CRs become LFs first (a CR last waits for what follows it: a
 * CRLF's LF). Each line is counted and whole moves past it; a line longer
 * than line_max is cut, and when it has not ended, the rest of it is
 * skipped as it comes. */
static void search(stream *st, int crs)
{
	size_t end = st->len, at = st->seen;
	const char *nl;
	if (crs && !st->eof && end > at && st->s[end - 1] == '\r')
		end--;
	if (crs)
		stream_lf(st->s + at, end - at);
	while ((nl = memchr(st->s + at, '\n', end - at)) != NULL) {
		size_t e = (size_t)(nl - st->s) + 1;
		if (e - 1 - st->whole > st->line_max) {
			size_t kept = cut_line(st, e);
			end -= e - kept;
			st->whole = at = kept;
			continue;
		}
		st->lines++;
		st->whole = at = e;
	}
	if (end - st->whole > st->line_max) { /* a CR that waits stays */
		size_t kept = cut_line(st, end);
		st->whole = kept;
		end = kept;
		st->skip = !st->eof;
	}
	st->seen = end;
}

/* Drops what is read of the rest of a cut line, up to its end (an LF, with
 * crs also a CR or CRLF) and with it: then the next line is read. */
static void skip_rest(stream *st, int crs)
{
	char *p = st->s + st->seen, *e = st->s + st->len, *end, *cr;
	end = memchr(p, '\n', (size_t)(e - p));
	if (crs && (cr = memchr(p, '\r', (size_t)((end ? end : e) - p))))
		end = cr;
	if (!end) {
		forget(st, st->seen, st->len);
		st->skip = !st->eof;
		return;
	}
	if (*end == '\r' && end + 1 == e && !st->eof) {
		forget(st, st->seen, (size_t)(end - st->s)); /* it waits */
		return;
	}
	if (*end == '\r' && end + 1 < e && end[1] == '\n')
		end++;
	forget(st, st->seen, (size_t)(end + 1 - st->s));
	st->skip = 0;
}

size_t stream_whole(stream *st, int crs)
{
	if (st->skip)
		skip_rest(st, crs);
	if (!st->skip)
		search(st, crs);
	return st->eof ? st->len : st->whole;
}

size_t stream_long_line(const char *s, size_t len, size_t max)
{
	size_t at = 0; /* a line starts there */
	while (len - at > max) {
		/* a line of at most max bytes ends in s[at..at+max]: the last
		 * line end there is found from its end, past the lines before
		 * it without looking at them */
		size_t p = at + max;
		while (p > at && s[p] != '\n')
			p--;
		if (s[p] != '\n')
			return at;
		at = p + 1;
	}
	return len;
}

void stream_free(stream *st)
{
	free(st->s);
	st->s = NULL;
	st->len = st->cap = 0;
}
