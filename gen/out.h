/* out: write generated files into a staging folder, then move them into
 * place together, so that a failed run leaves the previous outputs intact
 * and an interrupted one never leaves half a file. */
#ifndef GEN_OUT_H
#define GEN_OUT_H

#include <pthread.h>
#include <stddef.h>

typedef struct out {
	char *root;    /* the output folder, e.g. build */
	char *stage;   /* root/.gen-new */
	char *trash;   /* root/.gen-trash: the outputs before the last ones */
	pthread_t trasher;
	int trashing;  /* 1 while a thread removes the trash */
	pthread_mutex_t lock; /* for failed: two threads write (main.c) */
	int failed;
} out;

/* Start writing into a fresh staging folder under root. The outputs that
 * the last run replaced (root/.gen-old) are removed meanwhile, in a thread
 * of their own: no file of the current outputs is among them. */
int out_begin(out *o, const char *root);

/* Write data to stage/path, making the folders it needs. When root/path
 * holds the same bytes already, the staged file is a link to it: it keeps
 * its time, and the file system does less. Returns 0, or -1 after
 * reporting (and marks the run failed). */
int out_write(out *o, const char *path, const char *data, size_t len);
int out_write_str(out *o, const char *path, const char *s);

/* Copy a file (a stylesheet, a script) into stage/path. */
int out_copy(out *o, const char *path, const char *from);

/* Replace root/NAME by stage/NAME for each NAME staged, the replaced ones
 * going to root/.gen-old (the next run removes them), then remove the
 * staging folder. Returns 0, or -1 after reporting. */
int out_commit(out *o);

/* Forget the staged files; root is not touched. */
void out_abort(out *o);

/* Mark the run failed (out_write does on an error): out_commit will not
 * replace anything. Any thread may call it, and out_write. */
void out_fail(out *o);

#endif
