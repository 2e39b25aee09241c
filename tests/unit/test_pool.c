/* pool: strings stored once, escaped for C, cut into members that every
 * compiler accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pool.h"

static void test_dedupe(void **state)
{
	pool p;
	uint32_t a, b, c;
	(void)state;
	pool_init(&p);
	assert_int_equal(pool_add(&p, ""), 0);
	a = pool_add(&p, "hello");
	b = pool_add(&p, "world");
	c = pool_add(&p, "hello");
	assert_int_equal(a, c);
	assert_int_not_equal(a, b);
	assert_string_equal(p.data.s + b, "world");
	assert_int_equal(pool_add_lower(&p, "HeLLo"), a);
	pool_release(&p);
}

static void test_many(void **state)
{
	pool p;
	char s[32];
	uint32_t off[5000];
	int i;
	(void)state;
	pool_init(&p);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "string %d", i);
		off[i] = pool_add(&p, s);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "string %d", i);
		assert_string_equal(p.data.s + off[i], s);
		assert_int_equal(pool_add(&p, s), off[i]);
	}
	pool_release(&p);
}

static void expect_escape(const char *in, const char *want)
{
	buf b = { 0 };
	c_escape(&b, in, strlen(in));
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_escape(void **state)
{
	(void)state;
	expect_escape("plain", "plain");
	expect_escape("a\"b\\c", "a\\\"b\\\\c");
	expect_escape("line\nnext", "line\\nnext");
	expect_escape("tab\there", "tab\\011here");
	expect_escape("caf\xc3\xa9", "caf\\303\\251");
	expect_escape("what?\?!", "what?\\?!"); /* no trigraph */
}

/* Members hold whole strings and stay under C99's 4095 characters; a
 * longer string becomes a character list. */
static void test_emit_chunks(void **state)
{
	pool p;
	buf decl = { 0 }, init = { 0 };
	char big[5000];
	const char *d;
	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	pool_init(&p);
	pool_add(&p, "short");
	pool_add(&p, big);
	pool_emit(&p, &decl, &init);
	for (d = decl.s; (d = strstr(d, "char s")) != NULL; d++) {
		unsigned long n = strtoul(strchr(d, '[') + 1, NULL, 10);
		assert_true(n > 0);
		assert_true(n <= 4000 || n == sizeof big);
	}
	assert_non_null(strstr(init.s, "\"short\""));
	assert_non_null(strstr(init.s, "120,120,120"));
	buf_release(&decl);
	buf_release(&init);
	pool_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedupe),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_emit_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
