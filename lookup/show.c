/* Output for people: short by default, one line with -q, everything
 * with -v. Prose is the catalog's Markdown, reflowed for a terminal. */
#include <string.h>

#include "cli.h"
#include "date.h"

#define WIDTH 78

static const char *audience[] = { "the sender", "the sender's mail admin",
				  "the recipient's side" };

static void paint(const cli *c, FILE *f, const char *sgr, const char *s)
{
	if (c->color)
		fprintf(f, "\033[%sm%s\033[0m", sgr, s);
	else
		fputs(s, f);
}

static const char *verdict_sgr(smtpcode_verdict v)
{
	return v == SMTPCODE_HARD ? "1;31" : v == SMTPCODE_SOFT ? "33"
				  : v == SMTPCODE_SUCCESS ? "32" : "0";
}

size_t utf8_len(const unsigned char *s, size_t n)
{
	/* the second byte's range by the first (RFC 3629's table): no
	 * overlong form, no surrogate, nothing past U+10FFFF */
	unsigned char lo = 0x80, hi = 0xbf;
	size_t k, i;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, lo = s[0] == 0xe0 ? 0xa0 : 0x80, hi = s[0] == 0xed ? 0x9f : 0xbf;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, lo = s[0] == 0xf0 ? 0x90 : 0x80, hi = s[0] == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (k > n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

int utf8_unsafe(const unsigned char *p, size_t k)
{
	if (k == 1)
		return *p < 0x20 || *p == 0x7f;
	if (k == 2)
		return p[0] == 0xc2 && p[1] < 0xa0;
	return k == 3 && p[0] == 0xe2 &&
	       ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		(p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
}

unsigned long utf8_code(const unsigned char *p, size_t k)
{
	unsigned long c = k == 1 ? p[0] : p[0] & (0x7f >> k);
	size_t i;
	for (i = 1; i < k; i++)
		c = c << 6 | (p[i] & 0x3f);
	return c;
}

/* Runs of printable text are written whole; what is not is written as it
 * is shown: invalid UTF-8 and C0 controls as \xNN, a tab as a blank, the
 * other characters that unsafe() names as \uNNNN. */
void show_text(FILE *f, const char *s, size_t len, size_t max)
{
	size_t i = 0, from = 0;
	while (i < len) {
		const unsigned char *p = (const unsigned char *)s + i;
		size_t k = utf8_len(p, len - i);
		if (i >= max) {
			fwrite(s + from, 1, i - from, f);
			fputs("...", f);
			return;
		}
		if (k == 0 || utf8_unsafe(p, k)) {
			fwrite(s + from, 1, i - from, f);
			if (k > 1)
				fprintf(f, "\\u%04lx", utf8_code(p, k));
			else
				fprintf(f, *p == '\t' ? " " : "\\x%02x", *p);
			k = k ? k : 1;
			from = i + k;
		}
		i += k;
	}
	if (from < len)
		fwrite(s + from, 1, len - from, f);
}

/* Reflow Markdown prose: paragraphs joined and wrapped at WIDTH, list
 * items kept on their own lines, backquotes dropped. */
static void prose(FILE *f, const char *s, int indent)
{
	int col = 0, first = 1;
	while (*s) {
		size_t n;
		int item = 0;
		while (*s == ' ' || *s == '\n') {
			if (*s == '\n' && (s[1] == '\n' || s[1] == '-' ||
					   s[1] == '*'))
				item = 1;
			s++;
		}
		if (!*s)
			break;
		n = strcspn(s, " \n");
		if (first || item || col + 1 + (int)n > WIDTH) {
			if (!first)
				fputc('\n', f);
			fprintf(f, "%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		for (size_t i = 0; i < n; i++)
			if (s[i] != '`')
				fputc(s[i], f), col++;
		s += n;
		first = 0;
	}
	fputc('\n', f);
}

static void title(const cli *c, FILE *f, const smtpcode_entry *e,
		  const char *as_typed)
{
	const smtpcode_provider_info *p = smtpcode_provider(e);
	paint(c, f, "1", as_typed ? as_typed : smtpcode_key(e));
	if (as_typed && strcmp(as_typed, smtpcode_key(e)) != 0)
		fprintf(f, " (%s)", smtpcode_key(e));
	if (*smtpcode_sample(e))
		fprintf(f, "  %s", smtpcode_sample(e));
	else if (p)
		fprintf(f, "  %s, %d %s%s%s", p->name,
			smtpcode_response_reply(e),
			*smtpcode_sent_text(e) ? smtpcode_sent_text(e)
					       : smtpcode_status_text(e),
			*smtpcode_sent_text(e) ? " refining " : "",
			*smtpcode_sent_text(e) ? smtpcode_status_text(e) : "");
	else if (smtpcode_kind_of(e) == SMTPCODE_KIND_REASON)
		fputs("  bounce reason", f);
	else if (*smtpcode_name(e))
		fprintf(f, "  %s", smtpcode_name(e));
	fputc('\n', f);
}

static void verdict_line(const cli *c, FILE *f, const smtpcode_entry *e,
			 int cls)
{
	smtpcode_verdict v = smtpcode_verdict_of(e, cls);
	const smtpcode_entry *r = smtpcode_reason_of(e, cls);
	smtpcode_actor a = smtpcode_act_of(e, cls);

	fputs("  verdict: ", f);
	paint(c, f, verdict_sgr(v), smtpcode_verdict_name(v));
	if (r)
		fprintf(f, " (%s)", smtpcode_key(r));
	if (a != SMTPCODE_ACT_UNSPECIFIED && a != SMTPCODE_ACT_NOBODY)
		fprintf(f, "; who acts: %s", smtpcode_actor_name(a));
	fputc('\n', f);
}

/* The first fix for whoever must act, else the first fix. */
static void main_fix(FILE *f, const smtpcode_entry *e, int cls)
{
	smtpcode_item it, best = { SMTPCODE_FIELD_FIX, 0, NULL, "", "", "" };
	int want = (int)smtpcode_act_of(e, cls) - 1;
	size_t i;
	int found = 0;

	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field != SMTPCODE_FIELD_FIX)
			continue;
		if (!found || (it.aux == want && best.aux != want))
			best = it, found = 1;
	}
	if (!found)
		return;
	fprintf(f, "  fix, for %s:\n", audience[best.aux % 3]);
	prose(f, best.text, 4);
}

/* A code looked up in a failure class its registry row is not for (4.1.1,
 * where X.1.1 is for permanent failures only): the entry's note on the
 * other classes, in place of the fix for its own class. Returns 1 when
 * shown. */
static int class_note(FILE *f, const smtpcode_entry *e, int cls)
{
	smtpcode_item it;
	size_t i;
	if ((cls != 4 && cls != 5) || !smtpcode_classes(e) ||
	    (smtpcode_classes(e) >> cls & 1u))
		return 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++)
		if (it.field == SMTPCODE_FIELD_CLASSNOTE) {
			fprintf(f, "  as %d.x.x:\n", cls);
			prose(f, it.text, 4);
			return 1;
		}
	return 0;
}

/* A code looked up in a class it is not registered for at all ("2.1.1",
 * where X.1.1 is a failure; "5.1.5", a success): the class's verdict was
 * shown, and this says why, with the class's fix. */
static void not_for_class(FILE *f, const smtpcode_entry *e, int cls)
{
	fprintf(f, "  as %d.x.x: %s is registered for %s only; verdict and "
		"fix of %d.X.X\n", cls, smtpcode_key(e),
		cls == 2 ? "failures" : "successes", cls);
	main_fix(f, smtpcode_status(cls, SMTPCODE_X, SMTPCODE_X), cls);
}

static void field_list(FILE *f, const smtpcode_entry *e, int field,
		       const char *heading, int numbered)
{
	smtpcode_item it;
	size_t i;
	int n = 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if ((int)it.field != field)
			continue;
		if (n++ == 0)
			fprintf(f, "\n  %s\n", heading);
		if (numbered)
			fprintf(f, "    %d.\n", n);
		prose(f, it.text, numbered ? 6 : 4);
	}
}

static void full_fixes(FILE *f, const smtpcode_entry *e)
{
	smtpcode_item it;
	size_t i;
	int n = 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field != SMTPCODE_FIELD_FIX)
			continue;
		if (n++ == 0)
			fputs("\n  fixes\n", f);
		fprintf(f, "    for %s:\n", audience[it.aux % 3]);
		prose(f, it.text, 6);
	}
}

