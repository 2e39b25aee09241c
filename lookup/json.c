/* Output for programs: the record shape of the site's JSON (documented in
 * smtpcode(1)), compact, one record per line. */
#include <string.h>

#include "cli.h"
#include "date.h"

/* Escapes s; invalid UTF-8 becomes U+FFFD so that the output is valid,
 * and what a terminal would act on is escaped (utf8_unsafe). */
void json_string(FILE *f, const char *s, size_t len)
{
	size_t i = 0;
	fputc('"', f);
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		size_t k = 1;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\r')
			fputs("\\r", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\u%04x", ch);
		else if (ch < 0x80)
			fputc(ch, f);
		else {
			const unsigned char *p = (const unsigned char *)s + i;
			k = utf8_len(p, len - i);
			if (k && utf8_unsafe(p, k)) /* a terminal's, escaped */
				fprintf(f, "\\u%04lx", utf8_code(p, k));
			else if (k)
				fwrite(s + i, 1, k, f);
			else
				fputs("\\ufffd", f), k = 1;
		}
		i += k;
	}
	fputc('"', f);
}

static void str(FILE *f, const char *s)
{
	json_string(f, s, strlen(s));
}

static void key(FILE *f, const char *k)
{
	fprintf(f, ",\"%s\":", k);
}

static void kstr(FILE *f, const char *k, const char *v)
{
	key(f, k);
	str(f, v);
}

/* a key naming an entry, or null */
static void opt_key(FILE *f, const char *name, const smtpcode_entry *e)
{
	key(f, name);
	if (e)
		str(f, smtpcode_key(e));
	else
		fputs("null", f);
}

/* "act": who must act, null when the catalog does not say */
static void kact(FILE *f, smtpcode_actor a)
{
	key(f, "act");
	if (a != SMTPCODE_ACT_UNSPECIFIED)
		str(f, smtpcode_actor_name(a));
	else
		fputs("null", f);
}

static const char *reason_id(const smtpcode_entry *r)
{
	return r ? smtpcode_key(r) : "";
}

/* A list of the items of one field, each written by fn. */
static void items(FILE *f, const smtpcode_entry *e, const char *name,
		  smtpcode_field field,
		  void (*fn)(FILE *, const smtpcode_entry *,
			     const smtpcode_item *))
{
	smtpcode_item it;
	size_t i;
	int n = 0;
	key(f, name);
	fputc('[', f);
	for (i = 0; smtpcode_item_at(e, i, &it); i++)
		if (it.field == field) {
			if (n++)
				fputc(',', f);
			fn(f, e, &it);
		}
	fputc(']', f);
}

static void it_text(FILE *f, const smtpcode_entry *e, const smtpcode_item *it)
{
	(void)e;
	str(f, it->text);
}

static void it_fix(FILE *f, const smtpcode_entry *e, const smtpcode_item *it)
{
	(void)e;
	fprintf(f, "{\"for\":\"%s\",\"text\":",
		smtpcode_audience_name((smtpcode_audience)it->aux));
	str(f, it->text);
	fputc('}', f);
}

static void it_verdict(FILE *f, const smtpcode_entry *e,
		       const smtpcode_item *it)
{
	fprintf(f, "{\"class\":%d,\"verdict\":\"%s\",\"reason\":", it->aux,
		smtpcode_verdict_name(smtpcode_verdict_of(e, it->aux)));
	str(f, reason_id(smtpcode_reason_of(e, it->aux)));
	fprintf(f, ",\"act\":\"%s\",\"why\":",
		smtpcode_actor_name(smtpcode_act_of(e, it->aux)));
	str(f, it->text);
	fputc('}', f);
}

static void it_related(FILE *f, const smtpcode_entry *e,
		       const smtpcode_item *it)
{
	(void)e;
	fputs("{\"key\":", f);
	str(f, smtpcode_key(it->ref));
	fprintf(f, ",\"confused\":%s,\"why\":", it->aux ? "true" : "false");
	str(f, it->text);
	fputc('}', f);
}

static void it_reference(FILE *f, const smtpcode_entry *e,
			 const smtpcode_item *it)
{
	(void)e;
	fputs("{\"text\":", f);
	str(f, it->text);
	fputs(",\"url\":", f);
	str(f, it->extra);
	fputc('}', f);
}

static void it_definition(FILE *f, const smtpcode_entry *e,
			  const smtpcode_item *it)
{
	(void)e;
	fputs("{\"doc\":", f);
	str(f, it->extra);
	fputs(",\"commands\":", f);
	str(f, it->extra2);
	fputs(",\"text\":", f);
	str(f, it->text);
	fputc('}', f);
}

static void it_variant(FILE *f, const smtpcode_entry *e,
		       const smtpcode_item *it)
{
	(void)e;
	fprintf(f, "{\"class\":%d,\"text\":", it->aux);
	str(f, it->text);
	fputc('}', f);
}

