/* tally: scan --summary's counts by a string. The keys are the values a
 * summary counts: reason ids, verdicts, codes and recipient domains. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tally.h"

/* Counts by the given length, not up to a NUL; the most first, ties in
 * key order; the keys are copies. */
static void test_counts_and_order(void **state)
{
	tally t = { 0 };
	tally_row *r;
	char key[] = "userunknown";
	(void)state;
	assert_int_equal(tally_add(&t, "5.1.1 <x@example.org>", 5), 0);
	assert_int_equal(tally_add(&t, key, strlen(key)), 0);
	assert_int_equal(tally_add(&t, "mailboxfull", 11), 0);
	assert_int_equal(tally_add(&t, "userunknown", 11), 0);
	assert_int_equal(tally_add(&t, "5.1.1", 5), 0);
	key[0] = 'X'; /* the tally kept its own copy */
	assert_int_equal(tally_add(&t, "5.1.1", 5), 0);
	assert_int_equal(t.n, 3);
	r = tally_rows(&t);
	assert_non_null(r);
	assert_string_equal(r[0].key, "5.1.1");
	assert_int_equal(r[0].count, 3);
	assert_string_equal(r[1].key, "userunknown");
	assert_int_equal(r[1].count, 2);
	assert_string_equal(r[2].key, "mailboxfull");
	assert_int_equal(r[2].count, 1);
	free(r);
	tally_free(&t);
	assert_int_equal(t.n, 0);
}

/* Past its first 64 slots the table grows and loses no count. */
static void test_growth(void **state)
{
	tally t = { 0 };
	tally_row *r;
	char d[32];
	size_t i, total = 0;
	(void)state;
	for (i = 0; i < 1000; i++) {
		int n = snprintf(d, sizeof d, "example%zu.org", i % 500);
		assert_int_equal(tally_add(&t, d, (size_t)n), 0);
	}
	assert_int_equal(t.n, 500);
	r = tally_rows(&t);
	assert_non_null(r);
	for (i = 0; i < t.n; i++) {
		assert_int_equal(r[i].count, 2);
		total += r[i].count;
		if (i)
			assert_true(strcmp(r[i - 1].key, r[i].key) < 0);
	}
	assert_int_equal(total, 1000);
	free(r);
	tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_and_order),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
