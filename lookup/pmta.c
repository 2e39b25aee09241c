#include "pmta.h"

#include <string.h>

static const char *const pmta_names[PMTA_NCOLS] = {
	"type", "rcpt", "dsnStatus", "dsnDiag", "timeQueued", "timeLogged",
	"envId", "orcpt"
};

static const struct {
	const char *type, *action;
} pmta_types[] = {
	{ "b", "failed" }, { "rb", "failed" }, { "t", "delayed" },
	{ "d", "delivered" },
};

/* The next CSV field of [*p, e), *p moved past its comma; *quoted set
 * when it was in quotes (its span is then inside them, "" not undone). */
static bounce_str csv_field(const char **p, const char *e, int *quoted)
{
	const char *q = *p, *f;
	*quoted = q < e && *q == '"';
	if (*quoted) {
		f = ++q;
		while (q < e && !(*q == '"' && (q + 1 == e || q[1] != '"')))
			q += *q == '"' ? 2 : 1;
		*p = q < e ? q + 1 : e;
		if (*p < e && **p == ',')
			(*p)++;
		return bounce_span(f, q < e ? q : e);
	}
	f = q;
	while (q < e && *q != ',')
		q++;
	*p = q < e ? q + 1 : e;
	return bounce_span(f, q);
}

const char *pmta_row_end(const char *p, const char *e)
{
	const char *q = p, *nl;
	for (;;) { /* a field at q */
		if (q < e && *q == '"') {
			for (q++; q < e && (*q != '"' || (e - q > 1 && q[1] == '"'));
			     q += *q == '"' ? 2 : 1)
				;
			if (q >= e) /* never closed: the line alone */
				return (nl = memchr(p, '\n', (size_t)(e - p))) ? nl : e;
			q++;
		}
		while (q < e && *q != ',' && *q != '\n')
			q++;
		if (q == e || *q == '\n')
			return q;
		q++;
	}
}

/* A header line: where each column that a record needs is. 1 when it is
 * PowerMTA's (it names type, rcpt and dsnDiag). */
int pmta_header(maillog_ctx *c, const char *p, const char *e)
{
	int at[PMTA_NCOLS], col, k, quoted;
	if (e - p < 5 || memcmp(p, "type,", 5) != 0)
		return 0;
	while (e > p && e[-1] == '\r')
		e--;
	for (k = 0; k < PMTA_NCOLS; k++)
		at[k] = -1;
	for (col = 0; p < e; col++) {
		bounce_str f = csv_field(&p, e, &quoted);
		for (k = 0; k < PMTA_NCOLS; k++)
			if (f.len == strlen(pmta_names[k]) &&
			    !memcmp(f.s, pmta_names[k], f.len))
				at[k] = col;
	}
	if (at[PMTA_TYPE] < 0 || at[PMTA_RCPT] < 0 || at[PMTA_DIAG] < 0)
		return 0;
	memcpy(c->pmta_col, at, sizeof at);
	return 1;
}

/* A quoted field's value, its "" undone, copied to t; its length. */
static size_t csv_unquote(char *t, bounce_str f)
{
	size_t i, n = 0;
	for (i = 0; i < f.len; i++) {
		t[n++] = f.s[i];
		if (f.s[i] == '"' && i + 1 < f.len && f.s[i + 1] == '"')
			i++;
	}
	return n;
}

/* The recipient and the diagnostic of a row as PowerMTA meant them: a
 * quoted field's "" undone (in c->text), the diagnostic without its type
 * ("smtp;550 5.1.1 ..."). */
static void pmta_values(maillog_ctx *c, const bounce_str *f, const int *q,
			maillog_rec *out)
{
	bounce_str r = f[PMTA_RCPT], d = f[PMTA_DIAG], o = f[PMTA_ORCPT];
	const char *semi = d.len ? memchr(d.s, ';', d.len) : NULL;
	if (semi && semi - d.s <= 16) {
		d.len -= (size_t)(semi + 1 - d.s);
		d.s = semi + 1;
	}
	/* "rfc822;Bob.Alias@example.org", as a DSN's ORCPT */
	semi = o.len ? memchr(o.s, ';', o.len) : NULL;
	if (semi && semi - o.s <= 16 &&
	    !(q[PMTA_ORCPT] && memchr(o.s, '"', o.len))) /* "" not undone */
		out->orig = bounce_unbracket(bounce_span(semi + 1, o.s + o.len));
	if ((q[PMTA_RCPT] && memchr(r.s, '"', r.len)) ||
	    (q[PMTA_DIAG] && memchr(d.s, '"', d.len))) {
		if (maillog_text_room(c, r.len + d.len + 1) == 0) {
			size_t n = csv_unquote(c->text, r);
			r = bounce_span(c->text, c->text + n);
			d = bounce_span(c->text + n, c->text + n +
					     csv_unquote(c->text + n, d));
		}
	}
	out->rcpt = bounce_unbracket(r);
	out->diag = d;
}

/* A row [p, e) of the accounting file: 1 when it is a record. */
int pmta_row(maillog_ctx *c, const char *p, const char *e,
		    int delivered, maillog_rec *out)
{
	bounce_str f[PMTA_NCOLS];
	int q[PMTA_NCOLS], col, k, quoted;
	const char *sp;
	size_t i;
	memset(f, 0, sizeof f);
	memset(q, 0, sizeof q);
	while (e > p && e[-1] == '\r')
		e--;
	for (col = 0; p < e; col++) {
		bounce_str v = csv_field(&p, e, &quoted);
		for (k = 0; k < PMTA_NCOLS; k++)
			if (c->pmta_col[k] == col)
				f[k] = v, q[k] = quoted;
	}
	for (i = 0; i < sizeof pmta_types / sizeof *pmta_types; i++) {
		const char *t = pmta_types[i].type;
		if (f[PMTA_TYPE].len != strlen(t) ||
		    memcmp(f[PMTA_TYPE].s, t, f[PMTA_TYPE].len) != 0)
			continue;
		if (!delivered && !strcmp(pmta_types[i].action, "delivered"))
			return 0;
		out->action = bounce_lit(pmta_types[i].action);
		out->status = f[PMTA_STATUS]; /* "5.1.1 (bad destination ...)" */
		if (out->status.len &&
		    (sp = memchr(out->status.s, ' ', out->status.len)) != NULL)
			out->status.len = (size_t)(sp - out->status.s);
		pmta_values(c, f, q, out);
		out->command = bounce_command(out->diag.s, out->diag.len);
		/* the sender's envelope id names the message; else the time
		 * it was queued tells it from the others */
		out->qid = f[PMTA_ENVID].len ? f[PMTA_ENVID] : f[PMTA_QUEUED];
		out->date = f[PMTA_LOGGED];
		return 1;
	}
	return 0;
}