static void phases(FILE *f, const smtpcode_entry *e)
{
	unsigned i;
	int n = 0;
	key(f, "phases");
	fputc('[', f);
	for (i = 0; i < SMTPCODE_PHASE__COUNT; i++)
		if (smtpcode_phases(e) >> i & 1)
			fprintf(f, "%s\"%s\"", n++ ? "," : "",
				smtpcode_phase_name(i));
	fputc(']', f);
}

/* What gen's entry_code() gives: the code as people write it. */
static const char *code_text(const smtpcode_entry *e)
{
	switch (smtpcode_kind_of(e)) {
	case SMTPCODE_KIND_REPLY:
	case SMTPCODE_KIND_STATUS:
		return smtpcode_key(e);
	case SMTPCODE_KIND_RESPONSE:
		if (smtpcode_bare(e))
			return "";
		return *smtpcode_sent_text(e) ? smtpcode_sent_text(e)
					      : smtpcode_status_text(e);
	case SMTPCODE_KIND_REASON:
		break;
	}
	return "";
}

static void common(FILE *f, const smtpcode_entry *e)
{
	fputs("{\"key\":", f);
	str(f, smtpcode_key(e));
	kstr(f, "code", code_text(e));
	kstr(f, "kind", smtpcode_kind_name(smtpcode_kind_of(e)));
	kstr(f, "name", smtpcode_name(e));
	kstr(f, "summary", smtpcode_summary(e));
	kstr(f, "meaning", smtpcode_meaning(e));
	kstr(f, "verdict", smtpcode_verdict_name(smtpcode_verdict_of(e, 0)));
	kstr(f, "reason", reason_id(smtpcode_reason_of(e, 0)));
	kstr(f, "act", smtpcode_actor_name(smtpcode_act_of(e, 0)));
	items(f, e, "verdicts", SMTPCODE_FIELD_VERDICT, it_verdict);
	items(f, e, "causes", SMTPCODE_FIELD_CAUSE, it_text);
	items(f, e, "fixes", SMTPCODE_FIELD_FIX, it_fix);
	phases(f, e);
	items(f, e, "related", SMTPCODE_FIELD_RELATED, it_related);
	items(f, e, "references", SMTPCODE_FIELD_REFERENCE, it_reference);
	items(f, e, "notes", SMTPCODE_FIELD_NOTE, it_text);
	kstr(f, "url", smtpcode_url(e));
}

static void status_part(FILE *f, const smtpcode_entry *e)
{
	smtpcode_item it;
	size_t i;
	int c, n = 0;
	const char *classnote = "";

	key(f, "classes");
	fputc('[', f);
	for (c = 2; c <= 5; c++)
		if (smtpcode_classes(e) >> c & 1)
			fprintf(f, "%s%d", n++ ? "," : "", c);
	fputc(']', f);
	key(f, "replies");
	fputc('[', f);
	for (i = 0; smtpcode_status_reply(e, i); i++)
		fprintf(f, "%s%d", i ? "," : "", smtpcode_status_reply(e, i));
	fputc(']', f);
	kstr(f, "sample", smtpcode_sample(e));
	fprintf(f, ",\"deprecated\":%s",
		smtpcode_deprecated(e) ? "true" : "false");
	items(f, e, "variants", SMTPCODE_FIELD_VARIANT, it_variant);
	for (i = 0; smtpcode_item_at(e, i, &it); i++)
		if (it.field == SMTPCODE_FIELD_CLASSNOTE)
			classnote = it.text;
	kstr(f, "classnote", classnote);
}

static void response_part(FILE *f, const smtpcode_entry *e)
{
	const smtpcode_provider_info *p = smtpcode_provider(e);
	kstr(f, "provider", p->id);
	kstr(f, "provider_name", p->name);
	fprintf(f, ",\"reply\":%d", smtpcode_response_reply(e));
	kstr(f, "status", smtpcode_status_text(e));
	kstr(f, "sent", smtpcode_sent_text(e));
	fprintf(f, ",\"bare\":%s", smtpcode_bare(e) ? "true" : "false");
	kstr(f, "token", smtpcode_token(e));
	kstr(f, "seen", smtpcode_seen(e));
	items(f, e, "texts", SMTPCODE_FIELD_TEXT, it_text);
	items(f, e, "phrases", SMTPCODE_FIELD_PHRASE, it_text);
}

/* "query": the verdict, reason and who acts for the code in the class it
 * was looked up in, and for a pair whether its two codes go together. */
static void query(FILE *f, const smtpcode_entry *e, const json_query *q)
{
	static const char *const consistency[3] = { "inconsistent",
						    "plausible", "consistent" };
	fputs(",\"query\":{\"code\":", f);
	str(f, q->code);
	kstr(f, "verdict", smtpcode_verdict_name(smtpcode_verdict_of(e, q->cls)));
	opt_key(f, "reason", smtpcode_reason_of(e, q->cls));
	kact(f, smtpcode_act_of(e, q->cls));
	if (q->reply) {
		key(f, "reply");
		fprintf(f, "%d", q->reply);
		kstr(f, "consistency",
		     consistency[smtpcode_consistent(q->reply, q->cls, e) + 1]);
	}
	fputc('}', f);
}