static void full_verdicts(const cli *c, FILE *f, const smtpcode_entry *e)
{
	smtpcode_item it;
	size_t i;
	fputs("\n  verdict\n", f);
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		smtpcode_verdict v;
		if (it.field != SMTPCODE_FIELD_VERDICT)
			continue;
		v = smtpcode_verdict_of(e, it.aux);
		fputs("    ", f);
		if (it.aux)
			fprintf(f, "as %d.x.x: ", it.aux);
		paint(c, f, verdict_sgr(v), smtpcode_verdict_name(v));
		if (smtpcode_reason_of(e, it.aux))
			fprintf(f, " (%s)", smtpcode_key(smtpcode_reason_of(e, it.aux)));
		fputc('\n', f);
		prose(f, it.text, 6);
	}
}

static void full_related(FILE *f, const smtpcode_entry *e)
{
	smtpcode_item it;
	size_t i;
	int n = 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field == SMTPCODE_FIELD_RELATED) {
			if (n++ == 0)
				fputs("\n  related\n", f);
			fprintf(f, "    %-24s %s%s%s\n", smtpcode_key(it.ref),
				it.aux ? "(often confused) " : "", it.text,
				*it.text ? "" : smtpcode_summary(it.ref));
		}
	}
	n = 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field == SMTPCODE_FIELD_REFERENCE) {
			if (n++ == 0)
				fputs("\n  references\n", f);
			fprintf(f, "    %s%s%s\n", it.text, *it.extra ? "  " : "",
				it.extra);
		}
	}
}

