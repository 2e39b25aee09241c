/* smtpcode: look up and explain SMTP reply codes and enhanced status
 * codes. The catalog is compiled in (smtpcode.h); nothing is read at run
 * time but the input given. */
#define SMTPCODE_IMPLEMENTATION /* the tables live in this file */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*run)(cli *c, int argc, char **argv);
	int opts; /* OPTS_*: the options it takes besides the common ones */
} commands[] = {
	{ "explain", cmd_explain, 0 },
	{ "scan", cmd_scan, OPTS_SCAN },
	{ "search", cmd_search, 0 },
	{ "list", cmd_list, OPTS_FILTERS },
};

void cli_offer_commands(suggest *sg)
{
	size_t i;
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		suggest_offer(sg, commands[i].name);
}

void cli_usage(FILE *f)
{
	fputs("usage: smtpcode [OPTIONS] CODE...         look up codes: 550, "
	      "5.1.1, \"550 5.1.1\",\n"
	      "                                          X.1.1, 5.7.*, "
	      "mailboxfull, TSS04\n"
	      "       smtpcode explain [OPTIONS] TEXT... explain a reply "
	      "line (- reads stdin)\n"
	      "       smtpcode scan [OPTIONS] [FILE|DIR...] the failed "
	      "recipients of bounces,\n"
	      "                                          mail logs and ESP "
	      "events (none or -\n"
	      "                                          reads stdin)\n"
	      "       smtpcode search [OPTIONS] WORDS... search summaries, "
	      "causes and phrases\n"
	      "       smtpcode list [OPTIONS] [FILTERS]  list the catalog, "
	      "tab-separated\n"
	      "\n"
	      "options:\n"
	      "  -j, --json             JSON records, one per line\n"
	      "  -q, --quiet            one line per entry\n"
	      "  -v, --verbose          the whole entry\n"
	      "      --color=WHEN       auto (default), always, never;\n"
	      "                         --color alone: always; --colour too\n"
	      "  -h, --help             this help\n"
	      "  -V, --version          the version and catalog date\n"
	      "scan:\n"
	      "      --tsv              tab-separated values, a header "
	      "line first\n"
	      "      --summary          counts by reason, verdict, code and "
	      "provider\n"
	      "      --final            in logs, how each recipient ended: one "
	      "record,\n"
	      "                         none when it was delivered later\n"
	      "filters (list; scan takes --verdict, --reason and "
	      "--provider):\n"
	      "  --class 2|4|5  --subject N  --verdict V  --reason ID\n"
	      "  --provider ID  --reply CODE  --kind "
	      "reply|status|response|reason\n"
	      "\n"
	      "exit status: 0 all found, 1 something unknown or nothing "
	      "found,\n"
	      "             2 usage error, 3 input unreadable. See smtpcode(1)."
	      "\n",
	      f);
}

void cli_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: error: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_file_note(const cli *c, int error, const char *file,
		   const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: %s", c->prog, error ? "error: " : "");
	show_text(stderr, file, strlen(file), (size_t)-1);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_error_value(const cli *c, const char *what, const char *value,
		     const char *rest)
{
	fprintf(stderr, "%s: error: %s '", c->prog, what);
	show_text(stderr, value, strlen(value), CLI_ECHO_MAX);
	fprintf(stderr, "'%s\n", rest);
}

static int version(void)
{
	printf("smtpcode %s (catalog %s, IANA registry to %s, %zu entries)\n",
	       SMTPCODE_VERSION, SMTPCODE_CATALOG_DATE, SMTPCODE_REGISTRY_DATE,
	       smtpcode_count());
	return EXIT_FOUND;
}

/* rc, once all output is written; else says so (a full disk, a closed
 * pipe with SIGPIPE ignored) and gives exit status 3. */
static int written(const cli *c, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(c, "cannot write the output");
		return EXIT_UNREADABLE;
	}
	return rc;
}

/* -h and -V win wherever they stand, as in most tools. */
static int early(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			cli_usage(stdout);
			return EXIT_FOUND;
		}
		if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version"))
			return version();
	}
	return -1;
}

int main(int argc, char **argv)
{
	cli c;
	const struct command *cmd = NULL;
	size_t i;
	int n, rc, first;

	memset(&c, 0, sizeof c);
	c.prog = "smtpcode";
	rc = early(argc, argv);
	if (rc >= 0)
		return written(&c, rc);
	/* the subcommand is the first operand */
	for (first = 1; first < argc; first++)
		if (argv[first][0] != '-' || !strcmp(argv[first], "-") ||
		    !strcmp(argv[first], "--"))
			break;
	for (i = 0; first < argc && i < sizeof commands / sizeof *commands;
	     i++)
		if (strcmp(argv[first], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd) {
		memmove(argv + first, argv + first + 1,
			(size_t)(argc - first) * sizeof *argv);
		argc--;
	}
	n = cli_options(&c, argc, argv, cmd ? cmd->opts : 0);
	if (n < 0)
		return EXIT_USAGE;
	rc = cmd ? cmd->run(&c, n, argv + 1) : cmd_lookup(&c, n, argv + 1);
	return written(&c, rc);
}
