/* smtpcode explain TEXT... | -: explain reply lines. With -, standard
 * input holds one reply per line, or whole multi-line replies
 * ("550-5.7.26 ..." continued up to "550 5.7.26 ..."), or a whole bounce
 * message (or an mbox of them): then each recipient it names is explained
 * with the server's reply about it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Longest reply explained; the rest of a longer one is not read, and a
 * warning says so. */
#define REPLY_MAX 65536

typedef struct input {
	char *s;
	size_t len;
} input;

static int read_all(FILE *f, input *in)
{
	size_t cap = 65536;
	in->s = malloc(cap);
	in->len = 0;
	while (in->s) {
		size_t n = fread(in->s + in->len, 1, cap - in->len, f);
		in->len += n;
		if (n == 0)
			break;
		if (in->len == cap) {
			char *t = realloc(in->s, cap * 2);
			if (!t) {
				free(in->s);
				in->s = NULL;
				break;
			}
			in->s = t;
			cap *= 2;
		}
	}
	return in->s && !ferror(f) ? 0 : -1;
}

/* "550-" starts or continues a multi-line reply; "550 " ends one. */
static int continues(const char *s, size_t len)
{
	return len >= 4 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0' &&
	       s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] == '-';
}

/* Explains one reply: of the line lineno, or of the recipient rc of the
 * message lineno. */
static int explain_one(const cli *c, const char *text, size_t len,
		       size_t lineno, const bounce_rcpt *rc)
{
	const char *where = rc ? "message" : "line";
	smtpcode_result r;
	int found;

	if (memchr(text, '\0', len)) {
		fprintf(stderr, "%s: %s %zu: binary data, not a reply; "
				"skipped\n", c->prog, where, lineno);
		return 0;
	}
	if (len > REPLY_MAX) {
		fprintf(stderr, "%s: %s %zu: reply of %zu bytes; explained "
				"its first %d bytes\n", c->prog, where, lineno,
			len, REPLY_MAX);
		len = REPLY_MAX;
	}
	found = smtpcode_explain(text, len, &r);
	if (c->json)
		json_explain(stdout, text, len, &r, rc);
	else
		show_explain(c, stdout, text, len, &r, rc);
	return found > 0;
}

/* Splits the input into replies and explains each; returns the count of
 * replies in which nothing was found. */
static size_t explain_lines(const cli *c, char *s, size_t len)
{
	size_t at = 0, lineno = 0, misses = 0, start = 0, first = 1;
	int open = 0, shown = 0;

	while (at < len) {
		char *nl = memchr(s + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - s) : len, e = end;
		lineno++;
		if (e > at && s[e - 1] == '\r')
			e--;
		if (!open) {
			start = at;
			first = lineno;
		} else { /* join the continued line to this one */
			s[at - 1] = ' ';
			if (at >= 2 && s[at - 2] == '\r')
				s[at - 2] = ' ';
		}
		open = continues(s + at, e - at) && nl;
		if (!open && e > start) {
			if (shown++ && !c->json && c->detail != DETAIL_TERSE)
				putchar('\n');
			if (!explain_one(c, s + start, e - start, first, NULL))
				misses++;
		}
		at = end + 1;
	}
	return misses;
}

/* A feedback report or an automatic reply: not a failure, whatever codes
 * its text holds; the catalog's reason says so. */
void explain_noted(bounce_kind kind, smtpcode_result *r)
{
	const char *key = kind == BOUNCE_FEEDBACK ? "feedback" : "vacation";
	memset(r, 0, sizeof *r);
	r->reason = smtpcode_lookup(key, strlen(key));
	r->verdict = SMTPCODE_NONE;
	if (r->reason) {
		r->verdict = smtpcode_verdict_of(r->reason, 5);
		r->act = smtpcode_act_of(r->reason, 5);
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

/* Explains each recipient of each message; returns the count of messages
 * in which no recipient had a reply that says something, or -1 when out
 * of memory. */
static long explain_messages(const cli *c, const char *s, size_t len)
{
	size_t at = 0, nmsg = 0, i;
	long misses = 0;
	int shown = 0;
	bounce_str msg;
	while (bounce_next(s, len, &at, &msg)) {
		bounce_msg m;
		int found = 0;
		nmsg++;
		if (bounce_read(msg.s, msg.len, &m) < 0) {
			bounce_free(&m);
			return -1;
		}
		for (i = 0; i < m.n; i++) {
			const bounce_rcpt *rc = &m.rcpt[i];
			size_t tlen;
			char *t;
			if (shown++ && !c->json && c->detail != DETAIL_TERSE)
				putchar('\n');
			if (m.kind != BOUNCE_FAILURE) {
				show_noted(c, rc, m.kind);
				found = 1;
				continue;
			}
			t = explain_text(rc, &tlen);
			found |= explain_one(c, t ? t : rc->diag.len ? rc->diag.s : "",
					     tlen, nmsg, rc);
			free(t);
		}
		if (!found) {
			fprintf(stderr, "%s: message %zu: no reply with a code "
					"or a known phrase found\n",
				c->prog, nmsg);
			misses++;
		}
		bounce_free(&m);
	}
	return misses;
}

static int from_stdin(const cli *c)
{
	input in;
	size_t i, misses;
	if (read_all(stdin, &in) < 0) {
		cli_error(c, "standard input: %s", strerror(errno));
		free(in.s);
		return EXIT_UNREADABLE;
	}
	/* lone CRs (old Mac files) end lines too */
	for (i = 0; i < in.len; i++)
		if (in.s[i] == '\r' && (i + 1 == in.len || in.s[i + 1] != '\n'))
			in.s[i] = '\n';
	if (bounce_is_message(in.s, in.len)) {
		long r = explain_messages(c, in.s, in.len);
		free(in.s);
		if (r < 0) {
			cli_error(c, "out of memory");
			return EXIT_UNREADABLE;
		}
		return r ? EXIT_UNKNOWN : EXIT_FOUND;
	}
	misses = explain_lines(c, in.s, in.len);
	free(in.s);
	if (in.len == 0) {
		cli_error(c, "standard input is empty");
		return EXIT_UNKNOWN;
	}
	return misses ? EXIT_UNKNOWN : EXIT_FOUND;
}

int cmd_explain(cli *c, int argc, char **argv)
{
	size_t len = 0;
	char *text;
	int i, found;

	if (argc == 0) {
		cli_error(c, "explain needs a reply, or - to read standard "
			     "input");
		return EXIT_USAGE;
	}
	if (argc == 1 && strcmp(argv[0], "-") == 0)
		return from_stdin(c);
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
	found = explain_one(c, text, len, 1, NULL);
	free(text);
	return found ? EXIT_FOUND : EXIT_UNKNOWN;
}