static void full_kind(FILE *f, const smtpcode_entry *e)
{
	smtpcode_item it;
	size_t i;
	int n = 0;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field == SMTPCODE_FIELD_DEFINITION) {
			if (n++ == 0)
				fputs("\n  defined by\n", f);
			fprintf(f, "    %s, after %s:\n", it.extra, it.extra2);
			prose(f, it.text, 6);
		} else if (it.field == SMTPCODE_FIELD_VARIANT) {
			fprintf(f, "\n  as %d.x.x\n", it.aux);
			prose(f, it.text, 4);
		}
	}
	field_list(f, e, SMTPCODE_FIELD_CLASSNOTE, "classes", 0);
	field_list(f, e, SMTPCODE_FIELD_TEXT, "as sent", 0);
	field_list(f, e, SMTPCODE_FIELD_PHRASE, "identified by", 0);
	field_list(f, e, SMTPCODE_FIELD_CODE, "usual codes", 0);
	field_list(f, e, SMTPCODE_FIELD_NOTE, "notes", 0);
}

/* The provider responses that refine an enhanced code, in class cls (0:
 * any): their count, and with list set, one line each. */
static int refined_by(FILE *f, const smtpcode_entry *e, int cls, int list)
{
	size_t i;
	int n = 0;
	if (smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS)
		return 0;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *r = smtpcode_at(i);
		if (smtpcode_kind_of(r) != SMTPCODE_KIND_RESPONSE ||
		    smtpcode_refines(r) != e ||
		    (cls && smtpcode_response_reply(r) / 100 != cls))
			continue;
		if (list && n == 0)
			fputs("\n  provider replies\n", f);
		if (list)
			fprintf(f, "    %-40s %s\n", smtpcode_key(r),
				smtpcode_summary(r));
		n++;
	}
	return n;
}

