/* pmta: the rows of PowerMTA's accounting files, for maillog. They are
 * CSV, under a header line that names the columns ("type,timeLogged,
 * timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,..."): a row of
 * type b (a bounce), rb (a bounce that came back later) or t (a transient
 * failure) is a record; d (delivered) too with delivered. The columns are
 * found by name. A message is known by its envelope id (envId), else by
 * the time it was queued; a record's time is the row's timeLogged. */
#ifndef SMTPCODE_PMTA_H
#define SMTPCODE_PMTA_H

#include "maillog.h"

/* A header line [p, e): 1 when it is PowerMTA's (it names type, rcpt and
 * dsnDiag); c then knows where its columns are. */
int pmta_header(maillog_ctx *c, const char *p, const char *e);

/* The end of the row that starts at p: its line's end, unless a quoted
 * field holds line ends (RFC 4180). */
const char *pmta_row_end(const char *p, const char *e);

/* A row [p, e), under the header c knows: 1 when it is a record. */
int pmta_row(maillog_ctx *c, const char *p, const char *e, int delivered,
	     maillog_rec *out);

#endif
