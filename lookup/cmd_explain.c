/* smtpcode explain TEXT... | -: explain reply lines. With -, standard
 * input holds one reply per line, or whole multi-line replies
 * ("550-5.7.26 ..." continued up to "550 5.7.26 ..."), or a bounce's
 * paragraphs as they were wrapped (lines indented deeper go on with the
 * line before), or a whole bounce
 * message (or an mbox of them): then each recipient it names is explained
 * with the server's reply about it. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "esp.h"
#include "maillog.h"
#include "stream.h"

/* Longest reply explained; the rest of a longer one is not read, and a
 * warning says so. */
#define REPLY_MAX 65536

/* A reply code (2xx to 5xx) starts the line s. */
static int coded(const char *s, size_t len)
{
	return len >= 3 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0' &&
	       s[1] <= '9' && s[2] >= '0' && s[2] <= '9';
}

/* Whether the line s, a multi-line reply's first ("550-5.2.1 "), holds its
 * last line's codes too (" 550 5.2.1 "): its lines joined, as Postfix and
 * the DSNs it writes give them ("550-5.2.1 The email account ... 550 5.2.1
 * https:..."). Without an enhanced code it cannot tell: "550-limit of 550
 * messages" may go on. */
static int joined(const char *s, size_t len)
{
	size_t n = 4, i; /* the codes' length, with the blank after them */
	while (n < len && s[n] != ' ')
		n++;
	if (n == 4 || n >= len || !(s[4] == '2' || s[4] == '4' || s[4] == '5') ||
	    s[5] != '.')
		return 0;
	for (i = n; i + n + 1 <= len; i++)
		if (s[i] == ' ' && memcmp(s + i + 1, s, 3) == 0 &&
		    s[i + 4] == ' ' && memcmp(s + i + 5, s + 4, n - 4) == 0 &&
		    (i + n + 1 == len || s[i + n + 1] == ' '))
			return 1;
	return 0;
}

/* "550-" starts or continues a multi-line reply, unless the line holds
 * the whole reply; "550 " ends one. */
static int continues(const char *s, size_t len)
{
	return coded(s, len) && len >= 4 && s[3] == '-' && !joined(s, len);
}

/* A line that starts with another reply code than the open reply's
 * first line: a reply of its own, as every line of a multi-line reply
 * has the same code (RFC 5321, 4.2.1). */
static int other_reply(const char *open, const char *s, size_t len)
{
	return coded(s, len) &&
	       (len == 3 || s[3] == ' ' || s[3] == '-' || s[3] == '\r') &&
	       memcmp(open, s, 3) != 0;
}

void explain_unknown(smtpcode_result *r, bounce_str action, int expired)
{
	if (r->reason)
		return;
	if (action.len == 9 && memcmp(action.s, "delivered", 9) == 0) {
		/* a delivery that gave no reply code ("Test delivery") */
		r->reason = smtpcode_reason(SMTPCODE_REASON_DELIVERED);
		r->verdict = SMTPCODE_SUCCESS;
		r->by = r->reason;
		return;
	}
	r->reason = smtpcode_reason(expired ? SMTPCODE_REASON_EXPIRED
					    : SMTPCODE_REASON_UNDEFINED);
	if (r->reason && r->verdict == SMTPCODE_NONE) {
		r->verdict = smtpcode_verdict_of(r->reason, 5);
		r->act = smtpcode_act_of(r->reason, 5);
		r->by = r->reason;
	}
}

/* Says that the reply of the line (or message) lineno was longer than
 * REPLY_MAX bytes, and that its first kept bytes were explained. */
static void said_long(const cli *c, const char *where, size_t lineno,
		      size_t kept)
{
	fprintf(stderr, "%s: %s %zu: reply longer than %d bytes; explained "
			"its first %zu bytes\n", c->prog, where, lineno,
		REPLY_MAX, kept);
}

/* Explains one reply: of the line lineno, or of its recipient rc (where
 * says whether lineno counts lines or messages). step: the command it
 * answered (SMTPCODE_PHASE_), when a log line or a bounce said it; else
 * the text tells ("in reply to MAIL FROM command") or not. expired: a
 * log line said that the message expired in the queue, which is what is
 * known of a recipient without a reply. */
