/* smtpcode scan [FILE|DIR...]: every recipient that mail was not delivered
 * to, one record each, from bounce messages (.eml files, mbox files,
 * maildirs) and mail logs (Postfix, Sendmail, Exim, OpenSMTPD, qmail,
 * PowerMTA's accounting files).
 * Directories are read whole, in name order, their hidden files left out.
 * What a file holds is told from its first bytes: a message or an mbox
 * (bounce.c), the JSON events of an email service (esp.c), else a log
 * (maillog.c). A message that names no recipient it failed for is counted
 * as not a bounce; a file with NUL bytes in its first 64 KiB, as binary;
 * both are said on standard error, never printed as records. */
#define _DEFAULT_SOURCE /* scandir */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "last.h"
#include "maillog.h"
#include "esp.h"
#include "rotated.h"
#include "stream.h"
#include "tally.h"

extern char **environ; /* posix_spawnp passes it on */

/* Directory levels followed below an operand. */
#define DEPTH_MAX 32
/* Bytes looked at to tell a binary file. */
#define SNIFF 65536

/* ---------------------------------------------------------- the scan */

enum { BY_REASON, BY_VERDICT, BY_STATUS, BY_PROVIDER, BY_DOMAIN, NBY };
static const char *const by_name[NBY] = { "reason", "verdict", "status",
					  "provider", "domain" };

typedef struct scan {
	cli *c;
	size_t files, messages, log_lines, records;
	size_t not_bounces, binary, unreadable;
	size_t filtered;       /* records the filters left out */
	const char *last_file; /* of the last record shown */
	tally by[NBY];
	maillog_ctx log;  /* what the logs' lines leave for the next */
	last_set last;    /* --final: each recipient's last word */
	size_t delivered; /* --final: recipients delivered in the end, */
	size_t recovered; /* of them after a deferral */
	int oom;
} scan;

/* The recipient's domain, in small letters ("-" for none): where a
 * campaign's mail bounces. */
static int count_domain(tally *t, bounce_str rcpt)
{
	char d[256];
	size_t at = rcpt.len, n, i;
	while (at > 0 && rcpt.s[at - 1] != '@')
		at--;
	n = rcpt.len - at;
	if (at == 0 || n == 0)
		return tally_add(t, "-", 1);
	if (n > sizeof d)
		return tally_add(t, rcpt.s + at, n);
	for (i = 0; i < n; i++)
		d[i] = (char)bounce_lower((unsigned char)rcpt.s[at + i]);
	return tally_add(t, d, n);
}

static void count(scan *sc, const scan_rec *r)
{
	const char *v = smtpcode_verdict_name(r->verdict);
	const char *p = r->provider ? r->provider : "-";
	int rc = tally_add(&sc->by[BY_REASON], r->reason, strlen(r->reason));
	rc |= tally_add(&sc->by[BY_VERDICT], v, strlen(v));
	rc |= r->status.len ? tally_add(&sc->by[BY_STATUS], r->status.s,
					r->status.len)
			    : tally_add(&sc->by[BY_STATUS], "-", 1);
	rc |= tally_add(&sc->by[BY_PROVIDER], p, strlen(p));
	rc |= count_domain(&sc->by[BY_DOMAIN], r->rcpt);
	if (rc)
		sc->oom = 1;
}

/* Whether r passes the filters given (--verdict, --reason, --provider). */
static int wanted(const cli *c, const scan_rec *r)
{
	if (c->f_verdict &&
	    strcmp(smtpcode_verdict_name(r->verdict), c->f_verdict) != 0)
		return 0;
	if (c->f_reason && strcmp(r->reason, c->f_reason) != 0)
		return 0;
	if (c->f_provider && (!r->provider || strcmp(r->provider,
						     c->f_provider) != 0))
		return 0;
	return 1;
}

