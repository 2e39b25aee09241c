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

/* The JSON record of e; with --class, an enhanced code of that class
 * ("4.1.2" of X.1.2) carries its verdict there, as smtpcode --json 4.1.2
 * does: the verdict the text columns show. */
static void json_in_class(const smtpcode_entry *e, int cls)
{
	char code[32];
	json_query q;
	const char *k = smtpcode_key(e);
	if (!cls || smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS || k[0] != 'X') {
		json_entry(stdout, e);
		return;
	}
	snprintf(code, sizeof code, "%d%s", cls, k + 1);
	q.code = code, q.cls = cls, q.reply = 0;
	json_entry_as(stdout, e, &q);
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
	if (cli_check_filters(c) < 0)
		return EXIT_USAGE;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		const smtpcode_entry *r = smtpcode_reason_of(e, cls);
		if (!matches(c, e))
			continue;
		n++;
		if (c->json)
			json_in_class(e, cls);
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