static void full(const cli *c, FILE *f, const smtpcode_entry *e)
{
	size_t i;
	int n = 0;
	fputs("\n  meaning\n", f);
	prose(f, smtpcode_meaning(e), 4);
	field_list(f, e, SMTPCODE_FIELD_CAUSE, "causes, most frequent first", 1);
	full_fixes(f, e);
	full_verdicts(c, f, e);
	for (i = 0; i < SMTPCODE_PHASE__COUNT; i++)
		if (smtpcode_phases(e) >> i & 1)
			fprintf(f, "%s%s", n++ ? " " : "\n  phases: ",
				smtpcode_phase_name((unsigned)i));
	if (n)
		fputc('\n', f);
	for (i = 0, n = 0; smtpcode_status_reply(e, i); i++)
		fprintf(f, "%s%d", n++ ? " " : "  registry replies: ",
			smtpcode_status_reply(e, i));
	if (n)
		fputc('\n', f);
	full_related(f, e);
	full_kind(f, e);
	refined_by(f, e, 0, 1);
	fprintf(f, "\n  page: %s\n\n", smtpcode_url(e));
}

void show_entry(const cli *c, FILE *f, const smtpcode_entry *e,
		const char *as_typed, int cls)
{
	smtpcode_verdict v = smtpcode_verdict_of(e, cls);
	const smtpcode_entry *r = smtpcode_reason_of(e, cls);
	int n;

	if (c->detail == DETAIL_TERSE) {
		fprintf(f, "%s\t%s\t%s\t%s\n",
			as_typed ? as_typed : smtpcode_key(e),
			smtpcode_verdict_name(v), r ? smtpcode_key(r) : "-",
			smtpcode_summary(e));
		return;
	}
	title(c, f, e, as_typed);
	fprintf(f, "  %s\n", smtpcode_summary(e));
	verdict_line(c, f, e, cls);
	if (c->detail == DETAIL_FULL) {
		full(c, f, e);
		return;
	}
	if (cls && !smtpcode_applies(e, cls))
		not_for_class(f, e, cls);
	else if (!class_note(f, e, cls))
		main_fix(f, e, cls);
	n = refined_by(f, e, cls, 0);
	if (n)
		fprintf(f, "  %d provider repl%s known for this code\n", n,
			n == 1 ? "y" : "ies");
	fprintf(f, "  more: smtpcode -v %s\n", smtpcode_key(e));
}

/* " (sent to ORIG)", when a recipient has an original address. */
static void show_sent_to(FILE *f, bounce_str orig)
{
	if (!orig.len)
		return;
	fputs(" (sent to ", f);
	show_text(f, orig.s, orig.len, 200);
	fputc(')', f);
}

/* -q: reply, enhanced code, verdict, reason, who acts, response, text */
static void terse_explain(FILE *f, const char *text, size_t len,
			  const smtpcode_result *r, const bounce_rcpt *rc)
{
	if (rc && rc->addr.len) {
		show_text(f, rc->addr.s, rc->addr.len, 200);
		fputc('\t', f);
	} else if (rc) {
		fputs("-\t", f);
	}
	if (r->reply_code)
		fprintf(f, "%d\t", r->reply_code);
	else
		fputs("-\t", f);
	if (r->status_len)
		show_text(f, text + r->status_at, r->status_len, 16);
	else
		fputc('-', f);
	fprintf(f, "\t%s\t%s\t%s\t%s\t", smtpcode_verdict_name(r->verdict),
		r->reason ? smtpcode_key(r->reason) : "-",
		r->act != SMTPCODE_ACT_UNSPECIFIED ? smtpcode_actor_name(r->act)
						   : "-",
		r->response ? smtpcode_key(r->response) : "-");
	show_text(f, text, len, 200);
	fputc('\n', f);
}

