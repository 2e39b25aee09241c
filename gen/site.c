/* site: the model with the indexes the site's pages need, and the words
 * shown to people (see site.h). */
#include "site.h"

#include <stdlib.h>
#include <string.h>

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->i - y->i;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

int site_find(const site *s, const char *key)
{
	keyed k = { key, 0 };
	const keyed *hit = bsearch(&k, s->bykey, s->m->nentries,
				   sizeof *s->bykey, cmp_key);
	return hit ? hit->i : -1;
}

int site_find_code(const site *s, const char *key)
{
	buf x = { 0 };
	int t = -1;

	if (key[0] && key[1] == '.') {
		buf_puts(&x, key);
		x.s[0] = 'X';
		t = site_find(s, x.s);
		buf_release(&x);
	}
	return t >= 0 ? t : site_find(s, key);
}

const verdict *site_main_verdict(const entry *e)
{
	size_t i;
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].cls == 5)
			return &e->verdicts[i];
	for (i = 0; i < e->nverdicts; i++)
		if (e->verdicts[i].cls == 0)
			return &e->verdicts[i];
	return e->nverdicts ? &e->verdicts[0] : NULL;
}

int site_reply_entry(const site *s, int code)
{
	return code >= 0 && code < 1000 ? s->reply_at[code] : -2;
}

static void index_response(site *s, int i)
{
	const entry *e = &s->m->entries[i];
	const verdict *v = site_main_verdict(e);
	int r = site_reply_entry(s, e->reply);

	if (e->status_idx >= 0 && (size_t)e->status_idx < s->m->nentries)
		ilist_add(&s->texts[e->status_idx], i);
	if (r >= 0)
		ilist_add(&s->texts[r], i);
	if (v && v->reason >= 0 && (size_t)v->reason < s->m->nentries)
		ilist_add(&s->texts[v->reason], i);
	if (e->provider_idx >= 0 &&
	    (size_t)e->provider_idx < s->m->nproviders)
		ilist_add(&s->responses[e->provider_idx], i);
}

static void index_status(site *s, int i)
{
	const entry *e = &s->m->entries[i];
	size_t k;
	for (k = 0; k < e->nreplies; k++) {
		int r = site_reply_entry(s, e->replies[k]);
		if (r >= 0)
			ilist_add(&s->statuses[r], i);
	}
}

static void index_entries(site *s)
{
	const model *m = s->m;
	size_t i;

	s->texts = xcalloc(m->nentries, sizeof *s->texts);
	s->statuses = xcalloc(m->nentries, sizeof *s->statuses);
	s->responses = xcalloc(m->nproviders, sizeof *s->responses);
	for (i = 0; i < m->nentries; i++) {
		if (m->entries[i].kind == KIND_RESPONSE)
			index_response(s, (int)i);
		else if (m->entries[i].kind == KIND_STATUS)
			index_status(s, (int)i);
	}
}

void site_init(site *s, const model *m, out *o)
{
	size_t i, n = m->nentries;

	memset(s, 0, sizeof *s);
	s->m = m;
	s->o = o;
	s->bykey = xcalloc(n, sizeof *s->bykey);
	for (i = 0; i < n; i++)
		s->bykey[i] = (keyed){ m->entries[i].key, (int)i };
	qsort(s->bykey, n, sizeof *s->bykey, cmp_keyed);
	for (i = 0; i < 1000; i++)
		s->reply_at[i] = -1;
	for (i = n; i-- > 0;) /* the first of duplicates wins */
		if (m->entries[i].kind == KIND_REPLY &&
		    site_reply_entry(s, m->entries[i].reply) != -2)
			s->reply_at[m->entries[i].reply] = (int)i;
	index_entries(s);
	s->parser = htmlNewParserCtxt();
	if (!s->parser)
		abort();
}

void site_release(site *s)
{
	free(s->bykey);
	ilists_free(s->texts, s->m->nentries);
	ilists_free(s->statuses, s->m->nentries);
	ilists_free(s->responses, s->m->nproviders);
	htmlFreeParserCtxt(s->parser);
}

