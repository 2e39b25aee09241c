/* smtpcode CODE...: look up codes in the notations people copy from logs,
 * names, reason ids and provider tokens. */
#include <string.h>

#include "cli.h"

/* The names, reason ids and tokens nearest to a name that is none. */
static void suggest_names(suggest *sg)
{
	size_t i;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		smtpcode_kind k = smtpcode_kind_of(e);
		if (k == SMTPCODE_KIND_RESPONSE || k == SMTPCODE_KIND_REASON)
			suggest_offer(sg, smtpcode_key(e));
		if (*smtpcode_name(e))
			suggest_offer(sg, smtpcode_name(e));
		if (*smtpcode_token(e))
			suggest_offer(sg, smtpcode_token(e));
	}
}

/* For words that name nothing ("mailbox"), when the catalog's texts hold
 * them: the search that lists those entries. */
static void search_hint(const cli *c, const char *arg, size_t len)
{
	char w[64];
	size_t i;
	int blank = 0;
	if (len >= sizeof w)
		return;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)arg[i];
		if (!(ch == ' ' || ch == '-' || ch == '.' || ch == '_' ||
		      (ch >= '0' && ch <= '9') || (bounce_lower(ch) >= 'a' &&
						   bounce_lower(ch) <= 'z')))
			return;
		blank |= ch == ' ';
		w[i] = (char)ch;
	}
	w[len] = '\0';
	if (search_finds(w))
		fprintf(stderr, "%s: the entries that mention it: %s search %s%s%s\n",
			c->prog, c->prog, blank ? "'" : "", w, blank ? "'" : "");
}

/* A word that names a provider ("gmail", "yahoo"): how to list its
 * replies. */
static void provider_hint(const cli *c, const char *arg, size_t len)
{
	suggest sg;
	size_t i;
	suggest_init(&sg, arg, len);
	suggest_providers(&sg);
	for (i = 0; sg.best == 0 && i < sg.n; i++)
		fprintf(stderr, "%s: the replies of %s: %s list --provider %s\n",
			c->prog, suggest_provider(sg.s[i])->name, c->prog,
			sg.s[i]);
}

/* A hint after "unknown code": the names it may have meant, or, for an
 * enhanced code of a known subject, how to list that subject's codes. */
static void hint(const cli *c, const char *arg, size_t len)
{
	smtpcode_code_t k;
	suggest sg;
	if (len < 64 && smtpcode_parse(arg, len, &k)) {
		if (k.cls && k.subject != SMTPCODE_X &&
		    smtpcode_status(SMTPCODE_X, k.subject, SMTPCODE_X))
			fprintf(stderr, "%s: the codes of subject %d: %s %c.%d.*\n",
				c->prog, k.subject, c->prog,
				k.cls == SMTPCODE_X ? 'X' : '0' + k.cls,
				k.subject);
		return;
	}
	if (!len || !((bounce_lower(arg[0]) >= 'a' && bounce_lower(arg[0]) <= 'z')))
		return;
	suggest_init(&sg, arg, len);
	suggest_names(&sg);
	if (suggest_say(c, &sg))
		return;
	provider_hint(c, arg, len);
	search_hint(c, arg, len);
}

/* The first word may be a slip for a subcommand ("serach"): then that is
 * the hint. */
static int command_hint(const cli *c, const char *arg, size_t len)
{
	suggest sg;
	suggest_init(&sg, arg, len);
	cli_offer_commands(&sg);
	if (sg.n)
		fprintf(stderr, "%s: did you mean the command '%s %s'?\n",
			c->prog, c->prog, sg.s[0]);
	return sg.n > 0;
}

static void unknown(const cli *c, const char *arg, size_t len, int first)
{
	fprintf(stderr, "%s: unknown code '", c->prog);
	show_text(stderr, arg, len, CLI_ECHO_MAX);
	if (len > CLI_ECHO_MAX)
		fprintf(stderr, "' (%zu bytes)\n", len);
	else
		fputs("'\n", stderr);
	if (!first || !command_hint(c, arg, len))
		hint(c, arg, len);
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

/* The entry e, looked up as typed in class cls (0: none), with the reply
 * code of a pair ("550 5.1.1"; else 0). */
static void print_pair(cli *c, const smtpcode_entry *e, const char *typed,
		       int cls, int reply)
{
	json_query q;
	/* a blank line between entries shown in full */
	if (c->shown++ && !c->json && c->detail != DETAIL_TERSE)
		putchar('\n');
	q.code = typed, q.cls = cls, q.reply = reply;
	if (c->json) /* "query" when the code is not the entry's key */
		json_entry_as(stdout, e,
			      typed && cls &&
					      (reply ||
					       strcmp(typed, smtpcode_key(e)) != 0)
				      ? &q
				      : NULL);
	else
		show_entry(c, stdout, e, typed, cls);
}

static void print(cli *c, const smtpcode_entry *e, const char *typed,
		  int cls)
{
	print_pair(c, e, typed, cls, 0);
}

/* "5.7.*": every registered code of subject 7 usable in class 5; "5.*.1"
 * those of detail 1. */
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
		    (k->detail != SMTPCODE_X &&
		     SMTPCODE_STATUS_DETAIL(code) != k->detail) ||
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
	if (v < 0 && k->reply / 100 == 4)
		printf("  a 4xx reply asks for a retry whatever its enhanced "
		       "code says: soft, as explain reads it\n");
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
			print_pair(c, e, typed, k.cls == SMTPCODE_X ? 0 : k.cls,
				   smtpcode_kind_of(e) == SMTPCODE_KIND_STATUS
					   ? k.reply
					   : 0);
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
			unknown(c, argv[i], strlen(argv[i]), i == 0);
			rc = EXIT_UNKNOWN;
		}
	}
	return rc;
}
