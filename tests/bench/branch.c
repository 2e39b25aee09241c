/* branch: what one mispredicted branch costs on this machine, to read the
 * look-up's times by. The same loop runs over bytes that are all 0 (the
 * branch always goes one way) and over random bytes (it goes either way by
 * chance, so it is mispredicted about every second time); the difference,
 * per mispredict, is printed in ns. Best of several runs. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N (1 << 20)
#define RUNS 15

#if defined(__GNUC__) || defined(__clang__)
#define BENCH_OPAQUE(x) __asm__ __volatile__("" : "+r"(x))
#else
#define BENCH_OPAQUE(x) ((void)0)
#endif

static volatile uint64_t sink;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ns per byte, best of RUNS */
static double run(const unsigned char *a)
{
	double best = 1e30;
	int r;
	for (r = 0; r < RUNS; r++) {
		uint64_t s = 0;
		double t0 = now(), t;
		size_t i;
		for (i = 0; i < N; i++) {
			if (a[i])
				s += i * 3;
			else
				s ^= i;
			BENCH_OPAQUE(s);
		}
		sink = s;
		t = (now() - t0) / N;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	unsigned char *a = malloc(N);
	uint64_t x = 0x9E3779B97F4A7C15ull;
	double same, random;
	size_t i;
	if (!a)
		return 1;
	for (i = 0; i < N; i++)
		a[i] = 0;
	same = run(a);
	for (i = 0; i < N; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		a[i] = (unsigned char)(x >> 32 & 1);
	}
	random = run(a);
	printf("%.2f\n", (random - same) / 0.5);
	free(a);
	return 0;
}
