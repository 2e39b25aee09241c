/* last: the last word of a mail log on each recipient of each message,
 * for `smtpcode scan --final`. A log says a recipient was deferred at
 * every retry; what matters for a campaign is how it ended: a recipient
 * deferred three times and then bounced is one record, the bounce; one
 * deferred and then delivered is no failure at all; one still deferred
 * when the log ends is one record, the last deferral. Postfix's queue
 * manager says that a message expired without naming its recipients: its
 * recipients still deferred then failed, as expired.
 *
 * A message is known by its queue id; a line without one is a record of
 * its own. An MTA may give a queue id again once its message is gone
 * (qmail's numbers are soon given again, Postfix's short ids in weeks): a
 * line about a recipient whose record ended already (failed or
 * delivered) is about a new message, and starts a record of its own, with
 * the Message-ID that message arrived with. The strings are copies, so
 * that the log may go. */
#ifndef SMTPCODE_LAST_H
#define SMTPCODE_LAST_H

#include <stddef.h>

#include "maillog.h"

typedef struct last_rec {
	const char *file; /* the file of its last line */
	char *qid, *rcpt, *action, *status, *diag, *command, *date;
	char *orig;       /* the address as sent to, or "" */
	char *msgid;      /* the Message-ID its message arrived with, or "" */
	int expired;
	int deferred;     /* a deferral came before its last line */
	size_t next;      /* 1 + the next record of the message, or 0 */
	size_t last;      /* on a message's first record: 1 + its last */
} last_rec;

typedef struct last_set {
	last_rec *v;
	size_t n, cap;
	size_t *slot, nslot; /* 1 + the record of (queue id, recipient) */
	size_t *msg, nmsg;   /* 1 + the first record of a queue id */
	char **files;        /* the names of the files, kept */
	size_t nfiles;
	char **ids;          /* "qid\0<Message-ID>": what the messages'
	                        arrivals said, by queue id */
	size_t nids, nid;    /* slots (a power of two, or 0), and used */
} last_set;

/* What the line says of rcpt (a string of length 0 for the message as a
 * whole), read from file. A line of action "arrived" gives the message's
 * Message-ID. Returns 0, or -1 when out of memory. */
int last_add(last_set *s, const char *file, const maillog_rec *line,
	     bounce_str rcpt);

/* The Message-ID of the message whose queue id is qid ("<a@b>"), or "". */
const char *last_message_id(const last_set *s, const char *qid);

void last_free(last_set *s);

#endif