static void emit(scan *sc, const scan_rec *r)
{
	if (!wanted(sc->c, r)) {
		sc->filtered++;
		return;
	}
	sc->records++;
	if (sc->c->summary) {
		count(sc, r);
	} else if (sc->c->json) {
		json_scan(stdout, r);
	} else if (sc->c->tsv) {
		show_scan_tsv(stdout, r);
	} else {
		show_scan(sc->c, stdout, r, sc->last_file != r->file);
		sc->last_file = r->file;
	}
}

/* A record of the recipient rc; kind tells a failure from a feedback
 * report or an automatic reply. what has what the message or the log line
 * says of them all: the file, the date and the message's ids. */
static void record(scan *sc, const scan_rec *what, const bounce_rcpt *rc,
		   bounce_kind kind, const maillog_rec *line)
{
	smtpcode_result r;
	scan_rec out = *what;
	size_t len = rc->diag.len;
	char *t = NULL;
	const char *text = rc->diag.len ? rc->diag.s : "";

	out.command = line ? line->command : bounce_rcpt_command(rc);
	if (kind == BOUNCE_FAILURE) {
		t = explain_text(rc, &len);
		if (t)
			text = t;
		smtpcode_explain_at(text, len, bounce_step(out.command), &r);
	} else {
		explain_noted(kind, &r);
	}
	if (kind == BOUNCE_FAILURE)
		explain_unknown(&r, rc->action, line && line->expired);
	out.rcpt = rc->addr;
	out.orig = bounce_original(rc);
	out.action = rc->action;
	out.diag = rc->diag;
	out.status = rc->status;
	if (r.status_len) { /* the code found: in the reply, or, when the
			       reply has none (t), the DSN's Status before it */
		out.status.s = (t ? rc->status.s : rc->diag.s) + r.status_at;
		out.status.len = r.status_len;
	} else if (kind == BOUNCE_FAILURE) { /* a Status that holds no code */
		out.status.len = 0;
	}
	out.reply = r.reply_code;
	out.reason = smtpcode_key(r.reason);
	out.verdict = r.verdict;
	out.provider = r.response ? smtpcode_provider(r.response)->id : NULL;
	emit(sc, &out);
	free(t);
}

/* What a message (a bounce, an event) or a log line says of all its
 * recipients, in w: the file, when, and the message's ids. */
static const scan_rec *said_of_all(scan_rec *w, const char *file,
				   bounce_str date, bounce_str queue_id,
				   bounce_str message_id)
{
	memset(w, 0, sizeof *w);
	w->file = file;
	w->date = date;
	w->queue_id = queue_id;
	w->message_id = message_id;
	return w;
}

static const scan_rec *of_message(scan_rec *w, const char *file,
				  const bounce_msg *m)
{
	return said_of_all(w, file, m->date, m->queue_id, m->message_id);
}

static const scan_rec *of_line(scan_rec *w, const char *file,
			       const maillog_rec *line)
{
	return said_of_all(w, file, line->date, line->qid, line->msgid);
}

/* Each message of an mbox (or the one message) of file. */
static void messages(scan *sc, const char *file, const char *s, size_t len)
{
	size_t at = 0, i;
	bounce_str msg;
	while (bounce_next(s, len, &at, &msg)) {
		bounce_msg m;
		scan_rec what;
		sc->messages++;
		if (bounce_read(msg.s, msg.len, &m) < 0) {
			sc->oom = 1;
			bounce_free(&m);
			return;
		}
		if (m.n == 0)
			sc->not_bounces++;
		for (i = 0; i < m.n; i++)
			record(sc, of_message(&what, file, &m), &m.rcpt[i],
			       m.kind, NULL);
		bounce_free(&m);
	}
}

/* With --final, an email service's event about the recipient rc is its
 * word so far (last.c), as a log line's is: the message is known by the
 * service's id of it, and its Message-ID is kept. */
