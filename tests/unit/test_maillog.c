/* maillog: the failure records of mail log lines. The lines are real ones
 * (Postfix's, Sendmail's, Exim's and OpenSMTPD's, as in the golden scan
 * tests); each log is cut down to what its test is about. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "last.h"
#include "maillog.h"

#define SYSLOG_HEAD "Nov 28 09:12:02 mx1 postfix/smtp[2216]: 4F1A21C0A3: "

#define PF_BOUNCED                                                             \
	SYSLOG_HEAD "to=<userunknown@example.co.jp>, "                         \
		    "relay=mx.example.co.jp[192.0.2.153]:25, delay=1.1, "      \
		    "delays=0.1/0/0.5/0.5, dsn=5.1.1, status=bounced (host "   \
		    "mx.example.co.jp[192.0.2.153] said: 550 5.1.1 "           \
		    "<userunknown@example.co.jp>... User Unknown (in reply "   \
		    "to RCPT TO command))"
#define PF_BOUNCED_DIAG "550 5.1.1 <userunknown@example.co.jp>... User Unknown"

#define PF_DEFERRED                                                            \
	SYSLOG_HEAD "to=<kijitora@example.org>, orig_to=<neko@example.jp>, "   \
		    "relay=mx.example.org[192.0.2.4]:25, delay=1.4, "          \
		    "delays=0.1/0/0.6/0.7, dsn=4.1.1, status=deferred (host "  \
		    "mx.example.org[192.0.2.4] said: 450 4.1.1 "               \
		    "<kijitora@example.org>: Recipient address rejected: "     \
		    "User unknown in virtual alias table (in reply to RCPT "   \
		    "TO command))"
#define PF_DEFERRED_DIAG                                                       \
	"450 4.1.1 <kijitora@example.org>: Recipient address rejected: User "  \
	"unknown in virtual alias table"

#define PF_TIMEOUT                                                             \
	SYSLOG_HEAD "to=<kijitora@bukkoji.example.org>, relay=none, "          \
		    "delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred " \
		    "(connect to bukkoji.example.org[192.0.2.1]:25: "          \
		    "Connection timed out)"
#define PF_TIMEOUT_DIAG                                                        \
	"connect to bukkoji.example.org[192.0.2.1]:25: Connection timed out"

#define PF_SENT                                                                \
	SYSLOG_HEAD "to=<sironeko@example.org>, "                              \
		    "relay=mx.example.org[192.0.2.4]:25, delay=0.9, "          \
		    "delays=0.1/0/0.4/0.4, dsn=2.0.0, status=sent (250 2.0.0 " \
		    "Ok: queued as 9C3E01D0)"

#define PF_ANVIL                                                               \
	"Nov 28 09:13:00 mx1 postfix/anvil[2219]: statistics: max "            \
	"connection rate 1/60s for (smtp:192.0.2.10) at Nov 28 09:12:01"

#define PF_EXPIRED                                                             \
	"Nov 28 09:14:00 mx1 postfix/qmgr[812]: 7B22D1C0B1: "                  \
	"from=<news@example.jp>, status=expired, returned to sender"

#define SM_HEAD "Nov 28 09:30:02 mx2 sm-mta[4412]: 2ASLU1o4004410: "
#define SM_RELAY                                                               \
	"delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=124410, "          \
	"relay=mx.bouncehammer.jp. [192.0.2.7], "

#define SM_UNKNOWN                                                             \
	SM_HEAD "to=<userunknown@bouncehammer.jp>, " SM_RELAY                  \
		"dsn=5.1.1, stat=User unknown"
#define SM_SENT                                                                \
	SM_HEAD "to=<sironeko@bouncehammer.jp>, " SM_RELAY                     \
		"dsn=2.0.0, stat=Sent (Ok: queued as 5B1E2)"
#define SM_LIST                                                                \
	SM_HEAD "to=<filtered@example.org>,<userunknown@example.org>, "        \
		SM_RELAY "dsn=5.1.1, stat=User unknown"

#define EXIM_ID "1vQx8E-0007aB-2k "
#define EXIM_ARRIVAL                                                           \
	"2026-11-28 09:20:01 " EXIM_ID "<= news@example.jp H=localhost "       \
	"[127.0.0.1] P=esmtp S=4410 id=20261128092001.GA31@example.jp"
#define EXIM_SENT_BODY                                                         \
	"=> sironeko@example.org R=dnslookup T=remote_smtp "                   \
	"H=mx.example.org [192.0.2.4] C=\"250 2.0.0 Ok: queued as 9C3E01D0\""
#define EXIM_FAILED_BODY                                                       \
	"** kijitora@example.jp R=dnslookup T=remote_smtp H=mx.example.jp "    \
	"[192.0.2.153]: " EXIM_FAILED_DIAG
#define EXIM_FAILED_DIAG                                                       \
	"SMTP error from remote mail server after RCPT "                       \
	"TO:<kijitora@example.jp>: 550 5.1.1 <kijitora@example.jp>... User "   \
	"Unknown"
#define EXIM_DEFERRED_BODY                                                     \
	"== mikeneko@example.jp R=dnslookup T=remote_smtp defer (-44) "        \
	"H=mx.example.jp [192.0.2.20]: " EXIM_DEFERRED_DIAG
#define EXIM_DEFERRED_DIAG                                                     \
	"SMTP error from remote mail server after end of data: 554 5.7.0 "     \
	"Header error"
#define EXIM_UNROUTEABLE_BODY "** nobody@nowhere.invalid: Unrouteable address"

#define EXIM_SENT "2026-11-28 09:20:02 " EXIM_ID EXIM_SENT_BODY
#define EXIM_FAILED "2026-11-28 09:20:02 " EXIM_ID EXIM_FAILED_BODY
#define EXIM_DEFERRED "2026-11-28 09:20:04 " EXIM_ID EXIM_DEFERRED_BODY
#define EXIM_UNROUTEABLE "2026-11-28 09:20:05 " EXIM_ID EXIM_UNROUTEABLE_BODY
#define EXIM_COMPLETED "2026-11-28 09:20:05 " EXIM_ID "Completed"

#define OS_HEAD "Nov 28 09:40:02 mx3 smtpd[52112]: 2b7d19e04c6a8f13 mta "
#define OS_MTA(evpid, to, result, stat)                                        \
	OS_HEAD "delivery evpid=" evpid " from=<news@example.jp> to=<" to      \
		"> rcpt=<-> source=\"192.0.2.9\" relay=\"192.0.2.7 "          \
		"(mx.bouncehammer.jp)\" delay=1s result=\"" result             \
		"\" stat=\"" stat "\""
#define OS_UNKNOWN_DIAG                                                        \
	"550 5.1.1 <\"neko....nyaan....\"@libsisimai.org>... User Unknown"
#define OS_UNKNOWN                                                             \
	OS_MTA("5a1e7c02b8d3f6a1", "neko....nyaan....@libsisimai.org",       \
	       "PermFail", OS_UNKNOWN_DIAG)
#define OS_FULL_DIAG "450 4.2.2 <mailboxfull@example.kyoto.jp>... Mailbox Full"
#define OS_FULL                                                                \
	OS_MTA("5a1e7c02c41e9b07", "mailboxfull@example.kyoto.jp", "TempFail", \
	       OS_FULL_DIAG)
#define OS_SENT                                                                \
	OS_MTA("5a1e7c02e7b25a19", "sironeko@example.org", "Ok",               \
	       "250 2.0.0 Ok: queued as 9C3E01D0")
#define OS_MDA                                                                 \
	"Nov 28 09:40:04 mx3 smtpd[52115]: 0000000000000000 mda delivery "     \
	"evpid=5a1e7c02f03c8d21 from=<news@example.jp> "                       \
	"to=<neko@mx3.example.jp> user=neko delay=3s result=PermFail "         \
	"stat=552 5.2.2 Mailbox full"
#define OS_EXPIRE                                                              \
	"Dec  2 09:40:02 mx3 smtpd[52109]: relay: Expire for "                 \
	"5a1e7c02c41e9b07: from=<news@example.jp>, "                           \
	"to=<mailboxfull@example.kyoto.jp>, rcpt=<->, delay=4d, "              \
	"stat=Envelope expired"

#define QM_START(id, rcpt)                                                     \
	"@40000000692975e10a2c4d5e starting delivery " id ": msg 4201 to "     \
	"remote " rcpt
#define QM_FAILURE(id)                                                         \
	"@40000000692975e20b2d4e5f delivery " id ": failure: "                 \
	"192.0.2.153_does_not_like_recipient./Remote_host_said:_550_5.1.1_"    \
	"<userunknown@example.jp>..._User_Unknown/Giving_up_on_192.0.2.153./"
#define QM_FAILURE_DIAG                                                        \
	"192.0.2.153 does not like recipient./Remote host said: 550 5.1.1 "    \
	"<userunknown@example.jp>... User Unknown/Giving up on 192.0.2.153."
#define QM_SUCCESS(id)                                                         \
	"@40000000692975f10d3f6061 delivery " id ": success: "                 \
	"192.0.2.4_accepted_message./Remote_host_said:_250_2.0.0_Ok:_queued_"  \
	"as_9C3E01D0/"
#define QM_SPLOGGER                                                            \
	"Nov 28 09:50:04 mx4 qmail: 1764323404.512345 delivery 9: failure: "   \
	"Sorry,_I_couldn't_find_any_host_named_cx.libsisimai.com._(#5.1.2)/"

#define PM_HEAD                                                                \
	"type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,"     \
	"dsnDiag,dsnMta,bounceCat,srcType,srcMta,dlvType,dlvSourceIp,"         \
	"dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,"   \
	"vmtaPool"
#define PM_ROW(type, rcpt, action, status, diag)                               \
	type ",2026-11-28 09:40:02+0900,2026-11-28 09:40:01+0900,"             \
	"news@example.jp," rcpt ",," action "," status "," diag                \
	",mx.bouncehammer.jp (192.0.2.7),bad-mailbox,smtp,,smtp,192.0.2.9,"    \
	"192.0.2.7,\"PIPELINING,8BITMIME,SIZE,DSN\",4410,vmta1,campaign-42,,"  \
	"bouncehammer.jp/vmta1,pool1"
#define PM_UNKNOWN                                                             \
	PM_ROW("b", "userunknown@bouncehammer.jp", "failed",                   \
	       "5.1.1 (bad destination mailbox address)",                      \
	       "smtp;550 5.1.1 <userunknown@bouncehammer.jp>... User Unknown")
#define PM_QUOTED                                                              \
	PM_ROW("b", "\"\"\"neko....nyaan....\"\"@libsisimai.org\"", "failed",    \
	       "5.1.1 (bad destination mailbox address)",                      \
	       "\"smtp;550 5.1.1 <\"\"neko....nyaan....\"\"@libsisimai.org>... "  \
	       "User Unknown\"")
#define PM_SENT                                                                \
	PM_ROW("d", "sironeko@example.org", "relayed", "2.0.0 (success)",      \
	       "smtp;250 2.0.0 Ok: queued as 9C3E01D0")

/* The reader's context, fresh for each test (reset). */
static maillog_ctx ctx;

