#define _XOPEN_SOURCE 700
/* out: outputs replace the previous ones together, or not at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "out.h"
#include "util.h"

static char root[64];

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/smtpcode-out-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd);
}

static char *read_back(const char *rel)
{
	char path[256], *s = xcalloc(1, 256);
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", root, rel);
	f = fopen(path, "rb");
	if (!f) {
		free(s);
		return NULL;
	}
	if (fread(s, 1, 255, f) == 0)
		s[0] = '\0';
	fclose(f);
	return s;
}

static void test_commit_and_abort(void **state)
{
	out o;
	char *s;
	(void)state;
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "one"), 0);
	assert_int_equal(out_write_str(&o, "site/old.txt", "stale"), 0);
	assert_int_equal(out_write_str(&o, "include/x.h", "x"), 0);
	assert_int_equal(out_commit(&o), 0);
	s = read_back("site/a/index.html");
	assert_string_equal(s, "one");
	free(s);

	/* an aborted run touches nothing */
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "two"), 0);
	out_abort(&o);
	s = read_back("site/a/index.html");
	assert_string_equal(s, "one");
	free(s);

	/* a committed run replaces the whole folder: no stale files */
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "three"), 0);
	assert_int_equal(out_commit(&o), 0);
	s = read_back("site/a/index.html");
	assert_string_equal(s, "three");
	free(s);
	assert_null(read_back("site/old.txt"));
	s = read_back("include/x.h"); /* not staged: kept */
	assert_string_equal(s, "x");
	free(s);
	assert_null(read_back(".gen-new/site/a/index.html"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
