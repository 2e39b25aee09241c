#define _GNU_SOURCE /* memmem, memrchr */
#include "maillog.h"

#include "date.h"
#include "pmta.h"
#include "qmail.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The first of the bytes stops in [p, e) that is not inside quotes or
 * angle brackets: an address's local part may be quoted, blanks, commas
 * and all ("john doe"@example.com, "Doe, John" <j@example.com>). */
static const char *addr_stop(const char *p, const char *e, const char *stops)
{
	int quoted = 0, angle = 0;
	for (; p < e; p++) {
		if (quoted && *p == '\\' && p + 1 < e)
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '<')
			angle = 1;
		else if (!quoted && *p == '>')
			angle = 0;
		else if (!quoted && !angle && strchr(stops, *p))
			return p;
	}
	return e;
}

/* The next address of a log's line at *p, which moves past it: a word,
 * where quotes and angle brackets hold blanks. */
static bounce_str addr_word(const char **p, const char *e)
{
	const char *w;
	while (*p < e && **p == ' ')
		(*p)++;
	w = *p;
	*p = addr_stop(w, e, " ");
	return bounce_span(w, *p);
}

/* The value of " name" in [s, e): what follows up to a comma or a blank
 * (not inside quotes or angle brackets), or the end. Returns 0 when the
 * field is not there. */
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
	v = addr_stop(p + n, e, ", \r");
	*out = bounce_span(p + n, v);
	return 1;
}

/* -------------------------------------------------- a record's fields */

/* RFC 5424's header ("<22>1 2026-11-28T09:12:02Z mx1 postfix/smtp 2216 -
 * - ", the priority left out by some templates): the message after it,
 * or NULL when s does not start with one. The structured data is "-" or
 * elements in brackets ("\]" inside). */
static const char *rfc5424_msg(const char *s, const char *e,
			       bounce_str *app)
{
	const char *p = date_past_priority(s, e);
	int i;
	if (e - p < 7 || p[0] != '1' || p[1] != ' ' ||
	    !((bounce_digit(p[2]) && p[6] == '-') || (p[2] == '-' && p[3] == ' ')))
		return NULL; /* version 1, then a date or none */
	p++;
	for (i = 0; i < 6; i++) { /* time, host, app, pid, msgid, and " " */
		const char *w;
		if (p == e || *p != ' ')
			return NULL;
		for (w = ++p; i < 5 && p < e && *p != ' '; p++)
			;
		if (i == 2 && app)
			*app = bounce_span(w, p);
	}
	if (p < e && *p == '-')
		p++;
	else
		while (p < e && *p == '[') {
			for (p++; p < e && *p != ']'; p++)
				p += *p == '\\' && e - p > 1;
			if (p == e)
				return NULL;
			p++;
		}
	if (p < e && *p == ' ')
		p++;
	return p + bounce_bom(p, (size_t)(e - p));
}

/* Where a line's message starts: after RFC 5424's header, else after its
 * program's tag, the first ": " of the line ("postfix/smtp[2216]: ": no
 * time stamp or host name holds one); a line whose first word ends there
 * is a message of its own (journalctl -o cat: "3F2A1C0A3: to=<..."). Then
 * after Solaris's "[ID 197553 mail.info] ". */
const char *maillog_msg_start(const char *s, const char *e)
{
	const char *m = rfc5424_msg(s, e, NULL), *b, *w;
	if (!m) {
		if (!(m = memmem(s, (size_t)(e - s), ": ", 2)))
			return s;
		for (w = m; w > s && w[-1] != ' '; w--)
			;
		if (w == s)
			return s;
		m += 2;
	}
	if (e - m > 4 && !memcmp(m, "[ID ", 4) &&
	    (b = memchr(m, ']', (size_t)(e - m))) != NULL && e - b > 1 &&
	    b[1] == ' ')
		m = b + 2;
	return m;
}

static int is_name(bounce_str n, const char *name)
{
	return n.len == strlen(name) && !memcmp(n.s, name, n.len);
}

/* The end of a field's value from p on: the first sep (", " or " ")
 * outside quotes and angle brackets, at st at the latest; NULL when it
 * would be past st. */
static const char *value_end(const char *p, const char *st, const char *sep)
{
	const char stops[2] = { sep[0], '\0' };
	for (;; p++) {
		p = addr_stop(p, st + 1, stops);
		if (p > st)
			return NULL;
		if (!sep[1] || p[1] == sep[1])
			return p;
	}
}

