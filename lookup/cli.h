/* The smtpcode command: shared declarations. One file per subcommand
 * (cmd_*.c), registered in main.c's table; output in show.c (people) and
 * json.c (programs). */
#ifndef SMTPCODE_CLI_H
#define SMTPCODE_CLI_H

#include <stdio.h>

#include "bounce.h"
#include "smtpcode.h"

/* Exit statuses, as smtpcode(1) documents them. */
enum { EXIT_FOUND = 0, EXIT_UNKNOWN = 1, EXIT_USAGE = 2, EXIT_UNREADABLE = 3 };

enum detail { DETAIL_TERSE, DETAIL_SHORT, DETAIL_FULL };

typedef struct cli {
	int json;
	int detail;       /* enum detail */
	int color;        /* 1: use ANSI colour */
	const char *prog; /* "smtpcode" */
	int shown;        /* entries printed so far */
	int tsv, summary, final; /* scan's --tsv, --summary and --final */
	/* list's filters (scan's: verdict, reason, provider); NULL or -1
	   when not given */
	int f_class, f_subject, f_reply, f_kind;
	const char *f_verdict, *f_reason, *f_provider;
} cli;

/* Options only some subcommands take. */
enum { OPTS_FILTERS = 1, OPTS_SCAN = 2 };

/* Parse options from argv (any position), and those of allow; the
 * operands are moved to the front and their count returned, or -1 after a
 * usage message. */
int cli_options(cli *c, int argc, char **argv, int allow);
/* Unknown filter values are usage errors, not empty lists: 0, or -1 after
 * a message. The values are taken whatever their case, and put as the
 * catalog writes them. */
