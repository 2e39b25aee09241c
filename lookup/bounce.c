/* bounce: the recipients of a whole bounce message (see bounce.h).
 *
 * Two readers fill one list of recipients: the DSN reader takes the
 * per-recipient fields of a delivery-status part; the text reader takes
 * the recipients that the bounce's text names, each with the lines of the
 * reply that follow it. What the DSN says wins; the text fills in a
 * recipient's reply when the DSN has no Diagnostic-Code. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "bounce.h"
#include "esp.h"
#include "smtpcode.h"

/* MIME nesting followed; deeper parts are not read. A bounce of a
 * forward of a digest is some six deep; only a crafted message goes on. */
#define DEPTH_MAX 32
/* Text parts kept for the text reader: as many as a message has (one
 * failure each, in a digest of bounces), up to this. */
#define TEXTS_MAX 4096

struct bounce_buf {
	bounce_buf *next;
	char data[];
};

/* What the walk over the MIME tree keeps for later. */
typedef struct texts {
	bounce_str *t;           /* text parts, for the text reader */
	size_t n, cap;
	bounce_str orig_to;      /* To: of the returned original message */
	bounce_str orig_id;      /* its Message-ID: */
	bounce_str feedback;     /* Feedback-Type: of a feedback report */
} texts;

enum { ENC_NONE, ENC_BASE64, ENC_QP };

typedef struct part {
	bounce_str type; /* "multipart/report"; empty: text/plain */
	bounce_str boundary;
	int enc;
	bounce_str body;
} part;

/* ---------------------------------------------------------- strings */

static int blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bounce_str trim(bounce_str v)
{
	while (v.len && blank((unsigned char)v.s[0]))
		v.s++, v.len--;
	while (v.len && blank((unsigned char)v.s[v.len - 1]))
		v.len--;
	return v;
}

/* v equals the lower-case word w, ignoring case */
static int is(bounce_str v, const char *w)
{
	size_t i, n = strlen(w);
	if (v.len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (bounce_lower((unsigned char)v.s[i]) != w[i])
			return 0;
	return 1;
}

static int starts(bounce_str v, const char *w)
{
	size_t n = strlen(w);
	return v.len >= n && is(bounce_s(v.s, n), w);
}

/* the lower-case word w occurs in v, ignoring case */
static int has(bounce_str v, const char *w)
{
	size_t i, n = strlen(w);
	for (i = 0; i + n <= v.len; i++)
		if (bounce_lower((unsigned char)v.s[i]) == w[0] &&
		    is(bounce_s(v.s + i, n), w))
			return 1;
	return 0;
}

/* The line at *at, without its end of line; *at moves past it. */
static bounce_str next_line(bounce_str t, size_t *at)
{
	const char *nl = *at < t.len ? memchr(t.s + *at, '\n', t.len - *at) : NULL;
	size_t b = *at, e = nl ? (size_t)(nl - t.s) : t.len;
	*at = nl ? e + 1 : t.len;
	if (e > b && t.s[e - 1] == '\r')
		e--;
	return bounce_s(t.s + b, e - b);
}

void *bounce_alloc(bounce_msg *m, size_t n)
{
	bounce_buf *b = malloc(sizeof *b + n + 1);
	if (!b)
		return NULL;
	b->next = m->bufs;
	m->bufs = b;
	return b->data;
}

/* ----------------------------------------------------------- headers */

/* Where the colon is when l starts a header field ("Name:", or "Name :"
 * as RFC 5322's obsolete syntax allows and some DSNs write), else 0. */
static size_t field_name(bounce_str l)
{
	size_t i;
	int blanks = 0;
	for (i = 0; i < l.len; i++) {
		unsigned char c = (unsigned char)l.s[i];
		if (c == ':')
			return i;
		if (i && (c == ' ' || c == '\t'))
			blanks = 1;
		else if (c <= ' ' || c > '~' || blanks)
			return 0;
	}
	return 0;
}

/* The name of a field whose colon is at n, without the blanks before it. */
static bounce_str name_of(bounce_str l, size_t n)
{
	while (n && blank((unsigned char)l.s[n - 1]))
		n--;
	return bounce_s(l.s, n);
}

/* One header field: its name and its raw value, continuation lines and
 * all. *at moves past it; it stays at a line that is not a field. */
typedef struct field {
	bounce_str name, value;
} field;

static int next_field(bounce_str t, size_t *at, field *f)
{
	size_t start = *at, n, end;
	bounce_str l = next_line(t, at);
	if (!l.len || !(n = field_name(l))) {
		*at = start; /* not a field: left for the caller */
		return 0;
	}
	while (*at < t.len && (t.s[*at] == ' ' || t.s[*at] == '\t'))
		next_line(t, at);
	end = *at;
	while (end > start && blank((unsigned char)t.s[end - 1]))
		end--;
	f->name = name_of(l, n);
	f->value = trim(bounce_s(l.s + n + 1, (size_t)(t.s + end - l.s) - n - 1));
	return 1;
}

/* The value of a field, continuation lines joined with one blank. */
static bounce_str unfold(bounce_msg *m, bounce_str v)
{
	char *d;
	size_t i, n = 0;
	if (!v.len || !memchr(v.s, '\n', v.len))
		return v;
	if (!(d = bounce_alloc(m, v.len)))
		return bounce_s(NULL, 0);
	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.s[i];
		if (blank(c)) {
			while (i + 1 < v.len && blank((unsigned char)v.s[i + 1]))
				i++;
			c = ' ';
		}
		d[n++] = (char)c;
	}
	return bounce_s(d, n);
}

/* "rfc822; user@example.com" -> "user@example.com": drops the type
 * before ';' when there is one. */
bounce_str bounce_typed(bounce_str v)
{
	const char *semi = memchr(v.s, ';', v.len);
	size_t i;
	if (!semi)
		return v;
	for (i = 0; i < (size_t)(semi - v.s); i++)
		if (v.s[i] == ' ' && i && v.s[i - 1] != ' ' &&
		    i + 1 < (size_t)(semi - v.s) && v.s[i + 1] != ' ')
			return v; /* two words: not a type */
	return trim(bounce_s(semi + 1, v.len - (size_t)(semi + 1 - v.s)));
}

/* A parameter of a Content-Type value: boundary="abc". */
static bounce_str param(bounce_str v, const char *name)
{
	size_t i = 0, n = strlen(name);
	while (i < v.len) {
		const char *semi = memchr(v.s + i, ';', v.len - i);
		size_t b, e;
		if (!semi)
			break;
		i = (size_t)(semi - v.s) + 1;
		while (i < v.len && blank((unsigned char)v.s[i]))
			i++;
		if (i + n >= v.len || !is(bounce_s(v.s + i, n), name))
			continue;
		b = i + n;
		while (b < v.len && blank((unsigned char)v.s[b]))
			b++;
		if (b >= v.len || v.s[b] != '=')
			continue;
		b++;
		while (b < v.len && blank((unsigned char)v.s[b]))
			b++;
		if (b < v.len && v.s[b] == '"') {
			const char *q = memchr(v.s + b + 1, '"', v.len - b - 1);
			e = q ? (size_t)(q - v.s) : v.len;
			return bounce_s(v.s + b + 1, e - b - 1);
		}
		for (e = b; e < v.len && v.s[e] != ';' && !blank((unsigned char)v.s[e]);
		     e++)
			;
		return bounce_s(v.s + b, e - b);
	}
	return bounce_s(NULL, 0);
}

/* The headers of a part (when it has some) and where its body starts. */
static void part_read(bounce_str t, int headers, part *p)
{
	size_t at = 0;
	field f;
	memset(p, 0, sizeof *p);
	p->body = t;
	if (!headers)
		return;
	while (next_field(t, &at, &f)) {
		if (is(f.name, "content-type")) {
			size_t n = 0;
			while (n < f.value.len && f.value.s[n] != ';' &&
			       !blank((unsigned char)f.value.s[n]))
				n++;
			p->type = bounce_s(f.value.s, n);
			p->boundary = param(f.value, "boundary");
		} else if (is(f.name, "content-transfer-encoding")) {
			p->enc = has(f.value, "base64")	    ? ENC_BASE64
				 : has(f.value, "quoted-printable") ? ENC_QP
								  : ENC_NONE;
		}
	}
	/* the body starts after the blank line that ends the fields (or at
	 * the first line that is not a field, in a broken message) */
	{
		size_t next = at;
		if (at < t.len && !next_line(t, &next).len)
			at = next;
	}
	p->body = bounce_s(t.s + at, t.len - at);
}