/* The fields of a record, "to=<a@b>, relay=.., dsn=5.1.1, " (Postfix,
 * Sendmail, OpenSMTPD's queue: sep ", ") or "evpid=.. to=<a@b> .. "
 * (OpenSMTPD's deliveries: sep " "), from p up to the mark's field, whose
 * blank is at st: each "name=value" in turn (Sendmail's to= is a list
 * "<a@b>,<c@d>"). 1 when they lead to st and none of them is a result of
 * its own (status=, stat=); to= (as written), dsn=, evpid= and result=
 * are kept. */
static int fields_to(const char *p, const char *st, const char *sep,
		     maillog_rec *out, bounce_str *evpid, bounce_str *result)
{
	while (p <= st) {
		const char *n = p, *q;
		bounce_str name, v;
		while (p < st && ((*p >= 'a' && *p <= 'z') || *p == '_' ||
				  bounce_digit(*p)))
			p++;
		if (p == n || *p != '=' || !(q = value_end(p + 1, st, sep)))
			return 0;
		name = bounce_span(n, p);
		v = bounce_span(p + 1, q);
		if (is_name(name, "status") || is_name(name, "stat"))
			return 0;
		if (is_name(name, "to"))
			out->rcpt = v;
		else if (is_name(name, "orig_to"))
			out->orig = bounce_unbracket(v);
		else if (is_name(name, "dsn"))
			out->status = v;
		else if (is_name(name, "evpid") && evpid)
			*evpid = v;
		else if (is_name(name, "result") && result)
			*result = v;
		p = q + strlen(sep);
		if (p == st + 1)
			return 1;
	}
	return 0;
}

/* A Postfix or Sendmail record, "QID: to=<a@b>, .., " or "QID:
 * from=<a@b>, .., " at its message's start, up to the mark's blank at
 * st: 1 when it is one, with its queue id and fields kept. */
static int queue_fields(const char *s, const char *st, const char *e,
			maillog_rec *out)
{
	const char *m = maillog_msg_start(s, e), *p = m;
	while (p < st && *p != ' ' && *p != ':')
		p++;
	if (p == m || st - p < 2 || p[0] != ':' || p[1] != ' ')
		return 0;
	out->qid = bounce_span(m, p);
	return fields_to(p + 2, st, ", ", out, NULL, NULL);
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
	out->command = bounce_command(p, (size_t)(e - p));
	if (out->command.len && e > p && e[-1] == ')' &&
	    (q = memrchr(p, '(', (size_t)(e - p))) != NULL &&
	    memmem(q, (size_t)(e - q), "in reply to ", 12)) {
		for (e = q; e > p && e[-1] == ' '; e--)
			;
	}
	out->diag = bounce_span(p, e);
}

/* A line of Postfix's: " status=" is at st. With delivered, status=sent
 * too. -1 for a failure whose fields are not written as Postfix writes
 * them (no queue id, "to=<a@b, relay=.."): it is not read, as a stranger
 * may have written it (a logged header), but it is counted. */
static int postfix_line(const char *s, const char *st, const char *e,
			int delivered, maillog_rec *out)
{
	bounce_str v;
	const char *p = st + 8; /* after " status=" */
	const char *w = p;
	int sent = 0;
	while (w < e && *w != ' ' && *w != ',')
		w++;
	v = bounce_span(p, w);
	if (v.len == 7 && !memcmp(p, "bounced", 7))
		out->action = bounce_lit("failed");
	else if ((v.len == 8 && !memcmp(p, "deferred", 8)) ||
		 (v.len == 10 && !memcmp(p, "SOFTBOUNCE", 10)))
		out->action = bounce_lit("delayed"); /* soft_bounce = yes */
	else if (v.len == 7 && !memcmp(p, "expired", 7))
		out->action = bounce_lit("failed"), out->expired = 1;
	else if ((sent = delivered && v.len == 4 && !memcmp(p, "sent", 4)))
		out->action = bounce_lit("delivered");
	else
		return 0;
	if (!queue_fields(s, st, e, out))
		return sent ? 0 : -1;
	out->rcpt = bounce_unbracket(out->rcpt);
	while (w < e && (*w == ' ' || *w == ','))
		w++;
	postfix_diag(w, e, out);
	return 1;
}

