#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Order matters: the header's SMTPCODE_PHASE_* bits follow it. */
const char *const phase_names[] = {
	"connect", "helo", "starttls", "auth", "mail", "rcpt", "data", "eod",
	"bdat", "rset", "vrfy", "expn", "help", "noop", "quit", "etrn",
	"atrn", "any", "delivery", NULL
};

unsigned phase_bit(const char *name)
{
	int k;
	for (k = 0; phase_names[k]; k++)
		if (strcmp(phase_names[k], name) == 0)
			return 1u << k;
	return 0;
}

const char *const verdict_names[] = { "hard", "soft", "success", "none" };
const char *const audience_names[] = { "sender", "admin", "recipient" };
const char *const actor_names[] = { "", "sender", "admin", "recipient",
				    "nobody" };
const char *const kind_names[] = { "reply", "status", "response", "reason" };
const char *const origin_names[] = { "", "standard", "experimental",
				     "historic", "registry", "draft" };

void strlist_add(strlist *l, char *s, loc at)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->at = xrealloc(l->at, (l->n + 1) * sizeof *l->at);
	l->v[l->n] = s;
	l->at[l->n] = at;
	l->n++;
}

static void strlist_release(strlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->at);
	memset(l, 0, sizeof *l);
}

static const model *sorting;

static int cmp_key(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sorting->entries[x].key, sorting->entries[y].key);
	return c ? c : (x < y ? -1 : x > y);
}

static int cmp_provider(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sorting->providers[x].id, sorting->providers[y].id);
	return c ? c : (x < y ? -1 : x > y);
}

static size_t *sorted_indexes(const model *m, size_t n,
			      int (*cmp)(const void *, const void *))
{
	size_t *v = xmalloc((n + 1) * sizeof *v), i;
	for (i = 0; i < n; i++)
		v[i] = i;
	sorting = m;
	qsort(v, n, sizeof *v, cmp);
	sorting = NULL;
	return v;
}

void model_index(model *m)
{
	free(m->by_key);
	free(m->providers_by_id);
	m->by_key = sorted_indexes(m, m->nentries, cmp_key);
	m->providers_by_id = sorted_indexes(m, m->nproviders, cmp_provider);
}

/* In v[0..n), sorted by name(i), the first i whose name is s, or -1. */
static int find_sorted(const size_t *v, size_t n, const char *s,
		       const char *(*name)(const model *, size_t),
		       const model *m)
{
	size_t lo = 0, hi = n;
	while (lo < hi) { /* the first whose name is >= s */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(name(m, v[mid]), s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(name(m, v[lo]), s) == 0 ? (int)v[lo] : -1;
}

static const char *entry_key(const model *m, size_t i)
{
	return m->entries[i].key;
}

static const char *provider_id(const model *m, size_t i)
{
	return m->providers[i].id;
}

int model_find_entry(const model *m, const char *key)
{
	size_t i;
	if (!m->by_key) {
		for (i = 0; i < m->nentries; i++)
			if (strcmp(m->entries[i].key, key) == 0)
				return (int)i;
		return -1;
	}
	return find_sorted(m->by_key, m->nentries, key, entry_key, m);
}

int model_find_provider(const model *m, const char *id)
{
	size_t i;
	if (!m->providers_by_id) {
		for (i = 0; i < m->nproviders; i++)
			if (strcmp(m->providers[i].id, id) == 0)
				return (int)i;
		return -1;
	}
	return find_sorted(m->providers_by_id, m->nproviders, id,
			   provider_id, m);
}

static int parse_part(const char **p, int max_digits)
{
	int v = 0, n = 0;
	if (**p == 'X') {
		(*p)++;
		return CODE_X;
	}
	while (**p >= '0' && **p <= '9' && n < max_digits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || (n > 1 && (*p)[-n] == '0'))
		return -1;
	return v;
}

int code_parse_status(const char *s, int *cls, int *subject, int *detail)
{
	const char *p = s;
	*cls = parse_part(&p, 1);
	if (*cls < 0 || *p++ != '.')
		return -1;
	*subject = parse_part(&p, 3);
	if (*subject < 0 || *p++ != '.')
		return -1;
	*detail = parse_part(&p, 3);
	if (*detail < 0 || *p)
		return -1;
	if (*cls != CODE_X && *cls != 2 && *cls != 4 && *cls != 5)
		return -1;
	return 0;
}

static void entry_release(entry *e)
{
	size_t i;

	free(e->key); free(e->name); free(e->summary); free(e->meaning);
	strlist_release(&e->causes);
	for (i = 0; i < e->nfixes; i++)
		free(e->fixes[i].md);
	free(e->fixes);
	for (i = 0; i < e->nverdicts; i++) {
		free(e->verdicts[i].md);
		free(e->verdicts[i].reason_id);
	}
	free(e->verdicts);
	for (i = 0; i < e->nrelated; i++) {
		free(e->related[i].ref);
		free(e->related[i].why);
	}
	free(e->related);
	for (i = 0; i < e->nrefs; i++) {
		free(e->refs[i].section); free(e->refs[i].name);
		free(e->refs[i].href); free(e->refs[i].date);
	}
	free(e->refs);
	strlist_release(&e->notes);
	free(e->origin);
	for (i = 0; i < e->ndefs; i++) {
		free(e->defs[i].doc); free(e->defs[i].commands);
		free(e->defs[i].status); free(e->defs[i].md);
	}
	free(e->defs);
	free(e->replies); free(e->sample);
	for (i = 0; i < e->nvariants; i++)
		free(e->variants[i].md);
	free(e->variants); free(e->classnote);
	free(e->provider); free(e->status); free(e->code); free(e->token);
	free(e->seen);
	strlist_release(&e->texts);
	strlist_release(&e->phrases);
	strlist_release(&e->codes);
}

void model_release(model *m)
{
	size_t i;

	for (i = 0; i < m->nentries; i++)
		entry_release(&m->entries[i]);
	free(m->entries);
	for (i = 0; i < m->nproviders; i++) {
		provider *p = &m->providers[i];
		free(p->id); free(p->name); free(p->type); free(p->about);
		strlist_release(&p->domains);
		strlist_release(&p->markers);
	}
	free(m->providers);
	free(m->version); free(m->date); free(m->registry_date);
	free(m->site_url);
	strlist_release(&m->files);
	free(m->by_key);
	free(m->providers_by_id);
	memset(m, 0, sizeof *m);
}

const verdict *entry_verdict(const entry *e, int cls)
{
	size_t i;
	int other;
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].cls == cls)
			return &e->verdicts[i];
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].cls == 0)
			return &e->verdicts[i];
	/* a failure's verdict stands for the other failure class, never
	 * for a success, nor a success's for a failure */
	other = cls == 4 ? 5 : cls == 5 ? 4 : -1;
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].cls == other)
			return &e->verdicts[i];
	return e->nverdicts ? &e->verdicts[0] : NULL;
}