static int reset(void **state)
{
	(void)state;
	maillog_free(&ctx);
	return 0;
}

static int eq(bounce_str v, const char *want)
{
	return v.len == strlen(want) &&
	       (v.len == 0 || memcmp(v.s, want, v.len) == 0);
}

/* A field and the text it should hold ("" for not given). */
#define assert_field(r, name, want)                                            \
	do {                                                                   \
		if (!eq((r)->name, (want)))                                    \
			fail_msg(#name ": got '%.*s', want '%s'",              \
				 (int)(r)->name.len,                           \
				 (r)->name.s ? (r)->name.s : "", (want));      \
	} while (0)

/* Every field of a record. */
#define assert_rec(r, rcpt_, action_, status_, diag_, command_, expired_)      \
	do {                                                                   \
		assert_field(r, rcpt, rcpt_);                                  \
		assert_field(r, action, action_);                              \
		assert_field(r, status, status_);                              \
		assert_field(r, diag, diag_);                                  \
		assert_field(r, command, command_);                            \
		assert_int_equal((r)->expired, (expired_));                    \
	} while (0)

static int next(const char *log, size_t *at, maillog_rec *r)
{
	return maillog_next(&ctx, log, strlen(log), at, r);
}

/* The one record of a log of one failure line, then none. */
static void read_only(const char *log, maillog_rec *r)
{
	maillog_rec after;
	size_t at = 0;
	assert_int_equal(next(log, &at, r), 1);
	assert_int_equal(next(log, &at, &after), 0);
}

/* The recipients of r, one by one, must be want[0..n). */
static void assert_rcpts(const maillog_rec *r, const char *const *want,
			 size_t n)
{
	bounce_str addr;
	size_t at = 0, i;
	for (i = 0; i < n; i++) {
		assert_int_equal(maillog_next_rcpt(r, &at, &addr), 1);
		if (!eq(addr, want[i]))
			fail_msg("recipient %zu: got '%.*s', want '%s'", i,
				 (int)addr.len, addr.s, want[i]);
	}
	assert_int_equal(maillog_next_rcpt(r, &at, &addr), 0);
}

/* ----------------------------------------------------------- Postfix */

/* status=bounced: the reply without "host X said: " and without the
 * command it answered, which is the command. */
static void test_postfix_bounced(void **state)
{
	static const char *const rcpts[] = { "userunknown@example.co.jp" };
	maillog_rec r;
	(void)state;
	read_only(PF_BOUNCED "\n", &r);
	assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
		   PF_BOUNCED_DIAG, "RCPT TO", 0);
	assert_rcpts(&r, rcpts, 1);
}

/* status=deferred is delayed; the recipient is to=, not orig_to=, on
 * either side of it. */
static void test_postfix_deferred(void **state)
{
	const char *swapped =
		SYSLOG_HEAD "orig_to=<neko@example.jp>, "
			    "to=<kijitora@example.org>, dsn=4.1.1, "
			    "status=deferred (host mx.example.org[192.0.2.4] "
			    "said: " PF_DEFERRED_DIAG
			    " (in reply to RCPT TO command))\n";
	maillog_rec r;
	(void)state;
	read_only(PF_DEFERRED "\n", &r);
	assert_rec(&r, "kijitora@example.org", "delayed", "4.1.1",
		   PF_DEFERRED_DIAG, "RCPT TO", 0);
	read_only(swapped, &r);
	assert_rec(&r, "kijitora@example.org", "delayed", "4.1.1",
		   PF_DEFERRED_DIAG, "RCPT TO", 0);
}

/* A deferral that no server said: the text is Postfix's own, and no
 * command. */
static void test_postfix_connect_timeout(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(PF_TIMEOUT "\n", &r);
	assert_rec(&r, "kijitora@bukkoji.example.org", "delayed", "4.4.1",
		   PF_TIMEOUT_DIAG, "", 0);
}

/* status=sent and anvil's statistics are not failures. */
static void test_postfix_not_records(void **state)
{
	const char *log = PF_SENT "\n" PF_ANVIL "\n" PF_SENT "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 0);
	assert_int_equal(at, strlen(log));
}

/* A failure line that Postfix did not write as it writes a record (no
 * queue id; an address cut short) is no record, as a stranger may have
 * written it, but it is counted: once per line, whatever its marks, and
 * not when the line is a record after all. Lines of status=sent are not
 * failures, and a stranger's text in a logged header is counted too. */
static void test_postfix_unread(void **state)
{
	char log[4096];
	const char *fields = strchr(PF_BOUNCED, ']') + 15; /* "to=<..." */
	const char *cut = strchr(PF_DEFERRED, ']') + 3;    /* "4F1A...: to=" */
	maillog_rec r;
	size_t at = 0;
	(void)state;
	snprintf(log, sizeof log,
		 "Nov 28 09:12:02 mx1 postfix/smtp[2216]: %s\n"
		 "Nov 28 09:12:03 mx1 postfix/smtp[2216]: %.27s, %s\n"
		 "%s\n%s\n"
		 "Nov 28 09:12:05 mx1 postfix/cleanup[2214]: 7C11A1C0B2: "
		 "warning: header Subject: x: to=<vip@example.com>, "
		 "status=bounced (550 5.1.1 user unknown) from "
		 "unknown[192.0.2.66]\n",
		 fields, cut, strstr(cut, "relay="), PF_SENT, PF_BOUNCED);
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, rcpt, "userunknown@example.co.jp");
	assert_int_equal(ctx.unread, 2);
	assert_int_equal(next(log, &at, &r), 0);
	assert_int_equal(ctx.unread, 3);
	reset(NULL);
	at = 0;
	snprintf(log, sizeof log, "%s\n", PF_SENT);
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	memcpy(strstr(log, "4F1A21C0A3: "), "4F1A21C0A3  ", 12);
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 0);
	assert_int_equal(ctx.unread, 0);
}

/* The program's tag before a record's fields, as the logs write it: with
 * a pid, without one, RFC 5424's, Solaris's, and none (journalctl -o cat).
 * The queue id is the word before "to=". */
static void test_postfix_line_forms(void **state)
{
	static const char *const heads[] = {
		"Nov 28 09:12:02 mx1 postfix/smtp: 4F1A21C0A3: ",
		"<22>1 2026-11-28T09:12:02.123+00:00 mx1 postfix/smtp 2216 - - "
		"4F1A21C0A3: ",
		"Nov 28 09:12:02 mx1 postfix/smtp[2216]: [ID 197553 mail.info] "
		"4F1A21C0A3: ",
		"4F1A21C0A3: ",
	};
	const char *fields = strchr(PF_BOUNCED, ']') + 15; /* "to=<..." */
	char line[1024];
	size_t i, at;
	maillog_rec r;
	(void)state;
	assert_memory_equal(fields, "to=<", 4);
	for (i = 0; i < sizeof heads / sizeof *heads; i++) {
		snprintf(line, sizeof line, "%s%s\n", heads[i], fields);
		at = 0;
		assert_int_equal(next(line, &at, &r), 1);
		assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
			   PF_BOUNCED_DIAG, "RCPT TO", 0);
		assert_field(&r, qid, "4F1A21C0A3");
	}
}

/* What stamps qmail-send's lines, as each logger writes it: multilog,
 * tai64nlocal, svlogd -tt and -ttt, s6-log's t and T, splogger (and
 * journalctl -o cat of it), qmail-send's own output in the journal. */
