/* rotated: the order to read a log and its rotations in. logrotate
 * renames mail.log to mail.log.1, then mail.log.2.gz (or, with dateext,
 * maillog-20261122): in name order the newest comes first, and scan
 * --final, which keeps what was read last of each recipient, would take
 * an old deferral for how a delivery ended. */
#ifndef SMTPCODE_ROTATED_H
#define SMTPCODE_ROTATED_H

#include <stddef.h>

/* Puts the names that are one log and its rotations together, where the
 * first of them was, oldest first: mail.log.2.gz, mail.log.1, mail.log;
 * maillog-20261115, maillog-20261122, maillog. Names between them in the
 * list (mail.log-old, sorted between mail.log and mail.log.1) come after;
 * other names keep their order. */
void rotated_order(const char **names, size_t n);

#endif
