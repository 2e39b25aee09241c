#define _XOPEN_SOURCE 700
/* out: outputs replace the previous ones together, or not at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static void assert_holds(const char *rel, const char *want)
{
	char *s = read_back(rel);
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void test_commit_and_abort(void **state)
{
	out o;
	(void)state;
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "one"), 0);
	assert_int_equal(out_write_str(&o, "site/old.txt", "stale"), 0);
	assert_int_equal(out_write_str(&o, "include/x.h", "x"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a/index.html", "one");

	/* an aborted run touches nothing */
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "two"), 0);
	out_abort(&o);
	assert_holds("site/a/index.html", "one");

	/* a committed run replaces the whole folder: no stale files */
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "three"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a/index.html", "three");
	assert_null(read_back("site/old.txt"));
	assert_holds("include/x.h", "x"); /* not staged: kept */
	assert_null(read_back(".gen-new/site/a/index.html"));
}

static ino_t inode_of(const char *rel)
{
	char path[256];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", root, rel);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* A file written again with the same bytes is the same file (a link),
 * so it keeps its time; one with other bytes is a new file. Writing a
 * staged path twice never writes through a link into the current output,
 * and an aborted run leaves both as they were. */
static void test_unchanged_kept(void **state)
{
	out o;
	ino_t same, changed;
	(void)state;
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/b/changed.txt", "old"), 0);
	assert_int_equal(out_commit(&o), 0);
	same = inode_of("site/same.txt");
	changed = inode_of("site/b/changed.txt");
	assert_true(same != 0 && changed != 0);

	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/same.txt", "then other"), 0);
	out_abort(&o);
	assert_holds("site/same.txt", "same");

	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/b/changed.txt", "new"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_true(inode_of("site/same.txt") == same);
	assert_true(inode_of("site/b/changed.txt") != changed);
	assert_holds("site/b/changed.txt", "new");
	assert_holds("site/same.txt", "same");
}

/* The outputs a run replaces stay in .gen-old until the next run, which
 * removes them (in a thread of their own) while it writes its own. */
static void test_replaced_kept_once(void **state)
{
	out o;
	(void)state;
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a.txt", "one"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a.txt", "two"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds(".gen-old/site/a.txt", "one");
	assert_int_equal(out_begin(&o, root), 0);
	assert_int_equal(out_write_str(&o, "site/a.txt", "three"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a.txt", "three");
	assert_holds(".gen-old/site/a.txt", "two");
	assert_null(read_back(".gen-trash/site/a.txt"));
	assert_int_equal(inode_of(".gen-trash"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_replaced_kept_once, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
