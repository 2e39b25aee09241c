/* maillog: the delivery failures in mail log lines.
 *
 * Reads the lines that Postfix, Sendmail, OpenSMTPD and Exim write through
 * syslog, and Exim's main log:
 *
 *   postfix/smtp[..]: ID: to=<a@b>, relay=.., dsn=5.1.1, status=bounced
 *       (host mx[..] said: 550 5.1.1 ... (in reply to RCPT TO command))
 *   sm-mta[..]: ID: to=<a@b>, .., dsn=5.1.1, stat=User unknown
 *   smtpd[..]: ID mta delivery evpid=ID .. to=<a@b> .. result="PermFail"
 *       stat="550 5.1.1 ..."
 *   2024-05-01 10:00:00 ID ** a@b R=.. T=.. H=..: SMTP error from remote
 *       mail server after RCPT TO:<a@b>: 550 5.1.1 ...
 *   @4000... delivery 12: failure: 192.0.2.7_does_not_like_recipient./..
 *   b,2026-11-28 ..,a@b,,failed,5.1.1 (..),smtp;550 5.1.1 ... (PowerMTA)
 *
 * A line is a failure when Postfix says bounced, deferred or expired,
 * when Sendmail gives a 4.x.x or 5.x.x dsn, when OpenSMTPD's result is
 * PermFail, TempFail, Loop or Expire, when qmail-send says failure or
 * deferral, when a row of PowerMTA's accounting file is of type b, rb or
 * t, or when Exim writes ** (failed) or == (deferred), in its main log or
 * in a syslog line of its own ("exim[123]: ID ** a@b ..."). A log is read
 * as Exim's main log when its first line starts with Exim's time stamp
 * ("2024-05-01 10:00:00"), as PowerMTA's when it starts with the header
 * of its CSV ("type,timeLogged,..."), as qmail's (line by line) when its
 * first 64 KiB have a line of qmail-send's ("delivery 12: "), or when they
 * have no line of another MTA's and a later line is qmail-send's, else as
 * syslog's. Other lines are not read. */
#ifndef SMTPCODE_MAILLOG_H
#define SMTPCODE_MAILLOG_H

#include <stddef.h>

#include "bounce.h"

typedef struct maillog_rec {
	bounce_str rcpt;    /* the recipients: one address, or Sendmail's
	                       list "a@b,c@d" (maillog_next_rcpt) */
	bounce_str action;  /* "failed" or "delayed", as a DSN would say */
	bounce_str status;  /* Postfix's and Sendmail's dsn=, or not given */
	bounce_str diag;    /* what the server or the MTA said */
	bounce_str command; /* "RCPT TO", "DATA" ...: when the line says
	                       which command the reply answered */
	bounce_str orig;    /* the recipient as the sender gave it, when the
	                       line says (Postfix's orig_to=, Exim's "a@b
	                       <orig>", PowerMTA's orcpt) */
	int expired;        /* 1 when the line says that the message expired
	                       in the queue (Postfix's status=expired) */
	bounce_str qid;     /* the message's id in the queue ("4F1A21C0A3",
	                       Exim's "1rAbCd-000Abc-1x"), when the line
	                       gives one */
	bounce_str date;    /* the line's time stamp, as written (date.h) */
	bounce_str msgid;   /* the message's Message-ID, on a line of action
	                       "arrived" (maillog_next_any) */
} maillog_rec;

/* What reading a log keeps from one line to the next: the qmail
 * deliveries that started and have not ended (a qmail result names its
 * delivery, and only the start names the recipient). Zeroed before the
 * first line; one for all the logs of a run, so that a delivery may end
 * in the next file (multilog's rotated @4000... files come before
 * "current" in name order). */
typedef struct maillog_started {
	unsigned long id;  /* qmail's delivery number */
	char *rcpt, *msg;  /* its recipient and message */
} maillog_started;

/* The columns of a PowerMTA accounting file that a record needs. */
enum {
	PMTA_TYPE, PMTA_RCPT, PMTA_STATUS, PMTA_DIAG, PMTA_QUEUED, PMTA_LOGGED,
	PMTA_ENVID, PMTA_ORCPT, PMTA_NCOLS
};

typedef struct maillog_ctx {
	int qmail;               /* 1 once a log had qmail-send's lines */
	int not_qmail;           /* 1 once this file's head told it is
	                            another MTA's (maillog_file resets) */
	int pmta;                /* 1 once a log was PowerMTA's CSV */
	int exim;                /* 1 once a log started with Exim's stamp */
	int pmta_col[PMTA_NCOLS]; /* where its header put each, or -1 */
	maillog_started *v;
	size_t n, cap;
	char *rcpt, *msg;        /* the last qmail record's */
	char *text;              /* its report, with blanks for qmail's _,
	                            or a quoted CSV field without its quotes */
	size_t text_cap;
	int oom;                 /* 1 when a start could not be kept */
	size_t unread;           /* lines that say a recipient failed but
	                            are not written as a record (a Postfix
	                            line without a queue id, or with a field
	                            cut short): not read, as a stranger may
	                            have written them, but told */
} maillog_ctx;

/* A new file starts: its first line tells again whether it is Exim's
 * main log. (What qmail's and PowerMTA's logs leave goes on: a rotated
 * log goes on from the last.) */
void maillog_file(maillog_ctx *c);

/* The next failure line of the log s at or after *at, which moves past
 * it. Returns 0 when no failure line is left. The record's strings lie in
 * s, or in c until the next call. */
int maillog_next(maillog_ctx *c, const char *s, size_t len, size_t *at,
		 maillog_rec *out);

/* The same, with also the lines that say a recipient was delivered
 * (action "delivered": Postfix's status=sent, Sendmail's 2.x.x dsn,
 * OpenSMTPD's result Ok, qmail's success, PowerMTA's type d, Exim's => and
 * -> in its main log or through syslog), so that a recipient deferred
 * first and delivered later can be told; and those that give a queued
 * message's Message-ID (action "arrived", no recipient: Postfix's
 * "message-id=", Sendmail's "msgid=", Exim's "<=" line's "id="). */
int maillog_next_any(maillog_ctx *c, const char *s, size_t len, size_t *at,
		     maillog_rec *out);

void maillog_free(maillog_ctx *c);

/* Where the message of the syslog line [s, e) starts: after its program's
 * tag ("postfix/smtp[2216]: "). A record's fields are read from there on,
 * where its format puts them, never from what strangers wrote in it. */
const char *maillog_msg_start(const char *s, const char *e);

/* For the readers of each format (qmail.c, pmta.c): room for a text of n
 * bytes and a NUL in c->text. 0, or -1 with c->oom set. */
int maillog_text_room(maillog_ctx *c, size_t n);

/* The recipients of a record one at a time: the next address of
 * rec->rcpt after *at, which moves past it. Returns 0 after the last. */
int maillog_next_rcpt(const maillog_rec *rec, size_t *at, bounce_str *addr);

/* The same as a bounce's recipients are: each address (*at 0 first) with
 * the record's action, status and reply; a record that names none is one
 * recipient without an address. Returns 0 after the last. */
int maillog_recipient(const maillog_rec *rec, size_t *at, bounce_rcpt *rc);



#endif