/* ---------------------------------------------------------- Sendmail */

/* A line of Sendmail's: " stat=" is at st; a failure has a 4.x.x or
 * 5.x.x dsn, a delivery (with delivered) 2.x.x. The recipients are the
 * to= field, a list "<a@b>,<c@d>". */
static int sendmail_line(const char *s, const char *st, const char *e,
			 int delivered, maillog_rec *out)
{
	const char *p = st + 6;
	if (!queue_fields(s, st, e, out) || out->status.len < 5 ||
	    (out->status.s[0] != '4' && out->status.s[0] != '5' &&
	     (out->status.s[0] != '2' || !delivered)) ||
	    out->status.s[1] != '.')
		return 0;
	out->action = bounce_lit(out->status.s[0] == '5'   ? "failed"
			  : out->status.s[0] == '4' ? "delayed"
						    : "delivered");
	while (e > p && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = bounce_span(p, e);
	out->command = bounce_command(p, (size_t)(e - p));
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
		return bounce_span(p, q ? q : e);
	}
	if (last)
		return bounce_span(p, e);
	for (q = p; q < e && *q != ' ' && *q != ','; q++)
		;
	return bounce_span(p, q);
}

/* What OpenSMTPD's result r says: 1 when the line is a record, filling
 * action and expired. */
static int smtpd_result(bounce_str r, int delivered, maillog_rec *out)
{
	size_t i;
	if (r.len >= 2 && r.s[0] == '"' && r.s[r.len - 1] == '"')
		r.s++, r.len -= 2;
	for (i = 0; i < sizeof smtpd_results / sizeof *smtpd_results; i++) {
		const char *n = smtpd_results[i].result;
		if (!is_name(r, n))
			continue;
		if (!delivered && !strcmp(smtpd_results[i].action, "delivered"))
			return 0;
		out->action = bounce_lit(smtpd_results[i].action);
		out->expired = smtpd_results[i].expired;
		return 1;
	}
	return 0;
}

/* The fields of OpenSMTPD's line, from its message's start to the mark's
 * blank at st, the result to r, the envelope id to id:
 *   ID mta delivery evpid=ID from=<a@b> to=<c@d> .. result="PermFail"
 *   ID mda delivery evpid=ID from=<a@b> to=<c@d> .. result=PermFail
 *   relay: Expire for ID: from=<a@b>, to=<c@d>, rcpt=<->, delay=4d,
 *   delivery: TempFail for ID: from=<a@b>, to=<c@d>, .., */
static int smtpd_fields(const char *s, const char *st, const char *e,
			maillog_rec *out, bounce_str *r, bounce_str *id)
{
	const char *p = maillog_msg_start(s, e);
	bounce_str w = bounce_word(&p, st);
	if (is_name(w, "relay:") || is_name(w, "delivery:")) {
		*r = bounce_word(&p, st);
		if (!is_name(bounce_word(&p, st), "for"))
			return 0;
		*id = bounce_word(&p, st);
		if (!id->len || id->s[id->len - 1] != ':' || p == st)
			return 0;
		id->len--;
		return fields_to(p + 1, st, ", ", out, NULL, NULL);
	}
	w = bounce_word(&p, st);
	if ((!is_name(w, "mta") && !is_name(w, "mda")) ||
	    !is_name(bounce_word(&p, st), "delivery") || p == st)
		return 0;
	return fields_to(p + 1, st, " ", out, id, r);
}

/* A line of OpenSMTPD's: " stat=" is at st. The mda's lines write result
 * and stat without quotes. A message is known by the first half of the
 * envelope id. */