static void test_qmail_stamps(void **state)
{
	static const char *const stamps[] = {
		"@40000000692975e10a1b3a4d ",
		"2026-11-28 09:50:05.512345500 ",
		"2026-11-28_09:50:05.51234 ",
		"2026-11-28T09:50:05.51234 ",
		"@40000000692975e10a1b3a4c 2026-11-28 09:50:04.512345500  ",
		"Nov 28 09:50:05 mx4 qmail: 1764323405.512345 ",
		"1764323405.512345 ",
		"Nov 28 09:50:05 mx4 qmail-send[1234]: ",
	};
	char log[1024];
	size_t i, at;
	maillog_rec r;
	(void)state;
	for (i = 0; i < sizeof stamps / sizeof *stamps; i++) {
		snprintf(log, sizeof log,
			 "%sstarting delivery 12: msg 4203 to remote "
			 "userunknown@example.jp\n%sdelivery 12: failure: "
			 "192.0.2.153_does_not_like_recipient./Remote_host_"
			 "said:_550_5.1.1_<userunknown@example.jp>..._User_"
			 "Unknown/Giving_up_on_192.0.2.153./\n",
			 stamps[i], stamps[i]);
		at = 0;
		if (next(log, &at, &r) != 1)
			fail_msg("not read after '%s'", stamps[i]);
		assert_rec(&r, "userunknown@example.jp", "failed", "",
			   QM_FAILURE_DIAG, "RCPT TO", 0);
		reset(NULL);
	}
}

/* Exim through syslog writes its own time stamp first, by default
 * (syslog_timestamp), with +millisec's and log_timezone's forms, and
 * +pid's "[pid]"; RFC 5424's header names the program apart. */
static void test_exim_syslog_forms(void **state)
{
	static const char *const heads[] = {
		"Nov 28 09:20:05 mx2 exim[3311]: 2026-11-28 09:20:05 ",
		"Nov 28 09:20:05 mx2 exim[3311]: 2026-11-28 09:20:05.123 +0000 ",
		"Nov 28 09:20:05 mx2 exim4[3311]: [3311] ",
		"Nov 28 09:20:05 mx2 exim[3311]: 2026-11-28 09:20:05 [3311] ",
		"<22>1 2026-11-28T09:20:05Z mx2 exim 3311 - - ",
		/* journalctl's short-unix and short-full, a kept priority,
		 * Solaris's syslogd */
		"1764321605.512345 mx2 exim[3311]: ",
		"Sat 2026-11-28 09:20:05 UTC mx2 exim[3311]: ",
		"<22>Nov 28 09:20:05 mx2 exim[3311]: ",
		"Nov 28 09:20:05 mx2 exim[3311]: [ID 702911 mail.info] ",
	};
	char log[1024];
	size_t i, at;
	maillog_rec r;
	(void)state;
	for (i = 0; i < sizeof heads / sizeof *heads; i++) {
		snprintf(log, sizeof log, "%s%s%s\n", heads[i], EXIM_ID,
			 EXIM_FAILED_BODY);
		at = 0;
		if (next(log, &at, &r) != 1)
			fail_msg("not read after '%s'", heads[i]);
		assert_rec(&r, "kijitora@example.jp", "failed", "",
			   EXIM_FAILED_DIAG, "RCPT TO", 0);
		assert_field(&r, qid, "1vQx8E-0007aB-2k");
	}
}

/* Text that strangers write reaches the log: a Subject that Postfix's
 * header_checks logs, a sender address that a client gives, a server's
 * reply to a delivery. Written like a record's fields, it is no record:
 * those are read only where each format puts them. (From a review; each
 * line made a hard failure for an address of the stranger's choice.) */
static void test_strangers_text(void **state)
{
	static const char *const lines[] = {
		"Nov 28 09:12:05 mx1 postfix/cleanup[2214]: 7C11A1C0B2: "
		"warning: header Subject: hello to=<vip@example.com>, "
		"status=bounced (host mx said: 550 5.1.1 user unknown) from "
		"unknown[192.0.2.66]; from=<a@evil.example> "
		"to=<x@mydomain.example> proto=ESMTP helo=<evil>",
		"Nov 28 09:12:05 mx1 postfix/cleanup[2214]: 7C11A1C0B2: "
		"warning: header Subject: x: to=<vip@example.com>, "
		"status=bounced (550 5.1.1 user unknown) from unknown[192.0.2.66]",
		"Nov 28 09:12:05 mx1 postfix/smtpd[2211]: NOQUEUE: reject: RCPT "
		"from unknown[192.0.2.66]: 554 5.7.1 <x@mydomain.example>: Relay "
		"access denied; from=<\"x to=<bigcustomer@example.com>, "
		"status=bounced (host mx said: 550 5.1.1 user "
		"unknown)\"@evil.example> to=<x@mydomain.example> proto=ESMTP "
		"helo=<evil>",
		SYSLOG_HEAD "to=<ok1@example.org>, relay=mx.example.org"
		"[192.0.2.4]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=2.0.0, "
		"status=sent (250 2.0.0 Ok, to=<ceo@victim.example>, dsn=5.1.1, "
		"status=bounced (host x said: 550 5.1.1 user unknown))",
		"Nov 28 09:12:05 mx1 sendmail[2211]: 4F1A21C0A3: from=<\"x "
		"to=<big2@example.com>, dsn=5.1.1, stat=User "
		"unknown\"@evil.example>, size=4410, class=0, nrcpts=1, "
		"msgid=<a@evil.example>, proto=ESMTP, daemon=MTA, relay=evil "
		"[192.0.2.66]",
		"Nov 28 09:12:05 mx1 sendmail[2211]: 4F1A21C0A4: "
		"ruleset=check_rcpt, arg1=<\"x to=<big3@example.com>, dsn=5.1.1, "
		"stat=User unknown\"@evil.example>, relay=evil [192.0.2.66], "
		"reject=550 5.7.1 Relaying denied",
		"Nov 28 09:40:04 mx3 smtpd[52115]: 0000000000000000 smtp "
		"failed-command command=\"MAIL FROM:<\\\"x to=<big4@example.com> "
		"result=PermFail stat=550 5.1.1 nouser\\\"@evil.example>\" "
		"result=\"550 5.7.1 denied\"",
		"Nov 28 09:20:05 mx2 exim[3311]: H=(evil) [192.0.2.66] "
		"F=<\"1vQx8E-0007aB-2k ** big6@example.com: 550 5.1.1 user "
		"unknown\"@evil.example> rejected RCPT <x@mydomain.example>: "
		"relay not permitted",
		"Nov 28 09:20:02 mx2 exim[3311]: " EXIM_ID "=> ok5@example.org "
		"R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.4] C=\"250 "
		"2.0.0 Ok ** ceo@victim.example: 550 5.1.1 User unknown\"",
		/* a tag without a pid: the first ": " is still the tag's */
		"Nov 28 09:12:05 mx1 postfix/cleanup: 7C11A1C0B2: warning: "
		"header Subject: [x]: 7C11A1C0B2: to=<vip@example.com>, "
		"dsn=5.1.1, status=bounced (550 5.1.1 user unknown) from "
		"unknown[192.0.2.66]; from=<a@evil.example>",
		/* RFC 5424's header, read as such */
		"<22>1 2026-11-28T09:12:05Z mx1 sm-mta 2211 - - 4F1A21C0A4: "
		"ruleset=check_rcpt, arg1=<\"[x]: 4F1A21C0A4: "
		"to=<big3@example.com>, dsn=5.1.1, stat=User "
		"unknown\"@evil.example>, relay=evil [192.0.2.66], reject=550 "
		"5.7.1 Relaying denied",
		"<22>1 2026-11-28T09:40:04Z mx3 smtpd 52115 - - 5e1c7a9b0d3f2a41 "
		"smtp failed-command command=\"MAIL FROM:<\\\"[x]: relay: Expire "
		"for 2b7c1a0e1f3d8c6a: from=<a@b>, to=<vip6@example.com>, "
		"rcpt=<->, delay=4d, stat=Envelope\\\"@evil.example>\" "
		"result=\"550 5.7.1 denied\"",
		"<22>1 2026-11-28T09:20:05Z mx2 exim 3311 - - H=(evil) "
		"[192.0.2.66] F=<x@evil.example> rejected RCPT <\"[x]: "
		"1vQx8E-0007aB-2k ** vip@example.com: 550 5.1.1 user "
		"unknown\"@mydomain.example>: relay not permitted",
		/* journalctl -o cat: no tag to tell Exim's lines */
		"H=(evil) [192.0.2.66] F=<\"exim[x]: 1vQx8E-0007aB-2k ** "
		"vip5@example.com: 550 5.1.1 user unknown\"@evil.example> "
		"rejected RCPT <x@mydomain.example>: relay not permitted",
	};
	static const char qmail[] =
		QM_START("11", "ok@example.org") "\n"
		"@40000000692975e10a1b3a4c info msg 4202: bytes 4410 from <x "
		"starting delivery 99: msg 1 to remote vip@example.com x> qp "
		"31337 uid 1001\n"
		"@40000000692975e10a1b3a4c info msg 4203: bytes 4410 from <y "
		"delivery 99: failure: 550_5.1.1_user_unknown/@evil.example> qp "
		"31338 uid 1001\n"
		"Nov 28 09:50:04 mx4 qmail: 1764323404.612345 info msg 4204: "
		"bytes 4410 from <y[x]: 1764323404.512345 delivery 11: failure: "
		"550_5.1.1_user_unknown/@evil.example> qp 31338 uid 1001\n";
	size_t i, at;
	maillog_rec r;
	(void)state;
	for (i = 0; i < sizeof lines / sizeof *lines; i++) {
		at = 0;
		if (next(lines[i], &at, &r) != 0)
			fail_msg("line %zu made a record for %.*s", i,
				 (int)r.rcpt.len, r.rcpt.s);
	}
	at = 0;
	assert_int_equal(next(qmail, &at, &r), 0);
}