/* The fix of by, the most precise entry that applies; but a temporary
 * reply with a permanent failure's code or words ("450 5.1.1 ... User
 * unknown") asks for a retry, not for the address to be given up: then
 * the enhanced code's note on class 4, else 4.X.X's fix. */
static void explain_fix(FILE *f, const smtpcode_result *r,
			const smtpcode_entry *by, int cls)
{
	if (cls != 4 || smtpcode_verdict_of(by, 5) != SMTPCODE_HARD)
		main_fix(f, by, cls);
	else if (!r->status || !class_note(f, r->status, 4))
		main_fix(f, smtpcode_status(4, SMTPCODE_X, SMTPCODE_X), 4);
}

void show_explain(const cli *c, FILE *f, const char *text, size_t len,
		  const smtpcode_result *r, const bounce_rcpt *rc)
{
	/* the class explain decided for; 0 (any) for a text without codes */
	int cls = r->status_len || r->reply_code ? smtpcode_result_class(r) : 0;
	const smtpcode_entry *by = r->by;

	/* the fix: of the most precise entry that applies, a reason's last */
	if (by == r->reason && r->status && smtpcode_applies(r->status, cls))
		by = r->status;

	if (c->detail == DETAIL_TERSE) {
		terse_explain(f, text, len, r, rc);
		return;
	}
	if (rc) {
		paint(c, f, "1", "recipient: ");
		if (rc->addr.len)
			show_text(f, rc->addr.s, rc->addr.len, 200);
		else
			fputs("(not named)", f);
		if (rc->action.len) {
			fputs(" (", f);
			show_text(f, rc->action.s, rc->action.len, 40);
			fputc(')', f);
		}
		show_sent_to(f, bounce_original(rc));
		fputc('\n', f);
	}
	paint(c, f, "1", "reply: ");
	show_text(f, text, len, 200);
	fputc('\n', f);
	if (r->reply_code)
		fprintf(f, "  reply code: %d%s%s\n", r->reply_code,
			r->reply ? "  " : " (not in the catalog)",
			r->reply ? smtpcode_summary(r->reply) : "");
	if (r->status_len) {
		fputs("  enhanced code: ", f);
		show_text(f, text + r->status_at, r->status_len, 16);
		if (!r->status)
			fputs(" (not registered)\n", f);
		else if (!smtpcode_applies(r->status, r->status_class))
			fprintf(f, " (%s is not registered as a %s code)\n",
				smtpcode_key(r->status),
				r->status_class == 2 ? "success" : "failure");
		else
			fprintf(f, "  %s\n", smtpcode_summary(r->status));
	}
	if (r->response) {
		fprintf(f, "  provider: %s, %s\n",
			smtpcode_provider(r->response)->name,
			smtpcode_key(r->response));
		if (r->phrase_len) {
			fputs("  matched: \"", f);
			show_text(f, text + r->phrase_at, r->phrase_len, 200);
			fputs("\"\n", f);
		}
		fprintf(f, "  %s\n", smtpcode_summary(r->response));
	}
	/* a recipient of a bounce gets a verdict even then (undefined); a
	 * feedback report, an automatic reply or an expiry has its reason
	 * from what the message or the log says */
	if (!by || (!r->reply_code && !r->status_len && !r->phrase_len &&
		    r->reason == smtpcode_reason(SMTPCODE_REASON_UNDEFINED)))
		fputs("  no SMTP code or known phrase found\n", f);
	if (!by)
		return;
	fputs("  verdict: ", f);
	paint(c, f, verdict_sgr(r->verdict), smtpcode_verdict_name(r->verdict));
	if (r->reason)
		fprintf(f, " (%s)", smtpcode_key(r->reason));
	if (r->act != SMTPCODE_ACT_UNSPECIFIED && r->act != SMTPCODE_ACT_NOBODY)
		fprintf(f, "; who acts: %s", smtpcode_actor_name(r->act));
	fputc('\n', f);
	explain_fix(f, r, by, cls);
}