/* ---------------------------------------------------------- decoding */

static int b64(unsigned char c)
{
	return c >= 'A' && c <= 'Z'   ? c - 'A'
	       : c >= 'a' && c <= 'z' ? c - 'a' + 26
	       : c >= '0' && c <= '9' ? c - '0' + 52
	       : c == '+'	      ? 62
	       : c == '/'	      ? 63
				      : -1;
}

static int hex(unsigned char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
				      : -1;
}

/* The body decoded; bytes that are not part of the encoding are skipped
 * (base64) or kept (quoted-printable), as readers of mail do. */
static bounce_str decode(bounce_msg *m, const part *p)
{
	const unsigned char *s = (const unsigned char *)p->body.s;
	size_t i, n = 0, len = p->body.len;
	unsigned acc = 0, bits = 0;
	char *d;
	if (p->enc == ENC_NONE || !len)
		return p->body;
	if (!(d = bounce_alloc(m, len)))
		return bounce_s(NULL, 0);
	for (i = 0; i < len; i++) {
		if (p->enc == ENC_BASE64) {
			int v = b64(s[i]);
			if (s[i] == '=')
				break;
			if (v < 0)
				continue;
			acc = (acc << 6 | (unsigned)v) & 0xFFFFFFu;
			if ((bits += 6) >= 8) {
				bits -= 8;
				d[n++] = (char)(acc >> bits & 0xFF);
			}
		} else if (s[i] == '=' && i + 2 < len && hex(s[i + 1]) >= 0 &&
			   hex(s[i + 2]) >= 0) {
			d[n++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else if (s[i] == '=' && i + 1 < len &&
			   (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			i += s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n' ? 2 : 1;
		} else {
			d[n++] = (char)s[i];
		}
	}
	return bounce_s(d, n);
}

/* One RFC 2047 encoded-word at v.s[*at] ("=?utf-8?Q?Automatic_reply:?="),
 * decoded to UTF-8 at d, when its charset is UTF-8, US-ASCII or Latin-1
 * (others cannot be written as UTF-8 here, and are left as written).
 * Returns the bytes written, and moves *at past it; -1 when there is no
 * such word there. */
static long word_2047(bounce_str v, size_t *at, char *d)
{
	const char *s = v.s + *at, *e = v.s + v.len, *cs, *q, *end, *star;
	bounce_str name;
	int latin1, b;
	long n = 0;
	unsigned acc = 0, bits = 0;
	if (e - s < 8 || s[0] != '=' || s[1] != '?')
		return -1;
	cs = s + 2;
	if (!(q = memchr(cs, '?', (size_t)(e - cs))) || e - q < 4 || q[2] != '?')
		return -1;
	b = (q[1] | 0x20) == 'b';
	if (!b && (q[1] | 0x20) != 'q')
		return -1;
	for (end = q + 3; end + 1 < e && !(end[0] == '?' && end[1] == '=');)
		end++;
	if (end + 1 >= e)
		return -1;
	name = bounce_span(cs, q); /* without a language ("utf-8*en") */
	if ((star = memchr(cs, '*', (size_t)(q - cs))) != NULL)
		name = bounce_span(cs, star);
	latin1 = is(name, "iso-8859-1") || is(name, "latin1") ||
		 is(name, "windows-1252");
	if (!latin1 && !is(name, "utf-8") && !is(name, "us-ascii"))
		return -1;
	for (q += 3; q < end; q++) {
		int c = -1;
		if (b) {
			int x = b64((unsigned char)*q);
			if (x < 0)
				continue;
			acc = (acc << 6 | (unsigned)x) & 0xFFFFFFu;
			if ((bits += 6) >= 8)
				c = (int)(acc >> (bits -= 8) & 0xFF);
		} else if (*q == '=' && end - q > 2 && hex((unsigned char)q[1]) >= 0 &&
			   hex((unsigned char)q[2]) >= 0) {
			c = hex((unsigned char)q[1]) * 16 + hex((unsigned char)q[2]);
			q += 2;
		} else {
			c = *q == '_' ? ' ' : (unsigned char)*q;
		}
		if (c < 0)
			continue;
		if (latin1 && c >= 0x80) {
			d[n++] = (char)(0xC0 | c >> 6);
			c = 0x80 | (c & 0x3F);
		}
		d[n++] = (char)c;
	}
	*at = (size_t)(end + 2 - v.s);
	return n;
}

/* A header field's value with its RFC 2047 encoded-words decoded (an
 * Outlook subject: "=?utf-8?B?QXV0b21hdGljIHJlcGx5?="), unfolded; v
 * itself when it has none. */
static bounce_str words_2047(bounce_msg *m, bounce_str v)
{
	size_t at = 0, n = 0, gap = 0;
	int after_word = 0;
	char *d;
	if (!v.len || !memmem(v.s, v.len, "=?", 2) ||
	    !(d = bounce_alloc(m, 2 * v.len)))
		return v;
	while (at < v.len) {
		/* blanks between two words go */
		size_t back = after_word ? gap : 0;
		long w = word_2047(v, &at, d + n - back);
		if (w >= 0) {
			n = n - back + (size_t)w;
			after_word = 1;
			gap = 0;
			continue;
		}
		if (v.s[at] == '\r' || v.s[at] == '\n') {
			at++;
			continue;
		}
		if (v.s[at] == ' ' || v.s[at] == '\t')
			gap++;
		else
			after_word = 0, gap = 0;
		d[n++] = v.s[at++];
	}
	return bounce_s(d, n);
}

/* ------------------------------------------------------- recipients */

bounce_rcpt *bounce_add(bounce_msg *m, bounce_str addr)
{
	bounce_rcpt *r;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		bounce_rcpt *t = realloc(m->rcpt, cap * sizeof *t);
		if (!t)
			return NULL;
		m->rcpt = t;
		m->cap = cap;
	}
	r = &m->rcpt[m->n++];
	memset(r, 0, sizeof *r);
	r->addr = addr;
	return r;
}

static int same_addr(bounce_str a, bounce_str b)
{
	size_t i;
	if (a.len != b.len)
		return 0;
	for (i = 0; i < a.len; i++)
		if (bounce_lower((unsigned char)a.s[i]) != bounce_lower((unsigned char)b.s[i]))
			return 0;
	return 1;
}

/* "<user@example.com>" -> "user@example.com" */
static bounce_str bare_addr(bounce_str a)
{
	const char *open;
	a = trim(a);
	/* "alias@example.org (Alias Three)": RFC 822's comment */
	if (a.len && a.s[a.len - 1] == ')' &&
	    (open = memrchr(a.s, '(', a.len)) != NULL && open > a.s)
		a = trim(bounce_span(a.s, open));
	return bounce_unbracket(a);
}

bounce_str bounce_rcpt_command(const bounce_rcpt *rc)
{
	return rc->command.len ? rc->command
			       : bounce_command(rc->diag.s, rc->diag.len);
}

/* The address rc was sent to, when the message went on to another one
 * (an alias, a forward): else none. The same address in other case, or
 * with its local part quoted ("\"a..b\"@c"), is the same. */
bounce_str bounce_original(const bounce_rcpt *rc)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < rc->orig.len && rc->orig.s[i] == '"')
			i++;
		while (j < rc->addr.len && rc->addr.s[j] == '"')
			j++;
		if (i == rc->orig.len || j == rc->addr.len)
			break;
		if (bounce_lower((unsigned char)rc->orig.s[i]) !=
		    bounce_lower((unsigned char)rc->addr.s[j]))
			return rc->orig;
		i++, j++;
	}
	return i == rc->orig.len && j == rc->addr.len ? bounce_s(NULL, 0)
						      : rc->orig;
}

/* ------------------------------------------------------------ the DSN */

/* A DSN's Action, whose values RFC 3464 lets be written in any case
 * ("Failed"), as the lower-case word; another word as written. */
static bounce_str action_of(bounce_str v)
{
	static const char *const words[] = { "failed", "delayed", "delivered",
					     "relayed", "expanded" };
	size_t i;
	v = trim(v);
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (is(v, words[i]))
			return bounce_lit(words[i]);
	return v;
}
/* A Status field's code ("5.1.1", RFC 3464: a digit, and one to three
 * digits twice, after dots), without what some add after it ("5.1.1
 * (bad destination mailbox address)"); empty when it holds no code. */
