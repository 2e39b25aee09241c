/* stream: what is whole of an input read as it comes. Each byte read is
 * searched for line ends once, however long its line (it was searched
 * again after each read of a long line: quadratic), and a line longer than
 * line_max is cut to its first line_max bytes, said, and the rest of it
 * never kept. The input is a pipe written a piece at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "stream.h"

typedef struct pipe_stream {
	stream st;
	int w;             /* the pipe's end written to */
	size_t told[4000]; /* the lines stream_whole said it cut */
	size_t ntold;
} pipe_stream;

static void told(size_t line, void *arg)
{
	pipe_stream *p = arg;
	assert_true(p->ntold < sizeof p->told / sizeof *p->told);
	p->told[p->ntold++] = line;
}

static void open_pipe(pipe_stream *p, size_t line_max)
{
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	memset(p, 0, sizeof *p);
	stream_init(&p->st, fd[0]);
	p->st.line_max = line_max;
	p->st.cut = told;
	p->st.arg = p;
	p->w = fd[1];
}

/* Writes s into the pipe and reads it: one read, all of it. */
static void put(pipe_stream *p, const char *s, size_t n)
{
	size_t len = p->st.len;
	assert_int_equal(write(p->w, s, n), (ssize_t)n);
	assert_int_equal(stream_fill(&p->st), 0);
	assert_int_equal(p->st.len, len + n);
}

static void put_s(pipe_stream *p, const char *s)
{
	put(p, s, strlen(s));
}

static void end_pipe(pipe_stream *p)
{
	close(p->w);
	p->w = -1;
	assert_int_equal(stream_fill(&p->st), 0);
	assert_true(p->st.eof);
}

static void close_pipe(pipe_stream *p)
{
	if (p->w >= 0)
		close(p->w);
	close(p->st.fd);
	stream_free(&p->st);
}

/* What is whole is given up to its last line end, the lines counted. */
static void test_whole(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, STREAM_LINE_MAX);
	put_s(&p, "ab\ncd");
	assert_int_equal(stream_whole(&p.st, 0), 3);
	put_s(&p, "e\nf\ng");
	assert_int_equal(stream_whole(&p.st, 0), 9);
	assert_int_equal(p.st.lines, 3);
	stream_drop(&p.st, 9);
	assert_string_equal(p.st.s, "g");
	end_pipe(&p);
	assert_int_equal(stream_whole(&p.st, 0), 1); /* the last line */
	assert_int_equal(p.ntold, 0);
	close_pipe(&p);
}

/* What was searched is not searched again: an LF and a lone CR put in it
 * after its search are not found. So a line read in a thousand pieces has
 * each piece searched once. */
static void test_searched_once(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, STREAM_LINE_MAX);
	put_s(&p, "abcdef");
	assert_int_equal(stream_whole(&p.st, 1), 0);
	assert_int_equal(p.st.seen, 6);
	p.st.s[1] = '\n';
	p.st.s[3] = '\r';
	put_s(&p, "gh");
	assert_int_equal(stream_whole(&p.st, 1), 0);
	assert_int_equal(p.st.s[3], '\r');
	assert_int_equal(p.st.seen, 8);
	put_s(&p, "i\n");
	assert_int_equal(stream_whole(&p.st, 1), 10);
	assert_int_equal(p.st.lines, 1);
	close_pipe(&p);
}

/* With crs, a lone CR ends a line and becomes an LF; a CR last in what
 * was read waits: a CRLF's CR stays. */
static void test_crs(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, STREAM_LINE_MAX);
	put_s(&p, "ab\r");
	assert_int_equal(stream_whole(&p.st, 1), 0);
	put_s(&p, "\ncd\r");
	assert_int_equal(stream_whole(&p.st, 1), 4);
	put_s(&p, "e");
	assert_int_equal(stream_whole(&p.st, 1), 7);
	assert_string_equal(p.st.s, "ab\r\ncd\ne");
	assert_int_equal(p.st.lines, 2);
	close_pipe(&p);
}

/* A line that has not ended at line_max bytes is cut there: the rest is
 * dropped as it comes, up to the line's end; the next line is whole. */
static void test_cut_unended(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, 4);
	put_s(&p, "ab\nabcdefgh");
	assert_int_equal(stream_whole(&p.st, 0), 8);
	assert_string_equal(p.st.s, "ab\nabcd\n");
	assert_int_equal(p.ntold, 1);
	assert_int_equal(p.told[0], 2);
	stream_drop(&p.st, 8);
	put_s(&p, "ijklmnopq");
	assert_int_equal(stream_whole(&p.st, 0), 0);
	assert_int_equal(p.st.len, 0); /* nothing of it is kept */
	put_s(&p, "rs\nxy\nz");
	assert_int_equal(stream_whole(&p.st, 0), 3);
	assert_string_equal(p.st.s, "xy\nz");
	assert_int_equal(p.st.lines, 3);
	assert_int_equal(p.ntold, 1);
	close_pipe(&p);
}

/* Lines longer than line_max that end in one read are cut too, each
 * said; a line of line_max bytes is not. */
static void test_cut_ended(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, 4);
	put_s(&p, "abcdefg\nabcd\nhijklmn\nxy");
	assert_int_equal(stream_whole(&p.st, 0), 15);
	assert_string_equal(p.st.s, "abcd\nabcd\nhijk\nxy");
	assert_int_equal(p.ntold, 2);
	assert_int_equal(p.told[0], 1);
	assert_int_equal(p.told[1], 3);
	end_pipe(&p);
	assert_int_equal(stream_whole(&p.st, 0), 17);
	close_pipe(&p);
}