static void event_final(scan *sc, const char *file, const bounce_msg *m,
			const bounce_rcpt *rc)
{
	maillog_rec lr;
	memset(&lr, 0, sizeof lr);
	lr.qid = m->queue_id;
	lr.msgid = m->message_id;
	if (lr.msgid.len && /* its arrival, as a log says it */
	    last_add(&sc->last, file, &lr, bounce_s("", 0)) < 0)
		sc->oom = 1;
	memset(&lr.msgid, 0, sizeof lr.msgid);
	lr.action = rc->action;
	lr.status = rc->status;
	lr.diag = rc->diag;
	lr.date = m->date;
	lr.command = bounce_rcpt_command(rc);
	lr.orig = rc->orig;
	if (last_add(&sc->last, file, &lr, rc->addr) < 0)
		sc->oom = 1;
}

/* One event of an email service (esp.h): a message of its own. */
typedef struct in_file {
	scan *sc;
	const char *file;
} in_file;

static int notification(bounce_msg *m, void *arg)
{
	in_file *in = arg;
	size_t i;
	scan_rec what;
	in->sc->messages++;
	if (m->n == 0)
		in->sc->not_bounces++;
	for (i = 0; i < m->n; i++) {
		if (in->sc->c->final && m->kind == BOUNCE_FAILURE &&
		    m->queue_id.len)
			event_final(in->sc, in->file, m, &m->rcpt[i]);
		else
			record(in->sc, of_message(&what, in->file, m),
			       &m->rcpt[i], m->kind, NULL);
	}
	return 0;
}

static void say_broken(const scan *sc, const char *file, size_t broken)
{
	if (broken)
		cli_file_note(sc->c, 0, file, "the JSON is cut short or broken "
			      "in %zu place%s; what was read before is shown",
			      broken, broken == 1 ? "" : "s");
}

static void notifications(scan *sc, const char *file, const char *s,
			  size_t len)
{
	in_file in;
	size_t broken = 0;
	in.sc = sc, in.file = file;
	if (esp_each(s, len, notification, &in, &broken) < 0)
		sc->oom = 1;
	say_broken(sc, file, broken);
}

/* What a log line says of the recipient rc: a record now, or with
 * --final the recipient's last word so far. */
static void log_rcpt(scan *sc, const char *file, bounce_rcpt *rc,
		     const maillog_rec *lr)
{
	scan_rec what;
	if (!sc->c->final)
		record(sc, of_line(&what, file, lr), rc, BOUNCE_FAILURE, lr);
	else if (last_add(&sc->last, file, lr, rc->addr) < 0)
		sc->oom = 1;
}

/* Each failure line of a log, each recipient it names; with --final also
 * the lines that say a recipient was delivered. */
static void log_lines(scan *sc, const char *file, const char *s, size_t len)
{
	size_t at = 0;
	maillog_rec lr;
	while (sc->c->final ? maillog_next_any(&sc->log, s, len, &at, &lr)
			    : maillog_next(&sc->log, s, len, &at, &lr)) {
		bounce_rcpt rc;
		size_t ra = 0;
		if (strcmp(lr.action.s, "delivered") != 0 &&
		    strcmp(lr.action.s, "arrived") != 0)
			sc->log_lines++;
		while (maillog_recipient(&lr, &ra, &rc))
			log_rcpt(sc, file, &rc, &lr);
	}
	if (sc->log.oom)
		sc->oom = 1;
}

/* --final, at the end: a record of each recipient's last word that is
 * not a delivery. */
static void final_records(scan *sc)
{
	size_t i;
	for (i = 0; i < sc->last.n; i++) {
		const last_rec *l = &sc->last.v[i];
		bounce_rcpt rc;
		maillog_rec lr;
		scan_rec what;
		if (strcmp(l->action, "delivered") == 0) {
			sc->delivered++;
			sc->recovered += l->deferred;
			continue;
		}
		memset(&lr, 0, sizeof lr);
		rc.addr = bounce_s(l->rcpt, strlen(l->rcpt));
		rc.action = lr.action = bounce_s(l->action, strlen(l->action));
		rc.status = lr.status = bounce_s(l->status, strlen(l->status));
		rc.diag = lr.diag = bounce_s(l->diag, strlen(l->diag));
		rc.command = lr.command = bounce_s(l->command, strlen(l->command));
		rc.orig = lr.orig = bounce_s(l->orig, strlen(l->orig));
		lr.qid = bounce_s(l->qid, strlen(l->qid));
		lr.date = bounce_s(l->date, strlen(l->date));
		lr.msgid = bounce_s(l->msgid, strlen(l->msgid));
		lr.expired = l->expired;
		record(sc, of_line(&what, l->file, &lr), &rc, BOUNCE_FAILURE,
		       &lr);
	}
}

