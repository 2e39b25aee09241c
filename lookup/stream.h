/* stream: standard input or a pipe, read as it comes (read(2), not
 * stdio, which would wait for a full buffer), so that what is whole can be
 * worked on before the input ends: `tail -f mail.log | smtpcode scan`. */
#ifndef SMTPCODE_STREAM_H
#define SMTPCODE_STREAM_H

#include <stddef.h>

/* The longest line kept whole: of a longer one, only its first
 * STREAM_LINE_MAX bytes are kept (stream_whole), so that a line that does
 * not end (binary data with no NUL, a log gone wrong) takes little memory.
 * No log writes lines near that long. */
#define STREAM_LINE_MAX 1048576

typedef struct stream {
	int fd;
	char *s;          /* what was read and not dropped, NUL-terminated */
	size_t len, cap;
	int eof;          /* 1 once the input has ended */
	size_t line_max;  /* the longest line kept whole (STREAM_LINE_MAX) */
	size_t lines;     /* the line ends stream_whole found: the number
	                     of the last whole line */
	/* told the number of each line that stream_whole cuts, if set */
	void (*cut)(size_t line, void *arg);
	void *arg;
	/* stream_whole's, so that each byte is looked at once: */
	size_t seen;      /* s[0..seen) was searched for line ends (and its
	                     lone CRs are LFs) */
	size_t whole;     /* after the last line end in s[0..seen) */
	int skip;         /* 1 while the rest of a cut line is dropped */
} stream;

/* A stream of the input fd, nothing read yet: its lines are cut to
 * STREAM_LINE_MAX bytes, and no one is told until cut is set. */
void stream_init(stream *st, int fd);

/* Reads what the input has now, waiting for at least one byte or its end.
 * 0, or -1 with errno set. */
int stream_fill(stream *st);

/* Reads until s holds a whole first line (blank lines before it aside),
 * or max bytes, or the end. */
int stream_first_line(stream *st, size_t max);

/* Reads to the end. */
int stream_rest(stream *st);

/* Forgets the first n bytes of s: n at most what stream_whole returned. */
void stream_drop(stream *st, size_t n);

/* The end of what is whole in s: after its last LF, or all of it once
 * the input has ended. With crs, lone CRs (old Mac files) end lines too
 * and become LFs; a CR last in s waits for what follows it. Only what was
 * read since the last call is searched. A line longer than line_max is
 * cut: its first line_max bytes are kept, with an LF after them, the rest
 * of it is dropped (as it is read, when it has not ended yet), and cut is
 * told its number. */
size_t stream_whole(stream *st, int crs);

void stream_free(stream *st);

/* Lone CRs in s[0..n) become LFs: old Mac files end lines with CR. */
void stream_lf(char *s, size_t n);

/* Where the first line of s[0..len) longer than max bytes starts, or len
 * when none is: a file in memory is cut where a stream would be. Looks at
 * few bytes of lines shorter than max, most of them not at all. */
size_t stream_long_line(const char *s, size_t len, size_t max);

#endif
