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
#include <sys/types.h>
#include <sys/wait.h>
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

/* root/rel, in a buffer of its own until the next call. */
static const char *at(const char *rel)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	return path;
}

/* Make root/rel hold s, as a user or another program might. */
static void put(const char *rel, const char *s)
{
	FILE *f = fopen(at(rel), "wb");
	assert_non_null(f);
	assert_true(fputs(s, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* out_begin, then wait for the survey, as gen does before it writes. */
static void begin(out *o)
{
	out_begin(o, root);
	assert_int_equal(out_ready(o), 0);
}

/* A whole run that writes one file. */
static void run_one(const char *path, const char *s)
{
	out o;
	begin(&o);
	assert_int_equal(out_write_str(&o, path, s), 0);
	assert_int_equal(out_commit(&o), 0);
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
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "one"), 0);
	assert_int_equal(out_write_str(&o, "site/old.txt", "stale"), 0);
	assert_int_equal(out_write_str(&o, "include/x.h", "x"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a/index.html", "one");

	/* an aborted run touches nothing */
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "two"), 0);
	out_abort(&o);
	assert_holds("site/a/index.html", "one");

	/* a committed run replaces the whole folder: no stale files */
	run_one("site/a/index.html", "three");
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
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/b/changed.txt", "old"), 0);
	assert_int_equal(out_commit(&o), 0);
	same = inode_of("site/same.txt");
	changed = inode_of("site/b/changed.txt");
	assert_true(same != 0 && changed != 0);

	begin(&o);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/same.txt", "then other"), 0);
	out_abort(&o);
	assert_holds("site/same.txt", "same");

	begin(&o);
	assert_int_equal(out_write_str(&o, "site/same.txt", "same"), 0);
	assert_int_equal(out_write_str(&o, "site/b/changed.txt", "new"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_true(inode_of("site/same.txt") == same);
	assert_true(inode_of("site/b/changed.txt") != changed);
	assert_holds("site/b/changed.txt", "new");
	assert_holds("site/same.txt", "same");
}

/* The outputs a run replaces stay in .gen-old, where the next run takes
 * them as its staging folder. */
static void test_replaced_recycled(void **state)
{
	out o;
	(void)state;
	run_one("site/a.txt", "one");
	run_one("site/a.txt", "two");
	assert_holds(".gen-old/site/a.txt", "one");
	begin(&o);
	assert_int_equal(inode_of(".gen-old"), 0); /* it is the stage now */
	assert_holds(".gen-new/site/a.txt", "one");
	assert_int_equal(out_write_str(&o, "site/a.txt", "three"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a.txt", "three");
	assert_holds(".gen-old/site/a.txt", "two");
	assert_int_equal(inode_of(".gen-new"), 0);
}

/* An unchanged output stays the same file over many runs, though the
 * staging folder alternates between two trees. */
static void test_unchanged_over_runs(void **state)
{
	ino_t first;
	int run;
	(void)state;
	run_one("include/x.h", "x");
	first = inode_of("include/x.h");
	for (run = 0; run < 4; run++) {
		run_one("include/x.h", "x");
		assert_true(inode_of("include/x.h") == first);
	}
}

/* What the recycled tree holds and this run does not write is gone from
 * the outputs, files and folders; a top-level output that the run does
 * not write at all is not replaced, as before recycling. */
static void test_stale_pruned(void **state)
{
	out o;
	int run;
	(void)state;
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/gone/index.html", "g"), 0);
	assert_int_equal(out_write_str(&o, "site/keep.txt", "k"), 0);
	assert_int_equal(out_write_str(&o, "old/x.txt", "o"), 0);
	assert_int_equal(out_commit(&o), 0);
	for (run = 0; run < 2; run++) { /* either tree may be the stage */
		run_one("site/keep.txt", "k");
		assert_holds("site/keep.txt", "k");
		assert_int_equal(inode_of("site/gone"), 0);
	}
	/* "old" is not an output any more, but nothing replaced it: a run
	 * replaces only what it writes */
	assert_holds("old/x.txt", "o");
	assert_int_equal(inode_of(".gen-new"), 0);
}

/* Whatever the recycled tree holds, the outputs are exactly what the run
 * wrote: a file where a folder goes, a folder where a file goes, a FIFO,
 * and links, which are never followed out of the stage. */
static void test_junk_in_recycled(void **state)
{
	out o;
	char outside[256];
	(void)state;
	snprintf(outside, sizeof outside, "%s", at("outside"));
	assert_int_equal(mkdir(outside, 0777), 0);
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "a"), 0);
	assert_int_equal(out_write_str(&o, "site/b.txt", "b"), 0);
	assert_int_equal(out_commit(&o), 0);
	begin(&o); /* the empty first stage becomes .gen-old */
	assert_int_equal(out_write_str(&o, "site/a/index.html", "a"), 0);
	assert_int_equal(out_write_str(&o, "site/b.txt", "b"), 0);
	assert_int_equal(out_commit(&o), 0);

	/* .gen-old/site/a becomes a file, b.txt a folder, c a link out of
	 * the stage, d a FIFO */
	assert_int_equal(unlink(at(".gen-old/site/a/index.html")), 0);
	assert_int_equal(rmdir(at(".gen-old/site/a")), 0);
	put(".gen-old/site/a", "junk");
	assert_int_equal(unlink(at(".gen-old/site/b.txt")), 0);
	assert_int_equal(mkdir(at(".gen-old/site/b.txt"), 0777), 0);
	put(".gen-old/site/b.txt/deep", "junk");
	assert_int_equal(symlink(outside, at(".gen-old/site/c")), 0);
	assert_int_equal(mkfifo(at(".gen-old/site/d"), 0666), 0);
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/a/index.html", "A"), 0);
	assert_int_equal(out_write_str(&o, "site/b.txt", "B"), 0);
	assert_int_equal(out_write_str(&o, "site/c/x.txt", "C"), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_holds("site/a/index.html", "A");
	assert_holds("site/b.txt", "B");
	assert_holds("site/c/x.txt", "C");
	assert_null(read_back("outside/x.txt"));
	assert_int_equal(inode_of("site/d"), 0);
}

/* root/rel's size, and whether it holds exactly data. */
static int holds_bytes(const char *rel, const char *data, size_t len)
{
	struct stat st;
	char *s;
	FILE *f;
	int same;
	if (stat(at(rel), &st) != 0 || (size_t)st.st_size != len)
		return 0;
	s = xmalloc(len + 1);
	f = fopen(at(rel), "rb");
	assert_non_null(f);
	same = fread(s, 1, len + 1, f) == len && memcmp(s, data, len) == 0;
	fclose(f);
	free(s);
	return same;
}

/* A run that writes a file shorter than the one in place, whose bytes
 * all begin it, replaces it: the current output, and the stage's file
 * that an earlier run recycled, hold more than the new bytes. Its size a
 * multiple of the 64 KiB that are compared at a time, every chunk of it
 * matches. */
static void test_prefix_replaced(void **state)
{
	size_t big = 145621, cut = 65536, i;
	char *data = xmalloc(big);
	out o;
	(void)state;
	for (i = 0; i < big; i++)
		data[i] = (char)('a' + (i * 7 + i / 251) % 26);

	/* the current output holds more */
	begin(&o);
	assert_int_equal(out_write(&o, "site/big.txt", data, big), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_true(holds_bytes("site/big.txt", data, big));
	begin(&o);
	assert_int_equal(out_write(&o, "site/big.txt", data, cut), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_true(holds_bytes("site/big.txt", data, cut));

	/* the recycled stage holds more too */
	for (i = 0; i < 2; i++) {
		begin(&o);
		assert_int_equal(out_write(&o, "site/big.txt", data, big), 0);
		assert_int_equal(out_commit(&o), 0);
	}
	assert_true(holds_bytes(".gen-old/site/big.txt", data, big));
	begin(&o);
	assert_true(holds_bytes(".gen-new/site/big.txt", data, big));
	assert_int_equal(out_write(&o, "site/big.txt", data, cut), 0);
	assert_int_equal(out_commit(&o), 0);
	assert_true(holds_bytes("site/big.txt", data, cut));
	free(data);
}

/* A run in a child process that writes path and dies: 0 when it did. */
static int interrupted_run(const char *path, const char *s)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		out o;
		out_begin(&o, root);
		_exit(out_ready(&o) == 0 && out_write_str(&o, path, s) == 0
			      ? 0
			      : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* An aborted run gives the recycled tree back, and the next run is right
 * however far the aborted one got. So is a run after one interrupted
 * (its staging folder left behind). */
static void test_abort_gives_back(void **state)
{
	out o;
	(void)state;
	run_one("site/a.txt", "one");
	run_one("site/a.txt", "one");
	begin(&o);
	assert_int_equal(out_write_str(&o, "site/a.txt", "half"), 0);
	assert_int_equal(out_write_str(&o, "site/extra.txt", "x"), 0);
	out_abort(&o);
	assert_holds("site/a.txt", "one");
	assert_holds(".gen-old/site/a.txt", "half");
	assert_int_equal(inode_of(".gen-new"), 0);
	run_one("site/a.txt", "one");
	assert_holds("site/a.txt", "one");
	assert_null(read_back("site/extra.txt"));

	/* interrupted: a run killed after a write leaves its stage, and
	 * .gen-old is there too */
	assert_int_equal(interrupted_run("site/a.txt", "cut"), 0);
	assert_holds(".gen-new/site/a.txt", "cut");
	assert_int_equal(mkdir(at(".gen-old"), 0777), 0);
	assert_int_equal(mkdir(at(".gen-old/site"), 0777), 0);
	put(".gen-old/site/z.txt", "z");
	run_one("site/a.txt", "two");
	assert_holds("site/a.txt", "two");
	assert_null(read_back("site/z.txt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_replaced_recycled, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_over_runs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stale_pruned, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_junk_in_recycled, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_abort_gives_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_prefix_replaced, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