/* Rotated logs are often compressed (mail.log.2.gz): the program that
 * decompresses s, by its first bytes, or NULL. */
static const char *decompressor(const char *s, size_t len)
{
	static const struct {
		const char *magic, *tool;
	} z[] = {
		{ "\x1f\x8b", "gzip" },    { "BZh", "bzip2" },
		{ "\xfd" "7zXZ", "xz" },     { "\x28\xb5\x2f\xfd", "zstd" },
	};
	size_t i;
	for (i = 0; i < sizeof z / sizeof *z; i++)
		if (len >= strlen(z[i].magic) &&
		    memcmp(s, z[i].magic, strlen(z[i].magic)) == 0)
			return z[i].tool;
	return NULL;
}

/* Says why a file with NUL bytes in its head is skipped: only standard
 * input or a pipe gets here compressed (a file is decompressed), and its
 * mail is not read (exit status 3), where binary data holds none. */
static void skipped(scan *sc, const char *file, const char *head, size_t len)
{
	const char *z = decompressor(head, len);
	if (z) {
		cli_file_note(sc->c, 1, file, "compressed; not read (decompress "
			      "it first, with %s -dc)", z);
		sc->unreadable++;
	} else {
		cli_file_note(sc->c, 0, file, "binary file, not mail; skipped");
		sc->binary++;
	}
}

/* Says that the line n of file was longer than STREAM_LINE_MAX: its
 * record, if it gives one, is of its first bytes. */
static void cut_line(scan *sc, const char *file, size_t n)
{
	cli_file_note(sc->c, 0, file, "line %zu: longer than %d bytes; only "
		      "its first %d were read", n, STREAM_LINE_MAX,
		      STREAM_LINE_MAX);
}

/* The LFs in s[0..len). */
static size_t count_lf(const char *s, size_t len)
{
	const char *p = s, *e = s + len;
	size_t n = 0;
	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL)
		n++, p++;
	return n;
}

/* A log in memory, a line longer than STREAM_LINE_MAX cut as a stream
 * cuts it (stream_whole): a file and a pipe give the same records. Lines
 * are counted only up to such a line: it is rare, a count is not. */
static void log_text(scan *sc, const char *file, const char *s, size_t len)
{
	size_t at = 0, lineno = 0, cut;
	while ((cut = at + stream_long_line(s + at, len - at,
					    STREAM_LINE_MAX)) < len) {
		const char *nl = memchr(s + cut, '\n', len - cut);
		lineno += count_lf(s + at, cut - at) + 1;
		cut_line(sc, file, lineno);
		log_lines(sc, file, s + at, cut + STREAM_LINE_MAX - at);
		at = nl ? (size_t)(nl + 1 - s) : len;
	}
	log_lines(sc, file, s + at, len - at);
}

/* The text of one file (or of standard input). */
static void text(scan *sc, const char *file, char *s, size_t len)
{
	size_t head = len < SNIFF ? len : SNIFF;
	sc->files++;
	if (memchr(s, '\r', head))
		stream_lf(s, len);
	if (bounce_is_message(s, len))
		messages(sc, file, s, len);
	else if (esp_is(s, len))
		notifications(sc, file, s, len);
	else if (memchr(s, '\0', head))
		skipped(sc, file, s, head);
	else
		log_text(sc, file, s, len);
}

/* ---------------------------------------------------------- streams */

/* Where stream_whole cuts a line. */
typedef struct cut_in {
	scan *sc;
	const char *file;
} cut_in;

static void said_cut(size_t line, void *arg)
{
	cut_in *in = arg;
	cut_line(in->sc, in->file, line);
}

