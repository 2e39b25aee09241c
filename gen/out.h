/* out: write generated files into a staging folder, then move them into
 * place together, so that a failed run leaves the previous outputs intact
 * and an interrupted one never leaves half a file.
 *
 * The staging folder is the tree the last run replaced (root/.gen-old),
 * recycled: a file that already holds the bytes to write is left as it
 * is, and its folders exist. So a run that changes little creates, links
 * and removes little, and allocates no inodes. Whatever the recycled tree
 * holds that this run did not write is removed before the commit. */
#ifndef GEN_OUT_H
#define GEN_OUT_H

#include <pthread.h>
#include <stddef.h>

/* A list of relative paths. */
typedef struct out_paths {
	char **v;
	size_t n, cap;
} out_paths;

typedef struct out {
	char *root;    /* the output folder, e.g. build */
	char *stage;   /* root/.gen-new */
	pthread_t surveyor;
	int recycled;       /* the stage is an earlier run's tree */
	int surveying;      /* 1 while a thread surveys it */
	out_paths found;    /* what the stage held: files, and folders with
			       a '/' at the end */
	pthread_mutex_t lock; /* for failed and written: two threads write */
	int failed;
	out_paths written;  /* what this run wrote */
} out;

/* Start a run under root: the staging folder is root/.gen-old renamed,
 * or the one an interrupted run left. A thread surveys what it holds and
 * removes what is neither a file nor a folder (a link is never followed),
 * while the caller does something else. Nothing else is touched yet. */
void out_begin(out *o, const char *root);

/* Wait for the survey, or make a new staging folder when there was none
 * to recycle: call it before the first write. Returns 0, or -1 after
 * reporting (and marks the run failed). */
int out_ready(out *o);

/* Write data to stage/path, making the folders it needs. When the staged
 * file holds the same bytes already, it is left alone; when root/path
 * does, the staged file becomes a link to it: either way it keeps its
 * time, and the file system does less. Returns 0, or -1 after reporting
 * (and marks the run failed). Any thread may call it. */
int out_write(out *o, const char *path, const char *data, size_t len);
int out_write_str(out *o, const char *path, const char *s);

/* Copy a file (a stylesheet, a script) into stage/path. */
int out_copy(out *o, const char *path, const char *from);

/* Remove what the staging folder holds that this run did not write, then
 * replace root/NAME by stage/NAME for each NAME staged, the replaced ones
 * going to root/.gen-old (the next run recycles them). Returns 0, or -1
 * after reporting. */
int out_commit(out *o);

/* End a run without a commit: root is not touched, and the staging
 * folder goes back to root/.gen-old for the next run. */
void out_abort(out *o);

/* Mark the run failed (out_write does on an error): out_commit will not
 * replace anything. Any thread may call it. */
void out_fail(out *o);

#endif
