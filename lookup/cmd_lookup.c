/* smtpcode CODE...: look up codes in the notations people copy from logs,
 * names, reason ids and provider tokens. */
#include <string.h>

#include "cli.h"

/* Longest argument echoed back in a message. */
#define ECHO_MAX 64

static void unknown(const cli *c, const char *arg, size_t len)
{
	fprintf(stderr, "%s: unknown code '", c->prog);
	show_text(stderr, arg, len, ECHO_MAX);
	if (len > ECHO_MAX)
		fprintf(stderr, "' (%zu bytes)\n", len);
	else
		fputs("'\n", stderr);
}

static void typed_form(char *out, size_t n, const smtpcode_code_t *k)
{
	char s[8], d[8];
	snprintf(s, sizeof s, "%d", k->subject);
	snprintf(d, sizeof d, "%d", k->detail);
	if (k->cls == SMTPCODE_X)
		snprintf(out, n, "X.%s.%s", k->subject == SMTPCODE_X ? "X" : s,
			 k->detail == SMTPCODE_X ? "X" : d);
	else
		snprintf(out, n, "%d.%s.%s", k->cls,
			 k->subject == SMTPCODE_X ? "X" : s,
			 k->detail == SMTPCODE_X ? "X" : d);
}

static void print(cli *c, const smtpcode_entry *e, const char *typed,
		  int cls)
{
	/* a blank line between entries shown in full */
	if (c->shown++ && !c->json && c->detail != DETAIL_TERSE)
		putchar('\n');
	if (c->json)
		json_entry(stdout, e);
	else
		show_entry(c, stdout, e, typed, cls);
}

/* "5.7.*": every registered code of subject 7 usable in class 5. */
static int wildcard(cli *c, const smtpcode_code_t *k)
{
	cli terse = *c;
	size_t i;
	int n = 0;
	if (terse.detail == DETAIL_SHORT)
		terse.detail = DETAIL_TERSE;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		uint32_t code = smtpcode_code(e);
		char typed[32];
		smtpcode_code_t m = *k;
		if (smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS ||
		    SMTPCODE_STATUS_DETAIL(code) == SMTPCODE_X ||
		    SMTPCODE_STATUS_SUBJECT(code) == SMTPCODE_X ||
		    (k->subject != SMTPCODE_X &&
		     SMTPCODE_STATUS_SUBJECT(code) != k->subject) ||
		    (k->cls != SMTPCODE_X && !(smtpcode_classes(e) >> k->cls & 1)))
			continue;
		m.subject = SMTPCODE_STATUS_SUBJECT(code);
		m.detail = SMTPCODE_STATUS_DETAIL(code);
		typed_form(typed, sizeof typed, &m);
		print(&terse, e, typed, k->cls == SMTPCODE_X ? 0 : k->cls);
		c->shown = terse.shown;
		n++;
	}
	return n;
}

static void consistency(const cli *c, const smtpcode_code_t *k,
			const smtpcode_entry *status)
{
	int v = smtpcode_consistent(k->reply, k->cls, status);
	if (c->json || c->detail == DETAIL_TERSE)
		return;
	if (v > 0)
		printf("%d with %d.%d.%d: consistent, the IANA registry pairs "
		       "them\n", k->reply, k->cls, k->subject, k->detail);
	else if (v == 0)
		printf("%d with %d.%d.%d: plausible, same class, though the "
		       "registry does not list %d for it\n", k->reply, k->cls,
		       k->subject, k->detail, k->reply);
	else
		printf("%d with %d.%d.%d: inconsistent, a %dxx reply with a "
		       "class %d code (RFC 3463 wants the same class)\n",
		       k->reply, k->cls, k->subject, k->detail, k->reply / 100,
		       k->cls);
}

/* A provider's own number that several responses send ("5.7.40" at
 * Gmail) is no key of the header: list those responses. */
static int sent_by_several(cli *c, const smtpcode_code_t *k,
			   const char *typed)
{
	uint32_t code = (uint32_t)SMTPCODE_STATUS(k->cls, k->subject, k->detail);
	size_t i;
	int n = 0;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		if (smtpcode_kind_of(e) == SMTPCODE_KIND_RESPONSE &&
		    smtpcode_sent(e) == code) {
			print(c, e, typed, k->cls);
			n++;
		}
	}
	return n > 0;
}

/* One argument; 1 when found. */
static int one(cli *c, const char *arg)
{
	size_t len = strlen(arg);
	smtpcode_code_t k;
	const smtpcode_entry *e;
	char typed[32];

	if (len < 64 && smtpcode_parse(arg, len, &k)) {
		if (k.wildcard)
			return wildcard(c, &k) > 0;
		if (!k.cls) {
			e = smtpcode_reply(k.reply);
			if (e)
				print(c, e, NULL, 0);
			return e != NULL;
		}
		typed_form(typed, sizeof typed, &k);
		e = smtpcode_find(&k);
		if (!e && k.cls != SMTPCODE_X)
			return sent_by_several(c, &k, typed);
		if (k.reply && e && smtpcode_reply(k.reply))
			print(c, smtpcode_reply(k.reply), NULL, 0);
		if (e)
			print(c, e, typed, k.cls == SMTPCODE_X ? 0 : k.cls);
		if (k.reply && e && smtpcode_kind_of(e) == SMTPCODE_KIND_STATUS)
			consistency(c, &k, e);
		return e != NULL && (!k.reply || smtpcode_reply(k.reply));
	}
	e = smtpcode_lookup(arg, len);
	if (e)
		print(c, e, NULL, 0);
	return e != NULL;
}

int cmd_lookup(cli *c, int argc, char **argv)
{
	int i, rc = EXIT_FOUND;
	if (argc == 0) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < argc; i++) {
		if (!one(c, argv[i])) {
			fflush(stdout);
			unknown(c, argv[i], strlen(argv[i]));
			rc = EXIT_UNKNOWN;
		}
	}
	return rc;
}