/* qmgr's expired message: failed, for the reason the line tells, for a
 * recipient it does not name. */
static void test_postfix_expired(void **state)
{
	maillog_rec r;
	size_t at = 0;
	bounce_str addr;
	(void)state;
	read_only(PF_EXPIRED "\n", &r);
	assert_rec(&r, "", "failed", "", "returned to sender", "", 1);
	assert_int_equal(maillog_next_rcpt(&r, &at, &addr), 0);
}

/* A Postfix log with RFC 3339 time stamps is syslog's, not Exim's. */
static void test_postfix_iso_stamp(void **state)
{
	const char *log =
		"2026-11-28T09:12:02.123456+09:00 mx1 postfix/smtp[2216]: "
		"4F1A21C0A3: to=<userunknown@example.co.jp>, dsn=5.1.1, "
		"status=bounced (host mx.example.co.jp[192.0.2.153] said: "
		PF_BOUNCED_DIAG " (in reply to RCPT TO command))\n";
	maillog_rec r;
	(void)state;
	read_only(log, &r);
	assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
		   PF_BOUNCED_DIAG, "RCPT TO", 0);
}

/* Stamped as Exim stamps ("2026-11-28 09:12:02", as some syslog
 * templates write), a Postfix line is still read, and so is the Exim
 * record after it. */
static void test_postfix_exim_stamp(void **state)
{
	const char *log =
		"2026-11-28 09:12:02 mx1 postfix/smtp[2216]: "
		"4F1A21C0A3: to=<userunknown@example.co.jp>, dsn=5.1.1, "
		"status=bounced (host mx.example.co.jp[192.0.2.153] said: "
		PF_BOUNCED_DIAG " (in reply to RCPT TO command))\n"
		EXIM_FAILED "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
		   PF_BOUNCED_DIAG, "RCPT TO", 0);
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, action, "failed");
	assert_int_equal(next(log, &at, &r), 0);
}

/* ---------------------------------------------------------- Sendmail */

/* A 5.x.x dsn is a failure; its stat= is the text. */
static void test_sendmail_failed(void **state)
{
	static const char *const rcpts[] = { "userunknown@bouncehammer.jp" };
	maillog_rec r;
	(void)state;
	read_only(SM_UNKNOWN "\n", &r);
	assert_field(&r, action, "failed");
	assert_field(&r, status, "5.1.1");
	assert_field(&r, diag, "User unknown");
	assert_field(&r, command, "");
	assert_false(r.expired);
	assert_rcpts(&r, rcpts, 1);
}

/* A 2.0.0 dsn is a delivery: not a record, before or after a failure. */
static void test_sendmail_sent_skipped(void **state)
{
	const char *log = SM_SENT "\n" SM_UNKNOWN "\n" SM_SENT "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(SM_SENT "\n", &at, &r), 0);
	at = 0;
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, diag, "User unknown");
	assert_int_equal(at, strlen(SM_SENT "\n" SM_UNKNOWN "\n"));
	assert_int_equal(next(log, &at, &r), 0);
}

/* A to= list: each address, in order, without its angle brackets. */
static void test_sendmail_rcpt_list(void **state)
{
	static const char *const rcpts[] = { "filtered@example.org",
					     "userunknown@example.org" };
	maillog_rec r;
	(void)state;
	read_only(SM_LIST "\n", &r);
	assert_field(&r, action, "failed");
	assert_field(&r, status, "5.1.1");
	assert_field(&r, diag, "User unknown");
	assert_field(&r, command, "");
	assert_false(r.expired);
	assert_rcpts(&r, rcpts, 2);
}

/* As a bounce's recipients: each address of the list with the line's
 * action, status and reply; a line that names none (Postfix's expiry) is
 * one recipient without an address. */
static void test_recipients(void **state)
{
	maillog_rec r;
	bounce_rcpt rc;
	size_t at = 0;
	(void)state;
	read_only(SM_LIST "\n", &r);
	assert_int_equal(maillog_recipient(&r, &at, &rc), 1);
	assert_true(eq(rc.addr, "filtered@example.org"));
	assert_true(eq(rc.action, "failed") && eq(rc.status, "5.1.1") &&
		    eq(rc.diag, "User unknown"));
	assert_int_equal(maillog_recipient(&r, &at, &rc), 1);
	assert_true(eq(rc.addr, "userunknown@example.org"));
	assert_int_equal(maillog_recipient(&r, &at, &rc), 0);
	reset(NULL);
	read_only(PF_EXPIRED "\n", &r);
	at = 0;
	assert_int_equal(maillog_recipient(&r, &at, &rc), 1);
	assert_int_equal(rc.addr.len, 0);
	assert_true(eq(rc.action, "failed"));
	assert_int_equal(maillog_recipient(&r, &at, &rc), 0);
}

/* --------------------------------------------------------- OpenSMTPD */

/* The mta's line: the recipient is to=, the reply is stat= without its
 * quotes (those inside it stay), the message the evpid's first half. */
static void test_smtpd_mta(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(OS_UNKNOWN "\n", &r);
	assert_rec(&r, "neko....nyaan....@libsisimai.org", "failed", "",
		   OS_UNKNOWN_DIAG, "", 0);
	assert_field(&r, qid, "5a1e7c02");
	read_only(OS_FULL "\n", &r);
	assert_rec(&r, "mailboxfull@example.kyoto.jp", "delayed", "",
		   OS_FULL_DIAG, "", 0);
}

/* The mda's line has no quotes; the queue's Expire fails the recipient
 * as expired, in the same message as the mta's lines. */
static void test_smtpd_mda_expire(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(OS_MDA "\n", &r);
	assert_rec(&r, "neko@mx3.example.jp", "failed", "",
		   "552 5.2.2 Mailbox full", "", 0);
	assert_field(&r, qid, "5a1e7c02");
	read_only(OS_EXPIRE "\n", &r);
	assert_rec(&r, "mailboxfull@example.kyoto.jp", "failed", "",
		   "Envelope expired", "", 1);
	assert_field(&r, qid, "5a1e7c02");
}

/* result="Ok" is a delivery, for maillog_next_any only; a result that
 * says nothing of the recipient is no record. */
static void test_smtpd_results(void **state)
{
	const char *log = OS_SENT "\n" OS_FULL "\n";
	const char *other = OS_MTA("5a1e7c02b8d3f6a1", "neko@example.jp",
				   "Remove", "Removed by administrator");
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, action, "delayed");
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, rcpt, "sironeko@example.org");
	at = 0;
	assert_int_equal(next(other, &at, &r), 0);
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, other, strlen(other), &at, &r), 0);
}

/* ------------------------------------------------------------- qmail */

/* The result names the delivery; its start, lines before, the recipient
 * and the message. The report gets its blanks back, and qmail's words
 * tell the command. */
static void test_qmail_log(void **state)
{
	const char *log = QM_START("11", "userunknown@example.jp") "\n"
		"@40000000692975e10a2c5b6a status: local 0/10 remote 1/20\n"
		QM_START("12", "kijitora@example.jp") "\n"
		QM_FAILURE("11") "\n";
	maillog_rec r;
	(void)state;
	read_only(log, &r);
	assert_rec(&r, "userunknown@example.jp", "failed", "",
		   QM_FAILURE_DIAG, "RCPT TO", 0);
	assert_field(&r, qid, "4201");
	/* qmail-remote's words of lhost-x2-07 tell DATA */
	reset(NULL);
	read_only("@40000000692975e20b2d4e5f delivery 5: failure: "
		  "192.0.2.1_failed_after_I_sent_the_message./Remote_host_"
		  "said:_554_5.4.14_Hop_count_exceeded_-_possible_mail_loop/\n",
		  &r);
	assert_field(&r, command, "DATA");
}

/* A result whose start is not in the log is a record with no recipient,
 * and so is one whose number is not that of the start. */
static void test_qmail_no_start(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(QM_FAILURE("11") "\n", &r);
	assert_rec(&r, "", "failed", "", QM_FAILURE_DIAG, "RCPT TO", 0);
	reset(NULL);
	read_only(QM_START("1", "userunknown@example.jp") "\n" QM_FAILURE("11")
		  "\n", &r);
	assert_field(&r, rcpt, "");
}

/* A failure qmail gives no text for ("delivery 16: failure:", a remote
 * server that closed the connection) is still the recipient's record,
 * with no diagnostic; "failure:x" is not a result. */