/* Lone CRs in a stream, turned into LFs as text() turns a file's: all of
 * them when the input has a CR in its first SNIFF bytes, else none. As no
 * CR came before the first, deciding when it comes gives what deciding
 * first would. */
typedef struct lone_crs {
	size_t at;   /* where in the input the stream's text starts */
	size_t done; /* the bytes of it looked at */
	int on;      /* 1 or 0; -1 while no CR has come */
} lone_crs;

/* Whether lone CRs end lines, from what came since the last look. */
static int crs_seen(const stream *st, lone_crs *l)
{
	const char *cr;
	if (l->done > st->len) /* a line cut (stream_whole) took bytes */
		l->done = st->len;
	if (l->on < 0 &&
	    (cr = memchr(st->s + l->done, '\r', st->len - l->done)) != NULL)
		l->on = l->at + (size_t)(cr - st->s) < SNIFF;
	else if (l->on < 0 && l->at + st->len >= SNIFF)
		l->on = 0;
	return l->on > 0;
}

/* The first n bytes of the stream are done with. */
static void crs_drop(stream *st, lone_crs *l, size_t n)
{
	stream_drop(st, n);
	l->at += n;
	l->done = l->done > n ? l->done - n : 0;
}

/* How much of st is ready to be read, its lone CRs turned; a CR last
 * waits for what follows it. */
static size_t ready(stream *st, lone_crs *l)
{
	size_t n = st->len;
	if (crs_seen(st, l)) {
		if (!st->eof && n && st->s[n - 1] == '\r')
			n--;
		stream_lf(st->s + l->done, n - l->done);
	}
	l->done = n;
	return n;
}

/* A log, a read at a time: after each, its whole lines are scanned and
 * what they gave is printed at once. Only the last line, while it is not
 * whole, stays in memory, and no more than STREAM_LINE_MAX bytes of it. */
static int stream_log(scan *sc, const char *file, stream *st, lone_crs *l)
{
	cut_in where = { sc, file };
	st->cut = said_cut;
	st->arg = &where;
	for (;;) {
		size_t end = stream_whole(st, crs_seen(st, l));
		l->done = st->len;
		log_lines(sc, file, st->s, end);
		if (!sc->c->summary)
			fflush(stdout);
		crs_drop(st, l, end);
		if (st->eof || ferror(stdout)) /* a write failed: main says so */
			return 0;
		if (stream_fill(st) < 0)
			return -1;
	}
}

/* How much of a stream that starts as JSON is read to tell whether it is
 * an email service's (its first object, in which a long message may come
 * before any name that tells: SES's "content", when the names are sorted). */
#define TELL_MAX ((size_t)64 << 20)

/* The events of an email service, an object a line (JSON Lines, as SES's
 * event publishing writes them through Firehose) or in one array: each
 * is read once it is whole, its records printed at once, and dropped, so
 * that the memory taken is that of the largest event. Returns 1 when the
 * JSON is of no email service (the caller reads it as a log), 0, or -1
 * with errno set. */
static int stream_events(scan *sc, const char *file, stream *st,
			 lone_crs *l)
{
	esp_stream es;
	in_file in;
	int told, rc = 0;
	in.sc = sc, in.file = file;
	esp_stream_init(&es, notification, &in);
	while ((told = esp_stream_tell(&es, st->s, ready(st, l), st->eof)) < 0) {
		/* binary data, or no name in 64 MiB: not read further here */
		if (memchr(st->s, '\0', st->len < SNIFF ? st->len : SNIFF) ||
		    st->len > TELL_MAX)
			return 1;
		if (stream_fill(st) < 0)
			return -1;
	}
	if (!told)
		return 1;
	sc->files++;
	for (;;) {
		long n = esp_stream_feed(&es, st->s, ready(st, l), st->eof);
		if (n < 0) {
			sc->oom = 1;
			break;
		}
		if (!sc->c->summary)
			fflush(stdout);
		if (n > 0) /* none while an event has not all come */
			crs_drop(st, l, (size_t)n);
		if (st->eof || ferror(stdout))
			break;
		if (stream_fill(st) < 0) {
			rc = -1;
			break;
		}
	}
	say_broken(sc, file, es.broken);
	esp_stream_release(&es);
	return rc;
}