void json_entry(FILE *f, const smtpcode_entry *e)
{
	json_entry_as(f, e, NULL);
}

void json_entry_as(FILE *f, const smtpcode_entry *e, const json_query *q)
{
	common(f, e);
	if (q)
		query(f, e, q);
	switch (smtpcode_kind_of(e)) {
	case SMTPCODE_KIND_REPLY:
		kstr(f, "origin", smtpcode_origin(e));
		items(f, e, "definitions", SMTPCODE_FIELD_DEFINITION,
		      it_definition);
		break;
	case SMTPCODE_KIND_STATUS:
		status_part(f, e);
		break;
	case SMTPCODE_KIND_RESPONSE:
		response_part(f, e);
		break;
	case SMTPCODE_KIND_REASON:
		items(f, e, "codes", SMTPCODE_FIELD_CODE, it_text);
		items(f, e, "phrases", SMTPCODE_FIELD_PHRASE, it_text);
		break;
	}
	fputs("}\n", f);
}

/* ,"name":"value", or ,"name":null when the value is not given */
static void opt_str(FILE *f, const char *name, bounce_str v)
{
	key(f, name);
	if (v.len)
		json_string(f, v.s, v.len);
	else
		fputs("null", f);
}

/* {"input":..,["recipient":..,"action":..,"dsn_status":..,
 *  "original_recipient":..,]"reply":550|
 *  null,"status":"5.7.26"|null,"status_key":..,"response":..,"provider":..,
 *  "reason":..,"verdict":..,"act":..,"matched":..,"summary":..,"url":..};
 * the recipient's fields for a recipient of a bounce message. */

void json_explain(FILE *f, const char *text, size_t len,
		  const smtpcode_result *r, const bounce_rcpt *rc)
{
	const smtpcode_entry *by = r->response ? r->response
				   : r->status ? r->status
				   : r->reply ? r->reply : r->reason;
	fputs("{\"input\":", f);
	json_string(f, text, len);
	if (rc) {
		opt_str(f, "recipient", rc->addr);
		opt_str(f, "action", rc->action);
		opt_str(f, "dsn_status", rc->status);
		opt_str(f, "original_recipient", bounce_original(rc));
	}
	if (r->reply_code)
		fprintf(f, ",\"reply\":%d", r->reply_code);
	else
		fputs(",\"reply\":null", f);
	key(f, "status");
	if (r->status_len)
		json_string(f, text + r->status_at, r->status_len);
	else
		fputs("null", f);
	opt_key(f, "status_key", r->status);
	opt_key(f, "response", r->response);
	key(f, "provider");
	if (r->response)
		str(f, smtpcode_provider(r->response)->id);
	else
		fputs("null", f);
	opt_key(f, "reason", r->reason);
	kstr(f, "verdict", smtpcode_verdict_name(r->verdict));
	kact(f, r->act);
	key(f, "matched");
	if (r->phrase_len)
		json_string(f, text + r->phrase_at, r->phrase_len);
	else
		fputs("null", f);
	key(f, "summary");
	if (by)
		str(f, smtpcode_summary(by));
	else
		fputs("null", f);
	key(f, "url");
	if (by)
		str(f, smtpcode_url(by));
	else
		fputs("null", f);
	fputs("}\n", f);
}

/* {"file":..,"recipient":..,"action":..,"status":..,"reply":550|null,
 *  "reason":..,"hard":true|false,"verdict":..,"provider":..,"command":..,
 *  "diagnostic":..,"date":..,"queue_id":..,"message_id":..}: null where a
 *  value is not known. */
void json_scan(FILE *f, const scan_rec *r)
{
	char date[DATE_MAX];
	fputs("{\"file\":", f);
	str(f, r->file);
	opt_str(f, "recipient", r->rcpt);
	opt_str(f, "action", r->action);
	opt_str(f, "status", r->status);
	if (r->reply)
		fprintf(f, ",\"reply\":%d", r->reply);
	else
		fputs(",\"reply\":null", f);
	kstr(f, "reason", r->reason);
	fprintf(f, ",\"hard\":%s", r->verdict == SMTPCODE_HARD ? "true"
								: "false");
	kstr(f, "verdict", smtpcode_verdict_name(r->verdict));
	key(f, "provider");
	if (r->provider)
		str(f, r->provider);
	else
		fputs("null", f);
	opt_str(f, "command", r->command);
	opt_str(f, "diagnostic", r->diag);
	opt_str(f, "date", bounce_lit(date_iso(r->date, date)));
	opt_str(f, "queue_id", r->queue_id);
	opt_str(f, "message_id", r->message_id);
	opt_str(f, "original_recipient", r->orig);
	fputs("}\n", f);
}
