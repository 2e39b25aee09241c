#define _GNU_SOURCE /* memmem, memrchr */
#include "maillog.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static bounce_str span(const char *s, const char *e)
{
	bounce_str b;
	b.s = s;
	b.len = e > s ? (size_t)(e - s) : 0;
	return b;
}

static bounce_str lit(const char *s)
{
	bounce_str b;
	b.s = s;
	b.len = strlen(s);
	return b;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of " name" in [s, e): what follows up to a comma or a blank,
 * or the end. Returns 0 when the field is not there. */
static int field(const char *s, const char *e, const char *name,
		 bounce_str *out)
{
	size_t n = strlen(name);
	const char *p = s, *v;
	while ((p = memmem(p, (size_t)(e - p), name, n)) != NULL) {
		if (p > s && p[-1] == ' ')
			break;
		p += n;
	}
	if (!p)
		return 0;
	for (v = p + n; v < e && *v != ',' && *v != ' '; v++)
		;
	*out = span(p + n, v);
	return 1;
}

/* An address without the angle brackets around it. */
static bounce_str bare(bounce_str a)
{
	if (a.len >= 2 && a.s[0] == '<' && a.s[a.len - 1] == '>')
		a.s++, a.len -= 2;
	return a;
}

/* ---------------------------------------------------- the reply's command */

static const struct {
	const char *word, *command;
} commands[] = {
	{ "RCPT", "RCPT TO" },     { "MAIL", "MAIL FROM" },
	{ "DATA", "DATA" },        { "end of data", "DATA" },
	{ "BDAT", "DATA" },
	{ "EHLO", "EHLO" },        { "HELO", "HELO" },
	{ "STARTTLS", "STARTTLS" }, { "AUTH", "AUTH" },
	{ "initial connection", "CONNECT" }, { "greeting", "CONNECT" },
};

/* What follows "in reply to " (Postfix) or "after " (Exim) up to the end of
 * the phrase names the command. */
bounce_str maillog_command(const char *s, size_t len)
{
	static const char *const intro[] = { "in reply to ", "after " };
	const char *e;
	size_t i, j;
	if (len == 0)
		return span(s, s); /* s may be NULL */
	e = s + len;
	for (i = 0; i < sizeof intro / sizeof *intro; i++) {
		size_t n = strlen(intro[i]);
		const char *p = memmem(s, len, intro[i], n), *q;
		if (!p)
			continue;
		p += n;
		for (q = p; q < e && q - p < 40 && *q != ':' && *q != ')'; q++)
			;
		for (j = 0; j < sizeof commands / sizeof *commands; j++)
			if (memmem(p, (size_t)(q - p), commands[j].word,
				   strlen(commands[j].word)))
				return lit(commands[j].command);
	}
	return span(s, s);
}

/* ----------------------------------------------------------- Postfix */

/* "(host mx[1.2.3.4] said: 550 5.1.1 ... (in reply to RCPT TO command))":
 * the reply alone, and the command. */
static void postfix_diag(const char *p, const char *e, maillog_rec *out)
{
	static const char said[] = " said: ";
	const char *q;
	while (e > p && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	if (p < e && *p == '(' && e[-1] == ')')
		p++, e--;
	if ((q = memmem(p, (size_t)(e - p), said, sizeof said - 1)) != NULL &&
	    q - p < 200)
		p = q + sizeof said - 1;
	out->command = maillog_command(p, (size_t)(e - p));
	if (out->command.len && e > p && e[-1] == ')' &&
	    (q = memrchr(p, '(', (size_t)(e - p))) != NULL &&
	    memmem(q, (size_t)(e - q), "in reply to ", 12)) {
		for (e = q; e > p && e[-1] == ' '; e--)
			;
	}
	out->diag = span(p, e);
}

/* The queue id of a Postfix or Sendmail line: the word before ": to="
 * or ": from=" ("4F1A21C0A3"). */
static bounce_str queue_id(const char *s, const char *st)
{
	const char *p = memmem(s, (size_t)(st - s), ": to=", 5), *w;
	if (!p)
		p = memmem(s, (size_t)(st - s), ": from=", 7);
	if (!p)
		return span(s, s);
	for (w = p; w > s && w[-1] != ' '; w--)
		;
	return span(w, p);
}

/* A line of Postfix's: " status=" is at st. With delivered, status=sent
 * too. */
static int postfix_line(const char *s, const char *st, const char *e,
			int delivered, maillog_rec *out)
{
	bounce_str v;
	const char *p = st + 8; /* after " status=" */
	const char *w = p;
	while (w < e && *w != ' ' && *w != ',')
		w++;
	v = span(p, w);
	if (v.len == 7 && !memcmp(p, "bounced", 7))
		out->action = lit("failed");
	else if (v.len == 8 && !memcmp(p, "deferred", 8))
		out->action = lit("delayed");
	else if (v.len == 7 && !memcmp(p, "expired", 7))
		out->action = lit("failed"), out->expired = 1;
	else if (delivered && v.len == 4 && !memcmp(p, "sent", 4))
		out->action = lit("delivered");
	else
		return 0;
	out->qid = queue_id(s, st);
	if (field(s, st, "to=", &out->rcpt))
		out->rcpt = bare(out->rcpt);
	field(s, st, "dsn=", &out->status);
	while (w < e && (*w == ' ' || *w == ','))
		w++;
	postfix_diag(w, e, out);
	return 1;
}

/* ---------------------------------------------------------- Sendmail */

/* A line of Sendmail's: " stat=" is at st; a failure has a 4.x.x or
 * 5.x.x dsn, a delivery (with delivered) 2.x.x. The recipients are the
 * to= field, up to ", ". */
static int sendmail_line(const char *s, const char *st, const char *e,
			 int delivered, maillog_rec *out)
{
	const char *p, *q;
	if (!field(s, st, "dsn=", &out->status) || out->status.len < 5 ||
	    (out->status.s[0] != '4' && out->status.s[0] != '5' &&
	     (out->status.s[0] != '2' || !delivered)) ||
	    out->status.s[1] != '.')
		return 0;
	out->action = lit(out->status.s[0] == '5'   ? "failed"
			  : out->status.s[0] == '4' ? "delayed"
						    : "delivered");
	out->qid = queue_id(s, st);
	p = memmem(s, (size_t)(st - s), " to=", 4);
	if (p) {
		p += 4;
		q = memmem(p, (size_t)(e - p), ", ", 2);
		out->rcpt = span(p, q ? q : e);
	}
	p = st + 6;
	while (e > p && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = span(p, e);
	out->command = maillog_command(p, (size_t)(e - p));
	return 1;
}

/* --------------------------------------------------------- OpenSMTPD */

/* OpenSMTPD's result names, by what they say of the recipient. */
static const struct {
	const char *result, *action;
	int expired;
} smtpd_results[] = {
	{ "PermFail", "failed", 0 },  { "Loop", "failed", 0 },
	{ "Expire", "failed", 1 },    { "TempFail", "delayed", 0 },
	{ "Ok", "delivered", 0 },
};

/* A value that may be quoted: "a b" or a word; the quotes are not part of
 * it. A quoted value that is last on the line ends at its last quote. */
static bounce_str quoted(const char *p, const char *e, int last)
{
	const char *q;
	if (p < e && *p == '"') {
		p++;
		q = last ? memrchr(p, '"', (size_t)(e - p))
			 : memchr(p, '"', (size_t)(e - p));
		return span(p, q ? q : e);
	}
	if (last)
		return span(p, e);
	for (q = p; q < e && *q != ' ' && *q != ','; q++)
		;
	return span(p, q);
}

/* What OpenSMTPD's result says ("result=PermFail", or the queue's
 * "relay: Expire for ID:" and "delivery: ..."): 1 when the line is a
 * record, filling action and expired. */
static int smtpd_result(const char *s, const char *st, int delivered,
			maillog_rec *out)
{
	const char *p = memmem(s, (size_t)(st - s), " result=", 8);
	bounce_str r;
	size_t i;
	if (p)
		r = quoted(p + 8, st, 0);
	else if ((p = memmem(s, (size_t)(st - s), " delivery: ", 11)) != NULL)
		r = quoted(p + 11, st, 0);
	else if ((p = memmem(s, (size_t)(st - s), " relay: ", 8)) != NULL)
		r = quoted(p + 8, st, 0);
	else
		return 0;
	for (i = 0; i < sizeof smtpd_results / sizeof *smtpd_results; i++) {
		const char *n = smtpd_results[i].result;
		if (r.len != strlen(n) || memcmp(r.s, n, r.len) != 0)
			continue;
		if (!delivered && !strcmp(smtpd_results[i].action, "delivered"))
			return 0;
		out->action = lit(smtpd_results[i].action);
		out->expired = smtpd_results[i].expired;
		return 1;
	}
	return 0;
}

/* A line of OpenSMTPD's: " stat=" is at st.
 *   ID mta delivery evpid=ID from=<a@b> to=<c@d> rcpt=<-> source=".."
 *       relay=".." delay=1s result="PermFail" stat="550 5.1.1 ..."
 * The mda's lines write result and stat without quotes; the queue's say
 * "relay: Expire for ID: from=<a@b>, to=<c@d>, ..., stat=Envelope
 * expired". A message is known by the first half of the envelope id. */
static int smtpd_line(const char *s, const char *st, const char *e,
		      int delivered, maillog_rec *out)
{
	if (!smtpd_result(s, st, delivered, out) ||
	    !field(s, st, "to=", &out->rcpt))
		return 0;
	out->rcpt = bare(out->rcpt);
	if (field(s, st, "evpid=", &out->qid) ||
	    field(s, st, "for ", &out->qid)) {
		while (out->qid.len && out->qid.s[out->qid.len - 1] == ':')
			out->qid.len--;
		if (out->qid.len == 16)
			out->qid.len = 8; /* evpid: the message id, then more */
	}
	while (e > st && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = quoted(st + 6, e, 1);
	out->command = maillog_command(out->diag.s, out->diag.len);
	return 1;
}

/* -------------------------------------------------------------- Exim */

/* "2024-05-01 10:00:00": Exim's time stamp, where syslog writes
 * "May  1 10:00:00" or "2024-05-01T10:00:00". */
static int exim_stamp(const char *s, size_t len)
{
	return len >= 19 && digit(s[0]) && digit(s[3]) && s[4] == '-' &&
	       s[7] == '-' && s[10] == ' ' && digit(s[11]) && s[13] == ':' &&
	       s[16] == ':';
}

/* The next blank-separated word of [*p, e). */
static bounce_str word(const char **p, const char *e)
{
	const char *w;
	while (*p < e && **p == ' ')
		(*p)++;
	w = *p;
	while (*p < e && **p != ' ')
		(*p)++;
	return span(w, *p);
}

/* "DATE TIME [+ZONE] [[PID]] ID ** a@b [<orig>] R=..: text": ** failed,
 * == deferred; with delivered, => and -> delivered. */
static int exim_flag(bounce_str w, const char *p, const char *e,
		     int delivered, maillog_rec *out);

static int exim_line(const char *s, const char *e, int delivered,
		     maillog_rec *out)
{
	const char *p = s + 10;
	bounce_str w, id;
	word(&p, e); /* the time */
	w = word(&p, e);
	if (w.len && (w.s[0] == '+' || w.s[0] == '-'))
		w = word(&p, e); /* the time zone */
	if (w.len && w.s[0] == '[')
		w = word(&p, e); /* the process id */
	id = w;
	w = word(&p, e); /* after the message id: the flag */
	if (!exim_flag(w, p, e, delivered, out))
		return 0;
	out->qid = id;
	return 1;
}

/* From Exim's flag w on, p after it: "** a@b [<orig>] R=..: text". */
static int exim_flag(bounce_str w, const char *p, const char *e,
		     int delivered, maillog_rec *out)
{
	const char *q;
	if (w.len == 2 && delivered &&
	    (!memcmp(w.s, "=>", 2) || !memcmp(w.s, "->", 2))) {
		out->action = lit("delivered");
		out->rcpt = bare(word(&p, e));
		return 1;
	}
	if (w.len != 2 || (memcmp(w.s, "**", 2) && memcmp(w.s, "==", 2)))
		return 0;
	out->action = lit(w.s[0] == '*' ? "failed" : "delayed");
	out->rcpt = word(&p, e);
	if (out->rcpt.len && out->rcpt.s[out->rcpt.len - 1] == ':') {
		out->rcpt.len--; /* "** a@b: Unrouteable address" */
		q = p;
	} else {
		q = memmem(p, (size_t)(e - p), ": ", 2);
		q = q ? q + 1 : e;
	}
	out->rcpt = bare(out->rcpt);
	while (q < e && *q == ' ')
		q++;
	while (e > q && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = span(q, e);
	out->command = maillog_command(q, (size_t)(e - q));
	return 1;
}

/* ------------------------------------------------------------- qmail */

/* qmail-send's lines, after whatever stamps them (multilog's "@4000...",
 * splogger's "qmail: 1764323401.123456"):
 *   starting delivery 12: msg 4201 to remote a@b
 *   delivery 12: failure: 192.0.2.7_does_not_like_recipient./Remote_host_
 *       said:_550_5.1.1_<a@b>..._User_Unknown/Giving_up_on_192.0.2.7./
 * The result names the delivery, not the recipient: the start does. qmail
 * writes each blank of the report as "_" and ends its lines with "/". */
#define QMAIL_STARTED_MAX 4096 /* deliveries running at once, at most */
#define QMAIL_WORD_MAX 512      /* a longer address or message number is
                                   not kept: no address is that long */

/* "N: " at [*p, e): the delivery's number, *p moved past it. */
static int qmail_number(const char **p, const char *e, unsigned long *n)
{
	const char *q = *p;
	*n = 0;
	while (q < e && digit(*q) && *n < 100000000000UL)
		*n = *n * 10 + (unsigned long)(*q++ - '0');
	if (q == *p || e - q < 2 || q[0] != ':' || q[1] != ' ')
		return 0;
	*p = q + 2;
	return 1;
}

/* "msg 4201 to remote a@b" at p: the delivery n starts. */
static void qmail_start(maillog_ctx *c, unsigned long n, const char *p,
			const char *e)
{
	bounce_str w = word(&p, e), msg, rcpt;
	maillog_started *d;
	if (w.len != 3 || memcmp(w.s, "msg", 3))
		return;
	msg = word(&p, e);
	w = word(&p, e);
	if (w.len != 2 || memcmp(w.s, "to", 2))
		return;
	word(&p, e); /* local or remote */
	rcpt = word(&p, e);
	if (!msg.len || !rcpt.len || msg.len > QMAIL_WORD_MAX ||
	    rcpt.len > QMAIL_WORD_MAX)
		return;
	if (c->n == QMAIL_STARTED_MAX) { /* the oldest never ended */
		free(c->v[0].rcpt), free(c->v[0].msg);
		memmove(c->v, c->v + 1, --c->n * sizeof *c->v);
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		maillog_started *t = realloc(c->v, cap * sizeof *t);
		if (!t) {
			c->oom = 1;
			return;
		}
		c->v = t, c->cap = cap;
	}
	d = &c->v[c->n];
	d->id = n;
	d->rcpt = bounce_dup(rcpt);
	d->msg = bounce_dup(msg);
	if (!d->rcpt || !d->msg) {
		free(d->rcpt), free(d->msg);
		c->oom = 1;
		return;
	}
	c->n++;
}

/* The delivery n ends: its recipient and message become the record's
 * (kept until the next record), and it is forgotten. */
static void qmail_end(maillog_ctx *c, unsigned long n, maillog_rec *out)
{
	size_t i;
	free(c->rcpt), free(c->msg);
	c->rcpt = c->msg = NULL;
	for (i = c->n; i-- > 0;) {
		if (c->v[i].id != n)
			continue;
		c->rcpt = c->v[i].rcpt, c->msg = c->v[i].msg;
		memmove(c->v + i, c->v + i + 1, (c->n - i - 1) * sizeof *c->v);
		c->n--;
		out->rcpt = lit(c->rcpt);
		out->qid = lit(c->msg);
		return;
	}
}

/* qmail-remote's own words for the command a reply refused ("192.0.2.7
 * does not like recipient."). */
static const struct {
	const char *words, *command;
} qmail_commands[] = {
	{ " does not like recipient.", "RCPT TO" },
	{ " but sender was rejected.", "MAIL FROM" },
	{ " but my name was rejected.", "HELO" },
	{ " but greeting failed.", "CONNECT" },
	{ " failed on DATA command.", "DATA" },
	{ " failed after I sent the message.", "DATA" },
};

static bounce_str qmail_command(bounce_str text)
{
	size_t i;
	for (i = 0; i < sizeof qmail_commands / sizeof *qmail_commands; i++)
		if (memmem(text.s, text.len, qmail_commands[i].words,
			   strlen(qmail_commands[i].words)))
			return lit(qmail_commands[i].command);
	return span(text.s, text.s);
}

/* Room for a text of n bytes and a NUL in c->text; 0, or -1 (c->oom). */
static int text_room(maillog_ctx *c, size_t n)
{
	char *t;
	if (n + 1 <= c->text_cap)
		return 0;
	if (!(t = realloc(c->text, n + 1))) {
		c->oom = 1;
		return -1;
	}
	c->text = t, c->text_cap = n + 1;
	return 0;
}

/* The report as qmail meant it: blanks for "_", no "/" at the end. */
static bounce_str qmail_text(maillog_ctx *c, const char *p, const char *e)
{
	size_t i, n;
	while (e > p && (e[-1] == '/' || e[-1] == ' ' || e[-1] == '\r'))
		e--;
	n = (size_t)(e - p);
	if (text_room(c, n) < 0)
		return span(p, e);
	for (i = 0; i < n; i++)
		c->text[i] = p[i] == '_' ? ' ' : p[i];
	c->text[n] = '\0';
	return span(c->text, c->text + n);
}

static const struct {
	const char *word, *action;
} qmail_results[] = {
	{ "failure: ", "failed" },
	{ "deferral: ", "delayed" },
	{ "success: ", "delivered" },
};

/* A line [s, e) of qmail-send's: 1 when it is a record; a start is kept
 * in c. */
static int qmail_line(maillog_ctx *c, const char *s, const char *e,
		      int delivered, maillog_rec *out)
{
	const char *p = memmem(s, (size_t)(e - s), "delivery ", 9);
	unsigned long n;
	size_t i;
	if (!p || (p > s && p[-1] != ' '))
		return 0;
	while (e > p && e[-1] == '\r')
		e--;
	if (p - s >= 9 && !memcmp(p - 9, "starting ", 9)) {
		p += 9;
		if (qmail_number(&p, e, &n))
			qmail_start(c, n, p, e);
		return 0;
	}
	p += 9;
	if (!qmail_number(&p, e, &n))
		return 0;
	for (i = 0; i < sizeof qmail_results / sizeof *qmail_results; i++) {
		size_t k = strlen(qmail_results[i].word);
		if ((size_t)(e - p) < k || memcmp(p, qmail_results[i].word, k))
			continue;
		qmail_end(c, n, out);
		if (!delivered &&
		    !strcmp(qmail_results[i].action, "delivered"))
			return 0;
		out->action = lit(qmail_results[i].action);
		out->diag = qmail_text(c, p + k, e);
		out->command = qmail_command(out->diag);
		return 1;
	}
	return 0;
}

/* A log with a line of qmail-send's in its first 64 KiB ("delivery 12: "
 * after a blank or at the start of a line) is read line by line. */
static int qmail_log(const char *s, size_t len)
{
	const char *e = s + (len < 65536 ? len : 65536), *p = s;
	unsigned long n;
	while ((p = memmem(p, (size_t)(e - p), "delivery ", 9)) != NULL) {
		const char *q = p + 9;
		if ((p == s || p[-1] == ' ' || p[-1] == '\n') &&
		    qmail_number(&q, e, &n))
			return 1;
		p += 9;
	}
	return 0;
}

/* ---------------------------------------------------------- PowerMTA */

/* PowerMTA's accounting files are CSV, under a header line that names
 * the columns ("type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,
 * dsnStatus,dsnDiag,..."): a row of type b (a bounce), rb (a bounce that
 * came back later) or t (a transient failure) is a record; d (delivered)
 * too with delivered. The columns are found by name. A message is known
 * by the time it was queued. */
static const char *const pmta_names[PMTA_NCOLS] = {
	"type", "rcpt", "dsnStatus", "dsnDiag", "timeQueued"
};

static const struct {
	const char *type, *action;
} pmta_types[] = {
	{ "b", "failed" }, { "rb", "failed" }, { "t", "delayed" },
	{ "d", "delivered" },
};

/* The next CSV field of [*p, e), *p moved past its comma; *quoted set
 * when it was in quotes (its span is then inside them, "" not undone). */
static bounce_str csv_field(const char **p, const char *e, int *quoted)
{
	const char *q = *p, *f;
	*quoted = q < e && *q == '"';
	if (*quoted) {
		f = ++q;
		while (q < e && !(*q == '"' && (q + 1 == e || q[1] != '"')))
			q += *q == '"' ? 2 : 1;
		*p = q < e ? q + 1 : e;
		if (*p < e && **p == ',')
			(*p)++;
		return span(f, q < e ? q : e);
	}
	f = q;
	while (q < e && *q != ',')
		q++;
	*p = q < e ? q + 1 : e;
	return span(f, q);
}

/* A header line: where each column that a record needs is. 1 when it is
 * PowerMTA's (it names type, rcpt and dsnDiag). */
static int pmta_header(maillog_ctx *c, const char *p, const char *e)
{
	int at[PMTA_NCOLS], col, k, quoted;
	if (e - p < 5 || memcmp(p, "type,", 5) != 0)
		return 0;
	while (e > p && e[-1] == '\r')
		e--;
	for (k = 0; k < PMTA_NCOLS; k++)
		at[k] = -1;
	for (col = 0; p < e; col++) {
		bounce_str f = csv_field(&p, e, &quoted);
		for (k = 0; k < PMTA_NCOLS; k++)
			if (f.len == strlen(pmta_names[k]) &&
			    !memcmp(f.s, pmta_names[k], f.len))
				at[k] = col;
	}
	if (at[PMTA_TYPE] < 0 || at[PMTA_RCPT] < 0 || at[PMTA_DIAG] < 0)
		return 0;
	memcpy(c->pmta_col, at, sizeof at);
	return 1;
}

/* A quoted field's value, its "" undone, copied to t; its length. */
static size_t csv_unquote(char *t, bounce_str f)
{
	size_t i, n = 0;
	for (i = 0; i < f.len; i++) {
		t[n++] = f.s[i];
		if (f.s[i] == '"' && i + 1 < f.len && f.s[i + 1] == '"')
			i++;
	}
	return n;
}

/* The recipient and the diagnostic of a row as PowerMTA meant them: a
 * quoted field's "" undone (in c->text), the diagnostic without its type
 * ("smtp;550 5.1.1 ..."). */
static void pmta_values(maillog_ctx *c, const bounce_str *f, const int *q,
			maillog_rec *out)
{
	bounce_str r = f[PMTA_RCPT], d = f[PMTA_DIAG];
	const char *semi = d.len ? memchr(d.s, ';', d.len) : NULL;
	if (semi && semi - d.s <= 16) {
		d.len -= (size_t)(semi + 1 - d.s);
		d.s = semi + 1;
	}
	if ((q[PMTA_RCPT] && memchr(r.s, '"', r.len)) ||
	    (q[PMTA_DIAG] && memchr(d.s, '"', d.len))) {
		if (text_room(c, r.len + d.len + 1) == 0) {
			size_t n = csv_unquote(c->text, r);
			r = span(c->text, c->text + n);
			d = span(c->text + n, c->text + n +
					     csv_unquote(c->text + n, d));
		}
	}
	out->rcpt = bare(r);
	out->diag = d;
}

/* A row [p, e) of the accounting file: 1 when it is a record. */
static int pmta_row(maillog_ctx *c, const char *p, const char *e,
		    int delivered, maillog_rec *out)
{
	bounce_str f[PMTA_NCOLS];
	int q[PMTA_NCOLS], col, k, quoted;
	const char *sp;
	size_t i;
	memset(f, 0, sizeof f);
	memset(q, 0, sizeof q);
	while (e > p && e[-1] == '\r')
		e--;
	for (col = 0; p < e; col++) {
		bounce_str v = csv_field(&p, e, &quoted);
		for (k = 0; k < PMTA_NCOLS; k++)
			if (c->pmta_col[k] == col)
				f[k] = v, q[k] = quoted;
	}
	for (i = 0; i < sizeof pmta_types / sizeof *pmta_types; i++) {
		const char *t = pmta_types[i].type;
		if (f[PMTA_TYPE].len != strlen(t) ||
		    memcmp(f[PMTA_TYPE].s, t, f[PMTA_TYPE].len) != 0)
			continue;
		if (!delivered && !strcmp(pmta_types[i].action, "delivered"))
			return 0;
		out->action = lit(pmta_types[i].action);
		out->status = f[PMTA_STATUS]; /* "5.1.1 (bad destination ...)" */
		if (out->status.len &&
		    (sp = memchr(out->status.s, ' ', out->status.len)) != NULL)
			out->status.len = (size_t)(sp - out->status.s);
		pmta_values(c, f, q, out);
		out->command = maillog_command(out->diag.s, out->diag.len);
		out->qid = f[PMTA_QUEUED];
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------ the log */

/* Where a syslog line may tell a failure: " status=" (Postfix), " stat="
 * (Sendmail), " ** " or " == " (Exim through syslog); with delivered, also
 * Exim's deliveries, " => " and " -> ". */
enum { MARK_NONE, MARK_POSTFIX, MARK_SENDMAIL, MARK_EXIM };

static int mark_at(const char *p, const char *e, int delivered)
{
	if (p[-1] != ' ')
		return MARK_NONE;
	if (e - p >= 7 && memcmp(p, "status=", 7) == 0)
		return MARK_POSTFIX;
	if (e - p >= 5 && memcmp(p, "stat=", 5) == 0)
		return MARK_SENDMAIL;
	if (e - p >= 3 && p[2] == ' ' &&
	    ((p[0] == '*' && p[1] == '*') || (p[0] == '=' && p[1] == '=') ||
	     (delivered && (p[0] == '=' || p[0] == '-') && p[1] == '>')))
		return MARK_EXIM;
	return MARK_NONE;
}

/* The next mark in [p, e), *kind telling which, or NULL; the pointer is
 * at the blank before it. Sixteen places at a time where SSE2 is (every
 * x86-64): an 's' with a '=' four or six bytes on, or "**" or "==" (with
 * delivered, "=>" or "->" too), each such place then read whole; most of
 * a log's bytes take a few instructions each, where memmem takes a few
 * per byte. Called with delivered a constant, so that reading the
 * failures alone costs nothing more. */
static inline const char *find_mark(const char *p, const char *e, int *kind,
				    const int delivered)
{
	if (e - p > 0)
		p++; /* mark_at reads the blank before */
#if defined(__SSE2__)
	{
		const __m128i s = _mm_set1_epi8('s'), eq = _mm_set1_epi8('='),
			      star = _mm_set1_epi8('*'),
			      dash = _mm_set1_epi8('-'), gt = _mm_set1_epi8('>');
		for (; e - p >= 16 + 6; p += 16) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 4));
			__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 6));
			__m128i aeq = _mm_cmpeq_epi8(a, eq);
			__m128i st = _mm_and_si128(
				_mm_cmpeq_epi8(a, s),
				_mm_or_si128(_mm_cmpeq_epi8(b, eq),
					     _mm_cmpeq_epi8(c, eq)));
			__m128i ex = _mm_or_si128(
				_mm_and_si128(_mm_cmpeq_epi8(a, star),
					      _mm_cmpeq_epi8(a1, star)),
				_mm_and_si128(aeq, _mm_cmpeq_epi8(a1, eq)));
			unsigned m;
			if (delivered) /* "=>", "->" */
				ex = _mm_or_si128(ex, _mm_and_si128(
					_mm_or_si128(aeq, _mm_cmpeq_epi8(a, dash)),
					_mm_cmpeq_epi8(a1, gt)));
			m = (unsigned)_mm_movemask_epi8(_mm_or_si128(st, ex));
			while (m) {
				int i = __builtin_ctz(m);
				*kind = mark_at(p + i, e, delivered);
				if (*kind != MARK_NONE)
					return p + i - 1;
				m &= m - 1;
			}
		}
	}
#endif
	for (; p < e; p++)
		if ((*p == 's' || *p == '*' || *p == '=' ||
		     (delivered && *p == '-')) &&
		    (*kind = mark_at(p, e, delivered)) != MARK_NONE)
			return p - 1;
	return NULL;
}

/* "... exim[123]: ID ** a@b R=..: text": Exim logging through syslog.
 * The line's program must be Exim's, and a message id must come before
 * the flag at fl. */
static int exim_syslog_line(const char *s, const char *fl, const char *e,
			    int delivered, maillog_rec *out)
{
	const char *p = fl + 1, *id = fl;
	bounce_str w;
	while (id > s && id[-1] != ' ')
		id--;
	if (!memmem(s, (size_t)(id - s), "exim", 4) || !memchr(id, '-',
							   (size_t)(fl - id)))
		return 0;
	w = word(&p, e);
	if (!exim_flag(w, p, e, delivered, out))
		return 0;
	out->qid = span(id, fl);
	return 1;
}

static const char *line_end(const char *p, const char *e)
{
	const char *nl = memchr(p, '\n', (size_t)(e - p));
	return nl ? nl : e;
}

/* The syslog lines of [s, s + len) from *at on: only those with a mark
 * (find_mark) are read. */
static int syslog_next(const char *s, size_t len, size_t *at, int delivered,
		       maillog_rec *out)
{
	const char *e = s + len;
	while (*at < len) {
		int kind = MARK_NONE, ok = 0;
		const char *st = delivered ? find_mark(s + *at, e, &kind, 1)
					   : find_mark(s + *at, e, &kind, 0);
		const char *ls, *le;
		if (!st)
			break;
		ls = memrchr(s, '\n', (size_t)(st - s));
		ls = ls ? ls + 1 : s;
		le = line_end(st, e);
		if (kind == MARK_POSTFIX)
			ok = postfix_line(ls, st, le, delivered, out);
		else if (kind == MARK_EXIM)
			ok = exim_syslog_line(ls, st, le, delivered, out);
		else if (!(ok = sendmail_line(ls, st, le, delivered, out))) {
			memset(out, 0, sizeof *out); /* " stat=": OpenSMTPD's? */
			ok = smtpd_line(ls, st, le, delivered, out);
		}
		if (ok) {
			*at = le < e ? (size_t)(le - s) + 1 : len;
			return 1;
		}
		memset(out, 0, sizeof *out);
		*at = (size_t)(st - s) + 3; /* past the shortest mark */
	}
	*at = len;
	return 0;
}

/* A text that starts with Exim's time stamp is read line by line: an
 * Exim record, else a syslog line stamped the same way ("2026-11-28
 * 09:12:02 mx1 postfix/smtp[2216]: ..."). So is a qmail log, whose lines
 * have no mark that syslog_next looks for. */
static int next_line(maillog_ctx *c, const char *s, size_t len, size_t *at,
		     int delivered, maillog_rec *out)
{
	const char *e = s + len;
	memset(out, 0, sizeof *out);
	if (*at == 0 && !c->qmail)
		c->qmail = qmail_log(s, len);
	if (*at == 0 && pmta_header(c, s, line_end(s, e)))
		c->pmta = 1;
	if (!c->qmail && !c->pmta && !exim_stamp(s, len))
		return syslog_next(s, len, at, delivered, out);
	while (*at < len) {
		const char *p = s + *at, *le = line_end(p, e);
		size_t in = 0;
		*at = le < e ? (size_t)(le - s) + 1 : len;
		if (c->pmta && !pmta_header(c, p, le) &&
		    pmta_row(c, p, le, delivered, out))
			return 1;
		memset(out, 0, sizeof *out);
		if (c->qmail && qmail_line(c, p, le, delivered, out))
			return 1;
		memset(out, 0, sizeof *out);
		if (exim_stamp(p, (size_t)(le - p)) &&
		    exim_line(p, le, delivered, out))
			return 1;
		memset(out, 0, sizeof *out);
		if (syslog_next(p, (size_t)(le - p), &in, delivered, out))
			return 1;
		memset(out, 0, sizeof *out);
	}
	return 0;
}

int maillog_next(maillog_ctx *c, const char *s, size_t len, size_t *at,
		 maillog_rec *out)
{
	return next_line(c, s, len, at, 0, out);
}

int maillog_next_any(maillog_ctx *c, const char *s, size_t len, size_t *at,
		     maillog_rec *out)
{
	return next_line(c, s, len, at, 1, out);
}

void maillog_free(maillog_ctx *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		free(c->v[i].rcpt), free(c->v[i].msg);
	free(c->v);
	free(c->rcpt), free(c->msg), free(c->text);
	memset(c, 0, sizeof *c);
}

int maillog_next_rcpt(const maillog_rec *rec, size_t *at, bounce_str *addr)
{
	const char *s = rec->rcpt.s, *e, *p, *q;
	if (*at >= rec->rcpt.len)
		return 0;
	e = s + rec->rcpt.len;
	p = s + *at;
	q = memchr(p, ',', (size_t)(e - p));
	if (!q)
		q = e;
	*at = (size_t)(q - s) + 1;
	*addr = bare(span(p, q));
	return 1;
}