static void decompressed(scan *sc, const char *path, const char *tool);

/* A file, standard input or a pipe, read as a stream: never mapped, so
 * that a log cut short while it is read (logrotate's copytruncate) ends
 * early instead of killing the process. A log is scanned as it comes, so
 * that `tail -f /var/log/mail.log | smtpcode scan` prints each failure
 * when it is logged, and a log of any size takes little memory; so are
 * the events of an email service (stream_events). What may be a message
 * or an mbox is read whole first; binary data is not read past its first
 * bytes. A regular file (regular: its path) that is compressed is read
 * through its program. 0, or -1 with errno set. */
static int stream_file(scan *sc, const char *regular, const char *file,
		       int fd)
{
	stream st;
	lone_crs l = { 0, 0, -1 };
	size_t head, first, blank;
	const char *z;
	int rc = -1;
	stream_init(&st, fd);
	if (stream_first_line(&st, SNIFF) < 0)
		goto out;
	if (regular && (z = decompressor(st.s, st.len)) != NULL) {
		decompressed(sc, regular, z);
		rc = 0;
		goto out;
	}
	blank = strspn(st.s, " \t\r\n"); /* blank lines, and blanks */
	first = strcspn(st.s + blank, "\r\n");
	if (esp_may_start(st.s + blank, first) &&
	    (rc = stream_events(sc, file, &st, &l)) <= 0)
		goto out;
	rc = -1; /* JSON of no email service, or text that starts as JSON
		    does: read as a log, as text() reads it */
	if (bounce_may_start(st.s + blank, first)) {
		if (stream_rest(&st) < 0)
			goto out;
		text(sc, file, st.s, st.len);
		rc = 0;
		goto out;
	}
	head = st.len < SNIFF ? st.len : SNIFF;
	sc->files++;
	if (memchr(st.s, '\0', head)) {
		skipped(sc, file, st.s, head);
		rc = 0;
		goto out;
	}
	rc = stream_log(sc, file, &st, &l);
out:
	stream_free(&st);
	return rc;
}

static void unreadable(scan *sc, const char *path, int err)
{
	cli_file_note(sc->c, 1, path, "%s", strerror(err));
	sc->unreadable++;
}

/* A compressed file, read through its program (gzip -dc FILE ...) as a
 * stream: `smtpcode scan /var/log/mail.log*` reads the rotated logs too.
 * The program must be installed; the command links no library for it. */
