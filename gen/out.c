#define _XOPEN_SOURCE 700
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *join(const char *a, const char *b)
{
	buf p = { 0 };
	buf_printf(&p, "%s/%s", a, b);
	return p.s;
}

static int mkdirs(char *path)
{
	char *p;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int out_begin(out *o, const char *root)
{
	memset(o, 0, sizeof *o);
	o->root = xstrdup(root);
	o->stage = join(root, ".gen-new");
	rm_tree(o->stage);
	{
		char *dir = join(o->stage, "");
		int rc = mkdirs(dir);
		free(dir);
		if (rc < 0) {
			diag_error(root, 0, 0, "cannot create '%s': %s",
				   o->stage, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int out_write(out *o, const char *path, const char *data, size_t len)
{
	char *full = join(o->stage, path);
	FILE *f;
	int rc = -1;

	/* most folders exist already: make them only when fopen says so */
	f = fopen(full, "wb");
	if (!f && errno == ENOENT && mkdirs(full) == 0)
		f = fopen(full, "wb");
	if (f) {
		if (fwrite(data, 1, len, f) == len && fflush(f) == 0)
			rc = 0;
		if (fclose(f) != 0)
			rc = -1;
	}
	if (rc < 0) {
		diag_error(full, 0, 0, "cannot write: %s", strerror(errno));
		o->failed = 1;
	}
	free(full);
	return rc;
}

int out_write_str(out *o, const char *path, const char *s)
{
	return out_write(o, path, s, strlen(s));
}

int out_copy(out *o, const char *path, const char *from)
{
	FILE *f = fopen(from, "rb");
	buf b = { 0 };
	char chunk[65536];
	size_t n;
	int rc;

	if (!f) {
		diag_error(from, 0, 0, "cannot read: %s", strerror(errno));
		o->failed = 1;
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	rc = out_write(o, path, b.s ? b.s : "", b.len);
	buf_release(&b);
	return rc;
}

/* Swap one top-level output: root/name goes to old/name, stage/name takes
 * its place. */
static int swap(out *o, const char *name, const char *old)
{
	char *cur = join(o->root, name), *neu = join(o->stage, name),
	     *bak = join(old, name);
	int rc = 0;
	struct stat st;

	if (lstat(cur, &st) == 0 && rename(cur, bak) < 0)
		rc = -1;
	if (rc == 0 && rename(neu, cur) < 0) {
		rename(bak, cur);
		rc = -1;
	}
	if (rc < 0)
		diag_error(cur, 0, 0, "cannot replace: %s", strerror(errno));
	free(cur);
	free(neu);
	free(bak);
	return rc;
}

int out_commit(out *o)
{
	DIR *d;
	struct dirent *de;
	char *old = join(o->root, ".gen-old");
	int rc = 0;

	if (o->failed) {
		out_abort(o);
		free(old);
		return -1;
	}
	rm_tree(old);
	mkdir(old, 0777);
	d = opendir(o->stage);
	while (d && (de = readdir(d)) != NULL && rc == 0)
		if (de->d_name[0] != '.')
			rc = swap(o, de->d_name, old);
	if (d)
		closedir(d);
	rm_tree(old);
	free(old);
	out_abort(o);
	return rc;
}

void out_abort(out *o)
{
	rm_tree(o->stage);
	free(o->stage);
	free(o->root);
	o->stage = o->root = NULL;
}
