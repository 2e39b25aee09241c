/* rotated: a log's rotations are read oldest first, as logrotate names
 * them (by number, or by date with dateext); other names keep their
 * places. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "rotated.h"

static void assert_order(const char **names, const char *const *want, size_t n)
{
	size_t i;
	rotated_order(names, n);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], want[i]);
}

static void test_numbered(void **state)
{
	const char *names[] = { "mail.err", "mail.log", "mail.log.1", "mail.log.10.gz",
			  "mail.log.2.gz", "mail.warn" };
	static const char *const want[] = { "mail.err", "mail.log.10.gz",
					    "mail.log.2.gz", "mail.log.1",
					    "mail.log", "mail.warn" };
	(void)state;
	assert_order(names, want, 6);
}

static void test_dated(void **state)
{
	const char *names[] = { "/var/log/maillog", "/var/log/maillog-20261115",
			  "/var/log/maillog-20261122.gz" };
	static const char *const want[] = { "/var/log/maillog-20261115",
					    "/var/log/maillog-20261122.gz",
					    "/var/log/maillog" };
	(void)state;
	assert_order(names, want, 3);
}

/* names that are no rotations, or of different logs, stay as given */
static void test_others(void **state)
{
	const char *names[] = { "b.eml", "a.eml", "1764321.M1P2.host:2,S", "new",
			  "mail.log", "maillog.1" };
	static const char *const want[] = { "b.eml", "a.eml",
					    "1764321.M1P2.host:2,S", "new",
					    "mail.log", "maillog.1" };
	(void)state;
	assert_order(names, want, 6);
	assert_order(names, want, 0);
}

/* a name sorted between a log and its rotations does not split them
 * (mail.log, read first, was taken for older than mail.log.1), and
 * operands in any order are put together */
static void test_apart(void **state)
{
	const char *dir[] = { "mail.log", "mail.log-old", "mail.log.1",
			      "mail.log.2.gz" };
	static const char *const dir_want[] = { "mail.log.2.gz", "mail.log.1",
						"mail.log", "mail.log-old" };
	const char *ops[] = { "mail.log", "base.eml", "mail.log.1" };
	static const char *const ops_want[] = { "mail.log.1", "mail.log",
						"base.eml" };
	(void)state;
	assert_order(dir, dir_want, 4);
	assert_order(ops, ops_want, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbered),
		cmocka_unit_test(test_dated),
		cmocka_unit_test(test_others),
		cmocka_unit_test(test_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
