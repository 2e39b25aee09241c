/* phash: every hash gets a slot of its own, as the header computes it. The
 * hashes are those of gen/hashfn.h: numbers through smtpcode__num_hash,
 * strings through smtpcode__short_hash and smtpcode__long_words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "phash.h"
#include "hashfn.h"

static void check_perfect(const uint64_t *keys, size_t n)
{
	phash ph;
	size_t i, used = 0, ns;
	assert_int_equal(phash_build(&ph, keys, n), 0);
	ns = (size_t)1 << ph.sbits;
	assert_true(ns >= n);
	for (i = 0; i < n; i++) {
		uint32_t s = phash_slot(&ph, keys[i]);
		assert_true(s < ns);
		assert_int_equal(ph.slot_of[s], (int32_t)i);
	}
	for (i = 0; i < ns; i++)
		used += ph.slot_of[i] >= 0;
	assert_int_equal(used, n);
	phash_release(&ph);
}

static void test_small_sets(void **state)
{
	uint64_t one[] = { 0 }, two[] = { 0, 0 };
	(void)state;
	one[0] = two[0] = smtpcode__num_hash(550);
	two[1] = smtpcode__num_hash(551);
	check_perfect(one, 1);
	check_perfect(two, 2);
}

static void test_reply_codes(void **state)
{
	uint64_t keys[400];
	size_t i;
	(void)state;
	for (i = 0; i < 400; i++)
		keys[i] = smtpcode__num_hash((uint32_t)(200 + i));
	check_perfect(keys, 400);
}

/* Hashes as the catalog gives them: statuses X.s.d (1023 << 20 | s << 10 |
 * d), and the hashes of short strings. */
static void test_mixed_keys(void **state)
{
	uint64_t keys[3000];
	size_t i, n = 0, j = 0;
	(void)state;
	for (i = 0; i < 8; i++) {
		size_t d;
		for (d = 0; d < 200; d++)
			keys[n++] = smtpcode__num_hash((1023u << 20) |
						       (uint32_t)(i << 10) | (uint32_t)d);
	}
	while (n < 3000) {
		char s[8];
		int len = snprintf(s, sizeof s, "n%zu", j++);
		uint64_t k = smtpcode__short_hash(
			smtpcode__short_word((const unsigned char *)s, (size_t)len),
			(size_t)len);
		for (i = 0; i < n && keys[i] != k; i++)
			;
		if (i == n)
			keys[n++] = k;
	}
	check_perfect(keys, n);
}

/* A catalog a hundred times the real one has some 65,000 long keys (ids
 * and tokens): more than 28 bits of hash could tell apart, which is what
 * the tables used to read. */
static void test_large_set(void **state)
{
	size_t n = 100000, i;
	uint64_t *keys = malloc(n * sizeof *keys);
	(void)state;
	assert_non_null(keys);
	for (i = 0; i < n; i++) {
		char s[32];
		uint64_t w[3];
		int len = snprintf(s, sizeof s, "yahoo-4.7.0-tss04-c%zu", i);
		keys[i] = smtpcode__long_words((const unsigned char *)s,
					       (size_t)len, w);
	}
	check_perfect(keys, n);
	free(keys);
}

/* K1's inverse modulo 2^64, by Newton's iteration (each step doubles
 * the bits that are right; K1 is odd, so K1 is right to 3 bits). */
static uint64_t k1_inverse(void)
{
	uint64_t x = SMTPCODE__K1;
	int i;
	for (i = 0; i < 5; i++)
		x *= 2 - SMTPCODE__K1 * x;
	return x;
}

/* What smtpcode__short_hash's comment says: a short key's hash tells its
 * word (under 2^56) and length (0 to 7), so the slot compares the hash
 * alone; and no word and length hash to SMTPCODE__SHORT_EMPTY. For equal
 * hashes, w - w' = (n' - n) / K1: never a difference under 2^56. */
static void test_short_hash_tells_the_key(void **state)
{
	uint64_t inv = k1_inverse(), lim = (uint64_t)1 << 56;
	int d;
	(void)state;
	assert_true(inv * SMTPCODE__K1 == 1);
	for (d = -7; d <= 7; d++) {
		uint64_t diff = (uint64_t)(int64_t)d * inv; /* w - w' */
		if (d == 0)
			continue;
		assert_false(diff < lim || diff > (uint64_t)0 - lim);
	}
	for (d = 0; d <= 7; d++) /* the word an empty slot would need */
		assert_false((SMTPCODE__SHORT_EMPTY - (uint64_t)d) * inv < lim);
	/* and the two forms of the word agree */
	assert_true(smtpcode__short37((const unsigned char *)"5.7.606", 7) ==
		    smtpcode__short47((const unsigned char *)"5.7.606", 7));
	assert_true(smtpcode__short37((const unsigned char *)"X.1.1", 5) ==
		    smtpcode__short47((const unsigned char *)"X.1.1", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_sets),
		cmocka_unit_test(test_reply_codes),
		cmocka_unit_test(test_mixed_keys),
		cmocka_unit_test(test_large_set),
		cmocka_unit_test(test_short_hash_tells_the_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
