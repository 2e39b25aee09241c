/* lookup: smtpcode_lookup against gperf-generated lookups of the same
 * keys, over the mix that build/bench/keys writes.
 *
 *   lookup time MIX     ns per look-up, best of several runs, for the
 *                       whole mix and for each category of it
 *   lookup count MIX    runs each loop once, for callgrind: run it with
 *                       --toggle-collect=bench_run_* --dump-after=bench_run_*
 *                       and read one dump per line printed
 *
 * Our lookup gets the raw notation ("550-5.1.1"), gperf the canonical key
 * ("5.1.1"): both the lookup gperf writes by default (exact case) and the
 * one it writes with --ignore-case (smtpcode_lookup's contract for
 * letters). All are compiled in this unit with the project's flags, so
 * the compiler may inline any. Before anything is timed, every line is
 * checked: all find the same entry, or all miss. Each loop adds up what
 * it found, and the sum goes to a volatile, so no call can be dropped;
 * the empty loop reads the same keys and adds them up without looking
 * them up, to tell the loop's own cost apart. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smtpcode.h"
#include "gperf_lookup.h"

/* the gperf outputs, in this unit so that they get the same chances */
#include "gperf_lookup.c"
#undef TOTAL_KEYWORDS /* gperf's constants, defined by each output */
#undef MIN_WORD_LENGTH
#undef MAX_WORD_LENGTH
#undef MIN_HASH_VALUE
#undef MAX_HASH_VALUE
#include "gperf_lookup_ci.c"

#if defined(__GNUC__) || defined(__clang__)
#define BENCH_NOINLINE __attribute__((noinline, noclone))
#define BENCH_OPAQUE(x) __asm__ __volatile__("" : "+r"(x))
#else
#define BENCH_NOINLINE
#define BENCH_OPAQUE(x) ((void)0)
#endif

/* Look-ups per timed run of the whole mix, and runs kept (the best). */
#define RUN_LOOKUPS 2000000
#define RUNS 15
#define CAT_LOOKUPS 500000
#define CAT_RUNS 7

typedef struct key {
	const char *s;
	size_t len;
} key;

/* One set of look-ups: what ours gets, what gperf gets. */
typedef struct keyset {
	const char *name;
	key *raw, *canon;
	size_t n;
} keyset;

typedef struct mix {
	char *buf;
	keyset all;
	keyset *cats;
	size_t ncats;
} mix;

static volatile uintptr_t sink;

/* ----------------------------------------------------------- the loops */

static BENCH_NOINLINE uintptr_t bench_run_empty(const key *k, size_t n)
{
	uintptr_t sum = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		uintptr_t v = (uintptr_t)k[i].s + k[i].len;
		BENCH_OPAQUE(v);
		sum += v;
	}
	return sum;
}

static BENCH_NOINLINE uintptr_t bench_run_ours(const key *k, size_t n)
{
	uintptr_t sum = 0;
	size_t i;
	for (i = 0; i < n; i++)
		sum += (uintptr_t)smtpcode_lookup(k[i].s, k[i].len);
	return sum;
}

static BENCH_NOINLINE uintptr_t bench_run_gperf(const key *k, size_t n)
{
	uintptr_t sum = 0;
	size_t i;
	for (i = 0; i < n; i++)
		sum += (uintptr_t)bench_gperf_lookup(k[i].s, k[i].len);
	return sum;
}

static BENCH_NOINLINE uintptr_t bench_run_gperf_ci(const key *k, size_t n)
{
	uintptr_t sum = 0;
	size_t i;
	for (i = 0; i < n; i++)
		sum += (uintptr_t)bench_gperf_lookup_ci(k[i].s, k[i].len);
	return sum;
}

