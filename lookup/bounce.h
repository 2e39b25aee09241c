/* bounce: the recipients of a whole bounce message, each with what the
 * server said about it.
 *
 * Reads an RFC 3464 delivery status notification (a message/delivery-status
 * part, anywhere in the MIME tree) and, for what it does not say, the
 * human-readable text of the bounce as MTAs write it (Postfix, Exim,
 * Sendmail, qmail, Exchange, Gmail...): its first eight text parts, at
 * most eight MIME levels deep. Parts in base64 or quoted-printable are
 * decoded. A text part that is an Amazon SES notification (the mail SNS
 * sends) is read by esp.c. The returned copy of the original message
 * (message/rfc822, text/rfc822-headers, or the text after "This is a copy
 * of the message") is not read for replies: its headers and body are not
 * replies. Only its To: is taken, for a feedback report or a failure
 * whose text names no recipient (when it names one address). Before that,
 * such a failure takes the recipients its X-Failed-Recipients: field
 * lists (Exim, Gmail, Google Groups).
 *
 * Lines end in LF or CRLF; the caller turns lone CRs into LFs. */
#ifndef SMTPCODE_BOUNCE_H
#define SMTPCODE_BOUNCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct bounce_str {
	const char *s;
	size_t len; /* 0: not given */
} bounce_str;

/* The len bytes at s. */
static inline bounce_str bounce_s(const char *s, size_t len)
{
	bounce_str v;
	v.s = s;
	v.len = len;
	return v;
}

/* The bytes from s up to e (none when e is not after s). */
static inline bounce_str bounce_span(const char *s, const char *e)
{
	return bounce_s(s, e > s ? (size_t)(e - s) : 0);
}

/* A string constant, or any NUL-terminated string. */
static inline bounce_str bounce_lit(const char *s)
{
	return bounce_s(s, strlen(s));
}

/* An address without the angle brackets around it. */
static inline bounce_str bounce_unbracket(bounce_str a)
{
	if (a.len >= 2 && a.s[0] == '<' && a.s[a.len - 1] == '>')
		a.s++, a.len -= 2;
	return a;
}

/* The next blank-separated word of [*p, e), *p moved past it. */
static inline bounce_str bounce_word(const char **p, const char *e)
{
	const char *w;
	while (*p < e && **p == ' ')
		(*p)++;
	w = *p;
	while (*p < e && **p != ' ')
		(*p)++;
	return bounce_span(w, *p);
}

/* The byte order mark that some tools write before UTF-8 text: its
 * length at s, 3 or 0. */
static inline size_t bounce_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static inline int bounce_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A copy of v with a NUL after it, to free(); NULL when out of memory. */
static inline char *bounce_dup(bounce_str v)
{
	char *t = (char *)malloc(v.len + 1);
	if (t) {
		if (v.len)
			memcpy(t, v.s, v.len);
		t[v.len] = '\0';
	}
	return t;
}

/* A Message-ID in its angle brackets, which some logs and ESPs leave out
 * ("a@b" -> "<a@b>"), to t, which has room for id.len + 3; its length. */
static inline size_t bounce_msgid_copy(char *t, bounce_str id)
{
	size_t n = 0;
	int bare = !id.len || id.s[0] != '<';
	if (bare)
		t[n++] = '<';
	if (id.len)
		memcpy(t + n, id.s, id.len);
	n += id.len;
	if (bare)
		t[n++] = '>';
	t[n] = '\0';
	return n;
}

/* ASCII's capital letters as small ones, any other byte as it is: how
 * addresses, field names and names are compared and counted. */
static inline int bounce_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

typedef struct bounce_rcpt {
	bounce_str addr;   /* the recipient's address */
	bounce_str action; /* DSN Action: "failed", "delayed", "delivered" */
	bounce_str status; /* DSN Status: "5.1.1" */
	bounce_str diag;   /* the server's reply: Diagnostic-Code: without
	                      its type, or the lines of the text that hold
	                      it, unfolded to one line */
	bounce_str command; /* the SMTP command it answered ("RCPT TO"),
	                       when the bounce's text says it around the
	                       reply (bounce_rcpt_command) */
	bounce_str orig;   /* the address as the sender gave it: DSN
	                      Original-Recipient, a log's orig_to= */
} bounce_rcpt;

typedef struct bounce_buf bounce_buf;

/* What a message is. Feedback reports (spam complaints: RFC 5965's, and
 * Microsoft's JMRP reports) and automatic replies (RFC 3834,
 * out-of-office) are not delivery failures; their recipients' diag is the
 * field that tells. */
typedef enum bounce_kind {
	BOUNCE_FAILURE,
	BOUNCE_FEEDBACK, /* diag: the Feedback-Type: field, else Subject: */
	BOUNCE_AUTOREPLY /* diag: the Subject: field */
} bounce_kind;

typedef struct bounce_msg {
	bounce_rcpt *rcpt;
	size_t n, cap;
	bounce_kind kind;
	int dsn;          /* 1: a delivery-status part was read */
	bounce_str date;  /* the bounce's Date: field, as written */
	bounce_str queue_id;   /* the queue id its DSN gives for the
	                          original (X-Postfix-Queue-ID:) */
	bounce_str message_id; /* the Message-ID: of the original, in the
	                          copy returned (<...@...>) */
	bounce_buf *bufs; /* decoded parts and unfolded fields */
} bounce_msg;

/* For the readers of other forms (esp.c): a new recipient of m, memory
 * that lives as long as m (NULL when out of memory), and a typed field's
 * value without its type ("smtp; 550 ..." -> "550 ..."). */
bounce_rcpt *bounce_add(bounce_msg *m, bounce_str addr);
void *bounce_alloc(bounce_msg *m, size_t n);
bounce_str bounce_typed(bounce_str v);

/* 1 when s starts as a mail message does: an mbox "From " line, or a
 * header block of two fields or more, one of which is one every message
 * or delivery status has (Received:, From:, Final-Recipient: ...). A
 * pasted reply line never does. */
int bounce_is_message(const char *s, size_t len);

/* 1 when a text whose first line is l may be a message (an mbox "From "
 * line or a header field): what a stream must read whole to tell. */
int bounce_may_start(const char *l, size_t len);

/* The message that starts at *at in an mbox (or the whole text when it is
 * one message); *at moves past it. Returns 0 when no message is left. */
int bounce_next(const char *s, size_t len, size_t *at, bounce_str *msg);

/* The SMTP command rc's reply answered: as the bounce's text says it, else
 * as the reply does ("(in reply to RCPT TO command)" in a DSN's
 * Diagnostic-Code, an email service's event); length 0 when neither. */
bounce_str bounce_rcpt_command(const bounce_rcpt *rc);

/* The address rc was sent to (its orig), when the message went on from
 * it to another one (an alias, a forward); else a string of length 0. */
bounce_str bounce_original(const bounce_rcpt *rc);

/* The SMTP command a reply text says it answered ("in reply to RCPT TO
 * command", "after end of data"), or a string of length 0. */
bounce_str bounce_command(const char *s, size_t len);

/* The step of the transaction (SMTPCODE_PHASE_MAIL ...) of a command that
 * bounce_command gave, for smtpcode_explain_at; 0 for none. */
uint32_t bounce_step(bounce_str command);

/* Reads one message into *m, which the caller frees with bounce_free even
 * on failure. The strings of *m point into s or into m's buffers. Returns
 * 0, or -1 when out of memory. */
int bounce_read(const char *s, size_t len, bounce_msg *m);
void bounce_free(bounce_msg *m);

#endif