static void test_qmail_empty_failure(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(QM_START("16", "userunknown@example.jp") "\n"
		  "@40000000692975e20b2d4e5f delivery 16: failure:\n", &r);
	assert_rec(&r, "userunknown@example.jp", "failed", "", "", "", 0);
	reset(NULL);
	read_only(QM_START("16", "userunknown@example.jp") "\n"
		  "@40000000692975e20b2d4e5f delivery 16: failure:x\n"
		  QM_FAILURE("16") "\n", &r);
	assert_rec(&r, "userunknown@example.jp", "failed", "", QM_FAILURE_DIAG,
		   "RCPT TO", 0);
}

/* A start whose address is longer than any address is not kept (a log
 * of such lines would otherwise hold that much memory each). */
static void test_qmail_long_start(void **state)
{
	char log[2048];
	char addr[600];
	maillog_rec r;
	(void)state;
	memset(addr, 'a', sizeof addr - 1);
	addr[sizeof addr - 1] = '\0';
	snprintf(log, sizeof log, "%s\n%s\n",
		 "@40000000692975e10a2c4d5e starting delivery 11: msg 4201 to "
		 "remote x", QM_FAILURE("11"));
	read_only(log, &r);
	assert_field(&r, rcpt, "x");
	reset(NULL);
	snprintf(log, sizeof log, "%s%s\n%s\n",
		 "@40000000692975e10a2c4d5e starting delivery 11: msg 4201 to "
		 "remote ", addr, QM_FAILURE("11"));
	read_only(log, &r);
	assert_field(&r, rcpt, "");
	assert_int_equal(ctx.n, 0);
}

/* The start is kept from one call to the next (a stream, read as it
 * comes; the next file), and forgotten once the delivery ended. */
static void test_qmail_across_reads(void **state)
{
	const char *a = QM_START("11", "userunknown@example.jp") "\n";
	const char *b = QM_FAILURE("11") "\n" QM_FAILURE("11") "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(a, &at, &r), 0);
	at = 0;
	assert_int_equal(next(b, &at, &r), 1);
	assert_field(&r, rcpt, "userunknown@example.jp");
	assert_int_equal(next(b, &at, &r), 1);
	assert_field(&r, rcpt, "");
	assert_int_equal(next(b, &at, &r), 0);
}

/* success is a delivery, for maillog_next_any only; a line stamped by
 * syslog (splogger) reads the same. */
static void test_qmail_success_splogger(void **state)
{
	const char *log = QM_START("15", "sironeko@example.org") "\n"
		QM_SUCCESS("15") "\n" QM_SPLOGGER "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_rec(&r, "sironeko@example.org", "delivered", "",
		   "192.0.2.4 accepted message./Remote host said: 250 2.0.0 "
		   "Ok: queued as 9C3E01D0", "", 0);
	reset(NULL);
	at = 0;
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "", "failed", "",
		   "Sorry, I couldn't find any host named cx.libsisimai.com. "
		   "(#5.1.2)", "", 0);
	assert_int_equal(next(log, &at, &r), 0);
}

/* A qmail host's syslog may hold more than 64 KiB of other programs'
 * lines before splogger's first delivery: with no other MTA's line there,
 * the rest is searched for qmail-send's. */
static void test_qmail_late_splogger(void **state)
{
	static const char other[] =
		"Nov 28 09:49:58 mx4 dovecot: imap-login: Login: "
		"user=<kijitora@example.jp>, method=PLAIN, rip=192.0.2.44, "
		"lip=192.0.2.4, mpid=2211, TLS, session=<AbCdEf12>\n";
	static const char tail[] =
		"Nov 28 09:50:03 mx4 qmail: 1764323403.100001 starting delivery "
		"9: msg 4201 to remote sironeko@example.org\n" QM_SPLOGGER "\n";
	size_t n = 0, at = 0;
	char *log = malloc(80 * 1024 + sizeof tail);
	maillog_rec r;
	(void)state;
	assert_non_null(log);
	while (n < 70 * 1024) {
		memcpy(log + n, other, sizeof other - 1);
		n += sizeof other - 1;
	}
	memcpy(log + n, tail, sizeof tail);
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "sironeko@example.org", "failed", "",
		   "Sorry, I couldn't find any host named cx.libsisimai.com. "
		   "(#5.1.2)", "", 0);
	assert_int_equal(next(log, &at, &r), 0);
	free(log);
}

/* ---------------------------------------------------------- PowerMTA */

/* A row of type b under the header: the recipient, the code without its
 * words, the reply without its type; the message is the time it was
 * queued. */
static void test_pmta_bounce(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(PM_HEAD "\n" PM_UNKNOWN "\n", &r);
	assert_rec(&r, "userunknown@bouncehammer.jp", "failed", "5.1.1",
		   "550 5.1.1 <userunknown@bouncehammer.jp>... User Unknown",
		   "", 0);
	assert_field(&r, qid, "2026-11-28 09:40:01+0900");
}

/* Quoted fields: their commas are theirs, their "" a quote. */
static void test_pmta_quoted(void **state)
{
	maillog_rec r;
	(void)state;
	read_only(PM_HEAD "\n" PM_QUOTED "\n", &r);
	assert_field(&r, rcpt, "\"neko....nyaan....\"@libsisimai.org");
	assert_field(&r, diag, OS_UNKNOWN_DIAG);
}

/* A quoted field may hold line ends (RFC 4180): what follows one is the
 * field's, not a row of its own; a quote never closed is the line's. */
static void test_pmta_quoted_line_end(void **state)
{
	const char *log = "type,dsnDiag,rcpt\n"
		"d,\"smtp;250 2.0.0 Ok\nb,smtp;550 5.1.1 unknown,"
		"ceo@example.com\",sironeko@example.org\n"
		"b,\"smtp;550 5.1.1 x\"\"\n"
		"b,smtp;" OS_FULL_DIAG ",mailboxfull@example.kyoto.jp\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_rec(&r, "sironeko@example.org", "delivered", "",
		   "250 2.0.0 Ok\nb,smtp;550 5.1.1 unknown,ceo@example.com", "",
		   0);
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, diag, "550 5.1.1 x\"");
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, rcpt, "mailboxfull@example.kyoto.jp");
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 0);
}

/* The columns are found by their names, in any order; d is a delivery,
 * for maillog_next_any only; a type that is no failure is no record. */
static void test_pmta_columns_and_types(void **state)
{
	const char *log =
		"type,dsnDiag,rcpt,dsnStatus\n"
		"d,smtp;250 2.0.0 Ok: queued as 9C3E01D0,sironeko@example.org,"
		"2.0.0 (success)\n"
		"f,,abuse@example.org,\n"
		"t,smtp;" OS_FULL_DIAG ",mailboxfull@example.kyoto.jp,"
		"4.2.2 (mailbox full)\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "mailboxfull@example.kyoto.jp", "delayed", "4.2.2",
		   OS_FULL_DIAG, "", 0);
	assert_int_equal(next(log, &at, &r), 0);
	reset(NULL);
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, rcpt, "sironeko@example.org");
}

/* CRLF lines, as PowerMTA on Windows writes them: the last column of the
 * header and of a row ends before the CR. */
static void test_pmta_crlf(void **state)
{
	const char *log = "type,rcpt,dsnStatus,dsnDiag\r\n"
			  "t,mailboxfull@example.kyoto.jp,4.2.2 (mailbox full),"
			  "smtp;" OS_FULL_DIAG "\r\n";
	maillog_rec r;
	(void)state;
	read_only(log, &r);
	assert_rec(&r, "mailboxfull@example.kyoto.jp", "delayed", "4.2.2",
		   OS_FULL_DIAG, "", 0);
}

/* Without its header, a row is no record (its columns are unknown); the
 * header is kept from one read to the next. */
static void test_pmta_header(void **state)
{
	const char *row = PM_UNKNOWN "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(row, &at, &r), 0);
	at = 0;
	assert_int_equal(next(PM_HEAD "\n", &at, &r), 0);
	at = 0;
	assert_int_equal(next(row, &at, &r), 1);
	assert_field(&r, rcpt, "userunknown@bouncehammer.jp");
}

/* -------------------------------------------------------------- Exim */

/* An Exim log whose records are EXIM_FAILED_BODY's and then
 * EXIM_DEFERRED_BODY's, and nothing else. */
static void assert_failed_deferred(const char *log)
{
	maillog_rec r;
	size_t at = 0;
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "kijitora@example.jp", "failed", "", EXIM_FAILED_DIAG,
		   "RCPT TO", 0);
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "mikeneko@example.jp", "delayed", "",
		   EXIM_DEFERRED_DIAG, "DATA", 0);
	assert_int_equal(next(log, &at, &r), 0);
}

/* An Exim log: ** failed and == deferred, in order; arrivals, deliveries
 * and Completed are not records. */
static void test_exim_log(void **state)
{
	const char *log = EXIM_ARRIVAL "\n" EXIM_SENT "\n" EXIM_FAILED "\n"
			  EXIM_DEFERRED "\n" EXIM_UNROUTEABLE "\n"
			  EXIM_COMPLETED "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "kijitora@example.jp", "failed", "", EXIM_FAILED_DIAG,
		   "RCPT TO", 0);
	assert_int_equal(at, strstr(log, EXIM_DEFERRED) - log);
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "mikeneko@example.jp", "delayed", "",
		   EXIM_DEFERRED_DIAG, "DATA", 0);
	assert_int_equal(at, strstr(log, EXIM_UNROUTEABLE) - log);
	assert_int_equal(next(log, &at, &r), 1);
	assert_rec(&r, "nobody@nowhere.invalid", "failed", "",
		   "Unrouteable address", "", 0);
	assert_int_equal(at, strstr(log, EXIM_COMPLETED) - log);
	assert_int_equal(next(log, &at, &r), 0);
}

