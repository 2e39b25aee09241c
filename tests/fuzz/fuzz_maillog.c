/* libFuzzer target: the mail log reader (lookup/maillog.c) takes arbitrary
 * bytes. The input is copied into a buffer of exactly its size, so that
 * AddressSanitizer sees a read past its end. Every record of it is read,
 * and every recipient of each, as smtpcode scan reads them; every string
 * returned must lie in the buffer (or in the reader's context, or be one
 * of maillog's own names), and the position must move forward, or the
 * reader would loop for ever. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "last.h"
#include "maillog.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_maillog: %s\n", what);
	abort();
}

/* Whether v lies in [s, s + n). */
static int within(bounce_str v, const char *s, size_t n)
{
	uintptr_t b = (uintptr_t)s, p = (uintptr_t)v.s;
	return s && p >= b && p <= b + n && v.len <= b + n - p;
}

/* The reader's context, whose strings a record may hold (qmail's). */
static maillog_ctx ctx;

/* The sum of the bytes of v, which must lie in buf[0..n), or in the
 * strings of the context, unless empty. */
static unsigned inside(bounce_str v, const char *buf, size_t n)
{
	unsigned sum = 0;
	size_t i;
	if (v.len == 0)
		return 0;
	if (!within(v, buf, n) &&
	    !(ctx.rcpt && within(v, ctx.rcpt, strlen(ctx.rcpt))) &&
	    !(ctx.msg && within(v, ctx.msg, strlen(ctx.msg))) &&
	    !(ctx.text && within(v, ctx.text, ctx.text_cap)))
		fail("a string outside the input");
	for (i = 0; i < v.len; i++)
		sum += (unsigned char)v.s[i];
	return sum;
}

/* The sum of the bytes of v, which must be empty or a name of maillog's
 * own (an action or a command), never a piece of the input. */
static unsigned named(bounce_str v)
{
	static const char *const names[] = {
		"failed", "delayed", "delivered", "arrived", "RCPT TO", "MAIL FROM",
		"DATA", "EHLO",
		"HELO", "STARTTLS", "AUTH", "CONNECT",
	};
	size_t i;
	if (v.len == 0)
		return 0;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (v.len == strlen(names[i]) && !memcmp(v.s, names[i], v.len))
			return (unsigned)v.len;
	fail("an action or a command that is not maillog's");
	return 0;
}

/* The sum of the bytes of a record and of each of its recipients. */
static unsigned record(const maillog_rec *r, const char *buf, size_t n)
{
	char date[DATE_MAX];
	unsigned sum = inside(r->rcpt, buf, n) + inside(r->status, buf, n) +
		       inside(r->diag, buf, n) + inside(r->qid, buf, n) +
		       inside(r->date, buf, n) + inside(r->msgid, buf, n) +
		       named(r->command);
	size_t at = 0, last = 0;
	bounce_str addr;
	if (r->action.len == 0)
		fail("a record without an action");
	if (strlen(date_iso(r->date, date)) >= DATE_MAX)
		fail("a date longer than DATE_MAX");
	sum += (unsigned char)date[0];
	sum += named(r->action);
	while (maillog_next_rcpt(r, &at, &addr)) {
		if (at <= last)
			fail("maillog_next_rcpt did not move forward");
		last = at;
		sum += inside(addr, buf, n);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size);
	volatile unsigned sink = 0;
	size_t at = 0, last = 0, records = 0;
	last_set seen;
	maillog_rec r;
	memset(&seen, 0, sizeof seen);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	sink += named(bounce_command(buf, size));
	while (maillog_next(&ctx, buf, size, &at, &r)) {
		if (at <= last)
			fail("maillog_next did not move forward");
		if (++records > size)
			fail("more records than bytes");
		last = at;
		sink += record(&r, buf, size);
	}
	/* as scan --final reads them: deliveries too, into last.c */
	at = last = records = 0;
	maillog_free(&ctx);
	while (maillog_next_any(&ctx, buf, size, &at, &r)) {
		size_t ra = 0;
		bounce_rcpt rc;
		if (at <= last)
			fail("maillog_next_any did not move forward");
		if (++records > size)
			fail("more records than bytes");
		last = at;
		sink += record(&r, buf, size);
		while (maillog_recipient(&r, &ra, &rc))
			if (last_add(&seen, "f", &r, rc.addr) < 0)
				fail("out of memory");
	}
	for (at = 0; at < seen.n; at++) {
		const last_rec *l = &seen.v[at];
		sink += (unsigned)strlen(last_message_id(&seen, l->qid)) +
			(unsigned)strlen(l->diag) + l->expired +
			(unsigned)strlen(l->date) + (unsigned)strlen(l->status);
	}
	last_free(&seen);
	if (ctx.oom)
		fail("out of memory");
	maillog_free(&ctx);
	(void)sink;
	free(buf);
	return 0;
}