static int explain_one(const cli *c, const char *where, const char *text,
		       size_t len, size_t lineno, const bounce_rcpt *rc,
		       uint32_t step, int expired)
{
	smtpcode_result r;
	int found;

	if (memchr(text, '\0', len)) {
		fprintf(stderr, "%s: %s %zu: binary data, not a reply; "
				"skipped\n", c->prog, where, lineno);
		return 0;
	}
	if (len > REPLY_MAX) {
		said_long(c, where, lineno, REPLY_MAX);
		len = REPLY_MAX;
	}
	/* with no step, the text's own command counts (smtpcode_explain_at) */
	found = smtpcode_explain_at(text, len, step, &r);
	if (rc)
		explain_unknown(&r, rc->action, expired);
	if (c->json)
		json_explain(stdout, text, len, &r, rc);
	else
		show_explain(c, stdout, text, len, &r, rc);
	return found > 0 || (rc && expired);
}

/* Where explain - is in its input: the numbers go on from one read to
 * the next, and so does what the lines of a mail log leave for the next
 * (qmail's deliveries). */
typedef struct lines {
	size_t lineno; /* of the last line explained */
	size_t misses; /* replies in which nothing was found */
	int shown;     /* replies shown */
	int binary;    /* lines of binary data skipped */
	maillog_ctx log;
	int long_open;      /* a reply too long was explained, and its
	                       lines that go on with it are skipped: */
	char long_code[3];  /* its first line's first bytes, */
	size_t long_indent; /* that line's indent, */
	int long_goes_on;   /* and whether its last said "550-" */
} lines;

/* Lines of binary data skipped, each said, before the input is taken for
 * a binary file and not read further (a stray NUL in text is skipped with
 * its line; /bin/ls is not explained line by line). */
#define BINARY_MAX 5

/* A blank line between the answers for people. */
static void next_answer(const cli *c, lines *ls)
{
	if (ls->shown++ && !c->json && c->detail != DETAIL_TERSE)
		putchar('\n');
}

/* The recipient rc with the reply about it, of the line or message n. */
static int explain_rcpt(const cli *c, const char *where,
			const bounce_rcpt *rc, size_t n, uint32_t step,
			int expired)
{
	size_t tlen;
	char *t = explain_text(rc, &tlen);
	int found = explain_one(c, where, t ? t : rc->diag.len ? rc->diag.s : "",
				tlen, n, rc, step, expired);
	free(t);
	return found;
}

/* A line of a mail log (Postfix's, Exim's, qmail's ...: what scan reads)
 * is explained as scan would: each recipient it names with the reply
 * about it, without the log's words around it. Returns 0 when s is no
 * such line, else 1, and adds to the misses. */
static int explain_logged(const cli *c, lines *ls, const char *s, size_t len,
			  size_t lineno)
{
	maillog_rec lr;
	size_t at = 0;
	int any = 0;
	while (maillog_next(&ls->log, s, len, &at, &lr)) {
		bounce_rcpt rc;
		size_t ra = 0;
		int found = 0;
		any = 1;
		while (maillog_recipient(&lr, &ra, &rc)) {
			next_answer(c, ls);
			found |= explain_rcpt(c, "line", &rc, lineno,
					      bounce_step(lr.command),
					      lr.expired);
		}
		ls->misses += !found;
	}
	return any;
}

/* The lines of s joined in place, each line end with the blanks that
 * indent the next line made one blank; the new length. */
static size_t unfold(char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++) {
		if (s[i] != '\n' && s[i] != '\r') {
			s[n++] = s[i];
			continue;
		}
		while (i + 1 < len && (s[i + 1] == '\r' || s[i + 1] == '\n' ||
				       s[i + 1] == ' ' || s[i + 1] == '\t'))
			i++;
		s[n++] = ' ';
	}
	return n;
}

/* One reply, its lines joined; or a line of a mail log. cut: the reply
 * went on past REPLY_MAX bytes, and its lines after them are not read. */
static void explain_reply(const cli *c, lines *ls, char *s, size_t len,
			  size_t lineno, int cut)
{
	size_t i;
	if (memchr(s, '\0', len)) {
		if (++ls->binary < BINARY_MAX)
			fprintf(stderr, "%s: line %zu: binary data, not a reply; "
					"skipped\n", c->prog, lineno);
		else
			fprintf(stderr, "%s: line %zu: binary data again: not "
					"text; the rest is not read\n", c->prog,
				lineno);
		ls->misses++;
		return;
	}
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				s[i] == '\n'); i++)
		;
	if (i == len || explain_logged(c, ls, s, len, lineno))
		return; /* a blank line, or a log's */
	len = unfold(s, len);
	if (cut && len <= REPLY_MAX) /* else explain_one says so */
		said_long(c, "line", lineno, len);
	next_answer(c, ls);
	if (!explain_one(c, "line", s, len, lineno, NULL, 0, 0))
		ls->misses++;
}