void site_write(site *s, const char *path, const buf *b)
{
	buf p = { 0 };
	buf_printf(&p, "site/%s", path);
	if (out_write(s->o, p.s, b->s ? b->s : "", b->len) < 0)
		s->failed = 1;
	buf_release(&p);
}

void site_subject_codes(const site *s, const entry *e, ilist *l)
{
	size_t i;
	for (i = (size_t)(e - s->m->entries) + 1; i < s->m->nentries; i++) {
		const entry *d = &s->m->entries[i];
		if (d->kind != KIND_STATUS || d->subject != e->subject)
			break;
		ilist_add(l, (int)i);
	}
}

/* ---- words shown to people ---- */

const site_section site_sections[SEC__COUNT] = {
	[SEC_VERDICT] = { "verdict", "Verdict" },
	[SEC_MEANING] = { "meaning", "What it means" },
	[SEC_CAUSES] = { "causes", "Causes" },
	[SEC_FIXES] = { "fixes", "What to do" },
	[SEC_TEXTS] = { "texts", "Real reply texts" },
	[SEC_RELATED] = { "related", "Related codes" },
	[SEC_REFERENCES] = { "references", "References" },
	[SEC_DETAILS] = { "details", "Details" },
	[SEC_DEFINITIONS] = { "definitions", "Definitions" },
	[SEC_VARIANTS] = { "variants", "By class" },
	[SEC_PHRASES] = { "phrases", "Identifying phrases" },
	[SEC_ENHANCED] = { "enhanced", "Enhanced codes used with it" },
	[SEC_CODES] = { "codes", "Codes of this subject" },
	[SEC_NOTES] = { "notes", "Notes" },
};

const char *const site_rows[ROW__COUNT] = {
	[ROW_REASON] = "Reason",
	[ROW_WHO_ACTS] = "Who must act",
	[ROW_USED_AS] = "Used as",
	[ROW_REGISTRY_TEXT] = "Registry text",
	[ROW_PAIRED_REPLIES] = "Reply codes the registry pairs with it",
	[ROW_DEPRECATED] = "Deprecated",
	[ROW_PROVIDER] = "Provider",
	[ROW_REPLY_CODE] = "Reply code",
	[ROW_REFINES] = "Enhanced code it refines",
	[ROW_CODE_SENT] = "Code actually sent",
	[ROW_BARE] = "Enhanced code in the reply",
	[ROW_TOKEN] = "Token",
	[ROW_SEEN] = "Seen",
	[ROW_IDENTIFIER] = "Identifier",
	[ROW_CODE] = "Code",
	[ROW_ORIGIN] = "Origin",
	[ROW_USUAL_CODES] = "Usual codes",
	[ROW_NAME] = "Name",
	[ROW_PHASES] = "SMTP phases",
};

const char site_bare_text[] = "none: the reply carries only the three-digit code";

const char *site_verdict_word(int v)
{
	switch (v) {
	case VERDICT_HARD: return "Hard bounce";
	case VERDICT_SOFT: return "Soft bounce";
	case VERDICT_SUCCESS: return "Success";
	case VERDICT_NONE: return "Not a bounce";
	}
	return "Unknown";
}

const char *site_verdict_id(int v)
{
	return v >= 0 && v < VERDICT__COUNT ? verdict_names[v] : "";
}

const char *site_verdict_reason(const entry *e, const verdict *v)
{
	if (v && v->reason_id)
		return v->reason_id;
	return e->kind == KIND_REASON ? e->key : "";
}

/* What each verdict means, as DESIGN.md defines them. */
const char *site_verdict_gloss(int v)
{
	switch (v) {
	case VERDICT_HARD:
		return "The address itself is dead (no such user, no such "
		       "domain, moved, accepts no mail): suppress it.";
	case VERDICT_SOFT:
		return "Something failed but the address is fine: temporary "
		       "trouble, a full mailbox, rate limits, policy, "
		       "reputation or authentication blocks.";
	case VERDICT_SUCCESS:
		return "Accepted: nothing failed.";
	case VERDICT_NONE:
		return "An intermediate reply or a message that is not a "
		       "failure.";
	}
	return "";
}

