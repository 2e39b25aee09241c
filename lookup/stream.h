/* stream: standard input or a pipe, read as it comes (read(2), not
 * stdio, which would wait for a full buffer), so that what is whole can be
 * worked on before the input ends: `tail -f mail.log | smtpcode scan`. */
#ifndef SMTPCODE_STREAM_H
#define SMTPCODE_STREAM_H

#include <stddef.h>

typedef struct stream {
	int fd;
	char *s;          /* what was read and not dropped, NUL-terminated */
	size_t len, cap;
	int eof;          /* 1 once the input has ended */
} stream;

/* Reads what the input has now, waiting for at least one byte or its end.
 * 0, or -1 with errno set. */
int stream_fill(stream *st);

/* Reads until s holds a whole first line (blank lines before it aside),
 * or max bytes, or the end. */
int stream_first_line(stream *st, size_t max);

/* Reads to the end. */
int stream_rest(stream *st);

/* Forgets the first n bytes of s. */
void stream_drop(stream *st, size_t n);

/* The end of what is whole in s: after its last LF, or all of it once
 * the input has ended. With crs, lone CRs (old Mac files) end lines too
 * and become LFs; a CR last in s waits for what follows it. */
size_t stream_whole(stream *st, int crs);

void stream_free(stream *st);

/* Lone CRs in s[0..n) become LFs: old Mac files end lines with CR. */
void stream_lf(char *s, size_t n);

#endif
