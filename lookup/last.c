#include "last.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a of the queue id and, with rcpt, of the address in small
 * letters. */
static uint64_t hash_of(const char *q, size_t qn, const char *r, size_t rn,
			int with_rcpt)
{
	uint64_t h = 14695981039346656037u;
	size_t i;
	for (i = 0; i < qn; i++)
		h = (h ^ (unsigned char)q[i]) * 1099511628211u;
	if (!with_rcpt)
		return h;
	h = (h ^ 0xffu) * 1099511628211u;
	for (i = 0; i < rn; i++)
		h = (h ^ (unsigned)bounce_lower((unsigned char)r[i])) *
		    1099511628211u;
	return h;
}

static int same(const char *a, bounce_str b, int fold)
{
	size_t i;
	if (strlen(a) != b.len)
		return 0;
	for (i = 0; i < b.len; i++)
		if (fold ? bounce_lower((unsigned char)a[i]) !=
				   bounce_lower((unsigned char)b.s[i])
			 : a[i] != b.s[i])
			return 0;
	return 1;
}

/* Where (qid, rcpt) is or goes in the table of recipients, or with
 * rcpt NULL where qid is or goes in the table of messages. */
static size_t *place(last_set *s, bounce_str qid, const bounce_str *rcpt)
{
	size_t *t = rcpt ? s->slot : s->msg, n = rcpt ? s->nslot : s->nmsg;
	size_t i = (size_t)hash_of(qid.s, qid.len, rcpt ? rcpt->s : NULL,
				   rcpt ? rcpt->len : 0, rcpt != NULL) &
		   (n - 1);
	for (;; i = (i + 1) & (n - 1)) {
		const last_rec *r;
		if (!t[i])
			return &t[i];
		r = &s->v[t[i] - 1];
		if (same(r->qid, qid, 0) &&
		    (!rcpt || same(r->rcpt, *rcpt, 1)))
			return &t[i];
	}
}

/* Room for one more record in both tables (at most half full). */
static int grow(last_set *s)
{
	size_t n = s->nslot ? s->nslot : 64, i, *slot, *msg;
	if ((s->n + 1) * 2 <= s->nslot)
		return 0;
	while ((s->n + 1) * 2 > n)
		n *= 2;
	slot = calloc(n, sizeof *slot);
	msg = calloc(n, sizeof *msg);
	if (!slot || !msg) {
		free(slot);
		free(msg);
		return -1;
	}
	free(s->slot);
	free(s->msg);
	s->slot = slot, s->msg = msg, s->nslot = s->nmsg = n;
	for (i = 0; i < s->n; i++) {
		const last_rec *r = &s->v[i];
		bounce_str q = bounce_s(r->qid, strlen(r->qid)),
			   a = bounce_s(r->rcpt, strlen(r->rcpt));
		size_t *m;
		if (!q.len)
			continue;
		*place(s, q, &a) = i + 1;
		m = place(s, q, NULL);
		if (!*m)
			*m = i + 1;
	}
	return 0;
}

/* The name of the file, kept as long as s. */
static const char *keep_file(last_set *s, const char *file)
{
	char **t;
	if (s->nfiles && strcmp(s->files[s->nfiles - 1], file) == 0)
		return s->files[s->nfiles - 1];
	t = realloc(s->files, (s->nfiles + 1) * sizeof *t);
	if (!t)
		return NULL;
	s->files = t;
	t[s->nfiles] = bounce_dup(bounce_s(file, strlen(file)));
	return t[s->nfiles] ? t[s->nfiles++] : NULL;
}

/* r says what line says now. */
static int set(last_rec *r, const char *file, const maillog_rec *line)
{
	char *a = bounce_dup(line->action), *st = bounce_dup(line->status),
	     *d = bounce_dup(line->diag), *c = bounce_dup(line->command),
	     *t = bounce_dup(line->date),
	     *o = bounce_dup(line->orig.len || !r->orig
				     ? line->orig
				     : bounce_s(r->orig, strlen(r->orig)));
	if (!a || !st || !d || !c || !t || !o) {
		free(a), free(st), free(d), free(c), free(t), free(o);
		return -1;
	}
	if (r->action && strcmp(r->action, "delayed") == 0)
		r->deferred = 1;
	free(r->action), free(r->status), free(r->diag), free(r->command);
	free(r->date), free(r->orig);
	r->action = a, r->status = st, r->diag = d, r->command = c;
	r->date = t, r->orig = o;
	r->expired = line->expired;
	r->file = file;
	return 0;
}

/* A new record of (qid, rcpt), last of its message. */
static last_rec *append(last_set *s, bounce_str rcpt, const maillog_rec *line)
{
	last_rec *r;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		last_rec *t = realloc(s->v, cap * sizeof *t);
		if (!t)
			return NULL;
		s->v = t;
		s->cap = cap;
	}
	r = &s->v[s->n];
	memset(r, 0, sizeof *r);
	r->qid = bounce_dup(line->qid);
	r->rcpt = bounce_dup(rcpt);
	if (r->qid) { /* its message's, as it arrived: the id may come again */
		const char *id = last_message_id(s, r->qid);
		r->msgid = bounce_dup(bounce_s(id, strlen(id)));
	}
	if (!r->qid || !r->rcpt || !r->msgid) {
		free(r->qid), free(r->rcpt), free(r->msgid);
		return NULL;
	}
	s->n++;
	if (line->qid.len) {
		size_t *m = place(s, line->qid, NULL);
		*place(s, line->qid, &rcpt) = s->n;
		if (!*m)
			*m = s->n;
		else
			s->v[s->v[*m - 1].last - 1].next = s->n;
		s->v[*m - 1].last = s->n;
	}
	return r;
}

