/* Options common to every subcommand, and the list filters. */
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
	if (!strcmp(opt, "--reply"))
		return (c->f_reply = small_number(val)) >= 200 ? 0 : -1;
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

/* The filters, and what each takes. */
static const struct {
	const char *name, *takes;
} filters[] = {
	{ "--class", "2, 4 or 5" },
	{ "--subject", "a number" },
	{ "--reply", "a reply code, 200 or more" },
	{ "--kind", "reply, status, response or reason" },
	{ "--verdict", "hard, soft, success or none" },
	{ "--reason", "a reason id" },
	{ "--provider", "a provider id" },
};

/* What the filter opt takes, or NULL when opt is none. */
static const char *filter_takes(const char *opt)
{
	size_t i;
	for (i = 0; i < sizeof filters / sizeof *filters; i++)
		if (!strcmp(opt, filters[i].name))
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
	if ((allow & OPTS_FILTERS) && filter_takes(name)) {
		val = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (val && filter(c, name, val) == 0)
			return 0;
		if (val) {
			char what[64], rest[64];
			snprintf(what, sizeof what, "invalid value for %s:",
				 name);
			snprintf(rest, sizeof rest, " (%s)", filter_takes(name));
			cli_error_value(c, what, val, rest);
		} else {
			cli_error(c, "%s needs a value: %s", name,
				  filter_takes(name));
		}
		return -1;
	}
	cli_error_value(c, "unknown option", a, "");
	fputs("try 'smtpcode --help'\n", stderr);
	return -1;
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