static void decompressed(scan *sc, const char *path, const char *tool)
{
	char *argv[5];
	posix_spawn_file_actions_t fa;
	int fd[2], err, status;
	pid_t pid;
	if (pipe(fd) < 0) {
		unreadable(sc, path, errno);
		return;
	}
	argv[0] = (char *)tool, argv[1] = (char *)"-dc", argv[2] = (char *)"--";
	argv[3] = (char *)path, argv[4] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	err = posix_spawnp(&pid, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (err) {
		close(fd[0]);
		cli_file_note(sc->c, 1, path, "compressed, and %s could not be "
			      "run (%s); decompress it first", tool,
			      strerror(err));
		sc->unreadable++;
		return;
	}
	err = stream_file(sc, NULL, path, fd[0]) < 0 ? errno : 0;
	close(fd[0]); /* the program stops if it was not read to its end */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (err) {
		unreadable(sc, path, err);
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) {
		; /* not read to its end: binary data, said above */
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_file_note(sc->c, 1, path, "%s -dc failed (the file may be "
			      "cut short); what it gave before was read", tool);
		sc->unreadable++;
	}
}

static void one_file(scan *sc, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct stat st;
	size_t unread = sc->log.unread;
	int how, regular;
	if (!f) {
		unreadable(sc, path, errno);
		return;
	}
	errno = 0;
	maillog_file(&sc->log);
	regular = f != stdin && fstat(fileno(f), &st) == 0 &&
		  S_ISREG(st.st_mode);
	how = stream_file(sc, regular ? path : NULL, path, fileno(f));
	if (how < 0)
		unreadable(sc, path, errno ? errno : EIO);
	if ((unread = sc->log.unread - unread) != 0)
		cli_file_note(sc->c, 0, path, "%zu line%s a failure (status=) "
			      "but %s not written as Postfix writes a record "
			      "(no queue id, or a field cut short); skipped",
			      unread, unread == 1 ? " tells" : "s tell",
			      unread == 1 ? "is" : "are");
	if (f != stdin)
		fclose(f);
}

static void walk(scan *sc, const char *path, int depth);

static int visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Every file below dir, in name order, a log's rotations oldest first. */
static void directory(scan *sc, const char *dir, int depth)
{
	struct dirent **list;
	const char **names;
	int n = scandir(dir, &list, visible, alphasort), i;
	if (n < 0) {
		unreadable(sc, dir, errno);
		return;
	}
	if (!(names = malloc(((size_t)n + 1) * sizeof *names)))
		sc->oom = 1;
	for (i = 0; names && i < n; i++)
		names[i] = list[i]->d_name;
	if (names)
		rotated_order(names, (size_t)n);
	for (i = 0; names && i < n && !sc->oom && !ferror(stdout); i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(len);
		if (p) {
			snprintf(p, len, "%s%s%s", dir,
				 dir[strlen(dir) - 1] == '/' ? "" : "/",
				 names[i]);
			walk(sc, p, depth + 1);
		} else {
			sc->oom = 1;
		}
		/* the records of a file point to its path: printed by now */
		if (sc->last_file == p)
			sc->last_file = NULL;
		free(p);
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(names);
	free(list);
}

/* An operand is followed wherever it links to; below it, a link to a
 * directory is not (it could lead back up, and read files twice). */
static void walk(scan *sc, const char *path, int depth)
{
	struct stat st;
	if (strcmp(path, "-") == 0) {
		one_file(sc, path);
	} else if (depth > 0 && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		   stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_file_note(sc->c, 0, path, "a link to a directory; not "
			      "followed");
	} else if (stat(path, &st) < 0) {
		unreadable(sc, path, errno);
	} else if (S_ISDIR(st.st_mode)) {
		if (depth >= DEPTH_MAX) { /* what it holds is not read */
			cli_file_note(sc->c, 1, path, "more than %d directory "
				      "levels; not read", DEPTH_MAX);
			sc->unreadable++;
		} else
			directory(sc, path, depth);
	} else if (S_ISREG(st.st_mode) || (depth == 0 && S_ISFIFO(st.st_mode))) {
		one_file(sc, path); /* an operand may be a pipe */
	} else if (depth == 0) { /* a device, a socket: no end to read to */
		cli_file_note(sc->c, 1, path, "not a file or a directory");
		sc->unreadable++;
	} else { /* a pipe or a device in a maildir is not mail */
		cli_file_note(sc->c, 0, path, "not a file or a directory; "
			      "skipped");
	}
}

/* ------------------------------------------------------- the summary */

/* Domains shown to people at most: the rest are counted in one line. */
#define DOMAINS_SHOWN 20

static void summary_group(const scan *sc, int g)
{
	tally_row *r = tally_rows(&sc->by[g]);
	size_t i, n = sc->by[g].n, rest = 0;
	if (!r)
		return;
	if (g == BY_DOMAIN && !sc->c->json && !sc->c->tsv && n > DOMAINS_SHOWN) {
		for (i = DOMAINS_SHOWN; i < n; i++)
			rest += r[i].count;
		n = DOMAINS_SHOWN;
	}
	for (i = 0; i < n; i++) {
		if (sc->c->json) {
			fputs(i ? "," : "{", stdout);
			json_string(stdout, r[i].key, r[i].len);
			printf(":%zu", r[i].count);
		} else if (sc->c->tsv) {
			printf("%s\t", by_name[g]);
			show_tsv(stdout, r[i].key, r[i].len, 0);
			printf("%zu\n", r[i].count);
		} else { /* with its share of the records */
			fputs("  ", stdout);
			show_text(stdout, r[i].key, r[i].len, 200);
			printf("%*s %8zu %5.1f%%\n",
			       r[i].len < 24 ? (int)(24 - r[i].len) : 0, "",
			       r[i].count,
			       100.0 * (double)r[i].count / (double)sc->records);
		}
	}
	if (rest)
		printf("  (%zu more domains, %zu records; --tsv lists them "
		       "all)\n", sc->by[g].n - n, rest);
	if (sc->c->json)
		fputs(sc->by[g].n ? "}" : "{}", stdout);
	free(r);
}

static void summary(const scan *sc)
{
	const size_t v[] = { sc->records, sc->files, sc->messages,
			     sc->not_bounces, sc->log_lines, sc->binary,
			     sc->unreadable };
	const char *const name[] = { "records", "files", "messages",
				     "not_bounces", "log_lines", "binary",
				     "unreadable" };
	size_t i;
	int g;
	for (i = 0; i < sizeof v / sizeof *v; i++) {
		if (sc->c->json)
			printf("%s\"%s\":%zu", i ? "," : "{", name[i], v[i]);
		else if (sc->c->tsv)
			printf("total\t%s\t%zu\n", name[i], v[i]);
		else
			printf("%-12s %zu\n", name[i], v[i]);
	}
	for (g = 0; g < NBY; g++) {
		if (sc->c->json) {
			printf(",\"%s\":", by_name[g]);
		} else if (!sc->c->tsv) {
			printf("by %s:\n", by_name[g]);
		}
		summary_group(sc, g);
	}
	if (sc->c->json)
		fputs("}\n", stdout);
}

int cmd_scan(cli *c, int argc, char **argv)
{
	static char dash[] = "-";
	static char *std_in[] = { dash };
	scan sc;
	int i, g;

	memset(&sc, 0, sizeof sc);
	sc.c = c;
	if (cli_check_filters(c) < 0)
		return EXIT_USAGE;
	if (argc == 0 && isatty(STDIN_FILENO)) {
		cli_error(c, "scan needs files or directories to read, or - "
			     "for standard input");
		return EXIT_USAGE;
	}
	if (argc == 0) {
		argc = 1;
		argv = std_in;
	}
	if (c->tsv && !c->summary && !c->json)
		fputs(show_scan_columns, stdout);
	rotated_order((const char **)argv, (size_t)argc);
	for (i = 0; i < argc && !sc.oom && !ferror(stdout); i++)
		walk(&sc, argv[i], 0); /* a write failed: main says so */
	if (c->final && !sc.oom)
		final_records(&sc);
	last_free(&sc.last);
	maillog_free(&sc.log);
	if (c->summary && !sc.oom)
		summary(&sc);
	for (g = 0; g < NBY; g++)
		tally_free(&sc.by[g]);
	if (sc.not_bounces)
		fprintf(stderr, "%s: %zu message%s not a bounce; skipped\n",
			c->prog, sc.not_bounces, sc.not_bounces == 1 ? " was" : "s were");
	if (sc.delivered)
		fprintf(stderr, "%s: %zu recipient%s of the logs or events %s "
				"delivered (%zu after a deferral); left out\n",
			c->prog, sc.delivered, sc.delivered == 1 ? "" : "s",
			sc.delivered == 1 ? "was" : "were", sc.recovered);
	if (sc.filtered)
		fprintf(stderr, "%s: %zu record%s not match the filters; "
				"left out\n", c->prog, sc.filtered,
			sc.filtered == 1 ? " did" : "s did");
	if (sc.oom) {
		cli_error(c, "out of memory");
		return EXIT_UNREADABLE;
	}
	if (sc.unreadable)
		return EXIT_UNREADABLE;
	if (sc.records == 0) {
		fprintf(stderr, "%s: no failed recipient %s\n", c->prog,
			sc.filtered ? "matches" : "found");
		return EXIT_UNKNOWN;
	}
	return EXIT_FOUND;
}
