#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE /* d_type, where the C library has it */
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Remove what the directory fd holds, then close it. The entries' types
 * come from readdir, so that no entry needs a stat of its own; a link is
 * removed, never followed. Errors are ignored: what is left is found by
 * the next run. */
static void rm_contents(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		int sub;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
#ifdef DT_DIR
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN) {
			unlinkat(fd, n, 0);
			continue;
		}
#endif
		sub = openat(fd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) { /* not a directory after all */
			unlinkat(fd, n, 0);
			continue;
		}
		rm_contents(sub);
		unlinkat(fd, n, AT_REMOVEDIR);
	}
	closedir(d);
}

static void rm_tree(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		unlink(path);
		return;
	}
	rm_contents(fd);
	rmdir(path);
}

static char *join(const char *a, const char *b)
{
	buf p = { 0 };
	buf_printf(&p, "%s/%s", a, b);
	return p.s;
}

/* Make the folder that holds path, and those it needs, none above the
 * staging folder (its length is base): one mkdir per new folder. */
static int mkdirs(char *path, size_t base)
{
	char *slash = strrchr(path, '/');
	int rc = 0;
	if (!slash || (size_t)(slash - path) <= base)
		return 0;
	*slash = '\0';
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		rc = -1;
		if (errno == ENOENT && mkdirs(path, base) == 0)
			rc = mkdir(path, 0777) < 0 && errno != EEXIST ? -1 : 0;
	}
	*slash = '/';
	return rc;
}

static void *remove_tree(void *path)
{
	rm_tree(path);
	return NULL;
}

/* The outputs the last run replaced become the trash, which a thread
 * removes while this run writes its own (or this one, when there is no
 * thread to be had). */
static void trash_begin(out *o)
{
	char *old = join(o->root, ".gen-old");
	o->trash = join(o->root, ".gen-trash");
	rename(old, o->trash); /* fails when there is none */
	free(old);
	o->trashing = pthread_create(&o->trasher, NULL, remove_tree,
				     o->trash) == 0;
	if (!o->trashing)
		rm_tree(o->trash);
}

static void trash_end(out *o)
{
	if (o->trashing)
		pthread_join(o->trasher, NULL);
	o->trashing = 0;
	free(o->trash);
	o->trash = NULL;
}

void out_fail(out *o)
{
	pthread_mutex_lock(&o->lock);
	o->failed = 1;
	pthread_mutex_unlock(&o->lock);
}

int out_begin(out *o, const char *root)
{
	memset(o, 0, sizeof *o);
	pthread_mutex_init(&o->lock, NULL);
	o->root = xstrdup(root);
	o->stage = join(root, ".gen-new");
	rm_tree(o->stage);
	trash_begin(o);
	{
		char *dir = join(o->stage, "");
		int rc = mkdirs(dir, 0);
		free(dir);
		if (rc < 0) {
			diag_error(root, 0, 0, "cannot create '%s': %s",
				   o->stage, strerror(errno));
			trash_end(o);
			return -1;
		}
	}
	return 0;
}

/* Write all of data to fd; 0, or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Whether the file at path holds exactly data. */
static int holds(const char *path, const char *data, size_t len)
{
	char chunk[65536];
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), same = 0;
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == len) {
		size_t at = 0;
		ssize_t n = 1;
		while (at < len && (n = read(fd, chunk, sizeof chunk)) > 0 &&
		       (size_t)n <= len - at &&
		       memcmp(chunk, data + at, (size_t)n) == 0)
			at += (size_t)n;
		same = at == len && n > 0;
	}
	close(fd);
	return same;
}

/* A file the previous run wrote with the same content is linked into the
 * staging folder instead of written again: it keeps its time (for make
 * and rsync), and neither a new file nor the removal of the old one costs
 * the file system anything. 0, or -1 to write it after all. */
static int keep(out *o, const char *path, char *full, const char *data,
		size_t len)
{
	char *cur = join(o->root, path);
	int rc = -1;
	if (holds(cur, data, len)) {
		rc = link(cur, full);
		if (rc < 0 && errno == ENOENT &&
		    mkdirs(full, strlen(o->stage)) == 0)
			rc = link(cur, full);
	}
	free(cur);
	return rc;
}

int out_write(out *o, const char *path, const char *data, size_t len)
{
	char *full = join(o->stage, path);
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fd, rc = -1;

	if (keep(o, path, full, data, len) == 0) {
		free(full);
		return 0;
	}
	/* most folders exist already: make them only when open says so. A
	 * file staged already may be a link to a current output: it is
	 * replaced, never written through. */
	fd = open(full, flags, 0666);
	if (fd < 0 && errno == ENOENT && mkdirs(full, strlen(o->stage)) == 0)
		fd = open(full, flags, 0666);
	if (fd < 0 && errno == EEXIST && unlink(full) == 0)
		fd = open(full, flags, 0666);
	if (fd >= 0) {
		rc = write_all(fd, data, len);
		if (close(fd) != 0)
			rc = -1;
	}
	if (rc < 0) {
		diag_error(full, 0, 0, "cannot write: %s", strerror(errno));
		out_fail(o);
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
		out_fail(o);
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
	int rc = 0, failed;

	pthread_mutex_lock(&o->lock);
	failed = o->failed;
	pthread_mutex_unlock(&o->lock);
	if (failed) {
		out_abort(o);
		free(old);
		return -1;
	}
	rm_tree(old); /* only when the trash could not be made of it */
	mkdir(old, 0777);
	d = opendir(o->stage);
	while (d && (de = readdir(d)) != NULL && rc == 0)
		if (de->d_name[0] != '.')
			rc = swap(o, de->d_name, old);
	if (d)
		closedir(d);
	free(old);
	out_abort(o);
	return rc;
}

void out_abort(out *o)
{
	trash_end(o);
	rm_tree(o->stage);
	free(o->stage);
	free(o->root);
	o->stage = o->root = NULL;
	pthread_mutex_destroy(&o->lock);
}
