/* smtpcode list [FILTERS]: the catalog, one entry a line, in stable
 * tab-separated columns: key, kind, verdict, reason, summary. */
#include <string.h>

#include "cli.h"

static int is_status_code(const smtpcode_entry *e)
{
	return smtpcode_kind_of(e) == SMTPCODE_KIND_STATUS;
}

/* The class an entry is listed in for --class, or 0. */
static int in_class(const smtpcode_entry *e, int cls)
{
	if (is_status_code(e))
		return smtpcode_classes(e) >> cls & 1;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_REPLY)
		return (int)smtpcode_code(e) / 100 == cls;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_RESPONSE)
		return smtpcode_response_reply(e) / 100 == cls;
	return 0;
}

static int subject_of(const smtpcode_entry *e)
{
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_RESPONSE)
		e = smtpcode_refines(e);
	if (!is_status_code(e))
		return -1;
	return SMTPCODE_STATUS_SUBJECT(smtpcode_code(e));
}

static int has_reply(const smtpcode_entry *e, int reply)
{
	size_t i;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_REPLY)
		return (int)smtpcode_code(e) == reply;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_RESPONSE)
		return smtpcode_response_reply(e) == reply;
	for (i = 0; smtpcode_status_reply(e, i); i++)
		if (smtpcode_status_reply(e, i) == reply)
			return 1;
	return 0;
}

static int matches(const cli *c, const smtpcode_entry *e)
{
	int cls = c->f_class > 0 ? c->f_class : 0;
	const smtpcode_entry *r = smtpcode_reason_of(e, cls);
	const smtpcode_provider_info *p = smtpcode_provider(e);

	if (c->f_kind >= 0 && (int)smtpcode_kind_of(e) != c->f_kind)
		return 0;
	if (c->f_class > 0 && !in_class(e, c->f_class))
		return 0;
	if (c->f_subject >= 0 && subject_of(e) != c->f_subject)
		return 0;
	if (c->f_reply > 0 && !has_reply(e, c->f_reply))
		return 0;
	if (c->f_verdict &&
	    strcmp(smtpcode_verdict_name(smtpcode_verdict_of(e, cls)),
		   c->f_verdict) != 0)
		return 0;
	if (c->f_reason && (!r || strcmp(smtpcode_key(r), c->f_reason)))
		return 0;
	if (c->f_provider && (!p || strcmp(p->id, c->f_provider)))
		return 0;
	return 1;
}

static int check_verdict(cli *c)
{
	int v;
	for (v = 0; v <= SMTPCODE_NONE; v++) {
		const char *name = smtpcode_verdict_name((smtpcode_verdict)v);
		if (suggest_same(c->f_verdict, name)) {
			c->f_verdict = name;
			return 0;
		}
	}
	cli_error_value(c, "unknown verdict", c->f_verdict,
			": hard, soft, success or none");
	return -1;
}

static int check_reason(cli *c)
{
	const smtpcode_entry *r =
		smtpcode_lookup(c->f_reason, strlen(c->f_reason));
	suggest sg;
	size_t i;
	if (r && smtpcode_kind_of(r) == SMTPCODE_KIND_REASON)
		return c->f_reason = smtpcode_key(r), 0;
	cli_error_value(c, "unknown reason", c->f_reason,
			" (smtpcode list --kind reason lists them)");
	suggest_init(&sg, c->f_reason, strlen(c->f_reason));
	for (i = 0; i < smtpcode_count(); i++)
		if (smtpcode_kind_of(smtpcode_at(i)) == SMTPCODE_KIND_REASON)
			suggest_offer(&sg, smtpcode_key(smtpcode_at(i)));
	suggest_say(c, &sg);
	return -1;
}

/* An unknown provider: the ids it may mean, by spelling, by a word of the
 * provider's name or by one of its domains; then every id. */
static void provider_hint(const cli *c)
{
	suggest sg;
	size_t i, n = smtpcode_provider_count();
	suggest_init(&sg, c->f_provider, strlen(c->f_provider));
	suggest_providers(&sg);
	suggest_say(c, &sg);
	fprintf(stderr, "%s: the providers:", c->prog);
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s", smtpcode_provider_at(i)->id);
	fputc('\n', stderr);
}

static int check_provider(cli *c)
{
	const smtpcode_provider_info *p = suggest_provider(c->f_provider);
	if (p) {
		c->f_provider = p->id;
		return 0;
	}
	cli_error_value(c, "unknown provider", c->f_provider, "");
	provider_hint(c);
	return -1;
}

/* Unknown filter values are usage errors, not empty lists. The values are
 * taken whatever their case, and put as the catalog writes them. */
static int check_filters(cli *c)
{
	if (c->f_verdict && check_verdict(c) < 0)
		return -1;
	if (c->f_reason && check_reason(c) < 0)
		return -1;
	if (c->f_provider && check_provider(c) < 0)
		return -1;
	return 0;
}

int cmd_list(cli *c, int argc, char **argv)
{
	size_t i, n = 0;
	int cls = c->f_class > 0 ? c->f_class : 0;

	(void)argv;
	if (argc > 0) {
		cli_error(c, "list takes filters, not operands (try "
			     "'smtpcode search')");
		return EXIT_USAGE;
	}
	if (check_filters(c) < 0)
		return EXIT_USAGE;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		const smtpcode_entry *r = smtpcode_reason_of(e, cls);
		if (!matches(c, e))
			continue;
		n++;
		if (c->json)
			json_entry(stdout, e);
		else if (c->detail == DETAIL_FULL)
			show_entry(c, stdout, e, NULL, cls);
		else
			printf("%s\t%s\t%s\t%s\t%s\n", smtpcode_key(e),
			       smtpcode_kind_name(smtpcode_kind_of(e)),
			       smtpcode_verdict_name(smtpcode_verdict_of(e, cls)),
			       r ? smtpcode_key(r) : "-", smtpcode_summary(e));
	}
	if (n == 0) {
		fprintf(stderr, "%s: no entry matches\n", c->prog);
		return EXIT_UNKNOWN;
	}
	return EXIT_FOUND;
}
