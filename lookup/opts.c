/* Options common to every subcommand, and the filters of list and scan. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int use_color(const char *when)
{
	const char *nc = getenv("NO_COLOR");
	if (strcmp(when, "always") == 0)
		return 1;
	if (strcmp(when, "never") == 0)
		return 0;
	if (nc && *nc)
		return 0;
	return isatty(STDOUT_FILENO) && getenv("TERM") &&
	       strcmp(getenv("TERM"), "dumb") != 0;
}

/* A number of at most 3 digits, or -1. */
static int small_number(const char *s)
{
	int v = 0, n = 0;
	for (; *s && n < 4; s++, n++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return n == 0 || n > 3 || *s ? -1 : v;
}

static int kind_number(const char *s)
{
	int k;
	for (k = 0; k < 4; k++)
		if (strcmp(s, smtpcode_kind_name((smtpcode_kind)k)) == 0)
			return k;
	return -1;
}

/* Handles one filter option with its value; 0, or -1 when invalid. */
static int filter(cli *c, const char *opt, const char *val)
{
	if (!strcmp(opt, "--class"))
		return (c->f_class = small_number(val)) >= 2 &&
			       c->f_class != 3 && c->f_class <= 5 ? 0 : -1;
	if (!strcmp(opt, "--subject"))
		return (c->f_subject = small_number(val)) >= 0 ? 0 : -1;
	if (!strcmp(opt, "--reply")) /* 2xx to 5xx */
		return (c->f_reply = small_number(val)) >= 200 &&
			       c->f_reply < 600 ? 0 : -1;
	if (!strcmp(opt, "--kind"))
		return (c->f_kind = kind_number(val)) >= 0 ? 0 : -1;
	if (!strcmp(opt, "--verdict"))
		return c->f_verdict = val, 0;
	if (!strcmp(opt, "--reason"))
		return c->f_reason = val, 0;
	if (!strcmp(opt, "--provider"))
		return c->f_provider = val, 0;
	return -1;
}

/* The filters, what each takes, and which subcommands take it (list
 * every one; scan those that a record has). */
static const struct {
	const char *name, *takes;
	int allow;
} filters[] = {
	{ "--class", "2, 4 or 5", OPTS_FILTERS },
	{ "--subject", "a number", OPTS_FILTERS },
	{ "--reply", "a reply code, 200 to 599", OPTS_FILTERS },
	{ "--kind", "reply, status, response or reason", OPTS_FILTERS },
	{ "--verdict", "hard, soft, success or none", OPTS_FILTERS | OPTS_SCAN },
	{ "--reason", "a reason id", OPTS_FILTERS | OPTS_SCAN },
	{ "--provider", "a provider id", OPTS_FILTERS | OPTS_SCAN },
};

/* What the filter opt takes, or NULL when opt is none of those allowed. */
static const char *filter_takes(const char *opt, int allow)
{
	size_t i;
	for (i = 0; i < sizeof filters / sizeof *filters; i++)
		if (!strcmp(opt, filters[i].name) && (filters[i].allow & allow))
			return filters[i].takes;
	return NULL;
}

/* One option at argv[*i]; 0, or -1 after a message. */
static int option(cli *c, int argc, char **argv, int *i, int allow,
		  const char **color)
{
	const char *a = argv[*i];
	char name[32];
	const char *eq = strchr(a, '=');
	const char *val = NULL;

	if (!strcmp(a, "-j") || !strcmp(a, "--json"))
		return c->json = 1, 0;
	if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
		return c->detail = DETAIL_TERSE, 0;
	if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
		return c->detail = DETAIL_FULL, 0;
	if ((allow & OPTS_SCAN) && !strcmp(a, "--tsv"))
		return c->tsv = 1, 0;
	if ((allow & OPTS_SCAN) && !strcmp(a, "--summary"))
		return c->summary = 1, 0;
	if ((allow & OPTS_SCAN) && !strcmp(a, "--final"))
		return c->final = 1, 0;
	if (!strcmp(a, "--color") || !strcmp(a, "--colour"))
		return *color = "always", 0;
	if (!strncmp(a, "--color=", 8) || !strncmp(a, "--colour=", 9)) {
		*color = eq + 1;
		if (strcmp(*color, "auto") && strcmp(*color, "always") &&
		    strcmp(*color, "never")) {
			cli_error_value(c, "--color must be auto, always or "
					   "never, not", *color, "");
			return -1;
		}
		return 0;
	}
	snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - a) : 31, a);
	if (filter_takes(name, allow)) {
		val = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (val && filter(c, name, val) == 0)
			return 0;
		if (val) {
			char what[64], rest[64];
			snprintf(what, sizeof what, "invalid value for %s:",
				 name);
			snprintf(rest, sizeof rest, " (%s)",
				 filter_takes(name, allow));
			cli_error_value(c, what, val, rest);
		} else {
			cli_error(c, "%s needs a value: %s", name,
				  filter_takes(name, allow));
		}
		return -1;
	}
	if ((allow & OPTS_SCAN) && filter_takes(name, OPTS_FILTERS)) {
		cli_error(c, "%s is a filter of list; scan takes --verdict, "
			     "--reason and --provider", name);
		return -1;
	}
	cli_error_value(c, "unknown option", a, "");
	fputs("try 'smtpcode --help'\n", stderr);
	return -1;
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

int cli_check_filters(cli *c)
{
	if (c->f_verdict && check_verdict(c) < 0)
		return -1;
	if (c->f_reason && check_reason(c) < 0)
		return -1;
	if (c->f_provider && check_provider(c) < 0)
		return -1;
	return 0;
}

int cli_options(cli *c, int argc, char **argv, int allow)
{
	const char *color = "auto";
	int i, n = 0, dashdash = 0;

	c->detail = DETAIL_SHORT;
	c->f_class = c->f_subject = c->f_reply = c->f_kind = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && !strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		/* "-" is an operand (standard input); so is a lone word */
		if (dashdash || a[0] != '-' || a[1] == '\0') {
			argv[++n] = argv[i];
			continue;
		}
		if (option(c, argc, argv, &i, allow, &color) < 0)
			return -1;
	}
	c->color = use_color(color);
	return n;
}
