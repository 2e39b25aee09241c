/* qmail: the lines of qmail-send's log, for maillog. They come after
 * whatever stamps them (multilog's "@4000...", splogger's "qmail:
 * 1764323401.123456"):
 *   starting delivery 12: msg 4201 to remote a@b
 *   delivery 12: failure: 192.0.2.7_does_not_like_recipient./Remote_host_
 *       said:_550_5.1.1_<a@b>..._User_Unknown/Giving_up_on_192.0.2.7./
 * The result names the delivery, not the recipient: the start does. qmail
 * writes each blank of the report as "_" and ends its lines with "/". */
#ifndef SMTPCODE_QMAIL_H
#define SMTPCODE_QMAIL_H

#include <stddef.h>

#include "maillog.h"

/* Whether s has a line of qmail-send's ("delivery 12: " after a blank or
 * at the start of a line). */
int qmail_log(const char *s, size_t len);

/* A line [s, e): 1 when it is a record (a failure, a deferral, or with
 * delivered a success), which gets the recipient and the message of the
 * delivery's start; a start is kept in c. */
int qmail_line(maillog_ctx *c, const char *s, const char *e, int delivered,
	       maillog_rec *out);

#endif
