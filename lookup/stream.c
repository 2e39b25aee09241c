#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Room kept free for one read. */
#define STREAM_READ 65536

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
		b = strspn(st->s, "\r\n"); /* blank lines before it */
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

size_t stream_whole(stream *st, int crs)
{
	size_t end = st->len;
	if (crs) {
		if (!st->eof && end && st->s[end - 1] == '\r')
			end--;
		stream_lf(st->s, end);
	}
	while (!st->eof && end && st->s[end - 1] != '\n')
		end--;
	return end;
}

void stream_free(stream *st)
{
	free(st->s);
	st->s = NULL;
	st->len = st->cap = 0;
}