static bounce_str status_code(bounce_str v)
{
	size_t i = 0, n, digits;
	v = trim(v);
	for (n = 0; n < 3; n++) {
		if (n) {
			if (i >= v.len || v.s[i] != '.')
				return bounce_s(NULL, 0);
			i++;
		}
		for (digits = 0; i < v.len && bounce_digit(v.s[i]); digits++)
			i++;
		if (digits < 1 || digits > (n ? 3u : 1u))
			return bounce_s(NULL, 0);
	}
	if (i < v.len && v.s[i] != ' ' && v.s[i] != '(' && v.s[i] != '\t')
		return bounce_s(NULL, 0);
	return bounce_s(v.s, i);
}

/* One per-recipient block of a delivery-status part. */
static int dsn_block(bounce_msg *m, bounce_str t, size_t *at)
{
	bounce_rcpt r;
	bounce_str orig = bounce_s(NULL, 0);
	field f;
	int final = 0, original = 0, more = 0;
	size_t start = *at;
	memset(&r, 0, sizeof r);
	while (next_field(t, at, &f)) {
		int is_final = is(f.name, "final-recipient");
		int is_orig = is(f.name, "original-recipient");
		/* some write the next recipient's fields with no blank line
		 * between (AOL): its first field ends this one; so does an
		 * Original-Recipient after this one's other fields (RFC 3464's
		 * order puts it first; Postfix's, right after Final-Recipient) */
		if ((is_final && final) || (is_orig && (original || more))) {
			*at = start;
			break;
		}
		start = *at;
		more |= final && !is_final && !is_orig;
		final |= is_final, original |= is_orig;
		if (is_final)
			r.addr = bare_addr(bounce_typed(unfold(m, f.value)));
		else if (is_orig)
			orig = bare_addr(bounce_typed(unfold(m, f.value)));
		else if (is(f.name, "action"))
			r.action = action_of(f.value);
		else if (is(f.name, "status"))
			r.status = status_code(bounce_typed(f.value));
		else if (is(f.name, "diagnostic-code"))
			r.diag = bounce_typed(unfold(m, f.value));
		else if (is(f.name, "x-postfix-queue-id"))
			m->queue_id = trim(f.value);
	}
	if (!r.addr.len)
		r.addr = orig;
	else
		r.orig = orig;
	if (!r.addr.len && !r.status.len)
		return 0; /* the per-message block */
	{
		bounce_rcpt *d = bounce_add(m, r.addr);
		if (!d)
			return -1;
		*d = r;
	}
	return 0;
}