/* Exim through syslog: the same flags after the syslog head and the
 * message id; a "**" or "==" of another program is not Exim's. */
#define EXIM_SYSLOG_HEAD "Nov 28 09:20:02 mx3 exim[3311]: " EXIM_ID
static void test_exim_syslog(void **state)
{
	const char *log =
		EXIM_SYSLOG_HEAD EXIM_SENT_BODY "\n"
		"Nov 28 09:20:02 mx3 cron[3313]: (root) CMD (run-parts) == ** x\n"
		EXIM_SYSLOG_HEAD EXIM_FAILED_BODY "\n"
		EXIM_SYSLOG_HEAD EXIM_DEFERRED_BODY "\n"
		EXIM_SYSLOG_HEAD "Completed\n";
	const char *cron = "Nov 28 09:20:02 mx3 cron[3313]: x -> y\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_failed_deferred(log);
	/* the delivery, for maillog_next_any, with the message's id; a
	   "->" line of cron's is not Exim's */
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, rcpt, "sironeko@example.org");
	assert_field(&r, qid, "1vQx8E-0007aB-2k");
	assert_int_equal(maillog_next_any(&ctx, log, strlen(log), &at, &r), 1);
	assert_field(&r, action, "failed");
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, cron, strlen(cron), &at, &r), 0);
}

/* Only arrivals, deliveries and Completed: no record. */
static void test_exim_not_records(void **state)
{
	const char *log = EXIM_ARRIVAL "\n" EXIM_SENT "\n" EXIM_COMPLETED "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 0);
}

/* The process id after the time ("log_selector = +pid"), and a time
 * zone before it ("+tod_log" with a zone). */
static void test_exim_pid(void **state)
{
	const char *log =
		"2026-11-28 09:20:01 [4410] " EXIM_ID "<= news@example.jp "
		"H=localhost [127.0.0.1] P=esmtp S=4410\n"
		"2026-11-28 09:20:02 [4412] " EXIM_ID EXIM_FAILED_BODY "\n"
		"2026-11-28 09:20:04 +0900 [4413] " EXIM_ID EXIM_DEFERRED_BODY
		"\n";
	(void)state;
	assert_failed_deferred(log);
}

/* ------------------------------------------------------------ the log */

/* With deliveries, the lines that give a queued message's Message-ID:
 * Postfix's cleanup, Sendmail's from= line, Exim's arrival in its main
 * log and through syslog; each an "arrived" record of its queue id, with
 * no recipient. Without deliveries, none of them is a record. */
static void test_message_ids(void **state)
{
	const char *pf = "Nov 28 09:12:01 mx1 postfix/cleanup[2214]: "
			 "4F1A21C0A3: message-id=<20261128091201.GA7@example.jp>\n";
	const char *sm = "Nov 28 09:30:01 mx2 sm-mta[4410]: 2ASLU1o4004410: "
			 "from=<news@example.jp>, size=4410, class=0, "
			 "nrcpts=3, msgid=<20261128093001.GA42@example.jp>, "
			 "proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]\n";
	const char *ex = EXIM_ARRIVAL "\n";
	const char *exs = "Nov 28 09:20:01 mx3 exim[3310]: " EXIM_ID
			  "<= news@example.jp H=localhost [127.0.0.1] "
			  "P=esmtp S=4410 id=20261128092001.GA31@example.jp\n";
	const char *logs[4] = { pf, sm, ex, exs };
	const char *qids[4] = { "4F1A21C0A3", "2ASLU1o4004410",
				"1vQx8E-0007aB-2k", "1vQx8E-0007aB-2k" };
	const char *ids[4] = { "<20261128091201.GA7@example.jp>",
			       "<20261128093001.GA42@example.jp>",
			       "20261128092001.GA31@example.jp",
			       "20261128092001.GA31@example.jp" };
	maillog_rec r;
	size_t i, at;
	(void)state;
	for (i = 0; i < 4; i++) {
		reset(NULL);
		at = 0;
		assert_int_equal(next(logs[i], &at, &r), 0);
		reset(NULL);
		at = 0;
		assert_int_equal(maillog_next_any(&ctx, logs[i],
						  strlen(logs[i]), &at, &r), 1);
		assert_field(&r, action, "arrived");
		assert_field(&r, qid, qids[i]);
		assert_field(&r, msgid, ids[i]);
		assert_field(&r, rcpt, "");
		assert_int_equal(maillog_next_any(&ctx, logs[i],
						  strlen(logs[i]), &at, &r), 0);
	}
}

/* The time of each record: the stamp that starts its line, as written
 * (date.c writes it as ISO 8601 later); qmail's through splogger, its own
 * seconds; PowerMTA's, the row's timeLogged. A PowerMTA row with an
 * envId is known by it. */
static void test_dates(void **state)
{
	const char *exim = "2026-11-28 09:20:04 +0900 [4413] " EXIM_ID
			   EXIM_DEFERRED_BODY "\n";
	const char *qm = QM_START("11", "userunknown@example.jp") "\n"
			 QM_FAILURE("11") "\n";
	const char *pm = "type,timeLogged,rcpt,dsnDiag,envId,timeQueued\n"
			 "b,2026-11-28 09:40:02+0900,a@example.org,"
			 "smtp;550 5.1.1 ...,campaign-42.a,2026-11-28 "
			 "09:40:01+0900\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	read_only(PF_BOUNCED "\n", &r);
	assert_field(&r, date, "Nov 28 09:12:02");
	reset(NULL);
	read_only(OS_MDA "\n", &r);
	assert_field(&r, date, "Nov 28 09:40:04");
	reset(NULL);
	read_only(exim, &r);
	assert_field(&r, date, "2026-11-28 09:20:04 +0900");
	reset(NULL);
	assert_int_equal(next(qm, &at, &r), 1);
	assert_field(&r, date, "@40000000692975e20b2d4e5f");
	reset(NULL);
	read_only(QM_SPLOGGER "\n", &r);
	assert_field(&r, date, "1764323404.512345");
	reset(NULL);
	read_only(pm, &r);
	assert_field(&r, date, "2026-11-28 09:40:02+0900");
	assert_field(&r, qid, "campaign-42.a");
}

/* The queue id of each record, and with maillog_next_any the deliveries
 * too: what scan --final needs to know how each recipient ended. */
static void test_queue_ids_and_deliveries(void **state)
{
	const char *pf = PF_SENT "\n" PF_BOUNCED "\n" PF_EXPIRED "\n";
	const char *sm = SM_SENT "\n" SM_UNKNOWN "\n";
	const char *ex = EXIM_ARRIVAL "\n" EXIM_SENT "\n" EXIM_FAILED "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(maillog_next_any(&ctx, pf, strlen(pf), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, qid, "4F1A21C0A3");
	assert_field(&r, rcpt, "sironeko@example.org");
	assert_int_equal(maillog_next_any(&ctx, pf, strlen(pf), &at, &r), 1);
	assert_field(&r, action, "failed");
	assert_field(&r, qid, "4F1A21C0A3");
	assert_int_equal(maillog_next_any(&ctx, pf, strlen(pf), &at, &r), 1);
	assert_int_equal(r.expired, 1);
	assert_field(&r, qid, "7B22D1C0B1"); /* from qmgr's "QID: from=" */
	at = 0; /* maillog_next skips the delivery */
	assert_int_equal(maillog_next(&ctx, pf, strlen(pf), &at, &r), 1);
	assert_field(&r, action, "failed");

	at = 0;
	assert_int_equal(maillog_next_any(&ctx, sm, strlen(sm), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, qid, "2ASLU1o4004410");
	assert_int_equal(maillog_next_any(&ctx, sm, strlen(sm), &at, &r), 1);
	assert_field(&r, action, "failed");

	at = 0; /* the arrival first (test_message_ids) */
	assert_int_equal(maillog_next_any(&ctx, ex, strlen(ex), &at, &r), 1);
	assert_field(&r, action, "arrived");
	assert_int_equal(maillog_next_any(&ctx, ex, strlen(ex), &at, &r), 1);
	assert_field(&r, action, "delivered");
	assert_field(&r, rcpt, "sironeko@example.org");
	assert_field(&r, qid, "1vQx8E-0007aB-2k");
	assert_int_equal(maillog_next_any(&ctx, ex, strlen(ex), &at, &r), 1);
	assert_field(&r, action, "failed");
	assert_field(&r, qid, "1vQx8E-0007aB-2k");
	assert_int_equal(maillog_next_any(&ctx, ex, strlen(ex), &at, &r), 0);
}

/* Several records in order, each with its first recipient; *at is just
 * past the line of each. */
static void test_order(void **state)
{
	const char *log = PF_SENT "\n" PF_BOUNCED "\n" PF_ANVIL "\n"
			  PF_DEFERRED "\n" PF_TIMEOUT "\n" SM_UNKNOWN "\n"
			  PF_EXPIRED "\n" PF_SENT "\n";
	static const struct {
		const char *line, *rcpt, *diag;
	} want[] = {
		{ PF_BOUNCED, "userunknown@example.co.jp", PF_BOUNCED_DIAG },
		{ PF_DEFERRED, "kijitora@example.org", PF_DEFERRED_DIAG },
		{ PF_TIMEOUT, "kijitora@bukkoji.example.org", PF_TIMEOUT_DIAG },
		{ SM_UNKNOWN, "userunknown@bouncehammer.jp", "User unknown" },
		{ PF_EXPIRED, "", "returned to sender" },
	};
	maillog_rec r;
	bounce_str addr;
	size_t at = 0, i, ra;
	(void)state;
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		const char *line = strstr(log, want[i].line);
		assert_non_null(line);
		assert_int_equal(next(log, &at, &r), 1);
		ra = 0;
		memset(&addr, 0, sizeof addr);
		maillog_next_rcpt(&r, &ra, &addr);
		if (!eq(addr, want[i].rcpt))
			fail_msg("record %zu: got '%.*s', want '%s'", i,
				 (int)addr.len, addr.len ? addr.s : "",
				 want[i].rcpt);
		assert_field(&r, diag, want[i].diag);
		assert_int_equal(at, line - log + strlen(want[i].line) + 1);
	}
	assert_int_equal(next(log, &at, &r), 0);
}

