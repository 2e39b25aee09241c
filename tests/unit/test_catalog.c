/* catalog and check: the minimal catalog of tests/data/min loads, sorts
 * into the documented order and resolves its references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalog.h"
#include "check.h"
#include "util.h"

static char f_meta[] = "tests/data/min/meta.xml",
	    f_reasons[] = "tests/data/min/reasons.xml",
	    f_reply[] = "tests/data/min/reply.xml",
	    f_response[] = "tests/data/min/response.xml",
	    f_status[] = "tests/data/min/status.xml";
static char *files[] = { f_meta, f_reasons, f_reply, f_response, f_status };

static void test_dedent(void **state)
{
	char *s;
	(void)state;
	s = catalog_dedent("\n   First line\n      second\n      third\n   ");
	assert_string_equal(s, "First line\nsecond\nthird");
	free(s);
	s = catalog_dedent("A list:\n\n    - one\n    - two\n");
	assert_string_equal(s, "A list:\n\n- one\n- two");
	free(s);
	s = catalog_dedent("   ");
	assert_string_equal(s, "");
	free(s);
}

static void test_load_and_order(void **state)
{
	static const char *const order[] = { "450", "550", "2.X.X", "4.X.X",
		"5.X.X", "X.1.X", "X.1.0", "X.1.1", "example-5.1.1-nouser",
		"userunknown", "onhold" };
	model m;
	size_t i;
	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(catalog_load(&m, "catalog/schema.rng", files, 5), 0);
	assert_int_equal(check_model(&m), 0);
	assert_int_equal(diag_count(), 0);
	assert_string_equal(m.version, "1.2.3");
	assert_string_equal(m.site_url, "https://example.org/");
	assert_int_equal(m.nentries, sizeof order / sizeof *order);
	for (i = 0; i < m.nentries; i++)
		assert_string_equal(m.entries[i].key, order[i]);
	for (i = 0; i + 1 < m.nentries; i++)
		assert_true(check_compare(&m.entries[i], &m.entries[i + 1]) < 0);
	model_release(&m);
}

static void test_fields(void **state)
{
	model m;
	const entry *e;
	int i;
	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(catalog_load(&m, "catalog/schema.rng", files, 5), 0);
	assert_int_equal(check_model(&m), 0);
	i = model_find_entry(&m, "X.1.1");
	assert_true(i >= 0);
	e = &m.entries[i];
	assert_int_equal(e->kind, KIND_STATUS);
	assert_int_equal(e->cls, CODE_X);
	assert_int_equal(e->subject, 1);
	assert_int_equal(e->detail, 1);
	assert_int_equal(e->classes, 1u << 5);
	assert_int_equal(e->nreplies, 2);
	assert_int_equal(e->replies[0], 451);
	assert_int_equal(e->causes.n, 2);
	assert_string_equal(e->related[0].ref, "550");
	assert_string_equal(m.entries[e->related[0].target].key, "550");
	assert_string_equal(m.entries[e->verdicts[0].reason].key, "userunknown");
	i = model_find_entry(&m, "example-5.1.1-nouser");
	e = &m.entries[i];
	assert_string_equal(m.entries[e->status_idx].key, "X.1.1");
	assert_string_equal(m.providers[e->provider_idx].id, "example");
	assert_string_equal(e->phrases.v[0], "No such mailbox here");
	assert_string_equal(e->token, "EX001");
	model_release(&m);
}

static void test_code_parse(void **state)
{
	int c, s, d;
	(void)state;
	assert_int_equal(code_parse_status("X.7.26", &c, &s, &d), 0);
	assert_int_equal(c, CODE_X);
	assert_int_equal(s, 7);
	assert_int_equal(d, 26);
	assert_int_equal(code_parse_status("5.X.X", &c, &s, &d), 0);
	assert_int_equal(s, CODE_X);
	assert_int_equal(code_parse_status("5.01.1", &c, &s, &d), -1);
	assert_int_equal(code_parse_status("6.1.1", &c, &s, &d), -1);
	assert_int_equal(code_parse_status("5.1.1.1", &c, &s, &d), -1);
	assert_int_equal(code_parse_status("5.1", &c, &s, &d), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedent),
		cmocka_unit_test(test_load_and_order),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_code_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