/* The blanks that indent the line s. */
static size_t indent_of(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Whether the line s goes on with a reply whose first line is indented
 * by ind: a line of a bounce's wrapped paragraph, indented deeper and not
 * blank ("<bob@example.org>: host ... said: 550 5.1.1" and then
 * "    <bob@example.org>: Recipient address rejected ..."). */
static int wrapped(const char *s, size_t len, size_t ind)
{
	size_t i = indent_of(s, len);
	return i > ind && i < len;
}

/* Whether the line s (its line end aside) belongs to the reply that was
 * too long to keep open, the rest of which is not explained. */
static int rest_of_long(lines *ls, const char *s, size_t len)
{
	if ((ls->long_goes_on && !other_reply(ls->long_code, s, len)) ||
	    wrapped(s, len, ls->long_indent)) {
		ls->long_goes_on = continues(s, len);
		return 1;
	}
	ls->long_open = 0;
	return 0;
}

/* A reply that has grown past REPLY_MAX is explained as it is (its first
 * REPLY_MAX bytes), and the lines that go on with it are not read. */
static void close_long(lines *ls, const char *first, size_t ind,
		       const char *last, size_t last_len)
{
	ls->long_open = 1;
	memcpy(ls->long_code, first, 3);
	ls->long_indent = ind;
	ls->long_goes_on = continues(last, last_len);
}

/* Explains the replies in the whole lines s[0..len). A reply is a line,
 * and the lines that go on with it: those of a multi-line reply ("550-...")
 * up to its last ("550 ..."), and those indented deeper than its first
 * (a bounce's paragraph, wrapped). Returns how much of s it took: up to a
 * reply that may still go on, or all of s when the input ended. When it
 * has not ended but nothing more came for a while (idle: a reply typed on
 * a terminal, a live log), a reply is taken as whole unless its last line
 * says "550-". */
static size_t explain_lines(const cli *c, lines *ls, char *s, size_t len,
			    int ended, int idle)
{
	size_t at = 0, done = 0, line = ls->lineno, first = 0, ind = 0;
	while (at < len && ls->binary < BINARY_MAX) {
		char *nl = memchr(s + at, '\n', len - at);
		size_t from = at, e = nl ? (size_t)(nl - s) : len, n, ne;
		int more;
		line++;
		if (e > from && s[e - 1] == '\r')
			e--;
		at = nl ? (size_t)(nl - s) + 1 : len;
		if (ls->long_open && from == done &&
		    rest_of_long(ls, s + from, e - from)) {
			done = at;
			ls->lineno = line;
			continue;
		}
		if (from == done)
			first = line, ind = indent_of(s + from, e - from);
		more = continues(s + from, e - from);
		if (ind == e - done) /* a blank line: no reply goes on */
			more = 0;
		else if (at >= len) { /* the next line is not there yet */
			if (!ended && (more || !idle))
				break;
			more = 0;
		} else {
			char *nnl = memchr(s + at, '\n', len - at);
			ne = nnl ? (size_t)(nnl - s) : len;
			n = ne - at;
			if (n && s[ne - 1] == '\r')
				n--;
			more = indent_of(s + at, n) == n ? 0 /* blank */
			       : more ? !other_reply(s + done, s + at, n)
				      : wrapped(s + at, n, ind);
		}
		if (more && e - done <= REPLY_MAX)
			continue;
		if (more)
			close_long(ls, s + done, ind, s + from, e - from);
		explain_reply(c, ls, s + done, e - done, first, more);
		done = at;
		ls->lineno = line;
	}
	return ended ? len : done;
}

/* A feedback report or an automatic reply: not a failure, whatever codes
 * its text holds; the catalog's reason says so. */
void explain_noted(bounce_kind kind, smtpcode_result *r)
{
	memset(r, 0, sizeof *r);
	r->reason = smtpcode_reason(kind == BOUNCE_FEEDBACK
					    ? SMTPCODE_REASON_FEEDBACK
					    : SMTPCODE_REASON_VACATION);
	r->verdict = SMTPCODE_NONE;
	if (r->reason) {
		r->verdict = smtpcode_verdict_of(r->reason, 5);
		r->act = smtpcode_act_of(r->reason, 5);
		r->by = r->reason; /* what people are shown too */
	}
}

static void show_noted(const cli *c, const bounce_rcpt *rc, bounce_kind kind)
{
	const char *text = rc->diag.len ? rc->diag.s : "";
	smtpcode_result r;
	explain_noted(kind, &r);
	if (c->json)
		json_explain(stdout, text, rc->diag.len, &r, rc);
	else
		show_explain(c, stdout, text, rc->diag.len, &r, rc);
}

/* The text explained for a recipient: the server's reply, with the DSN's
 * Status in front when the reply has no enhanced code of its own (then
 * returned in memory the caller frees; else NULL, and the reply is the
 * text). */
char *explain_text(const bounce_rcpt *rc, size_t *len)
{
	smtpcode_result r;
	char *t;
	smtpcode_codes(rc->diag.s, rc->diag.len, &r);
	*len = rc->diag.len;
	if (r.status_len || !rc->status.len ||
	    !(t = malloc(rc->status.len + 1 + rc->diag.len)))
		return NULL; /* out of memory: the reply alone */
	memcpy(t, rc->status.s, rc->status.len);
	*len = rc->status.len;
	if (rc->diag.len) {
		t[(*len)++] = ' ';
		memcpy(t + *len, rc->diag.s, rc->diag.len);
		*len += rc->diag.len;
	}
	return t;
}

/* The recipients of the message (or event) m, the n-th of its input:
 * each with the server's reply about it. Returns 1 when one of them had a
 * reply that says something; else says so on standard error. */
static int explain_msg(const cli *c, const bounce_msg *m, const char *what,
		       size_t n, int *shown)
{
	size_t i;
	int found = 0;
	for (i = 0; i < m->n; i++) {
		const bounce_rcpt *rc = &m->rcpt[i];
		if ((*shown)++ && !c->json && c->detail != DETAIL_TERSE)
			putchar('\n');
		if (m->kind != BOUNCE_FAILURE) {
			show_noted(c, rc, m->kind);
			found = 1;
			continue;
		}
		found |= explain_rcpt(c, what, rc, n,
				      bounce_step(bounce_rcpt_command(rc)), 0);
	}
	if (!found)
		fprintf(stderr, "%s: %s %zu: no reply with a code or a known "
				"phrase found\n", c->prog, what, n);
	return found;
}

/* Explains each recipient of each message; returns the count of messages
 * in which no recipient had a reply that says something, or -1 when out
 * of memory. */
static long explain_messages(const cli *c, const char *s, size_t len)
{
	size_t at = 0, nmsg = 0;
	long misses = 0;
	int shown = 0;
	bounce_str msg;
	while (bounce_next(s, len, &at, &msg)) {
		bounce_msg m;
		nmsg++;
		if (bounce_read(msg.s, msg.len, &m) < 0) {
			bounce_free(&m);
			return -1;
		}
		misses += !explain_msg(c, &m, "message", nmsg, &shown);
		bounce_free(&m);
	}
	return misses;
}

/* The events of an email service (esp.h), one by one. */
typedef struct events {
	const cli *c;
	size_t n;
	long misses;
	int shown;
} events;

static int explain_event(bounce_msg *m, void *arg)
{
	events *ev = arg;
	ev->misses += !explain_msg(ev->c, m, "event", ++ev->n, &ev->shown);
	return 0;
}

/* The same for each event of s: returns how many events there were (0:
 * s holds none, it is to be read as replies), or -1 when out of memory. */
static long explain_events(const cli *c, const char *s, size_t len,
			   long *misses)
{
	events ev;
	long n;
	memset(&ev, 0, sizeof ev);
	ev.c = c;
	n = esp_each(s, len, explain_event, &ev, NULL);
	*misses = ev.misses;
	return n;
}

/* The exit status of replies read one per line; input with none
 * (blank lines) says so. */
static int lines_end(const cli *c, const lines *ls)
{
	if (!ls->shown && !ls->misses) {
		cli_error(c, "standard input holds no reply");
		return EXIT_UNKNOWN;
	}
	return ls->misses ? EXIT_UNKNOWN : EXIT_FOUND;
}

/* Whole messages (or an mbox), or replies one per line. */
static int explain_whole(const cli *c, stream *st)
{
	lines ls = { 0 };
	long r, n = 0;
	stream_lf(st->s, st->len);
	if (bounce_is_message(st->s, st->len))
		r = explain_messages(c, st->s, st->len);
	else if (esp_is(st->s, st->len) &&
		 (n = explain_events(c, st->s, st->len, &r)) != 0)
		r = n < 0 ? -1 : r;
	else {
		explain_lines(c, &ls, st->s, st->len, 1, 1);
		maillog_free(&ls.log);
		return lines_end(c, &ls);
	}
	if (r < 0) {
		cli_error(c, "out of memory");
		return EXIT_UNREADABLE;
	}
	return r ? EXIT_UNKNOWN : EXIT_FOUND;
}

/* How long explain - waits for a line that may go on with the last
 * reply before it takes that reply as whole, in ms. A file, or a pipe
 * fed by a program, gives its next line at once; a reply typed or pasted
 * on a terminal, or a log line that `tail -f` passes, is answered after
 * that long. */
#define WRAP_WAIT_MS 100

/* Whether nothing more came to read within WRAP_WAIT_MS. */
static int idle(const stream *st)
{
	struct pollfd p;
	p.fd = st->fd;
	p.events = POLLIN;
	return !st->eof && poll(&p, 1, WRAP_WAIT_MS) == 0;
}

/* Says that stream_whole cut the line n (stream.h). */
static void said_cut(size_t n, void *arg)
{
	const cli *c = arg;
	fprintf(stderr, "%s: line %zu: longer than %d bytes; only its first "
			"%d were read\n", c->prog, n, STREAM_LINE_MAX,
		STREAM_LINE_MAX);
}

/* Standard input, read as it comes: each reply is explained as soon as
 * it is whole, so that a reply pasted on a terminal is answered at once.
 * What may be a message (its first line a header field or an mbox "From "
 * line) is read whole first. */
static int from_stdin(const cli *c)
{
	stream st;
	lines ls = { 0 };
	int rc = EXIT_FOUND;
	const char *first;
	stream_init(&st, STDIN_FILENO);
	st.cut = said_cut;
	st.arg = (void *)c;
	if (stream_first_line(&st, REPLY_MAX) < 0)
		goto unreadable;
	first = st.s + strspn(st.s, " \t\r\n"); /* past blank lines */
	if (st.eof && st.len == 0) {
		cli_error(c, "standard input is empty");
		rc = EXIT_UNKNOWN;
	} else if (bounce_may_start(first, strcspn(first, "\r\n")) ||
		   esp_may_start(first, strcspn(first, "\r\n"))) {
		if (stream_rest(&st) < 0)
			goto unreadable;
		rc = explain_whole(c, &st);
	} else {
		for (;;) {
			size_t end = stream_whole(&st, 1);
			/* a part of the next line there already: not idle */
			int quiet = end == st.len && idle(&st);
			stream_drop(&st, explain_lines(c, &ls, st.s, end, st.eof,
						       quiet));
			fflush(stdout);
			/* a reader gone with SIGPIPE ignored: main says so */
			if (st.eof || ls.binary >= BINARY_MAX || ferror(stdout))
				break;
			if (stream_fill(&st) < 0)
				goto unreadable;
		}
		rc = lines_end(c, &ls);
	}
	stream_free(&st);
	maillog_free(&ls.log);
	return rc;
unreadable:
	cli_error(c, "standard input: %s", strerror(errno));
	stream_free(&st);
	maillog_free(&ls.log);
	return EXIT_UNREADABLE;
}

int cmd_explain(cli *c, int argc, char **argv)
{
	lines ls = { 0 };
	long misses, nev;
	size_t len = 0;
	char *text;
	int i;

	if (argc == 0) {
		cli_error(c, "explain needs a reply, or - to read standard "
			     "input");
		return EXIT_USAGE;
	}
	if (strcmp(argv[0], "-") == 0) {
		if (argc == 1)
			return from_stdin(c);
		/* a "-" inside a pasted reply is a word of it */
		cli_error(c, "explain: - reads standard input, and takes no "
			     "other text");
		return EXIT_USAGE;
	}
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = malloc(len + 1);
	if (!text) {
		cli_error(c, "out of memory");
		return EXIT_UNREADABLE;
	}
	text[0] = '\0';
	for (i = 0, len = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (i)
			text[len++] = ' ';
		memcpy(text + len, argv[i], n);
		len += n;
	}
	if (len == 0) {
		cli_error(c, "explain: the reply is empty");
		free(text);
		return EXIT_UNKNOWN;
	}
	if (esp_is(text, len) && /* an email service's event, pasted */
	    (nev = explain_events(c, text, len, &misses)) != 0) {
		ls.misses = nev < 0 || misses;
		if (nev < 0)
			cli_error(c, "out of memory");
	} else if (!explain_logged(c, &ls, text, len, 1) &&
		   !explain_one(c, "line", text, len, 1, NULL, 0, 0)) {
		ls.misses++;
	}
	maillog_free(&ls.log);
	free(text);
	return ls.misses ? EXIT_UNKNOWN : EXIT_FOUND;
}