/* A last line without a newline is read, in both kinds of log. */
static void test_last_line(void **state)
{
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(PF_SENT "\n" PF_BOUNCED, &at, &r), 1);
	assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
		   PF_BOUNCED_DIAG, "RCPT TO", 0);
	assert_int_equal(next(PF_SENT "\n" PF_BOUNCED, &at, &r), 0);
	at = 0;
	assert_int_equal(next(SM_UNKNOWN, &at, &r), 1);
	assert_field(&r, diag, "User unknown");
	assert_int_equal(next(SM_UNKNOWN, &at, &r), 0);
	at = 0;
	assert_int_equal(next(EXIM_ARRIVAL "\n" EXIM_UNROUTEABLE, &at, &r), 1);
	assert_rec(&r, "nobody@nowhere.invalid", "failed", "",
		   "Unrouteable address", "", 0);
	assert_int_equal(next(EXIM_ARRIVAL "\n" EXIM_UNROUTEABLE, &at, &r), 0);
}

/* CRLF line ends: no field ends in the CR. */
static void test_crlf(void **state)
{
	const char *syslog = PF_SENT "\r\n" PF_BOUNCED "\r\n" SM_UNKNOWN
				     "\r\n" PF_EXPIRED "\r\n";
	const char *exim = EXIM_ARRIVAL "\r\n" EXIM_FAILED "\r\n"
			   EXIM_DEFERRED "\r\n" EXIM_UNROUTEABLE "\r\n"
			   EXIM_COMPLETED "\r\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(syslog, &at, &r), 1);
	assert_rec(&r, "userunknown@example.co.jp", "failed", "5.1.1",
		   PF_BOUNCED_DIAG, "RCPT TO", 0);
	assert_int_equal(next(syslog, &at, &r), 1);
	assert_field(&r, status, "5.1.1");
	assert_field(&r, diag, "User unknown");
	assert_int_equal(next(syslog, &at, &r), 1);
	assert_rec(&r, "", "failed", "", "returned to sender", "", 1);
	assert_int_equal(next(syslog, &at, &r), 0);
	at = 0;
	assert_int_equal(next(exim, &at, &r), 1);
	assert_rec(&r, "kijitora@example.jp", "failed", "", EXIM_FAILED_DIAG,
		   "RCPT TO", 0);
	assert_int_equal(next(exim, &at, &r), 1);
	assert_rec(&r, "mikeneko@example.jp", "delayed", "",
		   EXIM_DEFERRED_DIAG, "DATA", 0);
	assert_int_equal(next(exim, &at, &r), 1);
	assert_rec(&r, "nobody@nowhere.invalid", "failed", "",
		   "Unrouteable address", "", 0);
	assert_int_equal(next(exim, &at, &r), 0);
}

/* Whether v is of length 0, or lies in buf[0..n) or in qmail's report
 * as the context holds it. */
static int inside(bounce_str v, const char *buf, size_t n)
{
	uintptr_t b = (uintptr_t)buf, p = (uintptr_t)v.s;
	uintptr_t t = (uintptr_t)ctx.text;
	return v.len == 0 || (p >= b && p <= b + n && v.len <= b + n - p) ||
	       (ctx.text && p >= t && p - t <= ctx.text_cap &&
		v.len <= ctx.text_cap - (p - t));
}

/* Whether v is one of the strings of maillog's own (action, command). */
static int known(bounce_str v)
{
	static const char *const names[] = {
		"", "failed", "delayed", "RCPT TO", "MAIL FROM", "DATA",
		"EHLO", "HELO", "STARTTLS", "AUTH", "CONNECT",
	};
	size_t i;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (eq(v, names[i]))
			return 1;
	return 0;
}

/* Every record of the n bytes of buf; the number of them. */
static int read_prefix(const char *buf, size_t n)
{
	maillog_rec r;
	bounce_str addr;
	size_t at = 0, last = 0, ra;
	int k, records = 0;
	reset(NULL);
	while ((k = maillog_next(&ctx, buf, n, &at, &r)) == 1) {
		assert_true(records == 0 || at > last);
		assert_true(records++ <= (int)n);
		last = at;
		assert_true(inside(r.rcpt, buf, n));
		assert_true(inside(r.status, buf, n));
		assert_true(inside(r.diag, buf, n));
		assert_true(known(r.action) && r.action.len > 0);
		assert_true(known(r.command));
		for (ra = 0; maillog_next_rcpt(&r, &ra, &addr);)
			assert_true(inside(addr, buf, n));
	}
	assert_int_equal(k, 0);
	return records;
}

/* Every prefix of a real line, in a buffer of exactly its size (so that
 * AddressSanitizer sees a read past it): no read out of it, and the line
 * is a record once the word that makes it one is whole. */
static void test_truncated(void **state)
{
	static const struct {
		const char *line, *word;
	} lines[] = {
		{ PF_BOUNCED, "status=bounced" },
		{ SM_UNKNOWN, " stat=" },
		{ EXIM_FAILED, "**" },
		{ OS_UNKNOWN, " stat=" },
		{ OS_MDA, " stat=" },
		{ QM_FAILURE("11"), "failure:" },
		{ QM_SPLOGGER, "failure:" },
		{ PM_HEAD "\n" PM_QUOTED, "\nb" },
	};
	size_t i, n;
	(void)state;
	for (i = 0; i < sizeof lines / sizeof *lines; i++) {
		const char *line = lines[i].line;
		size_t len = strlen(line);
		size_t whole = (size_t)(strstr(line, lines[i].word) - line) +
			       strlen(lines[i].word);
		for (n = 0; n <= len; n++) {
			char *buf = malloc(n);
			assert_true(n == 0 || buf != NULL);
			if (n)
				memcpy(buf, line, n);
			if (read_prefix(buf, n) != (n >= whole))
				fail_msg("line %zu cut at %zu of %zu: %s "
					 "record", i, n, len,
					 n >= whole ? "no" : "a");
			free(buf);
		}
	}
}

/* ------------------------------------------------- the reply's command */

static void assert_command(const char *text, const char *want)
{
	bounce_str c = bounce_command(text, strlen(text));
	if (!eq(c, want))
		fail_msg("'%s': got '%.*s', want '%s'", text, (int)c.len,
			 c.len ? c.s : "", want);
}

static void test_command(void **state)
{
	(void)state;
	assert_command("in reply to end of DATA command", "DATA");
	assert_command("550 5.1.1 no (in reply to RCPT TO command)", "RCPT TO");
	assert_command("after MAIL FROM:<a@b>", "MAIL FROM");
	assert_command("SMTP error from remote mail server after end of data: "
		       "554 5.7.0 Header error", "DATA");
	assert_command("after initial connection", "CONNECT");
	assert_command("Remote host closed connection in response to end of "
		       "data", "DATA");
	assert_command("conversation with mx.example.com[192.0.2.1] timed out "
		       "while sending end of data -- message may be sent more "
		       "than once", "DATA");
	assert_command("lost connection with mx.example.com[192.0.2.1] while "
		       "receiving the initial server greeting", "CONNECT");
	assert_command("550 5.1.1 User unknown", "");
	assert_command("", "");
	/* a record's diagnostic may be not given at all (scan asks then) */
	assert_int_equal(bounce_command(NULL, 0).len, 0);
}

/* Postfix with soft_bounce = yes keeps a refused message in its queue
 * and says so: SOFTBOUNCE is a deferral (the reply as any other). */
static void test_postfix_softbounce(void **state)
{
	const char *log =
		SYSLOG_HEAD "to=<userunknown@example.co.jp>, "
			    "relay=mx.example.co.jp[192.0.2.153]:25, delay=1.1, "
			    "delays=0.1/0/0.5/0.5, dsn=5.1.1, status=SOFTBOUNCE "
			    "(host mx.example.co.jp[192.0.2.153] said: 550 5.1.1 "
			    "<userunknown@example.co.jp>... User Unknown (in reply "
			    "to RCPT TO command))\n";
	maillog_rec r;
	(void)state;
	read_only(log, &r);
	assert_rec(&r, "userunknown@example.co.jp", "delayed", "5.1.1",
		   "550 5.1.1 <userunknown@example.co.jp>... User Unknown",
		   "RCPT TO", 0);
}

