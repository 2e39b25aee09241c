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

/* ------------------------------------------------------------ path lists */

static void paths_add(out_paths *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first place in the sorted list whose path is s or sorts after it. */
static size_t paths_lower(const out_paths *l, const char *s)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid], s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void paths_release(out_paths *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ------------------------------------------------------------- folders */

/* The type of a folder's entry (S_IFREG, S_IFDIR, ...), from readdir when
 * it says, else from lstat; 0 when it is gone. A link is never followed. */
static unsigned kind_of(int dirfd, const struct dirent *de)
{
	struct stat st;
#ifdef DT_DIR
	if (de->d_type == DT_REG)
		return S_IFREG;
	if (de->d_type == DT_DIR)
		return S_IFDIR;
#endif
	if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	return (unsigned)st.st_mode & S_IFMT;
}

static int dot_or_dotdot(const char *n)
{
	return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2]));
}

static int open_dir_at(int dirfd, const char *name)
{
	return openat(dirfd, name,
		      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Call fn for each entry of the folder fd but . and .., then close fd. */
static void each_entry(int fd, void (*fn)(int, const struct dirent *, void *),
		       void *arg)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (!dot_or_dotdot(de->d_name))
			fn(fd, de, arg);
	closedir(d);
}

/* Remove an entry of the folder fd, and what it holds. Errors are
 * ignored: what is left is found by the next run. */
static void rm_entry(int fd, const struct dirent *de, void *unused)
{
	int sub;
	(void)unused;
	if (kind_of(fd, de) != S_IFDIR ||
	    (sub = open_dir_at(fd, de->d_name)) < 0) {
		unlinkat(fd, de->d_name, 0);
		return;
	}
	each_entry(sub, rm_entry, NULL);
	unlinkat(fd, de->d_name, AT_REMOVEDIR);
}

static void rm_tree(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		unlink(path);
		return;
	}
	each_entry(fd, rm_entry, NULL);
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

/* The slow way, when something that is not a folder stands where path
 * needs one (the recycled tree had a file there): each folder from the
 * staging folder down, checked, cleared and made. */
static int clear_way(char *path, size_t base)
{
	char *p;
	struct stat st;
	int rc = 0;
	for (p = path + base + 1; rc == 0 && (p = strchr(p, '/')) != NULL;
	     p++) {
		*p = '\0';
		if (lstat(path, &st) == 0 && !S_ISDIR(st.st_mode))
			unlink(path);
		rc = mkdir(path, 0777) < 0 && errno != EEXIST ? -1 : 0;
		*p = '/';
	}
	return rc;
}

/* ----------------------------------------------------- the stage's survey */

/* What a survey has found so far, and where it is. */
typedef struct survey_at {
	out_paths *found;
	buf rel; /* the folder's path in the stage, with a '/' at the end */
} survey_at;

/* Record an entry of the folder fd, and what it holds; remove it when it
 * is neither a file nor a folder, so that no write follows a link out of
 * the stage. */
static void survey_entry(int fd, const struct dirent *de, void *arg)
{
	survey_at *sa = arg;
	size_t at = sa->rel.len;
	unsigned kind = kind_of(fd, de);
	int sub;
	buf_puts(&sa->rel, de->d_name);
	if (kind == S_IFREG) {
		paths_add(sa->found, xstrdup(sa->rel.s));
	} else if (kind == S_IFDIR && (sub = open_dir_at(fd, de->d_name)) >= 0) {
		buf_putc(&sa->rel, '/');
		paths_add(sa->found, xstrdup(sa->rel.s));
		each_entry(sub, survey_entry, sa);
	} else if (kind != 0) {
		unlinkat(fd, de->d_name, 0);
	}
	sa->rel.len = at;
	sa->rel.s[at] = '\0';
}

static void *survey(void *arg)
{
	out *o = arg;
	int fd = open(o->stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	survey_at sa = { &o->found, { 0 } };
	buf_put(&sa.rel, "", 0);
	if (fd >= 0)
		each_entry(fd, survey_entry, &sa);
	buf_release(&sa.rel);
	return NULL;
}

/* Remove from the stage what it held and this run did not write: files,
 * and folders under which nothing was written. */
static void prune(out *o)
{
	out_paths *w = &o->written;
	size_t i;
	if (w->n)
		qsort(w->v, w->n, sizeof *w->v, cmp_path);
	for (i = 0; i < o->found.n; i++) {
		const char *f = o->found.v[i];
		size_t n = strlen(f), at = paths_lower(w, f);
		int dir = n > 0 && f[n - 1] == '/';
		char *full;
		if (at < w->n && (dir ? strncmp(w->v[at], f, n) == 0
				      : strcmp(w->v[at], f) == 0))
			continue;
		full = join(o->stage, f);
		if (dir)
			rm_tree(full);
		else
			unlink(full);
		free(full);
	}
}

/* --------------------------------------------------------------- a run */

void out_fail(out *o)
{
	pthread_mutex_lock(&o->lock);
	o->failed = 1;
	pthread_mutex_unlock(&o->lock);
}

void out_begin(out *o, const char *root)
{
	char *old;
	struct stat st;

	memset(o, 0, sizeof *o);
	pthread_mutex_init(&o->lock, NULL);
	o->root = xstrdup(root);
	o->stage = join(root, ".gen-new");
	old = join(root, ".gen-old");
	if (lstat(old, &st) == 0) { /* else what an interrupted run left */
		rm_tree(o->stage);
		rename(old, o->stage);
	}
	free(old);
	if (lstat(o->stage, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(o->stage);
		return;
	}
	o->recycled = 1;
	o->surveying = pthread_create(&o->surveyor, NULL, survey, o) == 0;
	if (!o->surveying)
		survey(o);
}

static void survey_end(out *o)
{
	if (o->surveying)
		pthread_join(o->surveyor, NULL);
	o->surveying = 0;
}

int out_ready(out *o)
{
	char *dir;
	int rc;
	survey_end(o);
	if (o->recycled)
		return 0;
	dir = join(o->stage, "");
	rc = mkdirs(dir, 0);
	free(dir);
	if (rc < 0) {
		diag_error(o->root, 0, 0, "cannot create '%s': %s", o->stage,
			   strerror(errno));
		out_fail(o);
	}
	return rc;
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

static int link_to(const char *path, const void *cur)
{
	return link(cur, path);
}

static int create(const char *path, const void *unused)
{
	(void)unused;
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
}

/* make(path, arg), making the folders path needs when they are missing
 * or something else stands in their way: a descriptor or 0, or -1. */
static int make_at(char *path, size_t base,
		   int (*make)(const char *, const void *), const void *arg)
{
	int rc = make(path, arg);
	if (rc < 0 && errno == ENOENT && mkdirs(path, base) == 0)
		rc = make(path, arg);
	if (rc < 0 && (errno == ENOENT || errno == ENOTDIR) &&
	    clear_way(path, base) == 0)
		rc = make(path, arg);
	return rc;
}

/* stage/path holds something else, or nothing. What it holds goes (it may
 * be a link to a current output: nothing is ever written through it).
 * When root/path, the current output, holds data, the staged file is a
 * link to it, which keeps its time (for make and rsync); else a new file. */
static int replace(out *o, const char *path, char *full, const char *data,
		   size_t len)
{
	char *cur = join(o->root, path);
	size_t base = strlen(o->stage);
	int fd, rc = -1;

	if (unlink(full) < 0 && errno != ENOENT)
		rm_tree(full); /* a folder, where a file goes now */
	if (holds(cur, data, len) && make_at(full, base, link_to, cur) == 0)
		rc = 0;
	free(cur);
	if (rc == 0)
		return 0;
	fd = make_at(full, base, create, NULL);
	if (fd >= 0) {
		rc = write_all(fd, data, len);
		if (close(fd) != 0)
			rc = -1;
	}
	if (rc < 0) {
		diag_error(full, 0, 0, "cannot write: %s", strerror(errno));
		out_fail(o);
	}
	return rc;
}

int out_write(out *o, const char *path, const char *data, size_t len)
{
	char *full = join(o->stage, path);
	int rc = holds(full, data, len) ? 0 : replace(o, path, full, data, len);
	free(full);
	if (rc == 0) {
		pthread_mutex_lock(&o->lock);
		paths_add(&o->written, xstrdup(path));
		pthread_mutex_unlock(&o->lock);
	}
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

/* Undo swap(): root/name goes back to the stage, old/name to root. */
static void unswap(out *o, const char *name, const char *old)
{
	char *cur = join(o->root, name), *neu = join(o->stage, name),
	     *bak = join(old, name);
	struct stat st;

	if (rename(cur, neu) < 0 ||
	    (lstat(bak, &st) == 0 && rename(bak, cur) < 0))
		diag_error(cur, 0, 0, "cannot put the previous output back: %s",
			   strerror(errno));
	free(cur);
	free(neu);
	free(bak);
}

/* Free what the run holds; the stage is gone or back in root/.gen-old. */
static void end(out *o)
{
	survey_end(o);
	paths_release(&o->found);
	paths_release(&o->written);
	free(o->stage);
	free(o->root);
	o->stage = o->root = NULL;
	pthread_mutex_destroy(&o->lock);
}

int out_commit(out *o)
{
	DIR *d;
	struct dirent *de;
	char *old;
	out_paths done = { 0 };
	size_t i;
	int rc = 0, failed;

	pthread_mutex_lock(&o->lock);
	failed = o->failed;
	pthread_mutex_unlock(&o->lock);
	if (failed) {
		out_abort(o);
		return -1;
	}
	survey_end(o);
	prune(o);
	old = join(o->root, ".gen-old");
	rm_tree(old); /* only when begin could not recycle it */
	mkdir(old, 0777);
	d = opendir(o->stage);
	while (d && (de = readdir(d)) != NULL && rc == 0)
		if (de->d_name[0] != '.' && (rc = swap(o, de->d_name, old)) == 0)
			paths_add(&done, xstrdup(de->d_name));
	if (d)
		closedir(d);
	/* one output could not be replaced: the others go back, so that the
	 * outputs stay all of the last run (the new ones go to .gen-old) */
	for (i = done.n; rc < 0 && i-- > 0;)
		unswap(o, done.v[i], old);
	paths_release(&done);
	if (rc < 0) {
		rm_tree(old);
		rename(o->stage, old);
	}
	free(old);
	rm_tree(o->stage); /* empty, or what failed to swap */
	end(o);
	return rc;
}

void out_abort(out *o)
{
	char *old = join(o->root, ".gen-old");
	struct stat st;
	survey_end(o);
	if (!o->recycled || lstat(old, &st) == 0 || rename(o->stage, old) < 0)
		rm_tree(o->stage);
	free(old);
	end(o);
}