/* ------------------------------------------------------------ the mix */

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "lookup: out of memory\n");
		exit(1);
	}
	return p;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 20, n = 0, got;
	char *buf = NULL;
	if (!f) {
		perror(path);
		exit(1);
	}
	do {
		buf = xrealloc(buf, cap + 1);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n == cap)
			cap *= 2;
	} while (got > 0);
	if (ferror(f)) {
		perror(path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void keyset_add(keyset *ks, const char *raw, const char *canon)
{
	ks->raw = xrealloc(ks->raw, (ks->n + 1) * sizeof *ks->raw);
	ks->canon = xrealloc(ks->canon, (ks->n + 1) * sizeof *ks->canon);
	ks->raw[ks->n].s = raw;
	ks->raw[ks->n].len = strlen(raw);
	ks->canon[ks->n].s = canon;
	ks->canon[ks->n].len = strlen(canon);
	ks->n++;
}

static keyset *category(mix *m, const char *name)
{
	size_t i;
	for (i = 0; i < m->ncats; i++)
		if (strcmp(m->cats[i].name, name) == 0)
			return &m->cats[i];
	m->cats = xrealloc(m->cats, (m->ncats + 1) * sizeof *m->cats);
	memset(&m->cats[m->ncats], 0, sizeof *m->cats);
	m->cats[m->ncats].name = name;
	return &m->cats[m->ncats++];
}

/* Lines "category TAB raw TAB canonical"; the strings stay in buf. */
static void read_mix(mix *m, const char *path)
{
	size_t len;
	char *s, *end;
	memset(m, 0, sizeof *m);
	m->buf = read_file(path, &len);
	m->all.name = "all";
	for (s = m->buf, end = m->buf + len; s < end;) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *t1, *t2;
		if (!nl)
			nl = end;
		*nl = '\0';
		t1 = strchr(s, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			fprintf(stderr, "lookup: %s: bad line '%s'\n", path, s);
			exit(1);
		}
		*t1 = *t2 = '\0';
		keyset_add(&m->all, t1 + 1, t2 + 1);
		keyset_add(category(m, s), t1 + 1, t2 + 1);
		s = nl + 1;
	}
	if (m->all.n == 0) {
		fprintf(stderr, "lookup: %s: no look-ups\n", path);
		exit(1);
	}
}

static void mix_free(mix *m)
{
	size_t i;
	for (i = 0; i < m->ncats; i++)
		free(m->cats[i].raw), free(m->cats[i].canon);
	free(m->cats);
	free(m->all.raw), free(m->all.canon);
	free(m->buf);
}

/* The lookups answer alike on every line. */
static int check(const keyset *ks)
{
	size_t i, bad = 0;
	for (i = 0; i < ks->n; i++) {
		const smtpcode_entry *e =
			smtpcode_lookup(ks->raw[i].s, ks->raw[i].len);
		const struct bench_gperf_key *g =
			bench_gperf_lookup(ks->canon[i].s, ks->canon[i].len);
		const struct bench_gperf_key *gc =
			bench_gperf_lookup_ci(ks->canon[i].s, ks->canon[i].len);
		long want = g ? g->entry : -1, want_ci = gc ? gc->entry : -1;
		long got = e ? (long)smtpcode_index(e) : -1;
		if ((want != got || want_ci != got) && bad++ < 10)
			fprintf(stderr, "lookup: '%s' finds %ld, gperf's '%s' "
					"%ld (ignoring case %ld)\n", ks->raw[i].s,
				got, ks->canon[i].s, want, want_ci);
	}
	return bad == 0;
}

/* ---------------------------------------------------------- the timing */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef uintptr_t (*run_fn)(const key *, size_t);

#define NLOOPS 4

/* The best of runs, in ns per look-up; each run repeats the loop over
 * the set until it has done about `lookups` of them. The loops take
 * turns, so that a slow moment of the machine hits all of them. */
static void best_of(const keyset *ks, long lookups, int runs,
		    double best[NLOOPS])
{
	const run_fn fn[NLOOPS] = { bench_run_empty, bench_run_ours,
				    bench_run_gperf, bench_run_gperf_ci };
	long reps = lookups / (long)ks->n + 1, r;
	int run, v;
	for (v = 0; v < NLOOPS; v++)
		best[v] = 1e30;
	for (run = 0; run < runs; run++) {
		for (v = 0; v < NLOOPS; v++) {
			const key *k = v >= 2 ? ks->canon : ks->raw;
			double t0 = now(), ns;
			uintptr_t sum = 0;
			for (r = 0; r < reps; r++)
				sum += fn[v](k, ks->n);
			ns = (now() - t0) / ((double)reps * (double)ks->n);
			sink = sum;
			if (ns < best[v])
				best[v] = ns;
		}
	}
}

static void print_time(const keyset *ks, long lookups, int runs)
{
	double best[NLOOPS];
	best_of(ks, lookups, runs, best);
	printf("%s\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\n", ks->name, ks->n, best[1],
	       best[2], best[0], best[3]);
}

/* "category look-ups ours-ns gperf-ns empty-ns gperf-ci-ns", whole mix
 * first. */
static void time_all(const mix *m)
{
	size_t i;
	print_time(&m->all, RUN_LOOKUPS, RUNS);
	for (i = 0; i < m->ncats; i++)
		print_time(&m->cats[i], CAT_LOOKUPS, CAT_RUNS);
}

/* One pass of each loop, whole mix first, then each category; one line
 * per loop, in the order of callgrind's dumps. */
static void count_all(const mix *m)
{
	size_t i;
	uintptr_t sum = 0;
	for (i = 0; i <= m->ncats; i++) {
		const keyset *ks = i == 0 ? &m->all : &m->cats[i - 1];
		sum += bench_run_empty(ks->raw, ks->n);
		printf("%s\t%zu\tempty\n", ks->name, ks->n);
		sum += bench_run_ours(ks->raw, ks->n);
		printf("%s\t%zu\tours\n", ks->name, ks->n);
		sum += bench_run_gperf(ks->canon, ks->n);
		printf("%s\t%zu\tgperf\n", ks->name, ks->n);
		sum += bench_run_gperf_ci(ks->canon, ks->n);
		printf("%s\t%zu\tgperf-ci\n", ks->name, ks->n);
	}
	sink = sum;
}

int main(int argc, char **argv)
{
	mix m;
	int count;
	if (argc != 3 || (strcmp(argv[1], "time") != 0 &&
			  strcmp(argv[1], "count") != 0)) {
		fprintf(stderr, "usage: lookup time|count MIX\n");
		return 2;
	}
	count = strcmp(argv[1], "count") == 0;
	read_mix(&m, argv[2]);
	if (!check(&m.all)) {
		fprintf(stderr, "lookup: the two lookups disagree; nothing "
				"timed\n");
		mix_free(&m);
		return 1;
	}
	if (count)
		count_all(&m);
	else
		time_all(&m);
	mix_free(&m);
	return ferror(stdout) ? 1 : 0;
}