const char *entry_code(const entry *e)
{
	if (e->kind == KIND_REPLY || e->kind == KIND_STATUS)
		return e->key;
	if (e->kind == KIND_RESPONSE && !e->bare)
		return e->code ? e->code : e->status ? e->status : "";
	return "";
}

void entry_path(const entry *e, buf *out)
{
	if (e->kind == KIND_RESPONSE)
		buf_puts(out, "response/");
	else if (e->kind == KIND_REASON)
		buf_puts(out, "reason/");
	buf_puts(out, e->key);
	buf_putc(out, '/');
}

void reference_text(const reference *r, buf *out)
{
	switch (r->kind) {
	case REF_RFC:
		buf_printf(out, "RFC %d", r->rfc);
		if (r->section)
			buf_printf(out, " section %s", r->section);
		break;
	case REF_IANA:
		buf_puts(out, "IANA SMTP Enhanced Status Codes registry");
		break;
	case REF_DRAFT:
		buf_printf(out, "Internet-Draft %s", r->name);
		break;
	case REF_LINK:
		buf_puts(out, r->name);
		if (r->date)
			buf_printf(out, " (%s)", r->date);
		break;
	}
}

void reference_url(const reference *r, buf *out)
{
	switch (r->kind) {
	case REF_RFC:
		buf_printf(out, "https://www.rfc-editor.org/rfc/rfc%d", r->rfc);
		if (r->section)
			buf_printf(out, "#section-%s", r->section);
		break;
	case REF_IANA:
		buf_puts(out, "https://www.iana.org/assignments/"
			      "smtp-enhanced-status-codes/");
		break;
	case REF_DRAFT:
		buf_printf(out, "https://datatracker.ietf.org/doc/%s/",
			   r->name);
		break;
	case REF_LINK:
		buf_puts(out, r->href);
		break;
	}
}

uint32_t code_key(int c, int s, int d)
{
	/* CODE_X is the header's SMTPCODE_X (emit_header.c writes it) */
	return (uint32_t)c << 20 | (uint32_t)s << 10 | (uint32_t)d;
}

uint32_t entry_sent_key(const entry *e)
{
	int c, s, d;
	const char *code;
	if (e->kind != KIND_RESPONSE || e->bare)
		return 0;
	code = e->code ? e->code : e->status;
	if (!code || code_parse_status(code, &c, &s, &d) < 0)
		return 0;
	return code_key(c, s, d);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

typedef struct sent {
	uint32_t key;
	size_t entry;
} sent;

/* Never 0 for distinct items: the result does not depend on qsort. */
static int cmp_sent(const void *a, const void *b)
{
	const sent *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* The registered statuses' keys, sorted, to ask whether 5.7.606 is one. */
static uint32_t *registered_keys(const model *m, size_t *n)
{
	uint32_t *k = xmalloc((m->nentries + 1) * sizeof *k);
	size_t i;
	*n = 0;
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == KIND_STATUS)
			k[(*n)++] = code_key(m->entries[i].cls,
					     m->entries[i].subject,
					     m->entries[i].detail);
	qsort(k, *n, sizeof *k, cmp_u32);
	return k;
}

unsigned char *model_own_numbers(const model *m)
{
	unsigned char *own = xcalloc(m->nentries + 1, 1);
	size_t nreg, n = 0, i, j;
	uint32_t *reg = registered_keys(m, &nreg);
	sent *v = xmalloc((m->nentries + 1) * sizeof *v);

	for (i = 0; i < m->nentries; i++) {
		uint32_t k = entry_sent_key(&m->entries[i]);
		uint32_t x = (k & ~(1023u << 20)) | (uint32_t)CODE_X << 20;
		if (k && !bsearch(&x, reg, nreg, sizeof *reg, cmp_u32))
			v[n].key = k, v[n++].entry = i;
	}
	qsort(v, n, sizeof *v, cmp_sent);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].key == v[i].key; j++)
			;
		if (j == i + 1)
			own[v[i].entry] = 1;
	}
	free(v);
	free(reg);
	return own;
}