static int smtpd_line(const char *s, const char *st, const char *e,
		      int delivered, maillog_rec *out)
{
	bounce_str r = { NULL, 0 }, id = { NULL, 0 };
	if (!smtpd_fields(s, st, e, out, &r, &id) || !out->rcpt.len ||
	    !smtpd_result(r, delivered, out))
		return 0;
	out->rcpt = bounce_unbracket(out->rcpt);
	if (id.len)
		out->qid = bounce_span(id.s, id.s + (id.len == 16 ? 8 : id.len));
	while (e > st && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = quoted(st + 6, e, 1);
	out->command = bounce_command(out->diag.s, out->diag.len);
	return 1;
}

/* -------------------------------------------------------------- Exim */

/* "2024-05-01 10:00:00": Exim's time stamp, where syslog writes
 * "May  1 10:00:00" or "2024-05-01T10:00:00". */
static int exim_stamp(const char *s, size_t len)
{
	return len >= 19 && bounce_digit(s[0]) && bounce_digit(s[3]) && s[4] == '-' &&
	       s[7] == '-' && s[10] == ' ' && bounce_digit(s[11]) && s[13] == ':' &&
	       s[16] == ':';
}

/* "DATE TIME [+ZONE] [[PID]] ID ** a@b [<orig>] R=..: text": ** failed,
 * == deferred; with delivered, => and -> delivered. */
static int exim_flag(bounce_str w, const char *p, const char *e,
		     int delivered, maillog_rec *out);

/* Past what Exim writes before a message id, at p: its time stamp
 * ("2026-11-28 09:20:05", +millisec's ".123", log_timezone's "+0000"),
 * which it writes through syslog too (syslog_timestamp, by default), and
 * +pid's "[3311]". */
static const char *exim_prefix(const char *p, const char *e)
{
	const char *q;
	bounce_str w;
	if (exim_stamp(p, (size_t)(e - p))) {
		p += 10;
		bounce_word(&p, e); /* the time */
		q = p;
		w = bounce_word(&q, e);
		if (w.len && (w.s[0] == '+' || w.s[0] == '-'))
			p = q; /* the time zone */
	}
	q = p;
	w = bounce_word(&q, e);
	if (w.len > 2 && w.s[0] == '[' && w.s[w.len - 1] == ']')
		p = q; /* the process id */
	while (p < e && *p == ' ')
		p++;
	return p;
}

static int exim_line(const char *s, const char *e, int delivered,
		     maillog_rec *out)
{
	const char *p = exim_prefix(s, e);
	bounce_str w, id;
	id = bounce_word(&p, e);
	w = bounce_word(&p, e); /* after the message id: the flag */
	if (!exim_flag(w, p, e, delivered, out))
		return 0;
	out->qid = id;
	return 1;
}

/* From Exim's flag w on, p after it: "** a@b [<orig>] R=..: text"; with
 * delivered, also an arrival, "<= sender .. id=Message-ID". */
static int exim_flag(bounce_str w, const char *p, const char *e,
		     int delivered, maillog_rec *out)
{
	const char *q;
	if (w.len == 2 && delivered && !memcmp(w.s, "<=", 2)) {
		/* without id=, the message had no Message-ID: nothing to keep */
		out->action = bounce_lit("arrived");
		return field(p, e, "id=", &out->msgid) && out->msgid.len;
	}
	if (w.len == 2 && delivered &&
	    (!memcmp(w.s, "=>", 2) || !memcmp(w.s, "->", 2))) {
		out->action = bounce_lit("delivered");
		out->rcpt = bounce_unbracket(addr_word(&p, e));
		return 1;
	}
	if (w.len != 2 || (memcmp(w.s, "**", 2) && memcmp(w.s, "==", 2)))
		return 0;
	out->action = bounce_lit(w.s[0] == '*' ? "failed" : "delayed");
	out->rcpt = addr_word(&p, e);
	if (out->rcpt.len && out->rcpt.s[out->rcpt.len - 1] == ':') {
		out->rcpt.len--; /* "** a@b: Unrouteable address" */
		q = p;
	} else {
		const char *o = p;
		bounce_str w2 = addr_word(&o, e); /* "** a@b <orig> R=..", */
		int colon = w2.len > 3 && w2.s[w2.len - 1] == ':'; /* "<orig>:" */
		w2.len -= (size_t)colon;
		if (w2.len > 2 && w2.s[0] == '<' && w2.s[w2.len - 1] == '>')
			out->orig = bounce_unbracket(w2);
		if (colon && out->orig.len) {
			q = o; /* "** a@b <orig>: Unrouteable address" */
		} else {
			q = memmem(p, (size_t)(e - p), ": ", 2);
			q = q ? q + 1 : e;
		}
	}
	out->rcpt = bounce_unbracket(out->rcpt);
	while (q < e && *q == ' ')
		q++;
	while (e > q && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	out->diag = bounce_span(q, e);
	out->command = bounce_command(q, (size_t)(e - q));
	return 1;
}

/* ------------------------------------------------------------ the log */

/* Where a syslog line may tell a failure: " status=" (Postfix), " stat="
 * (Sendmail), " ** " or " == " (Exim through syslog); with delivered, also
 * Exim's deliveries, " => " and " -> ", its arrivals, " <= ", and the
 * Message-ID of a message: Postfix's " message-id=", Sendmail's " msgid="
 * (the mark is then at the "d=" of "id=", lo the start of the text). */
enum { MARK_NONE, MARK_POSTFIX, MARK_SENDMAIL, MARK_EXIM, MARK_MSGID };

static int mark_at(const char *lo, const char *p, const char *e,
		   int delivered)
{
	if (delivered && p[0] == 'd' && e - p >= 2 && p[1] == '=' &&
	    ((p - lo >= 10 && memcmp(p - 10, " message-i", 10) == 0) ||
	     (p - lo >= 5 && memcmp(p - 5, " msgi", 5) == 0)))
		return MARK_MSGID;
	if (p[-1] != ' ')
		return MARK_NONE;
	if (e - p >= 7 && memcmp(p, "status=", 7) == 0)
		return MARK_POSTFIX;
	if (e - p >= 5 && memcmp(p, "stat=", 5) == 0)
		return MARK_SENDMAIL;
	if (e - p >= 3 && p[2] == ' ' &&
	    ((p[0] == '*' && p[1] == '*') || (p[0] == '=' && p[1] == '=') ||
	     (delivered && (p[0] == '=' || p[0] == '-') && p[1] == '>') ||
	     (delivered && p[0] == '<' && p[1] == '=')))
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
	const char *lo = p;
	if (e - p > 0)
		p++; /* mark_at reads the blank before */
#if defined(__SSE2__)
	{
		const __m128i s = _mm_set1_epi8('s'), eq = _mm_set1_epi8('='),
			      star = _mm_set1_epi8('*'),
			      dash = _mm_set1_epi8('-'), gt = _mm_set1_epi8('>'),
			      lt = _mm_set1_epi8('<'), d = _mm_set1_epi8('d');
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
			if (delivered) { /* "=>", "->"; "<=", "d=" */
				__m128i a1eq = _mm_cmpeq_epi8(a1, eq);
				ex = _mm_or_si128(ex, _mm_and_si128(
					_mm_or_si128(aeq, _mm_cmpeq_epi8(a, dash)),
					_mm_cmpeq_epi8(a1, gt)));
				ex = _mm_or_si128(ex, _mm_and_si128(
					_mm_or_si128(_mm_cmpeq_epi8(a, lt),
						     _mm_cmpeq_epi8(a, d)),
					a1eq));
			}
			m = (unsigned)_mm_movemask_epi8(_mm_or_si128(st, ex));
			while (m) {
				int i = __builtin_ctz(m);
				*kind = mark_at(lo, p + i, e, delivered);
				if (*kind != MARK_NONE)
					return p + i - 1;
				m &= m - 1;
			}
		}
	}
#endif
	for (; p < e; p++)
		if ((*p == 's' || *p == '*' || *p == '=' ||
		     (delivered && (*p == '-' || *p == '<' || *p == 'd'))) &&
		    (*kind = mark_at(lo, p, e, delivered)) != MARK_NONE)
			return p - 1;
	return NULL;
}

/* Whether Exim wrote the syslog line [s, e): its program's tag, the word
 * before the message, is Exim's ("exim[3311]:", "exim4[3311]:"), or RFC
 * 5424's app name, in a line that starts with a time stamp. A line without
 * them (journalctl -o cat) is not taken for Exim's: its first ": " may be
 * in what a stranger wrote ("F=<"x exim[1]: ID ** a@b"@evil>"). */
static int exim_tagged(const char *s, const char *e)
{
	bounce_str app = { NULL, 0 };
	const char *t, *w;
	if (rfc5424_msg(s, e, &app))
		return app.len >= 4 && !memcmp(app.s, "exim", 4);
	if (!date_stamp(s, e).len ||
	    !(t = memmem(s, (size_t)(e - s), ": ", 2))) /* the tag's end */
		return 0;
	for (w = t; w > s && w[-1] != ' '; w--)
		;
	return t - w >= 4 && !memcmp(w, "exim", 4);
}

/* "... exim[123]: [STAMP] ID ** a@b R=..: text": Exim logging through
 * syslog. The line's program must be Exim's, and its message must start
 * with a message id (after Exim's own stamp), the flag at fl after it. */
static int exim_syslog_line(const char *s, const char *fl, const char *e,
			    int delivered, maillog_rec *out)
{
	const char *p = fl + 1, *id = fl;
	bounce_str w;
	while (id > s && id[-1] != ' ')
		id--;
	if (!exim_tagged(s, e) || id != exim_prefix(maillog_msg_start(s, e), e) ||
	    !memchr(id, '-', (size_t)(fl - id)))
		return 0;
	w = bounce_word(&p, e);
	if (!exim_flag(w, p, e, delivered, out))
		return 0;
	out->qid = bounce_span(id, fl);
	return 1;
}

/* "QID: message-id=<...>" (Postfix's cleanup), "QID: from=<a@b>, ..,
 * msgid=<...>, .." (Sendmail's): the Message-ID of the queue's message.
 * The mark is at the 'i' of "id=". */
static int msgid_line(const char *s, const char *st, const char *e,
		      maillog_rec *out)
{
	const char *name = st - 3, *w, *v = st + 3; /* " msgid=" */
	if (st - s >= 8 && memcmp(st - 8, "message-", 8) == 0)
		name = st - 8;
	for (w = v; w < e && *w != ',' && *w != ' ' && *w != '\r'; w++)
		;
	if (w == v)
		return 0;
	out->msgid = bounce_span(v, w);
	if (name - s >= 3 && name[-1] == ' ' && name[-2] == ':') {
		/* Postfix's: "QID: message-id=" at the message's start */
		const char *m = maillog_msg_start(s, e);
		if (m >= name - 2 || memchr(m, ' ', (size_t)(name - 2 - m)))
			return 0;
		out->qid = bounce_span(m, name - 2);
	} else if (!queue_fields(s, name - 1, e, out)) {
		return 0; /* Sendmail's: "QID: from=<a@b>, .., msgid=" */
	}
	out->action = bounce_lit("arrived");
	return out->qid.len > 0;
}

static const char *line_end(const char *p, const char *e)
{
	const char *nl = memchr(p, '\n', (size_t)(e - p));
	return nl ? nl : e;
}

/* Marks of one line that lead nowhere before the rest of it is skipped:
 * a real line has its mark among its first few, and each mark costs a
 * read of the line, so a long line full of them ("a == a == ...") would
 * cost the square of its length. */
#define MARKS_MAX 8

/* The syslog lines of [s, s + len) from *at on: only those with a mark
 * (find_mark) are read. A line that gives no record but has a failure
 * that is not written as a record is counted in *unread. */
static int syslog_next(const char *s, size_t len, size_t *at, int delivered,
		       maillog_rec *out, size_t *unread)
{
	const char *e = s + len, *ls = NULL, *le = NULL;
	int fails = 0, bad = 0;
	while (*at < len) {
		int kind = MARK_NONE, ok = 0;
		const char *st = delivered ? find_mark(s + *at, e, &kind, 1)
					   : find_mark(s + *at, e, &kind, 0);
		if (!st)
			break;
		if (!le || st >= le) { /* a line not seen yet */
			*unread += bad;
			bad = 0;
			ls = memrchr(s, '\n', (size_t)(st - s));
			ls = ls ? ls + 1 : s;
			le = line_end(st, e);
			fails = 0;
		} else if (fails >= MARKS_MAX) {
			*at = le < e ? (size_t)(le - s) + 1 : len;
			continue;
		}
		if (kind == MARK_POSTFIX)
			ok = postfix_line(ls, st, le, delivered, out);
		else if (kind == MARK_MSGID)
			ok = msgid_line(ls, st, le, out);
		else if (kind == MARK_EXIM)
			ok = exim_syslog_line(ls, st, le, delivered, out);
		else if (!(ok = sendmail_line(ls, st, le, delivered, out))) {
			memset(out, 0, sizeof *out); /* " stat=": OpenSMTPD's? */
			ok = smtpd_line(ls, st, le, delivered, out);
		}
		if (ok > 0) {
			out->date = date_stamp(ls, le);
			*at = le < e ? (size_t)(le - s) + 1 : len;
			return 1;
		}
		memset(out, 0, sizeof *out);
		*at = (size_t)(st - s) + 3; /* past the shortest mark */
		fails++;
		bad |= ok < 0;
	}
	*unread += bad;
	*at = len;
	return 0;
}

/* A record of the line from p to le: its time is the stamp that starts
 * the line, unless the reader found one of its own. */
static int stamped(maillog_rec *out, const char *p, const char *le)
{
	if (!out->date.len)
		out->date = date_stamp(p, le);
	return 1;
}

/* How much of a log tells whether it is qmail-send's. */
#define QMAIL_HEAD 65536

/* Whether the log s is qmail-send's, to be read line by line: a line of
 * qmail-send's in its first 64 KiB, or, when those hold no line of another
 * MTA's (no mark), anywhere: a qmail host's syslog may start with many
 * lines of other programs before splogger's first "delivery 12: ". A
 * stream asks again with each read until its head has a mark: then *not
 * is set, and the rest of the file is not searched again. */
static int qmail_seen(const char *s, size_t len, int *not)
{
	size_t head = len < QMAIL_HEAD ? len : QMAIL_HEAD;
	int kind;
	if (qmail_log(s, head))
		return 1;
	if (find_mark(s, s + head, &kind, 0)) {
		*not = 1;
		return 0;
	}
	return head < len && qmail_log(s, len);
}

/* A text that starts with Exim's time stamp (blank lines aside: exigrep
 * writes them between messages) is read line by line, and so is the rest
 * of it: an Exim record, else a syslog line stamped the same way
 * ("2026-11-28 09:12:02 mx1 postfix/smtp[2216]: ..."). So is a qmail
 * log, whose lines have no mark that syslog_next looks for. */
static int next_line(maillog_ctx *c, const char *s, size_t len, size_t *at,
		     int delivered, maillog_rec *out)
{
	const char *e = s + len;
	memset(out, 0, sizeof *out);
	if (*at == 0 && !c->qmail && !c->not_qmail)
		c->qmail = qmail_seen(s, len, &c->not_qmail);
	if (*at == 0 && pmta_header(c, s, line_end(s, e)))
		c->pmta = 1;
	if (*at == 0 && !c->exim) { /* its first line that is not blank */
		size_t b = 0;
		while (b < len && (s[b] == '\n' || s[b] == '\r' || s[b] == ' '))
			b++;
		c->exim = exim_stamp(s + b, len - b);
	}
	if (!c->qmail && !c->pmta && !c->exim)
		return syslog_next(s, len, at, delivered, out, &c->unread);
	while (*at < len) {
		const char *p = s + *at;
		const char *le = c->pmta ? pmta_row_end(p, e) : line_end(p, e);
		size_t in = 0;
		*at = le < e ? (size_t)(le - s) + 1 : len;
		if (c->pmta && !pmta_header(c, p, le) &&
		    pmta_row(c, p, le, delivered, out))
			return 1;
		memset(out, 0, sizeof *out);
		if (c->qmail && qmail_line(c, p, le, delivered, out))
			return stamped(out, p, le);
		memset(out, 0, sizeof *out);
		if (exim_stamp(p, (size_t)(le - p)) &&
		    exim_line(p, le, delivered, out))
			return stamped(out, p, le);
		memset(out, 0, sizeof *out);
		if (syslog_next(p, (size_t)(le - p), &in, delivered, out,
				&c->unread))
			return 1;
		memset(out, 0, sizeof *out);
	}
	return 0;
}

void maillog_file(maillog_ctx *c)
{
	c->exim = c->not_qmail = 0;
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

int maillog_text_room(maillog_ctx *c, size_t n)
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
	q = addr_stop(p, e, ",");
	*at = (size_t)(q - s) + 1;
	while (p < q && *p == ' ')
		p++;
	/* "Doe, John" <j@example.com>: the address in the brackets */
	if (q > p && q[-1] == '>' && *p != '<') {
		const char *a = memrchr(p, '<', (size_t)(q - p));
		if (a)
			p = a;
	}
	*addr = bounce_unbracket(bounce_span(p, q));
	return 1;
}

int maillog_recipient(const maillog_rec *rec, size_t *at, bounce_rcpt *rc)
{
	if (rec->rcpt.len) {
		if (!maillog_next_rcpt(rec, at, &rc->addr))
			return 0;
	} else {
		if (*at)
			return 0;
		*at = 1;
		memset(&rc->addr, 0, sizeof rc->addr);
	}
	rc->action = rec->action;
	rc->status = rec->status;
	rc->diag = rec->diag;
	rc->command = rec->command;
	rc->orig = rec->orig;
	return 1;
}