const char *site_actor_word(int a)
{
	switch (a) {
	case ACT_SENDER: return "the sender";
	case ACT_ADMIN: return "the sender's mail admin";
	case ACT_RECIPIENT: return "the recipient's side";
	case ACT_NOBODY: return "nobody";
	}
	return "";
}

const char *site_actor_id(int a)
{
	return a >= ACT_NONE && a <= ACT_NOBODY ? actor_names[a] : "";
}

const char *site_audience_word(int a)
{
	switch (a) {
	case AUD_SENDER: return "The sender";
	case AUD_ADMIN: return "The sender's mail admin";
	case AUD_RECIPIENT: return "The recipient's side";
	}
	return "Anyone";
}

const char *site_audience_id(int a)
{
	return a >= 0 && a < AUD__COUNT ? audience_names[a] : "";
}

/* The heading of a group of entries of one kind. */
const char *site_kind_plural(int kind)
{
	switch (kind) {
	case KIND_REPLY: return "Reply codes";
	case KIND_STATUS: return "Enhanced status codes";
	case KIND_RESPONSE: return "Provider responses";
	}
	return "Bounce reasons";
}

const char *site_kind_word(const entry *e)
{
	switch (e->kind) {
	case KIND_REPLY:
		return "SMTP reply code";
	case KIND_STATUS:
		if (e->subject == CODE_X)
			return "Class of enhanced status codes";
		return e->detail == CODE_X ? "Subject of enhanced status codes"
					   : "Enhanced status code";
	case KIND_RESPONSE:
		return "Provider response";
	}
	return "Bounce reason";
}

const char *site_provider_name(const site *s, const entry *e)
{
	if (e->provider_idx >= 0 && (size_t)e->provider_idx < s->m->nproviders)
		return s->m->providers[e->provider_idx].name;
	return e->provider ? e->provider : "";
}

void site_response_label(const entry *e, buf *b)
{
	buf_printf(b, "%d", e->reply);
	if (!e->bare) {
		buf_putc(b, ' ');
		buf_puts(b, e->code ? e->code : e->status ? e->status : "");
	}
	if (e->token) {
		buf_putc(b, ' ');
		buf_puts(b, e->token);
	}
}

void site_entry_title(const site *s, const entry *e, buf *b)
{
	if (e->kind == KIND_RESPONSE) {
		/* the phrase that tells it: a provider sends many a 550 5.7.1 */
		buf_puts(b, site_provider_name(s, e));
		buf_puts(b, ": ");
		site_response_label(e, b);
		if (e->phrases.n)
			buf_printf(b, " \xe2\x80\x9c%s\xe2\x80\x9d", e->phrases.v[0]);
		return;
	}
	buf_puts(b, e->key);
	if (e->kind == KIND_STATUS && e->sample) {
		buf_putc(b, ' ');
		buf_puts(b, e->sample);
	} else if (e->name) {
		buf_putc(b, ' ');
		buf_puts(b, e->name);
	}
}

void site_class_code(const entry *e, int cls, buf *b)
{
	if (e->kind == KIND_STATUS && e->key[0] == 'X' && cls > 0 && cls < 10) {
		buf_putc(b, '0' + cls);
		buf_puts(b, e->key + 1);
	} else {
		buf_puts(b, e->key);
	}
}

void site_entry_href(const char *root, const entry *e, const char *file,
		     buf *b)
{
	buf_puts(b, root);
	entry_path(e, b);
	buf_puts(b, file);
}

int site_web_url(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0;
}

void site_classes_text(const entry *e, buf *b)
{
	int c;
	for (c = 0; c < 10; c++)
		if (e->classes >> c & 1) {
			buf_puts(b, b->len ? ", " : "");
			site_class_code(e, c, b);
		}
	buf_put(b, "", 0);
}

void site_phases_text(const entry *e, buf *b)
{
	int k;
	for (k = 0; phase_names[k]; k++)
		if (e->phases >> k & 1) {
			if (b->len)
				buf_puts(b, ", ");
			buf_puts(b, phase_names[k]);
		}
	buf_put(b, "", 0);
}
