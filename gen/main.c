/* gen: compile the catalog into the header, the site and the man pages.
 *
 *   gen [-o DIR] [--check] [--schema F] [--template F] [--hashfn F]
 *       [--assets DIR] FILE.xml...
 *
 * Nothing is written unless the whole catalog is valid; outputs replace the
 * previous ones only when all were written. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check.h"
#include "emit_header.h"
#include "emit_man.h"
#include "emit_site.h"
#include "ltable.h"
#include "out.h"
#include "util.h"

typedef struct options {
	const char *outdir, *schema, *template, *hashfn, *assets;
	int check_only;
	char **files;
	size_t nfiles;
} options;

static const char usage[] =
	"usage: gen [-o DIR] [--check] [--schema FILE] [--template FILE]\n"
	"           [--hashfn FILE] [--assets DIR] CATALOG.xml...\n";

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int parse_args(int argc, char **argv, options *o)
{
	int i;
	o->outdir = "build";
	o->schema = "catalog/schema.rng";
	o->template = "gen/smtpcode.h.in";
	o->hashfn = "gen/hashfn.h";
	o->assets = "site";
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char **val = NULL;
		if (strcmp(argv[i], "--check") == 0) {
			o->check_only = 1;
			continue;
		}
		if (strcmp(argv[i], "-o") == 0)
			val = &o->outdir;
		else if (strcmp(argv[i], "--schema") == 0)
			val = &o->schema;
		else if (strcmp(argv[i], "--template") == 0)
			val = &o->template;
		else if (strcmp(argv[i], "--hashfn") == 0)
			val = &o->hashfn;
		else if (strcmp(argv[i], "--assets") == 0)
			val = &o->assets;
		if (!val || i + 1 >= argc)
			return -1;
		*val = argv[++i];
	}
	o->files = argv + i;
	o->nfiles = (size_t)(argc - i);
	/* the files in name order, whatever order they are named in: the
	 * outputs do not depend on it */
	qsort(o->files, o->nfiles, sizeof *o->files, by_name);
	return o->nfiles ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (!f) {
		diag_error(path, 0, 0, "cannot read");
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	return b.s ? b.s : xstrdup("");
}

/* What a second thread makes while the first writes the site: the
 * header, the man pages and the completion, then the pages of the entries
 * and the views that the first has not taken yet. They share only the
 * model, which nothing changes any more, the queue of pages and views,
 * and o, whose writes are safe. */
typedef struct side {
	const model *m;
	const char *tpl, *hfn;
	out *o;
	site_work *work;
	buf header;
	int rc;
} side;

static void *side_run(void *arg)
{
	side *sd = arg;
	sd->rc = emit_header(sd->m, sd->tpl, sd->hfn, &sd->header) < 0 ||
			 emit_man(sd->m, sd->o) < 0 ||
			 emit_completion(sd->m, sd->o) < 0 ||
			 emit_site_share(sd->m, sd->o, sd->work) < 0
		 ? -1
		 : 0;
	return NULL;
}

/* The header goes to include/ and, for download, to the site. */
static int write_header(out *o, const buf *h)
{
	return out_write(o, "include/smtpcode.h", h->s, h->len) < 0 ||
			       out_write(o, "site/smtpcode.h", h->s, h->len) < 0
		       ? -1
		       : 0;
}

/* Write everything into o's stage, then commit (or abort) it. */
static int generate(const model *m, const options *opt, out *o)
{
	char *tpl = slurp(opt->template), *hfn = slurp(opt->hashfn);
	side sd;
	site_work work;
	pthread_t t;
	int rc = -1, threaded, site_rc;

	memset(&sd, 0, sizeof sd);
	atomic_init(&work.next, 0);
	atomic_init(&work.next_view, 0);
	work.assets = opt->assets;
	if (!tpl || !hfn || out_ready(o) < 0) {
		out_abort(o);
		goto fail;
	}
	sd.m = m, sd.tpl = tpl, sd.hfn = hfn, sd.o = o, sd.work = &work;
	threaded = pthread_create(&t, NULL, side_run, &sd) == 0;
	site_rc = emit_site_share(m, o, &work);
	if (threaded)
		pthread_join(t, NULL);
	else
		side_run(&sd);
	if (site_rc < 0 || sd.rc < 0 || write_header(o, &sd.header) < 0 ||
	    diag_count()) {
		out_abort(o);
		goto fail;
	}
	rc = out_commit(o);
fail:
	free(tpl);
	free(hfn);
	buf_release(&sd.header);
	return rc;
}

/* The last line of a failed run: how many errors were said, if any (a
 * failure to write says its own). */
static void nothing_written(void)
{
	int n = diag_count();
	if (n)
		fprintf(stderr, "gen: %d error%s; nothing written\n", n,
			n == 1 ? "" : "s");
	else
		fputs("gen: nothing written\n", stderr);
}

int main(int argc, char **argv)
{
	options opt;
	model m;
	out o;
	int rc;

	memset(&opt, 0, sizeof opt);
	memset(&m, 0, sizeof m);
	if (parse_args(argc, argv, &opt) < 0) {
		fputs(usage, stderr);
		return 2;
	}
	/* the stage is surveyed (out.h) while the catalog loads */
	if (!opt.check_only)
		out_begin(&o, opt.outdir);
	catalog_load(&m, opt.schema, opt.files, opt.nfiles);
	if (diag_count() == 0) { /* said in the order of the files */
		diag_held said = { { 0 }, 0 };
		diag_hold(&said);
		check_model(&m);
		diag_hold(NULL);
		diag_release_sorted(&said);
	}
	if (diag_count()) {
		nothing_written();
		if (!opt.check_only)
			out_abort(&o);
		model_release(&m);
		return 1;
	}
	rc = opt.check_only ? ltable_check(&m) : generate(&m, &opt, &o);
	model_release(&m);
	if (rc < 0)
		nothing_written();
	return rc < 0 ? 1 : 0;
}