int cli_check_filters(cli *c);
void cli_usage(FILE *f);
/* "smtpcode: error: ..." on stderr. */
void cli_error(const cli *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* "smtpcode: [error: ]FILE: ..." on stderr, with error when error is
 * set; the file's name is shown as show_text shows text (a name may hold
 * a terminal's escapes). */
void cli_file_note(const cli *c, int error, const char *file,
		   const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* "did you mean ...?" for a word that names nothing: offer the
 * candidates; the nearest few, a typing slip or two away (fewer for a short
 * word), are said. */
#define SUGGEST_MAX 3
typedef struct suggest {
	const char *word;
	size_t len;
	const char *s[SUGGEST_MAX];
	size_t n, best;
} suggest;

void suggest_init(suggest *sg, const char *word, size_t len);
void suggest_offer(suggest *sg, const char *candidate);
/* A candidate that fits some other way, as good as the word itself. */
void suggest_match(suggest *sg, const char *candidate);
/* "smtpcode: did you mean 'a', 'b' or 'c'?" on stderr; whether it said
 * anything. */
int suggest_say(const cli *c, const suggest *sg);
/* a and b are equal but for the case of ASCII letters. */
int suggest_same(const char *a, const char *b);
/* The provider whose id is id, whatever its case; NULL when none. */
const smtpcode_provider_info *suggest_provider(const char *id);
/* Offer the ids of the providers, by their spelling; a word of a
 * provider's name or one of its domains matches its id ("gmail",
 * "gmail.com": google). */
void suggest_providers(suggest *sg);
/* Offer the names of the subcommands ("search"). */
void cli_offer_commands(suggest *sg);

/* "smtpcode: error: WHAT 'VALUE'REST" on stderr: VALUE is what the user
 * gave, shown as show_text does, cut after CLI_ECHO_MAX bytes. */
#define CLI_ECHO_MAX 64
void cli_error_value(const cli *c, const char *what, const char *value,
		     const char *rest);

/* Human output. as_typed is the code as the user wrote it ("5.1.1") or
 * NULL; cls the class it was used in (0: the main use). */
void show_entry(const cli *c, FILE *f, const smtpcode_entry *e,
		const char *as_typed, int cls);
/* rc: the recipient of a bounce message the reply is about, or NULL */
void show_explain(const cli *c, FILE *f, const char *text, size_t len,
		  const smtpcode_result *r, const bounce_rcpt *rc);
/* text for a terminal: control characters (C0, C1, bidi overrides) and
 * invalid UTF-8 made visible, at most max bytes ("..." after). */
void show_text(FILE *f, const char *s, size_t len, size_t max);
/* A value of a TSV line, then a tab, or a line end when last: control
 * characters (tabs, line ends, C1) become blanks, so that a value never
 * splits a line. s may be NULL when len is 0. */
void show_tsv(FILE *f, const char *s, size_t len, int last);
/* The length of the valid UTF-8 sequence at s (RFC 3629: no overlong
 * form, no surrogate, nothing past U+10FFFF), or 0. n > 0. */
size_t utf8_len(const unsigned char *s, size_t n);
/* Whether the valid character at p, of k bytes, is one a terminal acts
 * on or that changes what the text around it looks like: C0 controls and
 * DEL, C1 controls (U+0080 to U+009F: U+009B is a CSI), and the bidi
 * embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
 * which can show an address in another order than it is. */
int utf8_unsafe(const unsigned char *p, size_t k);
/* The code point of the valid character at p, of k bytes. */
unsigned long utf8_code(const unsigned char *p, size_t k);

/* One record of scan: a recipient the mail was not delivered to, with
 * what explain found in the reply about it. */
typedef struct scan_rec {
	const char *file;     /* the path it was read from; "-": stdin */
	bounce_str rcpt, action, command, diag;
	bounce_str status;    /* the enhanced code of the reply, else the
	                         DSN's Status or the log's dsn= */
	int reply;            /* 550, or 0 */
	const char *reason;   /* a reason id; "undefined" when none fits */
	smtpcode_verdict verdict;
	const char *provider; /* a provider id, or NULL */
	bounce_str date;      /* when: the bounce's Date:, the log line's
	                         stamp (date.h) */
	bounce_str queue_id;  /* the message's id in the log or the DSN */
	bounce_str message_id; /* the original's Message-ID: */
	bounce_str orig;      /* the recipient as the sender gave it, when
	                         another address (bounce_original) */
} scan_rec;

/* A record for people (under a line naming its file when first is set),
 * or as a line of tab-separated values. */
void show_scan(const cli *c, FILE *f, const scan_rec *r, int first);
void show_scan_tsv(FILE *f, const scan_rec *r);
extern const char show_scan_columns[];

/* JSON output: one record per line. */
void json_entry(FILE *f, const smtpcode_entry *e);

/* A code as it was looked up: in a class (4.1.1 of X.1.1), and with a
 * reply code when typed as a pair ("550 5.1.1"; else 0). */
typedef struct json_query {
	const char *code;
	int cls, reply;
} json_query;
void json_entry_as(FILE *f, const smtpcode_entry *e, const json_query *q);
void json_explain(FILE *f, const char *text, size_t len,
		  const smtpcode_result *r, const bounce_rcpt *rc);
void json_string(FILE *f, const char *s, size_t len);
void json_scan(FILE *f, const scan_rec *r);

/* What explain says of a recipient of a bounce message (cmd_explain.c):
 * the text to explain (explain_text), or the result for a message that
 * is not a failure (explain_noted). */
char *explain_text(const bounce_rcpt *rc, size_t *len);
void explain_noted(bounce_kind kind, smtpcode_result *r);
/* A recipient whose reply told no reason: reason undefined (or expired,
 * when the log line says the message expired), and its soft verdict when
 * nothing else told one (then the reason is r->by, whose fix is shown);
 * one whose action says it was delivered, reason delivered and success.
 * Results with a reason are left. */
void explain_unknown(smtpcode_result *r, bounce_str action, int expired);

/* Subcommands. argv[0] is the subcommand's first operand. */
int cmd_lookup(cli *c, int argc, char **argv);
int cmd_explain(cli *c, int argc, char **argv);
int cmd_search(cli *c, int argc, char **argv);
/* Whether some entry holds word where search looks (key, name, summary,
 * meaning, causes, phrases), ignoring case. */
int search_finds(const char *word);
int cmd_list(cli *c, int argc, char **argv);
int cmd_scan(cli *c, int argc, char **argv);

#endif
