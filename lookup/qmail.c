#define _GNU_SOURCE /* memmem */
#include "qmail.h"

#include <stdlib.h>
#include <string.h>

#define QMAIL_STARTED_MAX 4096 /* deliveries running at once, at most */
#define QMAIL_WORD_MAX 512      /* a longer address or message number is
                                   not kept: no address is that long */

/* "N: " at [*p, e): the delivery's number, *p moved past it. */
static int qmail_number(const char **p, const char *e, unsigned long *n)
{
	const char *q = *p;
	*n = 0;
	while (q < e && bounce_digit(*q) && *n < 100000000000UL)
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
	bounce_str w = bounce_word(&p, e), msg, rcpt;
	maillog_started *d;
	if (w.len != 3 || memcmp(w.s, "msg", 3))
		return;
	msg = bounce_word(&p, e);
	w = bounce_word(&p, e);
	if (w.len != 2 || memcmp(w.s, "to", 2))
		return;
	bounce_word(&p, e); /* local or remote */
	rcpt = bounce_word(&p, e);
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
		out->rcpt = bounce_lit(c->rcpt);
		out->qid = bounce_lit(c->msg);
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
			return bounce_lit(qmail_commands[i].command);
	return bounce_span(text.s, text.s);
}

/* The report as qmail meant it: blanks for "_", no "/" at the end. */
static bounce_str qmail_text(maillog_ctx *c, const char *p, const char *e)
{
	size_t i, n;
	while (e > p && (e[-1] == '/' || e[-1] == ' ' || e[-1] == '\r'))
		e--;
	n = (size_t)(e - p);
	if (maillog_text_room(c, n) < 0)
		return bounce_span(p, e);
	for (i = 0; i < n; i++)
		c->text[i] = p[i] == '_' ? ' ' : p[i];
	c->text[n] = '\0';
	return bounce_span(c->text, c->text + n);
}

/* splogger's stamp before "delivery" at p ("qmail: 1764323401.123456
 * delivery 12: ..."): seconds since 1970, which tell the year where the
 * syslog stamp does not. A string of length 0 when there is none. */
static bounce_str qmail_seconds(const char *s, const char *p)
{
	const char *w = p > s ? p - 1 : p, *d;
	while (w > s && w[-1] != ' ')
		w--;
	for (d = w; d < p && (bounce_digit(*d) || *d == '.'); d++)
		;
	if (d + 1 != p || d - w < 10 || !bounce_digit(*w))
		return bounce_span(p, p);
	return bounce_span(w, d);
}

static const struct {
	const char *word, *action;
} qmail_results[] = {
	{ "failure:", "failed" },
	{ "deferral:", "delayed" },
	{ "success:", "delivered" },
};

/* A time stamp's word: a digit or multilog's "@" first, then only digits,
 * hex digits and . : - _ T (tai64nlocal's "2026-11-28 09:50:04.512345500",
 * svlogd's "2026-11-28_09:50:05.51234", splogger's "1764323404.512345"). */
static int stamp_word(const char *w, const char *e)
{
	if (w == e || (!bounce_digit(*w) && *w != '@'))
		return 0;
	for (w++; w < e; w++)
		if (!bounce_digit(*w) && (!*w || !strchr(".:-_T", *w)) &&
		    !((*w >= 'a' && *w <= 'f') || (*w >= 'A' && *w <= 'F')))
			return 0;
	return 1;
}

/* Whether [p, q) is nothing or up to three stamp words, each followed by
 * blanks (multilog's and then s6-log's or tai64nlocal's date and time). */
static int stamps_only(const char *p, const char *q)
{
	int words = 0;
	while (p < q) {
		const char *w = p;
		while (p < q && *p != ' ')
			p++;
		if (p == q || !stamp_word(w, p) || ++words > 3)
			return 0;
		while (p < q && *p == ' ')
			p++;
	}
	return 1;
}

/* Whether the word at q ("delivery", "starting") starts qmail-send's
 * line [s, e): only what stamps it comes before, from the line's start
 * (multilog's "@4000...", tai64nlocal's, svlogd's, s6-log's) or from its
 * message's (splogger's seconds after "qmail: ", or nothing after
 * "qmail-send[123]: " in the journal). What strangers write comes later
 * ("info msg 12: bytes 310 from <a@b>"). */
static int qmail_anchored(const char *s, const char *q, const char *e)
{
	const char *m = maillog_msg_start(s, e);
	return stamps_only(s, q) || (m <= q && stamps_only(m, q));
}

/* A line [s, e) of qmail-send's: 1 when it is a record; a start is kept
 * in c. */
int qmail_line(maillog_ctx *c, const char *s, const char *e,
		      int delivered, maillog_rec *out)
{
	const char *p = memmem(s, (size_t)(e - s), "delivery ", 9), *start = p;
	unsigned long n;
	size_t i;
	if (!p)
		return 0;
	while (e > p && e[-1] == '\r')
		e--;
	if (p - s >= 9 && !memcmp(p - 9, "starting ", 9)) {
		if (!qmail_anchored(s, p - 9, e))
			return 0;
		p += 9;
		if (qmail_number(&p, e, &n))
			qmail_start(c, n, p, e);
		return 0;
	}
	if (!qmail_anchored(s, p, e))
		return 0;
	p += 9;
	if (!qmail_number(&p, e, &n))
		return 0;
	for (i = 0; i < sizeof qmail_results / sizeof *qmail_results; i++) {
		size_t k = strlen(qmail_results[i].word);
		if ((size_t)(e - p) < k || memcmp(p, qmail_results[i].word, k))
			continue;
		if (p + k < e && p[k] != ' ')
			continue;
		k += p + k < e; /* the blank; a result may have no text */
		qmail_end(c, n, out);
		if (!delivered &&
		    !strcmp(qmail_results[i].action, "delivered"))
			return 0;
		out->action = bounce_lit(qmail_results[i].action);
		out->date = qmail_seconds(s, start);
		out->diag = qmail_text(c, p + k, e);
		out->command = qmail_command(out->diag);
		return 1;
	}
	return 0;
}

int qmail_log(const char *s, size_t len)
{
	const char *e = s + len, *p = s;
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
