#include "esp.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* How deep JSON may nest, and envelopes in strings, before the rest of
 * the value is skipped unread. */
enum { DEPTH_MAX = 32, NEST_MAX = 4 };

/* A place in JSON text. */
typedef struct cur {
	const char *p, *e;
	int depth;
} cur;

/* What a walk keeps: where recipients go, and for esp_each what to call
 * when a notification is complete. */
typedef struct walk {
	bounce_msg *m;
	long found; /* notifications */
	int ids_at; /* the depth of the object whose "mail" gave ids, or 0 */
	int nest;  /* envelopes in strings, inside one another */
	int oom;   /* out of memory */
	int stop;  /* each said to stop */
	int (*each)(bounce_msg *, void *);
	void *arg;
} walk;

static int is(bounce_str v, const char *w)
{
	return v.len == strlen(w) && memcmp(v.s, w, v.len) == 0;
}

/* ------------------------------------------------------------- reading */

static void ws(cur *c)
{
	while (c->p < c->e && (*c->p == ' ' || *c->p == '\t' ||
			       *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int eat(cur *c, char ch)
{
	ws(c);
	if (c->p < c->e && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static int peek(cur *c)
{
	ws(c);
	return c->p < c->e ? (unsigned char)*c->p : -1;
}

/* A string: its bytes between the quotes, escapes as written. It may not
 * hold a line end (JSON's strings do not): a line cut short ends there,
 * and the next line is read for itself. */
static int raw_string(cur *c, bounce_str *out)
{
	const char *s;
	if (!eat(c, '"'))
		return 0;
	for (s = c->p; c->p < c->e && *c->p != '\n'; c->p++) {
		if (*c->p == '\\' && c->p + 1 < c->e && c->p[1] != '\n') {
			c->p++;
			continue;
		}
		if (*c->p == '"') {
			*out = bounce_s(s, (size_t)(c->p++ - s));
			return 1;
		}
	}
	return 0;
}

static int each_in(cur *c, walk *w,
		   int (*fn)(cur *, walk *, bounce_str key, void *), void *arg);
static int skip(cur *c);

static int skip_one(cur *c, walk *w, bounce_str key, void *arg)
{
	(void)w;
	(void)key;
	(void)arg;
	return skip(c);
}

/* Any value. */
static int skip(cur *c)
{
	bounce_str v;
	int ch = peek(c);
	if (ch == '"')
		return raw_string(c, &v);
	if (ch == '{' || ch == '[')
		return each_in(c, NULL, skip_one, NULL);
	/* a number, true, false or null */
	for (v.s = c->p; c->p < c->e && !strchr(",]} \t\r\n", *c->p); c->p++)
		;
	return c->p > v.s;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	int i;
	for (i = 0; i < 4; i++) {
		int d = p[i] >= '0' && p[i] <= '9'   ? p[i] - '0'
			: p[i] >= 'a' && p[i] <= 'f' ? p[i] - 'a' + 10
			: p[i] >= 'A' && p[i] <= 'F' ? p[i] - 'A' + 10
						     : -1;
		if (d < 0)
			return 0xfffd;
		v = v * 16 + (unsigned)d;
	}
	return v;
}

/* raw with its escapes undone, into out (as long as raw at most: an
 * escape is never shorter than what it stands for). Returns the length. */
static size_t unescape(bounce_str raw, char *out)
{
	size_t i, n = 0;
	for (i = 0; i < raw.len; i++) {
		unsigned u;
		if (raw.s[i] != '\\' || i + 1 == raw.len) {
			out[n++] = raw.s[i];
			continue;
		}
		switch (raw.s[++i]) {
		case 'n': out[n++] = '\n'; continue;
		case 't': out[n++] = '\t'; continue;
		case 'r': out[n++] = '\r'; continue;
		case 'b': out[n++] = '\b'; continue;
		case 'f': out[n++] = '\f'; continue;
		case 'u': break;
		default: out[n++] = raw.s[i]; continue;
		}
		u = i + 4 < raw.len ? hex4(raw.s + i + 1) : 0xfffd;
		i += i + 4 < raw.len ? 4 : 0;
		if (u >= 0xd800 && u <= 0xdbff && i + 6 < raw.len &&
		    raw.s[i + 1] == '\\' && raw.s[i + 2] == 'u' &&
		    hex4(raw.s + i + 3) >= 0xdc00 && hex4(raw.s + i + 3) <= 0xdfff) {
			/* a surrogate pair: one character past U+FFFF */
			u = 0x10000 + ((u - 0xd800) << 10) +
			    (hex4(raw.s + i + 3) - 0xdc00);
			i += 6;
			out[n++] = (char)(0xf0 | u >> 18);
			out[n++] = (char)(0x80 | ((u >> 12) & 0x3f));
			out[n++] = (char)(0x80 | ((u >> 6) & 0x3f));
			out[n++] = (char)(0x80 | (u & 0x3f));
			continue;
		}
		if (u >= 0xd800 && u <= 0xdfff)
			u = 0xfffd; /* a surrogate alone */
		if (u < 0x80) {
			out[n++] = (char)u;
		} else if (u < 0x800) {
			out[n++] = (char)(0xc0 | u >> 6);
			out[n++] = (char)(0x80 | (u & 0x3f));
		} else {
			out[n++] = (char)(0xe0 | u >> 12);
			out[n++] = (char)(0x80 | ((u >> 6) & 0x3f));
			out[n++] = (char)(0x80 | (u & 0x3f));
		}
	}
	return n;
}

/* A string value, its escapes undone in w's message when it has any. */
static int string(cur *c, walk *w, bounce_str *out)
{
	bounce_str raw;
	char *t;
	if (!raw_string(c, &raw))
		return 0;
	if (!memchr(raw.s, '\\', raw.len)) {
		*out = raw;
		return 1;
	}
	t = bounce_alloc(w->m, raw.len);
	if (!t) {
		w->oom = 1;
		return 0;
	}
	*out = bounce_s(t, unescape(raw, t));
	return 1;
}

/* Calls fn for each member of the object at c (fn reads its value), or
 * for each element of the array at c (key empty). */
static int each_in(cur *c, walk *w,
		   int (*fn)(cur *, walk *, bounce_str key, void *), void *arg)
{
	bounce_str k = bounce_s("", 0);
	int ch = peek(c), obj = ch == '{', ok = 1;
	if ((ch != '{' && ch != '[') || c->depth >= DEPTH_MAX)
		return 0;
	c->p++;
	c->depth++;
	if (!eat(c, obj ? '}' : ']')) {
		do {
			if (obj && (!raw_string(c, &k) || !eat(c, ':')))
				ok = 0;
			else
				ok = fn(c, w, k, arg);
		} while (ok && eat(c, ','));
		ok = ok && eat(c, obj ? '}' : ']');
	}
	c->depth--;
	return ok;
}

/* -------------------------------------------------------- notifications */

/* One recipient: an object with "emailAddress", or (a delivery's) a
 * string. */
static int rcpt_member(cur *c, walk *w, bounce_str key, void *arg)
{
	bounce_rcpt *r = arg;
	bounce_str v;
	if (!is(key, "emailAddress") && !is(key, "action") &&
	    !is(key, "status") && !is(key, "diagnosticCode"))
		return skip(c);
	if (peek(c) != '"')
		return skip(c);
	if (!string(c, w, &v))
		return 0;
	if (is(key, "emailAddress"))
		r->addr = v;
	else if (is(key, "action"))
		r->action = v;
	else if (is(key, "status"))
		r->status = v;
	else
		r->diag = bounce_typed(v);
	return 1;
}

/* What a list of recipients gives each: the action, and the reply of a
 * delivery. */
typedef struct given {
	const char *action;
	bounce_str diag;
} given;

static int rcpt_element(cur *c, walk *w, bounce_str key, void *arg)
{
	const given *g = arg;
	bounce_rcpt r, *to;
	int ok;
	(void)key;
	memset(&r, 0, sizeof r);
	/* a recipient cut short keeps what was read of it */
	ok = peek(c) == '"' ? string(c, w, &r.addr)
			    : each_in(c, w, rcpt_member, &r);
	if (!r.addr.len || w->oom)
		return ok;
	to = bounce_add(w->m, r.addr);
	if (!to) {
		w->oom = 1;
		return 0;
	}
	*to = r;
	if (!to->action.len)
		to->action = bounce_s(g->action, strlen(g->action));
	if (!to->diag.len)
		to->diag = g->diag;
	return ok;
}

/* The object of a bounce, complaint, delay or delivery. Its reply (a
 * delivery's "smtpResponse") may come after its recipients: they are
 * read on a second pass. */
typedef struct event_ctx {
	given g;
	const char *list; /* the member that lists the recipients */
	int pass;         /* 0: the other members, 1: the list */
	bounce_str type[3]; /* bounceType, bounceSubType, delayType */
} event_ctx;

static const char *const type_names[3] = { "bounceType", "bounceSubType",
					   "delayType" };

static int event_member(cur *c, walk *w, bounce_str key, void *arg)
{
	event_ctx *ev = arg;
	size_t i;
	if (ev->pass == 1)
		return is(key, ev->list) ? each_in(c, w, rcpt_element, &ev->g)
					 : skip(c);
	if (is(key, "smtpResponse") && peek(c) == '"') {
		if (!string(c, w, &ev->g.diag))
			return 0;
		ev->g.diag = bounce_typed(ev->g.diag);
		return 1;
	}
	if (is(key, "complaintFeedbackType") && peek(c) == '"')
		return string(c, w, &ev->g.diag) ? 1 : 0;
	if (is(key, "timestamp") && peek(c) == '"') /* when SES saw it */
		return string(c, w, &w->m->date) ? 1 : 0;
	for (i = 0; i < 3; i++)
		if (is(key, type_names[i]) && peek(c) == '"')
			return string(c, w, &ev->type[i]) ? 1 : 0;
	return skip(c);
}

/* What SES says of a bounce or delay, for the recipients that come with
 * no diagnostic code: "bounceType Permanent, bounceSubType NoEmail" (the
 * catalog's reasons know the subtypes). 0, or -1 when out of memory. */
static int ses_words(walk *w, event_ctx *ev)
{
	size_t i, n = 0;
	char *t;
	for (i = 0; i < 3; i++)
		n += ev->type[i].len ? strlen(type_names[i]) + ev->type[i].len + 3
				     : 0;
	if (!n || ev->g.diag.len)
		return 0;
	t = bounce_alloc(w->m, n);
	if (!t)
		return -1;
	for (i = 0, n = 0; i < 3; i++) {
		if (!ev->type[i].len)
			continue;
		if (n)
			t[n++] = ',', t[n++] = ' ';
		memcpy(t + n, type_names[i], strlen(type_names[i]));
		n += strlen(type_names[i]);
		t[n++] = ' ';
		memcpy(t + n, ev->type[i].s, ev->type[i].len);
		n += ev->type[i].len;
	}
	ev->g.diag = bounce_s(t, n);
	return 0;
}

static int event(cur *c, walk *w, bounce_str key)
{
	static const struct {
		const char *key, *list, *action;
	} kinds[] = {
		{ "bounce", "bouncedRecipients", "failed" },
		{ "deliveryDelay", "delayedRecipients", "delayed" },
		{ "complaint", "complainedRecipients", "" },
		{ "delivery", "recipients", "delivered" },
	};
	event_ctx ev;
	cur again;
	size_t i;
	int ok;
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (is(key, kinds[i].key))
			break;
	if (i == sizeof kinds / sizeof *kinds)
		return skip(c);
	memset(&ev, 0, sizeof ev);
	ev.list = kinds[i].list;
	ev.g.action = kinds[i].action;
	again = *c;
	ok = each_in(c, w, event_member, &ev); /* cut short: read on */
	if (w->oom || ses_words(w, &ev) < 0) {
		w->oom = 1;
		return 0;
	}
	if (is(key, "complaint")) { /* each complainant's diag: the type */
		w->m->kind = BOUNCE_FEEDBACK;
		if (!ev.g.diag.len)
			ev.g.diag = bounce_s("complaint", 9);
	}
	ev.pass = 1;
	return each_in(&again, w, event_member, &ev) && ok;
}

static int is_event(bounce_str key)
{
	return is(key, "bounce") || is(key, "deliveryDelay") ||
	       is(key, "complaint") || is(key, "delivery");
}

static int value(cur *c, walk *w);

/* A Message-ID as a bounce's copy of the original gives it, in its angle
 * brackets, which SES and Mailgun leave out. */
static int msgid(walk *w, bounce_str id, bounce_str *out)
{
	char *t;
	if (!id.len || id.s[0] == '<') {
		*out = id;
		return 1;
	}
	if (!(t = bounce_alloc(w->m, id.len + 3))) {
		w->oom = 1;
		return 0;
	}
	*out = bounce_s(t, bounce_msgid_copy(t, id));
	return 1;
}

/* The original message's Message-ID:, in "commonHeaders". */
static int header_member(cur *c, walk *w, bounce_str key, void *arg)
{
	bounce_str v;
	(void)arg;
	if (is(key, "messageId") && peek(c) == '"')
		return string(c, w, &v) && msgid(w, v, &w->m->message_id);
	return skip(c);
}

/* The notification's "mail": SES's id of the message (what sending it
 * returned), and its headers. */
static int mail_member(cur *c, walk *w, bounce_str key, void *arg)
{
	(void)arg;
	if (is(key, "messageId") && peek(c) == '"')
		return string(c, w, &w->m->queue_id) ? 1 : 0;
	if (is(key, "commonHeaders") && peek(c) == '{')
		return each_in(c, w, header_member, NULL);
	return skip(c);
}

/* ------------------------------------------------ other ESPs' events */

/* An event of SendGrid, Postmark or Mailgun: one object per recipient,
 * whose members say what happened, in any order:
 *   SendGrid  {"email":"a@b","event":"bounce","status":"5.1.1","reason":
 *             "550 5.1.1 ...","type":"bounce","timestamp":1764..,
 *             "smtp-id":"<..>","sg_message_id":".."}
 *   Postmark  {"RecordType":"Bounce","Type":"HardBounce","Email":"a@b",
 *             "Details":"smtp;550 5.1.1 ...","BouncedAt":"2026-..Z",
 *             "MessageID":".."}
 *   Mailgun   {"event":"failed","severity":"permanent","recipient":"a@b",
 *             "delivery-status":{"code":550,"enhanced-code":"5.1.1",
 *             "message":"..."},"message":{"headers":{"message-id":".."}},
 *             "timestamp":1764..}
 * Their member names do not meet, nor SES's. */
typedef struct flat {
	bounce_str kind, addr, status, diag, alt, type, code, date, qid, msgid;
	bounce_str ds, dsd; /* Mailgun's delivery-status message and
			       description: its reply */
} flat;

static const struct {
	const char *key;
	size_t at;
} flat_keys[] = {
	{ "event", offsetof(flat, kind) },
	{ "RecordType", offsetof(flat, kind) },
	{ "email", offsetof(flat, addr) },
	{ "Email", offsetof(flat, addr) },
	{ "Recipient", offsetof(flat, addr) },
	{ "recipient", offsetof(flat, addr) },
	{ "status", offsetof(flat, status) },
	{ "enhanced-code", offsetof(flat, status) },
	{ "reason", offsetof(flat, diag) },
	{ "Details", offsetof(flat, diag) },
	{ "response", offsetof(flat, alt) },
	{ "Description", offsetof(flat, alt) },
	{ "description", offsetof(flat, alt) },
	{ "type", offsetof(flat, type) },
	{ "Type", offsetof(flat, type) },
	{ "severity", offsetof(flat, type) },
	{ "code", offsetof(flat, code) },
	{ "timestamp", offsetof(flat, date) },
	{ "BouncedAt", offsetof(flat, date) },
	{ "DeliveredAt", offsetof(flat, date) },
	{ "sg_message_id", offsetof(flat, qid) },
	{ "MessageID", offsetof(flat, qid) },
	{ "smtp-id", offsetof(flat, msgid) },
	{ "message-id", offsetof(flat, msgid) },
};

/* What each event is: its kind, and its type where that decides. */
static const struct {
	const char *kind, *type, *action;
	bounce_kind as;
} flat_events[] = {
	/* SendGrid: a block is a bounce of type "blocked" */
	{ "bounce", NULL, "failed", BOUNCE_FAILURE },
	{ "dropped", NULL, "failed", BOUNCE_FAILURE },
	{ "deferred", NULL, "delayed", BOUNCE_FAILURE },
	{ "spamreport", NULL, "", BOUNCE_FEEDBACK },
	/* Postmark: a Transient bounce is a delay; some of its bounce types
	 * tell of no failure (a list's subscribe or unsubscribe request, a
	 * new address, a challenge to verify the sender, a relay test): no
	 * record, as an open or a click */
	{ "Bounce", "Transient", "delayed", BOUNCE_FAILURE },
	{ "Bounce", "AutoResponder", "", BOUNCE_AUTOREPLY },
	{ "Bounce", "Subscribe", NULL, BOUNCE_FAILURE },
	{ "Bounce", "Unsubscribe", NULL, BOUNCE_FAILURE },
	{ "Bounce", "AddressChange", NULL, BOUNCE_FAILURE },
	{ "Bounce", "ChallengeVerification", NULL, BOUNCE_FAILURE },
	{ "Bounce", "OpenRelayTest", NULL, BOUNCE_FAILURE },
	{ "Bounce", NULL, "failed", BOUNCE_FAILURE },
	{ "SpamComplaint", NULL, "", BOUNCE_FEEDBACK },
	{ "Delivery", NULL, "delivered", BOUNCE_FAILURE },
	/* Mailgun: the severity tells */
	{ "failed", "temporary", "delayed", BOUNCE_FAILURE },
	{ "failed", NULL, "failed", BOUNCE_FAILURE },
	{ "complained", NULL, "", BOUNCE_FEEDBACK },
	/* SendGrid's and Mailgun's */
	{ "delivered", NULL, "delivered", BOUNCE_FAILURE },
};

/* A string, or a number as written ("timestamp":1764355084.5). */
static int scalar(cur *c, walk *w, bounce_str *out)
{
	int ch = peek(c);
	const char *s = c->p;
	if (ch == '"')
		return string(c, w, out);
	if (!skip(c))
		return 0;
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		*out = bounce_span(s, c->p);
	return 1;
}

/* A member that an event of these ESPs may have: its value in f; the
 * members of Mailgun's "message" (member() sends them here) and of its
 * "headers" are read the same way. Returns -1 when key is none of them. */
static int flat_member(cur *c, walk *w, bounce_str key, flat *f);

static int flat_inner(cur *c, walk *w, bounce_str key, void *arg)
{
	int ok = flat_member(c, w, key, arg);
	return ok < 0 ? skip(c) : ok;
}

static int flat_member(cur *c, walk *w, bounce_str key, flat *f)
{
	int ch = peek(c);
	size_t i;
	if (ch == '{' && is(key, "headers"))
		return each_in(c, w, flat_inner, f);
	if (ch == '{' || ch == '[')
		return -1;
	for (i = 0; i < sizeof flat_keys / sizeof *flat_keys; i++)
		if (is(key, flat_keys[i].key))
			return scalar(c, w, (bounce_str *)(void *)((char *)f +
						  flat_keys[i].at));
	return -1;
}

/* Mailgun's "delivery-status": its "message" is the reply, else its
 * "description" (the event's own "reason" is a word of Mailgun's:
 * "bounce", "generic"). */
static int ds_member(cur *c, walk *w, bounce_str key, void *arg)
{
	flat *f = arg;
	if (is(key, "message") && peek(c) == '"')
		return string(c, w, &f->ds);
	if (is(key, "description") && peek(c) == '"')
		return string(c, w, &f->dsd);
	return flat_inner(c, w, key, f);
}

/* The reply of an event: Mailgun gives its code apart ("code":550,
 * "message":"5.1.1 ..."), and may give only a description; its own codes
 * (605: not sent to a suppressed address) are no SMTP reply codes. */
static bounce_str flat_reply(walk *w, const flat *f)
{
	bounce_str d = f->ds.len     ? f->ds
		       : f->dsd.len  ? f->dsd
		       : f->diag.len ? bounce_typed(f->diag)
				     : f->alt;
	char *t;
	if (f->code.len != 3 || f->code.s[0] < '2' || f->code.s[0] > '5' ||
	    !d.len || (d.len >= 3 && !memcmp(d.s, f->code.s, 3)))
		return d;
	if (!(t = bounce_alloc(w->m, d.len + 4))) {
		w->oom = 1;
		return d;
	}
	memcpy(t, f->code.s, 3);
	t[3] = ' ';
	memcpy(t + 4, d.s, d.len);
	return bounce_s(t, d.len + 4);
}

/* The object read into f, when it is an event of these ESPs: its
 * recipient in w's message. 1 when it was one. */
static int flat_event(walk *w, const flat *f)
{
	bounce_rcpt *r;
	size_t i;
	if (!f->kind.len || !f->addr.len)
		return 0;
	for (i = 0; i < sizeof flat_events / sizeof *flat_events; i++)
		if (is(f->kind, flat_events[i].kind) &&
		    (!flat_events[i].type || is(f->type, flat_events[i].type)))
			break;
	if (i == sizeof flat_events / sizeof *flat_events ||
	    !flat_events[i].action)
		return 0;
	if (!(r = bounce_add(w->m, f->addr))) {
		w->oom = 1;
		return 0;
	}
	w->m->kind = flat_events[i].as;
	r->action = bounce_lit(flat_events[i].action);
	r->status = f->status;
	r->diag = w->m->kind == BOUNCE_FAILURE ? flat_reply(w, f) : f->kind;
	if (!w->m->date.len)
		w->m->date = f->date;
	if (!w->m->message_id.len && !msgid(w, f->msgid, &w->m->message_id))
		return 0;
	/* the service's id of the message; Mailgun's is its Message-ID */
	if (!w->m->queue_id.len)
		w->m->queue_id = f->qid.len ? f->qid : w->m->message_id;
	return 1;
}

/* What the message took from an envelope's string [t, e), which is about
 * to go (its "mail", read before the event that ends the notification):
 * copied into the message. */
static void outlive(walk *w, const char *t, const char *e)
{
	bounce_str *v[3];
	size_t i;
	v[0] = &w->m->date, v[1] = &w->m->queue_id, v[2] = &w->m->message_id;
	for (i = 0; i < 3; i++) {
		char *c;
		if (!v[i]->len || v[i]->s < t || v[i]->s >= e)
			continue;
		if (!(c = bounce_alloc(w->m, v[i]->len))) {
			w->oom = 1;
			memset(v[i], 0, sizeof *v[i]);
			continue;
		}
		memcpy(c, v[i]->s, v[i]->len);
		v[i]->s = c;
	}
}

/* What an object holds: the notifications of SES in its members, or the
 * fields of another ESP's event. */
typedef struct obj {
	int events;
	flat f;
} obj;

/* A member of an object that may be a notification or hold one. */
static int member(cur *c, walk *w, bounce_str key, void *arg)
{
	obj *o = arg;
	int ch = peek(c), rc;
	if (ch == '{' && is_event(key)) {
		++o->events;
		return event(c, w, key);
	}
	if (ch == '{' && is(key, "mail")) {
		w->ids_at = c->depth;
		return each_in(c, w, mail_member, NULL);
	}
	if (ch == '{' && is(key, "delivery-status"))
		return each_in(c, w, ds_member, &o->f);
	if (ch == '{' && is(key, "message"))
		return each_in(c, w, flat_inner, &o->f);
	if (ch == '{' || ch == '[')
		return value(c, w);
	if (ch == '"' && w->each && w->nest < NEST_MAX &&
	    (is(key, "Message") || is(key, "Body") || is(key, "message") ||
	     is(key, "body"))) { /* SNS's, SQS's, SQS's to Lambda */
		bounce_str raw;
		char *t;
		cur in;
		int ok;
		if (!raw_string(c, &raw))
			return 0;
		t = malloc(raw.len + 1);
		if (!t) {
			w->oom = 1;
			return 0;
		}
		in.p = t;
		in.e = t + unescape(raw, t);
		in.depth = c->depth;
		w->nest++;
		ok = peek(&in) != '{' || value(&in, w) ||
		     !(w->oom || w->stop); /* not JSON after all */
		w->nest--;
		outlive(w, t, in.e);
		free(t);
		return ok;
	}
	rc = flat_member(c, w, key, &o->f);
	return rc < 0 ? skip(c) : rc;
}

/* The notification is complete: esp_each hands it on and starts anew. */
static int done(walk *w)
{
	int rc;
	w->found++;
	if (!w->each)
		return 1;
	rc = w->each(w->m, w->arg);
	bounce_free(w->m);
	memset(w->m, 0, sizeof *w->m);
	w->stop = rc < 0;
	return !w->stop;
}

static int element(cur *c, walk *w, bounce_str key, void *arg)
{
	(void)key;
	(void)arg;
	return peek(c) == '{' || peek(c) == '[' ? value(c, w) : skip(c);
}

/* An object (a notification when a member is an event) or an array. A
 * notification cut short gives what was read of it. */
static int value(cur *c, walk *w)
{
	obj o;
	long found = w->found;
	int ok;
	if (peek(c) == '[')
		return each_in(c, w, element, NULL);
	memset(&o, 0, sizeof o);
	ok = each_in(c, w, member, &o);
	/* an object that held events is none (and what it read went with
	 * them) */
	if (!o.events && !w->oom && w->found == found)
		o.events = flat_event(w, &o.f);
	if (o.events && !w->oom && !w->stop) {
		ok = done(w) && ok;
	} else if (w->ids_at == c->depth + 1 && w->found == found) {
		/* its "mail" named a message no event was about (an SES open):
		 * its ids are not the next notification's */
		w->m->date = w->m->queue_id = w->m->message_id = bounce_s(NULL, 0);
	}
	if (w->ids_at > c->depth)
		w->ids_at = 0;
	return ok;
}

/* ------------------------------------------------------------- telling */

/* Past a byte order mark. */
static void skip_bom(cur *c)
{
	c->p += bounce_bom(c->p, (size_t)(c->e - c->p));
}

/* The member names that tell an email service's JSON, wherever they are
 * in an object (esp_is): SES's notifications and events, the envelopes that
 * may carry one (SNS's "Type", the "Messages" of `aws sqs
 * receive-message`, a Lambda function's "Records"), and the events of
 * SendGrid, Postmark and Mailgun (whose APIs list them in "items"). */
static const char *const telling[] = {
	"notificationType", "eventType", "Type", "Messages", "Records",
	"sg_event_id", "sg_message_id",               /* SendGrid */
	"RecordType",                                  /* Postmark */
	"event-data", "delivery-status", "log-level", /* Mailgun */
};

static int tell_member(cur *c, walk *w, bounce_str key, void *arg)
{
	size_t i;
	int ch;
	for (i = 0; i < sizeof telling / sizeof *telling; i++)
		if (is(key, telling[i])) {
			*(int *)arg = 1;
			return 0; /* told: read no further */
		}
	ch = peek(c);
	return ch == '{' || ch == '[' ? each_in(c, w, tell_member, arg)
				      : skip(c);
}

/* The objects looked at to tell: those that start in the first TELL_HEAD
 * bytes, and the first however long it is. A file whose first line is
 * cut short or of something else still has its events told. */
#define TELL_HEAD 2048

/* What esp_is says of s, of which more may follow (more): 1, 0, or -1
 * when an object to look at goes on past s and no name has told yet. *at
 * is where the first object starts. */
static int tell(const char *s, size_t len, int more, const char **at)
{
	cur c;
	int told = 0;
	c.p = s, c.e = s + len, c.depth = 0;
	skip_bom(&c);
	while (c.p < c.e && memchr(" \t\r\n[", *c.p, 5))
		c.p++;
	*at = c.p;
	for (;;) {
		if (c.p == c.e)
			return more ? -1 : 0;
		if (*c.p != '{')
			return 0;
		if (!each_in(&c, NULL, tell_member, &told) && c.p == c.e)
			return told ? 1 : more ? -1 : 0;
		if (told)
			return 1;
		/* on to the next object: of the same array, of the next line
		 * (JSON Lines), or after a line that was cut short */
		while (c.p < c.e && memchr(" \t\r\n,[]", *c.p, 7))
			c.p++;
		if (c.p - s >= TELL_HEAD)
			return 0;
	}
}

/* ------------------------------------------------------------- streams */

/* Where a stream stands between two values: at the top, inside the
 * array that holds them (just after its "[", before an element, after
 * one), or passing over a line that is not JSON. */
enum { AT_TOP, AT_OPEN, AT_ELEMENT, AT_COMMA, AT_LINE };

/* Whether p is the first token of its line: blanks alone before it, back
 * to a line end or to the start of s, where bol says what came before s
 * (1: a line end, or nothing). */
static int line_start(const char *s, const char *p, int bol)
{
	while (p > s && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r'))
		p--;
	return p == s ? bol : p[-1] == '\n';
}

/* Whether the value at c can be read now: the text ends, or the value
 * ends before the text does, whole or broken. skip() tells: value()
 * follows the same syntax, reads no further and stops where skip() stops
 * or before, so what it gives does not depend on what comes after. A
 * value that ends where the text does may go on (a number, "12" of
 * "123"). */
static int whole(const cur *c, int end)
{
	cur probe = *c;
	if (end)
		return 1;
	skip(&probe);
	return probe.p < c->e;
}

/* A value from at to e is not whole: it is read again once more of it
 * has come (again()). base is where the next call's text will start. */
static void pending(esp_stream *st, const char *base, const char *at,
		    const char *e)
{
	st->tried = st->looked = (size_t)(e - base);
	st->tried_lines = memchr(at, '\n', (size_t)(e - at)) != NULL;
}

/* Whether a value that was not whole may be now: a line end has come
 * after a value of one line (JSON Lines), or the text has twice the bytes
 * it had. A value of many lines is read again that seldom only, so that
 * the time taken by a large one grows as its size, not its square. */
static int again(esp_stream *st, const char *s, size_t len)
{
	int now = !st->tried || len >= 2 * st->tried ||
		  (!st->tried_lines && len > st->looked &&
		   memchr(s + st->looked, '\n', len - st->looked));
	st->looked = len;
	return now;
}

/* Between two values the message holds no recipient. What its strings
 * took is let go (events that give no record, opens and clicks, would
 * fill it up), but for the ids that an object's "mail" may leave to the
 * next (value()), which are copied: the text they point into is about
 * to be dropped. 0, or -1 when out of memory. */
static int carry(bounce_msg *m)
{
	bounce_str *from[3], *to[3];
	bounce_msg k;
	size_t i;
	if (!m->bufs && !m->date.len && !m->queue_id.len &&
	    !m->message_id.len)
		return 0;
	memset(&k, 0, sizeof k);
	k.kind = m->kind;
	from[0] = &m->date, from[1] = &m->queue_id, from[2] = &m->message_id;
	to[0] = &k.date, to[1] = &k.queue_id, to[2] = &k.message_id;
	for (i = 0; i < 3; i++) {
		char *t;
		if (!from[i]->len)
			continue;
		if (!(t = bounce_alloc(&k, from[i]->len))) {
			bounce_free(&k);
			return -1;
		}
		memcpy(t, from[i]->s, from[i]->len);
		*to[i] = bounce_s(t, from[i]->len);
	}
	bounce_free(m);
	*m = k;
	return 0;
}

/* Reads the values from c while they are whole, the elements of an array
 * at the top one by one. c stops where the text is to be read again from
 * once more of it has come. */
static void read_on(esp_stream *st, walk *w, cur *c, const char *s, int end)
{
	for (;;) {
		const char *at;
		int ch, ok;
		if (st->at == AT_LINE) { /* not JSON: on to the next line */
			at = memchr(c->p, '\n', (size_t)(c->e - c->p));
			if (!at) {
				c->p = c->e;
				return;
			}
			c->p = at;
			st->at = AT_TOP;
		}
		ch = peek(c);
		at = c->p;
		if (ch == -1 && (!end || st->at == AT_TOP))
			return;
		switch (st->at) {
		case AT_TOP:
			if (ch == '[') { /* each_in() of it, a step at a time */
				c->p++;
				c->depth = 1;
				st->at = AT_OPEN;
				continue;
			}
			if (ch != '{') {
				st->at = AT_LINE;
				continue;
			}
			if (!whole(c, end)) {
				pending(st, at, at, c->e);
				return;
			}
			ok = value(c, w);
			break;
		case AT_OPEN:
			st->at = AT_ELEMENT;
			if (eat(c, ']')) { /* [] */
				c->depth = 0;
				st->at = AT_TOP;
			}
			continue;
		case AT_ELEMENT:
			if (!whole(c, end)) {
				pending(st, at, at, c->e);
				return;
			}
			ok = element(c, w, bounce_s("", 0), NULL);
			st->at = AT_COMMA;
			break;
		default: /* AT_COMMA */
			if (eat(c, ',')) {
				st->at = AT_ELEMENT;
				continue;
			}
			ok = eat(c, ']');
			c->depth = 0;
			st->at = AT_TOP;
			break;
		}
		if (ok)
			continue;
		/* cut short or broken: what was read of it was given */
		if (w->oom || w->stop)
			return;
		st->broken++;
		bounce_free(w->m); /* what no notification took */
		c->depth = 0;
		/* a line cut short, and the value ran on to the first token
		 * of the next: read on from there */
		st->at = line_start(s, c->p, st->bol) ? AT_TOP : AT_LINE;
	}
}

/* ---------------------------------------------------------------- api */

int esp_is(const char *s, size_t len)
{
	const char *at;
	return tell(s, len, 0, &at);
}

int esp_may_start(const char *l, size_t len)
{
	cur c;
	c.p = l, c.e = l + len, c.depth = 0;
	skip_bom(&c);
	if (eat(&c, '{'))
		return 1;
	return eat(&c, '[') && (peek(&c) == -1 || peek(&c) == '{');
}

int esp_read(const char *s, size_t len, bounce_msg *m)
{
	walk w;
	cur c;
	memset(&w, 0, sizeof w);
	w.m = m;
	c.p = s, c.e = s + len, c.depth = 0;
	skip_bom(&c);
	if (peek(&c) != '{')
		return 0;
	value(&c, &w);
	if (w.oom)
		return -1;
	return w.found > 0;
}

void esp_stream_init(esp_stream *st, int (*each)(bounce_msg *m, void *arg),
		     void *arg)
{
	memset(st, 0, sizeof *st);
	st->each = each;
	st->arg = arg;
	st->bol = 1;
}

int esp_stream_tell(esp_stream *st, const char *s, size_t len, int end)
{
	const char *at;
	int told;
	if (!end && !again(st, s, len))
		return -1;
	st->tried = 0;
	told = tell(s, len, !end, &at);
	if (told < 0)
		pending(st, s, at, s + len);
	return told;
}

long esp_stream_feed(esp_stream *st, const char *s, size_t len, int end)
{
	walk w;
	cur c;
	if (st->failed)
		return -1;
	if (!end && (!again(st, s, len) || (!st->begun && len < 3)))
		return 0; /* a byte order mark is 3 bytes */
	st->tried = 0;
	memset(&w, 0, sizeof w);
	w.m = &st->m, w.found = st->found, w.each = st->each, w.arg = st->arg;
	c.p = s, c.e = s + len;
	c.depth = st->at == AT_TOP || st->at == AT_LINE ? 0 : 1;
	if (!st->begun)
		skip_bom(&c);
	st->begun = 1;
	read_on(st, &w, &c, s, end);
	if (!w.oom && !w.stop && carry(&st->m) < 0)
		w.oom = 1;
	st->bol = line_start(s, c.p, st->bol);
	st->found = w.found;
	st->failed = w.oom || w.stop;
	return st->failed ? -1 : (long)(c.p - s);
}

void esp_stream_release(esp_stream *st)
{
	bounce_free(&st->m);
}

long esp_each(const char *s, size_t len,
	      int (*each)(bounce_msg *m, void *arg),
	      void *arg, size_t *broken)
{
	esp_stream st;
	long n;
	esp_stream_init(&st, each, arg);
	n = esp_stream_feed(&st, s, len, 1) < 0 ? -1 : st.found;
	if (broken)
		*broken += st.broken;
	esp_stream_release(&st);
	return n;
}