/* A quoted local part holds blanks and commas (RFC 5321's Quoted-string);
 * Sendmail's list may give a display name. */
static void test_quoted_local_parts(void **state)
{
	static const char *const sm_rcpts[] = { "j@example.com",
						"\"doe,john\"@example.com" };
	const char *pf =
		SYSLOG_HEAD "to=<\"john doe\"@example.com>, "
			    "relay=mx.example.com[192.0.2.1]:25, dsn=5.1.1, "
			    "status=bounced (host mx.example.com[192.0.2.1] said: "
			    "550 5.1.1 User unknown (in reply to RCPT TO command))\n";
	const char *sm =
		"Nov 28 09:30:02 mx2 sm-mta[4412]: 2ASLU1o4004410: "
		"to=\"Doe, John\" <j@example.com>,<\"doe,john\"@example.com>, "
		"delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=124410, "
		"relay=mx.example.com. [192.0.2.7], dsn=5.1.1, stat=User "
		"unknown\n";
	const char *ex = "2026-11-28 09:20:02 " EXIM_ID
			 "** \"john doe\"@example.com R=dnslookup T=remote_smtp "
			 "H=mx.example.com [192.0.2.1]: SMTP error from remote "
			 "mail server after RCPT TO:<\"john doe\"@example.com>: "
			 "550 5.1.1 User unknown\n";
	maillog_rec r;
	(void)state;
	read_only(pf, &r);
	assert_field(&r, rcpt, "\"john doe\"@example.com");
	reset(NULL);
	read_only(sm, &r);
	assert_rcpts(&r, sm_rcpts, 2);
	reset(NULL);
	read_only(ex, &r);
	assert_field(&r, rcpt, "\"john doe\"@example.com");
	assert_field(&r, command, "RCPT TO");
}

/* Exim's main log after a blank line (exigrep writes them between
 * messages) is still read as Exim's; so is the rest of a log that began
 * so, read by parts. */
static void test_exim_after_blank(void **state)
{
	const char *log = "\n" EXIM_FAILED "\n\n" EXIM_DEFERRED "\n";
	const char *second = "\n" EXIM_DEFERRED "\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, rcpt, "kijitora@example.jp");
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, rcpt, "mikeneko@example.jp");
	at = 0; /* the next read of the same file */
	assert_int_equal(next(second, &at, &r), 1);
	assert_field(&r, rcpt, "mikeneko@example.jp");
}

/* An arrival without id= (a message without a Message-ID) is no record;
 * with CRLF line ends, the id stops before the CR. */
static void test_exim_arrivals(void **state)
{
	const char *none = "2026-11-28 09:20:01 " EXIM_ID "<= news@example.jp "
			   "H=localhost [127.0.0.1] P=esmtp S=4410\n";
	const char *crlf = EXIM_ARRIVAL "\r\n";
	maillog_rec r;
	size_t at = 0;
	(void)state;
	assert_int_equal(maillog_next_any(&ctx, none, strlen(none), &at, &r), 0);
	at = 0;
	assert_int_equal(maillog_next_any(&ctx, crlf, strlen(crlf), &at, &r), 1);
	assert_field(&r, msgid, "20261128092001.GA31@example.jp");
}

/* A long line full of would-be marks gives nothing, and the failure line
 * after it is still read (the marks of one line are not all read). */
static void test_many_marks(void **state)
{
	size_t n = 200000, len, at = 0;
	const char *head = "Nov 28 09:12:02 mx1 app[1]:";
	char *log = malloc(strlen(head) + n * 5 + sizeof PF_BOUNCED + 4);
	maillog_rec r;
	size_t i;
	(void)state;
	assert_non_null(log);
	len = strlen(head);
	memcpy(log, head, len);
	for (i = 0; i < n; i++, len += 5)
		memcpy(log + len, " a ==", 5);
	log[len++] = '\n';
	memcpy(log + len, PF_BOUNCED "\n", sizeof PF_BOUNCED + 1);
	assert_int_equal(next(log, &at, &r), 1);
	assert_field(&r, rcpt, "userunknown@example.co.jp");
	assert_int_equal(next(log, &at, &r), 0);
	free(log);
}

/* scan --final keeps the Message-ID of each arrival by its queue id, as C
 * strings: a queue id or a Message-ID with a NUL in it (binary junk in a
 * log, found by fuzz_maillog) is not kept, and a real one still is. Under
 * the sanitizers, nothing leaks. */
static void test_last_ids(void **state)
{
	last_set s;
	maillog_rec r;
	char qid[16];
	int i;
	(void)state;
	memset(&s, 0, sizeof s);
	for (i = 0; i < 300; i++) {
		memset(&r, 0, sizeof r);
		snprintf(qid + 1, sizeof qid - 1, "Q%d", i);
		qid[0] = '\0';
		r.qid = bounce_s(qid, 1 + strlen(qid + 1));
		r.msgid = bounce_lit("<20261128091201.GA7@example.jp>");
		r.action = bounce_lit("arrived");
		assert_int_equal(last_add(&s, "mail.log", &r, bounce_lit("")), 0);
	}
	assert_int_equal(s.nid, 0);
	memset(&r, 0, sizeof r);
	r.qid = bounce_lit("4F1A21C0A3");
	r.msgid = bounce_lit("<20261128091201.GA7@example.jp>");
	r.action = bounce_lit("arrived");
	assert_int_equal(last_add(&s, "mail.log", &r, bounce_lit("")), 0);
	assert_string_equal(last_message_id(&s, "4F1A21C0A3"),
			    "<20261128091201.GA7@example.jp>");
	last_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_postfix_bounced, reset),
		cmocka_unit_test_teardown(test_postfix_softbounce, reset),
		cmocka_unit_test_teardown(test_last_ids, reset),
		cmocka_unit_test_teardown(test_quoted_local_parts, reset),
		cmocka_unit_test_teardown(test_exim_after_blank, reset),
		cmocka_unit_test_teardown(test_exim_arrivals, reset),
		cmocka_unit_test_teardown(test_many_marks, reset),
		cmocka_unit_test_teardown(test_postfix_deferred, reset),
		cmocka_unit_test_teardown(test_postfix_connect_timeout, reset),
		cmocka_unit_test_teardown(test_postfix_not_records, reset),
		cmocka_unit_test_teardown(test_postfix_expired, reset),
		cmocka_unit_test_teardown(test_postfix_iso_stamp, reset),
		cmocka_unit_test_teardown(test_dates, reset),
		cmocka_unit_test_teardown(test_message_ids, reset),
		cmocka_unit_test_teardown(test_postfix_exim_stamp, reset),
		cmocka_unit_test_teardown(test_sendmail_failed, reset),
		cmocka_unit_test_teardown(test_sendmail_sent_skipped, reset),
		cmocka_unit_test_teardown(test_sendmail_rcpt_list, reset),
		cmocka_unit_test_teardown(test_recipients, reset),
		cmocka_unit_test_teardown(test_smtpd_mta, reset),
		cmocka_unit_test_teardown(test_smtpd_mda_expire, reset),
		cmocka_unit_test_teardown(test_smtpd_results, reset),
		cmocka_unit_test_teardown(test_qmail_log, reset),
		cmocka_unit_test_teardown(test_qmail_no_start, reset),
		cmocka_unit_test_teardown(test_qmail_empty_failure, reset),
		cmocka_unit_test_teardown(test_qmail_long_start, reset),
		cmocka_unit_test_teardown(test_qmail_across_reads, reset),
		cmocka_unit_test_teardown(test_qmail_success_splogger, reset),
		cmocka_unit_test_teardown(test_qmail_late_splogger, reset),
		cmocka_unit_test_teardown(test_postfix_line_forms, reset),
		cmocka_unit_test_teardown(test_postfix_unread, reset),
		cmocka_unit_test_teardown(test_qmail_stamps, reset),
		cmocka_unit_test_teardown(test_exim_syslog_forms, reset),
		cmocka_unit_test_teardown(test_strangers_text, reset),
		cmocka_unit_test_teardown(test_pmta_quoted_line_end, reset),
		cmocka_unit_test_teardown(test_pmta_bounce, reset),
		cmocka_unit_test_teardown(test_pmta_quoted, reset),
		cmocka_unit_test_teardown(test_pmta_columns_and_types, reset),
		cmocka_unit_test_teardown(test_pmta_header, reset),
		cmocka_unit_test_teardown(test_pmta_crlf, reset),
		cmocka_unit_test_teardown(test_exim_log, reset),
		cmocka_unit_test_teardown(test_exim_not_records, reset),
		cmocka_unit_test_teardown(test_exim_syslog, reset),
		cmocka_unit_test_teardown(test_queue_ids_and_deliveries, reset),
		cmocka_unit_test_teardown(test_exim_pid, reset),
		cmocka_unit_test_teardown(test_order, reset),
		cmocka_unit_test_teardown(test_last_line, reset),
		cmocka_unit_test_teardown(test_crlf, reset),
		cmocka_unit_test_teardown(test_truncated, reset),
		cmocka_unit_test_teardown(test_command, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