/* Postfix's "status=expired, returned to sender": the message's
 * recipients that were still deferred failed. Returns how many, or -1
 * when out of memory. */
static long expire(last_set *s, const char *file, const maillog_rec *line)
{
	size_t k = *place(s, line->qid, NULL);
	long n = 0;
	for (; k; k = s->v[k - 1].next) {
		last_rec *r = &s->v[k - 1];
		char *failed, *date;
		if (strcmp(r->action, "delayed") != 0)
			continue;
		failed = bounce_dup(bounce_s("failed", 6));
		date = bounce_dup(line->date);
		if (!failed || !date) {
			free(failed), free(date);
			return -1;
		}
		free(r->action), free(r->date);
		r->action = failed, r->date = date;
		r->expired = 1;
		r->file = file;
		n++;
	}
	return n;
}

/* Where the Message-ID of qid is or goes: its "qid\0<id>" block. */
static char **id_place(const last_set *s, bounce_str qid)
{
	size_t i = (size_t)hash_of(qid.s, qid.len, NULL, 0, 0) & (s->nids - 1);
	for (;; i = (i + 1) & (s->nids - 1))
		if (!s->ids[i] || (strlen(s->ids[i]) == qid.len &&
				   !memcmp(s->ids[i], qid.s, qid.len)))
			return &s->ids[i];
}

/* Room for one more Message-ID (the table at most half full). */
static int id_grow(last_set *s)
{
	size_t n = s->nids ? s->nids * 2 : 64, i;
	char **old = s->ids, **t;
	if ((s->nid + 1) * 2 <= s->nids)
		return 0;
	if (!(t = calloc(n, sizeof *t)))
		return -1;
	s->ids = t;
	s->nids = n;
	for (i = 0; old && i < n / 2; i++)
		if (old[i])
			*id_place(s, bounce_s(old[i], strlen(old[i]))) = old[i];
	free(old);
	return 0;
}

/* A message arrived: its Message-ID, kept by its queue id. */
static int arrived(last_set *s, const maillog_rec *line)
{
	char **at, *id;
	if (id_grow(s) < 0 || !(id = malloc(line->qid.len + line->msgid.len + 4)))
		return -1;
	memcpy(id, line->qid.s, line->qid.len);
	id[line->qid.len] = '\0';
	bounce_msgid_copy(id + line->qid.len + 1, line->msgid); /* Exim's */
	at = id_place(s, line->qid);
	if (*at)
		free(*at);
	else
		s->nid++;
	*at = id;
	return 0;
}

const char *last_message_id(const last_set *s, const char *qid)
{
	char *const *at;
	if (!qid[0] || !s->nids)
		return "";
	at = id_place(s, bounce_s(qid, strlen(qid)));
	return *at ? *at + strlen(*at) + 1 : "";
}

/* Whether r's recipient is done with: failed or delivered. */
static int ended(const last_rec *r)
{
	return strcmp(r->action, "failed") == 0 ||
	       strcmp(r->action, "delivered") == 0;
}

int last_add(last_set *s, const char *file, const maillog_rec *line,
	     bounce_str rcpt)
{
	last_rec *r = NULL;
	long expired = 0;
	/* ids are kept as C strings: one with a NUL in it (binary junk in
	 * a log) would not be found again, nor freed */
	if ((line->qid.len && memchr(line->qid.s, '\0', line->qid.len)) ||
	    (line->msgid.len && memchr(line->msgid.s, '\0', line->msgid.len)))
		return 0;
	if (line->msgid.len) /* an arrival: no recipient's record */
		return line->qid.len ? arrived(s, line) : 0;
	if (!(file = keep_file(s, file)) || grow(s) < 0)
		return -1;
	if (line->qid.len && !rcpt.len && line->expired)
		expired = expire(s, file, line);
	if (expired)
		return expired < 0 ? -1 : 0;
	if (line->qid.len) {
		size_t at = *place(s, line->qid, &rcpt);
		if (at && !(rcpt.len && ended(&s->v[at - 1])))
			r = &s->v[at - 1];
	}
	if (!r && !(r = append(s, rcpt, line)))
		return -1;
	return set(r, file, line);
}

void last_free(last_set *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		last_rec *r = &s->v[i];
		free(r->qid), free(r->rcpt), free(r->action);
		free(r->status), free(r->diag), free(r->command);
		free(r->date), free(r->msgid), free(r->orig);
	}
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	for (i = 0; i < s->nids; i++)
		free(s->ids[i]);
	free(s->ids);
	free(s->v);
	free(s->slot);
	free(s->msg);
	free(s->files);
	memset(s, 0, sizeof *s);
}