/* A delivery-status part: blocks of fields, separated by blank lines. */
static int dsn_read(bounce_msg *m, bounce_str t)
{
	size_t at = 0;
	m->dsn = 1;
	while (at < t.len) {
		size_t next = at;
		bounce_str l = next_line(t, &next);
		if (!l.len || !field_name(l)) { /* between blocks */
			at = next;
			continue;
		}
		if (dsn_block(m, t, &at) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------- feedback reports */

/* The raw value of a header field of t's header block, or "". */
static bounce_str header_value(bounce_str t, const char *name)
{
	size_t at = 0;
	field f;
	while (next_field(t, &at, &f))
		if (is(f.name, name))
			return f.value;
	return bounce_s(NULL, 0);
}

/* The message's subject, decoded. */
static bounce_str subject_of(bounce_msg *m, bounce_str t)
{
	return words_2047(m, header_value(t, "subject"));
}

/* The whole line of a field ("Feedback-Type: abuse"), for the record. */
static bounce_str field_line(const field *f)
{
	return bounce_s(f->name.s, (size_t)(f->value.s + f->value.len - f->name.s));
}

/* A message/feedback-report part (RFC 5965): the recipients that
 * complained, when it names them. */
static int feedback_read(bounce_msg *m, bounce_str t, texts *tx)
{
	size_t at = 0;
	field f;
	m->kind = BOUNCE_FEEDBACK;
	while (at < t.len) {
		if (!next_field(t, &at, &f)) {
			next_line(t, &at);
			continue;
		}
		if (is(f.name, "feedback-type"))
			tx->feedback = field_line(&f);
		else if ((is(f.name, "original-rcpt-to") ||
			  is(f.name, "removal-recipient")) &&
			 !bounce_add(m, bare_addr(bounce_typed(f.value))))
			return -1;
	}
	return 0;
}

/* Microsoft's junk mail reports (JMRP, Outlook.com and Hotmail) are no
 * RFC 5965 report: a message that attaches the one complained about, with
 * the complainant in its X-HmXmrOriginalRecipient: field. Taken only when
 * nothing before it was a delivery status or a text, so that a bounce
 * that returns such a message stays a bounce. */
static int jmrp_read(bounce_msg *m, bounce_str orig, const texts *tx)
{
	bounce_str who = trim(header_value(orig, "x-hmxmroriginalrecipient"));
	if (!who.len || m->dsn || tx->n || m->kind != BOUNCE_FAILURE)
		return 0;
	m->kind = BOUNCE_FEEDBACK;
	return bounce_add(m, bare_addr(who)) ? 0 : -1;
}

/* ----------------------------------------------------- the MIME tree */

static int walk(bounce_msg *m, bounce_str t, int headers, int depth,
		texts *tx);

/* The boundary a multipart body uses when its header names none, or one
 * that never occurs (a broken message): the first line "--something"
 * that a header field follows. */
static bounce_str infer_boundary(bounce_str t)
{
	size_t at = 0;
	while (at < t.len) {
		bounce_str l = next_line(t, &at), b;
		size_t next = at;
		if (l.len < 4 || l.s[0] != '-' || l.s[1] != '-')
			continue;
		b = trim(bounce_s(l.s + 2, l.len - 2));
		if (b.len && field_name(next_line(t, &next)))
			return b;
	}
	return bounce_s(NULL, 0);
}

/* Some line of t is the delimiter "--b". */
static int has_delimiter(bounce_str t, bounce_str b)
{
	size_t at = 0;
	while (at < t.len) {
		bounce_str l = next_line(t, &at);
		if (l.len >= b.len + 2 && l.s[0] == '-' && l.s[1] == '-' &&
		    memcmp(l.s + 2, b.s, b.len) == 0)
			return 1;
	}
	return 0;
}

static int walk_multipart(bounce_msg *m, const part *p, int depth, texts *tx)
{
	bounce_str b = p->boundary, t = p->body;
	size_t at = 0, start = 0;
	int open = 0;
	while (at < t.len) {
		size_t here = at;
		bounce_str l = next_line(t, &at);
		int delim = l.len >= b.len + 2 && l.s[0] == '-' && l.s[1] == '-' &&
			    memcmp(l.s + 2, b.s, b.len) == 0 &&
			    !trim(bounce_s(l.s + 2 + b.len, l.len - 2 - b.len)).len;
		int last = l.len >= b.len + 4 && l.s[0] == '-' && l.s[1] == '-' &&
			   memcmp(l.s + 2, b.s, b.len) == 0 &&
			   l.s[2 + b.len] == '-' && l.s[3 + b.len] == '-';
		if (!delim && !last)
			continue;
		if (open) {
			size_t end = here;
			/* the line break before a delimiter belongs to it */
			if (end > start && t.s[end - 1] == '\n')
				end--;
			if (end > start && t.s[end - 1] == '\r')
				end--;
			if (walk(m, bounce_s(t.s + start, end - start), 1, depth + 1,
				 tx) < 0)
				return -1;
		}
		if (last)
			return 0;
		open = 1;
		start = at;
	}
	if (open) /* no closing delimiter: a truncated message */
		return walk(m, bounce_s(t.s + start, t.len - start), 1, depth + 1, tx);
	return 0;
}

/* A line quoted as a mail reader quotes: "> ...", but not Sendmail's
 * ">>> RCPT To:<...>", what it sent. */
static int quoted(bounce_str l)
{
	return l.len && l.s[0] == '>' &&
	       !(l.len > 3 && l.s[1] == '>' && l.s[2] == '>' && l.s[3] == ' ');
}

/* A bounce forwarded with its lines quoted ("> <user@example.jp>",
 * "> Final-Recipient: ..."), when most lines are: without one level of
 * quoting. Else t as it is; NULL when out of memory. */
static bounce_str unquote(bounce_msg *m, bounce_str t)
{
	size_t at = 0, lines = 0, q = 0, n = 0;
	char *d;
	while (at < t.len) {
		bounce_str l = next_line(t, &at);
		lines += l.len > 0;
		q += quoted(l);
	}
	if (q < 3 || 2 * q <= lines)
		return t;
	/* every line ends in a line break, the last one too */
	if (!(d = bounce_alloc(m, t.len + 1)))
		return bounce_s(NULL, 0);
	for (at = 0; at < t.len;) {
		bounce_str l = next_line(t, &at);
		if (quoted(l)) {
			l.s++, l.len--;
			if (l.len && l.s[0] == ' ')
				l.s++, l.len--;
		}
		memcpy(d + n, l.s, l.len);
		n += l.len;
		d[n++] = '\n';
	}
	return bounce_s(d, n);
}

/* Room for twice as many text parts, in m's memory. */
static int texts_grow(bounce_msg *m, texts *tx)
{
	size_t cap = tx->cap ? tx->cap * 2 : 8;
	bounce_str *t = bounce_alloc(m, cap * sizeof *t);
	if (!t)
		return -1;
	if (tx->n)
		memcpy(t, tx->t, tx->n * sizeof *t);
	tx->t = t, tx->cap = cap;
	return 0;
}

static int walk(bounce_msg *m, bounce_str t, int headers, int depth,
		texts *tx)
{
	part p;
	bounce_str body;
	part_read(t, headers, &p);
	if (depth > DEPTH_MAX)
		return 0;
	if (starts(p.type, "multipart/") &&
	    (!p.boundary.len || !has_delimiter(p.body, p.boundary)))
		p.boundary = infer_boundary(p.body);
	if (starts(p.type, "multipart/") && p.boundary.len)
		return walk_multipart(m, &p, depth, tx);
	if (starts(p.type, "message/rfc822") ||
	    is(p.type, "text/rfc822-headers") ||
	    (starts(p.type, "message/global") && !has(p.type, "delivery")) ||
	    is(p.type, "message/rfc822-headers")) {
		if (!tx->orig_to.len) /* the returned original message */
			tx->orig_to = header_value(p.body, "to");
		if (!tx->orig_id.len)
			tx->orig_id = header_value(p.body, "message-id");
		return jmrp_read(m, p.body, tx);
	}
	/* other parts (an attachment, an image) are not decoded at all */
	if (p.type.len && !starts(p.type, "text/plain") &&
	    !starts(p.type, "multipart/") &&
	    !is(p.type, "message/feedback-report") &&
	    !is(p.type, "message/delivery-status") &&
	    !is(p.type, "message/global-delivery-status"))
		return 0;
	body = decode(m, &p);
	if (!body.s)
		return -1;
	if (is(p.type, "message/feedback-report"))
		return feedback_read(m, body, tx);
	if (is(p.type, "message/delivery-status") ||
	    is(p.type, "message/global-delivery-status"))
		return dsn_read(m, body);
	/* text, or a multipart body whose delimiters are lost */
	if (!m->n && esp_is(body.s, body.len)) { /* Amazon SES's, by SNS */
		int rc = esp_read(body.s, body.len, m);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	if (tx->n == TEXTS_MAX)
		return 0;
	if (tx->n == tx->cap && texts_grow(m, tx) < 0)
		return -1;
	if (!(tx->t[tx->n++] = unquote(m, body)).s)
		return -1;
	return 0;
}

/* ---------------------------------------------------------- the text */

/* The line that starts the copy of the original message in a bounce that
 * is not in MIME parts: "------ This is a copy of the message, including
 * all the headers. ------", "Original message follows." A sentence that
 * only mentions the original message ("The original message was received
 * at ...") is not one. */
static int copy_marker(bounce_str l)
{
	static const char *const marks[] = {
		"copy of the message", "copy of your message",
		"original message", "returned message", "message headers follow",
		"header of the original", "headers of the original",
		"undelivered message", "message text follows", "unsent message",
	};
	static const char *const lines[] = {
		"original message follows", "content-type: message/rfc822",
		"below this line is a copy", "this is a copy of the message",
		"the original message headers", "message headers follow",
	};
	size_t i;
	l = trim(l);
	for (i = 0; i < sizeof lines / sizeof *lines; i++)
		if (starts(l, lines[i]))
			return 1;
	if (!l.len || !strchr("-=*_#[<", l.s[0]))
		return 0;
	for (i = 0; i < sizeof marks / sizeof *marks; i++)
		if (has(l, marks[i]))
			return 1;
	return 0;
}

/* The fields of a delivery status, but Diagnostic-Code. */
static int dsn_field(bounce_str name)
{
	return is(name, "reporting-mta") || is(name, "final-recipient") ||
	       is(name, "original-recipient") || is(name, "action") ||
	       is(name, "status") || is(name, "arrival-date") ||
	       is(name, "original-envelope-id");
}

/* A header field of a message (of the original, quoted in the text), or
 * of a delivery status pasted into it ("Status: 4.4.7"): not a reply,
 * whatever digits it holds. */
static int header_line(bounce_str l)
{
	static const char *const names[] = {
		"received", "return-path", "message-id", "date", "from", "to",
		"cc", "subject", "reply-to", "sender", "mime-version",
		"content-type", "content-transfer-encoding", "dkim-signature",
		"authentication-results", "references", "in-reply-to",
		"delivered-to", "list-unsubscribe", "arc-seal",
		"arc-message-signature", "arc-authentication-results",
	};
	size_t i, n = field_name(l);
	if (!n)
		return 0;
	if (n > 2 && bounce_lower((unsigned char)l.s[0]) == 'x' && l.s[1] == '-')
		return 1;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (is(name_of(l, n), names[i]))
			return 1;
	return dsn_field(name_of(l, n));
}

static int addr_byte(unsigned char c)
{
	return c > ' ' && c < 0x7F && !strchr("<>()[]\\,;:\"@", c);
}

/* The address a line starts with ("<user@example.com>:", "user@host
 * (reason)", "RCPT TO:<user@example.com>"), or an empty string. */
static bounce_str line_addr(bounce_str l, size_t *rest)
{
	/* words before the address: SMTP's, and a notice's ("Delivery
	 * failed: user@example.com", lhost-x2-07) */
	static const char *const labels[] = { "rcpt to:", "delivery failed:" };
	size_t i = 0, b, at = 0, k;
	if (!l.len)
		return bounce_s(NULL, 0);
	while (i < l.len && blank((unsigned char)l.s[i]))
		i++;
	if (starts(bounce_s(l.s + i, l.len - i), ">>> "))
		i += 4; /* Sendmail's transcript: what it sent */
	if (i + 1 < l.len && (l.s[i] == '*' || l.s[i] == '-') && l.s[i + 1] == ' ')
		i += 2; /* a list: "  * user@example.com" */
	for (k = 0; k < sizeof labels / sizeof *labels; k++)
		if (starts(bounce_s(l.s + i, l.len - i), labels[k]))
			i += strlen(labels[k]);
	while (i < l.len && l.s[i] == ' ')
		i++;
	if (i < l.len && l.s[i] == '<')
		i++;
	b = i;
	while (i < l.len && (addr_byte((unsigned char)l.s[i]) ||
			     (l.s[i] == '@' && !at)))
		at = l.s[i++] == '@' ? i : at;
	while (i > at && at && l.s[i - 1] == '.')
		i--; /* the end of a sentence: "... errors: user@example.org." */
	if (!at || at == b + 1 || at == i || i - at < 2 ||
	    !memchr(l.s + at, '.', i - at))
		return bounce_s(NULL, 0);
	*rest = i + (i < l.len && l.s[i] == '>');
	if (*rest < l.len && l.s[*rest] == ':')
		++*rest;
	/* the line names the address, it does not quote it in a sentence */
	if (*rest < l.len && !blank((unsigned char)l.s[*rest]) &&
	    l.s[*rest] != '.' && l.s[*rest] != '(')
		return bounce_s(NULL, 0);
	return bounce_s(l.s + b, i - b);
}

/* The address a reply names in angle brackets ("550 5.1.1
 * <user@example.com>: Recipient address rejected"), or an empty string. */
static bounce_str reply_addr(bounce_str d)
{
	const char *lt = d.len ? memchr(d.s, '<', d.len) : NULL;
	size_t rest;
	bounce_str a;
	if (!lt)
		return bounce_s(NULL, 0);
	a = line_addr(bounce_s(lt, d.len - (size_t)(lt - d.s)), &rest);
	return a.len && a.s + a.len < d.s + d.len && a.s[a.len] == '>'
		       ? a
		       : bounce_s(NULL, 0);
}

/* The line starts with its reply code ("554 <user@...>... text"). */
static int reply_first(bounce_str l)
{
	smtpcode_result r;
	l = trim(l);
	smtpcode_codes(l.s, l.len, &r);
	return r.reply_code && r.reply_at == 0;
}

/* ---------------------------------------------------- the reply's command */

/* The command a recipient's reply answered: as the reply says it
 * (Postfix's "(in reply to RCPT TO command)"), or the line before it
 * (Exim's "SMTP error from remote mail server after RCPT TO:<..>:"). */
static bounce_str said_command(bounce_str reply, bounce_str before)
{
	bounce_str c = bounce_command(reply.s, reply.len);
	return c.len ? c : bounce_command(before.s, before.len);
}

/* The command the text names (smtpcode_command): "RCPT TO", "DATA" ... */
bounce_str bounce_command(const char *s, size_t len)
{
	const char *c = len ? smtpcode_command(s, len, NULL) : NULL;
	return c ? bounce_lit(c) : bounce_span(s, s);
}

uint32_t bounce_step(bounce_str command)
{
	return smtpcode_command_step(command.s, command.len);
}

/* 2: the line holds a failure's code ("Size (in bytes): 222" is not a
 * reply); else 0. */
static int coded_line(bounce_str l)
{
	smtpcode_result r;
	if (!l.len || header_line(l))
		return 0;
	smtpcode_codes(l.s, l.len, &r);
	return r.reply_code >= 400 || r.status_class >= 4 ? 2 : 0;
}

/* 2: the line holds a failure's code; 1: something else explain knows (a
 * phrase of the catalog, a success code); 0: nothing */
static int reply_line(bounce_str l)
{
	smtpcode_result r;
	if (coded_line(l))
		return 2;
	if (!l.len || header_line(l))
		return 0;
	smtpcode_explain(l.s, l.len, &r);
	return r.response || r.reason ? 1 : 0;
}

/* A line of a Sendmail transcript without the "<<< " that marks what the
 * server said. */
static bounce_str said(bounce_str l)
{
	l = trim(l);
	return starts(l, "<<< ") ? bounce_s(l.s + 4, l.len - 4) : l;
}

/* A line of a reply of several lines, but its last: "552-5.7.0 ...". */
static int goes_on(bounce_str l)
{
	return l.len > 4 && bounce_digit(l.s[0]) && bounce_digit(l.s[1]) &&
	       bounce_digit(l.s[2]) && l.s[3] == '-';
}

static size_t indent(bounce_str l)
{
	size_t i = 0;
	while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
		i++;
	return i;
}

/* The reply that starts at l, part of the line whole (the last line read;
 * *at is after it): l and the lines after it that go on with it, joined
 * into one line. A line goes on with the reply when it is indented more
 * than the reply's first line ("said: 550 5.1.1" then "    <user@...>:
 * Recipient address rejected"), or as much when that is indented and the
 * line names no recipient but who, the one the reply is about (Postfix
 * echoes it: "said: 550" then "    <who>: User unknown"), or when it is
 * the next line of a multi-line reply "550-...". */
static bounce_str reply_at(bounce_msg *m, bounce_str t, size_t *at,
			   bounce_str whole, bounce_str l, bounce_str who)
{
	const char *b = l.s, *e = l.s + l.len;
	size_t ind = indent(whole), rest;
	while (*at < t.len) {
		size_t next = *at, in;
		bounce_str n = next_line(t, &next), a;
		int cont = trim(n).len && !header_line(n) && !copy_marker(n);
		in = indent(n);
		if (cont && !(in > ind ||
			      (in == ind && in > 0 &&
			       (!(a = line_addr(n, &rest)).len ||
				(who.len && same_addr(a, who))))))
			cont = !in && goes_on(l) && coded_line(n) == 2;
		if (!cont)
			break;
		*at = next;
		e = n.s + n.len;
		l = trim(n);
	}
	return unfold(m, trim(bounce_s(b, (size_t)(e - b))));
}

/* How much a reply holds (see reply_line); 0 when there is none. */
static int quality(bounce_str d)
{
	return d.len ? reply_line(d) : 0;
}

/* quality(d), kept for the last d weighed: each coded line of a text is
 * weighed against the reply kept so far, which may go on for thousands
 * of lines. A reply kept does not change; a new one is another span. */
typedef struct weighed {
	const char *s;
	size_t len;
	int k;
} weighed;

static int quality_kept(weighed *w, bounce_str d)
{
	if (d.s != w->s || d.len != w->len)
		w->s = d.s, w->len = d.len, w->k = quality(d);
	return w->k;
}

/* The recipients the text names, found by address through a hash index
 * (a mailing list's bounce can name thousands). */
typedef struct textlist {
	bounce_msg r;   /* only rcpt, n and cap are used */
	size_t *ix;     /* 1 + the place in r.rcpt; 0: free */
	size_t ixcap;   /* a power of two, over twice r.n */
} textlist;

static size_t addr_hash(bounce_str a)
{
	size_t i, h = 2166136261u;
	for (i = 0; i < a.len; i++)
		h = (h ^ (size_t)bounce_lower((unsigned char)a.s[i])) * 16777619u;
	return h;
}

/* The slot of address a in the index: its own, or the free one it would
 * take. */
static size_t tl_slot(const textlist *tl, bounce_str a)
{
	size_t k = addr_hash(a) & (tl->ixcap - 1);
	while (tl->ix[k] && !same_addr(tl->r.rcpt[tl->ix[k] - 1].addr, a))
		k = (k + 1) & (tl->ixcap - 1);
	return k;
}

static bounce_rcpt *tl_find(const textlist *tl, bounce_str a)
{
	size_t k;
	if (!tl->ixcap)
		return NULL;
	k = tl_slot(tl, a);
	return tl->ix[k] ? &tl->r.rcpt[tl->ix[k] - 1] : NULL;
}

/* The index at twice the size, every recipient put in again. */
static int tl_grow(textlist *tl)
{
	size_t i, cap = tl->ixcap ? tl->ixcap * 2 : 64;
	size_t *ix = calloc(cap, sizeof *ix);
	if (!ix)
		return -1;
	free(tl->ix);
	tl->ix = ix;
	tl->ixcap = cap;
	for (i = 0; i < tl->r.n; i++)
		tl->ix[tl_slot(tl, tl->r.rcpt[i].addr)] = i + 1;
	return 0;
}

/* The recipient with address a, added when new; NULL: out of memory. */
static bounce_rcpt *text_rcpt(textlist *tl, bounce_str a)
{
	bounce_rcpt *r = tl_find(tl, a);
	if (r)
		return r;
	if (2 * (tl->r.n + 1) > tl->ixcap && tl_grow(tl) < 0)
		return NULL;
	if (!(r = bounce_add(&tl->r, a)))
		return NULL;
	tl->ix[tl_slot(tl, a)] = tl->r.n;
	return r;
}

/* A line of only punctuation: "=========", "-----". */
static int decoration(bounce_str l)
{
	size_t i;
	for (i = 0; i < l.len; i++)
		if (!strchr("-=*_#~+ \t", l.s[i]))
			return 0;
	return 1;
}

/* A heading between rules: "----- Transcript of session follows -----". */
static int heading(bounce_str l)
{
	return l.len >= 8 && decoration(bounce_s(l.s, 3)) &&
	       decoration(bounce_s(l.s + l.len - 3, 3));
}

/* The lines after a recipient's line, up to a blank line (at most four):
 * what a bounce says about it when no reply with a code or a known phrase
 * follows ("because: User not listed in Domino Directory"). */
static bounce_str paragraph(bounce_msg *m, bounce_str t, size_t at)
{
	const char *b = NULL, *e = NULL;
	size_t rest;
	int n;
	for (n = 0; n < 4 && at < t.len; n++) {
		bounce_str l = trim(next_line(t, &at));
		if (!l.len && b && e[-1] != ':')
			break; /* "because:" goes on after a blank line */
		if (line_addr(l, &rest).len || header_line(l) || copy_marker(l))
			break;
		if (!l.len || decoration(l) || heading(l))
			continue;
		if (!b)
			b = l.s;
		e = l.s + l.len;
	}
	return b ? unfold(m, bounce_s(b, (size_t)(e - b))) : bounce_s(NULL, 0);
}

/* Where in the text a recipient's line ended. */
typedef struct named {
	size_t rcpt, at;
} named;

typedef struct namelist {
	named *v;
	size_t n, cap;
} namelist;

static int names_add(namelist *ns, size_t rcpt, size_t at)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 8;
		named *v = realloc(ns->v, cap * sizeof *v);
		if (!v)
			return -1;
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n].rcpt = rcpt;
	ns->v[ns->n++].at = at;
	return 0;
}

/* A line of the text, as the text reader sees it: 0 a line to read; 1 a
 * header field of the quoted original, or a line that continues one. */
static int skipped(bounce_str l, int *in_header)
{
	if (header_line(l) ||
	    (*in_header && l.len && blank((unsigned char)l.s[0])))
		return *in_header = 1;
	return *in_header = 0;
}

/* The field name (with its colon: "to:") of the original's header block
 * quoted after a copy marker ("Message headers follow."), its lines
 * indented or not; or an empty string. */
static bounce_str quoted_field(bounce_str t, const char *name)
{
	size_t len = strlen(name), at = 0, n = 0;
	int started = 0;
	while (at < t.len && n++ < 200) {
		bounce_str l = trim(next_line(t, &at));
		if (!l.len) {
			if (started)
				break;
			continue;
		}
		if (!field_name(l) && !started)
			continue;
		started = 1;
		if (starts(l, name))
			return trim(bounce_s(l.s + len, l.len - len));
	}
	return bounce_s(NULL, 0);
}

/* The text reader: a line that names an address starts that recipient
 * (unless it follows "sent by": the sender); the first reply after it
 * with a code (else with a known phrase) is its reply. A reply that names
 * an address in angle brackets is that address's when no line named one
 * yet, or when it starts with its code ("554 <user@example.com>... Host
 * unknown"). A reply before any address is kept for recipients left
 * without one; a recipient with no reply gets the lines after its own.
 * The text ends at a copy marker; the To: and Message-ID: of the original
 * quoted after it go to tx when it has none. Adds to list; allocates in
 * m. */
static int text_read(bounce_msg *m, bounce_str t, textlist *list,
		     bounce_str *orphan, texts *tx)
{
	bounce_rcpt *cur = NULL, *weak = NULL; /* weak: its diag is no reply */
	namelist ns = { NULL, 0, 0 };
	size_t at = 0, rest, i;
	int in_header = 0, rc = 0;
	bounce_str prev = bounce_s(NULL, 0), before = prev;
	weighed kept = { NULL, 0, 0 };
	while (rc == 0 && at < t.len) {
		bounce_str whole = next_line(t, &at), l = whole, a, *to;
		int k, by;
		if (copy_marker(l)) {
			bounce_str copy = bounce_s(t.s + at, t.len - at);
			if (!tx->orig_to.len)
				tx->orig_to = quoted_field(copy, "to:");
			if (!tx->orig_id.len)
				tx->orig_id = quoted_field(copy, "message-id:");
			break;
		}
		if (skipped(l, &in_header))
			continue;
		/* Exim: "A message sent by <sender> could not be delivered" */
		by = prev.len >= 7 && is(bounce_s(prev.s + prev.len - 7, 7), "sent by");
		before = prev; /* Exim: "SMTP error ... after RCPT TO:<..>:" */
		if (trim(l).len)
			prev = trim(l);
		if (!by && (a = line_addr(l, &rest)).len) {
			if (!(cur = text_rcpt(list, a)) ||
			    names_add(&ns, (size_t)(cur - list->r.rcpt), at) < 0)
				rc = -1;
			l = trim(bounce_s(l.s + rest, l.len - rest));
			/* Sendmail: "<user@...>... Deferred: Connection
			 * refused", words kept until a reply comes */
			if (!rc && starts(l, "... ")) {
				l = trim(bounce_s(l.s + 4, l.len - 4));
				if (!cur->diag.len)
					cur->diag = l, weak = cur;
			}
		}
		if (rc)
			continue;
		l = said(l); /* "<<< 550 5.1.1 ..." */
		to = cur ? &cur->diag : orphan;
		/* a phrase only matters while the reply has none */
		if (!(k = to->len && !(weak && weak == cur) ? coded_line(l)
							   : reply_line(l)))
			continue;
		/* Sendmail names the recipient in the reply; most servers
		 * echo it */
		if (k == 2 && (a = reply_addr(l)).len &&
		    (!cur || (reply_first(l) && !same_addr(cur->addr, a))) &&
		    !(cur = text_rcpt(list, a)))
			rc = -1;
		to = rc ? NULL : cur ? &cur->diag : orphan;
		if (to && (!to->len || (weak && weak == cur) ||
			   quality_kept(&kept, *to) < k)) {
			if (!(*to = reply_at(m, t, &at, whole, trim(l),
					     cur ? cur->addr : bounce_s(NULL, 0))).s)
				rc = -1;
			else if (cur)
				cur->command = said_command(*to, before);
			if (weak == cur)
				weak = NULL;
		}
	}
	for (i = 0; rc == 0 && i < ns.n; i++) {
		bounce_rcpt *r = &list->r.rcpt[ns.v[i].rcpt];
		if (!r->diag.len)
			r->diag = orphan->len ? *orphan : paragraph(m, t, ns.v[i].at);
	}
	free(ns.v);
	return rc;
}

/* The first address anywhere in d ("User mailbox exceeds allowed size:
 * user@example.com"), or an empty string. */
static bounce_str any_addr(bounce_str d)
{
	size_t i, rest;
	for (i = 0; i < d.len; i++) {
		bounce_str a;
		if (i && d.s[i - 1] != ' ' && d.s[i - 1] != '<' && d.s[i - 1] != '(')
			continue;
		while (i < d.len && blank((unsigned char)d.s[i]))
			i++; /* as line_addr would, once for all of them */
		a = line_addr(bounce_s(d.s + i, d.len - i), &rest);
		if (a.len)
			return a;
	}
	return bounce_s(NULL, 0);
}

/* The address of a To: that names one ("<user@example.com>", "Name
 * <user@example.com>", "user@example.com"), or an empty string. */
static bounce_str one_addr(bounce_str v)
{
	size_t rest;
	bounce_str a;
	v = trim(v);
	if (!v.len || memchr(v.s, ',', v.len))
		return bounce_s(NULL, 0);
	a = reply_addr(v);
	return a.len ? a : line_addr(v, &rest);
}

/* The first paragraph of the text that names no address, up to a copy
 * marker: what a notice without a code says ("We're writing to let you
 * know that the group you tried to contact ... may not exist"), past its
 * greeting ("Hello user@example.com,"). */
static bounce_str first_words(bounce_msg *m, bounce_str t)
{
	size_t at = 0;
	int start = 1;
	while (at < t.len) {
		size_t here = at;
		bounce_str l = trim(next_line(t, &at));
		if (copy_marker(l))
			break;
		if (start && l.len && !memchr(l.s, '@', l.len) &&
		    !header_line(l) && !decoration(l))
			return paragraph(m, t, here);
		start = !l.len || (start && decoration(l));
	}
	return bounce_s(NULL, 0);
}

/* The next address of a list ("a@example.com, <b@example.com>"), from
 * *at on; an empty string at its end. */
static bounce_str next_listed(bounce_str v, size_t *at)
{
	while (*at < v.len) {
		const char *comma = memchr(v.s + *at, ',', v.len - *at);
		size_t e = comma ? (size_t)(comma - v.s) : v.len;
		bounce_str a = bare_addr(bounce_s(v.s + *at, e - *at));
		*at = e + 1;
		if (a.len)
			return a;
	}
	return bounce_s(NULL, 0);
}

static int listed(bounce_str v, bounce_str a)
{
	size_t at = 0;
	bounce_str x;
	while ((x = next_listed(v, &at)).len)
		if (same_addr(x, a))
			return 1;
	return 0;
}

/* The failed recipients that the X-Failed-Recipients: field lists (Exim,
 * Gmail, Google Groups), for a bounce whose text names none: each gets
 * words (the reply found without a recipient, or what followed a
 * greeting), else the text's first paragraph. */
static int failed_read(bounce_msg *m, bounce_str failed, bounce_str words,
		       const texts *tx)
{
	size_t at = 0;
	bounce_str a;
	if (!words.len && tx->n)
		words = first_words(m, tx->t[0]);
	while ((a = next_listed(failed, &at)).len) {
		bounce_rcpt *r = bounce_add(m, a);
		if (!r)
			return -1;
		r->diag = words;
	}
	return 0;
}

/* The text named one address, and only to greet the one the bounce is
 * sent to ("kijitora@example.jp 様"): X-Failed-Recipients: lists others. */
static int greeted(const textlist *list, bounce_str failed, bounce_str to)
{
	bounce_str a = one_addr(to);
	return list->r.n == 1 && failed.len && a.len &&
	       same_addr(list->r.rcpt[0].addr, a) && !listed(failed, a);
}

/* Sendmail's Diagnostic-Code holds only the first line of a reply of
 * several lines ("552-5.7.0 This message was blocked because its content
 * presents a potential"), and its transcript all of them ("<<< 552-5.7.0
 * ...", up to "<<< 552 5.7.0 ..."). The first lines of the multi-line
 * replies in a text, sorted by their bytes and then by place: each
 * recipient's Diagnostic-Code finds its reply in one search, however
 * many recipients the bounce names. */
typedef struct opener {
	bounce_str l; /* the line, as said() gives it */
	size_t at;    /* where the line after it starts */
} opener;

static int opener_cmp(const void *a, const void *b)
{
	const opener *x = a, *y = b;
	int d = memcmp(x->l.s, y->l.s, x->l.len < y->l.len ? x->l.len : y->l.len);
	if (d)
		return d;
	if (x->l.len != y->l.len)
		return x->l.len < y->l.len ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The openers of t, in *v (freed by the caller); -1 when out of memory. */
static int openers(bounce_str t, opener **v, size_t *n)
{
	size_t at = 0, cap = 0;
	*v = NULL;
	*n = 0;
	while (at < t.len) {
		bounce_str l = said(next_line(t, &at));
		if (!goes_on(l))
			continue;
		if (*n == cap) {
			opener *g = realloc(*v, (cap = cap ? 2 * cap : 16) * sizeof *g);
			if (!g)
				return -1;
			*v = g;
		}
		(*v)[*n].l = l;
		(*v)[(*n)++].at = at;
	}
	if (*n > 1)
		qsort(*v, *n, sizeof **v, opener_cmp);
	return 0;
}

/* Where in t the reply whose first line is first goes on, the first time
 * it is found there; 0 when it is not. */
static size_t opener_find(const opener *v, size_t n, bounce_str first)
{
	opener key;
	size_t lo = 0, hi = n;
	key.l = first;
	key.at = 0;
	while (lo < hi) { /* the first opener not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (opener_cmp(&v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].l.len == first.len &&
			       memcmp(v[lo].l.s, first.s, first.len) == 0
		       ? v[lo].at
		       : 0;
}

/* The lines of the reply that go on at t[at]: those with the first
 * line's code, up to its last ("552 5.7.0 ..."). With d, they are copied
 * there, each after a blank. Returns their length so joined. */
static size_t reply_rest(bounce_str t, size_t at, bounce_str first, char *d)
{
	bounce_str l = first;
	size_t n = 0;
	while (goes_on(l) && at < t.len) {
		l = said(next_line(t, &at));
		if (l.len < 4 || memcmp(l.s, first.s, 3) != 0 ||
		    (l.s[3] != '-' && l.s[3] != ' '))
			break;
		if (d) {
			d[n] = ' ';
			memcpy(d + n + 1, l.s, l.len);
		}
		n += 1 + l.len;
	}
	return n;
}

/* A Diagnostic-Code that is the first line of a multi-line reply
 * ("552-5.7.0 ..."), found in the text with the lines that go on with it:
 * the whole reply, joined into one line. Else first as it is. */
static bounce_str whole_reply(bounce_msg *m, bounce_str t, const opener *v,
			      size_t nv, bounce_str first)
{
	size_t at = opener_find(v, nv, first), n;
	char *d;
	if (!at)
		return first;
	n = reply_rest(t, at, first, NULL);
	if (!(d = bounce_alloc(m, first.len + n)))
		return first;
	memcpy(d, first.s, first.len);
	reply_rest(t, at, first, d + first.len);
	return bounce_s(d, first.len + n);
}

/* Each recipient's Diagnostic-Code that is a reply's first line: the
 * whole reply, from the first text that holds it. */
static int whole_replies(bounce_msg *m, const texts *tx)
{
	size_t i, j, nv;
	opener *v;
	for (j = 0; j < tx->n; j++) {
		for (i = 0; i < m->n && !goes_on(m->rcpt[i].diag); i++)
			;
		if (i == m->n)
			return 0;
		if (openers(tx->t[j], &v, &nv) < 0) {
			free(v);
			return -1;
		}
		for (; i < m->n; i++) {
			bounce_rcpt *r = &m->rcpt[i];
			if (goes_on(r->diag))
				r->diag = whole_reply(m, tx->t[j], v, nv, r->diag);
		}
		free(v);
	}
	return 0;
}

/* ------------------------------------------------------------- reading */

/* A recipient the DSN gave no reply for takes the text's; so does one
 * whose Diagnostic-Code holds no code and no phrase the catalog knows
 * ("X-Unix; 71", a program's exit status) when the text's reply does. */
static void fill_in(bounce_msg *m, const textlist *list, bounce_str orphan)
{
	size_t i;
	for (i = 0; i < m->n; i++) {
		bounce_rcpt *r = &m->rcpt[i];
		const bounce_rcpt *t = tl_find(list, r->addr);
		bounce_str d = orphan;
		if (t && !r->command.len)
			r->command = t->command;
		if (r->diag.len && quality(r->diag))
			continue;
		if (t && t->diag.len)
			d = t->diag;
		else if (m->n == 1 && list->r.n == 1 && list->r.rcpt[0].diag.len)
			d = list->r.rcpt[0].diag;
		if (!r->diag.len || quality(d))
			r->diag = d;
	}
}

/* Some line of t starts with the lower-case field name w ("name:"). */
static int field_at_line_start(bounce_str t, const char *w)
{
	size_t at = 0;
	while (at < t.len)
		if (starts(next_line(t, &at), w))
			return 1;
	return 0;
}

/* A feedback report: its recipients, else the original's To:; each with
 * the Feedback-Type field, else the subject, unless its reader gave it
 * one (an SES complaint's type). */
static int noted(bounce_msg *m, bounce_str t, const texts *tx)
{
	bounce_str ft = tx->feedback.len ? tx->feedback : subject_of(m, t);
	size_t i;
	if (!m->n && !bounce_add(m, one_addr(tx->orig_to)))
		return -1;
	for (i = 0; i < m->n; i++)
		if (!m->rcpt[i].diag.len)
			m->rcpt[i].diag = ft;
	return 0;
}

/* The catalog's phrases name the reason key in v. */
static int says(bounce_str v, const char *key)
{
	smtpcode_result r;
	smtpcode_explain(v.s, v.len, &r);
	return r.reason && !r.response && r.phrase_len &&
	       strcmp(smtpcode_key(r.reason), key) == 0;
}

/* A message in which no recipient was found: an automatic reply when its
 * Auto-Submitted field (RFC 3834's "auto-replied") or its subject ("Out
 * of Office: ...", "Automatic reply: ...") holds a phrase of the catalog's
 * reason vacation and it does not come from a mail system; else nothing.
 * Its "recipient" is who replied. */
static int autoreply(bounce_msg *m, bounce_str t)
{
	bounce_str subject = trim(subject_of(m, t));
	bounce_str from = header_value(t, "from"), a;
	size_t rest;
	/* bounces say auto-replied too: one from a mail system is a bounce
	 * that nothing was recognised in */
	if (has(from, "mailer-daemon") || has(from, "postmaster"))
		return 0;
	if (!says(header_value(t, "auto-submitted"), "vacation") &&
	    !says(subject, "vacation"))
		return 0;
	m->kind = BOUNCE_AUTOREPLY;
	a = reply_addr(from);
	if (!a.len)
		a = line_addr(from, &rest);
	if (!bounce_add(m, a))
		return -1;
	m->rcpt[0].diag = subject;
	return 0;
}

/* The recipients of the message t, into m; tx is what the walk over its
 * parts keeps. */
static int recipients(bounce_msg *m, bounce_str t, texts *tx)
{
	bounce_str orphan = bounce_s(NULL, 0);
	bounce_str failed, words = bounce_s(NULL, 0);
	textlist list;
	size_t i, at = 0;
	field f;
	int rc = 0;

	memset(&list, 0, sizeof list);
	if (next_field(t, &at, &f) && dsn_field(f.name))
		rc = dsn_read(m, t); /* a pasted delivery-status part */
	else
		rc = walk(m, t, 1, 0, tx);
	if (rc == 0 && m->kind != BOUNCE_FAILURE)
		return noted(m, t, tx);
	/* delivery-status fields pasted into the text of a bounce */
	for (i = 0; rc == 0 && !m->dsn && i < tx->n; i++)
		if (field_at_line_start(tx->t[i], "final-recipient:"))
			rc = dsn_read(m, tx->t[i]);
	for (i = 0; rc == 0 && i < tx->n; i++)
		rc = text_read(m, tx->t[i], &list, &orphan, tx);
	failed = unfold(m, header_value(t, "x-failed-recipients"));
	if (rc == 0 && !m->n && greeted(&list, failed, header_value(t, "to"))) {
		words = list.r.rcpt[0].diag; /* what followed the greeting */
		list.r.n = 0;
	}
	/* an automatic reply may say why ("I'm out of the office"): its
	 * headers tell first */
	if (rc == 0 && !m->n && !list.r.n && !failed.len)
		rc = autoreply(m, t);
	if (rc != 0 || m->kind == BOUNCE_AUTOREPLY)
		; /* nothing more to read */
	else if (!m->n && !list.r.n && failed.len)
		rc = failed_read(m, failed, orphan.len ? orphan : words, tx);
	else if (m->n)
		fill_in(m, &list, orphan);
	else { /* no DSN: the text's recipients */
		m->rcpt = list.r.rcpt;
		m->n = list.r.n;
		m->cap = list.r.cap;
		list.r.rcpt = NULL;
		for (i = 0; i < m->n; i++)
			if (!m->rcpt[i].diag.len)
				m->rcpt[i].diag = orphan;
		if (!m->n && orphan.len) { /* the address the reply names,
					     else the one the original went to */
			bounce_str a = any_addr(orphan);
			bounce_rcpt *r = bounce_add(m, a.len ? a : one_addr(tx->orig_to));
			if (r)
				r->diag = orphan;
			else
				rc = -1;
		}
	}
	if (rc == 0 && m->dsn)
		rc = whole_replies(m, tx);
	free(list.r.rcpt);
	free(list.ix);
	return rc;
}

/* Whether the message t is a warning that delivery is still being tried
 * (Exim's "Warning: message ... delayed 24 hours", Sendmail's "Warning:
 * could not send message for past 4 hours", Postfix's "Delayed Mail
 * (still being retried)", Gmail's "Delivery Status Notification
 * (Delay)", Exchange's "Delivery delayed:"), not a failure: by the words
 * of its subject that are the notice's own (a failure's subject may quote
 * the original's: "Undeliverable: Meeting delayed"), else by the words
 * that start its text. */
static int delay_notice(bounce_msg *m, bounce_str t, const texts *tx)
{
	bounce_str subject = subject_of(m, t);
	size_t i;
	if (starts(subject, "warning:") || starts(subject, "delayed mail") ||
	    starts(subject, "delivery delayed") || has(subject, "(delay)") ||
	    starts(subject, "delivery notification: delivery has been delayed"))
		return 1;
	for (i = 0; i < tx->n; i++) { /* as Exim and Gmail write them */
		size_t n = tx->t[i].len < 2048 ? tx->t[i].len : 2048;
		if (memmem(tx->t[i].s, n, "has not yet been delivered", 26) ||
		    memmem(tx->t[i].s, n, "WARNING MESSAGE ONLY", 20))
			return 1;
	}
	return 0;
}

/* A failure's recipients without a DSN's Action: failed, or delayed when
 * the message is a warning. */
static void actions(bounce_msg *m, bounce_str t, const texts *tx)
{
	bounce_str a = bounce_s(NULL, 0);
	size_t i;
	for (i = 0; i < m->n; i++) {
		if (m->rcpt[i].action.len)
			continue;
		if (!a.len)
			a = bounce_lit(delay_notice(m, t, tx) ? "delayed" : "failed");
		m->rcpt[i].action = a;
	}
}

int bounce_read(const char *s, size_t len, bounce_msg *m)
{
	bounce_str t = bounce_s(s, len);
	texts tx;
	int rc;

	memset(m, 0, sizeof *m);
	memset(&tx, 0, sizeof tx);
	rc = recipients(m, t, &tx);
	if (rc == 0 && m->kind == BOUNCE_FAILURE)
		actions(m, t, &tx);
	if (!m->date.len) /* else an SES notification's own */
		m->date = unfold(m, header_value(t, "date"));
	if (!m->message_id.len)
		m->message_id = trim(unfold(m, tx.orig_id));
	return rc;
}

void bounce_free(bounce_msg *m)
{
	while (m->bufs) {
		bounce_buf *b = m->bufs;
		m->bufs = b->next;
		free(b);
	}
	free(m->rcpt);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------ messages */

/* An mbox's "From sender date" line. A body line that only starts with
 * "From " (unquoted by a careless writer) has no time of day in it. */
static int mbox_from(bounce_str l)
{
	size_t i;
	if (l.len <= 5 || memcmp(l.s, "From ", 5) != 0)
		return 0;
	for (i = 5; i + 4 < l.len; i++)
		if (l.s[i] >= '0' && l.s[i] <= '9' && l.s[i + 1] >= '0' &&
		    l.s[i + 1] <= '9' && l.s[i + 2] == ':' && l.s[i + 3] >= '0' &&
		    l.s[i + 3] <= '9')
			return 1;
	return 0;
}

/* Fields every message or delivery status has one of. */
static int message_field(bounce_str name)
{
	static const char *const names[] = {
		"received", "return-path", "from", "date", "message-id",
		"mime-version", "content-type", "delivered-to", "subject",
		"x-failed-recipients",
	};
	size_t i;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (is(name, names[i]))
			return 1;
	return dsn_field(name);
}

/* What comes before a message that some tools write: a byte order mark,
 * blank lines. Its length. */
static size_t lead(const char *s, size_t len)
{
	size_t i = bounce_bom(s, len);
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

int bounce_is_message(const char *s, size_t len)
{
	bounce_str t;
	size_t at = 0, n = 0, was, i = lead(s, len);
	s += i, len -= i;
	t = bounce_s(s, len);
	int known = 0;
	field f;
	if (mbox_from(next_line(t, &at)))
		return 1;
	at = 0;
	while (next_field(t, &at, &f)) {
		n++;
		known |= message_field(f.name);
	}
	/* the fields end at a blank line, or with the text */
	was = at;
	return n >= 2 && known && (at >= len || !next_line(t, &was).len);
}

int bounce_may_start(const char *l, size_t len)
{
	size_t bom = bounce_bom(l, len), n, i;
	bounce_str t = bounce_s(l + bom, len - bom);
	n = name_of(t, field_name(t)).len;
	if (mbox_from(t))
		return 1;
	/* a name as messages write them ("Received", "X-Failed-Recipients"),
	 * not an ISO time ("2026-11-28T09:12:02 mx1 postfix/smtp ...") */
	for (i = 0; i < n; i++) {
		int c = (unsigned char)t.s[i], a = bounce_lower(c);
		if (!(a >= 'a' && a <= 'z') &&
		    (i == 0 || !((c >= '0' && c <= '9') || c == '-' || c == '_')))
			return 0;
	}
	return n > 0;
}

int bounce_next(const char *s, size_t len, size_t *at, bounce_str *msg)
{
	bounce_str t = bounce_s(s, len);
	size_t b = *at, e, next;
	int blank_before = 0;
	if (b == 0)
		b = lead(s, len);
	if (b >= len)
		return 0;
	next = b;
	if (!mbox_from(next_line(t, &next))) { /* one message, all of it */
		*msg = bounce_s(s + b, len - b);
		*at = len;
		return 1;
	}
	b = e = next;
	while (e < len) { /* up to the next "From " after a blank line */
		bounce_str l = next_line(t, &next);
		if (blank_before && mbox_from(l))
			break;
		blank_before = !l.len;
		e = next;
	}
	*msg = bounce_s(s + b, e - b);
	*at = e;
	return 1;
}
