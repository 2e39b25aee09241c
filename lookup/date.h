/* date: when a bounce or a log line says a failure happened, as a record
 * of scan gives it.
 *
 * The sources write time in their own ways:
 *   Sat, 28 Nov 2026 19:38:04 +0900       a message's Date: (RFC 5322)
 *   2026-11-28T19:38:04.123456+09:00      syslog, RFC 5424 / RFC 3339
 *   2026-11-28 19:38:04 [+0900]           Exim's log, PowerMTA's (-0500)
 *   @4000000069298c2a1c0f0b2c             multilog's TAI64N (qmail)
 *   1764355084.123456                     splogger's seconds (qmail)
 *   Nov 28 19:38:04                       traditional syslog: no year
 * date_iso writes each as ISO 8601 (2026-11-28T19:38:04+09:00, with Z for
 * UTC, and no offset where the source gives none); a date it cannot read,
 * or one without a year, stays as it is written. */
#ifndef SMTPCODE_DATE_H
#define SMTPCODE_DATE_H

#include <stddef.h>

#include "bounce.h"

/* Room for a date written by date_iso: what it writes is at most this
 * long, with its NUL. */
#define DATE_MAX 64

/* The time stamp that starts the log line [s, e), in one of the forms
 * above but the first; a string of length 0 when it has none. */
bounce_str date_stamp(const char *s, const char *e);

/* Past a syslog priority at s ("<22>": RFC 5424's, and RFC 3164's as some
 * daemons keep it in files); s when there is none. */
const char *date_past_priority(const char *s, const char *e);

/* d in ISO 8601 where it can be read, else as it is (cut to fit); in out,
 * which is returned. An empty d gives "". */
const char *date_iso(bounce_str d, char out[DATE_MAX]);

#endif
