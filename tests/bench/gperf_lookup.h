/* The gperf baselines of the lookup benchmark: gperf generates
 * bench_gperf_lookup over the canonical keys (build/bench/keys gperf), and
 * bench_gperf_lookup_ci over the same keys ignoring case. */
#ifndef BENCH_GPERF_LOOKUP_H
#define BENCH_GPERF_LOOKUP_H

#include <stddef.h>
#include <string.h>

struct bench_gperf_key {
	const char *name;
	int entry; /* the index of the entry smtpcode_lookup finds */
};

const struct bench_gperf_key *bench_gperf_lookup(const char *str,
						 size_t len);
/* The same keys with gperf --ignore-case: letters in either case. */
const struct bench_gperf_key *bench_gperf_lookup_ci(const char *str,
						    size_t len);

#endif