/* ---------------------------------------------------------------- scan */

/* "  a@b  550 5.1.1  userunknown (hard)  the server's text": under a
 * line naming the file. */
void show_scan(const cli *c, FILE *f, const scan_rec *r, int first)
{
	if (first) {
		if (c->color)
			fputs("\033[1m", f);
		show_text(f, r->file, strlen(r->file), 400);
		fputs(c->color ? ":\033[0m\n" : ":\n", f);
	}
	fputs("  ", f);
	if (r->rcpt.len)
		show_text(f, r->rcpt.s, r->rcpt.len, 200);
	else
		fputs("(recipient not named)", f);
	show_sent_to(f, r->orig);
	if (r->reply)
		fprintf(f, "  %d", r->reply);
	else
		fputs("  -", f);
	fputc(' ', f);
	if (r->status.len)
		show_text(f, r->status.s, r->status.len, 16);
	else
		fputc('-', f);
	fprintf(f, "  %s (", r->reason);
	paint(c, f, verdict_sgr(r->verdict), smtpcode_verdict_name(r->verdict));
	if (r->action.len == 7 && !memcmp(r->action.s, "delayed", 7))
		fputs(", delayed", f);
	fputc(')', f);
	if (r->diag.len) {
		fputs("  ", f);
		show_text(f, r->diag.s, r->diag.len, 160);
	}
	fputc('\n', f);
}

const char show_scan_columns[] =
	"file\trecipient\taction\tstatus\treply\treason\thard\tverdict\t"
	"provider\tcommand\tdiagnostic\tdate\tqueue_id\tmessage_id\t"
	"original_recipient\n";

void show_tsv(FILE *f, const char *s, size_t len, int last)
{
	size_t i, from = 0;
	for (i = 0; i < len; i++) { /* s may be NULL when len is 0 */
		unsigned char ch = (unsigned char)s[i];
		size_t c1 = ch == 0xc2 && i + 1 < len &&
			    (unsigned char)s[i + 1] >= 0x80 &&
			    (unsigned char)s[i + 1] < 0xa0;
		if (ch < 0x20 || ch == 0x7f || c1) {
			fwrite(s + from, 1, i - from, f);
			fputc(' ', f);
			i += c1;
			from = i + 1;
		}
	}
	if (from < len)
		fwrite(s + from, 1, len - from, f);
	fputc(last ? '\n' : '\t', f);
}

static void tsv_str(FILE *f, const char *s)
{
	show_tsv(f, s ? s : "", s ? strlen(s) : 0, 0);
}

void show_scan_tsv(FILE *f, const scan_rec *r)
{
	char date[DATE_MAX];
	char reply[16] = "";
	if (r->reply)
		snprintf(reply, sizeof reply, "%d", r->reply);
	tsv_str(f, r->file);
	show_tsv(f, r->rcpt.s, r->rcpt.len, 0);
	show_tsv(f, r->action.s, r->action.len, 0);
	show_tsv(f, r->status.s, r->status.len, 0);
	tsv_str(f, reply);
	tsv_str(f, r->reason);
	tsv_str(f, r->verdict == SMTPCODE_HARD ? "true" : "false");
	tsv_str(f, smtpcode_verdict_name(r->verdict));
	tsv_str(f, r->provider);
	show_tsv(f, r->command.s, r->command.len, 0);
	show_tsv(f, r->diag.s, r->diag.len, 0);
	tsv_str(f, date_iso(r->date, date));
	show_tsv(f, r->queue_id.s, r->queue_id.len, 0);
	show_tsv(f, r->message_id.s, r->message_id.len, 0);
	show_tsv(f, r->orig.s, r->orig.len, 1);
}