/* With crs, a cut line may end with a CR last in a read: it waits, and
 * the line after it is not lost. */
static void test_cut_cr(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, 4);
	put_s(&p, "abcdefg\r");
	assert_int_equal(stream_whole(&p.st, 1), 5);
	stream_drop(&p.st, 5);
	put_s(&p, "\nxy\r"); /* a CRLF */
	assert_int_equal(stream_whole(&p.st, 1), 0);
	put_s(&p, "z");
	assert_int_equal(stream_whole(&p.st, 1), 3);
	assert_string_equal(p.st.s, "xy\nz");
	stream_drop(&p.st, 3);
	put_s(&p, "zzzzz");
	assert_int_equal(stream_whole(&p.st, 1), 5);
	stream_drop(&p.st, 5);
	put_s(&p, "zz\r");
	assert_int_equal(stream_whole(&p.st, 1), 0);
	assert_string_equal(p.st.s, "\r"); /* it waits */
	put_s(&p, "k\n"); /* a lone CR */
	assert_int_equal(stream_whole(&p.st, 1), 2);
	assert_string_equal(p.st.s, "k\n");
	assert_int_equal(p.ntold, 2);
	assert_int_equal(p.told[0], 1);
	assert_int_equal(p.told[1], 3);
	assert_int_equal(p.st.lines, 4);
	close_pipe(&p);
}

/* The last line, cut at the input's end. */
static void test_cut_at_end(void **state)
{
	pipe_stream p;
	(void)state;
	open_pipe(&p, 4);
	put_s(&p, "a\nbcdefg");
	end_pipe(&p);
	assert_int_equal(stream_whole(&p.st, 0), 7);
	assert_string_equal(p.st.s, "a\nbcde\n");
	assert_int_equal(p.ntold, 1);
	close_pipe(&p);
}

/* A file in memory is cut where a stream would be. */
static void test_long_line(void **state)
{
	(void)state;
	assert_int_equal(stream_long_line("ab\nabcdefg\n", 11, 4), 3);
	assert_int_equal(stream_long_line("ab\nabcd\nabcd", 12, 4), 12);
	assert_int_equal(stream_long_line("\n\nabcde", 7, 4), 2);
	assert_int_equal(stream_long_line("abcde", 5, 4), 0);
	assert_int_equal(stream_long_line("", 0, 4), 0);
}

/* The text s[0..n) as a file in memory is read, line by line: its lone
 * CRs made LFs (with crs), its lines longer than max cut, the numbers of
 * those put in cuts. */
static size_t as_file(char *out, char *s, size_t n, size_t max, int crs,
		      size_t *cuts, size_t *ncuts)
{
	size_t at = 0, o = 0, line = 0;
	if (crs)
		stream_lf(s, n);
	while (at < n) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t e = nl ? (size_t)(nl - s) : n, len = e - at;
		line++;
		if (len > max)
			cuts[(*ncuts)++] = line;
		memcpy(out + o, s + at, len > max ? max : len);
		o += len > max ? max : len;
		if (nl || len > max)
			out[o++] = '\n';
		at = e + 1;
	}
	return o;
}

/* Random text of a, CR and LF, written in random pieces, read through a
 * stream: what it gives is what the file gives, the same lines said cut;
 * and stream_long_line finds the file's first cut line. */
static void test_random(void **state)
{
	enum { N = 4000, MAX = 8 };
	static const unsigned ends[] = { 3, 12, 40 }; /* 1 in n: a line end */
	char in[N], file[2 * N], got[2 * N];
	size_t cuts[N];
	unsigned seed = 12345;
	int round;
	(void)state;
	for (round = 0; round < 60; round++) {
		pipe_stream p;
		size_t i, at, nfile, ngot = 0, ncuts = 0, end;
		int crs = round % 2;
		for (i = 0; i < N; i++) {
			unsigned r;
			seed = seed * 1103515245u + 12345u;
			r = (seed >> 16) % ends[round / 2 % 3];
			in[i] = r == 0 ? '\n' : r == 1 ? '\r' : 'a';
		}
		open_pipe(&p, MAX);
		for (at = 0; at < N; at += i) {
			seed = seed * 1103515245u + 12345u;
			i = (seed >> 16) % 50 ? 1 + (seed >> 8) % 37 : 300;
			if (i > N - at)
				i = N - at;
			put(&p, in + at, i);
			end = stream_whole(&p.st, crs);
			memcpy(got + ngot, p.st.s, end);
			ngot += end;
			stream_drop(&p.st, end);
		}
		end_pipe(&p);
		end = stream_whole(&p.st, crs);
		memcpy(got + ngot, p.st.s, end);
		ngot += end;
		nfile = as_file(file, in, N, MAX, crs, cuts, &ncuts);
		assert_int_equal(ngot, nfile);
		assert_memory_equal(got, file, nfile);
		assert_int_equal(p.ntold, ncuts);
		assert_memory_equal(p.told, cuts, ncuts * sizeof *cuts);
		for (i = 0, end = 0; i < nfile; i++)
			end += file[i] == '\n';
		assert_int_equal(p.st.lines, end); /* the lines counted */
		/* in is the file's text now, its CRs made LFs */
		for (at = 0, i = 1; ncuts && i < cuts[0]; at++)
			i += in[at] == '\n';
		assert_int_equal(stream_long_line(in, N, MAX), ncuts ? at : N);
		close_pipe(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_searched_once),
		cmocka_unit_test(test_crs),
		cmocka_unit_test(test_cut_unended),
		cmocka_unit_test(test_cut_ended),
		cmocka_unit_test(test_cut_cr),
		cmocka_unit_test(test_cut_at_end),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
